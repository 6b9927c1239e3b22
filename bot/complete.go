package bot

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// MaxChoices is how many completions Complete returns at most: Discord
// shows no more than 25.
const MaxChoices = 25

// namesTTL is how long a list of known names is reused: the list walks a
// term dictionary, and a user typing sends a request per key stroke.
const namesTTL = 30 * time.Second

type nameCache struct {
	mu    sync.Mutex
	lists map[string]cachedNames
}

type cachedNames struct {
	at    time.Time
	names []string
	keys  []string
}

// Complete returns up to MaxChoices known speakers (field "speaker") or
// places ("place") matching what the user has typed so far, best first:
// names whose folded form starts with it, then names with a word starting
// with it, then names containing it; within each, the names most facts
// carry. Spellings are folded ("khan sheik" finds Khan Sheikhoun). An empty
// prefix lists the most frequent names.
func (e *Engine) Complete(ctx context.Context, field, typed string) ([]string, error) {
	if field != "speaker" && field != "place" {
		return nil, errors.New("bot: complete: field must be speaker or place")
	}
	ns, keys, err := e.knownNames(ctx, field)
	if err != nil {
		return nil, err
	}
	want := names.Key(typed)
	if want == "" {
		want = strings.ToLower(strings.TrimSpace(typed))
	}
	type cand struct {
		name string
		rank int
		pos  int // order in ns: most facts first
	}
	var cs []cand
	for i, k := range keys {
		r := -1
		switch {
		case want == "":
			r = 0
		case strings.HasPrefix(k, want):
			r = 0
		case strings.Contains(" "+k, " "+want):
			r = 1
		case len(want) >= 3 && strings.Contains(k, want):
			r = 2
		}
		if r >= 0 {
			cs = append(cs, cand{ns[i], r, i})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].rank != cs[j].rank {
			return cs[i].rank < cs[j].rank
		}
		return cs[i].pos < cs[j].pos
	})
	var out []string
	for _, c := range cs {
		if len(out) == MaxChoices {
			break
		}
		out = append(out, c.name)
	}
	return out, nil
}

// knownNames lists the names the store holds facts about, most frequent
// first, with their folded keys; places the alias table knows follow.
func (e *Engine) knownNames(ctx context.Context, field string) ([]string, []string, error) {
	e.completions.mu.Lock()
	defer e.completions.mu.Unlock()
	if c, ok := e.completions.lists[field]; ok && time.Since(c.at) < namesTTL {
		return c.names, c.keys, nil
	}
	var ns, keys []string
	seen := map[string]bool{}
	add := func(n string) {
		n = strings.TrimSpace(n)
		k := names.Key(n)
		if n == "" || k == "" || seen[k] || len(n) > 100 {
			return
		}
		seen[k] = true
		ns = append(ns, n)
		keys = append(keys, k)
	}
	if nl, ok := e.store.(nameLister); ok {
		got, err := nl.Names(ctx, field)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range got {
			add(n.Text)
		}
	}
	if field == "place" {
		var extra []string
		for _, en := range e.names.Entries() {
			if en.Kind == names.Place {
				extra = append(extra, en.Canonical)
			}
		}
		sort.Strings(extra)
		for _, n := range extra {
			add(n)
		}
	}
	if e.completions.lists == nil {
		e.completions.lists = map[string]cachedNames{}
	}
	e.completions.lists[field] = cachedNames{at: time.Now(), names: ns, keys: keys}
	return ns, keys, nil
}

// Paragraph returns the whole paragraph of article that holds snippet (a
// quote or evidence sentence as an answer showed it), for a reader who wants
// the context of a quote. ok is false when the archive no longer holds it.
func (e *Engine) Paragraph(ctx context.Context, article, snippet string) (para string, src Source, ok bool, err error) {
	words := strings.Fields(snippet)
	if article == "" || len(words) == 0 {
		return "", Source{}, false, nil
	}
	// the first words are enough to find the passage and stay verbatim
	// even when the shown snippet was cut
	probe := strings.Join(words[:min(len(words), 12)], " ")
	hits, err := e.store.Search(ctx, index.SearchRequest{Text: probe, Phrase: true, Size: index.MaxSize})
	if err != nil {
		return "", Source{}, false, err
	}
	for _, h := range hits {
		if h.Meta.ID == article {
			return h.Text, source(h.Meta), true, nil
		}
	}
	return "", Source{}, false, nil
}
