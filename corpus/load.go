package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxFileSize is the largest article file loaded, and the longest JSONL
// line. Real articles are a few tens of KiB; anything this big is a dump or
// a mistake, and reading it whole would cost memory for nothing.
const MaxFileSize = 10 << 20

// Skip is an input that was not loaded, with a sentence saying why.
type Skip struct {
	Path   string
	Reason string
}

// Loaded is the result of a load: the articles, sorted by ID, every input
// that was skipped, and every article loaded under another id than its own
// because a different article already had it.
type Loaded struct {
	Articles []*Article
	Skipped  []Skip
	Renamed  []Skip
}

// extensions maps a lower-case file extension to its format.
var extensions = map[string]format{
	".txt":      formatText,
	".md":       formatText,
	".markdown": formatText,
	".json":     formatJSON,
	".jsonl":    formatJSONL,
	".ndjson":   formatJSONL,
}

type format int

const (
	formatUnknown format = iota
	formatText
	formatJSON
	formatJSONL
)

func formatOf(path string) format { return extensions[strings.ToLower(filepath.Ext(path))] }

// LoadDir loads every article file under dir, recursively, or the one file
// dir names. Bad files and lines are skipped with a reason and never stop
// the load; files of unknown type, hidden files and hidden folders (.git)
// are ignored silently. The error is only for a dir that cannot be read and
// for a cancelled ctx.
func LoadDir(ctx context.Context, dir string) (*Loaded, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: load %s: %w", dir, err)
	}
	if !info.IsDir() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("corpus: load %s: %w", dir, err)
		}
		return LoadFile(dir), nil
	}

	var files []string
	var walkSkips []Skip
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == dir {
				return err
			}
			walkSkips = append(walkSkips, Skip{Path: p, Reason: readFailure(err)})
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
		if d.IsDir() || formatOf(p) == formatUnknown {
			return nil
		}
		if isDocumentation(d.Name()) {
			walkSkips = append(walkSkips, Skip{Path: p, Reason: "a folder's documentation (README, LICENSE ...), not an article"})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// a link to a file is loaded; links to folders are not
			// followed, which rules out cycles
			if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil // sockets, pipes, devices
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: load %s: %w", dir, err)
	}

	results := make([]fileResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() != nil {
					continue
				}
				arts, skips := loadFile(files[i])
				results[i] = fileResult{arts, skips}
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("corpus: load %s: %w", dir, err)
	}
	results = append(results, fileResult{skips: walkSkips})
	return collect(results), nil
}

// isDocumentation tells a corpus folder's own README or licence from an
// article, so that describing a folder of articles never adds one to it.
func isDocumentation(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	if strings.Contains(base, "README") {
		return true // also "UPSTREAM_README"
	}
	switch base {
	case "README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "CONTRIBUTING", "COPYING":
		return true
	}
	return false
}

type fileResult struct {
	arts  []*Article
	skips []Skip
}

// collect merges per-file results given in path order: the first article
// with an ID wins and later ones are reported, never merged.
func collect(results []fileResult) *Loaded {
	l := &Loaded{}
	seen := make(map[string]*Article)
	for _, r := range results {
		l.Skipped = append(l.Skipped, r.skips...)
		for _, a := range r.arts {
			if first, dup := seen[a.ID]; dup {
				if sameArticle(a, first) {
					l.Skipped = append(l.Skipped, duplicate(a, first.Path))
					continue
				}
				// a different article under a taken id: losing it would
				// lose reporting, merging it would mix two sources
				id := a.ID
				for n := 2; seen[a.ID] != nil; n++ {
					a.ID = fmt.Sprintf("%s~%d", id, n)
				}
				a.Hash = hashArticle(a)
				l.Renamed = append(l.Renamed, Skip{Path: a.Path,
					Reason: fmt.Sprintf("id %s is also used by %s for a different article; loaded as %s", id, first.Path, a.ID)})
			}
			seen[a.ID] = a
			l.Articles = append(l.Articles, a)
		}
	}
	slices.SortFunc(l.Articles, func(a, b *Article) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(l.Skipped, compareSkips)
	slices.SortStableFunc(l.Renamed, compareSkips)
	return l
}

func duplicate(a *Article, first string) Skip {
	return Skip{Path: a.Path, Reason: fmt.Sprintf("duplicate id %s, the same article as %s", a.ID, first)}
}

// sameArticle reports whether two articles with one id are copies.
func sameArticle(a, b *Article) bool {
	return a.Text == b.Text && a.Title == b.Title && a.Date.Equal(b.Date) && a.Outlet == b.Outlet
}

// compareSkips orders skips by file, then by JSONL line number, so that
// "x.jsonl#9" comes before "x.jsonl#10".
func compareSkips(a, b Skip) int {
	af, al := splitLine(a.Path)
	bf, bl := splitLine(b.Path)
	return cmp.Or(strings.Compare(af, bf), cmp.Compare(al, bl))
}

func splitLine(p string) (string, int) {
	if i := strings.LastIndexByte(p, '#'); i >= 0 {
		if n, err := strconv.Atoi(p[i+1:]); err == nil {
			return p[:i], n
		}
	}
	return p, 0
}

// LoadFile loads one file: a .txt or .md article, a .json article, or a
// .jsonl file of one article a line. What cannot be loaded is a Skip: the
// whole file, or for JSONL just the bad lines; id clashes are resolved as
// in LoadDir.
func LoadFile(path string) *Loaded {
	arts, skips := loadFile(path)
	return collect([]fileResult{{arts, skips}})
}

// loadFile reads one file's articles as they come, clashes unresolved.
func loadFile(path string) ([]*Article, []Skip) {
	f := formatOf(path)
	if f == formatUnknown {
		return nil, []Skip{{Path: path, Reason: "not an article file: expected .txt, .md, .json or .jsonl"}}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, []Skip{{Path: path, Reason: readFailure(err)}}
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, []Skip{{Path: path, Reason: readFailure(err)}}
	}
	if !st.Mode().IsRegular() {
		return nil, []Skip{{Path: path, Reason: "not a regular file"}}
	}
	if f == formatJSONL {
		// JSONL is streamed and limited per line: a large dataset is
		// fine, a single huge article is not
		// id clashes, within the file or across files, are LoadDir's to
		// resolve (see collect)
		return loadJSONL(path, fh)
	}
	if st.Size() > MaxFileSize {
		return nil, []Skip{{Path: path, Reason: tooBig(st.Size())}}
	}
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, []Skip{{Path: path, Reason: readFailure(err)}}
	}
	if len(data) > MaxFileSize { // grew since Stat
		return nil, []Skip{{Path: path, Reason: tooBig(int64(len(data)))}}
	}
	a, err := loadData(path, f, data)
	if err != nil {
		return nil, []Skip{{Path: path, Reason: reason(err)}}
	}
	return []*Article{a}, nil
}

// loadData parses one whole .txt, .md or .json file.
func loadData(path string, f format, data []byte) (*Article, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, bad("binary file (contains NUL bytes)")
	}
	if f == formatJSON {
		return ParseJSON(path, data)
	}
	if !utf8.Valid(data) {
		return nil, bad("not valid UTF-8 text")
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))) == 0 {
		return nil, bad("empty (no text, or only white space)")
	}
	base := filepath.Base(path)
	a := ParseText(strings.TrimSuffix(base, filepath.Ext(base)), path, string(data))
	if len(a.Paragraphs) == 0 {
		return nil, bad("no article text after the front matter")
	}
	return a, nil
}

// loadJSONL reads one article a line. Blank lines are allowed; a bad line
// is skipped alone, so one broken record never costs the rest of a dataset.
func loadJSONL(path string, r io.Reader) ([]*Article, []Skip) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(8 << 10); bytes.IndexByte(head, 0) >= 0 {
		return nil, []Skip{{Path: path, Reason: "binary file (contains NUL bytes)"}}
	}
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	var arts []*Article
	var skips []Skip
	content := false
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, MaxFileSize)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(bom))
		}
		at := path + "#" + strconv.Itoa(n)
		switch {
		case tooLong:
			content = true
			skips = append(skips, Skip{Path: at, Reason: fmt.Sprintf("line longer than the %d MiB limit", MaxFileSize>>20)})
		case len(bytes.TrimSpace(line)) > 0:
			content = true
			a, perr := parseJSON(at, line, base+"-"+strconv.Itoa(n))
			if perr != nil {
				skips = append(skips, Skip{Path: at, Reason: reason(perr)})
			} else {
				arts = append(arts, a)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			skips = append(skips, Skip{Path: at, Reason: "reading stopped: " + readFailure(err)})
			break
		}
	}
	if !content {
		skips = append(skips, Skip{Path: path, Reason: "empty (no text, or only white space)"})
	}
	return arts, skips
}

// readLine returns the next line without its line break. A line longer
// than limit is discarded as it is read (tooLong), so a file with no line
// breaks cannot exhaust memory. err is io.EOF after the last line.
func readLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > limit+1 { // +1: the '\n' itself
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, tooLong, err
	}
}

func tooBig(size int64) string {
	return fmt.Sprintf("larger than the %d MiB limit (%d bytes)", MaxFileSize>>20, size)
}

// readFailure says why a file or folder could not be read, without the
// path (Skip.Path has it).
func readFailure(err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return "cannot be read: permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return "cannot be read: " + err.Error()
}
