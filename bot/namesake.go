package bot

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsroom/newsbot/corpus/names"
)

// namesakes keeps the answers of one person when a bare name ("Brown")
// matches several (Gordon Brown, Craig Brown): the one the topic points to
// (the first answer, ranked by topic) or, with no topic, the one quoted
// most. The others are named in a note, with their roles.
//
// aside are the speaker's quotes left off the page as off the topic: they
// name namesakes too ("also: Craig Brown"), but are not shown.
func (e *Engine) namesakes(r *Response, q query, aside ...Answer) {
	if len(strings.Fields(q.Speaker)) != 1 || isRole(q.Speaker) {
		return
	}
	type group struct {
		name, role string
		n, first   int
		articles   map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for i, a := range append(slices.Clip(r.Answers), aside...) {
		if a.Kind == KindPassage || !fullName(a.Speaker) || !nameHolds(a.Speaker, q.Speaker) {
			continue // a role that holds the name ("member of Cherie Blair's chambers") is no namesake
		}
		k := names.Key(e.names.Canonical(a.Speaker))
		g, ok := groups[k]
		if !ok {
			g = &group{name: a.Speaker, first: i, articles: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		if g.role == "" && !honorifics[strings.ToLower(strings.TrimSuffix(a.Role, "."))] {
			g.role = a.Role
		}
		g.n++
		g.articles[a.Source.Article] = true
	}
	if len(groups) < 2 {
		return
	}
	// the one quoted most on the page (with a topic, the page is ranked
	// by it) or, with no topic, among all the speaker's quotes; a tie goes
	// to the one ranked first
	onPage := map[string]int{}
	for _, a := range r.Answers {
		if a.Kind != KindPassage && fullName(a.Speaker) && nameHolds(a.Speaker, q.Speaker) {
			onPage[names.Key(e.names.Canonical(a.Speaker))]++
		}
	}
	count := func(k string) int {
		if q.Topic != "" {
			return onPage[k]
		}
		return groups[k].n
	}
	sort.SliceStable(order, func(i, j int) bool { return count(order[i]) > count(order[j]) })
	pick := order[0]
	// the alias table's person for the bare name ("Assad" is Bashar
	// al-Assad) is who the newsroom means, when the archive quotes him
	if ent, ok := e.names.Lookup(q.Speaker); ok && ent.Kind == names.Person {
		if k := names.Key(ent.Canonical); groups[k] != nil {
			pick = k
		}
	}
	chosen := groups[pick]
	if chosen.first >= len(r.Answers) {
		return // no one on the page to choose: the aside alone names no one
	}
	var kept []Answer
	for _, a := range r.Answers {
		if a.Kind == KindPassage {
			kept = append(kept, a)
			continue
		}
		if !fullName(a.Speaker) {
			if chosen.articles[a.Source.Article] {
				kept = append(kept, a)
			}
			continue
		}
		if names.Key(e.names.Canonical(a.Speaker)) == pick {
			kept = append(kept, a)
		}
	}
	var others []string
	for _, k := range order {
		if k == pick {
			continue
		}
		g := groups[k]
		s := g.name
		if g.role != "" {
			s += ", " + g.role
		}
		others = append(others, s)
	}
	r.Answers = kept
	r.Headline = fmt.Sprintf("%d quote%s from %s", len(kept), plural(len(kept)), chosen.name)
	if chosen.role != "" {
		r.Headline += ", " + chosen.role
	}
	r.Headline += "."
	r.Notes = append(r.Notes, "Also named "+q.Speaker+": "+strings.Join(others, "; ")+". Ask with the full name for them.")
}

// nameHolds reports whether the speaker's name itself (not only the role
// beside it) holds the asked word.
func nameHolds(speaker, asked string) bool {
	want := names.Key(asked)
	for _, w := range strings.Fields(speaker) {
		if possessive(w) {
			continue // "Cherie Blair's chambers" is not Blair
		}
		if k := names.Key(w); k == want || slices.Contains(strings.Fields(k), want) {
			return true
		}
	}
	return false
}

func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") }

// onlyPossessive reports a speaker and role that hold the asked name only
// as another's possessive: "Philippe Sands QC, a member of Cherie Blair's
// chambers" was found for "Blair" through his role, and is not Blair.
func onlyPossessive(a Answer, asked string) bool {
	if nameHolds(a.Speaker, asked) || nameHolds(a.Role, asked) {
		return false
	}
	want := names.Key(asked)
	for _, w := range strings.Fields(a.Speaker + " " + a.Role) {
		if possessive(w) && names.Key(w) == want {
			return true
		}
	}
	return false
}

// fullName reports whether a speaker's name holds a given name besides
// the surname: "Igor Konashenkov" does, "Konashenkov" and "Russian
// Konashenkov" (a nationality, a role or a title before the surname) do
// not, so they are the surname's man in his articles, not a namesake.
func fullName(speaker string) bool {
	if strings.Contains(speaker, " and ") || strings.Contains(speaker, "&") {
		return false // "Tony Blair and Gordon Brown" is two people, no namesake
	}
	ws := strings.Fields(names.Key(speaker))
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if !nationality[w] && !roleNouns[w] && !qualifiers[w] && !honorifics[w] {
			return true
		}
	}
	return false
}

// correct returns the one known speaker or place clearly nearest to a
// misspelt name ("peskof" -> "Dmitry Peskov"): nearer than any other by
// two edits at least, and near enough to be the same word.
func (e *Engine) correct(ctx context.Context, field, asked string) (string, bool) {
	want := names.Key(asked)
	if len(want) < 4 {
		return "", false
	}
	type cand struct {
		name string
		d    int
	}
	// the nearest names, and every name within two edits of the nearest,
	// without sorting the whole list
	var cs []cand
	single := len(strings.Fields(want)) == 1
	limit := max(1, len(want)/4)
	for _, nk := range e.namePool(ctx, field) {
		d := near(want, nk.key, limit)
		if single {
			for _, w := range strings.Fields(nk.key) {
				d = min(d, near(want, w, limit))
			}
		}
		if len(cs) > 0 && d > cs[0].d+1 {
			continue
		}
		cs = append(cs, cand{nk.name, d})
		if d < cs[0].d {
			cs[0], cs[len(cs)-1] = cs[len(cs)-1], cs[0]
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	if len(cs) == 0 {
		return "", false
	}
	if cs[0].d == 0 {
		// a spelling that folds to a known name ("Netanyahou"): use the
		// name as the archive writes it
		if !strings.EqualFold(cs[0].name, asked) {
			return cs[0].name, true
		}
		return "", false
	}
	if cs[0].d > limit {
		return "", false
	}
	// "clearly best": every other name is further by two edits, unless it
	// folds to the same person or place
	for _, c := range cs[1:] {
		if c.d >= cs[0].d+2 {
			break
		}
		if names.Key(e.names.Canonical(c.name)) != names.Key(e.names.Canonical(cs[0].name)) &&
			!strings.Contains(names.Key(c.name), names.Key(cs[0].name)) && !strings.Contains(names.Key(cs[0].name), names.Key(c.name)) {
			return "", false
		}
	}
	return cs[0].name, true
}

// near is the edit distance of a and b, or a number past limit when
// their lengths alone put them further apart than limit.
func near(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 2
	}
	return distance(a, b)
}

// namePool is every speaker or place the archive and the alias table
// know. Listing the archive's names reads a whole term dictionary, so the
// list is kept for a minute: a misspelling found a moment after new
// articles arrive may miss their names, nothing worse.
func (e *Engine) namePool(ctx context.Context, field string) []nameKey {
	e.poolMu.Lock()
	defer e.poolMu.Unlock()
	if p, ok := e.pools[field]; ok && time.Since(p.at) < time.Minute {
		return p.names
	}
	var list []nameKey
	seen := map[string]bool{}
	for _, n := range e.listNames(ctx, field) {
		k := names.Key(n)
		if k != "" && !seen[k] {
			seen[k] = true
			list = append(list, nameKey{n, k})
		}
	}
	if e.pools == nil {
		e.pools = map[string]namePool{}
	}
	e.pools[field] = namePool{at: time.Now(), names: list}
	return list
}

// nameKey is a known name with its folded key.
type nameKey struct{ name, key string }

type namePool struct {
	at    time.Time
	names []nameKey
}

// listNames lists the names the archive holds facts about, and the alias
// table's canonical form of those it knows: a suggestion never names a
// person or place the archive has nothing on ("Isle of Man" for "Idlb"
// from the world gazetteer). A store that cannot list its names gets the
// whole table.
func (e *Engine) listNames(ctx context.Context, field string) []string {
	var pool []string
	held := map[string]bool{}
	nl, listed := e.store.(nameLister)
	if listed {
		if got, err := nl.Names(ctx, field); err == nil {
			for _, n := range got {
				pool = append(pool, n.Text)
				held[names.Key(n.Text)] = true
			}
		} else {
			e.log.Warn("bot: listing names", "field", field, "err", err)
			listed = false
		}
	}
	for _, en := range e.names.Entries() {
		if !(field == "place" && en.Kind == "place" || field == "speaker" && en.Kind != "place") {
			continue
		}
		if listed && !heldEntry(held, en) {
			continue
		}
		pool = append(pool, en.Canonical)
	}
	return pool
}

// heldEntry reports whether the archive's names include en under any of
// its spellings.
func heldEntry(held map[string]bool, en names.Entry) bool {
	if held[names.Key(en.Canonical)] {
		return true
	}
	for _, a := range en.Aliases {
		if held[names.Key(a)] {
			return true
		}
	}
	return false
}
