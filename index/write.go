package index

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// job is one article to (re)index; old is what the index held of it.
type job struct {
	art *corpus.Article
	old *indexed
}

// Update indexes upsert (new or changed articles, replacing all their
// documents) and deletes the articles whose ids are in remove, without
// looking at any other article. An upsert whose hash is unchanged is
// skipped; an id both upserted and removed is upserted (the article is
// there after the call); removing an id the index lacks does nothing.
// It is crash-safe like Sync: each article is wholly old or wholly new.
func (ix *Index) Update(ctx context.Context, upsert []*corpus.Article, remove []string, extract func(*corpus.Article) facts.Set) (SyncStats, error) {
	defer ix.forgetStats()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	began := time.Now()
	var st SyncStats
	defer ix.forgetNewest()

	seen := make(map[string]bool, len(upsert))
	var arts []*corpus.Article
	ids := make([]string, 0, len(upsert)+len(remove))
	for _, a := range upsert {
		switch {
		case a == nil || a.ID == "":
			st.Skipped++
			ix.log.Warn("article without id skipped")
			continue
		case seen[a.ID]:
			st.Skipped++
			ix.log.Warn("repeated article id skipped", "article_id", a.ID, "path", a.Path)
			continue
		}
		seen[a.ID] = true
		arts = append(arts, a)
		ids = append(ids, a.ID)
	}
	var gone []string
	for _, id := range remove {
		if id != "" && !seen[id] {
			seen[id] = true
			gone = append(gone, id)
			ids = append(ids, id)
		}
	}
	have, err := ix.lookupArticles(ctx, ids)
	if err != nil {
		return st, err
	}
	var todo []job
	for _, a := range arts {
		old, ok := have[a.ID]
		if ok && old.hash == articleHash(a, ix.factsVer) {
			st.Unchanged++
			continue
		}
		j := job{art: a}
		if ok {
			o := old
			j.old = &o
		}
		todo = append(todo, j)
	}
	present := gone[:0]
	for _, id := range gone {
		if _, ok := have[id]; ok {
			present = append(present, id)
		}
	}
	if err := ix.write(ctx, todo, present, have, extract, &st, func() {}); err != nil {
		return st, err
	}
	st.Took = time.Since(began)
	ix.log.Info("index updated", "dir", ix.dir, "added", st.Added, "updated", st.Updated,
		"removed", st.Removed, "unchanged", st.Unchanged, "skipped", st.Skipped,
		"passages", st.Passages, "facts", st.Facts, "took_ms", st.Took.Milliseconds())
	return st, nil
}

// ArticleHash reports the stored content hash of the article id ("" when
// the index lacks it), so that callers can skip unchanged files. It is
// the hash Sync compares: the corpus hash with the facts version.
func (ix *Index) ArticleHash(ctx context.Context, id string) (string, error) {
	have, err := ix.lookupArticles(ctx, []string{id})
	if err != nil {
		return "", err
	}
	return have[id].hash, nil
}

// HashOf is the hash ArticleHash reports once a is indexed: compare the
// two to tell whether a file changed.
func (ix *Index) HashOf(a *corpus.Article) string { return articleHash(a, ix.factsVer) }

func (ix *Index) forgetNewest() {
	ix.newestMu.Lock()
	ix.newestOK = false
	ix.newestMu.Unlock()
}

// lookupArticles reads what the index holds of the given article ids;
// absent ones get no entry.
func (ix *Index) lookupArticles(ctx context.Context, ids []string) (map[string]indexed, error) {
	const page = 1000
	out := make(map[string]indexed, len(ids))
	for len(ids) > 0 {
		n := min(page, len(ids))
		docIDs := make([]string, n)
		for i, id := range ids[:n] {
			docIDs[i] = articleDocID(id)
		}
		ids = ids[n:]
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(docIDs), n, 0, false)
		req.Fields = []string{"id", hashField, npassField, nfactField}
		res, err := ix.bl.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: look up articles: %w", err)
		}
		for _, h := range res.Hits {
			out[str(h.Fields["id"])] = indexed{
				hash:     str(h.Fields[hashField]),
				passages: num(h.Fields[npassField]),
				facts:    num(h.Fields[nfactField]),
			}
		}
	}
	return out, nil
}

// inFlight bounds the articles extracted and analysed ahead of the
// writer, so that a build's memory does not grow with the corpus.
const inFlight = 128

// built is one article's analysed documents, ready for a batch.
type built struct {
	docs            []*document.Document
	passages, facts int
	err             error
}

// write deletes the articles in gone (whose documents have describes) and
// (re)indexes todo. Extraction, document building and analysis run on
// GOMAXPROCS workers, a bounded window ahead of the writer; writing stays
// on this goroutine, in todo's order. An article's documents always go
// into one bleve batch, so after a crash each article is wholly old or
// wholly new and the next Sync finishes the work. tick is called after
// each article of todo.
func (ix *Index) write(ctx context.Context, todo []job, gone []string, have map[string]indexed, extract func(*corpus.Article) facts.Set, st *SyncStats, tick func()) error {
	// Batches are written on their own goroutine, one at a time and in
	// order, while the next one fills: bleve builds a batch's segment and
	// waits for it to be on disk inside Batch.
	b := ix.bl.NewBatch()
	ops := 0
	var pending chan error // the batch being written, if any
	wait := func() error {
		if pending == nil {
			return nil
		}
		err := <-pending
		pending = nil
		return err
	}
	defer wait()
	flush := func() error {
		if err := wait(); err != nil {
			return err
		}
		if ops == 0 {
			return nil
		}
		// the stored newest fact date may change with this batch
		b.DeleteInternal(newestKey)
		done := make(chan error, 1)
		go func(b *bleve.Batch) {
			err := ix.bl.Batch(b)
			ix.recs.forget()
			if err != nil {
				done <- fmt.Errorf("index: write batch: %w", err)
			}
			close(done)
		}(b)
		pending = done
		b = ix.bl.NewBatch()
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

	// Removed articles first: no extraction needed. Sorted, so that a
	// crash leaves the same prefix done whatever the map order.
	sort.Strings(gone)
	for _, id := range gone {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: sync: %w", err)
		}
		deleteAll(id, have[id])
		st.Removed++
		if ops >= ix.batchOps {
			if err := flush(); err != nil {
				return err
			}
		}
	}

	window := min(inFlight, len(todo))
	ring := make([]chan built, window)
	for i := range ring {
		ring[i] = make(chan built, 1)
	}
	slots := make(chan struct{}, window) // one per article in flight
	workCtx, cancel := context.WithCancel(ctx)
	next := make(chan int)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ring[i%window] <- ix.build(todo[i].art, extract)
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range todo {
			select {
			case slots <- struct{}{}:
			case <-workCtx.Done():
				return
			}
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
		case r = <-ring[i%window]:
			<-slots
		case <-ctx.Done():
			return fmt.Errorf("index: sync: %w", ctx.Err())
		}
		if r.err != nil {
			return r.err
		}
		if j.old != nil {
			deleteAll(j.art.ID, *j.old)
			st.Updated++
		} else {
			st.Added++
		}
		for _, d := range r.docs {
			if err := b.IndexAdvanced(d); err != nil {
				return fmt.Errorf("index: add %s: %w", d.ID(), err)
			}
		}
		st.Passages += r.passages
		st.Facts += r.facts
		ops += len(r.docs)
		if ops >= ix.batchOps {
			if err := flush(); err != nil {
				return err
			}
		}
		tick()
	}
	if err := flush(); err != nil {
		return err
	}
	return wait()
}

// build extracts a's facts and makes its documents, analysed.
func (ix *Index) build(a *corpus.Article, extract func(*corpus.Article) facts.Set) built {
	set := ix.safeExtract(extract, a)
	docs, err := articleDocs(a, set, articleHash(a, ix.factsVer))
	if err != nil {
		return built{err: err}
	}
	out := built{docs: make([]*document.Document, len(docs))}
	m := ix.bl.Mapping()
	var passes []passage // analysed so far; passages come first in docs
	for i, d := range docs {
		switch d.body[docField] {
		case docPassage:
			out.passages++
		case docFact:
			out.facts++
		}
		doc := document.NewDocument(d.id)
		if err := m.MapDocument(doc, d.body); err != nil {
			return built{err: fmt.Errorf("index: map %s: %w", d.id, err)}
		}
		// No query reads _all, and every field is left out of it; an
		// empty composite field still costs its share of each segment.
		doc.CompositeFields = nil
		var textToks analysis.TokenStream
		for k, f := range doc.Fields {
			af := &analyzed{Field: f}
			if f.Options().IsIndexed() {
				var span *[2]int
				switch f.Name() {
				case "sentence":
					span = d.sent
				case "quote":
					span = d.quote
				}
				if toks, ok := passageTerms(passes, span); ok {
					af.length, af.freqs = len(toks), analysis.TokenFrequency(toks, nil, f.Options())
					doc.Fields[k] = af
					continue
				}
				switch f.Name() {
				case textField:
					textToks = ix.analyzer.Analyze(bytes.Clone(f.Value()))
					af.length, af.freqs = len(textToks), analysis.TokenFrequency(textToks, nil, f.Options())
					if d.body[docField] == docPassage {
						passes = append(passes, passage{d.span, textToks})
					}
				case pairsField:
					// the pairs of the text's words, analysed once (the
					// text field comes first in the mapping)
					if textToks == nil {
						textToks = ix.analyzer.Analyze(bytes.Clone(f.Value()))
					}
					pairs := ix.pairFilter.Filter(textToks)
					af.length, af.freqs = len(pairs), analysis.TokenFrequency(pairs, nil, f.Options())
				default:
					f.Analyze()
					af.length, af.freqs = f.AnalyzedLength(), f.AnalyzedTokenFrequencies()
				}
			}
			doc.Fields[k] = af
		}
		out.docs[i] = doc
	}
	return out
}

// passage is a passage's span in its article's text and its terms.
type passage struct {
	span [2]int
	toks analysis.TokenStream
}

// passageTerms gives the terms of the text at span (article offsets) from
// the passage holding it, analysed already: a fact's sentence and quote
// are the passage's words again. It refuses a span outside every passage
// and one whose edge cuts a term ("125" of "125,000"), which analysed
// alone would give other terms.
func passageTerms(passes []passage, span *[2]int) (analysis.TokenStream, bool) {
	if span == nil {
		return nil, false
	}
	for _, p := range passes {
		if span[0] < p.span[0] || span[1] > p.span[1] {
			continue
		}
		lo, hi := span[0]-p.span[0], span[1]-p.span[0]
		var out analysis.TokenStream
		for _, t := range p.toks {
			if t.Start < lo && t.End > lo || t.Start < hi && t.End > hi {
				return nil, false
			}
			if t.Start >= lo && t.End <= hi {
				out = append(out, t)
			}
		}
		return out, true
	}
	return nil, false
}

// analyzed is a field analysed by build, on the workers: scorch analyses
// a batch's documents again, on its own queue, as it adds them, and
// this makes that a no-op.
type analyzed struct {
	document.Field
	length int
	freqs  index.TokenFrequencies
}

func (*analyzed) Analyze()                                           {}
func (f *analyzed) AnalyzedLength() int                              { return f.length }
func (f *analyzed) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
