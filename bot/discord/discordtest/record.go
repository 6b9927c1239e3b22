package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request is one REST call the fake received, with what it answered.
type Request struct {
	Seq    int    // 1 for the first request the server recorded
	Method string // GET, POST, ...
	// Path is below the API base, without a leading slash:
	// "interactions/1300000000000000005/itok.1300000000000000005/callback".
	Path string
	// Route is the fake's route that matched, as "POST
	// interactions/{id}/{token}/callback"; "" for none (answered 404).
	Route string
	// Params are the route's {name} segments.
	Params map[string]string
	Query  url.Values
	// Header is the request's headers with Authorization replaced by
	// "[redacted]"; Authorized says whether it was the expected token.
	Header      http.Header
	Authorized  bool
	ContentType string
	// Body is the JSON body: the request body, or payload_json of a
	// multipart one. Nil when there was none.
	Body  json.RawMessage
	Files []File
	// Status is what the fake answered (204, 200, 429, ...).
	Status int
	Time   time.Time
}

// File is an attachment of a multipart request.
type File struct {
	Field       string // "files[0]"
	Name        string // the file name, "chart.png"
	ContentType string
	Data        []byte
}

// Decode decodes Body into v.
func (r Request) Decode(v any) error {
	if len(r.Body) == 0 {
		return fmt.Errorf("discordtest: %s %s has no body", r.Method, r.Path)
	}
	return json.Unmarshal(r.Body, v)
}

// JSON is Body decoded into a generic map; nil when Body is not an object.
func (r Request) JSON() map[string]any {
	var m map[string]any
	if json.Unmarshal(r.Body, &m) != nil {
		return nil
	}
	return m
}

// CallbackType is the interaction callback's type (4 message, 5 deferred
// message, 6 deferred update, 7 update, 8 autocomplete result), or 0 when r
// is not a callback.
func (r Request) CallbackType() int {
	if !strings.HasSuffix(r.Path, "/callback") {
		return 0
	}
	var cb struct {
		Type int `json:"type"`
	}
	if json.Unmarshal(r.Body, &cb) != nil {
		return 0
	}
	return cb.Type
}

// Reply decodes the message the request carries: the data of an interaction
// callback, or the body of a webhook edit, a follow-up or a channel message.
func (r Request) Reply() (Reply, error) {
	var rep Reply
	body := r.Body
	if strings.HasSuffix(r.Path, "/callback") {
		var cb struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(r.Body, &cb); err != nil {
			return rep, fmt.Errorf("discordtest: callback body: %w", err)
		}
		body = cb.Data
	}
	if len(body) == 0 || string(body) == "null" {
		return rep, nil
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		return rep, fmt.Errorf("discordtest: message body: %w", err)
	}
	return rep, nil
}

// File returns the attached file of that name.
func (r Request) File(name string) (File, bool) {
	for _, f := range r.Files {
		if f.Name == name {
			return f, true
		}
	}
	return File{}, false
}

// Requests returns every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	for i, r := range s.reqs {
		out[i] = *r
	}
	return out
}

// RequestsMatching returns the recorded requests matching method ("" for
// any) and pattern, oldest first, whether or not WaitRequest returned them.
func (s *Server) RequestsMatching(method, pattern string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if requestMatches(&r, method, pattern) {
			out = append(out, r)
		}
	}
	return out
}

// WaitRequest returns the oldest recorded request matching method ("" for
// any) and pattern that no earlier WaitRequest returned, waiting for it until
// ctx is done. A pattern is a path below the API base where "*" or "{name}"
// stands for one segment: "interactions/*/*/callback",
// "webhooks/{app}/{token}/messages/@original", "applications/*/guilds/*/commands".
// A pattern ending in "/**" matches any deeper path.
func (s *Server) WaitRequest(ctx context.Context, method, pattern string) (Request, error) {
	var got Request
	err := s.wait(ctx, func() bool {
		for i, r := range s.reqs {
			if !s.reqTaken[i] && requestMatches(r, method, pattern) {
				s.reqTaken[i] = true
				got = *r
				return true
			}
		}
		return false
	})
	if err != nil {
		return got, fmt.Errorf("discordtest: waiting for %s %s: %w (recorded: %s)", method, pattern, err, s.summary())
	}
	return got, nil
}

// summary lists the recorded requests for a failure message.
func (s *Server) summary() string {
	var b strings.Builder
	for i, r := range s.Requests() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s %d", r.Method, redactPath(r.Path), r.Status)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// redactPath hides the token segment of interaction and webhook paths, so a
// failure message never prints one.
func redactPath(p string) string {
	seg := strings.Split(p, "/")
	if len(seg) >= 3 && (seg[0] == "interactions" || seg[0] == "webhooks") {
		seg[2] = "[token]"
	}
	return strings.Join(seg, "/")
}

func requestMatches(r *Request, method, pattern string) bool {
	return (method == "" || strings.EqualFold(method, r.Method)) && matchPath(pattern, r.Path) != nil
}

// wait calls found under the lock until it reports true or ctx is done.
func (s *Server) wait(ctx context.Context, found func() bool) error {
	for {
		s.mu.Lock()
		ok := found()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// matchPath matches a path against a pattern and returns its {name}
// segments, or nil when it does not match.
func matchPath(pattern, path string) map[string]string {
	pattern = strings.Trim(pattern, "/")
	path = strings.Trim(path, "/")
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	deep := len(ps) > 0 && ps[len(ps)-1] == "**"
	if deep {
		ps = ps[:len(ps)-1]
		if len(xs) < len(ps) {
			return nil
		}
	} else if len(ps) != len(xs) {
		return nil
	}
	params := map[string]string{}
	for i, p := range ps {
		switch {
		case p == "*":
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}"):
			params[p[1:len(p)-1]] = xs[i]
		case p != xs[i]:
			return nil
		}
	}
	return params
}
