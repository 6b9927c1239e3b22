package facts

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

var fakes = flag.Bool("fakes", false, "print every toll and control claim found in FA-KES (needs ../shared)")

// The -update flag is shared with the other golden tests of the package;
// it is registered here only when no other test file has done so (package
// variables are set before init runs).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fakesPath is FA-KES in the shared material beside the checkout; tests
// that read it skip when it is absent (a user's clone has no ../shared).
const fakesPath = "../../../shared/corpora/fakes-syria/fakes.jsonl"

// loadFakes reads FA-KES lines {"id","title","body"} into Articles the way
// corpus.ParseText reads a text file.
func loadFakes(t testing.TB) []*corpus.Article {
	t.Helper()
	f, err := os.Open(fakesPath)
	if err != nil {
		t.Skipf("FA-KES not available: %v", err)
	}
	defer f.Close()
	var out []*corpus.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() {
		var rec struct{ ID, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("FA-KES line %d: %v", len(out)+1, err)
		}
		a := corpus.ParseText(rec.ID, fakesPath, rec.Body)
		a.Title = rec.Title
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkEvidence fails unless ev is a span of a.Text inside its sentence and
// the sentence itself is cut from a.Text.
func checkEvidence(t *testing.T, a *corpus.Article, ev Evidence, what string) {
	t.Helper()
	if ev.Article != a.ID {
		t.Errorf("%s: evidence article %q, want %q", what, ev.Article, a.ID)
	}
	if ev.Start < 0 || ev.End > len(a.Text) || ev.Start >= ev.End {
		t.Errorf("%s: evidence %d:%d outside text of %d bytes", what, ev.Start, ev.End, len(a.Text))
		return
	}
	span := a.Text[ev.Start:ev.End]
	i := strings.Index(a.Text, ev.Sentence)
	if ev.Sentence == "" || i < 0 {
		t.Errorf("%s: sentence %q is not in the text", what, ev.Sentence)
		return
	}
	// the sentence found must hold the span at its own offsets
	for i >= 0 {
		if i <= ev.Start && ev.End <= i+len(ev.Sentence) {
			return
		}
		j := strings.Index(a.Text[i+1:], ev.Sentence)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	t.Errorf("%s: span %q lies outside its sentence %q", what, span, ev.Sentence)
}

func TestTollsControlVerbatimFakes(t *testing.T) {
	arts := loadFakes(t)
	nt, nc := 0, 0
	for _, a := range arts {
		sents := Sentences(a)
		tolls := extractTolls(a, sents)
		claims := extractControl(a, sents)
		for _, x := range tolls {
			checkEvidence(t, a, x.Evidence, "toll")
			if *fakes {
				fmt.Printf("TOLL %s %d %s %s %s | %s | %s | %s | %q\n", a.ID, x.Count, x.Qualifier, x.Category, x.Subgroup, x.Place, x.Source, x.Scope, a.Text[x.Evidence.Start:x.Evidence.End])
			}
		}
		for _, x := range claims {
			checkEvidence(t, a, x.Evidence, "control")
			if *fakes {
				fmt.Printf("CTL %s %s | %s | %s | %s | %q\n", a.ID, x.Place, x.Controller, x.Status, x.Except, a.Text[x.Evidence.Start:x.Evidence.End])
			}
		}
		nt += len(tolls)
		nc += len(claims)
	}
	t.Logf("%d articles: %d tolls, %d control claims", len(arts), nt, nc)
}

func loadSample(t testing.TB, path string) *corpus.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return corpus.ParseText(strings.TrimSuffix(filepath.Base(path), ".txt"), path, string(b))
}

// golden compares got, as indented JSON, with want.golden.json beside in,
// or rewrites it under -update.
func golden(t *testing.T, in string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := strings.TrimSuffix(in, ".txt") + ".golden.json"
	if updating() {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("%s differs from the golden file; got:\n%s", in, b)
	}
}

// TestTollGolden runs the toll extractor on each testdata/tolls/*.txt, one
// file a pattern, and checks every evidence span is verbatim.
func TestTollGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/tolls/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/tolls/*.txt")
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			a := loadSample(t, in)
			got := extractTolls(a, Sentences(a))
			for _, x := range got {
				checkEvidence(t, a, x.Evidence, "toll")
			}
			if got == nil {
				got = []Toll{}
			}
			golden(t, in, got)
		})
	}
}

func FuzzExtractTollsControl(f *testing.F) {
	for _, s := range []string{
		" date 2024-12-02 The violence in Syria has killed 514 people, mostly combatants but also including 92 civilians, according to the Observatory.",
		"They also seized Aleppo International Airport. Rebels have taken dozens of towns, including Khan Sheikhun and Maaret al-Numan.",
		"Aleppo, the country’s second city, fell out of government control, except for neighbourhoods controlled by Kurdish forces.",
		"more than 1,000,000,000,000,000 people were killed; 45-year-old; 13-15 hours",
		"\xff\xfe killed at least",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := corpus.ParseText("fuzz", "fuzz.txt", text)
		sents := Sentences(a)
		for _, x := range extractTolls(a, sents) {
			if x.Evidence.Start < 0 || x.Evidence.End > len(text) || x.Evidence.Start > x.Evidence.End {
				t.Fatalf("toll evidence %d:%d outside %d bytes", x.Evidence.Start, x.Evidence.End, len(text))
			}
		}
		for _, x := range extractControl(a, sents) {
			if x.Evidence.Start < 0 || x.Evidence.End > len(text) || x.Evidence.Start > x.Evidence.End {
				t.Fatalf("control evidence %d:%d outside %d bytes", x.Evidence.Start, x.Evidence.End, len(text))
			}
		}
	})
}

// benchExtract times one extractor over the articles of a testdata folder.
func benchExtract[T any](b *testing.B, dir string, extract func(*corpus.Article, []Sentence) []T) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	var arts []*corpus.Article
	size := 0
	for _, p := range files {
		a := loadSample(b, p)
		arts = append(arts, a)
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, a := range arts {
			extract(a, Sentences(a))
		}
	}
}

func BenchmarkExtractTolls(b *testing.B)   { benchExtract(b, "tolls", extractTolls) }
func BenchmarkExtractControl(b *testing.B) { benchExtract(b, "control", extractControl) }

func TestTollAdjectiveBeforePeople(t *testing.T) {
	for _, tt := range []struct{ text, category, subgroup string }{
		{"A car bomb killed at least 26 displaced people in the east on Friday, the monitor said.", Killed, "displaced people"},
		{"Some 700,000 displaced Syrians now live in the province, according to the United Nations.", Displaced, ""},
		{"Shelling on the town left 12 injured children in hospital, medics said.", Injured, "children"},
	} {
		a := corpus.ParseText("t", "t.txt", " date 2024-12-03 "+tt.text+"\n")
		got := extractTolls(a, Sentences(a))
		if len(got) != 1 || got[0].Category != tt.category || got[0].Subgroup != tt.subgroup {
			t.Errorf("%q: got %+v, want one %s toll of %s", tt.text, got, tt.category, tt.subgroup)
		}
	}
}

func TestTollJSONVague(t *testing.T) {
	for _, in := range []Toll{
		{Count: 24, Low: 24, Qualifier: Vague, Category: Injured},
		{Count: 12, Low: 12, High: 12, Qualifier: Exact, Category: Killed},
	} {
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if c, ok := m["count"]; !ok || (in.Qualifier == Vague) != (c == nil) {
			t.Errorf("%s: count %v in %s", in.Qualifier, c, b)
		}
		var back Toll
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back != in {
			t.Errorf("round trip: got %+v, want %+v", back, in)
		}
	}
}
