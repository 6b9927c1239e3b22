package bot

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

type claim struct {
	c    *facts.Control
	meta index.Meta
	date string
	side string
}

func (e *Engine) control(ctx context.Context, q query) (Response, error) {
	if q.Place == "" && q.Controller == "" {
		return Response{}, badRequest("Which place? For example /control place:Aleppo or “Who controls Aleppo?”.")
	}
	claims, err := e.claims(ctx, q)
	if err != nil {
		return Response{}, err
	}
	var notes []string
	if q.Note != "" {
		notes = append(notes, q.Note)
	}
	if len(claims) == 0 && q.Place != "" {
		if fixed, ok := e.correct(ctx, "place", q.Place); ok {
			q2 := q
			q2.Place = fixed
			if claims, err = e.claims(ctx, q2); err != nil {
				return Response{}, err
			}
			if len(claims) > 0 {
				notes = append(notes, fmt.Sprintf("Showing results for %s.", fixed))
				q = q2
			}
		}
	}
	if q.Source != "" {
		if kept := filterRows(claims, func(c claim) bool {
			return fromSource(q.Source, c.c.Source, c.c.Evidence.Sentence, c.meta.Outlet)
		}); len(kept) > 0 {
			claims = kept
		} else if len(claims) > 0 {
			notes = append(notes, fmt.Sprintf("No claims attributed to %s; showing all sources.", q.Source))
		}
	}
	if len(claims) == 0 {
		what := strings.Join(append([]string{q.Place}, q.Places...), " and ")
		if what == "" {
			what = "places taken by " + q.Controller
		}
		r := Response{Headline: fmt.Sprintf("No control claims found for %s%s.", what, whenLabel(q.When)), Notes: notes}
		if !q.When.empty() && q.Place != "" {
			q2 := q
			q2.When = period{}
			if other, err := e.claims(ctx, q2); err == nil && len(other) > 0 {
				var dates []string
				for _, c := range other {
					if c.date != "" {
						dates = append(dates, c.date)
					}
				}
				if len(dates) == 0 {
					// an undated archive: no claim can be placed in the
					// period, and none is dropped in silence
					all, err := e.control(ctx, q2)
					if err != nil {
						return Response{}, err
					}
					all.Headline = fmt.Sprintf("No control claim for %s%s: the archive's claims for it carry no date; they are shown below, marked undated.", what, whenLabel(q.When))
					return all, nil
				}
				r.Headline = fmt.Sprintf("No control claims found for %s%s; the nearest dates with claims are below.", what, whenLabel(q.When))
				r.Suggestions = nearestDays(dates, q.When)
				return r, nil
			}
		}
		if q.Place != "" {
			more, err := e.passages(ctx, strings.Join(append([]string{q.Place}, q.Places...), " "), controlWords, q.When, false, 5)
			if err != nil {
				return Response{}, err
			}
			more = filterRows(more, func(a Answer) bool { return controlVerbRE.MatchString(a.Evidence) })
			if len(more) == 0 && len(q.Places) > 0 {
				// a list: the passages naming the first place
				if more, err = e.passages(ctx, q.Place, controlWords, q.When, false, 5); err != nil {
					return Response{}, err
				}
				more = filterRows(more, func(a Answer) bool { return controlVerbRE.MatchString(a.Evidence) })
			}
			if len(more) > 0 {
				r.Headline = fmt.Sprintf("No control claim was extracted for %s%s; passages that name it:", what, whenLabel(q.When))
				r.Answers = more
				return r, nil
			}
			r.Suggestions = e.suggest(ctx, "place", q.Place)
		}
		return r, nil
	}
	sort.SliceStable(claims, func(i, j int) bool {
		a, b := claims[i], claims[j]
		if a.date != b.date {
			return newer(a.date, b.date)
		}
		if wa, wb := claimWeight(a), claimWeight(b); wa != wb {
			return wa > wb
		}
		// a claim about the place itself before one about a part of it
		return len(a.c.Place) < len(b.c.Place)
	})
	if q.Place == "" {
		return e.placesTaken(q, claims), nil
	}
	if q.Status != "" {
		// "who recaptured Palmyra": the claims of a taking before those
		// of who holds it now
		taken, other := partition(claims, func(c claim) bool { return statusLike(q.Status, c.c.Status) })
		claims = append(taken, other...)
	}
	var r Response
	// the place itself first, then sites inside it ("Aleppo International Airport")
	asked := append([]string{q.Place}, q.Places...)
	exact, parts := partition(claims, func(c claim) bool {
		for _, p := range asked {
			if names.Key(names.Default().Canonical(c.c.Place)) == names.Key(names.Default().Canonical(p)) {
				return true
			}
		}
		return false
	})
	if q.Parent != "" && q.Parent == q.Place {
		return e.partsOf(q, claims, notes), nil
	}
	if len(exact) == 0 {
		exact, parts = parts, nil
	}
	latest := exact[0]
	r.Headline = fmt.Sprintf("%s: %s", displayPlace(q.Place, latest.c.Place), claimPhrase(latest))
	r.Notes = notes
	if conflicting := conflicts(exact, latest); len(conflicting) > 0 {
		var others []string
		for _, c := range conflicting {
			others = append(others, claimPhrase(c))
		}
		r.Notes = append(r.Notes, "Conflicting claims the same day: "+strings.Join(others, "; "))
	}
	if q.Controller != "" {
		r.Headline = yesNo(q, latest) + r.Headline
	}
	r.Answers = groupClaims(append(exact, parts...))
	if q.Status != "" && len(filterRows(claims, func(c claim) bool { return statusLike(q.Status, c.c.Status) })) == 0 {
		// asked who took it, and no claim is of a taking: the sentences
		// that say more, after the claims
		more, err := e.passages(ctx, q.Place, "took captured seized retook recaptured regained defeated", q.When, false, 3)
		if err != nil {
			return Response{}, err
		}
		shown := map[string]bool{}
		for _, a := range r.Answers {
			shown[a.Evidence] = true
		}
		added := 0
		for _, a := range more {
			if !shown[a.Evidence] && controlVerbRE.MatchString(a.Evidence) {
				r.Answers = append(r.Answers, a)
				added++
			}
		}
		if added > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("No claim says who took %s%s; passages that may say follow the claims.", q.Place, whenLabel(q.When)))
		}
	}
	if q.Status == "" && len(exact) < fewClaims {
		// one or two claims for the place (in the period asked): the
		// sentences that name it with a word of control may say more,
		// and follow the claims, headed as passages
		more, err := e.passages(ctx, strings.Join(asked, " "), controlWords, q.When, false, fewClaims+2)
		if err != nil {
			return Response{}, err
		}
		shown := map[string]bool{}
		for _, a := range r.Answers {
			shown[a.Source.Article+"\x00"+a.Evidence] = true
		}
		added := 0
		for _, a := range more {
			if added < fewClaims && !shown[a.Source.Article+"\x00"+a.Evidence] && controlVerbRE.MatchString(a.Evidence) {
				r.Answers = append(r.Answers, a)
				added++
			}
		}
		if added > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("Few claims for %s%s were extracted; passages that may say more follow them.", displayPlace(q.Place, latest.c.Place), whenLabel(q.When)))
		}
	}
	if len(r.Answers) > maxAnswers {
		r.Answers = r.Answers[:maxAnswers]
	}
	return r, nil
}

// fewClaims is how few claims for a place leave room for passages after
// them.
const fewClaims = 3

// claims reads the control claims about each asked place, in every
// spelling, in the asked period; with a larger place asked ("the Ramussa
// district of Aleppo", "which part of Homs"), also the claims whose sentence
// names it.
func (e *Engine) claims(ctx context.Context, q query) ([]claim, error) {
	var claims []claim
	seen := map[string]bool{}
	add := func(h index.FactHit) {
		c := h.Control
		d := c.Date
		if d == "" {
			d = h.Meta.Date
		}
		if !q.When.empty() && !q.When.contains(d) && !q.When.contains(h.Meta.Date) {
			return
		}
		k := fmt.Sprintf("%s|%d|%s", h.Meta.ID, c.Evidence.Start, c.Place)
		if seen[k] {
			return
		}
		seen[k] = true
		claims = append(claims, claim{c, h.Meta, d, side(c.Controller)})
	}
	places := append([]string{q.Place}, q.Places...)
	for _, asked := range places {
		n := len(claims)
		for _, place := range e.nameForms(asked) {
			fq := index.FactQuery{Kind: "control", Place: place, From: q.When.From, To: q.When.To, Size: factPool}
			if place == "" {
				// newest claims of that status first; the side is checked below
				fq.Category = q.Status
			}
			hits, err := e.store.Facts(ctx, fq)
			if err != nil {
				return nil, fmt.Errorf("bot: control: %w", err)
			}
			for _, h := range hits {
				c := h.Control
				if c == nil || (place != "" && !placeMatches(place, c.Place)) {
					continue
				}
				if place == "" && (side(c.Controller) != side(q.Controller) || (q.Status != "" && !statusLike(q.Status, c.Status))) {
					continue
				}
				add(h)
			}
			if len(claims) > n {
				break
			}
		}
	}
	if q.Parent != "" {
		hits, err := e.store.Facts(ctx, index.FactQuery{Kind: "control", Text: q.Parent, From: q.When.From, To: q.When.To, Size: factPool})
		if err != nil {
			return nil, fmt.Errorf("bot: control: %w", err)
		}
		parent := significantTokens(q.Parent)
		for _, h := range hits {
			if h.Control != nil && !placeMatches(q.Parent, h.Control.Place) && coverage(parent, h.Control.Evidence.Sentence) == 1 {
				add(h)
			}
		}
	}
	return claims, nil
}

// partsOf answers "which part of Homs do the rebels hold?": the claims
// whose sentence names a part of the place (a district, a neighbourhood),
// of the asked side when one is asked, newest first.
func (e *Engine) partsOf(q query, claims []claim, notes []string) Response {
	var r Response
	r.Notes = notes
	parts := filterRows(claims, func(c claim) bool {
		return partWordRE.MatchString(c.c.Evidence.Sentence) && (q.Controller == "" || c.side == side(q.Controller))
	})
	if len(parts) == 0 {
		who := ""
		if q.Controller != "" {
			who = " held by " + q.Controller
		}
		r.Headline = fmt.Sprintf("No claim names a part of %s%s.", q.Parent, who)
		return r
	}
	r.Headline = fmt.Sprintf("Parts of %s, by the newest claim naming one: %s", q.Parent, claimPhrase(parts[0]))
	r.Answers = groupClaims(parts)
	return r
}

var partWordRE = regexp.MustCompile(`(?i)\b(?:district|neighbou?rhoods?|quarters?|suburbs?|areas?|parts?|enclave|countryside|outskirts|eastern|western|northern|southern)\b`)

// controlWords rank the passages that say who holds a place.
const controlWords = "control seized captured took retook recaptured held regained"

var controlVerbRE = regexp.MustCompile(`(?i)\b(?:defeat\w*|control\w*|seiz\w*|captur\w*|took|taken|retook|retaken|recaptur\w*|held|holds?|regain\w*|fell|fallen|lost|liberat\w*|overr\w*|storm\w*|advanc\w*|enter\w*)\b`)

// placesTaken answers "which towns have the rebels taken": one answer a place.
func (e *Engine) placesTaken(q query, claims []claim) Response {
	seen := map[string]bool{}
	var known, vague []claim
	for _, c := range claims {
		k := names.Key(names.Default().Canonical(c.c.Place))
		if seen[k] {
			continue
		}
		seen[k] = true
		if e.names.IsPlace(c.c.Place) {
			known = append(known, c)
		} else {
			vague = append(vague, c)
		}
	}
	all := append(known, vague...)
	var r Response
	var places []string
	for _, c := range all {
		places = append(places, c.c.Place)
		r.Answers = append(r.Answers, claimAnswer(c))
	}
	verb := map[string]string{"seized": "taken", "lost": "lost", "": "held"}[q.Status]
	have := "has"
	if pluralName(q.Controller) {
		have = "have"
	}
	r.Headline = fmt.Sprintf("Places %s %s %s, by the reports: %s.", q.Controller, have, verb, strings.Join(places, ", "))
	if len(r.Answers) > maxAnswers {
		r.Answers = r.Answers[:maxAnswers]
	}
	return r
}

// claimWeight ranks claims of one date: who holds the place now before who
// lost it, and a claim that names its group, its exception and its source
// before a vague one.
func claimWeight(c claim) int {
	w := 0
	switch c.c.Status {
	case facts.Controls, facts.Seized, facts.Recaptured:
		w += 4
	case facts.Held, facts.Contested:
		w += 2
	}
	if c.c.Except != "" {
		w += 2
	}
	if c.c.Source != "" {
		w++
	}
	if c.side != names.Key(c.c.Controller) && !strings.EqualFold(c.c.Controller, c.side) {
		w++ // a named group ("Hayat Tahrir al-Sham"), not just "rebels"
	}
	return w
}

func yesNo(q query, latest claim) string {
	holds := latest.side == side(q.Controller) && latest.c.Status != facts.Lost
	lost := latest.side == side(q.Controller) && latest.c.Status == facts.Lost
	switch {
	case holds:
		return "Yes, by the latest claim. "
	case lost || latest.side != side(q.Controller):
		return "No, by the latest claim. "
	}
	return ""
}

// conflicts lists claims of the latest date that give the place to another side.
func conflicts(claims []claim, latest claim) []claim {
	var out []claim
	seen := map[string]bool{latest.side: true}
	for _, c := range claims[1:] {
		if c.date != latest.date || c.c.Status == facts.Lost || latest.c.Status == facts.Lost {
			continue
		}
		if !seen[c.side] && c.c.Except == "" && !exceptionCovers(latest.c.Except, c.c.Controller) {
			seen[c.side] = true
			out = append(out, c)
		}
	}
	return out
}

func exceptionCovers(except, controller string) bool {
	return except != "" && side(except) == side(controller)
}

// groupClaims merges the same claim from several articles into one answer.
func groupClaims(claims []claim) []Answer {
	var out []Answer
	index := map[string]int{}
	for _, c := range claims {
		key := strings.Join([]string{names.Key(names.Default().Canonical(c.c.Place)), c.side, c.c.Status, c.date, fmt.Sprint(c.c.Except != "")}, "|")
		if i, ok := index[key]; ok {
			src := source(c.meta)
			if out[i].Source.Article != src.Article && !hasSource(out[i].Also, src.Article) {
				out[i].Also = append(out[i].Also, src)
			}
			continue
		}
		index[key] = len(out)
		out = append(out, claimAnswer(c))
	}
	for i := range out {
		if n := len(out[i].Also); n > 0 {
			out[i].Text += fmt.Sprintf(" (also in %d other article%s)", n, plural(n))
		}
	}
	return out
}

func claimAnswer(c claim) Answer {
	src := source(c.meta)
	return Answer{
		Text:     fmt.Sprintf("%s — %s", claimPhrase(c), cite(src)),
		Evidence: c.c.Evidence.Sentence,
		Source:   src,
		Control: &ControlFact{Place: c.c.Place, Controller: c.c.Controller, Status: c.c.Status,
			Except: c.c.Except, Source: c.c.Source, Date: c.date},
	}
}

func claimPhrase(c claim) string {
	verb := map[string]string{
		facts.Controls: "controls", facts.Seized: "seized", facts.Lost: "lost control of",
		facts.Held: "held", facts.Contested: "contests", facts.Recaptured: "recaptured",
	}[c.c.Status]
	if pluralName(c.c.Controller) {
		verb = strings.TrimSuffix(verb, "s") // "rebels control", "Kurdish forces contest"
	}
	if verb == "" {
		verb = c.c.Status
	}
	s := fmt.Sprintf("%s %s %s", c.c.Controller, verb, qualifiedPlace(c.c.Place, c.c.Controller, c.c.Evidence.Sentence))
	if c.c.Except != "" {
		s += ", except " + strings.TrimPrefix(c.c.Except, "except ")
	}
	if c.c.Source != "" {
		s += ", according to " + c.c.Source
	}
	if c.date != "" {
		s += " (" + c.date + ")"
	} else {
		s += " (undated report)"
	}
	return s
}

// pluralName tells "rebels" and "Kurdish forces" from "the government" and
// "HTS", for the verb that follows.
func pluralName(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if strings.ToUpper(last) == last || len(last) <= 3 {
		return false // an acronym: "HTS", "SDF"
	}
	return strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss")
}

// displayPlace names the place as the claim gives it, else as asked.
func displayPlace(asked, got string) string {
	if got != "" {
		return got
	}
	return asked
}

func statusLike(asked, got string) bool {
	switch asked {
	case facts.Seized:
		return got == facts.Seized || got == facts.Recaptured
	case facts.Lost:
		return got == facts.Lost
	}
	return got != facts.Lost
}

// side groups the names of the warring parties, so that "rebels" finds
// claims by Hayat Tahrir al-Sham and "the regime" finds the government's.
func side(controller string) string {
	k := " " + names.Key(names.Default().Canonical(controller)) + " "
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(k, " "+w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("kurd", "ypg", "sdf", "syrian democratic"):
		return "kurdish"
	case has("turk", "pro turkey", "sna ", "syrian national army"):
		return "turkey-backed"
	case has("islamic state", "isis", "isil", "daesh"):
		return "islamic state"
	case has("rebel", "insurgent", "opposition", "islamist", "hts", "hayat tahrir", "jihadist", "faction", "militant", "fighters", "nusra", "free syrian"):
		return "rebels"
	case has("government", "regime", "army", "assad", "loyalist", "troops", "damascus", "syrian forces", "pro government"):
		return "government"
	}
	return strings.TrimSpace(k)
}

// sideWordRE is a compass word the copy may put before a place ("northern
// Cyprus", "eastern Aleppo", "north-western Syria").
var sideWordRE = regexp.MustCompile(`(?i)\b((?:north|south)?-?(?:north|south|east|west)(?:ern)?|central)\s+$`)

// qualifiedPlace is the place as the claim's sentence qualifies it:
// "Turkey controls northern Cyprus", not "Cyprus". The mention read is
// the first after the controller's name when the sentence writes it
// ("but Turkey, which occupies northern Cyprus", after "the southern part
// of Cyprus"), else every mention must have the same compass word. The
// words are the sentence's own; otherwise the place is returned as is.
func qualifiedPlace(place, controller, sentence string) string {
	if place == "" {
		return place
	}
	// the mentions of the place, in any spelling the gazetteer knows
	// ("eastern Suwayda" for Sweida)
	var ms [][]int
	want := names.Key(names.Default().Canonical(place))
	for _, sp := range names.Default().FindWorldPlaces(sentence) {
		if names.Key(sp.Entry.Canonical) == want || names.Key(sentence[sp.Start:sp.End]) == names.Key(place) {
			ms = append(ms, []int{sp.Start, sp.End})
		}
	}
	if len(ms) == 0 {
		re, err := regexp.Compile(`(?i)\b` + regexp.QuoteMeta(place) + `\b`)
		if err != nil {
			return place
		}
		ms = re.FindAllStringIndex(sentence, -1)
	}
	if len(ms) == 0 {
		return place
	}
	sideOf := func(m []int) (string, int) {
		sm := sideWordRE.FindStringSubmatchIndex(sentence[:m[0]])
		if sm == nil || !compassWord(sentence[sm[2]:sm[3]]) {
			return "", -1
		}
		return sentence[sm[2]:sm[3]], sm[2]
	}
	if cre, err := regexp.Compile(`(?i)\b` + regexp.QuoteMeta(controller) + `\b`); err == nil && controller != "" {
		if cm := cre.FindStringIndex(sentence); cm != nil {
			for _, m := range ms {
				if m[0] < cm[1] {
					continue
				}
				if _, at := sideOf(m); at >= cm[1] {
					return sentence[at:m[1]]
				}
				return place
			}
			return place
		}
	}
	side, first := "", -1
	for _, m := range ms {
		w, at := sideOf(m)
		if w == "" || side != "" && !strings.EqualFold(side, w) {
			return place
		}
		if side == "" {
			side, first = w, at
		}
	}
	return sentence[first:ms[0][1]]
}

// compassWord reports whether w is a side of a place ("northern",
// "north-eastern", "east", "central"), not only letters that look so.
func compassWord(w string) bool {
	w = strings.ToLower(w)
	switch w {
	case "central", "northern", "southern", "eastern", "western", "north", "south", "east", "west":
		return true
	}
	for _, p := range []string{"north-", "south-", "north", "south"} {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" {
			switch rest {
			case "eastern", "western", "east", "west":
				return true
			}
		}
	}
	return false
}
