package index

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// ErrLocked is returned (wrapped) by Open when another process, or another
// Open in this one, holds the index.
var ErrLocked = errors.New("in use by another newsbot process")

// ErrNotIndex is returned (wrapped) by Open for a directory that is not a
// newsbot index: other files, a foreign bleve index, a corrupt one, or one
// built with another mapping version. Open never deletes anything; the fix
// is to rebuild into a new (or emptied) directory.
var ErrNotIndex = errors.New("not a newsbot index")

// ErrOutdated reports a newsbot index made with another mapping version: it
// must be rebuilt (Options.RebuildOutdated does so). Such an error also
// matches ErrNotIndex.
var ErrOutdated = errors.New("index made by another newsbot version")

const (
	lockName     = "newsbot.lock"
	metaFileName = "index_meta.json" // written by bleve in every index dir
)

// Meta is the article a hit comes from, as answers display it.
type Meta struct {
	ID, Title, Outlet string
	Date              string // "YYYY-MM-DD", or "" when unknown
	Path, URL         string
}

// Options configures Open.
type Options struct {
	// Logger receives progress and warnings; nil discards them.
	Logger *slog.Logger
	// FactsVersion is mixed into every article's hash. Change it when the
	// fact extractor changes, so the next Sync re-extracts every article
	// even though no text changed.
	FactsVersion string
	// RebuildOutdated lets Open rebuild, empty, an index that an older or
	// newer newsbot made with another mapping. The index is derived from
	// the corpus, so nothing is lost but the time to sync again; a folder
	// that is not a newsbot index is still refused.
	RebuildOutdated bool

	// segmentDocs overrides maxSegmentDocs when not 0, for tests.
	segmentDocs int64
}

// Index is an open newsbot index. Its methods are safe for concurrent use;
// Sync calls are serialised.
type Index struct {
	dir      string
	bl       bleve.Index
	lock     *os.File
	log      *slog.Logger
	analyzer analysis.Analyzer
	pairs    analysis.Analyzer
	// pairFilter is the pairs analyzer's last filter, which turns the
	// analyzer's terms into pairs.
	pairFilter analysis.TokenFilter
	factsVer   string
	// segmentDocs bounds a segment's documents; see maxSegmentDocs.
	segmentDocs int64

	// See wordsQuery; fields so that tests can lower them.
	commonFrac     float64
	commonMinDocs  int
	speakerSortMax int
	batchOps       int
	phraseWindow   int

	syncMu sync.Mutex

	statsMu sync.Mutex
	stats   *Stats // cached by Stats, dropped by Sync

	recs recordCache // see records

	newestMu sync.Mutex
	newest   time.Time // of the newest dated fact; see newestFactDate
	newestOK bool
}

// Open opens the index in dir, creating it when dir is missing or empty. It
// first takes an exclusive lock on dir/newsbot.lock and fails at once with
// ErrLocked if another process holds it.
func Open(dir string, opt Options) (*Index, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dir == "" {
		return nil, errors.New("index: open: empty directory name")
	}
	exists, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	if !exists {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("index: create %s: %w", dir, err)
		}
	}
	lock, err := lockFile(filepath.Join(dir, lockName))
	if errors.Is(err, ErrLocked) {
		return nil, fmt.Errorf("index: %s is %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, lock: lock, log: log, factsVer: opt.FactsVersion,
		commonFrac: commonFrac, commonMinDocs: commonMinDocs, batchOps: batchOps, speakerSortMax: speakerSortMax, phraseWindow: phraseWindow,
		segmentDocs: maxSegmentDocs}
	if opt.segmentDocs > 0 {
		ix.segmentDocs = opt.segmentDocs
	}
	// Checked again under the lock: another process may have created the
	// index between checkDir and lockFile.
	if _, serr := os.Stat(filepath.Join(dir, metaFileName)); serr == nil {
		err = ix.openExisting()
		if errors.Is(err, ErrOutdated) && opt.RebuildOutdated {
			log.Warn("index: built with another mapping; rebuilding it", "dir", dir, "err", err)
			if err = clearIndex(dir); err == nil {
				err = ix.create()
			}
		}
	} else {
		err = ix.create()
	}
	if err != nil {
		unlockFile(lock)
		return nil, err
	}
	a := ix.bl.Mapping().AnalyzerNamed(AnalyzerName)
	if a == nil {
		ix.Close()
		return nil, fmt.Errorf("index: open %s: analyzer %q missing", dir, AnalyzerName)
	}
	ix.analyzer = a
	if ix.pairs = ix.bl.Mapping().AnalyzerNamed(pairsAnalyzer); ix.pairs == nil {
		ix.Close()
		return nil, fmt.Errorf("index: open %s: analyzer %q missing", dir, pairsAnalyzer)
	}
	if ix.pairFilter = lastFilter(ix.pairs); ix.pairFilter == nil {
		ix.Close()
		return nil, fmt.Errorf("index: open %s: analyzer %q is not the analyzer and a pair filter", dir, pairsAnalyzer)
	}
	return ix, nil
}

// checkDir reports whether dir exists, and refuses a file or a directory
// holding anything but a bleve index or our lock file.
func checkDir(dir string) (bool, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("index: open %s: %w", dir, err)
	}
	if !st.IsDir() {
		return false, fmt.Errorf("index: %s is a file, not an index directory: %w", dir, ErrNotIndex)
	}
	if _, err := os.Stat(filepath.Join(dir, metaFileName)); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, fmt.Errorf("index: open %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.Name() != lockName {
			return false, fmt.Errorf("index: %s holds other files (%s); use an empty or new directory: %w", dir, e.Name(), ErrNotIndex)
		}
	}
	return true, nil
}

func (ix *Index) create() error {
	bl, err := bleve.NewUsing(ix.dir, newMapping(), scorch.Name, scorch.Name, runtimeConfig(ix.segmentDocs))
	if err != nil {
		return fmt.Errorf("index: create %s: %w", ix.dir, err)
	}
	if err := bl.SetInternal(versionKey, []byte(mappingVersion)); err != nil {
		bl.Close()
		return fmt.Errorf("index: create %s: %w", ix.dir, err)
	}
	ix.bl = bl
	ix.log.Info("index created", "dir", ix.dir, "version", mappingVersion)
	return nil
}

func (ix *Index) openExisting() error {
	bl, err := bleve.OpenUsing(ix.dir, runtimeConfig(ix.segmentDocs))
	if err != nil {
		return fmt.Errorf("index: open %s (corrupt, or not a newsbot index: %w): %w", ix.dir, ErrNotIndex, err)
	}
	v, err := bl.GetInternal(versionKey)
	if err != nil {
		bl.Close()
		return fmt.Errorf("index: open %s: read version: %w", ix.dir, err)
	}
	if string(v) != mappingVersion {
		bl.Close()
		got := string(v)
		if got == "" {
			got = "none"
		}
		if !strings.HasPrefix(got, mappingPrefix) {
			return fmt.Errorf("index: %s has mapping version %s: %w", ix.dir, got, ErrNotIndex)
		}
		return fmt.Errorf("index: %s has mapping version %s, this build needs %s; rebuild it in a new directory (%w): %w", ix.dir, got, mappingVersion, ErrOutdated, ErrNotIndex)
	}
	ix.bl = bl
	return nil
}

// clearIndex removes a newsbot index's files from dir, keeping the lock
// file (held by the caller) and anything that is not an index file.
func clearIndex(dir string) error {
	for _, name := range []string{metaFileName, "store"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("index: clear %s: %w", dir, err)
		}
	}
	return nil
}

// Dir is the directory the index lives in.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index and releases its lock.
func (ix *Index) Close() error {
	var err error
	if ix.bl != nil {
		if cerr := ix.bl.Close(); cerr != nil {
			err = fmt.Errorf("index: close %s: %w", ix.dir, cerr)
		}
		ix.bl = nil
	}
	if ix.lock != nil {
		if uerr := unlockFile(ix.lock); uerr != nil && err == nil {
			err = fmt.Errorf("index: unlock %s: %w", ix.dir, uerr)
		}
		ix.lock = nil
	}
	return err
}
