package index

import "github.com/blevesearch/bleve/v2/analysis"

// Passages are indexed without term vectors: positions and offsets of
// every word would be the largest part of the index, and only the page of
// hits needs them. Its passages are short, so they are analysed again
// with the index's analyzer, which gives the same terms, positions and
// offsets the index would have held.

// textLoc is one word of an analysed text.
type textLoc struct {
	pos        int
	start, end int
}

func (ix *Index) termLocations(text string) map[string][]textLoc {
	out := map[string][]textLoc{}
	for _, t := range ix.analyzer.Analyze([]byte(text)) {
		out[string(t.Term)] = append(out[string(t.Term)], textLoc{t.Position, t.Start, t.End})
	}
	return out
}

// wordsMatcher highlights every occurrence of the words, as bleve's term
// locations of a query over them would.
func (ix *Index) wordsMatcher(words []string) func(string) ([][2]int, bool) {
	return func(text string) ([][2]int, bool) {
		tl := ix.termLocations(text)
		var out [][2]int
		for _, w := range words {
			for _, l := range tl[w] {
				out = appendRange(out, l, len(text))
			}
		}
		return normalise(out), true
	}
}

func appendRange(out [][2]int, l textLoc, n int) [][2]int {
	if l.end <= n && l.start < l.end {
		out = append(out, [2]int{l.start, l.end})
	}
	return out
}

// phraseMatcher reports whether a text holds the phrase (terms by
// position, an empty position standing for a removed stop word) and
// highlights every occurrence, as bleve's phrase search does (slop 0).
func (ix *Index) phraseMatcher(phrase [][]string) func(string) ([][2]int, bool) {
	return func(text string) ([][2]int, bool) {
		tl := ix.termLocations(text)
		var out [][2]int
		found := false
		phrasePaths(0, phrase, tl, nil, func(path []*textLoc) {
			found = true
			for _, l := range path {
				out = appendRange(out, *l, len(text))
			}
		})
		return normalise(out), found
	}
}

// phrasePaths follows bleve's findPhrasePaths with no slop: each path is
// one location per non-empty phrase position, each right after the last
// (an empty position advancing by one), no location used twice.
func phrasePaths(prevPos int, phrase [][]string, tl map[string][]textLoc, path []*textLoc, emit func([]*textLoc)) {
	if len(phrase) == 0 {
		emit(path)
		return
	}
	car, cdr := phrase[0], phrase[1:]
	if len(car) == 0 || (len(car) == 1 && car[0] == "") {
		next := prevPos + 1
		if prevPos == 0 {
			next = 0
		}
		phrasePaths(next, cdr, tl, path, emit)
		return
	}
	for _, t := range car {
		locs := tl[t]
	next:
		for i := range locs {
			l := &locs[i]
			if prevPos != 0 && l.pos != prevPos+1 {
				continue
			}
			for _, p := range path {
				if p == l {
					continue next
				}
			}
			phrasePaths(l.pos, cdr, tl, append(path, l), emit)
		}
	}
}

// tokenStreamToPhrase is bleve's: the terms by position from the first,
// gaps left empty.
func tokenStreamToPhrase(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}
