// Package bot is the answer engine: a Request (a plain question or a slash
// command, who asked, and the previous question of the conversation)
// becomes a Response (a one-line headline and ordered answers, each with its
// verbatim evidence and source, five to a page, the rest behind a cursor).
// It knows nothing of Discord; the CLI and the Discord front end both call
// Engine.Answer.
//
// Questions are read as journalists type them: places and dates in any case
// and form (when.go, place.go), roles resolved to the people the archive
// says held them (role.go, roles.tsv), namesakes and misspelt names
// (namesake.go), follow-ups (followup.go). When no extracted fact answers,
// the articles' own sentences do, headed as passages (passage.go), never as
// facts.
package bot
