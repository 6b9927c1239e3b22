package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsroom/newsbot/index"
)

// testArchive opens an archive over a fresh corpus folder, closed when the
// test ends.
func testArchive(t *testing.T, files map[string]string) (*archive, config) {
	t.Helper()
	dir := t.TempDir()
	cfg := config{CorpusDir: filepath.Join(dir, "articles"), IndexDir: filepath.Join(dir, "idx"), ReconcileEvery: time.Hour}
	if err := os.MkdirAll(cfg.CorpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		writeFile(t, filepath.Join(cfg.CorpusDir, name), text)
	}
	a, err := openArchive(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, cfg
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// answerable lists the article ids a search for words finds.
func answerable(t *testing.T, a *archive, words string) map[string]int {
	t.Helper()
	hits, err := a.Store().Search(context.Background(), index.SearchRequest{Text: words, Size: index.MaxSize})
	if err != nil {
		t.Fatalf("search %q: %v", words, err)
	}
	out := map[string]int{}
	for _, h := range hits {
		out[h.Meta.ID]++
	}
	return out
}

func TestArchiveReindexJoinsAndSwaps(t *testing.T) {
	a, cfg := testArchive(t, map[string]string{
		"a.txt": "Rebels seized the airport of Aleppo on Monday, the Observatory said.\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- a.Run(ctx) }()
	waitFor(t, func() bool { return !a.Health().CatchingUp })
	if got := answerable(t, a, "airport"); got["a"] != 1 {
		t.Fatalf("after the start-up sync: %v", got)
	}
	writeFile(t, filepath.Join(cfg.CorpusDir, "b.txt"), "The airport of Hama reopened on Tuesday.\n")
	results := make(chan string, 2)
	for range 2 {
		go func() {
			msg, err := a.Reindex(context.Background(), nil)
			if err != nil {
				t.Errorf("Reindex: %v", err)
			}
			results <- msg
		}()
	}
	r1, r2 := <-results, <-results
	if r1 == "" || r1 != r2 {
		t.Errorf("joined rebuilds report %q and %q", r1, r2)
	}
	if got := answerable(t, a, "airport"); got["a"] != 1 || got["b"] != 1 {
		t.Errorf("after the rebuild: %v", got)
	}
	cancel()
	if err := <-runDone; err != nil {
		t.Errorf("Run: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 20s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
