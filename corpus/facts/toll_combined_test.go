package facts

import (
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// TestJointTollsLeftOut: a figure of the dead and the wounded together is
// neither; a sentence that gives each its own figure keeps both.
func TestJointTollsLeftOut(t *testing.T) {
	text := "Harbour blast\n\n" +
		"At least 48 people were killed and wounded in the blast at the harbour on Monday, the coast guard said.\n\n" +
		"Hospital staff said 19 Killed and Injured in the fire was the town's worst toll in years.\n\n" +
		"A second blast killed six people and injured 32 in the fish market, the coast guard said.\n\n" +
		"About 440 sailors were either dead or missing after the storm, the minister said.\n"
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
	if _, ok := got[440]; ok {
		t.Errorf("440 dead or missing stated as %s", got[440])
	}
	if got[6] != Killed || got[32] != Injured {
		t.Errorf("separate figures lost: %v", got)
	}
}

// TestDisasterTotalsNotWar: a great figure whose sentence names no war is
// its article's disaster's, not a war's; one that names the war stays it.
func TestDisasterTotalsNotWar(t *testing.T) {
	quake := corpus.ParseText("quake", "quake.txt", "Earthquake toll rises\n\n"+
		"Rescue teams searched the coast on Monday.\n\n"+
		"More than 150,000 people have been killed across the region, the UN said.\n")
	war := corpus.ParseText("war", "war.txt", "Earthquake aid stalls in the war zone\n\n"+
		"The war has killed more than 300,000 people since 2011, the UN said.\n")
	thai := corpus.ParseText("thai", "thai.txt", "Tsunami relief reaches the coast\n\n"+
		"Aid arrived in Phuket on Monday.\n\n"+
		"In Thailand more than 5,000 people were killed, officials said.\n")
	for _, c := range []struct {
		a    *corpus.Article
		want string
	}{{quake, Incident}, {war, War}, {thai, Incident}} {
		ts := Extract(c.a).Tolls
		if len(ts) != 1 || ts[0].Scope != c.want {
			t.Errorf("%s: tolls %+v, want one of scope %s", c.a.ID, ts, c.want)
		}
	}
}
