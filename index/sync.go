package index

import (
	"context"
	"fmt"
	"runtime"
	"sync"
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

// indexed is what the index holds about one article.
type indexed struct {
	hash            string
	passages, facts int
}

// batchOps is how many document writes go into one bleve batch. An
// article's documents always go into the same batch, so after a crash each
// article is either wholly old or wholly new and the next Sync finishes.
const batchOps = 2000

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
	defer func() {
		ix.newestMu.Lock()
		ix.newestOK = false
		ix.newestMu.Unlock()
	}()

	have, err := ix.indexedArticles(ctx)
	if err != nil {
		return st, err
	}

	type job struct {
		art *corpus.Article
		old *indexed
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

	b := ix.bl.NewBatch()
	ops := 0
	flush := func() error {
		if ops == 0 {
			return nil
		}
		// the stored newest fact date may change with this batch
		b.DeleteInternal(newestKey)
		if err := ix.bl.Batch(b); err != nil {
			return fmt.Errorf("index: write batch: %w", err)
		}
		b.Reset()
		ops = 0
		return nil
	}
	deleteAll := func(id string, old indexed) {
		for i := 0; i < old.passages; i++ {
			b.Delete(passageDocID(id, i))
		}
		for i := 0; i < old.facts; i++ {
			b.Delete(factDocID(id, i))
		}
		b.Delete(articleDocID(id))
		ops += old.passages + old.facts + 1
	}

	// Removed articles first: no extraction needed.
	for id, old := range have {
		if seen[id] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return st, fmt.Errorf("index: sync: %w", err)
		}
		deleteAll(id, old)
		st.Removed++
		if ops >= batchOps {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}

	// Extraction and document building run in parallel; writing stays on
	// this goroutine, in corpus order.
	type built struct {
		docs []doc
		err  error
	}
	results := make([]chan built, len(todo))
	for i := range results {
		results[i] = make(chan built, 1)
	}
	workCtx, cancel := context.WithCancel(ctx)
	next := make(chan int)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := todo[i].art
				set := ix.safeExtract(extract, a)
				docs, err := articleDocs(a, set, articleHash(a, ix.factsVer))
				results[i] <- built{docs, err}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range todo {
			select {
			case next <- i:
			case <-workCtx.Done():
				return
			}
		}
	}()

	for i, j := range todo {
		var r built
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return st, fmt.Errorf("index: sync: %w", ctx.Err())
		}
		if r.err != nil {
			return st, r.err
		}
		if j.old != nil {
			deleteAll(j.art.ID, *j.old)
			st.Updated++
		} else {
			st.Added++
		}
		for _, d := range r.docs {
			if err := b.Index(d.id, d.body); err != nil {
				return st, fmt.Errorf("index: map %s: %w", d.id, err)
			}
			switch d.body[docField] {
			case docPassage:
				st.Passages++
			case docFact:
				st.Facts++
			}
		}
		ops += len(r.docs)
		if ops >= batchOps {
			if err := flush(); err != nil {
				return st, err
			}
		}
		tick()
	}
	if err := flush(); err != nil {
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
