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
	var hits []index.FactHit
	for _, who := range e.nameForms(q.Speaker) {
		h, err := e.store.Facts(ctx, index.FactQuery{Kind: "statement", Speaker: who, Text: q.Topic, Size: quotePool})
		if err != nil {
			return Response{}, fmt.Errorf("bot: quotes: %w", err)
		}
		for _, x := range h {
			if x.Statement != nil && (who == "" || speakerMatches(who, x.Statement.Speaker+" "+x.Statement.Role)) {
				hits = append(hits, x)
			}
		}
		if len(hits) > 0 {
			break
		}
	}
	if len(hits) == 0 {
		r := Response{Headline: fmt.Sprintf("No quotes found from %s.", orTopic(q))}
		r.Suggestions = e.suggest(ctx, "speaker", q.Speaker)
		return r, nil
	}
	topic := significantTokens(q.Topic)
	if q.Speaker == "" {
		// with no speaker to narrow them, quotes must be about the words asked
		hits = filterRows(hits, func(h index.FactHit) bool {
			return coverage(topic, h.Statement.Quote+" "+h.Statement.Evidence.Sentence) >= 0.5
		})
		if len(hits) == 0 {
			return Response{Headline: fmt.Sprintf("No quotes found from %s.", orTopic(q))}, nil
		}
	}
	type ranked struct {
		hit   index.FactHit
		score float64
	}
	rs := make([]ranked, 0, len(hits))
	for _, h := range hits {
		s := h.Statement
		score := h.Score + kindWeight(s)
		if len(topic) > 0 {
			score += 2 * coverage(topic, s.Quote+" "+s.Evidence.Sentence)
		}
		rs = append(rs, ranked{h, score})
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return rs[i].hit.Meta.Date > rs[j].hit.Meta.Date
	})
	var r Response
	var keys [][]string
	for _, x := range rs {
		s := x.hit.Statement
		src := source(x.hit.Meta)
		toks := tokenSet(s.Quote)
		dup := -1
		for i, k := range keys {
			if sameWords(k, toks) && sameSpeaker(r.Answers[i].Speaker, s.Speaker) {
				dup = i
				break
			}
		}
		if dup >= 0 {
			if r.Answers[dup].Source.Article != src.Article && !hasSource(r.Answers[dup].Also, src.Article) {
				r.Answers[dup].Also = append(r.Answers[dup].Also, src)
			}
			continue
		}
		if len(r.Answers) == maxAnswers {
			break
		}
		keys = append(keys, toks)
		r.Answers = append(r.Answers, statementAnswer(s, src))
	}
	for i := range r.Answers {
		if n := len(r.Answers[i].Also); n > 0 {
			r.Answers[i].Text += fmt.Sprintf(" (also in %d other article%s)", n, plural(n))
		}
	}
	count := fmt.Sprint(len(r.Answers))
	if len(r.Answers) == maxAnswers {
		count = "At least " + count
	}
	if q.Speaker == "" {
		r.Headline = fmt.Sprintf("%s quote%s about “%s”.", count, plural(len(r.Answers)), q.Topic)
	} else {
		r.Headline = fmt.Sprintf("%s quote%s from %s.", count, plural(len(r.Answers)), speakerLabel(q))
	}
	return r, nil
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
