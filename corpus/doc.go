// Package corpus owns the Article: loading articles from folders of text,
// Markdown, JSON and JSONL files, recognising headings and credits, stable
// IDs and content hashes, and the bundled sample corpus.
//
// Loading never fails on bad input: a file or JSONL line that cannot be an
// article (binary, invalid UTF-8, empty, too big, unreadable, no body, a
// duplicate ID) is returned as a Skip with a reason a user can act on, and
// the rest of the corpus loads. Text is kept byte for byte as read, because
// every offset and quote elsewhere in the project is cut from it.
package corpus
