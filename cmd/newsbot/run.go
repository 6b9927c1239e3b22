package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// run is the whole program; main only supplies the process's environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: newsbot facts [--json] [--corpus DIR]")
		return errUsage
	}
	switch args[0] {
	case "facts":
		fs := flag.NewFlagSet("facts", flag.ContinueOnError)
		fs.SetOutput(stderr)
		asJSON := fs.Bool("json", false, "print JSON")
		dir := fs.String("corpus", getenv("NEWSBOT_CORPUS_DIR"), "corpus folder")
		if err := fs.Parse(args[1:]); err != nil {
			return errUsage
		}
		arts, err := loadTxt(*dir)
		if err != nil {
			return err
		}
		var all facts.Set
		for _, a := range arts {
			all.Add(facts.Extract(a))
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", " ")
			return enc.Encode(all)
		}
		fmt.Fprintf(stdout, "%d statements, %d tolls, %d control claims\n", len(all.Statements), len(all.Tolls), len(all.Control))
		return nil
	}
	return fmt.Errorf("unknown command %q: %w", args[0], errUsage)
}

// loadTxt is a stop-gap until the corpus loaders land.
func loadTxt(dir string) ([]*corpus.Article, error) {
	var out []*corpus.Article
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, corpus.ParseText(strings.TrimSuffix(d.Name(), ".txt"), p, string(b)))
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}
