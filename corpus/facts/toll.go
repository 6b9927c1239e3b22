package facts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
)

// A toll is read from a figure in a sentence and the words around it:
//
//   - a verb before it: "killed 11 civilians", "killing dozens of people",
//     "the death toll rose to 70", "raising an earlier toll of five";
//   - a verb after it: "255 people, mostly activists, have died", "at least
//     12 people were killed", "left 500,000 people dead", "more than 412 dead";
//   - a figure tied to a toll before it in the same sentence inherits its
//     category: "killed 514 people, mostly combatants but also including 92
//     civilians", "killed four civilians, two of them children", "killed at
//     least 12 people in Aleppo and nine civilians in ... Idlib".
//
// A figure that counts anything but people (hours, kilometres, years, towns,
// money, ages) is never a toll, nor is one without a casualty word
// ("home to 2 million people", "hundreds of troops", "left behind five
// children").

// tollVerbBeforeRE ends the text before a figure: the casualty verb governing it.
var tollVerbBeforeRE = regexp.MustCompile(`(?i)` + tollVerbBeforePat)

const tollVerbBeforePat = `\b(killed|killing|kills|kill|wounded|wounding|wounds|wound|injured|injuring|injures|injure|displaced|displacing|displaces|uprooted|uprooting|detained|detaining|detains|arrested|arresting|abducted|abducting|kidnapped|kidnapping|executed|executing|massacred|massacring|beheaded|beheading|crucified|crucifying|murdered|murdering|shot\s+dead|gunned\s+down|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|(?:the\s+)?(?:killings?|deaths|murders?|executions?|beheadings?)\s+of|(?:death\s+|casualty\s+)?toll\s+(?:\w+\s+){0,3}?(?:at|of|to))(?:\s+(?:another|a\s+further|an\s+additional|further|a\s+total\s+of))?\s*$`

// tollVerbBeforeLRE is the pattern in lower case, run at the words its
// matches begin with (most figures have but one such word before them).
var tollVerbBeforeLRE = newLitRE(tollVerbBeforePat)

// tollVerbBeforeMatch is tollVerbBeforeRE.FindStringSubmatchIndex(w); lw
// is asciiLower(w), part of the text g filters. In a plain text (see
// plainText) a letter of the pattern matches just where its lower case
// matches in lw, so the lower-case pattern finds the same match in lw.
func tollVerbBeforeMatch(w, lw string, g *bigrams) []int {
	if !plainText(w) {
		return tollVerbBeforeRE.FindStringSubmatchIndex(w)
	}
	return tollVerbBeforeLRE.find(lw, g)
}

// tollVerbBeforeLast are the words tollVerbBeforeRE's matches end with.
var tollVerbBeforeLast = []string{
	"killed", "killing", "kills", "kill", "wounded", "wounding", "wounds", "wound", "injured", "injuring", "injures", "injure",
	"displaced", "displacing", "displaces", "uprooted", "uprooting", "detained", "detaining", "detains", "arrested", "arresting",
	"abducted", "abducting", "kidnapped", "kidnapping", "executed", "executing", "massacred", "massacring", "of", "at", "to",
	"beheaded", "beheading", "crucified", "crucifying", "murdered", "murdering", "dead", "down", "another", "further", "additional",
}

// tollVerbBeforeMay is false for a plain w that ends with "of", "at" or
// "to" but holds neither "toll" nor "lives": only "claimed the lives of"
// and "toll ... at/of/to" end with those words, so tollVerbBeforeRE
// cannot match it.
func tollVerbBeforeMay(w string) bool {
	t := strings.TrimRight(w, "\t\n\f\r ")
	if len(t) < 2 || !plainText(w) {
		return true
	}
	switch strings.ToLower(t[len(t)-2:]) {
	case "of", "at", "to":
		l := asciiLower(w)
		return strings.Contains(l, "toll") || strings.Contains(l, "lives") || strings.Contains(l, "kill") || strings.Contains(l, "death") ||
			strings.Contains(l, "murder") || strings.Contains(l, "execution") || strings.Contains(l, "beheading") || strings.Contains(l, "total")
	}
	return true
}

// tollVerbAfterRE starts the text after a figure's noun: "have died", "were
// killed", ", mostly activists, have died", "dead".
// Its parts: an aside after the figure's noun (a comma's, a dash's, a
// list's or a place's), then the auxiliaries and the verb.
const (
	tollAfterComma = `\s*,[^,;.]{1,60},`
	tollAfterDash  = `\s+[-–—][^-–—;.]{1,60}[-–—]`
	tollAfterList  = `\s+(?:including|among\s+them)\s+[^,;.]{1,40}?`
	tollAfterPlace = `\s+(?:from|of|in|at|on|inside)\s+(?:the\s+|a\s+)?(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+`
	tollAfterVerb  = `\s+(?:(?:have|has|had|were|was|are|is|been|being|also|reportedly|now|freshly|newly|already|since|so\s+far|allegedly|all|confirmed|believed|feared|thought|said|to|be|got|were\s+left|still|recorded|reported|registered|documented|listed|later|subsequently|either|both)\s+){0,5}(killed|died|dead|wounded|injured|hurt|displaced|missing|detained|arrested|executed|slain|abducted|kidnapped|perished|fled|uprooted|beheaded|crucified|murdered|shot\s+dead|gunned\s+down|lost\s+their\s+lives|left\s+homeless|made\s+homeless|homeless|made\s+up\s+(?:(?:the\s+)?(?:rest|remainder|bulk|majority)\s+of\s+|most\s+of\s+)?(?:the\s+(?:dead|victims|fatalities|death\s+toll)|those\s+(?:killed|who\s+died))|forced\s+to\s+flee|forced\s+from\s+their\s+homes)\b`
)

var tollVerbAfterRE = regexp.MustCompile(`(?i)^(?:` + tollAfterComma + `|` + tollAfterDash + `|` + tollAfterList + `|(` + tollAfterPlace + `))?` + tollAfterVerb)

// tollVerbAfterByStart are tollVerbAfterRE with one aside each, or none:
// which of them can match is told by the text's first word (see
// tollVerbAfterFind). The place's keeps its group; the others have the
// verb's only.
var tollVerbAfterByStart = [...]*regexp.Regexp{
	afterComma: regexp.MustCompile(`(?i)^` + tollAfterComma + tollAfterVerb),
	afterDash:  regexp.MustCompile(`(?i)^` + tollAfterDash + tollAfterVerb),
	afterList:  regexp.MustCompile(`(?i)^` + tollAfterList + tollAfterVerb),
	afterPlace: regexp.MustCompile(`(?i)^(` + tollAfterPlace + `)` + tollAfterVerb),
	afterNone:  regexp.MustCompile(`(?i)^` + tollAfterVerb),
}

// tollVerbAfterText cuts the text after a figure's noun at its first '.'
// or ';': no part of tollVerbAfterRE takes either, and its closing \b
// reads the end of the text as it reads a '.' or ';', so the match is the
// same; the regexp runs over a short text (its backtracker, not the NFA,
// and less to clear).
func tollVerbAfterText(rest string) string {
	if k := strings.IndexAny(rest, ".;"); k >= 0 {
		return rest[:k]
	}
	return rest
}

// tollVerbAfterPPRE rejects a phrase between a noun and its verb that
// holds a clause of its own: in "two sons of the man who was killed" the
// sons were not.
var tollVerbAfterPPRE = regexp.MustCompile(`(?i)\b(?:who|whom|whose|which|that|where|when|and|or|but)\b|\d`)

// tollLinkRE ties a figure to the toll before it in the same sentence.
var tollLinkRE = regexp.MustCompile(`(?i)\b(?:including|includes|included|among\s+them|among\s+whom|of\s+whom|mostly|mainly|with|and|but\s+also|also|as\s+well\s+as|plus)\s+$`)

// tollForeignRE names where refugees are: "in neighbouring countries".
var tollForeignRE = regexp.MustCompile(`^[^,.;]{0,20}?\bin\s+((?:neighbou?ring|other)\s+countries|Turkey|Lebanon|Jordan|Iraq|Europe|Germany)\b`)

// tollForeignWords: one of them is in every match of tollForeignRE.
var tollForeignWords = []string{"countries", "Turkey", "Lebanon", "Jordan", "Iraq", "Europe", "Germany"}

var (
	tollWarRE           = regexp.MustCompile(`\bsince\s+(?:(?:march\s+)?2011|the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:civil\s+)?(?:war|conflict|uprising))|\b(?:war|conflict)(?:\s+in\s+syria)?\s+(?:that\s+|which\s+)?(?:has|had|have)\b[^.;]*?\b(?:left|killed|claimed|displaced)\b|\bmillions\s+of\s+syrians\b|\bneighbou?ring\s+countries\b|\b(?:war|conflict)\s+(?:broke\s+out|erupted|began|started)\b|\bsince\s+it\s+(?:erupted|broke\s+out)\b`)
	tollOffensiveRE     = regexp.MustCompile(`\b(?:latest|current|recent|ongoing|renewed|new)\s+(?:fighting|violence|escalation|offensive|clashes|hostilities|assault)\b|\bsince\s+(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week)\b|\bin\s+recent\s+days\b|\bsince\s+the\s+(?:start|beginning|launch)\s+of\s+the\s+(?:offensive|assault|operation|campaign|escalation)\b|\bas\s+of\s+the\s+end\s+of\b|\b(?:freshly|newly)\s+displaced\b`)
	tollIncidentRE      = regexp.MustCompile(`\b(?:strikes?|airstrikes?|raids?|attacks?|bomb\w*|shell\w*|explosions?|blasts?|rockets?|missiles?|massacre|ambush\w*|car\s+bomb|suicide|barrel|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b`)
	tollWarWeakRE       = regexp.MustCompile(`\b(?:in|during|of|throughout)\s+(?:the\s+|[a-z]+'s\s+|[a-z]+’s\s+)?(?:syrian\s+|\w+-year\s+|long-running\s+)?(?:civil\s+)?(?:war|conflict)(?:[\s.,;]|$)`)
	tollOffensiveWeakRE = regexp.MustCompile(`\bthe\s+(?:violence|fighting|offensive|escalation|assault|onslaught|clashes|campaign)\b`)
)

// tollNouns are the heads a casualty figure counts, with the subgroup
// they stand for ("" for people in general).
var tollNouns = map[string]string{
	"people": "", "persons": "", "person": "", "individuals": "", "others": "", "victims": "", "bodies": "",
	"civilians": "civilians", "civilian": "civilians", "residents": "civilians", "villagers": "civilians",
	"children": "children", "child": "children", "kids": "children", "minors": "children", "babies": "children", "infants": "children", "boys": "children", "girls": "children",
	"women": "women", "woman": "women", "men": "men", "man": "men",
	"fighters": "combatants", "combatants": "combatants", "rebels": "combatants", "militants": "combatants", "jihadists": "combatants",
	"insurgents": "combatants", "gunmen": "combatants", "militiamen": "combatants", "loyalists": "combatants", "terrorists": "combatants",
	"soldiers": "soldiers", "troops": "soldiers", "servicemen": "soldiers", "personnel": "soldiers", "officers": "soldiers", "policemen": "soldiers", "police": "soldiers",
	"members": "", "syrians": "", "refugees": "", "students": "civilians", "activists": "", "journalists": "journalists", "doctors": "medics",
	"medics": "medics", "workers": "", "worshippers": "civilians", "protesters": "protesters", "demonstrators": "protesters",
	"detainees": "detainees", "prisoners": "detainees", "patients": "civilians", "family": "", "families": "",
}

// tollDirect are words that make a figure a toll on their own: "412 dead".
var tollDirect = map[string]string{
	"dead": Killed, "killed": Killed, "deaths": Killed, "fatalities": Killed, "died": Killed,
	"wounded": Injured, "injured": Injured, "displaced": Displaced, "missing": Missing, "detained": Detained,
}

var tollCategoryOf = map[string]string{
	"killed": Killed, "killing": Killed, "kills": Killed, "kill": Killed, "died": Killed, "dead": Killed,
	"executed": Killed, "executing": Killed, "slain": Killed, "perished": Killed, "massacred": Killed, "massacring": Killed,
	"beheaded": Killed, "beheading": Killed, "crucified": Killed, "crucifying": Killed, "murdered": Killed, "murdering": Killed,
	"shot": Killed, "gunned": Killed, "lost": Killed, "made": Killed, "killings": Killed, "deaths": Killed, "murders": Killed,
	"murder": Killed, "executions": Killed, "execution": Killed, "beheadings": Killed, "the": Killed, "homeless": Displaced,
	"wounded": Injured, "wounding": Injured, "wounds": Injured, "injured": Injured, "injuring": Injured, "injures": Injured, "hurt": Injured,
	"displaced": Displaced, "displacing": Displaced, "displaces": Displaced, "uprooted": Displaced, "uprooting": Displaced, "fled": Displaced,
	"missing":  Missing,
	"detained": Detained, "detaining": Detained, "detains": Detained, "arrested": Detained, "arresting": Detained,
	"abducted": Detained, "abducting": Detained, "kidnapped": Detained, "kidnapping": Detained,
}

// tollHead is what follows a figure: its noun and, when the noun is a casualty
// word itself ("412 dead"), the category.
type tollHead struct {
	end      int    // after the noun, or the figure when there is none
	noun     string // lower-cased noun, "" when none
	person   bool   // the noun counts people
	subgroup string
	category string
	ofThem   bool // "two of them children"
	adjSub   bool // subgroup is "<adjective> <noun>" ("displaced people")
	bad      bool // counts something else: hours, kilometres, years, towns
	lives    bool // "21 lives": a toll only after "claimed", "cost"
	nation   bool // the noun is a nationality ("41 Britons"), the subgroup
}

var tollWordRE = regexp.MustCompile(`^\s+([\p{L}][\p{L}'’-]*)`)

// tollWordMatch is tollWordMatch(s), read by hand:
// the pattern runs on all the rest of a sentence, and even anchored a
// regexp clears state for every byte of its text.
func tollWordMatch(s string) []int {
	i := 0
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	if i == 0 {
		return nil
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && (j == i || r != '\'' && r != '’' && r != '-') {
			break
		}
		j += size
	}
	if j == i {
		return nil
	}
	return []int{0, j, i, j}
}

// readTollHead looks at up to three words after a figure for the noun it counts.
func readTollHead(s string, n figure) tollHead {
	h := tollHead{end: n.End}
	rest := s[n.End:]
	if r, _ := utf8.DecodeRuneInString(rest); r == '-' || r == '%' || r == '–' || unicode.IsDigit(r) || r == '.' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
		return tollHead{end: n.End, bad: true} // "45-year-old", "12%", "2.5.1"
	}
	if strings.HasSuffix(strings.TrimSpace(s[:n.NumStart]), "$") || strings.HasSuffix(s[:n.NumStart], "£") || strings.HasSuffix(s[:n.NumStart], "€") {
		return tollHead{end: n.End, bad: true}
	}
	pos := n.End
	for i := 0; i < 4; i++ {
		m := tollWordMatch(s[pos:])
		if m == nil {
			return h
		}
		w := strings.ToLower(s[pos+m[2] : pos+m[3]])
		next := pos + m[1]
		if c, ok := tollDirect[w]; ok {
			// "26 displaced people", "12 wounded soldiers": an adjective on
			// the people counted, so a verb around the figure decides first
			// ("killed at least 26 displaced people")
			if c != Killed {
				if m2 := tollWordMatch(s[next:]); m2 != nil {
					w2 := strings.ToLower(s[next+m2[2] : next+m2[3]])
					if sg, ok := tollNouns[w2]; ok {
						if sg == "" {
							sg, h.adjSub = w+" "+w2, true
						}
						// the adjective still decides when no verb does
						// ("home to 900,000 displaced Syrians")
						h.noun, h.person, h.subgroup, h.end = w2, true, sg, next+m2[1]
						h.category = c
						return h
					}
				}
			}
			h.category = c
			h.end = next
			return h
		}
		if sg, ok := tollNouns[w]; ok || tollDemonym(s[pos+m[2]:pos+m[3]]) {
			h.noun, h.person, h.subgroup, h.end = w, true, sg, next
			if r, _ := utf8.DecodeRuneInString(s[pos+m[2]:]); !ok && unicode.IsUpper(r) {
				// "41 Britons": the nationals counted are the subgroup
				h.subgroup, h.nation = w, true
			}
			return h
		}
		if w == "lives" && i == 0 {
			h.noun, h.lives, h.end = w, true, next
			return h
		}
		switch {
		case figWords[w] != 0 || figVague[w] != 0:
			return h // "2016 Two children were killed": a new figure
		case w == "of" && i == 0:
			if m2 := tollWordMatch(s[next:]); m2 != nil {
				w2 := strings.ToLower(s[next+m2[2] : next+m2[3]])
				if w2 == "them" || w2 == "whom" || w2 == "those" {
					h.ofThem = true
					next += m2[1]
				}
			}
		case tollUnitNouns[w] || tollMonths[w]:
			h.bad = true
			return h
		case tollStopWords[w]:
			return h
		case i >= 2:
			return h
		}
		pos = next
	}
	return h
}

// tollUnitNouns are counted things that are never casualties.
var tollUnitNouns = map[string]bool{
	"hours": true, "hour": true, "minutes": true, "seconds": true, "days": true, "day": true, "weeks": true, "week": true,
	"months": true, "month": true, "years": true, "year": true, "decades": true, "km": true, "kilometres": true, "kilometers": true,
	"kilometre": true, "kilometer": true, "miles": true, "mile": true, "metres": true, "meters": true, "percent": true, "per": true,
	"dollars": true, "euros": true, "pounds": true, "tonnes": true, "tons": true, "times": true, "towns": true, "villages": true,
	"cities": true, "areas": true, "districts": true, "neighbourhoods": true, "neighborhoods": true, "provinces": true,
	"countries": true, "tanks": true, "vehicles": true, "buildings": true, "homes": true, "houses": true, "schools": true,
	"hospitals": true, "aircraft": true, "planes": true, "helicopters": true, "points": true, "seats": true, "votes": true,
	"billion": true, "pages": true, "sorties": true, "rounds": true, "missiles": true, "rockets": true, "bombs": true,
	// animals are counted dead too, never as a toll
	"foxes": true, "animals": true, "dogs": true, "cattle": true, "sheep": true, "birds": true, "cows": true, "pigs": true,
	"chickens": true, "horses": true, "whales": true, "dolphins": true, "fish": true, "deer": true, "badgers": true, "hares": true,
}

var tollMonths = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true, "apr": true, "april": true,
	"may": true, "jun": true, "june": true, "jul": true, "july": true, "aug": true, "august": true, "sep": true, "sept": true,
	"september": true, "oct": true, "october": true, "nov": true, "november": true, "dec": true, "december": true,
}

// tollStopWords end the search for a noun: the figure stands alone.
var tollStopWords = map[string]bool{
	"in": true, "on": true, "at": true, "from": true, "since": true, "during": true, "after": true, "before": true,
	"and": true, "or": true, "but": true, "the": true, "a": true, "an": true, "to": true, "by": true, "with": true,
	"as": true, "were": true, "was": true, "have": true, "has": true, "had": true, "are": true, "is": true, "now": true,
	"who": true, "that": true, "which": true, "this": true, "last": true, "earlier": true, "across": true, "near": true,
}

// tollCand is a toll before its context (place, source, scope) is known.
type tollCand struct {
	n          figure
	h          tollHead
	category   string
	start, end int // evidence, relative to the sentence
	inherited  int // index of the toll it inherits from, -1 when its own
}

func extractTolls(a *corpus.Article, sents []Sentence) []Toll {
	return tollsOf(a, buildContexts(a, sents))
}

func tollsOf(a *corpus.Article, ctxs []sentCtx) []Toll {
	var out []Toll
	for i := range ctxs {
		out = append(out, sentenceTolls(a, ctxs, i)...)
	}
	return out
}

func sentenceTolls(a *corpus.Article, ctxs []sentCtx, i int) []Toll {
	c := &ctxs[i]
	s := c.text
	if !hasStem(c, tollStemLits) {
		return nil
	}
	nums := findFigures(s)
	if len(nums) == 0 {
		return nil
	}
	var cands []tollCand
	var parts []figure // "30 of them": figures of a part of a count
	pend := -1         // the last figure of people with no category yet: its index in nums
	var pendCand tollCand
	for ni, n := range nums {
		h := readTollHead(s, n)
		if h.bad || tollIsYear(s, n, h) || tollNotCount(s, n, h) {
			continue
		}
		if h.ofThem {
			parts = append(parts, n)
		}
		if h.lives {
			// "has claimed 21 lives", "cost some 300,000 lives"; "saved 21
			// lives" counts no dead
			if w, _ := before(s, n.Start, 40); tollLivesRE.MatchString(w) {
				cands = append(cands, tollCand{n: n, h: h, category: Killed, start: n.Start, end: h.end, inherited: -1})
			}
			continue
		}
		cd := tollCand{n: n, h: h, start: n.Start, end: h.end, inherited: -1}
		if h.category != "" && h.noun == "" {
			// "2 killed 5 injured": the word after a figure is its own
			cd.category = h.category
		}
		w, off := before(s, n.Start, 60)
		if cd.category != "" || !(h.person || h.noun == "" && !h.ofThem) || !endsWithWord(w, tollVerbBeforeLast, false) || !tollVerbBeforeMay(w) {
			// the pattern would change nothing or cannot match
		} else if m := tollVerbBeforeMatch(w, c.lower[off:n.Start], &c.grams); m != nil {
			cd.category = tollVerbCategory(w[m[2]:m[3]])
			cd.start = off + m[2]
			// "a boy killed four others injured": the participle right
			// after the people counted is theirs
			// ("Four people killed six others injured", a list of
			// tolls); "a bomb killed five children injured the day
			// before" killed them
			listed := len(cands) > 0 && cd.start-cands[len(cands)-1].end < 40
			if a := tollAdjacentRE.FindStringSubmatchIndex(s[h.end:]); a != nil && h.person && (listed || headlineList(w[m[2]:m[3]], s[h.end+a[2]:h.end+a[3]])) {
				if c := tollVerbCategory(s[h.end+a[2] : h.end+a[3]]); c != cd.category {
					cd.category, cd.start, cd.end = c, n.Start, h.end+a[3]
				}
			}
		}
		if cd.category == "" && (h.person || h.noun == "" && !h.ofThem) && endsWithWord(w, tollRiseLast, true) {
			// "the death toll from the ambush has risen to more than 35"
			if at := tollRiseStart(c, s, w, n, nums); at >= 0 {
				cd.category, cd.start = Killed, at
			}
		}
		if cd.category == "" && (h.person || h.noun == "") {
			if !containsAny(asciiLower(s[h.end:min(len(s), h.end+200)]), tollAfterStems) && plainText(s[h.end:min(len(s), h.end+200)]) {
				// no casualty word follows: tollVerbAfterRE cannot match
			} else if m := tollVerbAfterFind(s[h.end:], c.lower[h.end:]); m != nil && (m[2] < 0 || h.person && !tollVerbAfterPPRE.MatchString(s[h.end+m[2]:h.end+m[3]])) {
				cd.category = tollVerbCategory(s[h.end+m[4] : h.end+m[5]])
				cd.end = h.end + m[5]
				if pend == ni-1 && tollAndRE.MatchString(s[pendCand.end:n.Start]) {
					// "Eight policemen and five rebels made up the rest of
					// those killed": the verb is both figures'
					pendCand.category = cd.category
					pendCand.end = cd.end
					cands = append(cands, pendCand)
				}
			}
		}
		if cd.category == "" && h.category != "" && (h.person || h.noun == "") {
			cd.category = h.category
		}
		if cd.category == "" && len(cands) > 0 {
			// a figure tied to the toll just before it, by a link word
			// right before the figure ("including 92 civilians", "and nine
			// civilians", "two of them children", "with about 5.5 million")
			p := len(cands) - 1
			between := s[cands[p].n.End:n.Start]
			linked := tollLinkRE.MatchString(between) || h.ofThem && strings.TrimSpace(between) == ","
			// "killed 45 civilians in Aleppo and 22 in Idlib": a bare figure
			// set in a place of its own repeats the count before it
			who := h.person || h.ofThem || h.noun == "" && (n.Value >= 1000 || tollInPlaceRE.MatchString(s[h.end:]))
			if who && linked && len(between) <= 80 && !strings.ContainsAny(between, ".;") && !tollOwnVerbRE.MatchString(s[h.end:]) {
				cd.category = cands[p].category
				cd.inherited = p
			}
		}
		if cd.category == "" {
			if h.person {
				pend, pendCand = ni, cd
			}
			continue
		}
		if cd.h.adjSub && cd.category == cd.h.category {
			cd.h.subgroup = "" // "140 injured people" are injured people: no subgroup
		}
		if h.ofThem {
			// "two of them children": the noun after "of them" is the subgroup
			if m := tollWordMatch(s[h.end:]); m != nil {
				if sg, ok := tollNouns[strings.ToLower(s[h.end+m[2]:h.end+m[3]])]; ok {
					cd.h.subgroup = sg
					cd.end = h.end + m[3]
				}
			}
		}
		if h.noun == "others" && cd.h.subgroup == "" {
			// "41 Britons have died, with 158 others missing": the others
			// are of the nation the sentence counts
			for p := len(cands) - 1; p >= 0; p-- {
				if cands[p].h.nation {
					cd.h.subgroup = cands[p].h.subgroup
					break
				}
			}
		}
		cands = append(cands, cd)
	}
	// a vague figure beside a precise one of the same kind restates it
	// ("Millions of Syrians have been displaced, with about 5.5 million ...")
	keep := cands[:0:0]
	for _, cd := range cands {
		if cd.n.Qualifier == Vague && tollHasPrecise(cands, cd.category) {
			continue
		}
		keep = append(keep, cd)
	}
	// a part of a count that is no toll of its own ("60 were arrested
	// worldwide, 45 of them in the US"): a place after it is the part's
	var others []figure
	for _, n := range parts {
		if !tollCandAt(cands, n.Start) {
			others = append(others, n)
		}
	}
	var out []Toll
	var places []string
	fallback, fallbackRead := "", false
	cues := &tollCues{lower: c.lower, grams: &c.grams, conflict: func() bool { return c.art.conflictIn(a) }}
	health, aggregate := -1, tollAggregate(c)
	for k, cd := range keep {
		if w, _ := before(s, cd.start, 50); strings.Contains(w, " of") && tollClearedRE.MatchString(w) {
			continue // "wrongly convicted of killing two of her babies": no one was killed as charged
		}
		if cd.category == Killed {
			// "died of a heart attack", "deaths from drug overdoses": no toll
			if health < 0 {
				health = 0
				if tollHealthDeath(c, a) {
					health = 1
				}
			}
			if health == 1 {
				continue
			}
		}
		t := Toll{
			Article:   a.ID,
			Count:     cd.n.Value,
			Low:       cd.n.Low,
			High:      cd.n.High,
			Qualifier: cd.n.Qualifier,
			Category:  cd.category,
			Subgroup:  cd.h.subgroup,
			Source:    sourceOf(ctxs, i),
			Scope:     tollScope(cues, cd),
		}
		if t.Source != "" && c.srcAt > cd.end && c.srcCue > c.srcAt && srcRunOn(s, c.srcAt) && srcCueOpens(s, c.srcCue) {
			// "... where 2,000 died, the rupee fell against the dollar
			// Analysts said that ...": the source opens the next sentence
			t.Source = ""
		}
		t.Scope, t.Date = tollDate(c, t.Scope)
		if aggregate && t.Scope != War {
			// "21,000 people died in about 300 disasters", "70 deaths
			// between June 2003 and 2004": a sum over many events is
			// no incident and no campaign, and has no one event's place
			t.Scope = ""
			places = append(places, "")
			if !tollDup(out, t) {
				t.Evidence = Evidence{Article: a.ID, Start: c.Start + cd.start, End: c.Start + cd.end, Sentence: s}
				out = append(out, t)
			}
			continue
		}
		// a figure's place is named before the next figure of its own;
		// "eight civilians, including two children ..., in ... Idlib" is
		// one report
		next := len(s)
		for _, o := range keep[k+1:] {
			if o.inherited < 0 || cd.inherited >= 0 {
				next = o.n.Start
				break
			}
		}
		t.Place = tollPlace(ctxs, i, cd, next, others)
		if t.Place == "" && cd.inherited >= 0 && len(places) > 0 {
			t.Place = places[len(places)-1]
		}
		if t.Place == "" && t.Scope == Incident {
			// the look-back depends on the sentence alone: read it once
			if !fallbackRead {
				fallback, fallbackRead = tollFallbackPlace(ctxs, i, t.Scope), true
			}
			t.Place = fallback
		}
		places = append(places, t.Place)
		if tollDup(out, t) {
			continue
		}
		t.Evidence = Evidence{Article: a.ID, Start: c.Start + cd.start, End: c.Start + cd.end, Sentence: s}
		out = append(out, t)
	}
	return out
}

// tollAfterStems: one of them is in every match of tollVerbAfterRE
// (whose matches are shorter than 200 bytes: a 62-byte aside, five
// auxiliaries and the verb).
var tollAfterStems = []string{"kill", "die", "dead", "wound", "injur", "hurt", "displac", "missing", "detain", "arrest", "execut",
	"slain", "abduct", "kidnap", "perish", "fled", "flee", "uproot", "behead", "crucif", "murder", "shot", "gunned", "lost",
	"homeless", "forced"}

// tollAdjacentRE starts the text after the people a figure counts with
// a casualty participle of their own.
var tollAdjacentRE = regexp.MustCompile(`(?i)^\s+(killed|dead|wounded|injured|hurt|missing|displaced)\b`)

// tollAndRE joins two figures of one count: "four men and 11 women".
var tollAndRE = regexp.MustCompile(`^\s*(?:,\s*|,?\s*and\s+|\s+as\s+well\s+as\s+)$`)

// tollLivesRE ends the text before "N lives" that were lost.
var tollLivesRE = regexp.MustCompile(`(?i)\b(?:claimed|claiming|claims|claim|cost|costing|costs|took|taken|taking|takes|lost|losing)\s+(?:the\s+|an?\s+)?$`)

// tollInPlaceRE starts the text after a bare figure set in a place:
// "and 22 in neighbouring Idlib".
var tollInPlaceRE = regexp.MustCompile(`^\s+(?:in|across|around|near)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+)?\p{Lu}`)

// tollOwnVerbRE starts the text after a figure that has a verb of its own,
// which then is not the verb of the toll before it: in "140,000 were
// killed and five million left homeless" the five million were not killed,
// nor were "two others [who] sustained injuries", "eight others [who]
// experienced breathing difficulties" or "500 others mostly children [who]
// have been affected".
var tollOwnVerbRE = regexp.MustCompile(`(?i)^(?:\s+(?:of\s+)?(?:people|others|more))?(?:\s+(?:mostly|mainly)\s+\w+)?\s+(?:are|were|was|is|have|has|had|left|remain|remained|remains|fled|lost|sustained|suffered|experienced|received|got|needed|required|underwent|developed|complained)\b`)

// tollDemonyms are nationals counted as people: "41 Britons", "nine
// French peacekeepers" reads "peacekeepers" as the noun.
var tollDemonyms = map[string]bool{
	"britons": true, "americans": true, "israelis": true, "palestinians": true, "iraqis": true, "afghans": true, "syrians": true,
	"kurds": true, "turks": true, "russians": true, "iranians": true, "egyptians": true, "libyans": true,
	"yemenis": true, "saudis": true, "pakistanis": true, "indians": true, "germans": true,
	"italians": true, "spaniards": true, "australians": true, "canadians": true, "europeans": true, "africans": true,
	"nigerians": true, "somalis": true, "ukrainians": true, "chechens": true, "jews": true, "muslims": true,
	"christians": true, "shias": true, "sunnis": true, "frenchmen": true, "swedes": true, "danes": true,
	"norwegians": true, "indonesians": true, "thais": true, "filipinos": true, "koreans": true, "mexicans": true,
	"peacekeepers": true, "tourists": true, "pilgrims": true, "passengers": true, "miners": true, "nationals": true,
	"citizens": true, "marines": true, "sailors": true, "pilots": true, "crew": true, "guards": true, "hostages": true,
	"commuters": true, "fishermen": true, "farmers": true, "staff": true, "employees": true, "volunteers": true,
	"teenagers": true, "youths": true, "adults": true, "survivors": true, "casualties": true, "inmates": true,
}

func tollDemonym(w string) bool { return tollDemonyms[strings.ToLower(w)] }

// tollNotCount tells a figure that counts no one: a day of a month ("on
// June 3 killed at least nine"), "no one died", an age in apposition
// ("Mrs Hassan, 59, who led ...", "aged 59").
func tollNotCount(s string, n figure, h tollHead) bool {
	w, _ := before(s, n.Start, 24)
	f := strings.Fields(w)
	if len(f) == 0 {
		return false
	}
	last := strings.ToLower(strings.Trim(f[len(f)-1], ".,;:\"“”'‘’(-"))
	switch {
	case tollMonths[last] && n.Value >= 1 && n.Value <= 31 && !n.Word:
		return true
	case (last == "no" || last == "not") && n.Value == 1:
		return true
	case last == "aged" || last == "age":
		return true
	}
	// ", 59," after a name: an age
	if h.noun == "" && !n.Word && n.Qualifier == Exact && n.Value < 120 && strings.HasSuffix(w, ", ") && n.End < len(s) && (s[n.End] == ',' || s[n.End] == ')') {
		name := strings.TrimSuffix(w, ", ")
		if i := strings.LastIndexByte(name, ' '); i >= 0 {
			name = name[i+1:]
		}
		if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
			return true
		}
	}
	return false
}

// tollRiseRE ends the text before a figure a toll named earlier in the
// sentence has reached: "has risen to", "climbed to", "reached".
var tollRiseRE = regexp.MustCompile(`(?i)\b(?:risen|rose|rises|rising|climbed|climbs|climbing|jumped|jumps|soared|increased|mounted|surged|reached|reaches|hit|hits|stood|stands|stands\s+at|stood\s+at)\s+(?:to\s+|at\s+)?$`)

// tollRiseLast are the words tollRiseRE's matches end with.
var tollRiseLast = []string{"to", "at", "risen", "rose", "rises", "rising", "climbed", "climbs", "climbing", "jumped", "jumps", "soared",
	"increased", "mounted", "surged", "reached", "reaches", "hit", "hits", "stood", "stands"}

// tollRiseStart is where "death toll" starts when the figure at n is what
// that toll has risen to, -1 otherwise: the sentence names the toll before
// the figure, with no other figure and no clause break between them.
func tollRiseStart(c *sentCtx, s, w string, n figure, nums []figure) int {
	t := strings.LastIndex(c.lower[:n.Start], "toll")
	if t < 0 || n.Start-t > 200 || strings.ContainsAny(s[t:n.Start], ";\"“”") || !tollRiseRE.MatchString(w) {
		return -1
	}
	for _, o := range nums {
		if o.Start > t && o.End <= n.Start {
			return -1
		}
	}
	if t > 0 && isLetterByte(s[t-1]) {
		return -1
	}
	for _, q := range []string{"death ", "casualty "} {
		if strings.HasSuffix(c.lower[:t], q) {
			return t - len(q)
		}
	}
	return t
}

// tollDate is a toll's scope and date (ctxDate has the rule). A toll
// counted "since 2015" is a running total: the war's, dated when the
// report gives it. So is any war toll in a sentence that names an earlier
// year ("the war that began in 2011 has killed ..."). Any other toll in
// such a sentence is that year's ("In 2016 a strike killed 30"): dated by
// the year, so it is never taken for the latest.
func tollDate(c *sentCtx, scope string) (string, string) {
	if c.past == "" {
		return scope, c.date
	}
	if c.since {
		return War, c.date
	}
	if scope == War {
		return War, c.date
	}
	return scope, c.past
}

func tollHasPrecise(cands []tollCand, category string) bool {
	for _, c := range cands {
		if c.category == category && c.n.Qualifier != Vague {
			return true
		}
	}
	return false
}

func tollDup(ts []Toll, t Toll) bool {
	for _, x := range ts {
		if x.Count == t.Count && x.Category == t.Category && x.Subgroup == t.Subgroup {
			return true
		}
	}
	return false
}

// tollIsYear tells "2011" in "since 2011" from a count: a four-digit figure
// between 1900 and 2100 with no noun that counts people.
func tollIsYear(s string, n figure, h tollHead) bool {
	if n.Word || n.Value < 1900 || n.Value > 2100 || n.Qualifier != Exact || n.High != n.Low {
		return false
	}
	if !h.person {
		return true
	}
	// "August 2016 civilians", "September 24 2016 Ninety-two civilians",
	// "Mon Nov 7 2016", "27-07-2015": a date, whatever follows
	if k := n.NumStart; k > 0 && (s[k-1] == '-' || s[k-1] == '/') && k >= 2 && s[k-2] >= '0' && s[k-2] <= '9' {
		return true
	}
	w, _ := before(s, n.NumStart, 20)
	f := strings.Fields(w)
	if len(f) > 1 && isDayNumber(strings.Trim(f[len(f)-1], ".,")) {
		f = f[:len(f)-1]
	}
	return len(f) > 0 && tollMonths[strings.ToLower(strings.Trim(f[len(f)-1], ".,"))]
}

// headlineList reports a headline's list of tolls, its verbs capitalised
// ("Child Killed 20 People Injured"): the participle after the people is
// theirs even with no figure before the first verb. The verb before is a
// participle too: in "Attacks Kill 10 Civilians Injured Dozens" the ten
// were killed.
func headlineList(before, after string) bool {
	return before != "" && after != "" && before[0] >= 'A' && before[0] <= 'Z' && after[0] >= 'A' && after[0] <= 'Z' &&
		(strings.HasSuffix(before, "ed") || strings.HasSuffix(before, "Dead"))
}

// isDayNumber reports a day of the month written in digits ("7", "24th").
func isDayNumber(w string) bool {
	w = strings.TrimRight(w, "stndrh")
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	d := 0
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
		d = d*10 + int(w[i]-'0')
	}
	return d >= 1 && d <= 31
}

func tollVerbCategory(v string) string {
	f := strings.Fields(v)
	w := strings.ToLower(f[0])
	if w == "forced" || strings.HasSuffix(strings.ToLower(v), "homeless") {
		return Displaced
	}
	if c, ok := tollCategoryOf[w]; ok {
		return c
	}
	return Killed // "claimed the lives of", "the death toll rose to"
}

// tollScope tells an incident toll from the campaign's or the war's.
// tollCues reads the sentence features scope depends on, each at most once
// a sentence and only when an earlier one has not decided. The patterns are
// written in lower case and run on the lower-cased sentence.
type tollCues struct {
	lower string
	grams *bigrams
	memo  [5]int8 // 0 unread, 1 false, 2 true
	// conflict reports an article about armed conflict (nil: assume one)
	conflict func() bool
}

var tollCueREs = [5]*litRE{newLitRE(tollWarRE.String()), newLitRE(tollOffensiveRE.String()), newLitRE(tollIncidentRE.String()),
	newLitRE(tollWarWeakRE.String()), newLitRE(tollOffensiveWeakRE.String())}

const (
	cueWar = iota
	cueOffensive
	cueIncident
	cueWarWeak
	cueOffensiveWeak
)

// asciiLower lowers ASCII letters only, so every byte offset stays put.
// A text without capitals is its own lower case; else the copy is built
// once, not converted to bytes and back.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// tollCueWords: a cue pattern matches only a text holding one of its
// words (the patterns have no (?i), so the lower-cased sentence is read as
// is); most sentences are decided without running the pattern.
var tollCueWords = [5][]string{
	cueWar:           {"since", "war", "conflict", "millions", "neighbo"},
	cueOffensive:     {"latest", "current", "recent", "ongoing", "new", "since", "end", "displaced"},
	cueIncident:      {"strike", "raid", "attack", "bomb", "shell", "explosion", "blast", "rocket", "missile", "massacre", "ambush", "suicide", "barrel", "day"},
	cueWarWeak:       {"war", "conflict"},
	cueOffensiveWeak: {"violence", "fighting", "offensive", "escalation", "assault", "onslaught", "clashes", "campaign"},
}

var tollCueLits = func() (out [5]litSet) {
	for k, ws := range tollCueWords {
		out[k] = makeLitSet(ws)
	}
	return out
}()

func (q *tollCues) has(k int) bool {
	if q.memo[k] == 0 {
		q.memo[k] = 1
		if tollCueLits[k].anyIn(q.lower, q.grams) && tollCueREs[k].matchString(q.lower, q.grams) {
			q.memo[k] = 2
		}
	}
	return q.memo[k] == 2
}

func tollScope(q *tollCues, cd tollCand) string {
	switch {
	case tollDisasterLits.anyIn(q.lower, q.grams) && tollDisasterRE.MatchString(q.lower):
		return Incident // a natural disaster is one event, never a campaign or a war

	case q.has(cueWar):
		return War
	case q.has(cueOffensive):
		return Offensive
	case q.has(cueIncident) && !(cd.n.Value >= 10000 && q.has(cueWarWeak)):
		return Incident
	case q.has(cueWarWeak):
		return War
	case q.has(cueOffensiveWeak):
		return Offensive
	case (cd.n.Value >= 100 || cd.category == Displaced) && q.conflict != nil && !q.conflict() && !tollWarWordRE.MatchString(q.lower) && !tollCampaignWordRE.MatchString(q.lower):
		// the sizes below are a war's measure: in an article about
		// anything else ("a painkiller linked to 56,000 deaths", three
		// days of riots) a figure no cue scopes has no scope
		return ""
	case cd.n.Value >= 100000:
		return War // no single campaign of the war has cost this many
	case cd.category == Displaced || cd.n.Value >= 100:
		return Offensive
	}
	return Incident
}

// tollBackRefRE points back to a place named before.
var tollBackRefRE = regexp.MustCompile(`\b(?:the|that|this)\s+(?:same\s+|nearby\s+|besieged\s+|rebel-held\s+|government-held\s+)?(?:city|town|village|area|district|province|region|camp|neighbou?rhood|suburb|market|hospital|school)\b|\bthere\b|\bthe\s+(?:death\s+|casualty\s+)?toll\b`)

// tollBackRefLRE is tollBackRefRE run where its words occur.
var tollBackRefLRE = newLitRE(tollBackRefRE.String())

// tollDisasterRE names a natural disaster or an accident.
var tollDisasterRE = regexp.MustCompile(`\b(?:tsunamis?|earthquakes?|quakes?|hurricanes?|cyclones?|typhoons?|floods?|flooding|storms?|landslides?|mudslides?|avalanches?|eruptions?|tidal\s+waves?|heatwaves?|(?:plane|train|air|rail|bus|helicopter)\s+crash(?:es)?|derailment|stampede)\b`)

var tollDisasterLits = makeLitSet([]string{"tsunami", "quake", "hurricane", "cyclone", "typhoon", "flood", "storm", "landslide", "mudslide",
	"avalanche", "eruption", "tidal", "heatwave", "crash", "derail", "stampede"})

// tollStems are word stems one of which every toll sentence holds; a
// sentence without any is skipped before the costlier figure search.
var tollStems = []string{
	"kill", "dead", "die", "death", "wound", "injur", "hurt", "displac", "fled", "flee", "uproot", "missing",
	"detain", "arrest", "abduct", "kidnap", "execut", "slain", "massacr", "toll", "perish", "lives",
	"behead", "crucif", "murder", "gunned", "homeless",
}

var tollStemLits = makeLitSet(tollStems)

// before is the text of s that ends at end, at most n bytes of it, and
// where it starts: patterns anchored at the end of a text run on it, so
// their cost never grows with the sentence.
func before(s string, end, n int) (string, int) {
	start := max(0, end-n)
	return s[start:end], start
}

// hasStem reports one of stems (lower-case ASCII) in the sentence lowered
// by strings.ToLower; that is the sentence's lower unless a rune outside
// ASCII lowers to an ASCII letter.
func hasStem(c *sentCtx, stems litSet) bool {
	if !c.plain {
		l := strings.ToLower(c.text)
		g := makeBigrams(l)
		return stems.anyIn(l, &g)
	}
	return stems.anyIn(c.lower, &c.grams)
}

// tollCandAt tells whether a candidate of cands is the figure at start.
func tollCandAt(cands []tollCand, start int) bool {
	for _, cd := range cands {
		if cd.n.Start == start {
			return true
		}
	}
	return false
}

// The asides and the verb tollVerbAfterRE may start with, after white
// space (a comma's aside with or without it); afterAny is a text where
// runes that fold to ASCII letters make the first word unsure.
const (
	afterComma = iota
	afterDash
	afterList
	afterPlace
	afterNone
	afterAny
	afterNoMatch
)

// tollAfterFirst are the words a match of tollVerbAfterRE may start with
// (after white space), by what they start: a list, a place, or the
// auxiliaries and verbs. No word is in two of them.
var tollAfterFirst = func() map[string]int {
	m := map[string]int{}
	add := func(words string, start int) {
		for _, w := range strings.Fields(words) {
			m[w] = start
		}
	}
	add(`including among`, afterList)
	add(`from of in at on inside`, afterPlace)
	add(`have has had were was are is been being also reportedly now freshly newly already since so allegedly all confirmed
		believed feared thought said to be got still recorded reported registered documented listed later subsequently either both
		killed died dead wounded injured hurt displaced missing detained arrested executed slain abducted kidnapped perished fled
		uprooted beheaded crucified murdered shot gunned lost left made homeless forced`, afterNone)
	return m
}()

// tollVerbAfterStart tells which aside a match of tollVerbAfterRE in rest
// starts with, or afterNoMatch when none can start it: a comma's after
// optional white space; else white space and then a dash or a whole word
// of tollAfterFirst (each is followed by white space or a non-word byte,
// so the word is the run of letters there). Only one of the pattern's
// branches can then match, and tollVerbAfterByStart holds it alone.
func tollVerbAfterStart(rest string) int {
	q := 0
	for q < len(rest) && isSpaceRE(rest[q]) {
		q++
	}
	if q == len(rest) {
		return afterNoMatch
	}
	if rest[q] == ',' {
		return afterComma
	}
	if !plainText(rest) {
		return afterAny
	}
	if q == 0 {
		return afterNoMatch
	}
	if r, _ := utf8.DecodeRuneInString(rest[q:]); r == '-' || r == '–' || r == '—' {
		return afterDash
	}
	var buf [16]byte
	j := q
	for j < len(rest) && isLetterByte(rest[j]) {
		if j-q == len(buf) {
			return afterNoMatch // longer than any of the words
		}
		c := rest[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j-q] = c
		j++
	}
	if start, ok := tollAfterFirst[string(buf[:j-q])]; ok {
		return start
	}
	return afterNoMatch
}

// tollVerbAfterFind is tollVerbAfterRE.FindStringSubmatchIndex(
// tollVerbAfterText(rest)), run as the one branch the text's start
// allows: the whole pattern keeps many more threads alive.
//
// lrest is asciiLower(rest): in a plain text the place's aside and the
// auxiliaries and verb are read from it word by word (tollVerbTail).
func tollVerbAfterFind(rest, lrest string) []int {
	t := tollVerbAfterText(rest)
	switch start := tollVerbAfterStart(t); start {
	case afterNoMatch:
		return nil
	case afterAny:
		return tollVerbAfterRE.FindStringSubmatchIndex(t)
	case afterPlace:
		return tollVerbAfterPlace(lrest[:len(t)])
	case afterNone:
		if vs, ve, ok := tollVerbTail(lrest[:len(t)], 0); ok {
			return []int{0, ve, -1, -1, vs, ve}
		}
		return nil
	default:
		m := tollVerbAfterByStart[start].FindStringSubmatchIndex(t)
		if m == nil {
			return nil
		}
		return []int{m[0], m[1], -1, -1, m[2], m[3]}
	}
}
