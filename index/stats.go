package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Stats describes what the index holds.
type Stats struct {
	Articles, Passages, Facts int
	// Newest are up to five dated articles, newest first.
	Newest []Meta
	// Undated counts articles without a date.
	Undated int
}

// Stats counts the index's articles, passages and facts. Counting walks
// every posting list, so the result is kept until the next Sync, the only
// writer.
func (ix *Index) Stats(ctx context.Context) (Stats, error) {
	ix.statsMu.Lock()
	defer ix.statsMu.Unlock()
	if ix.stats != nil {
		return *ix.stats, nil
	}
	st, err := ix.countStats(ctx)
	if err == nil {
		ix.stats = &st
	}
	return st, err
}

// forgetStats drops the cached Stats after a write.
func (ix *Index) forgetStats() {
	ix.statsMu.Lock()
	ix.stats = nil
	ix.statsMu.Unlock()
}

func (ix *Index) countStats(ctx context.Context) (Stats, error) {
	var st Stats
	counts := []struct {
		q   query.Query
		dst *int
	}{
		{term(docField, docArticle), &st.Articles},
		{term(docField, docPassage), &st.Passages},
		{term(docField, docFact), &st.Facts},
		{bleve.NewConjunctionQuery(term(docField, docArticle), term(datedField, "no")), &st.Undated},
	}
	for _, c := range counts {
		res, err := ix.bl.SearchInContext(ctx, bleve.NewSearchRequestOptions(c.q, 0, 0, false))
		if err != nil {
			return st, fmt.Errorf("index: stats: %w", err)
		}
		*c.dst = int(res.Total)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(term(docField, docArticle), term(datedField, "yes")), 5, 0, false)
	req.Fields = []string{"id", "title", "outlet", "day", "path", "url"}
	req.SortBy([]string{"-" + sortField, "_id"})
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return st, fmt.Errorf("index: stats: %w", err)
	}
	for _, h := range res.Hits {
		st.Newest = append(st.Newest, metaOf(h))
	}
	return st, nil
}
