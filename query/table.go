package query

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// Built-in attributes every segment has, besides participant and document attributes.
var builtins = []string{"doc", "kind", "date", "case", "speaker"}

// NoValue is the column for units that have no value for an attribute.
const NoValue = "(none)"

// Table is the compact table counts are computed from: one row per usable
// segment (withheld words never become rows), with small integer ids for
// everything a filter or count looks at. Fields are exported only so the
// table can be stored next to the search index; use the methods.
type Table struct {
	Themes    []string // codebook order
	Depths    []int
	Ancestors [][]int32 // theme -> itself and its ancestors
	Sources   []string  // "inline", coder names, "auto"
	// AutoEvidence says, per theme, whether its own rule hits count by
	// default (auto: evidence in the codebook or insight.yaml).
	AutoEvidence []bool
	Attrs        []string   // builtins, then participant attributes, then document attributes
	Display      []string   // attributes a breakdown is shown for, in display order
	Values       [][]string // attribute -> value dictionary; id 0 is NoValue

	// Per row.
	RowDoc         []int32
	RowTurn        []int32
	RowSpeaker     []int32 // participant key id, -1 for the observer
	RowCase        []int32 // -1 when the document has no case
	RowFacilitator []bool
	RowAttr        []int32 // len(Attrs) value ids per row
	RowCodeStart   []int32 // row r's codes are Codes[RowCodeStart[r]:RowCodeStart[r+1]]
	CodeTheme      []int32
	CodeSource     []int32

	Speakers int // number of distinct speaker keys
	Docs     int
	CaseIDs  []string
}

// New builds the table for a coded study.
func New(st *corpus.Study, cb *themes.Codebook, coded *coding.Coded) *Table {
	b := newTableBuilder(st, cb, coded)
	b.addRows(st, coded)
	b.t.Speakers = len(b.speakerIdx)
	return b.t
}

// newTableBuilder numbers the themes, sources and attributes: everything
// but the rows.
func newTableBuilder(st *corpus.Study, cb *themes.Codebook, coded *coding.Coded) *tableBuilder {
	b := &tableBuilder{
		t:          &Table{Docs: len(st.Documents)},
		themeIdx:   map[string]int32{},
		srcIdx:     map[string]int32{},
		people:     map[string]*corpus.Participant{},
		speakerIdx: map[string]int32{},
		caseIdx:    map[string]int32{},
	}
	b.addThemes(st, cb)
	b.source(coding.SourceInline)
	for _, c := range coded.Coders {
		b.source(c)
	}
	b.source(coding.SourceAuto)
	b.addAttributes(st)
	return b
}

// tableBuilder holds the lookups New needs while it fills a Table, stage by
// stage: themes, sources, attributes, then one row per segment.
type tableBuilder struct {
	t          *Table
	themeIdx   map[string]int32
	srcIdx     map[string]int32
	valIdx     []map[string]int32
	people     map[string]*corpus.Participant
	speakerIdx map[string]int32
	caseIdx    map[string]int32
}

func (b *tableBuilder) addThemes(st *corpus.Study, cb *themes.Codebook) {
	t := b.t
	for i, th := range cb.All {
		t.Themes = append(t.Themes, th.ID)
		t.Depths = append(t.Depths, th.Depth)
		b.themeIdx[th.ID] = int32(i)
	}
	for _, th := range cb.All {
		t.AutoEvidence = append(t.AutoEvidence, th.AutoEvidence(st.Config.AutoEvidence()))
		anc := []int32{b.themeIdx[th.ID]}
		for p := th.Parent; p != nil; p = p.Parent {
			anc = append(anc, b.themeIdx[p.ID])
		}
		t.Ancestors = append(t.Ancestors, anc)
	}
}

// source returns the id of a coding source, adding it on first sight.
func (b *tableBuilder) source(s string) int32 { return intern(b.srcIdx, &b.t.Sources, s) }

// intern returns s's index in list, appending it (and noting it in m) on
// first sight.
func intern(m map[string]int32, list *[]string, s string) int32 {
	if i, ok := m[s]; ok {
		return i
	}
	i := int32(len(*list))
	m[s] = i
	*list = append(*list, s)
	return i
}

// addAttributes lists the attributes: builtins, then participant columns,
// then document keys, each sorted.
func (b *tableBuilder) addAttributes(st *corpus.Study) {
	t := b.t
	var partAttrs, docAttrs []string
	seenAttr := map[string]bool{}
	for _, a := range builtins {
		seenAttr[a] = true
	}
	for i := range st.Participants {
		p := &st.Participants[i]
		b.people[strings.ToLower(p.ID)] = p
		for _, k := range slices.Sorted(maps.Keys(p.Attributes)) {
			if !seenAttr[k] {
				seenAttr[k] = true
				partAttrs = append(partAttrs, k)
			}
		}
	}
	for _, d := range st.Documents {
		for _, k := range slices.Sorted(maps.Keys(d.Attributes)) {
			if !seenAttr[k] {
				seenAttr[k] = true
				docAttrs = append(docAttrs, k)
			}
		}
	}
	sort.Strings(partAttrs)
	sort.Strings(docAttrs)
	t.Attrs = append(append(append([]string{}, builtins...), partAttrs...), docAttrs...)
	t.Display = partAttrs
	if len(st.Config.Attributes) > 0 {
		t.Display = st.Config.Attributes
	}
	b.valIdx = make([]map[string]int32, len(t.Attrs))
	t.Values = make([][]string, len(t.Attrs))
	for a := range t.Attrs {
		b.valIdx[a] = map[string]int32{NoValue: 0}
		t.Values[a] = []string{NoValue}
	}
}

// value returns the id of attribute a's value v, adding it on first sight.
func (b *tableBuilder) value(a int, v string) int32 {
	if v == "" {
		return 0
	}
	return intern(b.valIdx[a], &b.t.Values[a], v)
}

// speaker returns the speaker key id of a turn (-1 for the observer) and
// the participant it links to, if any.
func (b *tableBuilder) speaker(d *corpus.Document, turn corpus.Turn) (int32, *corpus.Participant) {
	var key string
	var person *corpus.Participant
	label := strings.ToLower(turn.Speaker)
	switch turn.Role {
	case corpus.RoleObserver:
		return -1, nil
	case corpus.RoleParticipant:
		person = b.people[label]
		key = "p:" + label
	case corpus.RoleFacilitator:
		key = "f:" + label
	default: // known only within this document
		key = "u:" + d.ID + "/" + label
	}
	i, ok := b.speakerIdx[key]
	if !ok {
		i = int32(len(b.speakerIdx))
		b.speakerIdx[key] = i
	}
	return i, person
}

// caseID returns the id of a document's case, -1 for none.
func (b *tableBuilder) caseID(c string) int32 {
	if c == "" {
		return -1
	}
	return intern(b.caseIdx, &b.t.CaseIDs, c)
}

// turnValues fills vals with a turn's attribute values; every sentence of
// the turn shares them.
func (b *tableBuilder) turnValues(vals []int32, d *corpus.Document, turn corpus.Turn, person *corpus.Participant) {
	for a, name := range b.t.Attrs {
		var v string
		switch name {
		case "doc":
			v = d.ID
		case "kind":
			v = d.Kind
		case "date":
			v = d.Date
		case "case":
			v = d.Case
		case "speaker":
			v = turn.Speaker
		default:
			if person != nil {
				v = person.Attributes[name]
			}
			if v == "" {
				v = d.Attributes[name]
			}
		}
		vals[a] = b.value(a, v)
	}
}

// addRows adds one row per segment a reader may see (withheld documents and
// turns have none), with the codes over it. The documents are walked in
// parallel, twice, around a serial pass that numbers speakers, values and
// cases in document order, so the table is the same however the work is
// split: it was a serial 0.17 s of every rebuild of a 1,000-transcript study.
func (b *tableBuilder) addRows(st *corpus.Study, coded *coding.Coded) {
	appTheme, appSource := b.appColumns(coded)
	docs := make([]docRows, len(st.Documents))
	parallelDocs(len(docs), func(di int) { docs[di] = scanDoc(st.Documents[di], coded.SegmentApps[di], appTheme) })
	rows, codes := b.numberDocs(st, docs)
	t := b.t
	t.RowDoc = make([]int32, rows)
	t.RowTurn = make([]int32, rows)
	t.RowSpeaker = make([]int32, rows)
	t.RowCase = make([]int32, rows)
	t.RowFacilitator = make([]bool, rows)
	t.RowAttr = make([]int32, rows*len(t.Attrs))
	t.RowCodeStart = make([]int32, rows+1)
	t.CodeTheme = make([]int32, codes)
	t.CodeSource = make([]int32, codes)
	parallelDocs(len(docs), func(di int) { b.fillDoc(di, st.Documents[di], coded.SegmentApps[di], &docs[di], appTheme, appSource) })
}

// docRows is one document's share of the table: what scanDoc finds in it
// alone, then where numberDocs puts it.
type docRows struct {
	rows, codes int
	turnVoice   []int32       // per turn: its index in voices
	voices      []corpus.Turn // a turn of each distinct speaker and role, in first use order
	// Set by numberDocs.
	row, code int // the first row and code of the document
	cs        int32
	sp        []int32   // per voice: speaker key id
	vals      [][]int32 // per voice: attribute value ids
}

// scanDoc counts a document's rows and kept codes and lists its voices.
// A turn's speaker and values depend on its document, label and role
// alone: they are worked out once per voice, not per turn (interning every
// value of every turn was half of New).
func scanDoc(d *corpus.Document, segApps [][]int, appTheme []int32) docRows {
	var r docRows
	if d.Withheld {
		return r
	}
	r.turnVoice = make([]int32, len(d.Turns))
	lastTurn := -1
	for si, seg := range d.Segments {
		turn := d.Turns[seg.Turn]
		if turn.Withheld {
			continue
		}
		if seg.Turn != lastTurn {
			lastTurn = seg.Turn
			// A document has a handful of voices: a scan beats a map.
			v := slices.IndexFunc(r.voices, func(o corpus.Turn) bool { return o.Speaker == turn.Speaker && o.Role == turn.Role })
			if v < 0 {
				v = len(r.voices)
				r.voices = append(r.voices, turn)
			}
			r.turnVoice[seg.Turn] = int32(v)
		}
		r.rows++
		for _, ai := range segApps[si] {
			if appTheme[ai] >= 0 {
				r.codes++
			}
		}
	}
	return r
}

// numberDocs numbers cases, speakers and values in document order, as one
// walk over the segments would, and places each document's rows and codes;
// it returns the totals.
func (b *tableBuilder) numberDocs(st *corpus.Study, docs []docRows) (rows, codes int) {
	for di, d := range st.Documents {
		r := &docs[di]
		r.row, r.code = rows, codes
		rows, codes = rows+r.rows, codes+r.codes
		if d.Withheld {
			continue
		}
		r.cs = b.caseID(d.Case)
		for _, turn := range r.voices {
			sp, person := b.speaker(d, turn)
			vals := make([]int32, len(b.t.Attrs))
			b.turnValues(vals, d, turn, person)
			r.sp, r.vals = append(r.sp, sp), append(r.vals, vals)
		}
	}
	return rows, codes
}

// fillDoc writes document di's rows and codes at the places numberDocs gave them.
func (b *tableBuilder) fillDoc(di int, d *corpus.Document, segApps [][]int, r *docRows, appTheme, appSource []int32) {
	if d.Withheld {
		return
	}
	t, row, code, na := b.t, r.row, r.code, len(b.t.Attrs)
	for si, seg := range d.Segments {
		turn := d.Turns[seg.Turn]
		if turn.Withheld {
			continue
		}
		v := r.turnVoice[seg.Turn]
		t.RowDoc[row] = int32(di)
		t.RowTurn[row] = int32(seg.Turn)
		t.RowSpeaker[row] = r.sp[v]
		t.RowCase[row] = r.cs
		t.RowFacilitator[row] = turn.Role == corpus.RoleFacilitator
		copy(t.RowAttr[row*na:(row+1)*na], r.vals[v])
		for _, ai := range segApps[si] {
			if th := appTheme[ai]; th >= 0 {
				t.CodeTheme[code], t.CodeSource[code] = th, appSource[ai]
				code++
			}
		}
		row++
		t.RowCodeStart[row] = int32(code)
	}
}

// parallelDocs runs do for each of n documents, split into one run of
// consecutive documents per processor.
func parallelDocs(n int, do func(di int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for di := w * n / workers; di < (w+1)*n/workers; di++ {
				do(di)
			}
		})
	}
	wg.Wait()
}

// appColumns looks up each application's theme and source once rather than
// for every segment it spans; -1 for a theme the codebook lacks.
func (b *tableBuilder) appColumns(coded *coding.Coded) (theme, source []int32) {
	theme = make([]int32, len(coded.Apps))
	source = make([]int32, len(coded.Apps))
	for ai, app := range coded.Apps {
		th, ok := b.themeIdx[app.Theme]
		if !ok {
			theme[ai] = -1
			continue
		}
		theme[ai], source[ai] = th, b.source(app.Source)
	}
	return theme, source
}

// Rows is the number of segments in the table.
func (t *Table) Rows() int { return len(t.RowDoc) }

// Attributes lists the attributes a count is broken down by on the site, in display order.
func (t *Table) Attributes() []string { return t.Display }

// AllAttributes lists every attribute a filter or matrix may name.
func (t *Table) AllAttributes() []string { return t.Attrs }

// ThemeIndex returns the index of a theme id, or an error listing the valid ids.
func (t *Table) ThemeIndex(id string) (int, error) {
	for i, th := range t.Themes {
		if th == id {
			return i, nil
		}
	}
	return -1, fmt.Errorf("unknown theme %q; valid themes: %s", id, strings.Join(t.Themes, ", "))
}

func (t *Table) attrIndex(name string) (int, error) {
	for i, a := range t.Attrs {
		if a == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("unknown attribute %q; valid attributes: %s", name, strings.Join(t.Attrs, ", "))
}
