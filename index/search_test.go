package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
)

// searchCase is one entry of testdata/search/*.json. Every case checks
// that the search returns no error and that each hit's highlights are
// well-formed; the other expectations are optional.
type searchCase struct {
	Comment string `json:"comment"`
	Query   string `json:"query"`
	Phrase  bool   `json:"phrase"`
	From    string `json:"from"` // YYYY-MM-DD
	To      string `json:"to"`
	Size    int    `json:"size"`
	// IDs, when present (even empty), is the exact set of articles hit.
	IDs *[]string `json:"ids"`
	// Includes and Excludes are articles that must and must not be hit.
	Includes []string `json:"includes"`
	Excludes []string `json:"excludes"`
	// Top1 is the article of the best hit.
	Top1 string `json:"top1"`
	// Highlight lists words, any of which each highlight of the first hit
	// must be (compared without case); it also requires a highlight.
	Highlight []string `json:"highlight"`
	NoError   bool     `json:"noerror"`
}

func TestSearchRegression(t *testing.T) {
	ix, _ := syncedTemp(t)
	// Every case runs twice: as on a small index, where every word is
	// rare, and with the common-terms split on, as on a large archive.
	t.Run("small", func(t *testing.T) { runSearchCases(t, ix) })
	t.Run("common-terms", func(t *testing.T) {
		ix.commonMinDocs = 0
		defer func() { ix.commonMinDocs = commonMinDocs }()
		runSearchCases(t, ix)
	})
}

func runSearchCases(t *testing.T, ix *Index) {
	files, err := filepath.Glob(filepath.Join("testdata", "search", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no search cases: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cases []searchCase
		if err := json.Unmarshal(b, &cases); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, c := range cases {
			name := strings.TrimSuffix(filepath.Base(file), ".json") + "/" + c.Query
			t.Run(name, func(t *testing.T) {
				t.Logf("%s case %d: %s", file, i, c.Comment)
				req := SearchRequest{Text: c.Query, Phrase: c.Phrase, Size: c.Size, From: parseDay(t, c.From), To: parseDay(t, c.To)}
				if req.Size == 0 {
					req.Size = 50
				}
				hits, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatalf("Search(%q): %v", c.Query, err)
				}
				got := articleIDs(hits)
				if c.IDs != nil {
					want := slices.Clone(*c.IDs)
					sort.Strings(want)
					if !slices.Equal(got, want) {
						t.Errorf("articles = %v, want %v", got, want)
					}
				}
				for _, id := range c.Includes {
					if !slices.Contains(got, id) {
						t.Errorf("articles = %v, missing %s", got, id)
					}
				}
				for _, id := range c.Excludes {
					if slices.Contains(got, id) {
						t.Errorf("articles = %v, should not hold %s", got, id)
					}
				}
				if c.Top1 != "" && (len(hits) == 0 || hits[0].Meta.ID != c.Top1) {
					t.Errorf("top hit = %v, want %s", articleIDs(hits[:min(1, len(hits))]), c.Top1)
				}
				for _, h := range hits {
					checkHighlights(t, h)
					checkHighlightTerms(t, ix, c.Query, h)
				}
				if len(c.Highlight) > 0 {
					if len(hits) == 0 || len(hits[0].Highlights) == 0 {
						t.Fatalf("no highlights in the first hit")
					}
					for _, r := range hits[0].Highlights {
						w := hits[0].Text[r[0]:r[1]]
						if !slices.ContainsFunc(c.Highlight, func(s string) bool { return strings.EqualFold(s, w) }) {
							t.Errorf("highlight %q not one of %q in %q", w, c.Highlight, hits[0].Text)
						}
					}
				}
			})
		}
	}
}

// checkHighlights checks ranges lie inside the text, in order, without
// overlap, on word edges, and that the hit is verbatim in its article.
func checkHighlights(t *testing.T, h Hit) {
	t.Helper()
	prev := -1
	for _, r := range h.Highlights {
		if r[0] < 0 || r[1] > len(h.Text) || r[0] >= r[1] || r[0] <= prev {
			t.Fatalf("bad highlight %v (previous end %d) in %d-byte text", r, prev, len(h.Text))
		}
		prev = r[1]
	}
	b, err := os.ReadFile(h.Meta.Path)
	if err != nil {
		t.Fatal(err)
	}
	if end := h.Start + len(h.Text); end > len(b) || string(b[h.Start:end]) != h.Text {
		t.Errorf("hit text of %s para %d is not verbatim at offset %d", h.Meta.ID, h.Para, h.Start)
	}
}

// checkHighlightTerms checks each highlight is one word of the query.
func checkHighlightTerms(t *testing.T, ix *Index, q string, h Hit) {
	t.Helper()
	want := map[string]bool{}
	for _, tok := range ix.analyzer.Analyze([]byte(q)) {
		want[string(tok.Term)] = true
	}
	for _, r := range h.Highlights {
		w := h.Text[r[0]:r[1]]
		got := terms(ix.analyzer, w)
		if len(got) != 1 || !want[got[0]] {
			t.Errorf("highlight %q (terms %q) is not a word of %q", w, got, q)
		}
	}
	if len(h.Highlights) == 0 {
		t.Errorf("hit %s para %d has no highlight", h.Meta.ID, h.Para)
	}
}

func parseDay(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSearchHitFields(t *testing.T) {
	ix, arts := syncedTemp(t)
	hits, err := ix.Search(context.Background(), SearchRequest{Text: "Cheikhoun", Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	var h *Hit
	for i := range hits {
		if hits[i].Meta.ID == "004_f9b9bb9c8095ce65" {
			h = &hits[i]
		}
	}
	if h == nil {
		t.Fatalf("004 not hit: %v", articleIDs(hits))
	}
	var a = arts[4]
	want := Meta{ID: a.ID, Title: a.Title, Outlet: "testwire", Date: "2024-12-02", Path: a.Path}
	if h.Meta != want {
		t.Errorf("Meta = %+v, want %+v", h.Meta, want)
	}
	if got := a.ParagraphText(h.Para); got != h.Text {
		t.Errorf("Para %d is %q, hit text %q", h.Para, got, h.Text)
	}
	if a.Paragraphs[h.Para].Start != h.Start {
		t.Errorf("Start = %d, want %d", h.Start, a.Paragraphs[h.Para].Start)
	}
	if h.Score <= 0 {
		t.Errorf("Score = %v", h.Score)
	}
	// An undated article's hits carry an empty date.
	hits, err = ix.Search(context.Background(), SearchRequest{Text: "sanctions cost-of-living"})
	if err != nil || len(hits) == 0 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	if hits[0].Meta.ID != "101_undated_names" || hits[0].Meta.Date != "" {
		t.Errorf("first hit %+v, want the undated article", hits[0].Meta)
	}
}

func TestSearchSize(t *testing.T) {
	ix, _ := syncedTemp(t)
	tests := []struct {
		size, max int
	}{{0, 10}, {1, 1}, {3, 3}, {1000, MaxSize}}
	for _, tt := range tests {
		hits, err := ix.Search(context.Background(), SearchRequest{Text: "Syria Aleppo rebels government", Size: tt.size})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > tt.max || len(hits) == 0 {
			t.Errorf("Size %d: %d hits, want 1..%d", tt.size, len(hits), tt.max)
		}
	}
}

func TestSnippet(t *testing.T) {
	h := Hit{Text: "Rebels seized the airport of Aleppo on Saturday, monitors said.", Highlights: [][2]int{{18, 25}, {29, 35}}}
	tests := []struct {
		width int
		want  string
	}{
		{0, "Rebels seized the **airport** of **Aleppo** on Saturday, monitors said."},
		{30, "…the **airport** of **Aleppo** on…"},
	}
	for _, tt := range tests {
		if got := h.Snippet(tt.width, "**", "**"); got != tt.want {
			t.Errorf("Snippet(%d) = %q, want %q", tt.width, got, tt.want)
		}
	}
}

// TestPhraseFoundPastDecoys: a phrase is found even when many passages
// hold each of its words (and each word pair) but not the phrase, and
// outrank the one that does: the check of the phrase must not stop at
// the first page of candidates.
func TestPhraseFoundPastDecoys(t *testing.T) {
	ix := openTemp(t)
	var arts []*corpus.Article
	for i := range 60 {
		id := fmt.Sprintf("decoy%02d", i)
		arts = append(arts, corpus.ParseText(id, id+".txt", "The minister said in Paris that the talks had ended. They met again on Sunday.\n\nThe council said on Monday that the rebels held the bridge and the minister had left the talks in Paris early.\n"))
	}
	arts = append(arts, corpus.ParseText("real", "real.txt", "Officials gave many details over a long week of meetings in the capital, and the minister of the interior said on Sunday that the talks would go on for as long as both delegations wanted them to, whatever the cost.\n"))
	arts = append(arts, corpus.ParseText("full", "full.txt", "The observatory reported heavy shelling across the northern countryside through the week, and the Syrian Observatory for Human Rights said the toll had risen sharply by the evening.\n"))
	for i := range 60 {
		id := fmt.Sprintf("near%02d", i)
		arts = append(arts, corpus.ParseText(id, id+".txt", "The Syrian Observatory, which watches human rights, said so.\n"))
	}
	if _, err := ix.Sync(context.Background(), arts, nil, nil); err != nil {
		t.Fatal(err)
	}
	// the wider page holds every candidate; then, with a window smaller
	// than the decoys, the phrase is searched as it is
	for _, window := range []int{phraseWindow, 20} {
		ix.phraseWindow = window
		for _, c := range []struct{ phrase, want string }{
			{"said on Sunday", "real"},
			{"the minister of the interior said on Sunday", "real"},
			{"Syrian Observatory for Human Rights", "full"},
		} {
			hits, err := ix.Search(context.Background(), SearchRequest{Text: c.phrase, Phrase: true, Size: 10})
			if err != nil {
				t.Fatal(err)
			}
			if got := articleIDs(hits); !slices.Equal(got, []string{c.want}) {
				t.Errorf("window %d, phrase %q: articles %v, want [%s]", window, c.phrase, got, c.want)
			}
			for _, h := range hits {
				if len(h.Highlights) == 0 {
					t.Errorf("window %d, phrase %q: no highlight in %q", window, c.phrase, h.Text)
				}
				for _, r := range h.Highlights {
					if r[0] < 0 || r[1] > len(h.Text) || r[0] >= r[1] {
						t.Errorf("window %d, phrase %q: bad highlight %v", window, c.phrase, r)
					}
				}
			}
		}
	}
}
