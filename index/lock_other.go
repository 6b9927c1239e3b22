//go:build !unix

package index

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Without flock the lock only guards against a second Open in this
// process; newsbot is built for Linux, where lock_unix.go applies.
var (
	heldMu sync.Mutex
	held   = map[string]bool{}
)

func lockFile(path string) (*os.File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("index: lock %s: %w", path, err)
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	if held[abs] {
		return nil, ErrLocked
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: open lock %s: %w", path, err)
	}
	held[abs] = true
	return f, nil
}

func unlockFile(f *os.File) error {
	abs, _ := filepath.Abs(f.Name())
	heldMu.Lock()
	delete(held, abs)
	heldMu.Unlock()
	return f.Close()
}
