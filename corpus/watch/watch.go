package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure Watch. Zero values take the defaults.
type Options struct {
	Logger *slog.Logger
	// Quiet is how long a file that appeared whole (renamed into place,
	// or created and closed at once) must see no write before it is
	// taken: 25 ms.
	Quiet time.Duration
	// Settle is how long a file being written in place must keep its size
	// and mtime before it is taken: 250 ms.
	Settle time.Duration
	// Gather is how long the first ready change waits for others, so that
	// a burst of files becomes one batch: 15 ms.
	Gather time.Duration
	// Retry is how long a failed batch waits before it is handed over
	// again: 1 s.
	Retry time.Duration
	// Ready, if set, is called once every folder is watched, so that a
	// caller can compare the folder knowing no later change is missed.
	Ready func()
}

func (o *Options) defaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Quiet <= 0 {
		o.Quiet = 25 * time.Millisecond
	}
	if o.Settle <= 0 {
		o.Settle = 250 * time.Millisecond
	}
	if o.Gather <= 0 {
		o.Gather = 15 * time.Millisecond
	}
	if o.Retry <= 0 {
		o.Retry = time.Second
	}
}

// Batch is a set of changes handed over at once.
type Batch struct {
	// Paths are the files created, changed, removed or renamed, and the
	// folders removed or renamed away (their files are gone too), sorted.
	// The receiver looks at each: a path that no longer exists is gone.
	Paths []string
	// Rescan is set when events were lost (the kernel's queue overflowed):
	// the receiver must compare the whole folder.
	Rescan bool
	// First is when the oldest change in the batch was seen.
	First time.Time
}

// Ignored reports whether a file name is one an editor, a download or an
// atomic writer uses for a file that is not finished: dot files, editor
// backups and swap files, .part, .tmp and .crdownload.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasPrefix(name, "~"):
		return true // dot files, emacs #autosave#, ~$office locks
	case strings.HasSuffix(name, "~"):
		return true // editor backups
	case name == "4913":
		return true // vim's probe that a folder is writable
	}
	for _, ext := range []string{".part", ".tmp", ".temp", ".crdownload", ".download", ".partial", ".swp", ".swo", ".swx", ".bak"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// pending is a file waiting to be taken.
type pending struct {
	due   time.Time
	stamp stamp
	first time.Time
}

type stamp struct {
	size  int64
	mtime time.Time
	ok    bool
}

func stampOf(path string) stamp {
	st, err := os.Stat(path)
	if err != nil {
		return stamp{}
	}
	return stamp{st.Size(), st.ModTime(), true}
}

// watcher is the state of one Watch call.
type watcher struct {
	root string
	opt  Options
	fs   *fsnotify.Watcher

	dirs map[string]bool // watched folders
	wait map[string]*pending

	mu     sync.Mutex
	ready  map[string]time.Time // path -> first seen
	rescan bool
	signal chan struct{}
}

// Watch watches root and every folder under it (new ones too, hidden ones
// not) and calls fn with batches of changes until ctx is done. fn runs on
// one goroutine, one batch at a time; changes seen while it runs make up
// the next batch. A batch fn fails is handed over again after
// Options.Retry, merged with what came since. A file is handed over once
// it is whole: at once when it appears whole (renamed into place), else
// when its size and mtime have held for Options.Settle. The error is for a
// root that cannot be watched; ctx ending returns nil.
func Watch(ctx context.Context, root string, opt Options, fn func(context.Context, Batch) error) error {
	opt.defaults()
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return fmt.Errorf("watch: %s: %w", root, err)
	}
	defer fw.Close()
	w := &watcher{root: filepath.Clean(root), opt: opt, fs: fw,
		dirs: map[string]bool{}, wait: map[string]*pending{},
		ready: map[string]time.Time{}, signal: make(chan struct{}, 1)}
	if err := fw.Add(w.root); err != nil {
		return fmt.Errorf("watch: %s: %w", root, err)
	}
	w.dirs[w.root] = true
	w.addTree(w.root, false)
	if opt.Ready != nil {
		opt.Ready()
	}

	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Go(func() { w.deliver(ctx, fn) })

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		w.resetTimer(timer)
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			w.event(ev)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				opt.Logger.Warn("watch: event queue overflowed; comparing the whole folder", "dir", w.root)
				w.mu.Lock()
				w.rescan = true
				w.mu.Unlock()
				w.poke()
			} else {
				opt.Logger.Warn("watch: error", "dir", w.root, "err", err)
			}
		case <-timer.C:
			w.settle(time.Now())
		}
	}
}

func (w *watcher) resetTimer(t *time.Timer) {
	var next time.Time
	for _, p := range w.wait {
		if next.IsZero() || p.due.Before(next) {
			next = p.due
		}
	}
	d := time.Hour
	if !next.IsZero() {
		d = max(time.Until(next), 0)
	}
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

// hidden reports whether path, below root, has a component that is
// ignored: hidden folders are never watched.
func (w *watcher) hidden(path string) bool {
	rel, err := filepath.Rel(w.root, path)
	if err != nil || rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return Ignored(filepath.Base(path))
}

func (w *watcher) event(ev fsnotify.Event) {
	path := filepath.Clean(ev.Name)
	if w.hidden(path) {
		return
	}
	now := time.Now()
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.dirs[path] {
			w.forgetDir(path)
		}
		delete(w.wait, path)
		w.markReady(path, now)
	case ev.Has(fsnotify.Create):
		st, err := os.Lstat(path)
		if err != nil {
			w.markReady(path, now) // gone again already
			return
		}
		if st.IsDir() {
			w.addDir(path)
			w.addTree(path, true)
			return
		}
		w.wantFile(path, now, w.opt.Quiet)
	case ev.Has(fsnotify.Write):
		w.wantFile(path, now, w.opt.Settle)
	case ev.Has(fsnotify.Chmod):
		// a permission fixed makes an unreadable file readable
		w.wantFile(path, now, w.opt.Quiet)
	}
}

// wantFile (re)schedules path to be looked at after d.
func (w *watcher) wantFile(path string, now time.Time, d time.Duration) {
	p := w.wait[path]
	if p == nil {
		p = &pending{first: now, stamp: stampOf(path)}
		w.wait[path] = p
	} else if d < w.opt.Settle {
		d = max(d, time.Until(p.due)) // a Create never shortens a write's wait
	}
	p.due = now.Add(d)
}

// settle hands over the files whose wait is over and whose stamp held.
func (w *watcher) settle(now time.Time) {
	for path, p := range w.wait {
		if p.due.After(now) {
			continue
		}
		s := stampOf(path)
		if s.ok && s != p.stamp {
			p.stamp = s
			p.due = now.Add(w.opt.Settle)
			continue
		}
		delete(w.wait, path)
		w.markReady(path, p.first)
	}
}

func (w *watcher) markReady(path string, first time.Time) {
	w.mu.Lock()
	if t, ok := w.ready[path]; !ok || first.Before(t) {
		w.ready[path] = first
	}
	w.mu.Unlock()
	w.poke()
}

func (w *watcher) poke() {
	select {
	case w.signal <- struct{}{}:
	default:
	}
}

func (w *watcher) addDir(dir string) {
	if w.dirs[dir] {
		return
	}
	if err := w.fs.Add(dir); err != nil {
		w.opt.Logger.Warn("watch: cannot watch folder; its changes wait for the next reconcile", "dir", dir, "err", err)
		return
	}
	w.dirs[dir] = true
}

// addTree watches the folders under dir. With files set it also schedules
// the files found, for a folder that arrived with its contents.
func (w *watcher) addTree(dir string, files bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && w.hidden(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			w.addDir(p)
			return nil
		}
		if files && d.Type().IsRegular() || files && d.Type()&fs.ModeSymlink != 0 {
			w.wantFile(p, time.Now(), w.opt.Quiet)
		}
		return nil
	})
}

// forgetDir stops watching a folder that was removed or renamed away, and
// the folders under it.
func (w *watcher) forgetDir(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			w.fs.Remove(d) // fails for a folder already gone; the kernel dropped it
			delete(w.dirs, d)
		}
	}
	for p := range w.wait {
		if strings.HasPrefix(p, prefix) {
			delete(w.wait, p)
		}
	}
}

// deliver hands batches to fn, one at a time, until ctx is done.
func (w *watcher) deliver(ctx context.Context, fn func(context.Context, Batch) error) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.signal:
		}
		// let a burst gather into one batch
		select {
		case <-ctx.Done():
			return
		case <-time.After(w.opt.Gather):
		}
		w.mu.Lock()
		b := Batch{Rescan: w.rescan}
		for p, t := range w.ready {
			b.Paths = append(b.Paths, p)
			if b.First.IsZero() || t.Before(b.First) {
				b.First = t
			}
		}
		w.ready = map[string]time.Time{}
		w.rescan = false
		w.mu.Unlock()
		if len(b.Paths) == 0 && !b.Rescan {
			continue
		}
		slices.Sort(b.Paths)
		if err := fn(ctx, b); err != nil {
			if ctx.Err() != nil {
				return
			}
			w.opt.Logger.Warn("watch: batch failed; handing it over again", "paths", len(b.Paths), "err", err)
			w.mu.Lock()
			for _, p := range b.Paths {
				if t, ok := w.ready[p]; !ok || b.First.Before(t) {
					w.ready[p] = b.First
				}
			}
			w.rescan = w.rescan || b.Rescan
			w.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-time.After(w.opt.Retry):
			}
			w.poke()
		}
	}
}
