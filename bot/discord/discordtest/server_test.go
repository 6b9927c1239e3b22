package discordtest_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsroom/newsbot/bot/discord"
	"github.com/newsroom/newsbot/bot/discord/discordtest"
)

// newSession is the real discordgo client pointed at the fake the way the
// front end does it: the REST transport swapped, the Dialer left alone.
func newSession(t *testing.T, srv *discordtest.Server, token string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New(token)
	if err != nil {
		t.Fatal(err)
	}
	s.Client.Transport = discord.NewTransport(srv.APIBase(), http.DefaultTransport)
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	return s
}

func start(t *testing.T, opts discordtest.Options) *discordtest.Server {
	t.Helper()
	srv := discordtest.New(opts)
	t.Cleanup(srv.Close)
	return srv
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestGateway runs one discordgo session through the life the front end
// relies on: IDENTIFY and READY, heartbeats, an interaction answered, a
// message, a dropped socket resumed with the missed event replayed.
func TestGateway(t *testing.T) {
	srv := start(t, discordtest.Options{HeartbeatInterval: 200 * time.Millisecond})
	ctx := ctxT(t)
	s := newSession(t, srv, "Bot faketoken")

	interactions := make(chan *discordgo.InteractionCreate, 10)
	messages := make(chan *discordgo.MessageCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { interactions <- ic })
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { messages <- m })
	var resumed sync.WaitGroup
	resumed.Add(1)
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { resumed.Done() })

	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	id, err := srv.WaitIdentify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot faketoken" || id.Intents != int(s.Identify.Intents) || id.Conn != 1 {
		t.Fatalf("IDENTIFY %+v", id)
	}
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if s.State.User == nil || s.State.User.ID != srv.Options().BotID {
		t.Fatalf("READY user %+v", s.State.User)
	}
	if got := srv.RequestsMatching("GET", "gateway"); len(got) != 1 || got[0].Status != 200 {
		t.Fatalf("GET gateway: %+v", got)
	}
	if _, err := srv.WaitFrame(ctx, discordtest.OpHeartbeat); err != nil {
		t.Fatal(err)
	}

	// A slash command, answered with a message.
	ev := srv.SlashCommand("quote", discordtest.StringOption("speaker", "Peskov"))
	if err := srv.Dispatch("INTERACTION_CREATE", ev); err != nil {
		t.Fatal(err)
	}
	var ic *discordgo.InteractionCreate
	select {
	case ic = <-interactions:
	case <-ctx.Done():
		t.Fatal("no INTERACTION_CREATE reached the handler")
	}
	data := ic.ApplicationCommandData()
	if ic.ID != ev["id"] || data.Name != "quote" || data.Options[0].StringValue() != "Peskov" || ic.Member == nil || ic.Member.User.ID != srv.Options().UserID {
		t.Fatalf("interaction %+v data %+v", ic.Interaction, data)
	}
	err = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{{Title: "Peskov", Description: "> words"}},
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	req, err := srv.WaitRequest(ctx, "POST", "interactions/{id}/{token}/callback")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := req.Reply()
	if err != nil {
		t.Fatal(err)
	}
	if req.Status != 204 || req.CallbackType() != 4 || req.Params["id"] != ic.ID || len(rep.Embeds) != 1 || rep.Embeds[0].Title != "Peskov" || rep.AllowedMentions == nil || len(rep.AllowedMentions.Parse) != 0 {
		t.Fatalf("callback %d type %d reply %+v", req.Status, req.CallbackType(), rep)
	}
	if h := req.Header.Get("Authorization"); h != "[redacted]" || !req.Authorized {
		t.Fatalf("Authorization recorded as %q (authorized %v)", h, req.Authorized)
	}

	// A mention.
	if err := srv.Dispatch("MESSAGE_CREATE", srv.Mention("who controls Aleppo?")); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-messages:
		if len(m.Mentions) != 1 || m.Mentions[0].ID != srv.Options().BotID || !strings.HasSuffix(m.Content, "who controls Aleppo?") || m.GuildID == "" {
			t.Fatalf("mention %+v", m.Message)
		}
	case <-ctx.Done():
		t.Fatal("no MESSAGE_CREATE")
	}

	// Drop the socket; an event sent meanwhile is replayed on RESUME.
	if !srv.DropConnection() {
		t.Fatal("no connection to drop")
	}
	if err := srv.Dispatch("MESSAGE_CREATE", srv.DirectMessage("missed while away")); err != nil {
		t.Fatal(err)
	}
	rs, err := srv.WaitResume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rs.Accepted || rs.Conn != 2 || rs.Seq < 3 {
		t.Fatalf("RESUME %+v", rs)
	}
	select {
	case m := <-messages:
		if m.Content != "missed while away" || m.GuildID != "" {
			t.Fatalf("replayed %+v", m.Message)
		}
	case <-ctx.Done():
		t.Fatal("missed event not replayed after RESUME")
	}
	resumed.Wait()
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countOp(srv, discordtest.OpIdentify); n != 1 {
		t.Fatalf("%d IDENTIFY, want the session resumed, not a new one", n)
	}
	// And the resumed session still gets new events.
	if err := srv.Dispatch("INTERACTION_CREATE", srv.ButtonPress("more:abc")); err != nil {
		t.Fatal(err)
	}
	select {
	case ic := <-interactions:
		if ic.Type != discordgo.InteractionMessageComponent || ic.MessageComponentData().CustomID != "more:abc" {
			t.Fatalf("button %+v", ic.Interaction)
		}
	case <-ctx.Done():
		t.Fatal("no event after RESUME")
	}
}

func countOp(srv *discordtest.Server, op int) int {
	n := 0
	for _, f := range srv.Frames() {
		if f.Op == op {
			n++
		}
	}
	return n
}

func TestGatewayWrongToken(t *testing.T) {
	srv := start(t, discordtest.Options{})
	s := newSession(t, srv, "Bot wrong")
	s.ShouldReconnectOnError = false
	err := s.Open()
	if err == nil {
		s.Close()
		t.Fatal("Open with a wrong token succeeded")
	}
	if srv.Connected() {
		t.Fatal("session live after a wrong token")
	}
	if got := srv.RequestsMatching("GET", "gateway"); len(got) != 1 {
		t.Fatalf("GET gateway %d times", len(got))
	}
	if _, err := newSession(t, srv, "Bot wrong").User("@me"); !isREST(err, 401, 0) {
		t.Fatalf("users/@me with a wrong token: %v", err)
	}
}

func TestDispatchRefused(t *testing.T) {
	srv := start(t, discordtest.Options{})
	if err := srv.Dispatch("MESSAGE_CREATE", srv.Mention("x")); !errors.Is(err, discordtest.ErrNoSession) {
		t.Fatalf("Dispatch before READY: %v", err)
	}
}

func isREST(err error, status, code int) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != status {
		return false
	}
	return code == 0 || (re.Message != nil && re.Message.Code == code)
}

// openSession opens s on the fake and closes it when the test ends.
func openSession(t *testing.T, srv *discordtest.Server, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := srv.WaitReady(ctxT(t)); err != nil {
		t.Fatal(err)
	}
}

// dispatched sends an INTERACTION_CREATE and returns the interaction as the
// handler would get it; the REST tests answer it directly.
func dispatched(t *testing.T, srv *discordtest.Server, ev map[string]any) *discordgo.Interaction {
	t.Helper()
	if err := srv.Dispatch("INTERACTION_CREATE", ev); err != nil {
		t.Fatal(err)
	}
	return &discordgo.Interaction{ID: ev["id"].(string), Token: ev["token"].(string), AppID: ev["application_id"].(string)}
}

// TestREST covers the replies the front end makes, each through discordgo.
func TestREST(t *testing.T) {
	srv := start(t, discordtest.Options{})
	ctx := ctxT(t)
	s := newSession(t, srv, "Bot faketoken")
	openSession(t, srv, s)
	appID, guild := srv.Options().AppID, srv.Options().GuildID

	t.Run("bulk overwrite", func(t *testing.T) {
		perm := int64(discordtest.PermManageGuild)
		cmds := []*discordgo.ApplicationCommand{
			{Name: "ask", Description: "Ask a question", Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "q", Required: true}}},
			{Name: "reindex", Description: "Rebuild the index", DefaultMemberPermissions: &perm},
		}
		got, err := s.ApplicationCommandBulkOverwrite(appID, guild, cmds)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID == "" || got[1].DefaultMemberPermissions == nil || *got[1].DefaultMemberPermissions != perm || got[0].GuildID != guild {
			t.Fatalf("created %+v", got)
		}
		put, err := srv.WaitRequest(ctx, "PUT", "applications/{app}/guilds/{guild}/commands")
		if err != nil {
			t.Fatal(err)
		}
		var body []map[string]any
		if err := put.Decode(&body); err != nil || len(body) != 2 || body[0]["name"] != "ask" {
			t.Fatalf("PUT body %s (%v)", put.Body, err)
		}
		held, err := s.ApplicationCommands(appID, guild)
		if err != nil || len(held) != 2 || held[0].ID != got[0].ID {
			t.Fatalf("GET after PUT: %+v %v", held, err)
		}
		again, err := s.ApplicationCommandBulkOverwrite(appID, guild, cmds[:1])
		if err != nil || len(again) != 1 || again[0].ID != got[0].ID || len(srv.Commands(guild)) != 1 {
			t.Fatalf("second PUT keeps the id of a kept name: %+v %v", again, err)
		}
		if global, err := s.ApplicationCommands(appID, ""); err != nil || len(global) != 0 {
			t.Fatalf("global commands %+v %v", global, err)
		}
		if _, err := s.ApplicationCommands("999", ""); !isREST(err, 404, 10002) {
			t.Fatalf("other application: %v", err)
		}
	})

	t.Run("deferred then edited, follow-up with a file", func(t *testing.T) {
		in := dispatched(t, srv, srv.SlashCommand("toll"))
		if err := s.InteractionRespond(in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			t.Fatal(err)
		}
		content := "Latest toll"
		msg, err := s.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: &content})
		if err != nil {
			t.Fatal(err)
		}
		if msg.Content != content || msg.ID == "" || msg.Author.ID != srv.Options().BotID {
			t.Fatalf("edited %+v", msg)
		}
		png := []byte("\x89PNG fake")
		fm, err := s.FollowupMessageCreate(in, true, &discordgo.WebhookParams{
			Embeds: []*discordgo.MessageEmbed{{Title: "chart", Image: &discordgo.MessageEmbedImage{URL: "attachment://chart.png"}}},
			Files:  []*discordgo.File{{Name: "chart.png", ContentType: "image/png", Reader: bytes.NewReader(png)}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(fm.Attachments) != 1 || fm.Attachments[0].Filename != "chart.png" {
			t.Fatalf("follow-up %+v", fm)
		}
		cb, _ := srv.WaitRequest(ctx, "POST", "interactions/*/*/callback")
		edit, _ := srv.WaitRequest(ctx, "PATCH", "webhooks/{app}/{token}/messages/@original")
		fu, err := srv.WaitRequest(ctx, "POST", "webhooks/{app}/{token}")
		if err != nil {
			t.Fatal(err)
		}
		if cb.CallbackType() != 5 || edit.Params["token"] != in.Token || edit.JSON()["content"] != content {
			t.Fatalf("callback %d, edit %s", cb.CallbackType(), edit.Body)
		}
		f, ok := fu.File("chart.png")
		if !ok || !bytes.Equal(f.Data, png) || f.ContentType != "image/png" || f.Field != "files[0]" {
			t.Fatalf("follow-up files %+v", fu.Files)
		}
		rep, _ := fu.Reply()
		if len(rep.Embeds) != 1 || rep.Embeds[0].Image.URL != "attachment://chart.png" {
			t.Fatalf("follow-up reply %+v", rep)
		}
	})

	t.Run("second callback refused", func(t *testing.T) {
		in := dispatched(t, srv, srv.SlashCommand("help"))
		resp := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "help"}}
		if err := s.InteractionRespond(in, resp); err != nil {
			t.Fatal(err)
		}
		if err := s.InteractionRespond(in, resp); !isREST(err, 400, 40060) {
			t.Fatalf("second callback: %v", err)
		}
	})

	t.Run("edit before acknowledging refused", func(t *testing.T) {
		in := dispatched(t, srv, srv.SlashCommand("help"))
		c := "x"
		if _, err := s.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: &c}); !isREST(err, 404, 10015) {
			t.Fatalf("edit before callback: %v", err)
		}
	})

	t.Run("unknown interaction", func(t *testing.T) {
		in := &discordgo.Interaction{ID: "1", Token: "nope", AppID: appID}
		if err := s.InteractionRespond(in, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "x"}}); !isREST(err, 404, 10062) {
			t.Fatalf("callback for an interaction never dispatched: %v", err)
		}
	})

	t.Run("limits", func(t *testing.T) {
		tests := []struct {
			name string
			data *discordgo.InteractionResponseData
			typ  discordgo.InteractionResponseType
			ok   bool
		}{
			{"content at limit", &discordgo.InteractionResponseData{Content: strings.Repeat("é", 2000)}, 4, true},
			{"content over", &discordgo.InteractionResponseData{Content: strings.Repeat("a", 2001)}, 4, false},
			{"empty", &discordgo.InteractionResponseData{}, 4, false},
			{"field over", &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1025)}}}}}, 4, false},
			{"total over", &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("d", 4000)}, {Description: strings.Repeat("d", 2001)}}}, 4, false},
			{"25 choices", &discordgo.InteractionResponseData{Choices: choices(25)}, 8, true},
			{"26 choices", &discordgo.InteractionResponseData{Choices: choices(26)}, 8, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := dispatched(t, srv, srv.SlashCommand("ask"))
				err := s.InteractionRespond(in, &discordgo.InteractionResponse{Type: tt.typ, Data: tt.data})
				if tt.ok != (err == nil) {
					t.Fatalf("ok=%v, err %v", tt.ok, err)
				}
				if !tt.ok && !isREST(err, 400, 50035) {
					t.Fatalf("want 400 Invalid Form Body, got %v", err)
				}
			})
		}
	})

	t.Run("429 honoured", func(t *testing.T) {
		limited := make(chan *discordgo.RateLimit, 1)
		remove := s.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) { limited <- rl })
		defer remove()
		srv.RateLimitNext("POST", "channels/*/messages", 300*time.Millisecond)
		t0 := time.Now()
		m, err := s.ChannelMessageSendComplex("4000000000000000001", &discordgo.MessageSend{
			Content:   "reply",
			Reference: &discordgo.MessageReference{MessageID: "77", ChannelID: "4000000000000000001"},
		})
		if err != nil {
			t.Fatal(err)
		}
		waited := time.Since(t0)
		first, _ := srv.WaitRequest(ctx, "POST", "channels/{channel}/messages")
		second, err := srv.WaitRequest(ctx, "POST", "channels/{channel}/messages")
		if err != nil {
			t.Fatal(err)
		}
		if first.Status != 429 || second.Status != 200 || m.Content != "reply" || waited < 300*time.Millisecond {
			t.Fatalf("statuses %d, %d; waited %v", first.Status, second.Status, waited)
		}
		rep, _ := second.Reply()
		if rep.MessageReference == nil || rep.MessageReference.MessageID != "77" {
			t.Fatalf("reply reference %+v", rep.MessageReference)
		}
		select {
		case rl := <-limited:
			if rl.RetryAfter != 300*time.Millisecond {
				t.Fatalf("retry_after read as %v", rl.RetryAfter)
			}
		default:
			t.Fatal("no RateLimit event")
		}
	})

	t.Run("403 and 400 once", func(t *testing.T) {
		for _, tt := range []struct{ status, code int }{{403, 50013}, {400, 50035}} {
			srv.FailNext("POST", "webhooks/*/*", tt.status)
			in := dispatched(t, srv, srv.SlashCommand("toll"))
			if err := s.InteractionRespond(in, &discordgo.InteractionResponse{Type: 5}); err != nil {
				t.Fatal(err)
			}
			params := &discordgo.WebhookParams{Content: "words"}
			if _, err := s.FollowupMessageCreate(in, true, params); !isREST(err, tt.status, tt.code) {
				t.Fatalf("injected %d: %v", tt.status, err)
			}
			if _, err := s.FollowupMessageCreate(in, true, params); err != nil {
				t.Fatalf("retry after an injected %d: %v", tt.status, err)
			}
		}
	})
}

func choices(n int) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, n)
	for i := range out {
		out[i] = &discordgo.ApplicationCommandOptionChoice{Name: "Peskov", Value: "Peskov"}
	}
	return out
}

func TestInteractionDeadline(t *testing.T) {
	srv := start(t, discordtest.Options{InteractionDeadline: 50 * time.Millisecond})
	s := newSession(t, srv, "Bot faketoken")
	openSession(t, srv, s)
	in := dispatched(t, srv, srv.SlashCommand("ask"))
	time.Sleep(100 * time.Millisecond)
	err := s.InteractionRespond(in, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "late"}})
	if !isREST(err, 404, 10062) {
		t.Fatalf("late callback: %v", err)
	}
}

// TestMessageKinds checks the MESSAGE_CREATE builders through discordgo's
// decoding, and the intents the fake enforces.
func TestMessageKinds(t *testing.T) {
	srv := start(t, discordtest.Options{})
	ctx := ctxT(t)
	s := newSession(t, srv, "Bot faketoken")
	s.Identify.Intents = discordgo.IntentsGuildMessages // no DMs, no content
	got := make(chan *discordgo.MessageCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { got <- m })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.Dispatch("MESSAGE_CREATE", srv.DirectMessage("hi")); err == nil {
		t.Fatal("DM dispatched without the DIRECT_MESSAGES intent")
	}
	bot := srv.Options().BotID
	tests := []struct {
		name    string
		ev      map[string]any
		author  string
		isBot   bool
		content string
	}{
		{"other, content withheld", srv.ChannelMessage("lunch?"), srv.Options().UserID, false, ""},
		{"own", srv.OwnMessage("x"), bot, true, "<@" + bot + "> x"},
		{"other bot", srv.BotMessage("y"), "1000000000000000999", true, "<@" + bot + "> y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := srv.Dispatch("MESSAGE_CREATE", tt.ev); err != nil {
				t.Fatal(err)
			}
			select {
			case m := <-got:
				if m.Author == nil || m.Author.ID != tt.author || m.Author.Bot != tt.isBot || m.Content != tt.content {
					t.Fatalf("message %+v author %+v", m.Message, m.Author)
				}
			case <-ctx.Done():
				t.Fatal("not delivered")
			}
		})
	}
	// A message with no author at all decodes too.
	ev := srv.Mention("no author")
	delete(ev, "author")
	delete(ev, "member")
	if err := srv.Dispatch("MESSAGE_CREATE", ev); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		if m.Author != nil {
			t.Fatalf("author %+v", m.Author)
		}
	case <-ctx.Done():
		t.Fatal("not delivered")
	}
}

func TestSecretsNotInRecord(t *testing.T) {
	srv := start(t, discordtest.Options{})
	s := newSession(t, srv, "Bot faketoken")
	if _, err := s.User("@me"); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		for k, vs := range r.Header {
			for _, v := range vs {
				if strings.Contains(v, "faketoken") {
					t.Fatalf("header %s carries the token", k)
				}
			}
		}
	}
	if sec := srv.Secrets(); len(sec) != 1 || sec[0] != "faketoken" {
		t.Fatalf("Secrets() = %q", sec)
	}
}
