package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// hashVersion is mixed into every Hash. Bump it when parsing changes what an
// unchanged file yields (paragraph split, classification, title inference),
// so indexes built by the old code are refreshed rather than trusted.
const hashVersion = "corpus-hash-v1"

// hashArticle digests everything that affects indexing. Each field is length
// prefixed so that moving bytes from one field to the next (a title that ends
// where the text begins) can never give the same digest.
func hashArticle(a *Article) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	field := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.Format(time.RFC3339Nano)
	}
	for _, s := range []string{hashVersion, a.ID, a.Title, a.Outlet, date, a.URL, a.Author, a.Text} {
		field(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}
