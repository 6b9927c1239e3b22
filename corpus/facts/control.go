package facts

import "github.com/newsroom/newsbot/corpus"

func extractControl(a *corpus.Article, sents []Sentence) []Control { return nil }
