package facts

import "github.com/newsroom/newsbot/corpus"

// Extract returns every fact in a. It never panics and every offset it
// returns lies inside a.Text; quotes and sentences are cut from a.Text.
func Extract(a *corpus.Article) Set {
	sents := Sentences(a)
	var s Set
	s.Statements = extractStatements(a, sents)
	s.Tolls = extractTolls(a, sents)
	s.Control = extractControl(a, sents)
	return s
}
