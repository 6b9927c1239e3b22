package index

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// top runs a ranked request and returns its page in an order that depends
// only on the documents, never on how bleve laid them out in segments.
// bleve breaks ties between equal scores (or equal sort values) by the
// order it meets documents, which changes with every batch and merge: the
// same corpus rebuilt could answer the same question in another order, or
// with another document at the page's edge. Ties are broken by document
// id, ascending.
//
// Sorting every request by id as well would load the id of every
// candidate. Instead top asks for one hit more than the page: only when
// that hit ties with the page's last does a tie cross the edge, and only
// then is the request run again with the id as last sort key. Ties inside
// the page are put in id order here.
func (ix *Index) top(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	want := req.Size
	req.Size = want + 1
	res, err := ix.bl.SearchInContext(ctx, req)
	req.Size = want
	if err != nil {
		return nil, err
	}
	if len(res.Hits) > want {
		if want > 0 && sameRank(res.Hits[want-1], res.Hits[want]) {
			if res, err = ix.widen(ctx, req); err != nil {
				return nil, err
			}
		}
	}
	orderTies(res.Hits)
	if len(res.Hits) > want {
		res.Hits = res.Hits[:want]
	}
	return res, nil
}

// widen runs req again, with the id as its last sort key, so that the
// tie crossing the page's edge comes back in id order. A request ranked by
// score reads a page more: two scores that differ only in their last bits
// (the same sum added up in another order, as bleve does for documents in
// other segments) tie for sameRank but not for bleve's sort, so a tie can
// come back split in two runs around a slightly other score; orderTies
// then sorts the window's ties by id as one.
func (ix *Index) widen(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	again := *req
	sort := slices.Clone(req.Sort)
	if len(sort) == 0 {
		sort = search.SortOrder{&search.SortScore{Desc: true}}
	}
	again.Sort = append(sort, &search.SortDocID{})
	if byScore(req) {
		again.Size = 2*req.Size + 1
	}
	return ix.bl.SearchInContext(ctx, &again)
}

// byScore reports whether req is ranked by score alone.
func byScore(req *bleve.SearchRequest) bool {
	for _, s := range req.Sort {
		if f, ok := s.(*search.SortScore); !ok || !f.Desc {
			return false
		}
	}
	return true
}

// sameRank reports whether bleve ranks a and b alike: the same score and
// the same sort values. A request sorted by score alone carries the
// constant "_score" as its sort value, so the score decides.
func sameRank(a, b *search.DocumentMatch) bool {
	if !sameScore(a.Score, b.Score) || len(a.Sort) != len(b.Sort) {
		return false
	}
	for i := range a.Sort {
		// the id key added by top is not part of the rank
		if a.Sort[i] != b.Sort[i] && !(i == len(a.Sort)-1 && a.ID == a.Sort[i] && b.ID == b.Sort[i]) {
			return false
		}
	}
	return true
}

// sameScore reports whether two scores are equal but for rounding: bleve
// adds the same terms' scores in another order when the documents lie in
// other segments, so a rebuilt index can give a tie back as two scores a
// few ulps apart.
func sameScore(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// orderTies sorts each run of equally ranked hits by document id.
func orderTies(hits search.DocumentMatchCollection) {
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && sameRank(hits[i], hits[j]) {
			j++
		}
		if j-i > 1 {
			slices.SortStableFunc(hits[i:j], func(a, b *search.DocumentMatch) int { return strings.Compare(a.ID, b.ID) })
		}
		i = j
	}
}
