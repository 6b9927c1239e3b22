package bot

import (
	"fmt"
	"strings"
)

// Render writes a response as a person reads it: the headline, then each
// answer with the sentence it stands in, then notes and suggestions. The
// text is Markdown as Discord shows it and reads plainly in a terminal.
func Render(r Response) string {
	var b strings.Builder
	b.WriteString(r.Headline)
	b.WriteString("\n")
	for i, a := range r.Answers {
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, a.Text)
		if a.Evidence != "" && a.Quote == "" && a.Toll == nil && a.Control == nil && len(a.Highlights) > 0 {
			continue // a search answer's text already is its evidence
		}
		if a.Evidence != "" && !strings.Contains(a.Text, a.Evidence) {
			fmt.Fprintf(&b, "   > %s\n", a.Evidence)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n%s", n)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
	if len(r.Suggestions) > 0 {
		if _, isDate := parseDay(r.Suggestions[0]); isDate {
			fmt.Fprintf(&b, "\nNearest dates with answers: %s\n", strings.Join(r.Suggestions, ", "))
		} else {
			fmt.Fprintf(&b, "\nDid you mean: %s?\n", strings.Join(r.Suggestions, ", "))
		}
	}
	if r.Cursor != "" {
		b.WriteString("\n(more answers available)\n")
	}
	return b.String()
}
