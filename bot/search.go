package bot

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// searchPool is how many passages a search reads before keeping the best
// one per article.
const searchPool = 100

func (e *Engine) search(ctx context.Context, q query) (Response, error) {
	hits, err := e.store.Search(ctx, index.SearchRequest{Text: q.Topic, Phrase: q.Phrase, From: q.When.From, To: q.When.To, Size: searchPool})
	if err != nil {
		return Response{}, fmt.Errorf("bot: search: %w", err)
	}
	best := map[string]index.Hit{}
	var order []string
	for _, h := range hits {
		if _, ok := best[h.Meta.ID]; ok {
			continue
		}
		best[h.Meta.ID] = h
		order = append(order, h.Meta.ID)
	}
	// equally relevant passages: newest first
	sort.SliceStable(order, func(i, j int) bool {
		a, b := best[order[i]], best[order[j]]
		if sa, sb := round3(a.Score), round3(b.Score); sa != sb {
			return sa > sb
		}
		return a.Meta.Date > b.Meta.Date
	})
	var r Response
	for _, id := range order {
		if len(r.Answers) == maxAnswers {
			break
		}
		r.Answers = append(r.Answers, passageAnswer(best[id]))
	}
	if len(r.Answers) == 0 {
		r.Headline = fmt.Sprintf("No passages mention “%s”%s.", q.Topic, whenLabel(q.When))
		if fixed, ok := e.correct(ctx, "place", q.Topic); ok {
			q2 := q
			q2.Topic = fixed
			if r2, err := e.search(ctx, q2); err == nil && len(r2.Answers) > 0 {
				r2.Notes = append([]string{fmt.Sprintf("Showing results for %s.", fixed)}, r2.Notes...)
				return r2, nil
			}
		}
		r.Suggestions = e.suggest(ctx, "place", q.Topic)
		return r, nil
	}
	r.Headline = fmt.Sprintf("%d article%s mention “%s”.", len(order), plural(len(order)), q.Topic)
	return r, nil
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// passageAnswer shows the sentence of the passage where the first match
// falls, cut verbatim from the stored paragraph, with the matches marked.
func passageAnswer(h index.Hit) Answer {
	start, end := 0, len(h.Text)
	if len(h.Highlights) > 0 {
		tmp := &corpus.Article{Text: h.Text, Paragraphs: []corpus.Paragraph{{Start: 0, End: len(h.Text)}}}
		for _, s := range facts.Sentences(tmp) {
			if s.Start <= h.Highlights[0][0] && h.Highlights[0][0] < s.End {
				start, end = s.Start, s.End
				break
			}
		}
	}
	ev := h.Text[start:end]
	var marks [][2]int
	for _, hl := range h.Highlights {
		if hl[0] >= start && hl[1] <= end && hl[0] < hl[1] {
			marks = append(marks, [2]int{hl[0] - start, hl[1] - start})
		}
	}
	src := source(h.Meta)
	return Answer{Text: fmt.Sprintf("%s — %s", markup(ev, marks), cite(src)), Evidence: ev, Highlights: marks, Source: src}
}

// markup bolds the marked ranges of s for a reader (Markdown, as Discord shows it).
func markup(s string, marks [][2]int) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(s) {
			continue
		}
		b.WriteString(s[at:m[0]])
		b.WriteString("**" + s[m[0]:m[1]] + "**")
		at = m[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// latest answers "latest on Aleppo": the newest figures, control claims
// and statements about the place or topic, then its newest passages,
// newest first across kinds.
func (e *Engine) latest(ctx context.Context, q query) (Response, error) {
	topic := q.Topic
	places := e.findPlaces(topic)
	if len(places) == 0 {
		if ps, _ := placePhrase(topic); len(ps) == 1 && e.names.IsPlace(ps[0]) {
			places = ps
		}
	}
	type item struct {
		a    Answer
		date string
		// listed: a figure for a list of places the asked one is in,
		// which stands for its report only when nothing else does
		listed bool
	}
	var items []item
	if len(places) > 0 {
		place := places[0]
		// the facts file a place under the gazetteer's name ("Jablah" for
		// "jableh"): both are asked
		forms := []string{place}
		if c := e.names.Canonical(place); c != "" && names.Key(c) != names.Key(place) {
			forms = append(forms, c)
		}
		seenFact := map[string]bool{}
		for _, kind := range []string{"toll", "control"} {
			var hits []index.FactHit
			for _, form := range forms {
				more, err := e.store.Facts(ctx, index.FactQuery{Kind: kind, Place: form, From: q.When.From, To: q.When.To, Size: 10})
				if err != nil {
					return Response{}, fmt.Errorf("bot: latest: %w", err)
				}
				hits = append(hits, more...)
			}
			for _, h := range hits {
				if k := h.Meta.ID + "\x00" + factSentence(h); seenFact[k] {
					continue
				} else {
					seenFact[k] = true
				}
				switch {
				case h.Toll != nil && placeMatches(place, h.Toll.Place):
					d := h.Toll.Date
					if d == "" {
						d = h.Meta.Date
					}
					row := tollRow{t: h.Toll, meta: h.Meta, date: d}
					if list := e.placeList(h.Toll.Evidence.Sentence, h.Toll.Place); list != "" {
						t := *h.Toll
						t.Place = list
						row.t, row.listed = &t, true
					}
					items = append(items, item{tollAnswer(row, "Figure"), d, row.listed})
				case h.Control != nil && placeMatches(place, h.Control.Place):
					d := h.Control.Date
					if d == "" {
						d = h.Meta.Date
					}
					items = append(items, item{claimAnswer(claim{h.Control, h.Meta, d, side(h.Control.Controller)}), d, false})
				}
			}
		}
	}
	if len(places) > 0 {
		// what was said about the place: the statements whose own
		// sentence names it, among those its words find
		place := places[0]
		want := significantTokens(place)
		if c := e.names.Canonical(place); c != "" {
			want = significantTokens(c)
		}
		sts, err := e.store.Facts(ctx, index.FactQuery{Kind: index.KindStatement, Text: place, From: q.When.From, To: q.When.To, Size: latestStatements})
		if err != nil {
			return Response{}, fmt.Errorf("bot: latest: %w", err)
		}
		for _, h := range sts {
			if h.Statement == nil || h.Statement.Speaker == "" {
				continue
			}
			if strictCoverage(significantTokens(place), h.Statement.Evidence.Sentence) < 1 && strictCoverage(want, h.Statement.Evidence.Sentence) < 1 {
				continue
			}
			items = append(items, item{statementAnswer(h.Statement, source(h.Meta)), stmtDate(h), false})
		}
	}
	hits, err := e.store.Search(ctx, index.SearchRequest{Text: topic, From: q.When.From, To: q.When.To, Size: searchPool})
	if err != nil {
		return Response{}, fmt.Errorf("bot: latest: %w", err)
	}
	want := significantTokens(topic)
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.Meta.ID] || coverage(want, h.Text) < 1 {
			continue
		}
		seen[h.Meta.ID] = true
		items = append(items, item{passageAnswer(h), h.Meta.Date, false})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].date != items[j].date {
			return newer(items[i].date, items[j].date)
		}
		if items[i].a.Source.Article != items[j].a.Source.Article {
			return items[i].a.Source.Article < items[j].a.Source.Article
		}
		return !items[i].listed && items[j].listed
	})
	var r Response
	// one item a report: an article's newest fact stands for it (two
	// figures of one sentence, "34 civilians among them 15 children", or a
	// figure and its own sentence as a passage, are one report)
	shown := map[string]bool{}
	for _, it := range items {
		if len(r.Answers) == maxAnswers {
			break
		}
		if shown[it.a.Source.Article] {
			continue
		}
		shown[it.a.Source.Article] = true
		r.Answers = append(r.Answers, it.a)
	}
	if len(r.Answers) == 0 {
		r.Headline = fmt.Sprintf("Nothing found about “%s”%s.", topic, whenLabel(q.When))
		r.Suggestions = e.suggest(ctx, "place", topic)
		return r, nil
	}
	if newest := items[0].date; newest != "" {
		r.Headline = fmt.Sprintf("Latest on %s: %d report%s, the newest from %s.", topic, len(r.Answers), plural(len(r.Answers)), newest)
	} else {
		r.Headline = fmt.Sprintf("Reports on %s: %d, undated, so not in date order.", topic, len(r.Answers))
	}
	return r, nil
}

// latestStatements is how many statements naming the place "latest on
// X" reads, by relevance, before sorting the whole page newest first.
const latestStatements = 30

// factSentence is the sentence a toll or control fact was read from.
func factSentence(h index.FactHit) string {
	switch {
	case h.Toll != nil:
		return h.Toll.Evidence.Sentence + "\x00" + fmt.Sprint(h.Toll.Count)
	case h.Control != nil:
		return h.Control.Evidence.Sentence + "\x00" + h.Control.Controller
	}
	return ""
}
