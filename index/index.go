// Package index owns a study's persistent query index under
// STUDY/.insight/index/: a bleve full-text index of the usable segments (for
// search and keyword-in-context) and, beside it, the stored query.Table that
// every count is served from. It keeps both up to date with the study:
// a cheap stat of the input files decides whether anything changed, and
// only documents whose indexed content changed are re-indexed. When only
// transcripts or codings changed, only those transcripts are read and coded
// again; every other document's rows come from the stored table
// (incremental.go). table.bin is mapped into memory, not read.
//
// Layout of the folder:
//
//	state.json   format version and (path, size, mtime) of every input file
//	docs.json    per document: a key over everything indexed for it, segment count,
//	             path, front-matter keys, a hash of its standoff records
//	table.bin    the query.Table (see table.go)
//	units.bin    the table's units, for searches naming an attribute (units.go)
//	themes.json  theme names, for reports
//	lock         flocked by whoever writes the index (lock.go)
//	updating     present while an update is under way, or was killed
//	bleve/       the bleve index; document ids are "<doc id>#<segment number>"
package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// Version is the index format. Bump it whenever the mapping, the fields of a
// segment or table.bin change: an index of another version is rebuilt.
const Version = 8

// Input is a study read and coded, as package study hands it over.
type Input struct {
	Study    *corpus.Study
	Codebook *themes.Codebook
	Coded    *coding.Coded
	Table    *query.Table
	Records  []coding.Record // the standoff records read, so an update can tell which documents' codings changed
}

// Options say where the index lives and how to re-read the study.
type Options struct {
	Dir  string                                // the index folder, e.g. STUDY/.insight/index
	FS   fs.FS                                 // the study folder, for the freshness check
	Load func(context.Context) (*Input, error) // reads and codes the whole study; called only when something changed
	Log  io.Writer                             // gets one line when the index is built, updated or repaired; nil for none
	// Search opens the bleve index too (and checks it), for search and kwic;
	// counts need only the table.
	Search bool
	// Partial, when set, reads and codes only the transcripts whose paths
	// keep accepts, applying those of recs that name their documents: an
	// edit to one transcript then costs one transcript (see incremental.go).
	// Any error makes Open fall back to Load.
	Partial func(ctx context.Context, keep func(path string) bool, recs []coding.Record) (*Input, error)
	// Building, when set, is called once before Open takes the write lock
	// to build, update or repair the index: long work, for which a query
	// command gives the garbage collector back its normal pacing.
	Building func()
}

// Index is an up-to-date index of a study. Counts need only Table; the bleve
// index is opened on the first search.
type Index struct {
	Dir    string
	Table  *query.Table
	Names  map[string]string // theme id -> name
	Stats  Stats             // what Open had to do
	search *shards
	unitsState
}

// Stats says what Open did, for messages, tests and benchmarks.
type Stats struct {
	Fresh            bool // nothing changed: the study was not re-read
	Rebuilt          bool // the index was built from scratch
	Partial          bool // only changed transcripts were read (see incremental.go)
	Indexed, Deleted int  // documents (re-)indexed and removed
	// Withdrawal: a participant withdrew consent since the index was
	// written, so the search index was rewritten; other caches of the
	// study's text should go too (see study.OpenIndex).
	Withdrawal bool
}

// state is state.json.
type state struct {
	Version int         `json:"version"`
	Attrs   []string    `json:"attrs"` // the attributes the bleve mapping has fields for
	Files   []fileStamp `json:"files"`
	// Withdrawn lists the participants who had withdrawn consent when the
	// search index was written: a new one makes update rewrite it whole.
	Withdrawn []string `json:"withdrawn,omitempty"`
}

type fileStamp struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // Unix nanoseconds; 0 in an embedded study
}

// docEntry is one document of docs.json (withheld documents included, so
// the table's document numbering can be rebuilt without reading them).
type docEntry struct {
	Key      string   `json:"key"`
	Segments int      `json:"segments"`
	Path     string   `json:"path"`
	Attrs    []string `json:"attrs,omitempty"` // front-matter attribute keys
	Recs     string   `json:"recs,omitempty"`  // hash of the standoff records naming the document
	Withheld bool     `json:"withheld,omitempty"`
}

func (e docEntry) same(o docEntry) bool { return e.Key == o.Key && e.Segments == o.Segments }

// Open returns an index that agrees with the study, building or updating it
// first when needed. A missing, stale, other-version or damaged index is
// (re)built with one line on opts.Log; only an unreadable study or an
// unwritable folder is an error.
//
// A fresh index is read without a lock (writers replace its files by
// rename); anything else is done under the index's write lock (lock.go),
// so a second process waits for the first and then finds the index fresh.
func Open(ctx context.Context, opts Options) (*Index, error) {
	stamps, err := stampFiles(opts.FS)
	if err != nil {
		return nil, fmt.Errorf("index: looking at the study's files: %w", err)
	}
	if ix := openFresh(opts, stamps); ix != nil {
		return ix, nil
	}
	if opts.Building != nil {
		opts.Building()
	}
	unlock, err := lock(ctx, opts.Dir, func(format string, args ...any) { logf(opts.Log, format, args...) })
	if err != nil {
		return nil, err
	}
	defer unlock()
	return openLocked(ctx, opts, stamps)
}

// openFresh loads the index if it is whole and agrees with stamps, else nil.
func openFresh(opts Options, stamps []fileStamp) *Index {
	var st state
	if readJSON(filepath.Join(opts.Dir, "state.json"), &st) != nil || st.Version != Version ||
		!slices.Equal(st.Files, stamps) || interrupted(opts.Dir) {
		return nil
	}
	ix, err := load(opts.Dir, opts.Search)
	if err != nil {
		return nil
	}
	ix.Stats.Fresh = true
	return ix
}

// openLocked is Open under the write lock.
func openLocked(ctx context.Context, opts Options, stamps []fileStamp) (*Index, error) {
	if interrupted(opts.Dir) {
		logf(opts.Log, "index: the last update of %s was interrupted (the process stopped); rebuilding it", opts.Dir)
		return rebuild(ctx, opts, stamps)
	}
	var st state
	readErr := readJSON(filepath.Join(opts.Dir, "state.json"), &st)
	if readErr == nil && st.Version == Version && slices.Equal(st.Files, stamps) {
		ix, err := load(opts.Dir, opts.Search)
		if err == nil {
			ix.Stats.Fresh = true
			return ix, nil
		}
		logf(opts.Log, "index: %s is damaged (%v); rebuilding it", opts.Dir, err)
		return rebuild(ctx, opts, stamps)
	}
	switch {
	case errors.Is(readErr, fs.ErrNotExist):
		logf(opts.Log, "index: building the search index in %s (first use)", opts.Dir)
		return rebuild(ctx, opts, stamps)
	case readErr != nil:
		logf(opts.Log, "index: %s is damaged (%v); rebuilding it", opts.Dir, readErr)
		return rebuild(ctx, opts, stamps)
	case st.Version != Version:
		logf(opts.Log, "index: %s was made by another version of insight; rebuilding it", opts.Dir)
		return rebuild(ctx, opts, stamps)
	}
	if opts.Partial != nil {
		ix, err := incremental(ctx, opts, st, stamps)
		if err == nil || ctx.Err() != nil {
			return ix, err
		}
		// Anything the incremental path does not handle (or a problem in
		// the study, which the full path reports properly) goes the long way.
	}
	ix, err := update(ctx, opts, st, stamps)
	if err != nil && ctx.Err() == nil && !isLoadError(err) {
		logf(opts.Log, "index: could not update %s (%v); rebuilding it", opts.Dir, err)
		return rebuild(ctx, opts, stamps)
	}
	return ix, err
}

// loadError marks a failure to read the study itself: rebuilding the index
// would not help, so it is returned as it is.
type loadError struct{ err error }

func (e *loadError) Error() string { return e.err.Error() }
func (e *loadError) Unwrap() error { return e.err }

func isLoadError(err error) bool {
	var le *loadError
	return errors.As(err, &le)
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// rebuild removes whatever is in dir and indexes the whole study.
func rebuild(ctx context.Context, opts Options, stamps []fileStamp) (*Index, error) {
	if err := clearExceptLock(opts.Dir); err != nil {
		return nil, fmt.Errorf("index: removing the old index: %w", err)
	}
	ix, err := update(ctx, opts, state{}, stamps)
	if ix != nil {
		ix.Stats.Rebuilt = true
	}
	return ix, err
}

// update re-reads the study and brings the folder up to date with it:
// documents whose key changed are deleted and re-indexed in bleve batches,
// the table is rewritten, and state.json is written last, so an
// interrupted update is simply redone next time.
func update(ctx context.Context, opts Options, prev state, stamps []fileStamp) (*Index, error) {
	in, err := opts.Load(ctx)
	if err != nil {
		return nil, &loadError{err}
	}
	if err := beginWrite(opts.Dir); err != nil {
		return nil, err
	}
	old := map[string]docEntry{}
	if err := readJSON(filepath.Join(opts.Dir, "docs.json"), &old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading docs.json: %w", err)
	}
	docs, err := segmentDocs(in)
	if err != nil {
		return nil, err
	}
	blPath := filepath.Join(opts.Dir, "bleve")
	cold := false
	changed := 0
	for _, d := range docs {
		if !old[d.id].same(docEntry{Key: d.key, Segments: len(d.segs)}) {
			changed++
		}
	}
	// The mapping names every attribute, so a new or renamed one needs a new
	// mapping; when most documents changed (say the codebook hierarchy)
	// the offline builder beats re-indexing in batches; and bleve keeps a
	// deleted segment's text in its files until a merge, so a withdrawal
	// rewrites the index: the words must be gone when the command returns.
	withdrawn := withdrawnIDs(in.Study)
	withdrawal := prev.Version == Version && !isSubset(withdrawn, prev.Withdrawn)
	if !slices.Equal(prev.Attrs, in.Table.Attrs) || changed*2 > len(docs) || withdrawal {
		if err := os.RemoveAll(blPath); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	// What the rest needs of the codings, taken now: the build runs with
	// the heap it finds, and the coded study's applications and records
	// (67 MB of codings files in the dense benchmark) are not part of it.
	names, recs := themeNames(in.Codebook), recordHashes(in.Records)
	in.Coded, in.Records = nil, nil
	if _, err := os.Stat(blPath); errors.Is(err, fs.ErrNotExist) {
		// A first build goes through bleve's offline builder: one merged
		// segment, no per-batch persistence, several times faster.
		if err := bulkBuild(ctx, opts.Dir, blPath, in.Table, docs); err != nil {
			os.RemoveAll(blPath)
			return nil, err
		}
		old, cold = map[string]docEntry{}, true
	}
	bl, err := openShards(blPath, in.Table.Attrs)
	if err != nil {
		return nil, err
	}
	ix := &Index{Dir: opts.Dir, Table: in.Table, Names: names, search: bl, Stats: Stats{Withdrawal: withdrawal}}
	fail := func(err error) (*Index, error) {
		bl.Close()
		return nil, err
	}
	now, err := ix.applyChanges(ctx, in, docs, old, recs, cold)
	if err != nil {
		return fail(err)
	}
	if n, err := bl.docCount(); err != nil || n != in.Table.Rows() {
		return fail(fmt.Errorf("index: search index holds %d segments, the study %d", n, in.Table.Rows()))
	}
	if err := writeFiles(opts.Dir, in.Table, ix.Names, now, state{Files: stamps, Withdrawn: withdrawn}); err != nil {
		return fail(err)
	}
	return ix, nil
}

// applyChanges re-indexes the documents whose entry changed since old (none
// after a cold build, which indexed them all) and deletes the segments of
// documents gone or now withheld. It returns every document's new entry.
func (ix *Index) applyChanges(ctx context.Context, in *Input, docs []doc, old map[string]docEntry, recs map[string]string, cold bool) (map[string]docEntry, error) {
	now := make(map[string]docEntry, len(docs))
	for _, d := range in.Study.Documents {
		now[d.ID] = docEntry{Path: d.Path, Attrs: slices.Sorted(maps.Keys(d.Attributes)), Recs: recs[d.ID], Withheld: d.Withheld}
	}
	b := newBatcher(ix.search)
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e := now[d.id]
		e.Key, e.Segments = d.key, len(d.segs)
		now[d.id] = e
		if cold {
			ix.Stats.Indexed++
			continue
		}
		if old[d.id].same(e) {
			continue
		}
		for i := 0; i < old[d.id].Segments; i++ {
			b.delete(d.id, segID(d.id, i))
		}
		for i := range d.segs {
			b.index(d.id, segID(d.id, i), d.segment(in.Table, i))
		}
		ix.Stats.Indexed++
	}
	for id, e := range old {
		// Gone, or now withheld: its segments leave the search index.
		if n, ok := now[id]; (!ok || n.Withheld) && e.Segments > 0 {
			for i := 0; i < e.Segments; i++ {
				b.delete(id, segID(id, i))
			}
			ix.Stats.Deleted++
		}
	}
	if err := b.flush(); err != nil {
		return nil, fmt.Errorf("index: writing the search index: %w", err)
	}
	return now, nil
}

// withdrawnIDs lists the participants of st who withdrew consent, sorted.
func withdrawnIDs(st *corpus.Study) []string {
	var ids []string
	for _, p := range st.Participants {
		if p.Withdrawn {
			ids = append(ids, p.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func isSubset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// segID is a segment's bleve id. The zero-padded number makes id order
// document-then-text order, which kwic sorts by.
func segID(doc string, i int) string { return fmt.Sprintf("%s#%06d", doc, i) }

// writeFiles writes everything but bleve, each file by rename so a reader
// never sees half a file, and state.json last; then the update is whole.
func writeFiles(dir string, t *query.Table, names map[string]string, docs map[string]docEntry, st state) error {
	err := atomicfile.Write(filepath.Join(dir, "table.bin"), func(w io.Writer) error { return writeTable(w, t) })
	if err == nil {
		err = atomicfile.Write(filepath.Join(dir, unitsFile), func(w io.Writer) error { return writeUnits(w, newUnits(t), t) })
	}
	if err == nil {
		err = atomicfile.Write(filepath.Join(dir, "themes.json"), func(w io.Writer) error { return json.NewEncoder(w).Encode(names) })
	}
	if err == nil {
		err = atomicfile.Write(filepath.Join(dir, "docs.json"), func(w io.Writer) error { return json.NewEncoder(w).Encode(docs) })
	}
	if err == nil {
		st.Version, st.Attrs = Version, t.Attrs
		err = atomicfile.Write(filepath.Join(dir, "state.json"), func(w io.Writer) error { return json.NewEncoder(w).Encode(st) })
	}
	if err == nil {
		return endWrite(dir)
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// load reads an up-to-date index without touching the study.
func load(dir string, search bool) (*Index, error) {
	t, err := mapTable(filepath.Join(dir, "table.bin"))
	if err != nil {
		return nil, err
	}
	ix := &Index{Dir: dir, Table: t}
	if err := readJSON(filepath.Join(dir, "themes.json"), &ix.Names); err != nil {
		return nil, err
	}
	if search {
		path := filepath.Join(dir, "bleve")
		if _, err := os.Stat(path); err != nil {
			return nil, err // bleve.Open would create nothing and fail less clearly
		}
		bl, err := openShards(path, nil, true)
		if err != nil {
			return nil, err
		}
		if n, err := bl.docCount(); err != nil || n != t.Rows() {
			bl.Close()
			return nil, fmt.Errorf("search index holds %d segments, the table %d", n, t.Rows())
		}
		ix.search = bl
	}
	return ix, nil
}

// Close releases the bleve index if it was opened.
func (ix *Index) Close() error {
	if ix.search == nil {
		return nil
	}
	err := ix.search.Close()
	ix.search = nil
	return err
}

func themeNames(cb *themes.Codebook) map[string]string {
	m := map[string]string{}
	for _, th := range cb.All {
		m[th.ID] = th.Name
	}
	return m
}

// inputDirs are the study's folders of input files; inputFiles its single files.
var (
	inputFiles = []string{"insight.yaml", "codebook.yaml", "participants.csv"}
	inputDirs  = []string{"transcripts", "codings"}
)

// stampFiles stats every input file of the study: the freshness check costs
// one stat per file, never a read.
func stampFiles(fsys fs.FS) ([]fileStamp, error) {
	var out []fileStamp
	add := func(p string, info fs.FileInfo) {
		out = append(out, fileStamp{Path: p, Size: info.Size(), MTime: info.ModTime().UnixNano()})
	}
	for _, f := range inputFiles {
		info, err := fs.Stat(fsys, f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		add(f, info)
	}
	for _, d := range inputDirs {
		err := fs.WalkDir(fsys, d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if p == d && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if e.IsDir() {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			add(p, info)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// ContentKey hashes every file of fsys (names and bytes): the embedded
// example's cache folder is named by it, so a new binary with a changed
// example never reuses an old index.
func ContentKey(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// reserved are field names of a segment that attributes must not take over;
// an attribute with one of these names is indexed as "attr_<name>".
var reserved = map[string]bool{"text": true, "themes": true, "applied": true, "sources": true, "coded": true, "voice": true, "line": true, "turn": true, "segment": true}

// FieldName is the bleve field an attribute is indexed under.
func FieldName(attr string) string {
	if reserved[attr] || strings.HasPrefix(attr, "_") {
		return "attr_" + attr
	}
	return attr
}
