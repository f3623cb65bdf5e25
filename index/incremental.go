package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/query"
)

// errFallback says the incremental path does not handle a change; Open then
// re-reads the whole study.
var errFallback = errors.New("index: change needs a full update")

// incremental brings the index up to date when only transcripts or codings
// changed, reading and coding only the documents concerned: the rows of every
// other document are copied from the stored table, their values remapped
// into the new dictionaries. query.New numbers values, speakers and cases in
// order of first appearance, document by document, and the copy walks
// documents in the same order, so the result equals a cold build's table.
// A change to the codebook, insight.yaml or participants.csv, or one that
// adds or removes an attribute (the search mapping's fields), is left to the
// full path.
func incremental(ctx context.Context, opts Options, st state, stamps []fileStamp) (*Index, error) {
	pl, err := planIncremental(opts, st, stamps)
	if err != nil {
		return nil, err
	}
	in, err := opts.Partial(ctx, func(p string) bool { return pl.redo[p] }, pl.recs)
	if err != nil {
		return nil, err
	}
	list, err := pl.docList(in)
	if err != nil {
		return nil, err
	}
	// Attributes must stay those the mapping has fields for; they are
	// numbered as query.New numbers them.
	if !slices.Equal(studyAttrs(in, list), pl.ot.Attrs) {
		return nil, errFallback
	}
	t, now, reindex, err := pl.assemble(in, list)
	if err != nil {
		return nil, err
	}
	return pl.write(opts, in, t, now, reindex, state{Files: stamps, Withdrawn: st.Withdrawn})
}

// incPlan is what the stored index says and what must be read again.
type incPlan struct {
	old     map[string]docEntry // the stored documents, by id
	ot      *query.Table        // the stored table
	recs    []coding.Record     // every document's standoff records, as they are now
	recHash map[string]string   // their hash per document
	redo    map[string]bool     // transcript paths to read again
}

// planIncremental reads the stored index's documents and table and decides
// which transcripts to read again: those whose file changed and those whose
// standoff records changed.
func planIncremental(opts Options, st state, stamps []fileStamp) (*incPlan, error) {
	changedFiles, codingsChanged, ok := diffStamps(st.Files, stamps)
	if !ok {
		return nil, errFallback
	}
	pl := &incPlan{old: map[string]docEntry{}, redo: map[string]bool{}}
	if err := readJSON(filepath.Join(opts.Dir, "docs.json"), &pl.old); err != nil {
		return nil, err
	}
	ot, err := mapTable(filepath.Join(opts.Dir, "table.bin"))
	if err != nil {
		return nil, err
	}
	if ot.Docs != len(pl.old) {
		return nil, errFallback
	}
	pl.ot = ot
	// Every document's standoff records are read (cheap next to coding),
	// so documents whose records changed are re-read too.
	recs, probs := coding.LoadRecords(opts.FS, "")
	if probs.HasErrors() {
		return nil, errFallback
	}
	pl.recs, pl.recHash = recs, recordHashes(recs)
	for p := range changedFiles {
		pl.redo[p] = true
	}
	for id, e := range pl.old {
		if e.Path == "" {
			return nil, errFallback
		}
		if codingsChanged && e.Recs != pl.recHash[id] {
			pl.redo[e.Path] = true
		}
	}
	return pl, nil
}

// docList is the new document list in id order: unchanged documents kept,
// re-read ones replaced. Anything odd (a duplicate id, a record naming no
// document) is left to the full path, which reports it.
func (pl *incPlan) docList(in *Input) ([]docAttrs, error) {
	var list []docAttrs
	ids := map[string]bool{}
	for id, e := range pl.old {
		if !pl.redo[e.Path] {
			list = append(list, docAttrs{id, e, -1})
			ids[id] = true
		}
	}
	for i, d := range in.Study.Documents {
		if ids[d.ID] {
			return nil, errFallback
		}
		ids[d.ID] = true
		list = append(list, docAttrs{d.ID, docEntry{Path: d.Path, Attrs: slices.Sorted(maps.Keys(d.Attributes)), Recs: pl.recHash[d.ID], Withheld: d.Withheld}, i})
	}
	for _, r := range pl.recs {
		if !ids[r.Doc] {
			return nil, errFallback
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	return list, nil
}

// assemble builds the new table: a kept document's rows are copied from the
// stored table, a re-read one's from the partial read, which also gives the
// documents to index again.
func (pl *incPlan) assemble(in *Input, list []docAttrs) (*query.Table, map[string]docEntry, []doc, error) {
	// Old documents are numbered in id order.
	oldIDs := slices.Sorted(maps.Keys(pl.old))
	oldNum := make(map[string]int, len(oldIDs))
	for i, id := range oldIDs {
		oldNum[id] = i
	}
	oldFirst := docStarts(pl.ot)
	newFirst := docStarts(in.Table)

	people := map[string]bool{}
	for _, p := range in.Study.Participants {
		people[strings.ToLower(p.ID)] = true
	}
	a := newAssembler(pl.ot, in, pl.recs, people)
	now := make(map[string]docEntry, len(list))
	var reindex []doc
	for di, l := range list {
		now[l.id] = l.e
		if l.fresh < 0 {
			n := oldNum[l.id]
			a.copyRows(pl.ot, oldFirst[n], oldFirst[n+1], di, l.id)
			continue
		}
		first := a.t.Rows()
		a.copyRows(in.Table, newFirst[l.fresh], newFirst[l.fresh+1], di, l.id)
		d := in.Study.Documents[l.fresh]
		if d.Withheld {
			continue
		}
		dd := doc{id: d.ID, d: d, first: first}
		for _, seg := range d.Segments {
			if !d.Turns[seg.Turn].Withheld {
				dd.segs = append(dd.segs, seg)
			}
		}
		if len(dd.segs) != a.t.Rows()-first {
			return nil, nil, nil, fmt.Errorf("index: document %s has %d rows, %d segments", d.ID, a.t.Rows()-first, len(dd.segs))
		}
		reindex = append(reindex, dd)
	}
	t := a.finish(len(list))
	if err := validTable(t); err != nil {
		return nil, nil, nil, err
	}
	return t, now, reindex, nil
}

// write re-indexes the changed documents in bleve, deletes the segments of
// removed or newly withheld ones, checks bleve holds one segment per row, and
// writes the table and state files.
func (pl *incPlan) write(opts Options, in *Input, t *query.Table, now map[string]docEntry, reindex []doc, next state) (*Index, error) {
	if err := beginWrite(opts.Dir); err != nil {
		return nil, err
	}
	bl, err := openShards(filepath.Join(opts.Dir, "bleve"), t.Attrs)
	if err != nil {
		return nil, err
	}
	ix := &Index{Dir: opts.Dir, Table: t, Names: themeNames(in.Codebook), search: bl, Stats: Stats{Partial: true}}
	fail := func(err error) (*Index, error) {
		bl.Close()
		return nil, err
	}
	b := newBatcher(bl)
	pl.reindex(b, t, now, reindex, &ix.Stats)
	if err := b.flush(); err != nil {
		return fail(fmt.Errorf("index: writing the search index: %w", err))
	}
	if n, err := bl.docCount(); err != nil || n != t.Rows() {
		return fail(fmt.Errorf("index: search index holds %d segments, the study %d", n, t.Rows()))
	}
	if err := writeFiles(opts.Dir, t, ix.Names, now, next); err != nil {
		return fail(err)
	}
	if !opts.Search {
		// Counts never need bleve; keep what Open returns as cheap as load's.
		bl.Close()
		ix.search = nil
	}
	return ix, nil
}

// reindex queues the batch: a re-read document whose key changed has its old
// segments deleted and its new ones indexed; a removed document, or one now
// withheld, has its segments deleted.
func (pl *incPlan) reindex(b *batcher, t *query.Table, now map[string]docEntry, reindex []doc, stats *Stats) {
	buf := []byte(nil)
	h := sha256.New()
	for i := range reindex {
		d := &reindex[i]
		d.key, buf = docKey(h, buf, t, d)
		e := now[d.id]
		e.Key, e.Segments = d.key, len(d.segs)
		now[d.id] = e
		if pl.old[d.id].same(e) {
			continue
		}
		for i := 0; i < pl.old[d.id].Segments; i++ {
			b.delete(d.id, segID(d.id, i))
		}
		for i := range d.segs {
			b.index(d.id, segID(d.id, i), d.segment(t, i))
		}
		stats.Indexed++
	}
	for id, e := range pl.old {
		n, ok := now[id]
		if (!ok || (n.Withheld && pl.redo[e.Path])) && e.Segments > 0 {
			for i := 0; i < e.Segments; i++ {
				b.delete(id, segID(id, i))
			}
		}
		if !ok {
			stats.Deleted++
		}
	}
}

// docAttrs is one document of the updated study.
type docAttrs struct {
	id    string
	e     docEntry
	fresh int // index into the re-read documents, -1 for a kept document
}

// studyAttrs lists the attributes as query.New does: builtins, participant
// columns, then document keys, each group sorted.
func studyAttrs(in *Input, list []docAttrs) []string {
	seen := map[string]bool{}
	for _, a := range in.Table.Attrs[:len(builtinAttrs)] {
		seen[a] = true
	}
	var part, docs []string
	for _, p := range in.Study.Participants {
		for k := range p.Attributes {
			if !seen[k] {
				seen[k] = true
				part = append(part, k)
			}
		}
	}
	for _, l := range list {
		for _, k := range l.e.Attrs {
			if !seen[k] {
				seen[k] = true
				docs = append(docs, k)
			}
		}
	}
	sort.Strings(part)
	sort.Strings(docs)
	return slices.Concat(in.Table.Attrs[:len(builtinAttrs)], part, docs)
}

// builtinAttrs are the attributes every table starts with (query's builtins).
var builtinAttrs = []string{"doc", "kind", "date", "case", "speaker"}

// diffStamps lists the transcripts added, changed or removed, says whether
// a codings file changed, and is !ok when any other input file changed.
func diffStamps(prev, now []fileStamp) (transcripts map[string]bool, codings, ok bool) {
	m := map[string]fileStamp{}
	for _, s := range prev {
		m[s.Path] = s
	}
	seen := map[string]bool{}
	transcripts = map[string]bool{}
	note := func(p string) bool {
		switch {
		case strings.HasPrefix(p, "transcripts/"):
			transcripts[p] = true
		case strings.HasPrefix(p, "codings/"):
			codings = true
		default:
			return false
		}
		return true
	}
	for _, s := range now {
		seen[s.Path] = true
		if m[s.Path] != s && !note(s.Path) {
			return nil, false, false
		}
	}
	for _, s := range prev {
		if !seen[s.Path] && !note(s.Path) {
			return nil, false, false
		}
	}
	return transcripts, codings, true
}

// docStarts gives each document's first row; starts[d+1] ends document d.
func docStarts(t *query.Table) []int {
	starts := make([]int, t.Docs+1)
	r := 0
	for d := 0; d <= t.Docs; d++ {
		for r < t.Rows() && int(t.RowDoc[r]) < d {
			r++
		}
		starts[d] = r
	}
	return starts
}

// recordHashes hashes, per document, the records naming it, in file order.
// Line numbers are left out: a line added above moves them without
// changing any count.
func recordHashes(recs []coding.Record) map[string]string {
	// Hashed as they come, per document: the records' text gathered
	// first was as big as the coders' files (issue 11: peak memory).
	hs := map[string]hash.Hash{}
	var b []byte
	for _, r := range recs {
		h := hs[r.Doc]
		if h == nil {
			h = sha256.New()
			hs[r.Doc] = h
		}
		b = b[:0]
		for _, s := range []string{r.Coder, r.Theme, r.Quote, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Memo} {
			b = append(append(b, s...), 0)
		}
		h.Write(append(b, 1))
	}
	out := make(map[string]string, len(hs))
	for id, h := range hs {
		out[id] = hex.EncodeToString(h.Sum(nil)[:8])
	}
	return out
}

// assembler builds a table from rows of other tables, numbering values,
// speakers, cases and sources the way query.New does.
type assembler struct {
	t        *query.Table
	vals     []map[string]int32
	speakers map[string]int32
	cases    map[string]int32
	sources  map[string]int32
	people   map[string]bool // participant ids, lower case
	spAttr   int
	// memo maps a source table's value ids to the new table's, per
	// attribute of the new table (-1: not seen yet), sparing a string
	// lookup per row and attribute.
	memo map[*query.Table]*idMemo
}

// idMemo maps one source table's ids to the new table's (-1: not seen yet).
// A source speaker id stands for one speaker key, so it maps to one new id.
type idMemo struct {
	vals     [][]int32 // per attribute of the new table
	speakers []int32
	cases    []int32
}

func newAssembler(ot *query.Table, in *Input, recs []coding.Record, people map[string]bool) *assembler {
	nt := in.Table
	t := &query.Table{
		Themes: nt.Themes, Depths: nt.Depths, Ancestors: nt.Ancestors, AutoEvidence: nt.AutoEvidence,
		Attrs: ot.Attrs, Display: nt.Display, Values: make([][]string, len(ot.Attrs)),
		RowCodeStart: []int32{0},
	}
	// Room for every row of both tables: growing slices of half a million
	// rows cost more than the copy itself.
	rows, codes := ot.Rows()+nt.Rows(), len(ot.CodeTheme)+len(nt.CodeTheme)
	t.RowDoc, t.RowTurn = make([]int32, 0, rows), make([]int32, 0, rows)
	t.RowSpeaker, t.RowCase = make([]int32, 0, rows), make([]int32, 0, rows)
	t.RowFacilitator, t.RowAttr = make([]bool, 0, rows), make([]int32, 0, rows*len(t.Attrs))
	t.RowCodeStart = append(make([]int32, 0, rows+1), 0)
	t.CodeTheme, t.CodeSource = make([]int32, 0, codes), make([]int32, 0, codes)
	a := &assembler{t: t, vals: make([]map[string]int32, len(ot.Attrs)), speakers: map[string]int32{},
		cases: map[string]int32{}, sources: map[string]int32{}, people: people, spAttr: -1,
		memo: map[*query.Table]*idMemo{}}
	for i, name := range t.Attrs {
		a.vals[i] = map[string]int32{query.NoValue: 0}
		t.Values[i] = []string{query.NoValue}
		if name == "speaker" {
			a.spAttr = i
		}
	}
	coders := map[string]bool{}
	for _, r := range recs {
		coders[r.Coder] = true
	}
	a.source(coding.SourceInline)
	for _, c := range slices.Sorted(maps.Keys(coders)) {
		a.source(c)
	}
	a.source(coding.SourceAuto)
	return a
}

func (a *assembler) source(s string) int32 { return intern(a.sources, &a.t.Sources, s) }

// intern returns s's index in list, appending it (and noting it in m) on
// first sight, as query's table builder does.
func intern(m map[string]int32, list *[]string, s string) int32 {
	if i, ok := m[s]; ok {
		return i
	}
	i := int32(len(*list))
	m[s] = i
	*list = append(*list, s)
	return i
}

// copyRows appends rows lo..hi of src as document di (id doc) of the new table.
func (a *assembler) copyRows(src *query.Table, lo, hi, di int, doc string) {
	t := a.t
	na, sa := len(t.Attrs), len(src.Attrs)
	// src's attributes by the new table's attribute number (-1: none).
	col := make([]int, na)
	for i, name := range t.Attrs {
		col[i] = slices.Index(src.Attrs, name)
	}
	memo := a.memo[src]
	if memo == nil {
		memo = &idMemo{vals: make([][]int32, na),
			speakers: slices.Repeat([]int32{-1}, src.Speakers), cases: slices.Repeat([]int32{-1}, len(src.CaseIDs))}
		for i, c := range col {
			if c >= 0 {
				memo.vals[i] = slices.Repeat([]int32{-1}, len(src.Values[c]))
			}
		}
		a.memo[src] = memo
	}
	for r := lo; r < hi; r++ {
		t.RowDoc = append(t.RowDoc, int32(di))
		t.RowTurn = append(t.RowTurn, src.RowTurn[r])
		fac := src.RowFacilitator[r]
		t.RowFacilitator = append(t.RowFacilitator, fac)
		for i := range na {
			v := int32(0)
			if c := col[i]; c >= 0 {
				if s := src.RowAttr[r*sa+c]; s != 0 {
					if v = memo.vals[i][s]; v < 0 {
						v = intern(a.vals[i], &t.Values[i], src.Values[c][s])
						memo.vals[i][s] = v
					}
				}
			}
			t.RowAttr = append(t.RowAttr, v)
		}
		sp := int32(-1)
		if s := src.RowSpeaker[r]; s >= 0 && memo.speakers[s] >= 0 {
			sp = memo.speakers[s]
		} else if s >= 0 {
			name := ""
			if a.spAttr >= 0 {
				name = strings.ToLower(t.Values[a.spAttr][t.RowAttr[len(t.RowAttr)-na+a.spAttr]])
			}
			// The keys query.New gives speakers: facilitators and listed
			// participants across the study, anyone else per document.
			var key string
			switch {
			case fac:
				key = "f:" + name
			case a.people[name]:
				key = "p:" + name
			default:
				key = "u:" + doc + "/" + name
			}
			if i, ok := a.speakers[key]; ok {
				sp = i
			} else {
				sp = int32(len(a.speakers))
				a.speakers[key] = sp
			}
			memo.speakers[s] = sp
		}
		t.RowSpeaker = append(t.RowSpeaker, sp)
		cs := int32(-1)
		if c := src.RowCase[r]; c >= 0 {
			if cs = memo.cases[c]; cs < 0 {
				cs = intern(a.cases, &t.CaseIDs, src.CaseIDs[c])
				memo.cases[c] = cs
			}
		}
		t.RowCase = append(t.RowCase, cs)
		for c := src.RowCodeStart[r]; c < src.RowCodeStart[r+1]; c++ {
			t.CodeTheme = append(t.CodeTheme, src.CodeTheme[c])
			t.CodeSource = append(t.CodeSource, a.source(src.Sources[src.CodeSource[c]]))
		}
		t.RowCodeStart = append(t.RowCodeStart, int32(len(t.CodeTheme)))
	}
}

func (a *assembler) finish(docs int) *query.Table {
	a.t.Docs = docs
	a.t.Speakers = len(a.speakers)
	return a.t
}
