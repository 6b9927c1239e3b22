// Package bot is the answer engine: a Request (a plain question or a slash
// command, and who asked) becomes a Response (a headline and ordered answers,
// each with its verbatim evidence and source). It knows nothing of Discord;
// the CLI and the Discord front end both call Engine.Answer.
package bot
