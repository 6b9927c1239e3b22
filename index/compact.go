package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Compact merges the index's segments into one. A bulk Sync leaves many
// segments, and every query visits each of them; after a rebuild Compact
// makes queries faster. It rewrites the whole index, so it is for after a
// large Sync, not after each small one. Searches keep working meanwhile.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.bl.Advanced()
	if err != nil {
		return fmt.Errorf("index: compact %s: %w", ix.dir, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("index: compact %s: not a scorch index", ix.dir)
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("index: compact %s: %w", ix.dir, err)
	}
	return ctx.Err()
}

// segments is how many segments the index has, for logs and tests.
func (ix *Index) segments() uint64 {
	m, _ := ix.bl.StatsMap()["index"].(map[string]interface{})
	n, _ := m["TotFileSegmentsAtRoot"].(uint64)
	return n
}
