package facts

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/names"
)

// sentCtx is what the toll and control extractors know about one sentence:
// its text, the names in it and who it is attributed to.
type sentCtx struct {
	Sentence
	text string // a.Text[Start:End]
	// lower is text with ASCII letters lowered (asciiLower): offsets stay.
	lower string
	// plain says text holds none of the letters that lower or fold to an
	// ASCII letter outside ASCII (Kelvin sign, long s, dotted capital I),
	// so a literal looked up in lower is there exactly when strings.ToLower
	// or a (?i) pattern would find it.
	plain  bool
	spans  []names.Span // every known name, offsets relative to text
	source string       // canonical reporting source, "" when none
	// weekday is the weekday the sentence dates its event by ("on Monday"),
	// -1 when none.
	weekday int
}

// ctxAttributionRE finds the words that hand a claim to a reporter.
var ctxAttributionRE = regexp.MustCompile(`\b(?:said|says|saying|reported|reports|reporting|according\s+to|told|tells|states|stated|announced|estimated|estimates|documented|recorded|added|adding|counted|confirmed|cited|citing)\b`)

// ctxAnaphoraRE opens a sentence that continues the previous one's report:
// "It said ...", "The strikes killed ...".
var ctxAnaphoraRE = regexp.MustCompile(`^(?:It|They|He|She|The (?:monitor|strikes?|raids?|air ?strikes|attacks?|bombardment|shelling|toll|death toll|group|Observatory|observatory))\b`)

var ctxWeekdayRE = regexp.MustCompile(`\b(?:(since|last|next|until|from|by|before|after|every)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// ctxWeekdayNames: ctxWeekdayRE finds nothing in a text without one.
var ctxWeekdayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// plainText reports that s holds no Kelvin sign, long s or dotted capital
// I: the only runes outside ASCII that strings.ToLower or case folding
// turn into (or match) an ASCII letter.
func plainText(s string) bool {
	return !strings.Contains(s, "\u212a") && !strings.Contains(s, "\u017f") && !strings.Contains(s, "\u0130")
}

var ctxWeekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// ctxCache keeps the contexts of the last article: Extract runs the toll
// and the control extractor one after the other on the same sentences, and
// finding names is the costliest step of both. Contexts are read-only.
var ctxCache struct {
	sync.Mutex
	a     *corpus.Article
	text  string
	sents []Sentence
	ctxs  []sentCtx
}

// factContexts prepares every sentence of a once for both extractors.
func factContexts(a *corpus.Article, sents []Sentence) []sentCtx {
	ctxCache.Lock()
	if ctxCache.a == a && ctxCache.text == a.Text && slices.Equal(ctxCache.sents, sents) {
		c := ctxCache.ctxs
		ctxCache.Unlock()
		return c
	}
	ctxCache.Unlock()
	c := buildContexts(a, sents)
	ctxCache.Lock()
	ctxCache.a, ctxCache.text, ctxCache.sents, ctxCache.ctxs = a, a.Text, sents, c
	ctxCache.Unlock()
	return c
}

func buildContexts(a *corpus.Article, sents []Sentence) []sentCtx {
	tab := names.Default()
	out := make([]sentCtx, len(sents))
	for i, s := range sents {
		c := sentCtx{Sentence: s, text: a.Text[s.Start:s.End], weekday: -1}
		c.lower = asciiLower(c.text)
		c.plain = plainText(c.text)
		c.spans = tab.Find(c.text)
		c.source = ctxSource(c.text, c.lower, c.spans)
		if !containsAny(c.text, ctxWeekdayNames) {
			out[i] = c
			continue
		}
		for _, m := range ctxWeekdayRE.FindAllStringSubmatchIndex(c.text, -1) {
			if m[2] < 0 {
				c.weekday = int(ctxWeekdays[c.text[m[4]:m[5]]])
				break
			}
		}
		out[i] = c
	}
	// a sentence without a source of its own takes the previous one's when
	// it carries on the same report ("The Observatory said ... It said at
	// least 12 people were killed"; "... , the observatory said. The
	// strikes killed at least 12 people")
	for i := 1; i < len(out); i++ {
		if out[i].source == "" && ctxAnaphoraRE.MatchString(out[i].text) {
			out[i].source = out[i-1].source
		}
	}
	return out
}

// ctxSource is the organisation a sentence attributes its words to,
// found next to an attribution cue ("the Observatory said", "according to
// the Syrian Observatory for Human Rights (OSDH)", "OCHA reported").
// Whoever is "told" something (AFP, a newspaper) is not the source.
func ctxSource(text, lower string, spans []names.Span) string {
	hasOrg := false
	for _, sp := range spans {
		hasOrg = hasOrg || sp.Entry.Kind == names.Org
	}
	if !hasOrg {
		return ""
	}
	// the cue pattern is lower case; asciiLower keeps offsets
	cues := ctxAttributionRE.FindAllStringIndex(lower, -1)
	if len(cues) == 0 {
		return ""
	}
	best, bestDist := "", 1<<30
	for _, sp := range spans {
		if sp.Entry.Kind != names.Org {
			continue
		}
		before := strings.TrimRight(text[:sp.Start], " ")
		if strings.HasSuffix(strings.ToLower(before), "told") || strings.HasSuffix(strings.ToLower(before), "told the") {
			continue
		}
		for _, c := range cues {
			d := c[0] - sp.End
			if sp.Start >= c[1] {
				d = sp.Start - c[1]
			}
			if d < 0 {
				d = -d
			}
			if d < bestDist {
				best, bestDist = sp.Entry.Canonical, d
			}
		}
	}
	if bestDist > 200 {
		return ""
	}
	return best
}

// ctxDate is the date an article gives an event: the weekday the sentence
// names, taken as the last such day on or before the article's date; the
// article's date when the sentence names none; "" for an undated article.
func ctxDate(a *corpus.Article, c *sentCtx) string {
	if a.Date.IsZero() {
		return ""
	}
	if c.weekday < 0 {
		return a.DateString()
	}
	d := a.Date
	for i := 0; i < 7 && int(d.Weekday()) != c.weekday; i++ {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("2006-01-02")
}

// countryPlace is the place name that stands for the whole country: a
// default for tolls, never a territorial claim.
const countryPlace = "Syria"
