package discordtest

import (
	"strconv"
	"time"
)

// The event builders return Discord-shaped JSON objects for Dispatch, with
// the server's guild, channel and user and fresh ids; an interaction also
// gets a fresh token. They are plain maps so a test can change or delete any
// field (every field may be absent on Discord too).

// Permission bits the builders and tests use.
const (
	PermManageGuild           = 1 << 5
	PermViewChannel           = 1 << 10
	PermSendMessages          = 1 << 11
	PermEmbedLinks            = 1 << 14
	PermAttachFiles           = 1 << 15
	PermReadMessageHistory    = 1 << 16
	PermUseApplicationCommand = 1 << 31

	// DefaultPermissions is a plain member's, and the bot's, in the channel:
	// no Manage Server.
	DefaultPermissions = PermViewChannel | PermSendMessages | PermEmbedLinks | PermAttachFiles | PermReadMessageHistory | PermUseApplicationCommand
)

// Option types of application command options.
const (
	OptionString  = 3
	OptionInteger = 4
	OptionBoolean = 5
	OptionNumber  = 10
)

// StringOption is a string option as it arrives in a command interaction.
func StringOption(name, value string) map[string]any {
	return map[string]any{"name": name, "type": OptionString, "value": value}
}

// IntegerOption is an integer option.
func IntegerOption(name string, value int64) map[string]any {
	return map[string]any{"name": name, "type": OptionInteger, "value": value}
}

// Focused marks the option the user is typing in (autocomplete).
func Focused(opt map[string]any) map[string]any {
	opt["focused"] = true
	return opt
}

func (s *Server) user() map[string]any {
	return map[string]any{
		"id": s.opts.UserID, "username": s.opts.UserName, "global_name": "Reporter",
		"discriminator": "0", "avatar": nil, "public_flags": 0,
	}
}

func (s *Server) member(perms int64) map[string]any {
	return map[string]any{
		"user": s.user(), "roles": []any{}, "nick": nil, "avatar": nil,
		"joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false,
		"flags": 0, "pending": false, "permissions": strconv.FormatInt(perms, 10),
	}
}

// interactionBase is an interaction in the server's guild channel, by the
// server's user, with default permissions.
func (s *Server) interactionBase(typ int, data map[string]any) map[string]any {
	s.mu.Lock()
	id := s.newIDLocked()
	s.mu.Unlock()
	return map[string]any{
		"id": id, "application_id": s.opts.AppID, "type": typ, "data": data,
		"guild_id": s.opts.GuildID, "channel_id": s.opts.ChannelID,
		"channel": map[string]any{"id": s.opts.ChannelID, "type": 0, "guild_id": s.opts.GuildID, "name": "newsdesk"},
		"member":  s.member(DefaultPermissions), "app_permissions": strconv.FormatInt(DefaultPermissions, 10),
		"locale": "en-US", "guild_locale": "en-US", "context": 0,
		"authorizing_integration_owners": map[string]any{"0": s.opts.GuildID},
		"token":                          "fake-interaction-token-" + id, "version": 1, "entitlements": []any{},
	}
}

func (s *Server) commandData(name string, options []map[string]any) map[string]any {
	s.mu.Lock()
	cid := s.commandIDLocked(name)
	s.mu.Unlock()
	opts := make([]any, len(options))
	for i, o := range options {
		opts[i] = o
	}
	d := map[string]any{"id": cid, "name": name, "type": 1, "guild_id": s.opts.GuildID}
	if len(opts) > 0 {
		d["options"] = opts
	}
	return d
}

// SlashCommand is an INTERACTION_CREATE of a chat-input command (type 2)
// with its options; the command id is the registered one when the bot has
// registered that name.
func (s *Server) SlashCommand(name string, options ...map[string]any) map[string]any {
	return s.interactionBase(2, s.commandData(name, options))
}

// Autocomplete is an INTERACTION_CREATE of type 4; mark the option being
// typed with Focused.
func (s *Server) Autocomplete(name string, options ...map[string]any) map[string]any {
	return s.interactionBase(4, s.commandData(name, options))
}

// ButtonPress is an INTERACTION_CREATE of a button click (type 3) on a
// message of the bot's; set ev["message"] to carry the real one.
func (s *Server) ButtonPress(customID string) map[string]any {
	s.mu.Lock()
	mid := s.newIDLocked()
	s.mu.Unlock()
	msg := map[string]any{
		"id": mid, "channel_id": s.opts.ChannelID, "author": s.botUser(), "content": "",
		"embeds": []any{}, "attachments": []any{}, "mentions": []any{}, "mention_roles": []any{},
		"components": []any{map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 2, "style": 2, "label": "More", "custom_id": customID},
		}}},
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "type": 0, "flags": 0,
	}
	ev := s.interactionBase(3, map[string]any{"custom_id": customID, "component_type": 2})
	ev["message"] = msg
	return ev
}

// WithPermissions sets the invoking member's permissions (an interaction in
// a guild), e.g. PermManageGuild|DefaultPermissions for an admin.
func WithPermissions(ev map[string]any, perms int64) map[string]any {
	if m, ok := ev["member"].(map[string]any); ok {
		m["permissions"] = strconv.FormatInt(perms, 10)
	}
	return ev
}

// WithRoles sets the invoking member's role ids.
func WithRoles(ev map[string]any, roles ...string) map[string]any {
	if m, ok := ev["member"].(map[string]any); ok {
		rs := make([]any, len(roles))
		for i, r := range roles {
			rs[i] = r
		}
		m["roles"] = rs
	}
	return ev
}

// WithAppPermissions sets the bot's permissions in the channel
// (app_permissions), e.g. without PermAttachFiles.
func WithAppPermissions(ev map[string]any, perms int64) map[string]any {
	ev["app_permissions"] = strconv.FormatInt(perms, 10)
	return ev
}

// InDM moves an interaction to a DM with the bot: no guild, no member, the
// user at the top level.
func (s *Server) InDM(ev map[string]any) map[string]any {
	delete(ev, "guild_id")
	delete(ev, "member")
	delete(ev, "guild_locale")
	ev["user"] = s.user()
	ev["channel_id"] = s.dmChannel()
	ev["channel"] = map[string]any{"id": s.dmChannel(), "type": 1}
	ev["context"] = 1
	ev["authorizing_integration_owners"] = map[string]any{"1": s.opts.UserID}
	if d, ok := ev["data"].(map[string]any); ok {
		delete(d, "guild_id")
	}
	return ev
}

func (s *Server) dmChannel() string { return "5000000000000000001" }

func (s *Server) message(content string, guild bool, author map[string]any) map[string]any {
	s.mu.Lock()
	id := s.newIDLocked()
	s.mu.Unlock()
	m := map[string]any{
		"id": id, "channel_id": s.opts.ChannelID, "author": author, "content": content,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "edited_timestamp": nil,
		"tts": false, "mention_everyone": false, "mentions": []any{}, "mention_roles": []any{},
		"attachments": []any{}, "embeds": []any{}, "components": []any{}, "pinned": false,
		"type": 0, "flags": 0,
	}
	if guild {
		m["guild_id"] = s.opts.GuildID
		m["member"] = map[string]any{"roles": []any{}, "joined_at": "2024-01-01T00:00:00.000000+00:00", "nick": nil, "deaf": false, "mute": false, "flags": 0}
	} else {
		m["channel_id"] = s.dmChannel()
	}
	return m
}

// Mention is a MESSAGE_CREATE in the guild channel that mentions the bot:
// content "<@BOTID> text", the bot in mentions.
func (s *Server) Mention(text string) map[string]any {
	m := s.message("<@"+s.opts.BotID+"> "+text, true, s.user())
	bot := s.botUser()
	bot["member"] = map[string]any{"roles": []any{}, "joined_at": "2024-01-01T00:00:00.000000+00:00"}
	m["mentions"] = []any{bot}
	return m
}

// DirectMessage is a MESSAGE_CREATE in a DM with the bot.
func (s *Server) DirectMessage(text string) map[string]any {
	return s.message(text, false, s.user())
}

// ChannelMessage is a MESSAGE_CREATE in the guild channel not meant for the
// bot. Without the message-content intent in the session, Discord sends it
// with empty content, and so does this.
func (s *Server) ChannelMessage(text string) map[string]any {
	if s.Intents()&IntentMessageContent == 0 {
		text = ""
	}
	return s.message(text, true, s.user())
}

// OwnMessage is a MESSAGE_CREATE by the bot itself, mentioning itself.
func (s *Server) OwnMessage(text string) map[string]any {
	m := s.message("<@"+s.opts.BotID+"> "+text, true, s.botUser())
	m["mentions"] = []any{s.botUser()}
	return m
}

// BotMessage is a MESSAGE_CREATE by another bot that mentions this one.
func (s *Server) BotMessage(text string) map[string]any {
	other := map[string]any{"id": "1000000000000000999", "username": "otherbot", "discriminator": "0", "bot": true}
	m := s.message("<@"+s.opts.BotID+"> "+text, true, other)
	m["mentions"] = []any{s.botUser()}
	return m
}
