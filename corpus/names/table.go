package names

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind tells what a name stands for.
type Kind string

// Kinds of entry.
const (
	Person Kind = "person"
	Org    Kind = "org"   // an organisation that speaks or reports: SOHR, OCHA, SANA
	Actor  Kind = "actor" // an armed side that can hold ground: government, HTS, rebels
	Place  Kind = "place"
)

// Entry is one thing and every name it goes by.
type Entry struct {
	Canonical string
	Kind      Kind
	Aliases   []string
}

// Span is a mention of an entry in a text: Text[Start:End] is the mention.
type Span struct {
	Start, End int
	Entry      Entry
}

// alias is one spelling, tokenised, for matching in running text.
type alias struct {
	keys  []string
	entry int
	// caps is set for all-capital aliases ("HTS", "IS", "WHO"): they match
	// only when written the same way, so "is" and "who" stay words.
	caps []string
	// upper has bit j set when word j of a world alias is capitalised:
	// the text must capitalise it too ("Gaza City", not "Gaza city").
	upper uint32
}

// Table is an immutable set of entries, looked up by any spelling.
type Table struct {
	entries []Entry
	byKey   map[string]int
	// byFirst indexes aliases by their first key word, longest first.
	byFirst map[string][]alias
	// world holds the world gazetteer's entries, from entries[world.from]
	// on; nil without one.
	world *worldIndex
}

//go:embed aliases.tsv
var aliasesTSV string

//go:embed sy_cities15000_geonames.tsv
var gazetteerTSV string

//go:embed world_geonames.tsv
var worldTSV string

var (
	defaultOnce  sync.Once
	defaultTable *Table
)

// Default returns the table built from the embedded alias file, the
// Syrian GeoNames gazetteer and the world gazetteer (world_geonames.tsv).
// It is built once and safe for concurrent use.
func Default() *Table {
	defaultOnce.Do(func() {
		t, err := ParseWorld(aliasesTSV, gazetteerTSV, worldTSV)
		if err != nil {
			panic(err) // the embedded data is checked by the tests
		}
		defaultTable = t
	})
	return defaultTable
}

// Parse builds a table from an alias file (kind TAB canonical TAB
// alias|alias...) and an optional GeoNames extract. A gazetteer row that
// shares a spelling with a place of the alias file merges into it.
func Parse(aliasData, gazetteer string) (*Table, error) {
	return ParseWorld(aliasData, gazetteer, "")
}

// ParseWorld is Parse with a world gazetteer in the format of
// world_geonames.tsv (optional too). World places come after the others:
// a spelling the alias file or the Syrian gazetteer holds stays theirs, and
// a world place whose own name is taken is left out.
func ParseWorld(aliasData, gazetteer, world string) (*Table, error) {
	// maps sized once: the world table alone holds some 45,000 spellings
	n := 1024 + strings.Count(world, "|") + strings.Count(world, "\n")
	t := &Table{byKey: make(map[string]int, n), byFirst: map[string][]alias{}}
	sc := bufio.NewScanner(strings.NewReader(aliasData))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("names: aliases line %d: want kind, canonical and aliases separated by tabs", line)
		}
		k := Kind(strings.TrimSpace(f[0]))
		switch k {
		case Person, Org, Actor, Place:
		default:
			return nil, fmt.Errorf("names: aliases line %d: unknown kind %q", line, k)
		}
		e := Entry{Canonical: strings.TrimSpace(f[1]), Kind: k}
		if len(f) > 2 {
			for _, a := range strings.Split(f[2], "|") {
				if a = strings.TrimSpace(a); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
		}
		t.add(e, false)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("names: reading aliases: %w", err)
	}
	if gazetteer != "" {
		if err := t.addGazetteer(gazetteer); err != nil {
			return nil, err
		}
	}
	if world != "" {
		if err := t.addWorld(world); err != nil {
			return nil, err
		}
	}
	t.index()
	return t, nil
}

// add puts e in the table. When merge is set and one of e's spellings is
// already a place, e's spellings join that entry instead.
func (t *Table) add(e Entry, merge bool) {
	names := append([]string{e.Canonical}, e.Aliases...)
	if merge {
		for _, n := range names {
			if i, ok := t.byKey[Key(n)]; ok && t.entries[i].Kind == e.Kind {
				for _, n := range names {
					t.addName(i, n)
				}
				return
			}
		}
	}
	i := len(t.entries)
	t.entries = append(t.entries, Entry{Canonical: e.Canonical, Kind: e.Kind})
	for _, n := range names {
		t.addName(i, n)
	}
}

// addName records n as a spelling of entry i unless another entry holds
// the same key already (the first entry wins: hand data comes first).
func (t *Table) addName(i int, n string) {
	k := Key(n)
	if k == "" {
		return
	}
	if j, ok := t.byKey[k]; ok && j != i {
		return
	}
	e := &t.entries[i]
	if n != e.Canonical && !contains(e.Aliases, n) {
		e.Aliases = append(e.Aliases, n)
	}
	t.byKey[k] = i
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// gazetteerSkip are GeoNames alternate names that are common words, first
// names or other places more often than the Syrian town ("Tell", "Duma",
// "Qasim", "Berea"), and the Damascus nickname "al-Sham", which would match
// inside "Hayat Tahrir al-Sham".
var gazetteerSkip = map[string]bool{
	"tal": true, "tel": true, "tall": true, "bab": true, "sam": true, "sham": true, "shams": true,
	"dana": true, "kara": true, "qara": true, "qarah": true, "jasim": true, "kasim": true,
	"qasim": true, "jasem": true, "jasem jasim": true, "hums": true, "khoms": true, "berea": true,
	"damask": true, "revolution city": true, "aere": true, "safir": true, "dimashk sham": true,
	"dimashk": true, "imranie": true, "kalamom": true, "teft": true, "tader": true,
}

// addGazetteer reads GeoNames rows: the ASCII name, the name and every
// alternate name in Latin script become spellings of one place.
func (t *Table) addGazetteer(data string) error {
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if n == 0 || line == "" {
			continue // header
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return fmt.Errorf("names: gazetteer line %d: want at least 4 columns", n+1)
		}
		e := Entry{Canonical: f[2], Kind: Place}
		if isASCII(f[1]) {
			e.Canonical = f[1]
		}
		for _, a := range append([]string{f[1], f[2]}, strings.Split(f[3], ",")...) {
			a = strings.TrimSpace(a)
			k := Key(a)
			if a == "" || !latinName(a) || gazetteerSkip[k] || utf8.RuneCountInString(strings.ReplaceAll(k, " ", "")) < 4 {
				continue
			}
			e.Aliases = append(e.Aliases, a)
		}
		if len(e.Aliases) > 0 {
			t.add(e, true)
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// latinName accepts a capitalised name written in Latin letters: it leaves
// out other scripts and GeoNames' unvowelled lower-case transliterations
// ("hlb", "mdynt hms").
func latinName(s string) bool {
	first := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			if first && !unicode.IsUpper(r) {
				return false
			}
			first = false
		}
	}
	return !first
}

// index builds the running-text matcher from every spelling.
func (t *Table) index() {
	for i, e := range t.entries {
		if t.world != nil && i >= t.world.from {
			break // addWorld indexed those
		}
		for _, n := range append([]string{e.Canonical}, e.Aliases...) {
			ts := tokens(n)
			if len(ts) == 0 {
				continue
			}
			a := alias{entry: i}
			allCaps := isAllCaps(n)
			for _, tk := range ts {
				a.keys = append(a.keys, tk.key)
				if allCaps {
					a.caps = append(a.caps, tk.raw)
				}
			}
			t.byFirst[a.keys[0]] = append(t.byFirst[a.keys[0]], a)
		}
	}
	for k, as := range t.byFirst {
		sort.SliceStable(as, func(i, j int) bool { return len(as[i].keys) > len(as[j].keys) })
		t.byFirst[k] = as
	}
	if t.world != nil {
		t.world.indexed()
	}
}

// isAllCaps reports an acronym: letters all upper case, at least two.
func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// Entries returns every entry, hand-made ones first.
func (t *Table) Entries() []Entry {
	out := make([]Entry, len(t.entries))
	copy(out, t.entries)
	return out
}

// Lookup finds the entry for a name given in any spelling: canonical, an
// alias, or a variant that folds to the same key. A leading "the" is
// ignored.
func (t *Table) Lookup(s string) (Entry, bool) {
	k := Key(s)
	if i, ok := t.byKey[k]; ok {
		return t.entries[i], true
	}
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		if i, ok := t.byKey[rest]; ok {
			return t.entries[i], true
		}
	}
	return Entry{}, false
}

// Canonical returns the canonical name for s, or s unchanged when unknown.
func (t *Table) Canonical(s string) string {
	if e, ok := t.Lookup(s); ok {
		return e.Canonical
	}
	return s
}

// IsPlace reports whether s names a place.
func (t *Table) IsPlace(s string) bool {
	e, ok := t.Lookup(s)
	return ok && e.Kind == Place
}

// tokenPool keeps token buffers for Find, whose tokens never outlive it.
var tokenPool = sync.Pool{New: func() any { return new(tokenBuf) }}

// Find returns the mentions in text of entries of the given kinds (all
// kinds when none is given), as byte offsets into text. Longer mentions win
// over shorter ones they overlap ("Aleppo International Airport" over
// "Aleppo"); the result is in text order and never overlaps. A place must
// be written with a capital letter; an acronym in capitals.
//
// Find reads the hand-kept and Syrian names only; FindWorld reads the
// world gazetteer's places too.
func (t *Table) Find(text string, kinds ...Kind) []Span { return t.find(text, false, kinds) }

// FindWorld is Find with the places of the world gazetteer
// (world_geonames.tsv) too, for copy from anywhere ("Mosul", "Kharkiv",
// "Sri Lanka"). A world place must be written with the capitals of its
// name and stand apart from the capitalised words around it ("Michael
// Jordan", "Washington Post" and "US-led" are no places); a hand-kept or
// Syrian name wins over a world one of the same length.
func (t *Table) FindWorld(text string, kinds ...Kind) []Span { return t.find(text, true, kinds) }

func (t *Table) find(text string, world bool, kinds []Kind) []Span {
	tb := tokenPool.Get().(*tokenBuf)
	defer tokenPool.Put(tb)
	ts := tokenize(tb, text, true)
	type cand struct{ from, to, entry int }
	var cands []cand
	for i, tk := range ts {
		for _, a := range t.byFirst[tk.key] {
			if i+len(a.keys) > len(ts) {
				continue
			}
			ok := true
			for j, k := range a.keys {
				if ts[i+j].key != k || (a.caps != nil && ts[i+j].raw != a.caps[j]) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if t.entries[a.entry].Kind == Place && !tk.upper {
				continue
			}
			if to := i + len(a.keys); len(a.keys) == 1 && nameHeads[tk.key] && t.entries[a.entry].Kind == Place && to < len(ts) &&
				ts[to].upper && ts[to].lead != ts[to].start && blank(text[ts[to-1].end:ts[to].lead]) {
				// "the Bab al-Maqam neighbourhood": the first word of a
				// longer name, not the town of al-Bab
				continue
			}
			cands = append(cands, cand{i, i + len(a.keys), a.entry})
			break // aliases are longest first: the rest are shorter
		}
		if world && tk.upper && t.world != nil {
			if a, ok := t.world.match(text, ts, i); ok {
				cands = append(cands, cand{i, i + len(a.keys), a.entry})
			}
		}
	}
	// all kinds compete for the words, longest first, so "Syrian
	// Observatory" is never also read as a place
	slices.SortStableFunc(cands, func(x, y cand) int {
		lx, ly := ts[x.to-1].end-ts[x.from].lead, ts[y.to-1].end-ts[y.from].lead
		if lx != ly {
			return ly - lx
		}
		return x.from - y.from
	})
	used := make([]bool, len(ts))
	var out []Span
	for _, c := range cands {
		free := true
		for k := c.from; k < c.to; k++ {
			if used[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := c.from; k < c.to; k++ {
			used[k] = true
		}
		e := t.entries[c.entry]
		if len(kinds) > 0 && !hasKind(kinds, e.Kind) {
			continue
		}
		out = append(out, Span{Start: ts[c.from].lead, End: ts[c.to-1].end, Entry: e})
	}
	// spans never overlap: their starts differ
	slices.SortFunc(out, func(x, y Span) int { return x.Start - y.Start })
	return out
}

// nameHeads are the words ("gate", "hill", "monastery") that open Arabic
// place names made of two or more words, which the copy writes with an
// article before the next word ("Bab al-Nairab", "Tal al-Abyad", "Deir
// al-Asafir"). Alone, some are places of their own (al-Bab).
var nameHeads = map[string]bool{
	"bab": true, "tal": true, "tel": true, "tell": true, "deir": true, "ain": true, "jisr": true, "khan": true,
	"kafr": true, "ras": true, "beit": true, "bir": true, "jabal": true, "jebel": true, "wadi": true,
	"qasr": true, "souk": true, "suq": true, "maarat": true, "hay": true, "harat": true,
}

func hasKind(kinds []Kind, k Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// FindPlaces returns the place mentions in text (see Find).
func (t *Table) FindPlaces(text string) []Span { return t.Find(text, Place) }

// FindWorldPlaces returns the place mentions in text, the world's
// included (see FindWorld).
func (t *Table) FindWorldPlaces(text string) []Span { return t.FindWorld(text, Place) }
