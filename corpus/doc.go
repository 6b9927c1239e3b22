// Package corpus owns the Article: loading articles from folders of text,
// Markdown, JSON and JSONL files, recognising headings and credits, stable
// IDs and content hashes, and the bundled sample corpus.
package corpus
