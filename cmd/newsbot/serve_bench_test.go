package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/bot/discord"
	dt "github.com/newsroom/newsbot/bot/discord/discordtest"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// BenchmarkServeLoad sends 500 signed interactions from 50 concurrent
// clients on loopback to the HTTP interactions endpoint over an index of
// NEWSBOT_BENCH_ARTICLES (default 20,000) articles grown from
// NEWSBOT_BENCH_CORPUS (e.g. ../shared/corpora/fakes-syria), the way
// `newsbot bench` grows them; the index is kept in the folder `newsbot
// bench` uses, so either builds it for the other. It reports p50, p99 and
// the slowest first response, how many answers were deferred, the peak RSS
// and the live heap before and after the load.
//
//	NEWSBOT_BENCH_CORPUS=../shared/corpora/fakes-syria go test ./cmd/newsbot -run '^$' -bench ServeLoad -benchtime 1x
func BenchmarkServeLoad(b *testing.B) {
	dir := os.Getenv("NEWSBOT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set NEWSBOT_BENCH_CORPUS to a corpus folder")
	}
	n := 20000
	if s := os.Getenv("NEWSBOT_BENCH_ARTICLES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	loaded, err := loadCorpus(ctx, config{CorpusDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	arts := grow(loaded.Articles, n)
	ix, err := index.Open(filepath.Join(os.TempDir(), fmt.Sprintf("newsbot-bench-%d", n)), indexOptions(slog.New(slog.DiscardHandler)))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, arts, facts.Extract, nil); err != nil {
		b.Fatal(err)
	}
	var texts []string
	qs := benchQuestions(arts)
	for _, intent := range []string{bot.IntentQuote, bot.IntentToll, bot.IntentControl, bot.IntentSearch} {
		texts = append(texts, qs[intent]...)
	}
	sort.Strings(texts)

	fake := dt.New(dt.Options{InteractionDeadline: -1})
	defer fake.Close()
	rest, err := discord.NewSession("", fake.APIBase(), slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	eng := bot.New(ix, bot.Options{})
	front := discord.New(discord.Options{Engine: eng})
	srv := httptest.NewServer(front.Interactions(pub, rest))
	defer srv.Close()

	body := func(i int) []byte {
		q := texts[i%len(texts)]
		b, _ := json.Marshal(map[string]any{
			"id": strconv.Itoa(1000 + i), "application_id": fake.Options().AppID, "type": 2, "token": "t" + strconv.Itoa(i), "version": 1,
			"guild_id": "7", "channel_id": "8",
			"member": map[string]any{"user": map[string]any{"id": strconv.Itoa(i % 50), "username": "r"}, "permissions": "0"},
			"data":   map[string]any{"id": "1", "name": "ask", "type": 1, "options": []any{map[string]any{"name": "question", "type": 3, "value": q}}},
		})
		return b
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	const total, clients = 500, 50
	heapBefore := heap()
	var lat []time.Duration
	deferred, failed := 0, 0
	b.ResetTimer()
	for r := 0; r < b.N; r++ {
		var mu sync.Mutex
		var wg sync.WaitGroup
		next := make(chan int)
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					payload := body(i)
					ts := strconv.FormatInt(time.Now().Unix(), 10)
					req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(payload))
					req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), payload...))))
					req.Header.Set("X-Signature-Timestamp", ts)
					start := time.Now()
					resp, err := http.DefaultClient.Do(req)
					d := time.Since(start)
					var cb struct{ Type int }
					if err == nil {
						json.NewDecoder(resp.Body).Decode(&cb)
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
					mu.Lock()
					lat = append(lat, d)
					switch {
					case err != nil || resp.StatusCode != 200:
						failed++
					case cb.Type == 5:
						deferred++
					}
					mu.Unlock()
				}
			}()
		}
		for i := 0; i < total; i++ {
			next <- r*total + i
		}
		close(next)
		wg.Wait()
	}
	b.StopTimer()
	// deferred answers finish over REST; wait for them before measuring
	if err := front.Drain(context.Background()); err != nil {
		b.Fatal(err)
	}
	heapAfter := heap()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max_ms")
	b.ReportMetric(float64(deferred), "deferred")
	b.ReportMetric(float64(failed), "failed")
	b.ReportMetric(float64(peakRSS())/1e6, "peak_rss_MB")
	b.ReportMetric(float64(heapBefore)/1e6, "heap_before_MB")
	b.ReportMetric(float64(heapAfter)/1e6, "heap_after_MB")
	if failed > 0 || lat[len(lat)-1] > 3*time.Second {
		b.Errorf("%d interactions failed; slowest first response %s", failed, lat[len(lat)-1])
	}
}
