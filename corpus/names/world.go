package names

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// worldType is the kind of a world gazetteer place.
type worldType uint8

const (
	worldCountry worldType = iota
	worldRegion
	worldCapital
	worldCity
)

var worldTypes = map[string]worldType{"country": worldCountry, "region": worldRegion, "capital": worldCapital, "city": worldCity}

// worldIndex matches the world gazetteer's places in running text. They
// are kept apart from the hand-kept and Syrian names because the world's
// names collide with people and words far more often ("Jordan" the
// player, "Washington Post", "US-led"): a world place must be written with
// the capitals of its name and stand apart from the capitalised words next
// to it. Lower-case words never start one, so most words of a text cost
// nothing more than before.
type worldIndex struct {
	from    int         // entries[from:] are the world's
	typ     []worldType // by entry, from from on
	country []string    // ISO 3166 code, by entry as typ
	big     []bool      // a capital or a city of a million, by entry as typ
	byFirst map[string][]alias
	// bloom has a bit set for each first word of a world alias: a
	// capitalised word whose bit is clear (most names, "The", "He") skips
	// the map.
	bloom [1 << 11]uint64
}

// addWorld reads world_geonames.tsv rows: type, country code, population,
// name and spellings separated by "|". A place whose name the table holds
// already is left out; a spelling held already stays its holder's. Each
// spelling is tokenised once, here, for both the key and the matcher:
// the world table is a hundred times the size of the rest.
func (t *Table) addWorld(data string) error {
	w := &worldIndex{from: len(t.entries), byFirst: make(map[string][]alias, strings.Count(data, "|")+strings.Count(data, "\n"))}
	t.world = w
	tb := new(tokenBuf)
	var keys []string // backing store of every alias's keys
	line := 0
	for len(data) > 0 {
		var row string
		row, data, _ = strings.Cut(data, "\n")
		line++
		row = strings.TrimRight(row, "\r")
		if row == "" || row[0] == '#' {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 5 {
			return fmt.Errorf("names: world gazetteer line %d: want 5 columns", line)
		}
		typ, ok := worldTypes[f[0]]
		if !ok {
			return fmt.Errorf("names: world gazetteer line %d: unknown type %q", line, f[0])
		}
		var spellings []string
		if f[4] != "" {
			spellings = strings.Split(f[4], "|")
		}
		i := len(t.entries)
		e := Entry{Canonical: f[3], Kind: Place, Aliases: spellings[:0:len(spellings)]}
		for j, n := range append([]string{f[3]}, spellings...) {
			ts := tokenize(tb, n, false)
			if len(ts) == 0 {
				continue
			}
			from := len(keys)
			for _, tk := range ts {
				keys = append(keys, tk.key)
			}
			k := strings.Join(keys[from:], " ")
			if _, taken := t.byKey[k]; taken {
				if j == 0 {
					break // the place's own name is another's: leave it out
				}
				continue
			}
			if j == 0 {
				t.entries = append(t.entries, e)
				w.typ = append(w.typ, typ)
				w.country = append(w.country, f[1])
				pop, _ := strconv.Atoi(f[2])
				w.big = append(w.big, typ == worldCapital || typ == worldCity && pop >= 1000000)
			} else {
				t.entries[i].Aliases = append(t.entries[i].Aliases, n)
			}
			t.byKey[k] = i
			a := alias{keys: keys[from:len(keys):len(keys)], entry: i}
			allCaps := isAllCaps(n)
			for j, tk := range ts {
				if allCaps {
					a.caps = append(a.caps, tk.raw)
				}
				if tk.upper && j < 32 {
					a.upper |= 1 << j
				}
			}
			w.byFirst[a.keys[0]] = append(w.byFirst[a.keys[0]], a)
		}
	}
	return nil
}

// indexed sorts the aliases longest first and sets the bloom bits, once
// byFirst is complete.
func (w *worldIndex) indexed() {
	for k, as := range w.byFirst {
		if len(as) > 1 {
			sort.SliceStable(as, func(i, j int) bool { return len(as[i].keys) > len(as[j].keys) })
		}
		h := bloomHash(k)
		w.bloom[h>>6] |= 1 << (h & 63)
	}
}

func bloomHash(k string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h ^= uint32(k[i])
		h *= 16777619
	}
	return h & (1<<17 - 1)
}

// match returns the longest world alias that starts at token i and is
// written as a place there, if any.
func (w *worldIndex) match(text string, ts []token, i int) (alias, bool) {
	h := bloomHash(ts[i].key)
	if w.bloom[h>>6]&(1<<(h&63)) == 0 {
		return alias{}, false
	}
	for _, a := range w.byFirst[ts[i].key] {
		if i+len(a.keys) > len(ts) {
			continue
		}
		ok := true
		for j, k := range a.keys {
			x := ts[i+j]
			if x.key != k || (a.caps != nil && x.raw != a.caps[j]) ||
				(j < 32 && a.upper&(1<<j) != 0 && !x.upper) || (a.caps == nil && shouted(x.raw)) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// aliases are longest first: a shorter one would meet the same
		// neighbours, or the rest of this one
		return a, w.standsApart(text, ts, i, i+len(a.keys), a.entry)
	}
	return alias{}, false
}

// standsApart reports that the words ts[from:to] are a place name of their
// own, not part of a longer proper name or a compound: no capitalised word
// right before ("Michael Jordan", "Mr Santos") or after ("Jordan
// Peterson", "Washington Post"), no "-led" after ("US-led") nor "pro-"
// before; a city is not someone who speaks ("Santos said").
func (w *worldIndex) standsApart(text string, ts []token, from, to, entry int) bool {
	if e := entry - w.from; ts[from].lead != ts[from].start && (!arabic[w.country[e]] || !w.big[e]) {
		// "al-Jura", "al-Sabha", "al-Sulaymaniyah": a village or a quarter
		// of the copy's own country, not Jura, Sabha or Sulaymaniyah abroad
		return false
	}
	if from > 0 {
		p := ts[from-1]
		gap := text[p.end:ts[from].lead]
		switch {
		case p.upper && blank(gap) && !beforePlace[p.key] && !possessive(p.raw):
			return false // a possessive ends a name: "Lebanon's Bekaa Valley"
		case gap == "-" && !p.upper:
			return false
		case gap == ". " && titles[p.raw]:
			return false
		}
	}
	if to < len(ts) {
		n := ts[to]
		gap := text[ts[to-1].end:n.lead]
		switch {
		case n.upper && blank(gap) && !possessive(ts[to-1].raw) && !afterPlace[n.key]:
			return false // "Jordan's King Abdullah" is Jordan's
		case (gap == "-" || gap == ".-") && !n.upper:
			return false // "US-led", "U.K.-based"
		case gap == "-" && n.upper:
			return false // "the US-Russian agreement", "Franco-German" talks
		case w.typ[entry-w.from] == worldCity && blank(gap) && speechVerbs[n.key]:
			return false
		case w.typ[entry-w.from] != worldCountry && blank(gap) && localParts[n.key]:
			// "the Sulaymaniyah neighborhood of Aleppo": a quarter
			// of the copy's city, named like a place abroad
			return false
		}
	}
	return true
}

func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// blank reports a gap of spaces only: words on one line with nothing
// between them.
func blank(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// shouted reports a word in capitals ("NICE", "GAZA"): a headline or a
// dateline, whose case tells nothing.
func shouted(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			n++
		}
	}
	return n >= 2
}

func keySet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[Key(w)] = true
	}
	return m
}

// beforePlace are capitalised words that may stand right before a place
// name: sentence openers, directions, days and months ("In Jordan",
// "Northern Iraq", "On Monday Gaza").
var beforePlace = keySet(`In At On From To Of By For With Near Across Around Outside Inside Throughout Within
	Into Towards Toward Via Against Between Beyond Despite During After Before Since Until Unlike Like As And
	But Or Nor So Yet While When Where Whereas If Although Though Both Neither Either The A An This That These
	Those Meanwhile Yesterday Today Tonight Now Then Also Still Later Earlier Elsewhere Here There Even Only
	Not Including Neighbouring Neighboring Nearby Northern Southern Eastern Western North South East West
	Central Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern Upper
	Lower Greater Mainland Coastal Rural Downtown All Many Most Some Every Each Why How What Which Who Whether
	Over Under Above Below Behind Beside Along Among Amid Amongst Off Out Up Down Than Per Because Once Upon
	About Is Was Are Were Has Have Had Will Would Can Could Should May Might Must Does Did Do Be Been He She It
	We They I You His Her Its Our Their My Your Besieged Occupied Monday Tuesday Wednesday Thursday Friday
	Saturday Sunday January February March April June July August September October November December`)

// arabic are the countries of the Arab League (and Western Sahara): only
// their places are written with the Arabic article ("al-Falluja").
var arabic = map[string]bool{"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true,
	"KW": true, "LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true, "EH": true}

// afterPlace are the capitalised nouns that may follow a place's name
// ("Kherson Oblast", "Nineveh Province").
var afterPlace = keySet(`Oblast Province Governorate Region District County Prefecture Department Municipality
	Krai Kray Voivodeship Canton`)

// localParts after a name make it a part of a city, not a city or a
// region of the world.
var localParts = keySet(`neighborhood neighbourhood neighborhoods neighbourhoods quarter street road square avenue
	roundabout suburb suburbs alley lane`)

// titles are the abbreviations that, with a full stop, stand before a
// person's name ("Gen. Jackson", "Dr. Santos").
var titles = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Gen": true, "Col": true, "Lt": true,
	"Sgt": true, "Capt": true, "Maj": true, "Prof": true, "Rev": true, "Sen": true, "Rep": true, "Gov": true,
	"Pres": true, "Adm": true, "Cpl": true, "Pvt": true, "Brig": true, "Cmdr": true, "Supt": true, "Insp": true}

// speechVerbs after a city's name make it someone's name ("Santos said").
var speechVerbs = keySet(`said says told added stated announced warned insisted claimed denied wrote argued noted
	explained urged tweeted replied asked admitted`)

// IsCountry reports whether s names a country: one of the world
// gazetteer's, or Syria. A country is rarely the place a fact is about in
// war copy ("the border with Turkey", "U.S. air strikes"), as Syria
// itself is not, so an extractor may pass over it for a smaller place.
func (t *Table) IsCountry(s string) bool {
	i, ok := t.byKey[Key(s)]
	if !ok {
		return false
	}
	if t.world == nil || i < t.world.from {
		return t.entries[i].Canonical == "Syria"
	}
	return t.world.typ[i-t.world.from] == worldCountry
}
