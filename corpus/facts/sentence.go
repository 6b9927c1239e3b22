package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/newsbot/corpus"
)

// Sentence is a span of an article's Text inside one body paragraph.
type Sentence struct {
	Start, End int
	Para       int // index into Article.Paragraphs
}

// Text returns the sentence's words, verbatim.
func (s Sentence) Text(a *corpus.Article) string { return a.Text[s.Start:s.End] }

// abbreviations that end with a full stop but do not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"prof": true, "rev": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "inc": true, "corp": true, "co": true, "ltd": true,
	"u.s": true, "u.n": true, "u.k": true, "e.u": true, "a.m": true, "p.m": true,
}

// Sentences splits the body paragraphs of a into sentences. Headings and
// credits are left out: they are never the source of a fact.
func Sentences(a *corpus.Article) []Sentence {
	var out []Sentence
	for pi, p := range a.Paragraphs {
		if p.Kind != corpus.Body {
			continue
		}
		out = appendSentences(out, a.Text, p.Start, p.End, pi)
	}
	return out
}

func appendSentences(out []Sentence, text string, start, end, para int) []Sentence {
	s := start
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if r != '.' && r != '!' && r != '?' {
			i += n
			continue
		}
		j := i + n
		// a run of stops ("...", "?!") belongs together
		for j < end && strings.ContainsRune(".!?", rune(text[j])) {
			j++
		}
		// closing quotes and brackets stay with the sentence they close
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(text[j:end])
			if !isCloser(r2) {
				break
			}
			j += n2
		}
		if j >= end {
			break
		}
		r3, _ := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsSpace(r3) {
			i = j
			continue
		}
		k := j
		for k < end {
			r4, n4 := utf8.DecodeRuneInString(text[k:end])
			if !unicode.IsSpace(r4) {
				break
			}
			k += n4
		}
		if k >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[k:end])
		if r == '.' && j == i+1 && isAbbreviation(text[s:i]) {
			i = j
			continue
		}
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpener(next) {
			i = j
			continue
		}
		out = append(out, Sentence{Start: s, End: j, Para: para})
		s = k
		i = k
	}
	if s < end {
		out = append(out, Sentence{Start: s, End: end, Para: para})
	}
	return out
}

func isAbbreviation(before string) bool {
	w := before
	if k := strings.LastIndexFunc(w, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' }); k >= 0 {
		w = w[k+1:]
	}
	w = strings.ToLower(w)
	if abbreviations[w] {
		return true
	}
	// single initials: "George W. Bush"; run-together ones: "G.K. Butterfield"
	if len(w) >= 3 && len(w) <= 7 && strings.Count(w, ".")*2+1 == len(w) {
		return true
	}
	return utf8.RuneCountInString(w) == 1 && w != "i"
}

func isCloser(r rune) bool {
	return r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == ']' || r == '»'
}

func isOpener(r rune) bool {
	return r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '«' || r == '-' || r == '—'
}
