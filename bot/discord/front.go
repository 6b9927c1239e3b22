package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
)

// Answerer is the answer engine as the front end uses it; *bot.Engine is one.
type Answerer interface {
	Answer(ctx context.Context, req bot.Request) bot.Response
	Complete(ctx context.Context, field, typed string) ([]string, error)
	Paragraph(ctx context.Context, article, snippet string) (para string, src bot.Source, ok bool, err error)
}

// Reindexer rebuilds the index, calling progress now and then, and returns
// one line for the admin who asked.
type Reindexer func(ctx context.Context, progress func(done, total int)) (string, error)

// Options configure a Front.
type Options struct {
	Engine Answerer
	Logger *slog.Logger
	// Reindex serves /reindex; nil leaves it to the engine.
	Reindex Reindexer
	// AdminRole, when set, is a role id an admin must also hold for
	// /reindex, beside the Manage Server permission.
	AdminRole string
	// AnswerWithin is how long an answer may take before the reply is
	// deferred (Discord drops an interaction not acknowledged in 3 s);
	// 1.5 s when zero.
	AnswerWithin time.Duration
	// FollowUpWindow is how long a user's last question is context for
	// the next one in the same channel; 5 minutes when zero.
	FollowUpWindow time.Duration
	// Chart draws a toll chart; TollChart when nil.
	Chart func(*bot.Chart) ([]byte, error)
}

// Front turns Discord interactions and messages into engine requests and
// the engine's responses into Discord replies. One Front serves both the
// gateway and the HTTP interactions endpoint.
type Front struct {
	eng   Answerer
	log   *slog.Logger
	opt   Options
	pages pageStore
	convo conversations

	inflight sync.WaitGroup
	closing  atomic.Bool
}

// New returns a front end for opt.Engine.
func New(opt Options) *Front {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.AnswerWithin <= 0 {
		opt.AnswerWithin = 1500 * time.Millisecond
	}
	if opt.FollowUpWindow <= 0 {
		opt.FollowUpWindow = 5 * time.Minute
	}
	if opt.Chart == nil {
		opt.Chart = TollChart
	}
	return &Front{eng: opt.Engine, log: opt.Logger, opt: opt}
}

// Drain stops taking new interactions and waits, until ctx is done, for
// those in flight to be answered.
func (f *Front) Drain(ctx context.Context) error {
	f.closing.Store(true)
	done := make(chan struct{})
	go func() { f.inflight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("discord: drain: %w", ctx.Err())
	}
}

// reply is how one interaction is answered: the first response (over the
// gateway a REST callback, over HTTP the HTTP response itself), then REST
// calls on the interaction's webhook.
type reply struct {
	in   *discordgo.Interaction
	rest *discordgo.Session
	// ack sends the first response; it is called once.
	ack func(*discordgo.InteractionResponse) error
	// files reports whether the first response may carry files.
	files bool
}

// interactionTimeout bounds the work for one interaction; a deferred
// reply's token stays valid for 15 minutes.
const interactionTimeout = 60 * time.Second

// handle answers one interaction. It never panics; a failure answers the
// user with one sentence and logs the cause.
func (f *Front) handle(ctx context.Context, r reply) {
	in := r.in
	log := f.log.With("interaction_type", int(in.Type), "guild_id", in.GuildID, "channel_id", in.ChannelID)
	defer func() {
		if p := recover(); p != nil {
			log.Error("discord: panic while handling an interaction", "panic", fmt.Sprint(p))
		}
	}()
	switch in.Type {
	case discordgo.InteractionPing:
		f.ack(log, r, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		f.autocomplete(ctx, log, r)
	case discordgo.InteractionApplicationCommand:
		f.command(ctx, log, r)
	case discordgo.InteractionMessageComponent:
		f.component(ctx, log, r)
	default:
		f.respond(log, r, textMessage("I can't handle that kind of interaction.", true))
	}
}

func (f *Front) ack(log *slog.Logger, r reply, resp *discordgo.InteractionResponse) bool {
	if err := r.ack(resp); err != nil {
		log.Error("discord: acknowledging an interaction", "err", err)
		return false
	}
	return true
}

// respond sends msg as the first response, and again as plain words when
// Discord refuses it (a missing permission, a payload it will not take).
func (f *Front) respond(log *slog.Logger, r reply, msg message) {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: msg.responseData()}
	err := r.ack(resp)
	if err != nil && refused(err) {
		log.Warn("discord: reply refused; sending it as plain words", "err", err)
		err = r.ack(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: msg.plain().responseData()})
	}
	if err != nil {
		log.Error("discord: replying to an interaction", "err", err)
	}
}

// edit replaces the deferred reply with msg, again as plain words when
// Discord refuses it.
func (f *Front) edit(ctx context.Context, log *slog.Logger, r reply, msg message) {
	_, err := r.rest.InteractionResponseEdit(r.in, msg.webhookEdit(), discordgo.WithContext(ctx))
	if err != nil && refused(err) {
		log.Warn("discord: edit refused; sending it as plain words", "err", err)
		_, err = r.rest.InteractionResponseEdit(r.in, msg.plain().webhookEdit(), discordgo.WithContext(ctx))
	}
	if err != nil {
		log.Error("discord: editing a deferred reply", "err", err)
	}
}

// refused reports a reply Discord would not take as it was.
func refused(err error) bool {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode == http.StatusForbidden || re.Response.StatusCode == http.StatusBadRequest
	}
	return false
}

// answer asks the engine and replies at once when the answer is ready in
// time; otherwise it defers and edits the reply when the answer comes.
func (f *Front) answer(ctx context.Context, log *slog.Logger, r reply, req bot.Request, remember func(bot.Response)) {
	type result struct {
		msg  message
		resp bot.Response
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				log.Error("discord: panic while answering", "panic", fmt.Sprint(p))
				done <- result{msg: textMessage("Something went wrong on my side while answering; the error is logged. Please try again.", true)}
			}
		}()
		resp := f.eng.Answer(ctx, req)
		done <- result{msg: f.renderResponse(ctx, log, resp), resp: resp}
	}()
	timer := time.NewTimer(f.opt.AnswerWithin)
	defer timer.Stop()
	select {
	case res := <-done:
		if len(res.msg.Files) == 0 || r.files {
			f.respond(log, r, res.msg)
			if remember != nil {
				remember(res.resp)
			}
			return
		}
		// a file cannot ride on the HTTP response: defer, then edit
		if !f.ack(log, r, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}) {
			return
		}
		f.edit(ctx, log, r, res.msg)
		if remember != nil {
			remember(res.resp)
		}
	case <-timer.C:
		if !f.ack(log, r, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}) {
			return
		}
		var res result
		select {
		case res = <-done:
		case <-ctx.Done():
			res.msg = textMessage("That took too long to answer; please try a narrower question.", true)
		}
		if res.msg.Ephemeral {
			// the deferred reply is public; the error goes to the asker alone
			if err := r.rest.InteractionResponseDelete(r.in, discordgo.WithContext(ctx)); err != nil {
				log.Warn("discord: removing a deferred reply", "err", err)
			}
			if _, err := r.rest.FollowupMessageCreate(r.in, false, res.msg.webhookParams(), discordgo.WithContext(ctx)); err != nil {
				log.Error("discord: sending an error follow-up", "err", err)
			}
			return
		}
		f.edit(ctx, log, r, res.msg)
		if remember != nil {
			remember(res.resp)
		}
	}
}

// renderResponse lays out resp with its buttons and chart.
func (f *Front) renderResponse(ctx context.Context, log *slog.Logger, resp bot.Response) message {
	o := renderOptions{}
	if resp.Cursor != "" {
		o.MoreID = f.pages.id(resp.Cursor)
	}
	o.ContextID = func(i int, a bot.Answer) string {
		if a.Quote == "" || a.Source.Article == "" {
			return ""
		}
		return fmt.Sprintf("ctx:%d:%s", i, a.Source.Article)
	}
	if resp.Chart != nil && len(resp.Chart.Points) >= 2 {
		png, err := f.opt.Chart(resp.Chart)
		if err != nil {
			log.Debug("discord: no chart", "err", err)
		} else {
			o.Chart = png
		}
	}
	return render(resp, o)
}

// command answers a slash command.
func (f *Front) command(ctx context.Context, log *slog.Logger, r reply) {
	data, ok := r.in.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		f.respond(log, r, textMessage("I couldn't read that command.", true))
		return
	}
	log = log.With("command", data.Name)
	cmd, known := findCommand(data.Name)
	if !known {
		f.respond(log, r, textMessage(fmt.Sprintf("I don't know /%s. Try /help.", data.Name), true))
		return
	}
	text, err := commandText(cmd, data.Options)
	if err != nil {
		f.respond(log, r, textMessage(err.Error(), true))
		return
	}
	user := interactionUser(r.in)
	if cmd.AdminOnly {
		if !f.isAdmin(r.in) {
			f.respond(log, r, textMessage("Only admins (Manage Server"+f.roleNote()+") can rebuild the index.", true))
			return
		}
		user.Admin = true
		if f.opt.Reindex != nil {
			f.reindex(ctx, log, r)
			return
		}
	}
	key := convoKey(r.in.ChannelID, user.ID)
	req := bot.Request{Text: text, User: user, Previous: f.convo.previous(key, f.opt.FollowUpWindow)}
	f.answer(ctx, log, r, req, func(resp bot.Response) {
		if resp.Intent != bot.IntentError {
			f.convo.remember(key, text)
		}
	})
}

func (f *Front) roleNote() string {
	if f.opt.AdminRole != "" {
		return " and the admin role"
	}
	return ""
}

// isAdmin: the member may manage the server (or is an administrator) and,
// when an admin role is configured, holds it. A DM is never an admin's.
func (f *Front) isAdmin(in *discordgo.Interaction) bool {
	if in.Member == nil {
		return false
	}
	perms := in.Member.Permissions
	if perms&discordgo.PermissionManageServer == 0 && perms&discordgo.PermissionAdministrator == 0 {
		return false
	}
	if f.opt.AdminRole == "" {
		return true
	}
	for _, r := range in.Member.Roles {
		if r == f.opt.AdminRole {
			return true
		}
	}
	return false
}

// reindex rebuilds the index for an admin, showing progress in the
// deferred, ephemeral reply.
func (f *Front) reindex(ctx context.Context, log *slog.Logger, r reply) {
	if !f.ack(log, r, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}) {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 14*time.Minute)
	defer cancel()
	var mu sync.Mutex
	last := time.Now()
	progress := func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 2*time.Second {
			return
		}
		last = time.Now()
		f.edit(ctx, log, r, textMessage(fmt.Sprintf("Rebuilding the index: %d of %d articles…", done, total), true))
	}
	msg, err := f.opt.Reindex(ctx, progress)
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		log.Error("discord: reindex failed", "err", err)
		f.edit(ctx, log, r, textMessage("The rebuild failed; the error is logged and the old index keeps answering.", true))
		return
	}
	log.Info("discord: reindex done", "result", msg)
	f.edit(ctx, log, r, textMessage(msg, true))
}

// autocomplete offers known speakers or places for the focused option.
func (f *Front) autocomplete(ctx context.Context, log *slog.Logger, r reply) {
	data, _ := r.in.Data.(discordgo.ApplicationCommandInteractionData)
	var field, typed string
	for _, o := range flatten(data.Options) {
		if o.Focused {
			field, typed = o.Name, fmt.Sprint(o.Value)
		}
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if field == "speaker" || field == "place" {
		got, err := f.eng.Complete(ctx, field, typed)
		if err != nil {
			log.Warn("discord: autocomplete", "field", field, "err", err)
		}
		for _, n := range got {
			if len(choices) == bot.MaxChoices {
				break
			}
			n = cutText(n, maxChoiceName)
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
		}
	}
	f.ack(log, r, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices}})
}

// component answers a button: More pages on, Context shows a quote's
// paragraph to the one who asked.
func (f *Front) component(ctx context.Context, log *slog.Logger, r reply) {
	data, _ := r.in.Data.(discordgo.MessageComponentInteractionData)
	id := data.CustomID
	log = log.With("button", strings.SplitN(id, ":", 2)[0])
	switch {
	case strings.HasPrefix(id, "more"):
		cursor, ok := f.pages.cursor(id)
		if !ok {
			f.respond(log, r, textMessage("That “More” button has expired; please ask again.", true))
			return
		}
		f.answer(ctx, log, r, bot.Request{Cursor: cursor, User: interactionUser(r.in)}, nil)
	case strings.HasPrefix(id, "ctx:"):
		f.context(ctx, log, r, id)
	default:
		f.respond(log, r, textMessage("That button has expired; please ask again.", true))
	}
}

func (f *Front) context(ctx context.Context, log *slog.Logger, r reply, id string) {
	var n int
	var article string
	parts := strings.SplitN(id, ":", 3)
	if len(parts) == 3 {
		article = parts[2]
		fmt.Sscan(parts[1], &n)
	}
	snippet := ""
	if m := r.in.Message; m != nil && len(m.Embeds) > 0 && n >= 0 && n < len(m.Embeds[0].Fields) {
		snippet = shownWords(m.Embeds[0].Fields[n].Value)
	}
	if article == "" || snippet == "" {
		f.respond(log, r, textMessage("That button has expired; please ask again.", true))
		return
	}
	para, src, ok, err := f.eng.Paragraph(ctx, article, snippet)
	if err != nil {
		log.Error("discord: context paragraph", "err", err)
		f.respond(log, r, textMessage("I couldn't fetch the paragraph; the error is logged.", true))
		return
	}
	if !ok {
		f.respond(log, r, textMessage("That article is no longer in the archive.", true))
		return
	}
	kept, cut := cutSentences(para, maxDescription-40, escape)
	desc := "> " + strings.ReplaceAll(escape(kept), "\n", "\n> ")
	if cut {
		desc += " …"
	}
	e := &discordgo.MessageEmbed{Title: "Context", Description: desc, Color: embedColor,
		Fields: []*discordgo.MessageEmbedField{{Name: "Source", Value: sourceLine(bot.Answer{Source: src})}}}
	f.respond(log, r, message{Embeds: []*discordgo.MessageEmbed{e}, Ephemeral: true})
}

// shownWords reads back the words a field showed, before its source line.
func shownWords(v string) string {
	body, _, _ := strings.Cut(v, "\n— ")
	body = strings.ReplaceAll(body, "\n> ", " ")
	body = strings.TrimPrefix(body, "> ")
	body = strings.TrimSuffix(body, " …")
	body = strings.ReplaceAll(body, "**", "")
	body = strings.TrimPrefix(body, "“")
	body = strings.TrimSuffix(body, "”")
	return strings.TrimSpace(unescapeMarkdown(body))
}

func interactionUser(in *discordgo.Interaction) bot.User {
	var u *discordgo.User
	if in.Member != nil && in.Member.User != nil {
		u = in.Member.User
	} else if in.User != nil {
		u = in.User
	}
	if u == nil {
		return bot.User{}
	}
	return bot.User{ID: u.ID, Name: u.Username}
}

// pageStore maps More buttons to engine cursors. A cursor short enough
// rides in the button's custom id itself, so the button works after a
// restart; a longer one is kept here, and a button whose cursor is gone
// says so.
type pageStore struct {
	mu    sync.Mutex
	byKey map[string]string
	order []string
}

const maxPages = 10000

func (p *pageStore) id(cursor string) string {
	if id := "more:" + cursor; len(id) <= maxCustomID {
		return id
	}
	sum := sha256.Sum256([]byte(cursor))
	key := hex.EncodeToString(sum[:12])
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byKey == nil {
		p.byKey = map[string]string{}
	}
	if _, ok := p.byKey[key]; !ok {
		p.byKey[key] = cursor
		p.order = append(p.order, key)
		if len(p.order) > maxPages {
			delete(p.byKey, p.order[0])
			p.order = p.order[1:]
		}
	}
	return "more~" + key
}

func (p *pageStore) cursor(id string) (string, bool) {
	if c, ok := strings.CutPrefix(id, "more:"); ok {
		return c, c != ""
	}
	key, ok := strings.CutPrefix(id, "more~")
	if !ok {
		return "", false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.byKey[key]
	return c, ok
}

// conversations keeps each user's last question per channel, so that "and
// in Idlib?" is read against it.
type conversations struct {
	mu   sync.Mutex
	last map[string]turn
}

type turn struct {
	text string
	at   time.Time
}

const maxConversations = 10000

func convoKey(channel, user string) string { return channel + "/" + user }

func (c *conversations) previous(key string, window time.Duration) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.last[key]
	if !ok || time.Since(t.at) > window {
		return ""
	}
	return t.text
}

func (c *conversations) remember(key, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last == nil {
		c.last = map[string]turn{}
	}
	if len(c.last) >= maxConversations {
		// forget the stale ones; at worst a follow-up loses its context
		for k, t := range c.last {
			if time.Since(t.at) > 10*time.Minute {
				delete(c.last, k)
			}
		}
		if len(c.last) >= maxConversations {
			c.last = map[string]turn{}
		}
	}
	c.last[key] = turn{text: text, at: time.Now()}
}
