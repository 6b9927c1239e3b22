package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/push"
	"github.com/newsroom/newsbot/index"
)

// The kill test runs a child process (this test binary, re-executed) that
// ingests, updates, removes and rebuilds without pause, kills it with
// SIGKILL at a random moment, and checks after each restart that every
// article in the corpus folder is answerable exactly once, with its
// current text, and that nothing else is.
var (
	crashKills = flag.Int("crash.kills", 50, "kills in TestCrashKill9 (the long run: -crash.kills=500)")
	crashSeed  = flag.Uint64("crash.seed", 0, "seed of TestCrashKill9; 0 picks one (logged)")
)

const crashChildEnv = "NEWSBOT_CRASH_CHILD"

func TestCrashKill9(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("in the child")
	}
	kills := *crashKills
	if testing.Short() {
		kills = min(kills, 10)
	}
	seed := *crashSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -crash.seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	cfg := config{CorpusDir: filepath.Join(dir, "articles"), IndexDir: filepath.Join(dir, "idx"), ReconcileEvery: time.Hour}
	os.MkdirAll(cfg.CorpusDir, 0o755)
	for i := range 40 {
		writeFile(t, filepath.Join(cfg.CorpusDir, "e"+letters(uint64(i))+".txt"), crashBody(letters(uint64(i)), 0))
	}
	writeFile(t, filepath.Join(cfg.CorpusDir, "feed.jsonl"), "")
	modes := []string{"ingest", "update", "rebuild"}
	logPath := filepath.Join(dir, "child.log")
	for k := range kills {
		mode := modes[k%len(modes)]
		childSeed := rng.Uint64()
		delay := time.Duration(30+rng.IntN(900)) * time.Millisecond
		ran := runAndKill(t, cfg, mode, childSeed, delay, logPath)
		t.Logf("kill %d: %s after %s, %s", k+1, mode, delay, ran)
		if b, _ := os.ReadFile(logPath); mode == "rebuild" {
			t.Logf("  rebuilds swapped in: %d", strings.Count(string(b), "rebuild: Rebuilt"))
		}
		if err := verifyCrashCorpus(t, cfg); err != nil {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("kill %d (%s, child seed %d, after %s, %s): %v\nchild log tail:\n%s", k+1, mode, childSeed, delay, ran, err, tail(string(log), 3000))
		}
	}
}

// runAndKill starts the child and kills it after delay; it reports what
// the child had done.
func runAndKill(t *testing.T, cfg config, mode string, seed uint64, delay time.Duration, logPath string) string {
	t.Helper()
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+mode, "NEWSBOT_CRASH_SEED="+strconv.FormatUint(seed, 10),
		"NEWSBOT_CORPUS_DIR="+cfg.CorpusDir, "NEWSBOT_INDEX_DIR="+cfg.IndexDir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ops := make(chan int, 1)
	go func() {
		n := 0
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "op ") {
				n++
			}
		}
		ops <- n
	}()
	time.Sleep(delay)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	return fmt.Sprintf("%d ops done", <-ops)
}

// verifyCrashCorpus restarts as serve would and compares index and corpus.
func verifyCrashCorpus(t *testing.T, cfg config) error {
	t.Helper()
	ctx := context.Background()
	a, err := openArchive(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		return fmt.Errorf("reopen: %w", err)
	}
	defer a.Close()
	if _, err := a.reconcile(ctx, "start-up", nil); err != nil {
		return fmt.Errorf("start-up sync: %w", err)
	}
	left, _ := filepath.Glob(filepath.Join(cfg.CorpusDir, push.TempPrefix+"*"))
	if len(left) > 0 {
		return fmt.Errorf("temporary files left in the corpus: %v", left)
	}
	loaded, err := corpus.LoadDir(ctx, cfg.CorpusDir)
	if err != nil {
		return err
	}
	for _, s := range loaded.Skipped {
		if s.Path != filepath.Join(cfg.CorpusDir, "feed.jsonl") { // empty at first
			return fmt.Errorf("a half-written or bad file in the corpus: %s: %s", s.Path, s.Reason)
		}
	}
	st, err := a.Store().Stats(ctx)
	if err != nil {
		return err
	}
	if st.Articles != len(loaded.Articles) {
		return fmt.Errorf("index holds %d articles, the corpus %d", st.Articles, len(loaded.Articles))
	}
	for _, art := range loaded.Articles {
		suffix := art.ID[1:]
		hits, err := a.Store().Search(ctx, index.SearchRequest{Text: "zq" + suffix, Size: 10})
		if err != nil {
			return err
		}
		if len(hits) != 1 || hits[0].Meta.ID != art.ID {
			var got []string
			for _, h := range hits {
				got = append(got, h.Meta.ID)
			}
			return fmt.Errorf("article %s answered by %v, want it once", art.ID, got)
		}
		if want := strings.TrimSpace(art.Text); hits[0].Text != want {
			return fmt.Errorf("article %s: index has %q, corpus %q", art.ID, hits[0].Text, want)
		}
	}
	return nil
}

// TestCrashChild is the child of TestCrashKill9; it works until killed.
func TestCrashChild(t *testing.T) {
	mode := os.Getenv(crashChildEnv)
	if mode == "" {
		t.Skip("run by TestCrashKill9")
	}
	seed, _ := strconv.ParseUint(os.Getenv("NEWSBOT_CRASH_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 2))
	cfg := config{CorpusDir: os.Getenv("NEWSBOT_CORPUS_DIR"), IndexDir: os.Getenv("NEWSBOT_INDEX_DIR"),
		ReconcileEvery: time.Hour, IngestToken: "crash"}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, err := openArchive(ctx, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	go a.Run(ctx)
	h := a.IngestHandler()
	if mode == "rebuild" {
		go func() {
			for ctx.Err() == nil {
				msg, err := a.Reindex(ctx, nil)
				fmt.Fprintln(os.Stderr, "rebuild:", msg, err)
			}
		}()
	}
	for n := 0; ctx.Err() == nil; n++ {
		op := crashOp(t, rng, cfg, h, mode)
		fmt.Printf("op %d %s\n", n, op)
	}
}

// crashOp does one random change, as an editor, a feed or a CMS would.
func crashOp(t *testing.T, rng *rand.Rand, cfg config, h http.Handler, mode string) string {
	dir := cfg.CorpusDir
	suffix := letters(rng.Uint64() % 1e9)
	existing, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	pushed, _ := filepath.Glob(filepath.Join(dir, "p*.json"))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	updating := mode == "update"
	switch r := rng.IntN(10); {
	case r < 3 && !updating || r < 1:
		// a CMS pushes one to three articles
		var arts []string
		for i := range 1 + rng.IntN(3) {
			s := suffix + letters(uint64(i))
			arts = append(arts, fmt.Sprintf(`{"id":"p%s","title":"Pushed","body":%q,"date":"2024-12-01"}`, s, crashBody(s, 0)))
		}
		return "push " + doPush(h, "POST", "/articles", "["+strings.Join(arts, ",")+"]")
	case r < 5 && len(pushed) > 0:
		p := pick(pushed)
		id := strings.TrimSuffix(filepath.Base(p), ".json")
		if rng.IntN(3) == 0 && !updating {
			return "delete " + doPush(h, "DELETE", "/articles/"+id, "")
		}
		return "replace " + doPush(h, "POST", "/articles?replace=true",
			fmt.Sprintf(`{"id":%q,"title":"Pushed","body":%q}`, id, crashBody(id[1:], rng.IntN(1000)+1)))
	case r < 7 && len(existing) > 0 && (updating || rng.IntN(2) == 0):
		// an editor saves a new version (written aside, renamed over)
		p := pick(existing)
		s := strings.TrimSuffix(filepath.Base(p), ".txt")[1:]
		if rng.IntN(4) == 0 && !updating && len(existing) > 20 {
			os.Remove(p)
			return "remove " + filepath.Base(p)
		}
		atomicWrite(t, p, crashBody(s, rng.IntN(1000)+1))
		return "edit " + filepath.Base(p)
	case r < 8:
		f, err := os.OpenFile(filepath.Join(dir, "feed.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, `{"id":"j%s","body":%q}`+"\n", suffix, crashBody(suffix, 0))
		f.Close()
		return "append j" + suffix
	default:
		atomicWrite(t, filepath.Join(dir, "e"+suffix+".txt"), crashBody(suffix, 0))
		return "add e" + suffix
	}
}

func doPush(h http.Handler, method, path, body string) string {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer crash")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return strconv.Itoa(rec.Code)
}

func atomicWrite(t *testing.T, path, text string) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// crashBody is an article's one paragraph: a word found in no other
// article, and its version.
func crashBody(suffix string, version int) string {
	return fmt.Sprintf("Report zq%s, version %s: shelling was reported near the airport.", suffix, letters(uint64(version)))
}

// letters spells n with consonants only, which no stemmer shortens.
func letters(n uint64) string {
	const digits = "bcdfghjklm"
	s := strconv.FormatUint(n, 10)
	b := make([]byte, len(s))
	for i := range s {
		b[i] = digits[s[i]-'0']
	}
	return string(b)
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
