package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// KindPassage marks an answer cut from an article's text rather than from
// an extracted fact: the words stand in the article, but no statement,
// figure or claim was read from them.
const KindPassage = "passage"

// relevance scores the articles whose passages best match text, 1 for the
// best: how much an article is about the event or topic a question names,
// beyond the one sentence a fact stands in.
func (e *Engine) relevance(ctx context.Context, text string, when period) (map[string]float64, error) {
	out := map[string]float64{}
	if len(significantTokens(text)) == 0 {
		return out, nil
	}
	hits, err := e.searchOnce(ctx, text, when)
	if err != nil {
		return nil, fmt.Errorf("bot: relevance: %w", err)
	}
	want := significantTokens(text)
	// the words of the question an article holds, across its passages
	held := map[string]map[string]bool{}
	for _, h := range hits {
		words := held[h.Meta.ID]
		if words == nil {
			words = map[string]bool{}
			held[h.Meta.ID] = words
		}
		have := matchedWords(h)
		for _, w := range want {
			if words[w] {
				continue
			}
			for _, x := range have {
				if tokenLike(w, x) {
					words[w] = true
					break
				}
			}
		}
	}
	top := 0.0
	for id, words := range held {
		// coverage, not the raw score, so that one rare word repeated does
		// not outweigh every word of the question
		s := float64(len(words)) / float64(len(want))
		out[id] = s
		top = max(top, s)
	}
	if top > 0 {
		for k, v := range out {
			out[k] = v / top
		}
	}
	return out, nil
}

// relevancePool is how many passages relevance and passages read: the
// best ones are enough to tell which articles are about a topic, and few
// enough that a question stays fast on a large archive.
const relevancePool = 40

// matchedIn are the matched words within [from, to) of a passage.
func matchedIn(h index.Hit, from, to int) []string {
	if len(h.Highlights) == 0 {
		// no highlights to read (an index that gives none): the words
		// themselves, the slow way
		return strings.Fields(names.Key(h.Text[from:to]))
	}
	var out []string
	for _, hl := range h.Highlights {
		if hl[0] >= from && hl[1] <= to && hl[0] < hl[1] {
			out = append(out, strings.Fields(names.Key(h.Text[hl[0]:hl[1]]))...)
		}
	}
	return out
}

// coverWords is coverage over words already folded.
func coverWords(want, have []string) float64 {
	if len(want) == 0 {
		return 0
	}
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

// strictWords is strictCoverage over words already folded.
func strictWords(want, have []string) float64 {
	if len(want) == 0 {
		return 0
	}
	n := 0
	for _, w := range want {
		for _, h := range have {
			if h == w || h == w+"s" || w == h+"s" || h == w+"es" {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(want))
}

// matchedWords are the folded words of a passage that matched its search,
// read from the highlights rather than by folding the whole passage.
func matchedWords(h index.Hit) []string {
	if len(h.Highlights) == 0 {
		return strings.Fields(names.Key(h.Text))
	}
	out := make([]string, 0, len(h.Highlights))
	for _, hl := range h.Highlights {
		if hl[0] >= 0 && hl[1] <= len(h.Text) && hl[0] < hl[1] {
			out = append(out, strings.Fields(names.Key(h.Text[hl[0]:hl[1]]))...)
		}
	}
	return out
}

// relevanceOnce is relevance remembered for the request: a toll question
// may rank by the same words twice (filtering, then ordering).
func (e *Engine) relevanceOnce(ctx context.Context, text string, when period) (map[string]float64, error) {
	memo, _ := ctx.Value(relevanceKey{}).(*relevanceMemo)
	if memo == nil {
		return e.relevance(ctx, text, when)
	}
	k := text + "|" + when.From.String() + "|" + when.To.String()
	if r, ok := memo.m[k]; ok {
		return r, nil
	}
	r, err := e.relevance(ctx, text, when)
	if err == nil {
		memo.m[k] = r
	}
	return r, err
}

// searchOnce is a passage search remembered for the request: the
// relevance of a topic and the passages that fall back on it read the same
// page of hits.
func (e *Engine) searchOnce(ctx context.Context, text string, when period) ([]index.Hit, error) {
	memo, _ := ctx.Value(relevanceKey{}).(*relevanceMemo)
	k := text + "|" + when.From.String() + "|" + when.To.String()
	if memo != nil {
		if h, ok := memo.hits[k]; ok {
			return h, nil
		}
	}
	hits, err := e.store.Search(ctx, index.SearchRequest{Text: text, From: when.From, To: when.To, Size: relevancePool})
	if err == nil && memo != nil {
		memo.hits[k] = hits
	}
	return hits, err
}

type relevanceKey struct{}

// relevanceMemo is one request's relevance scores and searches; a request
// runs on one goroutine, so it needs no lock.
type relevanceMemo struct {
	m    map[string]map[string]float64
	hits map[string][]index.Hit
}

func withRelevanceMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, relevanceKey{}, &relevanceMemo{m: map[string]map[string]float64{}, hits: map[string][]index.Hit{}})
}

// window is a run of one to three sentences of a passage, verbatim.
type window struct {
	hit   index.Hit
	text  string
	score float64
}

// passages answers from the articles' own words when no fact does: the
// sentences that name every word of need (a speaker, a role, a place),
// ranked by how many words of want (the topic) they and their article
// hold. quoteLike extends a window over the sentences that carry what the
// named speaker said next. Every window stands verbatim in its article.
func (e *Engine) passages(ctx context.Context, need, want string, when period, quoteLike bool, limit int) ([]Answer, error) {
	needT := significantTokens(need)
	wantT := significantTokens(want)
	if len(needT) == 0 && len(wantT) == 0 {
		return nil, nil
	}
	hits, err := e.searchOnce(ctx, strings.TrimSpace(need+" "+want), when)
	if err != nil {
		return nil, fmt.Errorf("bot: passages: %w", err)
	}
	soft := softTokens(needT)
	// a person named in full in the article is named by surname in the
	// sentence that gives his words ("a move Wenger has backed. But he
	// said: ..." after "Arsenal boss Arsene Wenger"); a role keeps every
	// word ("the Turkish president", not "Turkish warplanes")
	inSentence := soft
	named := map[string]bool{} // articles a paragraph of which names the person in full
	if quoteLike && len(soft) >= 2 && !isRole(need) {
		inSentence = soft[len(soft)-1:]
		for _, h := range hits {
			if strictWords(soft, matchedWords(h)) == 1 {
				named[h.Meta.ID] = true
			}
		}
	}
	var ws []window
	for _, h := range hits {
		if !when.contains(h.Meta.Date) && !when.empty() {
			continue
		}
		if len(soft) > 0 && strictWords(soft, matchedWords(h)) < 1 && !(named[h.Meta.ID] && strictWords(inSentence, matchedWords(h)) == 1) {
			continue // the passage's matches lack the speaker or place: no sentence of it names them
		}
		tmp := &corpus.Article{Text: h.Text, Paragraphs: []corpus.Paragraph{{Start: 0, End: len(h.Text)}}}
		sents := facts.Sentences(tmp)
		// the words are read from the search's highlights, which mark
		// every word of the question a passage holds, rather than by
		// folding every sentence of a long article
		art := coverWords(wantT, matchedWords(h))
		best := window{}
		for i, s := range sents {
			inS := matchedIn(h, s.Start, s.End)
			if len(needT) > 0 && strictWords(inSentence, inS) < 1 {
				continue
			}
			end := s.End
			if quoteLike && i+1 < len(sents) {
				// what the speaker said follows the sentence naming them,
				// often without quotation marks in translated copy
				end = sents[i+1].End
				if i+2 < len(sents) {
					third := strings.TrimSpace(h.Text[sents[i+2].Start:sents[i+2].End])
					if startsQuote(third) || pronounSaidRE.MatchString(third) {
						end = sents[i+2].End
					}
				}
			}
			w := strings.TrimSpace(h.Text[s.Start:end])
			score := coverWords(wantT, matchedIn(h, s.Start, end)) + 0.5*art
			if len(needT) > 0 {
				score += 0.5 * coverWords(needT, inS) // the whole role, nationality included
			}
			if quoteLike && !strings.ContainsAny(w, "\"“”") && !saysRE.MatchString(w) {
				score -= 0.5 // names the speaker, says nothing
			}
			if quoteLike && strings.ContainsAny(w, "\"“”") {
				score += 0.4 // the speaker's own words
			}
			if score > best.score {
				best = window{hit: h, text: w, score: score}
			}
		}
		if best.text != "" {
			ws = append(ws, best)
		}
	}
	sort.SliceStable(ws, func(i, j int) bool {
		if a, b := round3(ws[i].score), round3(ws[j].score); a != b {
			return a > b
		}
		if ws[i].hit.Meta.Date != ws[j].hit.Meta.Date {
			return ws[i].hit.Meta.Date > ws[j].hit.Meta.Date
		}
		return ws[i].hit.Meta.ID < ws[j].hit.Meta.ID
	})
	var out []Answer
	seen := map[string]int{}
	for _, w := range ws {
		if w.score <= 0 {
			continue
		}
		key := strings.Join(tokenSet(w.text), " ")
		src := source(w.hit.Meta)
		if i, ok := seen[key]; ok {
			if out[i].Source.Article != src.Article && !hasSource(out[i].Also, src.Article) {
				out[i].Also = append(out[i].Also, src)
			}
			continue
		}
		if len(out) == limit {
			break
		}
		seen[key] = len(out)
		out = append(out, Answer{Text: fmt.Sprintf("Passage: %s — %s", w.text, cite(src)), Kind: KindPassage, Evidence: w.text, Source: src})
	}
	return out, nil
}

// strictCoverage is coverage with whole words only (a plural allowed):
// a role or a name must stand in the sentence, and "governor" is not
// "government".
func strictCoverage(want []string, text string) float64 {
	if len(want) == 0 {
		return 0
	}
	have := strings.Fields(names.Key(text))
	n := 0
	for _, w := range want {
		for _, h := range have {
			if h == w || h == w+"s" || w == h+"s" || h == w+"es" {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(want))
}

// softTokens drops the words a role may go without in copy: "Syrian prime
// minister" is written "Prime Minister Wael al-Halqi" in a Syrian paper.
func softTokens(ts []string) []string {
	var out []string
	for _, t := range ts {
		if !nationality[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return ts
	}
	return out
}

func startsQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "'") || strings.HasPrefix(s, "‘")
}
