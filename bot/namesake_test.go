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
