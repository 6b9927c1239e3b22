package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus/names"
)

// findPlaces returns the known places a question names, as written there,
// in order. Questions are typed in any case ("how many dead in idlib"), so
// the words are read as if capitalised; the plain English words of
// questions are left as they are, so that no place is read into "what".
func (e *Engine) findPlaces(text string) []string {
	titled := titleWords(text)
	type span struct{ start, end int }
	var spans []span
	for _, sp := range e.names.FindPlaces(titled) {
		spans = append(spans, span{sp.Start, sp.End})
	}
	// the places of the world gazetteer ("thailand", "sri lanka") are read
	// where a place stands in a question, after "in", "near", "of" ...,
	// by the same lookup as /toll place: uses, in any case
	for _, m := range placeAfterRE.FindAllStringIndex(text, -1) {
		at := m[1]
		words := placeWordsRE.FindStringSubmatchIndex(text[at:])
		if words == nil {
			continue
		}
		ws := placeWordRE.FindAllStringIndex(text[at:at+words[1]], 4)
		for n := len(ws); n >= 1; n-- {
			start, end := at+ws[0][0], at+ws[n-1][1]
			cand := text[start:end]
			first := strings.ToLower(text[start : at+ws[0][1]])
			if plainWords[first] || n == 1 && len(cand) <= 3 && strings.ToUpper(cand) != cand {
				continue // "of us" is no United States; "US" is
			}
			if !e.names.IsPlace(cand) {
				continue
			}
			taken := false
			for _, sp := range spans {
				taken = taken || start < sp.end && sp.start < end
			}
			if !taken {
				spans = append(spans, span{start, end})
			}
			break
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var out []string
	for _, sp := range spans {
		out = append(out, text[sp.start:sp.end])
	}
	return out
}

var (
	// the words after a preposition of place: "killed in sri lanka", "near
	// the gaza strip"
	placeAfterRE = regexp.MustCompile(`(?i)\b(?:in|at|near|around|outside|inside|across|throughout|of)\s+(?:the\s+)?`)
	placeWordsRE = regexp.MustCompile(`^(?:[\pL'’-]+[ \t]*){1,4}`)
	placeWordRE  = regexp.MustCompile(`[\pL'’-]+`)
)

// titleWords capitalises the first letter of each word that is not a
// common English word, keeping every byte offset.
func titleWords(text string) string {
	b := []byte(text)
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(text[start:end])
		if !plainWords[w] && b[start] >= 'a' && b[start] <= 'z' {
			b[start] -= 'a' - 'A'
		}
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	if !utf8.Valid(b) {
		return text
	}
	return string(b)
}

// plainWords are the words of questions that never start a place name.
var plainWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or of in on at by for from to into with without about over under near around
		what who whom whose which when where why how is are was were be been being do does did has have had will would can could
		should may might must say said says tell told many much more most less least latest last new news newest recent recently
		killed dead died deaths death toll tolls injured wounded hurt displaced missing people civilians children women men
		control controls controlled holds held took taken seized captured retook recaptured lost fell fallen
		city town village villages province district area region part countryside north south east west northern southern eastern western
		central all any some this that these those there here it its they them their he she his her we our you your i me my
		me please show give find list quote quotes statement statements comment comments reaction happened happening going
		according report reports reported claim claims figure figures number numbers week month year day today yesterday
		since until between up down still now also else other others older newer ones one two three first second
		attack attacks bomb bombs bombing bombings strike strikes air airstrike airstrikes shelling fighting clashes war
		army forces rebels government regime troops fighters militants jihadists opposition islamic state`) {
		m[w] = true
	}
	return m
}()

var (
	// what surrounds a place in a question and is not the place: "the
	// villages of", "the town of", "province", "from Daesh"
	placeLeadRE = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:besieged|rebel-held|government-held|northern|southern|eastern|western|central|strategic|key|nearby|border|ancient|historic|desert|coastal)\s+)*(?:(?:villages?|towns?|cities|city|districts?|neighbou?rhoods?|areas?|regions?|provinces?|governorates?|countryside|suburbs?|outskirts|municipality|camps?|airbase|air\s+base|base|hills?|hilltops?|crossing)\s+(?:of|in|near|around|outside)\s+)?(?:the\s+)?`)
	placeTailRE = regexp.MustCompile(`(?i)\s+(?:from|off|against|away\s+from|back\s+from|for|on|during|in\s+(?:the\s+)?(?:battle|fighting|offensive|war)|again|yet|now|today|recently|last\s+\w+|this\s+\w+)\b.*$`)
	// "the Ramussa district of Aleppo", "which part of Homs"
	partOfRE  = regexp.MustCompile(`(?i)^(?:the\s+)?(.+?)\s+(?:district|neighbou?rhood|quarter|area|suburb|countryside|part|section|outskirts)\s+(?:of|in)\s+(?:the\s+)?(.+)$`)
	whichPart = regexp.MustCompile(`(?i)^(?:which|what)\s+(?:parts?|districts?|neighbou?rhoods?|areas?|quarters?|sections?)\s+of\s+(?:the\s+)?(.+)$`)
	listSepRE = regexp.MustCompile(`(?i)\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*|\s+or\s+)`)
	placeKind = regexp.MustCompile(`(?i)\s+(?:province|governorate|city|town|village|district|region|countryside|camp)$`)
)

// placePhrase reads the place words of a question ("the villages of
// Zaytan and Khalasa", "Al-Qaryatayn from Daesh", "the Ramussa district of
// Aleppo") as the places named, and the larger place they are part of.
func placePhrase(s string) (places []string, parent string) {
	s = strings.TrimSpace(s)
	s = placeTailRE.ReplaceAllString(s, "")
	if m := whichPart.FindStringSubmatch(s); m != nil {
		return nil, cleanName(m[1])
	}
	if m := partOfRE.FindStringSubmatch(s); m != nil {
		s, parent = m[1], cleanName(placeLeadRE.ReplaceAllString(m[2], ""))
	}
	s = placeLeadRE.ReplaceAllString(s, "")
	for _, p := range listSepRE.Split(s, -1) {
		p = cleanName(placeLeadRE.ReplaceAllString(p, ""))
		if k := placeKind.ReplaceAllString(p, ""); names.Key(k) != "" {
			// "Idlib province" asks for Idlib, which also finds the
			// claims about "Idlib province"
			p = k
		}
		if p != "" {
			places = append(places, p)
		}
	}
	if len(places) > 4 {
		places = places[:4]
	}
	return places, parent
}
