package index

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// testArticles reads index/testdata/articles/*.txt; an article's id is its
// file name without .txt, as in the corpus.
func testArticles(t testing.TB) []*corpus.Article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	sort.Strings(paths)
	var out []*corpus.Article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		a := corpus.ParseText(id, p, string(b))
		a.Title = "Title of " + id
		a.Outlet = "testwire"
		out = append(out, a)
	}
	return out
}

// openTemp opens a new index in a fresh temporary directory, closed when
// the test ends.
func openTemp(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return ix
}

// syncedTemp is openTemp with the test articles synced, without facts.
func syncedTemp(t testing.TB) (*Index, []*corpus.Article) {
	t.Helper()
	ix := openTemp(t)
	arts := testArticles(t)
	if _, err := ix.Sync(context.Background(), arts, nil, nil); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	return ix, arts
}

// fakeFacts is an extractor returning hand-made facts for the articles in
// byID, with evidence cut from the article so it is verbatim.
type fakeFacts struct {
	byID map[string]func(a *corpus.Article) facts.Set
}

func (f fakeFacts) extract(a *corpus.Article) facts.Set {
	if fn := f.byID[a.ID]; fn != nil {
		return fn(a)
	}
	return facts.Set{}
}

// evidence cuts the first occurrence of quote from a's text.
func evidence(t testing.TB, a *corpus.Article, quote string) facts.Evidence {
	t.Helper()
	i := strings.Index(a.Text, quote)
	if i < 0 {
		t.Fatalf("%q not in %s", quote, a.ID)
	}
	return facts.Evidence{Article: a.ID, Start: i, End: i + len(quote), Sentence: quote}
}

func articleIDs(hits []Hit) []string {
	seen := map[string]bool{}
	var out []string
	for _, h := range hits {
		if !seen[h.Meta.ID] {
			seen[h.Meta.ID] = true
			out = append(out, h.Meta.ID)
		}
	}
	sort.Strings(out)
	return out
}
