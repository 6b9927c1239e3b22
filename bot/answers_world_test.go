package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// The world fixture is an index over testdata/world alone: short invented
// wire stories, some dated and some not, about places of the Syrian and
// of the world gazetteer.
var (
	worldOnce sync.Once
	worldFix  *fixture
	worldErr  error
	worldDir  string
)

func loadWorld(t testing.TB) *fixture {
	t.Helper()
	worldOnce.Do(func() {
		loaded, err := corpus.LoadDir(context.Background(), "testdata/world")
		if err != nil {
			worldErr = err
			return
		}
		// the fixture outlives the test that first loads it: TestMain
		// removes the folder
		var dir string
		if dir, err = os.MkdirTemp("", "bot-world-"); err != nil {
			worldErr = err
			return
		}
		worldDir = dir
		ix, err := index.Open(filepath.Join(dir, "idx"), index.Options{})
		if err != nil {
			worldErr = err
			return
		}
		if _, err := ix.Sync(context.Background(), loaded.Articles, facts.Extract, nil); err != nil {
			worldErr = err
			return
		}
		f := &fixture{eng: New(ix, Options{}), ix: ix, texts: map[string]string{}}
		for _, a := range loaded.Articles {
			f.texts[a.ID] = a.Text
			f.set.Add(facts.Extract(a))
		}
		worldFix = f
	})
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	return worldFix
}

// worldCase is a question over testdata/world and what its reply must
// hold: says in the headline or notes, must in the top answers, never in
// the top answers nor in the headline.
type worldCase struct {
	q     string
	top   int
	must  [][]string
	never []string
	says  []string
	cites []string
}

func runWorldCases(t *testing.T, cases []worldCase) {
	t.Helper()
	f := loadWorld(t)
	for _, tt := range cases {
		t.Run(tt.q, func(t *testing.T) {
			r := ask(t, f, tt.q)
			checkVerbatim(t, f, tt.q, r)
			said := strings.ToLower(r.Headline + " " + strings.Join(r.Notes, " "))
			for _, s := range tt.says {
				if !strings.Contains(said, strings.ToLower(s)) {
					t.Errorf("headline and notes lack %q:\n%s", s, Render(r))
				}
			}
			for _, bad := range tt.never {
				if strings.Contains(strings.ToLower(r.Headline), strings.ToLower(bad)) {
					t.Errorf("headline says %q:\n%s", bad, Render(r))
				}
			}
			if tt.top > 0 {
				if len(r.Answers) == 0 {
					t.Fatalf("no answers:\n%s", Render(r))
				}
				checkTop(t, r, tt.top, tt.must, tt.never, tt.cites)
			}
		})
	}
}

// TestDateFilterNearest: a date that leaves no figure says so for the
// place asked (read as a place in any case), and offers the newest figure
// before and the oldest after; figures that carry no date are shown as
// undated, never dropped in silence.
func TestDateFilterNearest(t *testing.T) {
	runWorldCases(t, []worldCase{
		{q: "how many people were killed in saraqeb in 2016?", top: 2, must: [][]string{{"at least 14"}, {"nine civilians"}},
			says: []string{"no figure for saraqeb in 2016"}, never: []string{"no figure names", "the saraqeb"}, cites: []string{"w01_saraqeb_2015", "w02_saraqeb_2017"}},
		{q: "How many were killed in Saraqeb in 2016?", top: 2, must: [][]string{{"at least 14"}, {"nine civilians"}},
			says: []string{"no figure for saraqeb in 2016", "before", "after"}},
		{q: "how many were killed in saraqeb in 2019", top: 1, must: [][]string{{"nine civilians"}},
			says: []string{"no figure for saraqeb in 2019"}, never: []string{"at least 14"}},
		{q: "how many were killed in saraqeb in 2013", top: 1, must: [][]string{{"at least 14"}},
			says: []string{"no figure for saraqeb in 2013"}},
		{q: "how many were killed in saraqeb in 2017", top: 1, must: [][]string{{"nine civilians"}}, never: []string{"no figure"}},
		{q: "How many were killed in the Lisbon ferry fire in 2004?", top: 1, must: [][]string{{"27 passengers"}},
			says: []string{"carry no date"}, never: []string{"no figure names"}},
		{q: "how many died in peru in 2004", top: 1, must: [][]string{{"more than 60"}}, says: []string{"carry no date"}},
		// quotes and claims of an undated archive, asked for a year
		{q: "What did Ferrant say in 2004?", top: 2, must: [][]string{{"cranes are safe"}}, says: []string{"carry no date"}},
		{q: "Who controlled Mosul in 2004?", top: 1, must: [][]string{{"recaptured the city of mosul"}}, says: []string{"carry no date"}},
	})
}

// TestLowerCasePlaces: a place of the world gazetteer is read in a plain
// question in any case, as /toll place: reads it.
func TestLowerCasePlaces(t *testing.T) {
	runWorldCases(t, []worldCase{
		{q: "how many people were killed in peru", top: 1, must: [][]string{{"more than 60"}}, never: []string{"4,000"}},
		{q: "HOW MANY PEOPLE WERE KILLED IN PERU", top: 1, must: [][]string{{"more than 60"}}, never: []string{"4,000"}},
		{q: "How many people were killed in Peru?", top: 1, must: [][]string{{"more than 60"}}, never: []string{"4,000"}},
		{q: "/toll place:peru", top: 1, must: [][]string{{"more than 60"}}, never: []string{"4,000"}},
		{q: "how many were killed near lisbon", top: 1, must: [][]string{{"27"}}, never: []string{"4,000"}},
		// a figure for a list of places is their total, not Peru's
		{q: "how many people were killed in peru?", top: 1, must: [][]string{{"more than 60"}}, never: []string{"300"}},
		{q: "how many were killed in ecuador", top: 1, must: [][]string{{"bolivia, ecuador and peru"}}, says: []string{"bolivia, ecuador and peru"}},
	})
}

// TestFindPlacesAnyCase: the places a question names, in any case; the
// plain words around them and "us" in lower case are no places.
func TestFindPlacesAnyCase(t *testing.T) {
	e := New(nil, Options{})
	tests := []struct{ in, want string }{
		{"how many people were killed in thailand", "thailand"},
		{"how many died in sri lanka after the wave", "sri lanka"},
		{"How many died in Sri Lanka?", "Sri Lanka"},
		{"how many of the people in peru", "peru"},
		{"how many killed near the saraqeb market", "saraqeb"},
		{"how many of us were hurt", ""},
		{"how many killed in the US", "US"},
		{"how many died in total", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(e.findPlaces(tt.in), "|"); got != tt.want {
			t.Errorf("findPlaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
