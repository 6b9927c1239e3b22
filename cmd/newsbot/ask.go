package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// commandUsage is each subcommand's own usage, for `newsbot CMD --help`.
var commandUsage = map[string]string{
	"ask": `usage: newsbot ask [flags] QUESTION
       newsbot ask [flags] --after "PREVIOUS QUESTION" FOLLOW-UP
       newsbot ask [flags] --more CURSOR

Answers a plain question ("How many were killed in Idlib in 2013?") or slash-command text
("/quote speaker:Peskov"). --after reads the question as a follow-up of the previous one
("and in Idlib?"); --more prints the next answers of an earlier reply, from its cursor.

flags:
  --after TEXT   the previous question of the conversation
  --more CURSOR  the cursor an earlier reply printed
  --corpus DIR   articles to read (else NEWSBOT_CORPUS_DIR, else the bundled sample)
  --index DIR    where the index lives (else NEWSBOT_INDEX_DIR, else the user's cache folder)
  --json         the reply as JSON (the contract in README)
`,
	"search": `usage: newsbot search [flags] WORDS

Full-text search: the best passage of each article, matches in bold.

flags:
  --corpus DIR   articles to read
  --index DIR    where the index lives
  --json         machine-readable output
`,
	"index": `usage: newsbot index [flags]

Builds or updates the index: only new, changed and removed articles are touched.

flags:
  --corpus DIR   articles to read
  --index DIR    where the index lives
  --json         machine-readable output
`,
	"facts": `usage: newsbot facts [flags]

Prints every statement, toll and control claim found in the corpus.

flags:
  --corpus DIR   articles to read
  --json         machine-readable output
`,
	"serve": `usage: newsbot serve [flags]

Runs the bot in Discord (see README for its settings).

flags:
  --corpus DIR   articles to read
  --index DIR    where the index lives
`,
	"bench": `usage: newsbot bench [--articles N] [--corpus DIR] [--index DIR] [--rounds N] [--json] [--cpuprofile F]

Grows the corpus to N articles (new ids, later dates), indexes it once and times questions of
every intent: p50/p99 per intent.
`,
	"version": `usage: newsbot version

Prints the program's version.
`,
}

// wantsHelp reports whether a subcommand's arguments ask for its usage.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return false
}

// printHelp prints a subcommand's usage; an unknown one gets the program's.
func printHelp(name string, w io.Writer) error {
	u, ok := commandUsage[name]
	if !ok {
		u = usage
	}
	_, err := io.WriteString(w, u)
	return err
}

// version is the module version and VCS revision the binary was built from.
func version() string {
	v := "devel"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " " + rev + modified
	}
	return v + " " + info.GoVersion
}

func cmdVersion(stdout io.Writer) error {
	_, err := fmt.Fprintf(stdout, "newsbot %s\n", version())
	return err
}

// askFlags takes ask's own flags (--after, --more) out of its arguments,
// wherever they stand, and leaves the shared ones to parseFlags.
func askFlags(args []string) (after, more string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "after" && name != "more") {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", "", nil, fmt.Errorf("ask: --%s needs a value: %w", name, errUsage)
			}
			i++
			value = args[i]
		}
		if name == "after" {
			after = value
		} else {
			more = value
		}
	}
	return after, more, rest, nil
}

// cmdAskArgs runs `newsbot ask` from its arguments.
func cmdAskArgs(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	after, more, args, err := askFlags(args)
	if err != nil {
		return err
	}
	cfg, rest, err := parseFlags("ask", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	question := strings.Join(rest, " ")
	if more == "" && strings.TrimSpace(question) == "" {
		fmt.Fprint(stderr, commandUsage["ask"])
		return fmt.Errorf("ask needs a question: %w", errUsage)
	}
	return askWith(ctx, cfg, bot.Request{Text: question, Previous: after, Cursor: more}, log, stdout)
}

// cmdAsk answers one question; search uses it too.
func cmdAsk(ctx context.Context, cfg config, question string, log *slog.Logger, stdout, stderr io.Writer) error {
	return askWith(ctx, cfg, bot.Request{Text: question}, log, stdout)
}

// errNoArticles is an empty corpus folder: nothing to answer from.
var errNoArticles = errors.New("no articles")

func askWith(ctx context.Context, cfg config, req bot.Request, log *slog.Logger, stdout io.Writer) error {
	ix, loaded, _, err := openSynced(ctx, cfg, log, nil)
	if err != nil {
		return err
	}
	defer ix.Close()
	if len(loaded.Articles) == 0 {
		return fmt.Errorf("the corpus folder %s holds no articles (%d files skipped): %w", cfg.CorpusDir, len(loaded.Skipped), errNoArticles)
	}
	reindex := func(ctx context.Context) (string, error) {
		fresh, err := loadCorpus(ctx, cfg)
		if err != nil {
			return "", err
		}
		st, err := ix.Sync(ctx, fresh.Articles, facts.Extract, nil)
		if err != nil {
			return "", err
		}
		loaded = fresh
		return fmt.Sprintf("Index up to date: %d added, %d updated, %d removed, %d unchanged; %d files skipped.",
			st.Added, st.Updated, st.Removed, st.Unchanged, len(fresh.Skipped)), nil
	}
	eng := bot.New(ix, bot.Options{Logger: log, Reindex: reindex, Skipped: func() []corpus.Skip { return loaded.Skipped }})
	// the command line belongs to whoever runs it: an admin
	req.User = bot.User{ID: "cli", Name: "cli", Admin: true}
	resp := eng.Answer(ctx, req)
	if cfg.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	out := bot.Render(resp)
	if resp.Cursor != "" {
		out = strings.TrimSuffix(out, "\n(more answers available)\n")
		out += fmt.Sprintf("\nmore: newsbot ask --more %s\n", resp.Cursor)
	}
	_, err = io.WriteString(stdout, out)
	return err
}
