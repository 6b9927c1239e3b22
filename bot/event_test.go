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

// Passages under "naming X" hold every word of X: "Portuguese warplanes"
// beside another country's president do not name the Portuguese
// president.
func TestPassagesNameTheWholeSpeaker(t *testing.T) {
	f := loadWorld(t)
	r := ask(t, f, "What did the Portuguese president say about Vilar?")
	if strings.Contains(strings.ToLower(r.Headline), "naming") {
		t.Errorf("headline %q: no passage names the Portuguese president", r.Headline)
	}
	checkVerbatim(t, f, "What did the Portuguese president say about Vilar?", r)
}

// A speaker's quotes on another subject are not headed as quotes about the
// one asked: "What did Ferrant say about Vilar?" when he never spoke of it.
func TestQuotesOffTheTopicSaySo(t *testing.T) {
	f := loadWorld(t)
	r := ask(t, f, "What did Milo Ferrant say about Vilar?")
	h := strings.ToLower(r.Headline)
	if strings.Contains(h, "quotes from milo ferrant about vilar") || strings.Contains(h, "quote from milo ferrant about vilar.") {
		t.Errorf("headline %q claims quotes about Vilar", r.Headline)
	}
	if len(r.Answers) > 0 && !strings.HasPrefix(h, "no quote from") {
		t.Errorf("headline %q: want it to say no quote is about Vilar", r.Headline)
	}
	checkVerbatim(t, f, "What did Milo Ferrant say about Vilar?", r)
	r = ask(t, f, "What did Milo Ferrant say about the berths?")
	if strings.HasPrefix(strings.ToLower(r.Headline), "no quote") {
		t.Errorf("headline %q: his quote names the berths", r.Headline)
	}
}
