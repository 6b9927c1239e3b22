package facts

import (
	"path/filepath"
	"testing"
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
