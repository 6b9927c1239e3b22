package facts

import (
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// A figure that counts two categories at once ("missing or displaced") is
// neither: Extract leaves it out, whichever the second category is.
func TestTollJointDisplaced(t *testing.T) {
	for _, text := range []string{
		"The register lists 700 villagers as missing or displaced after the mudslide.",
		"At least 90 people were killed or displaced when the dam gave way.",
	} {
		a := corpus.ParseText("joint", "joint.txt", text)
		if got := Extract(a).Tolls; len(got) != 0 {
			t.Errorf("%q: got %+v, want no toll", text, got)
		}
	}
	a := corpus.ParseText("single", "single.txt", "At least 90 people were displaced when the dam gave way.")
	if got := Extract(a).Tolls; len(got) != 1 || got[0].Count != 90 || got[0].Category != Displaced {
		t.Errorf("got %+v, want 90 displaced", got)
	}
}

// The size of a figure no cue scopes says "campaign" only in an article
// about armed conflict or a disaster.
func TestTollScopeBySize(t *testing.T) {
	for _, tt := range []struct{ text, scope string }{
		{"Clashes in the north\n\nAbout 250 people were injured in the north.", Offensive},
		{"Riots in the suburbs\n\nAbout 250 people were injured in the suburbs overnight.", ""},
		{"Flood waters recede\n\nAbout 250 people were injured in the north.", Incident},
	} {
		a := corpus.ParseText("scope", "scope.txt", tt.text)
		got := Extract(a).Tolls
		if len(got) != 1 || got[0].Scope != tt.scope {
			t.Errorf("%q: got %+v, want one toll of scope %q", tt.text, got, tt.scope)
		}
	}
}

// "homeless or without food" counts more than the homeless.
func TestTollHomelessOrWithout(t *testing.T) {
	a := corpus.ParseText("without", "without.txt", "About 90 people were killed and two million left homeless or without food after the cyclone.")
	got := Extract(a).Tolls
	if len(got) != 1 || got[0].Count != 90 || got[0].Category != Killed {
		t.Errorf("got %+v, want only the 90 killed", got)
	}
}
