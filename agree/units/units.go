// Package units builds the units that coders are compared on from a coded
// study, for package agree: sentence segments (the default), whole
// documents, or characters (the figure NVivo reports). It decides which
// documents are compared — those every compared coder worked on — and
// which units coders differ on, so the command and the site count alike.
package units

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/agree"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
)

// Kind is what one unit is.
type Kind int

const (
	Segment   Kind = iota // a sentence of a participant's or the observer's words
	Document              // a whole document
	Character             // one character of a document's text (NVivo's unit)
)

// Names are the --unit values, in Kind order.
var Names = []string{"segment", "document", "character"}

func (k Kind) String() string { return Names[k] }

// Parse reads a --unit value.
func Parse(s string) (Kind, error) {
	for i, n := range Names {
		if s == n {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown --unit %q; use one of %s", s, strings.Join(Names, ", "))
}

// Input is a coded study as the units need it. The table serves segments
// and documents; characters and disagreements need the study and its codes.
type Input struct {
	Table *query.Table
	// Declared maps a coder to the documents their file declares
	// (coding.Declaration); a coder without a declaration worked on the
	// documents they coded.
	Declared map[string][]string
	Study    *corpus.Study // for Character and Disagreements; may be nil otherwise
	Coded    *coding.Coded
	// Memo, when set, keeps segment units' per-document parts between
	// builds (OpenMemo).
	Memo *Memo
	// RatingsOnly leaves Set.Differ of segment units nil: the site's
	// agreement reads the ratings alone, and listing the units coders
	// differ on was most of putting a densely coded study's Set together.
	RatingsOnly bool
}

// Set is every unit of the compared documents, rated per theme.
type Set struct {
	Kind   Kind
	Coders []string
	Themes []int        // rows: table theme indexes, codebook order
	Docs   []int        // compared documents (indexes into the study), in order
	Units  int          // units rated per theme (for Character: characters)
	Data   []agree.Data // per theme row: 1 when the coder applied the theme (or a child) to the unit, else 0
	// Differ lists the units (segment or document) where coders differ on
	// at least one theme row; nil for characters.
	Differ []Unit
}

// Unit names one segment or document unit.
type Unit struct {
	Doc     int   // index into the study's documents
	Segment int   // index into the document's segments; -1 for a document unit
	Row     int   // table row of a segment unit; -1 for a document unit
	Themes  []int // positions in Set.Themes of the rows the coders differ on
}

// Build rates every unit of the documents all coders worked on. themes are
// table theme indexes; a parent row counts its children's codes.
func Build(in Input, coders []string, themes []int, kind Kind) (*Set, error) {
	src, err := coderSources(in, coders)
	if err != nil {
		return nil, err
	}
	if kind == Segment {
		return segmentSet(in, coders, src, themes)
	}
	docs, err := comparedDocs(in, coders, src)
	if err != nil {
		return nil, err
	}
	set := &Set{Kind: kind, Coders: coders, Themes: themes, Docs: docs}
	if kind == Character {
		if in.Study == nil || in.Coded == nil {
			return nil, fmt.Errorf("character units need the study's text")
		}
		set.characters(in, src)
		return set, nil
	}
	set.documents(in, src)
	return set, nil
}

// documents rates the compared documents, each a unit.
func (s *Set) documents(in Input, src map[int32]uint) {
	t := in.Table
	compared := make([]bool, t.Docs)
	for _, d := range s.Docs {
		compared[d] = true
	}
	s.Units = len(s.Docs)
	row := map[int]int{} // theme index -> position in themes
	for i, th := range s.Themes {
		row[th] = i
	}
	// marks[i][doc] is the bit set of coders who applied themes[i] in doc.
	marks := make([]map[int]uint64, len(s.Themes))
	for i := range marks {
		marks[i] = map[int]uint64{}
	}
	for r := range t.Rows() {
		d := int(t.RowDoc[r])
		if !compared[d] || t.RowFacilitator[r] {
			continue
		}
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			who, ok := src[t.CodeSource[c]]
			if !ok {
				continue
			}
			for _, a := range t.Ancestors[t.CodeTheme[c]] {
				if i, ok := row[int(a)]; ok {
					marks[i][d] |= 1 << who
				}
			}
		}
	}
	s.rate(marks)
	s.differ(marks)
}

// rate turns each theme's marks into grouped ratings: one row per pattern
// of coders, counted, with the units nobody coded as one row.
func (s *Set) rate(marks []map[int]uint64) {
	for i := range s.Themes {
		patterns := map[uint64]int{}
		for _, m := range marks[i] {
			patterns[m]++
		}
		patterns[0] += s.Units - len(marks[i])
		s.Data = append(s.Data, data(patterns, len(s.Coders)))
	}
}

// data lists patterns of coder bits as 0/1 ratings, in pattern order.
func data(patterns map[uint64]int, coders int) agree.Data {
	var d agree.Data
	for _, p := range slices.Sorted(maps.Keys(patterns)) {
		if patterns[p] == 0 {
			continue
		}
		row := make([]int, coders)
		for c := range row {
			row[c] = int(p >> c & 1)
		}
		d.Units = append(d.Units, row)
		d.Counts = append(d.Counts, patterns[p])
	}
	return d
}

// differ lists the document units where some coders applied a theme
// row and others did not.
func (s *Set) differ(marks []map[int]uint64) {
	all := uint64(1)<<len(s.Coders) - 1
	docs := map[int][]int{}
	for i, m := range marks {
		for d, v := range m {
			if v != all {
				docs[d] = append(docs[d], i)
			}
		}
	}
	for _, d := range slices.Sorted(maps.Keys(docs)) {
		u := Unit{Doc: d, Segment: -1, Row: -1, Themes: docs[d]}
		slices.Sort(u.Themes)
		s.Differ = append(s.Differ, u)
	}
}

// coderSources maps the table's source ids of the compared coders to their
// position in coders. A coder with a declaration but no codings has no
// source id, and is still a coder.
func coderSources(in Input, coders []string) (map[int32]uint, error) {
	if len(coders) < 2 {
		return nil, fmt.Errorf("agreement needs at least two coders; got %d (%s)", len(coders), strings.Join(coders, ", "))
	}
	if len(coders) > 64 {
		return nil, fmt.Errorf("agreement compares at most 64 coders at once; got %d", len(coders))
	}
	known := Coders(in)
	src := map[int32]uint{}
	for i, c := range coders {
		if !slices.Contains(known, c) {
			return nil, fmt.Errorf("unknown coder %q; the coders are %s (codings/<coder>.jsonl)", c, strings.Join(known, ", "))
		}
		if slices.Contains(coders[:i], c) {
			return nil, fmt.Errorf("coder %q is named twice", c)
		}
		if j := slices.Index(in.Table.Sources, c); j >= 0 {
			src[int32(j)] = uint(i)
		}
	}
	return src, nil
}

// Coders lists every coder: those with codings and those whose file only
// declares documents, sorted.
func Coders(in Input) []string {
	var out []string
	for _, s := range in.Table.Sources {
		if s != coding.SourceInline && s != coding.SourceAuto {
			out = append(out, s)
		}
	}
	for c := range in.Declared {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// comparedDocs is the documents every coder worked on: declared, or coded.
// A coder with no codings in them is an error: there is nothing of theirs
// to compare.
func comparedDocs(in Input, coders []string, src map[int32]uint) ([]int, error) {
	t := in.Table
	coded := make([]uint64, t.Docs) // per document, the coders who coded it, as bits
	for r := range t.Rows() {
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			if who, ok := src[t.CodeSource[c]]; ok {
				coded[t.RowDoc[r]] |= 1 << who
			}
		}
	}
	return compared(in, coders, coded)
}

// compared is comparedDocs given which coders coded each document.
func compared(in Input, coders []string, codedBits []uint64) ([]int, error) {
	t := in.Table
	var byID map[string]int
	worked := make([]map[int]bool, len(coders))
	coded := make([]map[int]bool, len(coders))
	for i := range coders {
		worked[i], coded[i] = map[int]bool{}, map[int]bool{}
	}
	for d, bits := range codedBits {
		for i := range coders {
			if bits>>i&1 == 1 {
				coded[i][d] = true
			}
		}
	}
	for i, c := range coders {
		decl, ok := in.Declared[c]
		if !ok {
			worked[i] = coded[i]
			continue
		}
		if byID == nil {
			byID = docIDs(t)
		}
		for _, id := range decl {
			if d, ok := byID[id]; ok {
				worked[i][d] = true
			}
		}
	}
	var docs []int
	for d := range t.Docs {
		all := true
		for i := range coders {
			all = all && worked[i][d]
		}
		if all {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no document was worked on by every one of %s: each coder worked on the documents they coded, or those their file declares ({\"documents\": [...]} on its first line)", strings.Join(coders, ", "))
	}
	for i, c := range coders {
		n := 0
		for _, d := range docs {
			if coded[i][d] {
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("coder %q has no codings in the %d documents every compared coder worked on; leave them out with --coders, or check codings/%s.jsonl", c, len(docs), c)
		}
	}
	return docs, nil
}

// docIDs maps document ids to their index, from the table's doc attribute.
func docIDs(t *query.Table) map[string]int {
	attr := slices.Index(t.Attrs, "doc")
	out := map[string]int{}
	if attr < 0 {
		return out
	}
	for r := range t.Rows() {
		id := t.Values[attr][t.RowAttr[r*len(t.Attrs)+attr]]
		out[id] = int(t.RowDoc[r])
	}
	return out
}

// characters rates every character of the compared documents' text:
// facilitators' words and uncoded text included, as NVivo counts them;
// withdrawn participants' words left out.
func (s *Set) characters(in Input, src map[int32]uint) {
	who := map[string]uint{}
	for j, i := range src {
		who[in.Table.Sources[j]] = i
	}
	patterns := make([]map[uint64]int, len(s.Themes))
	for i := range patterns {
		patterns[i] = map[uint64]int{}
	}
	apps := in.Coded.Apps // sorted by document
	for _, di := range s.Docs {
		doc := in.Study.Documents[di]
		var withheld [][2]int
		length := doc.RuneOffset(len(doc.Body))
		s.Units += length
		for _, tn := range doc.Turns {
			if tn.Withheld {
				w := [2]int{doc.RuneOffset(tn.Start), doc.RuneOffset(tn.End)}
				withheld = append(withheld, w)
				s.Units -= w[1] - w[0]
			}
		}
		lo := sort.Search(len(apps), func(i int) bool { return apps[i].Doc >= di })
		hi := sort.Search(len(apps), func(i int) bool { return apps[i].Doc > di })
		for i, th := range s.Themes {
			spans := map[uint][][2]int{}
			for _, a := range apps[lo:hi] {
				if c, ok := who[a.Source]; ok && in.isUnder(a.Theme, th) {
					spans[c] = append(spans[c], [2]int{doc.RuneOffset(a.Start), doc.RuneOffset(a.End)})
				}
			}
			sweep(length, spans, withheld, patterns[i])
		}
	}
	for i := range s.Themes {
		s.Data = append(s.Data, data(patterns[i], len(s.Coders)))
	}
}

// isUnder reports whether theme id is table theme th or one of its descendants.
func (in Input) isUnder(id string, th int) bool {
	i := slices.Index(in.Table.Themes, id)
	return i >= 0 && slices.Contains(in.Table.Ancestors[i], int32(th))
}

// sweep adds to patterns how many characters of [0, length) each set of
// coders covered, leaving out the withheld stretches.
func sweep(length int, spans map[uint][][2]int, withheld [][2]int, patterns map[uint64]int) {
	type edge struct {
		at    int
		coder int // -1: withheld
		delta int
	}
	var edges []edge
	for c, ss := range spans {
		for _, s := range ss {
			edges = append(edges, edge{s[0], int(c), 1}, edge{s[1], int(c), -1})
		}
	}
	for _, w := range withheld {
		edges = append(edges, edge{w[0], -1, 1}, edge{w[1], -1, -1})
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].at < edges[j].at })
	depth := map[int]int{}
	at := 0
	mask := func() (uint64, bool) {
		var m uint64
		for c, n := range depth {
			if n > 0 {
				if c < 0 {
					return 0, false
				}
				m |= 1 << c
			}
		}
		return m, true
	}
	for _, e := range append(edges, edge{at: length}) {
		if e.at > at {
			if m, ok := mask(); ok {
				patterns[m] += e.at - at
			}
			at = e.at
		}
		if e.delta != 0 {
			depth[e.coder] += e.delta
		}
	}
}
