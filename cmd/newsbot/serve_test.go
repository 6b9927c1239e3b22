package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	dt "github.com/newsroom/newsbot/bot/discord/discordtest"
)

// lockedBuffer is an io.Writer a test reads while the program writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `newsbot serve` in the background with env; stop cancels
// it and returns its error and its log.
func startServe(t *testing.T, env map[string]string) (stdout *lockedBuffer, stop func() (error, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, stdout, stderr) }()
	var once sync.Once
	var err error
	stop = func() (error, string) {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop within 30 s of its context ending")
			}
		})
		return err, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return stdout, stop
}

var listenRE = regexp.MustCompile(`HTTP on (http://[^ ]+)`)

func waitListening(t *testing.T, out *lockedBuffer) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve never said where it listens; stdout:\n%s", out.String())
	return ""
}

// waitSynced polls /healthz until the start-up sync is done and the index
// holds articles articles.
func waitSynced(t *testing.T, base string, articles int) {
	t.Helper()
	var health map[string]any
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		health = nil
		json.NewDecoder(resp.Body).Decode(&health)
		resp.Body.Close()
		if health["articles"] == float64(articles) && health["catching_up"] == false {
			if health["facts"] == nil || health["newest_article"] == nil {
				t.Fatalf("healthz %v", health)
			}
			return
		}
	}
	t.Fatalf("healthz %v, want %d articles synced", health, articles)
}

func signedPost(t *testing.T, url string, priv ed25519.PrivateKey, body []byte) (int, []byte) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestServeHTTPInteractions is the "done when" for the HTTP
// transport: with only NEWSBOT_HTTP_ADDR, DISCORD_PUBLIC_KEY and
// DISCORD_API_BASE, signed /quote, /toll and /control requests are answered
// from the bundled sample.
func TestServeHTTPInteractions(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	pubHex := hex.EncodeToString(pub)
	// a deferred answer (the toll, whose chart cannot ride on the HTTP
	// response) is edited in over REST: the fake Discord records it
	fake := dt.New(dt.Options{InteractionDeadline: -1})
	defer fake.Close()
	env := map[string]string{
		"NEWSBOT_HTTP_ADDR":  "127.0.0.1:0",
		"DISCORD_PUBLIC_KEY": pubHex,
		"DISCORD_API_BASE":   fake.APIBase(),
		"NEWSBOT_INDEX_DIR":  filepath.Join(t.TempDir(), "idx"),
		"NEWSBOT_LOG_LEVEL":  "debug",
	}
	out, stop := startServe(t, env)
	base := waitListening(t, out)

	waitSynced(t, base, 5)

	token := "aW50ZXJhY3Rpb24tdG9rZW4tc2VjcmV0LXZhbHVlLTEyMzQ1"
	cmd := func(name string, opts ...[2]string) []byte {
		var os []map[string]any
		for _, o := range opts {
			os = append(os, map[string]any{"name": o[0], "type": 3, "value": o[1]})
		}
		b, _ := json.Marshal(map[string]any{
			"id": "900", "application_id": fake.Options().AppID, "type": 2, "token": token, "version": 1, "guild_id": "7", "channel_id": "8",
			"member": map[string]any{"user": map[string]any{"id": "55", "username": "reporter"}, "permissions": "0"},
			"data":   map[string]any{"id": "1", "name": name, "type": 1, "options": os},
		})
		return b
	}
	cases := []struct {
		name string
		body []byte
		want []string
	}{
		{"quote", cmd("quote", [2]string{"speaker", "Peskov"}), []string{"Dmitry Peskov", "We of course continue to support Bashar Al Assad"}},
		{"control", cmd("control", [2]string{"place", "Aleppo"}), []string{"Hayat Tahrir al-Sham", "Kurdish"}},
	}
	for _, c := range cases {
		status, body := signedPost(t, base+"/interactions", priv, c.body)
		if status != 200 {
			t.Fatalf("%s: status %d %s", c.name, status, body)
		}
		var resp struct {
			Type int `json:"type"`
			Data struct {
				Embeds []struct {
					Title, Description string
					Fields             []struct{ Name, Value string }
				} `json:"embeds"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &resp); err != nil || resp.Type != 4 || len(resp.Data.Embeds) != 1 {
			t.Fatalf("%s: reply %s", c.name, body)
		}
		text := string(body)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: reply lacks %q: %s", c.name, w, body)
			}
		}
	}
	status, body := signedPost(t, base+"/interactions", priv, cmd("toll"))
	if status != 200 || !strings.Contains(string(body), `"type":5`) {
		t.Fatalf("toll: %d %s, want deferred", status, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	edit, err := fake.WaitRequest(ctx, "PATCH", "webhooks/*/*/messages/@original")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"514", "370", "412"} {
		if !strings.Contains(string(edit.Body), w) {
			t.Errorf("toll edit lacks %q: %s", w, edit.Body)
		}
	}
	if len(edit.Files) != 1 {
		t.Errorf("toll edit carries %d files, want the chart", len(edit.Files))
	}

	// unsigned: 401
	if resp, err := http.Post(base+"/interactions", "application/json", strings.NewReader(`{"type":1}`)); err != nil || resp.StatusCode != 401 {
		t.Errorf("unsigned PING: %v %v", resp.StatusCode, err)
	}
	err, logs := stop()
	if err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
	for _, secret := range []string{token, pubHex} {
		if strings.Contains(logs, secret) || strings.Contains(out.String(), secret) {
			t.Errorf("a secret reached the log:\n%s", logs)
		}
	}
}

func TestServeConfigErrors(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "serve needs DISCORD_TOKEN"},
		{map[string]string{"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32)}, "NEWSBOT_HTTP_ADDR is not"},
		{map[string]string{"NEWSBOT_HTTP_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": "xyz"}, "64 hex digits"},
		{map[string]string{"DISCORD_TOKEN": "t", "DISCORD_API_BASE": "ftp://x"}, "DISCORD_API_BASE"},
	}
	for _, c := range cases {
		c.env["NEWSBOT_INDEX_DIR"] = filepath.Join(t.TempDir(), "idx")
		_, _, err := newsbot(t, c.env, "serve")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("env %v: err %v, want %q", c.env, err, c.want)
		}
	}
}

// TestServeGateway is the "done when" for the gateway: with
// DISCORD_TOKEN and DISCORD_API_BASE pointing at a Discord-compatible server
// (the in-process fake), serve registers its commands, answers commands and
// a mention there, and logs no secret.
func TestServeGateway(t *testing.T) {
	fake := dt.New(dt.Options{})
	defer fake.Close()
	env := map[string]string{
		"DISCORD_TOKEN":     "faketoken",
		"DISCORD_API_BASE":  fake.APIBase(),
		"DISCORD_GUILD_ID":  fake.Options().GuildID,
		"NEWSBOT_HTTP_ADDR": "127.0.0.1:0", // for /healthz only
		"NEWSBOT_INDEX_DIR": filepath.Join(t.TempDir(), "idx"),
		"NEWSBOT_LOG_LEVEL": "debug",
	}
	out, stop := startServe(t, env)
	waitSynced(t, waitListening(t, out), 5)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := fake.WaitRequest(ctx, "PUT", "applications/*/guilds/*/commands"); err != nil {
		t.Fatalf("no commands registered: %v\n%s", err, out.String())
	}
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(out.String(), "connected to the Discord gateway"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never connected: %s", out.String())
		}
	}
	ask := func(name string, ev map[string]any, method, pattern string, want ...string) {
		t.Helper()
		if err := fake.Dispatch(name, ev); err != nil {
			t.Fatal(err)
		}
		req, err := fake.WaitRequest(ctx, method, pattern)
		if err != nil {
			t.Fatalf("%v", err)
		}
		for _, w := range want {
			if !strings.Contains(string(req.Body), w) {
				t.Errorf("reply lacks %q: %s", w, req.Body)
			}
		}
	}
	ask("INTERACTION_CREATE", fake.SlashCommand("quote", dt.StringOption("speaker", "Peskov")), "POST", "interactions/*/*/callback", "Dmitry Peskov")
	ask("INTERACTION_CREATE", fake.SlashCommand("control", dt.StringOption("place", "Aleppo")), "POST", "interactions/*/*/callback", "Hayat Tahrir al-Sham")
	ask("INTERACTION_CREATE", fake.SlashCommand("toll"), "POST", "interactions/*/*/callback", "514")
	ask("MESSAGE_CREATE", fake.Mention("what is the latest death toll?"), "POST", "channels/*/messages", "514", "message_reference")

	err, logs := stop()
	if err != nil {
		t.Fatalf("serve: %v\n%s", err, logs)
	}
	for _, secret := range fake.Secrets() {
		if strings.Contains(logs, secret) || strings.Contains(out.String(), secret) {
			t.Errorf("secret %q… reached the log", secret[:4])
		}
	}
}
