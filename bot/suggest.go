package bot

import (
	"context"
	"sort"
	"strings"

	"github.com/newsroom/newsbot/corpus/names"
	"github.com/newsroom/newsbot/index"
)

// nameLister is what a Store may offer for "did you mean": the speakers or
// places it holds facts about.
type nameLister interface {
	Names(ctx context.Context, field string) ([]index.Name, error)
}

// suggest returns up to three known speakers or places nearest to what was
// asked, for a reply that found nothing.
func (e *Engine) suggest(ctx context.Context, field, asked string) []string {
	if strings.TrimSpace(asked) == "" {
		return nil
	}
	want := names.Key(asked)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, nk := range e.namePool(ctx, field) {
		p, k := nk.name, nk.key
		limit := max(2, len(want)/3)
		d := near(want, k, limit)
		// compare with each word too: "Peskof" is near "Dmitry Peskov"
		for _, w := range strings.Fields(k) {
			if dw := near(want, w, limit); dw < d {
				d = dw
			}
		}
		if d <= limit {
			cs = append(cs, cand{p, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

// distance is the Levenshtein distance between a and b, in bytes (both are
// ASCII keys).
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// samePerson reports whether names suggested for a misspelling are all one
// person: a full name and the surname it ends with ("Sergei Lavrov",
// "Lavrov"), or spellings the alias table folds together. It returns the
// fullest name, to say who, and the shortest, which finds every statement
// of that person. One suggestion alone is not enough: a typo near a
// single name may be near it by chance.
func samePerson(t *names.Table, cands []string) (full, short string, ok bool) {
	if len(cands) < 2 {
		return "", "", false
	}
	full, short = cands[0], cands[0]
	for _, c := range cands[1:] {
		if n, m := len(strings.Fields(c)), len(strings.Fields(full)); n > m || n == m && len(c) > len(full) {
			full = c
		}
		if n, m := len(strings.Fields(c)), len(strings.Fields(short)); n < m || n == m && len(c) < len(short) {
			short = c
		}
	}
	kf := names.Key(full)
	for _, c := range cands {
		kc := names.Key(c)
		if kc == "" {
			return "", "", false
		}
		if kc != kf && !strings.HasSuffix(kf, " "+kc) && names.Key(t.Canonical(c)) != names.Key(t.Canonical(full)) {
			return "", "", false
		}
	}
	return full, short, true
}
