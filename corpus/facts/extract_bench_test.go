package facts

import (
	"context"
	"testing"

	"github.com/newsroom/newsbot/corpus"
)

// BenchmarkExtractFakes extracts every fact from the FA-KES corpus (804
// real articles), the figure set against indexing time in index's
// BenchmarkIndex. It is skipped where ../shared is absent.
func BenchmarkExtractFakes(b *testing.B) {
	loaded, err := corpus.LoadDir(context.Background(), "../../../shared/corpora/fakes-syria/fakes.jsonl")
	if err != nil {
		b.Skip("FA-KES corpus not available:", err)
	}
	var size int64
	for _, a := range loaded.Articles {
		size += int64(len(a.Text))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, a := range loaded.Articles {
			Extract(a)
		}
	}
}
