package facts

import (
	"regexp"
	"strings"

	"github.com/newsroom/newsbot/corpus/names"
)

// Beyond the war's own sides, a newsroom's archive says who holds a place
// through occupation and deployment, often with a country as the side:
//
//   - "Turkey, which occupies northern Cyprus": a country or a side
//     before "occupies" holds the place after it;
//   - "the Israeli occupation of the West Bank": the country of the
//     adjective holds it, unless the occupation is over ("since the end
//     of the Soviet occupation of Afghanistan");
//   - "Basra, where British forces are stationed", "US troops based in
//     Falluja": the forces named hold the place (status held); a country
//     they are based in is not held ("US troops based in Germany"), and
//     troops "deployed in Iraq" are sent there, not holding it.
//
// A part named by its direction stays a part: "occupies northern Cyprus"
// is a claim about northern Cyprus, never Cyprus; "occupies Cyprus's
// north" names no place the table knows, so it is no claim.

var (
	// occVerbRE: "occupies", "has occupied", "which occupies".
	occVerbRE = regexp.MustCompile(`\b(occupies|occupy|occupying|occupied)\s+`)
	// occSubjGapRE: what stands between the side and "occupies".
	occSubjGapRE = regexp.MustCompile(`^\s*,?\s*(?:which|that|who)?\s*(?:still\s+|now\s+|has\s+|have\s+|had\s+|long\s+|effectively\s+)*$`)
	// occObjGapRE: what stands between "occupies" and the place.
	occObjGapRE = regexp.MustCompile(`^(?:(?:the\s+)?(?:` + ctlDirection + `|much\s+of|part\s+of|parts\s+of|most\s+of|all\s+of)\s+)*(?:the\s+)?$`)
	// occNounRE: "the Israeli occupation of".
	occNounRE = regexp.MustCompile(`\b(\p{Lu}[\p{L}-]+)\s+occupation\s+of\s+`)
	// occOverRE ends the text before an occupation that is over.
	occOverRE = regexp.MustCompile(`(?i)\b(?:end|ended|ending|ends|after|during|former|until|before|following)\s+(?:of\s+)?(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$`)
	// occStationedRE: "where British forces are stationed", "US troops
	// based in".
	occWhereRE     = regexp.MustCompile(`^\s*,?\s*where\s+(?:the\s+)?(` + occForces + `)\s+(?:are|were|is|remain|have\s+been|has\s+been)\s+(?:still\s+|now\s+)?(?:stationed|based|garrisoned)\b`)
	occStationedRE = regexp.MustCompile(`(?:^|[^\p{L}])(` + occForces + `)\s+(?:(?:are|were|is|remain|still|now|currently)\s+)*(?:stationed|based|garrisoned)\s+in\s+(?:the\s+)?(?:` + ctlDirection + `\s+)?$`)
	occSettingRE   = regexp.MustCompile(`^\s*,?\s*in\s+(?:the\s+)?(?:` + ctlDirection + `\s+)?$`)
	occNeg         = regexp.MustCompile(`(?i)\b(?:not|never|no\s+longer|withdr[ae]w\w*|pull(?:ed)?\s+out)\b`)
)

// occForces is a force named by its country: "British forces", "US troops".
const occForces = `(?:\p{Lu}[\p{L}.-]*\s+){1,2}(?:forces|troops|soldiers|peacekeepers|marines|army)`

// occDemonyms turn the adjective of an occupation into its country.
var occDemonyms = map[string]string{
	"israeli": "Israel", "turkish": "Turkey", "syrian": "Syria", "russian": "Russia", "soviet": "Soviet Union",
	"american": "United States", "us": "United States", "u.s.": "United States", "british": "Britain", "iraqi": "Iraq",
	"iranian": "Iran", "moroccan": "Morocco", "indonesian": "Indonesia", "chinese": "China", "japanese": "Japan",
	"german": "Germany", "nazi": "Germany", "french": "France", "ethiopian": "Ethiopia", "eritrean": "Eritrea",
	"indian": "India", "pakistani": "Pakistan", "serbian": "Serbia", "armenian": "Armenia", "vietnamese": "Vietnam",
	"ugandan": "Uganda", "rwandan": "Rwanda", "libyan": "Libya", "egyptian": "Egypt", "jordanian": "Jordan",
}

var (
	occLits     = makeLitSet([]string{"occup", "stationed", "based in", "garrisoned"})
	occStayLits = makeLitSet([]string{"stationed", "based in", "garrisoned"})
)

// occClaims adds the occupation and deployment claims of a sentence.
func occClaims(c *sentCtx, add func(place, side, status string, start, end int)) {
	if !occLits.anyIn(c.lower, &c.grams) {
		return
	}
	s := c.text
	occ := strings.Contains(c.lower, "occup")
	// "Turkey, which occupies northern Cyprus"
	for _, m := range occFind(occ, occVerbRE, c.lower) {
		if occNeg.MatchString(s[max(0, m[0]-30):m[0]]) {
			continue
		}
		side, at := "", -1
		for _, sp := range c.spans {
			if sp.End <= m[0] && (sp.Entry.Kind == names.Actor || sp.Entry.Kind == names.Place) && occSubjGapRE.MatchString(s[sp.End:m[0]]) {
				side, at = sp.Entry.Canonical, sp.Start
			}
		}
		if side == "" {
			continue
		}
		status := Controls
		if c.lower[m[2]:m[3]] == "occupied" && !strings.Contains(c.lower[max(0, m[0]-20):m[0]], "ha") {
			status = Seized // "occupied the island in 1974"; "has occupied" still holds it
		}
		if p, ok := occPlaceAfter(c, m[1]); ok && p.name != side {
			add(p.name, side, status, at, p.End)
		}
	}
	// "the Israeli occupation of the West Bank"
	for _, m := range occFind(occ, occNounRE, s) {
		country, ok := occDemonyms[strings.ToLower(s[m[2]:m[3]])]
		if !ok || occOverRE.MatchString(s[:m[0]]) {
			continue
		}
		if p, ok := occPlaceAfter(c, m[1]); ok && p.name != country {
			add(p.name, country, Controls, m[2], p.End)
		}
	}
	// "Basra, where British forces are stationed"; "US troops based in Falluja"
	if !occStayLits.anyIn(c.lower, &c.grams) {
		return
	}
	var prev *names.Span
	for k := range c.spans {
		sp := c.spans[k]
		if sp.Entry.Kind != names.Place {
			continue
		}
		if m := occWhereRE.FindStringSubmatchIndex(s[sp.End:]); m != nil {
			// "Basra in southern Iraq, where": the country is Basra's setting
			p := sp
			if prev != nil && occSettingRE.MatchString(s[prev.End:sp.Start]) {
				p = *prev
			}
			if !names.Default().IsCountry(p.Entry.Canonical) {
				add(p.Entry.Canonical, occSide(c, sp.End+m[2], sp.End+m[3]), Held, p.Start, sp.End+m[1])
			}
			prev = &c.spans[k]
			continue
		}
		prev = &c.spans[k]
		head, off := before(s, sp.Start, 80)
		if m := occStationedRE.FindStringSubmatchIndex(head); m != nil && !occNeg.MatchString(head[m[2]:]) && !names.Default().IsCountry(sp.Entry.Canonical) {
			add(sp.Entry.Canonical, occSide(c, off+m[2], off+m[3]), Held, off+m[2], sp.End)
		}
	}
}

// occFind runs re over s when ok: the sentence holds a word every match
// of re holds.
func occFind(ok bool, re *regexp.Regexp, s string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// occSide is the side a force is known by ("US troops" is US forces), or
// the force as written.
func occSide(c *sentCtx, from, to int) string {
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Actor && sp.Start >= from && sp.End <= to {
			return sp.Entry.Canonical
		}
	}
	return strings.Join(strings.Fields(c.text[from:to]), " ")
}

// occPlaceAfter is the place named right after at, with the direction
// that makes it a part ("northern Cyprus"); a place whose part is named
// after it ("Cyprus's north") is none.
func occPlaceAfter(c *sentCtx, at int) (ctlPlace, bool) {
	for _, sp := range c.spans {
		if sp.Start < at || sp.Entry.Kind != names.Place {
			continue
		}
		gap := c.text[at:sp.Start]
		if w := c.text[sp.Start:sp.End]; !occObjGapRE.MatchString(gap) || ctlOwnerAfter(c.text, sp) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			return ctlPlace{}, false
		}
		name := sp.Entry.Canonical
		if m := occPartDirRE.FindStringSubmatch(gap); m != nil && !strings.HasPrefix(strings.ToLower(name), strings.ToLower(m[1])) {
			name = strings.ToLower(m[1]) + " " + name
		}
		return ctlPlace{name, sp.Start, sp.End}, true
	}
	return ctlPlace{}, false
}

// occPartDirRE ends the text before a place with the compass direction
// of the part meant: "northern ", "the south-east of ".
var occPartDirRE = regexp.MustCompile(`(?i)\b((?:north|south)-?(?:east|west)(?:ern)?|northern|southern|eastern|western|north|south|east|west|central)\s+(?:(?:part|parts)\s+of\s+)?(?:the\s+)?$`)

// "an offensive to capture Raqqa from IS", "a push to capture from Daesh
// the Manbij pocket": a place aimed at from a side is that side's now.
var (
	captureFromRE   = regexp.MustCompile(`\b(?:capture|seize|take|retake|recapture|wrest|liberate|free) +`)
	captureFromLits = makeLitSet([]string{"from"})
	// captureVerbLits: every match of captureFromRE holds one of them
	captureVerbLits = makeLitSet([]string{"capture ", "seize ", "take ", "retake ", "recapture ", "wrest ", "liberate ", "free "})
	// captureFromGapRE: what may stand between the verb and the place or
	// the side: "control of", "a vital strip of the area known as", "a
	// large stretch of land called".
	captureFromGapRE = regexp.MustCompile(`^(?:(?:control\s+of|the|a|an|crucial|key|strategic|vital|large|wide|vast|big|swathe|swathes|strip|stretch|belt|chunk|tract|part|parts|much|most|of|region|area|land|territory|known|as|called|named|town|city|village|province|pocket|` + ctlDirection + `)\s+)*$`)
)

func captureFromClaims(c *sentCtx, add func(place, side, status string, start, end int)) {
	if !captureFromLits.anyIn(c.lower, &c.grams) || !captureVerbLits.anyIn(c.lower, &c.grams) {
		return
	}
	s, lower := c.text, c.lower
	for _, m := range captureFromRE.FindAllStringIndex(lower, -1) {
		head, _ := before(s, m[0], 80)
		if !(endsWithWord(head, ctlAimLast, true) && ctlAimRE.MatchString(head)) {
			continue // done: the taking cues read it
		}
		var place, side *names.Span
		from := m[1] // where the next piece must follow on
		for k := range c.spans {
			sp := &c.spans[k]
			if sp.Start < from || sp.Start-from > 80 {
				continue
			}
			gap := strings.TrimLeft(lower[from:sp.Start], " ")
			switch {
			case place == nil && sp.Entry.Kind == names.Place && captureFromGapRE.MatchString(gap):
				place, from = sp, sp.End // "capture Raqqa ..." or "... from Daesh the Manbij pocket"
			case side == nil && sp.Entry.Kind == names.Actor && captureFromSideRE.MatchString(gap):
				side, from = sp, sp.End // "... from IS"
			}
			if place != nil && side != nil {
				break
			}
		}
		if place == nil || side == nil || names.Default().IsCountry(place.Entry.Canonical) {
			// "to liberate Iraq from ISIS" says little of who holds what
			continue
		}
		add(place.Entry.Canonical, side.Entry.Canonical, Controls, m[0], max(place.End, side.End))
	}
}

// captureFromSideRE: the text before the side a place is taken from.
var captureFromSideRE = regexp.MustCompile(`^(?:[\p{L}'’-]+\s+){0,2}?from\s+(?:the\s+)?$`)
