package facts

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// A sentence is searched for many short literals (stems, cue words, the
// words a pattern's matches begin with). bigrams is a small Bloom filter
// of the byte pairs of a sentence's lower-cased text: a literal one of
// whose pairs is missing is not in the text, and strings.Contains runs
// only for the few literals that pass. Answers are always exact.
type bigrams [16]uint64

func bigramHash(a, b byte) uint32 {
	return (uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> 22 // 10 bits
}

func makeBigrams(s string) bigrams {
	var g bigrams
	for i := 0; i+1 < len(s); i++ {
		h := bigramHash(s[i], s[i+1])
		g[h>>6] |= 1 << (h & 63)
	}
	return g
}

// lit is a literal with the byte pairs the filter checks.
type lit struct {
	s     string
	pairs []uint32
}

func makeLit(s string) lit {
	l := lit{s: s}
	for i := 0; i+1 < len(s); i++ {
		l.pairs = append(l.pairs, bigramHash(s[i], s[i+1]))
	}
	return l
}

// mayHold reports false only when the text g was made from cannot
// contain l.
func (g *bigrams) mayHold(l *lit) bool {
	for _, h := range l.pairs {
		if g[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// litSet is a list of literals searched for together.
type litSet []lit

func makeLitSet(words []string) litSet {
	out := make(litSet, len(words))
	for i, w := range words {
		out[i] = makeLit(w)
	}
	return out
}

// anyIn is containsAny(s, words) for the text g was made from.
func (ls litSet) anyIn(s string, g *bigrams) bool {
	for i := range ls {
		if g.mayHold(&ls[i]) && strings.Contains(s, ls[i].s) {
			return true
		}
	}
	return false
}

// litRE is a pattern that runs only where one of the literals each of its
// matches begins with occurs: the literals are read off the pattern, and
// the pattern, anchored, runs at each of those places. Its answers are
// the unanchored pattern's.
type litRE struct {
	re *regexp.Regexp // the pattern as written
	// at0 is ^(?:pattern), for a match at the start of the text; at1 is
	// ^(?s:.)(?:pattern), run from the byte before a match so that \b
	// and the like see what precedes it
	at0, at1 *regexp.Regexp
	lits     litSet
}

// litPrefixLen bounds the literals read off a pattern.
const litPrefixLen = 6

// newLitRE compiles pattern. It panics when no set of literals every
// match begins with can be read off it.
func newLitRE(pattern string) *litRE {
	r := &litRE{
		re:  regexp.MustCompile(pattern),
		at0: regexp.MustCompile(`^(?:` + pattern + `)`),
		at1: regexp.MustCompile(`^(?s:.)(?:` + pattern + `)`),
	}
	if r.at0.NumSubexp() != r.re.NumSubexp() || r.at1.NumSubexp() != r.re.NumSubexp() {
		panic("litRE: groups differ: " + pattern)
	}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic(err)
	}
	var a prefixer
	ps := a.prefixes(tree.Simplify())
	if a.fail || len(ps) == 0 {
		panic("litRE: no literal prefixes: " + pattern)
	}
	var words []string
	for _, p := range ps {
		if p.s == "" || p.s[0] >= 0x80 {
			panic("litRE: a match may begin with anything or a non-ASCII byte: " + pattern)
		}
		words = append(words, p.s)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	// a literal another one starts with finds nothing more
	var keep []string
	for _, w := range words {
		covered := false
		for _, k := range keep {
			if strings.HasPrefix(w, k) {
				covered = true
				break
			}
		}
		if !covered {
			keep = append(keep, w)
		}
	}
	r.lits = makeLitSet(keep)
	return r
}

// starts appends to buf, in order and once each, every place in s where
// one of r's literals occurs.
func (r *litRE) starts(s string, g *bigrams, buf []int) []int {
	n0 := len(buf)
	for i := range r.lits {
		l := &r.lits[i]
		if !g.mayHold(l) {
			continue
		}
		for off := 0; ; {
			j := strings.Index(s[off:], l.s)
			if j < 0 {
				break
			}
			buf = append(buf, off+j)
			off += j + 1
		}
	}
	if len(buf)-n0 > 1 && len(r.lits) > 1 {
		slices.Sort(buf[n0:])
		buf = append(buf[:n0], slices.Compact(buf[n0:])...)
	}
	return buf
}

// matchAt is the match of the pattern that starts at p in s, if any, as
// FindStringSubmatchIndex gives it (offsets into s).
func (r *litRE) matchAt(s string, p int) []int {
	if p == 0 {
		return r.at0.FindStringSubmatchIndex(s)
	}
	m := r.at1.FindStringSubmatchIndex(s[p-1:])
	if m == nil {
		return nil
	}
	m[0] = p
	m[1] += p - 1
	for k := 2; k < len(m); k++ {
		if m[k] >= 0 {
			m[k] += p - 1
		}
	}
	return m
}

// matchesAt reports a match of the pattern that starts at p in s.
func (r *litRE) matchesAt(s string, p int) bool {
	if p == 0 {
		return r.at0.MatchString(s)
	}
	return r.at1.MatchString(s[p-1:])
}

// matchString is r.re.MatchString(s); g is s's filter.
func (r *litRE) matchString(s string, g *bigrams) bool {
	var arr [16]int
	for _, p := range r.starts(s, g, arr[:0]) {
		if r.matchesAt(s, p) {
			return true
		}
	}
	return false
}

// find is r.re.FindStringSubmatchIndex(s); g is the filter of s or of a
// text s is part of.
func (r *litRE) find(s string, g *bigrams) []int {
	var arr [16]int
	for _, p := range r.starts(s, g, arr[:0]) {
		if m := r.matchAt(s, p); m != nil {
			return m
		}
	}
	return nil
}

// findAll is r.re.FindAllStringSubmatchIndex(s, -1), without the
// submatches when sub is false (FindAllStringIndex).
func (r *litRE) findAll(s string, g *bigrams, sub bool) [][]int {
	var arr [16]int
	var out [][]int
	last := 0
	for _, p := range r.starts(s, g, arr[:0]) {
		if p < last {
			continue
		}
		if m := r.matchAt(s, p); m != nil {
			if !sub {
				m = m[:2]
			}
			out = append(out, m)
			last = m[1]
		}
	}
	return out
}

// lowerLits reports that no literal of r holds a capital letter: r may
// then search a text with the filter of the text's lower-cased copy.
func (r *litRE) lowerLits() bool {
	for _, l := range r.lits {
		if strings.ToLower(l.s) != l.s {
			return false
		}
	}
	return true
}

// findAllIndex is r.re.FindAllStringIndex(s, -1).
func (r *litRE) findAllIndex(s string, g *bigrams) [][]int { return r.findAll(s, g, false) }

// prefix is the start of a match: all of it when done, else more follows.
type prefix struct {
	s    string
	done bool
}

// prefixer reads off a pattern the literals its matches begin with.
type prefixer struct {
	fail bool // a match may begin with anything
}

const maxPrefixes = 128

func (a *prefixer) prefixes(re *syntax.Regexp) []prefix {
	if a.fail {
		return nil
	}
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []prefix{{"", true}}
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			a.fail = true
			return nil
		}
		return []prefix{{string(re.Rune), true}}
	case syntax.OpCharClass:
		var out []prefix
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) >= 2 {
					return []prefix{{"", false}}
				}
				out = append(out, prefix{string(r), true})
			}
		}
		return out
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []prefix{{"", true}} // zero width: checked by the pattern itself
	case syntax.OpCapture:
		return a.prefixes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		sub := a.prefixes(re.Sub[0])
		min, max := 0, 1
		switch re.Op {
		case syntax.OpPlus:
			min, max = 1, -1
		case syntax.OpStar:
			max = -1
		case syntax.OpRepeat:
			min, max = re.Min, re.Max
		}
		out := make([]prefix, 0, len(sub)+1)
		for _, p := range sub {
			out = append(out, prefix{p.s, p.done && min == 1 && max == 1})
		}
		if min == 0 {
			out = append(out, prefix{"", true})
		}
		return out
	case syntax.OpConcat:
		acc := []prefix{{"", true}}
		for _, sub := range re.Sub {
			if !slices.ContainsFunc(acc, func(p prefix) bool { return p.done }) {
				break
			}
			var next []prefix
			subs := a.prefixes(sub)
			for _, p := range acc {
				if !p.done {
					next = append(next, p)
					continue
				}
				for _, q := range subs {
					s, done := p.s+q.s, q.done
					if len(s) >= litPrefixLen {
						s, done = s[:litPrefixLen], done && len(s) == litPrefixLen
					}
					next = append(next, prefix{s, done})
				}
			}
			if len(next) > maxPrefixes {
				a.fail = true
				return nil
			}
			acc = next
		}
		return acc
	case syntax.OpAlternate:
		var out []prefix
		for _, sub := range re.Sub {
			out = append(out, a.prefixes(sub)...)
		}
		if len(out) > maxPrefixes {
			a.fail = true
		}
		return out
	}
	a.fail = true // any character
	return nil
}

// isWordByte is \w of a pattern: an ASCII letter, digit or underscore.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}
