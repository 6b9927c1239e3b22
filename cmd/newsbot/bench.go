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
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
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
	buildProfile := fs.String("build-cpuprofile", "", "write a CPU profile of the index build (load, extraction, index) to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile taken halfway through the index build to this file")
	baseline := fs.Bool("baseline", false, "also index the same text with plain bleve (default mapping, one document per article), in this run")
	fts5 := fs.String("fts5", "", "also time SQLite FTS5 query+snippet on the same corpus with this python3 script (index/testdata/fts5_bench.py)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *indexDir == "" {
		*indexDir = filepath.Join(os.TempDir(), fmt.Sprintf("newsbot-bench-%d", *n))
	}
	var stopBuild func() error
	var err error
	if *buildProfile != "" {
		if stopBuild, err = startCPUProfile(*buildProfile); err != nil {
			return err
		}
	}
	start := time.Now()
	loaded, err := loadCorpus(ctx, config{CorpusDir: *corpusDir})
	if err != nil {
		return err
	}
	arts := grow(loaded.Articles, *n)
	loadTook := time.Since(start)
	textBytes := 0
	for _, a := range arts {
		textBytes += len(a.Text)
	}
	ix, err := index.Open(*indexDir, indexOptions(log))
	if err != nil {
		return err
	}
	defer ix.Close()
	bar := newProgress(stderr)
	progress := bar.update
	if *memProfile != "" {
		progress = func(done, total int) {
			bar.update(done, total)
			if done == total/2 {
				if err := writeHeapProfile(*memProfile); err != nil {
					log.Warn("bench: heap profile", "err", err)
				}
			}
		}
	}
	st, err := ix.Sync(ctx, arts, facts.Extract, progress)
	bar.done()
	if err != nil {
		return err
	}
	indexTook := time.Since(start)
	if stopBuild != nil {
		if err := stopBuild(); err != nil {
			return err
		}
	}
	buildRSS := peakRSS()
	// queries are timed on a merged index, as a newsroom's would be after
	// its nightly build, not on the segments a bulk sync leaves behind
	start = time.Now()
	if err := ix.Compact(ctx); err != nil {
		return err
	}
	compactTook := time.Since(start)
	// merged-away segment files are removed a moment after the merge
	for i := 0; i < 300; i++ {
		if zaps, _ := filepath.Glob(filepath.Join(*indexDir, "store", "*.zap")); len(zaps) <= ix.Segments() {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	diskBytes := dirSize(*indexDir)

	var base *baselineResult
	if *baseline {
		if base, err = bleveBaseline(ctx, arts, *indexDir+"-bleve"); err != nil {
			return err
		}
	}

	eng := bot.New(ix, bot.Options{Logger: log})
	qs := benchQuestions(loaded.Articles)
	nArts, nLoaded := len(arts), len(loaded.Articles)
	if *fts5 == "" {
		// questions are timed as a serving process would answer them: it
		// holds the index, not the corpus, whose gigabytes would only make
		// every collection slower
		arts, loaded.Articles = nil, nil
		runtime.GC()
		debug.FreeOSMemory()
	}
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
	var ftsOut map[string]any
	if *fts5 != "" {
		if ftsOut, err = runFTS5(ctx, *fts5, arts, qs[bot.IntentSearch], *rounds, *indexDir+"-fts5"); err != nil {
			return err
		}
	}
	out := map[string]any{"articles": nArts, "text_mb": mb(textBytes), "sync": st,
		"load_ms": loadTook.Milliseconds(), "ingest_ms": indexTook.Milliseconds(), "compact_ms": compactTook.Milliseconds(),
		"articles_per_s": float64(nArts) / indexTook.Seconds(), "disk_mb": mb(diskBytes), "segments": ix.Segments(), "disk_x_text": float64(diskBytes) / float64(max(textBytes, 1)),
		"heap_mb": ms.HeapAlloc >> 20, "peak_rss_mb_build": buildRSS >> 20, "peak_rss_mb": peakRSS() >> 20, "results": results}
	if base != nil {
		out["bleve"] = base
		out["ingest_vs_bleve"] = base.Took.Seconds() / indexTook.Seconds()
	}
	if ftsOut != nil {
		out["fts5"] = ftsOut
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(out)
	}
	fmt.Fprintf(stdout, "bench corpus: %d articles (grown from %d), %.1f MB of text; index %s\n", nArts, nLoaded, mb(textBytes), *indexDir)
	fmt.Fprintf(stdout, "ingest (load %s + extraction + index): %s, %.0f articles/s; %d added, %d updated, %d removed, %d unchanged, %d passages, %d facts; compacted in %s\n",
		loadTook.Round(time.Millisecond), indexTook.Round(time.Millisecond), float64(nArts)/indexTook.Seconds(),
		st.Added, st.Updated, st.Removed, st.Unchanged, st.Passages, st.Facts, compactTook.Round(time.Millisecond))
	fmt.Fprintf(stdout, "index on disk %.1f MB (%.2fx the text) in %d segments; peak RSS %d MiB after the build, %d MiB in all; heap %d MiB\n",
		mb(diskBytes), float64(diskBytes)/float64(max(textBytes, 1)), ix.Segments(), buildRSS>>20, peakRSS()>>20, ms.HeapAlloc>>20)
	if base != nil {
		fmt.Fprintf(stdout, "plain bleve (default mapping, one doc per article): %s, %.0f articles/s, %.1f MB on disk (%.2fx the text); newsbot ingest = %.2fx bleve's speed\n",
			base.Took.Round(time.Millisecond), float64(nArts)/base.Took.Seconds(), base.DiskMB, base.DiskMB/mb(textBytes), base.Took.Seconds()/indexTook.Seconds())
	}
	fmt.Fprintf(stdout, "%-8s %9s %8s %8s %8s\n", "intent", "questions", "p50 ms", "p99 ms", "max ms")
	for _, r := range results {
		fmt.Fprintf(stdout, "%-8s %9d %8.2f %8.2f %8.2f\n", r.Intent, r.Questions, r.P50ms, r.P99ms, r.MaxMs)
	}
	if ftsOut != nil {
		fmt.Fprintf(stdout, "sqlite fts5 (one row per article): build %v ms, %v MB on disk; query+snippet p50 %v ms, p99 %v ms\n",
			ftsOut["build_ms"], ftsOut["disk_mb"], ftsOut["p50_ms"], ftsOut["p99_ms"])
	}
	return nil
}

func mb(n int) float64 { return float64(n) / 1e6 }

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

func startCPUProfile(path string) (func() error, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

// peakRSS is the process's peak resident set (VmHWM) in bytes, or 0 where
// /proc does not tell.
func peakRSS() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

func dirSize(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += int(fi.Size())
			}
		}
		return nil
	})
	return n
}

type baselineResult struct {
	Took   time.Duration `json:"took_ns"`
	DiskMB float64       `json:"disk_mb"`
}

// bleveBaseline indexes the articles' text with plain bleve, its default
// mapping, one document per article: the speed newsbot's ingest is held
// to (issue 11). The folder is emptied first and left for inspection.
func bleveBaseline(ctx context.Context, arts []*corpus.Article, dir string) (*baselineResult, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	start := time.Now()
	bl, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return nil, fmt.Errorf("bench: bleve baseline: %w", err)
	}
	b := bl.NewBatch()
	for i, a := range arts {
		if err := b.Index(a.ID, map[string]any{"title": a.Title, "text": a.Text}); err != nil {
			bl.Close()
			return nil, fmt.Errorf("bench: bleve baseline: %w", err)
		}
		if b.Size() >= 1000 || i == len(arts)-1 {
			if err := bl.Batch(b); err != nil {
				bl.Close()
				return nil, fmt.Errorf("bench: bleve baseline: %w", err)
			}
			b.Reset()
		}
		if ctx.Err() != nil {
			bl.Close()
			return nil, ctx.Err()
		}
	}
	if err := bl.Close(); err != nil {
		return nil, fmt.Errorf("bench: bleve baseline: %w", err)
	}
	return &baselineResult{Took: time.Since(start), DiskMB: mb(dirSize(dir))}, nil
}

// runFTS5 writes the articles and search questions to dir and runs the
// python3 FTS5 script over them: one row per article, the questions' words
// as an OR query ranked by bm25, each with a snippet.
func runFTS5(ctx context.Context, script string, arts []*corpus.Article, searches []string, rounds int, dir string) (map[string]any, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, a := range arts {
		if err := enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text}); err != nil {
			f.Close()
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var words []string
	for _, q := range searches {
		words = append(words, strings.TrimPrefix(q, "/search "))
	}
	qb, _ := json.Marshal(words)
	if err := os.WriteFile(filepath.Join(dir, "queries.json"), qb, 0o644); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	cmd := exec.CommandContext(ctx, "python3", script, dir, strconv.Itoa(rounds))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("bench: fts5 script: %w", err)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("bench: fts5 script output: %w", err)
	}
	return res, nil
}
