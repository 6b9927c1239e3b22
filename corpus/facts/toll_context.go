package facts

import (
	"fmt"
	"regexp"
	"strings"
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
	plain bool
	// grams filters literal searches in lower (see bigrams)
	grams   bigrams
	spans   []names.Span // every known name, offsets relative to text
	source  string       // canonical reporting source, "" when none: see sourceOf
	srcRead bool         // source has been read
	art     *srcArticle  // what the article tells its sentences' sources
	// srcAt, srcCue: where the sentence's own source is named and where
	// its cue starts; -1 for a source read back from the sentence before
	srcAt, srcCue int
	// weekday is the weekday the sentence dates its event by ("on Monday"),
	// -1 when none.
	weekday int
	// date is the day the sentence's event happened (see ctxDate), ""
	// when the article is undated; past is the earlier year (or month) the
	// sentence sets its event in ("in 2016", "in March 2017"), "" when it
	// names none, and since says it was named as "since 2015".
	date, past string
	since      bool
}

// ctxAttributionRE finds the words that hand a claim to a reporter.
var ctxAttributionRE = regexp.MustCompile(`\b(?:said|says|saying|reported|reports|reporting|according\s+to|told|tells|states|stated|announced|estimated|estimates|documented|recorded|added|adding|counted|confirmed|cited|citing)\b`)

var ctxAttributionLRE = newLitRE(ctxAttributionRE.String())

// ctxAnaphoraRE opens a sentence that continues the previous one's report:
// "It said ...", "The strikes killed ...".
var ctxAnaphoraRE = regexp.MustCompile(`^(?:It|They|He|She|The (?:monitor|strikes?|raids?|air ?strikes|attacks?|bombardment|shelling|toll|death toll|group|Observatory|observatory|claim|statement|report|agency))\b`)

// ctxItIsRE opens a sentence with an empty "it" ("It is the first time
// ...", "It was unclear ..."): nothing the sentence before reported.
var ctxItIsRE = regexp.MustCompile(`^It(?:\s+(?:is|was|has\s+been|had\s+been|remains|remained|seems|seemed|appears|appeared|will\s+be|would\s+be)|'s|’s)\b`)

// ctxEventAnaphoraRE opens a sentence whose subject is the previous
// sentence's event ("... strikes on Sunday. The strikes killed 12"): it
// happened on the day that sentence gives. "The violence", "the
// offensive" run over many days and are not read back.
var ctxEventAnaphoraRE = regexp.MustCompile(`^(?:It|They|The (?:strikes?|raids?|air ?strikes?|airstrikes?|attacks?|bombardment|bombings?|shelling|ambush|blasts?|explosions?|attackers|assailants))\b`)

var ctxWeekdayRE = regexp.MustCompile(`\b(?:(since|last|next|until|from|by|before|after|every)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// ctxWeekdayNames: ctxWeekdayRE finds nothing in a text without one.
var ctxWeekdayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// ctxWeekday is the weekday of the first match of ctxWeekdayRE in s
// without a word before the day, -1 when there is none. Every match holds
// one day named as a whole word, and a day is matched with the word before
// it exactly when that word is one of the pattern's, standing alone, with
// white space between them; so the words are read one by one.
func ctxWeekday(s string) int {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if d, ok := ctxWeekdays[s[i:j]]; ok && !ctxWeekdayWordBefore(s, i) {
			return int(d)
		}
		i = j
	}
	return -1
}

// ctxWeekdayWordBefore reports one of ctxWeekdayRE's words ("since",
// "last") before white space that ends at i.
func ctxWeekdayWordBefore(s string, i int) bool {
	k := i
	for k > 0 && isSpaceRE(s[k-1]) {
		k--
	}
	if k == i {
		return false
	}
	p := k
	for p > 0 && isWordByte(s[p-1]) {
		p--
	}
	switch s[p:k] {
	case "since", "last", "next", "until", "from", "by", "before", "after", "every":
		return true
	}
	return false
}

// isSpaceRE is \s of a pattern: ASCII white space.
func isSpaceRE(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

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

// buildContexts prepares every sentence of a once for both extractors.
// Contexts are read-only once built, but for the source that sourceOf
// reads on first use.
func buildContexts(a *corpus.Article, sents []Sentence) []sentCtx {
	tab := names.Default()
	out := make([]sentCtx, len(sents))
	for i, s := range sents {
		c := sentCtx{Sentence: s, text: a.Text[s.Start:s.End], weekday: -1}
		c.lower = asciiLower(c.text)
		c.plain = plainText(c.text)
		c.grams = makeBigrams(c.lower)
		// world places too: an archive covers more than Syria
		c.spans = tab.FindWorld(c.text)
		if containsAny(c.text, ctxWeekdayNames) {
			c.weekday = ctxWeekday(c.text)
		}
		c.past, c.since = ctxPastDate(a, c.text)
		c.date = ctxDay(a, c.weekday)
		if i > 0 && c.weekday < 0 && c.past == "" && ctxEventAnaphoraRE.MatchString(c.text) {
			// "The strikes killed ...": the previous sentence's day
			c.date, c.past, c.since = out[i-1].date, out[i-1].past, out[i-1].since
		}
		out[i] = c
	}
	ctxLocalPlaces(out)
	art := newSrcArticle(out)
	for i := range out {
		out[i].art = &art
	}
	return out
}

// sourceOf is the source of sentence i, read when a fact first needs it:
// most sentences state none, and reading a source is the costliest step
// after finding names. A sentence without a source of its own takes the
// previous one's when it carries on the same report ("The Observatory
// said ... It said at least 12 people were killed"; "... , the
// observatory said. The strikes killed at least 12 people").
func sourceOf(ctxs []sentCtx, i int) string {
	c := &ctxs[i]
	if !c.srcRead {
		c.srcRead = true
		x := ctxSourceAt(c, c.art)
		c.source, c.srcAt, c.srcCue = x.name, x.at, x.cue
		if c.source == "" && i > 0 && ctxAnaphoraRE.MatchString(c.text) && !ctxItIsRE.MatchString(c.text) {
			c.source, c.srcAt, c.srcCue = sourceOf(ctxs, i-1), -1, -1
		}
	}
	return c.source
}

// ctxDate is the date an article gives an event. The rule:
//
//   - a sentence that sets its event in an earlier year ("In 2016 the army
//     recaptured ...", "in March 2017", "since 2015") is dated by that
//     year, written as ISO 8601 does at that precision: "2016", "2017-03".
//     A day is never made up for it, and the article's date is never
//     given to it: a 2016 event must not pass for the latest claim (the
//     bot puts an undated claim under its article's date, and "2016"
//     sorts before every day of a later year). "Earlier" is against the
//     article's year (its month for "in March 2024"); in an undated article
//     any named year counts. Tolls read "since 2015" apart: see tollDate;
//   - else the weekday the sentence names, taken as the last such day on
//     or before the article's date, or the day of the previous sentence
//     when this one's subject is that sentence's event ("The strikes");
//   - else the article's date; "" for an undated article.
func ctxDate(a *corpus.Article, c *sentCtx) string {
	if c.past != "" {
		return c.past
	}
	return c.date
}

// ctxDay is the article's date, moved back to the weekday the sentence
// names (-1: none); "" for an undated article.
func ctxDay(a *corpus.Article, weekday int) string {
	if a.Date.IsZero() {
		return ""
	}
	if weekday < 0 {
		return a.DateString()
	}
	d := a.Date
	for i := 0; i < 7 && int(d.Weekday()) != weekday; i++ {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("2006-01-02")
}

// ctxYearWords may stand before a year named as a time: "in 2016",
// "since 2015", "by late 2013", "in March 2017". A bare "2016" may be a
// count.
var ctxYearWords = map[string]bool{
	"in": true, "since": true, "by": true, "during": true, "throughout": true, "until": true, "early": true, "late": true, "mid": true,
}

var ctxMonths = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April, "may": time.May, "june": time.June,
	"july": time.July, "august": time.August, "september": time.September, "october": time.October, "november": time.November, "december": time.December,
}

// ctxPastDate is the first earlier year (or month) the sentence sets an
// event in, in ISO 8601 form, and whether it was "since" then.
func ctxPastDate(a *corpus.Article, s string) (string, bool) {
	for i := 0; i+4 <= len(s); i++ {
		if !isYearAt(s, i) {
			continue
		}
		y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if i+4 < len(s) && (s[i+4] == '-' || s[i+4] == '%') || i > 0 && s[i-1] != ' ' {
			continue
		}
		w, at := wordBeforeAt(s, i)
		mon := ctxMonths[w]
		if mon != 0 {
			w, _ = wordBeforeAt(s, at)
		}
		if mon == 0 && !ctxYearWords[w] {
			continue // "2016 civilians": a count, or a year named in passing
		}
		if !a.Date.IsZero() {
			ay, am := a.Date.Year(), a.Date.Month()
			if y > ay || y == ay && (mon == 0 || mon >= am) {
				continue // this year: the article's own time
			}
		}
		since := w == "since"
		if mon != 0 && !since {
			return fmt.Sprintf("%04d-%02d", y, int(mon)), false
		}
		return fmt.Sprintf("%04d", y), since
	}
	return "", false
}

// wordBeforeAt is the lower-cased word of letters that ends, before white
// space, at i in s ("mid-" counts as "mid"), and where it starts.
func wordBeforeAt(s string, i int) (string, int) {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '-') {
		j--
	}
	k := j
	for k > 0 && isLetterByte(s[k-1]) {
		k--
	}
	if j-k > 12 || k > 0 && s[k-1] >= 0x80 {
		return "", k
	}
	return strings.ToLower(s[k:j]), k
}

// isYearAt reports four digits 19xx or 20xx standing alone at s[i:].
func isYearAt(s string, i int) bool {
	return (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) &&
		(i == 0 || !isDigit(s[i-1]) && s[i-1] != ',' && s[i-1] != '.') && (i+4 == len(s) || !isDigit(s[i+4]))
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// countryPlace is the place name that stands for the whole country: a
// default for tolls, never a territorial claim.
const countryPlace = "Syria"
