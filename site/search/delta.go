package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/internal/parallel"
)

// A build also records its state (below): each document's key, segment
// count and filters, the shard count and what decides it. When the next
// input differs from it in a few documents only — a participant's words
// edited — and every other document keeps its segment ids, the new index
// is the last one with those documents' postings spliced in: only the
// term shards holding a stem or filter of theirs, old or new, are decoded
// from the last build's files and encoded again, and only their record
// blocks written; every other file is the last build's cache entry as it
// is. The files are byte for byte a full build's (the tests compare), and
// whatever does not fit (documents added or removed, the shard count or an
// id moving) is a full build.

const (
	// lastState names the last build's state in the cache.
	lastState = "last.st"
	// stateVersion begins a state; bump it when the state's layout changes.
	stateVersion = "search-state-1\n"
	// maxDeltaDocs is the most changed documents a delta takes on; more
	// is a full build, which has every core for the analysis.
	maxDeltaDocs = 16
)

// state is what a build's files were made of, for the next build's delta.
type state struct {
	key    string // the build's input key: its manifest's name
	global string // globalKey of its input
	// n is the id count; small the postings' size that decides shards.
	n, shards, small int
	// uref is the segment count when the list of dense names was made:
	// it holds every name with more than uref/8 segments (and may hold
	// more), which covers every name whose encoding depends on which ids
	// are segments (encodePostings' 'c') while the count stays above uref/4.
	uref   int
	docs   []docState
	counts []int // per filter (filterNames): its segment count
	dense  []string
}

// docState is a document's part of a state.
type docState struct {
	key     string // docKey
	segs    int
	filters []int // the filters its segments count for, ascending
}

// globalKey is a key of what the search input is apart from its
// segments: documents, themes and groups.
func globalKey(in *Input) string {
	k := newKey(formatVersion, analyzerVersion, "global")
	k.num(len(in.Docs), len(in.Themes), len(in.Groups))
	for _, doc := range in.Docs {
		k.str(doc.ID, doc.Href)
	}
	k.themesAndGroups(in)
	return k.sum()
}

// newState is the state of a full build, from its postings.
func (ix *Index) newState(names []string, posts [][]uint32, small, shards int, counts []int) *state {
	in := &ix.in
	st := &state{key: ix.key, global: globalKey(in), n: ix.idEnd, shards: shards, small: small, uref: len(in.Segments), counts: counts}
	for i, name := range names {
		if 8*len(posts[i]) > st.uref {
			st.dense = append(st.dense, name)
		}
	}
	starts := docStarts(in)
	st.docs = make([]docState, len(in.Docs))
	parallel.Each(len(in.Docs), func(d int) {
		st.docs[d] = docState{key: ix.docKeys[d], segs: starts[d+1] - starts[d], filters: in.docFilters(starts[d], starts[d+1])}
	})
	return st
}

// docFilters lists the filters segments [lo, hi) count for, ascending.
func (in *Input) docFilters(lo, hi int) []int {
	bases := in.groupBases()
	seen := make([]bool, in.filterCount())
	var fs []int
	mark := func(f int) {
		if !seen[f] {
			seen[f] = true
			fs = append(fs, f)
		}
	}
	for i := lo; i < hi; i++ {
		for _, t := range in.refs(in.Segments[i].Filter) {
			if t >= 0 && int(t) < len(in.Themes) {
				mark(int(t))
			}
		}
		for g, v := range in.groups(i) {
			mark(bases[g] + int(v))
		}
	}
	slices.Sort(fs)
	return fs
}

func (st *state) encode() []byte {
	b := []byte(stateVersion)
	str := func(ss ...string) {
		for _, s := range ss {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	num := func(ns ...int) {
		for _, n := range ns {
			b = binary.AppendUvarint(b, uint64(n))
		}
	}
	str(st.key, st.global)
	num(st.n, st.shards, st.small, st.uref, len(st.docs))
	for _, d := range st.docs {
		str(d.key)
		num(d.segs, len(d.filters))
		num(d.filters...)
	}
	num(len(st.counts))
	num(st.counts...)
	num(len(st.dense))
	str(st.dense...)
	return b
}

// decodeState reads encode's output; anything else is a miss.
func decodeState(data []byte) (*state, bool) {
	b, ok := bytes.CutPrefix(data, []byte(stateVersion))
	if !ok {
		return nil, false
	}
	bad := false
	num := func() int {
		v, k := binary.Uvarint(b)
		if k <= 0 || v > 1<<40 {
			bad = true
			return 0
		}
		b = b[k:]
		return int(v)
	}
	// count is a list's length: each entry takes a byte at least.
	count := func() int {
		if n := num(); n <= len(b) {
			return n
		}
		bad = true
		return 0
	}
	str := func() string {
		l := num()
		if bad || l > len(b) {
			bad = true
			return ""
		}
		s := string(b[:l])
		b = b[l:]
		return s
	}
	st := &state{key: str(), global: str(), n: num(), shards: num(), small: num(), uref: num()}
	st.docs = make([]docState, count())
	for d := range st.docs {
		st.docs[d] = docState{key: str(), segs: num()}
		st.docs[d].filters = make([]int, count())
		for f := range st.docs[d].filters {
			st.docs[d].filters[f] = num()
		}
		if bad {
			return nil, false
		}
	}
	st.counts = make([]int, count())
	for f := range st.counts {
		st.counts[f] = num()
	}
	st.dense = make([]string, count())
	for i := range st.dense {
		st.dense[i] = str()
	}
	return st, !bad && len(b) == 0
}

// peek reads an entry that this build only compares against: the real
// cache then lets it go with the build (an edited transcript's old words
// must not outlive it).
func peek(cache Cache, name string) ([]byte, bool) {
	if p, ok := cache.(interface{ Peek(string) ([]byte, bool) }); ok {
		return p.Peek(name)
	}
	return cache.Get(name)
}

// deltaBuild is the work of a delta.
type deltaBuild struct {
	ix      *Index
	st      *state // the last build's, then this one's
	old     map[string]string
	oldIDs  []uint32 // the last build's segment ids
	base    []int    // per document: its first id, the same in both builds
	changed []int    // documents whose key changed, ascending
	fnames  []string
	fnum    map[string]int // filter name -> number
	shards  map[int]*oldShard
}

// oldShard is a term shard of the last build, decoded: its names'
// encoded postings, big ones read only when needed.
type oldShard struct {
	enc   map[string][]byte // small postings, and big ones changed
	big   map[string]int    // big postings not read: their p- file number
	dirty bool
}

// delta returns the index of in built from the last build's state and
// files, or false when the last build is not one it can build from (see
// the top of this file).
func delta(ctx context.Context, in Input, cache Cache, memo *Memo, key string, docs []string) (*Index, bool, error) {
	data, ok := peek(cache, lastState)
	if !ok {
		return nil, false, nil
	}
	st, ok := decodeState(data)
	if !ok || st.global != globalKey(&in) || len(st.docs) != len(in.Docs) || 4*len(in.Segments) < st.uref || len(st.counts) != in.filterCount() {
		return nil, false, nil
	}
	var changed []int
	for d := range in.Docs {
		if st.docs[d].key != docs[d] {
			changed = append(changed, d)
		}
	}
	if len(changed) == 0 || len(changed) > maxDeltaDocs {
		return nil, false, nil
	}
	mdata, ok := peek(cache, st.key+manifestExt)
	if !ok {
		return nil, false, nil
	}
	m, ok := decodeManifest(mdata)
	if !ok {
		return nil, false, nil
	}
	// toks is filled in for the changed documents only: the others'
	// record files are kept as they are.
	ix := &Index{in: in, cache: cache, memo: memo, key: key, docKeys: docs, ctx: ctx, toks: make([]string, len(in.Segments))}
	ix.number()
	starts := docStarts(&in)
	newSegs, oldSegs := make([]int, len(in.Docs)), make([]int, len(in.Docs))
	for d := range in.Docs {
		newSegs[d], oldSegs[d] = starts[d+1]-starts[d], st.docs[d].segs
	}
	oldIDs, oldBase, oldEnd := layout(oldSegs)
	_, base, _ := layout(newSegs)
	if oldEnd != ix.idEnd || oldEnd != st.n || !slices.Equal(base, oldBase) {
		return nil, false, nil
	}
	d := &deltaBuild{ix: ix, st: st, old: map[string]string{}, oldIDs: oldIDs, base: base, changed: changed,
		fnames: in.filterNames(), fnum: map[string]int{}, shards: map[int]*oldShard{}}
	for _, f := range m.files {
		d.old[f[0]] = f[1]
	}
	for f, name := range d.fnames {
		d.fnum[name] = f
	}
	ok, err := d.run(m.entries, starts)
	if !ok || err != nil {
		return nil, false, err
	}
	return ix, true, nil
}

// run splices the changed documents in; see delta. Only the names whose
// ids in those documents changed are spliced: a line appended to a
// transcript leaves its other sentences' ids, and so most of its words'
// postings, as they were.
func (d *deltaBuild) run(oldEntries []string, starts []int) (bool, error) {
	ix, st := d.ix, d.st
	before, ok := d.oldStems(oldEntries)
	if !ok {
		return false, nil
	}
	adds, err := d.analyse(oldEntries, starts)
	if err != nil || adds == nil {
		return false, err
	}
	names := map[string]bool{}
	for name, ids := range adds {
		if name[0] == ' ' || !slices.Equal(ids, before[name]) {
			names[name] = true
		}
	}
	for name := range before {
		if _, ok := adds[name]; !ok {
			names[name] = true
		}
	}
	sameIDs := true // the changed documents' segment counts, and so which ids are segments
	for _, doc := range d.changed {
		for _, f := range st.docs[doc].filters {
			if f >= len(d.fnames) {
				return false, nil
			}
			names[d.fnames[f]] = true
		}
		sameIDs = sameIDs && st.docs[doc].segs == starts[doc+1]-starts[doc]
	}
	// Which ids are segments changed: the dense names' encodings may
	// have too, though their postings did not (see splice).
	validOnly := map[string]bool{}
	if !sameIDs {
		for _, name := range st.dense {
			if !names[name] {
				names[name], validOnly[name] = true, true
			}
		}
	}
	dense := map[string]bool{}
	for _, name := range st.dense {
		dense[name] = true
	}
	list := slices.Sorted(mapKeys(names))
	if !d.loadShards(list) {
		return false, nil
	}
	res := make([]spliced, len(list))
	parallel.Each(len(list), func(i int) { res[i] = d.splice(list[i], adds[list[i]], validOnly[list[i]]) })
	for i, name := range list {
		if !res[i].ok {
			return false, nil
		}
		d.apply(name, res[i], dense)
	}
	if shardCount(st.small) != st.shards {
		return false, nil
	}
	st.dense = slices.Sorted(mapKeys(dense))
	st.key = ix.key
	for _, doc := range d.changed {
		st.docs[doc] = docState{key: ix.docKeys[doc], segs: starts[doc+1] - starts[doc], filters: ix.in.docFilters(starts[doc], starts[doc+1])}
	}
	return d.plan()
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// pieceStarts returns, per document of the given segment counts, the index
// of its first piece (see build), and the piece count last.
func pieceStarts(segs []int) []int {
	ps := make([]int, len(segs)+1)
	for d, c := range segs {
		ps[d+1] = ps[d] + (c+pieceSegments-1)/pieceSegments
	}
	return ps
}

// oldStems returns the ids each stem had in the changed documents in the
// last build, ascending.
func (d *deltaBuild) oldStems(entries []string) (map[string][]uint32, bool) {
	segs := make([]int, len(d.st.docs))
	for i, doc := range d.st.docs {
		segs[i] = doc.segs
	}
	ps := pieceStarts(segs)
	if ps[len(segs)] != len(entries) {
		return nil, false
	}
	stems := map[string][]uint32{}
	for _, doc := range d.changed {
		for p := ps[doc]; p < ps[doc+1]; p++ {
			first := (p - ps[doc]) * pieceSegments
			n := min(segs[doc]-first, pieceSegments)
			data, ok := peek(d.ix.cache, entries[p])
			if !ok {
				return nil, false
			}
			a, err := decodeAnalysed(data, n)
			if err != nil {
				return nil, false
			}
			for s := range n {
				id := uint32(d.base[doc] + first + s)
				for _, l := range a.ids[a.off[s]:a.off[s+1]] {
					stems[a.stems[l]] = append(stems[a.stems[l]], id)
				}
			}
		}
	}
	return stems, true
}

// analyse analyses the changed documents, keeps the others' analyses in
// the cache and lists every piece's entry for the manifest; it returns
// the ids each stem and filter has in the changed documents, ascending.
func (d *deltaBuild) analyse(oldEntries []string, starts []int) (map[string][]uint32, error) {
	ix, in := d.ix, &d.ix.in
	segs := make([]int, len(d.st.docs))
	for i, doc := range d.st.docs {
		segs[i] = doc.segs
	}
	ps := pieceStarts(segs)
	w := newAnalyser()
	adds := map[string][]uint32{}
	bases := in.groupBases()
	prev := 0
	for _, doc := range d.changed {
		for _, e := range oldEntries[ps[prev]:ps[doc]] {
			if !has(ix.cache, e) {
				return nil, nil
			}
		}
		ix.pieceNames = append(ix.pieceNames, oldEntries[ps[prev]:ps[doc]]...)
		prev = doc + 1
		for lo := starts[doc]; lo < starts[doc+1]; lo += pieceSegments {
			if err := ix.ctx.Err(); err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			p := piece{lo, min(lo+pieceSegments, starts[doc+1])}
			a, name, err := ix.analysePiece(w, p)
			if err != nil {
				return nil, err
			}
			ix.pieceNames = append(ix.pieceNames, name)
			copy(ix.toks[p.lo:p.hi], a.toks)
			for s := range p.hi - p.lo {
				id := ix.ids[p.lo+s]
				for _, l := range a.ids[a.off[s]:a.off[s+1]] {
					adds[a.stems[l]] = append(adds[a.stems[l]], id)
				}
				for _, t := range in.refs(in.Segments[p.lo+s].Filter) {
					if t >= 0 && int(t) < len(in.Themes) {
						name := d.fnames[t]
						if l := adds[name]; len(l) == 0 || l[len(l)-1] != id {
							adds[name] = append(l, id)
						}
					}
				}
				for g, v := range in.groups(p.lo + s) {
					name := d.fnames[bases[g]+int(v)]
					adds[name] = append(adds[name], id)
				}
			}
		}
	}
	for _, e := range oldEntries[ps[prev]:] {
		if !has(ix.cache, e) {
			return nil, nil
		}
	}
	ix.pieceNames = append(ix.pieceNames, oldEntries[ps[prev]:]...)
	return adds, nil
}

// spliced is a name's postings worked out anew: the last build's encoding
// (had: there was one) and this build's with its segment count (n).
type spliced struct {
	old, enc []byte
	had, ok  bool
	n        int
}

// splice works out name's postings now: the last build's, less the
// changed documents' ids, with adds, which are the changed documents'.
// It reports !ok when the last build's files do not say what it needs.
// For a name whose ids did not change but the ids that are segments did
// (validOnly), the encoding stays unless it may list the ids it lacks
// (encodePostings' 'c'), which only a name in half the segments does.
func (d *deltaBuild) splice(name string, adds []uint32, validOnly bool) spliced {
	st := d.st
	sh := d.shards[shardOf(name, st.shards)]
	var r spliced
	r.old, r.had = sh.enc[name]
	if i, ok := sh.big[name]; ok {
		if r.old, ok = d.oldPayload(fmt.Sprintf("p-%d-%d.js", shardOf(name, st.shards), i)); !ok {
			return r
		}
		r.had = true
	}
	if validOnly && r.had {
		if n, ok := countPostings(r.old, len(d.oldIDs)); ok && 2*n <= min(len(d.oldIDs), len(d.ix.ids)) {
			r.enc, r.n, r.ok = r.old, n, true
			return r
		}
	}
	posts := adds
	if r.had {
		old, ok := decodePostings(r.old, d.oldIDs, st.n)
		if !ok {
			return r
		}
		posts = make([]uint32, 0, len(old)+len(adds))
		i := 0
		for _, doc := range d.changed {
			lo := uint32(d.base[doc])
			hi := lo + uint32(idSpan(st.docs[doc].segs))
			for ; i < len(old) && old[i] < lo; i++ {
				posts = append(posts, old[i])
			}
			for i < len(old) && old[i] < hi {
				i++
			}
			for len(adds) > 0 && adds[0] < hi {
				posts = append(posts, adds[0])
				adds = adds[1:]
			}
		}
		if len(adds) > 0 {
			return r // an id past every changed document's: cannot be
		}
		posts = append(posts, old[i:]...)
	}
	r.n, r.ok = len(posts), true
	if len(posts) > 0 {
		r.enc = encodePostings(posts, d.ix.ids, d.ix.idEnd)
	}
	return r
}

// apply puts a name's new postings in its shard, and updates the state's
// size, counts and dense names.
func (d *deltaBuild) apply(name string, r spliced, dense map[string]bool) {
	st := d.st
	sh := d.shards[shardOf(name, st.shards)]
	if r.had {
		st.small -= smallCost(name, r.old)
	}
	if f, ok := d.fnum[name]; ok && name[0] == ' ' {
		st.counts[f] = r.n
	}
	delete(dense, name)
	if 8*r.n > st.uref {
		dense[name] = true
	}
	if r.n > 0 {
		st.small += smallCost(name, r.enc)
	}
	if r.had && bytes.Equal(r.enc, r.old) {
		return
	}
	delete(sh.enc, name)
	delete(sh.big, name)
	if r.n > 0 {
		sh.enc[name] = r.enc
	}
	sh.dirty = true
}

// idSpan is the ids a document of c segments takes: none when it has none.
func idSpan(c int) int {
	if c == 0 {
		return 0
	}
	return capacity(c)
}

// layout numbers the segments of documents of the given segment counts,
// as number does, and returns each document's first id and the id count.
func layout(segs []int) (ids []uint32, base []int, end int) {
	total := 0
	for _, c := range segs {
		total += c
	}
	ids, base = make([]uint32, 0, total), make([]int, len(segs))
	for d, c := range segs {
		base[d] = end
		for i := range c {
			ids = append(ids, uint32(end+i))
		}
		end += idSpan(c)
	}
	return ids, base, end
}

// loadShards decodes the last build's term shards that hold names, on
// every core.
func (d *deltaBuild) loadShards(names []string) bool {
	var ks []int
	for _, name := range names {
		k := shardOf(name, d.st.shards)
		if _, ok := d.shards[k]; !ok {
			d.shards[k] = nil
			ks = append(ks, k)
		}
	}
	loaded := make([]*oldShard, len(ks))
	parallel.Each(len(ks), func(i int) { loaded[i] = d.shard(ks[i]) })
	for i, k := range ks {
		if loaded[i] == nil {
			return false
		}
		d.shards[k] = loaded[i]
	}
	return true
}

// shard returns term shard k of the last build, or nil.
func (d *deltaBuild) shard(k int) *oldShard {
	raw, ok := d.oldPayload(fmt.Sprintf("t-%d.js", k))
	if !ok {
		return nil
	}
	hl, n := binary.Uvarint(raw)
	if n <= 0 || hl > uint64(len(raw)-n) {
		return nil
	}
	var head map[string]json.RawMessage
	if json.Unmarshal(raw[n:n+int(hl)], &head) != nil {
		return nil
	}
	blob := raw[n+int(hl):]
	sh := &oldShard{enc: make(map[string][]byte, len(head)), big: map[string]int{}}
	for name, v := range head {
		var span [2]int
		var big int
		switch {
		case json.Unmarshal(v, &span) == nil:
			if span[0] < 0 || span[1] <= 0 || span[0] > len(blob)-span[1] {
				return nil
			}
			sh.enc[name] = blob[span[0] : span[0]+span[1]]
		case json.Unmarshal(v, &big) == nil:
			sh.big[name] = big
		default:
			return nil
		}
	}
	return sh
}

// oldPayload is what the last build's file name holds, inflated.
func (d *deltaBuild) oldPayload(name string) ([]byte, bool) {
	entry, ok := d.old[name]
	if !ok {
		return nil, false
	}
	data, ok := peek(d.ix.cache, entry)
	if !ok {
		return nil, false
	}
	raw, err := Payload(data)
	return raw, err == nil
}

// plan lists the files: the changed shards' and documents' made anew,
// every other one the last build's entry, kept.
func (d *deltaBuild) plan() (bool, error) {
	ix, st := d.ix, d.st
	var files []file
	var ok bool
	reuse := func(name string) bool {
		entry, ok := d.old[name]
		if !ok || !has(ix.cache, entry) {
			return false
		}
		files = append(files, file{name: name, entry: entry})
		return true
	}
	bigs := map[int]int{} // per clean shard: its p- files
	for name := range d.old {
		if rest, ok := strings.CutPrefix(name, "p-"); ok {
			k, _, _ := strings.Cut(rest, "-")
			if n, err := strconv.Atoi(k); err == nil {
				bigs[n]++
			}
		}
	}
	for k := range st.shards {
		sh := d.shards[k]
		if sh == nil || !sh.dirty {
			for i := range bigs[k] {
				if !reuse(fmt.Sprintf("p-%d-%d.js", k, i)) {
					return false, nil
				}
			}
			if !reuse(fmt.Sprintf("t-%d.js", k)) {
				return false, nil
			}
			continue
		}
		files, ok = d.dirtyShard(k, sh, files)
		if !ok {
			return false, nil
		}
	}
	changed := map[int]bool{}
	for _, doc := range d.changed {
		changed[doc] = true
	}
	blocks := ix.blocks()
	for _, b := range blocks {
		if changed[b.doc] {
			files = append(files, ix.recordFile(b))
		} else if !reuse(fmt.Sprintf("r-%d-%d.js", b.doc, b.k)) {
			return false, nil
		}
	}
	files = append(files, ix.metaFile(st.counts, st.shards, blocks))
	ix.planned, ix.st = files, st
	return true, nil
}

// dirtyShard appends the files of a shard that changed: its big postings
// that keep their p- file are the last build's entries, unread.
func (d *deltaBuild) dirtyShard(k int, sh *oldShard, files []file) ([]file, bool) {
	names := slices.SortedFunc(func(yield func(string) bool) {
		for name := range sh.enc {
			if !yield(name) {
				return
			}
		}
		for name := range sh.big {
			if !yield(name) {
				return
			}
		}
	}, d.cmpNames)
	enc := make([][]byte, len(names))
	list := make([]int, len(names))
	bigs := 0
	for i, name := range names {
		enc[i], list[i] = sh.enc[name], i
		if !isBig(enc[i]) {
			continue
		}
		if old, ok := sh.big[name]; ok && (old != bigs || !has(d.ix.cache, d.old[fmt.Sprintf("p-%d-%d.js", k, old)])) {
			if enc[i], ok = d.oldPayload(fmt.Sprintf("p-%d-%d.js", k, old)); !ok {
				return nil, false
			}
		}
		bigs++
	}
	return append(files, d.ix.shardFiles(k, list, names, enc, func(name string) string { return d.old[name] })...), true
}

// cmpNames orders a shard's names as files does: stems by their bytes,
// then filters by number.
func (d *deltaBuild) cmpNames(a, b string) int {
	fa, aok := d.fnum[a]
	fb, bok := d.fnum[b]
	aok, bok = aok && a[0] == ' ', bok && b[0] == ' '
	switch {
	case !aok && !bok:
		return cmpString(a, b)
	case aok && bok:
		return fa - fb
	case aok:
		return 1
	}
	return -1
}

// decodePostings reads encodePostings' output for segment ids valid
// below n, checking it.
func decodePostings(enc []byte, valid []uint32, n int) ([]uint32, bool) {
	if len(enc) == 0 {
		return nil, false
	}
	switch enc[0] {
	case 'd':
		return ungaps(enc[1:], n)
	case 'c':
		absent, ok := ungaps(enc[1:], n)
		if !ok {
			return nil, false
		}
		out := make([]uint32, 0, len(valid))
		for _, s := range valid {
			if len(absent) > 0 && absent[0] == s {
				absent = absent[1:]
				continue
			}
			out = append(out, s)
		}
		return out, len(absent) == 0
	case 'b':
		if len(enc) != 1+4*((n+31)/32) {
			return nil, false
		}
		var out []uint32
		for w := range (n + 31) / 32 {
			for word := binary.LittleEndian.Uint32(enc[1+4*w:]); word != 0; word &= word - 1 {
				out = append(out, uint32(32*w+bits.TrailingZeros32(word)))
			}
		}
		return out, len(out) == 0 || int(out[len(out)-1]) < n
	}
	return nil, false
}

// countPostings returns how many segments an encoding of postings lists,
// without decoding it, for valid ids that are segments.
func countPostings(enc []byte, valid int) (int, bool) {
	if len(enc) == 0 {
		return 0, false
	}
	ends := 0 // of uvarints: bytes without the continuation bit
	for _, c := range enc[1:] {
		if c < 0x80 {
			ends++
		}
	}
	switch enc[0] {
	case 'd':
		return ends, true
	case 'c':
		return valid - ends, ends <= valid
	case 'b':
		n := 0
		for i := 1; i+4 <= len(enc); i += 4 {
			n += bits.OnesCount32(binary.LittleEndian.Uint32(enc[i:]))
		}
		return n, true
	}
	return 0, false
}

// ungaps reads gaps' output: ascending numbers below n.
func ungaps(b []byte, n int) ([]uint32, bool) {
	var out []uint32
	prev := uint64(0)
	for len(b) > 0 {
		g, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, false
		}
		b = b[k:]
		v := g
		if len(out) > 0 {
			v = prev + g
			if g == 0 {
				return nil, false
			}
		}
		if v >= uint64(n) {
			return nil, false
		}
		out = append(out, uint32(v))
		prev = v
	}
	return out, true
}
