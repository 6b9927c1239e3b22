package bot

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// Store is what the engine reads: the search index and its stored facts.
// *index.Index satisfies it; tests may pass a fake.
type Store interface {
	Search(ctx context.Context, r index.SearchRequest) ([]index.Hit, error)
	Facts(ctx context.Context, q index.FactQuery) ([]index.FactHit, error)
	Stats(ctx context.Context) (index.Stats, error)
}

// Options configure an Engine.
type Options struct {
	Logger *slog.Logger
	// Names is the alias table; names.Default() when nil.
	Names *names.Table
	// PageSize is how many answers a response holds; 5 when zero, so that
	// a reply fits a chat window; the rest is a cursor away.
	PageSize int
	// Now is the question's date, for "last week"; time.Now when nil.
	Now func() time.Time
	// Timeout bounds one request; 10s when zero.
	Timeout time.Duration
	// Reindex rebuilds the index; nil means /reindex is not available here.
	Reindex func(ctx context.Context) (string, error)
	// Skipped lists what the last corpus load skipped, for /sources.
	Skipped func() []corpus.Skip
	// Status says what the archive is doing that may leave answers
	// behind the corpus ("catching up", a rebuild); "" when nothing.
	// Every answer carries it as its last note, /sources too.
	Status func() string
}

// Engine answers requests. It is safe for concurrent use when its Store is.
type Engine struct {
	store Store
	opt   Options
	log   *slog.Logger
	names *names.Table

	completions nameCache // see Complete

	poolMu sync.Mutex
	pools  map[string]namePool // speakers and places, for typo correction
}

// New returns an engine reading from store.
func New(store Store, opt Options) *Engine {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Names == nil {
		opt.Names = names.Default()
	}
	if opt.PageSize <= 0 {
		opt.PageSize = 5
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	return &Engine{store: store, opt: opt, log: opt.Logger, names: opt.Names}
}

// maxAnswers bounds how many answers one request gathers across pages.
const maxAnswers = 50

// cursor is the state behind Response.Cursor.
type cursor struct {
	Text   string `json:"t"`
	Prev   string `json:"p,omitempty"`
	Offset int    `json:"o"`
}

// Answer answers one request. It never returns an empty response: a request
// it cannot take gets a short reply saying why, and an internal failure is
// logged and reported to the user as such, without its details.
func (e *Engine) Answer(ctx context.Context, req Request) (resp Response) {
	ctx, cancel := context.WithTimeout(ctx, e.opt.Timeout)
	defer cancel()
	ctx = withRelevanceMemo(ctx)
	start := time.Now()
	offset := 0
	if req.Cursor != "" {
		c, err := decodeCursor(req.Cursor)
		if err != nil {
			return Response{Question: req.Text, Intent: IntentError, Headline: "That “more” link has expired; please ask again."}
		}
		req.Text, req.Previous, offset = c.Text, c.Prev, c.Offset
	}
	defer func() {
		if p := recover(); p != nil {
			e.log.Error("bot: panic while answering", "question", req.Text, "panic", fmt.Sprint(p))
			resp = Response{Question: req.Text, Intent: IntentError, Headline: "Something went wrong on my side while answering; the error is logged. Please try again."}
		}
		e.log.Info("bot: answered", "intent", resp.Intent, "answers", len(resp.Answers), "latency_ms", time.Since(start).Milliseconds())
	}()
	lx := lexicon{place: e.findPlace, now: e.opt.Now().UTC()}
	if err := validate(req.Text); err != nil {
		return e.fail(req.Text, err)
	}
	if len(req.Previous) > 4*MaxRequestLen || validate(req.Previous) != nil {
		req.Previous = "" // a front end's context, never worth failing a question for
	}
	q, followed := e.followUp(ctx, req.Previous, req.Text, lx)
	if !followed {
		var err error
		if q, err = routeWith(req.Text, lx); err != nil {
			return e.fail(req.Text, err)
		}
		req.Previous = ""
	}
	resp, err := e.dispatch(ctx, q, req)
	if err != nil {
		return e.fail(req.Text, err)
	}
	resp.Question = req.Text
	resp.Intent = q.Intent
	if resp.Headline == "" {
		resp.Headline = "No answer found."
	}
	if q.Note != "" && !slices.Contains(resp.Notes, q.Note) {
		resp.Notes = append([]string{q.Note}, resp.Notes...)
	}
	e.page(&resp, cursor{Text: req.Text, Prev: req.Previous}, offset)
	if e.opt.Status != nil {
		if s := e.opt.Status(); s != "" {
			resp.Notes = append(resp.Notes, s)
		}
	}
	return resp
}

func (e *Engine) dispatch(ctx context.Context, q query, req Request) (Response, error) {
	switch q.Intent {
	case IntentQuote:
		return e.quotes(ctx, q)
	case IntentToll:
		return e.tolls(ctx, q)
	case IntentControl:
		return e.control(ctx, q)
	case IntentSources:
		return e.sources(ctx)
	case IntentReindex:
		return e.reindex(ctx, req.User)
	case IntentHelp:
		return help(), nil
	}
	if q.Latest {
		return e.latest(ctx, q)
	}
	return e.search(ctx, q)
}

func (e *Engine) fail(text string, err error) Response {
	var ue *userError
	if errors.As(err, &ue) {
		return Response{Question: text, Intent: IntentError, Headline: ue.msg}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		e.log.Warn("bot: request timed out", "question", text)
		return Response{Question: text, Intent: IntentError, Headline: "That took too long to answer; please try a narrower question."}
	}
	e.log.Error("bot: answering failed", "question", text, "err", err)
	return Response{Question: text, Intent: IntentError, Headline: "Something went wrong on my side while answering; the error is logged. Please try again."}
}

// page keeps one page of answers and sets the cursor for the next.
func (e *Engine) page(resp *Response, c cursor, offset int) {
	all := resp.Answers
	if offset > len(all) {
		offset = len(all)
	}
	end := min(offset+e.opt.PageSize, len(all))
	resp.Answers = all[offset:end]
	if end < len(all) {
		c.Offset = end
		resp.Cursor = encodeCursor(c)
		n := len(all) - end
		resp.Notes = append(resp.Notes, fmt.Sprintf("%d more answer%s.", n, plural(n)))
	}
	if resp.Answers == nil {
		resp.Answers = []Answer{}
	}
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, fmt.Errorf("bot: cursor: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil || c.Offset < 0 || c.Offset > maxAnswers {
		return c, fmt.Errorf("bot: cursor: malformed")
	}
	if c.Prev != "" {
		if err := validate(c.Prev); err != nil {
			return c, err
		}
	}
	return c, validate(c.Text)
}

// findPlace returns the first known place named in text, as written
// there, in any case.
func (e *Engine) findPlace(text string) string {
	for _, p := range e.findPlaces(text) {
		return p
	}
	return ""
}

func source(m index.Meta) Source {
	return Source{Article: m.ID, Title: m.Title, Outlet: m.Outlet, Date: m.Date, Path: m.Path, URL: m.URL}
}

// cite is how an answer line names its source: title (or id), outlet, date.
func cite(s Source) string {
	name := s.Title
	if name == "" {
		name = s.Article
	}
	parts := []string{name}
	if s.Outlet != "" {
		parts = append(parts, s.Outlet)
	}
	if s.Date != "" {
		parts = append(parts, s.Date)
	} else {
		parts = append(parts, "undated")
	}
	return strings.Join(parts, ", ")
}

func help() Response {
	var b strings.Builder
	b.WriteString("Ask in plain words (“What did Peskov say?”, “What is the latest death toll?”, “Who controls Aleppo?”) or use a command:")
	for _, c := range Commands {
		fmt.Fprintf(&b, "\n/%s %s — %s", c.Name, c.optionNames(), c.Description)
	}
	return Response{Headline: b.String()}
}

func (e *Engine) reindex(ctx context.Context, u User) (Response, error) {
	if !u.Admin {
		return Response{}, badRequest("Only admins can rebuild the index.")
	}
	if e.opt.Reindex == nil {
		return Response{}, badRequest("Rebuilding the index is not available here.")
	}
	msg, err := e.opt.Reindex(ctx)
	if err != nil {
		return Response{}, fmt.Errorf("bot: reindex: %w", err)
	}
	return Response{Headline: msg}, nil
}

func (e *Engine) sources(ctx context.Context) (Response, error) {
	st, err := e.store.Stats(ctx)
	if err != nil {
		return Response{}, fmt.Errorf("bot: sources: %w", err)
	}
	var r Response
	r.Headline = fmt.Sprintf("%d articles indexed (%d passages, %d facts); %d undated.", st.Articles, st.Passages, st.Facts, st.Undated)
	for _, m := range st.Newest {
		s := source(m)
		r.Answers = append(r.Answers, Answer{Text: "Newest: " + cite(s), Source: s})
	}
	if e.opt.Skipped != nil {
		skipped := e.opt.Skipped()
		if len(skipped) > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d files skipped:", len(skipped)))
		}
		for i, s := range skipped {
			if i == 10 {
				r.Notes = append(r.Notes, fmt.Sprintf("… and %d more", len(skipped)-10))
				break
			}
			r.Notes = append(r.Notes, s.Path+": "+s.Reason)
		}
	}
	return r, nil
}
