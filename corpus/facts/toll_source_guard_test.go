package facts

import (
	"slices"
	"strings"
	"testing"
)

// srcLastHeadByWord is srcLastHead as srcDescBefore first read it: the
// last start of each head word, the latest kept if near the end.
func srcLastHeadByWord(lhead string) int {
	last := -1
	for _, w := range srcHeadWords {
		if i := strings.LastIndex(lhead, w); i > last {
			last = i
		}
	}
	if last < 0 || len(lhead)-last > 90 {
		return -1
	}
	return last
}

var sourceGuardTexts = []string{
	"",
	" Ali Hamid, head of the Syrian Observatory for Human Rights",
	" the Foreign Office, in a statement",
	" a spokesman for the UN refugee agency",
	" figures compiled by the Violations Documentation Center.",
	" in neighbouring countries, mainly Turkey",
	" living in Turkey",
	" who fled, in Lebanon",
	" registered in other countries; the rest",
	" now in Europe and Germany",
	"the london-based syrian observatory for human rights, a monitoring group,",
	"activists in rural idlib and local medics",
	"a spokesman for the group said the ministry's office",
	"the monitor's report, released by a rights watchdog of the" + strings.Repeat(" long", 20),
}

// TestSourceGuardsAnswerAsPatterns checks the literal guards of the
// source patterns on every text at hand and on every word start in it: a
// guard that says no must be a pattern that matches nothing there, and
// srcLastHead must find the head the word-by-word search found. The
// foreign-place texts go to tollForeign too.
func TestSourceGuardsAnswerAsPatterns(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	for _, s := range sourceGuardTexts {
		for k := 0; k <= len(s); k++ {
			if got, want := tollForeign(s[k:]), tollForeignRE.FindStringSubmatch(s[k:]); !slices.Equal(got, want) {
				t.Fatalf("foreign place in %q: %q, pattern %q", s[k:], got, want)
			}
		}
	}
	texts := append(litTexts(t), sourceGuardTexts...)
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			if i > 0 && i < len(s) && s[i] != ' ' {
				continue
			}
			rest := s[i:min(len(s), i+120)]
			if !containsAny(rest, srcInstWords) && srcInstAfterRE.MatchString(rest) {
				t.Fatalf("srcInstAfterRE matches %q, its guard says no", rest)
			}
			lhead := asciiLower(s[max(0, i-100):i])
			if got, want := srcLastHead(lhead), srcLastHeadByWord(lhead); got != want {
				t.Fatalf("srcLastHead(%q) = %d, word by word %d", lhead, got, want)
			}
		}
	}
}
