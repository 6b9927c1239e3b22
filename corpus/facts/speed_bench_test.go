package facts

import (
	"context"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// BenchmarkStatementsFakes is the statement step of BenchmarkExtractFakes
// alone, sentences split beforehand.
func BenchmarkStatementsFakes(b *testing.B) {
	loaded, sents := fakesSentences(b)
	b.ResetTimer()
	for b.Loop() {
		for i, a := range loaded.Articles {
			extractStatements(a, sents[i])
		}
	}
}

// BenchmarkControlFakes is the control step of BenchmarkExtractFakes
// alone; the sentences' contexts are built in each round, as sources are
// read into them on first use, and BenchmarkContextsFakes times that part.
func BenchmarkControlFakes(b *testing.B) {
	benchContexts(b, true)
}

func BenchmarkContextsFakes(b *testing.B) {
	benchContexts(b, false)
}

func benchContexts(b *testing.B, control bool) {
	loaded, sents := fakesSentences(b)
	b.ResetTimer()
	for b.Loop() {
		for i, a := range loaded.Articles {
			ctxs := buildContexts(a, sents[i])
			if control {
				controlOf(a, ctxs)
			}
		}
	}
}

// fakesSentences loads FA-KES and splits its articles into sentences, so
// a benchmark times only the step after.
func fakesSentences(b *testing.B) (*corpus.Loaded, [][]Sentence) {
	loaded, err := corpus.LoadDir(context.Background(), "../../../shared/corpora/fakes-syria/fakes.jsonl")
	if err != nil {
		b.Skip("FA-KES corpus not available:", err)
	}
	sents := make([][]Sentence, len(loaded.Articles))
	for i, a := range loaded.Articles {
		sents[i] = Sentences(a)
	}
	return loaded, sents
}
