package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// maxSegmentDocs bounds the documents of one segment, for the background
// merges of a build and for Compact alike. A merge maps every segment it
// reads, so its inputs stay in the process's resident memory until it
// ends: merging a 100,000-article archive (some 1.3 million documents,
// 800 MB) into one segment took the build's RSS past 1 GiB at the very
// end, and a merge of a million articles would map 8 GB. With the bound a
// merge reads at most some 250 MB, and an archive keeps a segment per
// 400,000 documents or so: queries visit each, which costs little next to
// what they read in the largest.
const maxSegmentDocs = 400_000

// mergePlan is the background merge policy: bleve's default but for the
// segment bound of docs.
func mergePlan(docs int64) mergeplan.MergePlanOptions {
	o := mergeplan.DefaultMergePlanOptions
	o.MaxSegmentSize = docs
	return o
}

// compactPlan merges all it can within the segment bound: one tier of
// segments as large as the bound allows, every smaller segment treated as
// that size, so that the plan's budget is the fewest segments the bound
// leaves.
func compactPlan(docs int64) mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = docs
	o.FloorSegmentSize = docs
	return o
}

// runtimeConfig is the scorch configuration of every index this package
// creates or opens. Open passes it again, over what the index stored when
// it was created, so an index built with another bound is merged by this
// one from then on. The options go as a map: scorch reads them through
// JSON, and the plan's function fields have no JSON form.
func runtimeConfig(docs int64) map[string]interface{} {
	o := mergePlan(docs)
	return map[string]interface{}{"scorchMergePlanOptions": map[string]interface{}{
		"MaxSegmentsPerTier":   o.MaxSegmentsPerTier,
		"MaxSegmentSize":       o.MaxSegmentSize,
		"MaxSegmentFileSize":   o.MaxSegmentFileSize,
		"TierGrowth":           o.TierGrowth,
		"SegmentsPerMergeTask": o.SegmentsPerMergeTask,
		"FloorSegmentSize":     o.FloorSegmentSize,
		"ReclaimDeletesWeight": o.ReclaimDeletesWeight,
	}}
}

// Compact merges the index's segments into as few as maxSegmentDocs
// allows (one for an archive of up to some 30,000 articles). A bulk Sync
// leaves many segments, and every query visits each of them; after a
// rebuild Compact makes queries faster. It rewrites most of the index, so
// it is for after a large Sync, not after each small one. Searches keep
// working meanwhile.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.bl.Advanced()
	if err != nil {
		return fmt.Errorf("index: compact %s: %w", ix.dir, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("index: compact %s: not a scorch index", ix.dir)
	}
	// A forced merge is one pass of the plan, whose tasks merge ten
	// segments each: passes go on while they leave fewer segments.
	o := compactPlan(ix.segmentDocs)
	for n := ix.segments(); n > 1; {
		if err := s.ForceMerge(ctx, &o); err != nil {
			return fmt.Errorf("index: compact %s: %w", ix.dir, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		after := ix.segments()
		if after >= n {
			break
		}
		n = after
	}
	return nil
}

// Segments is how many segments the index has now, for logs, status and
// the bench.
func (ix *Index) Segments() int { return int(ix.segments()) }

func (ix *Index) segments() uint64 {
	m, _ := ix.bl.StatsMap()["index"].(map[string]interface{})
	n, _ := m["TotFileSegmentsAtRoot"].(uint64)
	return n
}
