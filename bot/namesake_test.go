package bot

import (
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus/facts"
)

// TestNamesakeNotRoleWords: a surname with a nationality or a role before
// it ("Russian Petrenko", "Spokesman Petrenko") is the same man as the
// full name in his articles, not a namesake to name in a note; a second
// given name is one.
func TestNamesakeNotRoleWords(t *testing.T) {
	f := loadFixture(t)
	ans := func(speaker, article string) Answer {
		return Answer{Speaker: speaker, Kind: facts.Direct, Source: Source{Article: article}, Text: speaker + " said: “we hold the bridge”"}
	}
	r := Response{Answers: []Answer{ans("Oleg Petrenko", "a1"), ans("Russian Petrenko", "a1"), ans("Spokesman Petrenko", "a1")}}
	f.eng.namesakes(&r, query{Speaker: "petrenko", Topic: "bridge"})
	if note := strings.Join(r.Notes, " "); strings.Contains(note, "Also named") {
		t.Errorf("role words read as a namesake: %q", note)
	}
	if len(r.Answers) != 3 {
		t.Errorf("kept %d answers, want 3", len(r.Answers))
	}
	r = Response{Answers: []Answer{ans("Oleg Petrenko", "a1"), ans("Ivan Petrenko", "a2")}}
	f.eng.namesakes(&r, query{Speaker: "petrenko", Topic: "bridge"})
	if note := strings.Join(r.Notes, " "); !strings.Contains(note, "Ivan Petrenko") {
		t.Errorf("a second Petrenko not named: %q", note)
	}
}

// TestNamesakeJointAndPossessive: "Tony Hale and Per Holm" is two people,
// never the namesake picked for "Hale"; with a topic the one quoted most
// on the page is picked, not the first answer's; a speaker whose role
// holds the name only as another's possessive ("a member of Mira Hale's
// chambers") is not answered for "Hale".
func TestNamesakeJointAndPossessive(t *testing.T) {
	f := loadFixture(t)
	ans := func(speaker, role, article string) Answer {
		return Answer{Speaker: speaker, Role: role, Kind: facts.Direct, Source: Source{Article: article}, Text: speaker + " said: “the harbour war”"}
	}
	r := Response{Answers: []Answer{
		ans("Tom Hale and Per Holm", "", "a1"),
		ans("Ann Hale", "", "a2"),
		ans("Tom Hale", "", "a3"), ans("Tom Hale", "", "a4"), ans("Tom Hale", "", "a5"),
	}}
	f.eng.namesakes(&r, query{Speaker: "hale", Topic: "war"})
	if !strings.HasPrefix(r.Headline, "3 quotes from Tom Hale") {
		t.Errorf("picked %q, want Tom Hale (three quotes on the page)", r.Headline)
	}
	if note := strings.Join(r.Notes, " "); !strings.Contains(note, "Ann Hale") || strings.Contains(note, "Per Holm") {
		t.Errorf("note %q: want Ann Hale named, the joint speaker not", note)
	}
	if !onlyPossessive(ans("Per Holm", "a member of Mira Hale's chambers", "a6"), "Hale") {
		t.Error("a role holding Hale's possessive read as Hale")
	}
	if onlyPossessive(ans("Tom Hale", "", "a6"), "Hale") || onlyPossessive(ans("Per Holm", "Hale spokesman", "a6"), "Hale") {
		t.Error("Hale himself, or Hale's spokesman by role, dropped")
	}
}
