package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder collects batches as a receiver would, reading each file when
// its batch arrives.
type recorder struct {
	mu      sync.Mutex
	batches []Batch
	content map[string]string // what each path held when handed over
	got     chan string
}

func start(t *testing.T, opt Options) (string, *recorder) {
	t.Helper()
	root := t.TempDir()
	r := &recorder{content: map[string]string{}, got: make(chan string, 10000)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, root, opt, func(_ context.Context, b Batch) error {
			r.mu.Lock()
			r.batches = append(r.batches, b)
			for _, p := range b.Paths {
				data, err := os.ReadFile(p)
				if err != nil {
					r.content[p] = "<gone>"
				} else {
					r.content[p] = string(data)
				}
			}
			r.mu.Unlock()
			for _, p := range b.Paths {
				r.got <- p
			}
			return nil
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch: %v", err)
		}
	})
	time.Sleep(50 * time.Millisecond) // the watch is set up
	return root, r
}

// await waits until every path in want has been handed over.
func (r *recorder) await(t *testing.T, want ...string) {
	t.Helper()
	missing := map[string]bool{}
	for _, p := range want {
		missing[p] = true
	}
	r.mu.Lock()
	for p := range r.content {
		delete(missing, p)
	}
	r.mu.Unlock()
	deadline := time.After(10 * time.Second)
	for len(missing) > 0 {
		select {
		case p := <-r.got:
			delete(missing, p)
		case <-deadline:
			t.Fatalf("not handed over within 10s: %v", missing)
		}
	}
}

func (r *recorder) seen(p string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.content[p]
	return c, ok
}

func TestRenamedIntoPlaceIsTakenWhole(t *testing.T) {
	root, r := start(t, Options{})
	tmp := filepath.Join(root, ".incoming.tmp")
	final := filepath.Join(root, "story.txt")
	os.WriteFile(tmp, []byte("Rebels took Saraqib. END"), 0o644)
	os.Rename(tmp, final)
	r.await(t, final)
	if c, _ := r.seen(final); c != "Rebels took Saraqib. END" {
		t.Errorf("handed over %q", c)
	}
	if _, ok := r.seen(tmp); ok {
		t.Errorf("the temporary file was handed over")
	}
}

func TestWrittenInPlaceWaitsUntilSettled(t *testing.T) {
	root, r := start(t, Options{Settle: 150 * time.Millisecond})
	p := filepath.Join(root, "slow.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		fmt.Fprintf(f, "part %d. ", i)
		time.Sleep(40 * time.Millisecond)
	}
	f.WriteString("END")
	f.Close()
	r.await(t, p)
	if c, _ := r.seen(p); !strings.HasSuffix(c, "END") {
		t.Errorf("a file being written was handed over half-written: %q", c)
	}
}

func TestBurstIsBatched(t *testing.T) {
	root, r := start(t, Options{})
	stage := filepath.Join(root, ".stage")
	os.Mkdir(stage, 0o755)
	var want []string
	for i := range 500 {
		name := fmt.Sprintf("wire-%03d.txt", i)
		os.WriteFile(filepath.Join(stage, name), []byte("Shelling resumed."), 0o644)
		want = append(want, filepath.Join(root, name))
	}
	for i := range 500 {
		name := fmt.Sprintf("wire-%03d.txt", i)
		os.Rename(filepath.Join(stage, name), filepath.Join(root, name))
	}
	r.await(t, want...)
	r.mu.Lock()
	n := len(r.batches)
	r.mu.Unlock()
	if n > 25 {
		t.Errorf("500 files arrived in %d batches, want a few", n)
	}
}

func TestIgnoredFilesAndNewFolders(t *testing.T) {
	root, r := start(t, Options{})
	for _, name := range []string{".hidden.txt", "story.txt.swp", "story.txt~", "download.part", "x.tmp", "#story.txt#", "4913"} {
		os.WriteFile(filepath.Join(root, name), []byte("x"), 0o644)
	}
	deep := filepath.Join(root, "2026", "12", "02")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	inDeep := filepath.Join(deep, "late.txt")
	os.WriteFile(inDeep, []byte("Filed late."), 0o644)
	// a folder moved in with its files
	outside := filepath.Join(t.TempDir(), "bundle")
	os.MkdirAll(filepath.Join(outside, "inner"), 0o755)
	os.WriteFile(filepath.Join(outside, "inner", "b.txt"), []byte("Bundled."), 0o644)
	movedIn := filepath.Join(root, "bundle")
	if err := os.Rename(outside, movedIn); err != nil {
		t.Skip("cannot move across temporary folders here:", err)
	}
	r.await(t, inDeep, filepath.Join(movedIn, "inner", "b.txt"))
	// a file then created in the moved-in folder is watched too
	later := filepath.Join(movedIn, "inner", "c.txt")
	os.WriteFile(later, []byte("Later."), 0o644)
	r.await(t, later)
	r.mu.Lock()
	defer r.mu.Unlock()
	for p := range r.content {
		if Ignored(filepath.Base(p)) {
			t.Errorf("ignored file handed over: %s", p)
		}
	}
}

func TestRemovalsAreHandedOver(t *testing.T) {
	root, r := start(t, Options{})
	a := filepath.Join(root, "a.txt")
	sub := filepath.Join(root, "sub")
	os.WriteFile(a, []byte("A."), 0o644)
	os.MkdirAll(sub, 0o755)
	time.Sleep(50 * time.Millisecond)
	os.WriteFile(filepath.Join(sub, "b.txt"), []byte("B."), 0o644)
	r.await(t, a, filepath.Join(sub, "b.txt"))
	os.Remove(a)
	if err := os.Rename(sub, filepath.Join(t.TempDir(), "away")); err != nil {
		t.Skip(err)
	}
	// drain until both removals arrive
	deadline := time.After(10 * time.Second)
	gotA, gotSub := false, false
	for !gotA || !gotSub {
		select {
		case p := <-r.got:
			c, _ := r.seen(p)
			if p == a && c == "<gone>" {
				gotA = true
			}
			if p == sub && c == "<gone>" {
				gotSub = true
			}
		case <-deadline:
			t.Fatalf("removals not handed over: file %v, folder %v", gotA, gotSub)
		}
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"story.txt": false, "feed.jsonl": false, "2024-12-01 Aleppo.md": false,
		".story.txt": true, "story.txt.swp": true, "story.txt~": true, "a.json.part": true,
		"a.TMP": true, "#a.txt#": true, "~$draft.txt": true, "4913": true, "a.crdownload": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
