package corpus

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteAtomic writes path by way of a temporary file in path's folder,
// named by pattern as os.CreateTemp takes it, which write fills; the file is
// synced, renamed over path, and the folder synced. After a crash path
// holds the old content or the new, never a part, and at most a temporary
// file matching pattern is left behind.
func WriteAtomic(path, pattern string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("corpus: write %s: %w", path, err)
	}
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("corpus: write %s: %w", path, err)
	}
	SyncDir(dir)
	return nil
}

// SyncDir makes a rename in dir durable; not every system can, and the
// rename itself has happened either way.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
