package facts

import "github.com/newsroom/newsbot/corpus"

// Version names the extractor's rules. Bump it whenever a change alters
// what Extract returns: an index built by an older version then extracts
// every article again at its next sync, though no article changed.
const Version = "2026-12-04.8"

// Extract returns every fact in a. It never panics and every offset it
// returns lies inside a.Text; quotes and sentences are cut from a.Text.
func Extract(a *corpus.Article) Set {
	sents := Sentences(a)
	var s Set
	s.Statements = extractStatements(a, sents)
	// the toll and control extractors share the sentences' contexts:
	// finding names is the costliest step of both
	ctxs := buildContexts(a, sents)
	s.Tolls = rescope(a, dropJoint(a, tollsOf(a, ctxs)))
	s.Control = dropApproaches(controlOf(a, ctxs))
	return s
}
