package facts

import "testing"

// combinedGuardTexts are texts of our own for the guards of dropJoint and
// rescope: cue words in any case, with the long s and the Kelvin sign.
var combinedGuardTexts = []string{
	"19 Killed and Injured", "49 fighters were KILLED and wounded", "700 missing or displaced", "left HOMELESS or without food",
	"two million left homeleſſ", "300 MISſING", "\u212ailled", "12 dead.", "four detained", "", "d", "S",
	" And Injured", "\t& wounded", " / dead", "  OR without food", " or displaced.", "and", " ",
	"the tsunami disaster", "a CATASTROPHE", "calamities", "the Disasters of war",
}

// TestCombinedGuardsAnswerAsPatterns: where a guard of dropJoint or
// rescope says no, its pattern matches nothing, at every end of a cue's
// window in the texts at hand.
func TestCombinedGuardsAnswerAsPatterns(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	texts := append(litTexts(t), combinedGuardTexts...)
	texts = append(texts, tollGuardTexts...)
	for _, s := range texts {
		for e := 0; e <= len(s); e++ {
			w := s[max(0, e-10):e]
			if !tollCueEndMay(w) && tollCueEndRE.MatchString(w) {
				t.Fatalf("tollCueEndRE matches %q, its guard says no", w)
			}
			if r := s[e:min(len(s), e+40)]; !tollJointMay(r) && tollJointRE.MatchString(r) {
				t.Fatalf("tollJointRE matches %q, its guard says no", r)
			}
		}
		g := makeBigrams(s)
		if !tollCalamityLits.anyIn(s, &g) && tollCalamityRE.MatchString(s) {
			t.Fatalf("tollCalamityRE matches %q, its guard says no", s)
		}
	}
}
