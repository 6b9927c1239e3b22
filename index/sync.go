package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// SyncStats says what a Sync did.
type SyncStats struct {
	Added, Updated, Removed, Unchanged int
	// Skipped counts articles left out: an empty id, or an id already seen
	// earlier in the same call (the first one wins; each is logged).
	Skipped int
	// Passages and Facts count the documents written by this call.
	Passages, Facts int
	Took            time.Duration
}

// Add counts o into st.
func (st *SyncStats) Add(o SyncStats) {
	st.Added += o.Added
	st.Updated += o.Updated
	st.Removed += o.Removed
	st.Unchanged += o.Unchanged
	st.Skipped += o.Skipped
	st.Passages += o.Passages
	st.Facts += o.Facts
	st.Took += o.Took
}

// Prune deletes every indexed article whose id keep refuses, as Update
// deletes: after a sync made a part at a time, it removes what the index
// held beyond the corpus.
func (ix *Index) Prune(ctx context.Context, keep func(id string) bool) (SyncStats, error) {
	have, err := ix.indexedArticles(ctx)
	if err != nil {
		return SyncStats{}, err
	}
	var gone []string
	for id := range have {
		if !keep(id) {
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 {
		return SyncStats{}, nil
	}
	return ix.Update(ctx, nil, gone, nil)
}

// indexed is what the index holds about one article.
type indexed struct {
	hash            string
	passages, facts int
}

// batchOps is how many document writes go into one bleve batch (see
// write): few, large batches mean few segments to merge; Index.batchOps
// starts at it, so that tests can lower it.
const batchOps = 4000

// Sync makes the index hold exactly arts. An article whose hash is
// unchanged is left alone; a changed one has all its documents (passages
// and facts) deleted and written again; an article no longer in arts is
// deleted. extract may be nil (no facts); it is called from several
// goroutines at once. progress, if not nil, is called from this goroutine
// after each article.
func (ix *Index) Sync(ctx context.Context, arts []*corpus.Article, extract func(*corpus.Article) facts.Set, progress func(done, total int)) (SyncStats, error) {
	defer ix.forgetStats()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	began := time.Now()
	var st SyncStats
	// Any write below may change the newest fact date.
	defer ix.forgetNewest()

	have, err := ix.indexedArticles(ctx)
	if err != nil {
		return st, err
	}

	var todo []job
	seen := make(map[string]bool, len(arts))
	done, total := 0, len(arts)
	tick := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	for _, a := range arts {
		switch {
		case a == nil || a.ID == "":
			st.Skipped++
			ix.log.Warn("article without id skipped")
			tick()
			continue
		case seen[a.ID]:
			st.Skipped++
			ix.log.Warn("repeated article id skipped", "article_id", a.ID, "path", a.Path)
			tick()
			continue
		}
		seen[a.ID] = true
		old, ok := have[a.ID]
		if ok && old.hash == articleHash(a, ix.factsVer) {
			st.Unchanged++
			tick()
			continue
		}
		j := job{art: a}
		if ok {
			o := old
			j.old = &o
		}
		todo = append(todo, j)
	}

	var gone []string
	for id := range have {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	if err := ix.write(ctx, todo, gone, have, extract, &st, tick); err != nil {
		return st, err
	}
	st.Took = time.Since(began)
	ix.log.Info("index synced", "dir", ix.dir, "added", st.Added, "updated", st.Updated,
		"removed", st.Removed, "unchanged", st.Unchanged, "skipped", st.Skipped,
		"passages", st.Passages, "facts", st.Facts, "took_ms", st.Took.Milliseconds())
	return st, nil
}

// safeExtract runs extract, turning a panic into a logged article without
// facts: one bad article must not stop a rebuild of the archive.
func (ix *Index) safeExtract(extract func(*corpus.Article) facts.Set, a *corpus.Article) (set facts.Set) {
	if extract == nil {
		return facts.Set{}
	}
	defer func() {
		if r := recover(); r != nil {
			ix.log.Error("fact extraction panicked; article indexed without facts", "article_id", a.ID, "panic", fmt.Sprint(r))
			set = facts.Set{}
		}
	}()
	return extract(a)
}

// indexedArticles reads the hash and document counts of every indexed
// article, a page at a time.
func (ix *Index) indexedArticles(ctx context.Context) (map[string]indexed, error) {
	const page = 5000
	out := map[string]indexed{}
	var after []string
	for {
		q := bleve.NewTermQuery(docArticle)
		q.SetField(docField)
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = []string{"id", hashField, npassField, nfactField}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bl.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: list articles: %w", err)
		}
		for _, h := range res.Hits {
			id, _ := h.Fields["id"].(string)
			out[id] = indexed{
				hash:     str(h.Fields[hashField]),
				passages: num(h.Fields[npassField]),
				facts:    num(h.Fields[nfactField]),
			}
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = lastSort(res.Hits)
	}
}

func lastSort(hits search.DocumentMatchCollection) []string {
	return hits[len(hits)-1].Sort
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}
