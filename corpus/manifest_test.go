package corpus

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// planDir scans dir, reads what changed and plans it against m.
func planDir(t *testing.T, m *Manifest, dir string) *Plan {
	t.Helper()
	ctx := context.Background()
	files, _, err := Scan(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var read []string
	for _, f := range files {
		seen[f.Path] = true
		if old, ok := m.File(f.Path); !ok || old.Size != f.Stamp.Size || old.MTime != f.Stamp.MTime {
			read = append(read, f.Path)
		}
	}
	var gone []string
	for _, p := range m.Paths() {
		if !seen[p] {
			gone = append(gone, p)
		}
	}
	loads, err := ReadFiles(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	return m.Plan(loads, gone)
}

func ids(arts []*Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

func TestManifestPlanTracksFiles(t *testing.T) {
	dir := t.TempDir()
	mpath := filepath.Join(t.TempDir(), "m")
	m, err := OpenManifest(mpath, "k1")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	writeTestFile(t, filepath.Join(dir, "a.txt"), "Rebels took Saraqib on Monday.\n")
	writeTestFile(t, filepath.Join(dir, "feed.jsonl"),
		`{"id":"w1","title":"One","body":"The airport closed."}`+"\n"+`{"id":"w2","title":"Two","body":"The road reopened."}`+"\n")
	writeTestFile(t, filepath.Join(dir, "sub", "dup.json"), `{"id":"w1","title":"Other","body":"A different story."}`)

	steps := []struct {
		name         string
		change       func()
		upsert, gone []string
	}{
		{"first load", func() {}, []string{"a", "w1", "w1~2", "w2"}, nil},
		{"unchanged", func() {}, nil, nil},
		{"jsonl line appended", func() {
			f, _ := os.OpenFile(filepath.Join(dir, "feed.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(`{"id":"w3","title":"Three","body":"Shelling resumed."}` + "\n")
			f.Close()
		}, []string{"w3"}, nil},
		{"jsonl line changed", func() {
			writeTestFile(t, filepath.Join(dir, "feed.jsonl"),
				`{"id":"w1","title":"One","body":"The airport closed."}`+"\n"+`{"id":"w2","title":"Two","body":"The road reopened at noon."}`+"\n"+`{"id":"w3","title":"Three","body":"Shelling resumed."}`+"\n")
		}, []string{"w2"}, nil},
		{"renamed clash keeps its id when read again", func() {
			writeTestFile(t, filepath.Join(dir, "sub", "dup.json"), `{"id":"w1","title":"Other","body":"A different story, corrected."}`)
		}, []string{"w1~2"}, nil},
		{"file removed", func() { os.Remove(filepath.Join(dir, "a.txt")) }, nil, []string{"a"}},
		{"line removed", func() {
			writeTestFile(t, filepath.Join(dir, "feed.jsonl"), `{"id":"w1","title":"One","body":"The airport closed."}`+"\n")
		}, nil, []string{"w2", "w3"}},
	}
	for _, s := range steps {
		s.change()
		p := planDir(t, m, dir)
		if got := ids(p.Upsert); !slices.Equal(got, s.upsert) {
			t.Errorf("%s: upsert %v, want %v", s.name, got, s.upsert)
		}
		if !slices.Equal(p.Remove, s.gone) {
			t.Errorf("%s: remove %v, want %v", s.name, p.Remove, s.gone)
		}
		if err := m.Commit(p.Changes); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Articles(); n != 2 {
		t.Errorf("manifest holds %d articles, want w1 and w1~2", n)
	}
	m.Close()

	// reopened, the manifest knows what it knew; under another key, nothing
	m2, err := OpenManifest(mpath, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if m2.Articles() != 2 || !planDir(t, m2, dir).Empty() {
		t.Errorf("reopened manifest: %d articles, plan not empty", m2.Articles())
	}
	m2.Close()
	m3, err := OpenManifest(mpath, "k2")
	if err != nil {
		t.Fatal(err)
	}
	defer m3.Close()
	if m3.Articles() != 0 {
		t.Errorf("a manifest under another key must not be trusted")
	}
}

func TestManifestTornLastLine(t *testing.T) {
	dir := t.TempDir()
	mpath := filepath.Join(t.TempDir(), "m")
	m, err := OpenManifest(mpath, "k")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "a.txt"), "Rebels took Saraqib on Monday.\n")
	writeTestFile(t, filepath.Join(dir, "b.txt"), "Rebels took Hama on Tuesday.\n")
	p := planDir(t, m, dir)
	if err := m.Commit(p.Changes[:1]); err != nil {
		t.Fatal(err)
	}
	if err := m.Commit(p.Changes[1:]); err != nil {
		t.Fatal(err)
	}
	m.Close()
	data, _ := os.ReadFile(mpath)
	os.WriteFile(mpath, data[:len(data)-7], 0o644) // a crash mid-append
	m, err = OpenManifest(mpath, "k")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := ids(planDir(t, m, dir).Upsert); !slices.Equal(got, []string{"b"}) {
		t.Errorf("after a torn last record the plan redoes %v, want [b]", got)
	}
}

func TestScanReportsBadLinksAndReadFilesSkips(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "good.txt"), "Rebels took Saraqib on Monday.\n")
	writeTestFile(t, filepath.Join(dir, ".hidden.txt"), "hidden\n")
	writeTestFile(t, filepath.Join(dir, "draft.txt.part"), "half\n")
	writeTestFile(t, filepath.Join(dir, "empty.txt"), "")
	writeTestFile(t, filepath.Join(dir, "bad.txt"), "caf\xe9\n")
	writeTestFile(t, filepath.Join(dir, "broken.jsonl"), "{\"body\":\"fine\"}\n{nope\n")
	if err := os.Symlink("loop.txt", filepath.Join(dir, "loop.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	files, skips, err := Scan(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Base(f.Path))
	}
	if want := []string{"bad.txt", "broken.jsonl", "empty.txt", "good.txt"}; !slices.Equal(paths, want) {
		t.Errorf("scanned %v, want %v", paths, want)
	}
	if len(skips) != 1 || !strings.Contains(skips[0].Reason, "symbolic link") {
		t.Errorf("skips %v, want the link loop", skips)
	}
	var read []string
	for _, f := range files {
		read = append(read, f.Path)
	}
	read = append(read, filepath.Join(dir, "vanished.txt"))
	loads, err := ReadFiles(context.Background(), read)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, l := range loads {
		for _, s := range l.Skips {
			reasons[filepath.Base(s.Path)] = s.Reason
		}
		if l.Gone && filepath.Base(l.Path) != "vanished.txt" {
			t.Errorf("%s reported gone", l.Path)
		}
	}
	for name, want := range map[string]string{"bad.txt": "UTF-8", "empty.txt": "empty", "broken.jsonl#2": "JSON"} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want it to mention %q", name, reasons[name], want)
		}
	}
	if !loads[len(loads)-1].Gone {
		t.Errorf("a file deleted before the read must be Gone")
	}
}
