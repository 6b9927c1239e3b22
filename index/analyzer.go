package index

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which the analysis pieces are registered with bleve. The
// mapping stored in an index refers to them by name, so renaming one is a
// mapping change and needs a new mappingVersion.
const (
	AnalyzerName  = "newsbot"
	pairsAnalyzer = "newsbot_pairs"
	tokenizerName = "newsbot_words"
	foldName      = "newsbot_fold"
	pairsName     = "newsbot_pairs"
)

func init() {
	if err := registry.RegisterTokenizer(tokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{inner: unicode.NewUnicodeTokenizer()}, nil
	}); err != nil {
		panic(fmt.Sprintf("index: register tokenizer: %v", err))
	}
	if err := registry.RegisterTokenFilter(foldName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{ascii: asciifolding.New()}, nil
	}); err != nil {
		panic(fmt.Sprintf("index: register token filter: %v", err))
	}
	if err := registry.RegisterTokenFilter(pairsName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		// "_" stands for a removed stop word, so that "Observatory for
		// Human" and "Observatory of Human" give the same pairs, as they
		// match the same phrase.
		return shingle.NewShingleFilter(2, 2, false, " ", "_"), nil
	}); err != nil {
		panic(fmt.Sprintf("index: register token filter: %v", err))
	}
	if err := registry.RegisterAnalyzer(AnalyzerName, analyzerConstructor); err != nil {
		panic(fmt.Sprintf("index: register analyzer: %v", err))
	}
	if err := registry.RegisterAnalyzer(pairsAnalyzer, pairsConstructor); err != nil {
		panic(fmt.Sprintf("index: register analyzer: %v", err))
	}
}

// pairsConstructor builds the analyzer of the pairs field: the newsbot
// analyzer's terms joined two by two ("syrian observatori"). A phrase
// query first intersects the pairs of the phrase, which are rare, and
// checks positions only in the passages left; without them a phrase of
// common words reads the positions of every passage holding all words.
func pairsConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	a, err := analyzerConstructor(config, cache)
	if err != nil {
		return nil, err
	}
	da := a.(*analysis.DefaultAnalyzer)
	f, err := cache.TokenFilterNamed(pairsName)
	if err != nil {
		return nil, err
	}
	da.TokenFilters = append(da.TokenFilters, f)
	return da, nil
}

// lastFilter is the pair filter of the pairs analyzer, when it is the
// newsbot analyzer's chain and one filter more; nil otherwise.
func lastFilter(a analysis.Analyzer) analysis.TokenFilter {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || len(da.TokenFilters) != 4 {
		return nil
	}
	return da.TokenFilters[3]
}

func analyzerConstructor(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(tokenizerName)
	if err != nil {
		return nil, err
	}
	var filters []analysis.TokenFilter
	for _, name := range []string{foldName, en.StopName, porter.Name} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		filters = append(filters, f)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
}

// arabicArticles are the forms of the Arabic definite article that wire
// copy writes before a name with a hyphen: al-Assad, ash-Sham, ar-Raqqa,
// an-Nusra, ad-Dana. Joined by a hyphen they are dropped, so "al-Assad"
// indexes as "assad". Standing alone only "al" and "el" are dropped ("Al
// Assad", "El Anouni"): "as", "at" and "an" alone are English words.
var arabicArticles = map[string]bool{
	"al": true, "el": true, "as": true, "ad": true, "ash": true,
	"ar": true, "at": true, "an": true, "az": true, "ul": true,
}

// wordTokenizer is bleve's Unicode (UAX #29) tokenizer with two fixes for
// news copy: a colon splits words ("BEIRUT:Syria", "title:x"), and Arabic
// article prefixes are dropped. Positions are renumbered after dropping so
// that the phrases "Bashar al-Assad", "Bashar Al Assad" and "Bashar Assad"
// meet. Start and End keep pointing into the input, unchanged, which is
// what lets highlights be cut from the stored text.
type wordTokenizer struct{ inner analysis.Tokenizer }

func (w wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	raw := w.inner.Tokenize(input)
	out := make(analysis.TokenStream, 0, len(raw))
	for _, t := range raw {
		if bytes.IndexByte(t.Term, ':') < 0 {
			out = append(out, t)
			continue
		}
		start := t.Start
		for _, part := range bytes.Split(t.Term, []byte{':'}) {
			if len(part) > 0 {
				out = append(out, &analysis.Token{Term: part, Start: start, End: start + len(part), Type: t.Type})
			}
			start += len(part) + 1
		}
	}
	kept := out[:0]
	for i, t := range out {
		if dropArticle(input, out, i) {
			continue
		}
		kept = append(kept, t)
	}
	for i, t := range kept {
		t.Position = i + 1
	}
	return kept
}

// dropArticle tells whether token i is an Arabic article to leave out.
func dropArticle(input []byte, ts analysis.TokenStream, i int) bool {
	t := ts[i]
	if len(t.Term) > 3 || !arabicArticles[string(bytes.ToLower(t.Term))] {
		return false
	}
	if i+1 >= len(ts) {
		return false
	}
	lower := string(bytes.ToLower(t.Term))
	next := ts[i+1]
	gap := input[t.End:next.Start]
	if isHyphen(gap) {
		return true
	}
	return (lower == "al" || lower == "el") && len(bytes.TrimSpace(gap)) == 0
}

// isHyphen reports whether b is one hyphen: ASCII, Unicode hyphen,
// non-breaking hyphen or en dash.
func isHyphen(b []byte) bool {
	r, n := utf8.DecodeRune(b)
	if n != len(b) {
		return false
	}
	return r == '-' || r == '\u2010' || r == '\u2011' || r == '\u2013'
}

// foldFilter folds a term to the form both documents and queries meet in:
// ASCII (accents, curly quotes), lower case, no possessive "'s", no
// apostrophes ("Assad's", "Assad’s" -> "assad"; "don't" -> "dont"). It
// rewrites Term only; offsets stay on the original bytes.
type foldFilter struct {
	ascii *asciifolding.AsciiFoldingFilter
}

func (f foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = fold(f.ascii, t.Term)
	}
	return in
}

func fold(ascii *asciifolding.AsciiFoldingFilter, term []byte) []byte {
	for _, c := range term {
		if c >= utf8.RuneSelf {
			term = ascii.Filter(term)
			break
		}
	}
	// ToLower copies: Term may alias the field's bytes.
	out := bytes.ToLower(term)
	if n := len(out); n > 2 && out[n-2] == '\'' && out[n-1] == 's' {
		out = out[:n-2]
	}
	if bytes.IndexByte(out, '\'') >= 0 {
		out = bytes.ReplaceAll(out, []byte{'\''}, nil)
	}
	return out
}
