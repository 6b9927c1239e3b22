package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SearchRequest asks for the passages that best match Text. Text is plain
// words: it is analysed like the indexed text and never parsed as bleve
// query syntax, so + - : ^ ~ " ( ) mean nothing special.
type SearchRequest struct {
	Text string
	// Phrase requires the words in this order, next to each other (stop
	// words and Arabic article prefixes such as "al-" do not count).
	Phrase bool
	// From and To bound the article date, both inclusive; the zero time
	// leaves a side open. With either set, undated articles are left out.
	From, To time.Time
	// Size is the number of hits wanted: 10 when 0, at most MaxSize.
	Size int
}

// MaxSize caps SearchRequest.Size and FactQuery.Size: answers show a
// handful of hits, and a small page keeps queries cheap.
const MaxSize = 100

// Hit is one matching paragraph.
type Hit struct {
	Meta Meta
	// Para is the paragraph's index in the article's Paragraphs and Start
	// its byte offset in the article's Text.
	Para  int
	Start int
	// Text is the paragraph, verbatim.
	Text string
	// Highlights are byte ranges [start, end) in Text of the matched words,
	// in order and not overlapping.
	Highlights [][2]int
	Score      float64
}

// Search returns the passages matching r, best first.
func (ix *Index) Search(ctx context.Context, r SearchRequest) ([]Hit, error) {
	if strings.TrimSpace(r.Text) == "" {
		return nil, nil
	}
	var q, verify query.Query
	size := clampSize(r.Size)
	fetch := size
	if r.Phrase {
		mq := bleve.NewMatchPhraseQuery(r.Text)
		mq.SetField(textField)
		mq.Analyzer = AnalyzerName
		q = mq
		if pairs := ix.pairs.Analyze([]byte(r.Text)); len(pairs) > 0 {
			// Word pairs find and rank the passages without reading
			// positions; the real phrase then checks the page of hits
			// (see pairsQuery, locations). A few extra hits make up for the rare
			// passage holding every pair but not the phrase; when they
			// do not, a wider page is checked (see below).
			q, verify = pairsQuery(pairs), mq
			fetch = min(size+size/2+2, MaxSize)
		}
	} else {
		var err error
		if q, err = ix.wordsQuery(ctx, ix.analyzer.Analyze([]byte(r.Text))); err != nil {
			return nil, err
		}
		if q == nil {
			return nil, nil
		}
		verify = q
	}
	res, locs, err := ix.searchPage(ctx, q, verify, r, fetch)
	if err != nil {
		return nil, err
	}
	if r.Phrase && verify != nil && len(locs) < size && len(res.Hits) == fetch {
		// passages holding every pair but not the phrase ("said in
		// Paris ... on Sunday" for "said on Sunday") filled the checked
		// page, and more candidates wait beyond it: check a page of
		// phraseWindow candidates, then search the phrase itself, which
		// reads the positions of every passage holding its words but
		// misses nothing
		if res, locs, err = ix.searchPage(ctx, q, verify, r, ix.phraseWindow); err != nil {
			return nil, err
		}
		if len(locs) < size && len(res.Hits) == ix.phraseWindow {
			if res, locs, err = ix.searchPage(ctx, verify, nil, r, size); err != nil {
				return nil, err
			}
		}
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		if _, ok := locs[h.ID]; ok {
			if id, _, ok := splitDocID(h.ID); ok {
				ids = append(ids, id)
			}
		}
	}
	recs, err := ix.records(ctx, ids)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, min(len(res.Hits), size))
	for _, h := range res.Hits {
		if len(hits) == size {
			break
		}
		tl, ok := locs[h.ID]
		if !ok {
			continue // a phrase's pairs, but not the phrase
		}
		id, n, _ := splitDocID(h.ID)
		rec := recs[id]
		if rec == nil {
			return nil, fmt.Errorf("index: search: no record for %s", h.ID)
		}
		p, text, ok := rec.passageText(n)
		if !ok {
			return nil, fmt.Errorf("index: search: record of %s lacks passage %d", id, n)
		}
		hits = append(hits, Hit{
			Meta:       rec.meta,
			Para:       p.para,
			Start:      p.start,
			Text:       text,
			Highlights: highlights(tl, len(text)),
			Score:      h.Score,
		})
	}
	return hits, nil
}

// searchPage runs q for a page of fetch hits, bounded by r's dates, and
// gives the term locations of the hits that verify (q itself when nil)
// matches; a hit verify does not match gets no entry.
func (ix *Index) searchPage(ctx context.Context, q, verify query.Query, r SearchRequest, fetch int) (*bleve.SearchResult, map[string]search.TermLocationMap, error) {
	full := q
	if dq := dateRange(r.From, r.To); dq != nil {
		full = bleve.NewConjunctionQuery(q, dq)
	}
	req := bleve.NewSearchRequestOptions(full, fetch, 0, false)
	// A one-word phrase is a term query: its locations are cheap.
	req.IncludeLocations = verify == nil
	res, err := ix.top(ctx, req)
	if err != nil {
		return nil, nil, fmt.Errorf("index: search %q: %w", r.Text, err)
	}
	locs := map[string]search.TermLocationMap{}
	if verify == nil {
		for _, h := range res.Hits {
			locs[h.ID] = h.Locations[textField]
		}
	} else if len(res.Hits) > 0 {
		if err := ix.locations(ctx, verify, res.Hits, locs); err != nil {
			return nil, nil, err
		}
	}
	return res, locs, nil
}

// pairsQuery requires every word pair of a phrase. Pairs with a stop-word
// filler ("observatori _") are left out when a real pair remains: they
// are common and select little, and the phrase check follows anyway.
func pairsQuery(pairs analysis.TokenStream) query.Query {
	seen := map[string]bool{}
	var qs, filled []query.Query
	for _, p := range pairs {
		t := string(p.Term)
		if seen[t] {
			continue
		}
		seen[t] = true
		if strings.HasPrefix(t, "_ ") || strings.HasSuffix(t, " _") {
			filled = append(filled, term(pairsField, t))
		} else {
			qs = append(qs, term(pairsField, t))
		}
	}
	if len(qs) == 0 {
		qs = filled
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// phraseWindow is how many candidates of a phrase's word pairs are
// checked when the first page held too few with the phrase itself
// (Index.phraseWindow starts at it; tests lower it).
const phraseWindow = 4 * MaxSize

// locations runs q again restricted to the page of hits, asking for term
// locations: reading term vectors for ten documents is cheap, for every
// candidate of the first search it was not. Hits that q does not match
// get no entry.
func (ix *Index) locations(ctx context.Context, q query.Query, hits search.DocumentMatchCollection, into map[string]search.TermLocationMap) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	req.IncludeLocations = true
	req.Score = bleve.ScoreNone
	res, err := ix.bl.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("index: search: highlights: %w", err)
	}
	for _, h := range res.Hits {
		into[h.ID] = h.Locations[textField]
	}
	return nil
}

// highlights turns bleve's term locations into sorted, merged byte ranges.
// The analyzer never moves offsets, so they index the stored text.
func highlights(tl search.TermLocationMap, n int) [][2]int {
	var out [][2]int
	for _, locs := range tl {
		for _, l := range locs {
			if l.End <= uint64(n) && l.Start < l.End {
				out = append(out, [2]int{int(l.Start), int(l.End)})
			}
		}
	}
	return normalise(out)
}

// Common words are those in more than commonFrac of the passages, once
// the index holds at least commonMinDocs passages.
const (
	commonFrac    = 0.05
	commonMinDocs = 10000
)

// wordsQuery matches passages holding any of the words, the way Lucene's
// common-terms query does: when some words are rare, a passage must hold
// one of them and the common words ("syria", "people", "said") only add to
// its score, so their long posting lists are skipped through, not scanned.
// When every word is common, a passage must hold all of them. On a small
// index every word counts as rare, which is plain OR.
func (ix *Index) wordsQuery(ctx context.Context, toks analysis.TokenStream) (query.Query, error) {
	var words []string
	seen := map[string]bool{}
	for _, t := range toks {
		if w := string(t.Term); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil, nil
	}
	var rare, common []query.Query
	if len(words) == 1 {
		return term(textField, words[0]), nil
	}
	dfs, n, err := ix.docFreqs(ctx, textField, words)
	if err != nil {
		return nil, err
	}
	for i, w := range words {
		if dfs[i] == 0 {
			continue // in no passage: a typo must not empty the result
		}
		if n >= uint64(ix.commonMinDocs) && float64(dfs[i]) > ix.commonFrac*float64(n) {
			common = append(common, term(textField, w))
		} else {
			rare = append(rare, term(textField, w))
		}
	}
	switch {
	case len(common) == 0 && len(rare) == 0:
		return nil, nil
	case len(common) == 0:
		return bleve.NewDisjunctionQuery(rare...), nil
	case len(rare) == 0:
		return bleve.NewConjunctionQuery(common...), nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(bleve.NewDisjunctionQuery(rare...))
	bq.AddShould(common...)
	bq.SetMinShould(0)
	return bq, nil
}

// docFreqs returns how many passages hold each word of field, and how
// many passages there are. Counts come from the term dictionaries; they
// may include deleted documents until segments merge, which is fine for
// telling common from rare.
func (ix *Index) docFreqs(ctx context.Context, field string, words []string) ([]uint64, uint64, error) {
	adv, err := ix.bl.Advanced()
	if err != nil {
		return nil, 0, fmt.Errorf("index: search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, fmt.Errorf("index: search: %w", err)
	}
	defer r.Close()
	count := func(field, w string) (uint64, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(w), field, false, false, false)
		if err != nil {
			return 0, fmt.Errorf("index: search: doc frequency of %q: %w", w, err)
		}
		defer tfr.Close()
		return tfr.Count(), nil
	}
	n, err := count(docField, docPassage)
	if err != nil {
		return nil, 0, err
	}
	dfs := make([]uint64, len(words))
	for i, w := range words {
		if dfs[i], err = count(field, w); err != nil {
			return nil, 0, err
		}
	}
	return dfs, n, nil
}

func clampSize(n int) int {
	switch {
	case n <= 0:
		return 10
	case n > MaxSize:
		return MaxSize
	}
	return n
}

// dateRange is the inclusive date filter, or nil for none.
func dateRange(from, to time.Time) query.Query {
	if from.IsZero() && to.IsZero() {
		return nil
	}
	yes := true
	q := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
	q.SetField(dateField)
	return q
}

// metaOf reads an article document's stored metadata.
func metaOf(h *search.DocumentMatch) Meta {
	return Meta{
		ID:     str(h.Fields["id"]),
		Title:  str(h.Fields["title"]),
		Outlet: str(h.Fields["outlet"]),
		Date:   str(h.Fields["day"]),
		Path:   str(h.Fields["path"]),
		URL:    str(h.Fields["url"]),
	}
}

// normalise sorts ranges and merges overlapping ones.
func normalise(rs [][2]int) [][2]int {
	if len(rs) == 0 {
		return nil
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			if r[1] > last[1] {
				last[1] = r[1]
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// Snippet returns up to about width bytes of h.Text around its first
// highlight, each highlight wrapped in open and close ("**" for Discord
// bold). Cuts fall on word boundaries and are marked with "…". The result
// is for display: evidence must be quoted from Text, not from a snippet.
func (h Hit) Snippet(width int, open, close string) string {
	text := h.Text
	from, to := 0, len(text)
	if width > 0 && len(text) > width {
		centre := 0
		if len(h.Highlights) > 0 {
			centre = h.Highlights[0][0]
		}
		from = max(centre-width/3, 0)
		to = from + width
		if to > len(text) {
			to = len(text)
			from = max(to-width, 0)
		}
		from = wordStart(text, from)
		to = wordEnd(text, to)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, r := range h.Highlights {
		if r[1] <= from || r[0] >= to {
			continue
		}
		s, e := max(r[0], from), min(r[1], to)
		b.WriteString(text[pos:s])
		b.WriteString(open)
		b.WriteString(text[s:e])
		b.WriteString(close)
		pos = e
	}
	b.WriteString(text[pos:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// wordStart moves i forward to the start of a word (or a rune boundary).
func wordStart(s string, i int) int {
	if i == 0 {
		return 0
	}
	for j := i; j < len(s) && j < i+40; j++ {
		if s[j-1] == ' ' {
			return j
		}
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// wordEnd moves i back to the end of a word (or a rune boundary).
func wordEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for j := i; j > 0 && j > i-40; j-- {
		if s[j] == ' ' {
			return j
		}
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
