package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/corpus/facts"
)

func TestComplete(t *testing.T) {
	f := loadFixture(t)
	ctx := context.Background()
	cases := []struct {
		field, typed, want string
	}{
		{"speaker", "peskov", "Dmitry Peskov"},
		{"speaker", "PESK", "Dmitry Peskov"},
		{"speaker", "dmit", "Dmitry Peskov"},
		{"place", "alep", "Aleppo"},
		{"place", "khan sheik", "Khan Sheikhun"},
	}
	for _, c := range cases {
		got, err := f.eng.Complete(ctx, c.field, c.typed)
		if err != nil {
			t.Fatalf("Complete(%q, %q): %v", c.field, c.typed, err)
		}
		if len(got) == 0 || len(got) > MaxChoices {
			t.Fatalf("Complete(%q, %q) = %d choices, want 1..%d", c.field, c.typed, len(got), MaxChoices)
		}
		if !slices.ContainsFunc(got, func(s string) bool { return strings.EqualFold(s, c.want) }) {
			t.Errorf("Complete(%q, %q) = %q, want it to hold %q", c.field, c.typed, got, c.want)
		}
		for _, g := range got {
			if len(g) > 100 {
				t.Errorf("choice %q is over Discord's 100 characters", g)
			}
		}
		again, _ := f.eng.Complete(ctx, c.field, c.typed)
		if !slices.Equal(got, again) {
			t.Errorf("Complete(%q, %q) not stable: %q then %q", c.field, c.typed, got, again)
		}
	}
	all, err := f.eng.Complete(ctx, "place", "")
	if err != nil || len(all) != MaxChoices {
		t.Errorf("empty prefix: %d choices (%v), want %d", len(all), err, MaxChoices)
	}
	if got, _ := f.eng.Complete(ctx, "speaker", "zzzqqq"); len(got) != 0 {
		t.Errorf("nonsense prefix completed to %q", got)
	}
	if _, err := f.eng.Complete(ctx, "topic", "x"); err == nil {
		t.Error("an unknown field was accepted")
	}
}

func TestParagraph(t *testing.T) {
	f := loadFixture(t)
	ctx := context.Background()
	tried := false
	for _, st := range f.set.Statements {
		if st.Kind != facts.Direct || len(st.Quote) < 40 {
			continue
		}
		para, src, ok, err := f.eng.Paragraph(ctx, st.Article, st.Quote)
		if err != nil || !ok {
			t.Fatalf("Paragraph(%s, %q) = ok %v, err %v", st.Article, st.Quote, ok, err)
		}
		if !strings.Contains(f.texts[st.Article], para) || !strings.Contains(para, st.Quote[:20]) {
			t.Errorf("paragraph %q is not the article's paragraph holding the quote", para)
		}
		if src.Article != st.Article {
			t.Errorf("source %s, want %s", src.Article, st.Article)
		}
		tried = true
		break
	}
	if !tried {
		t.Fatal("the fixture holds no long direct quote to look up")
	}
	if _, _, ok, _ := f.eng.Paragraph(ctx, "no-such-article", "Peskov said"); ok {
		t.Error("a missing article gave a paragraph")
	}
}
