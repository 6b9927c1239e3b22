package facts

import (
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// TestJointTollsLeftOut: a figure of the dead and the wounded together is
// neither; a sentence that gives each its own figure keeps both.
func TestJointTollsLeftOut(t *testing.T) {
	text := " date 2024-12-03 Harbour blast\n\n" +
		"At least 48 people were killed and wounded in the blast at the harbour on Monday, the coast guard said.\n\n" +
		"Hospital staff said 19 Killed and Injured in the fire was the town's worst toll in years.\n\n" +
		"A second blast killed six people and injured 32 in the fish market, the coast guard said.\n"
	a := corpus.ParseText("joint", "joint.txt", text)
	got := map[int64]string{}
	for _, tl := range Extract(a).Tolls {
		got[tl.Count] = tl.Category
	}
	if _, ok := got[48]; ok {
		t.Errorf("48 killed and wounded stated as %s", got[48])
	}
	if _, ok := got[19]; ok {
		t.Errorf("19 killed and injured stated as %s", got[19])
	}
	if got[6] != Killed || got[32] != Injured {
		t.Errorf("separate figures lost: %v", got)
	}
}
