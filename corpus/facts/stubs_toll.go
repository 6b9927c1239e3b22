package facts

import "github.com/newsroom/newsbot/corpus"

// extractTolls and extractControl are replaced by toll.go and control.go.
func extractTolls(a *corpus.Article, sents []Sentence) []Toll        { return nil }
func extractControl(a *corpus.Article, sents []Sentence) []Control { return nil }
