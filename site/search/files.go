package search

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"

	kflate "github.com/klauspost/compress/flate"

	"github.com/residentinsight/insight/internal/cachekey"
)

// Layout of the search/ folder. Every file but search.js holds base-92 text
// (text.go) of deflate-raw bytes, which search.js inflates with the browser's
// DecompressionStream:
//
//	meta.js   the id count, the term shard count, themes and groups for
//	          the filters, and the record blocks: [doc, segments, doc, ...]
//	t-N.js    term shard N: the stems whose hash is N modulo the shard
//	          count, each with its postings or the number of its p- file
//	p-N-I.js  the postings of big stem I of shard N
//	r-D-K.js  block K of document D's segments: text, speaker, link, tokens
//
// A filter (a theme, a group's value) is a stem no word can produce,
// " t<theme>" or " g<group>-<value>", so it lives in the term shards.
// Blocks never span documents and are named by document, and postings
// number segments with room left after each document (see capacity), so
// an edit to one transcript rewrites its own blocks and the shards of the
// words it changed, seldom more.
const (
	blockText   = 64 << 10 // bytes of text a record block holds, about: one for most transcripts
	shardTarget = 16 << 10 // bytes of postings a term shard aims at, before compression
	bigPostings = 8 << 10  // postings larger than this get a file of their own

	// formatVersion is part of every file's cache key: bump it when what a
	// file holds changes for the same input.
	formatVersion = "search-files-4"
)

// Script is search.js, the page script that reads the files.
//
//go:embed search.js
var Script []byte

// File is one file of the search/ folder.
type File struct {
	Name string // inside search/
	// Key, when not "", names the file's bytes (a hash of them, or of all
	// they are made from): a file written under the same key before need
	// not be read again.
	Key  string
	Data func() ([]byte, error)
}

// file is a File whose data comes with the cache entry it is kept under,
// or a file the last build made, kept in the cache as entry.
type file struct {
	name  string
	data  func() ([]byte, string, error)
	entry string
}

// block is the records of segments [lo, hi), all of one document.
type block struct {
	doc, k, lo, hi int
}

// blocks cuts each document's segments into blocks of about blockText
// bytes of text. A cut depends only on the document's own segments.
func (ix *Index) blocks() []block {
	var out []block
	segs := ix.in.Segments
	for lo := 0; lo < len(segs); {
		k := 0
		if n := len(out); n > 0 && out[n-1].doc == int(segs[lo].Doc) {
			k = out[n-1].k + 1
		}
		hi, text := lo, 0
		for hi < len(segs) && segs[hi].Doc == segs[lo].Doc && text < blockText {
			text += len(segs[hi].Text)
			hi++
		}
		out = append(out, block{doc: int(segs[lo].Doc), k: k, lo: lo, hi: hi})
		lo = hi
	}
	return out
}

// Files lists the files of the search/ folder. Each Data call is
// independent, so they may run in parallel. It may be called once: the
// postings are encoded here and then dropped, since a build holds the
// index while it writes every page (they were 40 MB of its peak on the
// benchmark study).
func (ix *Index) Files() []File {
	if ix.reused != nil {
		return ix.reusedFiles()
	}
	files := ix.planned
	if files == nil {
		files = ix.files()
	}
	ix.names, ix.made = make([]string, len(files)), make([]string, len(files))
	rebuild := ix.rebuilder()
	out := make([]File, len(files))
	for i, f := range files {
		ix.names[i] = f.name
		if f.entry != "" {
			ix.made[i] = f.entry
			out[i] = ix.entryFile(f.name, f.entry, rebuild)
			continue
		}
		out[i] = File{Name: f.name, Data: func() ([]byte, error) {
			data, entry, err := f.data()
			if err == nil {
				ix.mu.Lock()
				ix.made[i] = entry
				ix.mu.Unlock()
			}
			return data, err
		}}
	}
	return out
}

// files lists the files, each with its cache entry's name once made, and
// notes the index's state for the next build's delta (delta.go).
func (ix *Index) files() []file {
	n := ix.idEnd
	names, posts := ix.postings()
	ix.posts = nil
	enc := make([][]byte, len(names))
	small := 0
	for i := range names {
		enc[i] = encodePostings(posts[i], ix.ids, n)
		small += smallCost(names[i], enc[i])
	}
	shards := shardCount(small)
	byShard := make([][]int, shards)
	for i, st := range names {
		k := shardOf(st, shards)
		byShard[k] = append(byShard[k], i)
	}
	var files []file
	for k, list := range byShard {
		files = append(files, ix.shardFiles(k, list, names, enc, nil)...)
	}
	counts := ix.in.filterCounts(names, posts)
	blocks := ix.blocks()
	for _, b := range blocks {
		files = append(files, ix.recordFile(b))
	}
	files = append(files, ix.metaFile(counts, shards, blocks))
	if ix.docKeys != nil {
		ix.st = ix.newState(names, posts, small, shards, counts)
	}
	return files
}

// smallCost is what a stem's postings add to the term shards, about: none
// when they have a file of their own.
func smallCost(name string, enc []byte) int {
	if len(enc) > bigPostings {
		return 0
	}
	return len(enc) + len(name) + 16
}

// shardCount is the number of term shards for postings of that cost: a
// power of two, so the count, and with it every stem's shard, changes
// only when the index doubles or halves.
func shardCount(small int) int {
	shards := 1
	for shards*shardTarget < small {
		shards *= 2
	}
	return shards
}

// shardFiles are term shard k's files: the big postings in list (indexes
// into names and enc, in the order of names) each in a p- file, then the
// shard. A nil enc is big postings the last build wrote under the same
// name, whose cache entry kept gives (a delta's; see delta.go).
func (ix *Index) shardFiles(k int, list []int, names []string, enc [][]byte, kept func(name string) string) []file {
	var files []file
	var bigs []int
	for _, i := range list {
		if isBig(enc[i]) {
			name := fmt.Sprintf("p-%d-%d.js", k, len(bigs))
			if enc[i] == nil {
				files = append(files, file{name: name, entry: kept(name)})
			} else {
				files = append(files, ix.packed(name, "postings", fmt.Sprintf("%d-%d", k, len(bigs)),
					func() ([]byte, error) { return enc[i], nil }))
			}
			bigs = append(bigs, i)
		}
	}
	return append(files, ix.packed(fmt.Sprintf("t-%d.js", k), "terms", k, func() ([]byte, error) {
		return shardPayload(list, names, enc)
	}))
}

// isBig reports whether postings get a file of their own; nil stands for
// big ones not read (see shardFiles).
func isBig(enc []byte) bool { return enc == nil || len(enc) > bigPostings }

// metaFile is meta.js, from each filter's segment count (see filterNames).
func (ix *Index) metaFile(counts []int, shards int, blocks []block) file {
	meta := ix.meta(counts)
	flat := make([]int, 0, 2*len(blocks))
	for _, b := range blocks {
		flat = append(flat, b.doc, b.hi-b.lo)
	}
	meta["n"], meta["shards"], meta["blocks"] = ix.idEnd, shards, flat
	return file{name: "meta.js", data: func() ([]byte, string, error) {
		d, err := json.Marshal(meta)
		if err != nil {
			return nil, "", err
		}
		k := newKey(formatVersion, "meta.js")
		k.str(string(d))
		return ix.cached(k.sum(), func() ([]byte, error) { return pack("meta", 0, d) })
	}}
}

// shardPayload is a term shard before compression: the uvarint length of a
// JSON header {stem: [offset, length] or p- file number}, then the
// postings the offsets point into.
func shardPayload(list []int, names []string, enc [][]byte) ([]byte, error) {
	head := make(map[string]any, len(list))
	var blob []byte
	big := 0
	for _, i := range list {
		if isBig(enc[i]) {
			head[names[i]] = big
			big++
			continue
		}
		head[names[i]] = [2]int{len(blob), len(enc[i])}
		blob = append(blob, enc[i]...)
	}
	h, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	out := binary.AppendUvarint(make([]byte, 0, len(h)+len(blob)+4), uint64(len(h)))
	return append(append(out, h...), blob...), nil
}

// postings lists the stems and filters, sorted, with their segments.
func (ix *Index) postings() ([]string, [][]uint32) {
	in := &ix.in
	order := make([]int, len(ix.stems))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmpString(ix.stems[a], ix.stems[b]) })
	names := make([]string, 0, len(order)+len(in.Themes))
	posts := make([][]uint32, 0, cap(names))
	for _, i := range order {
		names = append(names, ix.stems[i])
		posts = append(posts, ix.posts[i])
	}
	themes, groups := ix.filterSegs()
	for t, segs := range themes {
		if len(segs) > 0 {
			names = append(names, " t"+strconv.Itoa(t))
			posts = append(posts, segs)
		}
	}
	for g, vals := range groups {
		for v, segs := range vals {
			if len(segs) > 0 {
				names = append(names, " g"+strconv.Itoa(g)+"-"+strconv.Itoa(v))
				posts = append(posts, segs)
			}
		}
	}
	return names, posts
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// filterSegs lists the segments of each theme (applied or a descendant
// applied) and of each group's values.
func (ix *Index) filterSegs() ([][]uint32, [][][]uint32) {
	in := &ix.in
	themeSegs := make([][]uint32, len(in.Themes))
	groupSegs := make([][][]uint32, len(in.Groups))
	for g := range in.Groups {
		groupSegs[g] = make([][]uint32, len(in.Groups[g].Values))
	}
	for i, s := range in.Segments {
		for _, t := range in.refs(s.Filter) {
			if t >= 0 && int(t) < len(themeSegs) {
				if p := themeSegs[t]; len(p) == 0 || p[len(p)-1] != ix.ids[i] {
					themeSegs[t] = append(p, ix.ids[i])
				}
			}
		}
		for g, v := range in.groups(i) {
			groupSegs[g][v] = append(groupSegs[g][v], ix.ids[i])
		}
	}
	return themeSegs, groupSegs
}

// meta is meta.js's description of the themes and groups for the
// filters, from each filter's segment count.
func (ix *Index) meta(counts []int) map[string]any {
	in := &ix.in
	themes, groups := [][]any{}, [][]any{}
	for t, th := range in.Themes {
		themes = append(themes, []any{th.ID, th.Name, th.Href, th.Depth, counts[t]})
	}
	bases := in.groupBases()
	for g, gr := range in.Groups {
		groups = append(groups, []any{gr.Name, gr.Values, counts[bases[g] : bases[g]+len(gr.Values)]})
	}
	return map[string]any{"themes": themes, "groups": groups}
}

// groupBases returns, per group, the filter number of its value 0: the
// filters are every theme, then every group's values (see filterNames).
func (in *Input) groupBases() []int {
	bases := make([]int, len(in.Groups))
	f := len(in.Themes)
	for g, gr := range in.Groups {
		bases[g] = f
		f += len(gr.Values)
	}
	return bases
}

// filterCount is the number of filters (see filterNames).
func (in *Input) filterCount() int {
	n := len(in.Themes)
	for _, g := range in.Groups {
		n += len(g.Values)
	}
	return n
}

// filterNames lists, by filter number, the filters' names in the index:
// " t<theme>" for each theme, then " g<group>-<value>" for each value.
func (in *Input) filterNames() []string {
	var names []string
	for t := range in.Themes {
		names = append(names, " t"+strconv.Itoa(t))
	}
	for g, gr := range in.Groups {
		for v := range gr.Values {
			names = append(names, " g"+strconv.Itoa(g)+"-"+strconv.Itoa(v))
		}
	}
	return names
}

// filterCounts returns each filter's segment count, by filter number.
func (in *Input) filterCounts(names []string, posts [][]uint32) []int {
	fnames := in.filterNames()
	number := make(map[string]int, len(fnames))
	for f, name := range fnames {
		number[name] = f
	}
	counts := make([]int, len(fnames))
	for i, name := range names {
		if f, ok := number[name]; ok && name[0] == ' ' {
			counts[f] = len(posts[i])
		}
	}
	return counts
}

// recordFile is block b's file: per segment [line, speaker, groups,
// themes, anchor, text, tokens], after its document's [id, link]. Its
// cache key is its document's key (a block's cut depends only on its
// document's segments), which Build worked out with the cache's; without
// a cache nothing is keyed.
func (ix *Index) recordFile(b block) file {
	name := fmt.Sprintf("r-%d-%d.js", b.doc, b.k)
	return file{name: name, data: func() ([]byte, string, error) {
		in := &ix.in
		doc := in.Docs[b.doc]
		k := newKey(formatVersion, analyzerVersion, "records", name, doc.ID, doc.Href)
		if ix.docKeys != nil {
			k.str(ix.docKeys[b.doc])
		}
		return ix.cached(k.sum(), func() ([]byte, error) {
			buf := payloads.Get().(*[]byte)
			defer payloads.Put(buf)
			*buf = ix.appendRecords((*buf)[:0], doc, b.lo, b.hi)
			return pack("records", fmt.Sprintf("%d-%d", b.doc, b.k), *buf)
		})
	}}
}

// packed is a compressed file whose cache key is a hash of its payload.
func (ix *Index) packed(name, fn string, key any, payload func() ([]byte, error)) file {
	return file{name: name, data: func() ([]byte, string, error) {
		raw, err := payload()
		if err != nil {
			return nil, "", err
		}
		k := newKey(formatVersion, name)
		k.str(string(raw))
		return ix.cached(k.sum(), func() ([]byte, error) { return pack(fn, key, raw) })
	}}
}

// cached returns the file stored under key, or makes and stores it, and
// the name of its entry in the cache.
func (ix *Index) cached(key string, make func() ([]byte, error)) ([]byte, string, error) {
	name := key + ".js"
	if ix.cache != nil {
		if data, ok := ix.cache.Get(name); ok {
			return data, name, nil
		}
	}
	data, err := make()
	if err == nil && ix.cache != nil {
		err = ix.cache.Put(name, data)
	}
	return data, name, err
}

// writers compress with klauspost/compress's deflate at its default level:
// on the benchmark study's 59 MB of search payloads it takes 0.7 s of CPU
// where the standard library's took 2.3 s, for files 6% larger (16.6
// against 15.6 MB). Any deflate-raw stream inflates the same in search.js.
// payloads holds record payloads between their writing and their
// compression (pack keeps no part of them): growing a new one for each of
// the benchmark's 1,350 blocks allocated 190 MB.
var payloads = sync.Pool{New: func() any { return new([]byte) }}

var writers = sync.Pool{New: func() any {
	w, _ := kflate.NewWriter(nil, kflate.DefaultCompression)
	return w
}}

// deflated holds pack's compressed bytes until they are written as text:
// grown anew, by doubling, for each of a cold build's 1,350 search files,
// they were some 50 MB of its garbage.
var deflated = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pack writes `insightSearch.fn(key,"<base-92 of deflate-raw payload>");`.
// Base-92 (text.go) has no character that could end a string or a script,
// so no text, however hostile, can break out.
func pack(fn string, key any, payload []byte) ([]byte, error) {
	z := deflated.Get().(*bytes.Buffer)
	defer deflated.Put(z)
	z.Reset()
	w := writers.Get().(*kflate.Writer)
	defer writers.Put(w)
	w.Reset(z)
	if _, err := w.Write(payload); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	k, err := json.Marshal(key)
	if err != nil {
		return nil, err
	}
	// Written once, where it stays: the text and then the call around it
	// were two more copies of every search file.
	out := make([]byte, 0, len(fn)+len(k)+z.Len()*16/13+24)
	out = append(out, "insightSearch."+fn+"("...)
	out = append(out, k...)
	out = append(out, ',', '"')
	out = AppendText(out, z.Bytes())
	return append(out, "\");\n"...), nil
}

// Payload returns what a packed search file holds, inflated: for tests
// and for looking inside a built site.
func Payload(file []byte) ([]byte, error) {
	z, err := Deflated(file)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	if _, err := out.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out.Bytes(), nil
}

// Deflated returns the deflate-raw bytes a packed file carries.
func Deflated(file []byte) ([]byte, error) {
	j := bytes.LastIndexByte(file, '"') // the text has no quotes; the key may
	i := bytes.LastIndexByte(file[:max(j, 0)], '"')
	if i < 0 || j <= i {
		return nil, fmt.Errorf("search: not a packed file")
	}
	return DecodeText(file[i+1 : j])
}

// key hashes the parts of a cache key (see cachekey.Key); the hash's
// version begins it, so keys an older hash made are never met.
type key struct{ k cachekey.Key }

func newKey(parts ...string) *key {
	k := new(key)
	k.str(cachekey.Version)
	k.str(parts...)
	return k
}

func (k *key) str(parts ...string) { k.k.Str(parts...) }

func (k *key) num(parts ...int) { k.k.Num(parts...) }

// sum returns the key, as hexadecimal.
func (k *key) sum() string { return k.k.Hex() }

// shardOf is the term shard of a stem: FNV-1a over its UTF-16 code units,
// as search.js computes it.
func shardOf(stem string, shards int) int {
	h := uint32(0x811c9dc5)
	for _, c := range utf16.Encode([]rune(stem)) {
		h ^= uint32(c)
		h *= 0x01000193
	}
	return int(h % uint32(shards))
}

// EncodePostings writes ascending segment ids below n as the search files
// hold them, in whichever form is smallest, its first byte naming it: 'd'
// and the gaps as unsigned varints; 'c', the same for the valid ids NOT
// listed (a word nearly every sentence has); or 'b' and a bitmap of all n
// ids as little-endian 32-bit words. So no word costs more than n/8 bytes.
// valid lists the ids that are segments, ascending; nil means all below n.
// Exported for the tests of search.js's decoder.
func EncodePostings(segs, valid []uint32, n int) []byte { return encodePostings(segs, valid, n) }

func encodePostings(segs, valid []uint32, n int) []byte {
	best := gaps([]byte{'d'}, segs)
	universe := n
	if valid != nil {
		universe = len(valid)
	}
	if 2*len(segs) > universe {
		var absent []uint32
		next := 0
		check := func(s uint32) {
			if next < len(segs) && segs[next] == s {
				next++
				return
			}
			absent = append(absent, s)
		}
		if valid == nil {
			for s := range uint32(n) {
				check(s)
			}
		} else {
			for _, s := range valid {
				check(s)
			}
		}
		if c := gaps([]byte{'c'}, absent); len(c) < len(best) {
			best = c
		}
	}
	words := (n + 31) / 32
	if 1+4*words >= len(best) {
		return best
	}
	bm := make([]uint32, words)
	for _, s := range segs {
		bm[s/32] |= 1 << (s % 32)
	}
	raw := make([]byte, 1, 1+4*words)
	raw[0] = 'b'
	for _, w := range bm {
		raw = binary.LittleEndian.AppendUint32(raw, w)
	}
	return raw
}

// gaps appends ascending numbers as unsigned varints of their differences.
func gaps(out []byte, segs []uint32) []byte {
	prev := uint32(0)
	for i, s := range segs {
		g := s - prev
		if i == 0 {
			g = s
		}
		out = binary.AppendUvarint(out, uint64(g))
		prev = s
	}
	return out
}
