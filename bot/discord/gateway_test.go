package discord

import (
	"bytes"
	"context"
	"image/png"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/newsbot/bot"
	dt "github.com/newsroom/newsbot/bot/discord/discordtest"
)

// syncBuffer collects log lines written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type gatewayRig struct {
	srv  *dt.Server
	gw   *Gateway
	f    *Front
	logs *syncBuffer
	ctx  context.Context
}

// newGatewayRig connects the real discordgo client, through a Front over
// the sample, to an in-process fake Discord.
func newGatewayRig(t *testing.T, opt Options) *gatewayRig {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	srv := dt.New(dt.Options{})
	t.Cleanup(srv.Close)
	logs := &syncBuffer{}
	log := slog.New(Redact(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}), "faketoken"))
	s, err := NewSession("faketoken", srv.APIBase(), log)
	if err != nil {
		t.Fatal(err)
	}
	if opt.Engine == nil {
		opt.Engine = sampleEngine(t)
	}
	opt.Logger = log
	f := New(opt)
	gw := f.Gateway(s, srv.Options().GuildID, "")
	if err := gw.Open(ctx); err != nil {
		t.Fatalf("gateway open: %v\n%s", err, logs)
	}
	t.Cleanup(func() { gw.Close() })
	return &gatewayRig{srv: srv, gw: gw, f: f, logs: logs, ctx: ctx}
}

func (r *gatewayRig) dispatch(t *testing.T, name string, ev map[string]any) {
	t.Helper()
	if err := r.srv.Dispatch(name, ev); err != nil {
		t.Fatal(err)
	}
}

func (r *gatewayRig) wait(t *testing.T, method, pattern string) dt.Request {
	t.Helper()
	req, err := r.srv.WaitRequest(r.ctx, method, pattern)
	if err != nil {
		t.Fatalf("waiting for %s %s: %v\nlog:\n%s", method, pattern, err, r.logs)
	}
	return req
}

func replyOf(t *testing.T, req dt.Request) dt.Reply {
	t.Helper()
	rep, err := req.Reply()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func replyText(rep dt.Reply) string {
	var b strings.Builder
	b.WriteString(rep.Content)
	for _, e := range rep.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	return b.String()
}

func TestGatewayEndToEnd(t *testing.T) {
	var reindexed sync.WaitGroup
	reindexed.Add(1)
	r := newGatewayRig(t, Options{Reindex: func(ctx context.Context, progress func(done, total int)) (string, error) {
		defer reindexed.Done()
		progress(5, 5)
		return "Index rebuilt: 5 articles.", nil
	}})
	srv := r.srv

	// registration: one bulk overwrite of exactly our commands, in the guild
	put := r.wait(t, "PUT", "applications/*/guilds/*/commands")
	var cmds []map[string]any
	if err := put.Decode(&cmds); err != nil || len(cmds) != len(bot.Commands) {
		t.Fatalf("PUT commands: %v, %d commands", err, len(cmds))
	}
	if in := srv.Intents(); in&dt.IntentMessageContent != 0 || in == 0 {
		t.Errorf("identify intents %b: the privileged message-content intent was asked for", in)
	}

	// a command answered at once, quote verbatim, source line
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("quote", dt.StringOption("speaker", "Peskov")))
	cb := r.wait(t, "POST", "interactions/*/*/callback")
	if cb.CallbackType() != 4 {
		t.Fatalf("quote callback type %d", cb.CallbackType())
	}
	rep := replyOf(t, cb)
	text := replyText(rep)
	if !strings.Contains(text, "“We of course continue to support Bashar Al Assad") || !strings.Contains(text, "Dmitry Peskov") || !strings.Contains(text, "— ") {
		t.Errorf("quote reply:\n%s", text)
	}
	if rep.AllowedMentions == nil || len(rep.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed mentions %+v", rep.AllowedMentions)
	}

	// the toll: trail in the description, the chart attached and shown
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("toll"))
	cb = r.wait(t, "POST", "interactions/*/*/callback")
	rep = replyOf(t, cb)
	if text := replyText(rep); !strings.Contains(text, "514") || !strings.Contains(text, "→") {
		t.Errorf("toll reply:\n%s", text)
	}
	file, ok := cb.File(chartName)
	if !ok {
		t.Fatalf("toll reply carries no chart; files %+v", cb.Files)
	}
	if _, err := png.Decode(bytes.NewReader(file.Data)); err != nil {
		t.Errorf("chart is not a PNG: %v", err)
	}
	if len(rep.Embeds) == 0 || rep.Embeds[0].Image == nil || rep.Embeds[0].Image.URL != "attachment://"+chartName {
		t.Errorf("chart not shown in the embed: %+v", rep.Embeds)
	}

	// control, and autocomplete
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("control", dt.StringOption("place", "Aleppo")))
	if text := replyText(replyOf(t, r.wait(t, "POST", "interactions/*/*/callback"))); !strings.Contains(text, "Hayat Tahrir al-Sham") {
		t.Errorf("control reply:\n%s", text)
	}
	r.dispatch(t, "INTERACTION_CREATE", srv.Autocomplete("control", dt.Focused(dt.StringOption("place", "alep"))))
	cb = r.wait(t, "POST", "interactions/*/*/callback")
	if rep := replyOf(t, cb); cb.CallbackType() != 8 || len(rep.Choices) == 0 || rep.Choices[0].Name != "Aleppo" {
		t.Errorf("autocomplete: type %d choices %+v", cb.CallbackType(), rep.Choices)
	}

	// /reindex: refused to a plain member, done for an admin with progress
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("reindex"))
	if rep := replyOf(t, r.wait(t, "POST", "interactions/*/*/callback")); !rep.Ephemeral() || !strings.Contains(replyText(rep), "Only admins") {
		t.Errorf("reindex by a member: %+v", rep)
	}
	r.dispatch(t, "INTERACTION_CREATE", dt.WithPermissions(srv.SlashCommand("reindex"), dt.PermManageGuild|dt.DefaultPermissions))
	if cb := r.wait(t, "POST", "interactions/*/*/callback"); cb.CallbackType() != 5 {
		t.Errorf("reindex not deferred: type %d", cb.CallbackType())
	}
	reindexed.Wait()
	for {
		edit := r.wait(t, "PATCH", "webhooks/*/*/messages/@original")
		if strings.Contains(replyText(replyOf(t, edit)), "Index rebuilt: 5 articles.") {
			break
		}
	}

	// a mention is answered as a reply to it; a DM too
	r.dispatch(t, "MESSAGE_CREATE", srv.Mention("who controls Aleppo?"))
	msg := r.wait(t, "POST", "channels/*/messages")
	rep = replyOf(t, msg)
	if rep.MessageReference == nil || !strings.Contains(replyText(rep), "Aleppo") {
		t.Errorf("mention reply: %+v", rep)
	}
	r.dispatch(t, "MESSAGE_CREATE", srv.DirectMessage("What did Peskov say?"))
	if rep := replyOf(t, r.wait(t, "POST", "channels/*/messages")); !strings.Contains(replyText(rep), "Peskov") {
		t.Errorf("DM reply: %s", replyText(rep))
	}

	// not for the bot, its own and another bot's messages get no answer;
	// a mention after them is the next message sent
	r.dispatch(t, "MESSAGE_CREATE", srv.ChannelMessage("what did Peskov say?"))
	r.dispatch(t, "MESSAGE_CREATE", srv.OwnMessage("what did Peskov say?"))
	r.dispatch(t, "MESSAGE_CREATE", srv.BotMessage("what did Peskov say?"))
	r.dispatch(t, "MESSAGE_CREATE", srv.Mention("/search airport"))
	if rep := replyOf(t, r.wait(t, "POST", "channels/*/messages")); !strings.Contains(replyText(rep), "Airport") {
		t.Errorf("a message not meant for the bot was answered first: %s", replyText(rep))
	}

	// a dropped socket: discordgo RESUMEs and commands still work
	if !srv.DropConnection() {
		t.Fatal("no connection to drop")
	}
	if _, err := srv.WaitResume(r.ctx); err != nil {
		t.Fatalf("no RESUME: %v", err)
	}
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("help"))
	if rep := replyOf(t, r.wait(t, "POST", "interactions/*/*/callback")); !strings.Contains(replyText(rep), "/quote") {
		t.Errorf("help after RESUME: %s", replyText(rep))
	}

	// a 429 on the reply is waited out and the reply sent
	srv.RateLimitNext("POST", "interactions/*/*/callback", 200*time.Millisecond)
	r.dispatch(t, "INTERACTION_CREATE", srv.SlashCommand("sources"))
	first := r.wait(t, "POST", "interactions/*/*/callback")
	if first.Status != 429 {
		t.Errorf("first try status %d, want the injected 429", first.Status)
	}
	if again := r.wait(t, "POST", "interactions/*/*/callback"); again.Status/100 != 2 || !strings.Contains(replyText(replyOf(t, again)), "articles") {
		t.Errorf("after 429: status %d", again.Status)
	}

	// a reply refused (no Embed Links / Attach Files) goes again as words
	srv.FailNext("POST", "channels/*/messages", 403)
	r.dispatch(t, "MESSAGE_CREATE", srv.Mention("/toll"))
	refusedMsg := r.wait(t, "POST", "channels/*/messages")
	plain := r.wait(t, "POST", "channels/*/messages")
	if refusedMsg.Status != 403 || len(plain.Files) != 0 || !strings.Contains(replyOf(t, plain).Content, "514") {
		t.Errorf("retry as plain words: first %d, then files %d content %q", refusedMsg.Status, len(plain.Files), replyOf(t, plain).Content)
	}

	for _, secret := range srv.Secrets() {
		if strings.Contains(r.logs.String(), secret) {
			t.Errorf("secret %q… in the log", secret[:min(6, len(secret))])
		}
	}
}

// slowAnswerer answers only after a pause longer than AnswerWithin, so a
// test sees the deferred path every time.
type slowAnswerer struct {
	Answerer
	pause time.Duration
}

func (s slowAnswerer) Answer(ctx context.Context, req bot.Request) bot.Response {
	time.Sleep(s.pause)
	return s.Answerer.Answer(ctx, req)
}

func TestGatewayDefersSlowAnswers(t *testing.T) {
	r := newGatewayRig(t, Options{AnswerWithin: time.Millisecond, Engine: slowAnswerer{sampleEngine(t), 100 * time.Millisecond}})
	r.wait(t, "PUT", "applications/*/guilds/*/commands")
	r.dispatch(t, "INTERACTION_CREATE", r.srv.SlashCommand("quote", dt.StringOption("speaker", "Peskov")))
	if cb := r.wait(t, "POST", "interactions/*/*/callback"); cb.CallbackType() != 5 {
		t.Fatalf("not deferred: type %d", cb.CallbackType())
	}
	edit := r.wait(t, "PATCH", "webhooks/*/*/messages/@original")
	if text := replyText(replyOf(t, edit)); !strings.Contains(text, "Peskov") {
		t.Errorf("edited reply:\n%s", text)
	}
	// a bad request found after deferring goes to the asker alone
	r.dispatch(t, "INTERACTION_CREATE", r.srv.SlashCommand("ask", dt.StringOption("question", strings.Repeat("why ", 200))))
	r.wait(t, "POST", "interactions/*/*/callback")
	r.wait(t, "DELETE", "webhooks/*/*/messages/@original")
	if rep := replyOf(t, r.wait(t, "POST", "webhooks/*/*")); !rep.Ephemeral() {
		t.Errorf("error follow-up is public: %+v", rep)
	}
}

func TestGatewayRegistersOnlyChanges(t *testing.T) {
	srv := dt.New(dt.Options{})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := 0; i < 2; i++ {
		s, err := NewSession("faketoken", srv.APIBase(), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		gw := New(Options{Engine: sampleEngine(t)}).Gateway(s, srv.Options().GuildID, "")
		if err := gw.Open(ctx); err != nil {
			t.Fatal(err)
		}
		gw.Close()
	}
	if n := len(srv.RequestsMatching("PUT", "applications/*/guilds/*/commands")); n != 1 {
		t.Errorf("%d bulk overwrites for two starts with the same commands, want 1", n)
	}
	if n := len(srv.RequestsMatching("GET", "applications/*/guilds/*/commands")); n != 2 {
		t.Errorf("%d command lists, want 2", n)
	}
}

// TestGatewayAbsentFields: any field of an event may be missing; a handler
// never panics, and still answers what it can.
func TestGatewayAbsentFields(t *testing.T) {
	r := newGatewayRig(t, Options{})
	srv := r.srv
	r.wait(t, "PUT", "applications/*/guilds/*/commands")

	noMember := srv.SlashCommand("quote", dt.StringOption("speaker", "Peskov"))
	delete(noMember, "member")
	delete(noMember, "guild_id")
	r.dispatch(t, "INTERACTION_CREATE", noMember)
	if text := replyText(replyOf(t, r.wait(t, "POST", "interactions/*/*/callback"))); !strings.Contains(text, "Peskov") {
		t.Errorf("no member: %s", text)
	}

	noData := srv.SlashCommand("help")
	delete(noData, "data")
	r.dispatch(t, "INTERACTION_CREATE", noData)
	if rep := replyOf(t, r.wait(t, "POST", "interactions/*/*/callback")); !rep.Ephemeral() {
		t.Errorf("no data: %+v", rep)
	}

	noOptions := srv.SlashCommand("quote")
	r.dispatch(t, "INTERACTION_CREATE", noOptions)
	if rep := replyOf(t, r.wait(t, "POST", "interactions/*/*/callback")); !rep.Ephemeral() || !strings.Contains(replyText(rep), "speaker") {
		t.Errorf("no options: %+v", rep)
	}

	noMessage := srv.ButtonPress("ctx:0:000_8bee64950d4de325")
	delete(noMessage, "message")
	r.dispatch(t, "INTERACTION_CREATE", noMessage)
	if rep := replyOf(t, r.wait(t, "POST", "interactions/*/*/callback")); !rep.Ephemeral() || !strings.Contains(replyText(rep), "expired") {
		t.Errorf("button without its message: %+v", rep)
	}

	noAuthor := srv.Mention("who controls Aleppo?")
	delete(noAuthor, "author")
	r.dispatch(t, "MESSAGE_CREATE", noAuthor)
	noContent := srv.Mention("")
	r.dispatch(t, "MESSAGE_CREATE", noContent)
	if rep := replyOf(t, r.wait(t, "POST", "channels/*/messages")); !strings.Contains(replyText(rep), "Ask me something") {
		t.Errorf("an empty mention: %s", replyText(rep))
	}
	if strings.Contains(r.logs.String(), "panic") {
		t.Errorf("a handler panicked:\n%s", r.logs)
	}
}
