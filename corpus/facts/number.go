package facts

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A figure as written: "more than 14,000", "about 5.5 million", "nine",
// "dozens". Offsets are relative to the string searched.
//
// Conventions: an open-ended figure ("at least 12", "more than 370") keeps
// the figure given in Count and Low, with High 0 (unknown); "up to 30" has
// High 30 and Low 0; exact, "about" and "nearly" figures have Low = High =
// Count; a range "10 to 15" has Count = Low = 10, High = 15 and qualifier
// at_least. A vague figure counts as its low end: a dozen 12, dozens 24,
// scores 40, hundreds 200, thousands 2,000, tens of thousands 20,000,
// hundreds of thousands 200,000, millions 2,000,000.
type figure struct {
	Start, End int // the whole phrase, qualifier included
	NumStart   int // where the figure itself starts
	Value      int64
	Low, High  int64
	Qualifier  string
	Word       bool // written in words ("nine"), not digits
}

var figQualifiers = []struct{ phrase, q string }{
	{"at least", AtLeast}, {"no fewer than", AtLeast}, {"no less than", AtLeast}, {"a minimum of", AtLeast},
	{"more than", MoreThan}, {"over", MoreThan}, {"upwards of", MoreThan}, {"in excess of", MoreThan},
	{"nearly", Nearly}, {"almost", Nearly}, {"close to", Nearly}, {"just under", Nearly}, {"some", About},
	{"about", About}, {"around", About}, {"roughly", About}, {"approximately", About}, {"an estimated", About},
	{"estimated", About}, {"up to", UpTo}, {"as many as", UpTo}, {"at most", UpTo}, {"fewer than", UpTo}, {"less than", UpTo},
}

var figWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "one hundred": 100,
}

var figVague = map[string]int64{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
	"hundreds of thousands": 200000, "millions": 2000000,
}

var figScales = map[string]int64{"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

// figCoreRE reads a figure anchored at a word start; figQualRE reads the
// qualifier that ends right before it. Both run on short windows only, so
// the cost of a sentence is linear in its length.
var figCoreRE, figQualRE = func() (*regexp.Regexp, *regexp.Regexp) {
	var qs []string
	for _, q := range figQualifiers {
		qs = append(qs, strings.ReplaceAll(q.phrase, " ", `\s+`))
	}
	words := `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+dozen|a\s+hundred`
	tens := `twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety`
	units := `one|two|three|four|five|six|seven|eight|nine`
	// "1,000", and "1 000" as French and translated copy write it
	digits := `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+\b|\d+(?:\.\d+)?`
	vague := `tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions`
	fig := `(?:` + digits + `|(?:` + tens + `)-(?:` + units + `)|` + words + `)`
	core := regexp.MustCompile(`^(?i)(?:(` + vague + `)|(` + fig + `)(?:\s*(?:-|–|to|and)\s*(` + digits + `))?(?:\s+(hundred|thousand|million|billion)\b)?)\b`)
	// a stray "to" after a qualifier is slipped copy: "as many as to 56,000"
	qual := regexp.MustCompile(`(?i)\b(` + strings.Join(qs, "|") + `)\s+(?:to\s+)?$`)
	return core, qual
}()

// figQualLast are the last words of the qualifiers.
var figQualLast = func() []string {
	var out []string
	for _, q := range figQualifiers {
		f := strings.Fields(q.phrase)
		out = append(out, f[len(f)-1])
	}
	return out
}()

// figQualMay is false when a plain w cannot end with a qualifier: none
// whose last word it ends with has its first word in w too.
func figQualMay(w string) bool {
	if !plainText(w) {
		return true
	}
	t := asciiLower(strings.TrimRight(w, "\t\n\f\r "))
	if u, ok := strings.CutSuffix(t, " to"); ok && figQualMay(u+" ") {
		return true
	}
	for _, q := range figQualWords {
		if strings.HasSuffix(t, q[1]) && strings.Contains(t, q[0]) {
			return true
		}
	}
	return false
}

// figQualWords are the first and last words of each qualifier.
var figQualWords = func() [][2]string {
	var out [][2]string
	for _, q := range figQualifiers {
		f := strings.Fields(q.phrase)
		out = append(out, [2]string{f[0], f[len(f)-1]})
	}
	return out
}()

// endsWithWord is a cheap test that must pass for a pattern of the form
// (?i)(...word)\s+$ (\s* when ws is false) to match w: after its trailing
// white space w ends with one of words (lower-case ASCII). It answers true
// when w holds a rune that case-folds to an ASCII letter.
func endsWithWord(w string, words []string, ws bool) bool {
	t := strings.TrimRight(w, "\t\n\f\r ")
	if ws && len(t) == len(w) {
		return false
	}
	if !plainText(w) {
		return true
	}
	var buf [24]byte
	tail := t[max(0, len(t)-len(buf)):]
	b := buf[:len(tail)]
	for i := 0; i < len(tail); i++ {
		c := tail[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	for _, x := range words {
		if len(x) <= len(b) && string(b[len(b)-len(x):]) == x {
			return true
		}
	}
	return false
}

// figFirstWords are the words a figure written in words can start with.
var figFirstWords = func() map[string]bool {
	m := map[string]bool{"a": true}
	for w := range figWords {
		m[strings.Fields(w)[0]] = true
	}
	for w := range figVague {
		m[strings.Fields(w)[0]] = true
	}
	for _, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "tens"} {
		m[w] = true
	}
	return m
}()

// figFirstWord is figFirstWords[strings.ToLower(w)] for a word of ASCII
// letters, lowered without allocating.
func figFirstWord(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false // longer than any figure word
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return figFirstWords[string(buf[:len(w)])]
}

// figCoreJoins are the words after a figure and white space that carry
// figCoreRE's match on: a range's "to" and "and", and the scale words.
var figCoreJoins = map[string]bool{"to": true, "and": true, "hundred": true, "thousand": true, "million": true, "billion": true}

// figCoreDigits is figCoreRE.FindStringSubmatchIndex(win), ok, for the
// plainest figures: a run of digits followed by a byte that is no part of
// any figure (not a word byte, ',', '.', a hyphen, a space of a figure nor
// a dash), or by white space and then a word that is neither "to", "and"
// nor a scale. Grouped digits ("1,000", "12 000") need a ',' or a space
// and three digits, a decimal a '.', a range a dash or a join word, so the
// match is the digits alone; ok is false for any other text.
func figCoreDigits(win string) ([]int, bool) {
	n := 0
	for n < len(win) && isDigit(win[n]) {
		n++
	}
	if n == 0 || n == len(win) {
		return nil, false
	}
	c := win[n]
	switch {
	case c >= utf8.RuneSelf || isWordByte(c) || c == ',' || c == '.' || c == '-':
		return nil, false
	case isSpaceRE(c):
		x := n
		for x < len(win) && isSpaceRE(win[x]) {
			x++
		}
		j := x
		for j < len(win) && isLetterByte(win[j]) {
			j++
		}
		// a whole word of ASCII letters (white space, punctuation
		// after it) in a plain text, as figCoreRE reads the join words
		// also glued to a digit or with a rune that folds to a letter
		if j == x || j == len(win) || win[j] >= utf8.RuneSelf || isWordByte(win[j]) || !plainText(win) {
			return nil, false
		}
		if figCoreJoins[strings.ToLower(win[x:j])] {
			return nil, false
		}
	}
	return []int{0, n, -1, -1, 0, n, -1, -1, -1, -1}, true
}

// findFigures returns every figure in s, in order.
func findFigures(s string) []figure {
	var out []figure
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i < last || i > 0 && wordBefore(s, i) {
			continue
		}
		if c < '0' || c > '9' {
			if !isLetterByte(c) {
				continue
			}
			j := i
			for j < len(s) && isLetterByte(s[j]) {
				j++
			}
			if !figFirstWord(s[i:j]) {
				i = j - 1
				continue
			}
		}
		win := s[i:min(len(s), i+80)]
		m, ok := figCoreDigits(win)
		if !ok {
			m = figCoreRE.FindStringSubmatchIndex(win)
		}
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		last = m[1]
		n := figure{Start: m[0], End: m[1], Qualifier: Exact}
		ws := max(0, i-30)
		if !endsWithWord(s[ws:i], figQualLast, true) || !figQualMay(s[ws:i]) {
			// no qualifier: figQualRE cannot match
		} else if q := figQualRE.FindStringSubmatchIndex(s[ws:i]); q != nil {
			phrase := strings.ToLower(strings.Join(strings.Fields(s[ws+q[2]:ws+q[3]]), " "))
			for _, fq := range figQualifiers {
				if fq.phrase == phrase {
					n.Qualifier = fq.q
				}
			}
			n.Start = ws + q[0]
		}
		if !n.read(s, m) {
			continue
		}
		out = append(out, n)
	}
	return out
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// wordBefore reports a letter or digit right before s[i]: i is inside a word.
func wordBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// read fills n from the core match m (indexes into s): the figure, a range
// and a scale word. It reports false when the match is no figure.
func (n *figure) read(s string, m []int) bool {
	switch {
	case m[2] >= 0:
		n.NumStart = m[2]
		n.Value = figVague[strings.ToLower(strings.Join(strings.Fields(s[m[2]:m[3]]), " "))]
		n.Qualifier = Vague
		n.Word = true
	default:
		n.NumStart = m[4]
		v, word, ok := parseFigure(s[m[4]:m[5]])
		if !ok {
			return false
		}
		n.Value, n.Word = v, word
		if m[8] >= 0 {
			mult := figScales[strings.ToLower(s[m[8]:m[9]])]
			if word && mult == 100 && v >= 100 {
				return false // "a hundred hundred": not a figure
			}
			n.Value = figScaled(s[m[4]:m[5]], v, mult)
		}
		if m[6] >= 0 {
			hi, _, ok := parseFigure(s[m[6]:m[7]])
			if ok && m[8] >= 0 {
				// "between 1.1 and 1.5 million": compared once scaled
				hi = figScaled(s[m[6]:m[7]], hi, figScales[strings.ToLower(s[m[8]:m[9]])])
			}
			if !ok || hi <= n.Value {
				// "13-15" reads as a range only when it rises; "2011-2012"
				// and phone-like digits are not figures
				return false
			}
			n.High = hi
			n.Low = n.Value
			if n.Qualifier == Exact {
				n.Qualifier = AtLeast
			}
		}
	}
	if n.Low == 0 && n.High == 0 {
		switch n.Qualifier {
		case UpTo:
			n.High = n.Value
		case AtLeast, MoreThan, Vague:
			n.Low = n.Value
		default:
			n.Low, n.High = n.Value, n.Value
		}
	}
	return true
}

// figScaled multiplies a figure by a scale word, keeping decimals exact:
// "5.5" million is 5,500,000.
func figScaled(text string, v, mult int64) int64 {
	t := strings.ReplaceAll(text, ",", "")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		f, err := strconv.ParseFloat(t, 64)
		if err == nil {
			return int64(f*float64(mult) + 0.5)
		}
	}
	return v * mult
}

// figSpaceDrop drops the spaces that group a figure's digits ("1 000");
// built once, as a Replacer builds its tables on first use.
var figSpaceDrop = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

// parseFigure reads "14,000", "5.5", "nine", "twenty-five", "a dozen".
// Decimals are truncated (a scale word multiplies them exactly).
func parseFigure(s string) (v int64, word, ok bool) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if n, ok := figWords[t]; ok {
		return n, true, true
	}
	if a, b, found := strings.Cut(t, "-"); found {
		x, ok1 := figWords[a]
		y, ok2 := figWords[b]
		if ok1 && ok2 && x >= 20 && y < 10 {
			return x + y, true, true
		}
		return 0, false, false
	}
	t = strings.ReplaceAll(t, ",", "")
	t = figSpaceDrop.Replace(t)
	if i := strings.IndexByte(t, '.'); i >= 0 {
		t = t[:i]
	}
	if len(t) > 1 && t[0] == '0' {
		return 0, false, false // "000" of a split "1 000", "05": no count
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > 1e12 {
		return 0, false, false
	}
	return n, false, true
}
