package facts

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// speedTexts are the sentences of every corpus at hand (as litTexts
// gives them, lowered and as written) and, when present, of the BBC and
// PolNeAR corpora, for the equivalence tests of the control and
// statement guards.
func speedTexts(t *testing.T) []string {
	speedOnce.Do(func() {
		speedAll = litTexts(t)
		if testing.Short() {
			return
		}
		for _, dir := range []string{"../../../shared/corpora/bbc-news-2005", "../../../shared/corpora/polnear/test/text", "../../../shared/corpora/polnear/dev/text"} {
			loaded, err := corpus.LoadDir(context.Background(), dir)
			if err != nil {
				continue
			}
			for _, a := range loaded.Articles {
				for _, s := range Sentences(a) {
					speedAll = append(speedAll, s.Text(a))
				}
			}
		}
	})
	return speedAll
}

var (
	speedOnce sync.Once
	speedAll  []string
)

// speedGuardTexts are texts of our own for the control guards: the runes
// that fold to ASCII letters, digits and joiners before a suffix, cut
// runes, and white space of every kind.
var speedGuardTexts = []string{
	"the 12rebel-held town, the x_y-held city and 3-run camps",
	"in pro-government-held areas and anti-IS-held-run bits",
	"régime-held Homs; Ǆx-held; \xe2\x80-held; \xff-run",
	"Islamic State-held  areas -held --held a - b-held",
	"the rebel-heldout and HTS-running and IS-controlled",
	"who have captured the \u212aurdish-held ",
	"that took control of the regime-held ",
	"recaptured   the town of ",
	"forces that ſeized the ",
	"a campaign to fully ",
	"to completely\t",
	"to Ǆly ",
	"to fully\n\n",
	"a ly ",
	"then they said the group had taken ",
	"Its  fighters  quickly  moved  to  ",
	"x_they went on to ",
	"they a b c d e ",
	"It 1 2 3 ",
	"the alliance's forces ",
	"rebels didn't ",
	"rebels do n't really ",
	"x'n't quite yet ",
	"had failed to fully ",
	"had FAILED  TO fully really ",
	"would  not  be able ",
	"they Know it will ",
	"never_again ",
	" ly ",
	"to é\xffly ",
	"the Waer district of ",
	"the Bab Amr neighbourhood in the ",
	"the Old Quarter of ",
	" several neighbourhoods in the north of ",
	" control of a district in ",
	" \u212aey parts of ",
	" the rebel-held ſites near ",
	"the \u212aurdish stronghold of Kobani, a Bastion, ſtronghold, POWER BASE",
	"except for the Old City, apart from Raqqa, with the exception of ",
	"",
}

// speedCuts calls fn with the heads (up to 80 bytes) that end after
// each space of the sentences at hand and the tails (up to 100) that
// start at one, and with every cut of speedGuardTexts.
func speedCuts(t *testing.T, head, tail func(s string)) {
	for _, s := range speedTexts(t) {
		for k := 0; k <= len(s); k++ {
			if k == len(s) || k > 0 && s[k-1] == ' ' {
				head(s[max(0, k-80):k])
			}
			if k == 0 || k < len(s) && s[k] == ' ' {
				tail(s[k:min(len(s), k+100)])
			}
		}
	}
	for _, s := range speedGuardTexts {
		for k := 0; k <= len(s); k++ {
			head(s[:k])
			tail(s[k:])
		}
	}
}

// TestCtlHeldMatchesAgrees: the "-held" phrases are the ones ctlHeldRE
// finds in the whole sentence.
func TestCtlHeldMatchesAgrees(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	for _, s := range append(speedTexts(t), speedGuardTexts...) {
		if !strings.Contains(s, "-held") && !strings.Contains(s, "-controlled") && !strings.Contains(s, "-run") {
			if ctlHeldMatches(s) != nil || ctlHeldRE.MatchString(s) {
				t.Fatalf("a match in %q", s)
			}
			continue
		}
		for k := 0; k <= len(s); k++ {
			if got, want := ctlHeldMatches(s[k:]), ctlHeldRE.FindAllStringSubmatchIndex(s[k:], -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("ctlHeldMatches(%q) = %v, pattern %v", s[k:], got, want)
			}
		}
	}
}

// TestCtlGuardsAgree: each guarded pattern answers as the bare pattern on
// the heads and tails at hand.
func TestCtlGuardsAgree(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	speedCuts(t, func(s string) {
		if got, want := ctlTakenMatch(s), ctlTakenRE.MatchString(s); got != want {
			t.Fatalf("ctlTakenMatch(%q) = %v, pattern %v", s, got, want)
		}
		want := -1
		if m := ctlAdverbRE.FindStringIndex(s); m != nil {
			want = m[0]
		}
		if got := ctlAdverbAt(s); got != want {
			t.Fatalf("ctlAdverbAt(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := ctlPronounFind(s), ctlPronounRE.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("ctlPronounFind(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := ctlNegMatch(s), ctlNegRE.MatchString(s); got != want {
			t.Fatalf("ctlNegMatch(%q) = %v, pattern %v", s, got, want)
		}
		guarded := s != "" && isSpaceByte(s[len(s)-1]) && containsAny(s, ctlNamedPartWords)
		if !guarded && ctlNamedPartRE.MatchString(s) {
			t.Fatalf("ctlNamedPartRE matches %q, which the guard skips", s)
		}
	}, func(s string) {
		want := len(s) >= 8 && !strings.Contains(s, "including") && !ctlNamedAsRE.MatchString(s) && ctlPartRE.MatchString(s)
		if got := ctlPartOf(s); got != want {
			t.Fatalf("ctlPartOf(%q) = %v, patterns %v", s, got, want)
		}
	})
}

// TestCommonWordsAgree: the one set holds the words of the lexicons it
// joins and no other.
func TestCommonWordsAgree(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	old := func(w string) bool {
		return pronouns[w] || clauseWords[w] || prepositions[w] || notWho[w] || conjunctions[w] || skipWords[w] ||
			npWords[w] || days[w] || months[w] || w == "neither" || w == "either" || w == "now" || w == "lest" ||
			w == "only" || w == "even" || w == "asked" || w == "still"
	}
	for w := range commonWords {
		if !old(w) {
			t.Errorf("commonWords holds %q", w)
		}
	}
	for _, s := range append(speedTexts(t), speedGuardTexts...) {
		for _, w := range strings.Fields(asciiLower(s)) {
			if commonWord(w) != old(w) {
				t.Fatalf("commonWord(%q) = %v", w, commonWord(w))
			}
		}
	}
}

// TestLowerTextAgrees: an article lowered whole is asciiLower of it.
func TestLowerTextAgrees(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	for _, s := range append(speedTexts(t), speedGuardTexts...) {
		if got, want := lowerText(s), asciiLower(s); got != want {
			t.Fatalf("lowerText(%q) = %q, want %q", s, got, want)
		}
	}
}
