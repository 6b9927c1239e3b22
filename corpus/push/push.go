package push

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
)

// Archive is what the handler needs of the archive it feeds.
type Archive interface {
	// Lookup reports the corpus hash of article id and the file it comes
	// from, if the archive holds it.
	Lookup(ctx context.Context, id string) (hash, file string, ok bool, err error)
	// Ingest indexes the given corpus files (written, replaced or
	// removed) and returns once the change is answerable.
	Ingest(ctx context.Context, paths []string) error
}

// Options configure a Handler.
type Options struct {
	// Dir is the corpus folder articles are written into; nothing is
	// ever written outside it.
	Dir string
	// Token is the bearer token every request must carry.
	Token   string
	Archive Archive
	Logger  *slog.Logger
	// MaxBytes bounds a request body: 8 MiB when zero.
	MaxBytes int64
	// Now is the clock, for tests; time.Now when nil.
	Now func() time.Time
}

// Handler serves POST /articles and DELETE /articles/{id}.
type Handler struct {
	opt   Options
	token [sha256.Size]byte
	mux   *http.ServeMux
	// mu serialises writes, so that two pushes of one id cannot both pass
	// the conflict check.
	mu sync.Mutex
}

// DefaultMaxBytes bounds a request body unless Options say otherwise.
const DefaultMaxBytes = 8 << 20

// New returns the handler. Mount it at the server's root (it routes
// /articles and /articles/{id} itself).
func New(opt Options) *Handler {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	h := &Handler{opt: opt, token: sha256.Sum256([]byte(opt.Token)), mux: http.NewServeMux()}
	h.mux.HandleFunc("POST /articles", h.post)
	h.mux.HandleFunc("DELETE /articles/{id}", h.delete)
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsbot"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	h.mux.ServeHTTP(w, r)
}

// authorized compares digests in constant time, so that neither the
// token's bytes nor its length leak through timing.
func (h *Handler) authorized(r *http.Request) bool {
	if h.opt.Token == "" {
		return false
	}
	auth := r.Header.Get("Authorization")
	given, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		given = ""
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(given)))
	return subtle.ConstantTimeCompare(sum[:], h.token[:]) == 1 && ok
}

// Pushed is one article as a client sends it.
type Pushed struct {
	ID     string `json:"id,omitempty"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Author string `json:"author,omitempty"`
}

// Result is the answer to a successful POST.
type Result struct {
	IDs []string `json:"ids"`
	// Status is, per id, created, replaced or unchanged.
	Status       map[string]string `json:"status"`
	AnswerableMS int64             `json:"answerable_ms"`
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// checkID refuses an id that could name a path outside the corpus folder,
// a hidden file or an id-clash suffix.
func checkID(id string) error {
	if !idRE.MatchString(id) || strings.Contains(id, "..") {
		return fmt.Errorf("id %q: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit", id)
	}
	return nil
}

type prepared struct {
	id     string
	path   string
	data   []byte
	hash   string
	status string
}

func (h *Handler) post(w http.ResponseWriter, r *http.Request) {
	began := h.opt.Now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opt.MaxBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request larger than %d bytes", h.opt.MaxBytes))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read the request body")
		return
	}
	arts, err := decode(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	replace := r.URL.Query().Get("replace") == "true"
	todo := make([]prepared, 0, len(arts))
	seen := map[string]bool{}
	for i, p := range arts {
		pr, err := h.prepare(p)
		if err != nil {
			msg := err.Error()
			if len(arts) > 1 {
				msg = fmt.Sprintf("article %d: %s", i+1, msg)
			}
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		if seen[pr.id] {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("article %d: id %s given twice", i+1, pr.id))
			return
		}
		seen[pr.id] = true
		todo = append(todo, pr)
	}

	h.mu.Lock()
	defer h.mu.Unlock()
	ctx := r.Context()
	for i := range todo {
		pr := &todo[i]
		hash, file, ok, err := h.opt.Archive.Lookup(ctx, pr.id)
		if err != nil {
			h.internal(w, "look up", err)
			return
		}
		switch {
		case !ok:
			pr.status = "created"
		case hash == pr.hash:
			pr.status = "unchanged"
		case filepath.Clean(file) != pr.path:
			writeError(w, http.StatusConflict, fmt.Sprintf("id %s is the article in %s, which was not pushed; change that file instead", pr.id, h.rel(file)))
			return
		case !replace:
			writeError(w, http.StatusConflict, fmt.Sprintf("id %s exists with different content; send ?replace=true to replace it", pr.id))
			return
		default:
			pr.status = "replaced"
		}
	}
	var paths []string
	for _, pr := range todo {
		if pr.status == "unchanged" {
			continue
		}
		if err := writeAtomic(pr.path, pr.data); err != nil {
			h.internal(w, "write", err)
			return
		}
		paths = append(paths, pr.path)
	}
	if len(paths) > 0 {
		if err := h.opt.Archive.Ingest(ctx, paths); err != nil {
			h.internal(w, "index", err)
			return
		}
	}
	res := Result{Status: map[string]string{}, AnswerableMS: h.opt.Now().Sub(began).Milliseconds()}
	for _, pr := range todo {
		res.IDs = append(res.IDs, pr.id)
		res.Status[pr.id] = pr.status
	}
	h.opt.Logger.Info("push: articles stored", "count", len(todo), "written", len(paths), "latency_ms", res.AnswerableMS)
	writeJSON(w, http.StatusCreated, res)
}

// decode reads one article object or an array of them.
func decode(body []byte) ([]Pushed, error) {
	if !utf8.Valid(body) {
		// encoding/json would turn bad bytes into U+FFFD, and quotes would
		// no longer match what the sender sent
		return nil, errors.New("the request is not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty request: send an article object or an array of them")
	}
	dec := func(v any) error {
		d := json.NewDecoder(bytes.NewReader(trimmed))
		d.DisallowUnknownFields()
		if err := d.Decode(v); err != nil {
			return fmt.Errorf("not a valid article: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		if d.More() {
			return errors.New("more than one JSON value: send one object or one array")
		}
		return nil
	}
	if trimmed[0] == '[' {
		var arts []Pushed
		if err := dec(&arts); err != nil {
			return nil, err
		}
		if len(arts) == 0 {
			return nil, errors.New("empty array: no articles to store")
		}
		return arts, nil
	}
	var a Pushed
	if err := dec(&a); err != nil {
		return nil, err
	}
	return []Pushed{a}, nil
}

// prepare checks an article and builds the file it is stored as, parsed
// back as the corpus loader will parse it.
func (h *Handler) prepare(p Pushed) (prepared, error) {
	if strings.TrimSpace(p.Body) == "" {
		return prepared{}, errors.New("no body")
	}
	if strings.IndexByte(p.Body, 0) >= 0 || strings.IndexByte(p.Title, 0) >= 0 {
		return prepared{}, errors.New("NUL characters in the text")
	}
	if p.Date != "" {
		if _, err := corpus.ParseDate(p.Date); err != nil {
			return prepared{}, fmt.Errorf("date %q: use YYYY-MM-DD or RFC 3339", p.Date)
		}
	}
	if p.ID == "" {
		// the same article pushed twice gets the same id
		sum := sha256.Sum256([]byte(strings.Join([]string{p.Title, p.Body, p.Outlet, p.Date, p.URL}, "\x00")))
		p.ID = "push-" + hex.EncodeToString(sum[:8])
	}
	if err := checkID(p.ID); err != nil {
		return prepared{}, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return prepared{}, fmt.Errorf("encode: %w", err)
	}
	path := filepath.Join(h.opt.Dir, p.ID+".json")
	if filepath.Dir(path) != filepath.Clean(h.opt.Dir) {
		return prepared{}, fmt.Errorf("id %q would leave the corpus folder", p.ID)
	}
	a, err := corpus.ParseJSON(path, buf.Bytes())
	if err != nil {
		return prepared{}, errors.New(strings.TrimPrefix(err.Error(), "corpus: "))
	}
	if a.ID != p.ID {
		return prepared{}, fmt.Errorf("id %q is read back as %q", p.ID, a.ID)
	}
	return prepared{id: p.ID, path: path, data: buf.Bytes(), hash: a.Hash}, nil
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	ctx := r.Context()
	_, file, ok, err := h.opt.Archive.Lookup(ctx, id)
	if err != nil {
		h.internal(w, "look up", err)
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no article %s", id))
		return
	}
	file = filepath.Clean(file)
	if !inside(h.opt.Dir, file) {
		writeError(w, http.StatusConflict, fmt.Sprintf("article %s does not come from a file in the corpus folder", id))
		return
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".jsonl", ".ndjson":
		writeError(w, http.StatusConflict, fmt.Sprintf("article %s is a line of %s, which holds other articles too; remove the line there", id, h.rel(file)))
		return
	}
	if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
		h.internal(w, "remove", err)
		return
	}
	corpus.SyncDir(filepath.Dir(file))
	if err := h.opt.Archive.Ingest(ctx, []string{file}); err != nil {
		h.internal(w, "index", err)
		return
	}
	h.opt.Logger.Info("push: article removed", "article_id", id)
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "removed": true})
}

func (h *Handler) rel(file string) string {
	if rel, err := filepath.Rel(h.opt.Dir, file); err == nil {
		return rel
	}
	return filepath.Base(file)
}

func inside(dir, file string) bool {
	rel, err := filepath.Rel(filepath.Clean(dir), file)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

func (h *Handler) internal(w http.ResponseWriter, what string, err error) {
	h.opt.Logger.Error("push: failed", "step", what, "err", err)
	writeError(w, http.StatusInternalServerError, "the article could not be stored; the error is logged")
}

// TempPrefix starts the name of every temporary file a push writes: a
// dot file, so the loader and the watcher pass it by, and Cleanup removes
// the ones a crash left.
const TempPrefix = ".newsbot-push-"

// writeAtomic writes data to path by way of a temporary file in dir that
// is synced and then renamed over path, and syncs dir: after a crash path
// holds either the old content or the new, never a part.
func writeAtomic(path string, data []byte) error {
	if err := corpus.WriteAtomic(path, TempPrefix+"*.tmp", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return fmt.Errorf("push: %w", err)
	}
	return nil
}

// Cleanup removes the temporary files that pushes a crash interrupted
// left in dir, and returns how many.
func Cleanup(dir string) (int, error) {
	left, err := filepath.Glob(filepath.Join(dir, TempPrefix+"*.tmp"))
	if err != nil {
		return 0, fmt.Errorf("push: cleanup %s: %w", dir, err)
	}
	for _, p := range left {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("push: cleanup %s: %w", dir, err)
		}
	}
	return len(left), nil
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}
