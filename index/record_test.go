package index

import (
	"os"
	"reflect"
	"testing"

	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
)

// Every fact a record holds comes back from the encoded record as it went
// in: its sentence and quote, cut from the text as offsets, verbatim. Run
// over the test articles, the sample and, when ../shared is beside the
// checkout, FA-KES and the BBC set.
func TestRecordRoundTrip(t *testing.T) {
	arts := testArticles(t)
	sample, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, sample.Articles...)
	for _, p := range []string{fakesPath, "../../shared/corpora/bbc-news-2005/bbc.jsonl"} {
		if _, err := os.Stat(p); err == nil && !testing.Short() {
			arts = append(arts, corpus.LoadFile(p).Articles...)
		}
	}
	n := 0
	for _, a := range arts {
		set := facts.Extract(a)
		rec, err := newRecord(a, nil, set)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		back, err := decodeRecord(rec.encode())
		if err != nil {
			t.Fatalf("%s: decode: %v", a.ID, err)
		}
		var want []any
		for i := range set.Statements {
			want = append(want, &set.Statements[i])
		}
		for i := range set.Tolls {
			want = append(want, &set.Tolls[i])
		}
		for i := range set.Control {
			want = append(want, &set.Control[i])
		}
		if len(back.facts) != len(want) {
			t.Fatalf("%s: %d facts back, want %d", a.ID, len(back.facts), len(want))
		}
		for i, pf := range back.facts {
			got, err := back.unpackFact(pf)
			if err != nil {
				t.Fatalf("%s fact %d: %v", a.ID, i, err)
			}
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s fact %d comes back as\n%+v\nwant\n%+v", a.ID, i, got, want[i])
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no facts to check")
	}
	t.Logf("%d facts of %d articles round-tripped", n, len(arts))
}
