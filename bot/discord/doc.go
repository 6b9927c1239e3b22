// Package discord is newsbot's Discord front end, and the only package that
// imports discordgo. It turns slash commands, autocomplete, buttons and
// messages that mention the bot into bot.Requests, and bot.Responses into
// Discord replies that keep every Discord limit and never cut a quote.
//
// Two transports share one Front: the gateway (Gateway, with a bot token)
// and the HTTP interactions endpoint (Interactions, with the application's
// public key and no token). Every REST call goes through discordgo, to the
// API base the deployment configures (NewTransport), so a test can point
// the real client at an in-process fake (package discordtest).
package discord
