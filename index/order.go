package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

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
// candidate. Instead top reads a little past the page (one hit for a
// request sorted by fields, a few pages for one ranked by score, which
// costs little more): only when a tie crosses the page's edge and runs
// past what was read is the request run again (see widen). Ties inside
// what was read are put in id order here.
func (ix *Index) top(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	want := req.Size
	// a score-ranked request reads a few pages at once: copies of one
	// wire story tie, and the window then usually holds the whole tie
	// without running the query again (see widen)
	req.Size = want + 1
	if byScore(req) {
		req.Size = cap4(want)
	}
	res, err := ix.bl.SearchInContext(ctx, req)
	req.Size = want
	if err != nil {
		return nil, err
	}
	if len(res.Hits) > want && want > 0 && sameRank(res.Hits[want-1], res.Hits[want]) {
		// a tie crosses the page's edge; a window that ends inside it
		// holds it whole already
		if n := len(res.Hits); !byScore(req) || n == cap4(want) && sameRank(res.Hits[want-1], res.Hits[n-1]) {
			if res, err = ix.widen(ctx, req, res); err != nil {
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

// widen runs req again so that the tie crossing the page's edge comes
// back whole, or in id order. Asking bleve to sort by id as well would
// load the id of every candidate, the costliest step of a query over
// many copies of the same wire story, so:
//   - a request ranked by score reads growing windows, ranked as before,
//     until the tie ends inside one (orderTies then puts it in id order);
//   - a request sorted newest first reads the tied day alone, in id order;
//   - only what neither fits is sorted by id whole.
//
// Two scores that differ only in their last bits (the same sum added in
// another order, as bleve does for documents in other segments) tie for
// sameRank but not for bleve's sort; the windows hold both.
func (ix *Index) widen(ctx context.Context, req *bleve.SearchRequest, res *bleve.SearchResult) (*bleve.SearchResult, error) {
	want := req.Size
	if byScore(req) {
		for n := 4 * cap4(want); n <= maxTieWindow; n *= 4 {
			again := *req
			again.Size = n
			more, err := ix.bl.SearchInContext(ctx, &again)
			if err != nil {
				return nil, err
			}
			if len(more.Hits) < n || !sameRank(more.Hits[want-1], more.Hits[n-1]) {
				return more, nil
			}
		}
	} else if day, ok := tiedDay(req, res.Hits[want-1]); ok {
		k := 0 // hits of days after the tied one
		for k < want && res.Hits[k].Sort[0] != res.Hits[want-1].Sort[0] {
			k++
		}
		again := *req
		again.Query = bleve.NewConjunctionQuery(req.Query, term(sortField, day))
		again.Sort = search.SortOrder{&search.SortDocID{}}
		again.Size = want - k
		tie, err := ix.bl.SearchInContext(ctx, &again)
		if err != nil {
			return nil, err
		}
		out := *res
		out.Hits = append(slices.Clone(res.Hits[:k]), tie.Hits...)
		return &out, nil
	}
	again := *req
	sort := slices.Clone(req.Sort)
	if len(sort) == 0 {
		sort = search.SortOrder{&search.SortScore{Desc: true}}
	}
	again.Sort = append(sort, &search.SortDocID{})
	return ix.bl.SearchInContext(ctx, &again)
}

// cap4 is the first window top reads for a score-ranked page of want.
func cap4(want int) int { return min(max(4*(want+1), want+1), maxTieWindow) }

// maxTieWindow bounds the windows widen reads for a tie ranked by score.
const maxTieWindow = 1024

// tiedDay is the day a request sorted by sort_day alone ties on at hit h,
// when h has one (undated documents tie on no term).
func tiedDay(req *bleve.SearchRequest, h *search.DocumentMatch) (string, bool) {
	if len(req.Sort) != 1 || len(h.Sort) != 1 {
		return "", false
	}
	f, ok := req.Sort[0].(*search.SortField)
	if !ok || f.Field != sortField {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", h.Sort[0]); err != nil {
		return "", false
	}
	return h.Sort[0], true
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
