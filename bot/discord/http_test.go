package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
	dt "github.com/newsroom/newsbot/bot/discord/discordtest"
)

// signer signs interaction bodies as Discord does, with a key made here.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

func (s signer) request(body []byte, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(ts), body...))
	r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
	r.Header.Set("Content-Type", "application/json")
	return r
}

func interactionJSON(t testing.TB, v map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func commandInteraction(name string, opts ...map[string]any) map[string]any {
	data := map[string]any{"id": "100", "name": name, "type": 1}
	if len(opts) > 0 {
		data["options"] = opts
	}
	return map[string]any{
		"id": "900", "application_id": "42", "type": 2, "token": "interaction-token-secret", "version": 1,
		"guild_id": "7", "channel_id": "8",
		"member": map[string]any{"user": map[string]any{"id": "55", "username": "reporter"}, "permissions": "0", "roles": []string{}},
		"data":   data,
	}
}

func opt(name, value string) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": value}
}

func serveHTTP(h http.Handler, r *http.Request) (*httptest.ResponseRecorder, discordgo.InteractionResponse) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var resp discordgo.InteractionResponse
	json.Unmarshal(w.Body.Bytes(), &resp)
	return w, resp
}

func TestInteractionsSignature(t *testing.T) {
	s := newSigner(t)
	f := New(Options{Engine: sampleEngine(t)})
	h := f.Interactions(s.pub, nil)
	ping := []byte(`{"id":"1","application_id":"42","type":1,"token":"t","version":1}`)

	w, resp := serveHTTP(h, s.request(ping, time.Now()))
	if w.Code != 200 || resp.Type != discordgo.InteractionResponsePong {
		t.Fatalf("PING: %d %s", w.Code, w.Body)
	}

	other := newSigner(t)
	stale := s.request(ping, time.Now().Add(-6*time.Minute))
	future := s.request(ping, time.Now().Add(6*time.Minute))
	wrongKey := other.request(ping, time.Now())
	tampered := s.request(ping, time.Now())
	tampered.Body = httpBody(bytes.Replace(ping, []byte(`"type":1`), []byte(`"type":2`), 1))
	noHeader := s.request(ping, time.Now())
	noHeader.Header.Del("X-Signature-Ed25519")
	noTime := s.request(ping, time.Now())
	noTime.Header.Del("X-Signature-Timestamp")
	for name, r := range map[string]*http.Request{"stale": stale, "future": future, "wrong key": wrongKey, "tampered": tampered, "no signature": noHeader, "no timestamp": noTime} {
		if w, _ := serveHTTP(h, r); w.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, w.Code)
		}
	}

	if w, _ := serveHTTP(h, s.request([]byte(`{"type":`), time.Now())); w.Code != http.StatusBadRequest {
		t.Errorf("malformed body: status %d, want 400", w.Code)
	}
	big := append([]byte(`{"type":1,"x":"`), bytes.Repeat([]byte("a"), MaxBody)...)
	big = append(big, `"}`...)
	if w, _ := serveHTTP(h, s.request(big, time.Now())); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("body over 1 MiB: status %d, want 413", w.Code)
	}
	get := httptest.NewRequest(http.MethodGet, "/interactions", nil)
	if w, _ := serveHTTP(h, get); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", w.Code)
	}
}

func httpBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestInteractionsCommands(t *testing.T) {
	s := newSigner(t)
	eng := sampleEngine(t)
	f := New(Options{Engine: eng, AnswerWithin: 10 * time.Second})
	h := f.Interactions(s.pub, nil)
	cases := []struct {
		name   string
		in     map[string]any
		want   []string // in the embed's title, fields or content
		ephem  bool
		quoted bool // the reply shows a quote in quotation marks
	}{
		{"quote", commandInteraction("quote", opt("speaker", "Peskov")), []string{"Peskov", "We of course continue to support Bashar Al Assad"}, false, true},
		{"control", commandInteraction("control", opt("place", "Aleppo")), []string{"Aleppo", "Hayat Tahrir al-Sham"}, false, false},
		{"search", commandInteraction("search", opt("query", "airport")), []string{"Airport"}, false, false},
		{"ask", commandInteraction("ask", opt("question", "Who controls Aleppo?")), []string{"Aleppo"}, false, false},
		{"help", commandInteraction("help"), []string{"/quote"}, false, false},
		{"sources", commandInteraction("sources"), []string{"5 articles"}, false, false},
		{"unknown command", commandInteraction("nope"), []string{"/help"}, true, false},
		{"unknown option", commandInteraction("quote", opt("speaker", "Peskov"), opt("colour", "red")), []string{"no option"}, true, false},
		{"missing option", commandInteraction("control"), []string{"needs place"}, true, false},
		{"empty question", commandInteraction("ask", opt("question", "   ")), []string{"needs question"}, true, false},
		{"reindex refused", commandInteraction("reindex"), []string{"Only admins"}, true, false},
	}
	for _, c := range cases {
		w, resp := serveHTTP(h, s.request(interactionJSON(t, c.in), time.Now()))
		if w.Code != 200 || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
			t.Errorf("%s: %d type %d %s", c.name, w.Code, resp.Type, w.Body)
			continue
		}
		var all strings.Builder
		all.WriteString(resp.Data.Content)
		for _, e := range resp.Data.Embeds {
			all.WriteString(embedText(e))
		}
		for _, want := range c.want {
			if !strings.Contains(all.String(), want) {
				t.Errorf("%s: reply lacks %q:\n%s", c.name, want, all.String())
			}
		}
		if got := resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != c.ephem {
			t.Errorf("%s: ephemeral %v, want %v", c.name, got, c.ephem)
		}
		if resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0 {
			t.Errorf("%s: mentions not neutralised: %+v", c.name, resp.Data.AllowedMentions)
		}
		if c.quoted && !strings.Contains(all.String(), "> “") {
			t.Errorf("%s: no block quote in\n%s", c.name, all.String())
		}
	}
}

func TestInteractionsAutocompleteAndButtons(t *testing.T) {
	s := newSigner(t)
	sampleEngine(t)
	// two answers a page, so that the sample's answers page
	f := New(Options{Engine: bot.New(sampleIx, bot.Options{PageSize: 2}), AnswerWithin: 10 * time.Second})
	h := f.Interactions(s.pub, nil)

	ac := commandInteraction("quote", map[string]any{"name": "speaker", "type": 3, "value": "pesk", "focused": true})
	ac["type"] = 4
	w, resp := serveHTTP(h, s.request(interactionJSON(t, ac), time.Now()))
	if w.Code != 200 || resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("autocomplete: %d %s", w.Code, w.Body)
	}
	if len(resp.Data.Choices) == 0 || resp.Data.Choices[0].Name != "Dmitry Peskov" {
		t.Errorf("autocomplete choices %+v", resp.Data.Choices)
	}

	// a toll answer long enough to page: More carries the cursor
	first := commandInteraction("search", opt("query", "Syria"))
	w, resp = serveHTTP(h, s.request(interactionJSON(t, first), time.Now()))
	more := buttonID(w.Body.Bytes(), "More")
	if more == "" {
		t.Fatalf("no More button on a paged answer: %s", w.Body)
	}
	page1 := resp.Data.Embeds[0].Fields
	btn := map[string]any{"id": "901", "application_id": "42", "type": 3, "token": "tok2", "version": 1, "channel_id": "8",
		"user": map[string]any{"id": "55", "username": "reporter"},
		"data": map[string]any{"custom_id": more, "component_type": 2}}
	_, resp = serveHTTP(h, s.request(interactionJSON(t, btn), time.Now()))
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || len(resp.Data.Embeds[0].Fields) == 0 {
		t.Fatalf("More gave no page: %+v", resp.Data)
	}
	if resp.Data.Embeds[0].Fields[0].Value == page1[0].Value {
		t.Error("More repeated the first page")
	}

	// Context: the quote's paragraph, to the asker alone
	w, resp = serveHTTP(h, s.request(interactionJSON(t, commandInteraction("quote", opt("speaker", "Peskov"))), time.Now()))
	ctxID := buttonID(w.Body.Bytes(), "Context 1")
	if ctxID == "" {
		t.Fatalf("no Context button: %s", w.Body)
	}
	btn["data"] = map[string]any{"custom_id": ctxID, "component_type": 2}
	btn["message"] = map[string]any{"id": "77", "channel_id": "8", "embeds": resp.Data.Embeds}
	_, resp = serveHTTP(h, s.request(interactionJSON(t, btn), time.Now()))
	if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) == 0 ||
		!strings.Contains(resp.Data.Embeds[0].Description, "Peskov") {
		t.Fatalf("Context reply: %+v", resp.Data)
	}

	// a button from before a restart whose cursor was kept in memory
	btn["data"] = map[string]any{"custom_id": "more~0123456789abcdef01234567", "component_type": 2}
	_, resp = serveHTTP(h, s.request(interactionJSON(t, btn), time.Now()))
	if resp.Data == nil || !strings.Contains(resp.Data.Content, "expired") || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("expired More: %+v", resp.Data)
	}
}

// buttonID finds a button in a response body as Discord receives it.
// TestInteractionsDeferred: an answer that carries a file (the toll chart)
// cannot ride on the HTTP response, so it is deferred and edited in over
// REST, with no bot token.
func TestInteractionsDeferred(t *testing.T) {
	srv := dt.New(dt.Options{})
	defer srv.Close()
	rest, err := NewSession("", srv.APIBase(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	s := newSigner(t)
	h := New(Options{Engine: sampleEngine(t)}).Interactions(s.pub, rest)
	in := commandInteraction("toll")
	in["application_id"] = srv.Options().AppID
	w, resp := serveHTTP(h, s.request(interactionJSON(t, in), time.Now()))
	if w.Code != 200 || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("toll: %d %s, want a deferred reply", w.Code, w.Body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	edit, err := srv.WaitRequest(ctx, "PATCH", "webhooks/*/*/messages/@original")
	if err != nil {
		t.Fatal(err)
	}
	if edit.Authorized {
		t.Error("the edit carried a bot token; HTTP interactions need none")
	}
	if _, ok := edit.File(chartName); !ok {
		t.Errorf("edit carries no chart: %+v", edit.Files)
	}
	rep, _ := edit.Reply()
	if len(rep.Embeds) == 0 || !strings.Contains(rep.Embeds[0].Title, "514") {
		t.Errorf("edited reply: %+v", rep.Embeds)
	}
}

func buttonID(body []byte, label string) string {
	var r struct {
		Data struct {
			Components []struct {
				Components []struct {
					Label    string `json:"label"`
					CustomID string `json:"custom_id"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	json.Unmarshal(body, &r)
	for _, row := range r.Data.Components {
		for _, b := range row.Components {
			if b.Label == label {
				return b.CustomID
			}
		}
	}
	return ""
}
