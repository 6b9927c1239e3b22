// Package index owns newsbot's search index: a bleve (scorch) index on
// disk that answers questions about the article archive without going back
// to the articles.
//
// It holds three kinds of document:
//   - a passage per body or heading paragraph (credits are left out),
//     indexed for search (text, word pairs, date), storing nothing;
//   - a fact per statement, toll or control claim, indexed on the fields
//     fact queries filter and rank on (speaker and role, place, category,
//     quote, sentence, day), storing nothing;
//   - an article document with the article's hash and document counts,
//     which Sync compares to re-index only what changed, and the metadata
//     Stats lists.
//
// What answers display is stored once per article, in a record on its
// first passage (see record.go): metadata, the text, where each passage
// lies in it, and the facts, whose evidence sentences and quotes are
// offsets into the text. A hit's document id names the article and the
// passage or fact, and the page of hits reads the records of its
// articles. The document set, the indexed fields and their analysis are
// what they were before records (mapping 7), so scores, and with them
// every answer, are unchanged.
//
// Sync and Update extract facts, build documents and analyse them on
// GOMAXPROCS workers, a bounded window of articles ahead of the writer;
// batches of a few thousand documents are written one at a time, in
// order, while the next fills. An article's documents always share a
// batch, so a crash leaves each article wholly old or wholly new, and the
// next Sync repairs the rest.
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
// checked against positions on the page of hits only (a wider page, then
// the phrase's own positions, when the first page held too few with the
// phrase itself); highlights come from
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
