package bot

import "testing"

// TestTypoSamePerson: when the names nearest a misspelling are one person
// (a surname and the full name ending in it), the answer is that person's.
func TestTypoSamePerson(t *testing.T) {
	runWorldCases(t, []worldCase{
		{q: "what did gormov say about the ceasefire", top: 2, must: [][]string{{"only road"}, {"answered at the table"}},
			says: []string{"showing results for pavel gromov"}},
		{q: "What did Gromvo say?", top: 2, must: [][]string{{"gromov"}}, says: []string{"showing results for pavel gromov"}},
		{q: "what did gromov say about the ceasefire", top: 2, must: [][]string{{"only road"}, {"answered at the table"}}, never: []string{"showing results"}},
	})
}

func TestSamePerson(t *testing.T) {
	tab := New(nil, Options{}).names
	tests := []struct {
		in          []string
		full, short string
		ok          bool
	}{
		{[]string{"Sergei Lavrov", "Lavrov"}, "Sergei Lavrov", "Lavrov", true},
		{[]string{"Lavrov", "Sergei Lavrov"}, "Sergei Lavrov", "Lavrov", true},
		{[]string{"Gordon Brown", "Craig Brown"}, "", "", false},
		{[]string{"Gordon Brown", "Brown", "Craig Brown"}, "", "", false},
		{[]string{"Peskov"}, "", "", false},
		{[]string{"Sergei Lavrov", "Lavrentiev"}, "", "", false},
	}
	for _, tt := range tests {
		full, short, ok := samePerson(tab, tt.in)
		if ok != tt.ok || ok && (full != tt.full || short != tt.short) {
			t.Errorf("samePerson(%q) = %q, %q, %v; want %q, %q, %v", tt.in, full, short, ok, tt.full, tt.short, tt.ok)
		}
	}
}
