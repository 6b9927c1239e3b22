package facts

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// checkSet reports every fact of a whose quote or evidence is not cut
// verbatim from a.Text, or whose offsets fall outside it.
func checkSet(a *corpus.Article, set Set) []string {
	var bad []string
	ev := func(kind string, e Evidence) {
		switch {
		case e.Start < 0 || e.End > len(a.Text) || e.Start > e.End:
			bad = append(bad, kind+": offsets outside the text")
		case !strings.Contains(a.Text, e.Sentence):
			bad = append(bad, kind+": sentence not verbatim: "+e.Sentence)
		case e.Article != a.ID:
			bad = append(bad, kind+": evidence names article "+e.Article)
		}
	}
	for _, s := range set.Statements {
		ev("statement", s.Evidence)
		if s.Kind != Reported && !strings.Contains(a.Text, s.Quote) {
			bad = append(bad, "quote not verbatim: "+s.Quote)
		}
	}
	for _, t := range set.Tolls {
		ev("toll", t.Evidence)
	}
	for _, c := range set.Control {
		ev("control", c.Evidence)
	}
	return bad
}

// TestVerbatimAllTestdata extracts from every corpus the repository holds
// (the bundled sample and each package's testdata) and finds no quote or
// evidence that is not verbatim.
func TestVerbatimAllTestdata(t *testing.T) {
	dirs := []string{"../sample", "../testdata", "testdata", "../../index/testdata/articles", "../../bot/testdata/corpus"}
	n := 0
	for _, dir := range dirs {
		loaded, err := corpus.LoadDir(context.Background(), dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, a := range loaded.Articles {
			set := Extract(a)
			n += len(set.Statements) + len(set.Tolls) + len(set.Control)
			for _, b := range checkSet(a, set) {
				t.Errorf("%s %s: %s", dir, a.ID, b)
			}
		}
	}
	if n == 0 {
		t.Fatal("no facts extracted from testdata")
	}
	t.Logf("%d facts checked", n)
}

// BenchmarkVerbatimSharedCorpora is the same check over every real corpus
// in ../shared (FA-KES, BBC, PolNeAR): it fails on the first fact that is
// not verbatim, and reports the extraction rate.
func BenchmarkVerbatimSharedCorpora(b *testing.B) {
	const root = "../../../shared/corpora"
	if _, err := os.Stat(root); err != nil {
		b.Skip("shared corpora not available")
	}
	loaded, err := corpus.LoadDir(context.Background(), root)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, a := range loaded.Articles {
		size += int64(len(a.Text))
	}
	b.SetBytes(size)
	facts := 0
	for b.Loop() {
		facts = 0
		for _, a := range loaded.Articles {
			set := Extract(a)
			facts += len(set.Statements) + len(set.Tolls) + len(set.Control)
			if bad := checkSet(a, set); len(bad) > 0 {
				b.Fatalf("%s: %s", a.ID, bad[0])
			}
		}
	}
	b.ReportMetric(float64(len(loaded.Articles)), "articles")
	b.ReportMetric(float64(facts), "facts")
}
