package facts

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsroom/newsbot/corpus/names"
)

// The gazetteer knows the big places; a town it lacks is still a place
// when the article says so:
//
//   - "the town of X" (city, village, district, neighbourhood, suburb,
//     base, airport, camp);
//   - a capitalised name as the object of a taking verb: "recaptured
//     Al-Busayrah on Wednesday", "overran Tal Hamis, a village ...".
//
// Such a name is a place for the rest of the article: "Some 3,000 residents
// fled the fighting around Al-Busayrah" finds it too. The name is kept as
// written. A name the table knows as anything (a side, a person, an
// organisation), a weekday or month, a foreign country, or a capitalised
// word that qualifies a noun ("captured Russian soldiers") is not a place.

// ctlNamePat is a place name as wire copy writes one: "Al-Busayrah", "Tal
// Abyad", "Ras al-Ain", "Deir ez-Zor", "Khan Sheikhoun".
const ctlNamePat = `((?:[Aa]l-|[Ee]l-)?\p{Lu}[\p{Ll}'’]+(?:(?:-|\s)(?:(?:al|el|ad|ar|as|ash|at|az|ez|es|ed|en|um|umm|bin|ibn|abu)-)?\p{Lu}[\p{Ll}'’]+){0,3})`

var (
	// ctlPlaceOfRE: "the town of X", "the strategic village of X".
	ctlPlaceOfRE = regexp.MustCompile(`\b(?:town|city|village|district|neighbou?rhood|quarter|suburb|base|airbase|airport|camp|hamlet|towns|villages|districts|neighbou?rhoods|quarters|suburbs)\s+of\s+` + ctlNamePat)
	// ctlMoreNamesRE: the next name of a list after "the villages of X":
	// ", Y", " and Z".
	ctlMoreNamesRE = regexp.MustCompile(`^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)` + ctlNamePat)
	// ctlObjectRE: "recaptured X", "stormed X".
	ctlObjectRE = regexp.MustCompile(`\b(?:seized|captured|recaptured|took|retook|retaken|taken|entered|overran|overrun|stormed)\s+` + ctlNamePat)
	// ctlPlaceOfLRE, ctlObjectLRE run the two on a sentence's text with the
	// filter of its lower-cased text: their literals hold no capital, so
	// a literal in the text is in the lower-cased text too
	ctlPlaceOfLRE = newLitRE(ctlPlaceOfRE.String())
	ctlObjectLRE  = newLitRE(ctlObjectRE.String())
	// ctlObjectEndRE: what may follow a name that is a verb's object.
	ctlObjectEndRE = regexp.MustCompile(`^(?:\s*$|\s*[.;:)]|\s*,\s+(?:(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}(?:town|city|village|district|neighbou?rhood|suburb|base|airport|hub|stronghold)\b|[^at]|a[^n ]|t[^h])|\s+(?:on|from|in|after|before|and|with|near|following|last|this|early|late|at|as|to|which|where|for|during|amid|while|when|earlier|overnight|yesterday|today|itself|outright|entirely|completely|fully)\b)`)
)

// ctlPlaceOfNouns and ctlObjectVerbs are the words ctlPlaceOfRE and
// ctlObjectRE read a name after.
var (
	ctlPlaceOfNouns = map[string]bool{"town": true, "city": true, "village": true, "district": true, "neighbourhood": true, "neighborhood": true,
		"suburb": true, "quarter": true, "quarters": true, "base": true, "airbase": true, "airport": true, "camp": true, "hamlet": true, "towns": true, "villages": true,
		"districts": true, "neighbourhoods": true, "neighborhoods": true, "suburbs": true}
	ctlObjectVerbs = map[string]bool{"seized": true, "captured": true, "recaptured": true, "took": true, "retook": true, "retaken": true,
		"taken": true, "entered": true, "overran": true, "overrun": true, "stormed": true}
)

// ctlNotNames are capitalised words that name no place of the war's map.
var ctlNotNames = map[string]bool{
	"the": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "turkey": true, "lebanon": true, "jordan": true,
	"iraq": true, "iran": true, "israel": true, "russia": true, "europe": true, "germany": true, "france": true, "britain": true,
	"egypt": true, "libya": true, "yemen": true, "washington": true, "moscow": true, "ankara": true, "tehran": true, "beirut": true,
	"baghdad": true, "mosul": true, "office": true, "power": true, "islamic": true, "god": true, "parliament": true, "congress": true,
	"state": true, "christmas": true, "ramadan": true, "eid": true,
}

// ctxLocalPlaces adds to every sentence's spans the places the article
// names that the table does not know.
func ctxLocalPlaces(ctxs []sentCtx) {
	var local []string
	part := map[string]bool{} // not a town or city: "the district of X", "captured X"
	for i := range ctxs {
		c := &ctxs[i]
		placeOf, object := ctlNameCues(c)
		if placeOf {
			for _, m := range ctlPlaceOfLRE.findAll(c.text, &c.grams, true) {
				n := len(local)
				local = ctlAddLocal(local, c, m[2], m[3])
				noun := c.lower[m[0] : m[0]+4]
				if len(local) > n {
					part[local[n]] = noun != "town" && noun != "city"
				}
				// "the villages of Kafr Nabuda and Tell Sukayk"
				for end := m[3]; ; {
					mm := ctlMoreNamesRE.FindStringSubmatchIndex(c.text[end:])
					if mm == nil {
						break
					}
					k := len(local)
					local = ctlAddLocal(local, c, end+mm[2], end+mm[3])
					if len(local) > k {
						part[local[k]] = noun != "town" && noun != "city"
					}
					end += mm[3]
				}
			}
		}
		if object {
			for _, m := range ctlObjectLRE.findAll(c.text, &c.grams, true) {
				if ctlObjectEndRE.MatchString(c.text[m[3]:]) {
					n := len(local)
					local = ctlAddLocal(local, c, m[2], m[3])
					if len(local) > n {
						part[local[n]] = true
					}
				}
			}
		}
	}
	if len(local) == 0 {
		return
	}
	for i := range ctxs {
		c := &ctxs[i]
		added := false
		for _, name := range local {
			for off := 0; ; {
				j := strings.Index(c.text[off:], name)
				if j < 0 {
					break
				}
				st, en := off+j, off+j+len(name)
				off = en
				if st > 0 && isNameByte(c.text[st-1]) || en < len(c.text) && isNameByte(c.text[en]) || ctlInSpan(c.spans, st, en) {
					continue
				}
				e := names.Entry{Canonical: name, Kind: names.Place}
				if part[name] {
					e.Aliases = []string{localPartMark}
				}
				c.spans = append(c.spans, names.Span{Start: st, End: en, Entry: e})
				added = true
			}
		}
		if added {
			slices.SortStableFunc(c.spans, func(x, y names.Span) int { return x.Start - y.Start })
		}
	}
}

func isNameByte(b byte) bool { return isLetterByte(b) || b == '-' || b >= 0x80 }

// ctlAddLocal adds text[st:en] to local when it may be a place name.
func ctlAddLocal(local []string, c *sentCtx, st, en int) []string {
	name := c.text[st:en]
	for {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 || !ctlNotNames[strings.ToLower(name[i+1:])] {
			break
		}
		name, en = name[:i], st+i // "captured Sarrin Monday"
	}
	if ctlInSpan(c.spans, st, en) || slices.Contains(local, name) {
		return local // known already, as a place or as something else
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(name), "al-"), "el-"), " ")
	if ctlNotNames[first] || ctlNotNames[strings.ToLower(name)] {
		return local
	}
	if rest := c.text[en:]; strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
		return local // "Assad's", "Turkey's": an owner, not a place
	}
	if stem, ok := strings.CutSuffix(name, "s"); ok && len(stem) > 2 {
		if _, known := names.Default().Lookup(stem); known {
			return local // "Syrias", "Aleppos": an owner whose apostrophe was lost
		}
	}
	return append(local, name)
}

// ctlInSpan reports a known name overlapping [st, en).
func ctlInSpan(spans []names.Span, st, en int) bool {
	for _, sp := range spans {
		if sp.Start < en && st < sp.End {
			return true
		}
	}
	return false
}

// ctlAdverbRE ends a text with an adverb before a cue: "to fully capture".
var ctlAdverbRE = regexp.MustCompile(`\s[\p{L}]+ly\s+$`)

// ctlAdverbAt is where ctlAdverbRE's match in head starts, -1 for none.
// The match is the last word and the white space around it, so it is
// read from the end; a word with bytes past ASCII goes to the pattern.
func ctlAdverbAt(head string) int {
	e := len(head)
	for e > 0 && isSpaceByte(head[e-1]) {
		e--
	}
	if e == len(head) || e < 3 || head[e-1] != 'y' || head[e-2] != 'l' {
		return -1
	}
	j := e - 2
	for j > 0 && head[j-1] < 0x80 && isLetterByte(head[j-1]) {
		j--
	}
	switch {
	case j > 0 && head[j-1] >= 0x80:
		if m := ctlAdverbRE.FindStringIndex(head); m != nil {
			return m[0]
		}
		return -1
	case j == e-2 || j == 0 || !isSpaceByte(head[j-1]):
		return -1 // no letter before "ly", or no white space before the word
	}
	return j - 1
}

// ctlEnteredByRE: the side that entered is named right before "entered",
// with no clause or other subject between them.
var ctlEnteredByRE = regexp.MustCompile(`^[\p{L}\s'’-]{0,60}$`)

// ctlEnteredObjRE is what forces enter: a place by name or "the town".
var ctlEnteredObjRE = regexp.MustCompile(`^\s+(?:(?:[Aa]l-|[Ee]l-)?\p{Lu}|the\s+(?:[\p{L}-]+\s+){0,2}(?:town|city|village|district|neighbou?rhood|suburb|base|airport|camp)\b)`)

// ctlEnteredBy reports that the "entered" at s[from:to] has an armed side
// as its subject and a place as its object.
func ctlEnteredBy(c *sentCtx, from, to int) bool {
	if !ctlEnteredObjRE.MatchString(c.text[to:]) {
		return false
	}
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Actor && sp.End <= from {
			between := c.text[sp.End:from]
			if ctlEnteredByRE.MatchString(between) && !strings.Contains(between, " and ") {
				return true
			}
		}
	}
	return false
}

// ctlPartRE finds a part of a place as a cue's object: "a rebel-held
// neighbourhood in ...", "several buildings in ...", "positions outside".
var ctlPartRE = regexp.MustCompile(`(?i)^\s+(?:(?:full\s+|total\s+)?control\s+(?:of|over)\s+)?(?:(?:a|an|some|several|many|dozens\s+of|scores\s+of|\d+|two|three|four|five|six|seven|eight|nine|ten|[\p{L}]+-held|[\p{L}]+-controlled)\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:neighbou?rhoods?|districts?|villages?|positions?|buildings?|areas?|bases?|hills?|checkpoints?|points?|sites?|outposts?|parts?|sections?|quarters?|streets?|blocks?|farms?|factories|factory)\b[^,;:]*\b(?:in|of|near|outside|around|at|along|on|from|to)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,4}?$`)

// ctlPartNouns: one of them is in every match of ctlPartRE.
var ctlPartNouns = []string{"neighbo", "district", "village", "position", "building", "area", "base", "hill", "point",
	"site", "outpost", "part", "section", "quarter", "street", "block", "farm", "factor"}

// ctlNamedAsRE ends the text before a place named as what was taken:
// "took the village of al-Sabha".
var ctlNamedAsRE = regexp.MustCompile(`(?i)^\s+(?:(?:full\s+|total\s+)?control\s+(?:of|over)\s+)?(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}?(?:towns?|city|cities|villages?|districts?|neighbou?rhoods?|suburbs?|base|airport|camp)\s+of\s+$`)

// ctlPartOf reports that between, the text from a cue to the first place
// after it, makes the object a part of that place.
func ctlPartOf(between string) bool {
	if len(between) < 8 || strings.Contains(between, "including") {
		return false
	}
	// both patterns' matches start and end with white space, and every
	// match of ctlPartRE holds one of its nouns
	if !isSpaceByte(between[0]) || !isSpaceByte(between[len(between)-1]) {
		return false
	}
	if plainText(between) && !containsAny(asciiLower(between), ctlPartNouns) {
		return false
	}
	if ctlNamedAsRE.MatchString(between) {
		return false
	}
	return ctlPartRE.MatchString(between)
}

// ctlLocalPart reports a place the article named as a part of a city
// ("the neighbourhood of Salaheddin"): never what "the city" refers to.
func ctlLocalPart(e names.Entry) bool {
	return len(e.Aliases) == 1 && e.Aliases[0] == localPartMark
}

// localPartMark marks, as the only alias, a local place that is a part
// of a city or one read as a verb's object, whose size is unknown.
const localPartMark = "\x00part"

// ctlNameCues tells, in one pass over the sentence, whether a name (a
// capital letter or "al-") follows "<noun> of" from ctlPlaceOfNouns or a
// verb from ctlObjectVerbs: the only texts ctlPlaceOfRE and ctlObjectRE
// can match, and rare enough to spare most sentences both.
func ctlNameCues(c *sentCtx) (placeOf, object bool) {
	t := c.text
	for i := 1; i+1 < len(t); i++ {
		if t[i] != ' ' {
			continue
		}
		if p := t[i-1]; p != 'f' && p != 'd' && p != 'k' && p != 'n' && p != 'e' && p != 'p' && p != 'y' && p != 't' {
			continue // no "of", no taking verb, no place noun ends here
		}
		if b := t[i+1]; !(b >= 'A' && b <= 'Z' || b >= 0x80 || strings.HasPrefix(c.lower[i+1:], "al-") || strings.HasPrefix(c.lower[i+1:], "el-")) {
			continue
		}
		w, at := wordBeforeAt(c.lower, i+1)
		if w == "of" {
			n, _ := wordBeforeAt(c.lower, at)
			placeOf = placeOf || ctlPlaceOfNouns[n]
		} else {
			object = object || ctlObjectVerbs[w]
		}
		if placeOf && object {
			break
		}
	}
	return placeOf, object
}

// ctlNamedPartRE ends the text before a place a named part of it is
// taken from: "the Waer district of Homs", "the Bab Amr neighbourhood in
// Homs". The claim is the part's, never the whole city's.
var ctlNamedPartRE = regexp.MustCompile(`(?:^|[^\p{L}'’-])` + ctlNamePat + `\s+(?:district|neighbou?rhood|quarter|suburb)\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$`)

// ctlNamedPartWords: one of them is in every match of ctlNamedPartRE.
var ctlNamedPartWords = []string{"district", "neighbo", "quarter", "suburb"}

// ctlNotPartNames are capitalised words before "district of" that say
// what kind of district it is, not which: "the Christian quarter of".
var ctlNotPartNames = map[string]bool{
	"christian": true, "muslim": true, "jewish": true, "armenian": true, "kurdish": true, "sunni": true, "shia": true, "shiite": true,
	"alawite": true, "druze": true, "old": true, "new": true, "central": true, "business": true, "government": true,
}

// ctlNamedPart is p, or the named part of a city p is in, written "Part,
// City" (the way a district is written beside its city: "Waer, Homs"):
// before p ("the Waer district of Homs") or, when p is the part's first
// word the table knows as a place of its own, after it ("the Bab Tadmur
// neighbourhood of Homs" is not Al-Bab).
func ctlNamedPart(c *sentCtx, p ctlPlace) ctlPlace {
	s := c.text
	if m := ctlPartAfterRE.FindStringSubmatchIndex(s[p.End:]); m != nil {
		for _, sp := range c.spans {
			if sp.Start == p.End+m[1] && sp.Entry.Kind == names.Place {
				return ctlPlace{s[p.Start:p.End+m[3]] + ", " + sp.Entry.Canonical, p.Start, sp.End}
			}
		}
	}
	head, off := before(s, p.Start, 80)
	if head == "" || !isSpaceByte(head[len(head)-1]) || !containsAny(head, ctlNamedPartWords) {
		return p // every match ends in white space and holds a part's noun
	}
	m := ctlNamedPartRE.FindStringSubmatchIndex(head)
	if m == nil {
		return p
	}
	at := m[2]
	if strings.HasPrefix(head[at:m[3]], "The ") {
		at += len("The ") // "The Waer district of Homs is held by"
	}
	name := head[at:m[3]]
	if name == "" {
		return p
	}
	first := strings.ToLower(strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' })[0])
	if ctlNotPartNames[first] || ctlNotNames[first] || strings.HasSuffix(first, "ish") || strings.HasSuffix(first, "ian") || strings.HasSuffix(first, "ese") {
		return p
	}
	return ctlPlace{name + ", " + p.name, off + at, p.End}
}

// ctlPartAfterRE starts the text after the first word of a part's name
// up to the city it is a part of: " Tadmur neighbourhood of ".
var ctlPartAfterRE = regexp.MustCompile(`^((?:\s+\p{Lu}[\p{Ll}'’-]+){1,2})\s+(?:district|neighbou?rhood|quarter|suburb)\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?`)

// A district, a neighbourhood, a quarter or a suburb is no claim on the
// place it is part of: "an opposition-held suburb of Damascus", "the last
// rebel-held district of Homs" and "rebel-held eastern suburbs of
// Damascus" say nothing of who holds Damascus. "The district of Zahra"
// names the district itself; "districts of Aleppo" (like "parts of",
// "areas of") is still a claim on Aleppo. A city written before the part's
// noun is where the named part is: "the east Aleppo district of Marjeh"
// is Marjeh.

// ctlEnclosingRE ends the text before a place a part of it is named by:
// one part ("a", "one", "the last") or its suburbs.
var ctlEnclosingRE = regexp.MustCompile(`(?i)(?:(?:^|[^\p{L}'’-])(?:a|an|one|another|each|every|last|only|first|second|third|sole|remaining|single)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:district|neighbou?rhood|quarter|suburb)|\b(?:suburbs|outskirts))\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town|capital)\s+of\s+)?(?:` + ctlDirection + `\s+)?$`)

// ctlPartNounRE ends the text before a place after a part's noun: "the
// government-held district of".
var ctlPartNounRE = regexp.MustCompile(`(?i)\b(?:district|neighbou?rhood|quarter|suburb)\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town|capital)\s+of\s+)?(?:` + ctlDirection + `\s+)?$`)

// ctlPartWords: one of them is in every match of ctlEnclosingRE and
// ctlPartNounRE.
var ctlPartWords = []string{"district", "neighbourhood", "neighborhood", "quarter", "suburb", "outskirts"}

// ctlCities are the cities a district or quarter is a part of, never a
// district's own name: the capital and the provincial capitals.
var ctlCities = map[string]bool{"Damascus": true, "Aleppo": true, "Homs": true, "Hama": true, "Idlib": true, "Latakia": true,
	"Tartus": true, "Deir ez-Zor": true, "Raqqa": true, "Daraa": true, "Hasakah": true, "Sweida": true, "Quneitra": true, "Qamishli": true}

// ctlPartAfterCityRE: a part's noun after the city it is in: " district
// of " in "the east Aleppo district of Marjeh".
var ctlPartAfterCityRE = regexp.MustCompile(`^\s+(?:district|neighbou?rhood|quarter|suburb)\s+of\s+(?:the\s+)?$`)

// ctlWholePlace is the place a claim on p is about: p, its named part
// (ctlNamedPart), or none when p only locates a part of it.
func ctlWholePlace(c *sentCtx, p ctlPlace) (ctlPlace, bool) {
	if q := ctlNamedPart(c, p); q.name != p.name {
		return q, true
	}
	s := c.text
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Place && sp.Start > p.End && sp.Start-p.End <= 30 && ctlPartAfterCityRE.MatchString(s[p.End:sp.Start]) {
			return ctlPlace{sp.Entry.Canonical + ", " + p.name, p.Start, sp.End}, true
		}
	}
	head, _ := before(s, p.Start, 80)
	if plainText(head) && !containsAny(asciiLower(head), ctlPartWords) {
		return p, true
	}
	if ctlEnclosingRE.MatchString(head) || ctlCities[p.name] && ctlPartNounRE.MatchString(head) {
		return ctlPlace{}, false
	}
	return p, true
}
