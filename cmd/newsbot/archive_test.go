package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
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

// runArchive runs a in the background until the test ends and waits for
// its start-up sync.
func runArchive(t *testing.T, a *archive) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	waitFor(t, func() bool { return !a.Health().CatchingUp })
}

// renameIn writes a file beside dir under a hidden name and renames it in,
// as an editor's tool or rsync does.
func renameIn(t *testing.T, dir, name, text string) {
	t.Helper()
	tmp := filepath.Join(dir, ".incoming-"+name)
	writeFile(t, tmp, text)
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func TestArchiveFollowsTheFolder(t *testing.T) {
	a, cfg := testArchive(t, map[string]string{
		"a.txt": "Rebels seized the airport of Aleppo on Monday, the Observatory said.\n",
	})
	runArchive(t, a)
	steps := []struct {
		name   string
		change func()
		words  string
		want   map[string]int
	}{
		{"renamed in", func() {
			renameIn(t, cfg.CorpusDir, "b.txt", "Shelling hit the airport of Hama on Tuesday.\n")
		}, "airport", map[string]int{"a": 1, "b": 1}},
		{"new folder", func() {
			writeFile(t, filepath.Join(cfg.CorpusDir, "2026", "12", "c.md"), "---\ntitle: Convoy\n---\nA convoy reached the airport of Idlib.\n")
		}, "convoy", map[string]int{"c": 1}},
		{"JSONL written", func() {
			renameIn(t, cfg.CorpusDir, "feed.jsonl", `{"id":"w1","body":"Talks on Geneva resumed."}`+"\n")
		}, "geneva", map[string]int{"w1": 1}},
		{"JSONL appended", func() {
			f, err := os.OpenFile(filepath.Join(cfg.CorpusDir, "feed.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(`{"id":"w2","body":"Talks on Geneva stalled."}` + "\n")
			f.Close()
		}, "geneva", map[string]int{"w1": 1, "w2": 1}},
		{"JSONL line changed", func() {
			renameIn(t, cfg.CorpusDir, "feed.jsonl", `{"id":"w1","body":"Talks in Astana resumed."}`+"\n"+`{"id":"w2","body":"Talks on Geneva stalled."}`+"\n")
		}, "astana", map[string]int{"w1": 1}},
		{"file changed in place", func() {
			writeFile(t, filepath.Join(cfg.CorpusDir, "a.txt"), "Rebels lost the airport of Aleppo on Wednesday.\n")
		}, "wednesday", map[string]int{"a": 1}},
		{"file removed", func() {
			os.Remove(filepath.Join(cfg.CorpusDir, "b.txt"))
		}, "airport", map[string]int{"a": 1, "c": 1}},
		{"folder removed", func() {
			os.RemoveAll(filepath.Join(cfg.CorpusDir, "2026"))
		}, "airport", map[string]int{"a": 1}},
		{"editor temporaries ignored", func() {
			writeFile(t, filepath.Join(cfg.CorpusDir, "d.txt.swp"), "The airport swap file.\n")
			writeFile(t, filepath.Join(cfg.CorpusDir, "e.txt.part"), "The airport download.\n")
			writeFile(t, filepath.Join(cfg.CorpusDir, "f.txt"), "Sentinel airport story.\n")
		}, "airport", map[string]int{"a": 1, "f": 1}},
	}
	for _, s := range steps {
		s.change()
		deadline := time.Now().Add(10 * time.Second)
		var got map[string]int
		for {
			got = answerable(t, a, s.words)
			if equalCounts(got, s.want) || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !equalCounts(got, s.want) {
			t.Errorf("%s: %q finds %v, want %v", s.name, s.words, got, s.want)
		}
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestArchiveReportsBadFiles(t *testing.T) {
	a, cfg := testArchive(t, map[string]string{
		"good.txt":    "Rebels seized the airport of Aleppo on Monday.\n",
		"empty.txt":   "",
		"latin1.txt":  "Caf\xe9 owners said the airport closed.\n",
		"binary.txt":  "GIF89a\x00\x01\x02",
		"broken.json": "{not json",
		"lines.jsonl": `{"id":"l1","body":"The airport reopened."}` + "\n" + "{broken\n",
	})
	big := filepath.Join(cfg.CorpusDir, "huge.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20)
	f.Close()
	os.Symlink("loop.txt", filepath.Join(cfg.CorpusDir, "loop.txt"))
	runArchive(t, a)
	// a file deleted between the event and the read, and one arriving bad
	writeFile(t, filepath.Join(cfg.CorpusDir, "late-bad.txt"), "\xff\xfe bad\n")
	waitFor(t, func() bool { return hasSkip(a.Skipped(), "late-bad.txt") })
	reasons := map[string]string{}
	for _, s := range a.Skipped() {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	for name, want := range map[string]string{
		"empty.txt": "empty", "latin1.txt": "UTF-8", "binary.txt": "binary", "broken.json": "JSON",
		"lines.jsonl#2": "JSON", "huge.txt": "limit", "loop.txt": "symbolic link", "late-bad.txt": "UTF-8",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want it to mention %q", name, reasons[name], want)
		}
	}
	if got := answerable(t, a, "airport"); got["good"] != 1 || got["l1"] != 1 {
		t.Errorf("bad files blocked good ones: %v", got)
	}
	// a file the watcher saw that is gone by the time it is read: no error,
	// no skip, and the batch's other file is indexed
	writeFile(t, filepath.Join(cfg.CorpusDir, "kept.txt"), "The airport of Homs reopened.\n")
	if _, err := a.apply(context.Background(), []string{filepath.Join(cfg.CorpusDir, "vanished.txt"), filepath.Join(cfg.CorpusDir, "kept.txt")}, nil, "watch"); err != nil {
		t.Fatalf("a vanished file failed the batch: %v", err)
	}
	if hasSkip(a.Skipped(), "vanished.txt") {
		t.Errorf("a vanished file is reported as skipped: %v", a.Skipped())
	}
	if got := answerable(t, a, "homs"); got["kept"] != 1 {
		t.Errorf("the vanished file's batch lost kept.txt: %v", got)
	}
}

func hasSkip(skips []corpus.Skip, base string) bool {
	for _, s := range skips {
		if filepath.Base(s.Path) == base {
			return true
		}
	}
	return false
}

func TestArchiveStartUpReadsOnlyChangedFiles(t *testing.T) {
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("s%02d.txt", i)] = fmt.Sprintf("Story %d: the airport of Aleppo closed.\n", i)
	}
	a, cfg := testArchive(t, files)
	ctx := context.Background()
	if _, err := a.reconcile(ctx, "start-up", nil); err != nil {
		t.Fatal(err)
	}
	a.Close()

	cases := []struct {
		name   string
		change func()
		files  int // files read and changed
	}{
		{"unchanged", func() {}, 0},
		{"one file touched", func() {
			writeFile(t, filepath.Join(cfg.CorpusDir, "s03.txt"), "Story 3: the airport of Hama closed.\n")
		}, 1},
		{"one added, one removed", func() {
			writeFile(t, filepath.Join(cfg.CorpusDir, "new.txt"), "A new story about the airport.\n")
			os.Remove(filepath.Join(cfg.CorpusDir, "s04.txt"))
		}, 2},
	}
	for _, c := range cases {
		c.change()
		b, err := openArchive(ctx, cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := b.reconcile(ctx, "start-up", nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.files != c.files {
			t.Errorf("%s: start-up read %d changed files, want %d", c.name, sum.files, c.files)
		}
		if got := answerable(t, b, "airport"); len(got) != 30 {
			t.Errorf("%s: %d articles answerable, want 30", c.name, len(got))
		}
		b.Close()
	}
}

func TestArchiveRebuildKeepsChangesMadeDuringIt(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("s%02d.txt", i)] = fmt.Sprintf("Story %d: the airport of Aleppo closed.\n", i)
	}
	a, cfg := testArchive(t, files)
	ctx := context.Background()
	if _, err := a.reconcile(ctx, "start-up", nil); err != nil {
		t.Fatal(err)
	}
	changed := false
	var seen []int
	_, err := a.Reindex(ctx, func(done, total int) {
		seen = append(seen, done)
		if changed || done < 10 {
			return
		}
		changed = true
		// as the watcher would, while the rebuild is half done
		writeFile(t, filepath.Join(cfg.CorpusDir, "during.txt"), "Filed mid-rebuild: the airport reopened.\n")
		os.Remove(filepath.Join(cfg.CorpusDir, "s00.txt"))
		if _, err := a.apply(ctx, []string{filepath.Join(cfg.CorpusDir, "during.txt")}, []string{filepath.Join(cfg.CorpusDir, "s00.txt")}, "test"); err != nil {
			t.Error(err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	got := answerable(t, a, "airport")
	if got["during"] != 1 || got["s00"] != 0 || len(got) != 40 {
		t.Errorf("after the rebuild: %d answerable, during=%d s00=%d", len(got), got["during"], got["s00"])
	}
	if len(seen) == 0 || seen[len(seen)-1] != 40 {
		t.Errorf("progress %v, want it to end at 40", seen)
	}
	// and the manifest of the new generation is trusted at the next start
	a.Close()
	b, err := openArchive(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if sum, err := b.reconcile(ctx, "start-up", nil); err != nil || sum.files != 0 {
		t.Errorf("start after a rebuild read %d files (%v), want none", sum.files, err)
	}
}

func TestArchiveIngestHandler(t *testing.T) {
	if off, _ := testArchive(t, nil); off.IngestHandler() != nil {
		t.Fatal("without a token the route must be off")
	}
	a, cfg := testArchive(t, nil)
	a.cfg.IngestToken = "tok"
	runArchive(t, a)
	srv := httptest.NewServer(a.IngestHandler())
	defer srv.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/articles", strings.NewReader(`{"id":"cms-1","title":"Aleppo","body":"Rebels entered the citadel of Aleppo.","date":"2024-11-29"}`))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	// answerable when the 201 arrives, not later
	if got := answerable(t, a, "citadel"); got["cms-1"] != 1 {
		t.Errorf("pushed article not answerable at once: %v", got)
	}
	if _, err := os.Stat(filepath.Join(cfg.CorpusDir, "cms-1.json")); err != nil {
		t.Errorf("pushed article not in the corpus folder: %v", err)
	}
	req, _ = http.NewRequest("DELETE", srv.URL+"/articles/cms-1", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err = srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	if got := answerable(t, a, "citadel"); len(got) != 0 {
		t.Errorf("deleted article still answerable: %v", got)
	}
	if h := a.Health(); h.Articles != 0 || h.LastUpdate == "" || h.CatchingUp {
		t.Errorf("health %+v", h)
	}
}

// A copy of an article in a second file is left out while the first file
// has it; when the first file goes, the copy is indexed.
func TestArchiveCopyTakesOverWhenTheOriginalGoes(t *testing.T) {
	story := `{"id":"w1","body":"Talks on Geneva resumed."}`
	a, cfg := testArchive(t, map[string]string{"a.json": story})
	runArchive(t, a)
	renameIn(t, cfg.CorpusDir, "b.json", story)
	waitFor(t, func() bool { return hasSkip(a.Skipped(), "b.json") })
	os.Remove(filepath.Join(cfg.CorpusDir, "a.json"))
	waitFor(t, func() bool { return !hasSkip(a.Skipped(), "b.json") })
	if got := answerable(t, a, "geneva"); got["w1"] != 1 {
		t.Errorf("the copy was not indexed when the original went: %v", got)
	}
}

func TestIndexCommandOnAHeldIndexSaysSo(t *testing.T) {
	a, cfg := testArchive(t, map[string]string{"a.txt": "Rebels seized the airport of Aleppo.\n"})
	_ = a
	env := map[string]string{"NEWSBOT_CORPUS_DIR": cfg.CorpusDir, "NEWSBOT_INDEX_DIR": cfg.IndexDir}
	start := time.Now()
	for _, args := range [][]string{{"index"}, {"index", "--rebuild"}} {
		_, _, err := newsbot(t, env, args...)
		if err == nil || !strings.Contains(err.Error(), "in use by another newsbot") {
			t.Errorf("%v on a held index: %v", args, err)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s to say so", d)
	}
}

func TestIndexRebuildCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"NEWSBOT_CORPUS_DIR": filepath.Join(dir, "articles"), "NEWSBOT_INDEX_DIR": filepath.Join(dir, "idx")}
	writeFile(t, filepath.Join(dir, "articles", "a.txt"), "Rebels seized the airport of Aleppo.\n")
	if _, _, err := newsbot(t, env, "index"); err != nil {
		t.Fatal(err)
	}
	out, _, err := newsbot(t, env, "index", "--rebuild")
	if err != nil || !strings.Contains(out, "Rebuilt the index from 1 files: 1 articles") {
		t.Fatalf("index --rebuild: %v\n%s", err, out)
	}
	out, _, err = newsbot(t, env, "ask", "--json", "/search airport")
	if err != nil || !strings.Contains(out, `"article": "a"`) {
		t.Errorf("ask after a rebuild: %v\n%s", err, out)
	}
	out, _, err = newsbot(t, env, "index")
	if err != nil || !strings.Contains(out, "0 added, 0 updated, 0 removed, 1 unchanged") {
		t.Errorf("index after a rebuild: %v\n%s", err, out)
	}
}

// A folder read a part at a time (the start-up of a large archive) gives
// the index and the manifest one read of the whole folder gives: the same
// articles under the same ids, id clashes resolved the same way, and what
// the index held beyond the folder removed.
func TestArchiveReadsALargeFolderInParts(t *testing.T) {
	files := map[string]string{
		"a.txt":       "Story a: the airport of Hama closed on Monday.\n",
		"b.jsonl":     `{"id":"wire-1","title":"One","body":"The airport of Homs reopened."}` + "\n" + `{"id":"wire-2","title":"Two","body":"The airport of Idlib was shelled."}` + "\n",
		"c.jsonl":     `{"id":"wire-1","title":"Other","body":"A different airport story from Latakia."}` + "\n",
		"d/copy.json": `{"id":"wire-2","title":"Two","body":"The airport of Idlib was shelled."}`,
		"e.txt":       "Story e: the airport of Deir ez-Zor was closed.\n",
	}
	type state struct {
		hits    map[string]int
		renamed []corpus.Skip
		skips   []corpus.Skip
		ids     int
		indexed int
	}
	read := func(part int64, stale bool) state {
		a, cfg := testArchive(t, files)
		ctx := context.Background()
		if stale {
			// an index that holds an article no file gives, and no manifest
			err := a.live.With(func(ix *index.Index) error {
				_, err := ix.Update(ctx, []*corpus.Article{{ID: "gone-1", Title: "Gone", Text: "An airport story no file holds."}}, nil, nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		a.partBytes = part
		if _, err := a.reconcile(ctx, "start-up", nil); err != nil {
			t.Fatal(err)
		}
		rel := func(skips []corpus.Skip) []corpus.Skip {
			for i := range skips {
				skips[i].Path, _ = filepath.Rel(cfg.CorpusDir, skips[i].Path)
				skips[i].Reason = strings.ReplaceAll(skips[i].Reason, cfg.CorpusDir, "")
			}
			return skips
		}
		st, err := a.live.Index().Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return state{answerable(t, a, "airport"), rel(a.man.Renamed()), rel(a.man.Skips()), a.man.Articles(), st.Articles}
	}
	whole := read(readBudget, false)
	if len(whole.hits) != 5 || len(whole.renamed) != 1 {
		t.Fatalf("one read: %d articles answerable, %d renamed; want 5 and 1: %v %v", len(whole.hits), len(whole.renamed), whole.hits, whole.renamed)
	}
	for _, stale := range []bool{false, true} {
		parts := read(1, stale) // every file a part of its own
		if !equalCounts(parts.hits, whole.hits) || !reflect.DeepEqual(parts.renamed, whole.renamed) || parts.ids != whole.ids || parts.indexed != whole.indexed {
			t.Errorf("stale=%v: read in parts gives %v, renamed %v, %d ids, %d indexed; one read gives %v, renamed %v, %d ids, %d indexed",
				stale, parts.hits, parts.renamed, parts.ids, parts.indexed, whole.hits, whole.renamed, whole.ids, whole.indexed)
		}
		if len(parts.skips) != len(whole.skips) {
			t.Errorf("stale=%v: %d skips in parts, %d in one read", stale, len(parts.skips), len(whole.skips))
		}
	}
}
