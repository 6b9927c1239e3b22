package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// errUsage marks a command line the program cannot take; it exits 2.
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `newsbot answers a newsroom's questions from its article archive.

usage:
  newsbot ask [flags] QUESTION      answer a question or slash command ("/quote speaker:Peskov")
  newsbot search [flags] WORDS      full-text search, best passage per article
  newsbot index [--rebuild] [flags] build or update the index (only changed files; --rebuild: afresh, then swap)
  newsbot facts [flags]             print the statements, tolls and control claims found
  newsbot serve [flags]             run the bot in Discord (gateway and/or HTTP interactions; see README)
  newsbot bench [--articles N]      grow the corpus to N articles, index it, time answers per intent
  newsbot version                   print the version
  newsbot COMMAND --help            a command's own usage (ask: --after, --more)

flags:
  --corpus DIR   articles to read (else NEWSBOT_CORPUS_DIR, else the bundled sample)
  --index DIR    where the index lives (else NEWSBOT_INDEX_DIR, else the user's cache folder)
  --json         machine-readable output
`

// run is the whole program; main only supplies the process's environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	getenv, err := envWithDotenv(getenv)
	if err != nil {
		return err
	}
	name := args[0]
	if wantsHelp(args[1:]) {
		return printHelp(name, stdout)
	}
	switch name {
	case "version":
		return cmdVersion(stdout)
	case "ask":
		return cmdAskArgs(ctx, args[1:], getenv, stdout, stderr)
	}
	if name == "bench" {
		log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		return cmdBench(ctx, args[1:], getenv, log, stdout, stderr)
	}
	cfg, rest, err := parseFlags(name, args[1:], getenv, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	switch name {
	case "ask":
		return cmdAsk(ctx, cfg, strings.Join(rest, " "), log, stdout, stderr)
	case "search":
		if len(rest) == 0 {
			return fmt.Errorf("search needs words to look for: %w", errUsage)
		}
		return cmdAsk(ctx, cfg, "/search query:"+strings.Join(rest, " "), log, stdout, stderr)
	case "index":
		return cmdIndex(ctx, cfg, log, stdout, stderr)
	case "facts":
		return cmdFacts(ctx, cfg, stdout, stderr)
	case "serve":
		return cmdServe(ctx, cfg, getenv, log, stdout)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q: %w", name, errUsage)
}

// parseFlags reads the flags of a subcommand, wherever they stand among its
// words ("newsbot ask --json What did Peskov say?" and "... say? --json").
func parseFlags(name string, args []string, getenv func(string) string, stderr io.Writer) (config, []string, error) {
	var cfg config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.CorpusDir, "corpus", getenv("NEWSBOT_CORPUS_DIR"), "corpus folder")
	fs.StringVar(&cfg.IndexDir, "index", getenv("NEWSBOT_INDEX_DIR"), "index folder")
	fs.BoolVar(&cfg.JSON, "json", false, "machine-readable output")
	if name == "index" {
		fs.BoolVar(&cfg.Rebuild, "rebuild", false, "build a fresh index beside the old one, then swap it in")
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return cfg, nil, fmt.Errorf("%s: %w", name, errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
	var err error
	if cfg.LogLevel, err = parseLevel(getenv("NEWSBOT_LOG_LEVEL")); err != nil {
		return cfg, nil, err
	}
	cfg.IngestToken = getenv("NEWSBOT_INGEST_TOKEN")
	if cfg.ReconcileEvery, err = parseReconcile(getenv("NEWSBOT_RECONCILE_EVERY")); err != nil {
		return cfg, nil, err
	}
	if cfg.IndexDir == "" {
		if cfg.IndexDir, err = defaultIndexDir(cfg.CorpusDir); err != nil {
			return cfg, nil, err
		}
	}
	return cfg, rest, nil
}

func loadCorpus(ctx context.Context, cfg config) (*corpus.Loaded, error) {
	if cfg.CorpusDir == "" {
		return corpus.Sample()
	}
	return corpus.LoadDir(ctx, cfg.CorpusDir)
}

// openSynced loads the corpus and brings the index up to date with it:
// only new, changed and removed articles are touched.
func openSynced(ctx context.Context, cfg config, log *slog.Logger, progress func(done, total int)) (*index.Index, *corpus.Loaded, index.SyncStats, error) {
	loaded, err := loadCorpus(ctx, cfg)
	if err != nil {
		return nil, nil, index.SyncStats{}, err
	}
	if len(loaded.Skipped) > 0 {
		log.Info("corpus: files skipped", "count", len(loaded.Skipped))
	}
	ix, err := openLiveIndex(cfg, log)
	if err != nil {
		return nil, nil, index.SyncStats{}, err
	}
	st, err := ix.Sync(ctx, loaded.Articles, facts.Extract, progress)
	if err != nil {
		ix.Close()
		return nil, nil, st, err
	}
	if st.Added+st.Updated+st.Removed > 0 {
		forgetManifest(ix, log)
	}
	return ix, loaded, st, nil
}

// indexOptions: the index is derived from the corpus, so one built by
// another newsbot version is rebuilt, and new extraction rules re-extract.
func indexOptions(log *slog.Logger) index.Options {
	return index.Options{Logger: log, FactsVersion: facts.Version, RebuildOutdated: true}
}

func cmdFacts(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	loaded, err := loadCorpus(ctx, cfg)
	if err != nil {
		return err
	}
	for _, s := range loaded.Skipped {
		fmt.Fprintf(stderr, "skipped %s: %s\n", s.Path, s.Reason)
	}
	all := facts.Set{Statements: []facts.Statement{}, Tolls: []facts.Toll{}, Control: []facts.Control{}}
	for _, a := range loaded.Articles {
		all.Add(facts.Extract(a))
	}
	if cfg.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		return enc.Encode(all)
	}
	for _, s := range all.Statements {
		fmt.Fprintf(stdout, "[%s] %s %s: %q\n", s.Article, s.Speaker, s.Kind, s.Quote)
	}
	for _, t := range all.Tolls {
		fmt.Fprintf(stdout, "[%s] toll %s %d %s %s %s (%s, %s) %s\n", t.Article, t.Qualifier, t.Count, t.Subgroup, t.Category, t.Place, t.Scope, t.Source, t.Date)
	}
	for _, c := range all.Control {
		fmt.Fprintf(stdout, "[%s] control %s %s %s except=%q (%s) %s\n", c.Article, c.Controller, c.Status, c.Place, c.Except, c.Source, c.Date)
	}
	fmt.Fprintf(stdout, "%d statements, %d tolls, %d control claims from %d articles\n",
		len(all.Statements), len(all.Tolls), len(all.Control), len(loaded.Articles))
	return nil
}
