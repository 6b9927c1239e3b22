package facts

import (
	"slices"
	"testing"
)

// tollGuardTexts are texts of our own for the toll patterns' guards: case,
// the runes that fold to ASCII letters, and the words around a figure.
var tollGuardTexts = []string{
	"The strikes KILLED 12 people",
	"the death toll rose to 70",
	"The Death Toll From The Ambush Rose To A Total Of 35",
	"raids killing at least 12 and the killings of 4",
	"claimed the lives of another 20",
	"Shot Dead 3",
	"\u212ailled 12, the toll ſtood at 5",
	"kılled 12 and İnjured 4",
	"skilled 12",
	"the_killed 4",
	"killed\t\n 9",
	"deaths of the 3",
	" 12 people from Turkey were killed in Lebanon",
	" fled in neighbouring countries, and in Jordan",
	" refugees now living in Turkey",
	"; in Turkey",
	" people   in\tEurope",
	" — in Germany",
	"",
}

// tollGuardCuts calls fn at every place a figure's rules cut a text: each
// digit of the sentences at hand and their ends, and each byte of
// tollGuardTexts.
func tollGuardCuts(t *testing.T, fn func(s string, k int)) {
	for _, s := range litTexts(t) {
		for k := 0; k <= len(s); k++ {
			if k == 0 || k == len(s) || isDigit(s[k]) {
				fn(s, k)
			}
		}
	}
	for _, s := range tollGuardTexts {
		for k := 0; k <= len(s); k++ {
			fn(s, k)
		}
	}
}

// TestTollVerbBeforeAgrees: the casualty verb before a figure is the one
// the (?i) pattern finds.
func TestTollVerbBeforeAgrees(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	tollGuardCuts(t, func(s string, k int) {
		ls := asciiLower(s)
		g := makeBigrams(ls)
		w, off := before(s, k, 60)
		if got, want := tollVerbBeforeMatch(w, ls[off:k], &g), tollVerbBeforeRE.FindStringSubmatchIndex(w); !slices.Equal(got, want) {
			t.Fatalf("verb before in %q: %v, pattern %v", w, got, want)
		}
	})
}

// TestTollWordAgrees: the word after a figure is the one tollWordRE reads.
func TestTollWordAgrees(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	extra := []string{" ’tis", " -x", " a’b-c'd", " \u00e9t\u00e9 x", "\t\nWord", "  ", " 12", " x\xffy", " \xff", " Ǆ", " a\u0301b"}
	for _, s := range append(extra, tollGuardTexts...) {
		for k := 0; k <= len(s); k++ {
			if got, want := tollWordMatch(s[k:]), tollWordRE.FindStringSubmatchIndex(s[k:]); !slices.Equal(got, want) {
				t.Fatalf("word in %q: %v, pattern %v", s[k:], got, want)
			}
		}
	}
	tollGuardCuts(t, func(s string, k int) {
		for _, j := range []int{k, min(len(s), k+1)} {
			if got, want := tollWordMatch(s[j:]), tollWordRE.FindStringSubmatchIndex(s[j:]); !slices.Equal(got, want) {
				t.Fatalf("word in %q: %v, pattern %v", s[j:], got, want)
			}
		}
	})
}

// TestTollForeignAgrees: where refugees are is read as tollForeignRE reads
// it in all the rest of the sentence.
func TestTollForeignAgrees(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	tollGuardCuts(t, func(s string, k int) {
		if got, want := tollForeign(s[k:]), tollForeignRE.FindStringSubmatch(s[k:]); !slices.Equal(got, want) {
			t.Fatalf("foreign place in %q: %q, pattern %q", s[k:], got, want)
		}
	})
}

// TestASCIILower: only ASCII capitals are lowered, byte for byte.
func TestASCIILower(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	for _, s := range append([]string{"", "abc", "ABC", "aBc", "İK\u212a", "x\xffY", "Ÿ Z"}, tollGuardTexts...) {
		want := []byte(s)
		for i, c := range want {
			if c >= 'A' && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if got := asciiLower(s); got != string(want) {
			t.Errorf("asciiLower(%q) = %q, want %q", s, got, want)
		}
	}
}
