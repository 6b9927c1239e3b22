package index

import (
	"context"
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
			again := *req
			again.Sort = append(slices.Clone(req.Sort), &search.SortDocID{})
			if res, err = ix.bl.SearchInContext(ctx, &again); err != nil {
				return nil, err
			}
		}
		if len(res.Hits) > want {
			res.Hits = res.Hits[:want]
		}
	}
	orderTies(res.Hits)
	return res, nil
}

// sameRank reports whether bleve ranks a and b alike: the same score and
// the same sort values. A request sorted by score alone carries the
// constant "_score" as its sort value, so the score decides.
func sameRank(a, b *search.DocumentMatch) bool {
	if a.Score != b.Score || len(a.Sort) != len(b.Sort) {
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
