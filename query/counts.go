package query

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/coding"
)

// selection is a Filter resolved against a table's dictionaries.
type attrFilter struct {
	attr int
	ok   []bool
}

type selection struct {
	// where lists the filtered attributes and their accepted value ids: a
	// slice, not a map, because keep reads it for every row.
	where   []attrFilter
	sources []bool // nil: every source
	// autoThemes, when set, admits source autoSrc (which sources leaves
	// out) for the themes that opt in to keyword matches as evidence.
	autoThemes []bool
	autoSrc    int32
	withFac    bool
}

func (t *Table) compile(f Filter) (*selection, error) {
	s := &selection{withFac: f.IncludeFacilitators}
	for _, name := range slices.Sorted(maps.Keys(f.Where)) {
		a, err := t.attrIndex(name)
		if err != nil {
			return nil, err
		}
		ok := make([]bool, len(t.Values[a]))
		for _, v := range f.Where[name] {
			for id, have := range t.Values[a] {
				if have == v || (v == "" && id == 0) {
					ok[id] = true
				}
			}
		}
		i := slices.IndexFunc(s.where, func(w attrFilter) bool { return w.attr == a })
		if i < 0 {
			s.where = append(s.where, attrFilter{a, ok})
		} else {
			s.where[i].ok = ok // two names for one attribute: the last wins, as it did
		}
	}
	switch {
	case len(f.Coders) == 0:
		s.sources = make([]bool, len(t.Sources))
		s.autoSrc = -1
		for i, src := range t.Sources {
			if src == coding.SourceAuto {
				s.autoSrc = int32(i)
			} else {
				s.sources[i] = true
			}
		}
		s.autoThemes = t.AutoEvidence
	case slices.Contains(f.Coders, AllCoders):
	default:
		s.sources = make([]bool, len(t.Sources))
		for _, c := range f.Coders {
			found := false
			for i, src := range t.Sources {
				if src == c {
					s.sources[i], found = true, true
				}
			}
			if !found {
				return nil, fmt.Errorf("unknown coder %q; valid coders: %s", c, strings.Join(t.Sources, ", "))
			}
		}
	}
	return s, nil
}

func (t *Table) keep(s *selection, r int) bool {
	if t.RowFacilitator[r] && !s.withFac {
		return false
	}
	base := r * len(t.Attrs)
	for _, w := range s.where {
		if !w.ok[t.RowAttr[base+w.attr]] {
			return false
		}
	}
	return true
}

// rowThemes appends to buf the distinct themes coded on row r (with their
// ancestors) by the selected sources. stamp/mark dedupe without allocating.
func (t *Table) rowThemes(s *selection, r int, buf []int32, mark []int, stamp int) []int32 {
	for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
		if src := t.CodeSource[c]; s.sources != nil && !s.sources[src] &&
			(src != s.autoSrc || !s.autoEvidence(t.CodeTheme[c])) {
			continue
		}
		for _, th := range t.Ancestors[t.CodeTheme[c]] {
			if mark[th] != stamp {
				mark[th] = stamp
				buf = append(buf, th)
			}
		}
	}
	return buf
}

// autoEvidence reports whether a rule hit on theme th counts by default.
func (s *selection) autoEvidence(th int32) bool {
	return int(th) < len(s.autoThemes) && s.autoThemes[th]
}

// IncludesAuto reports whether theme id's counts under f include keyword
// or pattern matches no person reviewed: the theme or one of its
// descendants opts in with auto: evidence (under the default Filter), or f
// names the auto source. Pages that show such a count must say so.
func (t *Table) IncludesAuto(f Filter, id string) bool {
	th, err := t.ThemeIndex(id)
	if err != nil {
		return false
	}
	if len(f.Coders) > 0 {
		return slices.Contains(f.Coders, AllCoders) || slices.Contains(f.Coders, coding.SourceAuto)
	}
	for i, anc := range t.Ancestors {
		if i < len(t.AutoEvidence) && t.AutoEvidence[i] && slices.Contains(anc, int32(th)) {
			return true
		}
	}
	return false
}

// unitKey is the unit a row belongs to, or -1 when it belongs to none (a
// segment of the observer has no participant; a document may have no case).
func (t *Table) unitKey(u Unit, r int) int {
	switch u {
	case Participants:
		return int(t.RowSpeaker[r])
	case Documents:
		return int(t.RowDoc[r])
	case Cases:
		return int(t.RowCase[r])
	}
	return r
}

func (t *Table) unitCount(u Unit) int {
	switch u {
	case Participants:
		return t.Speakers
	case Documents:
		return t.Docs
	case Cases:
		return len(t.CaseIDs)
	}
	return t.Rows()
}

// distinct counts distinct (group, unit) pairs: a bitset while that is
// small, which keeps counts over half a million segments in milliseconds,
// and a map beyond.
type distinct struct {
	always bool // every pair is new: counting segments, each row is its own unit
	units  int
	bits   []uint64
	seen   map[int]bool
}

const maxBits = 1 << 26 // 8 MiB of bits

// newDistinct counts units of u in groups.
func (t *Table) newDistinct(u Unit, groups int) *distinct {
	units := t.unitCount(u)
	d := &distinct{units: units, always: u == Segments}
	if d.always {
		return d
	}
	if n := groups * units; n <= maxBits {
		d.bits = make([]uint64, (n+63)/64)
	} else {
		d.seen = map[int]bool{}
	}
	return d
}

// add reports whether (group, unit) is new.
func (d *distinct) add(group, unit int) bool {
	if d.always {
		return true
	}
	k := group*d.units + unit
	if d.bits != nil {
		w, b := k/64, uint64(1)<<(k%64)
		if d.bits[w]&b != 0 {
			return false
		}
		d.bits[w] |= b
		return true
	}
	if d.seen[k] {
		return false
	}
	d.seen[k] = true
	return true
}

// Freq returns every theme's counts under f, in codebook order.
func (t *Table) Freq(f Filter) ([]ThemeCount, error) {
	s, err := t.compile(f)
	if err != nil {
		return nil, err
	}
	out := make([]ThemeCount, len(t.Themes))
	for i := range out {
		out[i] = ThemeCount{Theme: t.Themes[i], Depth: t.Depths[i]}
	}
	nt := len(t.Themes)
	people, docs, cases := t.newDistinct(Participants, nt), t.newDistinct(Documents, nt), t.newDistinct(Cases, nt)
	mark := make([]int, len(t.Themes))
	var buf []int32
	for r := 0; r < t.Rows(); r++ {
		if !t.keep(s, r) {
			continue
		}
		buf = t.rowThemes(s, r, buf[:0], mark, r+1)
		for _, th := range buf {
			c := &out[th]
			c.Segments++
			if sp := t.RowSpeaker[r]; sp >= 0 && people.add(int(th), int(sp)) {
				c.Participants++
			}
			if docs.add(int(th), int(t.RowDoc[r])) {
				c.Documents++
			}
			if cs := t.RowCase[r]; cs >= 0 && cases.add(int(th), int(cs)) {
				c.Cases++
			}
		}
	}
	return out, nil
}

// Check reports whether f names attributes the table has (the error says
// which it does not), without counting anything.
func (t *Table) Check(f Filter) error {
	_, err := t.compile(f)
	return err
}

// Total counts the distinct units under f, coded or not: the base for shares.
func (t *Table) Total(f Filter, u Unit) (int, error) {
	s, err := t.compile(f)
	if err != nil {
		return 0, err
	}
	d := t.newDistinct(u, 1)
	n := 0
	for r := 0; r < t.Rows(); r++ {
		if k := t.unitKey(u, r); k >= 0 && t.keep(s, r) && d.add(0, k) {
			n++
		}
	}
	return n, nil
}

// Matrix returns the themes × values-of-attr crosstab in unit u.
func (t *Table) Matrix(f Filter, attr string, u Unit) (Matrix, error) {
	s, err := t.compile(f)
	if err != nil {
		return Matrix{}, err
	}
	a, err := t.attrIndex(attr)
	if err != nil {
		return Matrix{}, err
	}
	values := t.Values[a]
	// Columns in sorted order, NoValue last, only values that occur under f.
	present := make([]bool, len(values))
	m := Matrix{Attr: attr, Unit: u, Themes: t.Themes}
	nt := len(t.Themes)
	cell, row := t.newDistinct(u, nt*len(values)), t.newDistinct(u, nt)
	col, all := t.newDistinct(u, len(values)), t.newDistinct(u, 1)
	cells := make([][]int, len(t.Themes))
	for i := range cells {
		cells[i] = make([]int, len(values))
	}
	rowTot := make([]int, len(t.Themes))
	colTot := make([]int, len(values))
	mark := make([]int, len(t.Themes))
	var buf []int32
	for r := 0; r < t.Rows(); r++ {
		k := t.unitKey(u, r)
		if k < 0 || !t.keep(s, r) {
			continue
		}
		v := int(t.RowAttr[r*len(t.Attrs)+a])
		present[v] = true
		if col.add(v, k) {
			colTot[v]++
		}
		if all.add(0, k) {
			m.Total++
		}
		buf = t.rowThemes(s, r, buf[:0], mark, r+1)
		for _, th := range buf {
			if cell.add(int(th)*len(values)+v, k) {
				cells[th][v]++
			}
			if row.add(int(th), k) {
				rowTot[th]++
			}
		}
	}
	order := make([]int, 0, len(values))
	for v := range values {
		if present[v] {
			order = append(order, v)
		}
	}
	sort.Slice(order, func(i, j int) bool {
		vi, vj := order[i], order[j]
		if (vi == 0) != (vj == 0) {
			return vj == 0 // NoValue last
		}
		return values[vi] < values[vj]
	})
	for _, v := range order {
		m.Values = append(m.Values, values[v])
		m.ColTotals = append(m.ColTotals, colTot[v])
	}
	m.Cells = make([][]int, len(t.Themes))
	for th := range t.Themes {
		m.Cells[th] = make([]int, len(order))
		for j, v := range order {
			m.Cells[th][j] = cells[th][v]
		}
	}
	m.RowTotals = rowTot
	return m, nil
}

// Union counts, in every unit, what is coded with any of the themes ids
// (each with its descendants) under f: the evidence behind a key message
// that rests on several themes. Theme is left empty in the result.
func (t *Table) Union(f Filter, ids []string) (ThemeCount, error) {
	var c ThemeCount
	s, err := t.compile(f)
	if err != nil {
		return c, err
	}
	want := make([]bool, len(t.Themes))
	for _, id := range ids {
		i, err := t.ThemeIndex(id)
		if err != nil {
			return c, err
		}
		want[i] = true
	}
	people, docs, cases := t.newDistinct(Participants, 1), t.newDistinct(Documents, 1), t.newDistinct(Cases, 1)
	mark := make([]int, len(t.Themes))
	var buf []int32
	for r := 0; r < t.Rows(); r++ {
		if !t.keep(s, r) {
			continue
		}
		buf = t.rowThemes(s, r, buf[:0], mark, r+1)
		if !slices.ContainsFunc(buf, func(th int32) bool { return want[th] }) {
			continue
		}
		c.Segments++
		if sp := t.RowSpeaker[r]; sp >= 0 && people.add(0, int(sp)) {
			c.Participants++
		}
		if docs.add(0, int(t.RowDoc[r])) {
			c.Documents++
		}
		if cs := t.RowCase[r]; cs >= 0 && cases.add(0, int(cs)) {
			c.Cases++
		}
	}
	return c, nil
}

// Evidence reports whether code c counts under the default Filter: a
// person's code, or a rule hit on a theme that opts in with auto: evidence.
// Pages that list codes outside the counts (the site's search filters) use
// it so that they agree with them.
func (t *Table) Evidence(c int) bool {
	src := t.CodeSource[c]
	if int(src) >= len(t.Sources) || t.Sources[src] != coding.SourceAuto {
		return true
	}
	th := t.CodeTheme[c]
	return int(th) < len(t.AutoEvidence) && t.AutoEvidence[th]
}
