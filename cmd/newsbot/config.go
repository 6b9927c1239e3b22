package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// config is everything the program reads from flags and the environment,
// read once here and passed down; no other package reads the environment.
type config struct {
	CorpusDir string // "" means the bundled sample
	IndexDir  string
	JSON      bool
	LogLevel  slog.Level
	// IngestToken is the bearer token of POST /articles; "" turns the
	// route off. A secret: never logged.
	IngestToken string
	// ReconcileEvery is how often serve walks the corpus for changes its
	// watcher missed.
	ReconcileEvery time.Duration
	// Rebuild is index --rebuild: a fresh index, swapped in.
	Rebuild bool
}

// envWithDotenv returns a getenv that reads the real environment first and
// then a .env file in the working directory, if there is one.
func envWithDotenv(getenv func(string) string) (func(string) string, error) {
	file, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading .env: %w", err)
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return file[k]
	}, nil
}

// defaultIndexDir puts the index in the user's cache, one folder a corpus,
// so that switching corpora never rebuilds another corpus's index.
func defaultIndexDir(corpusDir string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	name := "sample"
	if corpusDir != "" {
		abs, err := filepath.Abs(corpusDir)
		if err != nil {
			return "", fmt.Errorf("corpus folder %s: %w", corpusDir, err)
		}
		sum := sha256.Sum256([]byte(abs))
		name = filepath.Base(abs) + "-" + hex.EncodeToString(sum[:4])
	}
	return filepath.Join(base, "newsbot", name), nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if s == "" {
		return slog.LevelWarn, nil
	}
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return l, fmt.Errorf("NEWSBOT_LOG_LEVEL=%q: want debug, info, warn or error", s)
	}
	return l, nil
}
