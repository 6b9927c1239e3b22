package discordtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"
)

type route struct {
	method, pattern string
	auth            bool // needs the bot token (interaction webhooks do not)
	h               func(s *Server, r *Request) (int, any)
}

// routes are the endpoints a bot front end calls; anything else is a 404.
var routes = []route{
	{"GET", "gateway", false, (*Server).getGateway},
	{"GET", "gateway/bot", true, (*Server).getGatewayBot},
	{"GET", "users/@me", true, (*Server).getMe},
	{"GET", "applications/@me", true, (*Server).getApplication},
	{"GET", "applications/{app}/commands", true, (*Server).getCommands},
	{"PUT", "applications/{app}/commands", true, (*Server).putCommands},
	{"GET", "applications/{app}/guilds/{guild}/commands", true, (*Server).getCommands},
	{"PUT", "applications/{app}/guilds/{guild}/commands", true, (*Server).putCommands},
	{"POST", "interactions/{id}/{token}/callback", false, (*Server).postCallback},
	{"GET", "webhooks/{app}/{token}/messages/{message}", false, (*Server).getWebhookMessage},
	{"PATCH", "webhooks/{app}/{token}/messages/{message}", false, (*Server).patchWebhookMessage},
	{"DELETE", "webhooks/{app}/{token}/messages/{message}", false, (*Server).deleteWebhookMessage},
	{"POST", "webhooks/{app}/{token}", false, (*Server).postWebhook},
	{"POST", "channels/{channel}/messages", true, (*Server).postChannelMessage},
	{"POST", "channels/{channel}/typing", true, func(*Server, *Request) (int, any) { return http.StatusNoContent, nil }},
}

func findRoute(method, path string) (*route, map[string]string) {
	for i := range routes {
		rt := &routes[i]
		if rt.method != method {
			continue
		}
		if p := matchPath(rt.pattern, path); p != nil {
			return rt, p
		}
	}
	return nil, nil
}

func anyRoute(path string) bool {
	for _, rt := range routes {
		if matchPath(rt.pattern, path) != nil {
			return true
		}
	}
	return false
}

func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id": s.opts.BotID, "username": s.opts.BotName, "global_name": nil, "discriminator": "0",
		"avatar": nil, "bot": true, "verified": true, "flags": 0,
	}
}

func (s *Server) getGateway(*Request) (int, any) {
	return http.StatusOK, map[string]any{"url": s.GatewayURL()}
}

func (s *Server) getGatewayBot(*Request) (int, any) {
	return http.StatusOK, map[string]any{
		"url": s.GatewayURL(), "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1},
	}
}

func (s *Server) getMe(*Request) (int, any) { return http.StatusOK, s.botUser() }

func (s *Server) getApplication(*Request) (int, any) {
	return http.StatusOK, map[string]any{"id": s.opts.AppID, "name": s.opts.BotName, "bot_public": true, "bot": s.botUser(), "flags": 0}
}

func unknownApplication() (int, any) {
	return http.StatusNotFound, errorBody(10002, "Unknown Application")
}

func (s *Server) getCommands(r *Request) (int, any) {
	if r.Params["app"] != s.opts.AppID {
		return unknownApplication()
	}
	return http.StatusOK, s.Commands(r.Params["guild"])
}

// putCommands is the bulk overwrite: the set replaces what was there; a
// command keeps its id when its name (and type) was already registered, as
// on Discord.
func (s *Server) putCommands(r *Request) (int, any) {
	if r.Params["app"] != s.opts.AppID {
		return unknownApplication()
	}
	var in []map[string]any
	if err := r.Decode(&in); err != nil {
		return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
	}
	if len(in) > 100 {
		return http.StatusBadRequest, errorBody(30032, "Maximum number of application commands reached (100)")
	}
	guild := r.Params["guild"]
	s.mu.Lock()
	defer s.mu.Unlock()
	old := map[string]map[string]any{}
	for _, c := range s.commands[guild] {
		old[commandKey(c)] = c
	}
	out := make([]map[string]any, 0, len(in))
	seen := map[string]bool{}
	for _, c := range in {
		name, _ := c["name"].(string)
		if name == "" {
			return http.StatusBadRequest, invalidFormBody(&ValidateError{Problems: []Problem{{Path: strconv.Itoa(len(out)) + ".name", Code: "BASE_TYPE_REQUIRED", Message: "This field is required"}}}, "")
		}
		c = maps.Clone(c)
		if _, ok := c["type"]; !ok {
			c["type"] = 1
		}
		key := commandKey(c)
		if seen[key] {
			return http.StatusBadRequest, errorBody(50035, "Application command names must be unique")
		}
		seen[key] = true
		if prev, ok := old[key]; ok {
			c["id"] = prev["id"]
		} else {
			c["id"] = s.newIDLocked()
		}
		c["application_id"] = s.opts.AppID
		c["version"] = s.newIDLocked()
		if guild != "" {
			c["guild_id"] = guild
		}
		// Fields Discord fills in when the bot left them out, so that a
		// front end comparing its set with what Discord holds meets them.
		defaults := map[string]any{
			"default_member_permissions": nil, "nsfw": false, "description": "",
			"name_localizations": nil, "description_localizations": nil,
			"contexts": nil, "integration_types": []any{0},
		}
		if guild == "" {
			defaults["dm_permission"] = true
		}
		for k, v := range defaults {
			if _, ok := c[k]; !ok {
				c[k] = v
			}
		}
		out = append(out, c)
	}
	s.commands[guild] = out
	return http.StatusOK, cloneCommands(out)
}

func commandKey(c map[string]any) string {
	name, _ := c["name"].(string)
	t, _ := json.Marshal(c["type"])
	return name + "/" + string(t)
}

func cloneCommands(cs []map[string]any) []map[string]any {
	b, _ := json.Marshal(cs)
	var out []map[string]any
	_ = json.Unmarshal(b, &out)
	if out == nil {
		out = []map[string]any{}
	}
	return out
}

// Commands returns the commands registered for a guild ("" for global), as
// GET .../commands returns them (with ids), in registration order.
func (s *Server) Commands(guild string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneCommands(s.commands[guild])
}

// SetCommands sets the registered commands for a guild ("" for global), as
// if an earlier run had put them; cmds are Discord command objects (JSON
// text or a value that encodes to a list of them).
func (s *Server) SetCommands(guild string, cmds any) error {
	var in []map[string]any
	b, ok := cmds.([]byte)
	if !ok {
		var err error
		if b, err = json.Marshal(cmds); err != nil {
			return err
		}
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range in {
		if _, ok := c["id"]; !ok {
			c["id"] = s.newIDLocked()
		}
		if _, ok := c["type"]; !ok {
			c["type"] = 1
		}
		c["application_id"] = s.opts.AppID
	}
	s.commands[guild] = in
	return nil
}

func unknownInteraction() (int, any) {
	return http.StatusNotFound, errorBody(10062, "Unknown interaction")
}

func unknownWebhook() (int, any) {
	return http.StatusNotFound, errorBody(10015, "Unknown Webhook")
}

// postCallback is the interaction's first answer. An interaction the fake did
// not dispatch, a wrong token, or a callback after the deadline get
// Discord's 404 Unknown interaction; a second callback gets 400.
func (s *Server) postCallback(r *Request) (int, any) {
	var cb struct {
		Type int            `json:"type"`
		Data map[string]any `json:"data"`
	}
	if err := r.Decode(&cb); err != nil {
		return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.interactions[r.Params["id"]]
	if in == nil || in.token != r.Params["token"] {
		return unknownInteraction()
	}
	if d := s.opts.InteractionDeadline; d > 0 && r.Time.Sub(in.dispatched) > d {
		return unknownInteraction()
	}
	if in.callback != 0 {
		return http.StatusBadRequest, errorBody(40060, "Interaction has already been acknowledged.")
	}
	switch cb.Type {
	case 4, 7:
		rep, err := r.Reply()
		if err != nil {
			return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
		}
		if err := Validate(rep, len(r.Files), cb.Type == 4); err != nil {
			return http.StatusBadRequest, invalidFormBody(err.(*ValidateError), "data")
		}
		in.original = s.messageLocked(cb.Data, r.Files, s.opts.ChannelID)
	case 5:
		flags := 0
		if f, ok := cb.Data["flags"].(float64); ok {
			flags = int(f)
		}
		in.original = s.messageLocked(map[string]any{"flags": flags | 128}, nil, s.opts.ChannelID) // LOADING
	case 6:
		in.original = map[string]any{}
	case 8:
		rep, err := r.Reply()
		if err != nil {
			return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
		}
		if err := Validate(rep, 0, false); err != nil {
			return http.StatusBadRequest, invalidFormBody(err.(*ValidateError), "data")
		}
	case 1, 9, 10, 12:
	default:
		return http.StatusBadRequest, invalidFormBody(&ValidateError{Problems: []Problem{{Path: "type", Code: "BASE_TYPE_CHOICES", Message: "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}."}}}, "")
	}
	in.callback = cb.Type
	return http.StatusNoContent, nil
}

// webhookInteraction returns the interaction a webhook path belongs to, and
// whether the path may be used: a token the fake never issued is taken as
// one answered over HTTP (the bot's own interactions endpoint), and allowed.
func (s *Server) webhookInteraction(r *Request) (*interaction, bool) {
	if r.Params["app"] != s.opts.AppID {
		return nil, false
	}
	in := s.byToken[r.Params["token"]]
	if in != nil && in.callback == 0 {
		return in, false
	}
	return in, true
}

func (s *Server) getWebhookMessage(r *Request) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.webhookInteraction(r)
	if !ok {
		return unknownWebhook()
	}
	if r.Params["message"] == "@original" && in != nil && in.original != nil {
		return http.StatusOK, in.original
	}
	return http.StatusNotFound, errorBody(10008, "Unknown Message")
}

func (s *Server) patchWebhookMessage(r *Request) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.webhookInteraction(r)
	if !ok {
		return unknownWebhook()
	}
	var patch map[string]any
	if len(r.Body) > 0 {
		if err := r.Decode(&patch); err != nil {
			return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
		}
	}
	msg := map[string]any{}
	if in != nil && r.Params["message"] == "@original" && in.original != nil {
		msg = maps.Clone(in.original)
		if f, ok := msg["flags"].(int); ok {
			msg["flags"] = f &^ 128
		}
	}
	maps.Copy(msg, patch)
	var rep Reply
	b, _ := json.Marshal(msg)
	if err := json.Unmarshal(b, &rep); err != nil {
		return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
	}
	if err := Validate(rep, len(r.Files), false); err != nil {
		return http.StatusBadRequest, invalidFormBody(err.(*ValidateError), "")
	}
	out := s.messageLocked(msg, r.Files, s.opts.ChannelID)
	if id, ok := msg["id"]; ok {
		out["id"] = id
	}
	if in != nil && r.Params["message"] == "@original" {
		in.original = out
	}
	return http.StatusOK, out
}

func (s *Server) deleteWebhookMessage(r *Request) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.webhookInteraction(r); !ok {
		return unknownWebhook()
	}
	return http.StatusNoContent, nil
}

// postWebhook is a follow-up message; allowed once the interaction is
// acknowledged.
func (s *Server) postWebhook(r *Request) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.webhookInteraction(r); !ok {
		return unknownWebhook()
	}
	return s.createMessageLocked(r, s.opts.ChannelID, r.Query.Get("wait") == "true")
}

func (s *Server) postChannelMessage(r *Request) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.createMessageLocked(r, r.Params["channel"], true)
}

func (s *Server) createMessageLocked(r *Request, channel string, answer bool) (int, any) {
	var data map[string]any
	if len(r.Body) > 0 {
		if err := r.Decode(&data); err != nil {
			return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
		}
	}
	rep, err := r.Reply()
	if err != nil {
		return http.StatusBadRequest, errorBody(50109, "The request body contains invalid JSON.")
	}
	if err := Validate(rep, len(r.Files), true); err != nil {
		return http.StatusBadRequest, invalidFormBody(err.(*ValidateError), "")
	}
	msg := s.messageLocked(data, r.Files, channel)
	if !answer {
		return http.StatusNoContent, nil
	}
	return http.StatusOK, msg
}

// messageLocked builds the message object Discord answers with, the bot as
// its author and each file an attachment with a URL on the fake.
func (s *Server) messageLocked(data map[string]any, files []File, channel string) map[string]any {
	msg := map[string]any{
		"id": s.newIDLocked(), "channel_id": channel, "type": 0, "author": s.botUser(),
		"content": "", "embeds": []any{}, "components": []any{}, "attachments": []any{},
		"mentions": []any{}, "mention_roles": []any{}, "mention_everyone": false,
		"pinned": false, "tts": false, "flags": 0,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "edited_timestamp": nil,
		"application_id": s.opts.AppID,
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "tts", "message_reference"} {
		if v, ok := data[k]; ok && v != nil {
			msg[k] = v
		}
	}
	if _, ok := data["message_reference"]; ok {
		msg["type"] = 19
	}
	var atts []any
	for _, f := range files {
		atts = append(atts, map[string]any{
			"id": s.newIDLocked(), "filename": f.Name, "size": len(f.Data), "content_type": f.ContentType,
			"url": s.URL() + "/attachments/" + channel + "/" + f.Name, "proxy_url": s.URL() + "/attachments/" + channel + "/" + f.Name,
		})
	}
	if atts != nil {
		msg["attachments"] = atts
	}
	return msg
}

// commandID is the registered id of a command name, or a fresh one.
func (s *Server) commandIDLocked(name string) string {
	for _, guild := range slices.Sorted(maps.Keys(s.commands)) {
		for _, c := range s.commands[guild] {
			if c["name"] == name {
				if id, ok := c["id"].(string); ok {
					return id
				}
			}
		}
	}
	return s.newIDLocked()
}
