package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func testAnalyzer(t *testing.T) analysis.Analyzer {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func terms(a analysis.Analyzer, s string) []string {
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

func TestAnalyzerFormsMeet(t *testing.T) {
	a := testAnalyzer(t)
	groups := []struct {
		name  string
		forms []string
	}{
		{"assad", []string{"Assad", "Assad's", "Assad’s", "ASSAD'S", "al-Assad", "Al-Assad’s", "Al Assad", "al‑Assad", "el-Assad", "Assads"}},
		{"bashar assad", []string{"Bashar Assad", "Bashar al-Assad", "Bashar Al Assad", "Bashar Assad's", "BASHAR AL-ASSAD’S"}},
		{"khan cheikhoun", []string{"Khan Cheikhoun", "KHAN CHEÏKHOUN", "khan chéikhoun", "Khān Cheikhoun"}},
		{"sham", []string{"Sham", "ash-Sham", "as-Sham", "Ash-Sham"}},
		{"raqqa", []string{"Raqqa", "ar-Raqqa", "Raqqa's"}},
		{"syria", []string{"Syria", "Syria's", "Syria’s", "Syrias"}},
		{"seize", []string{"seized", "seizing", "seizes"}},
		{"quote", []string{"“quote”", "‘quote’", "\"quote\"", "'quote'"}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			want := terms(a, g.forms[0])
			if len(want) == 0 {
				t.Fatalf("%q analyses to nothing", g.forms[0])
			}
			for _, f := range g.forms[1:] {
				if got := terms(a, f); !slices.Equal(got, want) {
					t.Errorf("%q -> %q, want %q (as %q)", f, got, want, g.forms[0])
				}
			}
		})
	}
}

func TestAnalyzerTokens(t *testing.T) {
	a := testAnalyzer(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"BEIRUT:Syria’s", []string{"beirut", "syria"}},
		{"title:x", []string{"titl", "x"}},
		{"+Aleppo -Hama", []string{"aleppo", "hama"}},
		{"don't", []string{"dont"}},
		{"as well as", []string{"well"}},        // "as" alone is English, a stop word
		{"ash cloud", []string{"ash", "cloud"}}, // "ash" alone is kept
		{"Al", []string{"al"}},                  // nothing follows: kept
		{"+-:^~\"()", nil},
		{"50,000 people", []string{"50,000", "peopl"}},
	}
	for _, tt := range tests {
		if got := terms(a, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%q -> %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Offsets must point at the original bytes, whatever folding did to the
// term: highlights are cut from the stored text with them.
func TestAnalyzerOffsetsVerbatim(t *testing.T) {
	a := testAnalyzer(t)
	in := "Khān Cheïkhoun, “Al Assad’s” men — al‑Numan; BEIRUT:Syria"
	toks := a.Analyze([]byte(in))
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	for i, tok := range toks {
		word := in[tok.Start:tok.End]
		if got := terms(a, word); len(got) != 1 || got[0] != string(tok.Term) {
			t.Errorf("token %q at [%d,%d) is %q, which analyses to %q", tok.Term, tok.Start, tok.End, word, got)
		}
		if tok.Position != i+1 {
			t.Errorf("token %q position %d, want %d", tok.Term, tok.Position, i+1)
		}
		if strings.ContainsAny(word, " ,;“”") {
			t.Errorf("token %q spans %q", tok.Term, word)
		}
	}
}

func TestPairsAnalyzer(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(pairsAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"Syrian Observatory for Human Rights", []string{"syrian observatori", "observatori _", "_ human", "human right"}},
		{"Bashar al-Assad's", []string{"bashar assad"}},
		{"Bashar Al Assad", []string{"bashar assad"}},
		{"Aleppo", nil},
	}
	for _, tt := range tests {
		if got := terms(a, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%q -> %q, want %q", tt.in, got, tt.want)
		}
	}
}
