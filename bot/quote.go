package bot

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// factPool is how many facts one question reads from the index before
// ranking; answers come from the index alone, never from re-reading articles.
const factPool = index.MaxSize

// quotePool is how many statements a quote question ranks and groups:
// more than a reply shows (maxAnswers), few enough to decode fast.
const quotePool = 60

func (e *Engine) quotes(ctx context.Context, q query) (Response, error) {
	if q.Speaker == "" && q.Topic == "" {
		return Response{}, badRequest("Whose quotes? For example /quote speaker:Peskov or “What did the UN envoy say?”.")
	}
	hits, err := e.statements(ctx, q)
	if err != nil {
		return Response{}, err
	}
	var notes []string
	if q.Note != "" {
		notes = append(notes, q.Note)
	}
	if len(hits) == 0 && q.Speaker != "" {
		// a misspelt name: "peskof" is Peskov when one name is clearly nearest
		if fixed, ok := e.correct(ctx, "speaker", q.Speaker); ok {
			q2 := q
			q2.Speaker = fixed
			if hits, err = e.statements(ctx, q2); err != nil {
				return Response{}, err
			}
			if len(hits) > 0 {
				notes = append(notes, fmt.Sprintf("Showing results for %s.", fixed))
				q = q2
			}
		} else if full, short, ok := samePerson(e.names, e.suggest(ctx, "speaker", q.Speaker)); ok {
			// the nearest names are one person ("Sergei Lavrov", "Lavrov"):
			// the surname finds every statement, the full name says who
			q2 := q
			q2.Speaker = short
			if hits, err = e.statements(ctx, q2); err != nil {
				return Response{}, err
			}
			if len(hits) > 0 {
				notes = append(notes, fmt.Sprintf("Showing results for %s.", full))
				q = q2
			}
		}
	}
	topic := significantTokens(q.Topic)
	rel := map[string]float64{}
	if len(topic) > 0 {
		if rel, err = e.relevance(ctx, q.Topic, q.When); err != nil {
			return Response{}, err
		}
	}
	if q.Exclude != "" {
		hits = filterRows(hits, func(h index.FactHit) bool {
			return !speakerMatches(q.Exclude, h.Statement.Speaker+" "+h.Statement.Role)
		})
	}
	if q.Speaker == "" {
		// with no speaker to narrow them, quotes must be about the words asked
		hits = filterRows(hits, func(h index.FactHit) bool {
			return coverage(topic, h.Statement.Quote+" "+h.Statement.Evidence.Sentence) >= 0.5
		})
	}
	rs := make([]ranked, 0, len(hits))
	best := 0.0
	for _, h := range hits {
		s := h.Statement
		score := 1.5*kindWeight(s) + 0.02*min(h.Score, 5)
		cover, words := 0.0, 0.0
		if len(topic) > 0 {
			words = coverage(topic, s.Quote+" "+s.Evidence.Sentence)
			cover = max(words, 0.8*rel[h.Meta.ID])
			score += 2.5*words + 2*rel[h.Meta.ID]
			if rel[h.Meta.ID] < 0.5 {
				score-- // an article about something else: a word in common is chance
			}
		}
		if q.Speaker != "" && isRole(q.Speaker) {
			score += float64(roleFit(q.Speaker, s.Speaker+" "+s.Role))
		}
		about := len(topic) > 0 && (rel[h.Meta.ID] >= 0.5 || coverage(topic, h.Meta.Title) >= 0.99)
		best = max(best, cover)
		rs = append(rs, ranked{h, score, cover, words, about})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rankedBefore(rs[i], rs[j], len(topic) > 0) })
	var r Response
	r.Notes = notes
	// No quote of the speaker is about the topic (or none was read at all):
	// the articles' own sentences that name the speaker and the topic come
	// first, headed as passages.
	var passages []Answer
	// a role's best statement that is only the writer's summary ("a medical
	// source and witnesses said") is no quote of the role: the sentences
	// that name it may hold one
	weak := len(rs) > 0 && isRole(q.Speaker) && len(topic) > 0
	for _, x := range rs {
		if x.hit.Statement.Kind != facts.Reported && x.cover >= 0.5 {
			weak = false
			break
		}
	}
	if q.Speaker != "" && (len(rs) == 0 || len(topic) > 0 && best < 0.5 || weak) {
		if passages, err = e.passages(ctx, q.Speaker, q.Topic, q.When, true, maxAnswers); err != nil {
			return Response{}, err
		}
		if len(topic) > 0 {
			passages = filterRows(passages, func(a Answer) bool { return coverage(topic, a.Evidence) > 0 || rel[a.Source.Article] >= 0.5 })
		}
		// the headline says the passages name the speaker: each holds
		// every word of it, the nationality too ("the Turkish president",
		// not "Turkish warplanes" beside another country's president)
		who := significantTokens(q.Speaker)
		if !isRole(q.Speaker) && len(who) >= 2 {
			// a person: the surname names him in his article's sentences
			who = who[len(who)-1:]
		}
		passages = filterRows(passages, func(a Answer) bool { return together(who, a.Evidence, 2) })
	}
	if len(rs) == 0 && len(passages) == 0 {
		r.Headline = fmt.Sprintf("No quotes found from %s%s.", orTopic(q), whenLabel(q.When))
		if !q.When.empty() {
			q2 := q
			q2.When = period{}
			if other, err := e.statements(ctx, q2); err == nil && len(other) > 0 {
				var dates []string
				for _, h := range other {
					if d := stmtDate(h); d != "" {
						dates = append(dates, d)
					}
				}
				if len(dates) == 0 {
					// an undated archive: no quote can be placed in the
					// period, and none is dropped in silence
					all, err := e.quotes(ctx, q2)
					if err != nil {
						return Response{}, err
					}
					all.Headline = fmt.Sprintf("No quote from %s%s: the archive's quotes from %s carry no date; they are shown below, marked undated.", orTopic(q), whenLabel(q.When), q.Speaker)
					return all, nil
				}
				r.Headline = fmt.Sprintf("No quotes found from %s%s; the nearest dates with quotes are below.", orTopic(q), whenLabel(q.When))
				r.Suggestions = nearestDays(dates, q.When)
				return r, nil
			}
			r.Headline = fmt.Sprintf("No quotes found from %s%s, nor at any other date.", orTopic(q), whenLabel(q.When))
		}
		r.Suggestions = e.suggest(ctx, "speaker", q.Speaker)
		return r, nil
	}
	r.Answers = append(r.Answers, passages...)
	// some quotes are on the topic (their words, or an article about it):
	// a quote on nothing asked does not fill the page after them
	onTopic := false
	for _, x := range rs {
		if x.words >= 0.5 || x.about {
			onTopic = true
			break
		}
	}
	var keys [][]string
	first := len(r.Answers)
	// shown: where each article's sentence is already shown, by speaker;
	// the writer's paraphrase of a sentence whose quoted words are shown
	// says nothing more
	shown := map[string]int{}
	var aside []Answer
	for _, x := range rs {
		if len(passages) > 0 && len(topic) > 0 && x.words == 0 {
			continue // off the topic, under passages that are on it
		}
		s := x.hit.Statement
		src := source(x.hit.Meta)
		if onTopic && len(topic) > 0 && x.words == 0 && !x.about {
			if len(aside) < maxAnswers {
				aside = append(aside, statementAnswer(s, src))
			}
			continue
		}
		toks := tokenSet(s.Quote)
		dup := -1
		for i, k := range keys {
			if sameWords(k, toks) && sameSpeaker(r.Answers[first+i].Speaker, s.Speaker) {
				dup = i
				break
			}
		}
		if dup >= 0 {
			a := &r.Answers[first+dup]
			if a.Source.Article != src.Article && !hasSource(a.Also, src.Article) {
				a.Also = append(a.Also, src)
			}
			continue
		}
		sk := src.Article + "\x00" + names.Key(s.Evidence.Sentence)
		if i, ok := shown[sk]; ok && sameSpeaker(r.Answers[i].Speaker, s.Speaker) {
			if s.Kind == facts.Reported {
				continue
			}
			if r.Answers[i].Kind == facts.Reported {
				// the quoted words stand in the paraphrase's place
				r.Answers[i] = statementAnswer(s, src)
				keys[i-first] = toks
				continue
			}
		}
		if len(r.Answers) >= maxAnswers {
			break
		}
		if _, ok := shown[sk]; !ok {
			shown[sk] = len(r.Answers)
		}
		keys = append(keys, toks)
		r.Answers = append(r.Answers, statementAnswer(s, src))
	}
	for i := range r.Answers {
		if n := len(r.Answers[i].Also); n > 0 {
			r.Answers[i].Text += fmt.Sprintf(" (also in %d other article%s)", n, plural(n))
		}
	}
	if len(strings.Fields(q.Speaker)) == 1 {
		r.Answers = filterRows(r.Answers, func(a Answer) bool { return a.Kind == KindPassage || !onlyPossessive(a, q.Speaker) })
	}
	quotes := len(r.Answers) - len(passages)
	switch {
	case len(passages) > 0:
		r.Headline = fmt.Sprintf("No quote from %s%s was extracted as such; %d passage%s naming %s:", orTopic(q), whenLabel(q.When), len(passages), plural(len(passages)), q.Speaker)
		if quotes > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("After the passages: %d extracted quote%s from %s.", quotes, plural(quotes), q.Speaker))
		}
	case q.Speaker == "":
		r.Headline = fmt.Sprintf("%s quote%s about “%s”%s.", countLabel(quotes), plural(quotes), q.Topic, whenLabel(q.When))
	case len(topic) > 0 && best < 0.25:
		// none of the speaker's quotes nor their articles is about the
		// topic: the headline says so rather than "quotes about" it
		r.Headline = fmt.Sprintf("No quote from %s about “%s”%s; %s other quote%s from %s:", q.Speaker, q.Topic, whenLabel(q.When), countLabel(quotes), plural(quotes), q.Speaker)
	default:
		r.Headline = fmt.Sprintf("%s quote%s from %s%s.", countLabel(quotes), plural(quotes), speakerLabel(q), whenLabel(q.When))
	}
	if first := r.Answers[0]; first.Speaker != "" && q.Speaker != "" && isRole(q.Speaker) {
		who := first.Speaker
		if first.Role != "" {
			who += ", " + first.Role
		}
		r.Headline += " First: " + who + "."
	}
	e.namesakes(&r, q, aside...)
	return r, nil
}

func countLabel(n int) string {
	if n >= maxAnswers {
		return fmt.Sprintf("At least %d", n)
	}
	return fmt.Sprint(n)
}

func whenLabel(p period) string {
	if p.empty() || p.Label == "" {
		return ""
	}
	if strings.HasPrefix(p.Label, "since") || strings.HasPrefix(p.Label, "up to") || strings.HasPrefix(p.Label, "before") ||
		strings.HasPrefix(p.Label, "between") || strings.HasPrefix(p.Label, "after") || strings.HasPrefix(p.Label, "the ") ||
		strings.HasPrefix(p.Label, "last") || strings.HasPrefix(p.Label, "this") || strings.HasPrefix(p.Label, "past") ||
		p.Label == "today" || p.Label == "yesterday" || p.Label == "from" {
		return " " + p.Label
	}
	return " in " + p.Label
}

// statements gathers the statements of the asked speaker in every form the
// speaker may be written (alias, role spelling, short form), then those of
// the people found holding an asked role, under their own names in the
// same articles ("Al-Halqi said" after "Prime Minister Wael al-Halqi").
func (e *Engine) statements(ctx context.Context, q query) ([]index.FactHit, error) {
	forms := e.nameForms(q.Speaker)
	var strict []string
	if q.Speaker != "" {
		for _, v := range roleVariants(q.Speaker) {
			if !slices.Contains(forms, v) {
				forms = append(forms, v)
			}
		}
		if isRole(q.Speaker) {
			if soft := strings.Join(softTokens(significantTokens(q.Speaker)), " "); soft != names.Key(q.Speaker) && soft != "" {
				strict = slices.Clone(forms)
				forms = append(forms, soft)
			}
		}
	}
	if strict == nil {
		strict = forms
	}
	// how a statement's speaker fits the role as asked, in any of its
	// written forms; the form without a nationality only finds, it never
	// lets another country's minister fit
	fitOf := func(sr string) int {
		best := 0
		for _, f := range strict {
			best = max(best, roleFit(f, sr))
		}
		return best
	}
	var hits []index.FactHit
	seen := map[string]bool{}
	add := func(h index.FactHit) {
		k := fmt.Sprintf("%s|%d|%s", h.Meta.ID, h.Statement.Evidence.Start, h.Statement.Quote)
		if !seen[k] && q.When.contains(stmtDate(h)) {
			seen[k] = true
			hits = append(hits, h)
		}
	}
	role := q.Speaker != "" && isRole(q.Speaker)
	for i, who := range forms {
		if role && i >= len(strict) && len(hits) >= 3 && q.Topic == "" {
			break // the role as asked has holders; the looser form would only add others
		}
		h, err := e.store.Facts(ctx, index.FactQuery{Kind: "statement", Speaker: who, Text: q.Topic, From: q.When.From, To: q.When.To, Size: quotePool})
		if err != nil {
			return nil, fmt.Errorf("bot: quotes: %w", err)
		}
		for _, x := range h {
			if x.Statement == nil {
				continue
			}
			sr := x.Statement.Speaker + " " + x.Statement.Role
			if who == "" || speakerMatches(who, sr) && (!role || fitOf(sr) > 0) {
				add(x)
			}
		}
		if !role && len(hits) > 0 {
			break // a name found as asked; its other spellings would add namesakes
		}
		if role && (q.Topic == "" && len(hits) >= 10 || len(hits) >= quotePool) {
			break // enough holders' statements to rank; every form costs a query
		}
	}
	if role && hasNationality(significantTokens(q.Speaker)) {
		// "the Turkish foreign minister": a holder named with that
		// nationality wins over one named without any
		if exact := filterRows(hits, func(h index.FactHit) bool { return fitOf(h.Statement.Speaker+" "+h.Statement.Role) == 2 }); len(exact) > 0 {
			hits = exact
		}
	}
	if role && !hasNationality(significantTokens(q.Speaker)) {
		// "the Chancellor" is the archive's own, not the German one: a
		// holder with a nationality not asked yields to one without
		var plain []index.FactHit
		for _, h := range hits {
			if !hasNationality(strings.Fields(names.Key(h.Statement.Role))) {
				plain = append(plain, h)
			}
		}
		if len(plain) > 0 {
			hits = plain
		}
	}
	if !role || len(hits) == 0 || q.Topic == "" && len(hits) >= 5 {
		// the holders' statements under their own names matter for a
		// topic, or when the role alone finds little
		return hits, nil
	}
	// the holders of the role, by article: their other statements there
	type holder struct{ surname, role string }
	byArticle := map[string][]holder{}
	var order []string
	for _, h := range hits {
		s := h.Statement
		words := strings.Fields(s.Speaker)
		if len(words) < 2 || s.Role == "" {
			continue
		}
		sur := words[len(words)-1]
		if !slices.Contains(order, sur) {
			order = append(order, sur)
		}
		byArticle[h.Meta.ID] = append(byArticle[h.Meta.ID], holder{sur, s.Speaker + ", " + s.Role})
	}
	for i, sur := range order {
		if i == 3 {
			break
		}
		more, err := e.store.Facts(ctx, index.FactQuery{Kind: "statement", Speaker: sur, Text: q.Topic, From: q.When.From, To: q.When.To, Size: quotePool})
		if err != nil {
			return nil, fmt.Errorf("bot: quotes: %w", err)
		}
		for _, x := range more {
			if x.Statement == nil {
				continue
			}
			for _, hd := range byArticle[x.Meta.ID] {
				if hd.surname == sur && speakerMatches(sur, x.Statement.Speaker) {
					add(x)
				}
			}
		}
	}
	return hits, nil
}

func stmtDate(h index.FactHit) string {
	if h.Statement != nil && h.Statement.Date != "" {
		return h.Statement.Date
	}
	return h.Meta.Date
}

// nameForms are the ways to look a speaker or place up, tried in turn: as
// asked, then by the alias table ("OSDH" -> "Syrian Observatory for Human
// Rights"), also for a known name inside a role ("SDF spokesman" ->
// "Syrian Democratic Forces spokesman").
func (e *Engine) nameForms(s string) []string {
	forms := []string{s}
	if s == "" {
		return forms
	}
	add := func(f string) {
		if f != "" && len(forms) < 8 && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	if ent, ok := e.names.Lookup(s); ok {
		add(ent.Canonical)
		for _, a := range ent.Aliases {
			add(a)
		}
	}
	words := strings.Fields(s)
	for n := min(4, len(words)-1); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			part := strings.Join(words[i:i+n], " ")
			ent, ok := e.names.Lookup(part)
			if !ok {
				continue
			}
			for _, alt := range append([]string{ent.Canonical}, ent.Aliases...) {
				if names.Key(alt) == names.Key(part) {
					continue
				}
				form := append(append(append([]string{}, words[:i]...), alt), words[i+n:]...)
				add(strings.Join(form, " "))
			}
		}
	}
	return forms
}

func statementAnswer(s *facts.Statement, src Source) Answer {
	a := Answer{Speaker: s.Speaker, Role: s.Role, Kind: s.Kind, Evidence: s.Evidence.Sentence, Source: src}
	who := s.Speaker
	switch {
	case honorifics[strings.ToLower(strings.TrimSuffix(s.Role, "."))]:
		who = s.Role + " " + s.Speaker // "Mr Blair", not "Blair, Mr,"
	case s.Role != "":
		who += ", " + s.Role + ","
	}
	if s.Kind == facts.Reported {
		// the writer's paraphrase is never presented as the speaker's words
		a.Text = fmt.Sprintf("%s (reported): %s — %s", s.Speaker, s.Evidence.Sentence, cite(src))
		return a
	}
	a.Quote = s.Quote
	a.Text = fmt.Sprintf("%s said: “%s” — %s", who, s.Quote, cite(src))
	return a
}

// ranked is a statement scored for a quote question.
type ranked struct {
	hit   index.FactHit
	score float64
	cover float64 // of the topic, by the statement's sentence or its article
	words float64 // of the topic, by the statement's own sentence
	// about: the statement's article is about the topic (its title names
	// it, or it holds the topic's words among the best passages)
	about bool
}

// rankedBefore orders statements for a quote question. With a topic, the
// statements whose own words hold all of it come first, then those whose
// article is about it (its title names it): a quote on another subject is
// never ranked over one on the subject asked for by its kind alone ("what
// did Konashenkov say about Aleppo" heads with his words on Aleppo, not
// with a direct quote from an article on Deir ez-Zor). Then the score, the
// newer, the article id.
func rankedBefore(a, b ranked, topic bool) bool {
	if topic {
		tier := func(x ranked) int {
			switch {
			case x.words >= 0.99:
				return 2
			case x.about:
				return 1
			}
			return 0
		}
		if ta, tb := tier(a), tier(b); ta != tb {
			return ta > tb
		}
	}
	if x, y := round3(a.score), round3(b.score); x != y {
		return x > y
	}
	if a.hit.Meta.Date != b.hit.Meta.Date {
		return a.hit.Meta.Date > b.hit.Meta.Date
	}
	return a.hit.Meta.ID < b.hit.Meta.ID
}

// honorifics are titles that go before a name rather than after it.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "lord": true, "lady": true, "prof": true}

func kindWeight(s *facts.Statement) float64 {
	switch s.Kind {
	case facts.Direct, facts.Unquoted:
		return 1.5
	case facts.Partial:
		if len(strings.Fields(s.Quote)) >= 4 {
			return 1
		}
		return 0.5
	}
	return 0
}

// speakerLabel names the speaker as asked: the extracted names of the
// answers may differ ("Kremlin" asked, "Dmitry Peskov" found).
func speakerLabel(q query) string {
	label := q.Speaker
	if q.Topic != "" {
		label += " about " + q.Topic
	}
	return label
}

func orTopic(q query) string {
	if q.Speaker == "" {
		return "anyone on " + q.Topic
	}
	if q.Topic != "" {
		return q.Speaker + " about " + q.Topic
	}
	return q.Speaker
}

// stopTokens carry no identity in a speaker or topic.
var stopTokens = map[string]bool{"the": true, "of": true, "a": true, "an": true, "and": true, "s": true,
	"in": true, "on": true, "for": true, "to": true, "about": true, "mr": true, "ms": true, "mrs": true}

func significantTokens(s string) []string {
	var out []string
	for _, t := range strings.Fields(names.Key(s)) {
		if !stopTokens[t] {
			out = append(out, t)
		}
	}
	return out
}

// speakerMatches reports whether every significant word of the asked
// speaker is among the words of a statement's speaker and role, allowing
// spelling variants that share a stem ("Syrian"/"Syria's", "defence"/"defense").
func speakerMatches(asked, speakerAndRole string) bool {
	want := significantTokens(asked)
	if len(want) == 0 {
		return false
	}
	have := strings.Fields(names.Key(speakerAndRole))
	for _, w := range want {
		found := false
		for _, h := range have {
			if tokenLike(w, h) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func tokenLike(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	n := 4
	if len(a) >= 6 && len(b) >= 6 {
		n = 5
	}
	return a[:n] == b[:n]
}

// coverage is the share of want found among the words of text.
// together reports whether every word of want stands in text within a run
// of len(want)+slack words: "the Turkish president" in "Turkish President
// Erdogan said", not in "Turkish warplanes ... the Spanish president".
func together(want []string, text string, slack int) bool {
	if len(want) == 0 {
		return true
	}
	have := strings.Fields(names.Key(text))
	span := len(want) + slack
	for i := range have {
		if !slices.ContainsFunc(want, func(w string) bool { return tokenLike(w, have[i]) }) {
			continue
		}
		end := min(len(have), i+span)
		all := true
		for _, w := range want {
			if !slices.ContainsFunc(have[i:end], func(h string) bool { return tokenLike(w, h) }) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func coverage(want []string, text string) float64 {
	if len(want) == 0 {
		return 0
	}
	have := strings.Fields(names.Key(text))
	n := 0
	for _, w := range want {
		for _, h := range have {
			if tokenLike(w, h) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(want))
}

func tokenSet(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.Fields(names.Key(s)) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// sameWords reports whether two quotes are the same words, allowing the
// small differences of wire copies (a word dropped, a spelling changed).
func sameWords(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	in := map[string]bool{}
	for _, t := range a {
		in[t] = true
	}
	n := 0
	for _, t := range b {
		if in[t] {
			n++
		}
	}
	union := len(a) + len(b) - n
	return float64(n)/float64(union) >= 0.8
}

func sameSpeaker(a, b string) bool {
	ka, kb := strings.Fields(names.Key(a)), strings.Fields(names.Key(b))
	if len(ka) == 0 || len(kb) == 0 {
		return false
	}
	return ka[len(ka)-1] == kb[len(kb)-1]
}

func hasSource(list []Source, id string) bool {
	for _, s := range list {
		if s.Article == id {
			return true
		}
	}
	return false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
