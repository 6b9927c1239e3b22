package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsroom/newsbot/bot"
)

// completed are the options Discord autocompletes from the archive.
var completed = map[string]bool{"speaker": true, "place": true}

// ApplicationCommands is bot.Commands as Discord takes them: every option a
// string, speaker and place autocompleted, choices as choice lists, admin
// commands behind the Manage Server permission.
func ApplicationCommands() []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, c := range bot.Commands {
		ac := &discordgo.ApplicationCommand{
			Name:        c.Name,
			Description: cutText(c.Description, 100),
			Type:        discordgo.ChatApplicationCommand,
		}
		if c.AdminOnly {
			perm := int64(discordgo.PermissionManageServer)
			ac.DefaultMemberPermissions = &perm
			dm := false
			ac.DMPermission = &dm
		}
		for _, o := range c.Options {
			opt := &discordgo.ApplicationCommandOption{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         o.Name,
				Description:  cutText(o.Description, 100),
				Required:     o.Required,
				Autocomplete: completed[o.Name] && len(o.Choices) == 0,
				MaxLength:    bot.MaxRequestLen,
			}
			for _, ch := range o.Choices {
				opt.Choices = append(opt.Choices, &discordgo.ApplicationCommandOptionChoice{Name: ch, Value: ch})
			}
			ac.Options = append(ac.Options, opt)
		}
		out = append(out, ac)
	}
	return out
}

// commandKey is what decides whether Discord holds our commands already:
// names, descriptions, options, choices and permissions, not the ids and
// versions Discord adds.
func commandKey(cs []*discordgo.ApplicationCommand) string {
	var b strings.Builder
	sorted := slices.Clone(cs)
	slices.SortFunc(sorted, func(a, b *discordgo.ApplicationCommand) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range sorted {
		perm := "-"
		if c.DefaultMemberPermissions != nil {
			perm = fmt.Sprint(*c.DefaultMemberPermissions)
		}
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		fmt.Fprintf(&b, "%s|%d|%s|%s\n", c.Name, typ, c.Description, perm)
		for _, o := range c.Options {
			fmt.Fprintf(&b, "  %s|%d|%s|%v|%v|%d\n", o.Name, o.Type, o.Description, o.Required, o.Autocomplete, o.MaxLength)
			for _, ch := range o.Choices {
				fmt.Fprintf(&b, "    %s=%v\n", ch.Name, ch.Value)
			}
		}
	}
	return b.String()
}

// Register makes Discord hold exactly ApplicationCommands for appID, in
// guildID when set (instant) or globally: one bulk overwrite, and none when
// Discord's set is already ours.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, log *slog.Logger) (changed bool, err error) {
	if appID == "" {
		return false, errors.New("discord: register commands: no application id")
	}
	want := ApplicationCommands()
	have, err := s.ApplicationCommands(appID, guildID, discordgo.WithContext(ctx))
	if err != nil {
		return false, fmt.Errorf("discord: list commands: %w", err)
	}
	if commandKey(have) == commandKey(want) {
		log.Info("discord: commands unchanged", "count", len(want), "guild_id", guildID)
		return false, nil
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, want, discordgo.WithContext(ctx)); err != nil {
		return false, fmt.Errorf("discord: register commands: %w", err)
	}
	log.Info("discord: commands registered", "count", len(want), "guild_id", guildID)
	return true, nil
}

func findCommand(name string) (bot.Command, bool) {
	for _, c := range bot.Commands {
		if c.Name == name {
			return c, true
		}
	}
	return bot.Command{}, false
}

// flatten returns the options of a command and of its subcommands.
func flatten(opts []*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if o == nil {
			continue
		}
		out = append(out, o)
		out = append(out, flatten(o.Options)...)
	}
	return out
}

// commandText writes a slash command as the text the engine parses:
// "/quote speaker:Peskov topic:Assad"; /ask becomes its question. An option
// the command does not declare is refused with a sentence for the user.
func commandText(c bot.Command, opts []*discordgo.ApplicationCommandInteractionDataOption) (string, error) {
	vals := map[string]string{}
	for _, o := range flatten(opts) {
		if !slices.ContainsFunc(c.Options, func(d bot.Option) bool { return d.Name == o.Name }) {
			return "", fmt.Errorf("/%s has no option %q; try /help", c.Name, o.Name)
		}
		vals[o.Name] = oneLine(fmt.Sprint(o.Value))
	}
	for _, o := range c.Options {
		if o.Required && strings.TrimSpace(vals[o.Name]) == "" {
			return "", fmt.Errorf("/%s needs %s: %s", c.Name, o.Name, o.Description)
		}
	}
	if c.Name == "ask" {
		return vals["question"], nil
	}
	parts := []string{"/" + c.Name}
	for _, o := range c.Options {
		if v := strings.TrimSpace(vals[o.Name]); v != "" {
			parts = append(parts, o.Name+":"+v)
		}
	}
	return strings.Join(parts, " "), nil
}
