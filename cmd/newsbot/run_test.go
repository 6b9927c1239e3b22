package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newsbot runs the program as a user would, with a clean environment.
func newsbot(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	return out.String(), errb.String(), err
}

func TestAskJSONContract(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "idx")
	out, stderr, err := newsbot(t, nil, "ask", "--json", "--index", idx, "/search", "airport")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	var resp struct {
		Question string `json:"question"`
		Intent   string `json:"intent"`
		Answers  []struct {
			Text     string `json:"text"`
			Evidence string `json:"evidence"`
			Source   struct {
				Article, Title, Outlet, Date, Path string
			} `json:"source"`
		} `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if resp.Question != "/search airport" || resp.Intent != "search" {
		t.Errorf("question %q intent %q", resp.Question, resp.Intent)
	}
	cited := map[string]bool{}
	for _, a := range resp.Answers {
		cited[a.Source.Article] = true
		if !strings.Contains(strings.ToLower(a.Evidence), "airport") {
			t.Errorf("evidence %q lacks the word searched", a.Evidence)
		}
	}
	for _, id := range []string{"000_8bee64950d4de325", "001_f2736f8442233eec"} {
		if !cited[id] {
			t.Errorf("answers cite %v, want %s", cited, id)
		}
	}
}

func TestIndexTwiceIndexesNothing(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "articles")
	os.MkdirAll(corpusDir, 0o755)
	os.WriteFile(filepath.Join(corpusDir, "a.txt"), []byte(" date 2024-12-03 Rebels seized the town of Saraqib on Tuesday, the Observatory said.\n"), 0o644)
	os.WriteFile(filepath.Join(corpusDir, "broken.json"), []byte("{not json"), 0o644)
	env := map[string]string{"NEWSBOT_CORPUS_DIR": corpusDir, "NEWSBOT_INDEX_DIR": filepath.Join(dir, "idx")}
	out, _, err := newsbot(t, env, "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 added") || !strings.Contains(out, "skipped") || !strings.Contains(out, "broken.json") {
		t.Errorf("first index run:\n%s", out)
	}
	out, _, err = newsbot(t, env, "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "0 added, 0 updated, 0 removed, 1 unchanged") {
		t.Errorf("second run should index nothing:\n%s", out)
	}
}

func TestFactsJSON(t *testing.T) {
	out, _, err := newsbot(t, nil, "facts", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Statements []map[string]any `json:"statements"`
		Tolls      []map[string]any `json:"tolls"`
		Control    []map[string]any `json:"control"`
	}
	if err := json.Unmarshal([]byte(out), &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Statements) == 0 || len(set.Tolls) == 0 || len(set.Control) == 0 {
		t.Fatalf("sample facts: %d statements, %d tolls, %d control", len(set.Statements), len(set.Tolls), len(set.Control))
	}
	for _, k := range []string{"article", "speaker", "role", "quote", "kind", "evidence"} {
		if _, ok := set.Statements[0][k]; !ok {
			t.Errorf("statement lacks %q", k)
		}
	}
	for _, k := range []string{"article", "count", "qualifier", "category", "subgroup", "place", "source", "scope", "date", "evidence"} {
		if _, ok := set.Tolls[0][k]; !ok {
			t.Errorf("toll lacks %q", k)
		}
	}
	for _, k := range []string{"article", "place", "controller", "status", "except", "source", "date", "evidence"} {
		if _, ok := set.Control[0][k]; !ok {
			t.Errorf("control lacks %q", k)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"ask", "--nope"}, {"search"}} {
		_, _, err := newsbot(t, nil, args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("newsbot %v: %v, want a usage error", args, err)
		}
	}
	if _, _, err := newsbot(t, map[string]string{"NEWSBOT_LOG_LEVEL": "loud"}, "ask", "x"); err == nil || !strings.Contains(err.Error(), "NEWSBOT_LOG_LEVEL") {
		t.Errorf("bad log level: %v", err)
	}
}

func TestFlagsAfterQuestion(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "idx")
	out, _, err := newsbot(t, nil, "ask", "What", "did", "Peskov", "say?", "--json", "--index", idx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"intent": "quote"`) || !strings.Contains(out, "continue to support") {
		t.Errorf("ask with flags last:\n%s", out)
	}
}

func TestSecondProcessGetsClearError(t *testing.T) {
	idx := filepath.Join(t.TempDir(), "idx")
	ix, _, _, err := openSynced(context.Background(), config{IndexDir: idx}, discard(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, _, err = newsbot(t, nil, "ask", "--index", idx, "/sources")
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second user of an index: %v", err)
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
