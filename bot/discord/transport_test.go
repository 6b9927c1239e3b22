package discord

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// recordTripper answers every request with 204 and remembers it.
type recordTripper struct{ got []*http.Request }

func (r *recordTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	r.got = append(r.got, req)
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: req}, nil
}

func TestTransportRewrites(t *testing.T) {
	tests := []struct {
		name, base, in, want string
	}{
		{"gateway", "http://127.0.0.1:9/api/v9/", discordgo.EndpointGateway, "http://127.0.0.1:9/api/v9/gateway"},
		{"base without slash", "http://127.0.0.1:9/api/v9", discordgo.EndpointUser("@me"), "http://127.0.0.1:9/api/v9/users/@me"},
		{"proxy prefix", "https://proxy.example/discord/api/v10/", discordgo.EndpointApplicationGuildCommands("1", "2"), "https://proxy.example/discord/api/v10/applications/1/guilds/2/commands"},
		{"query kept", "http://127.0.0.1:9/api/v9/", discordgo.EndpointWebhookToken("1", "tok") + "?wait=true", "http://127.0.0.1:9/api/v9/webhooks/1/tok?wait=true"},
		{"escaped path kept", "http://127.0.0.1:9/api/v9/", discordgo.EndpointAPI + "channels/1/messages/2/reactions/%F0%9F%91%8D/@me", "http://127.0.0.1:9/api/v9/channels/1/messages/2/reactions/%F0%9F%91%8D/@me"},
		{"other host untouched", "http://127.0.0.1:9/api/v9/", "https://cdn.discordapp.com/avatars/1/a.png", "https://cdn.discordapp.com/avatars/1/a.png"},
		{"other path untouched", "http://127.0.0.1:9/api/v9/", "https://discord.com/oauth2/authorize", "https://discord.com/oauth2/authorize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordTripper{}
			rt := NewTransport(tt.base, rec)
			req, err := http.NewRequest("POST", tt.in, strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bot x")
			orig := req.URL.String()
			if _, err := rt.RoundTrip(req); err != nil {
				t.Fatal(err)
			}
			if len(rec.got) != 1 {
				t.Fatalf("next got %d requests", len(rec.got))
			}
			out := rec.got[0]
			if got := out.URL.String(); got != tt.want {
				t.Errorf("URL = %s, want %s", got, tt.want)
			}
			if req.URL.String() != orig {
				t.Errorf("caller's request changed: %s", req.URL)
			}
			if out.Header.Get("Authorization") != "Bot x" {
				t.Errorf("headers not carried over")
			}
			if tt.want != tt.in && out.Host != "" {
				t.Errorf("Host = %q, want empty so the new URL's host is sent", out.Host)
			}
		})
	}
}

func TestTransportBadBase(t *testing.T) {
	for _, base := range []string{"", "127.0.0.1:9", "ftp://x/api/v9/", "http:///api/v9/", "http://x/api/v9/?a=b", "http://x/%zz"} {
		t.Run(base, func(t *testing.T) {
			if _, err := ParseAPIBase(base); err == nil {
				t.Fatalf("ParseAPIBase(%q) = nil error", base)
			}
			rec := &recordTripper{}
			req, _ := http.NewRequest("GET", discordgo.EndpointGateway, nil)
			if _, err := NewTransport(base, rec).RoundTrip(req); err == nil || !strings.HasPrefix(err.Error(), "discord: ") {
				t.Fatalf("RoundTrip error = %v, want a discord: error", err)
			}
			if len(rec.got) != 0 {
				t.Fatalf("a request went out despite the bad base")
			}
		})
	}
}

// TestTransportDiscordgo sends a real discordgo REST call through the
// transport to a local server.
func TestTransportDiscordgo(t *testing.T) {
	var gotPath, gotAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotAuth = r.URL.Path, r.Header.Get("Authorization")
		io.WriteString(w, `{"id":"42","username":"newsbot","bot":true}`)
	}))
	defer srv.Close()
	s, err := discordgo.New("Bot faketoken")
	if err != nil {
		t.Fatal(err)
	}
	s.Client.Transport = NewTransport(srv.URL+"/api/v9/", srv.Client().Transport)
	u, err := s.User("@me")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "42" || gotPath != "/api/v9/users/@me" || gotAuth != "Bot faketoken" {
		t.Fatalf("user %+v via %s auth %q", u, gotPath, gotAuth)
	}
}
