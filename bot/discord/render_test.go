package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/newsroom/newsbot/bot"
)

func TestRenderSampleAnswers(t *testing.T) {
	eng := sampleEngine(t)
	questions := []string{
		"What did Peskov say?", "/quote speaker:Erdogan", "What is the latest death toll?", "/toll",
		"Who controls Aleppo?", "/control place:Aleppo", "/search airport", "/search Syria", "/sources", "/help",
		"What did the rebels say?", "How many people have been displaced?",
	}
	for _, q := range questions {
		resp := eng.Answer(context.Background(), bot.Request{Text: q})
		msg := render(resp, renderOptions{MoreID: "more:x", ContextID: func(i int, a bot.Answer) string { return "ctx:1:a" }})
		checkLimits(t, q, msg)
		if len(msg.Embeds) != 1 {
			t.Fatalf("%s: %d embeds, want 1", q, len(msg.Embeds))
		}
		e := msg.Embeds[0]
		if e.Title == "" {
			t.Errorf("%s: no title", q)
		}
		for i, f := range e.Fields {
			// every quote shown stands verbatim in the cited article
			for _, words := range quotedIn(f.Value) {
				a := resp.Answers[i]
				if !strings.Contains(sampleTexts[a.Source.Article], words) {
					t.Errorf("%s: field %d shows %q, not in article %s", q, i, words, a.Source.Article)
				}
			}
			if !strings.Contains(f.Value, "\n— ") {
				t.Errorf("%s: field %d has no source line: %q", q, i, f.Value)
			}
		}
	}
}

func TestRenderLongQuotesCutAtSentence(t *testing.T) {
	sentence := "We will not stop until the city is ours, and every street of it is safe again. "
	long := strings.Repeat(sentence, 40) // about 3,200 characters
	var answers []bot.Answer
	for i := 0; i < 12; i++ {
		answers = append(answers, bot.Answer{
			Text: "x", Quote: strings.TrimSpace(long), Kind: "direct", Speaker: "Ahmad Example", Role: "a commander of a group with a very long name " + strings.Repeat("and more ", 30),
			Source: bot.Source{Article: "a1", Title: strings.Repeat("Long title ", 40), Outlet: "Wire", Date: "2024-12-01", URL: "https://example.org/a1"},
		})
	}
	resp := bot.Response{Intent: bot.IntentQuote, Headline: strings.Repeat("Headline words ", 40) + "\nsecond line", Answers: answers, Cursor: "abc"}
	msg := render(resp, renderOptions{MoreID: "more:abc"})
	checkLimits(t, "long quotes", msg)
	e := msg.Embeds[0]
	if len(e.Fields) == 0 {
		t.Fatal("no answer fitted")
	}
	for _, f := range e.Fields {
		qs := quotedIn(f.Value)
		if len(qs) != 1 {
			t.Fatalf("field shows %d quotes: %q", len(qs), f.Value)
		}
		q := qs[0]
		if !strings.HasPrefix(long, q) || !strings.HasSuffix(q, "safe again.") {
			t.Errorf("quote not cut after a whole sentence: …%q", q[max(0, len(q)-40):])
		}
		if !strings.Contains(f.Value, "” …") {
			t.Errorf("cut quote has no ellipsis outside the marks: %q", f.Value)
		}
	}
	if e.Footer == nil || !strings.Contains(e.Footer.Text, "more") {
		t.Errorf("left-out answers not counted: footer %+v", e.Footer)
	}
}

func TestRenderEscapesAndMentions(t *testing.T) {
	ev := "Officials told @everyone in <@123> to use the *old* road_way."
	at := strings.Index(ev, "use")
	resp := bot.Response{Intent: bot.IntentSearch, Headline: "1 article", Answers: []bot.Answer{{
		Text: "t", Evidence: ev, Highlights: [][2]int{{at, at + 3}}, Source: bot.Source{Article: "a", Date: "2024-01-01"},
	}}}
	msg := render(resp, renderOptions{})
	v := msg.Embeds[0].Fields[0].Value
	for _, want := range []string{`\<@123>`, `\*old\*`, `road\_way`, "**use**"} {
		if !strings.Contains(v, want) {
			t.Errorf("value %q lacks %q", v, want)
		}
	}
	if got := msg.responseData().AllowedMentions; got == nil || len(got.Parse) != 0 {
		t.Errorf("allowed mentions %+v, want none", got)
	}
	if got := shownWords(v); got != "Officials told @everyone in <@123> to use the *old* road_way." {
		t.Errorf("shownWords = %q", got)
	}
}

func TestRenderErrorIsEphemeral(t *testing.T) {
	msg := render(bot.Response{Intent: bot.IntentError, Headline: "Ask me something."}, renderOptions{})
	if !msg.Ephemeral {
		t.Error("an error reply is public")
	}
	if p := msg.plain(); !strings.Contains(p.Content, "Ask me something.") || !p.Ephemeral {
		t.Errorf("plain form %+v", p)
	}
}

func TestCutSentences(t *testing.T) {
	cases := []struct {
		in   string
		room int
		want string
		cut  bool
	}{
		{"One. Two. Three.", 100, "One. Two. Three.", false},
		{"One two. Three four five.", 12, "One two.", true},
		{"“Go,” he said. Then more words here.", 16, "“Go,” he said.", true},
		{"averyveryverylongword and more", 10, "", true},
		{"no sentence end but words here", 12, "no sentence", true},
	}
	for _, c := range cases {
		got, cut := cutSentences(c.in, c.room, escape)
		if got != c.want || cut != c.cut {
			t.Errorf("cutSentences(%q, %d) = %q, %v; want %q, %v", c.in, c.room, got, cut, c.want, c.cut)
		}
	}
}
