package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus/names"
)

// "Did you mean" names only people and places the archive has facts
// about, never an entry of the alias table or the world gazetteer that no
// article mentions ("Isle of Man" for "Idlb"), nor the name asked.
func TestSuggestionsAreHeld(t *testing.T) {
	f := loadFixture(t)
	var texts []string
	for _, text := range f.texts {
		texts = append(texts, names.Key(text))
	}
	all := " " + strings.Join(texts, " ") + " "
	suggested := 0
	for _, q := range []string{
		"How many were killed in Idlb?",
		"How many were killed in Alepo province?",
		"What did Peskof say about the talks?",
		"What did Emmanuel Macron say?",
		"Who controls Homz?",
		"What did Angela Merkel say about Syria?",
	} {
		r := f.eng.Answer(context.Background(), Request{Text: q})
		for _, s := range r.Suggestions {
			suggested++
			if !strings.Contains(all, " "+names.Key(s)+" ") && !heldPart(all, s) {
				t.Errorf("%q suggests %q, which no article of the archive names", q, s)
			}
		}
	}
	if suggested == 0 {
		t.Log("no suggestions made")
	}
}

// heldPart reports whether the archive names the last word of s (a
// surname), which is how a canonical full name is often met in copy.
func heldPart(all, s string) bool {
	w := strings.Fields(names.Key(s))
	return len(w) > 0 && strings.Contains(all, " "+w[len(w)-1]+" ")
}
