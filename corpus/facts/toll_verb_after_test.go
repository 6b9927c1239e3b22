package facts

import (
	"regexp"
	"slices"
	"testing"
	"unicode"
)

// verbAfterTexts are texts of our own for tollVerbAfterFind: every kind of
// start its pattern takes, in any case, with folding runes, long words
// and words glued to digits.
var verbAfterTexts = []string{
	" have been killed", " WERE KILLED", "\tkilled", " Killed9", ", mostly women, were killed", ",x, died", " – including children – died",
	" - they - died", " — a — died", " including 3 women died", " among them two boys were hurt", " Among  Them x   killed",
	" from the village of Kafr Nabl were killed", " inside Aleppo died", " in Homs were wounded", " on Monday died", " at home died",
	" of them died", " so far killed", " were left homeless", " were left dead", " made up the rest of the dead", " shot dead",
	" gunned down", " lost their lives", " forced to flee", " \u212ailled", " were \u212ailled", " homeleſſ", " ſo far killed",
	" in the old city of Homs were killed", " in the old walled city of Homs were killed", " from a   village near Idlib have been wounded",
	" in The Town were left dead", " made up most of the victims", " made up the remainder of those who died", " MADE UP THE DEAD",
	" were were were were were were killed", " were were were were were killed", " had been being killed", " in the were killed",
	" in a killed", " of the the dead", " in Aleppo's east died", " in al-Bab – died", " so  far\tkilled", " were left  homeless",
	" subsequentlyyyyyyyy killed", "  , x, killed", " ,\u212a, died", " In Aleppo killed", " Of the 3 died", " ſo, killed", " inſide Homs died", " people died", "killed", " ", "", " 12 died", " İn Homs died",
}

// TestTollVerbAfterFind: the branch of tollVerbAfterRE the text's start
// picks finds what the whole pattern finds, after every word of the texts
// at hand and at every byte of verbAfterTexts.
func TestTollVerbAfterFind(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	check := func(rest string) {
		if got, want := tollVerbAfterFind(rest, asciiLower(rest)), tollVerbAfterRE.FindStringSubmatchIndex(tollVerbAfterText(rest)); !slices.Equal(got, want) {
			t.Fatalf("verb after %q: %v, pattern %v", rest, got, want)
		}
	}
	// a noun ends where a word does: every such end in the texts at hand
	for _, s := range litTexts(t) {
		for k := 1; k <= len(s); k++ {
			if isWordByte(s[k-1]) && (k == len(s) || !isWordByte(s[k])) {
				check(s[k:])
			}
		}
	}
	for _, s := range verbAfterTexts {
		for k := 0; k <= len(s); k++ {
			check(s[k:])
		}
		for _, v := range []string{"", " ", "x", "."} {
			check(s + v)
		}
	}
}

// TestTollVerbAfterREAsWritten: the pattern built from its parts is the
// one written whole before them.
func TestTollVerbAfterREAsWritten(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	const was = `(?i)^(?:\s*,[^,;.]{1,60},|\s+[-–—][^-–—;.]{1,60}[-–—]|\s+(?:including|among\s+them)\s+[^,;.]{1,40}?|(\s+(?:from|of|in|at|on|inside)\s+(?:the\s+|a\s+)?(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+))?\s+(?:(?:have|has|had|were|was|are|is|been|being|also|reportedly|now|freshly|newly|already|since|so\s+far|allegedly|all|confirmed|believed|feared|thought|said|to|be|got|were\s+left|still|recorded|reported|registered|documented|listed|later|subsequently|either|both)\s+){0,5}(killed|died|dead|wounded|injured|hurt|displaced|missing|detained|arrested|executed|slain|abducted|kidnapped|perished|fled|uprooted|beheaded|crucified|murdered|shot\s+dead|gunned\s+down|lost\s+their\s+lives|left\s+homeless|made\s+homeless|homeless|made\s+up\s+(?:(?:the\s+)?(?:rest|remainder|bulk|majority)\s+of\s+|most\s+of\s+)?(?:the\s+(?:dead|victims|fatalities|death\s+toll)|those\s+(?:killed|who\s+died))|forced\s+to\s+flee|forced\s+from\s+their\s+homes)\b`
	if tollVerbAfterRE.String() != was {
		t.Errorf("tollVerbAfterRE is %s, was %s", tollVerbAfterRE, was)
	}
}

// TestTollPlaceWordEnd: a place's word is read as (?i)[\p{L}'’-]+ reads
// it, for every rune.
func TestTollPlaceWordEnd(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	re := regexp.MustCompile(`(?i)^[\p{L}'’-]`)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s := string(r)
		if got, want := tollPlaceWordEnd(s, 0) == len(s), re.MatchString(s); got != want {
			t.Errorf("rune %U: word %v, pattern %v", r, got, want)
		}
	}
	for _, s := range []string{"\xff", "\xe2\x80", "a\xffb", "ab’-c d"} {
		re := regexp.MustCompile(`(?i)^[\p{L}'’-]*`)
		if got, want := tollPlaceWordEnd(s, 0), len(re.FindString(s)); got != want {
			t.Errorf("%q: word end %d, pattern %d", s, got, want)
		}
	}
}
