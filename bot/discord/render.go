package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
)

// Discord's message limits, in characters (Discord counts UTF-16 code
// units; counting runes is stricter for everything but astral characters,
// which count as two there, so limits are checked with utf16Len).
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFields      = 25
	maxFooter      = 2048
	maxEmbedTotal  = 6000
	maxEmbeds      = 10
	maxCustomID    = 100
	maxButtonLabel = 80
	maxChoiceName  = 100
)

// embedColor is the bar colour of answer embeds; errors use errorColor.
const (
	embedColor = 0x2b6cb0
	errorColor = 0xc53030
)

// message is a reply before it is given to one of discordgo's send calls.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Files      []*discordgo.File
	Ephemeral  bool
}

// noMentions is sent with every reply: an article that says "@everyone" or
// "<@123>" pings no one.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (m message) flags() discordgo.MessageFlags {
	if m.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (m message) responseData() *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content: m.Content, Embeds: m.Embeds, Components: m.Components, Files: m.Files,
		Flags: m.flags(), AllowedMentions: noMentions(),
	}
}

func (m message) webhookEdit() *discordgo.WebhookEdit {
	content := m.Content
	embeds := m.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := m.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, Files: m.Files, AllowedMentions: noMentions()}
}

func (m message) webhookParams() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{Content: m.Content, Embeds: m.Embeds, Components: m.Components, Files: m.Files,
		Flags: m.flags(), AllowedMentions: noMentions()}
}

func (m message) send(ref *discordgo.MessageReference) *discordgo.MessageSend {
	return &discordgo.MessageSend{Content: m.Content, Embeds: m.Embeds, Components: m.Components, Files: m.Files,
		Reference: ref, AllowedMentions: noMentions()}
}

// plain is the same reply as words only: no embeds, files or buttons. It is
// what is sent again when Discord refuses the full reply (a channel without
// Embed Links or Attach Files).
func (m message) plain() message {
	if m.Content != "" && len(m.Embeds) == 0 {
		return message{Content: m.Content, Ephemeral: m.Ephemeral}
	}
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString(embedText(e))
	}
	return message{Content: cutAtLine(b.String(), maxContent), Ephemeral: m.Ephemeral}
}

// embedText writes an embed as Markdown lines, for a plain reply.
func embedText(e *discordgo.MessageEmbed) string {
	var b strings.Builder
	if e.Title != "" {
		fmt.Fprintf(&b, "**%s**\n", e.Title)
	}
	if e.Description != "" {
		b.WriteString(e.Description + "\n")
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "**%s**\n%s\n", f.Name, f.Value)
	}
	if e.Footer != nil && e.Footer.Text != "" {
		b.WriteString("-# " + e.Footer.Text + "\n")
	}
	return b.String()
}

// renderOptions are what a page of answers needs beyond the response.
type renderOptions struct {
	// MoreID is the More button's custom id; "" for no button.
	MoreID string
	// ContextID returns the custom id of answer i's Context button, or ""
	// for none.
	ContextID func(i int, a bot.Answer) string
	// Chart is the toll chart's PNG, attached and shown in the embed.
	Chart []byte
}

const chartName = "toll-chart.png"

// render lays out a response as one embed: the headline as the title (its
// further lines, such as the toll trail, in the description), an answer per
// field (quote or evidence as a block quote, then the source line), notes
// and suggestions after them. Every Discord limit is kept; what does not fit
// is left out whole, never cut inside a quote, and counted in "and N more".
func render(r bot.Response, o renderOptions) message {
	if r.Intent == bot.IntentError {
		return message{Embeds: []*discordgo.MessageEmbed{{
			Description: cutText(escape(r.Headline), maxDescription), Color: errorColor,
		}}, Ephemeral: true}
	}
	e := &discordgo.MessageEmbed{Color: embedColor}
	head, rest, _ := strings.Cut(strings.TrimSpace(r.Headline), "\n")
	if utf16Len(head) > maxTitle {
		rest = strings.TrimSpace(head + "\n" + rest)
		head = cutText(head, maxTitle)
	}
	e.Title = head
	var desc []string
	if rest = strings.TrimSpace(rest); rest != "" {
		desc = append(desc, escape(rest))
	}
	for _, n := range r.Notes {
		desc = append(desc, escape(n))
	}
	if len(r.Suggestions) > 0 {
		desc = append(desc, "Did you mean: "+escape(strings.Join(r.Suggestions, ", "))+"?")
	}
	e.Description = cutAtLine(strings.Join(desc, "\n"), maxDescription)
	if len(o.Chart) > 0 {
		e.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + chartName}
	}
	total := utf16Len(e.Title) + utf16Len(e.Description)
	shown := 0
	const footerRoom = 120 // kept for the footer written below
	for i, a := range r.Answers {
		f := answerField(shown+1, a, r.Intent)
		n := utf16Len(f.Name) + utf16Len(f.Value)
		if len(e.Fields) == maxFields || total+n > maxEmbedTotal-footerRoom {
			break
		}
		e.Fields = append(e.Fields, f)
		total += n
		shown = i + 1
	}
	var foot []string
	if left := len(r.Answers) - shown; left > 0 {
		foot = append(foot, fmt.Sprintf("and %d more on this page that did not fit", left))
	}
	if r.Cursor != "" {
		foot = append(foot, "more answers: press More")
	}
	if len(foot) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: cutText(strings.Join(foot, " · "), maxFooter)}
	}
	msg := message{Embeds: []*discordgo.MessageEmbed{e}}
	if len(o.Chart) > 0 {
		msg.Files = []*discordgo.File{{Name: chartName, ContentType: "image/png", Reader: strings.NewReader(string(o.Chart))}}
	}
	var buttons []discordgo.MessageComponent
	if o.ContextID != nil {
		for i, a := range r.Answers[:shown] {
			if len(buttons) == 4 {
				break
			}
			if id := o.ContextID(i, a); id != "" && len(id) <= maxCustomID {
				buttons = append(buttons, discordgo.Button{Label: fmt.Sprintf("Context %d", i+1), Style: discordgo.SecondaryButton, CustomID: id})
			}
		}
	}
	if o.MoreID != "" && len(o.MoreID) <= maxCustomID {
		buttons = append(buttons, discordgo.Button{Label: "More", Style: discordgo.PrimaryButton, CustomID: o.MoreID})
	}
	if len(buttons) > 0 {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return msg
}

// answerField is one answer: who or what in the name; the words, verbatim,
// as a block quote, then where they come from.
func answerField(n int, a bot.Answer, intent string) *discordgo.MessageEmbedField {
	var name string
	switch {
	case intent == bot.IntentSearch || intent == bot.IntentSources:
		// the passage is the value; the name says where it is from
		name = a.Source.Title
		if name == "" {
			name = a.Source.Article
		}
		if intent == bot.IntentSources {
			name = a.Text
		}
	case a.Speaker != "":
		name = a.Speaker
		if a.Role != "" {
			name += ", " + a.Role
		}
	default:
		name = a.Text
		if i := strings.LastIndex(name, " — "); i > 0 {
			name = name[:i]
		}
		name = strings.ReplaceAll(name, "**", "")
	}
	name = cutText(fmt.Sprintf("%d. %s", n, oneLine(name)), maxFieldName)

	src := sourceLine(a)
	room := maxFieldValue - utf16Len(src) - 1
	var body string
	switch {
	case a.Quote != "" && a.Kind == "direct":
		body = quoteBlock(a.Quote, room)
	case a.Evidence != "":
		body = evidenceBlock(a.Evidence, a.Highlights, room)
	case a.Quote != "":
		body = quoteBlock(a.Quote, room)
	default:
		body = cutText(escape(a.Text), room)
	}
	return &discordgo.MessageEmbedField{Name: name, Value: body + "\n" + src}
}

// quoteBlock shows a quote in quotation marks as a block quote. A quote too
// long for room is cut after a whole sentence, and the ellipsis stands
// outside the quotation marks: what is inside them is the speaker's words.
func quoteBlock(q string, room int) string {
	q = strings.TrimSpace(q)
	const frame = len("> “”") + len(" …")
	kept, cut := cutSentences(q, room-frame, escape)
	s := "> “" + escape(kept) + "”"
	if cut {
		s += " …"
	}
	return s
}

// evidenceBlock shows the sentence a fact stands in, with the words that
// matched a search in bold.
func evidenceBlock(ev string, hl [][2]int, room int) string {
	ev = strings.TrimSpace(ev)
	const frame = len("> ") + len(" …")
	kept, cut := cutSentences(ev, room-frame-4*len(hl), escape)
	var b strings.Builder
	b.WriteString("> ")
	at := 0
	for _, h := range hl {
		if h[0] < at || h[1] > len(kept) || h[0] >= h[1] {
			continue
		}
		b.WriteString(escape(kept[at:h[0]]))
		b.WriteString("**" + escape(kept[h[0]:h[1]]) + "**")
		at = h[1]
	}
	b.WriteString(escape(kept[at:]))
	if cut {
		b.WriteString(" …")
	}
	return strings.ReplaceAll(b.String(), "\n", "\n> ")
}

// sourceLine names the article: title (a link when it has a URL), outlet,
// date, id; and how many other articles carry the same words.
func sourceLine(a bot.Answer) string {
	s := a.Source
	var parts []string
	title := s.Title
	if title == "" {
		title = s.Article
	}
	title = cutText(oneLine(title), 200)
	if s.URL != "" && (strings.HasPrefix(s.URL, "https://") || strings.HasPrefix(s.URL, "http://")) && len(s.URL) < 400 {
		parts = append(parts, "["+escapeLink(title)+"]("+strings.ReplaceAll(s.URL, ")", "%29")+")")
	} else {
		parts = append(parts, "*"+escape(title)+"*")
	}
	if s.Outlet != "" {
		parts = append(parts, escape(cutText(oneLine(s.Outlet), 80)))
	}
	if s.Date != "" {
		parts = append(parts, s.Date)
	} else {
		parts = append(parts, "undated")
	}
	if s.Title != "" && s.Article != "" {
		parts = append(parts, "`"+strings.ReplaceAll(cutText(s.Article, 80), "`", "'")+"`")
	}
	line := "— " + strings.Join(parts, " · ")
	if len(a.Also) > 0 {
		line += fmt.Sprintf(" (also in %d other article%s)", len(a.Also), plural(len(a.Also)))
	}
	return line
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cutSentences returns the longest prefix of s, ending after a sentence,
// whose shown form (after esc) is within room; failing a whole sentence,
// the longest prefix ending at a word. cut reports that something was left.
func cutSentences(s string, room int, esc func(string) string) (kept string, cut bool) {
	if utf16Len(esc(s)) <= room {
		return s, false
	}
	best := -1
	for i := 0; i < len(s); i++ {
		if !isSentenceEnd(s, i) {
			continue
		}
		end := i + 1
		for end < len(s) && strings.ContainsRune("\"”’')", rune(s[end])) {
			end++
		}
		if utf16Len(esc(s[:end])) > room {
			break
		}
		best = end
	}
	if best <= 0 {
		// no whole sentence fits: keep whole words
		for i := 0; i < len(s); i++ {
			if s[i] != ' ' {
				continue
			}
			if utf16Len(esc(s[:i])) > room {
				break
			}
			best = i
		}
	}
	if best <= 0 {
		return "", true
	}
	return strings.TrimSpace(s[:best]), true
}

func isSentenceEnd(s string, i int) bool {
	switch s[i] {
	case '.', '!', '?':
	default:
		return false
	}
	j := i + 1
	for j < len(s) && strings.ContainsRune("\"”’')", rune(s[j])) {
		j++
	}
	return j == len(s) || s[j] == ' ' || s[j] == '\n'
}

// cutText shortens s to at most max characters at a word, with an ellipsis.
// It is for names and headlines, never for quoted words.
func cutText(s string, max int) string {
	if utf16Len(s) <= max {
		return s
	}
	rs := []rune(s)
	n := max - 1
	for n > 0 && utf16Len(string(rs[:n])) > max-1 {
		n--
	}
	cut := string(rs[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// cutAtLine shortens s to max characters at a line break.
func cutAtLine(s string, max int) string {
	if utf16Len(s) <= max {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		add := l
		if i > 0 {
			add = "\n" + l
		}
		if utf16Len(b.String()+add)+len("\n…") > max {
			break
		}
		b.WriteString(add)
	}
	if b.Len() == 0 {
		return cutText(s, max)
	}
	return b.String() + "\n…"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// escape keeps article text from being read as Markdown or as a mention:
// the reader sees the characters the article has.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '_', '~', '`', '|', '[', ']':
			b.WriteByte('\\')
		case '<':
			if i+1 < len(s) && (s[i+1] == '@' || s[i+1] == '#' || s[i+1] == ':' || s[i+1] == 't') {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func escapeLink(s string) string {
	return strings.NewReplacer("[", "(", "]", ")").Replace(escape(s))
}

// unescapeMarkdown undoes escape, to read back the words a reply showed.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// utf16Len counts s as Discord does, in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// embedLen is what an embed counts against the 6,000-character limit.
func embedLen(e *discordgo.MessageEmbed) int {
	n := utf16Len(e.Title) + utf16Len(e.Description)
	for _, f := range e.Fields {
		n += utf16Len(f.Name) + utf16Len(f.Value)
	}
	if e.Footer != nil {
		n += utf16Len(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf16Len(e.Author.Name)
	}
	return n
}

// textMessage is a reply of one sentence.
func textMessage(s string, ephemeral bool) message {
	return message{Content: cutText(s, maxContent), Ephemeral: ephemeral}
}
