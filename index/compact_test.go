package index

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// TestCompactKeepsSegmentBound builds the same archive twice, with the
// usual segment bound and with one a tenth of its documents, in many small
// batches: Compact leaves one segment under the first and several under the
// second, and every search and fact query answers the same, hit for hit
// and score for score, since scores come from the whole index's
// statistics, not a segment's.
func TestCompactKeepsSegmentBound(t *testing.T) {
	var arts []*corpus.Article
	for c := 0; c < 30; c++ {
		for _, a := range testArticles(t) {
			arts = append(arts, copyArticle(a, c))
		}
	}
	build := func(segDocs int64) *Index {
		ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{segmentDocs: segDocs})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		ix.batchOps = 50
		st, err := ix.Sync(context.Background(), arts, facts.Extract, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Compact(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Logf("bound %d: %d passages, %d facts, %d segments", segDocs, st.Passages, st.Facts, ix.segments())
		return ix
	}
	one := build(0)
	if n := one.segments(); n != 1 {
		t.Fatalf("default bound: %d segments after Compact, want 1", n)
	}
	st, err := one.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs := int64(st.Articles + st.Passages + st.Facts)
	bound := docs / 10
	many := build(bound)
	// segments hold between half the bound and the bound
	if n := int64(many.segments()); n < docs/bound || n > 2*docs/bound+1 {
		t.Fatalf("bound %d of %d documents: %d segments after Compact, want %d to %d", bound, docs, n, docs/bound, 2*docs/bound+1)
	}

	ctx := context.Background()
	for _, r := range []SearchRequest{
		{Text: "Aleppo"},
		{Text: "Observatory for Human Rights", Phrase: true},
		{Text: "government forces said", Size: 30},
	} {
		sameAnswers(t, "Search", r, func(ix *Index) ([]Hit, error) { return ix.Search(ctx, r) }, one, many)
	}
	for _, q := range []FactQuery{
		{Kind: KindToll},
		{Kind: KindStatement, Text: "ceasefire talks"},
		{Kind: KindControl, Size: 30},
		{Text: "killed"},
	} {
		sameAnswers(t, "Facts", q, func(ix *Index) ([]FactHit, error) { return ix.Facts(ctx, q) }, one, many)
	}
}

// sameAnswers asks one and many the same question and fails unless both
// answer, with the same hits.
func sameAnswers[Q, H any](t *testing.T, what string, q Q, ask func(*Index) ([]H, error), one, many *Index) {
	t.Helper()
	a, err := ask(one)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ask(many)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("%s(%+v): %d hits in one segment, %d in several, or they differ", what, q, len(a), len(b))
	}
}
