package facts

import (
	"slices"
	"strings"
	"testing"
)

// figDigitTexts are figures of our own: ranges, scales, grouped digits,
// words glued to figures, and the runes that fold to ASCII letters.
var figDigitTexts = []string{
	"1,2345 people", "12 000 and 13\u00a0000", "5.5 million", "10 to 15 thousand", "13-15", "13–15 Hundred", "2011-2012",
	"12 THOUSAND people", "12 And 13", "12 TO 15", "12  people", "12\tpeople,", "12 people", "12 thouſand x", "12 \u212aids",
	"12people", "12_000", "12,5", "12.", "12.5.6", "1\u202f000", "99 and 100 dead", "3 to4", "3and 4", "12 million.",
	"1,000,000,000,000,000 x", "12\xff", "12\xe2\x80", "4 billion", "4 billionaires", "12)", "12%", "12 x9", "12 people’s",
	"12 hundredfold", "12 -", "12 ", "12 tons;",
}

// TestFigCoreDigits: where figCoreDigits answers, it answers as
// figCoreRE, at every digit of the texts at hand and of figDigitTexts.
func TestFigCoreDigits(t *testing.T) {
	check := func(s string, i int) {
		win := s[i:min(len(s), i+80)]
		if got, ok := figCoreDigits(win); ok {
			if want := figCoreRE.FindStringSubmatchIndex(win); !slices.Equal(got, want) {
				t.Fatalf("figure in %q: %v, pattern %v", win, got, want)
			}
		}
	}
	for _, s := range litTexts(t) {
		for i := 0; i < len(s); i++ {
			if isDigit(s[i]) {
				check(s, i)
			}
		}
	}
	for _, s := range figDigitTexts {
		for _, u := range []string{s, strings.ToUpper(s), s + " killed", "at least " + s} {
			for i := 0; i < len(u); i++ {
				check(u, i)
			}
		}
	}
}
