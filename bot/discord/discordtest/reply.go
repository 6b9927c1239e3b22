package discordtest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Reply is a message as the bot sends it, in Discord's JSON: the data of an
// interaction callback, a webhook edit or follow-up, or a channel message.
type Reply struct {
	Content          string            `json:"content"`
	Embeds           []Embed           `json:"embeds"`
	Components       []Component       `json:"components"`
	Flags            int               `json:"flags"`
	TTS              bool              `json:"tts"`
	AllowedMentions  *AllowedMentions  `json:"allowed_mentions"`
	MessageReference *MessageReference `json:"message_reference"`
	Attachments      []json.RawMessage `json:"attachments"`
	// Choices is set in an autocomplete result (callback type 8).
	Choices []Choice `json:"choices"`
}

// Ephemeral reports the EPHEMERAL flag (1<<6).
func (r Reply) Ephemeral() bool { return r.Flags&64 != 0 }

// Embed is a rich embed.
type Embed struct {
	Type        string       `json:"type"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	URL         string       `json:"url"`
	Color       int          `json:"color"`
	Timestamp   string       `json:"timestamp"`
	Fields      []EmbedField `json:"fields"`
	Footer      *EmbedText   `json:"footer"`
	Author      *EmbedAuthor `json:"author"`
	Image       *EmbedImage  `json:"image"`
	Thumbnail   *EmbedImage  `json:"thumbnail"`
}

// EmbedField is one field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline"`
}

// EmbedText is an embed footer.
type EmbedText struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url"`
}

// EmbedAuthor is an embed author.
type EmbedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// EmbedImage is an embed image or thumbnail; URL may be
// "attachment://chart.png".
type EmbedImage struct {
	URL string `json:"url"`
}

// Component is an action row (type 1) or one of its components (type 2
// button, 3 string select...).
type Component struct {
	Type       int         `json:"type"`
	CustomID   string      `json:"custom_id"`
	Label      string      `json:"label"`
	Style      int         `json:"style"`
	URL        string      `json:"url"`
	Disabled   bool        `json:"disabled"`
	Components []Component `json:"components"`
}

// AllowedMentions is the allowed_mentions object; Parse empty (not nil)
// means no mention pings anyone.
type AllowedMentions struct {
	Parse       []string `json:"parse"`
	Users       []string `json:"users"`
	Roles       []string `json:"roles"`
	RepliedUser bool     `json:"replied_user"`
}

// MessageReference points a reply at the message it answers.
type MessageReference struct {
	MessageID       string `json:"message_id"`
	ChannelID       string `json:"channel_id"`
	GuildID         string `json:"guild_id"`
	FailIfNotExists *bool  `json:"fail_if_not_exists"`
}

// Choice is an autocomplete choice.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Discord's message limits, in characters (code points).
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // title, description, field names and values, footer and author of all embeds
	MaxActionRows       = 5
	MaxRowComponents    = 5
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
	MaxFiles            = 10
)

// Problem is one limit a message breaks, with the path of the field in
// Discord's error format ("embeds.0.fields.3.value").
type Problem struct {
	Path, Code, Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// ValidateError lists what Discord would refuse in a message.
type ValidateError struct{ Problems []Problem }

func (e *ValidateError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "discordtest: Invalid Form Body: " + strings.Join(parts, "; ")
}

// Validate checks a message against Discord's limits as the fake enforces
// them (it answers 400 Invalid Form Body when this fails). files is how many
// files came with it; create says the message is new (not an edit), and
// must then not be empty.
func Validate(r Reply, files int, create bool) error {
	var ps []Problem
	add := func(path, code, format string, a ...any) {
		ps = append(ps, Problem{Path: path, Code: code, Message: fmt.Sprintf(format, a...)})
	}
	maxLen := func(path, s string, n int) {
		if utf8.RuneCountInString(s) > n {
			add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", n)
		}
	}
	maxLen("content", r.Content, MaxContent)
	if create && r.Content == "" && len(r.Embeds) == 0 && len(r.Components) == 0 && files == 0 && len(r.Choices) == 0 {
		add("content", "MESSAGE_EMPTY", "Cannot send an empty message")
	}
	if len(r.Embeds) > MaxEmbeds {
		add("embeds", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxEmbeds)
	}
	total := 0
	for i, e := range r.Embeds {
		p := fmt.Sprintf("embeds.%d", i)
		maxLen(p+".title", e.Title, MaxEmbedTitle)
		maxLen(p+".description", e.Description, MaxEmbedDescription)
		total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		if len(e.Fields) > MaxEmbedFields {
			add(p+".fields", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxEmbedFields)
		}
		for j, f := range e.Fields {
			fp := fmt.Sprintf("%s.fields.%d", p, j)
			if f.Name == "" {
				add(fp+".name", "BASE_TYPE_REQUIRED", "This field is required")
			}
			if f.Value == "" {
				add(fp+".value", "BASE_TYPE_REQUIRED", "This field is required")
			}
			maxLen(fp+".name", f.Name, MaxFieldName)
			maxLen(fp+".value", f.Value, MaxFieldValue)
			total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
		if e.Footer != nil {
			maxLen(p+".footer.text", e.Footer.Text, MaxFooter)
			total += utf8.RuneCountInString(e.Footer.Text)
		}
		if e.Author != nil {
			maxLen(p+".author.name", e.Author.Name, MaxAuthorName)
			total += utf8.RuneCountInString(e.Author.Name)
		}
	}
	if total > MaxEmbedTotal {
		add("embeds", "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of %d", MaxEmbedTotal)
	}
	if len(r.Components) > MaxActionRows {
		add("components", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxActionRows)
	}
	ids := map[string]bool{}
	for i, row := range r.Components {
		p := fmt.Sprintf("components.%d", i)
		if row.Type != 1 {
			add(p+".type", "UNION_TYPE_CHOICES", "Top-level components must be action rows (type 1)")
			continue
		}
		if len(row.Components) == 0 || len(row.Components) > MaxRowComponents {
			add(p+".components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length.", MaxRowComponents)
		}
		for j, c := range row.Components {
			cp := fmt.Sprintf("%s.components.%d", p, j)
			maxLen(cp+".custom_id", c.CustomID, MaxCustomID)
			if c.Type == 2 {
				maxLen(cp+".label", c.Label, MaxButtonLabel)
				if c.Style == 5 {
					if c.URL == "" || c.CustomID != "" {
						add(cp, "BUTTON_COMPONENT_URL_REQUIRED", "A link button needs a url and no custom_id")
					}
					continue
				}
			}
			if c.CustomID == "" {
				add(cp+".custom_id", "BASE_TYPE_REQUIRED", "This field is required")
			} else if ids[c.CustomID] {
				add(cp+".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
			}
			ids[c.CustomID] = true
		}
	}
	if len(r.Choices) > MaxChoices {
		add("choices", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxChoices)
	}
	for i, c := range r.Choices {
		p := fmt.Sprintf("choices.%d", i)
		if n := utf8.RuneCountInString(c.Name); n == 0 || n > MaxChoiceName {
			add(p+".name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length.", MaxChoiceName)
		}
		if v, ok := c.Value.(string); ok && utf8.RuneCountInString(v) > MaxChoiceValue {
			add(p+".value", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxChoiceValue)
		}
	}
	if files > MaxFiles {
		add("files", "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", MaxFiles)
	}
	if len(ps) == 0 {
		return nil
	}
	return &ValidateError{Problems: ps}
}

// invalidFormBody is Discord's 400 answer for e, with errors nested by path
// as Discord nests them.
func invalidFormBody(e *ValidateError, prefix string) map[string]any {
	root := map[string]any{}
	for _, p := range e.Problems {
		path := p.Path
		if prefix != "" {
			path = prefix + "." + path
		}
		node := root
		for _, k := range strings.Split(path, ".") {
			next, ok := node[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[k] = next
			}
			node = next
		}
		errs, _ := node["_errors"].([]any)
		node["_errors"] = append(errs, map[string]any{"code": p.Code, "message": p.Message})
	}
	return map[string]any{"message": "Invalid Form Body", "code": 50035, "errors": root}
}
