package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

func liveArticle(id, text string) *corpus.Article {
	a := corpus.ParseText(id, id+".txt", text)
	a.Title = "Title of " + id
	return a
}

func liveSearchIDs(t *testing.T, s interface {
	Search(context.Context, SearchRequest) ([]Hit, error)
}, words string) map[string]bool {
	t.Helper()
	hits, err := s.Search(context.Background(), SearchRequest{Text: words, Size: 10})
	if err != nil {
		t.Fatalf("search %q: %v", words, err)
	}
	out := map[string]bool{}
	for _, h := range hits {
		out[h.Meta.ID] = true
	}
	return out
}

func TestLiveRebuildSwapsAndSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	base := filepath.Join(t.TempDir(), "idx")
	l, err := OpenLive(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Index().Sync(ctx, []*corpus.Article{liveArticle("old", "The airport of Aleppo closed on Monday.")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	rb, err := l.BeginRebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rb.Dir() != base+twinSuffix {
		t.Fatalf("rebuild in %s, want the twin %s", rb.Dir(), base+twinSuffix)
	}
	if _, err := rb.Index().Sync(ctx, []*corpus.Article{liveArticle("new", "The airport of Hama reopened on Tuesday.")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := liveSearchIDs(t, l, "airport"); !got["old"] || got["new"] {
		t.Errorf("before the swap answers come from the old generation, got %v", got)
	}
	if err := rb.Swap(); err != nil {
		t.Fatal(err)
	}
	if got := liveSearchIDs(t, l, "airport"); got["old"] || !got["new"] {
		t.Errorf("after the swap answers come from the new generation, got %v", got)
	}
	if _, err := os.Stat(base); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old generation %s not removed: %v", base, err)
	}
	if dir, err := LiveDir(base); err != nil || dir != base+twinSuffix {
		t.Errorf("LiveDir = %s, %v", dir, err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l, err = OpenLive(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if got := liveSearchIDs(t, l, "airport"); !got["new"] {
		t.Errorf("reopened live index lost the rebuilt generation: %v", got)
	}
	// and a second rebuild goes back to base
	rb, err = l.BeginRebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rb.Dir() != base {
		t.Errorf("second rebuild in %s, want %s", rb.Dir(), base)
	}
	if err := rb.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(base); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("aborted generation left behind: %v", err)
	}
}

func TestLiveOpenRemovesHalfBuiltTwin(t *testing.T) {
	base := filepath.Join(t.TempDir(), "idx")
	// a rebuild that a crash cut short: the twin exists, the pointer does not name it
	half, err := Open(base+twinSuffix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	half.Close()
	l, err := OpenLive(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := os.Stat(base + twinSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("half-built twin not removed: %v", err)
	}
}

func TestLiveOpenRebuildsDamagedGeneration(t *testing.T) {
	base := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(base, metaFileName), []byte("{torn"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := OpenLive(base, Options{})
	if err != nil {
		t.Fatalf("a damaged index must be recreated, got %v", err)
	}
	l.Close()
}

func TestLiveKeepsForeignFolder(t *testing.T) {
	base := filepath.Join(t.TempDir(), "idx")
	os.MkdirAll(base, 0o755)
	os.WriteFile(filepath.Join(base, "notes.txt"), []byte("mine"), 0o644)
	if _, err := OpenLive(base, Options{}); !errors.Is(err, ErrNotIndex) {
		t.Fatalf("OpenLive on a foreign folder: %v, want ErrNotIndex", err)
	}
	if _, err := os.Stat(filepath.Join(base, "notes.txt")); err != nil {
		t.Errorf("foreign file removed: %v", err)
	}
}

// Questions asked while a rebuild swaps never fail.
func TestLiveSearchDuringSwap(t *testing.T) {
	ctx := context.Background()
	base := filepath.Join(t.TempDir(), "idx")
	l, err := OpenLive(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	arts := []*corpus.Article{liveArticle("a", "The airport of Aleppo closed on Monday.")}
	if _, err := l.Index().Sync(ctx, arts, nil, nil); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var failed atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for !stop.Load() {
				if hits, err := l.Search(ctx, SearchRequest{Text: "airport", Size: 5}); err != nil || len(hits) != 1 {
					failed.Add(1)
				}
			}
		})
	}
	for range 3 {
		rb, err := l.BeginRebuild(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rb.Index().Sync(ctx, arts, nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := rb.Swap(); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("%d searches failed or missed across swaps", n)
	}
}
