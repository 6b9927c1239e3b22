package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpPerCommand(t *testing.T) {
	for _, cmd := range []string{"ask", "search", "index", "facts", "bench", "version"} {
		out, _, err := newsbot(t, nil, cmd, "--help")
		if err != nil {
			t.Errorf("%s --help: %v, want exit 0", cmd, err)
		}
		if !strings.Contains(out, "usage: newsbot "+cmd) {
			t.Errorf("%s --help printed %q, want its own usage", cmd, out)
		}
	}
	if _, _, err := newsbot(t, nil, "ask", "-h"); err != nil {
		t.Errorf("ask -h: %v", err)
	}
}

func TestVersion(t *testing.T) {
	out, _, err := newsbot(t, nil, "version")
	if err != nil || !strings.HasPrefix(out, "newsbot ") {
		t.Fatalf("version: %q, %v", out, err)
	}
}

func TestAskEmptyCorpus(t *testing.T) {
	dir := t.TempDir()
	_, _, err := newsbot(t, nil, "ask", "--corpus", dir, "--index", filepath.Join(t.TempDir(), "idx"), "Who controls Aleppo?")
	if err == nil || !errors.Is(err, errNoArticles) || !strings.Contains(err.Error(), "holds no articles") {
		t.Fatalf("empty corpus: %v, want it to say it holds no articles", err)
	}
}

func TestAskAfterAndMore(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "idx")
	out, stderr, err := newsbot(t, nil, "ask", "--json", "--index", idx, "--after", "How many were killed in Syria?", "and in Aleppo?")
	if err != nil {
		t.Fatalf("ask --after: %v\n%s", err, stderr)
	}
	var resp struct {
		Intent string   `json:"intent"`
		Notes  []string `json:"notes"`
		Cursor string   `json:"cursor"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Intent != "toll" || !strings.Contains(strings.Join(resp.Notes, " "), "follow-up") {
		t.Errorf("follow-up read as %q, notes %q", resp.Intent, resp.Notes)
	}
	first, _, err := newsbot(t, nil, "ask", "--index", idx, "/toll")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(first, "newsbot ask --more ")
	if i < 0 {
		t.Fatalf("/toll printed no cursor:\n%s", first)
	}
	cur := strings.Fields(first[i+len("newsbot ask --more "):])[0]
	more, stderr, err := newsbot(t, nil, "ask", "--index", idx, "--more", cur)
	if err != nil || strings.Contains(more, "expired") || strings.TrimSpace(more) == "" {
		t.Fatalf("ask --more: %v %q\n%s", err, more, stderr)
	}
	if _, _, err := newsbot(t, nil, "ask", "--index", idx, "--after"); !errors.Is(err, errUsage) {
		t.Errorf("--after with no value: %v, want a usage error", err)
	}
}
