package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"

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

// records reads the records of the given articles, each once; an article
// the index lacks gets no entry.
func (ix *Index) records(ctx context.Context, ids []string) (map[string]*record, error) {
	out := make(map[string]*record, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
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
		}
	}
	return out, nil
}
