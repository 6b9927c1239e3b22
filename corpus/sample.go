package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
)

// sampleFS is the bundled sample so that the bot runs, and its tests pass,
// on a fresh clone with no corpus of its own.
//
//go:embed sample/*.txt
var sampleFS embed.FS

// Sample returns the bundled sample articles; Path is "sample/<file>". The
// error means the binary was built without its sample, a build fault.
func Sample() (*Loaded, error) {
	entries, err := fs.ReadDir(sampleFS, "sample")
	if err != nil {
		return nil, fmt.Errorf("corpus: read bundled sample: %w", err)
	}
	var results []fileResult
	for _, e := range entries {
		p := path.Join("sample", e.Name())
		data, err := fs.ReadFile(sampleFS, p)
		if err != nil {
			return nil, fmt.Errorf("corpus: read bundled sample: %w", err)
		}
		a, err := loadData(p, formatOf(p), data)
		if err != nil {
			results = append(results, fileResult{skips: []Skip{{Path: p, Reason: reason(err)}}})
			continue
		}
		results = append(results, fileResult{arts: []*Article{a}})
	}
	return collect(results), nil
}
