package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// twinIndex indexes n articles with the same text (wire copy run by many
// outlets), one update each and in descending id order, so bleve meets
// them in the reverse of id order and across many segments. Each carries
// one toll of the same date.
func twinIndex(t *testing.T, n int) *Index {
	t.Helper()
	ix := openTemp(t)
	const text = "Rescue teams searched the rubble in Zarqa on Monday after the quake killed 14 people.\n\nThe governor said schools would stay shut."
	extract := func(a *corpus.Article) facts.Set {
		return facts.Set{Tolls: []facts.Toll{{Article: a.ID, Count: 14, Qualifier: facts.Exact, Category: facts.Killed, Place: "Zarqa", Scope: facts.Incident, Date: "2025-03-03", Evidence: evidence(t, a, "the quake killed 14 people")}}}
	}
	for i := n - 1; i >= 0; i-- {
		a := corpus.ParseText(fmt.Sprintf("twin-%02d", i), "", text)
		a.Title, a.Outlet = "Quake in Zarqa", fmt.Sprintf("wire %d", i)
		if _, err := ix.Update(context.Background(), []*corpus.Article{a}, nil, extract); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// Equal scores and equal dates are ordered by article id, on the page and
// at its edge, whatever order bleve met the documents in.
func TestTiesOrderedByID(t *testing.T) {
	ix := twinIndex(t, 12)
	ctx := context.Background()
	want := []string{"twin-00", "twin-01", "twin-02", "twin-03", "twin-04"}
	for _, r := range []SearchRequest{
		{Text: "rubble Zarqa", Size: 5},
		{Text: "searched the rubble", Phrase: true, Size: 5},
	} {
		hits, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Meta.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Search(%+v) = %v, want %v", r, got, want)
		}
	}
	for _, q := range []FactQuery{
		{Kind: KindToll, Size: 5},
		{Kind: KindToll, Place: "Zarqa", Size: 5},
		{Kind: KindToll, Text: "quake", Size: 5},
	} {
		fh, err := ix.Facts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range fh {
			got = append(got, h.Meta.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Facts(%+v) = %v, want %v", q, got, want)
		}
	}
}

// Scores a few ulps apart are the same sum added in another order (the
// documents in other segments): they tie, and the tie is in id order.
func TestScoresEqualButForRoundingTie(t *testing.T) {
	x, y, z := 0.1, 0.2, 0.3
	one := x + y + z
	other := z + y + x
	if one == other {
		t.Fatal("want two sums a rounding apart")
	}
	hits := search.DocumentMatchCollection{
		{ID: "p:c:0", Score: 2},
		{ID: "p:b:0", Score: one},
		{ID: "p:a:0", Score: other},
		{ID: "p:d:0", Score: 0.5},
	}
	orderTies(hits)
	var got []string
	for _, h := range hits {
		got = append(got, h.ID)
	}
	if want := []string{"p:c:0", "p:a:0", "p:b:0", "p:d:0"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if sameScore(1, 1.000001) {
		t.Error("scores a millionth apart are not a tie")
	}
}

// A tie on the last day of a newest-first page is read as that day alone:
// the days after it come first, then the tied day's facts in id order.
func TestNewestFirstTieAfterLaterDays(t *testing.T) {
	ix := twinIndex(t, 12)
	ctx := context.Background()
	for i, day := range []string{"2025-03-05", "2025-03-04", "2025-03-05"} {
		a := corpus.ParseText(fmt.Sprintf("later-%d", i), "", "Rescue teams in Zarqa found more dead after the quake killed 20 people.")
		day := day
		extract := func(a *corpus.Article) facts.Set {
			return facts.Set{Tolls: []facts.Toll{{Article: a.ID, Count: 20, Qualifier: facts.Exact, Category: facts.Killed, Place: "Zarqa", Scope: facts.Incident, Date: day, Evidence: evidence(t, a, "the quake killed 20 people")}}}
		}
		if _, err := ix.Update(ctx, []*corpus.Article{a}, nil, extract); err != nil {
			t.Fatal(err)
		}
	}
	fh, err := ix.Facts(ctx, FactQuery{Kind: KindToll, Size: 6})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range fh {
		got = append(got, h.Meta.ID)
	}
	if want := []string{"later-0", "later-2", "later-1", "twin-00", "twin-01", "twin-02"}; !slices.Equal(got, want) {
		t.Errorf("newest first = %v, want %v", got, want)
	}
}
