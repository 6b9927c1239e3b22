package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/newsroom/newsbot/corpus"
)

// Live is the index a long-running process answers from. It holds one
// generation at a time, in the configured directory or in its twin beside
// it (dir + ".b"); a small pointer file (dir + ".live") names the one in use.
// A rebuild fills the other twin while the live one keeps answering, then
// one rename of the pointer file swaps them: after a crash at any moment the
// pointer names either the old, complete generation or the new, complete
// one, never a half-built one. Live satisfies the engine's store interface;
// every call reads the generation current when it starts, and an old
// generation is closed only once the calls reading it have finished.
type Live struct {
	base string
	opt  Options
	cur  atomic.Pointer[generation]
	// rebuilding is held from BeginRebuild to Swap or Abort.
	rebuilding sync.Mutex
}

type generation struct {
	ix     *Index
	mu     sync.RWMutex // read-held by calls using ix; write-held to close it
	closed bool
}

// ErrClosed is returned by a Live whose Close has been called.
var ErrClosed = errors.New("index: live index closed")

const (
	twinSuffix    = ".b"
	pointerSuffix = ".live"
)

// LiveDir is the directory of the generation in use for the index
// configured at base: base itself until a rebuild has swapped in its twin.
// Commands that open the index once (index, ask) use it to find the live
// generation without holding a Live.
func LiveDir(base string) (string, error) {
	data, err := os.ReadFile(base + pointerSuffix)
	if errors.Is(err, os.ErrNotExist) {
		return base, nil
	}
	if err != nil {
		return "", fmt.Errorf("index: read %s: %w", base+pointerSuffix, err)
	}
	name := strings.TrimSpace(string(data))
	switch name {
	case filepath.Base(base):
		return base, nil
	case filepath.Base(base) + twinSuffix:
		return base + twinSuffix, nil
	}
	return "", fmt.Errorf("index: %s names %q, not %s or its twin", base+pointerSuffix, name, filepath.Base(base))
}

// OpenLive opens the live generation of the index configured at base and
// removes the other one, left over from a rebuild that a crash interrupted
// or from a swap that had not yet cleaned up. A generation that exists but
// is damaged (bleve cannot open it) is emptied and created again, with a
// warning: the index is derived from the corpus and the caller's sync
// refills it. The opened index may therefore be empty or stale; syncing it
// is the caller's business.
func OpenLive(base string, opt Options) (*Live, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	// a pointer write a crash interrupted
	if tmps, _ := filepath.Glob(base + pointerSuffix + ".tmp*"); len(tmps) > 0 {
		for _, p := range tmps {
			os.Remove(p)
		}
	}
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return nil, fmt.Errorf("index: create %s: %w", filepath.Dir(base), err)
	}
	dir, err := LiveDir(base)
	if err != nil {
		return nil, err
	}
	ix, err := Open(dir, opt)
	if err != nil && !errors.Is(err, ErrLocked) && errors.Is(err, ErrNotIndex) && isGeneration(dir) {
		opt.Logger.Warn("index: damaged; rebuilding it from the corpus", "dir", dir, "err", err)
		if rerr := removeGeneration(dir); rerr != nil {
			return nil, rerr
		}
		ix, err = Open(dir, opt)
	}
	if err != nil {
		return nil, err
	}
	l := &Live{base: base, opt: opt}
	l.cur.Store(&generation{ix: ix})
	if other := l.twinOf(dir); isGeneration(other) {
		if err := removeGeneration(other); err != nil {
			opt.Logger.Warn("index: could not remove a stale generation", "dir", other, "err", err)
		} else {
			opt.Logger.Info("index: stale generation removed", "dir", other)
		}
	}
	return l, nil
}

func (l *Live) twinOf(dir string) string {
	if dir == l.base {
		return l.base + twinSuffix
	}
	return l.base
}

// isGeneration tells a directory this package made (it holds bleve's meta
// file or our lock) from anything else a user might have put at the path,
// which is never removed.
func isGeneration(dir string) bool {
	for _, name := range []string{metaFileName, lockName} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// removeGeneration deletes a generation and the files kept beside it
// (dir.*, such as a corpus manifest).
func removeGeneration(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("index: remove %s: %w", dir, err)
	}
	side, _ := filepath.Glob(dir + ".manifest*")
	for _, p := range side {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("index: remove %s: %w", p, err)
		}
	}
	return nil
}

// Index is the generation in use now. It may be closed by a later Swap; for
// reads that must not fail across a swap use Live's own methods or With.
func (l *Live) Index() *Index { return l.cur.Load().ix }

// Dir is the directory of the generation in use now.
func (l *Live) Dir() string { return l.Index().Dir() }

// With runs fn on the generation in use now; a Swap waits for fn to return
// before closing that generation.
func (l *Live) With(fn func(ix *Index) error) error {
	for {
		g := l.cur.Load()
		g.mu.RLock()
		if g.closed {
			g.mu.RUnlock()
			if l.cur.Load() == g {
				return ErrClosed
			}
			continue // swapped meanwhile: read the new one
		}
		err := fn(g.ix)
		g.mu.RUnlock()
		return err
	}
}

// Search is Index.Search on the generation in use.
func (l *Live) Search(ctx context.Context, r SearchRequest) (hits []Hit, err error) {
	err = l.With(func(ix *Index) error { hits, err = ix.Search(ctx, r); return err })
	return hits, err
}

// Facts is Index.Facts on the generation in use.
func (l *Live) Facts(ctx context.Context, q FactQuery) (hits []FactHit, err error) {
	err = l.With(func(ix *Index) error { hits, err = ix.Facts(ctx, q); return err })
	return hits, err
}

// Stats is Index.Stats on the generation in use.
func (l *Live) Stats(ctx context.Context) (st Stats, err error) {
	err = l.With(func(ix *Index) error { st, err = ix.Stats(ctx); return err })
	return st, err
}

// Names is Index.Names on the generation in use.
func (l *Live) Names(ctx context.Context, field string) (ns []Name, err error) {
	err = l.With(func(ix *Index) error { ns, err = ix.Names(ctx, field); return err })
	return ns, err
}

// Terms is Index.Terms on the generation in use.
func (l *Live) Terms(ctx context.Context, field string) (ts []string, err error) {
	err = l.With(func(ix *Index) error { ts, err = ix.Terms(ctx, field); return err })
	return ts, err
}

// Rebuild is a generation being built beside the live one.
type Rebuild struct {
	l    *Live
	ix   *Index
	done bool
}

// BeginRebuild creates an empty generation in the twin of the live one
// (removing whatever a crashed rebuild left there) for the caller to fill,
// then Swap or Abort. One rebuild runs at a time: a second BeginRebuild
// waits for the first to end.
func (l *Live) BeginRebuild(ctx context.Context) (*Rebuild, error) {
	l.rebuilding.Lock()
	if err := ctx.Err(); err != nil {
		l.rebuilding.Unlock()
		return nil, fmt.Errorf("index: rebuild: %w", err)
	}
	next := l.twinOf(l.Dir())
	if err := removeGeneration(next); err != nil {
		l.rebuilding.Unlock()
		return nil, err
	}
	ix, err := Open(next, l.opt)
	if err != nil {
		l.rebuilding.Unlock()
		return nil, err
	}
	return &Rebuild{l: l, ix: ix}, nil
}

// Index is the new generation, for the caller to fill.
func (r *Rebuild) Index() *Index { return r.ix }

// Dir is the new generation's directory.
func (r *Rebuild) Dir() string { return r.ix.Dir() }

// Abort closes and removes the new generation; the live one stays.
func (r *Rebuild) Abort() error {
	if r.done {
		return nil
	}
	r.done = true
	defer r.l.rebuilding.Unlock()
	dir := r.ix.Dir()
	err := r.ix.Close()
	if rerr := removeGeneration(dir); err == nil {
		err = rerr
	}
	return err
}

// Swap makes the new generation the live one: the pointer file is replaced
// atomically (written, synced, renamed, the folder synced), calls from then
// on read the new generation, and the old one is closed once its last call
// returns, then removed. Every write to the new generation must have
// returned before Swap: bleve persists a batch before Batch returns.
func (r *Rebuild) Swap() error {
	if r.done {
		return errors.New("index: swap: rebuild already ended")
	}
	r.done = true
	defer r.l.rebuilding.Unlock()
	l := r.l
	if err := writePointer(l.base, filepath.Base(r.ix.Dir())); err != nil {
		r.ix.Close()
		removeGeneration(r.ix.Dir())
		return err
	}
	old := l.cur.Swap(&generation{ix: r.ix})
	old.mu.Lock()
	old.closed = true
	oldDir := old.ix.Dir()
	err := old.ix.Close()
	old.mu.Unlock()
	if rerr := removeGeneration(oldDir); rerr != nil {
		l.opt.Logger.Warn("index: old generation not removed; the next start removes it", "dir", oldDir, "err", rerr)
	}
	l.opt.Logger.Info("index: rebuilt generation swapped in", "dir", r.ix.Dir(), "old", oldDir)
	return err
}

// writePointer replaces base.live so that it names the generation gen.
func writePointer(base, gen string) error {
	path := base + pointerSuffix
	err := corpus.WriteAtomic(path, filepath.Base(path)+".tmp*", func(w io.Writer) error {
		_, err := io.WriteString(w, gen+"\n")
		return err
	})
	if err != nil {
		return fmt.Errorf("index: pointer: %w", err)
	}
	return nil
}

// Close closes the live generation. A rebuild still running must be ended
// (Abort or Swap) first.
func (l *Live) Close() error {
	g := l.cur.Load()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	return g.ix.Close()
}
