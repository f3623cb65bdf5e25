// Package search owns the insight site's search: an inverted index of the
// words of every searchable segment, written as script files that a page
// loads with <script> tags, so search works from file:// (where a page may
// not fetch JSON) as well as from any web server, with no request leaving
// the site.
//
// Words are analysed exactly as the study's bleve index analyses them
// (bleve's unicode tokenizer, the English possessive filter, lower case and
// go-porterstemmer's Porter stemmer, no stop words), so a plain word or
// phrase finds the same segments on the site as `insight query search`.
// search.js repeats the stemmer for the query; the segments' token offsets
// are shipped, so the script never has to tokenize a transcript.
//
// Each document's analysis is kept in a Cache by a hash of its text, and
// each compressed file by a hash of what it holds, so a rebuild after one
// transcript changed analyses that transcript only, splices its postings
// into the last build's files and compresses only the files that changed
// (delta.go); a rebuild whose search input did not change at all takes
// every file from the cache without analysing anything (reuse.go). The
// file layout is in files.go.
package search

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// analyzerVersion is part of every analysis key: bump it when Analyzer or
// encodeTokens changes what they produce, so cached analyses are not reused.
const analyzerVersion = "text_en-3"

// Theme is a theme the results can be filtered by and show.
type Theme struct {
	ID, Name string
	Href     string // the theme's page, relative to the site root
	Depth    int    // 0 for a top-level theme, for indenting the filter
}

// Group is a participant attribute the results can be filtered by.
type Group struct {
	Name   string
	Values []string // value ids in Input.GroupVals index this; index 0 is "no value"
}

// Doc is a transcript page.
type Doc struct{ ID, Href string }

// Span is the range [Lo, Hi) of Input.Refs.
type Span struct{ Lo, Hi int32 }

// Segment is one searchable sentence. Callers pass only what may be shown:
// no withheld turn, nothing of a withdrawn participant. Its strings are
// usually slices of the study's own, so a segment costs some 70 bytes.
type Segment struct {
	Doc  int32 // index into Input.Docs; a document's segments are consecutive
	Line int32
	// Anchor is the segment's id on its transcript page.
	Speaker, Anchor, Text string
	Themes                Span // applied themes, shown with the hit
	Filter                Span // themes the segment counts for (applied and ancestors)
}

// Input is what the search is built from. Per-segment lists live in two
// flat slices rather than in each segment, which for a study of half a
// million sentences is the difference between one allocation and millions.
type Input struct {
	Docs     []Doc
	Themes   []Theme
	Groups   []Group
	Segments []Segment
	// GroupVals holds, per segment and per group, the index of its value
	// in Groups[g].Values (0: none): len(Segments)*len(Groups) entries.
	GroupVals []int32
	Refs      []int32 // theme indexes that Segment.Themes and Filter point into
}

func (in *Input) groups(i int) []int32 {
	g := len(in.Groups)
	return in.GroupVals[i*g : (i+1)*g]
}

func (in *Input) refs(s Span) []int32 { return in.Refs[s.Lo:s.Hi] }

// Cache keeps analyses and compressed files between builds, by name
// (a hex content hash and an extension). Get reports a miss for anything
// it cannot vouch for; the search only ever loses time on a miss.
type Cache interface {
	Get(name string) ([]byte, bool)
	Put(name string, data []byte) error
}

// Index is the analysed input, ready to be written as files.
type Index struct {
	in     Input
	cache  Cache
	memo   *Memo
	pieces []piece
	// ids numbers the segments for the postings: each document's from
	// where the one before it left room up to (see capacity), so that a
	// sentence more or less in one transcript seldom renumbers the others.
	ids   []uint32
	idEnd int        // ids are below it
	stems []string   // distinct stems, in order of first use
	posts [][]uint32 // per stem: segment numbers, ascending
	toks  []string   // per segment: its token offsets, encoded (see encodeTokens)

	// For the manifest (reuse.go): the input's key, each piece's cache
	// entry, each file's name and, once made, its cache entry; or the
	// manifest this index reuses, and what to rebuild with should it fail.
	key        string
	docKeys    []string // per document, with a cache; see docKey
	pieceNames []string
	mu         sync.Mutex
	names      []string
	made       []string
	reused     *manifest
	ctx        context.Context

	// A delta's files (delta.go), and the state the next build's delta
	// starts from.
	planned []file
	st      *state
}

// piece is a run of one document's segments analysed, and cached, as one:
// a document, or a slice of a very long one so that it too uses every core.
type piece struct{ lo, hi int }

const pieceSegments = 4096

// Analyzer is the analysis of the study's bleve index (index.newMapping's
// text_en): unicode words, possessive 's removed, lower case, Porter stems.
// The tokenizer and stemmer are faster equivalents of bleve's (see
// fastTokenizer, memoStemmer). An Analyzer is for one goroutine at a time.
func Analyzer() analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer: newFastTokenizer(),
		TokenFilters: []analysis.TokenFilter{
			en.NewPossessiveFilter(), memoStemmer{lowercase.NewLowerCaseFilter(), porter.NewPorterStemmer(), map[string][]byte{}},
		},
	}
}

// memoStemmer is bleve's lower-case filter then its Porter stemmer, with a
// memory of each word as written: a transcript uses a few thousand
// distinct words, and lowering and stemming each once instead of at every
// use saves most of their cost (2 s of a cold build's CPU). The stemmer
// always returns a new term, so the memory holds none of the input.
type memoStemmer struct {
	lower  *lowercase.LowerCaseFilter
	porter *porter.PorterStemmer
	memo   map[string][]byte
}

func (m memoStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if st, ok := m.memo[string(t.Term)]; ok && !t.KeyWord {
			t.Term = st
			continue
		}
		word := string(t.Term)
		m.lower.Filter(analysis.TokenStream{t})
		if t.KeyWord {
			continue // lowered, not stemmed
		}
		m.porter.Filter(analysis.TokenStream{t})
		m.memo[word] = t.Term
	}
	return input
}

// Build analyses every segment's text, on every core, taking each
// document's analysis from cache (which may be nil) when its text is
// unchanged.
//
// memo (nil for none) keeps the analyses between the builds of a watch,
// as they are, so a rebuild decodes none from the cache.
//
// When the cache has the files of a build of the very same input, the
// index hands those out and analyses nothing (see reuse.go).
func Build(ctx context.Context, in Input, cache Cache, memo *Memo) (*Index, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	var key string
	var docs []string
	if cache != nil {
		docs = docKeys(&in, docStarts(&in))
		key = inputKey(&in, docs)
		if ix, ok := reuse(ctx, in, cache, memo, key); ok {
			return ix, nil
		}
	}
	// Once, whether a delta or a full build (or a delta, then a full
	// build when it cannot) analyses.
	memo.startBuild()
	if cache != nil {
		ix, ok, err := delta(ctx, in, cache, memo, key, docs)
		if ok || err != nil {
			return ix, err
		}
	}
	return build(ctx, in, cache, memo, key, docs)
}

// build is Build without a manifest to reuse; key and docs are the
// input's and its documents' keys, when there is a cache.
func build(ctx context.Context, in Input, cache Cache, memo *Memo, key string, docs []string) (*Index, error) {
	if cache != nil && docs == nil { // the record files are keyed by them
		docs = docKeys(&in, docStarts(&in))
	}
	ix := &Index{in: in, cache: cache, memo: memo, key: key, docKeys: docs, toks: make([]string, len(in.Segments)), ctx: ctx}
	for lo := 0; lo < len(in.Segments); {
		hi := lo + 1
		for hi < len(in.Segments) && hi-lo < pieceSegments && in.Segments[hi].Doc == in.Segments[lo].Doc {
			hi++
		}
		ix.pieces = append(ix.pieces, piece{lo, hi})
		lo = hi
	}
	ix.number()
	ix.pieceNames = make([]string, len(ix.pieces))
	results := make([]*analysed, len(ix.pieces))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newAnalyser()
			for p := range next {
				a, name, err := ix.analysePiece(w, ix.pieces[p])
				ix.pieceNames[p] = name
				if err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, err)
					mu.Unlock()
				}
				results[p] = a
			}
		}()
	}
	for p := range ix.pieces {
		if ctx.Err() != nil {
			break
		}
		next <- p
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if firstErr != nil {
		return nil, firstErr
	}
	ix.merge(results)
	return ix, nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (in *Input) check() error {
	if len(in.GroupVals) != len(in.Segments)*len(in.Groups) {
		return fmt.Errorf("search: %d group values for %d segments and %d groups", len(in.GroupVals), len(in.Segments), len(in.Groups))
	}
	prev := int32(0)
	for i, s := range in.Segments {
		if s.Doc < prev || int(s.Doc) >= len(in.Docs) {
			return fmt.Errorf("search: segment %d: document %d out of range or order", i, s.Doc)
		}
		prev = s.Doc
		for _, sp := range []Span{s.Themes, s.Filter} {
			if sp.Lo < 0 || sp.Lo > sp.Hi || int(sp.Hi) > len(in.Refs) {
				return fmt.Errorf("search: segment %d: themes out of range", i)
			}
		}
		for _, t := range in.refs(s.Themes) {
			if t < 0 || int(t) >= len(in.Themes) {
				return fmt.Errorf("search: segment %d: theme %d out of range", i, t)
			}
		}
		for g, v := range in.groups(i) {
			if v < 0 || int(v) >= len(in.Groups[g].Values) {
				return fmt.Errorf("search: segment %d: group value out of range", i)
			}
		}
	}
	return nil
}

// number gives each segment its id: consecutive within a document, which
// starts at the previous document's start plus its capacity (see layout).
func (ix *Index) number() {
	starts := docStarts(&ix.in)
	segs := make([]int, len(ix.in.Docs))
	for d := range segs {
		segs[d] = starts[d+1] - starts[d]
	}
	ix.ids, _, ix.idEnd = layout(segs)
}

// capacity is the room a document of c segments takes among the ids: c
// rounded up, past c, to a multiple of a power of two near c/16. Adding or
// removing a sentence changes it only when c crosses a multiple, about one
// edit in twenty for a long transcript, at a cost of some 3% more ids.
// search.js repeats it.
func capacity(c int) int {
	g := 1
	for g*16 <= c {
		g *= 2
	}
	return (c/g + 1) * g
}

// merge gathers the pieces' stems into postings over the whole study, in
// segment order, and keeps each segment's token offsets. The postings are
// counted first and cut from one array: appending to millions of small
// lists left half their memory as slack.
func (ix *Index) merge(results []*analysed) {
	id := map[string]int32{}
	globals := make([][]int32, len(results)) // per piece: its stems' global ids
	var count []int
	for p, a := range results {
		global := make([]int32, len(a.stems))
		for l, st := range a.stems {
			g, ok := id[st]
			if !ok {
				g = int32(len(ix.stems))
				id[st] = g
				ix.stems = append(ix.stems, st)
				count = append(count, 0)
			}
			global[l] = g
		}
		for _, l := range a.ids {
			count[global[l]]++
		}
		globals[p] = global
	}
	total := 0
	for _, c := range count {
		total += c
	}
	flat := make([]uint32, total)
	ix.posts = make([][]uint32, len(count))
	at := 0
	for g, c := range count {
		ix.posts[g] = flat[at : at : at+c]
		at += c
	}
	for p, a := range results {
		pc, global := ix.pieces[p], globals[p]
		for s := range pc.hi - pc.lo {
			seg := ix.ids[pc.lo+s]
			for _, l := range a.ids[a.off[s]:a.off[s+1]] {
				g := global[l]
				ix.posts[g] = append(ix.posts[g], seg)
			}
			ix.toks[pc.lo+s] = a.toks[s]
		}
	}
}

// Stems lists the distinct stems of the index, sorted: for tests that
// compare the script's stemmer with Go's. An index that reused a
// manifest, or was spliced from the last build's (delta.go), has none.
func (ix *Index) Stems() []string {
	return slices.Sorted(slices.Values(ix.stems))
}

// pieceKey names a piece's analysis in the cache: a hash of its texts.
func (ix *Index) pieceKey(p piece) string {
	k := newKey(analyzerVersion)
	for _, s := range ix.in.Segments[p.lo:p.hi] {
		k.str(s.Text)
	}
	return k.sum() + ".bin"
}

// analysePiece returns a piece's analysis from the cache, or works it out
// and stores it there, with the name it is stored under.
func (ix *Index) analysePiece(w *analyser, p piece) (*analysed, string, error) {
	var name string
	if ix.cache != nil || ix.memo != nil {
		name = ix.pieceKey(p)
	}
	if a, ok := ix.memo.get(name); ok {
		// Still in the cache for the next process, which has no memo.
		if k, ok := ix.cache.(keeper); ok && k.Keep(name) {
			return a, name, nil
		}
		if ix.cache != nil {
			if err := ix.cache.Put(name, a.encode()); err != nil {
				return nil, "", fmt.Errorf("search: %w", err)
			}
		}
		return a, name, nil
	}
	if ix.cache != nil {
		if data, ok := ix.cache.Get(name); ok {
			if a, err := decodeAnalysed(data, p.hi-p.lo); err == nil {
				ix.memo.put(name, a)
				return a, name, nil
			}
		}
	}
	a := analyse(w, ix.in.Segments[p.lo:p.hi])
	if ix.cache != nil {
		if err := ix.cache.Put(name, a.encode()); err != nil {
			return nil, "", fmt.Errorf("search: %w", err)
		}
	}
	ix.memo.put(name, a)
	return a, name, nil
}

// keeper is a Cache that can keep an entry for later builds unread.
type keeper interface{ Keep(name string) bool }

// Memo keeps analyses by their key, in memory, between the builds of a
// watch; an analysis no build used since the one before the last is
// dropped, so a withdrawn participant's words do not stay. A piece's
// analysis is only read once made.
type Memo struct {
	mu        sync.Mutex
	cur, last map[string]*analysed
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{cur: map[string]*analysed{}} }

func (m *Memo) startBuild() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.last, m.cur = m.cur, map[string]*analysed{}
	m.mu.Unlock()
}

func (m *Memo) get(name string) (*analysed, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.cur[name]
	if !ok {
		if a, ok = m.last[name]; ok {
			m.cur[name] = a
		}
	}
	return a, ok
}

func (m *Memo) put(name string, a *analysed) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.cur[name] = a
	m.mu.Unlock()
}
