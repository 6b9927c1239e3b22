package discordtest

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	row := func(cs ...Component) Component { return Component{Type: 1, Components: cs} }
	button := func(id string) Component { return Component{Type: 2, Style: 2, Label: "More", CustomID: id} }
	tests := []struct {
		name   string
		r      Reply
		files  int
		create bool
		path   string // "" when valid
	}{
		{"plain", Reply{Content: "hi"}, 0, true, ""},
		{"empty edit", Reply{}, 0, false, ""},
		{"file only", Reply{}, 1, true, ""},
		{"empty", Reply{}, 0, true, "content"},
		{"11 embeds", Reply{Embeds: make([]Embed, 11)}, 0, true, "embeds"},
		{"title", Reply{Embeds: []Embed{{Title: strings.Repeat("t", 257)}}}, 0, true, "embeds.0.title"},
		{"field name empty", Reply{Embeds: []Embed{{Fields: []EmbedField{{Value: "v"}}}}}, 0, true, "embeds.0.fields.0.name"},
		{"26 fields", Reply{Embeds: []Embed{{Fields: make([]EmbedField, 26)}}}, 0, true, "embeds.0.fields"},
		{"footer", Reply{Embeds: []Embed{{Footer: &EmbedText{Text: strings.Repeat("f", 2049)}}}}, 0, true, "embeds.0.footer.text"},
		{"buttons", Reply{Content: "x", Components: []Component{row(button("a"), button("b"))}}, 0, true, ""},
		{"bare button", Reply{Content: "x", Components: []Component{button("a")}}, 0, true, "components.0.type"},
		{"duplicate id", Reply{Content: "x", Components: []Component{row(button("a"), button("a"))}}, 0, true, "components.0.components.1.custom_id"},
		{"long id", Reply{Content: "x", Components: []Component{row(button(strings.Repeat("i", 101)))}}, 0, true, "components.0.components.0.custom_id"},
		{"link without url", Reply{Content: "x", Components: []Component{row(Component{Type: 2, Style: 5, Label: "Article"})}}, 0, true, "components.0.components.0"},
		{"six buttons", Reply{Content: "x", Components: []Component{row(button("1"), button("2"), button("3"), button("4"), button("5"), button("6"))}}, 0, true, "components.0.components"},
		{"choice name", Reply{Choices: []Choice{{Name: strings.Repeat("n", 101), Value: "v"}}}, 0, false, "choices.0.name"},
		{"choice value", Reply{Choices: []Choice{{Name: "n", Value: strings.Repeat("v", 101)}}}, 0, false, "choices.0.value"},
		{"11 files", Reply{Content: "x"}, 11, true, "files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.r, tt.files, tt.create)
			if tt.path == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *ValidateError
			if !errors.As(err, &ve) || ve.Problems[0].Path != tt.path {
				t.Fatalf("err = %v, want a problem at %s", err, tt.path)
			}
		})
	}
}

func TestInvalidFormBodyNests(t *testing.T) {
	b := invalidFormBody(&ValidateError{Problems: []Problem{{Path: "embeds.0.title", Code: "BASE_TYPE_MAX_LENGTH", Message: "m"}}}, "data")
	errs := b["errors"].(map[string]any)["data"].(map[string]any)["embeds"].(map[string]any)["0"].(map[string]any)["title"].(map[string]any)["_errors"].([]any)
	if len(errs) != 1 || b["code"] != 50035 {
		t.Fatalf("%v", b)
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, path string
		ok            bool
		param         string
	}{
		{"interactions/{id}/{token}/callback", "interactions/1/tok/callback", true, "1"},
		{"interactions/*/*/callback", "interactions/1/tok/callback", true, ""},
		{"webhooks/*/*", "webhooks/1/tok/messages/@original", false, ""},
		{"webhooks/**", "webhooks/1/tok/messages/@original", true, ""},
		{"/users/@me/", "users/@me", true, ""},
		{"gateway", "gateway/bot", false, ""},
	}
	for _, tt := range tests {
		p := matchPath(tt.pattern, tt.path)
		if (p != nil) != tt.ok || (tt.param != "" && p["id"] != tt.param) {
			t.Errorf("matchPath(%q, %q) = %v", tt.pattern, tt.path, p)
		}
	}
}
