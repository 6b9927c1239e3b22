package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latin maps a precomposed Latin letter (lower case) to its bare form.
// Only letters met in transliterated Arabic, French and Turkish copy are
// listed; anything else keeps its shape (combining marks are dropped
// separately).
var latin = func() map[rune]string {
	groups := []struct{ from, to string }{
		{"àáâãäåāăąǎȧạảấầẩẫậắằẳẵặ", "a"},
		{"çćĉċčḉ", "c"},
		{"ďđḍḏḑḓð", "d"},
		{"èéêëēĕėęěẹẻẽếềểễệ", "e"},
		{"ĝğġģǧḡ", "g"},
		{"ĥħḣḥḧḩḫẖ", "h"},
		{"ìíîïĩīĭįıǐịỉ", "i"},
		{"ĵǰ", "j"},
		{"ķḱḳḵ", "k"},
		{"ĺļľŀłḷḹḻḽ", "l"},
		{"ḿṁṃ", "m"},
		{"ñńņňŉṅṇṉṋ", "n"},
		{"òóôõöøōŏőǒọỏốồổỗộớờởỡợơ", "o"},
		{"ŕŗřṙṛṝṟ", "r"},
		{"śŝşšșṡṣṥṧṩ", "s"},
		{"ţťŧțṫṭṯṱẗ", "t"},
		{"ùúûüũūŭůűųưǔụủứừửữựṳṵṷ", "u"},
		{"ṽṿ", "v"},
		{"ŵẁẃẅẇẉẘ", "w"},
		{"ẋẍ", "x"},
		{"ýÿŷẏỳỵỷỹẙ", "y"},
		{"źżžẑẓẕ", "z"},
		{"ß", "ss"}, {"æ", "ae"}, {"œ", "oe"}, {"þ", "th"},
		// quotation marks and dashes
		{"‘’‚‛′ʼ", "'"},
		{"“”„‟″«»", "\""},
		{"‐‑‒–—―−", "-"},
	}
	m := make(map[rune]string, 400)
	for _, g := range groups {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

// Fold returns s lower-cased, with accents removed, curly quotes and dashes
// made plain, and runs of white space collapsed to one space. Invalid UTF-8
// bytes are dropped, so the result is always valid UTF-8.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n <= 1 {
			continue
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent left by decomposed input
		}
		r = unicode.ToLower(r)
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, ok := latin[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// token is one word of a name or a text: Start and End are byte offsets
// into the string tokenised, key is the word's matching form.
type token struct {
	start, end int
	key        string
	// lead is where the token starts once a dropped article right before it
	// ("al-" in "al-Numan") is counted in: the span a match reports.
	lead int
	// upper says the word begins with a capital letter.
	upper bool
	// caps is the word exactly as written, for all-capital aliases.
	raw string
}

// isApostrophe covers the marks that transliterations use inside a word:
// straight and curly apostrophes, the backtick and the 'ayn/hamza letters.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʿ', 'ʾ', 'ʻ', 'ʼ', '´':
		return true
	}
	return false
}

// asciiWord is isWordRune for ASCII: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokens splits s into words. A word is a run of letters and digits,
// apostrophes inside it included ("Rif‘at", "Assad's"); everything else
// (hyphens, punctuation, space) separates words.
func tokens(s string) []token { return tokenize(nil, s, false) }

// tokenBuf is the memory tokenize reuses from one text to the next: the
// tokens, and the keys that differ from their words, written back to back
// and made one string at the end (at holds token index, offset, length).
type tokenBuf struct {
	toks  []token
	arena []byte
	at    []int
}

// tokenize splits s into words (see tokens). In running text (inText) the
// articles that are also English words ("as", "at", "an") are dropped only
// when a hyphen ties them to the next word ("as-Suwayda"), so "such as
// Syria" keeps its "as".
//
// With buf, its memory is reused and the result lives in it until the
// next call.
func tokenize(buf *tokenBuf, s string, inText bool) []token {
	var out []token
	if buf != nil {
		out, buf.arena, buf.at = buf.toks[:0], buf.arena[:0], buf.at[:0]
	}
	if out == nil {
		// about one word in six bytes of English copy: one allocation mostly
		out = make([]token, 0, len(s)/6+1)
	}
	var kb [64]byte
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		end := i
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf && asciiWord[c] {
				j++
				end = j
				continue
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r2) {
				j += n2
				end = j
				continue
			}
			if isApostrophe(r2) {
				// keep an apostrophe only when a letter follows it
				r3, _ := utf8.DecodeRuneInString(s[j+n2:])
				if j+n2 < len(s) && isWordRune(r3) {
					j += n2
					continue
				}
			}
			break
		}
		word := s[start:end]
		first, _ := utf8.DecodeRuneInString(word)
		k := "\x00" // a key in buf.arena, set below
		if buf == nil {
			k = wordKey(word)
		} else if b, ok := asciiKeyBytes(&kb, word); !ok {
			k = wordKey(word)
		} else if string(b) == word {
			k = word
		} else if len(b) == 0 {
			k = ""
		} else {
			buf.at = append(buf.at, len(out), len(buf.arena), len(b))
			buf.arena = append(buf.arena, b...)
		}
		if k != "" {
			out = append(out, token{start: start, end: end, key: k, lead: start, upper: unicode.IsUpper(first), raw: word})
		}
		i = end
		if i == start {
			i += n
		}
	}
	if buf != nil {
		if len(buf.at) > 0 {
			keys := string(buf.arena)
			for a := 0; a < len(buf.at); a += 3 {
				out[buf.at[a]].key = keys[buf.at[a+1] : buf.at[a+1]+buf.at[a+2]]
			}
		}
		buf.toks = out
	}
	return dropArticles(s, out, inText)
}

// wordKey is the matching form of one word.
func wordKey(w string) string {
	if k, ok := asciiWordKey(w); ok {
		return k
	}
	return foldWordKey(w)
}

// foldWordKey is wordKey for any word.
func foldWordKey(w string) string {
	f := Fold(w)
	// possessive: "assad's" -> "assad"
	if strings.HasSuffix(f, "'s") {
		f = f[:len(f)-2]
	}
	var b strings.Builder
	for _, r := range f {
		if isApostrophe(r) || r == '"' {
			continue
		}
		b.WriteRune(r)
	}
	f = b.String()
	f = strings.ReplaceAll(f, "ou", "u")
	f = strings.ReplaceAll(f, "ch", "sh")
	// doubled letters single: "assad" -> "asad", "rifaat" -> "rifat"
	b.Reset()
	var last rune = -1
	for _, r := range f {
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// sunArticles are the assimilated forms of the Arabic article: they are
// dropped only before a word that starts with the same sound ("ash Shughur",
// "ez-Zor", "an Numan"), so English "as" and "at" are left alone.
var sunArticles = map[string]string{
	"ad": "d", "ed": "d", "ar": "r", "er": "r", "as": "s", "es": "s", "ash": "sh", "esh": "sh",
	"at": "t", "et": "t", "ath": "th", "az": "z", "ez": "z", "an": "n", "en": "n", "adh": "dh",
}

// sunArticle is sunArticles[k], without a map lookup for the many words
// too long to be one.
func sunArticle(k string) (string, bool) {
	if len(k) < 2 || len(k) > 3 {
		return "", false
	}
	p, ok := sunArticles[k]
	return p, ok
}

var englishWord = map[string]bool{"as": true, "at": true, "an": true, "en": true, "ad": true}

// dropArticles removes the Arabic article from a word sequence ("al-Assad",
// "el Bab", "Deir ez-Zor") so that spellings with and without it meet.
// A lone article (the whole name is "Al") is kept.
func dropArticles(s string, ts []token, inText bool) []token {
	if len(ts) < 2 {
		return ts
	}
	// in place: a token is written at or before where it was read, and
	// the next one is read before it can be overwritten
	out := ts[:0]
	lead := -1
	for i, t := range ts {
		if i+1 < len(ts) {
			next := ts[i+1].key
			drop := t.key == "al" || t.key == "el"
			if p, ok := sunArticle(t.key); ok && strings.HasPrefix(next, p) {
				drop = true
				if inText && englishWord[t.key] && s[t.end:ts[i+1].start] != "-" {
					drop = false
				}
			}
			if drop {
				if lead < 0 {
					lead = t.start
				}
				continue
			}
		}
		if lead >= 0 {
			t.lead = lead
			lead = -1
		}
		out = append(out, t)
	}
	return out
}

// Key is the form names are matched by: Fold, then the Arabic article
// dropped, "ou" written "u", "ch" written "sh", doubled letters made single,
// a possessive 's dropped, apostrophes removed and all other punctuation
// and hyphens turned into single spaces. "Khan Cheikhoun" and "Khan
// Sheikhun" share a key, as do "Tall Rif‘at" and "Tal Rifaat".
func Key(s string) string {
	ts := tokens(s)
	if len(ts) == 0 {
		return ""
	}
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// asciiWordKey is wordKey for a word written in ASCII, without Fold's
// rune-by-rune rewriting (Fold only lowers ASCII letters): the same steps
// run on bytes in a stack buffer. ok is false for a word it does not take
// (non-ASCII, white space inside or longer than the buffer); the result
// is then wordKey's general path. When nothing changes, the key is w
// itself and costs no allocation.
func asciiWordKey(w string) (key string, ok bool) {
	var buf [64]byte
	b, ok := asciiKeyBytes(&buf, w)
	if !ok {
		return "", false
	}
	if string(b) == w {
		return w, true
	}
	return string(b), true
}

// asciiKeyBytes is asciiWordKey's key, written in buf.
func asciiKeyBytes(buf *[64]byte, w string) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || c <= ' ' || c == 0x7f {
			return nil, false // Fold collapses or drops these
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	b := buf[:n]
	// possessive: "assad's" -> "assad"
	if n >= 2 && b[n-2] == '\'' && b[n-1] == 's' {
		b = b[:n-2]
	}
	// apostrophes and double quotes out
	j := 0
	for _, c := range b {
		if c == '\'' || c == '`' || c == '"' {
			continue
		}
		b[j] = c
		j++
	}
	b = b[:j]
	b = replaceOuCh(b)
	// doubled letters single; "ch" -> "sh" grew no byte, so b never
	// outgrows buf
	j = 0
	for i, c := range b {
		if i > 0 && c == b[j-1] {
			continue
		}
		b[j] = c
		j++
	}
	return b[:j], true
}

// replaceOuCh is strings.ReplaceAll(b, "ou", "u") and then
// strings.ReplaceAll(b, "ch", "sh"), in one pass and in place: the first
// neither makes nor breaks a "ch" (no 'c' or 'h' is in an "ou" pair, and
// the 'u' it leaves is no 'h'), so each pair is read off b as it was.
func replaceOuCh(b []byte) []byte {
	j := 0
	for i := 0; i < len(b); i++ {
		if i+1 < len(b) {
			if b[i] == 'o' && b[i+1] == 'u' {
				b[j] = 'u'
				j++
				i++
				continue
			}
			if b[i] == 'c' && b[i+1] == 'h' {
				b[j], b[j+1] = 's', 'h'
				j += 2
				i++
				continue
			}
		}
		b[j] = b[i]
		j++
	}
	return b[:j]
}
