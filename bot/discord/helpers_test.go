package discord

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/corpus"
	"github.com/newsroom/newsbot/corpus/facts"
	"github.com/newsroom/newsbot/index"
)

// sample is a real engine over a real on-disk index of the bundled sample,
// built once for the package's tests.
var (
	sampleOnce  sync.Once
	sampleEng   *bot.Engine
	sampleTexts map[string]string
	sampleErr   error
	sampleDir   string
	sampleIx    *index.Index
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleIx != nil {
		sampleIx.Close()
	}
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

func sampleEngine(t testing.TB) *bot.Engine {
	t.Helper()
	sampleOnce.Do(func() {
		loaded, err := corpus.Sample()
		if err != nil {
			sampleErr = err
			return
		}
		if sampleDir, err = os.MkdirTemp("", "discord-test-"); err != nil {
			sampleErr = err
			return
		}
		ix, err := index.Open(filepath.Join(sampleDir, "idx"), index.Options{})
		if err != nil {
			sampleErr = err
			return
		}
		if _, err := ix.Sync(context.Background(), loaded.Articles, facts.Extract, nil); err != nil {
			sampleErr = err
			return
		}
		sampleIx = ix
		sampleEng = bot.New(ix, bot.Options{})
		sampleTexts = map[string]string{}
		for _, a := range loaded.Articles {
			sampleTexts[a.ID] = a.Text
		}
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleEng
}

// checkLimits fails t for any Discord limit a message breaks.
func checkLimits(t *testing.T, what string, m message) {
	t.Helper()
	if utf16Len(m.Content) > maxContent {
		t.Errorf("%s: content is %d characters", what, utf16Len(m.Content))
	}
	if len(m.Embeds) > maxEmbeds {
		t.Errorf("%s: %d embeds", what, len(m.Embeds))
	}
	total := 0
	for _, e := range m.Embeds {
		if utf16Len(e.Title) > maxTitle {
			t.Errorf("%s: title is %d characters", what, utf16Len(e.Title))
		}
		if utf16Len(e.Description) > maxDescription {
			t.Errorf("%s: description is %d characters", what, utf16Len(e.Description))
		}
		if len(e.Fields) > maxFields {
			t.Errorf("%s: %d fields", what, len(e.Fields))
		}
		for _, f := range e.Fields {
			if utf16Len(f.Name) > maxFieldName || f.Name == "" {
				t.Errorf("%s: field name %q is %d characters", what, f.Name, utf16Len(f.Name))
			}
			if utf16Len(f.Value) > maxFieldValue || f.Value == "" {
				t.Errorf("%s: field value is %d characters", what, utf16Len(f.Value))
			}
		}
		if e.Footer != nil && utf16Len(e.Footer.Text) > maxFooter {
			t.Errorf("%s: footer is %d characters", what, utf16Len(e.Footer.Text))
		}
		total += embedLen(e)
	}
	if total > maxEmbedTotal {
		t.Errorf("%s: embeds hold %d characters in all", what, total)
	}
	for _, row := range m.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		if len(r.Components) > 5 {
			t.Errorf("%s: %d buttons in a row", what, len(r.Components))
		}
		for _, c := range r.Components {
			if b, ok := c.(discordgo.Button); ok && (len(b.CustomID) > maxCustomID || len(b.Label) > maxButtonLabel) {
				t.Errorf("%s: button %q / %q over the limits", what, b.Label, b.CustomID)
			}
		}
	}
}

// quotedIn returns the words inside “…” of each block quote in v.
func quotedIn(v string) []string {
	var out []string
	for _, line := range strings.Split(v, "\n") {
		if rest, ok := strings.CutPrefix(line, "> “"); ok {
			if i := strings.LastIndex(rest, "”"); i >= 0 {
				out = append(out, unescapeMarkdown(rest[:i]))
			}
		}
	}
	return out
}
