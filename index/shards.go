package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/residentinsight/insight/query"
)

// numShards splits the bleve index by document so that a first build runs
// one offline builder per core (bleve's builder analyses on one goroutine);
// a search goes to all shards through an alias. Changing it needs a new
// Version.
const numShards = 2

func shardOf(docID string) int {
	h := fnv.New32a()
	h.Write([]byte(docID))
	return int(h.Sum32() % numShards)
}

func shardPath(dir string, i int) string { return filepath.Join(dir, "shard-"+strconv.Itoa(i)) }

// shards are the open bleve indexes and the alias that searches them all.
type shards struct {
	idx   []bleve.Index
	alias bleve.IndexAlias
}

func (s *shards) Close() error {
	var err error
	for _, ix := range s.idx {
		err = errors.Join(err, ix.Close())
	}
	return err
}

func (s *shards) docCount() (int, error) {
	n, err := s.alias.DocCount()
	return int(n), err
}

// openShards opens the shards under dir, creating missing ones with the
// mapping for attrs. A damaged index can make bleve panic while opening;
// that becomes an error, so the caller rebuilds instead of crashing.
//
// readOnly opens for searching only: bleve then starts no persister or
// merger and writes nothing, which is most of what opening costs a query.
func openShards(dir string, attrs []string, readOnly ...bool) (s *shards, err error) {
	s = &shards{}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("index: opening %s: %v", dir, r)
		}
		if err != nil {
			s.Close()
			s = nil
		}
	}()
	for i := range numShards {
		path := shardPath(dir, i)
		var ix bleve.Index
		if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) && attrs != nil {
			ix, err = bleve.New(path, newMapping())
		} else if len(readOnly) > 0 && readOnly[0] {
			ix, err = bleve.OpenUsing(path, map[string]any{"read_only": true})
		} else {
			ix, err = bleve.Open(path)
		}
		if err != nil {
			return s, fmt.Errorf("index: opening %s: %w", path, err)
		}
		s.idx = append(s.idx, ix)
	}
	s.alias = bleve.NewIndexAlias(s.idx...)
	// All shards share one mapping; saying so spares the alias checking it.
	if a, ok := s.alias.(interface {
		SetIndexMapping(mapping.IndexMapping) error
	}); ok {
		if err := a.SetIndexMapping(s.idx[0].Mapping()); err != nil {
			return s, fmt.Errorf("index: %w", err)
		}
	}
	return s, nil
}

// bulkBuild writes new shards of docs under dir with bleve's offline
// builder, one goroutine per shard, staging work in tmpDir.
func bulkBuild(ctx context.Context, tmpDir, dir string, t *query.Table, docs []doc) error {
	byShard := make([][]doc, numShards)
	for _, d := range docs {
		i := shardOf(d.id)
		byShard[i] = append(byShard[i], d)
	}
	defer lessGC()()
	errs := make(chan error, numShards)
	for i := range numShards {
		go func() { errs <- buildShard(ctx, tmpDir, shardPath(dir, i), t, byShard[i]) }()
	}
	var err error
	for range numShards {
		err = errors.Join(err, <-errs)
	}
	return err
}

func buildShard(ctx context.Context, tmpDir, path string, t *query.Table, docs []doc) error {
	if !hasSegments(docs) {
		return emptyShard(path, t.Attrs)
	}
	b, err := newBuilder(tmpDir, path)
	if err != nil {
		return fmt.Errorf("index: creating %s: %w", path, err)
	}
	an := newAnalyzers()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			b.Close()
			return err
		}
		for i := range d.segs {
			s := d.segment(t, i)
			if err := b.Index(s.document(segID(d.id, i), an)); err != nil {
				b.Close()
				return fmt.Errorf("index: %w", err)
			}
		}
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("index: writing %s: %w", path, err)
	}
	return nil
}

// newBuilder starts bleve's offline builder of a new index at path, as
// bleve.NewBuilder does, but taking documents already made (segment.document).
// Small batches bound memory; the segments they make are merged in one
// pass at the end (mergeMax above their number), so no document is merged
// twice.
func newBuilder(tmpDir, path string) (*scorch.Builder, error) {
	m := newMapping()
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, err
	}
	// index_meta.json as bleve writes it for a scorch index.
	meta := []byte(`{"storage":"` + scorch.Name + `","index_type":"` + scorch.Name + `"}`)
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), meta, 0o666); err != nil {
		return nil, err
	}
	return scorch.NewBuilder(map[string]any{
		"path":            filepath.Join(path, "store"),
		"buildPathPrefix": tmpDir,
		"batchSize":       2000,
		"mergeMax":        1 << 20,
		"internal":        map[string][]byte{"_mapping": mj},
	})
}

// lessGC makes the garbage collector run less often while a build runs,
// until the heap has grown by buildHeadroom, and returns the function that
// restores it. Indexing makes a great deal of short-lived garbage: at Go's
// default pace, collecting it took a fifth of the build's CPU. GOGC and
// GOMEMLIMIT in the environment win.
func lessGC() (restore func()) {
	gcPacing.Lock()
	defer gcPacing.Unlock()
	if gcPacing.builds == 0 {
		gcPacing.restore = setLessGC()
	}
	gcPacing.builds++
	return func() {
		gcPacing.Lock()
		defer gcPacing.Unlock()
		if gcPacing.builds--; gcPacing.builds == 0 {
			gcPacing.restore()
		}
	}
}

// gcPacing counts the builds under way in the process: the GC settings are
// the process's, so overlapping builds restore them once, when the last ends.
var gcPacing struct {
	sync.Mutex
	builds  int
	restore func()
}

func setLessGC() (restore func()) {
	// The live heap the headroom is added to is measured by the last
	// collection, which may be long past (before the caller let go of the
	// codings, say): one collection now makes it the heap the build keeps.
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := int64(0)
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = int64(s[0].Value.Uint64())
	}
	pct, limit := -2, debug.SetMemoryLimit(-1)
	if os.Getenv("GOGC") == "" {
		pct = debug.SetGCPercent(400)
	}
	if limit == math.MaxInt64 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(live + buildHeadroom)
	}
	return func() {
		if pct != -2 {
			debug.SetGCPercent(pct)
		}
		debug.SetMemoryLimit(limit)
	}
}

// buildHeadroom is the heap a build may use beyond what was live when it
// started (the study read and coded): bleve's batches, two at a time, and
// the garbage between collections. 288 MB keeps the cold index of the
// benchmark study under its 700 MB target (README, "Speed and size").
const buildHeadroom = 288 << 20

func hasSegments(docs []doc) bool {
	for _, d := range docs {
		if len(d.segs) > 0 {
			return true
		}
	}
	return false
}

// emptyShard writes a shard with no documents. bleve's offline builder
// cannot: its Close indexes its first segment file, and a shard of a small
// study (one short transcript hashed to the other shard) has none.
func emptyShard(path string, attrs []string) error {
	ix, err := bleve.New(path, newMapping())
	if err != nil {
		return fmt.Errorf("index: creating %s: %w", path, err)
	}
	if err := ix.Close(); err != nil {
		return fmt.Errorf("index: writing %s: %w", path, err)
	}
	return nil
}

// batcher groups index changes into bleve batches of bounded size, per shard.
type batcher struct {
	an  analyzers // without a stem cache: bleve analyses a batch on several goroutines
	s   *shards
	b   []*bleve.Batch
	err error
}

const batchSize = 2000

func newBatcher(s *shards) *batcher {
	b := &batcher{s: s, an: analyzers{&textAnalyzer{}, facetAnalyzerOf()}}
	for _, ix := range s.idx {
		b.b = append(b.b, ix.NewBatch())
	}
	return b
}

func (b *batcher) index(docID, id string, s segment) {
	if b.err == nil {
		i := shardOf(docID)
		b.err = b.b[i].IndexAdvanced(s.document(id, b.an))
		b.maybeFlush(i)
	}
}

func (b *batcher) delete(docID, id string) {
	if b.err == nil {
		i := shardOf(docID)
		b.b[i].Delete(id)
		b.maybeFlush(i)
	}
}

func (b *batcher) maybeFlush(i int) {
	if b.b[i].Size() >= batchSize {
		b.err = b.flushOne(i)
	}
}

func (b *batcher) flushOne(i int) error {
	if b.b[i].Size() == 0 {
		return nil
	}
	if err := b.s.idx[i].Batch(b.b[i]); err != nil {
		return err
	}
	b.b[i].Reset()
	return nil
}

func (b *batcher) flush() error {
	for i := range b.b {
		if b.err != nil {
			return b.err
		}
		b.err = b.flushOne(i)
	}
	return b.err
}
