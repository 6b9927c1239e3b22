package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/newsroom/newsbot/corpus/facts"
)

// Fact types, for FactQuery.Kind.
const (
	KindStatement = "statement"
	KindToll      = "toll"
	KindControl   = "control"
)

// FactQuery selects facts. Every non-empty field narrows the result; an
// empty query returns facts of every kind, newest first.
type FactQuery struct {
	// Kind is KindStatement, KindToll or KindControl; "" is any.
	Kind string
	// Speaker must match, word for word after analysis, the speaker or
	// role: "Peskov", "Kremlin spokesman" and "Kremlin" all find Dmitry
	// Peskov, Kremlin spokesman.
	Speaker string
	// Place must match the place of a toll or control claim (all its
	// words). Statements have no place; use Text for them.
	Place string
	// Category is a toll category (facts.Killed, ...) or a control status
	// (facts.Seized, ...), matched exactly.
	Category string
	// Text ranks facts by relevance to the quote and evidence sentence.
	// With a Speaker, Place or Category filter it only ranks; without one
	// a fact must share at least one word with Text (so that a query never
	// scores every fact in the archive). Without Text facts come newest
	// first, undated ones last.
	Text string
	// From and To bound the fact's date (the article's when the fact has
	// none), both inclusive. Undated facts are left out when either is set.
	From, To time.Time
	// Size is 10 when 0, at most MaxSize.
	Size int
}

// FactHit is one fact, decoded from the index. Exactly one of Statement,
// Toll and Control is set.
type FactHit struct {
	Meta      Meta
	Statement *facts.Statement
	Toll      *facts.Toll
	Control   *facts.Control
	Score     float64
}

// factFields is what a fact hit loads: nothing, since the fact and its
// article come from the article's record.
var factFields []string

// Facts returns the facts matching q. Filters are term and match queries
// on small fields, so a query stays cheap on a large archive.
func (ix *Index) Facts(ctx context.Context, q FactQuery) ([]FactHit, error) {
	switch q.Kind {
	case "", KindStatement, KindToll, KindControl:
	default:
		return nil, fmt.Errorf("index: facts: unknown kind %q (want statement, toll or control)", q.Kind)
	}
	// a kind implies a fact document; the doc-type term, with a posting
	// for every fact, is only needed when no kind narrows the search
	var must []query.Query
	if q.Kind != "" {
		must = append(must, term(factField, q.Kind))
	} else {
		must = append(must, term(docField, docFact))
	}
	if s := strings.TrimSpace(q.Speaker); s != "" {
		must = append(must, matchAll(whoField, s))
	}
	if p := strings.TrimSpace(q.Place); p != "" {
		must = append(must, matchAll("place", p))
	}
	if c := strings.TrimSpace(q.Category); c != "" {
		c = strings.ToLower(c)
		switch q.Kind {
		case KindToll:
			must = append(must, term("category", c))
		case KindControl:
			must = append(must, term("status", c))
		default:
			must = append(must, bleve.NewDisjunctionQuery(term("category", c), term("status", c)))
		}
	}
	selective := len(must) > 1 // a speaker, place or category besides the kind
	size := clampSize(q.Size)
	var res *bleve.SearchResult
	var err error
	if strings.TrimSpace(q.Text) != "" {
		res, err = ix.rankedFacts(ctx, must, q, selective, size)
	} else {
		// a named speaker ("Peskov") or place ("Khan Sheikhun") keeps the
		// match set small enough to sort whole; a role ("spokesman") or a
		// country ("Syria") may not: count them first
		narrow := false
		if s := strings.TrimSpace(q.Speaker); s != "" {
			if narrow, err = ix.rareIn(ctx, whoField, s, ix.speakerSortMax); err != nil {
				return nil, err
			}
		}
		if !narrow && strings.TrimSpace(q.Place) != "" {
			if narrow, err = ix.rareIn(ctx, "place", q.Place, sortWholeMax); err != nil {
				return nil, err
			}
		}
		res, err = ix.newestFacts(ctx, must, q.From, q.To, size, narrow)
	}
	if err != nil {
		return nil, err
	}
	return ix.factHits(ctx, res.Hits)
}

// factHits decodes fact hits from their articles' records.
func (ix *Index) factHits(ctx context.Context, hits search.DocumentMatchCollection) ([]FactHit, error) {
	ids := make([]string, 0, len(hits))
	for _, h := range hits {
		if id, _, ok := splitDocID(h.ID); ok {
			ids = append(ids, id)
		}
	}
	recs, err := ix.records(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]FactHit, 0, len(hits))
	for _, h := range hits {
		id, n, _ := splitDocID(h.ID)
		rec := recs[id]
		if rec == nil || n < 0 || n >= len(rec.facts) {
			return nil, fmt.Errorf("index: facts: decode %s: no such fact in its record", h.ID)
		}
		f, err := rec.unpackFact(rec.facts[n])
		if err != nil {
			return nil, fmt.Errorf("index: facts: decode %s: %w", h.ID, err)
		}
		fh := FactHit{Meta: rec.meta, Score: h.Score}
		switch f := f.(type) {
		case *facts.Statement:
			fh.Statement = f
		case *facts.Toll:
			fh.Toll = f
		case *facts.Control:
			fh.Control = f
		}
		out = append(out, fh)
	}
	return out, nil
}

// rankedFacts orders facts by relevance of their quote and evidence
// sentence to q.Text. With a selective filter (speaker, place, category)
// the text only ranks; without one, a fact must share a word with the
// text, so a query never scores every fact of a kind.
func (ix *Index) rankedFacts(ctx context.Context, must []query.Query, q FactQuery, selective bool, size int) (*bleve.SearchResult, error) {
	if dq := dayRange(q.From, q.To); dq != nil {
		must = append(must, dq)
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(must...)
	quote := bleve.NewMatchQuery(q.Text)
	quote.SetField("quote")
	quote.SetBoost(2)
	sent := bleve.NewMatchQuery(q.Text)
	sent.SetField("sentence")
	bq.AddShould(quote, sent)
	if selective {
		bq.SetMinShould(0)
	} else {
		bq.SetMinShould(1)
	}
	req := bleve.NewSearchRequestOptions(bq, size, 0, false)
	req.Fields = factFields
	res, err := ix.top(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: facts: %w", err)
	}
	return res, nil
}

// newestFacts returns facts newest first, undated ones last. Sorting every
// fact of a kind by date costs a doc-values read per fact, so it first
// looks in growing windows below the newest fact date and stops at the
// first window that fills the page: everything outside it is older.
func (ix *Index) newestFacts(ctx context.Context, must []query.Query, from, to time.Time, size int, narrow bool) (*bleve.SearchResult, error) {
	run := func(from, to time.Time) (*bleve.SearchResult, error) {
		qs := must
		if dq := dayRange(from, to); dq != nil {
			qs = append(slices.Clone(must), dq)
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(qs...), size, 0, false)
		req.Fields = factFields
		req.Score = bleve.ScoreNone
		req.SortBy([]string{"-" + sortField})
		res, err := ix.top(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: facts: %w", err)
		}
		return res, nil
	}
	if narrow {
		return run(from, to)
	}
	runMonths := func(months []string) (*bleve.SearchResult, error) {
		terms := make([]query.Query, len(months))
		for i, m := range months {
			terms[i] = term(monthField, m)
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(append(slices.Clone(must), bleve.NewDisjunctionQuery(terms...))...), size, 0, false)
		req.Fields = factFields
		req.Score = bleve.ScoreNone
		req.SortBy([]string{"-" + sortField})
		res, err := ix.top(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: facts: %w", err)
		}
		return res, nil
	}
	newest, err := ix.newestFactDate(ctx)
	if err != nil {
		return nil, err
	}
	if !newest.IsZero() && from.IsZero() && to.IsZero() {
		// windows of whole months back from the newest fact: everything
		// outside a window is older than everything inside it
		for i, months := range []int{1, 2, 12, 48} {
			res, err := runMonths(monthsBack(newest, months))
			if err != nil {
				return nil, err
			}
			if len(res.Hits) >= size {
				return res, nil
			}
			if i == 0 && len(must) > 2 {
				// a sparse mix of common filters ("injured" in "Aleppo"):
				// when the whole match is small, one sort beats the windows
				if few, err := ix.fewerThan(ctx, must, sortWholeMax); err != nil {
					return nil, err
				} else if few {
					return run(from, to)
				}
			}
		}
	} else if !newest.IsZero() {
		for _, w := range []time.Duration{8 * day, 46 * day, 366 * day, 4 * 366 * day} {
			start := newest.Add(-w)
			if !from.IsZero() && !start.After(from) {
				break // the window holds all of [from, to]
			}
			res, err := run(start, to)
			if err != nil {
				return nil, err
			}
			if len(res.Hits) >= size {
				return res, nil
			}
		}
	}
	return run(from, to)
}

const day = 24 * time.Hour

// dayRange bounds a fact's sort_day (YYYY-MM-DD, which sorts like the
// date), both ends inclusive; nil when neither is set.
func dayRange(from, to time.Time) query.Query {
	if from.IsZero() && to.IsZero() {
		return nil
	}
	lo, hi := "0000-00-00", "9999-99-99"
	if !from.IsZero() {
		lo = from.Format("2006-01-02")
	}
	if !to.IsZero() {
		hi = to.Format("2006-01-02")
	}
	yes := true
	q := bleve.NewTermRangeInclusiveQuery(lo, hi, &yes, &yes)
	q.SetField(sortField)
	return q
}

// monthsBack lists the n months ending with t's, as YYYY-MM.
func monthsBack(t time.Time, n int) []string {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	out := make([]string, n)
	for i := range out {
		out[i] = first.AddDate(0, -i, 0).Format("2006-01")
	}
	return out
}

// sortWholeMax is the largest match set sorted by date in one search;
// larger ones go through the date windows of newestFacts.
const sortWholeMax = 10000

// speakerSortMax is the largest set of a speaker's facts sorted whole
// (Index.speakerSortMax, which tests lower): a sort reads a doc value per
// match, and a role's thousands of statements ("spokesman") cost more so
// than the month windows.
const speakerSortMax = 2000

// rareIn reports whether fewer than n facts hold every word of text in
// field. It reads only the posting counts of the words in the term
// dictionary (the rarest word bounds the match), so it costs microseconds where counting
// the matches of a common word would walk tens of thousands of postings.
func (ix *Index) rareIn(ctx context.Context, field, text string, n int) (bool, error) {
	adv, err := ix.bl.Advanced()
	if err != nil {
		return false, fmt.Errorf("index: facts: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return false, fmt.Errorf("index: facts: %w", err)
	}
	defer r.Close()
	bound := uint64(n)
	for _, tok := range ix.analyzer.Analyze([]byte(text)) {
		tfr, err := r.TermFieldReader(ctx, tok.Term, field, false, false, false)
		if err != nil {
			return false, fmt.Errorf("index: facts: %w", err)
		}
		bound = min(bound, tfr.Count())
		tfr.Close()
	}
	return bound < uint64(n), nil
}

// fewerThan reports whether fewer than n facts match must. Counting reads
// only the posting lists: no scores, no sort, no stored fields.
func (ix *Index) fewerThan(ctx context.Context, must []query.Query, n int) (bool, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), 0, 0, false)
	req.Score = bleve.ScoreNone
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return false, fmt.Errorf("index: facts: count: %w", err)
	}
	return res.Total < uint64(n), nil
}

// newestKey keeps the newest fact date between processes: finding it
// sorts every fact, too slow for the first question of each `ask`.
var newestKey = []byte("newsbot_newest_fact_day")

// newestFactDate is the date of the newest dated fact, or zero; it is
// cached in memory and in the index until the next Sync.
func (ix *Index) newestFactDate(ctx context.Context) (time.Time, error) {
	ix.newestMu.Lock()
	defer ix.newestMu.Unlock()
	if ix.newestOK {
		return ix.newest, nil
	}
	if v, err := ix.bl.GetInternal(newestKey); err == nil && len(v) > 0 {
		t, _ := time.Parse("2006-01-02", string(v)) // "none": zero
		ix.newest, ix.newestOK = t, true
		return t, nil
	}
	req := bleve.NewSearchRequestOptions(term(docField, docFact), 1, 0, false)
	req.Score = bleve.ScoreNone
	req.SortBy([]string{"-" + sortField})
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return time.Time{}, fmt.Errorf("index: facts: newest date: %w", err)
	}
	var t time.Time
	if len(res.Hits) == 1 && len(res.Hits[0].Sort) == 1 {
		t, _ = time.Parse("2006-01-02", res.Hits[0].Sort[0]) // zero if undated
	}
	stored := "none"
	if !t.IsZero() {
		stored = t.Format("2006-01-02")
	}
	if err := ix.bl.SetInternal(newestKey, []byte(stored)); err != nil {
		ix.log.Warn("index: keeping the newest fact date", "err", err)
	}
	ix.newest, ix.newestOK = t, true
	return t, nil
}

func term(field, v string) query.Query {
	q := bleve.NewTermQuery(v)
	q.SetField(field)
	return q
}

// matchAll matches when every analysed word of text is in field.
func matchAll(field, text string) query.Query {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	q.SetOperator(query.MatchQueryOperatorAnd)
	return q
}

// Terms returns the distinct indexed terms of a fact field, sorted: the
// analysed forms ("peskov", "kremlin", "aleppo") that a Speaker or Place
// filter is matched against, for "did you mean" suggestions. field is who
// (speaker and role words; "speaker" means the same) or place. Terms of
// deleted facts may linger until bleve merges segments.
func (ix *Index) Terms(ctx context.Context, field string) ([]string, error) {
	f, ok := termFields[field]
	if !ok {
		return nil, fmt.Errorf("index: terms: field %q has no term list", field)
	}
	var out []string
	err := ix.dict(ctx, f, func(term string, _ int) { out = append(out, term) })
	return out, err
}

// Name is a display name as the extractor gave it, with how many facts
// carry it.
type Name struct {
	Text  string
	Count int
}

// Names returns the distinct display names of speaker, place, controller
// or source, most frequent first: "Dmitry Peskov" (12), "Aleppo" (40).
// Counts are of facts and may include deleted ones until bleve merges
// segments.
func (ix *Index) Names(ctx context.Context, field string) ([]Name, error) {
	f, ok := nameFields[field]
	if !ok {
		return nil, fmt.Errorf("index: names: field %q has no name list", field)
	}
	var out []Name
	if err := ix.dict(ctx, f, func(term string, n int) { out = append(out, Name{term, n}) }); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out, nil
}

func (ix *Index) dict(ctx context.Context, field string, fn func(string, int)) error {
	d, err := ix.bl.FieldDict(field)
	if err != nil {
		return fmt.Errorf("index: list %s: %w", field, err)
	}
	defer d.Close()
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("index: list %s: %w", field, err)
			}
		}
		e, err := d.Next()
		if err != nil {
			return fmt.Errorf("index: list %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if e.Count > 0 {
			fn(e.Term, int(e.Count))
		}
	}
}
