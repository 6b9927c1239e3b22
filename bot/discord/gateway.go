package discord

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
)

// Intents the bot asks for: guilds, guild and direct messages. Not the
// privileged message-content intent: Discord gives the content of a
// message that mentions the bot, and of a DM, without it.
const Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// NewSession returns a discordgo session whose every REST call, the
// gateway address lookup included, goes to apiBase (DISCORD_API_BASE).
// token may be empty for a session that only answers HTTP interactions
// through their webhooks. discordgo's own log lines go to log.
func NewSession(token, apiBase string, log *slog.Logger) (*discordgo.Session, error) {
	if _, err := ParseAPIBase(apiBase); err != nil {
		return nil, err
	}
	auth := ""
	if token != "" {
		auth = "Bot " + token
	}
	s, err := discordgo.New(auth)
	if err != nil {
		return nil, fmt.Errorf("discord: session: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: NewTransport(apiBase, nil)}
	s.Identify.Intents = Intents
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 2
	s.LogLevel = discordgo.LogWarning
	discordLog.Store(log)
	discordLogOnce.Do(func() { discordgo.Logger = logDiscordgo })
	return s, nil
}

// discordgo logs through one package-level function; it is set once, and
// writes to the logger of the session made last (a process runs one), so a
// session's goroutines never race a later NewSession.
var (
	discordLog     atomic.Pointer[slog.Logger]
	discordLogOnce sync.Once
)

func logDiscordgo(level, _ int, format string, a ...any) {
	log := discordLog.Load()
	if log == nil {
		return
	}
	lv := slog.LevelDebug
	switch level {
	case discordgo.LogError:
		lv = slog.LevelError
	case discordgo.LogWarning:
		lv = slog.LevelWarn
	case discordgo.LogInformational:
		lv = slog.LevelInfo
	}
	log.Log(context.Background(), lv, "discordgo: "+fmt.Sprintf(format, a...))
}

// Gateway is the bot's gateway connection: slash commands, autocomplete,
// buttons, and questions in messages that mention it or in DMs.
type Gateway struct {
	f       *Front
	s       *discordgo.Session
	guildID string

	mu     sync.Mutex
	appID  string
	selfID string
	ready  chan struct{}
	once   sync.Once
	remove []func()
}

// Gateway connects f to Discord through s. guildID scopes the commands to
// one server (registered at once) when set; appID may be empty (it is read
// from READY).
func (f *Front) Gateway(s *discordgo.Session, guildID, appID string) *Gateway {
	return &Gateway{f: f, s: s, guildID: guildID, appID: appID, ready: make(chan struct{})}
}

// Open connects and returns once the gateway is READY and the commands are
// registered, or when ctx is done.
func (g *Gateway) Open(ctx context.Context) error {
	g.remove = append(g.remove,
		g.s.AddHandler(g.onReady),
		g.s.AddHandler(g.onInteraction),
		g.s.AddHandler(g.onMessage),
	)
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("discord: gateway: %w", err)
	}
	select {
	case <-g.ready:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("discord: gateway: waiting for READY: %w", ctx.Err())
	}
}

// Close closes the gateway connection.
func (g *Gateway) Close() error {
	for _, rm := range g.remove {
		rm()
	}
	if err := g.s.Close(); err != nil {
		return fmt.Errorf("discord: gateway close: %w", err)
	}
	return nil
}

func (g *Gateway) onReady(s *discordgo.Session, r *discordgo.Ready) {
	log := g.f.log
	if r == nil {
		return
	}
	g.mu.Lock()
	if r.Application != nil && r.Application.ID != "" {
		g.appID = r.Application.ID
	}
	if r.User != nil {
		g.selfID = r.User.ID
	}
	appID := g.appID
	g.mu.Unlock()
	log.Info("discord: gateway ready", "guilds", len(r.Guilds))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := Register(ctx, s, appID, g.guildID, log); err != nil {
		log.Error("discord: registering commands", "err", err)
	}
	g.once.Do(func() { close(g.ready) })
}

func (g *Gateway) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil || g.f.closing.Load() {
		return
	}
	in := ic.Interaction
	ctx, cancel := context.WithTimeout(context.Background(), interactionTimeout)
	g.f.inflight.Add(1)
	defer g.f.inflight.Done()
	defer cancel()
	g.f.handle(ctx, reply{in: in, rest: s, files: true, ack: func(r *discordgo.InteractionResponse) error {
		return s.InteractionRespond(in, r, discordgo.WithContext(ctx))
	}})
}

var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

// onMessage answers a message that mentions the bot, or a DM, as a reply
// to it. Other messages, the bot's own and other bots' are ignored.
func (g *Gateway) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.Bot || g.f.closing.Load() {
		return
	}
	g.mu.Lock()
	self := g.selfID
	g.mu.Unlock()
	if self == "" || m.Author.ID == self {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == self {
			mentioned = true
		}
	}
	if strings.Contains(m.Content, "<@"+self+">") || strings.Contains(m.Content, "<@!"+self+">") {
		mentioned = true
	}
	if !mentioned && m.GuildID != "" {
		return
	}
	g.f.inflight.Add(1)
	defer g.f.inflight.Done()
	ctx, cancel := context.WithTimeout(context.Background(), interactionTimeout)
	defer cancel()
	log := g.f.log.With("guild_id", m.GuildID, "channel_id", m.ChannelID, "source", "message")
	defer func() {
		if p := recover(); p != nil {
			log.Error("discord: panic while answering a message", "panic", fmt.Sprint(p))
		}
	}()
	q := strings.TrimSpace(mentionRE.ReplaceAllStringFunc(m.Content, func(s string) string {
		if mentionRE.FindStringSubmatch(s)[1] == self {
			return " "
		}
		return s
	}))
	q = oneLine(q)
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if q == "" {
		g.send(ctx, log, m.ChannelID, textMessage("Ask me something, for example “What did Peskov say?”, “/toll” or “Who controls Aleppo?”.", false), ref)
		return
	}
	if err := s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx)); err != nil {
		log.Debug("discord: typing indicator", "err", err)
	}
	key := convoKey(m.ChannelID, m.Author.ID)
	req := bot.Request{Text: q, Previous: g.f.convo.previous(key, g.f.opt.FollowUpWindow), User: bot.User{ID: m.Author.ID, Name: m.Author.Username}}
	resp := g.f.eng.Answer(ctx, req)
	if resp.Intent != bot.IntentError {
		g.f.convo.remember(key, q)
	}
	msg := g.f.renderResponse(ctx, log, resp)
	msg.Ephemeral = false
	g.send(ctx, log, m.ChannelID, msg, ref)
}

// send posts msg to a channel, and again as plain words when Discord
// refuses it.
func (g *Gateway) send(ctx context.Context, log *slog.Logger, channel string, msg message, ref *discordgo.MessageReference) {
	_, err := g.s.ChannelMessageSendComplex(channel, msg.send(ref), discordgo.WithContext(ctx))
	if err != nil && refused(err) {
		log.Warn("discord: message refused; sending it as plain words", "err", err)
		_, err = g.s.ChannelMessageSendComplex(channel, msg.plain().send(ref), discordgo.WithContext(ctx))
	}
	if err != nil {
		log.Error("discord: answering a message", "err", err)
	}
}

// DefaultAPIBase is the Discord API base discordgo speaks.
var DefaultAPIBase = discordgo.EndpointAPI
