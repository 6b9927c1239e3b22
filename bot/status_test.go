package bot

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
)

// While the archive catches up with its folder, every answer, /sources
// included, says so last; once it is current, none does.
func TestStatusNote(t *testing.T) {
	f := loadFixture(t)
	var note atomic.Value
	note.Store("The index is catching up with the corpus folder.")
	eng := New(f.ix, Options{Status: func() string { return note.Load().(string) }})
	for _, q := range []string{"/sources", "What did Peskov say?", "/search zzzunknownword"} {
		r := eng.Answer(context.Background(), Request{Text: q})
		if len(r.Notes) == 0 || r.Notes[len(r.Notes)-1] != "The index is catching up with the corpus folder." {
			t.Errorf("%q while catching up: notes %q, want the status last", q, r.Notes)
		}
	}
	note.Store("")
	r := eng.Answer(context.Background(), Request{Text: "/sources"})
	if slices.Contains(r.Notes, "The index is catching up with the corpus folder.") || slices.Contains(r.Notes, "") {
		t.Errorf("current archive: notes %q carry a status", r.Notes)
	}
}
