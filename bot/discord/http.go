package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// MaxBody is the largest interaction body the endpoint reads; Discord's are
// a few kilobytes.
const MaxBody = 1 << 20

// MaxSkew is how far an interaction's signed timestamp may be from now;
// an older one is a replay.
const MaxSkew = 5 * time.Minute

// ackWithin is how long the HTTP handler waits for the first response; the
// front end defers well before it.
const ackWithin = 2800 * time.Millisecond

// ParsePublicKey reads the application's public key as the Developer
// Portal shows it (64 hex digits).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("discord: DISCORD_PUBLIC_KEY must be the application's public key, 64 hex digits")
	}
	return ed25519.PublicKey(b), nil
}

// Interactions returns the handler of Discord's interactions endpoint
// (POST /interactions): it checks the request's Ed25519 signature and
// timestamp (401 otherwise, as Discord's own probe expects), answers PING,
// and answers everything else in the HTTP response or by deferring and
// editing the reply through rest, a session that needs no bot token.
func (f *Front) Interactions(key ed25519.PublicKey, rest *discordgo.Session) http.Handler {
	return &interactions{f: f, key: key, rest: rest, now: time.Now}
}

type interactions struct {
	f    *Front
	key  ed25519.PublicKey
	rest *discordgo.Session
	now  func() time.Time
}

func (h *interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := h.f.log
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "interactions are POSTed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		http.Error(w, "could not read the body", http.StatusBadRequest)
		return
	}
	if len(body) > MaxBody {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	if !h.verify(r.Header, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil || in.Type == 0 {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if in.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, log)
		return
	}
	if h.f.closing.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	first := make(chan *discordgo.InteractionResponse, 1)
	var once sync.Once
	ack := func(resp *discordgo.InteractionResponse) error {
		sent := false
		once.Do(func() { first <- resp; sent = true })
		if !sent {
			return errors.New("discord: the HTTP response was already sent")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), interactionTimeout)
	h.f.inflight.Add(1)
	go func() {
		defer h.f.inflight.Done()
		defer cancel()
		h.f.handle(ctx, reply{in: &in, rest: h.rest, ack: ack})
		// a handler that never answered still releases the HTTP request
		once.Do(func() {
			first <- &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: textMessage("Something went wrong on my side; please try again.", true).responseData()}
		})
	}()
	select {
	case resp := <-first:
		writeJSON(w, resp, log)
	case <-time.After(ackWithin):
		// the front end defers long before this; if it did not, defer here
		// so that Discord does not show "did not respond"
		once.Do(func() {})
		log.Error("discord: no response within Discord's window", "interaction_type", int(in.Type))
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}, log)
	}
}

// verify checks Discord's signature over timestamp + body, and refuses a
// timestamp more than MaxSkew from now.
func (h *interactions) verify(hd http.Header, body []byte) bool {
	sig, err := hex.DecodeString(hd.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	ts := hd.Get("X-Signature-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if d := h.now().Sub(time.Unix(secs, 0)); d > MaxSkew || d < -MaxSkew {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	return ed25519.Verify(h.key, msg, sig)
}

func writeJSON(w http.ResponseWriter, v any, log *slog.Logger) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Debug("discord: writing a response", "err", err)
	}
}
