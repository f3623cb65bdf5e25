package index

import (
	"container/heap"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// topN collects the best hits of a search across the shards: highest score
// first, ties in segment-id order, so output is the same whatever order a
// build gave the segments inside bleve. bleve's own collector, sorting by
// score and then id, reads the id of every match from its stored fields
// (a sixth of a search matching tens of thousands of segments); this one
// reads an id only when two scores tie at the edge of the kept hits, and
// for the hits kept.
type topN struct {
	size int
	mu   sync.Mutex
	hits []*search.DocumentMatch // every shard's best, ids read
	err  error
}

func newTopN(size int) *topN { return &topN{size: size} }

// handler is a search.MakeDocumentMatchHandler: bleve makes one per shard
// searched, on that shard's goroutine.
func (c *topN) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	h := &shardTop{size: c.size, reader: sctx.IndexReader}
	return func(d *search.DocumentMatch) error {
		if d != nil {
			if drop := h.add(d); drop != nil {
				sctx.DocumentMatchPool.Put(drop)
			}
			return h.err
		}
		// The shard is done; its reader closes after this returns.
		for _, k := range h.kept {
			h.id(k)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.hits = append(c.hits, h.kept...)
		if c.err == nil {
			c.err = h.err
		}
		return h.err
	}, false, nil
}

// best returns the size best hits of all shards, best first.
func (c *topN) best() (search.DocumentMatchCollection, error) {
	slices.SortFunc(c.hits, func(a, b *search.DocumentMatch) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	return c.hits[:min(len(c.hits), c.size)], c.err
}

// shardTop is a heap of one shard's best hits, the worst on top.
type shardTop struct {
	size   int
	reader index.IndexReader
	kept   []*search.DocumentMatch
	err    error
}

// add keeps d if it ranks among the best and returns the hit it displaces,
// or d itself when it does not.
func (h *shardTop) add(d *search.DocumentMatch) *search.DocumentMatch {
	if len(h.kept) < h.size {
		heap.Push(h, d)
		return nil
	}
	if h.size == 0 || !h.lessHit(h.kept[0], d) {
		return d
	}
	worst := h.kept[0]
	h.kept[0] = d
	heap.Fix(h, 0)
	return worst
}

// lessHit reports whether a ranks below b.
func (h *shardTop) lessHit(a, b *search.DocumentMatch) bool {
	if a.Score != b.Score {
		return a.Score < b.Score
	}
	return h.id(a) > h.id(b)
}

func (h *shardTop) id(d *search.DocumentMatch) string {
	if d.ID == "" && h.err == nil {
		d.ID, h.err = h.reader.ExternalID(d.IndexInternalID)
	}
	return d.ID
}

// heap.Interface over kept.
func (h *shardTop) Len() int           { return len(h.kept) }
func (h *shardTop) Less(i, j int) bool { return h.lessHit(h.kept[i], h.kept[j]) }
func (h *shardTop) Swap(i, j int)      { h.kept[i], h.kept[j] = h.kept[j], h.kept[i] }
func (h *shardTop) Push(x any)         { h.kept = append(h.kept, x.(*search.DocumentMatch)) }
func (h *shardTop) Pop() any {
	x := h.kept[len(h.kept)-1]
	h.kept = h.kept[:len(h.kept)-1]
	return x
}
