package bot

import (
	"context"
	"strings"
	"testing"
)

// A toll headline names an event only over a figure whose sentence or
// article names it: "the rocket attack on Homs" is not the car bomb's toll
// because both were attacks on Homs.
func TestEventHeadlineNamesOnlyItsEvent(t *testing.T) {
	f := loadFixture(t)
	for _, tt := range []struct {
		q     string
		claim bool   // the headline gives the event's figure
		must  string // in the headline
	}{
		{"What was the death toll from the rocket attack on Homs?", false, "no figure names"},
		{"How many died in the poison gas attack in Homs?", false, "no figure"},
		{"What was the death toll from the car bomb at the taxi stand in Homs?", true, "car bomb"},
		{"How many were killed in the rocket attack on Hama?", true, "rocket attack"},
	} {
		r := f.eng.Answer(context.Background(), Request{Text: tt.q})
		h := strings.ToLower(r.Headline)
		if !strings.Contains(h, tt.must) {
			t.Errorf("%q: headline %q lacks %q", tt.q, r.Headline, tt.must)
		}
		if claims := strings.HasPrefix(h, "death toll") || strings.HasPrefix(h, "latest"); claims != tt.claim {
			t.Errorf("%q: headline %q claims the event: %v, want %v", tt.q, r.Headline, claims, tt.claim)
		}
		checkVerbatim(t, f, tt.q, r)
	}
}
