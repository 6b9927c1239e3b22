package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// cmdBench measures the answer engine at scale: it grows the corpus to
// --articles by repeating its articles under new ids and later dates, builds
// (or reuses) an index of that size and times questions of every intent.
func cmdBench(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpusDir := fs.String("corpus", getenv("NEWSBOT_CORPUS_DIR"), "articles to grow the bench corpus from (else the sample)")
	indexDir := fs.String("index", "", "index folder for the bench corpus (reused when it already holds the same articles)")
	n := fs.Int("articles", 100000, "articles in the bench corpus")
	rounds := fs.Int("rounds", 200, "questions timed per intent")
	asJSON := fs.Bool("json", false, "machine-readable output")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed questions to this file")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *indexDir == "" {
		*indexDir = filepath.Join(os.TempDir(), fmt.Sprintf("newsbot-bench-%d", *n))
	}
	loaded, err := loadCorpus(ctx, config{CorpusDir: *corpusDir})
	if err != nil {
		return err
	}
	arts := grow(loaded.Articles, *n)
	ix, err := index.Open(*indexDir, indexOptions(log))
	if err != nil {
		return err
	}
	defer ix.Close()
	bar := newProgress(stderr)
	start := time.Now()
	st, err := ix.Sync(ctx, arts, facts.Extract, bar.update)
	bar.done()
	if err != nil {
		return err
	}
	indexTook := time.Since(start)
	// queries are timed on a merged index, as a newsroom's would be after
	// its nightly build, not on the segments a bulk sync leaves behind
	start = time.Now()
	if err := ix.Compact(ctx); err != nil {
		return err
	}
	compactTook := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	eng := bot.New(ix, bot.Options{Logger: log})
	qs := benchQuestions(loaded.Articles)
	type result struct {
		Intent    string  `json:"intent"`
		Questions int     `json:"questions"`
		P50ms     float64 `json:"p50_ms"`
		P99ms     float64 `json:"p99_ms"`
		MaxMs     float64 `json:"max_ms"`
	}
	var results []result
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, intent := range []string{bot.IntentQuote, bot.IntentToll, bot.IntentControl, bot.IntentSearch, bot.IntentSources} {
		pool := qs[intent]
		if len(pool) == 0 {
			continue
		}
		var lat []time.Duration
		for i := 0; i < *rounds; i++ {
			q := pool[rng.IntN(len(pool))]
			t0 := time.Now()
			eng.Answer(ctx, bot.Request{Text: q})
			lat = append(lat, time.Since(t0))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		results = append(results, result{intent, len(pool), pct(0.5), pct(0.99), pct(1)})
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]any{"articles": len(arts), "sync": st, "index_ms": indexTook.Milliseconds(), "compact_ms": compactTook.Milliseconds(), "heap_mb": ms.HeapAlloc >> 20, "results": results})
	}
	fmt.Fprintf(stdout, "bench corpus: %d articles (grown from %d); index %s\n", len(arts), len(loaded.Articles), *indexDir)
	fmt.Fprintf(stdout, "sync: %d added, %d updated, %d removed, %d unchanged, %d passages, %d facts in %s; compacted in %s; heap %d MiB\n",
		st.Added, st.Updated, st.Removed, st.Unchanged, st.Passages, st.Facts, indexTook.Round(time.Millisecond), compactTook.Round(time.Millisecond), ms.HeapAlloc>>20)
	fmt.Fprintf(stdout, "%-8s %9s %8s %8s %8s\n", "intent", "questions", "p50 ms", "p99 ms", "max ms")
	for _, r := range results {
		fmt.Fprintf(stdout, "%-8s %9d %8.2f %8.2f %8.2f\n", r.Intent, r.Questions, r.P50ms, r.P99ms, r.MaxMs)
	}
	return nil
}

// grow repeats arts under new ids until there are n, each copy a day later
// than the last, so that the archive has the shape of years of reporting.
func grow(arts []*corpus.Article, n int) []*corpus.Article {
	if len(arts) == 0 || n <= len(arts) {
		return arts[:min(n, len(arts))]
	}
	base := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*corpus.Article, 0, n)
	for i := 0; i < n; i++ {
		src := arts[i%len(arts)]
		round := i / len(arts)
		if round == 0 {
			out = append(out, src)
			continue
		}
		c := *src
		// "@" never appears in loaded ids ("~" marks a renamed clash)
		c.ID = fmt.Sprintf("%s@%d", src.ID, round)
		c.Path = src.Path + fmt.Sprintf("@%d", round)
		if c.Date.IsZero() {
			c.Date = base
		}
		c.Date = c.Date.AddDate(0, 0, round)
		c.Hash = fmt.Sprintf("%s@%d", src.Hash, round)
		out = append(out, &c)
	}
	return out
}

// benchQuestions asks of the corpus what a newsroom would: its speakers,
// places, tolls and words.
func benchQuestions(arts []*corpus.Article) map[string][]string {
	qs := map[string][]string{}
	seen := map[string]bool{}
	add := func(intent, q string) {
		if !seen[q] && len(qs[intent]) < 300 {
			seen[q] = true
			qs[intent] = append(qs[intent], q)
		}
	}
	// every k-th article, so that questions come from the whole corpus
	step := max(1, len(arts)/600)
	for i := 0; i < len(arts); i += step {
		a := arts[i]
		set := facts.Extract(a)
		for _, s := range set.Statements {
			add(bot.IntentQuote, "What did "+s.Speaker+" say?")
		}
		for _, c := range set.Control {
			add(bot.IntentControl, "Who controls "+c.Place+"?")
		}
		for _, t := range set.Tolls {
			if t.Place != "" {
				add(bot.IntentToll, "How many people were "+t.Category+" in "+t.Place+"?")
			}
		}
		words := strings.Fields(a.Title)
		if len(words) > 2 {
			add(bot.IntentSearch, "/search "+strings.Join(words[:3], " "))
		}
	}
	add(bot.IntentToll, "What is the latest death toll?")
	add(bot.IntentToll, "/toll")
	add(bot.IntentToll, "How many people have been displaced?")
	add(bot.IntentControl, "Which towns have the rebels taken?")
	add(bot.IntentSources, "/sources")
	return qs
}
