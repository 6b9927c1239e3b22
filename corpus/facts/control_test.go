package facts

import (
	"path/filepath"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// TestControlGolden runs the control extractor on each
// testdata/control/*.txt, one file a pattern, and checks every evidence
// span is verbatim.
func TestControlGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/control/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/control/*.txt")
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			a := loadSample(t, in)
			got := extractControl(a, Sentences(a))
			for _, x := range got {
				checkEvidence(t, a, x.Evidence, "control")
			}
			if got == nil {
				got = []Control{}
			}
			golden(t, in, got)
		})
	}
}

// TestControlNotOfApproaches: holding the roads to a city, or reaching
// its outskirts, is no claim about the city; "rebel-held" after "the
// roads into" still is one.
func TestControlNotOfApproaches(t *testing.T) {
	a := corpus.ParseText("approach", "approach.txt", "Roads cut\n\n"+
		"The YPG has gained control of all the roads leading to the northern city of Raqqa.\n\n"+
		"Government forces seized the town of Saraqeb on Monday, the army said.\n")
	var places []string
	for _, c := range Extract(a).Control {
		places = append(places, c.Place)
	}
	if len(places) != 1 || places[0] != "Saraqeb" {
		t.Errorf("control places %q, want only Saraqeb", places)
	}
}
