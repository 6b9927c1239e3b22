package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// TestUpdate walks one index through a sequence of Update calls, each
// checked against the stats it reports and what the index then answers.
func TestUpdate(t *testing.T) {
	ctx := context.Background()
	ix := openTemp(t)
	arts := testArticles(t)
	byID := map[string]*corpus.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	// seed003 gets one control claim, whatever its text says.
	extract := func(a *corpus.Article) facts.Set {
		if a.ID != seed003 {
			return facts.Set{}
		}
		ev := evidence(t, a, "Aleppo")
		return facts.Set{Control: []facts.Control{{Article: a.ID, Place: "Aleppo", Controller: "Hayat Tahrir al-Sham", Status: facts.Seized, Evidence: ev}}}
	}
	changed := corpus.ParseText(seed000, byID[seed000].Path, strings.Replace(byID[seed000].Text, "Kremlin", "Aerodrome", 1))
	changed.Title, changed.Outlet = byID[seed000].Title, byID[seed000].Outlet
	if !strings.Contains(changed.Text, "Aerodrome") {
		t.Fatal("test article lacks the word to replace")
	}

	steps := []struct {
		name   string
		upsert []*corpus.Article
		remove []string
		want   SyncStats // Took, Passages and Facts are not compared
		// present and absent list article ids after the step
		present, absent []string
	}{
		{"add all", arts, nil, SyncStats{Added: len(arts)}, []string{seed000, seed003}, nil},
		{"unchanged upserts are skipped", arts[:3], nil, SyncStats{Unchanged: 3}, []string{seed000}, nil},
		{"change one, remove one, the rest untouched", []*corpus.Article{changed}, []string{seed003},
			SyncStats{Updated: 1, Removed: 1}, []string{seed000, art100}, []string{seed003}},
		{"removing an absent id does nothing", nil, []string{seed003, "no-such-article"}, SyncStats{}, nil, []string{seed003}},
		{"upserted and removed: upserted", []*corpus.Article{byID[seed003]}, []string{seed003}, SyncStats{Added: 1}, []string{seed003}, nil},
		{"repeated and empty ids are skipped", []*corpus.Article{byID[art100], byID[art100], {}}, nil, SyncStats{Unchanged: 1, Skipped: 2}, nil, nil},
	}
	for _, s := range steps {
		st, err := ix.Update(ctx, s.upsert, s.remove, extract)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := st
		got.Took, got.Passages, got.Facts = 0, 0, 0
		if got != s.want {
			t.Errorf("%s: stats %+v, want %+v", s.name, got, s.want)
		}
		for _, id := range s.present {
			if h, err := ix.ArticleHash(ctx, id); err != nil || h == "" {
				t.Errorf("%s: ArticleHash(%s) = %q, %v; want a hash", s.name, id, h, err)
			}
		}
		for _, id := range s.absent {
			if h, err := ix.ArticleHash(ctx, id); err != nil || h != "" {
				t.Errorf("%s: ArticleHash(%s) = %q, %v; want none", s.name, id, h, err)
			}
		}
	}

	// The changed article answers with its new text only.
	if ids := searchIDs(t, ix, "aerodrome"); len(ids) != 1 || ids[0] != seed000 {
		t.Errorf("aerodrome finds %v, want %s", ids, seed000)
	}
	if h, _ := ix.ArticleHash(ctx, seed000); h != ix.HashOf(changed) || h == ix.HashOf(byID[seed000]) {
		t.Errorf("ArticleHash(%s) = %q, want the changed article's %q", seed000, h, ix.HashOf(changed))
	}
	// The re-added article's fact is there once, not twice.
	hits, err := ix.Facts(ctx, FactQuery{Kind: KindControl, Place: "Aleppo"})
	if err != nil || len(hits) != 1 || hits[0].Meta.ID != seed003 {
		t.Errorf("control facts after remove and re-add: %d hits, %v", len(hits), err)
	}
	st, err := ix.Stats(ctx)
	if err != nil || st.Articles != len(arts) || st.Facts != 1 {
		t.Errorf("Stats = %+v, %v; want %d articles and 1 fact", st, err, len(arts))
	}
	// Sync agrees with what Update wrote: only the changed article differs.
	now := append([]*corpus.Article{changed}, arts[1:]...)
	sst, err := ix.Sync(ctx, now, extract, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sst.Unchanged != len(arts) || sst.Added+sst.Updated+sst.Removed != 0 {
		t.Errorf("Sync after Updates: %+v, want all unchanged", sst)
	}
}

func TestUpdateCancelled(t *testing.T) {
	ix := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Update(ctx, testArticles(t), nil, nil); err == nil {
		t.Error("Update with a cancelled context succeeded")
	}
}

// TestKilledSyncRepairs kills a process (this test binary again, see
// TestKillHelperProcess) in the middle of a Sync of many small batches,
// then opens what it left: the index must open, answer, and the next Sync
// must make it whole, every article as in a clean build.
func TestKilledSyncRepairs(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestKillHelperProcess$")
	cmd.Env = append(os.Environ(), "NEWSBOT_INDEX_KILL_HELPER="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// the helper prints a line after each article; kill it halfway
	sc := bufio.NewScanner(out)
	lines := 0
	for sc.Scan() && lines < killAfter {
		lines++
	}
	cmd.Process.Kill() // SIGKILL where there are signals
	cmd.Wait()
	if lines < killAfter {
		t.Fatalf("helper stopped after %d articles, before it could be killed", lines)
	}

	arts := killArticles(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after kill -9: %v", err)
	}
	defer ix.Close()
	before, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d articles reported; the index holds %d of %d", lines, before.Articles, len(arts))
	// whatever is there is whole: every indexed article answers with its
	// own text
	if _, err := ix.Search(context.Background(), SearchRequest{Text: "Aleppo airport", Size: MaxSize}); err != nil {
		t.Fatalf("Search after kill -9: %v", err)
	}
	st, err := ix.Sync(context.Background(), arts, nil, nil)
	if err != nil {
		t.Fatalf("Sync after kill -9: %v", err)
	}
	if st.Added+st.Unchanged != len(arts) || st.Updated != 0 || st.Removed != 0 {
		t.Errorf("repairing Sync: %+v, want %d added or unchanged", st, len(arts))
	}
	after, err := ix.Stats(context.Background())
	if err != nil || after.Articles != len(arts) {
		t.Fatalf("Stats after repair: %+v %v, want %d articles", after, err, len(arts))
	}
	clean := openTemp(t)
	if _, err := clean.Sync(context.Background(), arts, nil, nil); err != nil {
		t.Fatal(err)
	}
	want, _ := clean.Stats(context.Background())
	if after.Passages != want.Passages {
		t.Errorf("repaired index holds %d passages, a clean build %d", after.Passages, want.Passages)
	}
	for _, q := range []string{"Aleppo", "airport", "Kremlin"} {
		got, _ := ix.Search(context.Background(), SearchRequest{Text: q, Size: MaxSize})
		exp, _ := clean.Search(context.Background(), SearchRequest{Text: q, Size: MaxSize})
		if len(got) != len(exp) {
			t.Errorf("%q: %d hits after repair, %d in a clean build", q, len(got), len(exp))
		}
	}
}

const killAfter = 150

// killArticles are the test articles many times over, under new ids.
func killArticles(t testing.TB) []*corpus.Article {
	base := testArticles(t)
	var out []*corpus.Article
	for i := 0; i < 400; i++ {
		out = append(out, copyArticle(base[i%len(base)], i/len(base)+1))
	}
	return out
}

func TestKillHelperProcess(t *testing.T) {
	dir := os.Getenv("NEWSBOT_INDEX_KILL_HELPER")
	if dir == "" {
		t.Skip("run by TestKilledSyncRepairs")
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.batchOps = 40 // many batches, so that the kill lands between two
	ix.Sync(context.Background(), killArticles(t), nil, func(done, total int) {
		fmt.Println(done)
	})
	ix.Close()
}

// TestRecordsFollowWrites reads an article's passages (so that its record
// is cached), changes it, and reads it again: the new text, not the
// cached one.
func TestRecordsFollowWrites(t *testing.T) {
	ctx := context.Background()
	ix, arts := syncedTemp(t)
	a := arts[0]
	if hits := searchHits(t, ix, "Kremlin"); !hasArticle(hits, a.ID) {
		t.Fatalf("%s not found before the change", a.ID)
	}
	changed := corpus.ParseText(a.ID, a.Path, strings.ReplaceAll(a.Text, "Kremlin", "Kremlin Aerodrome"))
	changed.Title, changed.Outlet = "A new title", a.Outlet
	if _, err := ix.Update(ctx, []*corpus.Article{changed}, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, h := range searchHits(t, ix, "Kremlin") {
		if h.Meta.ID == a.ID && (h.Meta.Title != "A new title" || !strings.Contains(h.Text, "Aerodrome")) {
			t.Errorf("after Update, hit of %s reads %q / %q: a stale record", a.ID, h.Meta.Title, h.Text)
		}
	}
}
