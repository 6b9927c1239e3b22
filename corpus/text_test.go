package corpus

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestClassify(t *testing.T) {
	tests := []struct {
		p    string
		want ParagraphKind
	}{
		// headings seen in the seeds
		{"Panic in Aleppo", Heading},
		{"Deadly Attacks", Heading},
		{"- Tanks seized -", Heading},
		{"- 'Weak' government -", Heading},
		{"'Limited Utility'", Heading},
		{"‘Limited utility’", Heading},
		{"'Instability'", Heading},
		{"Politics", Heading},
		{"BIG LOSS:", Heading},
		{"Counterattack by government forces", Heading},
		{"Syria, al-Assad seeks to strengthen his support", Heading},
		{"## Reaction abroad", Heading},
		// credits
		{"Photo: AFP", Credit},
		{"A street in Damascus. Image Credit: AFP", Credit},
		{"Also Read | Syrian rebels seize territory from government in renewed offensive", Credit},
		{"Read more: Who are the rebels?", Credit},
		{"Photo: AFP/Getty Images", Credit},
		{"Related: Aleppo falls", Credit},
		// body text, including short lines that look like headings
		{"They also seized Aleppo International Airport.", Body},
		{"One Aleppo resident spoke of panic.", Body},
		{`"We will try to activate this process again," he said.`, Body},
		{`"We will win," he said`, Body},
		{"Related fighting killed five people in Hama on Monday.", Body},
		{"did", Body},
		{"The men's 800m went to form in Sheffield as", Body},
		{"Thank God their injuries were minor, she said from the hospital.", Body},
		{"The photographers were detained at the border for many hours before the army let them go, two of their colleagues and local officials said on Monday, showing the video: footage", Body},
		{"Speaking to reporters, State Department spokesman Matthew Miller said: \"We want to see all countries use their influence.\"", Body},
	}
	for _, tt := range tests {
		if got := classify(tt.p); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name, text string
		title      string
		date       string
		paras      []string // "kind:text"
	}{
		{
			name:  "blank-line paragraphs with leading date",
			text:  " date 2024-12-02 First line\nstill first.\n\nPanic in Aleppo\n\nSecond.",
			date:  "2024-12-02",
			paras: []string{"body:First line\nstill first.", "heading:Panic in Aleppo", "body:Second."},
		},
		{
			name:  "single-newline paragraphs, undated",
			text:  "One.\r\nTwo.\r\nA heading here\r\nThree.",
			paras: []string{"body:One.", "body:Two.", "heading:A heading here", "body:Three."},
		},
		{
			name:  "section label then headline",
			text:  " date 2024-12-02 Politics\nSyria, al-Assad seeks to strengthen his support\nBIG LOSS:\nBody text.",
			title: "Syria, al-Assad seeks to strengthen his support",
			date:  "2024-12-02",
			paras: []string{"heading:Politics", "heading:Syria, al-Assad seeks to strengthen his support", "heading:BIG LOSS:", "body:Body text."},
		},
		{
			name:  "a lone section label is no title",
			text:  "Politics\nBody text.",
			paras: []string{"heading:Politics", "body:Body text."},
		},
		{
			name:  "byline is no title",
			text:  "By Jane Smith Reporter\nBody text.",
			paras: []string{"heading:By Jane Smith Reporter", "body:Body text."},
		},
		{
			name:  "markdown title",
			text:  "# Rebels take Aleppo\n\nBody text.",
			title: "Rebels take Aleppo",
			paras: []string{"heading:# Rebels take Aleppo", "body:Body text."},
		},
		{
			name:  "front matter with byte order mark and date forms",
			text:  "\uFEFF---\ntitle: T\ndate: 2024-12-01T10:00:00Z\n---\nBody.",
			title: "T",
			date:  "2024-12-01",
			paras: []string{"body:Body."},
		},
		{
			name:  "front matter never closed is text",
			text:  "---\ntitle: T\nBody.",
			paras: []string{"heading:---", "body:title: T", "body:Body."},
		},
		{
			name:  "invalid leading date stays in the text",
			text:  " date 2024-13-45 Body text.",
			paras: []string{"body:date 2024-13-45 Body text."},
		},
		{
			name:  "curly quotes and dashes untouched",
			text:  "He said: “We want to see — use their leverage.”",
			paras: []string{"body:He said: “We want to see — use their leverage.”"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ParseText("x", "x.txt", tt.text)
			if a.Text != tt.text {
				t.Errorf("Text changed")
			}
			if a.Title != tt.title || a.DateString() != tt.date {
				t.Errorf("title %q date %q, want %q %q", a.Title, a.DateString(), tt.title, tt.date)
			}
			var got []string
			for i, p := range a.Paragraphs {
				got = append(got, p.Kind.String()+":"+a.ParagraphText(i))
			}
			if strings.Join(got, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.paras)
			}
			checkOffsets(t, a)
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-12-02", "2024-12-02"},
		{"2024-12-02T23:30:00-05:00", "2024-12-02"},
		{"2024-12-02T10:00:00.123Z", "2024-12-02"},
		{"2024-12-02 10:00:00", "2024-12-02"},
		{"Mon, 02 Dec 2024 10:00:00 +0000", "2024-12-02"},
		{"Mon, 2 Dec 2024 10:00:00 GMT", "2024-12-02"},
		{"12/2/2024", "2024-12-02"},
		{"2024/12/02", "2024-12-02"},
		{"2 December 2024", "2024-12-02"},
		{"December 2, 2024", "2024-12-02"},
		{"Dec 2, 2024", "2024-12-02"},
		{"  2024-12-02  ", "2024-12-02"},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, err := parseDate(tt.in)
		got := ""
		if err == nil {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("parseDate(%q) = %q (%v), want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name, data string
		want       want
		err        string
	}{
		{"full", `{"id":"a1","title":" T ","body":"B.","outlet":"O","source":"S","date":"2024-12-02","url":"u"}`, want{"a1", "T", "O", "2024-12-02", "u", "", 1}, ""},
		{"source as outlet", `{"id":"a2","body":"B.","source":"S"}`, want{"a2", "", "S", "", "", "", 1}, ""},
		{"missing id from file name", `{"body":"B."}`, want{"dir-file", "", "", "", "", "", 1}, ""},
		{"unix millis", `{"id":"a3","body":"B.","date":1733097600000}`, want{"a3", "", "", "2024-12-02", "", "", 1}, ""},
		{"unknown date loads undated", `{"id":"a4","body":"B.","date":"soon"}`, want{"a4", "", "", "", "", "", 1}, ""},
		{"byte order mark", "\uFEFF" + `{"id":"a5","body":"B."}`, want{"a5", "", "", "", "", "", 1}, ""},
		{"no body", `{"id":"x","title":"T"}`, want{}, "no body"},
		{"null body", `{"id":"x","body":null}`, want{}, "no body"},
		{"body not a string", `{"id":"x","body":7}`, want{}, `field "body" is a JSON number`},
		{"id an object", `{"id":{},"body":"B."}`, want{}, `"id" must be a string or a number`},
		{"trailing junk", `{"body":"B."} x`, want{}, "not valid JSON"},
		{"invalid utf-8", "{\"body\":\"\xff\"}", want{}, "not valid UTF-8"},
		{"empty", "  ", want{}, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseJSON("some/dir-file.json", []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "corpus: ") {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkArticle(t, a, tt.want)
		})
	}
}

func TestHash(t *testing.T) {
	base := func() *Article {
		return &Article{ID: "a", Title: "t", Outlet: "o", Date: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), URL: "u", Text: "x"}
	}
	h0 := hashArticle(base())
	if h0 != hashArticle(base()) {
		t.Fatal("hash not deterministic")
	}
	changes := map[string]func(*Article){
		"id":     func(a *Article) { a.ID = "b" },
		"title":  func(a *Article) { a.Title = "T" },
		"outlet": func(a *Article) { a.Outlet = "O" },
		"date":   func(a *Article) { a.Date = a.Date.AddDate(0, 0, 1) },
		"url":    func(a *Article) { a.URL = "v" },
		"text":   func(a *Article) { a.Text = "y" },
		"shift":  func(a *Article) { a.Title, a.Outlet = "to", "" },
		"path":   nil, // Path is where, not what: it must not change the hash
	}
	for name, change := range changes {
		a := base()
		if change == nil {
			a.Path = "elsewhere.txt"
			if hashArticle(a) != h0 {
				t.Errorf("%s: hash changed", name)
			}
			continue
		}
		change(a)
		if hashArticle(a) == h0 {
			t.Errorf("%s: hash unchanged", name)
		}
	}
}

// TestSampleGolden pins the paragraph kinds and titles of the bundled
// sample, so a classifier change shows up as a reviewable diff.
func TestSampleGolden(t *testing.T) {
	l, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range l.Articles {
		fmt.Fprintf(&b, "== %s date=%q title=%q paragraphs=%d\n", a.ID, a.DateString(), a.Title, len(a.Paragraphs))
		for i, p := range a.Paragraphs {
			if p.Kind != Body {
				fmt.Fprintf(&b, "%d %s %q\n", i, p.Kind, a.ParagraphText(i))
			}
		}
	}
	golden := filepath.Join("testdata", "sample.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("sample classification differs from %s (run with -update and review the diff):\n%s", golden, b.String())
	}
}

func FuzzParseText(f *testing.F) {
	f.Add(" date 2024-12-02 A.\n\nB\n\n")
	f.Add("---\ntitle: x\n---\n# T\n\nBody.")
	f.Add("\uFEFF---\n---\n")
	f.Add("a\r\n\r\nb\xff\n \n")
	f.Add("- x -\n'y'\nPhoto: AFP")
	f.Fuzz(func(t *testing.T, text string) {
		a := ParseText("id", "p", text)
		if a.Text != text {
			t.Fatal("Text changed")
		}
		prev := 0
		for _, p := range a.Paragraphs {
			if p.Start < prev || p.End <= p.Start || p.End > len(text) {
				t.Fatalf("paragraph [%d:%d] out of range or order (len %d, prev %d)", p.Start, p.End, len(text), prev)
			}
			prev = p.End
		}
	})
}

func BenchmarkLoadDir(b *testing.B) {
	// a folder of 500 sample-sized articles, the shape of a newsroom archive
	dir := b.TempDir()
	l, err := Sample()
	if err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		a := l.Articles[i%len(l.Articles)]
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%10), fmt.Sprintf("a%03d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(a.Text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	dirs := map[string]string{"txt-500": dir}
	if bbc := filepath.Join("..", "..", "shared", "corpora", "bbc-news-2005", "bbc.jsonl"); fileExists(bbc) {
		dirs["bbc-jsonl"] = bbc
	}
	for name, d := range dirs {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadDir(context.Background(), d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
