package units

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/internal/parallel"
	"github.com/residentinsight/insight/query"
)

// A segment Set is a sum over documents: each document's units, its
// units' patterns of coders per theme row, and the units coders differ
// on depend on its own table rows alone (and on which coders and theme
// rows are compared). So the Set is put together from per-document
// parts, which a Memo keeps on disk between builds: a rebuild after one
// edit works out the edited document's part only.

// docPart is one document's share of a segment Set.
type docPart struct {
	coded    uint64           // coders (bits by place in coders) with a code in it, facilitators' rows too
	units    int              // its rows that are units: not a facilitator's
	patterns [][]patternCount // per theme row: the units marked, by pattern, in pattern order
	differ   []localUnit      // units the coders differ on, in row order
}

type patternCount struct {
	pattern uint64
	n       int
}

// localUnit is a unit coders differ on, by its place among its document's rows.
type localUnit struct {
	seg    int
	themes []int // positions in Set.Themes, ascending
}

// Memo keeps each document's part of the last segment Set on disk, in a
// pack (internal/packcache) holding exactly the parts the last Build
// used: a withdrawn participant's document leaves it with the next build.
// A missing or damaged pack is an empty memo: it only ever costs time.
type Memo struct {
	pack    *packcache.Cache
	program string       // the insight program's id: parts are its encoding
	loaded  atomic.Int64 // parts read from the pack, for tests
}

// partsFormat is part of every entry's name: bump it when docPart, its
// encoding or how it is worked out changes.
const partsFormat = "agree-parts-1"

// OpenMemo opens the memo kept in the pack at path by the program whose id
// is program.
func OpenMemo(path, program string) *Memo {
	return &Memo{pack: packcache.Open(path), program: program}
}

// Save writes the pack: the parts the last Build used.
func (m *Memo) Save() error {
	if m == nil {
		return nil
	}
	return m.pack.Close()
}

// Abort leaves the old pack as it was.
func (m *Memo) Abort() {
	if m != nil {
		m.pack.Abort()
	}
}

// segmentSet is Build for segment units: the compared documents' parts
// put together.
func segmentSet(in Input, coders []string, src map[int32]uint, themes []int) (*Set, error) {
	parts, starts := segmentParts(in, len(coders), src, themes)
	coded := make([]uint64, in.Table.Docs)
	for d, p := range parts {
		if p != nil {
			coded[d] = p.coded
		}
	}
	docs, err := compared(in, coders, coded)
	if err != nil {
		return nil, err
	}
	set := &Set{Kind: Segment, Coders: coders, Themes: themes, Docs: docs}
	set.segments(parts, starts, in.RatingsOnly)
	return set, nil
}

// segmentParts works out (or finds in in.Memo) every document's part.
func segmentParts(in Input, coders int, src map[int32]uint, themes []int) (parts []*docPart, starts []int) {
	t := in.Table
	starts = make([]int, t.Docs+1) // rows of document d: starts[d]..ends[d]
	ends := make([]int, t.Docs)
	for r := t.Rows() - 1; r >= 0; r-- {
		d := int(t.RowDoc[r])
		if ends[d] == 0 {
			ends[d] = r + 1
		}
		starts[d] = r
	}
	row := map[int]int{} // theme index -> position in themes
	for i, th := range themes {
		row[th] = i
	}
	global := ""
	if in.Memo != nil {
		global = partsKey(in.Memo.program, t, coders, src, themes)
	}
	parts = make([]*docPart, t.Docs)
	parallel.Each(t.Docs, func(d int) {
		lo, hi := starts[d], ends[d]
		if hi == 0 {
			return // no rows
		}
		var name string
		if in.Memo != nil {
			name = docPartKey(global, t, lo, hi)
			if data, ok := in.Memo.pack.Get(name); ok {
				if p, err := decodePart(data, hi-lo, len(themes), !in.RatingsOnly); err == nil {
					in.Memo.loaded.Add(1)
					parts[d] = p
					return
				}
			}
		}
		parts[d] = segmentPart(t, lo, hi, coders, src, row, len(themes))
		if in.Memo != nil {
			_ = in.Memo.pack.Put(name, encodePart(parts[d])) // a failed write costs time
		}
	})
	return parts, starts
}

// segmentPart rates the units of table rows lo..hi, one document's.
func segmentPart(t *query.Table, lo, hi, coders int, src map[int32]uint, row map[int]int, themes int) *docPart {
	p := &docPart{patterns: make([][]patternCount, themes)}
	all := uint64(1)<<coders - 1
	marks := make([]uint64, themes) // this row's, per theme row
	var touched []int
	counts := make([]map[uint64]int, themes)
	for r := lo; r < hi; r++ {
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			if who, ok := src[t.CodeSource[c]]; ok {
				p.coded |= 1 << who
			}
		}
		if t.RowFacilitator[r] {
			continue
		}
		p.units++
		touched = touched[:0]
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			who, ok := src[t.CodeSource[c]]
			if !ok {
				continue
			}
			for _, a := range t.Ancestors[t.CodeTheme[c]] {
				if i, ok := row[int(a)]; ok {
					if marks[i] == 0 {
						touched = append(touched, i)
					}
					marks[i] |= 1 << who
				}
			}
		}
		slices.Sort(touched)
		var differ []int
		for _, i := range touched {
			m := marks[i]
			marks[i] = 0
			if counts[i] == nil {
				counts[i] = map[uint64]int{}
			}
			counts[i][m]++
			if m != all {
				differ = append(differ, i)
			}
		}
		if differ != nil {
			p.differ = append(p.differ, localUnit{r - lo, differ})
		}
	}
	for i, c := range counts {
		for _, pat := range slices.Sorted(maps.Keys(c)) {
			p.patterns[i] = append(p.patterns[i], patternCount{pat, c[pat]})
		}
	}
	return p
}

// segments puts the compared documents' parts together as Build's pass
// over every row did.
func (s *Set) segments(parts []*docPart, starts []int, ratingsOnly bool) {
	patterns := make([]map[uint64]int, len(s.Themes))
	marked := make([]int, len(s.Themes))
	for i := range patterns {
		patterns[i] = map[uint64]int{}
	}
	for _, d := range s.Docs {
		p := parts[d]
		if p == nil {
			continue
		}
		s.Units += p.units
		for i, pcs := range p.patterns {
			for _, pc := range pcs {
				patterns[i][pc.pattern] += pc.n
				marked[i] += pc.n
			}
		}
		if !ratingsOnly {
			for _, u := range p.differ {
				s.Differ = append(s.Differ, Unit{Doc: d, Segment: u.seg, Row: starts[d] + u.seg, Themes: u.themes})
			}
		}
	}
	for i := range s.Themes {
		patterns[i][0] += s.Units - marked[i]
		s.Data = append(s.Data, data(patterns[i], len(s.Coders)))
	}
}

// partsKey covers what every document's part depends on besides its rows:
// the compared coders' sources, the theme rows and every theme's ancestors.
func partsKey(program string, t *query.Table, coders int, src map[int32]uint, themes []int) string {
	k := cachekey.New(partsFormat, program)
	k.Num(coders, len(src))
	for _, j := range slices.Sorted(maps.Keys(src)) {
		k.Num(int(j), int(src[j]))
	}
	k.Num(len(themes))
	k.Num(themes...)
	k.Num(len(t.Ancestors))
	for _, anc := range t.Ancestors {
		k.Num(len(anc))
		for _, a := range anc {
			k.Num(int(a))
		}
	}
	return k.Hex()
}

// docPartKey names the part of the document whose rows are lo..hi: the
// global key and, per row, whether it is a facilitator's and its codes.
func docPartKey(global string, t *query.Table, lo, hi int) string {
	b := make([]byte, 0, len(global)+8*(hi-lo)+8*int(t.RowCodeStart[hi]-t.RowCodeStart[lo]))
	b = append(b, global...)
	b = binary.AppendUvarint(b, uint64(hi-lo))
	for r := lo; r < hi; r++ {
		n := t.RowCodeStart[r+1] - t.RowCodeStart[r]
		f := uint64(0)
		if t.RowFacilitator[r] {
			f = 1
		}
		b = binary.AppendUvarint(b, uint64(n)<<1|f)
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			b = binary.AppendUvarint(b, uint64(uint32(t.CodeSource[c])))
			b = binary.AppendUvarint(b, uint64(uint32(t.CodeTheme[c])))
		}
	}
	sum := cachekey.Of(b)
	return sum.Hex()
}

func encodePart(p *docPart) []byte {
	b := binary.AppendUvarint(nil, p.coded)
	b = binary.AppendUvarint(b, uint64(p.units))
	for _, pcs := range p.patterns {
		b = binary.AppendUvarint(b, uint64(len(pcs)))
		for _, pc := range pcs {
			b = binary.AppendUvarint(b, pc.pattern)
			b = binary.AppendUvarint(b, uint64(pc.n))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(p.differ)))
	for _, u := range p.differ {
		b = binary.AppendUvarint(b, uint64(u.seg))
		b = binary.AppendUvarint(b, uint64(len(u.themes)))
		for _, i := range u.themes {
			b = binary.AppendUvarint(b, uint64(i))
		}
	}
	return b
}

var errBadPart = errors.New("units: damaged memo entry")

// decodePart reads a part of a document of rows rows rated on themes
// theme rows, with the units coders differ on when differ is set;
// anything out of range is an error, never a panic.
func decodePart(data []byte, rows, themes int, differ bool) (*docPart, error) {
	var err error
	next := func(max uint64) uint64 {
		if err != nil {
			return 0
		}
		v, n := binary.Uvarint(data)
		if n <= 0 || v > max {
			err = errBadPart
			return 0
		}
		data = data[n:]
		return v
	}
	p := &docPart{coded: next(^uint64(0)), units: int(next(uint64(rows))), patterns: make([][]patternCount, themes)}
	for i := range p.patterns {
		n := int(next(uint64(rows)))
		if n > 0 {
			p.patterns[i] = make([]patternCount, n)
		}
		for j := range n {
			p.patterns[i][j] = patternCount{next(^uint64(0)), int(next(uint64(rows)))}
		}
	}
	for range next(uint64(rows)) {
		u := localUnit{seg: int(next(uint64(rows - 1)))}
		n := int(next(uint64(themes)))
		if differ {
			u.themes = make([]int, n)
		}
		for i := range n {
			t := int(next(uint64(themes - 1)))
			if differ {
				u.themes[i] = t
			}
		}
		if err != nil {
			break
		}
		if differ {
			p.differ = append(p.differ, u)
		}
	}
	if err == nil && len(data) != 0 {
		err = errBadPart
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}
