package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// APIVersion is the API version in the fake's paths, the one discordgo
// v0.29.0 speaks.
const APIVersion = "9"

// Options configures a Server; every field has a default.
type Options struct {
	// Token is the Authorization header value, and the IDENTIFY/RESUME token,
	// the fake accepts: "Bot faketoken" unless set.
	Token string
	// BotID and BotName are the bot user's (READY, users/@me, message author).
	BotID, BotName string
	// AppID is the application id (READY, webhook paths); BotID unless set.
	AppID string
	// GuildID, ChannelID, UserID and UserName are used by the event builders
	// for the guild, the channel, and the person asking.
	GuildID, ChannelID, UserID, UserName string
	// HeartbeatInterval goes in HELLO: Discord's 41.25 s unless set.
	HeartbeatInterval time.Duration
	// InteractionDeadline is how long after its dispatch an interaction can
	// still be answered by callback: 3 s, as on Discord, unless set; negative
	// for no deadline. A later callback gets Discord's 404 "Unknown
	// interaction", which a user sees as "The application did not respond".
	InteractionDeadline time.Duration
}

func (o *Options) defaults() {
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&o.Token, "Bot faketoken")
	def(&o.BotID, "1000000000000000001")
	def(&o.BotName, "newsbot")
	def(&o.AppID, o.BotID)
	def(&o.GuildID, "3000000000000000001")
	def(&o.ChannelID, "4000000000000000001")
	def(&o.UserID, "2000000000000000001")
	def(&o.UserName, "reporter")
	if o.HeartbeatInterval <= 0 {
		o.HeartbeatInterval = 41250 * time.Millisecond
	}
	if o.InteractionDeadline == 0 {
		o.InteractionDeadline = 3 * time.Second
	}
}

// Server is a fake Discord on a loopback port. Its methods are safe for
// concurrent use.
type Server struct {
	opts Options
	hs   *httptest.Server

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever something is recorded
	closed  bool
	nextID  int64

	reqs     []*Request
	reqTaken []bool
	frames   []Frame
	frTaken  []bool
	failures []failure

	commands     map[string][]map[string]any // by guild id, "" for global
	interactions map[string]*interaction     // by interaction id
	byToken      map[string]*interaction
	secrets      []string

	gw gateway
}

type interaction struct {
	id, token  string
	dispatched time.Time
	callback   int            // callback type answered, 0 before
	original   map[string]any // the original response message
}

// New starts a fake Discord. Close it after the discordgo session is closed.
func New(opts Options) *Server {
	opts.defaults()
	s := &Server{
		opts:         opts,
		changed:      make(chan struct{}),
		commands:     map[string][]map[string]any{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		nextID:       1,
	}
	s.secrets = append(s.secrets, strings.TrimPrefix(opts.Token, "Bot "))
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// Close drops every gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	conns := append([]*gwConn(nil), s.gw.conns...)
	s.gw.live = nil
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	s.hs.Close()
}

// Options returns the options in force, defaults filled in.
func (s *Server) Options() Options { return s.opts }

// URL is the server's root, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.hs.URL }

// APIBase is the REST base to point the bot at (DISCORD_API_BASE):
// http://127.0.0.1:PORT/api/v9/.
func (s *Server) APIBase() string { return s.hs.URL + "/api/v" + APIVersion + "/" }

// GatewayURL is what GET gateway returns: ws://127.0.0.1:PORT/gateway.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/gateway" }

// Secrets lists every secret the fake knows: the bot token (without "Bot ")
// and each interaction token it issued, for a test that greps logs.
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.secrets...)
}

// newID returns a fresh snowflake-shaped id; ids only grow.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.FormatInt(1300000000000000000+s.nextID, 10)
}

// notifyLocked wakes every waiter.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

const maxBody = 32 << 20

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || strings.HasPrefix(r.URL.Path, "/gateway/") {
		s.serveGateway(w, r)
		return
	}
	prefix := "/api/v" + APIVersion + "/"
	rel, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody(0, "404: Not Found"))
		return
	}
	req := &Request{
		Method:      r.Method,
		Path:        rel,
		Query:       r.URL.Query(),
		Header:      redact(r.Header),
		ContentType: r.Header.Get("Content-Type"),
		Authorized:  r.Header.Get("Authorization") == s.opts.Token,
		Time:        time.Now(),
	}
	status, body, header := s.handle(r, req)
	req.Status = status
	s.mu.Lock()
	req.Seq = len(s.reqs) + 1
	s.reqs = append(s.reqs, req)
	s.reqTaken = append(s.reqTaken, false)
	s.notifyLocked()
	s.mu.Unlock()
	for k, v := range header {
		w.Header()[k] = v
	}
	writeJSON(w, status, body)
}

// handle reads the request into req and computes the answer.
func (s *Server) handle(r *http.Request, req *Request) (int, any, http.Header) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return http.StatusBadRequest, errorBody(0, "could not read body"), nil
	}
	if len(raw) > maxBody {
		return http.StatusRequestEntityTooLarge, errorBody(40005, "Request entity too large"), nil
	}
	if err := req.readBody(raw); err != nil {
		return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON."), nil
	}
	rt, params := findRoute(req.Method, req.Path)
	if rt != nil {
		req.Route = rt.method + " " + rt.pattern
		req.Params = params
	}
	if f, ok := s.takeFailure(req.Method, req.Path); ok {
		return f.answer()
	}
	if rt == nil {
		if anyRoute(req.Path) {
			return http.StatusMethodNotAllowed, errorBody(0, "405: Method Not Allowed"), nil
		}
		return http.StatusNotFound, errorBody(0, "404: Not Found"), nil
	}
	if rt.auth && !req.Authorized {
		return http.StatusUnauthorized, errorBody(0, "401: Unauthorized"), nil
	}
	status, body := rt.h(s, req)
	return status, body, nil
}

// readBody fills Body and Files from a JSON or multipart body, as discordgo
// sends them (payload_json plus files[n]).
func (r *Request) readBody(raw []byte) error {
	if len(raw) == 0 {
		return nil
	}
	mt, params, _ := mime.ParseMediaType(r.ContentType)
	if mt != "multipart/form-data" {
		if !json.Valid(raw) {
			return fmt.Errorf("invalid JSON")
		}
		r.Body = raw
		return nil
	}
	mr := multipart.NewReader(bytes.NewReader(raw), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return err
		}
		switch name := p.FormName(); {
		case name == "payload_json":
			if !json.Valid(data) {
				return fmt.Errorf("invalid payload_json")
			}
			r.Body = data
		case p.FileName() != "":
			r.Files = append(r.Files, File{Field: name, Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
		}
	}
	return nil
}

func redact(h http.Header) http.Header {
	out := h.Clone()
	if out.Get("Authorization") != "" {
		out.Set("Authorization", "[redacted]")
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	if body == nil {
		if status == http.StatusOK {
			status = http.StatusNoContent
		}
		w.WriteHeader(status)
		return
	}
	b, ok := body.([]byte)
	if !ok {
		var err error
		if b, err = json.Marshal(body); err != nil {
			status, b = http.StatusInternalServerError, []byte(`{"message":"discordtest: cannot encode answer","code":0}`)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

func errorBody(code int, msg string) map[string]any {
	return map[string]any{"message": msg, "code": code}
}

// failure is an answer injected for the next matching request.
type failure struct {
	method, pattern string
	status          int
	retryAfter      time.Duration
	global          bool
}

// FailNext makes the next request matching method and pattern (see
// WaitRequest) fail with status, answered with Discord's error body for it:
// 403 Missing Permissions (50013), 400 Invalid Form Body (50035), 404
// Unknown Message (10008), 500 and others with a generic message. A 429 gets
// a one-second Retry-After; use RateLimitNext to choose. Calls add up: two
// calls fail the next two matching requests.
func (s *Server) FailNext(method, pattern string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, pattern: pattern, status: status, retryAfter: time.Second})
}

// RateLimitNext answers the next matching request with 429 and
// retry_after, with the headers Discord sends (Retry-After,
// X-RateLimit-Limit, -Remaining 0, -Reset, -Reset-After, -Bucket, -Scope),
// so that discordgo waits and retries the request.
func (s *Server) RateLimitNext(method, pattern string, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, pattern: pattern, status: http.StatusTooManyRequests, retryAfter: retryAfter})
}

func (s *Server) takeFailure(method, path string) (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.failures {
		if (f.method == "" || strings.EqualFold(f.method, method)) && matchPath(f.pattern, path) != nil {
			s.failures = append(s.failures[:i:i], s.failures[i+1:]...)
			return f, true
		}
	}
	return failure{}, false
}

func (f failure) answer() (int, any, http.Header) {
	switch f.status {
	case http.StatusTooManyRequests:
		secs := f.retryAfter.Seconds()
		h := http.Header{}
		h.Set("Retry-After", strconv.Itoa(int(ceil(secs))))
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(f.retryAfter).UnixMilli())/1000, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fakebucket")
		scope := "user"
		if f.global {
			scope = "global"
			h.Set("X-RateLimit-Global", "true")
		}
		h.Set("X-RateLimit-Scope", scope)
		return f.status, map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": f.global}, h
	case http.StatusForbidden:
		return f.status, errorBody(50013, "Missing Permissions"), nil
	case http.StatusBadRequest:
		b := errorBody(50035, "Invalid Form Body")
		b["errors"] = map[string]any{}
		return f.status, b, nil
	case http.StatusNotFound:
		return f.status, errorBody(10008, "Unknown Message"), nil
	case http.StatusUnauthorized:
		return f.status, errorBody(0, "401: Unauthorized"), nil
	}
	return f.status, errorBody(0, http.StatusText(f.status)), nil
}

func ceil(x float64) float64 {
	n := float64(int64(x))
	if n < x {
		n++
	}
	return n
}

// websocket upgrader: the fake takes any origin, as Discord does for bots.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
