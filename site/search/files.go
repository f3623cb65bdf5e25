package search

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"unicode/utf16"
)

// Script is search.js, the page script that reads the files.
//
//go:embed search.js
var Script []byte

// BlockSize is how many segments one record file holds. Small enough that a
// page of hits scattered over a study loads little text; large enough that
// a study of half a million sentences is some fifteen thousand files.
const BlockSize = 32

const (
	shardTarget = 8 << 10 // bytes of postings a term shard aims at
	bigPostings = 4 << 10 // postings larger than this get a file of their own
)

// File is one file of the search/ folder.
type File struct {
	Name string // inside search/
	Data func() ([]byte, error)
}

// Files lists the files of the search/ folder. Each Data call is
// independent, so they may run in parallel.
func (ix *Index) Files() []File {
	n := len(ix.in.Segments)
	stems := ix.Stems()
	enc := make([]string, len(stems))
	small := 0
	for i, st := range stems {
		enc[i] = EncodePostings(ix.terms[st], n)
		if len(enc[i]) <= bigPostings {
			small += len(enc[i]) + len(st) + 6
		}
	}
	shards := max(1, (small+shardTarget-1)/shardTarget)
	shardTerms := make([]map[string]any, shards)
	for i := range shardTerms {
		shardTerms[i] = map[string]any{}
	}
	var files []File
	big := 0
	for i, st := range stems {
		sh := shardTerms[shardOf(st, shards)]
		if len(enc[i]) <= bigPostings {
			sh[st] = enc[i]
			continue
		}
		sh[st] = big
		files = append(files, script(fmt.Sprintf("p-%d.js", big), "postings", big, enc[i]))
		big++
	}
	for i, m := range shardTerms {
		files = append(files, script(fmt.Sprintf("t-%d.js", i), "terms", i, m))
	}
	meta, filters := ix.filters(n)
	files = append(files, filters...)
	meta["n"], meta["shards"], meta["block"] = n, shards, BlockSize
	files = append(files, script("meta.js", "meta", 0, meta))
	for b := 0; b*BlockSize < n; b++ {
		files = append(files, File{Name: fmt.Sprintf("r-%d.js", b), Data: func() ([]byte, error) { return ix.records(b) }})
	}
	return files
}

// filters returns meta.js's description of the themes and groups and one
// file per theme and group value listing its segments.
func (ix *Index) filters(n int) (map[string]any, []File) {
	in := ix.in
	themeSegs := make([][]uint32, len(in.Themes))
	groupSegs := make([][][]uint32, len(in.Groups))
	for g := range in.Groups {
		groupSegs[g] = make([][]uint32, len(in.Groups[g].Values))
	}
	for i, s := range in.Segments {
		for _, t := range s.Filter {
			if t >= 0 && t < len(themeSegs) {
				if p := themeSegs[t]; len(p) == 0 || p[len(p)-1] != uint32(i) {
					themeSegs[t] = append(p, uint32(i))
				}
			}
		}
		for g, v := range s.Groups {
			if v >= 0 && v < len(groupSegs[g]) {
				groupSegs[g][v] = append(groupSegs[g][v], uint32(i))
			}
		}
	}
	var files []File
	add := func(name string, segs []uint32) {
		files = append(files, script(name, "filter", name, EncodePostings(segs, n)))
	}
	var themes, groups [][]any
	for t, th := range in.Themes {
		themes = append(themes, []any{th.ID, th.Name, th.Href, th.Depth, len(themeSegs[t])})
		add(fmt.Sprintf("f-t%d.js", t), themeSegs[t])
	}
	for g, gr := range in.Groups {
		var counts []int
		for v := range gr.Values {
			counts = append(counts, len(groupSegs[g][v]))
			add(fmt.Sprintf("f-g%d-%d.js", g, v), groupSegs[g][v])
		}
		groups = append(groups, []any{gr.Name, gr.Values, counts})
	}
	return map[string]any{"themes": themes, "groups": groups}, files
}

// records writes block b: per segment [doc, line, speaker, groups, themes,
// anchor, text, tokens], with the block's documents listed once.
func (ix *Index) records(b int) ([]byte, error) {
	in := ix.in
	var docs [][2]string
	local := map[int]int{}
	var recs [][]any
	for i := b * BlockSize; i < min(len(in.Segments), (b+1)*BlockSize); i++ {
		s := in.Segments[i]
		d, ok := local[s.Doc]
		if !ok {
			d = len(docs)
			local[s.Doc] = d
			docs = append(docs, [2]string{in.Docs[s.Doc].ID, in.Docs[s.Doc].Href})
		}
		recs = append(recs, []any{d, s.Line, s.Speaker, nonNil(s.Groups), nonNil(s.Themes), s.Anchor, s.Text, ix.toks[i]})
	}
	return marshalScript("records", b, map[string]any{"docs": docs, "recs": recs})
}

func nonNil(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}

// script is a file calling insightSearch.<fn>(key, data).
func script(name, fn string, key, data any) File {
	return File{Name: name, Data: func() ([]byte, error) { return marshalScript(fn, key, data) }}
}

// marshalScript writes `insightSearch.fn(key,data);`. encoding/json escapes
// <, >, &, U+2028 and U+2029, so no text can end the script or break it.
func marshalScript(fn string, key, data any) ([]byte, error) {
	k, err := json.Marshal(key)
	if err != nil {
		return nil, err
	}
	d, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("insightSearch." + fn + "(")
	buf.Write(k)
	buf.WriteByte(',')
	buf.Write(d)
	buf.WriteString(");\n")
	return buf.Bytes(), nil
}

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

// EncodePostings writes ascending segment numbers as the search files hold
// them, in whichever form is smallest: "d" and base64 of the gaps as
// unsigned varints; "c", the same for the segments NOT listed (a word
// nearly every sentence has); or "b" and base64 of a bitmap of all n
// segments as little-endian 32-bit words. So no word costs more than n/8
// bytes before base64. Exported for the tests of search.js's decoder.
func EncodePostings(segs []uint32, n int) string {
	best := "d" + base64.StdEncoding.EncodeToString(gaps(segs))
	if 2*len(segs) > n {
		var absent []uint32
		next := 0
		for s := range uint32(n) {
			if next < len(segs) && segs[next] == s {
				next++
				continue
			}
			absent = append(absent, s)
		}
		if c := "c" + base64.StdEncoding.EncodeToString(gaps(absent)); len(c) < len(best) {
			best = c
		}
	}
	words := (n + 31) / 32
	if 1+base64.StdEncoding.EncodedLen(4*words) >= len(best) {
		return best
	}
	bm := make([]uint32, words)
	for _, s := range segs {
		bm[s/32] |= 1 << (s % 32)
	}
	raw := make([]byte, 0, 4*words)
	for _, w := range bm {
		raw = binary.LittleEndian.AppendUint32(raw, w)
	}
	return "b" + base64.StdEncoding.EncodeToString(raw)
}

// gaps writes ascending numbers as unsigned varints of their differences.
func gaps(segs []uint32) []byte {
	var out []byte
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
