package bot

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// tollPool is how many of the newest figures a toll answer reads: enough
// for the latest report, its same-day rivals and a fortnight's trail, and
// small enough that the index stops at its first date window.
const tollPool = 40

type tollRow struct {
	t    *facts.Toll
	meta index.Meta
	date string // the toll's date, else the article's, else ""
}

func (e *Engine) tolls(ctx context.Context, q query) (Response, error) {
	var rows []tollRow
	for _, place := range e.nameForms(q.Place) {
		hits, err := e.store.Facts(ctx, index.FactQuery{Kind: "toll", Category: q.Category, Place: place, Text: q.Topic, Size: tollPool})
		if err != nil {
			return Response{}, fmt.Errorf("bot: tolls: %w", err)
		}
		for _, h := range hits {
			if h.Toll == nil || (place != "" && !placeMatches(place, h.Toll.Place)) {
				continue
			}
			d := h.Toll.Date
			if d == "" {
				d = h.Meta.Date
			}
			rows = append(rows, tollRow{h.Toll, h.Meta, d})
		}
		if len(rows) > 0 {
			break
		}
	}
	what := tollLabel(q)
	if len(rows) == 0 {
		r := Response{Headline: fmt.Sprintf("No figures found for %s.", what)}
		if q.Place != "" {
			r.Suggestions = e.suggest(ctx, "place", q.Place)
		}
		return r, nil
	}
	var notes []string
	if q.Topic != "" {
		// figures for the event asked about: their sentence names it
		topic := significantTokens(q.Topic)
		if kept := filterRows(rows, func(r tollRow) bool { return coverage(topic, r.t.Evidence.Sentence) >= 0.99 }); len(kept) > 0 {
			rows = kept
		} else {
			notes = append(notes, fmt.Sprintf("No figure names “%s”; showing the latest figures.", q.Topic))
		}
	}
	if q.Source != "" {
		if kept := filterRows(rows, func(r tollRow) bool { return sourceMatches(q.Source, r.t.Source) }); len(kept) > 0 {
			rows = kept
		} else {
			notes = append(notes, fmt.Sprintf("No figures attributed to %s; showing all sources.", q.Source))
		}
	}
	if q.Weekday != nil {
		if kept := filterRows(rows, func(r tollRow) bool { return weekdayOf(r.date) == *q.Weekday }); len(kept) > 0 {
			rows = kept
		} else {
			notes = append(notes, fmt.Sprintf("No figures dated %s; showing all dates.", q.Weekday))
		}
	}
	// The war-wide background ("500,000 since 2011") is never the latest toll
	// of the fighting; it is shown only when asked for.
	var war []tollRow
	rows, war = partition(rows, func(r tollRow) bool { return r.t.Scope != facts.War })
	if q.Scope == facts.War || len(rows) == 0 {
		rows, war = war, nil
	}
	if q.Subgroup != "" {
		kept := filterRows(rows, func(r tollRow) bool { return subgroupMatches(q.Subgroup, r.t.Subgroup) })
		if len(kept) == 0 {
			return Response{Headline: fmt.Sprintf("No figures found for %s.", what), Notes: notes}, nil
		}
		rows = kept
	}
	// The headline series: figures for the whole offensive when no place is
	// asked, else every figure for that place; one subgroup only (totals
	// when there are any), so that "5 children" never stands in a trail of
	// "11 civilians".
	series, rest := partition(rows, func(r tollRow) bool {
		return q.Place != "" || r.t.Scope == facts.Offensive || q.Scope == facts.War
	})
	if len(series) == 0 {
		series, rest = rest, nil
	}
	group := q.Subgroup
	if group == "" {
		sortLatest(series)
		if len(filterRows(series, func(r tollRow) bool { return r.t.Subgroup == "" })) == 0 {
			group = series[0].t.Subgroup
		}
	}
	var others []tollRow
	series, others = partition(series, func(r tollRow) bool {
		if group == "" {
			return r.t.Subgroup == ""
		}
		return subgroupMatches(group, r.t.Subgroup)
	})
	rest = append(others, rest...)
	sortLatest(series)
	var r Response
	r.Notes = notes
	latest := series[0]
	r.Headline = fmt.Sprintf("Latest %s: %s", what, tollPhrase(latest))
	r.Answers = append(r.Answers, tollAnswer(latest, "Latest"))
	// different figures on the same date, side by side
	var timeline []tollRow
	for _, x := range series[1:] {
		if x.date != "" && x.date == latest.date && x.t.Count != latest.t.Count {
			r.Answers = append(r.Answers, tollAnswer(x, "Same day"))
			continue
		}
		timeline = append(timeline, x)
	}
	sort.SliceStable(timeline, func(i, j int) bool { return dateLess(timeline[i].date, timeline[j].date) })
	for _, x := range timeline {
		label := "Earlier"
		if x.date == "" {
			label = "Undated report"
		}
		r.Answers = append(r.Answers, tollAnswer(x, label))
	}
	if trail := trailOf(series); trail != "" {
		r.Headline += "\nHow it changed: " + trail
		r.Chart = chartOf(what, series)
	}
	sortLatest(rest)
	for _, x := range rest {
		label := "Also reported"
		if x.t.Scope == facts.Incident {
			label = "Single incident"
		}
		r.Answers = append(r.Answers, tollAnswer(x, label))
	}
	sortLatest(war)
	for _, x := range war {
		r.Answers = append(r.Answers, tollAnswer(x, "Background, whole war"))
	}
	if len(r.Answers) > maxAnswers {
		r.Answers = r.Answers[:maxAnswers]
	}
	return r, nil
}

func tollLabel(q query) string {
	s := q.Category
	if s == "" {
		s = "killed"
	}
	label := map[string]string{"killed": "death toll", "injured": "injured toll", "displaced": "displacement figure",
		"missing": "missing toll", "detained": "detention figure"}[s]
	if q.Subgroup != "" {
		label = q.Subgroup + " " + s
	}
	if q.Topic != "" {
		label += " in the " + q.Topic
	}
	if q.Place != "" {
		label += " in " + q.Place
	}
	if q.Scope == facts.War {
		label += " over the whole war"
	}
	return label
}

func tollPhrase(x tollRow) string {
	t := x.t
	var b strings.Builder
	if t.Qualifier == facts.Vague {
		// "dozens", "hundreds of thousands": no figure is put in the
		// source's mouth; the sentence below gives its words
		b.WriteString("an unspecified number (no exact figure)")
	} else {
		if h := hedge(t.Qualifier); h != "" {
			b.WriteString(h + " ")
		}
		b.WriteString(formatCount(t.Count))
	}
	if t.Subgroup != "" {
		b.WriteString(" " + t.Subgroup)
	}
	b.WriteString(" " + t.Category)
	if t.Place != "" {
		b.WriteString(" in " + t.Place)
	}
	if t.Source != "" {
		b.WriteString(", according to " + t.Source)
	}
	if x.date != "" {
		b.WriteString(" (" + x.date + ")")
	} else {
		b.WriteString(" (undated report)")
	}
	return b.String()
}

func tollAnswer(x tollRow, label string) Answer {
	src := source(x.meta)
	t := x.t
	return Answer{
		Text:     fmt.Sprintf("%s: %s — %s", label, tollPhrase(x), cite(src)),
		Evidence: t.Evidence.Sentence,
		Source:   src,
		Toll: &TollFact{Count: t.Count, Qualifier: t.Qualifier, Category: t.Category, Subgroup: t.Subgroup,
			Place: t.Place, Scope: t.Scope, Source: t.Source, Date: x.date},
	}
}

func hedge(q string) string {
	switch q {
	case facts.AtLeast:
		return "at least"
	case facts.MoreThan:
		return "more than"
	case facts.Nearly:
		return "nearly"
	case facts.About:
		return "about"
	case facts.UpTo:
		return "up to"
	}
	return ""
}

// formatCount writes 50000 as "50,000".
func formatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// sortLatest orders rows newest first; on the same date the higher figure
// first, since running tolls only grow; undated rows last.
func sortLatest(rows []tollRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.date != b.date {
			return newer(a.date, b.date)
		}
		if va, vb := a.t.Qualifier == facts.Vague, b.t.Qualifier == facts.Vague; va != vb {
			return vb
		}
		return a.t.Count > b.t.Count
	})
}

// newer orders dates newest first with undated ("") after every date.
func newer(a, b string) bool {
	if a == "" || b == "" {
		return a != "" && b == ""
	}
	return a > b
}

// dateLess orders dates oldest first with undated ("") after every date.
func dateLess(a, b string) bool {
	if a == "" || b == "" {
		return a != "" && b == ""
	}
	return a < b
}

// trailWindow is how far back from the latest report a figure still counts
// as an earlier version of the same running toll.
const trailWindow = 14 * 24 * time.Hour

// trailPoints are the reports of one running toll: exact figures from the
// fortnight before the latest, each no larger than the one after it, since
// a running toll only grows. Older or larger figures belong to other events.
func trailPoints(series []tollRow) []tollRow {
	dated := filterRows(series, func(r tollRow) bool { return r.date != "" && r.t.Qualifier != facts.Vague })
	if len(dated) == 0 {
		return nil
	}
	sortLatest(dated)
	place := names.Key(names.Default().Canonical(dated[0].t.Place))
	dated = filterRows(dated, func(r tollRow) bool { return names.Key(names.Default().Canonical(r.t.Place)) == place })
	last, _ := time.Parse("2006-01-02", dated[0].date)
	out := []tollRow{dated[0]}
	for _, x := range dated[1:] {
		d, err := time.Parse("2006-01-02", x.date)
		if err != nil || last.Sub(d) > trailWindow {
			break
		}
		if prev := out[len(out)-1]; x.t.Count < prev.t.Count {
			out = append(out, x)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// trailOf is the figure's path from report to report: "370 → 412 → 514",
// with undated reports of the same toll named apart, not placed by guess.
func trailOf(series []tollRow) string {
	var parts []string
	for _, x := range trailPoints(series) {
		parts = append(parts, fmt.Sprintf("%s (%s)", formatCount(x.t.Count), x.date))
	}
	undated := filterRows(series, func(r tollRow) bool { return r.date == "" && r.t.Qualifier != facts.Vague })
	if len(parts) < 2 && len(undated) == 0 {
		return ""
	}
	s := strings.Join(parts, " → ")
	for _, x := range undated {
		s += fmt.Sprintf("; undated report: %s", formatCount(x.t.Count))
	}
	return strings.TrimPrefix(s, "; ")
}

func chartOf(what string, series []tollRow) *Chart {
	c := &Chart{Title: what}
	for _, x := range trailPoints(series) {
		c.Points = append(c.Points, Point{Date: x.date, Value: x.t.Count, Label: x.meta.ID})
	}
	if len(c.Points) < 2 {
		return nil
	}
	return c
}

func weekdayOf(date string) time.Weekday {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return -1
	}
	return d.Weekday()
}

// filterRows keeps the items for which keep is true.
func filterRows[T any](xs []T, keep func(T) bool) []T {
	yes, _ := partition(xs, keep)
	return yes
}

// partition splits xs by in, keeping the order of each part.
func partition[T any](xs []T, in func(T) bool) (yes, no []T) {
	for _, x := range xs {
		if in(x) {
			yes = append(yes, x)
		} else {
			no = append(no, x)
		}
	}
	return yes, no
}

func subgroupMatches(asked, got string) bool {
	if got == "" {
		return false
	}
	a, g := normaliseSubgroup(asked), normaliseSubgroup(got)
	return a == g || tokenLike(names.Key(asked), names.Key(got))
}

// placeMatches reports whether a fact's place is the asked place, by any
// spelling the alias table knows, or names it ("Idlib province" for "Idlib").
func placeMatches(asked, got string) bool {
	if got == "" {
		return false
	}
	ka, kg := names.Key(names.Default().Canonical(asked)), names.Key(names.Default().Canonical(got))
	if ka == kg || names.Key(asked) == names.Key(got) {
		return true
	}
	return strings.Contains(" "+kg+" ", " "+ka+" ") || strings.Contains(" "+names.Key(got)+" ", " "+names.Key(asked)+" ")
}

func sourceMatches(asked, got string) bool {
	if got == "" {
		return false
	}
	if names.Key(names.Default().Canonical(asked)) == names.Key(names.Default().Canonical(got)) {
		return true
	}
	return coverage(significantTokens(asked), got) >= 0.6
}
