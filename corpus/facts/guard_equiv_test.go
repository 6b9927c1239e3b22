package facts

import (
	"reflect"
	"testing"
)

// guardTexts are texts of our own for the guards that stand before a
// pattern: each guarded call must answer as the bare pattern does.
var guardTexts = []string{
	"Rebels took the roads leading to the northern city of ",
	"Troops reached the OUTSKIRTS of ",
	"Fighters hold the outſkirts of ",
	"The army said it controls the town of ",
	"the government-held west and the rebel-controlled east, near HTS-run Idlib",
	"a long-running siege of the rebel-held district; the front-runner said",
	"residents of Islamic State-held areas fled to Kurdish-run camps.",
	"the opposition-held-out area",
	"régime-held Homs and Daraa-held",
	"",
	" have been killed. Another 20 were wounded; others fled",
	", mostly women, were killed in the blast",
	" from the village of Kafr Nabl were killed",
	" – including children – died.",
	" said on Tuesday they had been injured",
}

func TestGuardsAnswerAsPatterns(t *testing.T) {
	if raceOn {
		t.Skip("reads every position of the corpora: too slow under -race")
	}
	for _, s := range guardTexts {
		if got, want := ctlApproachBefore(s), ctlApproachRE.MatchString(s); got != want {
			t.Errorf("ctlApproachBefore(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := ctlHeldMatches(s), ctlHeldRE.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("ctlHeldMatches(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := tollVerbAfterRE.FindStringSubmatchIndex(tollVerbAfterText(s)), tollVerbAfterRE.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("tollVerbAfterRE on %q: cut %v, whole %v", s, got, want)
		}
	}
}
