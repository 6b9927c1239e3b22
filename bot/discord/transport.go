package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// NewTransport returns a RoundTripper that sends every request discordgo
// addresses to its own API base (discordgo.EndpointAPI,
// https://discord.com/api/v9/) to apiBase instead, keeping the rest of the
// path and the query, and passes any other request to next unchanged. It is
// how DISCORD_API_BASE reaches discordgo without touching its package-level
// endpoint variables, which every session in the process shares: a
// deployment routes through a rate-limit proxy, a test through a fake.
//
// apiBase is an absolute http or https URL ending in the API version, such as
// http://127.0.0.1:8080/api/v9/ (the trailing slash is optional). A nil next
// means http.DefaultTransport. An invalid apiBase makes every rewritten
// request fail with the reason, so a misconfiguration is never a silent
// fallback to the real Discord; cmd should validate it with ParseAPIBase first.
func NewTransport(apiBase string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	base, err := ParseAPIBase(apiBase)
	return &transport{base: base, err: err, next: next}
}

// ParseAPIBase checks an API base URL as NewTransport takes it and returns it
// with a trailing slash.
func ParseAPIBase(apiBase string) (*url.URL, error) {
	u, err := url.Parse(apiBase)
	if err != nil {
		// url's error quotes the whole input; the base is configuration, not a
		// secret, but keep the message short and ours.
		return nil, fmt.Errorf("discord: API base: %w", errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("discord: API base %q: scheme must be http or https", apiBase)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("discord: API base %q: no host", apiBase)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("discord: API base %q: must not carry a query, fragment or user", apiBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

type transport struct {
	base *url.URL
	err  error
	next http.RoundTripper
}

// discordAPI is discordgo's API base, split once.
var discordAPI = func() *url.URL {
	u, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		panic("discord: discordgo.EndpointAPI does not parse: " + err.Error())
	}
	return u
}()

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := apiPath(req.URL)
	if !ok {
		return t.next.RoundTrip(req)
	}
	if t.err != nil {
		closeBody(req)
		return nil, t.err
	}
	u := *t.base
	u.Path = t.base.Path + unescape(rest)
	u.RawPath = t.base.EscapedPath() + rest
	if u.EscapedPath() != u.RawPath {
		// RawPath is only a hint; drop it when it is the default encoding.
		u.RawPath = ""
	}
	u.RawQuery = req.URL.RawQuery
	// A RoundTripper must not modify the request it was given.
	out := req.Clone(req.Context())
	out.URL = &u
	out.Host = ""
	return t.next.RoundTrip(out)
}

// apiPath returns the escaped path of u below discordgo's API base, when u is
// under it.
func apiPath(u *url.URL) (string, bool) {
	if !strings.EqualFold(u.Scheme, discordAPI.Scheme) || !strings.EqualFold(u.Host, discordAPI.Host) {
		return "", false
	}
	return strings.CutPrefix(u.EscapedPath(), discordAPI.Path)
}

func unescape(p string) string {
	s, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return s
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
