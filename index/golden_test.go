package index_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden from this build")

// call is one request the answer engine made to the index, with a digest
// of what it got back.
type call struct {
	Method string               `json:"method"`
	Search *index.SearchRequest `json:"search,omitempty"`
	Facts  *index.FactQuery     `json:"facts,omitempty"`
	Field  string               `json:"field,omitempty"`
	Hash   string               `json:"hash"`
	// Hits names each hit (article, paragraph or fact kind) with its
	// score, so that a failure says what moved.
	Hits []string `json:"hits,omitempty"`
}

type golden struct {
	// FactsVersion made the recorded facts; the test indexes those, not
	// what this build's extractor finds.
	FactsVersion string `json:"facts_version"`
	Calls        []call `json:"calls"`
	// Answers hashes each response as the build that recorded it gave
	// it, for reference: they vary from run to run where the index
	// returns ties in another order, so the test compares the calls.
	Answers map[string]string `json:"answers"`
}

// recordGolden asks the questions through the answer engine, which calls
// rec; it is set by golden_record_test.go (build tag golden), so that the
// index's tests do not build the bot.
var recordGolden func(ctx context.Context, rec *recorder, qs []string) map[string]string

// maxNamed bounds the hits a call names; the hash covers them all.
const maxNamed = 12

// recorder is a bot.Store that keeps every call and its result.
type recorder struct {
	ix    *index.Index
	calls []call
}

func digest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}

// tieDigest hashes a page of hits as a list of tie groups (equal keys,
// adjacent), each group's members in a stable order: bleve breaks ties
// by internal document numbers, which depend on how segments were
// written. When the page is full, its last group may be any subset of a
// larger tie, so only its key and size count.
func tieDigest[H any](hits []H, key func(H) string, full bool) string {
	var groups [][]string
	var keys []string
	for i, h := range hits {
		k := key(h)
		if i == 0 || k != keys[len(keys)-1] {
			keys = append(keys, k)
			groups = append(groups, nil)
		}
		b, _ := json.Marshal(h)
		groups[len(groups)-1] = append(groups[len(groups)-1], string(b))
	}
	for i := range groups {
		slices.Sort(groups[i])
	}
	if full && len(groups) > 0 {
		last := len(groups) - 1
		groups[last] = []string{fmt.Sprintf("%d hits", len(groups[last]))}
	}
	return digest(struct {
		K []string
		G [][]string
	}{keys, groups})
}

// roundScore keeps 8 significant digits of a score: a rebuilt index can
// give the same score back a few ulps apart (see sameScore), which is not
// a change in the answer.
func roundScore(s float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(s, 'g', 8, 64), 64)
	return r
}

func (r *recorder) Search(ctx context.Context, q index.SearchRequest) ([]index.Hit, error) {
	hits, err := r.ix.Search(ctx, q)
	size := q.Size
	if size <= 0 {
		size = 10
	}
	rounded := slices.Clone(hits)
	for i := range rounded {
		rounded[i].Score = roundScore(rounded[i].Score)
	}
	h := tieDigest(rounded, func(h index.Hit) string { return fmt.Sprint(h.Score) }, len(hits) >= min(size, index.MaxSize))
	c := call{Method: "search", Search: &q, Hash: h}
	for _, h := range hits[:min(len(hits), maxNamed)] {
		c.Hits = append(c.Hits, fmt.Sprintf("%s/%d %.6g", h.Meta.ID, h.Para, h.Score))
	}
	r.calls = append(r.calls, c)
	return hits, err
}

func (r *recorder) Facts(ctx context.Context, q index.FactQuery) ([]index.FactHit, error) {
	hits, err := r.ix.Facts(ctx, q)
	size := q.Size
	if size <= 0 {
		size = 10
	}
	key := func(h index.FactHit) string { return fmt.Sprint(h.Score) }
	if strings.TrimSpace(q.Text) == "" {
		key = func(h index.FactHit) string { return factDay(h) }
	}
	rounded := slices.Clone(hits)
	for i := range rounded {
		rounded[i].Score = roundScore(rounded[i].Score)
	}
	c := call{Method: "facts", Facts: &q, Hash: tieDigest(rounded, key, len(hits) >= min(size, index.MaxSize))}
	for _, h := range hits[:min(len(hits), maxNamed)] {
		kind := "statement"
		if h.Toll != nil {
			kind = "toll"
		} else if h.Control != nil {
			kind = "control"
		}
		c.Hits = append(c.Hits, fmt.Sprintf("%s/%s %.6g", h.Meta.ID, kind, h.Score))
	}
	r.calls = append(r.calls, c)
	return hits, err
}

func (r *recorder) Stats(ctx context.Context) (index.Stats, error) {
	st, err := r.ix.Stats(ctx)
	r.calls = append(r.calls, call{Method: "stats", Hash: digest(st)})
	return st, err
}

func (r *recorder) Names(ctx context.Context, field string) ([]index.Name, error) {
	ns, err := r.ix.Names(ctx, field)
	r.calls = append(r.calls, call{Method: "names", Field: field, Hash: digest(ns)})
	return ns, err
}

// factDay is the day a fact sorts by: its own when it has a full one,
// else its article's.
func factDay(h index.FactHit) string {
	var d string
	switch {
	case h.Statement != nil:
		d = h.Statement.Date
	case h.Toll != nil:
		d = h.Toll.Date
	case h.Control != nil:
		d = h.Control.Date
	}
	if len(d) == len("2006-01-02") {
		return d
	}
	return h.Meta.Date
}

// replay runs c again and returns it with this build's result.
func replay(ctx context.Context, r *recorder, c call) call {
	r.calls = nil
	switch c.Method {
	case "search":
		r.Search(ctx, *c.Search)
	case "facts":
		r.Facts(ctx, *c.Facts)
	case "stats":
		r.Stats(ctx)
	case "names":
		r.Names(ctx, c.Field)
	case "terms":
		r.terms(ctx, c.Field)
	}
	return r.calls[0]
}

func (r *recorder) terms(ctx context.Context, field string) {
	ts, _ := r.ix.Terms(ctx, field)
	r.calls = append(r.calls, call{Method: "terms", Field: field, Hash: digest(ts)})
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// extraSearches and extraFacts are index calls the engine's questions may
// not make: one-word and stop-word phrases, date bounds, sizes, syntax.
var extraSearches = []index.SearchRequest{
	{Text: "airport", Phrase: true},
	{Text: "Aleppo", Phrase: true, Size: 50},
	{Text: "the Aleppo", Phrase: true},
	{Text: "killed in the attack", Phrase: true},
	{Text: "Bashar al-Assad", Phrase: true, Size: 100},
	{Text: "al-Assad", Phrase: true},
	{Text: "said that", Phrase: true, Size: 100},
	{Text: "Syria"},
	{Text: "Syria", Size: 100},
	{Text: "chemical attack Khan Sheikhoun", Size: 100},
	{Text: "rebels government forces", Size: 100},
	{Text: "+Aleppo -Hama \"unbalanced"},
	{Text: "Idlib", From: day("2017-01-01"), To: day("2017-12-31")},
	{Text: "Idlib", From: day("2024-11-01")},
	{Text: "airstrikes hospital", To: day("2015-06-30"), Size: 30},
	{Text: "Damascus", Phrase: true, From: day("2016-01-01"), To: day("2016-12-31")},
	{Text: "zzzqx"},
}

var extraFacts = []index.FactQuery{
	{Kind: index.KindStatement, Speaker: "spokesman"},
	{Kind: index.KindStatement, Speaker: "Assad", Text: "terrorists"},
	{Kind: index.KindToll, Place: "Aleppo"},
	{Kind: index.KindToll},
	{},
	{Size: 100},
	{Text: "chemical weapons"},
	{Kind: index.KindControl, Category: "seized"},
	{Category: "killed", Size: 100},
	{Kind: index.KindToll, From: day("2016-01-01"), To: day("2016-12-31"), Size: 50},
	{Kind: index.KindStatement, From: day("2017-06-01")},
	{Kind: index.KindControl, Place: "Aleppo", To: day("2016-12-31")},
	{Kind: index.KindStatement, Speaker: "Peskov"},
	{Place: "Syria", Size: 100},
}

// questions are the shared sample questions and, from every k-th article,
// questions about its own speakers, places, tolls and words, as a
// newsroom would ask them.
func questions(t *testing.T, arts []*corpus.Article, extract func(*corpus.Article) facts.Set) []string {
	f, err := os.Open(filepath.Join("testdata", "golden", "questions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	seen := map[string]bool{}
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if q := strings.TrimSpace(sc.Text()); q != "" {
			add(q)
		}
	}
	for _, q := range []string{"/sources", "/toll", "/toll category:injured", "What is the latest death toll?",
		"How many people have been displaced?", "Which towns have the rebels taken?", "/search airport",
		`/search "Syrian Observatory for Human Rights"`, "/search Bashar al-Assad", "/help"} {
		add(q)
	}
	step := max(1, len(arts)/150)
	for i := 0; i < len(arts); i += step {
		a := arts[i]
		set := extract(a)
		for _, s := range set.Statements[:min(2, len(set.Statements))] {
			add("What did " + s.Speaker + " say?")
			if w := strings.Fields(s.Quote); len(w) > 3 {
				add("What did " + s.Speaker + " say about " + w[len(w)-1] + "?")
			}
		}
		for _, c := range set.Control[:min(1, len(set.Control))] {
			add("Who controls " + c.Place + "?")
			add("/control place:" + c.Place)
		}
		for _, tl := range set.Tolls[:min(2, len(set.Tolls))] {
			if tl.Place != "" {
				add("How many people were " + tl.Category + " in " + tl.Place + "?")
			}
			add("/toll category:" + tl.Category)
		}
		if w := strings.Fields(a.Title); len(w) > 2 {
			add("/search " + strings.Join(w[:3], " "))
			add(`/search "` + strings.Join(w[:2], " ") + `"`)
		}
	}
	return out
}

// TestGoldenAnswers replays every index call the answer engine made
// while answering the golden questions (see testdata/golden/ORIGIN.md)
// and requires each result to come out as it did for the build that
// recorded them: the index's layout may change, its answers may not. The
// engine is a function of what the index returns, so equal calls give
// equal answers.
func TestGoldenAnswers(t *testing.T) {
	for _, tc := range []struct {
		name string
		load func(t *testing.T) []*corpus.Article
	}{
		{"sample", func(t *testing.T) []*corpus.Article {
			l, err := corpus.Sample()
			if err != nil {
				t.Fatal(err)
			}
			return l.Articles
		}},
		{"fakes", func(t *testing.T) []*corpus.Article {
			const p = "../../shared/corpora/fakes-syria/fakes.jsonl"
			if _, err := os.Stat(p); err != nil {
				t.Skip("../shared absent")
			}
			return corpus.LoadFile(p).Articles
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts := tc.load(t)
			path := filepath.Join("testdata", "golden", tc.name+".json")
			factsPath := filepath.Join("testdata", "golden", tc.name+"-facts.jsonl.gz")
			var want golden
			sets := map[string]facts.Set{}
			if *updateGolden {
				for _, a := range arts {
					sets[a.ID] = facts.Extract(a)
				}
				writeSets(t, factsPath, arts, sets)
			} else {
				sets = readSets(t, factsPath)
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b, &want); err != nil {
					t.Fatal(err)
				}
			}
			// The facts recorded with the golden answers, not this build's
			// extractor: the comparison is of the index alone.
			extract := func(a *corpus.Article) facts.Set { return sets[a.ID] }
			ctx := context.Background()
			ix, err := index.Open(filepath.Join(t.TempDir(), "idx"), index.Options{FactsVersion: facts.Version})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if _, err := ix.Sync(ctx, arts, extract, nil); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{ix: ix}
			if *updateGolden {
				if recordGolden == nil {
					t.Fatal("recording needs the answer engine: go test -tags golden ./index -run TestGoldenAnswers -update")
				}
				got := golden{FactsVersion: facts.Version}
				got.Answers = recordGolden(ctx, rec, questions(t, arts, extract))
				for _, q := range extraSearches {
					rec.Search(ctx, q)
				}
				for _, q := range extraFacts {
					rec.Facts(ctx, q)
				}
				for _, f := range []string{"speaker", "place", "controller", "source"} {
					rec.Names(ctx, f)
				}
				for _, f := range []string{"who", "place"} {
					rec.terms(ctx, f)
				}
				got.Calls = rec.calls
				b, err := json.MarshalIndent(got, "", " ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			// Every recorded call, replayed, gives the same result.
			bad := 0
			for _, c := range want.Calls {
				g := replay(ctx, rec, c)
				if g.Hash != c.Hash {
					bad++
					if bad <= 10 {
						req, _ := json.Marshal(struct {
							S *index.SearchRequest
							F *index.FactQuery
							N string
						}{c.Search, c.Facts, c.Field})
						t.Errorf("%s %s: result changed\n got  %v\n want %v", c.Method, req, g.Hits, c.Hits)
					}
				}
			}
			if bad > 0 {
				t.Fatalf("%d of %d index calls changed", bad, len(want.Calls))
			}
			t.Logf("%d index calls compared", len(want.Calls))
		})
	}
}

func writeSets(t *testing.T, path string, arts []*corpus.Article, sets map[string]facts.Set) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	enc := json.NewEncoder(zw)
	for _, a := range arts {
		if err := enc.Encode(struct {
			ID  string    `json:"id"`
			Set facts.Set `json:"set"`
		}{a.ID, sets[a.ID]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func readSets(t *testing.T, path string) map[string]facts.Set {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]facts.Set{}
	dec := json.NewDecoder(zr)
	for dec.More() {
		var line struct {
			ID  string    `json:"id"`
			Set facts.Set `json:"set"`
		}
		if err := dec.Decode(&line); err != nil {
			t.Fatal(err)
		}
		out[line.ID] = line.Set
	}
	return out
}
