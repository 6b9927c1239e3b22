package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/newsroom/newsbot/corpus"
)

func TestSyncIncremental(t *testing.T) {
	ctx := context.Background()
	ix := openTemp(t)
	arts := testArticles(t)

	st, err := ix.Sync(ctx, arts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != len(arts) || st.Updated != 0 || st.Removed != 0 || st.Unchanged != 0 || st.Passages == 0 {
		t.Fatalf("first sync: %+v", st)
	}
	passages := st.Passages

	var calls, last int
	st, err = ix.Sync(ctx, arts, nil, func(done, total int) {
		calls++
		last = done
		if total != len(arts) {
			t.Errorf("progress total %d, want %d", total, len(arts))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 0 || st.Updated != 0 || st.Removed != 0 || st.Unchanged != len(arts) || st.Passages != 0 {
		t.Fatalf("second sync indexed something: %+v", st)
	}
	if calls != len(arts) || last != len(arts) {
		t.Errorf("progress called %d times, last done %d; want %d", calls, last, len(arts))
	}

	// Change one article: a new word in place of an old one.
	changed := corpus.ParseText(arts[0].ID, arts[0].Path, strings.Replace(arts[0].Text, "Airport", "Aerodrome", 1))
	changed.Title, changed.Outlet = arts[0].Title, arts[0].Outlet
	arts2 := append([]*corpus.Article{changed}, arts[1:]...)
	st, err = ix.Sync(ctx, arts2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 || st.Added != 0 || st.Removed != 0 || st.Unchanged != len(arts)-1 {
		t.Fatalf("after a change: %+v", st)
	}
	if ids := searchIDs(t, ix, "aerodrome"); len(ids) != 1 || ids[0] != changed.ID {
		t.Errorf("aerodrome hits %v, want the changed article", ids)
	}
	hits, err := ix.Search(ctx, SearchRequest{Text: "Aleppo International Airport", Phrase: true})
	if err != nil {
		t.Fatal(err)
	}
	if hasArticle(hits, changed.ID) {
		t.Errorf("old text of the changed article still indexed")
	}

	// Remove one article: its passages go with it.
	removed := arts2[len(arts2)-1]
	st, err = ix.Sync(ctx, arts2[:len(arts2)-1], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 1 || st.Added != 0 || st.Updated != 0 {
		t.Fatalf("after a removal: %+v", st)
	}
	if hits := searchHits(t, ix, "unbalanced quote correction Ghouta"); hasArticle(hits, removed.ID) {
		t.Errorf("removed article %s still has passages", removed.ID)
	}
	s, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != len(arts)-1 || s.Passages >= passages {
		t.Errorf("stats after removal: %+v (was %d passages)", s, passages)
	}
	// Nothing lingers under the removed article's id.
	q := bleve.NewTermQuery(removed.ID)
	q.SetField("id")
	res, err := ix.bl.Search(bleve.NewSearchRequest(q))
	if err != nil || res.Total != 0 {
		t.Errorf("documents of removed article: %v (err %v)", res.Total, err)
	}
	for _, id := range []string{articleDocID(removed.ID), passageDocID(removed.ID, 0), passageDocID(removed.ID, 1)} {
		if d, err := ix.bl.Document(id); err != nil || d != nil {
			t.Errorf("document %s of the removed article still there (err %v)", id, err)
		}
	}
}

func TestSyncPersistsAcrossOpen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	arts := testArticles(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(ctx, arts, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := ix.Sync(ctx, arts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != len(arts) || st.Added+st.Updated+st.Removed != 0 {
		t.Errorf("sync after reopen: %+v", st)
	}
	// A new facts version re-indexes everything.
	ix.factsVer = "v2"
	st, err = ix.Sync(ctx, arts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != len(arts) {
		t.Errorf("sync with new facts version: %+v", st)
	}
}

func TestSyncSkipsBadIDs(t *testing.T) {
	ix := openTemp(t)
	arts := testArticles(t)[:2]
	dup := *arts[0]
	noID := *arts[1]
	noID.ID = ""
	st, err := ix.Sync(context.Background(), []*corpus.Article{arts[0], arts[1], &dup, &noID, nil}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 2 || st.Skipped != 3 {
		t.Errorf("stats %+v, want 2 added and 3 skipped", st)
	}
}

func TestSyncCancelled(t *testing.T) {
	ix := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Sync(ctx, testArticles(t), nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	second, err := Open(dir, Options{})
	if err == nil {
		second.Close()
		t.Fatal("second Open of a held index succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("err = %v, want ErrLocked", err)
	}
	if want := dir + " is in use by another newsbot process"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to say %q", err, want)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("second Open took %v: it must fail at once", d)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Released on Close.
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	ix.Close()
}

// TestLockOtherProcess runs this test binary again as a second process
// (see TestLockHelperProcess) while this one holds the index.
func TestLockOtherProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), "NEWSBOT_INDEX_LOCK_HELPER="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper process: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "is in use by another newsbot process") {
		t.Errorf("helper output lacks the lock error:\n%s", out)
	}
}

func TestLockHelperProcess(t *testing.T) {
	dir := os.Getenv("NEWSBOT_INDEX_LOCK_HELPER")
	if dir == "" {
		t.Skip("run by TestLockOtherProcess")
	}
	ix, err := Open(dir, Options{})
	if err == nil {
		ix.Close()
		t.Fatal("opened an index another process holds")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	fmt.Println(err)
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
	}{
		{"a file", func(t *testing.T, dir string) {
			write(t, dir, "notes")
		}},
		{"a directory of other files", func(t *testing.T, dir string) {
			os.MkdirAll(dir, 0o755)
			write(t, filepath.Join(dir, "article.txt"), "keep me")
		}},
		{"a foreign bleve index", func(t *testing.T, dir string) {
			bl, err := bleve.New(dir, bleve.NewIndexMapping())
			if err != nil {
				t.Fatal(err)
			}
			bl.Close()
		}},
		{"another mapping version", func(t *testing.T, dir string) {
			ix, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.bl.SetInternal(versionKey, []byte("newsbot-index/0")); err != nil {
				t.Fatal(err)
			}
			ix.Close()
		}},
		{"a corrupt index", func(t *testing.T, dir string) {
			ix, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			write(t, filepath.Join(dir, metaFileName), "{not json")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			tt.setup(t, dir)
			before := listing(t, dir)
			ix, err := Open(dir, Options{})
			if err == nil {
				ix.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, ErrNotIndex) {
				t.Errorf("err = %v, want ErrNotIndex", err)
			}
			if !strings.HasPrefix(err.Error(), "index: ") || !strings.Contains(err.Error(), dir) {
				t.Errorf("err = %q: want the package prefix and the directory", err)
			}
			after := listing(t, dir)
			for f := range before {
				if !after[f] {
					t.Errorf("Open deleted %s", f)
				}
			}
		})
	}
}

func TestOpenEmptyDir(t *testing.T) {
	dir := t.TempDir() // exists, empty
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open of an empty directory: %v", err)
	}
	ix.Close()
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func listing(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			out[p] = true
		}
		return nil
	})
	return out
}

func searchHits(t *testing.T, ix *Index, text string) []Hit {
	t.Helper()
	hits, err := ix.Search(context.Background(), SearchRequest{Text: text, Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func searchIDs(t *testing.T, ix *Index, text string) []string {
	t.Helper()
	return articleIDs(searchHits(t, ix, text))
}

func hasArticle(hits []Hit, id string) bool {
	for _, h := range hits {
		if h.Meta.ID == id {
			return true
		}
	}
	return false
}

func TestStats(t *testing.T) {
	ix, arts := syncedTemp(t)
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	undated := 0
	for _, a := range arts {
		if a.Date.IsZero() {
			undated++
		}
	}
	if st.Articles != len(arts) || st.Undated != undated || st.Passages == 0 || st.Facts != 0 {
		t.Errorf("Stats = %+v; want %d articles, %d undated", st, len(arts), undated)
	}
	if len(st.Newest) != 5 {
		t.Fatalf("Newest has %d, want 5", len(st.Newest))
	}
	for i := 1; i < len(st.Newest); i++ {
		if st.Newest[i].Date > st.Newest[i-1].Date {
			t.Errorf("Newest not newest first: %+v", st.Newest)
		}
	}
	if st.Newest[0].Date != "2024-12-02" || st.Newest[len(st.Newest)-1].Date == "" {
		t.Errorf("Newest = %+v", st.Newest)
	}
}

func TestOpenRebuildsOutdatedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.bl.SetInternal(versionKey, []byte(mappingPrefix+"0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrOutdated) {
		t.Fatalf("outdated index without RebuildOutdated: %v, want ErrOutdated", err)
	}
	ix, err = Open(dir, Options{RebuildOutdated: true})
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	defer ix.Close()
	st, err := ix.Stats(context.Background())
	if err != nil || st.Articles != 0 {
		t.Fatalf("rebuilt index: %+v %v", st, err)
	}
}

func TestOpenRefusesForeignVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.bl.SetInternal(versionKey, []byte("someone-else/1"))
	ix.Close()
	if _, err := Open(dir, Options{RebuildOutdated: true}); !errors.Is(err, ErrNotIndex) {
		t.Fatalf("foreign version: %v, want ErrNotIndex", err)
	}
}

func TestStatsFollowSync(t *testing.T) {
	ix := openTemp(t)
	arts := testArticles(t)
	ctx := context.Background()
	if _, err := ix.Sync(ctx, arts[:2], nil, nil); err != nil {
		t.Fatal(err)
	}
	before, err := ix.Stats(ctx)
	if err != nil || before.Articles != 2 {
		t.Fatalf("stats after 2 articles: %+v %v", before, err)
	}
	if _, err := ix.Sync(ctx, arts, nil, nil); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Stats(ctx)
	if err != nil || after.Articles != len(arts) {
		t.Fatalf("cached stats not refreshed by Sync: %+v %v, want %d articles", after, err, len(arts))
	}
}

func TestMonthsBack(t *testing.T) {
	got := monthsBack(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 3)
	want := []string{"2024-02", "2024-01", "2023-12"}
	if !slices.Equal(got, want) {
		t.Fatalf("monthsBack = %v, want %v", got, want)
	}
}
