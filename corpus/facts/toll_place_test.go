package facts

import (
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// TestTollPlace checks the place each toll of a sentence is given: only
// the place its own clause names, never one item of a list, the place of
// a part, a place in another clause, or where people come from.
func TestTollPlace(t *testing.T) {
	for _, tt := range []struct {
		text  string
		count int64
		place string
	}{
		// a figure over a list of places: the list's region or none
		{"The worst-hit areas are Chile, Peru and Bolivia, with at least 800 people dead.", 800, ""},
		{"Floods hit Chile, Peru and Bolivia in South America, killing at least 800 people.", 800, "Latin America"},
		{"Storms killed 40 people in Madrid and Lisbon on Sunday.", 40, ""},
		// a total given with a part: the part's place is not the total's
		{"Peru had 500 of the 800 deaths recorded so far.", 800, ""},
		{"Some 90 people were arrested worldwide, 30 of them in Spain.", 90, ""},
		{"At least 90 people were arrested around the world, 30 of them in Spain.", 90, ""},
		{"Police arrested 90 people across Europe, 30 of them in Spain.", 90, "Europe"},
		// a place in another clause, with a verb of its own
		{"Families began a campaign in Ireland after the bombs which killed six people.", 6, ""},
		{"Eight others died on the ferry, which was bound for Crete.", 8, ""},
		{"A vigil was held in Oslo on Sunday; 14 people died in the fire.", 14, ""},
		// where people come from or were going to
		{"Three people from Scotland died in the crash.", 3, ""},
		{"Three people from Scotland died in Spain on Sunday.", 3, "Spain"},
		{"The plane came down as it left for Lisbon, and 12 people died.", 12, ""},
		// the place of the figure's own clause is still taken
		{"A car bomb killed 12 people in Baghdad on Monday.", 12, "Baghdad"},
		// the place of the clause after "while" is that clause's figure's
		{"Air strikes on Saraqeb killed 17 civilians while shelling on the town of Ariha killed another two.", 17, "Saraqeb"},
		// a time after "since" or "after" is no clause of its own
		{"Shelling on Aleppo since Friday has killed 40 civilians, medics said.", 40, "Aleppo"},
		{"Air strikes on Baghdad after dawn had killed 12 people by noon.", 12, "Baghdad"},
		{"The bombing in Madrid, which was claimed by a local cell, killed 191 people.", 191, "Madrid"},
		{"In Lima, where 30 people died, the clean-up began on Monday.", 30, "Lima"},
		{"Sri Lanka faces a large bill after the storm which killed more than 3,000 of its people.", 3000, "Sri Lanka"},
		{"Air strikes on Aleppo killed 15 people and wounded 40 others.", 40, "Aleppo"},
		{"Some 2,000 people fled from Aleppo last week.", 2000, "Aleppo"},
		{"At least 40 fighters from Idlib have died in battles in Hama since May.", 40, "Hama"},
		{"The war in Yemen which began in 2014 has killed more than 10,000 people.", 10000, "Yemen"},
		{"The conflict in Yemen which flared in 2014 has killed 10,000 people and displaced millions.", 2000000, "Yemen"},
		{"Lebanon has been in turmoil since the talks collapsed in May, and the unrest has left 30 people dead.", 30, "Lebanon"},
		{"Homs has been under heavy shelling since early March which has killed more than 90 civilians.", 90, "Homs"},
		{"For weeks in Idlib the army - with Russian jets overhead - has pounded the province, killing 25 people.", 25, "Idlib"},
		{"Gunmen attacked a market in Hama city and Hama countryside, killing 11 people.", 11, "Hama province"},
		{"Four civilians were killed when shells hit homes in Hama city and Hama countryside.", 4, "Hama"},
		{"A civil war broke out in Yemen in 2014 and has since killed more than 10,000 people.", 10000, "Yemen"},
		{"The war in Yemen which started in 2014 with protests in the capital but soon grew into a regional conflict has killed 10,000 people.", 10000, "Yemen"},
		{"Aid reached Douma, a town east of the capital where 14 people died on Monday.", 14, "Douma"},
		{"Fighting raged on Homs's northern edge where 21 civilians have been killed since Friday.", 21, "Homs"},
		{"Officials condemned the bombing in the town of Jableh in Latakia province which killed at least 30 people.", 30, "Latakia province"},
	} {
		a := corpus.ParseText("t", "t.txt", " date 2005-01-10 "+tt.text+"\n")
		found := false
		for _, x := range extractTolls(a, Sentences(a)) {
			if x.Count != tt.count {
				continue
			}
			found = true
			if x.Place != tt.place {
				t.Errorf("%q: toll of %d placed in %q, want %q", tt.text, tt.count, x.Place, tt.place)
			}
		}
		if !found {
			t.Errorf("%q: no toll of %d", tt.text, tt.count)
		}
	}
}

// TestTollFallbackPlace checks that a sentence pointing back to an event
// takes the place of the event's clause before it, never a place named
// for something else.
func TestTollFallbackPlace(t *testing.T) {
	for _, tt := range []struct{ text, place string }{
		{"The minister met his counterpart in Oslo on Monday to discuss the bombing of a bar in Tel Aviv. The attack killed four people.", "Tel Aviv"},
		{"The minister flew to Oslo on Monday for talks on trade. The attack killed four people.", ""},
		{"A bomb exploded at a market in Basra on Monday. The blast killed four people.", "Basra"},
		{"Rebels attacked a town on the country's border with Jordan. Warplanes struck back. It said 12 rebels were killed.", ""},
		{"Talks in Geneva were backed by Russia and Iran. Mortar rounds hit a square in the city on Saturday. The attack killed three people.", ""},
		{"The market town of Ariha lies on the main road south of the city. It said 27 people were killed.", "Ariha"},
		{"The paper once printed a stereotype of Liverpool. It blamed Liverpool fans for the stadium disaster in which 96 died.", ""},
	} {
		a := corpus.ParseText("t", "t.txt", " date 2005-01-10 "+tt.text+"\n")
		got := extractTolls(a, Sentences(a))
		if len(got) != 1 || got[0].Place != tt.place {
			t.Errorf("%q: got %+v, want one toll placed in %q", tt.text, got, tt.place)
		}
	}
}
