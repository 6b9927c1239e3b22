// Package push is the HTTP route a CMS pushes articles through: POST
// /articles stores one article or an array of them as files in the corpus
// folder (written atomically: temporary file, sync, rename) and has the
// archive index them before answering, and DELETE /articles/{id} removes
// one. Every request carries a bearer token, compared in constant time.
// The corpus stays the source of truth: a pushed article is a file like
// any other, which a rebuild finds again.
package push
