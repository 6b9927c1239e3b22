package facts

import (
	"regexp"
	"strings"

	"github.com/newsroom/newsbot/corpus/names"
)

// A toll's place is the one its own clause gives the figure. Three kinds
// of place near a figure are not its place:
//
//   - one item of a list of places the figure covers as a whole ("the
//     worst-hit areas are Chile, Peru and Bolivia, with at least 800
//     dead"): the figure has no single place, only the list's region when
//     the sentence names one ("in South America");
//   - the place of a part when the figure is the total ("Peru had 500 of
//     the 800 deaths"; "90 people were held worldwide, 30 of them in
//     Spain"): the place goes with the figure its clause gives it;
//   - a place in another clause, with a verb of its own ("a campaign in
//     Wales after the bombs which killed six"; "the ferry, which was bound
//     for Crete"; "a meeting in Oslo" the sentence before "The attack
//     killed four").

// tollClauseRE finds a clause break between a place and a figure: a
// relative pronoun, a semicolon, a dash, or a subordinating conjunction
// with a verb of its own ("after six men were convicted"; "before dawn"
// is no clause). A relative pronoun right after an event ("air strikes
// which killed seven") carries on that event's clause: see tollEventRelRE.
var tollClauseRE = regexp.MustCompile(`(?i)\b(?:which|who|whom|whose|where)\b|;|\s[-–—]\s|\b(?:after|before|when|whenever|while|because|although|though|until|unless|whereas|since)\s+(?:[\p{L}'’-]+\s+){0,4}?(?:was|were|is|are|had|has|have|did|does|do|will|would|could|can|\p{L}+ed)\b`)

// tollClauseCue reports a word or mark (in lower-cased text) that every
// clause break of tollClauseRE but a relative pronoun holds.
func tollClauseCue(l string) bool {
	if strings.ContainsAny(l, ";–—") || strings.Contains(l, " - ") {
		return true
	}
	for _, w := range [...]string{"after", "before", "when", "while", "because", "though", "until", "unless", "since"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// tollEventRelRE is an event and the relative pronoun after it whose
// clause holds the figure: "suffered air strikes which killed seven".
// A short phrase of time may stand between them: "under bombardment since
// mid-February which has killed 132".
var tollEventRelRE = regexp.MustCompile(`(?i)\b(?:strikes?|air\s?strikes?|raids?|attacks?|bomb\w*|bombard\w*|shelling|explosions?|blasts?|massacres?|ambush\w*|assaults?|fighting|clashes|battles?)(?:\s+(?:since|on|in|at|near|last|this|over)\s+[\p{L}\d-]+(?:\s+[\p{L}\d-]+)?)?\s*,?\s*(?:in\s+which|which|that)\s`)

// tollPlaceRelRE is the text between a place and a figure in the
// relative clause right after it: "X, which killed", "X in which".
var tollPlaceRelRE = regexp.MustCompile(`(?i)^\s*(?:province|city|town|village|district)?\s*,?\s*(?:in\s+which|which|that)\s+(?:(?:has|have|had)\s+)?(?:killed|left|claimed|wounded|injured)?\s*$|^\s*(?:province|city|town|village|district)?\s*,?\s*in\s+which\s+$`)

// tollInEventAt reports that place sp of c is named in the phrase of an
// event right before it: "a chemical attack in the town of X in Y".
func tollInEventAt(c *sentCtx, sp names.Span) bool {
	head, off := before(c.lower, sp.Start, 80)
	for _, e := range tollEventRE.FindAllStringIndex(head, -1) {
		if gap := c.lower[off+e[1] : sp.Start]; tollEventPPRE.MatchString(gap) {
			return true
		}
	}
	return false
}

// tollEventPPRE is the text between an event and a place in its phrase.
var tollEventPPRE = regexp.MustCompile(`^\s+(?:in|on|at|near)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,4}?(?:(?:in|of)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}?)?$`)

// tollHasSinceRE is "since" as an adverb, no clause of its own.
var tollHasSinceRE = regexp.MustCompile(`(?i)\b(has|have|had)\s+since\b`)

// tollWarAsideRE is a relative clause on how a war began or how long it
// has lasted, after which the sentence's own verb goes on: "The war in
// Syria which began in 2011 has killed 280,000 and displaced millions"
// gives Syria both tolls.
var tollWarAsideRE = regexp.MustCompile(`(?i)\b(?:which|that)\s+(?:has\s+|have\s+|had\s+)?(?:began|begun|started|erupted|flared|broke\s+out|lasted|raged|grew)\s+(?:[\p{L}\d'’-]+\s+){0,20}?(?:has|have|had)\s+(?:since\s+|now\s+|so\s+far\s+|also\s+)?(?:killed|left|claimed|caused\s+the\s+deaths?\s+of|displaced|wounded|injured)\s`)

// tollTimePrepRE ends the text before an event that only dates what
// the place's clause tells: "a campaign in Ireland after the bombs which
// killed six" is not Ireland's toll.
var tollTimePrepRE = regexp.MustCompile(`(?i)\b(?:after|before|since|following|until|ahead\s+of)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\p{L}'’-]+\s+){0,2}$`)

// tollAntecedentRE starts the text after a place that a relative clause
// holding the figure hangs on: "In Chile, where 300 people died".
// An appositive may come between: "Ghouta, a suburb of the capital, where",
// "on Aleppo's western edges where".
var tollAntecedentRE = regexp.MustCompile(`(?i)^(?:(?:\s+[\p{L}'’-]+){0,3}?\s*[,"”’)]?\s*in\s+which|(?:'s|’s|s)?,?(?:\s+[\p{L}'’-]+){0,6}?\s*[,"”’)]?\s*where)\b`)

// tollFrameRE is the text before a place that opens a sentence and
// frames all of it ("In the province of Loja, ..."); a comma follows the
// place.
var tollFrameRE = regexp.MustCompile(`^(?:In|At|Across|Throughout|Inside|Near)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:(?:city|town|village|province|district|region|state|county|area|port|capital)\s+of\s+)?$`)

// tollFramed reports that place span sp opens the sentence s as its frame.
func tollFramed(s string, sp names.Span) bool {
	return tollFrameRE.MatchString(s[:sp.Start]) && strings.HasPrefix(strings.TrimLeft(s[sp.End:], " "), ",")
}

// tollAsideRE starts a non-restrictive relative clause after a figure:
// "eight others died on the ferry, which was bound for Crete".
var tollAsideRE = regexp.MustCompile(`,\s*(?:which|who|whose)\b`)

// tollWorldRE says a figure counts the whole world: no place is its own.
var tollWorldRE = regexp.MustCompile(`(?i)^[^,;.]{0,40}?\b(?:worldwide|world-wide|globally|around\s+the\s+(?:world|globe)|across\s+the\s+(?:world|globe))\b`)

// tollPartOfRE ends the text before the total a part is given of: "with
// 500 of the 800 deaths".
var tollPartOfRE = regexp.MustCompile(`(?i)\d\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+|an\s+estimated\s+)?$`)

// tollListSepRE is the text between two places of one list.
var tollListSepRE = regexp.MustCompile(`^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)(?:the\s+)?$`)

// tollOriginRE ends the text before a place people come from or were
// going to: "three people from Fife died", "the plane, which crashed as it
// left for Florida" do not say where they died.
var tollOriginRE = regexp.MustCompile(`(?i)\b(?:from|bound\s+for|left\s+for|leaving\s+for|heading\s+for|headed\s+for|en\s+route\s+to|on\s+its\s+way\s+to)\s+(?:the\s+)?$`)

// tollOrigin reports that place sp of s is where people come from or were
// going to (a displaced figure's "from" is where they fled: its place).
func tollOrigin(s string, sp names.Span, cd tollCand) bool {
	w := s[max(0, sp.Start-20):sp.Start]
	return cd.category != Displaced && (strings.Contains(w, "rom") || strings.Contains(w, "or") || strings.Contains(w, " to ")) && tollOriginRE.MatchString(w)
}

// tollClosedAsideRE is a relative clause closed by a comma: in "the
// bombing in Madrid, which was claimed by a cell, killed 191" and
// "died in Angola's war, which ended in 2002, and thousands are missing"
// the figure is in the clause of the place.
// So is an aside between dashes: "in Idlib the regime - along with
// Russian forces - bombed the province, killing 20".
// And so is a subordinate clause the comma closes: "Syria has been at war
// since protests were crushed in 2011, and the conflict has left 500,000
// dead".
var tollClosedAsideRE = regexp.MustCompile(`,\s*(?:which|who)\b[^,;()–—]*,|\s[-–—]\s[^-–—;]{1,80}\s[-–—]\s|\b(?:since|after|when|while|because|although|though)\s[^,;()–—]{1,80},`)

// tollOwnPeopleRE starts the text after a figure that counts a place's
// own people: "the tsunami which killed more than 30,000 of its people"
// points back to the place before.
var tollOwnPeopleRE = regexp.MustCompile(`^\s+of\s+its\s+(?:own\s+)?(?:people|citizens|nationals|population|residents|inhabitants)\b`)

// tollRegions are places a list of countries may be said to lie in.
var tollRegions = map[string]bool{
	"Asia": true, "South Asia": true, "Southeast Asia": true, "South-East Asia": true, "Central Asia": true, "East Asia": true,
	"Europe": true, "Africa": true, "West Africa": true, "East Africa": true, "North Africa": true, "Middle East": true,
	"Latin America": true, "South America": true, "Central America": true, "North America": true, "Caribbean": true,
	"Balkans": true, "Scandinavia": true, "Indian Ocean": true, "Pacific": true, "Gulf": true,
}

// tollPlaceSpans are the places of a sentence, in order.
func tollPlaceSpans(c *sentCtx) []names.Span {
	var out []names.Span
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Place && !tollNotAPlace(c.text, sp.Start) {
			out = append(out, sp)
		}
	}
	return out
}

// tollListAt tells whether place k of ps is one item of a list of places
// ("Chile, Peru and Bolivia"; "Chile or Peru"): places joined by commas
// with "and" or "or" before the last. "Loja, Ecuador" is a place and its
// country, no list.
func tollListAt(s string, ps []names.Span, k int) bool {
	lo, hi := tollListBounds(s, ps, k)
	if tollOnePlace(ps[lo : hi+1]) {
		return false
	}
	for j := lo; j < hi; j++ {
		if sep := strings.ToLower(s[ps[j].End:ps[j+1].Start]); strings.Contains(sep, "and") || strings.Contains(sep, "or") || strings.Contains(sep, "well") {
			return true
		}
	}
	return false
}

// tollOnePlace reports a list of one place's parts: "in Aleppo city and
// Aleppo countryside" (Aleppo, Aleppo province).
func tollOnePlace(ps []names.Span) bool {
	first := func(sp names.Span) string { return strings.Fields(sp.Entry.Canonical + " ")[0] }
	for _, sp := range ps[1:] {
		if first(sp) != first(ps[0]) {
			return false
		}
	}
	return true
}

// tollListBounds are the first and last places of the list place k of ps
// is in.
func tollListBounds(s string, ps []names.Span, k int) (int, int) {
	lo, hi := k, k
	for lo > 0 && ps[lo-1].End <= ps[lo].Start && tollListSepRE.MatchString(s[ps[lo-1].End:ps[lo].Start]) {
		lo--
	}
	for hi+1 < len(ps) && ps[hi].End <= ps[hi+1].Start && tollListSepRE.MatchString(s[ps[hi].End:ps[hi+1].Start]) {
		hi++
	}
	return lo, hi
}

// tollListInRE is the text between a list of places and the place they
// lie in: "Kafr Nabl and Saraqeb in rural Idlib".
var tollListInRE = regexp.MustCompile(`^\s+in\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:(?:province|region|state|county|countryside)\s+of\s+)?$`)

// tollListPlace is what a figure over a list of places is placed in: the
// region the sentence names, or nothing.
func tollListPlace(s string, ps []names.Span, k int) string {
	if _, hi := tollListBounds(s, ps, k); hi+1 < len(ps) && ps[hi].End <= ps[hi+1].Start && tollListInRE.MatchString(s[ps[hi].End:ps[hi+1].Start]) {
		return ps[hi+1].Entry.Canonical
	}
	// "across Asia", "in the Middle East": a region the figure is in
	for _, sp := range ps {
		if tollRegions[sp.Entry.Canonical] && tollRegionInRE.MatchString(s[max(0, sp.Start-12):sp.Start]) {
			return sp.Entry.Canonical
		}
	}
	return ""
}

// tollRegionInRE ends the text before a region something lies in.
var tollRegionInRE = regexp.MustCompile(`(?i)\b(?:in|across|throughout)\s+(?:the\s+)?$`)

// tollPlaceAt is what place k of ps gives a figure: its own name, or the
// list's region when it is one item of a list.
func tollPlaceAt(s string, ps []names.Span, k int) string {
	if tollListAt(s, ps, k) {
		return tollListPlace(s, ps, k)
	}
	if lo, hi := tollListBounds(s, ps, k); hi > lo {
		// one place's parts: the name that covers them all
		best := ps[k].Entry.Canonical
		for _, sp := range ps[lo : hi+1] {
			if len(sp.Entry.Canonical) > len(best) {
				best = sp.Entry.Canonical
			}
		}
		return best
	}
	return ps[k].Entry.Canonical
}

// tollForeign is tollForeignRE.FindStringSubmatch(rest), run on rest up
// to its first ',', '.' or ';': no part of the pattern takes one, and its
// closing \b reads the end of the text as it reads them, so the match is
// the same; and a match holds "in" and one of tollForeignWords.
func tollForeign(rest string) []string {
	if k := strings.IndexAny(rest, ",.;"); k >= 0 {
		rest = rest[:k]
	}
	if !strings.Contains(rest, "in") || !containsAny(rest, tollForeignWords) {
		return nil
	}
	return tollForeignRE.FindStringSubmatch(rest)
}

// tollPlace is the place a sentence gives a figure: the first one named
// after it in its clause (before the next figure), or else the nearest one
// before it in its clause. others are the sentence's figures that count
// something but are no toll ("30 of them"): a place after one is its own.
func tollPlace(ctxs []sentCtx, i int, cd tollCand, next int, others []figure) string {
	c := &ctxs[i]
	s := c.text
	if m := tollForeign(s[cd.n.End:]); m != nil {
		return m[1]
	}
	if w := c.lower[cd.end:min(len(s), cd.end+60)]; (strings.Contains(w, "world") || strings.Contains(w, "glob")) && tollWorldRE.MatchString(s[cd.end:]) {
		return ""
	}
	ps := tollPlaceSpans(c)
	stop := next
	for _, o := range others {
		if o.Start >= cd.n.End && o.Start < stop {
			stop = o.Start
		}
	}
	// after the figure, in its clause
	aside := len(s)
	if strings.IndexByte(s[cd.end:], ',') >= 0 {
		if m := tollAsideRE.FindStringIndex(s[cd.end:]); m != nil {
			aside = cd.end + m[0]
		}
	}
	for k, sp := range ps {
		if sp.Start >= cd.n.End && sp.Start < stop && sp.Start-cd.n.End < 150 {
			if sp.Start > aside {
				break
			}
			if tollOrigin(s, sp, cd) {
				continue // "three people from Fife died in Spain"
			}
			if tollWhileRE.MatchString(s[cd.n.End:sp.Start]) {
				// "strikes on Mesraba killed 17 while shelling on Douma
				// killed another two": the place of the clause after
				// "while" is its own figure's
				break
			}
			return tollPlaceAt(s, ps, k)
		}
	}
	if cd.inherited >= 0 {
		return ""
	}
	// a total with a part given before it ("Peru had 500 of the 800
	// deaths"): the place before is the part's
	if w, _ := before(s, cd.n.Start, 40); strings.Contains(w, "of ") && tollPartOfRE.MatchString(w) {
		return ""
	}
	// "killed nine civilians and wounded dozens of people in Ariha"
	if stop == next {
		for k, sp := range ps {
			if sp.Start >= next && sp.Start-cd.n.End < 150 && sp.Start < aside && !ctxAttributionRE.MatchString(c.lower[cd.n.End:sp.Start]) && !tollOrigin(s, sp, cd) {
				return tollPlaceAt(s, ps, k)
			}
		}
	}
	// before the figure, in its clause (or framing the sentence)
	best := -1
	for k, sp := range ps {
		if sp.End <= cd.n.Start {
			best = k
		}
	}
	if best < 0 {
		return ""
	}
	sp := ps[best]
	if tollOrigin(s, sp, cd) {
		return ""
	}
	if strings.Contains(c.lower[cd.n.End:min(len(s), cd.n.End+12)], "of its") && tollOwnPeopleRE.MatchString(s[cd.n.End:]) {
		return tollPlaceAt(s, ps, best) // "Sri Lanka ... the tsunami which killed 30,000 of its people"
	}
	between := s[sp.End:cd.n.Start]
	if (!c.plain || containsAny(c.lower[sp.End:cd.n.Start], tollCommemorationWords)) && tollCommemorationRE.MatchString(between) {
		return "" // "the UK joins a silence for the 150,000 dead": where they are mourned
	}
	// the words every pattern below needs, looked for first: most
	// sentences have none of them between the place and the figure
	lb := c.lower[sp.End:cd.n.Start]
	rel := strings.Contains(lb, "which") || strings.Contains(lb, "that") || strings.Contains(lb, "who") || strings.Contains(lb, "where")
	if !rel && !tollClauseCue(lb) {
		return tollPlaceAt(s, ps, best)
	}
	if rel {
		if m := tollAntecedentRE.FindStringIndex(between); m != nil {
			between = between[m[1]:] // "In Chile, where 300 people died"
		}
	}
	between = tollClosedAsideRE.ReplaceAllString(between, " ")
	if rel {
		between = tollWarAsideRE.ReplaceAllString(between, " ")
	}
	if strings.Contains(lb, "since") {
		between = tollHasSinceRE.ReplaceAllString(between, "$1 ") // "broke out in 2011 and has since killed"
	}
	if rel && tollPlaceRelRE.MatchString(between) && tollInEventAt(c, sp) {
		return tollPlaceAt(s, ps, best) // "the attack on the town of X, which killed 86"
	}
	// "Shelling on Quneitra since Friday has killed 40": a time after
	// "since" or "after" is a phrase, not a clause of its own
	between = tollTimePhraseRE.ReplaceAllString(between, " ")
	if !tollFramed(s, sp) && tollClauseRE.MatchString(between) {
		// "suffered air strikes which killed seven": the event's clause
		m := tollEventRelRE.FindStringIndex(between)
		if m == nil || tollClauseRE.MatchString(between[:m[0]]) || tollClauseRE.MatchString(between[m[1]:]) || tollTimePrepRE.MatchString(between[:m[0]]) {
			return ""
		}
	}
	return tollPlaceAt(s, ps, best)
}

// tollWhileRE opens a clause of its own with its subject: "while", "whereas".
var tollWhileRE = regexp.MustCompile(`(?i)\b(?:while|whilst|whereas)\b`)

// tollTimePhraseRE is "since", "after", "before" or "until" with a time:
// "since Friday", "after dawn", "until last week", "since 3 May".
var tollTimePhraseRE = regexp.MustCompile(`(?i)\b(?:since|after|before|until)\s+(?:(?:last|early|late|mid)\s+)?(?:\d{1,2}\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|dawn|morning|noon|midnight|nightfall|week|month|year|weekend|then|yesterday|(?:19|20)\d\d)\b`)

// tollEventRE finds an event a later sentence may point back to ("The
// attack killed four"): the place it happened in is named in its clause.
var tollEventRE = regexp.MustCompile(`\b(?:strikes?|air\s?strikes?|raids?|attack\w*|bomb\w*|shell\w*|explosions?|blasts?|rockets?|missiles?|massacres?|ambush\w*|assaults?|fighting|clashes|battles?|combat|fire|crash\w*|killed|killing|died|dead|dying|wounded|injured|targeted|hit)\b`)

// tollEventGapRE finds a clause break between an event and a place.
var tollEventGapRE = regexp.MustCompile(`\b(?:said|says|told|which|who|whom|where|when|while|because|although|but)\b|;`)

// tollActorPlaceRE starts the text after a place that names a side, not a
// location: "US-led strikes", "Moscow-backed forces".
var tollActorPlaceRE = regexp.MustCompile(`^-(?:led|backed|based|born|supported|allied|sponsored)\b`)

// tollEventPlace is the last place of sentence c named in the clause of
// an event ("the bombing of the port of Haifa", "strikes hit the town of
// X", "X suffered raids"), "" when none is: "a meeting in Oslo" is no
// event's place.
func tollEventPlace(c *sentCtx) string {
	if !tollHasPlace(c) {
		return ""
	}
	evs := tollEventRE.FindAllStringIndex(c.lower, -1)
	if len(evs) == 0 {
		return ""
	}
	for k := len(c.spans) - 1; k >= 0; k-- {
		sp := c.spans[k]
		if sp.Entry.Kind != names.Place || sp.Entry.Canonical == countryPlace || tollActorPlaceRE.MatchString(c.text[sp.End:]) || tollAdjectivePlace(c.text[sp.Start:sp.End]) || tollBorderRE.MatchString(c.lower[max(0, sp.Start-20):sp.Start]) {
			continue
		}
		if tollFramed(c.text, sp) {
			return sp.Entry.Canonical // "In Hama, a rocket killed three"
		}
		for _, e := range evs {
			if e[1] <= sp.Start && sp.Start-e[1] <= 150 && !tollEventGapRE.MatchString(c.lower[e[1]:sp.Start]) ||
				e[0] >= sp.End && e[0]-sp.End <= 150 && !tollEventGapRE.MatchString(c.lower[sp.End:e[0]]) {
				return sp.Entry.Canonical
			}
		}
	}
	return ""
}

// tollFallbackPlace looks back a few sentences for the place an incident
// happened in ("at least 12 people were killed in the city"). A campaign's
// or a war's toll whose sentence names no place has none: no country is
// assumed, for an archive covers the world (a tsunami's dead in Sri Lanka
// are not "killed in Syria"). The nearest sentence with a place decides:
// the place named in an event's clause, or else the last one named as a
// location, never a country or one named for something else ("ahead of
// a meeting in London", "backed by Turkey", "on the Turkish border").
func tollFallbackPlace(ctxs []sentCtx, i int, scope string) string {
	// only a sentence that points back to a place or an event named
	// before ("The raids killed ...", "in the town") takes its place
	if scope != Incident || !(ctxEventAnaphoraRE.MatchString(ctxs[i].text) || tollBackRefLRE.matchString(ctxs[i].lower, &ctxs[i].grams)) {
		return ""
	}
	last := max(0, i-3)
	for j := i - 1; j >= last; j-- {
		if p := tollEventPlace(&ctxs[j]); p != "" {
			return p
		}
		// a sentence that tells of an event elsewhere than the places it
		// names hides the event's place: look no further for one
		if tollHasPlace(&ctxs[j]) && tollEventRE.MatchString(ctxs[j].lower) {
			last = j
			break
		}
	}
	// no event's place: the last place named as a location, not as a side
	// ("backed by Turkey"), a meeting's ("talks in Geneva") or a country;
	// but a sentence that names places of its own, none of them the
	// toll's, borrows none ("... Liverpool fans for the disaster in which
	// 96 died" after "a stereotype of Liverpool")
	if tollHasPlace(&ctxs[i]) {
		return ""
	}
	for j := i - 1; j >= last; j-- {
		if p := tollLocationPlace(&ctxs[j]); p != "" {
			return p
		}
	}
	return ""
}

// tollMeetingRE ends the text before a place something other than an
// event is held in: "a meeting in London", "talks in Geneva".
var tollMeetingRE = regexp.MustCompile(`\b(?:meeting|meetings|talks|summit|conference|visit|interview|speech|rally|vigil|ceremony|trial|court|hearing)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}?$`)

// tollLocationPlace is the last place of c that is named as where
// something is, not a country, a side, a meeting's place or an adjective.
func tollLocationPlace(c *sentCtx) string {
	for k := len(c.spans) - 1; k >= 0; k-- {
		sp := c.spans[k]
		if sp.Entry.Kind != names.Place || sp.Entry.Canonical == countryPlace || names.Default().IsCountry(sp.Entry.Canonical) ||
			tollActorPlaceRE.MatchString(c.text[sp.End:]) || tollAdjectivePlace(c.text[sp.Start:sp.End]) {
			continue
		}
		head := c.lower[max(0, sp.Start-60):sp.Start]
		if tollBorderRE.MatchString(head) || tollMeetingRE.MatchString(head) || tollSideBeforeRE.MatchString(head) {
			continue
		}
		return sp.Entry.Canonical
	}
	return ""
}

// tollSideBeforeRE ends the text before a place named as a side or a
// destination: "backed by Damascus", "a warning to Washington".
var tollSideBeforeRE = regexp.MustCompile(`\b(?:by|to|against|with|from)\s+(?:the\s+)?$`)

// tollHasPlace reports that c names a place other than the country.
func tollHasPlace(c *sentCtx) bool {
	for _, sp := range c.spans {
		if sp.Entry.Kind == names.Place && sp.Entry.Canonical != countryPlace {
			return true
		}
	}
	return false
}

// tollBorderRE ends the text before a country an event is only near: "a
// town on Syria's border with Turkey".
var tollBorderRE = regexp.MustCompile(`\bborders?\s+(?:with|of)\s+$`)

// tollAdjectivePlace reports a place written as its adjective: "the
// Turkish border" is no event's place.
func tollAdjectivePlace(w string) bool {
	return strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ian") || strings.HasSuffix(w, "ese")
}
