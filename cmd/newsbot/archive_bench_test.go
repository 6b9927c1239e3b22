package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/index"
)

// The archive benchmarks time what the live archive promises, on a corpus
// grown to -archive.articles from the shared FA-KES and BBC sets (or the
// bundled sample when ../shared is absent). The corpus and its index are
// kept in the temporary folder between runs (newsbot-archive-bench-N), so
// only the first run pays for the build. Run each once:
//
//	go test ./cmd/newsbot -run '^$' -bench Archive -benchtime 1x -archive.articles 20000
var benchArticles = flag.Int("archive.articles", 20000, "articles in the archive benchmarks' corpus")

// benchArchive returns the config of a corpus folder of n articles (one
// JSONL file) whose index is built and closed.
func benchArchive(b *testing.B, n int) config {
	b.Helper()
	root := filepath.Join(os.TempDir(), fmt.Sprintf("newsbot-archive-bench-%d", n))
	cfg := config{CorpusDir: filepath.Join(root, "articles"), IndexDir: filepath.Join(root, "idx"), ReconcileEvery: time.Hour}
	done := filepath.Join(root, "corpus-written")
	if _, err := os.Stat(done); err != nil {
		var src []*corpus.Article
		for _, p := range []string{"../../../shared/corpora/fakes-syria/fakes.jsonl", "../../../shared/corpora/bbc-news-2005/bbc.jsonl"} {
			if _, err := os.Stat(p); err == nil {
				src = append(src, corpus.LoadFile(p).Articles...)
			}
		}
		if len(src) == 0 {
			l, err := corpus.Sample()
			if err != nil {
				b.Fatal(err)
			}
			src = l.Articles
		}
		os.RemoveAll(root)
		// one .json file an article, a hundred to a folder, as a wire
		// archive is laid out
		for i, a := range grow(src, n) {
			data, _ := json.Marshal(map[string]string{"id": a.ID, "title": a.Title, "body": a.Text, "outlet": a.Outlet, "date": a.DateString(), "url": a.URL})
			p := filepath.Join(cfg.CorpusDir, fmt.Sprintf("%03d", i/100), fmt.Sprintf("a%06d.json", i))
			if i%100 == 0 {
				os.MkdirAll(filepath.Dir(p), 0o755)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		os.WriteFile(done, nil, 0o644)
	}
	// clear what earlier runs added
	extra, _ := filepath.Glob(filepath.Join(cfg.CorpusDir, "arrival-*"))
	for _, p := range extra {
		os.Remove(p)
	}
	start := time.Now()
	a, err := openArchive(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	sum, err := a.reconcile(context.Background(), "start-up", nil)
	if err != nil {
		b.Fatal(err)
	}
	if sum.files > 0 {
		a.live.Index().Compact(context.Background())
		b.Logf("%d-article archive: %d files indexed or removed in %s", n, sum.files, time.Since(start).Round(time.Second))
	}
	a.Close()
	return cfg
}

func percentiles(ds []time.Duration) (p50, p99, worst time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return at(0.50), at(0.99), s[len(s)-1]
}

func report(b *testing.B, what string, ds []time.Duration) {
	p50, p99, worst := percentiles(ds)
	b.ReportMetric(float64(p50.Microseconds())/1000, what+"_p50_ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, what+"_p99_ms")
	b.ReportMetric(float64(worst.Microseconds())/1000, what+"_max_ms")
}

// waitAnswerable polls the live index until word finds article id.
func waitAnswerable(b *testing.B, a *archive, word, id string, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		hits, err := a.Store().Search(context.Background(), index.SearchRequest{Text: word, Size: 5})
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hits {
			if h.Meta.ID == id {
				return true
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

func runBenchArchive(b *testing.B, cfg config) (*archive, func()) {
	a, err := openArchive(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	for a.Health().CatchingUp {
		time.Sleep(5 * time.Millisecond)
	}
	return a, func() { cancel(); <-done; a.Close() }
}

// BenchmarkArchiveArrival: a file renamed into the folder, to answerable.
func BenchmarkArchiveArrival(b *testing.B) {
	cfg := benchArchive(b, *benchArticles)
	a, stop := runBenchArchive(b, cfg)
	defer stop()
	stage := filepath.Join(cfg.CorpusDir, ".stage")
	os.MkdirAll(stage, 0o755)
	b.ResetTimer()
	var lat []time.Duration
	for range b.N {
		for i := range 200 {
			suffix := letters(uint64(time.Now().UnixNano()%1e12)) + letters(uint64(i))
			name := "arrival-" + suffix + ".txt"
			tmp := filepath.Join(stage, name)
			os.WriteFile(tmp, []byte(crashBody(suffix, 0)+"\n"), 0o644)
			t0 := time.Now()
			os.Rename(tmp, filepath.Join(cfg.CorpusDir, name))
			if !waitAnswerable(b, a, "zq"+suffix, "arrival-"+suffix, 10*time.Second) {
				b.Fatalf("arrival %d not answerable after 10s", i)
			}
			lat = append(lat, time.Since(t0))
			time.Sleep(20 * time.Millisecond)
		}
	}
	b.StopTimer()
	report(b, "answerable", lat)
}

// BenchmarkArchivePush: POST /articles to answerable.
func BenchmarkArchivePush(b *testing.B) {
	cfg := benchArchive(b, *benchArticles)
	cfg.IngestToken = "bench"
	a, stop := runBenchArchive(b, cfg)
	defer stop()
	srv := httptest.NewServer(a.IngestHandler())
	defer srv.Close()
	b.ResetTimer()
	var lat []time.Duration
	for range b.N {
		for i := range 200 {
			suffix := letters(uint64(time.Now().UnixNano()%1e12)) + letters(uint64(i))
			body := fmt.Sprintf(`{"id":"arrival-%s","title":"Pushed","body":%q,"date":"2024-12-02"}`, suffix, crashBody(suffix, 0))
			t0 := time.Now()
			req, _ := http.NewRequest("POST", srv.URL+"/articles", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer bench")
			resp, err := srv.Client().Do(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 201 {
				b.Fatalf("POST: %d", resp.StatusCode)
			}
			if !waitAnswerable(b, a, "zq"+suffix, "arrival-"+suffix, 10*time.Second) {
				b.Fatalf("push %d not answerable", i)
			}
			lat = append(lat, time.Since(t0))
		}
	}
	b.StopTimer()
	report(b, "answerable", lat)
	for _, p := range must(filepath.Glob(filepath.Join(cfg.CorpusDir, "arrival-*.json"))) {
		os.Remove(p)
	}
}

func must[T any](v T, _ error) T { return v }

// BenchmarkArchiveStartUp: an existing, unchanged index to the first
// answer; the start-up comparison that follows runs in the background.
func BenchmarkArchiveStartUp(b *testing.B) {
	cfg := benchArchive(b, *benchArticles)
	b.ResetTimer()
	var first, synced []time.Duration
	for range b.N {
		t0 := time.Now()
		a, err := openArchive(context.Background(), cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			b.Fatal(err)
		}
		eng := bot.New(a.Store(), bot.Options{})
		resp := eng.Answer(context.Background(), bot.Request{Text: "/search airport"})
		if resp.Intent == bot.IntentError || len(resp.Answers) == 0 {
			b.Fatalf("first answer: %+v", resp.Headline)
		}
		first = append(first, time.Since(t0))
		sum, err := a.reconcile(context.Background(), "start-up", nil)
		if err != nil || sum.files != 0 {
			b.Fatalf("start-up sync of an unchanged corpus changed %d files (%v)", sum.files, err)
		}
		synced = append(synced, time.Since(t0))
		a.Close()
	}
	b.StopTimer()
	report(b, "first_answer", first)
	report(b, "synced", synced)
}

// BenchmarkArchiveRebuildUnderLoad: a full rebuild while 20 questions a
// second are asked.
func BenchmarkArchiveRebuildUnderLoad(b *testing.B) {
	cfg := benchArchive(b, *benchArticles)
	a, stop := runBenchArchive(b, cfg)
	defer stop()
	loaded, err := corpus.LoadDir(context.Background(), cfg.CorpusDir)
	if err != nil {
		b.Fatal(err)
	}
	arts := loaded.Articles
	var questions []string
	for _, qs := range benchQuestions(arts) {
		questions = append(questions, qs...)
	}
	slices.Sort(questions)
	eng := bot.New(a.Store(), bot.Options{})
	b.ResetTimer()
	var mu sync.Mutex
	var lat []time.Duration
	var failed, asked atomic.Int64
	for range b.N {
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				q := questions[i%len(questions)]
				wg.Go(func() {
					t0 := time.Now()
					resp := eng.Answer(context.Background(), bot.Request{Text: q})
					d := time.Since(t0)
					asked.Add(1)
					if resp.Intent == bot.IntentError {
						failed.Add(1)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				})
			}
		})
		t0 := time.Now()
		msg, err := a.Reindex(context.Background(), nil)
		took := time.Since(t0)
		close(done)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s (rebuild %s)", msg, took.Round(time.Millisecond))
		b.ReportMetric(took.Seconds(), "rebuild_s")
	}
	b.StopTimer()
	report(b, "question", lat)
	b.ReportMetric(float64(asked.Load()), "questions")
	b.ReportMetric(float64(failed.Load()), "failed")
}
