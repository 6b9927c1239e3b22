package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// splitDocID reads a passage or fact document id ("p:ID:N", "f:ID:N")
// back into the article id and the number.
func splitDocID(docID string) (id string, n int, ok bool) {
	if len(docID) < 2 || docID[1] != ':' {
		return "", 0, false
	}
	rest := docID[2:]
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(rest[i+1:])
	if err != nil {
		return "", 0, false
	}
	return rest[:i], n, true
}

// recordCacheSize bounds the decoded records kept between queries: the
// questions of a conversation, and the several index calls one answer
// makes, read the same articles again.
const recordCacheSize = 4096

// recordCache holds decoded records until the next write. gen counts
// writes: a reader that began before one does not store what it read.
type recordCache struct {
	mu    sync.Mutex
	gen   uint64
	byID  map[string]*record
	order []string // insertion order, for eviction
}

func (c *recordCache) get(id string) (*record, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byID[id], c.gen
}

func (c *recordCache) put(id string, r *record, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.byID == nil {
		c.byID = make(map[string]*record, recordCacheSize)
	}
	if _, ok := c.byID[id]; ok {
		return
	}
	if len(c.order) >= recordCacheSize {
		delete(c.byID, c.order[0])
		c.order = c.order[1:]
	}
	c.byID[id] = r
	c.order = append(c.order, id)
}

// forget drops every record; called after each batch is written.
func (c *recordCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.byID = nil
	c.order = nil
}

// records reads the records of the given articles, each once; an article
// the index lacks gets no entry.
func (ix *Index) records(ctx context.Context, ids []string) (map[string]*record, error) {
	out := make(map[string]*record, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var gen uint64
	missing := ids[:0:0]
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		var rec *record
		if rec, gen = ix.recs.get(id); rec != nil {
			out[id] = rec
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	ids = missing
	adv, err := ix.bl.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: read records: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: read records: %w", err)
	}
	defer r.Close()
	for i, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if i%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("index: read records: %w", err)
			}
		}
		// on the first passage, or on the article document when it has none
		var rec *record
		for _, docID := range []string{passageDocID(id, 0), articleDocID(id)} {
			d, err := r.Document(docID)
			if err != nil {
				return nil, fmt.Errorf("index: read record of %s: %w", id, err)
			}
			if d == nil {
				continue
			}
			var raw []byte
			d.VisitFields(func(f index.Field) {
				if f.Name() == recordField {
					raw = f.Value()
				}
			})
			if raw == nil {
				continue
			}
			if rec, err = decodeRecord(raw); err != nil {
				return nil, fmt.Errorf("index: read record of %s: %w", id, err)
			}
			break
		}
		if rec != nil {
			out[id] = rec
			ix.recs.put(id, rec, gen)
		}
	}
	return out, nil
}
