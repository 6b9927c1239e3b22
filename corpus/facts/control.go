package facts

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/names"
)

// A control claim is read from a cue in a sentence, a side and a place:
//
//   - active cues name the side before and the place after: "HTS and its
//     allies took the city", "Rebels have taken dozens of towns ...,
//     including Khan Sheikhun and Maaret al-Numan" (one claim a place),
//     "Government forces lost control of ... Aleppo";
//   - passive cues name the place before and the side in or after the cue:
//     "Homs, which is under government control", "Aleppo ... fell out of
//     government control", "escapes the control of Syrian regime forces",
//     "under authority of the People's Protection Units (YPG)";
//   - compounds: "the government-held city of Hama", "rebel-held areas of
//     Aleppo", "the rebel bastion of Idlib".
//
// "They" before a cue is the first side named earlier in the sentence, or
// the side of the previous sentence's claim. A claim about the whole
// country ("much of the country", "swathes of Syria") is left out: it
// answers no "who holds X" question. An "except ..." clause after a claim
// is its exception and never a claim of its own.

type ctlCue struct {
	re     *regexp.Regexp
	status string
	// passive cues: the place comes before, the side inside or after
	passive bool
	// need: one of these must be in the lower-cased sentence for the
	// pattern to be worth running
	need []string
	// needLits is need, lre is re run at the words its matches begin with
	needLits litSet
	lre      *litRE
	// expel: an active cue whose object is a side driven out of the place
	// after it ("drove IS out of Manbij"); in an aim the object holds it
	expel bool
}

// ctlSide is the words a side may be written with inside a cue:
// "under government control", "fell out of Syrian regime control".
const ctlSide = `(?:the\s+)?(?:[\p{L}'’-]+\s+){1,4}?`

// ctlCues, most specific first: a span taken by one is not read again.
var ctlCues = []ctlCue{
	{re: regexp.MustCompile(`\b(?:lost|lose|loses|losing)\s+control\s+(?:of|over)\b`), status: Lost, passive: false, need: []string{"control"}},
	{re: regexp.MustCompile(`\b(?:retook|retake|retakes|retaken|retaking|regained|regain|regains|regaining|wrested\s+back|won\s+back)\s+(?:full\s+|total\s+)?control\s+(?:of|over)\b`), status: Recaptured, passive: false, need: []string{"control"}},
	// no \b before: scraped copy glues words ("on Saturdaytaking control of")
	{re: regexp.MustCompile(`(?:took|take|takes|taking|taken|seized|seize|seizes|seizing|wrested|gained|gain)\s+(?:full\s+|total\s+)?control\s+(?:of|over)\b`), status: Seized, passive: false, need: []string{"control"}},
	{re: regexp.MustCompile(`\b(?:took|take|takes|taken)\s+over\b`), status: Seized, passive: false, need: []string{"over"}},
	{re: regexp.MustCompile(`\b(?:seized|seize|seizes|seizing|captured|capture|captures|capturing|overran|overrun|overruns|occupied|occupy|occupies|stormed|took|taken)\b`), status: Seized, passive: false, need: []string{"seiz", "captur", "overr", "occup", "storm", "took", "taken"}},
	{re: regexp.MustCompile(`\b(?:recaptured|recapture|recaptures|recapturing|retook|retake|retakes|retaken|regained|regain|regains|won\s+back)\b`), status: Recaptured, passive: false, need: []string{"recaptur", "retook", "retak", "regain", "won back"}},
	// "Kurdish militia expelled the jihadists from Ras al-Ain"; aimed at
	// ("to push IS out of al-Bab") it says who holds the place now
	{re: regexp.MustCompile(`\b(?:expelled|expel|expels|expelling|drove|drive|drives|driving|driven|chased|chase|chases|chasing|pushed|push|pushes|pushing|ousted|oust|ousts|ousting|forced|force|forces|forcing|kicked|kick|routed|rout|cleared|clear|clears|clearing|flushed|flush)\s+(?:` + ctlNotToWord + `\s+){0,4}?(?:out\s+of|from)\b`), status: Seized, passive: false, need: []string{" out of", " from"}, expel: true},
	// forces that entered a place are fighting in it; it is not yet theirs
	{re: regexp.MustCompile(`\b(?:entered|enters|entering)\b`), status: Contested, passive: false, need: []string{"entere", "enters", "entering"}},
	{re: regexp.MustCompile(`\b(?:fell|fall|falls|falling|fallen)\s+out\s+of\s+` + ctlSide + `control\b`), status: Lost, passive: true, need: []string{"control"}},
	{re: regexp.MustCompile(`\b(?:escapes?|escaped|escaping|slipped|slips)\s+(?:out\s+of\s+|from\s+)?the\s+control\s+of\b`), status: Lost, passive: true, need: []string{"control"}},
	{re: regexp.MustCompile(`\bout\s+of\s+(?:the\s+)?control\s+of\b`), status: Lost, passive: true, need: []string{"control"}},
	{re: regexp.MustCompile(`\blost\s+(?:to|for)\b`), status: Lost, passive: true, need: []string{"lost"}},
	{re: regexp.MustCompile(`\b(?:fell|fall|falls|falling|fallen)\s+(?:in)?to\s+` + ctlSide + `(?:control|hands)\b`), status: Seized, passive: true, need: []string{"fell", "fall"}},
	{re: regexp.MustCompile(`\b(?:fell|fall|falls|falling|fallen)\s+(?:in)?to\s+the\s+hands\s+of\b`), status: Seized, passive: true, need: []string{"fell", "fall"}},
	// "the airport after it was seized by gunmen of the Islamic State"
	{re: regexp.MustCompile(`\b(?:was|were|been|being|is|are)\s+(?:seized|captured|taken|overrun|stormed|recaptured|retaken)\s+by\b`), status: Seized, passive: true, need: []string{" by"}},
	// "the village from which the militants had been expelled by Kurdish units"
	{re: regexp.MustCompile(`\b(?:was|were|been|being|is|are)\s+(?:expelled|driven\s+out|chased\s+out|pushed\s+out|ousted|routed|forced\s+out)\s+(?:of\s+(?:the\s+)?(?:city|town|village|area)\s+)?by\b`), status: Seized, passive: true, need: []string{" by"}},
	// "Control of Homs was split between the army and the rebels"
	{re: regexp.MustCompile(`\b(?:divided|split|shared)\s+between\b`), status: Held, passive: true, need: []string{"between"}},
	{re: regexp.MustCompile(`\bunder\s+(?:the\s+)?(?:full\s+|total\s+|effective\s+)?(?:control|authority|rule)\s+of\b`), status: Controls, passive: true, need: []string{"under"}},
	{re: regexp.MustCompile(`\bunder\s+` + ctlSide + `(?:control|rule|authority)\b`), status: Controls, passive: true, need: []string{"under"}},
	{re: regexp.MustCompile(`\b(?:controlled|held)\s+by\b`), status: Controls, passive: true, need: []string{" by"}},
	{re: regexp.MustCompile(`\bin\s+the\s+hands\s+of\b`), status: Controls, passive: true, need: []string{"hands"}},
	{re: regexp.MustCompile(`\b(?:control|controls|controlling)\b`), status: Controls, passive: false, need: []string{"control"}},
	{re: regexp.MustCompile(`\bcontrolled\b`), status: Held, passive: false, need: []string{"controlled"}},
	{re: regexp.MustCompile(`\b(?:held|hold|holds|holding)\b`), status: Held, passive: false, need: []string{"held", "hold"}},
}

var (
	// ctlHeldRE: "government-held", "rebel-controlled", "HTS-run".
	ctlHeldRE = regexp.MustCompile(`\b([\p{L}]+(?:[ -][\p{L}]+)?)-(?:held|controlled|run)\b`)
	// ctlBastionRE: "the rebel bastion of", "jihadist stronghold of".
	ctlBastionRE = regexp.MustCompile(`(?i)\b(?:stronghold|bastion|enclave|bastions|strongholds|power\s*base|heartland)\b`)
	// ctlExceptRE opens an exception: "except for neighbourhoods ...".
	ctlExceptRE = regexp.MustCompile(`(?i)\b(?:except|barring|apart\s+from|excluding|save\s+for|with\s+the\s+exception\s+of)\s+(?:for\s+)?(?:the\s+)?([^,.;"”]+)`)
	// ctlNegRE spots a denied or failed claim just before a cue.
	ctlNegRE = regexp.MustCompile(`(?i)\b(?:never|not|n't|failed\s+to|unable\s+to|fails\s+to|denied|deny|denies|attempt(?:ed|s)?\s+to|trying\s+to|tried\s+to|bid\s+to|aim(?:s|ed)?\s+to|threatened\s+to|could|would|might|may|will)\s+(?:\w+\s+){0,2}$`)
	// ctlTheCityRE: the cue's object is "the city" (or its airport).
	ctlTheCityRE = regexp.MustCompile(`^\s+(?:over\s+)?(?:(?:most|all|much|parts|part)\s+of\s+)?the\s+(?:city|town)(?:(?:'s|’s)\s+(airport))?\b(?:\s+of\b)?`)
	// ctlListRE joins places of one claim: ", ", " and ", ", including ".
	ctlListRE = regexp.MustCompile(`^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+as\s+well\s+as\s+|\s+or\s+)(?:(?:parts|part|most|much|all|areas|swathes)\s+of\s+)?(?:the\s+)?(?:` + ctlDirection + `\s+)?(?:(?:town|city|village|district|province)s?\s+of\s+)?(?:the\s+)?$`)
	// ctlBorderedRE ends the text before a place that is bordered, not the
	// subject of what follows.
	ctlBorderedRE = regexp.MustCompile(`\b(?:borders|bordering|bordered|border\s+with|borders\s+with)\s+(?:the\s+)?$`)
	// ctlBreakRE ends a cue's reach: a new clause or a comparison.
	ctlBreakRE    = regexp.MustCompile(`(?i)[;:]|\b(?:between|halfway|near|outside|bordering|adjacent\s+to|next\s+to|close\s+to|on\s+the\s+border|(?:north|south)(?:-?(?:east|west))?\s+of|east\s+of|west\s+of|after|before|while|when|since|said|says|according|towards?|to\s+(?:advance|move|push|march|head|reach|press|close\s+in)|in\s+order\s+to)\b`)
	ctlNotPlaceRE = regexp.MustCompile(`^\s+(?:to|into|away|its\s+(?:final|\w+th|second|third)\s+(?:phase|stage|year|month|week|day)|a\s+new\s+(?:phase|stage|year)|hostage|hostages|prisoner|prisoners|captive|part\s+in|place\s+(?:in|on|at)|refuge|it|them|him|her|power|office|weapons|arms|talks|control\s+of\s+(?:it|them))\b`)
	ctlDoneRE     = regexp.MustCompile(`(?i)\b(?:managed|able|succeeded)\s+to\s+$`) // "managed to drive rebels from": done
	ctlAimRE      = regexp.MustCompile(`(?i)\b(?:to|of|aim|aims|bid|plan|plans|effort|efforts|attempt|push|drive|trying|order|aim(?:s|ed|ing)?\s+at(?:\s+the)?)\s+$`)
	ctlFightRE    = regexp.MustCompile(`(?i)\b(?:` + ctlFightVerbs + `)\b[^.;]{0,60}?\b(?:for|over)\s+(?:the\s+)?(?:full\s+|total\s+|complete\s+|overall\s+)?$`)
	ctlPronounRE  = regexp.MustCompile(`\b(?:[Tt]hey|[Tt]heir\s+forces|[Tt]he\s+group|[Tt]he\s+alliance|[Ii]t|[Ii]ts\s+(?:fighters|forces|militants))\s+(?:\w+\s+){0,3}$`)
)

// ctlFightVerbs fight for a place: "battled for control of Aleppo", "the
// struggle over Raqqa", "jostling for control of the border crossing".
const ctlFightVerbs = `battle|battles|battled|battling|fight|fights|fighting|fought|struggle|struggles|struggled|struggling|` +
	`race|racing|clash|clashes|clashed|clashing|compete|competes|competed|competing|vie|vies|vied|vying|war|wars|` +
	`contest|contests|contested|contesting|wrestle|wrestles|wrestled|wrestling|jostle|jostles|jostled|jostling|` +
	`scramble|scrambles|scrambled|scrambling|tussle|tussles|tussled|tussling|showdown|` +
	`skirmish|skirmishes|skirmishing|offensive|offensives|push`

// ctlAimLast, ctlFightLast: the words ctlAimRE's and ctlFightRE's
// matches end with before their closing white space.
var (
	// ctlNotToWord: a word other than "to", so that a noun cue ("a drive to
	// push IS out of al-Bab") leaves the verb after it to be read
	ctlNotToWord = `(?:[\p{L}'’-]{3,}|[\p{L}'’-]|[^\PLt][\p{L}'’-]|t[^\PLo])`
	ctlAimLast   = []string{"to", "of", "aim", "aims", "bid", "plan", "plans", "effort", "efforts", "attempt", "push", "drive", "trying", "order", "at", "the"}
	ctlFightLast = []string{"for", "over", "the", "full", "total", "complete", "overall"}
	// ctlNegWords: one of them is in every match of ctlNegRE.
	ctlNegWords = []string{"never", "not", "n't", "fail", "unable", "deni", "deny", "attempt", "trying", "tried", "bid", "aim", "threaten", "could", "would", "might", "may", "will"}
)

// ctlNegMatch is ctlNegRE.MatchString(head), skipping the pattern when a
// plain head lacks its closing white space or every one of its words,
// and running it on the last words only.
func ctlNegMatch(head string) bool {
	if strings.TrimRight(head, "\t\n\f\r ") == head {
		return false
	}
	if !plainText(head) {
		return ctlNegRE.MatchString(head) // its \w folds to runes past ASCII
	}
	if !containsAny(asciiLower(head), ctlNegWords) {
		return false
	}
	// a match is the denial (one or two words, "n't" one of them) and up
	// to two words after it, words of \w joined by \s, that ends the
	// text: the pattern runs only from the last four words, each taken
	// with any apostrophes in it
	return ctlNegRE.MatchString(head[lastWordsAt(head, 4, true):])
}

// lastWordsAt is where the last n words of head begin, words of \w (and
// apostrophes, when apos) parted by white space; it stops early at any
// other byte.
func lastWordsAt(head string, n int, apos bool) int {
	word := func(c byte) bool { return isWordByte(c) || apos && c == '\'' }
	k, words := len(head), 0
	for k > 0 {
		c := head[k-1]
		if isSpaceByte(c) {
			k--
			continue
		}
		if !word(c) || words == n {
			break
		}
		for k > 0 && word(head[k-1]) {
			k--
		}
		words++
	}
	return k
}

// ctlPrepRE finds a preposition between a taking verb and a place: the
// place is then where something else was taken, not what was.
var ctlPrepRE = regexp.MustCompile(`(?i)\b(?:in|at|near|across|inside|around|with|during|against|for|amid|by|into|on)\b`)

// ctlIncludingRE lists what was taken: "dozens of towns across the north,
// including Khan Sheikhun".
var ctlIncludingRE = regexp.MustCompile(`(?i)\b(?:including|such\s+as|among\s+them|notably)\b`)

// ctlPercentRE finds a share as a cue's object: "nine percent of".
var ctlPercentRE = regexp.MustCompile(`(?i)\b(?:percent|per\s+cent)\b|%`)

// ctlOnceRE ends the text before a cue with a word that puts the state in
// the past: "was once almost completely under IS control".
var ctlOnceRE = regexp.MustCompile(`(?i)\b(?:once|formerly|previously|used\s+to)\s+(?:[\p{L}-]+\s+){0,3}$`)

// ctlSettingRE ends the text before a country named as a setting.
var ctlSettingRE = regexp.MustCompile(`(?i)\bin\s+(?:[\p{L}-]+\s+)?$`)

// ctlSkipBefore marks names that are not the subject: "led by Al-Qaeda's",
// "backed by Russia", "allied to Hezbollah".
var ctlSkipAfter = regexp.MustCompile(`^-(?:led|backed|held|controlled|dominated|run|allied|linked|aligned|affiliated)\b|^(?:'s|’s)\s+(?:former|ally|allies|backers?)\b`)

// ctlSkipBeforeLast are the words ctlSkipBefore's matches end with
// before their closing white space.
var ctlSkipBeforeLast = []string{"by", "to", "with", "the", "against", "on", "attacked", "from", "fighting"}

var ctlSkipBefore = regexp.MustCompile(`(?i)(?:led|backed|supported|allied|linked|aligned|affiliated|dominated)\s+(?:by|to|with)\s+(?:the\s+)?$|(?:against|on|attacked|from|fighting|with)\s+(?:the\s+)?$`)

// ctlStems are word stems one of which every control cue holds.
var ctlStems = []string{
	"control", "took", "take", "taking", "seiz", "captur", "overr", "occup", "storm", "retook", "retak", "regain",
	"won back", "fell", "fall", "escap", "slip", "lost", "los", "under", "held", "hold", "stronghold", "bastion",
	"enclave", "hands of", "-run", "entere", "enters", "entering", "out of", "expel", "ousted", "routed", "between",
	"power base", "powerbase", "heartland", "stationed", "based", "deployed", "garrisoned",
}

var ctlStemLits = makeLitSet(ctlStems)

func init() {
	for i := range ctlCues {
		ctlCues[i].needLits = makeLitSet(ctlCues[i].need)
		ctlCues[i].lre = newLitRE(ctlCues[i].re.String())
	}
}

func extractControl(a *corpus.Article, sents []Sentence) []Control {
	return controlOf(a, buildContexts(a, sents))
}

func controlOf(a *corpus.Article, ctxs []sentCtx) []Control {
	var out []Control
	lastSide := ""
	for i := range ctxs {
		claims := sentenceControl(a, ctxs, i, lastSide)
		if len(claims) > 0 {
			lastSide = claims[len(claims)-1].Controller
		} else if i > 0 && ctxs[i].Para != ctxs[i-1].Para {
			lastSide = ""
		}
		out = append(out, claims...)
	}
	return out
}

func sentenceControl(a *corpus.Article, ctxs []sentCtx, i int, lastSide string) []Control {
	c := &ctxs[i]
	s := c.text
	if !hasStem(c, ctlStemLits) {
		return nil
	}
	var excepts [][3]int
	for _, m := range ctlFind(c, ctlExceptRE, ctlExceptLits) {
		excepts = append(excepts, [3]int{m[0], m[1], m[2]})
	}
	inExcept := func(p int) bool {
		for _, e := range excepts {
			if p >= e[0] && p < e[1] {
				return true
			}
		}
		return false
	}
	var out []Control
	used := make([][2]int, 0, 4) // cue spans taken by earlier, more specific cues
	add := func(place, side, status string, start, end int) {
		if place == "" || side == "" || names.Key(place) == names.Key(countryPlace) {
			return
		}
		for _, o := range out {
			if o.Place == place && o.Controller == side {
				return
			}
		}
		ex := ""
		for _, e := range excepts {
			if e[0] >= end && e[0]-end < 60 && !strings.ContainsAny(s[end:e[0]], ".;") {
				ex = strings.TrimSpace(s[e[2]:e[1]])
				end = e[1]
				break
			}
		}
		out = append(out, Control{
			Article: a.ID, Place: place, Controller: side, Status: status, Except: ex, Source: ctlSource(ctxs, i, start, end),
			Date:     ctlDate(a, c),
			Evidence: Evidence{Article: a.ID, Start: c.Start + start, End: c.Start + end, Sentence: s},
		})
	}
	// the cues are written in lower case and run on the sentence with ASCII
	// letters lowered, which keeps every offset
	lower := c.lower
	for _, cue := range ctlCues {
		if !cue.needLits.anyIn(lower, &c.grams) {
			continue
		}
		for _, m := range cue.lre.findAllIndex(lower, &c.grams) {
			if overlaps(used, m) || inExcept(m[0]) || m[0] > 0 && s[m[0]-1] == '-' {
				continue // "government-held" is read below
			}
			used = append(used, [2]int{m[0], m[1]})
			head, _ := before(s, m[0], 80)
			aimHead := head
			if adv := ctlAdverbAt(head); adv >= 0 {
				aimHead = head[:adv+1] // "a campaign to fully capture Aleppo"
			}
			aimed := endsWithWord(aimHead, ctlAimLast, true) && ctlAimRE.MatchString(aimHead) && !ctlDoneRE.MatchString(aimHead)
			var expelled string // the side an expel cue drives out
			if cue.expel {
				for _, sp := range c.spans {
					if sp.Entry.Kind == names.Actor && sp.Start > m[0] && sp.End <= m[1] {
						expelled = sp.Entry.Canonical
						break
					}
				}
				if expelled == "" {
					continue // "forced thousands of residents from their homes"
				}
			}
			if ctlNegMatch(head) || aimed && expelled == "" {
				continue // denied, hoped for or aimed at: "an offensive to retake Aleppo"
			}
			status := cue.status
			fightAt := -1 // where "battled for" starts
			if endsWithWord(head, ctlFightLast, true) {
				if fm := ctlFightRE.FindStringIndex(head); fm != nil {
					status = Contested // "fighting for control of Manbij"
					fightAt = m[0] - len(head) + fm[0]
				}
			}
			var side string
			start := m[0]
			var more []string // the other sides a place is divided between
			if aimed {
				// "an offensive to push IS out of al-Bab": IS holds it now
				side, status = expelled, Controls
			} else if cue.passive {
				side, _ = ctlSideAfter(c, m[0], m[1])
				if cue.status == Held && side != "" {
					more = ctlSidesAfter(c, m[1], side)
				}
			} else {
				var at int
				side, at = ctlSideBefore(c, m[0], lastSide, inExcept)
				if fightAt >= 0 {
					// every side of the fight contests the place; none holds it
					if sides, from := ctlFightSides(c, fightAt, m[0], inExcept); len(sides) > 0 {
						if !slices.Contains(sides, side) {
							side = sides[0]
						}
						if at < 0 || from < at {
							at = from
						}
						for _, o := range sides {
							if o != side {
								more = append(more, o)
							}
						}
					}
				}
				if fightAt >= 0 && (at < 0 || fightAt < at) {
					at = fightAt // "Fighting between X and Y for control of"
				}
				if at >= 0 && at < start {
					start = at
				}
			}
			if side != "" && cue.status == Contested && !ctlEnteredBy(c, m[0], m[1]) {
				continue // "aid convoys have entered the town", "entered its final phase"
			}
			if side == "" || ctlNotPlaceRE.MatchString(lower[m[1]:min(len(lower), m[1]+20)]) {
				continue // "taken hostage", "took part", "seized it"
			}
			if status == Lost && cue.passive && strings.HasPrefix(strings.ToLower(s[m[0]:m[1]]), "lost") && side != "government" {
				status = Seized // "swathes of Syria lost to rebels"
			}
			places := ctlPlaces(ctxs, i, m[0], m[1], cue.passive)
			if cue.status == Contested && len(places) > 0 && names.Default().IsCountry(places[0].name) {
				continue // "32 rebels as they were entering Turkey": crossing a border
			}
			if len(places) == 0 && !cue.passive && (status == Held || status == Controls) && ctlSomePartsRE.MatchString(s[m[1]:]) {
				// "... held by Kurdish forces but the regime still holds
				// some districts": parts of the place named before
				for k := len(c.spans) - 1; k >= 0; k-- {
					if sp := c.spans[k]; sp.Entry.Kind == names.Place && sp.End <= start && sp.Entry.Canonical != countryPlace {
						places = []ctlPlace{{sp.Entry.Canonical, sp.Start, sp.End}}
						break
					}
				}
			}
			if !cue.passive && len(places) > 0 && places[0].Start > m[1] && !ctlPartOf(s[m[1]:places[0].Start]) && ctlPrepRE.MatchString(s[m[1]:places[0].Start]) && !ctlIncludingRE.MatchString(s[m[1]:places[0].Start]) {
				continue // "a ceasefire took effect in Lebanon", "has taken heavy losses in its fight with Israel"
			}
			if len(places) > 0 && places[0].Start > m[1] && ctlPercentRE.MatchString(s[m[1]:places[0].Start]) {
				continue // "now hold just nine percent of Deir ez-Zor" says little of who holds it
			}
			if ctlOnceRE.MatchString(head) {
				continue // "was once almost completely under IS control": not now
			}
			if !cue.passive && status != Held && status != Controls && len(places) > 0 && ctlPartOf(s[m[1]:places[0].Start]) {
				// "seized a neighbourhood in the northwest of Aleppo" is not
				// Aleppo taken; "held parts of Aleppo" is still held
				continue
			}
			for _, p := range places {
				if inExcept(p.Start) {
					break // "controls ... apart from opposition-held areas of Aleppo"
				}
				st, en := start, m[1]
				if p.Start < st {
					st = p.Start
				}
				if p.End > en {
					en = p.End
				}
				add(p.name, side, status, st, en)
				for _, o := range more {
					add(p.name, o, status, st, en)
				}
			}
		}
	}
	occClaims(c, add)
	captureFromClaims(c, add)
	// "the government-held city of Hama", "rebel-held areas of Aleppo"
	for _, m := range ctlHeldMatches(s) {
		side := ctlSideName(s[m[2]:m[3]])
		if side == "" {
			continue
		}
		if p, ok := ctlPlaceRightAfter(c, m[1]); ok && !ctlTakenFrom(c, out, m[0], p.name, side) {
			add(p.name, side, Held, m[0], p.End)
		}
	}
	// "the rebel bastion of Idlib", "Idlib, the last rebel stronghold"
	for _, m := range ctlFind(c, ctlBastionRE, ctlBastionLits) {
		side := ""
		at := -1
		for _, sp := range c.spans {
			if sp.Entry.Kind == names.Actor && sp.End <= m[0] && m[0]-sp.End <= 12 {
				side, at = sp.Entry.Canonical, sp.Start
			}
		}
		if side == "" {
			// "a stronghold of IS fighters in Raqqa"
			for _, sp := range c.spans {
				if sp.Entry.Kind == names.Actor && sp.Start >= m[1] && ctlOfSideRE.MatchString(s[m[1]:sp.Start]) {
					side, at = sp.Entry.Canonical, m[0]
					if pm := ctlInPlaceRE.FindStringIndex(s[sp.End:]); pm != nil {
						if p, ok := ctlPlaceRightAfter(c, sp.End+pm[1]-1); ok && !ctlFormerRE.MatchString(s[:m[0]]) {
							add(p.name, side, Held, m[0], p.End)
						}
					}
					break
				}
			}
			continue
		}
		if ctlFormerRE.MatchString(s[:at]) {
			continue // "the former IS bastion": not held now
		}
		if p, ok := ctlPlaceRightAfter(c, m[1]); ok {
			if !ctlTakenFrom(c, out, at, p.name, side) {
				add(p.name, side, Held, at, p.End)
			}
		} else if p, ok := ctlPlaceRightBefore(c, at); ok {
			add(p.name, side, Held, p.Start, m[1]) // "In Raqqa, Islamic State's power base"
		}
	}
	return out
}

// ctlTakenFrom reports a "-held" or "stronghold" phrase at at that is what
// a side took: "rebel groups that took control of the regime-held
// stronghold of Idlib", "the operation has so far captured the Daesh
// stronghold of Jarablus" say who held the place before, not who holds it.
// out are the claims read so far, whose evidence is offset by c.Start.
func ctlTakenFrom(c *sentCtx, out []Control, at int, place, side string) bool {
	if head, _ := before(c.text, at, 80); ctlTakenMatch(head) {
		return true
	}
	at += c.Start
	for _, o := range out {
		if o.Place == place && o.Controller != side && (o.Status == Seized || o.Status == Recaptured) &&
			o.Evidence.Start <= at && at < o.Evidence.End {
			return true
		}
	}
	return false
}

// ctlTakenMatch is ctlTakenRE.MatchString(head), skipping the pattern
// when head lacks its closing white space or, plain, every one of its
// verbs.
func ctlTakenMatch(head string) bool {
	if head == "" || !isSpaceByte(head[len(head)-1]) {
		return false
	}
	if plainText(head) && !containsAny(asciiLower(head), ctlTakenWords) {
		return false
	}
	return ctlTakenRE.MatchString(head)
}

// ctlTakenWords: one of them is in every match of ctlTakenRE.
var ctlTakenWords = []string{"captured", "seized", "took", "overran", "stormed", "liberated", "won", "taken", "gained", "wrested"}

// isSpaceByte is \s of a pattern.
func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// ctlTakenRE ends the text before the object of a done taking.
var ctlTakenRE = regexp.MustCompile(`(?i)\b(?:captured|seized|took|retook|recaptured|overran|stormed|liberated|won\s+back|(?:took|taken|seized|gained|wrested|regained)\s+(?:full\s+|total\s+)?control\s+(?:of|over))\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}?$`)

var (
	// ctlOfSideRE, ctlInPlaceRE: "stronghold of [the] <side> [militants] in <place>"
	ctlOfSideRE  = regexp.MustCompile(`^\s+of\s+(?:the\s+)?$`)
	ctlInPlaceRE = regexp.MustCompile(`^(?:\s+(?:militants|fighters|jihadists|rebels|forces|group))?\s+in\s+`)
	// ctlFormerRE ends a text with a word that puts a hold in the past.
	ctlFormerRE = regexp.MustCompile(`(?i)\b(?:former|once|onetime|one-time|erstwhile|ex-|previous|old)\s+(?:[\p{L}'’-]+\s+)?$`)
	// ctlBeforeOwnerRE: what stands between a place and the side whose
	// bastion it is: "Raqqa, Islamic State's", "Raqqa, the".
	ctlBeforeOwnerRE = regexp.MustCompile(`^\s*,?\s*(?:the\s+)?$`)
)

// ctlPlaceRightBefore is a place right before the side at at: "In Raqqa
// Islamic State's power base".
func ctlPlaceRightBefore(c *sentCtx, at int) (ctlPlace, bool) {
	for k := len(c.spans) - 1; k >= 0; k-- {
		sp := c.spans[k]
		if sp.Entry.Kind != names.Place || sp.End > at {
			continue
		}
		if sp.Entry.Canonical == countryPlace || !ctlBeforeOwnerRE.MatchString(c.text[sp.End:at]) {
			return ctlPlace{}, false
		}
		return ctlPlace{sp.Entry.Canonical, sp.Start, sp.End}, true
	}
	return ctlPlace{}, false
}

// ctlDate is a claim's date (ctxDate has the rule), but a state that
// lasts "since 2016" up to the report ("the first time rebels have held
// Aleppo since 2016", "has been under government control since 2017") is
// the report's; only "had been ... since 2017" is over.
func ctlDate(a *corpus.Article, c *sentCtx) string {
	if c.since && !strings.Contains(c.lower, "had ") {
		return c.date
	}
	return ctxDate(a, c)
}

// ctlExceptWords, ctlBastionWords: one of them is in the lower-cased
// text of every match of ctlExceptRE, ctlBastionRE.
var (
	ctlExceptWords  = []string{"except", "barring", "apart", "excluding", "save"}
	ctlBastionWords = []string{"stronghold", "bastion", "enclave", "power", "heartland"}
	ctlExceptLits   = makeLitSet(ctlExceptWords)
	ctlBastionLits  = makeLitSet(ctlBastionWords)
)

// ctlFind runs a (?i) pattern over the sentence, unless a plain sentence
// lacks every word one of its matches holds.
func ctlFind(c *sentCtx, re *regexp.Regexp, words litSet) [][]int {
	if c.plain && !words.anyIn(c.lower, &c.grams) {
		return nil
	}
	return re.FindAllStringSubmatchIndex(c.text, -1)
}

// ctlHeldMatches are the matches of ctlHeldRE, found only when the
// sentence holds "-held", "-controlled" or "-run" at a word's end.
func ctlHeldMatches(s string) [][]int {
	// every match ends at a suffix that \b closes (no ASCII letter,
	// digit or '_' after it): first is the first such suffix, last the
	// end of the last one
	first, last := -1, -1
	for _, suf := range []string{"-held", "-controlled", "-run"} {
		for from := 0; ; {
			i := strings.Index(s[from:], suf)
			if i < 0 {
				break
			}
			i += from
			from = i + len(suf)
			if from < len(s) && isWordByte(s[from]) {
				continue // "-running", "-heldout": \b fails there
			}
			if first < 0 || i < first {
				first = i
			}
			last = max(last, from)
		}
	}
	if first < 0 {
		return nil
	}
	// a match is a word, or two joined by a space or a hyphen, right
	// before its suffix; one that starts before the first suffix has its
	// joiner there or in the words just before it. So none starts before
	// the two runs of letters (bytes past ASCII count as letters) that
	// lead to the first suffix, and the pattern runs from there; none ends
	// past the last suffix, so the text ends one byte after it (what \b
	// reads there)
	k := ctlLettersBefore(s, first)
	if k > 0 && (s[k-1] == ' ' || s[k-1] == '-') {
		k = ctlLettersBefore(s, k-1)
	}
	if k > 0 && isWordByte(s[k-1]) {
		// a digit or '_' before the run: \b at k reads it, so start
		// where no word byte precedes, as the pattern alone would see it
		for k > 0 {
			if c := s[k-1]; c >= 0x80 || c == ' ' || c == '-' || isWordByte(c) {
				k--
				continue
			}
			break
		}
	}
	end := min(len(s), last+1)
	ms := ctlHeldRE.FindAllStringSubmatchIndex(s[k:end], -1)
	for _, m := range ms {
		for j := range m {
			if m[j] >= 0 {
				m[j] += k
			}
		}
	}
	return ms
}

// ctlLettersBefore is the start of the run of ASCII letters and bytes
// past ASCII that ends at i.
func ctlLettersBefore(s string, i int) int {
	for i > 0 && (s[i-1] >= 0x80 || isLetterByte(s[i-1])) {
		i--
	}
	return i
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func overlaps(used [][2]int, m []int) bool {
	for _, u := range used {
		if m[0] < u[1] && u[0] < m[1] {
			return true
		}
	}
	return false
}

// ctlSideName reads the side in "government-held", "rebel-controlled".
func ctlSideName(w string) string {
	e, ok := names.Default().Lookup(w)
	if !ok || e.Kind != names.Actor {
		// the pattern may take the word before too ("in rebel-held")
		if i := strings.LastIndexAny(w, " -"); i >= 0 {
			return ctlSideName(w[i+1:])
		}
		return ""
	}
	return e.Canonical
}

// ctlSideBefore is the side that does what an active cue says: the nearest
// armed side named before it in the sentence, or what "they" stands for.
// at is where its mention starts, -1 when it comes from another sentence.
func ctlSideBefore(c *sentCtx, cue int, lastSide string, inExcept func(int) bool) (side string, at int) {
	s := c.text
	best, bestAt, bestEnd := "", -1, -1
	first := ""
	for _, sp := range c.spans {
		if sp.Entry.Kind != names.Actor || sp.End > cue || inExcept(sp.Start) {
			continue
		}
		head, _ := before(s, sp.Start, 40)
		if endsWithWord(head, ctlSkipBeforeLast, true) && ctlSkipBefore.MatchString(head) || ctlSkipAfter.MatchString(s[sp.End:min(len(s), sp.End+30)]) ||
			ctlLongerName(s, sp) {
			continue
		}
		if first == "" {
			first = sp.Entry.Canonical
		}
		best, bestAt, bestEnd = sp.Entry.Canonical, sp.Start, sp.End
	}
	head, off := before(s, cue, 60)
	if m := ctlPronounFind(head); m != nil && off+m[0] >= bestEnd {
		m[0] += off
		if first != "" {
			return first, m[0]
		}
		if lastSide != "" {
			return lastSide, m[0]
		}
		return "", -1
	}
	if best == "" || cue-bestEnd > 160 {
		return "", -1
	}
	return best, bestAt
}

// ctlPronounFind is ctlPronounRE.FindStringIndex(head). A match is a
// pronoun of one or two words and up to three words after it, words of
// \w joined by \s, that ends the text: the pattern runs only from the
// last five such words.
func ctlPronounFind(head string) []int {
	if head == "" || !isSpaceByte(head[len(head)-1]) {
		return nil
	}
	k := lastWordsAt(head, 5, false)
	m := ctlPronounRE.FindStringIndex(head[k:])
	if m != nil {
		m[0] += k
		m[1] += k
	}
	return m
}

// ctlClauseRE starts the clause a fight's sides are named in: "activists
// reported as rebels and government forces battled for ...".
var ctlClauseRE = regexp.MustCompile(`(?i)[.;:]|\b(?:as|while|when|where|whereas|after|before|but|said|says|reported|according\s+to)\b`)

// ctlFightSides are the sides named in the clause of a fight at fightAt
// for the place after the cue at cue: its subjects ("rebels and
// pro-government forces battled for"), whom they fight ("continuing to
// battle Daesh on four fronts for", "clashed with IS over"), or both ends
// of "fighting between X and Y for". A side only named as a backer
// ("Russian-backed", "backed by Iran") is none. from is where the first
// of them starts.
func ctlFightSides(c *sentCtx, fightAt, cue int, inExcept func(int) bool) (sides []string, from int) {
	s := c.text
	win := max(0, fightAt-100)
	if ms := ctlClauseRE.FindAllStringIndex(s[win:fightAt], -1); len(ms) > 0 {
		win += ms[len(ms)-1][1] // the text after the last clause break
	}
	from = -1
	for _, sp := range c.spans {
		if sp.Entry.Kind != names.Actor || sp.Start < win || sp.End > cue || inExcept(sp.Start) {
			continue
		}
		head, _ := before(s, sp.Start, 40)
		if ctlBackedByRE.MatchString(head) || ctlSkipAfter.MatchString(s[sp.End:min(len(s), sp.End+30)]) || ctlLongerName(s, sp) {
			continue
		}
		if !slices.Contains(sides, sp.Entry.Canonical) {
			sides = append(sides, sp.Entry.Canonical)
		}
		if from < 0 {
			from = sp.Start
		}
	}
	return sides, from
}

// ctlBackedByRE ends the text before a side named only as a backer or
// leader of another: "backed by", "allied to".
var ctlBackedByRE = regexp.MustCompile(`(?i)(?:led|backed|supported|allied|linked|aligned|affiliated|dominated)\s+(?:by|to|with)\s+(?:the\s+)?$`)

// ctlNearRE ends the text before a place that only locates a passive
// cue's subject: "villages near", "positions to the east of".
var ctlNearRE = regexp.MustCompile(`\b(?:near|outside|around|close\s+to|(?:north|south|east|west)\s+of)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$`)

// ctlWhichRE starts a relative clause on the place it follows.
var ctlWhichRE = regexp.MustCompile(`^(?:\s+(?:city|town|province))?\s*,?\s+(?:which|that)\b`)

// ctlSomePartsRE: the object of a holding cue is parts of a place the
// sentence named before.
var ctlSomePartsRE = regexp.MustCompile(`(?i)^\s+(?:onto\s+|on\s+to\s+)?(?:some|several|a\s+few|parts|part|pockets|a\s+pocket|a\s+handful|a\s+couple|\d+|two|three|four|five|six)\s+(?:of\s+)?(?:the\s+)?(?:its\s+|the\s+city's\s+|the\s+city’s\s+)?(?:districts|neighbou?rhoods|areas|quarters|parts|pockets|suburbs)\b`)

// ctlSidesAfter are the sides named after a "divided between" cue other
// than first: "between government and rebel forces".
func ctlSidesAfter(c *sentCtx, to int, first string) []string {
	var out []string
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Actor && sp.Start >= to && sp.Start-to <= 60 && sp.Entry.Canonical != first && !slices.Contains(out, sp.Entry.Canonical) {
			out = append(out, sp.Entry.Canonical)
		}
	}
	return out
}

// ctlLongerNameRE follows a side's name that is only the start of a
// longer one: "Army of Conquest", "Army of Islam".
var ctlLongerNameRE = regexp.MustCompile(`^\s+of\s+(?:the\s+)?\p{Lu}`)

// ctlLongerName reports a capitalised side's name that goes on as a
// longer name; "the regime of President Assad" is the regime.
func ctlLongerName(s string, sp names.Span) bool {
	return s[sp.Start] >= 'A' && s[sp.Start] <= 'Z' && ctlLongerNameRE.MatchString(s[sp.End:min(len(s), sp.End+30)])
}

// ctlSideAfter is the side named inside or just after a passive cue.
func ctlSideAfter(c *sentCtx, from, to int) (string, int) {
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Actor && sp.Start >= from && sp.Start-to <= 40 {
			if ctlLongerName(c.text, sp) {
				return "", -1 // "the Army of Conquest" is not the army
			}
			return sp.Entry.Canonical, sp.Start
		}
	}
	return "", -1
}

type ctlPlace struct {
	name       string
	Start, End int
}

// ctlGapWords may stand between a place and a passive cue about it: "Homs,
// which is now largely under", "Aleppo and its eastern districts fell
// to". A word outside them is a clause of its own, whose subject the place
// may be but whose claim the cue is not.
var ctlGapWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`which that who is are was were has have had been being now still largely mostly partly partially
		entirely almost nearly fully completely firmly effectively remains remained remain long already the a an city town village
		province region area areas parts part of most much all in its their and or also city's city’s district districts
		neighbourhood neighbourhoods neighborhood neighborhoods countryside suburbs outskirts capital provincial
		north south east west northern southern eastern western central northeast northwest southeast southwest northeastern
		northwestern southeastern southwestern rural old besieged strategic key main itself today currently since
		s whole entire inhabited populated by appears appeared seems seemed to be from where jihadists militants fighters
		troops forces group extremists they it`) {
		m[w] = true
	}
	return m
}()

// ctlPassiveGap reports that the text of c from a place's end to a
// passive cue holds only ctlGapWords, once appositives (", Syria's second
// city,"), brackets and the names of other places are left out.
func ctlPassiveGap(c *sentCtx, at, from, to int) bool {
	if strings.HasSuffix(c.lower[:at], "control of ") {
		return true // "Control of Aleppo, once Syria's economic powerhouse, has been divided"
	}
	gap := c.text[from:to]
	for {
		i := strings.IndexByte(gap, '(')
		j := strings.IndexByte(gap, ')')
		if i < 0 || j < i {
			break
		}
		gap = gap[:i] + " " + gap[j+1:]
	}
	// an appositive between commas
	parts := strings.Split(gap, ",")
	if len(parts) >= 3 {
		gap = parts[0] + " " + strings.Join(parts[len(parts)-1:], " ")
	}
	for _, sp := range c.spans {
		if sp.Start >= from && sp.End <= to && (sp.Entry.Kind == names.Place || sp.Entry.Kind == names.Actor) {
			gap = strings.Replace(gap, c.text[sp.Start:sp.End], " ", 1)
		}
	}
	for _, w := range strings.FieldsFunc(gap, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			continue // a name the table lacks: "Tokhar and Hoshariyeh, which are"
		}
		if w = strings.ToLower(w); !ctlGapWords[w] && !strings.HasSuffix(w, "ly") {
			return false
		}
	}
	return true
}

// ctlOwnerAfter reports a name written as an owner: "Syria's", "Syrias"
// (copy that lost its apostrophes).
func ctlOwnerAfter(s string, sp names.Span) bool {
	rest := s[sp.End:]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "s ") ||
		strings.HasSuffix(s[sp.Start:sp.End], "s") && !strings.HasSuffix(sp.Entry.Canonical, "s")
}

// ctlPlaces are the places a cue is about: after an active cue the first
// place named (and the places listed with it), before a passive one the
// nearest place named; "the city" is the last city the article named.
func ctlPlaces(ctxs []sentCtx, i, from, to int, passive bool) []ctlPlace {
	c := &ctxs[i]
	s := c.text
	if passive {
		// the nearest place before; the country counts only as a place's
		// setting ("Homs in central Syria, which is under ..."), so
		// "swathes of Syria lost to rebels" names no place
		for k := len(c.spans) - 1; k >= 0; k-- {
			sp := c.spans[k]
			if sp.Entry.Kind != names.Place || sp.End > from {
				continue
			}
			if from-sp.End > 150 {
				break
			}
			if !ctlPassiveGap(c, sp.Start, sp.End, from) {
				return nil // "its ally Russia conducted raids on areas under rebel control"
			}
			if ctlBorderedRE.MatchString(c.lower[max(0, sp.Start-20):sp.Start]) {
				// "the town of Milis, which borders Turkey and is controlled
				// by a rebel alliance": the place bordered is no subject
				return nil
			}
			if ctlNearRE.MatchString(c.lower[max(0, sp.Start-30):sp.Start]) && !ctlWhichRE.MatchString(c.lower[sp.End:from]) {
				// "hamlets near Palmyra have fallen to IS": not Palmyra;
				// "a village near Manbij, which is under YPG control" is
				return nil
			}
			if sp.Entry.Canonical == countryPlace {
				if head, _ := before(s, sp.Start, 30); ctlSettingRE.MatchString(head) || ctlOwnerAfter(s, sp) {
					continue // "Homs in central Syria", "Syria's economic powerhouse"
				}
				break
			}
			if p, ok := ctlWholePlace(c, ctlPlace{sp.Entry.Canonical, sp.Start, sp.End}); ok {
				return []ctlPlace{p}
			}
			continue // "Douma, a suburb of Damascus, is held by": Douma, if anything
		}
		// a passive cue's place is its clause's subject, never a place
		// named after it ("brought under government control ... like the
		// dictatorships in Russia"), but for a list of what it holds
		// ("swathes of Syria fell to rebel control, including Aleppo")
		if !ctlIncludingRE.MatchString(s[to:min(len(s), to+40)]) {
			return nil
		}
	}
	if m := ctlTheCityRE.FindStringSubmatchIndex(s[to:]); m != nil && !strings.HasSuffix(s[to:to+m[1]], "of") {
		city := lastCity(ctxs, i, from)
		if city == "" {
			return nil
		}
		if m[2] >= 0 {
			city = names.Default().Canonical(city + " airport")
		}
		return []ctlPlace{{city, to + m[0], to + m[1]}}
	}
	var out []ctlPlace
	prevEnd := -1
	for _, sp := range c.spans {
		if sp.Entry.Kind != names.Place || sp.Start < to {
			continue
		}
		if prevEnd < 0 {
			if sp.Start-to > 100 || ctlBreakRE.MatchString(s[to:sp.Start]) {
				break
			}
		} else if !ctlListRE.MatchString(s[prevEnd:sp.Start]) {
			break
		}
		if sp.Entry.Canonical == countryPlace {
			continue // "lost control of Syria's second city Aleppo"
		}
		p, ok := ctlWholePlace(c, ctlPlace{sp.Entry.Canonical, sp.Start, sp.End})
		if !ok && prevEnd < 0 {
			break // "rebels control a district of Aleppo": not Aleppo
		}
		if ok {
			out = append(out, p)
		}
		prevEnd = sp.End
	}
	return out
}

// ctlPlaceRightAfter is a place that follows "-held" or "bastion" closely:
// "-held city of Hama", "-held areas of Aleppo", "-held Idlib".
var ctlNounsOfRE = regexp.MustCompile(`^\s+(?:` + ctlDirection + `\s+)?(?:(?:city|town|village|district|districts|province|region|area|areas|parts|part|enclave|pocket|territory|territories|neighbou?rhoods?|quarter|countryside|suburbs?|outskirts)\s+)?(?:of\s+)?(?:the\s+)?(?:` + ctlDirection + `\s+)?(?:(?:city|town|village|province|region)\s+of\s+)?(?:the\s+)?$`)

// ctlDirection is a part of a place named by its direction: "eastern
// Aleppo", "west Aleppo", "the northern city of Aleppo".
const ctlDirection = `(?:(?:north|south)-?(?:east|west)(?:ern)?|northern|southern|eastern|western|north|south|east|west|central|rural|old|outer|inner|besieged|neighbou?ring)`

func ctlPlaceRightAfter(c *sentCtx, at int) (ctlPlace, bool) {
	for _, sp := range c.spans {
		if sp.Entry.Kind != names.Place || sp.Start < at {
			continue
		}
		if sp.Entry.Canonical == countryPlace || !ctlNounsOfRE.MatchString(c.text[at:sp.Start]) {
			return ctlPlace{}, false
		}
		return ctlWholePlace(c, ctlPlace{sp.Entry.Canonical, sp.Start, sp.End})
	}
	return ctlPlace{}, false
}

// lastCity is the last place other than the country named before pos in
// this sentence or the three before it.
func lastCity(ctxs []sentCtx, i, pos int) string {
	for j := i; j >= 0 && j >= i-3; j-- {
		for k := len(ctxs[j].spans) - 1; k >= 0; k-- {
			sp := ctxs[j].spans[k]
			if j == i && sp.End > pos {
				continue
			}
			if sp.Entry.Kind == names.Place && sp.Entry.Canonical != countryPlace && !ctlLocalPart(sp.Entry) {
				return sp.Entry.Canonical
			}
		}
	}
	return ""
}

// ctlSource is the source of a claim at [start, end) of sentence i: the
// sentence's source, but for a claim inside the words that name it ("An
// AFP reporter in rebel-held Idlib said ..."): that is the
// writer's, not the source's.
func ctlSource(ctxs []sentCtx, i, start, end int) string {
	src := sourceOf(ctxs, i)
	if c := &ctxs[i]; src != "" && c.srcCue >= 0 && c.srcAt < c.srcCue && start >= c.srcAt && end <= c.srcCue {
		return ""
	}
	return src
}
