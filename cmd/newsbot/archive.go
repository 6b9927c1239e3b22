package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/corpus/push"
	"github.com/newsroom/newsbot/corpus/watch"
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
// current with the corpus folder: a start-up sync that reads only the
// files whose size or mtime changed (see corpus.Manifest), a watcher, a
// periodic reconciliation, pushed articles, and full rebuilds in a twin
// folder swapped in atomically (see index.Live).
type archive struct {
	cfg  config
	log  *slog.Logger
	live *index.Live

	// writeMu serialises every write to the index and the manifest:
	// start-up sync, watch batches, reconciles, pushes, and the catch-up
	// at the end of a rebuild.
	writeMu sync.Mutex
	man     *corpus.Manifest // of the live generation; nil for the sample
	// partBytes is the read budget of one part of an apply (readBudget;
	// tests lower it)
	partBytes int64
	// journal, while a rebuild runs, collects the paths written to the
	// live generation since the rebuild began, to replay on the new one.
	journal *journal
	// walkSkips are the folders and links the last scan could not read.
	walkSkips []corpus.Skip

	// bg outlives the callers of Reindex (a joined rebuild is not stopped
	// by the first caller going away); Close cancels it.
	bg     context.Context
	stopBg context.CancelFunc

	ingestOnce sync.Once
	ingest     http.Handler

	mu         sync.Mutex
	skipped    []corpus.Skip
	lastUpdate time.Time
	catchingUp bool
	rebuild    *rebuildRun
}

type journal struct {
	read, gone map[string]bool
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

// manifestKey is what the manifest's hashes depend on beyond the corpus
// parser: a new fact extractor must re-extract every article.
func manifestKey() string { return "facts-" + facts.Version }

func manifestPath(genDir string) string { return genDir + ".manifest" }

// openArchive opens (or creates) the index for cfg and returns quickly; the
// start-up sync of a changed corpus runs in Run, while questions are
// answered from the index as it is.
func openArchive(ctx context.Context, cfg config, log *slog.Logger) (*archive, error) {
	live, err := index.OpenLive(cfg.IndexDir, indexOptions(log))
	if err != nil {
		return nil, err
	}
	a := &archive{cfg: cfg, log: log, live: live, catchingUp: true, partBytes: readBudget}
	a.bg, a.stopBg = context.WithCancel(context.WithoutCancel(ctx))
	if cfg.CorpusDir != "" {
		if n, err := push.Cleanup(cfg.CorpusDir); err != nil {
			log.Warn("archive: temporary files of interrupted pushes not removed", "err", err)
		} else if n > 0 {
			log.Info("archive: temporary files of interrupted pushes removed", "count", n)
		}
		a.man, err = corpus.OpenManifest(manifestPath(live.Dir()), manifestKey())
		if err != nil {
			live.Close()
			return nil, err
		}
		a.noteSkips()
	}
	return a, nil
}

// Store is always the current live index, across rebuilds.
func (a *archive) Store() bot.Store { return a.live }

// Skipped is what the last load or watch batch skipped, with reasons.
func (a *archive) Skipped() []corpus.Skip {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.skipped)
}

// noteSkips refreshes Skipped from the manifest; writeMu must be held (or
// the archive not yet shared).
func (a *archive) noteSkips() {
	var s []corpus.Skip
	if a.man != nil {
		s = append(append(slices.Clone(a.walkSkips), a.man.Skips()...), a.man.Renamed()...)
	}
	a.mu.Lock()
	a.skipped = s
	a.mu.Unlock()
}

func (a *archive) touched() {
	a.mu.Lock()
	a.lastUpdate = time.Now()
	a.mu.Unlock()
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
// no ingest token is configured, or there is no corpus folder to write to.
func (a *archive) IngestHandler() http.Handler {
	a.ingestOnce.Do(func() { a.ingest = a.newIngestHandler() })
	return a.ingest
}

func (a *archive) newIngestHandler() http.Handler {
	if a.cfg.IngestToken == "" {
		return nil
	}
	if a.cfg.CorpusDir == "" {
		a.log.Warn("archive: NEWSBOT_INGEST_TOKEN is set but there is no corpus folder to store pushed articles in; POST /articles is off")
		return nil
	}
	return push.New(push.Options{Dir: a.cfg.CorpusDir, Token: a.cfg.IngestToken, Archive: a, Logger: a.log})
}

// Lookup is for push: the corpus hash and file of article id.
func (a *archive) Lookup(ctx context.Context, id string) (string, string, bool, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	if a.man == nil {
		return "", "", false, nil
	}
	file, ok := a.man.Owner(id)
	if !ok {
		return "", "", false, nil
	}
	hash, _ := a.man.Hash(id)
	return hash, file, true, nil
}

// Ingest is for push: index the given files now.
func (a *archive) Ingest(ctx context.Context, paths []string) error {
	_, err := a.apply(ctx, paths, nil, "push")
	return err
}

// Run brings the index up to date with the corpus, then keeps it so until
// ctx is done: watch, periodic reconcile. For the bundled sample it only
// syncs.
func (a *archive) Run(ctx context.Context) error {
	if a.cfg.CorpusDir == "" {
		err := a.syncSample(ctx)
		a.doneCatchingUp()
		if err != nil {
			return err
		}
		<-ctx.Done()
		return nil
	}
	ready := make(chan struct{})
	watchErr := make(chan error, 1)
	go func() {
		watchErr <- watch.Watch(ctx, a.cfg.CorpusDir, watch.Options{Logger: a.log, Ready: func() { close(ready) }}, a.onBatch)
	}()
	select {
	case <-ready:
	case err := <-watchErr:
		// no watcher: the periodic reconcile still keeps the index current
		a.log.Warn("archive: cannot watch the corpus folder; relying on the periodic reconcile", "dir", a.cfg.CorpusDir, "err", err)
		watchErr <- nil
	case <-ctx.Done():
		return nil
	}
	_, err := a.reconcile(ctx, "start-up", nil)
	a.doneCatchingUp()
	if err != nil && ctx.Err() == nil {
		a.log.Error("archive: start-up sync failed; answering from the index as it is", "err", err)
	}
	every := a.cfg.ReconcileEvery
	if every <= 0 {
		every = defaultReconcile
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return <-watchErr
		case <-tick.C:
			if _, err := a.reconcile(ctx, "periodic", nil); err != nil && ctx.Err() == nil {
				a.log.Error("archive: reconcile failed", "err", err)
			}
		}
	}
}

func (a *archive) doneCatchingUp() {
	a.mu.Lock()
	a.catchingUp = false
	a.mu.Unlock()
}

func (a *archive) syncSample(ctx context.Context) error {
	loaded, err := corpus.Sample()
	if err != nil {
		return err
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	err = a.live.With(func(ix *index.Index) error {
		_, err := ix.Sync(ctx, loaded.Articles, facts.Extract, nil)
		return err
	})
	if err == nil {
		a.touched()
	}
	return err
}

// onBatch applies a batch from the watcher.
func (a *archive) onBatch(ctx context.Context, b watch.Batch) error {
	if b.Rescan {
		_, err := a.reconcile(ctx, "rescan", nil)
		return err
	}
	var read, gone []string
	for _, p := range b.Paths {
		if corpus.IsArticleFile(p) {
			read = append(read, p)
			continue
		}
		// a folder, or a file of another kind: a folder gone takes its
		// files with it; one that arrived has its files in the batch
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, p)
		}
	}
	if len(read) == 0 && len(gone) == 0 {
		return nil
	}
	sum, err := a.apply(ctx, read, gone, "watch")
	if err == nil && !sum.empty() {
		a.log.Debug("archive: watch batch", "files", len(b.Paths), "upserted", sum.upserted, "removed", sum.removed,
			"latency_ms", time.Since(b.First).Milliseconds())
	}
	return err
}

// summary says what one apply did.
type summary struct {
	files, upserted, removed int
	stats                    index.SyncStats
}

func (s summary) empty() bool { return s.files == 0 }

// apply reads the files in read (those whose size or mtime differ from the
// manifest), treats gone paths (files or folders) as removed, and writes
// the result to the live index and then the manifest.
func (a *archive) apply(ctx context.Context, read, gone []string, source string) (summary, error) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	if a.man == nil {
		return summary{}, nil
	}
	sum, err := a.applyLocked(ctx, a.live.Index(), a.man, read, gone, nil)
	if err != nil {
		return sum, err
	}
	if a.journal != nil {
		for _, p := range read {
			a.journal.read[p] = true
		}
		for _, p := range gone {
			a.journal.gone[p] = true
		}
	}
	if !sum.empty() {
		a.noteSkips()
		a.touched()
	}
	return sum, nil
}

// readBudget bounds the bytes of article files one part of an apply
// reads: a start-up or a rebuild over a large folder reads, indexes and
// commits it a part at a time, so that memory stays flat however large the
// archive (a single file larger than the budget is still one part).
const readBudget = 32 << 20

// applyLocked is apply on a given index and manifest; writeMu is held.
// progress, if set, sees articles written of those to write (an estimate,
// from the bytes read so far, while the files are read in parts).
func (a *archive) applyLocked(ctx context.Context, ix *index.Index, man *corpus.Manifest, read, gone []string, progress func(done, total int)) (summary, error) {
	var sum summary
	gone = expandGone(man, gone)
	sizes := make(map[string]int64, len(read))
	read = slices.DeleteFunc(slices.Clone(read), func(p string) bool {
		fi, err := os.Stat(p)
		if err == nil {
			sizes[p] = fi.Size()
		}
		st, ok := man.File(p)
		if !ok || st.MTime == -1 {
			return false
		}
		return err == nil && fi.Size() == st.Size && fi.ModTime().UnixNano() == st.MTime
	})
	if len(read) == 0 && len(gone) == 0 {
		return sum, nil
	}
	// Parts go in path order, the order a single plan resolves id clashes
	// in, so that the parts resolve them as one plan would.
	slices.Sort(read)
	var all int64
	for _, p := range read {
		all += sizes[p]
	}
	var doneBytes int64
	doneArts := 0
	for len(read) > 0 || len(gone) > 0 {
		n, partBytes := 0, int64(0)
		for n < len(read) && (n == 0 || partBytes+sizes[read[n]] <= a.partBytes) {
			partBytes += sizes[read[n]]
			n++
		}
		part := read[:n]
		read = read[n:]
		var partProgress func(done, total int)
		if progress != nil {
			before, through := doneArts, doneBytes+partBytes
			partProgress = func(done, total int) {
				est := before + total
				if len(read) > 0 && through > 0 {
					est = int(float64(before+total) * float64(all) / float64(through))
				}
				progress(before+done, max(est, before+total))
			}
		}
		s, err := a.applyPart(ctx, ix, man, part, gone, partProgress)
		sum.add(s)
		if err != nil {
			return sum, err
		}
		gone = nil
		doneBytes += partBytes
		doneArts += s.stats.Added + s.stats.Updated
	}
	return sum, nil
}

// add counts s into sum.
func (sum *summary) add(s summary) {
	sum.files += s.files
	sum.upserted += s.upserted
	sum.removed += s.removed
	sum.stats.Add(s.stats)
}

// applyPart reads the files in read, removes those in gone, and writes the
// plan they make to ix and then man.
func (a *archive) applyPart(ctx context.Context, ix *index.Index, man *corpus.Manifest, read, gone []string, progress func(done, total int)) (summary, error) {
	var sum summary
	loads, err := corpus.ReadFiles(ctx, read)
	if err != nil {
		return sum, err
	}
	plan := man.Plan(loads, gone)
	// a file that held a copy of an article now removed gives it again
	in := make(map[string]bool, len(loads))
	for _, l := range loads {
		in[l.Path] = true
	}
	if deps := man.Dependents(plan.Remove, in); len(deps) > 0 {
		more, err := corpus.ReadFiles(ctx, deps)
		if err != nil {
			return sum, err
		}
		for i := range more {
			more[i].Force = true
		}
		plan = man.Plan(append(loads, more...), gone)
	}
	if plan.Empty() {
		return sum, nil
	}
	st, err := updateChunked(ctx, ix, plan.Upsert, plan.Remove, progress)
	if err != nil {
		return sum, err
	}
	if err := man.Commit(plan.Changes); err != nil {
		return sum, err
	}
	return summary{files: len(plan.Changes), upserted: st.Added + st.Updated, removed: st.Removed, stats: st}, nil
}

// updateChunked writes upserts a thousand at a time, so that a large
// start-up change reports progress and holds less in flight.
func updateChunked(ctx context.Context, ix *index.Index, upsert []*corpus.Article, remove []string, progress func(done, total int)) (index.SyncStats, error) {
	const chunk = 1000
	var total index.SyncStats
	add := total.Add
	st, err := ix.Update(ctx, nil, remove, facts.Extract)
	add(st)
	if err != nil {
		return total, err
	}
	for i := 0; i < len(upsert); i += chunk {
		st, err := ix.Update(ctx, upsert[i:min(i+chunk, len(upsert))], nil, facts.Extract)
		add(st)
		if err != nil {
			return total, err
		}
		if progress != nil {
			progress(min(i+chunk, len(upsert)), len(upsert))
		}
	}
	return total, nil
}

// expandGone turns gone folders into the known files under them.
func expandGone(man *corpus.Manifest, gone []string) []string {
	var out []string
	var dirs []string
	for _, p := range gone {
		if _, ok := man.File(p); ok {
			out = append(out, p)
		} else {
			dirs = append(dirs, p+string(filepath.Separator))
		}
	}
	if len(dirs) > 0 {
		for _, p := range man.Paths() {
			for _, d := range dirs {
				if strings.HasPrefix(p, d) {
					out = append(out, p)
					break
				}
			}
		}
	}
	return out
}

// reconcile compares the whole folder with the manifest: files whose size
// or mtime changed are read, files gone are removed. When the manifest
// does not match the index (missing, another extractor version, an index
// rebuilt from empty), every file is read and the index is synced to
// exactly the corpus.
func (a *archive) reconcile(ctx context.Context, why string, progress func(done, total int)) (summary, error) {
	files, walkSkips, err := corpus.Scan(ctx, a.cfg.CorpusDir)
	if err != nil {
		return summary{}, err
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	a.walkSkips = walkSkips
	ix := a.live.Index()
	st, err := ix.Stats(ctx)
	if err != nil {
		return summary{}, err
	}
	var sum summary
	if st.Articles != a.man.Articles() {
		if a.man.Len() > 0 || st.Articles > 0 {
			a.log.Warn("archive: the manifest does not match the index; reading every file", "why", why,
				"index_articles", st.Articles, "manifest_articles", a.man.Articles())
		}
		sum, err = a.fullSync(ctx, ix, a.man, files, progress)
	} else {
		seen := make(map[string]bool, len(files))
		var read []string
		for _, f := range files {
			seen[f.Path] = true
			if old, ok := a.man.File(f.Path); !ok || old.Size != f.Stamp.Size || old.MTime != f.Stamp.MTime {
				read = append(read, f.Path)
			}
		}
		var gone []string
		for _, p := range a.man.Paths() {
			if !seen[p] {
				gone = append(gone, p)
			}
		}
		sum, err = a.applyLocked(ctx, ix, a.man, read, gone, progress)
		if err == nil && a.journal != nil {
			for _, p := range read {
				a.journal.read[p] = true
			}
			for _, p := range gone {
				a.journal.gone[p] = true
			}
		}
	}
	a.noteSkips()
	if err != nil {
		return sum, err
	}
	if !sum.empty() {
		a.touched()
		if why != "start-up" {
			a.log.Info("archive: reconcile found changes the watcher had not reported", "why", why,
				"files", sum.files, "upserted", sum.upserted, "removed", sum.removed)
		}
	}
	if why == "start-up" {
		a.log.Info("archive: start-up sync", "files", len(files), "changed_files", sum.files,
			"upserted", sum.upserted, "removed", sum.removed)
	}
	return sum, nil
}

// fullSync reads every file and makes ix hold exactly what they give.
func (a *archive) fullSync(ctx context.Context, ix *index.Index, man *corpus.Manifest, files []corpus.ScannedFile, progress func(done, total int)) (summary, error) {
	if err := man.Reset(nil); err != nil {
		return summary{}, err
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	sum, err := a.applyLocked(ctx, ix, man, paths, nil, progress)
	if err != nil {
		return sum, err
	}
	// what the index held beyond the files goes
	st, err := ix.Prune(ctx, func(id string) bool {
		_, ok := man.Owner(id)
		return ok
	})
	sum.removed += st.Removed
	sum.stats.Add(st)
	return sum, err
}

// Reindex builds a fresh index in a new folder beside the live one and
// swaps it in; a call while a rebuild runs joins it. progress sees
// articles done of total.
func (a *archive) Reindex(ctx context.Context, progress func(done, total int)) (string, error) {
	a.mu.Lock()
	r := a.rebuild
	if r == nil {
		r = &rebuildRun{done: make(chan struct{})}
		a.rebuild = r
		go a.runRebuild(a.bg, r)
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
	subs := slices.Clone(r.subscribers)
	r.mu.Unlock()
	for _, f := range subs {
		f(done, total)
	}
}

func (a *archive) runRebuild(ctx context.Context, r *rebuildRun) {
	defer func() {
		a.mu.Lock()
		a.rebuild = nil
		a.mu.Unlock()
		close(r.done)
	}()
	r.result, r.err = a.rebuildNow(ctx, r.progress)
	if r.err != nil {
		a.log.Error("archive: rebuild failed; the old index still answers", "err", r.err)
		r.result = "The rebuild failed; the old index still answers. The error is logged."
	}
}

// rebuildNow builds the twin generation from the whole corpus while the
// live one keeps answering and taking changes; the changes made meanwhile
// are replayed on the twin under the write lock, then the twin is swapped
// in.
func (a *archive) rebuildNow(ctx context.Context, progress func(done, total int)) (string, error) {
	start := time.Now()
	if a.cfg.CorpusDir == "" {
		return a.rebuildSample(ctx, progress)
	}
	a.writeMu.Lock()
	a.journal = &journal{read: map[string]bool{}, gone: map[string]bool{}}
	a.writeMu.Unlock()
	endJournal := func() {
		a.writeMu.Lock()
		a.journal = nil
		a.writeMu.Unlock()
	}
	rb, err := a.live.BeginRebuild(ctx)
	if err != nil {
		endJournal()
		return "", err
	}
	man, err := corpus.OpenManifest(manifestPath(rb.Dir()), manifestKey())
	if err != nil {
		rb.Abort()
		endJournal()
		return "", err
	}
	fail := func(err error) (string, error) {
		man.Close()
		rb.Abort()
		endJournal()
		return "", err
	}
	files, walkSkips, err := corpus.Scan(ctx, a.cfg.CorpusDir)
	if err != nil {
		return fail(err)
	}
	sum, err := a.fullSync(ctx, rb.Index(), man, files, progress)
	if err != nil {
		return fail(err)
	}
	if err := rb.Index().Compact(ctx); err != nil {
		return fail(err)
	}

	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	j := a.journal
	a.journal = nil
	var read, gone []string
	for p := range j.read {
		read = append(read, p)
	}
	for p := range j.gone {
		gone = append(gone, p)
	}
	slices.Sort(read)
	slices.Sort(gone)
	caught, err := a.applyLocked(ctx, rb.Index(), man, read, gone, nil)
	if err != nil {
		man.Close()
		rb.Abort()
		return "", err
	}
	if err := rb.Swap(); err != nil {
		man.Close()
		return "", err
	}
	a.man.Close()
	a.man = man
	a.walkSkips = walkSkips
	a.noteSkips()
	a.touched()
	skipped := len(a.Skipped())
	return fmt.Sprintf("Rebuilt the index from %d files: %d articles, %d passages, %d facts; %d changes made meanwhile carried over; %d problems in /sources; took %s.",
		len(files), sum.stats.Added, sum.stats.Passages, sum.stats.Facts, caught.files, skipped, time.Since(start).Round(100*time.Millisecond)), nil
}

func (a *archive) rebuildSample(ctx context.Context, progress func(done, total int)) (string, error) {
	loaded, err := corpus.Sample()
	if err != nil {
		return "", err
	}
	rb, err := a.live.BeginRebuild(ctx)
	if err != nil {
		return "", err
	}
	st, err := rb.Index().Sync(ctx, loaded.Articles, facts.Extract, progress)
	if err != nil {
		rb.Abort()
		return "", err
	}
	a.writeMu.Lock()
	err = rb.Swap()
	a.writeMu.Unlock()
	if err != nil {
		return "", err
	}
	a.touched()
	return fmt.Sprintf("Rebuilt the index from the bundled sample: %d articles, %d passages, %d facts.", st.Added, st.Passages, st.Facts), nil
}

// Close stops a rebuild still running (its half-built folder is removed)
// and closes the index and the manifest. Run must have returned.
func (a *archive) Close() error {
	a.stopBg()
	a.mu.Lock()
	r := a.rebuild
	a.mu.Unlock()
	if r != nil {
		<-r.done
	}
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	var err error
	if a.man != nil {
		err = a.man.Close()
	}
	if cerr := a.live.Close(); cerr != nil && !errors.Is(cerr, index.ErrClosed) {
		err = cerr
	}
	return err
}

// articles is how many articles the archive holds.
func (a *archive) articles() int {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	if a.man != nil {
		return a.man.Articles()
	}
	st, err := a.live.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Articles
}

// problems splits Skipped into what was left out and what was loaded
// under another id.
func (a *archive) problems() (skipped, renamed []corpus.Skip) {
	a.writeMu.Lock()
	defer a.writeMu.Unlock()
	if a.man == nil {
		return nil, nil
	}
	return append(slices.Clone(a.walkSkips), a.man.Skips()...), a.man.Renamed()
}

// Note is a line for /sources while the index is not yet current: a
// start-up sync catching up, or a rebuild under way; "" otherwise.
func (a *archive) Note() string {
	h := a.Health()
	switch {
	case h.CatchingUp:
		return "The index is catching up with the corpus folder; the newest articles may be missing for a moment."
	case h.Rebuilding && h.RebuildTotal > 0:
		return fmt.Sprintf("A rebuild is under way (%d of %d articles); answers come from the current index meanwhile.", h.RebuildDone, h.RebuildTotal)
	case h.Rebuilding:
		return "A rebuild is under way; answers come from the current index meanwhile."
	}
	return ""
}
