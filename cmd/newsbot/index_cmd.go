package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/index"
)

// openLiveIndex opens the generation of cfg's index in use (see
// index.LiveDir) for a command that runs once. A second newsbot on the
// same index, a serve say, makes it fail at once with index.ErrLocked.
func openLiveIndex(cfg config, log *slog.Logger) (*index.Index, error) {
	dir, err := index.LiveDir(cfg.IndexDir)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(dir, indexOptions(log))
	if errors.Is(err, index.ErrLocked) {
		return nil, fmt.Errorf("the index %s is in use by another newsbot (a running serve?); stop it first, or ask it (an admin's /reindex): %w", cfg.IndexDir, err)
	}
	return ix, err
}

// forgetManifest drops the manifest of ix's generation after a command
// changed the index without it (ask's load-and-sync), so that the next
// serve reads every file once rather than trust a stale manifest.
func forgetManifest(ix *index.Index, log *slog.Logger) {
	if err := os.Remove(manifestPath(ix.Dir())); err != nil && !errors.Is(err, os.ErrNotExist) {
		log.Warn("index: stale manifest not removed", "path", manifestPath(ix.Dir()), "err", err)
	}
}

// indexReport is what newsbot index prints.
type indexReport struct {
	Index     string        `json:"index"`
	Articles  int           `json:"articles"`
	Skipped   []corpus.Skip `json:"skipped"`
	Renamed   []corpus.Skip `json:"renamed"`
	Added     int           `json:"added"`
	Updated   int           `json:"updated"`
	Removed   int           `json:"removed"`
	Unchanged int           `json:"unchanged"`
	Passages  int           `json:"passages"`
	Facts     int           `json:"facts"`
	Rebuilt   string        `json:"rebuilt,omitempty"`
	TookMS    int64         `json:"took_ms"`
}

// cmdIndex brings the index up to date with the corpus, reading only the
// files whose size or mtime changed since the last run; with --rebuild it
// builds a fresh index beside the old one and swaps it in.
func cmdIndex(ctx context.Context, cfg config, log *slog.Logger, stdout, stderr io.Writer) error {
	start := time.Now()
	bar := newProgress(stderr)
	var rep indexReport
	if cfg.CorpusDir == "" && !cfg.Rebuild {
		// the bundled sample has no folder to keep a manifest of
		ix, loaded, st, err := openSynced(ctx, cfg, log, bar.update)
		bar.done()
		if err != nil {
			return err
		}
		defer ix.Close()
		rep = indexReport{Articles: len(loaded.Articles), Skipped: loaded.Skipped, Renamed: loaded.Renamed,
			Added: st.Added, Updated: st.Updated, Removed: st.Removed, Unchanged: st.Unchanged,
			Passages: st.Passages, Facts: st.Facts}
	} else {
		a, err := openArchive(ctx, cfg, log)
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("the index %s is in use by another newsbot (a running serve?); stop it first, or ask it (an admin's /reindex): %w", cfg.IndexDir, err)
		}
		if err != nil {
			return err
		}
		defer a.Close()
		if cfg.Rebuild {
			msg, err := a.Reindex(ctx, bar.update)
			bar.done()
			if err != nil {
				return err
			}
			rep.Rebuilt = msg
		} else {
			sum, err := a.reconcile(ctx, "index", bar.update)
			bar.done()
			if err != nil {
				return err
			}
			st := sum.stats
			rep.Added, rep.Updated, rep.Removed = st.Added, st.Updated, st.Removed
			rep.Passages, rep.Facts = st.Passages, st.Facts
			if changed := st.Added + st.Updated + st.Removed; changed >= 1000 || changed*5 >= a.articles() && changed > 0 {
				// a large sync leaves many small segments; merge them now
				// rather than slow the first questions
				if err := a.live.Index().Compact(ctx); err != nil {
					return err
				}
			}
		}
		rep.Articles = a.articles()
		rep.Skipped, rep.Renamed = a.problems()
		rep.Unchanged = max(rep.Articles-rep.Added-rep.Updated, 0)
	}
	rep.Index = cfg.IndexDir
	rep.TookMS = time.Since(start).Milliseconds()
	if rep.Skipped == nil {
		rep.Skipped = []corpus.Skip{}
	}
	if rep.Renamed == nil {
		rep.Renamed = []corpus.Skip{}
	}
	if cfg.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(stdout, "index %s\n", rep.Index)
	fmt.Fprintf(stdout, "%d articles loaded, %d skipped\n", rep.Articles, len(rep.Skipped))
	for _, s := range rep.Skipped {
		fmt.Fprintf(stdout, "  skipped %s: %s\n", s.Path, s.Reason)
	}
	for _, s := range rep.Renamed {
		fmt.Fprintf(stdout, "  renamed %s: %s\n", s.Path, s.Reason)
	}
	if rep.Rebuilt != "" {
		fmt.Fprintln(stdout, rep.Rebuilt)
	} else {
		fmt.Fprintf(stdout, "%d added, %d updated, %d removed, %d unchanged (%d passages, %d facts indexed)\n",
			rep.Added, rep.Updated, rep.Removed, rep.Unchanged, rep.Passages, rep.Facts)
	}
	fmt.Fprintf(stdout, "took %s\n", time.Duration(rep.TookMS)*time.Millisecond)
	return nil
}
