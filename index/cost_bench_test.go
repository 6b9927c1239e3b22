package index

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// cpuTime is the CPU time this process has used, user and system: on a
// shared machine it moves far less with other load than the wall clock.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkWriteCost splits the CPU time of a build into its parts, one at
// a time on one goroutine: fact extraction, making and analysing the
// documents, and bleve's batches (segment building) for every document,
// without the fact documents, without the word-pairs field, and without
// both; then with the fact documents but without their text (quote and
// sentence), without their name fields, and without either, which shows
// how much of their cost is per document rather than per field; beside
// plain bleve (default mapping, one document per article) on the same
// articles. Each part is reported as a share of plain bleve's
// CPU time, with the index size against the text: it shows where a
// write-side redesign has to take its time from.
// go test ./index -run '^$' -bench WriteCost -benchtime 1x -scale 2
func BenchmarkWriteCost(b *testing.B) {
	arts := benchArticles(b)
	text := 0
	for _, a := range arts {
		text += len(a.Text)
	}
	for i := 0; i < b.N; i++ {
		ix := openTemp(b)
		c0 := cpuTime(b)
		sets := make([]facts.Set, len(arts))
		for k, a := range arts {
			sets[k] = facts.Extract(a)
		}
		c1 := cpuTime(b)
		all := make([][]*document.Document, len(arts))
		for k, a := range arts {
			r := ix.build(a, func(*corpus.Article) facts.Set { return sets[k] })
			if r.err != nil {
				b.Fatal(r.err)
			}
			all[k] = r.docs
		}
		c2 := cpuTime(b)

		dir := filepath.Join(b.TempDir(), "plain")
		p0 := cpuTime(b)
		bl, err := bleve.New(dir, bleve.NewIndexMapping())
		if err != nil {
			b.Fatal(err)
		}
		batch := bl.NewBatch()
		for k, a := range arts {
			if err := batch.Index(a.ID, map[string]any{"title": a.Title, "text": a.Text}); err != nil {
				b.Fatal(err)
			}
			if batch.Size() >= 1000 || k == len(arts)-1 {
				if err := bl.Batch(batch); err != nil {
					b.Fatal(err)
				}
				batch.Reset()
			}
		}
		if err := bl.Close(); err != nil {
			b.Fatal(err)
		}
		plain := cpuTime(b) - p0
		b.ReportMetric(float64(dirBytes(dir))/float64(text), "plain-x-text")
		b.ReportMetric((c1-c0).Seconds()/plain.Seconds(), "extract-x-plain")
		b.ReportMetric((c2-c1).Seconds()/plain.Seconds(), "analyse-x-plain")

		for _, v := range []struct {
			name       string
			keep       func(id string) bool
			keepFields func(name string) bool
		}{
			{"all", nil, nil},
			{"nofacts", func(id string) bool { return !strings.HasPrefix(id, "f:") }, nil},
			{"nopairs", nil, func(name string) bool { return name != pairsField }},
			{"nofacts-nopairs", func(id string) bool { return !strings.HasPrefix(id, "f:") }, func(name string) bool { return name != pairsField }},
			{"nofacttext", nil, func(name string) bool { return name != "sentence" && name != "quote" }},
			{"nonames", nil, func(name string) bool { return !strings.HasSuffix(name, "_name") }},
			{"facts-filters-only", nil, func(name string) bool {
				return name != "sentence" && name != "quote" && !strings.HasSuffix(name, "_name")
			}},
			{"facts-kind-only", nil, func(name string) bool {
				return name != "sentence" && name != "quote" && !strings.HasSuffix(name, "_name") && name != whoField && name != "place" && name != "category" && name != "status" && name != monthField
			}},
		} {
			dir := filepath.Join(b.TempDir(), v.name)
			c0 := cpuTime(b)
			bl, err := bleve.NewUsing(dir, newMapping(), "scorch", "scorch", nil)
			if err != nil {
				b.Fatal(err)
			}
			batch := bl.NewBatch()
			ops := 0
			for _, docs := range all {
				for _, d := range docs {
					if v.keep != nil && !v.keep(d.ID()) {
						continue
					}
					nd := document.NewDocument(d.ID())
					for _, f := range d.Fields {
						if v.keepFields == nil || v.keepFields(f.Name()) {
							nd.AddField(f)
						}
					}
					if err := batch.IndexAdvanced(nd); err != nil {
						b.Fatal(err)
					}
					if ops++; ops >= batchOps {
						if err := bl.Batch(batch); err != nil {
							b.Fatal(err)
						}
						batch, ops = bl.NewBatch(), 0
					}
				}
			}
			if err := bl.Batch(batch); err != nil {
				b.Fatal(err)
			}
			if err := bl.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric((cpuTime(b)-c0).Seconds()/plain.Seconds(), "batch-"+v.name+"-x-plain")
			b.ReportMetric(float64(dirBytes(dir))/float64(text), v.name+"-x-text")
		}
	}
}
