package facts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tollVerbAfterRE's auxiliaries and verbs read word by word: the verb
// pattern (tollAfterVerb) runs on the NFA, whose threads for the forty
// auxiliaries, five times over, cost more than all else it does. The
// words are read off the pattern itself, in its order.

// tollAfterWords is an auxiliary or verb of tollAfterVerb: its words,
// joined by white space, or a pattern of its own when it has groups.
type tollAfterWords struct {
	words []string
	re    *regexp.Regexp // ^(?:alternative)\b, lower case
}

var tollAfterAux, tollAfterVerbs = func() ([]tollAfterWords, []tollAfterWords) {
	const auxStart, auxEnd = `\s+(?:(?:`, `)\s+){0,5}(`
	p := tollAfterVerb
	if !strings.HasPrefix(p, auxStart) || !strings.HasSuffix(p, `)\b`) {
		panic("tollAfterVerb: not read word by word")
	}
	aux, verbs, ok := strings.Cut(p[len(auxStart):len(p)-len(`)\b`)], auxEnd)
	if !ok {
		panic("tollAfterVerb: not read word by word")
	}
	read := func(alts []string) []tollAfterWords {
		var out []tollAfterWords
		for _, a := range alts {
			if strings.ContainsAny(strings.ReplaceAll(a, `\s+`, ""), `()?[]*+{}|.\`) {
				out = append(out, tollAfterWords{re: regexp.MustCompile(`^(?:` + a + `)\b`)})
				continue
			}
			out = append(out, tollAfterWords{words: strings.Split(a, `\s+`)})
		}
		return out
	}
	return read(strings.Split(aux, "|")), read(splitTop(verbs))
}()

// splitTop splits a pattern's alternation at its top level.
func splitTop(p string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, p[from:i])
				from = i + 1
			}
		}
	}
	return append(out, p[from:])
}

// skipSpace is the end of the white space (\s) that starts at q in t.
func skipSpace(t string, q int) int {
	for q < len(t) && isSpaceRE(t[q]) {
		q++
	}
	return q
}

// match is the end of w's words at q in t, white space between them.
func (w *tollAfterWords) match(t string, q int) (int, bool) {
	if w.re != nil {
		m := w.re.FindStringIndex(t[q:])
		if m == nil {
			return 0, false
		}
		return q + m[1], true
	}
	for i, word := range w.words {
		if i > 0 {
			if q >= len(t) || !isSpaceRE(t[q]) {
				return 0, false
			}
			q = skipSpace(t, q)
		}
		if !strings.HasPrefix(t[q:], word) {
			return 0, false
		}
		q += len(word)
	}
	return q, true
}

// tollVerbTail reads tollAfterVerb at p in the lower-cased plain text t:
// the verb's offsets, or ok false. It tries what the pattern tries, in
// its order: the most auxiliaries first, each in the pattern's order, then
// the verbs; white space runs are read whole, as only a word may follow.
func tollVerbTail(t string, p int) (vs, ve int, ok bool) {
	if p >= len(t) || !isSpaceRE(t[p]) {
		return 0, 0, false
	}
	return tollVerbTailAt(t, skipSpace(t, p), 0)
}

func tollVerbTailAt(t string, q, k int) (vs, ve int, ok bool) {
	if k < 5 {
		for i := range tollAfterAux {
			if e, ok := tollAfterAux[i].match(t, q); ok && e < len(t) && isSpaceRE(t[e]) {
				if vs, ve, ok := tollVerbTailAt(t, skipSpace(t, e), k+1); ok {
					return vs, ve, true
				}
			}
		}
	}
	for i := range tollAfterVerbs {
		v := &tollAfterVerbs[i]
		if e, ok := v.match(t, q); ok && (v.re != nil || e == len(t) || !isWordByte(t[e])) {
			return q, e, true
		}
	}
	return 0, 0, false
}

// tollPlaceWordEnd is the end of the run of (?i)[\p{L}'’-] at x in t:
// letters, apostrophes and hyphens, and the combining ypogegrammeni that
// case folding joins to the letters.
func tollPlaceWordEnd(t string, x int) int {
	for x < len(t) {
		c := t[x]
		if c < utf8.RuneSelf {
			if !isLetterByte(c) && c != '\'' && c != '-' {
				break
			}
			x++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[x:])
		if !unicode.IsLetter(r) && r != '’' && r != '\u0345' {
			break
		}
		x += n
	}
	return x
}

// tollPlacePreps are the words tollAfterPlace starts with, in its order.
var tollPlacePreps = []string{"from", "of", "in", "at", "on", "inside"}

// tollVerbAfterPlace is tollVerbByStart[afterPlace]'s match in the
// lower-cased plain text t: the place's aside ("in the village of Kafr
// Nabl") is tried at each of its ends in the pattern's order (with "the",
// with "a", with neither; then the fewest words first), and the verb read
// by tollVerbTail after it.
func tollVerbAfterPlace(t string) []int {
	i := skipSpace(t, 0)
	if i == 0 {
		return nil
	}
	j := -1
	for _, p := range tollPlacePreps {
		if e := i + len(p); strings.HasPrefix(t[i:], p) && e < len(t) && isSpaceRE(t[e]) {
			j = skipSpace(t, e)
			break
		}
	}
	if j < 0 {
		return nil
	}
	for _, opt := range []string{"the", "a", ""} {
		x := j
		if opt != "" {
			e := j + len(opt)
			if !strings.HasPrefix(t[j:], opt) || e >= len(t) || !isSpaceRE(t[e]) {
				continue
			}
			x = skipSpace(t, e)
		}
		for r := 0; r <= 3; r++ {
			e := tollPlaceWordEnd(t, x)
			if e == x {
				break
			}
			if vs, ve, ok := tollVerbTail(t, e); ok {
				return []int{0, ve, 0, e, vs, ve}
			}
			if e >= len(t) || !isSpaceRE(t[e]) {
				break
			}
			x = skipSpace(t, e)
		}
	}
	return nil
}
