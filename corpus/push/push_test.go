package push

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// fakeArchive indexes by reading the files it is told about.
type fakeArchive struct {
	mu       sync.Mutex
	articles map[string][2]string // id -> hash, file
	ingested [][]string
}

func (f *fakeArchive) Lookup(_ context.Context, id string) (string, string, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.articles[id]
	return a[0], a[1], ok, nil
}

func (f *fakeArchive) Ingest(ctx context.Context, paths []string) error {
	loads, err := corpus.ReadFiles(ctx, paths)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ingested = append(f.ingested, paths)
	for _, l := range loads {
		for id, a := range f.articles {
			if a[1] == l.Path {
				delete(f.articles, id)
			}
		}
		for _, a := range l.Articles {
			f.articles[a.ID] = [2]string{a.Hash, l.Path}
		}
	}
	return nil
}

const token = "s3cret-token"

func setup(t *testing.T) (*httptest.Server, string, *fakeArchive) {
	t.Helper()
	dir := t.TempDir()
	fa := &fakeArchive{articles: map[string][2]string{}}
	// an article an editor put there, and a JSONL feed
	os.WriteFile(filepath.Join(dir, "editor.txt"), []byte("Rebels took Saraqib on Monday.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(`{"id":"w1","body":"The airport closed."}`+"\n"), 0o644)
	fa.Ingest(context.Background(), []string{filepath.Join(dir, "editor.txt"), filepath.Join(dir, "feed.jsonl")})
	srv := httptest.NewServer(New(Options{Dir: dir, Token: token, Archive: fa, MaxBytes: 4096}))
	t.Cleanup(srv.Close)
	return srv, dir, fa
}

func do(t *testing.T, srv *httptest.Server, method, path, auth, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestPush(t *testing.T) {
	srv, dir, fa := setup(t)
	bearer := "Bearer " + token
	article := `{"id":"cms-1","title":"Aleppo","body":"Rebels entered Aleppo on Friday, residents said.","outlet":"AFP","date":"2024-11-29","url":"https://example.org/1"}`
	cases := []struct {
		name, method, path, auth, body string
		code                           int
		errHas                         string
	}{
		{"no token", "POST", "/articles", "", article, 401, "token"},
		{"wrong token", "POST", "/articles", "Bearer nope", article, 401, "token"},
		{"token not bearer", "POST", "/articles", token, article, 401, "token"},
		{"created", "POST", "/articles", bearer, article, 201, ""},
		{"same again", "POST", "/articles", bearer, article, 201, ""},
		{"changed without replace", "POST", "/articles", bearer, strings.Replace(article, "Friday", "Saturday", 1), 409, "replace=true"},
		{"changed with replace", "POST", "/articles?replace=true", bearer, strings.Replace(article, "Friday", "Saturday", 1), 201, ""},
		{"id of an editor's file", "POST", "/articles?replace=true", bearer, `{"id":"editor","body":"Other text."}`, 409, "editor.txt"},
		{"array", "POST", "/articles", bearer, `[{"title":"A","body":"First story."},{"id":"cms-2","body":"Second story.","date":"2024-12-01T10:00:00Z"}]`, 201, ""},
		{"no body", "POST", "/articles", bearer, `{"id":"x","title":"T"}`, 400, "no body"},
		{"blank body", "POST", "/articles", bearer, `{"id":"x","body":"  "}`, 400, "no body"},
		{"bad date", "POST", "/articles", bearer, `{"id":"x","body":"Text.","date":"last Tuesday"}`, 400, "date"},
		{"invalid UTF-8", "POST", "/articles", bearer, "{\"id\":\"x\",\"body\":\"caf\xe9\"}", 400, "UTF-8"},
		{"path in id", "POST", "/articles", bearer, `{"id":"../../etc/x","body":"Text."}`, 400, "id"},
		{"slash in id", "POST", "/articles", bearer, `{"id":"a/b","body":"Text."}`, 400, "id"},
		{"hidden id", "POST", "/articles", bearer, `{"id":".x","body":"Text."}`, 400, "id"},
		{"bad item in array", "POST", "/articles", bearer, `[{"body":"Fine."},{"id":"y"}]`, 400, "article 2"},
		{"repeated id in array", "POST", "/articles", bearer, `[{"id":"z","body":"A."},{"id":"z","body":"B."}]`, 400, "twice"},
		{"not JSON", "POST", "/articles", bearer, `{nope`, 400, "valid"},
		{"unknown field", "POST", "/articles", bearer, `{"body":"A.","tags":["x"]}`, 400, "tags"},
		{"too large", "POST", "/articles", bearer, `{"body":"` + strings.Repeat("x", 5000) + `"}`, 413, "larger"},
		{"delete without token", "DELETE", "/articles/cms-1", "", "", 401, "token"},
		{"delete unknown", "DELETE", "/articles/nope", bearer, "", 404, "no article"},
		{"delete a JSONL line", "DELETE", "/articles/w1", bearer, "", 409, "feed.jsonl"},
		{"delete", "DELETE", "/articles/cms-1", bearer, "", 200, ""},
	}
	for _, c := range cases {
		code, out := do(t, srv, c.method, c.path, c.auth, c.body)
		if code != c.code {
			t.Errorf("%s: status %d, want %d (%v)", c.name, code, c.code, out)
			continue
		}
		if msg, _ := out["error"].(string); c.errHas != "" && !strings.Contains(msg, c.errHas) {
			t.Errorf("%s: error %q, want it to mention %q", c.name, msg, c.errHas)
		}
	}
	// what is left in the folder: the editor's files, the array's two, no temporaries
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 4 || !contains(names, "cms-2.json") || contains(names, "cms-1.json") {
		t.Errorf("corpus folder holds %v", names)
	}
	for _, n := range names {
		if strings.HasPrefix(n, TempPrefix) {
			t.Errorf("temporary file left: %s", n)
		}
	}
	if _, _, ok, _ := fa.Lookup(context.Background(), "cms-2"); !ok {
		t.Errorf("cms-2 not indexed")
	}
	if _, _, ok, _ := fa.Lookup(context.Background(), "cms-1"); ok {
		t.Errorf("cms-1 still indexed after DELETE")
	}
}

func TestPushReportsIDsAndStatus(t *testing.T) {
	srv, _, _ := setup(t)
	code, out := do(t, srv, "POST", "/articles", "Bearer "+token, `{"title":"No id","body":"An article without an id."}`)
	if code != 201 {
		t.Fatalf("status %d: %v", code, out)
	}
	ids, _ := out["ids"].([]any)
	if len(ids) != 1 || !strings.HasPrefix(ids[0].(string), "push-") {
		t.Fatalf("ids %v", out["ids"])
	}
	if _, ok := out["answerable_ms"]; !ok {
		t.Errorf("no answerable_ms in %v", out)
	}
	// the same article again gets the same id, unchanged
	_, again := do(t, srv, "POST", "/articles", "Bearer "+token, `{"title":"No id","body":"An article without an id."}`)
	if st := again["status"].(map[string]any)[ids[0].(string)]; st != "unchanged" {
		t.Errorf("second push of the same article: %v", again)
	}
}

func TestCleanupRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, TempPrefix+"123.tmp"), []byte("{half"), 0o644)
	os.WriteFile(filepath.Join(dir, "keep.json"), []byte(`{"body":"x"}`), 0o644)
	n, err := Cleanup(dir)
	if err != nil || n != 1 {
		t.Fatalf("Cleanup = %d, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "keep.json")); err != nil {
		t.Errorf("an article was removed")
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
