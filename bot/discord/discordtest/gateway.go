package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes the fake speaks.
const (
	OpDispatch       = 0
	OpHeartbeat      = 1
	OpIdentify       = 2
	OpPresenceUpdate = 3
	OpResume         = 6
	OpReconnect      = 7
	OpInvalidSession = 9
	OpHello          = 10
	OpHeartbeatACK   = 11
)

// Intents the fake checks before it delivers a MESSAGE_CREATE.
const (
	IntentGuildMessages  = 1 << 9
	IntentDirectMessages = 1 << 12
	IntentMessageContent = 1 << 15
)

// Frame is one gateway payload the client sent.
type Frame struct {
	Conn int // 1 for the first websocket connection, 2 after a reconnect...
	Op   int
	Data json.RawMessage
	Time time.Time
}

// Identify is an IDENTIFY the client sent.
type Identify struct {
	Conn    int
	Token   string // the fake token the client identified with
	Intents int
}

// Resume is a RESUME the client sent.
type Resume struct {
	Conn      int
	SessionID string
	Seq       int64
	// Accepted says the fake resumed the session (RESUMED), rather than
	// answering INVALID_SESSION.
	Accepted bool
}

type gateway struct {
	conns    []*gwConn
	nconn    int
	live     *gwConn // the connection whose session is established
	session  string
	intents  int
	seq      int64
	events   []event // dispatched in this session, for replay on RESUME
	resumes  []Resume
	resTaken []bool
	ready    int // READY or RESUMED sent, in all
}

type event struct {
	seq  int64
	name string
	data json.RawMessage
}

type gwConn struct {
	id  int
	ws  *websocket.Conn
	wmu sync.Mutex
}

func (c *gwConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

type payload struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
}

func dispatchPayload(seq int64, name string, data json.RawMessage) payload {
	return payload{Op: OpDispatch, Data: data, Seq: &seq, Type: &name}
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.gw.nconn++
	c := &gwConn{id: s.gw.nconn, ws: ws}
	s.gw.conns = append(s.gw.conns, c)
	s.mu.Unlock()
	defer s.endConn(c)

	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()})
	if c.send(payload{Op: OpHello, Data: hello}) != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p payload
		if json.Unmarshal(msg, &p) != nil {
			ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4002, "Error while decoding payload."), time.Now().Add(time.Second))
			return
		}
		s.mu.Lock()
		s.frames = append(s.frames, Frame{Conn: c.id, Op: p.Op, Data: p.Data, Time: time.Now()})
		s.frTaken = append(s.frTaken, false)
		s.notifyLocked()
		s.mu.Unlock()
		switch p.Op {
		case OpHeartbeat:
			if c.send(payload{Op: OpHeartbeatACK}) != nil {
				return
			}
		case OpIdentify:
			if !s.identify(c, p.Data) {
				return
			}
		case OpResume:
			if !s.resume(c, p.Data) {
				return
			}
		}
	}
}

func (s *Server) endConn(c *gwConn) {
	c.ws.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw.live == c {
		s.gw.live = nil
	}
	for i, x := range s.gw.conns {
		if x == c {
			s.gw.conns = append(s.gw.conns[:i:i], s.gw.conns[i+1:]...)
			break
		}
	}
	s.notifyLocked()
}

func (s *Server) closeAuth(c *gwConn) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."), time.Now().Add(time.Second))
}

// identify starts a new session: READY, sequence from 1, no events to replay.
func (s *Server) identify(c *gwConn, data json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
	}
	if json.Unmarshal(data, &id) != nil || id.Token != s.opts.Token {
		s.closeAuth(c)
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.session = "fake-session-" + s.newIDLocked()
	s.gw.intents = id.Intents
	s.gw.seq = 1
	s.gw.events = nil
	ready, _ := json.Marshal(map[string]any{
		"v": 10, "user": s.botUser(), "session_id": s.gw.session,
		"resume_gateway_url": s.GatewayURL(), "session_type": "normal",
		"application":      map[string]any{"id": s.opts.AppID, "flags": 0},
		"guilds":           []any{map[string]any{"id": s.opts.GuildID, "unavailable": true}},
		"private_channels": []any{}, "shard": []int{0, 1},
	})
	if c.send(dispatchPayload(s.gw.seq, "READY", ready)) != nil {
		return false
	}
	s.gw.live = c
	s.gw.ready++
	s.notifyLocked()
	return true
}

// resume replays what the client missed, then RESUMED, as Discord does; an
// unknown session gets INVALID_SESSION (not resumable).
func (s *Server) resume(c *gwConn, data json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if json.Unmarshal(data, &rs) != nil || rs.Token != s.opts.Token {
		s.closeAuth(c)
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := rs.SessionID != "" && rs.SessionID == s.gw.session && rs.Seq <= s.gw.seq
	s.gw.resumes = append(s.gw.resumes, Resume{Conn: c.id, SessionID: rs.SessionID, Seq: rs.Seq, Accepted: ok})
	s.gw.resTaken = append(s.gw.resTaken, false)
	s.notifyLocked()
	if !ok {
		return c.send(payload{Op: OpInvalidSession, Data: json.RawMessage("false")}) == nil
	}
	for _, e := range s.gw.events {
		if e.seq > rs.Seq {
			if c.send(dispatchPayload(e.seq, e.name, e.data)) != nil {
				return false
			}
		}
	}
	s.gw.seq++
	if c.send(dispatchPayload(s.gw.seq, "RESUMED", json.RawMessage("{}"))) != nil {
		return false
	}
	s.gw.live = c
	s.gw.ready++
	s.notifyLocked()
	return true
}

// ErrNoSession is returned by Dispatch before any client has identified.
var ErrNoSession = errors.New("discordtest: no gateway session yet (wait for WaitReady)")

// Dispatch sends a gateway event (op 0) such as INTERACTION_CREATE or
// MESSAGE_CREATE with payload as its "d" (any value that encodes to JSON;
// []byte and json.RawMessage are sent as they are). While the socket is down
// the event is kept and replayed on RESUME, as Discord does. An interaction's
// id and token become known to the fake, which then accepts its callback
// within InteractionDeadline. A MESSAGE_CREATE the session's intents do not
// cover is refused with an error (Discord would silently not send it).
func (s *Server) Dispatch(name string, payload any) error {
	data, ok := payload.([]byte)
	if raw, isRaw := payload.(json.RawMessage); isRaw {
		data, ok = raw, true
	}
	if !ok {
		var err error
		if data, err = json.Marshal(payload); err != nil {
			return fmt.Errorf("discordtest: dispatch %s: %w", name, err)
		}
	}
	var head struct {
		ID      string `json:"id"`
		Token   string `json:"token"`
		GuildID string `json:"guild_id"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("discordtest: dispatch %s: payload is not an object: %w", name, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw.session == "" {
		return ErrNoSession
	}
	if name == "MESSAGE_CREATE" {
		need := IntentDirectMessages
		if head.GuildID != "" {
			need = IntentGuildMessages
		}
		if s.gw.intents&need == 0 {
			return fmt.Errorf("discordtest: MESSAGE_CREATE not delivered: the session identified with intents %d, without %d", s.gw.intents, need)
		}
	}
	if name == "INTERACTION_CREATE" && head.ID != "" {
		in := &interaction{id: head.ID, token: head.Token, dispatched: time.Now()}
		s.interactions[head.ID] = in
		if head.Token != "" {
			s.byToken[head.Token] = in
			s.secrets = append(s.secrets, head.Token)
		}
	}
	s.gw.seq++
	s.gw.events = append(s.gw.events, event{seq: s.gw.seq, name: name, data: data})
	if c := s.gw.live; c != nil {
		if err := c.send(dispatchPayload(s.gw.seq, name, data)); err != nil {
			// The event stays in the log and is replayed on RESUME.
			s.gw.live = nil
		}
	}
	return nil
}

// DropConnection closes the gateway socket without a close frame, as a
// network failure would; discordgo reconnects and RESUMEs. It reports whether
// there was a connection to drop.
func (s *Server) DropConnection() bool {
	s.mu.Lock()
	c := s.gw.live
	s.gw.live = nil
	if c == nil && len(s.gw.conns) > 0 {
		c = s.gw.conns[len(s.gw.conns)-1]
	}
	s.mu.Unlock()
	if c == nil {
		return false
	}
	c.ws.UnderlyingConn().Close()
	return true
}

// SendReconnect asks the client to reconnect (op 7), as Discord does before
// it moves a session; the client then RESUMEs.
func (s *Server) SendReconnect() error {
	s.mu.Lock()
	c := s.gw.live
	s.mu.Unlock()
	if c == nil {
		return errors.New("discordtest: no live gateway connection")
	}
	return c.send(payload{Op: OpReconnect})
}

// WaitReady waits until a gateway session is live: READY or RESUMED sent on
// an open socket. It returns at once when one already is.
func (s *Server) WaitReady(ctx context.Context) error {
	if err := s.wait(ctx, func() bool { return s.gw.live != nil }); err != nil {
		return fmt.Errorf("discordtest: waiting for a gateway session: %w", err)
	}
	return nil
}

// Connected reports whether a gateway session is live now.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.live != nil
}

// WaitFrame returns the oldest gateway payload with opcode op that the
// client sent and no earlier WaitFrame (or WaitIdentify) returned, waiting
// until ctx is done.
func (s *Server) WaitFrame(ctx context.Context, op int) (Frame, error) {
	var got Frame
	err := s.wait(ctx, func() bool {
		for i, f := range s.frames {
			if !s.frTaken[i] && f.Op == op {
				s.frTaken[i] = true
				got = f
				return true
			}
		}
		return false
	})
	if err != nil {
		return got, fmt.Errorf("discordtest: waiting for gateway op %d: %w", op, err)
	}
	return got, nil
}

// Frames returns every gateway payload the client sent, oldest first.
func (s *Server) Frames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.frames...)
}

// WaitIdentify returns the next IDENTIFY (see WaitFrame).
func (s *Server) WaitIdentify(ctx context.Context) (Identify, error) {
	f, err := s.WaitFrame(ctx, OpIdentify)
	if err != nil {
		return Identify{}, err
	}
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
	}
	if err := json.Unmarshal(f.Data, &id); err != nil {
		return Identify{}, fmt.Errorf("discordtest: IDENTIFY: %w", err)
	}
	return Identify{Conn: f.Conn, Token: id.Token, Intents: id.Intents}, nil
}

// WaitResume returns the next RESUME the fake handled, and whether it
// resumed the session, waiting until ctx is done.
func (s *Server) WaitResume(ctx context.Context) (Resume, error) {
	var got Resume
	err := s.wait(ctx, func() bool {
		for i, r := range s.gw.resumes {
			if !s.gw.resTaken[i] {
				s.gw.resTaken[i] = true
				got = r
				return true
			}
		}
		return false
	})
	if err != nil {
		return got, fmt.Errorf("discordtest: waiting for RESUME: %w", err)
	}
	return got, nil
}

// Intents returns the intents of the current session's IDENTIFY.
func (s *Server) Intents() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.intents
}
