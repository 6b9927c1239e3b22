package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// A manifest remembers, for every corpus file an index was fed, the file's
// size and modification time and the articles (id and hash) it gave. A
// long-running process starts by comparing the folder with it: a file
// whose size and mtime are unchanged is not read again, so an unchanged
// folder costs a walk, not a re-read of every article. The manifest is an
// append-only log of JSON lines, one a file change, synced before Commit
// returns and compacted when it has grown; a line torn by a crash is
// ignored, which only makes its file look changed at the next start.

// FileState is what a manifest knows of one corpus file.
type FileState struct {
	Path string `json:"p"`
	Size int64  `json:"s"`
	// MTime is the modification time in Unix nanoseconds; -1 marks a file
	// that could not be read, which is tried again at every comparison
	// (fixing a permission does not change the mtime).
	MTime    int64        `json:"m"`
	Articles []ArticleRef `json:"a,omitempty"`
	// Skips are the file's (or its lines') problems, kept so that a start
	// that does not read the file still reports them.
	Skips []Skip `json:"k,omitempty"`
	// Dups are the ids of articles left out as copies of one another file
	// gives: when that file goes, this one must be read again.
	Dups []string `json:"d,omitempty"`
	// Gone marks a removal record in the log.
	Gone bool `json:"g,omitempty"`
}

// ArticleRef is one article of a file as indexed.
type ArticleRef struct {
	ID string `json:"i"`
	// Raw is the id the file gave when the article was loaded under
	// another (an id clash: "x~2"); empty when the same as ID.
	Raw  string `json:"r,omitempty"`
	Hash string `json:"h"`
}

// Stamp is a file's size and modification time.
type Stamp struct {
	Size  int64
	MTime int64
}

func (s FileState) stamp() Stamp { return Stamp{s.Size, s.MTime} }

type manifestHeader struct {
	Version int    `json:"manifest"`
	Key     string `json:"key"`
}

const manifestVersion = 1

// Manifest is an open manifest file. It is not safe for concurrent use.
type Manifest struct {
	path    string
	key     string
	files   map[string]*FileState
	owner   map[string]string // article id -> file path
	log     *os.File
	records int
}

// OpenManifest reads the manifest at path, or starts an empty one when it
// is missing, unreadable or written under another key. key names what the
// recorded hashes depend on beyond the corpus parser (the fact extractor's
// version, say): a manifest under another key is not trusted.
func OpenManifest(path, key string) (*Manifest, error) {
	key = hashVersion + "/" + key
	m := &Manifest{path: path, key: key, files: map[string]*FileState{}, owner: map[string]string{}}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("corpus: read manifest %s: %w", path, err)
	}
	if err == nil && m.parse(data) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("corpus: open manifest %s: %w", path, err)
		}
		m.log = f
		return m, nil
	}
	m.files, m.owner, m.records = map[string]*FileState{}, map[string]string{}, 0
	if err := m.rewrite(); err != nil {
		return nil, err
	}
	return m, nil
}

// parse loads data, reporting false when it is not a manifest under m.key.
func (m *Manifest) parse(data []byte) bool {
	lines := bytes.Split(data, []byte("\n"))
	var h manifestHeader
	if len(lines) == 0 || json.Unmarshal(lines[0], &h) != nil || h.Version != manifestVersion || h.Key != m.key {
		return false
	}
	for i, line := range lines[1:] {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var st FileState
		if err := json.Unmarshal(line, &st); err != nil || st.Path == "" {
			if i == len(lines)-2 {
				break // the last line, torn by a crash: its change is redone
			}
			return false
		}
		m.records++
		m.apply(st)
	}
	return true
}

func (m *Manifest) apply(st FileState) {
	if old := m.files[st.Path]; old != nil {
		for _, r := range old.Articles {
			if m.owner[r.ID] == st.Path {
				delete(m.owner, r.ID)
			}
		}
		delete(m.files, st.Path)
	}
	if st.Gone {
		return
	}
	s := st
	m.files[st.Path] = &s
	for _, r := range s.Articles {
		m.owner[r.ID] = s.Path
	}
}

// Len is how many files the manifest knows.
func (m *Manifest) Len() int { return len(m.files) }

// Articles is how many articles the manifest's files gave.
func (m *Manifest) Articles() int { return len(m.owner) }

// File returns what the manifest knows of path.
func (m *Manifest) File(path string) (FileState, bool) {
	st, ok := m.files[path]
	if !ok {
		return FileState{}, false
	}
	return *st, true
}

// Owner is the file that gave article id, if any.
func (m *Manifest) Owner(id string) (string, bool) {
	p, ok := m.owner[id]
	return p, ok
}

// Hash is the recorded hash of article id, if any.
func (m *Manifest) Hash(id string) (string, bool) {
	p, ok := m.owner[id]
	if !ok {
		return "", false
	}
	for _, r := range m.files[p].Articles {
		if r.ID == id {
			return r.Hash, true
		}
	}
	return "", false
}

// Paths lists the known files, sorted.
func (m *Manifest) Paths() []string {
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Skips lists every recorded problem, in file order.
func (m *Manifest) Skips() []Skip {
	var out []Skip
	for _, p := range m.Paths() {
		out = append(out, m.files[p].Skips...)
	}
	slices.SortStableFunc(out, compareSkips)
	return out
}

// Commit records changed files (their new state, or Gone) and syncs the
// log before returning. Call it only after the index holds the change: a
// manifest ahead of its index would hide a file from the next start.
func (m *Manifest) Commit(changes []FileState) error {
	if len(changes) == 0 {
		return nil
	}
	var buf bytes.Buffer
	for _, c := range changes {
		line, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("corpus: manifest: %w", err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	for _, c := range changes {
		m.apply(c)
	}
	m.records += len(changes)
	if m.records > 2*len(m.files)+1000 {
		return m.rewrite()
	}
	if _, err := m.log.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("corpus: write manifest %s: %w", m.path, err)
	}
	if err := m.log.Sync(); err != nil {
		return fmt.Errorf("corpus: sync manifest %s: %w", m.path, err)
	}
	return nil
}

// Reset replaces the whole manifest with files, as after a full sync.
func (m *Manifest) Reset(files []FileState) error {
	m.files, m.owner = map[string]*FileState{}, map[string]string{}
	for _, f := range files {
		m.apply(f)
	}
	return m.rewrite()
}

// rewrite writes the manifest afresh (temporary file, sync, rename) and
// reopens it for appending.
func (m *Manifest) rewrite() error {
	if m.log != nil {
		m.log.Close()
		m.log = nil
	}
	err := WriteAtomic(m.path, filepath.Base(m.path)+".tmp*", func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<20)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err := enc.Encode(manifestHeader{Version: manifestVersion, Key: m.key})
		for _, p := range m.Paths() {
			if err == nil {
				err = enc.Encode(m.files[p])
			}
		}
		if err == nil {
			err = w.Flush()
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("corpus: write manifest: %w", err)
	}
	m.records = len(m.files)
	f, err := os.OpenFile(m.path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("corpus: open manifest %s: %w", m.path, err)
	}
	m.log = f
	return nil
}

// Close closes the manifest's log.
func (m *Manifest) Close() error {
	if m.log == nil {
		return nil
	}
	err := m.log.Close()
	m.log = nil
	return err
}

// ScannedFile is an article file found by Scan, with its stamp taken
// before any read: a change after the stamp shows at the next comparison.
type ScannedFile struct {
	Path  string
	Stamp Stamp
}

// Scan walks dir as LoadDir does (hidden files and folders, documentation
// and unknown types left out, links to folders not followed) and stamps
// every article file without reading it. Folders and links that cannot be
// read are returned as skips.
func Scan(ctx context.Context, dir string) ([]ScannedFile, []Skip, error) {
	var files []ScannedFile
	var skips []Skip
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == dir {
				return err
			}
			skips = append(skips, Skip{Path: p, Reason: readFailure(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !IsArticleFile(p) {
			return nil
		}
		st, err := os.Stat(p) // follows a link to a file
		if err != nil {
			if d.Type()&fs.ModeSymlink != 0 {
				skips = append(skips, Skip{Path: p, Reason: "a symbolic link that cannot be followed: " + strings.TrimPrefix(readFailure(err), "cannot be read: ")})
			} else if !errors.Is(err, fs.ErrNotExist) {
				skips = append(skips, Skip{Path: p, Reason: readFailure(err)})
			}
			return nil
		}
		if !st.Mode().IsRegular() {
			return nil // folders behind links, sockets, pipes, devices
		}
		files = append(files, ScannedFile{Path: p, Stamp: Stamp{st.Size(), st.ModTime().UnixNano()}})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("corpus: scan %s: %w", dir, err)
	}
	return files, skips, nil
}

// IsArticleFile reports whether a file of this name is loaded as articles:
// a known extension, not hidden, not a folder's README or licence.
func IsArticleFile(path string) bool {
	name := filepath.Base(path)
	return formatOf(path) != formatUnknown && !strings.HasPrefix(name, ".") && !isDocumentation(name)
}

// FileLoad is one file read for a manifest comparison.
type FileLoad struct {
	Path string
	// Gone is set when the file no longer exists (deleted or renamed away
	// between the event and the read).
	Gone bool
	// Force has Plan read the file again even when its stamp is unchanged
	// (see Manifest.Dependents).
	Force    bool
	Stamp    Stamp
	Articles []*Article // as the file gives them, id clashes unresolved
	Skips    []Skip
}

// ReadFiles reads the given files in parallel, in the order given. A file
// that cannot be read is a FileLoad with a skip saying why; one that has
// vanished is Gone.
func ReadFiles(ctx context.Context, paths []string) ([]FileLoad, error) {
	out := make([]FileLoad, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				out[i] = readOne(paths[i])
			}
		})
	}
	for i := range paths {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("corpus: read: %w", err)
	}
	return out, nil
}

func readOne(path string) FileLoad {
	fl := FileLoad{Path: path}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		fl.Gone = true
		return fl
	}
	if err != nil {
		fl.Stamp = Stamp{0, -1}
		fl.Skips = []Skip{{Path: path, Reason: readFailure(err)}}
		return fl
	}
	fl.Stamp = Stamp{st.Size(), st.ModTime().UnixNano()}
	fl.Articles, fl.Skips = loadFile(path)
	if len(fl.Articles) == 0 && len(fl.Skips) > 0 {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return FileLoad{Path: path, Gone: true}
		}
		if strings.HasPrefix(fl.Skips[0].Reason, "cannot be read") {
			fl.Stamp.MTime = -1 // a read failure: try again next time
		}
	}
	return fl
}

// Plan is what a set of file changes does to the index: the articles to
// write and the ids to delete, the manifest records to commit once the
// index holds them, and the id clashes resolved on the way.
type Plan struct {
	Upsert  []*Article
	Remove  []string
	Changes []FileState
	// Renamed lists articles loaded under another id than their own.
	Renamed []Skip
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// Plan compares loads (and the files known to be gone) with the manifest.
// Files whose stamp is unchanged are left alone. Articles are resolved as
// LoadDir resolves them: an id another file already gives is taken by an
// identical copy (skipped and reported) or renamed id~2, id~3 (reported);
// a file read again keeps the ids it had. The manifest itself changes only
// at Commit.
func (m *Manifest) Plan(loads []FileLoad, gone []string) *Plan {
	p := &Plan{}
	freed := map[string]bool{}     // ids given up by this plan
	claimed := map[string]string{} // ids taken by this plan -> path
	taken := func(id, path string) (string, bool) {
		if q, ok := claimed[id]; ok {
			return q, q != path
		}
		if q, ok := m.owner[id]; ok && !freed[id] {
			return q, q != path
		}
		return "", false
	}
	release := func(path string) {
		if old, ok := m.files[path]; ok {
			for _, r := range old.Articles {
				freed[r.ID] = true
			}
		}
	}
	gone = slices.Clone(gone)
	for _, l := range loads {
		if l.Gone {
			gone = append(gone, l.Path)
		}
	}
	slices.Sort(gone)
	gone = slices.Compact(gone)
	for _, path := range gone {
		old, ok := m.files[path]
		if !ok {
			continue
		}
		release(path)
		for _, r := range old.Articles {
			p.Remove = append(p.Remove, r.ID)
		}
		p.Changes = append(p.Changes, FileState{Path: path, Gone: true})
	}
	loads = slices.DeleteFunc(slices.Clone(loads), func(l FileLoad) bool { return l.Gone })
	slices.SortStableFunc(loads, func(a, b FileLoad) int { return strings.Compare(a.Path, b.Path) })
	// a file read again gives up its ids first, so that its own articles
	// can keep them
	var changed []FileLoad
	for _, l := range loads {
		if old, ok := m.files[l.Path]; ok && old.stamp() == l.Stamp && l.Stamp.MTime != -1 && !l.Force {
			continue
		}
		release(l.Path)
		changed = append(changed, l)
	}
	// ids a changed file had and gives again stay its own, whatever the
	// path order of the other files in the plan
	for _, l := range changed {
		if old, ok := m.files[l.Path]; ok {
			prev := map[string]string{}
			for _, r := range old.Articles {
				prev[cmp.Or(r.Raw, r.ID)] = r.ID
			}
			for _, a := range l.Articles {
				if id, ok := prev[a.ID]; ok {
					if _, c := taken(id, l.Path); !c {
						claimed[id] = l.Path
					}
				}
			}
		}
	}
	for _, l := range changed {
		st := FileState{Path: l.Path, Size: l.Stamp.Size, MTime: l.Stamp.MTime, Skips: l.Skips}
		prev := map[string]string{} // raw id -> resolved id, as last indexed
		had := map[string]string{}  // resolved id -> hash
		if old, ok := m.files[l.Path]; ok {
			for _, r := range old.Articles {
				prev[cmp.Or(r.Raw, r.ID)] = r.ID
				had[r.ID] = r.Hash
			}
		}
		used := map[string]bool{} // ids given to this file's articles so far
		takenHere := func(id string) (string, bool) {
			if used[id] {
				return l.Path, true
			}
			return taken(id, l.Path)
		}
		for _, a := range l.Articles {
			raw := a.ID
			if id, ok := prev[raw]; ok && id != raw {
				if _, clash := takenHere(id); !clash {
					setID(a, id)
				}
			}
			if q, clash := takenHere(a.ID); clash {
				h, _ := m.hashIn(q, a.ID, p)
				if q == l.Path {
					for _, r := range st.Articles {
						if r.ID == a.ID {
							h = r.Hash
						}
					}
				}
				if h == a.Hash {
					st.Skips = append(st.Skips, duplicate(a, q))
					if q != l.Path {
						st.Dups = append(st.Dups, a.ID)
					}
					continue
				}
				first := a.ID
				for n := 2; ; n++ {
					id := fmt.Sprintf("%s~%d", raw, n)
					if _, c := takenHere(id); !c {
						setID(a, id)
						break
					}
				}
				p.Renamed = append(p.Renamed, Skip{Path: a.Path,
					Reason: fmt.Sprintf("id %s is also used by %s for a different article; loaded as %s", first, q, a.ID)})
			}
			claimed[a.ID] = l.Path
			used[a.ID] = true
			ref := ArticleRef{ID: a.ID, Hash: a.Hash}
			if raw != a.ID {
				ref.Raw = raw
			}
			st.Articles = append(st.Articles, ref)
			if had[a.ID] != a.Hash {
				p.Upsert = append(p.Upsert, a)
			}
			delete(had, a.ID)
		}
		for id := range had {
			if claimed[id] == "" {
				p.Remove = append(p.Remove, id)
			}
		}
		p.Changes = append(p.Changes, st)
	}
	// an id removed from one file and given by another stays
	p.Remove = slices.DeleteFunc(p.Remove, func(id string) bool { return claimed[id] != "" })
	slices.Sort(p.Remove)
	p.Remove = slices.Compact(p.Remove)
	return p
}

// hashIn is the hash under which file path gives id, looking first at
// what this plan gives it.
func (m *Manifest) hashIn(path, id string, p *Plan) (string, bool) {
	for i := len(p.Changes) - 1; i >= 0; i-- {
		if p.Changes[i].Path == path {
			for _, r := range p.Changes[i].Articles {
				if r.ID == id {
					return r.Hash, true
				}
			}
			return "", false
		}
	}
	if f, ok := m.files[path]; ok {
		for _, r := range f.Articles {
			if r.ID == id {
				return r.Hash, true
			}
		}
	}
	return "", false
}

func setID(a *Article, id string) {
	a.ID = id
	a.Hash = hashArticle(a)
}

// Renamed lists the recorded id clashes: articles indexed under another
// id than their file gives.
func (m *Manifest) Renamed() []Skip {
	var out []Skip
	for _, p := range m.Paths() {
		for _, r := range m.files[p].Articles {
			if r.Raw != "" {
				out = append(out, Skip{Path: p, Reason: fmt.Sprintf("id %s is also used by another file for a different article; loaded as %s", r.Raw, r.ID)})
			}
		}
	}
	return out
}

// ParseDate reads a date in any layout the loaders accept ("2024-12-01",
// RFC 3339, RFC 1123 ...), for callers that must refuse a date the loaders
// would quietly drop (an article pushed over HTTP).
func ParseDate(s string) (time.Time, error) { return parseDate(s) }

// Dependents lists the files (other than those in except) that left out
// an article as a copy of one of ids: once ids are removed, those files
// must be read again (FileLoad.Force) or their articles would be lost.
func (m *Manifest) Dependents(ids []string, except map[string]bool) []string {
	if len(ids) == 0 {
		return nil
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var out []string
	for _, p := range m.Paths() {
		if except[p] {
			continue
		}
		for _, id := range m.files[p].Dups {
			if want[id] {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
