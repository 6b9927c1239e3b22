package corpus

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// want describes one expected article.
type want struct {
	id, title, outlet, date, url, author string
	paragraphs                           int
}

func checkArticle(t *testing.T, a *Article, w want) {
	t.Helper()
	got := want{a.ID, a.Title, a.Outlet, a.DateString(), a.URL, a.Author, len(a.Paragraphs)}
	if w.paragraphs == 0 {
		got.paragraphs = 0 // not checked
	}
	if got != w {
		t.Errorf("article %s:\n got %+v\nwant %+v", a.Path, got, w)
	}
	if len(a.Hash) != 64 {
		t.Errorf("article %s: hash %q is not hex sha256", a.Path, a.Hash)
	}
	checkOffsets(t, a)
}

// checkOffsets asserts the invariant every quote relies on: each paragraph
// is an in-range, ordered, non-empty, trimmed span of Text.
func checkOffsets(t *testing.T, a *Article) {
	t.Helper()
	prev := 0
	for i, p := range a.Paragraphs {
		if p.Start < prev || p.End <= p.Start || p.End > len(a.Text) {
			t.Fatalf("article %s: paragraph %d [%d:%d] out of order or range (len %d)", a.Path, i, p.Start, p.End, len(a.Text))
		}
		s := a.Text[p.Start:p.End]
		if s != strings.TrimSpace(s) {
			t.Errorf("article %s: paragraph %d %q is not trimmed", a.Path, i, s)
		}
		prev = p.End
	}
}

func TestLoadFile(t *testing.T) {
	tests := []struct {
		path  string
		want  []want
		skips map[string]string // path -> substring of reason
	}{
		{
			path: "testdata/load/frontmatter.md",
			want: []want{{"frontmatter", "Rebels enter Hama", "Example Wire", "2024-12-05", "https://example.com/hama", "Jane O'Neill", 3}},
		},
		{
			path: "testdata/load/frontmatter-txt.txt",
			want: []want{{"frontmatter-txt", "Damascus braces", "Desk Report", "2024-12-05", "", "", 2}},
		},
		{
			path: "testdata/load/rule.txt",
			want: []want{{"rule", "", "", "", "", "", 4}},
		},
		{
			path: "testdata/load/plain.txt",
			want: []want{{"plain", "", "", "", "", "", 3}},
		},
		{
			path: "testdata/load/nested/seed-004.txt",
			want: []want{{"seed-004", "Syria, al-Assad seeks to strengthen his support", "", "2024-12-02", "", "", 28}},
		},
		{
			path: "testdata/load/single.json",
			want: []want{{"single", "Airport seized", "Wire", "2024-11-30", "https://example.com/airport", "", 2}},
		},
		{
			path: "testdata/load/many.jsonl",
			want: []want{
				{"6", "", "", "2024-12-03", "", "", 1},
				{"j-1", "First", "Outlet A", "2024-12-01", "", "", 1},
				{"j-2", "Second", "Source B", "2024-12-02", "", "", 2},
				{"many-5", "No id", "", "2024-12-03", "", "", 1},
			},
			skips: map[string]string{
				"testdata/load/many.jsonl#4":  "not valid JSON",
				"testdata/load/many.jsonl#6":  "no body",
				"testdata/load/many.jsonl#8":  "not a JSON object",
				"testdata/load/many.jsonl#9":  `field "title" is a JSON number`,
				"testdata/load/many.jsonl#10": "no body",
			},
		},
		{
			path:  "testdata/load/notes.pdf",
			skips: map[string]string{"testdata/load/notes.pdf": "not an article file"},
		},
		{
			path:  "testdata/load/missing.txt",
			skips: map[string]string{"testdata/load/missing.txt": "cannot be read: no such file"},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			l := LoadFile(tt.path)
			arts, skips := l.Articles, l.Skipped
			if len(arts) != len(tt.want) {
				t.Fatalf("got %d articles, want %d; skips %v", len(arts), len(tt.want), skips)
			}
			for i, w := range tt.want {
				checkArticle(t, arts[i], w)
			}
			checkSkips(t, skips, tt.skips)
		})
	}
}

func checkSkips(t *testing.T, got []Skip, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d skips, want %d: %+v", len(got), len(want), got)
	}
	for _, s := range got {
		w, ok := want[s.Path]
		if !ok {
			t.Errorf("unexpected skip %s: %s", s.Path, s.Reason)
			continue
		}
		if !strings.Contains(s.Reason, w) {
			t.Errorf("skip %s: reason %q does not contain %q", s.Path, s.Reason, w)
		}
	}
}

func TestLoadDirTestdata(t *testing.T) {
	l, err := LoadDir(context.Background(), "testdata/load")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range l.Articles {
		ids = append(ids, a.ID)
		checkOffsets(t, a)
	}
	// sorted by ID; .hidden.txt and notes.pdf ignored without a skip
	want := "6 frontmatter frontmatter-txt j-1 j-2 many-5 plain rule seed-004 single"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids:\n got %s\nwant %s", got, want)
	}
	if len(l.Skipped) != 5 {
		t.Errorf("got %d skips, want the 5 bad lines of many.jsonl: %+v", len(l.Skipped), l.Skipped)
	}
	for _, s := range l.Skipped {
		if !strings.HasPrefix(s.Path, filepath.Join("testdata", "load", "many.jsonl")+"#") {
			t.Errorf("unexpected skip %+v", s)
		}
	}
}

// TestLoadDirBadInput builds every kind of bad file in a temporary folder:
// each must be skipped with its reason while the good file still loads.
func TestLoadDirBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("A good article.\n"))
	write("binary.txt", []byte("PK\x03\x04\x00\x00 zip header"))
	write("binary.jsonl", []byte("{\"id\":\"a\",\"body\":\"x\"}\n\x00\x01\x02"))
	write("latin1.txt", []byte("Caf\xe9 in Damascus.\n"))
	write("latin1.json", []byte("{\"body\": \"Caf\xe9\"}"))
	write("empty.txt", nil)
	write("blank.md", []byte(" \n\t\r\n  \n"))
	write("blank.jsonl", []byte("\n\n"))
	write("onlyfront.md", []byte("---\ntitle: Nothing else\n---\n\n"))
	write("huge.txt", bytes.Repeat([]byte("word "), MaxFileSize/5+1))
	write("huge.jsonl", append(append([]byte(`{"id":"big","body":"`), bytes.Repeat([]byte("x"), MaxFileSize)...), []byte("\"}\n{\"id\":\"small\",\"body\":\"fits\"}\n")...))
	write("nobody.json", []byte(`{"id": "nb", "title": "Headline only"}`))
	write("array.json", []byte(`[{"body": "x"}]`))
	write("nul.json", []byte(`{"body": "a\u0000b"}`))
	write("lines.jsonl", []byte("{\"id\":\"l1\",\"body\":\"one\"}\n{broken\n{\"id\":\"l3\",\"body\":\"three\"}"))
	write(".git/HEAD.txt", []byte("not an article"))
	write(".hidden/a.txt", []byte("hidden folder"))
	write(".dot.txt", []byte("hidden file"))
	write("image.png", []byte("\x89PNG"))
	write("sub/deeper/nested.md", []byte("Nested article text."))
	unreadable := filepath.Join(dir, "secret.txt")
	write("secret.txt", []byte("Locked."))
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	_, openErr := os.ReadFile(unreadable)
	rooted := openErr == nil // root reads anything: the case cannot be staged

	l, err := LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range l.Articles {
		ids = append(ids, a.ID)
	}
	wantIDs := "good l1 l3 nested small"
	if rooted {
		wantIDs = "good l1 l3 nested secret small"
	}
	if got := strings.Join(ids, " "); got != wantIDs {
		t.Errorf("ids:\n got %s\nwant %s", got, wantIDs)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	want := map[string]string{
		p("array.json"):        "not a JSON object",
		p("binary.jsonl"):      "binary file",
		p("binary.txt"):        "binary file",
		p("blank.jsonl"):       "empty",
		p("blank.md"):          "empty",
		p("empty.txt"):         "empty",
		p("huge.jsonl") + "#1": "10 MiB limit",
		p("huge.txt"):          "10 MiB limit",
		p("latin1.json"):       "not valid UTF-8",
		p("latin1.txt"):        "not valid UTF-8",
		p("lines.jsonl#2"):     "not valid JSON",
		p("nobody.json"):       "no body",
		p("nul.json"):          "NUL",
		p("onlyfront.md"):      "no article text after the front matter",
	}
	if !rooted {
		want[p("secret.txt")] = "permission denied"
	}
	checkSkips(t, l.Skipped, want)
}

func TestReadFailure(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "cannot be read: permission denied"},
		{&fs.PathError{Op: "read", Path: "x", Err: errors.New("input/output error")}, "cannot be read: input/output error"},
	}
	for _, tt := range tests {
		if got := readFailure(tt.err); got != tt.want {
			t.Errorf("readFailure(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestDuplicateID(t *testing.T) {
	// a/x.txt and b/x.txt share an id but not their text: both are kept
	l, err := LoadDir(context.Background(), "testdata/clash")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Articles) != 2 || l.Articles[0].ID != "x" || l.Articles[1].ID != "x~2" {
		t.Fatalf("want x and x~2, got %+v", l.Articles)
	}
	if l.Articles[1].Path != filepath.Join("testdata", "clash", "b", "x.txt") || l.Articles[0].Hash == l.Articles[1].Hash {
		t.Errorf("renamed article: %+v", l.Articles[1])
	}
	if len(l.Skipped) != 0 || len(l.Renamed) != 1 || !strings.Contains(l.Renamed[0].Reason, "loaded as x~2") {
		t.Errorf("skipped %+v renamed %+v", l.Skipped, l.Renamed)
	}

	// an identical copy under the same id is skipped and reported
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		os.WriteFile(filepath.Join(dir, sub, "y.txt"), []byte("The same wire story.\n"), 0o644)
	}
	l, err = LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Articles) != 1 || len(l.Skipped) != 1 || !strings.HasPrefix(l.Skipped[0].Reason, "duplicate id y, the same article as") {
		t.Errorf("identical copy: articles %d, skipped %+v", len(l.Articles), l.Skipped)
	}
}

func TestLoadDirSingleFile(t *testing.T) {
	l, err := LoadDir(context.Background(), "testdata/load/plain.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Articles) != 1 || l.Articles[0].ID != "plain" {
		t.Errorf("got %+v", l.Articles)
	}
}

func TestLoadDirErrors(t *testing.T) {
	if _, err := LoadDir(context.Background(), "testdata/does-not-exist"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing dir: err = %v, want fs.ErrNotExist", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadDir(ctx, "testdata/load"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
	if _, err := LoadDir(ctx, "testdata/load/plain.txt"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled single file: err = %v, want context.Canceled", err)
	}
}

func TestSample(t *testing.T) {
	l, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Skipped) != 0 {
		t.Errorf("skipped: %+v", l.Skipped)
	}
	wantDates := []string{"2024-12-02", "", "2024-12-02", "2024-12-01", "2024-12-02"}
	if len(l.Articles) != len(wantDates) {
		t.Fatalf("got %d articles, want %d", len(l.Articles), len(wantDates))
	}
	for i, a := range l.Articles {
		if got := a.DateString(); got != wantDates[i] {
			t.Errorf("%s: date %q, want %q", a.ID, got, wantDates[i])
		}
		if !strings.HasPrefix(a.Path, "sample/") || !strings.HasSuffix(a.Path, ".txt") {
			t.Errorf("%s: path %q", a.ID, a.Path)
		}
		checkOffsets(t, a)
	}
	// the embedded sample must be the same as loading the folder
	disk, err := LoadDir(context.Background(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range disk.Articles {
		if a.Hash != l.Articles[i].Hash {
			t.Errorf("%s: embedded and on-disk hashes differ", a.ID)
		}
	}
}

// TestSharedCorpora loads the datasets under ../../shared/corpora; a clone
// without them skips. FA-KES has 804 rows but only 792 distinct ids (its
// README lists the 9 repeated ids): 11 rows are copies, reported as
// skipped, and one id carries two different articles, both kept.
func TestSharedCorpora(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpora")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpora not present: ", err)
	}
	tests := []struct {
		file             string
		articles, skips  int
		allSkipsAreDupes bool
	}{
		{"fakes-syria/fakes.jsonl", 793, 11, true}, // 11 identical copies; one id with two articles keeps both
		{"bbc-news-2005/bbc.jsonl", 2225, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			start := time.Now()
			l, err := LoadDir(context.Background(), filepath.Join(root, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d articles, %d skipped in %v", len(l.Articles), len(l.Skipped), time.Since(start))
			if len(l.Articles) != tt.articles || len(l.Skipped) != tt.skips {
				t.Errorf("got %d articles and %d skips, want %d and %d", len(l.Articles), len(l.Skipped), tt.articles, tt.skips)
			}
			for _, s := range l.Skipped {
				if !strings.HasPrefix(s.Reason, "duplicate id ") {
					t.Errorf("skip %s: %s", s.Path, s.Reason)
				}
			}
			for _, a := range l.Articles {
				if a.Title == "" || a.Text == "" || a.Hash == "" {
					t.Errorf("%s: missing title, text or hash", a.ID)
				}
				checkOffsets(t, a)
			}
		})
	}
}

func TestLoadDirSkipsDocumentation(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"README.md":          "# About this corpus\n\nThese files are articles.\n",
		"LICENSE.txt":        "CC BY 4.0\n",
		"UPSTREAM_README.md": "# Upstream\n",
		"story.txt":          "Rebels seized the town on Monday, the monitor said.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Articles) != 1 || got.Articles[0].ID != "story" {
		t.Fatalf("articles %v, want only story", got.Articles)
	}
	if len(got.Skipped) != 3 {
		t.Fatalf("skipped %v, want the READMEs and LICENSE reported", got.Skipped)
	}
}
