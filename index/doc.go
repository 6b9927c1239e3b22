// Package index owns newsbot's search index: a bleve (scorch) index on
// disk that answers questions about the article archive without going back
// to the articles.
//
// It holds three kinds of document:
//   - a passage per body or heading paragraph (credits are left out), with
//     the paragraph text stored verbatim, its index and byte offset in the
//     article, and the article's metadata;
//   - a fact per statement, toll or control claim, with its searchable
//     fields (speaker, role, place, category, date, ...) and the whole fact
//     stored as JSON, returned as is;
//   - an article document with the article's hash and document counts,
//     which Sync compares to re-index only what changed.
//
// Text fields go through the "newsbot" analyzer, registered with bleve's
// registry: Unicode words, split at colons; Arabic article prefixes
// dropped ("al-Assad", "Al Assad" and "Assad's" all index as "assad");
// ASCII folding of accents and curly quotes; lower case; possessives and
// apostrophes removed; English stop words; Porter stemming. Offsets are
// never moved, so highlights are byte ranges into the stored text.
//
// User text is never parsed as query syntax: queries are built from term,
// match, phrase and range queries. They are shaped to stay cheap on a
// large archive: words common to many passages only rank passages found
// by the rarer words; phrases are found through a field of word pairs and
// checked against positions on the page of hits only; highlights come from
// term locations of that page; facts are filtered on small fields and,
// newest first, looked up in growing date windows sorted by a day keyword.
// After a bulk Sync, Compact merges segments for faster queries.
//
// One process owns an index: Open takes an exclusive flock on
// dir/newsbot.lock first and fails at once with ErrLocked if it is held.
// Open refuses (ErrNotIndex) anything that is not an index of this mapping
// version, and never deletes files. A rebuild can go to a new directory
// while the old index serves, then the caller swaps the two *Index values.
package index
