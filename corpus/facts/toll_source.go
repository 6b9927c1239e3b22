package facts

import (
	"regexp"
	"strings"

	"github.com/newsroom/newsbot/corpus/names"
)

// A figure's source is whoever the sentence hands it to, read at an
// attribution cue, never anywhere else in the sentence:
//
//   - the subject right before the cue: "..., a monitor said", "The
//     Foreign Office says 12 Britons ...", "SANA's correspondent said that",
//     "A rights organisation has claimed that", "The official news agency
//     placed the toll at 16", "The Violations Documentation Center,
//     a monitoring group based in Turkey, gave a higher toll of 26";
//   - the one named right after it: "according to the medical source",
//     "according to numbers gathered by the coalition's media office",
//     "said the Observatory".
//
// So an organisation named elsewhere in the sentence is not the source: a
// dateline ("UPDATED ... AFP Monday 2 Dec 2024 A truck bomb ...") or
// whoever was told ("told AFP"). A description ("the monitor", "a human
// rights group", "the official agency") stands for the organisation of
// that kind the article names, when it names one; else it is kept as
// written.

// srcCueRE finds attribution cues in the lower-cased sentence. The
// subject of a cue comes before it; after "according to" and after an
// inverted "said" the source follows.
var srcCueRE = regexp.MustCompile(`\b(?:said|says|say|saying|reported|reports|reporting|according\s+to|told|tells|stated|states|announced|announces|estimated|estimates|estimate|documented|documents|recorded|records|added|adding|counted|confirmed|confirms|cited|citing|claimed|claims|accused|accuses|(?:put|puts|placed|places|gave|gives|set|sets)\s+(?:the|a|an|its|their)\s+(?:[a-z-]+\s+){0,3}?(?:toll|figure|number))\b`)

var srcCueLRE = newLitRE(srcCueRE.String())

// srcCueWords: one of them is in every match of srcCueRE.
var srcCueLits = makeLitSet([]string{"said", "say", "report", "according", "told", "tell", "state", "announce", "estimat", "document",
	"record", "add", "count", "confirm", "cite", "citing", "claim", "accuse", "toll", "figure", "number"})

// srcDescHeads name a source by what it is. A head in srcBareHeads may
// stand alone ("a monitor said"); the others need a word before them
// ("a medical source", "the official agency", "a human rights group").
const srcDescBody = `(?:(?:local|medical|hospital|security|military|rebel|opposition|government|kurdish|turkish|russian|syrian|iraqi|israeli|palestinian|afghan|american|british|french|u\.?n\.?|u\.?s\.?|aid|rescue|health|civil\s+defen[cs]e|police|official|state|state-run|human\s+rights|rights|monitoring|news|media|emergency|army|western|diplomatic|intelligence|(?:britain|uk|london|u\.?s\.?|new\s+york)-based)\s+)*` +
	`(?:monitor|watchdog|correspondent|reporter|analysts?|experts?|activists?|medics|doctors|rescuers|witnesses|residents|officials?|authorities|spokesm[ae]n|spokeswoman|spokesperson|observatory|sources?|groups?|organi[sz]ations?|charity|charities|agency|office|ministry|workers|commanders|officers|paramedics|campaigners|investigators)`

const srcDesc = `(` + srcDescBody + `)`

// srcDescGap is what may stand between a description and its cue.
const srcDescGap = `((?:\s+(?:at|in|from|with|within|of|close\s+to)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+)?(?:\s*,\s*(?:who|which)\s+[^,]{1,60},)?(?:\s+(?:has|have|had|also|later|on\s+\w+day|in\s+a\s+statement))*\s*(?:,\s*)?)`

// srcLead is what may stand between "according to" and its source: "a
// military statement published by", "figures compiled by".
const srcLead = `(?:(?:an?\s+|the\s+|its\s+)?(?:[\p{L}-]+\s+){0,2}?(?:figures|numbers|data|statistics|count|tally|statement|report|toll|figure)\s+(?:(?:compiled|gathered|collected|kept|released|published|issued|given|carried|cited)\s+)?(?:by|from|of|on|in)\s+)?`

var (
	// srcDescAfterRE starts the text after "according to" or an inverted
	// "said" with a description.
	srcDescAfterRE = regexp.MustCompile(`^\s+` + srcLead + `(?:the\s+|an?\s+|some\s+|one\s+|two\s+|three\s+|several\s+)?((?:[\p{L}'’-]+\s+){0,2}?` + srcDescBody + `)\b`)
	// srcInstBeforeRE ends the text before a cue with an institution
	// the table does not know: "The Foreign Office says", "the Turkish
	// General Staff said", "The Violations Documentation Center, a
	// monitoring group based in Turkey, gave".
	srcInstBeforeRE = regexp.MustCompile(`(?:^|[^\p{L}])((?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,4}(?:` + srcInstNames + `))` + srcInstTrail)
	srcInstAfterRE  = regexp.MustCompile(`^\s+` + srcLead + `(?:the\s+)?((?:\p{Lu}[\p{L}'’.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,4}(?:Office|Ministry|Staff|Command|Agency|News|Council|Committee|Department|Commission|Observatory|Organisation|Organization|Cross|Crescent|Service|Network|Centre|Center|Authority|Federation|Union|Programme|Program|Fund|Institute|Court|Coalition|Bureau|Police))\b`)
	// srcGapRE is what may stand between a named source and its cue:
	// "(IS) militant group", ", a British-based monitoring group,", "has".
	srcGapRE = regexp.MustCompile(`^(?:\s*\([^()]{1,12}\))?(?:\s*,?\s*(?:an?|the)\s+[^,;.:]{1,50}?(?:,|\s))?(?:\s*(?:[\p{L}-]+\s+){0,2}?(?:group|organisation|organization|agency|monitor|watchdog))?(?:\s+(?:has|have|had|also|later|in\s+a\s+statement|on\s+\w+day))*\s*,?\s*$`)
	// srcInvertedRE: "said the Observatory", "said a monitor".
	srcInvertedRE = regexp.MustCompile(`^(?:said|says|reported|reports|added|told\s+\w+)$`)
	// srcMonitorRE, srcAgencyRE: descriptions that stand for a monitor or
	// a news agency the article names.
	srcMonitorRE = regexp.MustCompile(`(?i)\b(?:monitor|watchdog|monitoring\s+group|rights\s+(?:group|organi[sz]ation)|observatory)$`)
	srcAgencyRE  = regexp.MustCompile(`(?i)\b(?:agency|correspondent|reporter)$`)
	// srcNotSourceRE: descriptions that name no reporter of the figure.
	srcNotSourceRE = regexp.MustCompile(`(?i)^(?:(?:rebel|opposition|government|militant|armed|jihadist|terrorist|kurdish|islamist|news|media)\s+)?(?:groups?|organi[sz]ations?)$|^(?:sources?|agency|office|ministry|workers|commanders|officers|official|residents|charity|charities)$`)
)

// srcArticle is what the whole article tells the sources of its
// sentences: the monitor and the news agency it names, if one each.
type srcArticle struct {
	monitor, agency string
	// conflict: the article's title or opening names armed conflict
	// (see conflictIn), read once when a figure's scope needs it
	conflict, conflictRead bool
}

func newSrcArticle(ctxs []sentCtx) srcArticle {
	var a srcArticle
	for i := range ctxs {
		for _, sp := range ctxs[i].spans {
			if sp.Entry.Kind != names.Org {
				continue
			}
			c := sp.Entry.Canonical
			switch {
			case a.monitor == "" && strings.Contains(c, "Observatory"):
				a.monitor = c
			case a.agency == "" && (c == "SANA" || strings.HasSuffix(c, "News Agency")):
				a.agency = c
			}
		}
	}
	return a
}

// srcCand is a source found at a cue, with how far it stands from it,
// where its name starts and where the cue starts.
type srcCand struct {
	name    string
	gap     int
	at, cue int
}

// ctxSourceAt is the source the sentence hands its figures to, with its
// name's and its cue's offsets; "" when none: the one nearest its cue.
func ctxSourceAt(c *sentCtx, art *srcArticle) srcCand {
	if !srcCueLits.anyIn(c.lower, &c.grams) {
		return srcCand{}
	}
	cues := srcCueLRE.findAllIndex(c.lower, &c.grams)
	best := srcCand{gap: 1 << 30}
	for _, m := range cues {
		if x := srcAtCue(c, art, m[0], m[1]); x.name != "" && x.gap < best.gap {
			best = x
		}
	}
	return best
}

func srcAtCue(c *sentCtx, art *srcArticle, from, to int) srcCand {
	s, lower := c.text, c.lower
	cue := lower[from:to]
	out := srcCand{gap: 1 << 30}
	take := func(name string, gap, at int) {
		if name != "" && gap < out.gap {
			out = srcCand{name, gap, at, from}
		}
	}
	after := strings.HasPrefix(cue, "according")
	if after || srcInvertedRE.MatchString(cue) {
		// the source named right after the cue, or the body of the one
		// named there ("said Ali Hamid, head of the Observatory")
		for _, sp := range c.spans {
			if sp.Start < to || sp.Start-to > 80 {
				continue
			}
			if sp.Entry.Kind != names.Org && !(after && sp.Entry.Kind == names.Actor) {
				continue
			}
			if srcLeadRE.MatchString(s[to:sp.Start]) {
				take(sp.Entry.Canonical, sp.Start-to, sp.Start)
				break
			}
			if srcPostOfRE.MatchString(s[to:sp.Start]) {
				take(sp.Entry.Canonical, 0, sp.Start) // the body, not its "spokesman"
				break
			}
		}
		rest := s[to:min(len(s), to+120)]
		if !containsAny(rest, srcInstWords) {
			// no institution follows: srcInstAfterRE cannot match
		} else if m := srcInstAfterRE.FindStringSubmatchIndex(rest); m != nil {
			take(strings.TrimSpace(rest[m[2]:m[3]]), m[2], to+m[2])
		}
		if lrest := lower[to:min(len(s), to+120)]; !containsAny(lrest, srcHeadWords) {
			// no description follows
		} else if m := srcDescAfterRE.FindStringSubmatchIndex(lrest); m != nil {
			take(art.resolve(s[to+m[2]:to+m[3]]), m[2]+1, to+m[2])
		}
		if after || srcClosed(lower[:from]) {
			// ", said X": the words before the cue are what was said,
			// never its subject ("except for areas held by Kurdish
			// forces, said the head of the Observatory")
			return out
		}
	}
	// the subject before the cue; whoever was told is not one
	head, off := before(s, from, 100)
	lhead := lower[off:from]
	for _, sp := range c.spans {
		if sp.End > from || from-sp.End > 80 || sp.Entry.Kind != names.Org && sp.Entry.Kind != names.Actor {
			continue
		}
		if srcToldBefore(lower[:sp.Start]) {
			continue
		}
		gap := s[sp.End:from]
		if sp.Entry.Kind == names.Actor && len(gap) > 30 {
			continue
		}
		if srcGapRE.MatchString(gap) && !srcDocGapRE.MatchString(gap) {
			take(sp.Entry.Canonical, srcGapLen(gap), sp.Start)
		}
	}
	if containsAny(head, srcInstWords) && srcInstBeforeMay(head) {
		if m := srcInstBeforeRE.FindStringSubmatchIndex(head); m != nil && !srcToldBefore(lhead[:m[2]]) {
			take(strings.TrimPrefix(strings.TrimSpace(head[m[2]:m[3]]), "The "), len(head)-m[3], off+m[2])
		}
	}
	if !srcHeadLits.anyIn(lhead, &c.grams) {
		return out
	}
	if m := srcDescBefore(lhead); m != nil && !srcToldBefore(lhead[:m[2]]) {
		desc := head[m[2]:m[3]]
		// a named source right before its description ("The Syrian
		// Observatory ... a London-based war monitor, gave") wins,
		// as its gap then reads as an appositive
		take(art.resolve(desc), len(head)-m[3]+1, off+m[2])
	}
	return out
}

// srcInstNames are the words an institution's name ends with in
// srcInstBeforeRE; srcInstTrail is what may follow the name there, up to
// the cue.
const (
	srcInstNames = `Office|Ministry|Staff|Command|Agency|News|Council|Committee|Department|Commission|Observatory|Organisation|Organization|Cross|Crescent|Service|Network|Centre|Center|Authority|Federation|Union|Programme|Program|Fund|Institute|Court|Coalition|Bureau|Police`
	srcInstTrail = `(?:\s*,\s*(?:an?|the)\s+[^,;.:]{1,50}?,)?(?:\s+(?:has|have|had|also|later|in\s+a\s+statement))*\s*(?:,\s*)?$`
)

var (
	srcInstEnds    = strings.Split(srcInstNames, "|")
	srcInstTrailRE = regexp.MustCompile(`^` + srcInstTrail)
)

// srcInstBeforeMay is false when srcInstBeforeRE cannot match head: its
// match holds a name ending with one of srcInstEnds that srcInstTrail
// follows to the end of head (white space, a comma or nothing right after
// the name). Most heads name an office or a ministry far from the cue.
func srcInstBeforeMay(head string) bool {
	for _, w := range srcInstEnds {
		for off := 0; ; {
			j := strings.Index(head[off:], w)
			if j < 0 {
				break
			}
			e := off + j + len(w)
			if e == len(head) || isSpaceRE(head[e]) || head[e] == ',' {
				if srcInstTrailRE.MatchString(head[e:]) {
					return true
				}
			}
			off += j + 1
		}
	}
	return false
}

// srcInstWords: one of them ends every match of srcInstBeforeRE and of
// srcInstAfterRE.
var srcInstWords = []string{"Office", "Ministry", "Staff", "Command", "Agency", "News", "Council", "Committee", "Department",
	"Commission", "Observatory", "Organisation", "Organization", "Cross", "Crescent", "Service", "Network", "Centre", "Center",
	"Authority", "Federation", "Union", "Program", "Fund", "Institute", "Court", "Coalition", "Bureau", "Police"}

// srcHeadWords: one of them is in every match of srcDescBeforeAnchRE (the
// heads of srcDesc).
var (
	srcHeadWords = []string{"monitor", "watchdog", "correspondent", "reporter", "analyst", "expert", "activist", "medics",
		"doctors", "rescuers", "witnesses", "residents", "official", "authorities", "spokes", "observatory", "source", "group",
		"agency", "office", "ministry", "workers", "commanders", "officers", "campaigners", "investigators", "organi", "charit"}
	srcHeadLits = makeLitSet(srcHeadWords)
	// srcDescBeforeAnchRE reads, from a word start to the cue, a
	// description and what may stand between it and the cue: a place
	// ("activists in rural Idlib said"), "has", "in a statement".
	srcDescBeforeAnchRE = regexp.MustCompile(`^` + srcDesc + srcDescGap + `$`)
)

// srcDescMods are the words a description's modifiers start with (the
// head itself is tried at its own start).
var srcDescMods = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`local medical hospital security military rebel opposition government kurdish turkish russian
		syrian iraqi israeli palestinian afghan american british french u un aid rescue health civil police official state
		state-run human rights monitoring news media emergency army western diplomatic intelligence britain uk london us new`) {
		m[w] = true
	}
	return m
}()

// srcDescFirst reports that the lower-cased text t starts with a word a
// description's modifier may start with ("britain-based" reads as
// "britain", "u.n." as "u").
func srcDescFirst(t string) bool {
	j := 0
	for j < len(t) && j < 16 && isLetterByte(t[j]) {
		j++
	}
	return srcDescMods[t[:j]]
}

// srcHeadsByFirst are srcHeadWords by their first byte.
var srcHeadsByFirst = func() (t [256][]string) {
	for _, w := range srcHeadWords {
		t[w[0]] = append(t[w[0]], w)
	}
	return t
}()

// srcLastHead is where the last of srcHeadWords in lhead starts, if it
// starts within 90 bytes of lhead's end; -1 else. It reads lhead from its
// end once, not once per word.
func srcLastHead(lhead string) int {
	for i := len(lhead) - 1; i >= 0 && len(lhead)-i <= 90; i-- {
		for _, w := range srcHeadsByFirst[lhead[i]] {
			if strings.HasPrefix(lhead[i:], w) {
				return i
			}
		}
	}
	return -1
}

// srcDescBefore is the description that ends lhead (submatch offsets),
// found by trying the anchored pattern at the word starts shortly before
// the last description head: a description ends with its head, and only
// a short gap stands between it and the cue.
func srcDescBefore(lhead string) []int {
	last := srcLastHead(lhead)
	if last < 0 {
		return nil // no description ends near the cue
	}
	for i := max(0, last-45); i <= last; i++ {
		if i > 0 && (isLetterByte(lhead[i-1]) || lhead[i-1] >= 0x80 || lhead[i-1] == '-') || !isLetterByte(lhead[i]) {
			continue
		}
		if i < last && !srcDescFirst(lhead[i:]) {
			continue // no modifier of a description starts here
		}
		if m := srcDescBeforeAnchRE.FindStringSubmatchIndex(lhead[i:]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			return m
		}
	}
	return nil
}

// srcPostOfRE is what may stand between an inverted cue and the body
// whose member it names: " Ali Hamid, head of the", " Ali Hamid, a
// spokesman for the London-based", " a spokesman for the".
var srcPostOfRE = regexp.MustCompile(`^\s+(?:(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*\s*,?\s+)?(?:the\s+|an?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:head|chief|director|founder|spokesm[ae]n|spokeswoman|spokesperson|official|member|researcher|representative|leader|coordinator|chairman|president)\s+(?:of|for|at|with)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}?$`)

// srcClosed reports that the text before a cue closes what was said: a
// comma or a closing quotation mark right before it (", said X").
func srcClosed(lhead string) bool {
	t := strings.TrimRight(lhead, " ")
	return strings.HasSuffix(t, ",") || strings.HasSuffix(t, "\"") || strings.HasSuffix(t, "”")
}

// srcLeadRE is what may stand between "according to" and a named source.
var srcLeadRE = regexp.MustCompile(`^\s+` + srcLead + `(?:the\s+|a\s+)?(?:[\p{L}-]+\s+){0,2}?$`)

// srcGapLen measures a gap as its words count: an appositive costs less
// than its length, so a named source before its description wins.
func srcGapLen(gap string) int {
	if strings.TrimSpace(gap) == "" {
		return 0
	}
	if strings.Contains(gap, ",") || strings.Contains(gap, "(") {
		return 1
	}
	return len(strings.Fields(gap))
}

// srcToldBefore reports "told" (or "told the", "to") right before a name:
// whoever was told a figure did not give it.
func srcToldBefore(lower string) bool {
	t := strings.TrimRight(lower, " ")
	t = strings.TrimSuffix(t, " the")
	t = strings.TrimSuffix(t, " a")
	return strings.HasSuffix(t, "told") || strings.HasSuffix(t, "tells") || strings.HasSuffix(t, "statement to")
}

// resolve writes a description as the organisation of its kind the
// article names, or as written without its article; "" for one that
// names no reporter ("the group", "officials" alone stay as written only
// when qualified).
func (a *srcArticle) resolve(desc string) string {
	d := strings.TrimSpace(desc)
	if srcNotSourceRE.MatchString(d) {
		return ""
	}
	switch {
	case a.monitor != "" && srcMonitorRE.MatchString(d):
		return a.monitor
	case a.agency != "" && srcAgencyRE.MatchString(d) && !strings.Contains(strings.ToLower(d), "refugee"):
		return a.agency
	}
	return d
}
