package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

const (
	seed000 = "000_8bee64950d4de325"
	seed003 = "003_0071e63349a40226"
	art100  = "100_accents_quotes"
)

// factIndex syncs the test articles with hand-made facts: a Kremlin
// statement and a State Department one in 000, tolls in 003 and 100, and
// a control claim in 003. The Peskov quote is invented for the test.
func factIndex(t *testing.T) (*Index, []*corpus.Article) {
	t.Helper()
	fake := fakeFacts{byID: map[string]func(a *corpus.Article) facts.Set{
		seed000: func(a *corpus.Article) facts.Set {
			miller := "We want to see all countries use their influence"
			return facts.Set{Statements: []facts.Statement{
				{Article: a.ID, Speaker: "Dmitry Peskov", Role: "Kremlin spokesman", Quote: "de-escalation in Syria", Kind: facts.Partial, Date: "2024-12-02", Evidence: evidence(t, a, "de-escalation in Syria")},
				{Article: a.ID, Speaker: "Matthew Miller", Role: "State Department spokesman", Quote: miller, Kind: facts.Direct, Evidence: evidence(t, a, miller)},
			}}
		},
		seed003: func(a *corpus.Article) facts.Set {
			return facts.Set{
				Tolls:   []facts.Toll{{Article: a.ID, Count: 20, Qualifier: facts.Exact, Category: facts.Killed, Place: "Aleppo", Source: "Syrian Observatory for Human Rights", Scope: facts.Incident, Date: "2024-11-30", Evidence: evidence(t, a, "Aleppo")}},
				Control: []facts.Control{{Article: a.ID, Place: "Aleppo", Controller: "Hayat Tahrir al-Sham", Status: facts.Seized, Source: "war monitor", Date: "2024-12-01", Evidence: evidence(t, a, "Government forces lost control of Syria's second city Aleppo")}},
			}
		},
		art100: func(a *corpus.Article) facts.Set {
			return facts.Set{Tolls: []facts.Toll{{Article: a.ID, Count: 12, Qualifier: facts.Exact, Category: facts.Injured, Place: "Khan Cheïkhoun", Scope: facts.Incident, Evidence: evidence(t, a, "12 people were wounded")}}}
		},
	}}
	ix := openTemp(t)
	arts := testArticles(t)
	st, err := ix.Sync(context.Background(), arts, fake.extract, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Facts != 5 {
		t.Fatalf("Sync indexed %d facts, want 5", st.Facts)
	}
	return ix, arts
}

func TestFacts(t *testing.T) {
	ix, _ := factIndex(t)
	tests := []struct {
		name string
		q    FactQuery
		want []string // speaker, or place of a toll or control, in order when ordered
		any  bool     // order does not matter
	}{
		{"speaker surname", FactQuery{Kind: KindStatement, Speaker: "Peskov"}, []string{"Dmitry Peskov"}, false},
		{"role", FactQuery{Kind: KindStatement, Speaker: "Kremlin spokesman"}, []string{"Dmitry Peskov"}, false},
		{"part of role", FactQuery{Kind: KindStatement, Speaker: "kremlin"}, []string{"Dmitry Peskov"}, false},
		{"name and role", FactQuery{Speaker: "Peskov, Kremlin"}, []string{"Dmitry Peskov"}, false},
		{"shared role word", FactQuery{Speaker: "spokesman"}, []string{"Dmitry Peskov", "Matthew Miller"}, true},
		{"unknown speaker", FactQuery{Speaker: "Putin"}, nil, false},
		{"all statements", FactQuery{Kind: KindStatement}, []string{"Dmitry Peskov", "Matthew Miller"}, true},
		{"tolls by place", FactQuery{Kind: KindToll, Place: "aleppo"}, []string{"toll:Aleppo"}, false},
		{"accented place", FactQuery{Kind: KindToll, Place: "khan cheikhoun"}, []string{"toll:Khan Cheïkhoun"}, false},
		{"category", FactQuery{Kind: KindToll, Category: "Injured"}, []string{"toll:Khan Cheïkhoun"}, false},
		{"control status as category", FactQuery{Category: facts.Seized}, []string{"control:Aleppo"}, false},
		{"all tolls newest first; undated last", FactQuery{Kind: KindToll}, []string{"toll:Aleppo", "toll:Khan Cheïkhoun"}, false},
		{"place of any kind", FactQuery{Place: "Aleppo"}, []string{"toll:Aleppo", "control:Aleppo"}, true},
		{"date filter uses the fact's date", FactQuery{From: date("2024-12-01")}, []string{"Dmitry Peskov", "Matthew Miller", "control:Aleppo"}, true},
		{"toll dated before its article", FactQuery{Kind: KindToll, To: date("2024-11-30")}, []string{"toll:Aleppo", "toll:Khan Cheïkhoun"}, false},
		{"toll date after the filter", FactQuery{Kind: KindToll, From: date("2024-11-21")}, []string{"toll:Aleppo"}, false},
		{"date filter uses the article's date when the fact has none", FactQuery{Kind: KindStatement, To: date("2024-12-02"), From: date("2024-12-02")}, []string{"Dmitry Peskov", "Matthew Miller"}, true},
		{"text ranks within a filter", FactQuery{Kind: KindStatement, Speaker: "spokesman", Text: "influence leverage"}, []string{"Matthew Miller", "Dmitry Peskov"}, false},
		{"text without a filter must match", FactQuery{Kind: KindStatement, Text: "influence leverage"}, []string{"Matthew Miller"}, false},
		{"query syntax in filters", FactQuery{Speaker: "+Peskov", Text: "title:x (\" -Miller"}, []string{"Dmitry Peskov"}, false},
		{"size", FactQuery{Size: 1}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Facts(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, factLabel(t, h))
			}
			if tt.name == "size" {
				if len(got) != 1 {
					t.Errorf("got %d facts, want 1", len(got))
				}
				return
			}
			if tt.any {
				slices.Sort(got)
				slices.Sort(tt.want)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// factLabel names a hit and checks it round-tripped whole.
func factLabel(t *testing.T, h FactHit) string {
	t.Helper()
	n := 0
	label := ""
	if s := h.Statement; s != nil {
		n++
		label = s.Speaker
		if s.Quote == "" || s.Evidence.Article != h.Meta.ID || s.Evidence.Sentence == "" {
			t.Errorf("statement lost fields: %+v", s)
		}
	}
	if tl := h.Toll; tl != nil {
		n++
		label = "toll:" + tl.Place
		if tl.Count == 0 || tl.Category == "" {
			t.Errorf("toll lost fields: %+v", tl)
		}
	}
	if c := h.Control; c != nil {
		n++
		label = "control:" + c.Place
		if c.Controller == "" || c.Status == "" {
			t.Errorf("control lost fields: %+v", c)
		}
	}
	if n != 1 {
		t.Errorf("hit has %d facts set, want 1", n)
	}
	if h.Meta.ID == "" || !strings.HasPrefix(h.Meta.Title, "Title of ") {
		t.Errorf("hit meta %+v", h.Meta)
	}
	return label
}

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestFactsBadKind(t *testing.T) {
	ix := openTemp(t)
	if _, err := ix.Facts(context.Background(), FactQuery{Kind: "rumour"}); err == nil {
		t.Error("unknown kind accepted")
	}
}

// Facts of a changed article are replaced, not added to.
func TestFactsReplacedOnChange(t *testing.T) {
	ix, arts := factIndex(t)
	ctx := context.Background()
	changed := *arts[0]
	changed.Hash = "changed"
	st, err := ix.Sync(ctx, append([]*corpus.Article{&changed}, arts[1:]...), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 || st.Facts != 0 {
		t.Fatalf("sync: %+v", st)
	}
	hits, err := ix.Facts(ctx, FactQuery{Kind: KindStatement})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 0 {
		t.Errorf("statements of the changed article remain: %d", len(hits))
	}
	s, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Facts != 3 {
		t.Errorf("Stats.Facts = %d, want 3", s.Facts)
	}
}

func TestTermsAndNames(t *testing.T) {
	ix, _ := factIndex(t)
	ctx := context.Background()
	got, err := ix.Terms(ctx, "speaker")
	if err != nil {
		t.Fatal(err)
	}
	// the words a Speaker filter meets: names and roles
	if want := []string{"depart", "dmitri", "kremlin", "matthew", "miller", "peskov", "spokesman", "state"}; !slices.Equal(got, want) {
		t.Errorf("Terms(speaker) = %q, want %q", got, want)
	}
	names, err := ix.Names(ctx, "place")
	if err != nil {
		t.Fatal(err)
	}
	want := []Name{{"Aleppo", 2}, {"Khan Cheïkhoun", 1}}
	if !slices.Equal(names, want) {
		t.Errorf("Names(place) = %+v, want %+v", names, want)
	}
	if _, err := ix.Terms(ctx, "json"); err == nil {
		t.Error("Terms of an unlisted field accepted")
	}
}

func TestNewestFactDateFollowsSync(t *testing.T) {
	ix := openTemp(t)
	ctx := context.Background()
	arts := testArticles(t)
	extract := func(a *corpus.Article) facts.Set {
		return facts.Set{Tolls: []facts.Toll{{Article: a.ID, Count: 1, Category: facts.Killed, Date: a.DateString()}}}
	}
	if _, err := ix.Sync(ctx, arts, extract, nil); err != nil {
		t.Fatal(err)
	}
	first, err := ix.newestFactDate(ctx)
	if err != nil || first.IsZero() {
		t.Fatalf("newest fact date %v %v", first, err)
	}
	later := *arts[0]
	later.ID, later.Hash = "later", "later"
	later.Date = first.AddDate(0, 3, 0)
	if _, err := ix.Sync(ctx, append(arts, &later), extract, nil); err != nil {
		t.Fatal(err)
	}
	got, err := ix.newestFactDate(ctx)
	if err != nil || !got.Equal(later.Date) {
		t.Fatalf("after a newer article: %v %v, want %v", got, err, later.Date)
	}
}

// TestSpeakerNewestWindowsSortWhole: a role's many statements, read
// newest first through the month windows, come in the order one whole
// sort gives them (dates spread over two years, several a day).
func TestSpeakerNewestWindowsSortWhole(t *testing.T) {
	var arts []*corpus.Article
	for i := 0; i < 60; i++ {
		id := fmt.Sprintf("spk%02d", i)
		arts = append(arts, corpus.ParseText(id, id+".txt", fmt.Sprintf("Harbour note %d\n\nThe harbour spokesman said the quay would reopen, note %d.\n", i, i)))
	}
	extract := func(a *corpus.Article) facts.Set {
		var n int
		fmt.Sscanf(a.ID, "spk%d", &n)
		q := fmt.Sprintf("the quay would reopen, note %d", n)
		day := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (n*37)%700).Format("2006-01-02")
		return facts.Set{Statements: []facts.Statement{{Article: a.ID, Speaker: "Ann Lund", Role: "harbour spokesman", Quote: q, Kind: facts.Reported, Date: day, Evidence: evidence(t, a, q)}}}
	}
	ix := openTemp(t)
	if _, err := ix.Sync(context.Background(), arts, extract, nil); err != nil {
		t.Fatal(err)
	}
	read := func(max int) []string {
		ix.speakerSortMax = max
		hits, err := ix.Facts(context.Background(), FactQuery{Kind: KindStatement, Speaker: "spokesman", Size: 12})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.Statement.Date+" "+h.Meta.ID)
		}
		return out
	}
	whole, windows := read(1000), read(1)
	if len(whole) != 12 || !slices.Equal(whole, windows) {
		t.Errorf("newest statements differ:\nsorted whole %q\nwindows      %q", whole, windows)
	}
}
