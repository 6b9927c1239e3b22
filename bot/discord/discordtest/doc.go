// Package discordtest is an in-process fake Discord for tests: the REST API
// a bot uses and the gateway websocket, on loopback, that the real discordgo
// client connects to. It records what the bot sends so a test can wait for a
// request and check it, dispatches gateway events the test builds, and can
// make a route fail once (429 with Discord's rate-limit headers, 403, 400) or
// drop the socket to force a RESUME.
//
// It answers as Discord does where a bot would notice: 204 for an
// interaction callback, 400 "already acknowledged" for a second one, 400
// "Invalid Form Body" for a message over Discord's limits, 401 for a wrong
// token, commands echoed back with ids after a bulk overwrite. It does not
// import discordgo, so the client is checked against Discord's JSON and not
// against its own encoding.
//
// Nothing here talks to the network beyond 127.0.0.1, and the only token it
// knows is the fake one the test gives it.
package discordtest
