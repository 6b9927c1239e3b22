package bot

import (
	"context"
	"fmt"
	"regexp"
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
	// listed: the figure is given for a list of places, which t.Place
	// names as the sentence writes it ("Sri Lanka, India, Indonesia and
	// Thailand"), not for one of them
	listed bool
}

func (e *Engine) tolls(ctx context.Context, q query) (Response, error) {
	var notes []string
	if q.Note != "" {
		notes = append(notes, q.Note)
	}
	rows, err := e.tollRows(ctx, q)
	if err != nil {
		return Response{}, err
	}
	if len(rows) == 0 && q.Place != "" {
		if fixed, ok := e.correct(ctx, "place", q.Place); ok {
			q2 := q
			q2.Place = fixed
			if rows, err = e.tollRows(ctx, q2); err != nil {
				return Response{}, err
			}
			if len(rows) > 0 {
				notes = append(notes, fmt.Sprintf("Showing results for %s.", fixed))
				q = q2
			}
		}
	}
	if len(rows) == 0 && !q.When.empty() {
		// the period holds no figure: say so for the place or event as
		// asked, with the nearest figures outside it, before any reading
		// that drops the place
		if r, ok, err := e.outsidePeriod(ctx, q, notes); err != nil || ok {
			return r, err
		}
	}
	if len(rows) == 0 && q.Place != "" && (q.Topic != "" || e.names.IsPlace(q.Place)) {
		// a place no figure is filed under ("Tall Tawil", "the Zahraa taxi
		// stand"): its figures are
		// filed under the province or the country; the words of the place
		// then rank them like the event's
		q2 := q
		switch {
		case q.Topic == "":
			// the place as the gazetteer writes it, so that the reply
			// names it as a place ("in Ecuador", not "in the ecuador")
			q2.Topic = e.names.Canonical(q.Place)
		case coverage(significantTokens(q.Place), q.Topic) < 1:
			q2.Topic = q.Topic + " in " + q.Place
		}
		q2.Place = ""
		if rows, err = e.tollRows(ctx, q2); err != nil {
			return Response{}, err
		}
		place := significantTokens(q.Place)
		if len(rows) == 0 {
			// nothing to rank
		} else if rel, err := e.relevanceOnce(ctx, strings.TrimSpace(q.Place+" "+strings.TrimSpace(q.Topic+" "+q.Category)), q.When); err == nil {
			// the same words the passages below would search: one search
			rows = filterRows(rows, func(r tollRow) bool {
				return rel[r.meta.ID] > 0 && coverage(place, r.t.Evidence.Sentence+" "+r.meta.Title) > 0 || rel[r.meta.ID] >= 0.99
			})
		}
		if len(rows) > 0 {
			q = q2
		}
	}
	what := tollLabel(q)
	if len(rows) == 0 {
		r := Response{Headline: fmt.Sprintf("No figures found for %s.", what), Notes: notes}
		if !q.When.empty() {
			r.Suggestions = e.nearestDates(ctx, q)
			if len(r.Suggestions) > 0 {
				r.Headline = fmt.Sprintf("No figures found for %s; the nearest dates with figures are below.", what)
			}
		}
		if more, err := e.passages(ctx, q.Place, strings.TrimSpace(q.Topic+" "+q.Category), q.When, false, 5); err == nil && len(more) > 0 {
			r.Headline = fmt.Sprintf("No figure was extracted for %s; passages that may give one:", what)
			r.Answers = more
		}
		if q.Place != "" && len(r.Suggestions) == 0 && len(r.Answers) == 0 {
			r.Suggestions = e.suggest(ctx, "place", q.Place)
		}
		return r, nil
	}
	if q.Source != "" {
		if kept := filterRows(rows, func(r tollRow) bool {
			return fromSource(q.Source, r.t.Source, r.t.Evidence.Sentence, r.meta.Outlet)
		}); len(kept) > 0 {
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
	if q.Counted != "" {
		// "How many Britons died?": the figures whose sentence counts them
		// answer; another group's figure is no answer, however large
		if kept := filterRows(rows, func(r tollRow) bool { return countsGroup(q.Counted, r.t.Evidence.Sentence) }); len(kept) > 0 {
			rows = kept
		} else {
			notes = append(notes, fmt.Sprintf("No figure counts %s as such; showing all figures.", q.Counted))
		}
	}
	if q.Topic != "" {
		return e.eventTolls(ctx, q, rows, notes)
	}
	// A figure given for a list of places ("Sri Lanka, India, Indonesia
	// and Thailand, with at least 23,000 people killed") is their total,
	// not the asked place's: it follows the place's own figures, named
	// for the list it was given for.
	var listed []tollRow
	if q.Place != "" {
		if own, shared := partition(rows, func(r tollRow) bool { return !r.listed }); len(own) > 0 {
			rows, listed = own, shared
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
	// a figure whose sentence counts a group ("three rescue workers",
	// "41 Britons") is no total, though no subgroup was read: it stays
	// out of the totals' headline and trail while totals are there
	totals := filterRows(series, func(r tollRow) bool { return r.t.Subgroup == "" && countedAs(r.t) == "" })
	series, others = partition(series, func(r tollRow) bool {
		if group == "" {
			return r.t.Subgroup == "" && (len(totals) == 0 || countedAs(r.t) == "")
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
		r.Notes = append([]string{"How it changed: " + trail}, r.Notes...)
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
	sortLatest(listed)
	for _, x := range listed {
		r.Answers = append(r.Answers, tollAnswer(x, "Total for several places"))
	}
	sortLatest(war)
	for _, x := range war {
		r.Answers = append(r.Answers, tollAnswer(x, "Background, whole war"))
	}
	if q.Place != "" && (!q.When.empty() || len(r.Answers) < 3) {
		// few figures, or a period asked: the period's sentences that
		// give a figure no fact holds
		e.addTollPassages(ctx, q, &r)
	}
	if len(r.Answers) > maxAnswers {
		r.Answers = r.Answers[:maxAnswers]
	}
	return r, nil
}

// outsidePeriod answers a toll question whose period holds no figure
// when the same question without the period has some: "No figure for
// Douma in 2018", then the newest figure before the period and the oldest
// after it; when every figure found carries no date, it says so and shows
// them marked undated. ok is false when there is nothing outside the
// period either.
func (e *Engine) outsidePeriod(ctx context.Context, q query, notes []string) (Response, bool, error) {
	q2 := q
	q2.When, q2.Note = period{}, ""
	all, err := e.tolls(ctx, q2)
	if err != nil {
		return Response{}, false, err
	}
	var found []Answer
	for _, a := range all.Answers {
		if a.Toll != nil {
			found = append(found, a)
		}
	}
	if len(found) == 0 {
		return Response{}, false, nil
	}
	subject := periodSubject(e.names, q)
	when := whenLabel(q.When)
	r := Response{Notes: notes}
	dated, undated := partition(found, func(a Answer) bool { _, ok := parseDay(a.Toll.Date); return ok })
	if q.Topic == "" && q.Place != "" {
		// a place's figures come newest first and the pool is bounded: the
		// figures next to the period are read apart
		for _, side := range []period{{To: q.When.From.AddDate(0, 0, -1)}, {From: q.When.To.AddDate(0, 0, 1)}} {
			if side.From.IsZero() && q.When.From.IsZero() || side.To.IsZero() && q.When.To.IsZero() {
				continue
			}
			q3 := q
			q3.When = side
			rows, err := e.tollRowsSized(ctx, q3, index.MaxSize)
			if err != nil {
				return Response{}, false, err
			}
			for _, x := range rows {
				if x.t.Scope == facts.War && q.Scope != facts.War || q.Subgroup != "" && !subgroupMatches(q.Subgroup, x.t.Subgroup) {
					continue
				}
				if q.Source != "" && !fromSource(q.Source, x.t.Source, x.t.Evidence.Sentence, x.meta.Outlet) {
					continue
				}
				dated = append(dated, tollAnswer(x, "Figure"))
			}
		}
	}
	var before, after *Answer
	for i := range dated {
		a := &dated[i]
		d, _ := parseDay(a.Toll.Date)
		switch {
		case !q.When.From.IsZero() && d.Before(q.When.From):
			if before == nil || a.Toll.Date > before.Toll.Date {
				before = a
			}
		case !q.When.To.IsZero() && d.After(q.When.To):
			if after == nil || a.Toll.Date < after.Toll.Date {
				after = a
			}
		}
	}
	relabel := func(a Answer, label string) Answer {
		if _, rest, ok := strings.Cut(a.Text, ": "); ok {
			a.Text = label + ": " + rest
		}
		return a
	}
	period := strings.TrimSpace(strings.TrimPrefix(when, " in "))
	if before == nil && after == nil {
		if len(undated) == 0 {
			return Response{}, false, nil
		}
		r.Headline = fmt.Sprintf("No figure for %s%s: the archive's figures for it carry no date; they are shown below, marked undated.", subject, when)
		for _, a := range undated {
			r.Answers = append(r.Answers, relabel(a, "Undated report"))
		}
		return r, true, nil
	}
	nearest := "the newest figure before it"
	switch {
	case before != nil && after != nil:
		nearest = "the newest figure before and the oldest after"
	case before == nil:
		nearest = "the oldest figure after it"
	}
	r.Headline = fmt.Sprintf("No figure for %s%s; nearest dates: %s.", subject, when, nearest)
	var dates []string
	if before != nil {
		r.Answers = append(r.Answers, relabel(*before, "Newest before "+period))
		dates = append(dates, before.Toll.Date)
	}
	if after != nil {
		r.Answers = append(r.Answers, relabel(*after, "Oldest after "+period))
		dates = append(dates, after.Toll.Date)
	}
	for i, a := range undated {
		if i == 3 {
			break
		}
		r.Answers = append(r.Answers, relabel(a, "Undated report"))
	}
	r.Suggestions = dates
	return r, true, nil
}

// periodSubject names what a toll question asks about, for "No figure for
// ...": the place as the gazetteer writes it, or the event.
func periodSubject(t *names.Table, q query) string {
	var s string
	if q.Topic != "" {
		s = "the " + q.Topic
		if q.Topic[0] >= 'A' && q.Topic[0] <= 'Z' {
			s = q.Topic
		}
	}
	if q.Place != "" && coverage(significantTokens(q.Place), q.Topic) < 1 {
		if s != "" {
			s += " in "
		}
		s += t.Canonical(q.Place)
	}
	if s == "" {
		s = "the whole archive"
	}
	if q.Subgroup != "" {
		s = q.Subgroup + " " + q.Category + " in " + s
	} else if q.Category != "" && q.Category != "killed" {
		s = q.Category + " in " + s
	}
	return s
}

// tollRows reads the figures of the asked category for each asked place
// (every spelling the alias table knows), in the asked period.
func (e *Engine) tollRows(ctx context.Context, q query) ([]tollRow, error) {
	return e.tollRowsSized(ctx, q, tollPool)
}

// tollRowsSized is tollRows reading up to size figures a place.
func (e *Engine) tollRowsSized(ctx context.Context, q query, size int) ([]tollRow, error) {
	var rows []tollRow
	places := append([]string{q.Place}, q.Places...)
	for _, asked := range places {
		for _, place := range e.nameForms(asked) {
			hits, err := e.store.Facts(ctx, index.FactQuery{Kind: "toll", Category: q.Category, Place: place, Text: q.Topic, From: q.When.From, To: q.When.To, Size: size})
			if err != nil {
				return nil, fmt.Errorf("bot: tolls: %w", err)
			}
			n := len(rows)
			for _, h := range hits {
				if h.Toll == nil || (place != "" && !placeMatches(place, h.Toll.Place)) {
					continue
				}
				d := h.Toll.Date
				if d == "" {
					d = h.Meta.Date
				}
				if !q.When.empty() && !q.When.contains(d) && !q.When.contains(h.Meta.Date) {
					continue
				}
				row := tollRow{t: h.Toll, meta: h.Meta, date: d}
				if list := e.placeList(h.Toll.Evidence.Sentence, h.Toll.Place); list != "" {
					t := *h.Toll
					t.Place = list
					row.t, row.listed = &t, true
				}
				rows = append(rows, row)
			}
			if len(rows) > n {
				break
			}
		}
	}
	return rows, nil
}

// genericEventWords name an event's kind or ground, not the event: with
// them alone a sentence about another attack on the same town would pass
// for the one asked about.
var genericEventWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`attack attacks attacked strike strikes raid raids bomb bombs bombing bombings
		shelling shell shells assault offensive fighting clash clashes violence incident incidents blast blasts explosion explosions
		city town towns village villages province district area areas region neighbourhood neighborhood capital country
		people dead death deaths toll killed killing killings injured wounded victims the`) {
		genericEventWords[names.Key(w)] = true
	}
}

// eventWords are the asked event's own words: its significant words less
// the places asked and the generic ones.
func eventWords(q query) []string {
	place := map[string]bool{}
	for _, p := range append([]string{q.Place}, q.Places...) {
		for _, w := range significantTokens(p) {
			place[w] = true
		}
	}
	var out []string
	for _, w := range significantTokens(q.Topic) {
		if !place[w] && !genericEventWords[w] && !(len(w) > 0 && w[0] >= '0' && w[0] <= '9') {
			out = append(out, w)
		}
	}
	return out
}

// eventTolls answers a toll question about an event ("the suicide attack
// on the Kurdish wedding"): the figures whose sentence and article name it
// best, the best first, then the other figures the same report gives for
// it (rival counts side by side), then the rest.
func (e *Engine) eventTolls(ctx context.Context, q query, rows []tollRow, notes []string) (Response, error) {
	topic := significantTokens(q.Topic)
	rel, err := e.relevanceOnce(ctx, q.Topic, q.When)
	if err != nil {
		return Response{}, err
	}
	type scored struct {
		tollRow
		score float64
		// past: the sentence names the event as an earlier one, after
		// another incident's figure
		past bool
	}
	var ss []scored
	for _, r := range rows {
		if r.t.Scope == facts.War && q.Scope != facts.War {
			continue
		}
		if q.Subgroup != "" && !subgroupMatches(q.Subgroup, r.t.Subgroup) {
			continue
		}
		sc := 2*coverage(topic, r.t.Evidence.Sentence) + 1.5*rel[r.meta.ID]
		if r.t.Subgroup != "" && q.Subgroup == "" {
			sc -= 0.3 // "13 civilians" is part of a total, not the total
		}
		if r.t.Qualifier == facts.Vague {
			sc -= 0.3
		}
		if otherTime(r.t.Evidence.Sentence, r.meta.Date, q.When) {
			sc -= 1 // "the last attack on April 25 killed seven": another event
		}
		past := pastEvent(r.t, eventWords(q))
		if past {
			sc -= 1 // "one woman was killed ... site of a chemical attack earlier this week": another event
		}
		ss = append(ss, scored{r, sc, past})
	}
	sort.SliceStable(ss, func(i, j int) bool {
		if a, b := round3(ss[i].score), round3(ss[j].score); a != b {
			return a > b
		}
		if ss[i].date != ss[j].date {
			return newer(ss[i].date, ss[j].date)
		}
		return ss[i].meta.ID < ss[j].meta.ID
	})
	what := tollLabel(q)
	if len(ss) == 0 || ss[0].score < 0.6 {
		notes = append(notes, fmt.Sprintf("No figure names “%s”.", q.Topic))
		r := Response{Headline: fmt.Sprintf("No figures found for %s.", what), Notes: notes}
		if more, err := e.passages(ctx, q.Place, strings.TrimSpace(q.Topic+" "+q.Category), q.When, false, 5); err == nil && len(more) > 0 {
			r.Headline = fmt.Sprintf("No figure was extracted for %s; passages that may give one:", what)
			r.Answers = more
		}
		return r, nil
	}
	best := ss[0]
	cut := best.score * 0.4
	// the best report's other figures on its day and place, whatever their
	// words ("the Syrian Observatory for Human Rights put the toll at 15
	// dead")
	if d, ok := parseDay(best.date); ok {
		from, to := d, d
		if ad, ok := parseDay(best.meta.Date); ok {
			// the figure's day ("on Monday") and its article's
			from, to = minTime(d, ad), maxTime(d, ad)
		}
		hits, err := e.store.Facts(ctx, index.FactQuery{Kind: "toll", Category: best.t.Category, From: from, To: to, Size: index.MaxSize})
		if err != nil {
			return Response{}, fmt.Errorf("bot: tolls: %w", err)
		}
		have := map[string]bool{}
		for _, x := range ss {
			have[fmt.Sprintf("%s|%d", x.meta.ID, x.t.Evidence.Start)] = true
		}
		for _, h := range hits {
			if h.Toll == nil || h.Meta.ID != best.meta.ID || have[fmt.Sprintf("%s|%d", h.Meta.ID, h.Toll.Evidence.Start)] {
				continue
			}
			if otherTime(h.Toll.Evidence.Sentence, h.Meta.Date, q.When) || h.Toll.Scope == facts.War {
				continue
			}
			if q.Counted != "" && !countsGroup(q.Counted, h.Toll.Evidence.Sentence) {
				continue
			}
			ss = append(ss, scored{tollRow{t: h.Toll, meta: h.Meta, date: best.date}, cut, false})
		}
	}
	var r Response
	r.Notes = notes
	r.Headline = fmt.Sprintf("%s: %s", upperFirst(what), tollPhrase(best.tollRow))
	// a headline claims the event only when the best figure's sentence or
	// its article's title holds the event's own words ("rocket" of "the
	// rocket attack on Homs"), not just "attack" and the place
	bestLabel := "Best match"
	if own := eventWords(q); len(own) > 0 && coverage(own, best.t.Evidence.Sentence+" "+best.meta.Title) == 0 {
		r.Headline = fmt.Sprintf("No figure names “%s”; the nearest figures, from reports that do not name it:", q.Topic)
		bestLabel = "Nearest"
	}
	// the same report's other figures for the event, same place first:
	// rival counts side by side
	var rivals, rest []scored
	for _, x := range ss[1:] {
		if x.meta.ID == best.meta.ID && x.t.Subgroup == best.t.Subgroup && x.t.Count != best.t.Count && x.score >= cut-1 && x.score > 0 && !otherTime(x.t.Evidence.Sentence, x.meta.Date, q.When) {
			rivals = append(rivals, x)
		} else if x.score >= cut && (!x.past || best.past) {
			// another incident's figure is not listed under the event's heading
			rest = append(rest, x)
		}
	}
	samePlace := func(x scored) bool { return names.Key(x.t.Place) == names.Key(best.t.Place) }
	sort.SliceStable(rivals, func(i, j int) bool {
		if a, b := samePlace(rivals[i]), samePlace(rivals[j]); a != b {
			return a
		}
		return rivals[i].score > rivals[j].score
	})
	// one answer a figure: the same count in other articles is cited under it
	byCount := map[string]int{}
	add := func(x scored, label string) {
		key := fmt.Sprintf("%d|%s|%s", x.t.Count, x.t.Subgroup, x.t.Qualifier)
		if i, ok := byCount[key]; ok {
			src := source(x.meta)
			if r.Answers[i].Source.Article != src.Article && !hasSource(r.Answers[i].Also, src.Article) {
				r.Answers[i].Also = append(r.Answers[i].Also, src)
			}
			return
		}
		byCount[key] = len(r.Answers)
		r.Answers = append(r.Answers, tollAnswer(x.tollRow, label))
	}
	add(best, bestLabel)
	for _, x := range rivals {
		add(x, "Same report")
	}
	for _, x := range rest {
		label := "Also reported"
		if x.date != "" && x.date == best.date && x.t.Count != best.t.Count {
			label = "Same day"
		}
		add(x, label)
	}
	for i := range r.Answers {
		if n := len(r.Answers[i].Also); n > 0 {
			r.Answers[i].Text += fmt.Sprintf(" (also in %d other article%s)", n, plural(n))
		}
	}
	if len(r.Answers) > maxAnswers {
		r.Answers = r.Answers[:maxAnswers]
	}
	return r, nil
}

// addTollPassages adds, after the best figures, the sentences of the
// period's articles about the place that give a figure no fact holds.
func (e *Engine) addTollPassages(ctx context.Context, q query, r *Response) {
	more, err := e.passages(ctx, q.Place, q.Category, q.When, false, 8)
	if err != nil {
		e.log.Warn("bot: toll passages", "err", err)
		return
	}
	shown := map[string]bool{}
	for _, a := range r.Answers {
		shown[strings.TrimSpace(a.Evidence)] = true
	}
	var extra []Answer
	for _, a := range more {
		if shown[a.Evidence] || !figureRE.MatchString(a.Evidence) || coverage(significantTokens(q.Category), a.Evidence) == 0 && !tollWordRE.MatchString(a.Evidence) {
			continue
		}
		if facts := strings.Fields(a.Evidence); len(facts) > 80 {
			continue
		}
		extra = append(extra, a)
		if len(extra) == 2 {
			break
		}
	}
	if len(extra) == 0 {
		return
	}
	at := min(3, len(r.Answers))
	r.Answers = append(r.Answers[:at], append(extra, r.Answers[at:]...)...)
	r.Notes = append(r.Notes, "Passages are sentences that give a figure no extracted fact holds; read them in their article.")
}

var (
	figureRE   = regexp.MustCompile(`\b\d[\d,]*\b`)
	tollWordRE = regexp.MustCompile(`(?i)\b(?:killed|dead|died|deaths|injured|wounded|displaced|fled)\b`)
)

// nearestDates names the dates nearest the asked period that have figures.
func (e *Engine) nearestDates(ctx context.Context, q query) []string {
	q2 := q
	q2.When = period{}
	rows, err := e.tollRows(ctx, q2)
	if err != nil {
		return nil
	}
	var dates []string
	for _, r := range rows {
		dates = append(dates, r.date)
	}
	return nearestDays(dates, q.When)
}

// nearestDays are up to three distinct dates closest to a period.
func nearestDays(dates []string, p period) []string {
	mid := p.From
	if mid.IsZero() {
		mid = p.To
	}
	type dd struct {
		date string
		gap  float64
	}
	var ds []dd
	seen := map[string]bool{}
	for _, s := range dates {
		d, ok := parseDay(s)
		if !ok || seen[s] {
			continue
		}
		seen[s] = true
		gap := d.Sub(mid).Hours()
		if gap < 0 {
			gap = -gap
		}
		ds = append(ds, dd{s, gap})
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].gap != ds[j].gap {
			return ds[i].gap < ds[j].gap
		}
		return ds[i].date < ds[j].date
	})
	var out []string
	for i := 0; i < len(ds) && i < 3; i++ {
		out = append(out, ds[i].date)
	}
	return out
}

var monthWordRE = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december)\b`)

// otherTime reports whether a figure's sentence dates itself to another
// month than its article's and the asked period's: background about an
// earlier event.
func otherTime(sentence, articleDate string, when period) bool {
	m := monthWordRE.FindAllString(sentence, -1)
	if len(m) == 0 {
		return false
	}
	d, ok := parseDay(articleDate)
	if !ok {
		return false
	}
	for _, w := range m {
		mon := monthOf(w)
		if mon == d.Month() || !when.empty() && (when.From.Month() == mon || when.To.Month() == mon) {
			return false
		}
		if strings.EqualFold(w, "may") {
			return false // the verb as often as the month
		}
	}
	return true
}

// backBeforeRE and backAfterRE are the words that make an event named
// after a figure an earlier one: "days after the chemical attack", "the
// site of a suspected chemical attack earlier this week".
var (
	backBeforeRE = regexp.MustCompile(`(?i)\b(?:after|since|following|site of|scene of)\b[^.;]{0,40}$`)
	backAfterRE  = regexp.MustCompile(`(?i)^[\w -]{0,30}?\b(?:earlier (?:this|that|last|in the) (?:week|month|year)|last (?:week|month|year)|(?:days|weeks|months|a week|a day) (?:earlier|before|ago))\b`)
)

// pastEvent reports whether a figure's sentence names the asked event only
// after the figure, as an earlier one: the figure is then another
// incident's ("One woman was killed in an air strike on Khan Sheikhun,
// site of a suspected chemical attack earlier this week"), not the
// event's ("The chemical attack earlier this week killed 87").
func pastEvent(t *facts.Toll, own []string) bool {
	if len(own) == 0 || t.Count <= 0 {
		return false
	}
	s := t.Evidence.Sentence
	forms := map[string]bool{strconv.FormatInt(t.Count, 10): true, strings.ToLower(formatCount(t.Count)): true}
	if t.Count < int64(len(numberWords)) {
		forms[numberWords[t.Count]] = true
	}
	ws := sentenceWordRE.FindAllStringIndex(s, -1)
	fig := -1
	for i, w := range ws {
		if forms[strings.ToLower(s[w[0]:w[1]])] {
			fig = i
			break
		}
	}
	if fig < 0 {
		return false
	}
	for _, w := range ws[fig+1:] {
		k := names.Key(s[w[0]:w[1]])
		hit := false
		for _, o := range own {
			if k == o || tokenLike(o, k) {
				hit = true
				break
			}
		}
		if hit && (backBeforeRE.MatchString(s[:w[0]]) || backAfterRE.MatchString(s[w[1]:])) {
			return true
		}
	}
	return false
}

// sentenceWordRE is a word of a sentence, for reading it word by word.
var sentenceWordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’,-]*[\p{L}\p{N}]|[\p{L}\p{N}]`)

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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
	} else if q.Counted != "" {
		label = q.Counted + " " + s
	}
	if t := q.Topic; t != "" {
		if t[0] >= 'A' && t[0] <= 'Z' {
			label += " in " + t // a place read as the event's words
		} else {
			label += " in the " + t
		}
	}
	if q.Place != "" && coverage(significantTokens(q.Place), q.Topic) < 1 {
		label += " in " + names.Default().Canonical(q.Place)
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
	} else if who := countedAs(t); who != "" {
		b.WriteString(" " + who)
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

// countedAs is who the sentence says were counted when the figure names
// no group: "41 Britons", "nine French peacekeepers". A headline that says
// "41 killed" over "41 Britons ... died" would say more than its evidence.
func countedAs(t *facts.Toll) string {
	if t.Qualifier == facts.Vague || t.Count <= 0 {
		return ""
	}
	forms := []string{strconv.FormatInt(t.Count, 10), formatCount(t.Count)}
	if t.Count < int64(len(numberWords)) {
		forms = append(forms, numberWords[t.Count])
	}
	for _, f := range forms {
		if who := wordsAfter(t.Evidence.Sentence, f); who != "" {
			return who
		}
	}
	return ""
}

// wordsAfter finds the figure f as a word of sentence and returns the
// plural noun after it, with one capitalised word before that noun
// ("French peacekeepers"), or "" when the noun says nothing of who.
func wordsAfter(sentence, f string) string {
	lower := strings.ToLower(sentence)
	f = strings.ToLower(f)
	for at := 0; ; {
		i := strings.Index(lower[at:], f)
		if i < 0 {
			return ""
		}
		i += at
		at = i + len(f)
		if i > 0 && isWordByte(lower[i-1]) || at < len(lower) && isWordByte(lower[at]) {
			continue // part of a longer number or word
		}
		words := strings.Fields(sentence[at:])
		if len(words) == 0 {
			return ""
		}
		pick := func(n int) string {
			w := strings.TrimRight(words[n], ".,;:!?)\"'")
			if len(w) < 3 || !strings.HasSuffix(w, "s") || notCounted[strings.ToLower(w)] {
				return ""
			}
			return w
		}
		if w := pick(0); w != "" {
			return w
		}
		if len(words) > 1 && words[0] != "" && words[0][0] >= 'A' && words[0][0] <= 'Z' && !strings.ContainsAny(words[0], ".,;:") {
			if w := pick(1); w != "" && !strings.EqualFold(w, "people") {
				return words[0] + " " + w
			}
		}
		// one plain word before the noun says who: "three rescue workers",
		// "35 government soldiers"
		if len(words) > 1 && modifierRE.MatchString(words[0]) && !notModifier[words[0]] && !notCounted[words[0]] {
			if w := pick(1); w != "" && groupNouns[strings.ToLower(w)] {
				return words[0] + " " + w
			}
		}
		return ""
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == ','
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// modifierRE is a plain lower-case word, the one a group's noun may
// follow a figure with ("rescue" of "three rescue workers").
var modifierRE = regexp.MustCompile(`^[a-z]{3,}$`)

// notModifier are words after a figure that are not part of who was counted.
var notModifier = map[string]bool{"were": true, "are": true, "have": true, "had": true, "more": true, "other": true,
	"killed": true, "wounded": true, "injured": true, "and": true, "from": true, "for": true, "the": true, "among": true,
	"including": true, "with": true, "who": true, "that": true, "died": true, "missing": true, "arrested": true, "out": true}

// groupNouns are the nouns of people counted as a group that a plain
// word may qualify ("rescue workers", "government soldiers"); after a
// verb ("kill 10 injure scores") no such noun follows.
var groupNouns = map[string]bool{"workers": true, "soldiers": true, "officers": true, "fighters": true, "troops": true,
	"members": true, "journalists": true, "policemen": true, "guards": true, "militants": true, "rebels": true,
	"students": true, "pupils": true, "medics": true, "volunteers": true, "peacekeepers": true, "civilians": true,
	"children": true, "women": true, "men": true, "employees": true, "miners": true, "pilgrims": true, "tourists": true,
	"passengers": true, "nurses": true, "doctors": true, "teachers": true, "firefighters": true, "recruits": true}

// notCounted are words after a figure that say nothing of who was counted.
var notCounted = map[string]bool{"people": true, "persons": true, "others": true, "years": true, "days": true, "hours": true,
	"weeks": true, "months": true, "times": true, "kms": true, "miles": true, "bodies": true, "dead": true, "deaths": true,
	"lives": true, "victims": true, "casualties": true, "was": true, "is": true, "has": true, "dozens": true, "hundreds": true,
	"thousands": true, "as": true, "its": true, "us": true, "ones": true, "percent": true, "cents": true}

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
		c.Points = append(c.Points, Point{Date: x.date, Value: x.t.Count, Label: reporter(x)})
	}
	if len(c.Points) < 2 {
		return nil
	}
	return c
}

// reporter names who gave a figure, for the chart's line: the source the
// sentence names, else the outlet, else the article.
func reporter(x tollRow) string {
	switch {
	case x.t.Source != "":
		return x.t.Source
	case x.meta.Outlet != "":
		return x.meta.Outlet
	}
	return x.meta.ID
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

// saidBy reports whether a fact with no source read stands in a sentence
// that attributes it to the asked source ("..., Homs Governor Ahmad Munir
// said" for "the governor's figure").
func saidBy(asked, got, sentence string) bool {
	if got != "" || !saysRE.MatchString(sentence) {
		return false
	}
	return strictCoverage(significantTokens(asked), sentence) == 1
}

// fromSource reports whether a fact is the asked source's: its source is
// the asked one, or its sentence attributes it to the asked one, or it has
// no source read and stands in the asked outlet's own report ("according
// to SANA" keeps the figures SANA's articles give unattributed, not those
// it quotes from the Observatory).
func fromSource(asked, got, sentence, outlet string) bool {
	if sourceMatches(asked, got) || saidBy(asked, got, sentence) {
		return true
	}
	return got == "" && outlet != "" && sourceMatches(asked, outlet)
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

// countsGroup reports whether a figure's sentence names the group asked
// for ("Britons", "aid workers"), every word of it.
func countsGroup(group, sentence string) bool {
	return strictCoverage(significantTokens(group), sentence) == 1
}

// listGapRE is what stands between the places of a list: ", ", " and ",
// ", and ", " or ", or only a space where the copy has lost its commas
// ("in Aleppo Hama Damascus and its countryside"; placeList still wants
// three places or more).
var listGapRE = regexp.MustCompile(`^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s+)$`)

// pairGapRE is what joins two places into a pair: " and ", " or ".
var pairGapRE = regexp.MustCompile(`^\s+(?:and|or)\s+$`)

// placeList returns the list of three or more places, or two joined by
// "and", that a sentence names the asked place in ("Sri Lanka, India,
// Indonesia and Thailand", "Aleppo and Idleb"), as the sentence writes it,
// or "" when the place stands alone. A figure with no
// place whose sentence holds such a list is the list's: place "" finds
// the first list.
func (e *Engine) placeList(sentence, place string) string {
	spans := e.names.FindWorldPlaces(sentence)
	want := names.Key(e.names.Canonical(place))
	for i := 0; i < len(spans); {
		j := i
		for j+1 < len(spans) && listGapRE.MatchString(sentence[spans[j].End:spans[j+1].Start]) {
			j++
		}
		if j-i >= 2 && place == "" {
			return sentence[spans[i].Start:spans[j].End]
		}
		// two places joined by "and" ("in Aleppo and Idleb") are a pair's
		// total too; two joined by a space alone ("Aleppo Syria") are a
		// place and its country
		pair := j-i == 1 && pairGapRE.MatchString(sentence[spans[i].End:spans[j].Start])
		if j-i >= 2 || pair {
			for k := i; k <= j; k++ {
				if names.Key(spans[k].Entry.Canonical) == want || names.Key(sentence[spans[k].Start:spans[k].End]) == names.Key(place) {
					return sentence[spans[i].Start:spans[j].End]
				}
			}
		}
		i = j + 1
	}
	return ""
}
