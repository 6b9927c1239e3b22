package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// defaultReconcile is how often serve walks the corpus for changes its
// watcher missed (network file systems, overflowed event queues).
const defaultReconcile = 10 * time.Minute

func parseReconcile(s string) (time.Duration, error) {
	if s == "" {
		return defaultReconcile, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("NEWSBOT_RECONCILE_EVERY=%q: want a duration such as 10m or 30s", s)
	}
	return d, nil
}

// archive is the live index a long-running serve answers from, kept
// current with the corpus.
type archive struct {
	cfg  config
	log  *slog.Logger
	live *index.Live

	// writeMu serialises every write to the index (sync, watch batch,
	// push, rebuild's final catch-up).
	writeMu sync.Mutex

	mu         sync.Mutex
	skipped    []corpus.Skip
	lastUpdate time.Time
	catchingUp bool
	rebuild    *rebuildRun
}

// archiveHealth is what /healthz reports.
type archiveHealth struct {
	Articles      int    `json:"articles"`
	Passages      int    `json:"passages"`
	Facts         int    `json:"facts"`
	NewestArticle string `json:"newest_article,omitempty"`
	LastUpdate    string `json:"last_update,omitempty"`
	CatchingUp    bool   `json:"catching_up"`
	Rebuilding    bool   `json:"rebuilding"`
	// RebuildDone and RebuildTotal count articles while Rebuilding.
	RebuildDone  int    `json:"rebuild_done,omitempty"`
	RebuildTotal int    `json:"rebuild_total,omitempty"`
	Error        string `json:"error,omitempty"`
}

// rebuildRun is one full rebuild; callers asking while it runs join it.
type rebuildRun struct {
	done        chan struct{}
	result      string
	err         error
	mu          sync.Mutex
	n, total    int
	subscribers []func(done, total int)
}

// openArchive opens (or creates) the index for cfg and returns quickly; the
// start-up sync of a changed corpus runs in Run, while questions are
// answered from the index as it is.
func openArchive(ctx context.Context, cfg config, log *slog.Logger) (*archive, error) {
	live, err := index.OpenLive(cfg.IndexDir, indexOptions(log))
	if err != nil {
		return nil, err
	}
	return &archive{cfg: cfg, log: log, live: live, catchingUp: true}, nil
}

// Store is always the current live index, across rebuilds.
func (a *archive) Store() bot.Store { return a.live }

// Skipped is what the last load or watch batch skipped, with reasons.
func (a *archive) Skipped() []corpus.Skip {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]corpus.Skip(nil), a.skipped...)
}

// Health reports the archive's counts and state.
func (a *archive) Health() archiveHealth {
	a.mu.Lock()
	h := archiveHealth{CatchingUp: a.catchingUp}
	if !a.lastUpdate.IsZero() {
		h.LastUpdate = a.lastUpdate.UTC().Format(time.RFC3339)
	}
	if r := a.rebuild; r != nil {
		h.Rebuilding = true
		r.mu.Lock()
		h.RebuildDone, h.RebuildTotal = r.n, r.total
		r.mu.Unlock()
	}
	a.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := a.live.Stats(ctx)
	if err != nil {
		h.Error = "index unavailable"
		a.log.Warn("archive: health stats", "err", err)
		return h
	}
	h.Articles, h.Passages, h.Facts = st.Articles, st.Passages, st.Facts
	if len(st.Newest) > 0 {
		h.NewestArticle = st.Newest[0].Date
	}
	return h
}

// IngestHandler serves POST /articles and DELETE /articles/{id}; nil when
// no ingest token is configured.
func (a *archive) IngestHandler() http.Handler {
	return nil
}

// Run brings the index up to date with the corpus, then keeps it so until
// ctx is done.
func (a *archive) Run(ctx context.Context) error {
	err := a.syncAll(ctx)
	a.mu.Lock()
	a.catchingUp = false
	a.mu.Unlock()
	if err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

func (a *archive) loadCorpus(ctx context.Context) (*corpus.Loaded, error) {
	return loadCorpus(ctx, a.cfg)
}

// syncAll makes the live index hold exactly the corpus.
func (a *archive) syncAll(ctx context.Context) error {
	loaded, err := a.loadCorpus(ctx)
	if err != nil {
		return err
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	err = a.live.With(func(ix *index.Index) error {
		_, err := ix.Sync(ctx, loaded.Articles, facts.Extract, nil)
		return err
	})
	if err != nil {
		return err
	}
	a.noteLoad(loaded)
	return nil
}

func (a *archive) noteLoad(l *corpus.Loaded) {
	a.mu.Lock()
	a.skipped = append(append([]corpus.Skip(nil), l.Skipped...), l.Renamed...)
	a.lastUpdate = time.Now()
	a.mu.Unlock()
}

// Reindex builds a fresh index in a new folder beside the live one and
// swaps it in; a call while a rebuild runs joins it.
func (a *archive) Reindex(ctx context.Context, progress func(done, total int)) (string, error) {
	a.mu.Lock()
	r := a.rebuild
	if r == nil {
		r = &rebuildRun{done: make(chan struct{})}
		a.rebuild = r
		go a.runRebuild(context.WithoutCancel(ctx), r)
	}
	if progress != nil {
		r.mu.Lock()
		r.subscribers = append(r.subscribers, progress)
		r.mu.Unlock()
	}
	a.mu.Unlock()
	select {
	case <-r.done:
		return r.result, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("archive: rebuild still running: %w", ctx.Err())
	}
}

func (r *rebuildRun) progress(done, total int) {
	r.mu.Lock()
	r.n, r.total = done, total
	subs := append([]func(int, int){}, r.subscribers...)
	r.mu.Unlock()
	for _, f := range subs {
		f(done, total)
	}
}

func (a *archive) runRebuild(ctx context.Context, r *rebuildRun) {
	start := time.Now()
	defer func() {
		a.mu.Lock()
		a.rebuild = nil
		a.mu.Unlock()
		close(r.done)
	}()
	loaded, err := a.loadCorpus(ctx)
	if err != nil {
		r.err = err
		return
	}
	rb, err := a.live.BeginRebuild(ctx)
	if err != nil {
		r.err = err
		return
	}
	st, err := rb.Index().Sync(ctx, loaded.Articles, facts.Extract, r.progress)
	if err == nil {
		err = rb.Index().Compact(ctx)
	}
	if err != nil {
		rb.Abort()
		r.err = err
		return
	}
	a.writeMu.Lock()
	err = rb.Swap()
	a.writeMu.Unlock()
	if err != nil {
		r.err = err
		return
	}
	a.noteLoad(loaded)
	r.result = fmt.Sprintf("Rebuilt the index: %d articles, %d passages, %d facts; %d files skipped; took %s.",
		st.Added, st.Passages, st.Facts, len(loaded.Skipped), time.Since(start).Round(time.Second))
}

// Close closes the index. Run must have returned.
func (a *archive) Close() error {
	err := a.live.Close()
	if errors.Is(err, index.ErrClosed) {
		return nil
	}
	return err
}
