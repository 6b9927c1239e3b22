package facts

import (
	"regexp"
	"strings"
)

// ctlApproachRE ends the text before a place that is only where roads,
// approaches or outskirts lead: "control of all the roads leading to the
// northern Syrian city of", "reached the outskirts of", "the approaches to".
var ctlApproachRE = regexp.MustCompile(`(?i)\b(?:roads?|routes?|highways?|approaches|entrances?|outskirts|edges?|gates|supply\s+lines?|access)\s+(?:leading\s+|that\s+lead\s+|going\s+)?(?:to|into|around|near|of|towards?)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|key|strategic|syrian|iraqi|kurdish|besieged)\s+)*(?:(?:city|town|village|province|region|stronghold|bastion)\s+of\s+)?$`)

// ctlApproachWords: one of them is in every match of ctlApproachRE.
var ctlApproachWords = []string{"road", "route", "highway", "approaches", "entrance", "outskirts", "edge", "gates", "supply", "access"}

// ctlApproachBefore is ctlApproachRE.MatchString(head), the pattern run
// only when one of its words is in head. The words are looked for in
// head's ASCII-lowered copy, which is exact for a case-blind ASCII word
// unless head holds a rune that folds to an ASCII letter (plainText).
func ctlApproachBefore(head string) bool {
	if plainText(head) && !containsAny(asciiLower(head), ctlApproachWords) {
		return false
	}
	return ctlApproachRE.MatchString(head)
}

// dropApproaches leaves out control claims whose place the sentence names
// only as where roads or approaches lead: holding the roads to Tabqa, or
// its outskirts, is not holding Tabqa.
func dropApproaches(cs []Control) []Control {
	out := cs[:0]
	for _, c := range cs {
		s := c.Evidence.Sentence
		if i := strings.Index(s, c.Place); i > 0 && ctlApproachBefore(s[:i]) && strings.Count(s, c.Place) == 1 {
			continue
		}
		out = append(out, c)
	}
	return out
}
