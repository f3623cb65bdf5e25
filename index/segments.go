package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
)

// newMapping is the bleve mapping of a segment: the text, analysed for
// search with term vectors (phrases, highlights); every exact-value field in
// one keyword-like field of name=value terms (facets.go); and what a hit
// shows, stored as one field (see segment.stored). Nothing else: no _all
// field, no doc values, no norms on facets. Every field costs bleve per
// segment, and the study has half a million of them. A build makes its
// documents itself (segment.document); the mapping says how a search
// analyses its words and must agree with it (TestDocumentMatchesMapping).
// Of a cold build's ~40 s of CPU, storing the text costs under half a
// second (42 MB of disk), its term vectors about 6 s (phrases and highlights
// need them), the facet field about 5 s and the hit field about 2 s
// (README, "What each field costs, measured").
func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name
	m.DefaultField = "text" // unfielded query words search the text
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false

	text := bleve.NewTextFieldMapping()
	text.Analyzer = textAnalyzerName
	text.IncludeInAll, text.DocValues = false, false

	facets := bleve.NewTextFieldMapping()
	facets.Analyzer = facetAnalyzer
	facets.Store, facets.DocValues, facets.IncludeInAll, facets.IncludeTermVectors, facets.SkipFreqNorm = false, false, false, false, true

	stored := bleve.NewTextFieldMapping()
	stored.Index, stored.Store, stored.DocValues, stored.IncludeInAll, stored.IncludeTermVectors = false, true, false, false, false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt(facetField, facets)
	dm.AddFieldMappingsAt(storedField, stored)
	m.DefaultMapping = dm
	return m
}

// segment is what is indexed for one segment.
type segment struct {
	id      string // corpus segment id
	text    string
	doc     string
	speaker string
	unit    string   // stands for the segment's attributes (units.go)
	themes  []string // applied themes and their ancestors
	applied []string
	sources []string
	coded   []string // theme@source, themes with ancestors
	voice   string
	line    int
}

// doc is one document's usable segments, which are table rows
// first..first+len(segs)-1, with the key that decides re-indexing.
type doc struct {
	id    string
	d     *corpus.Document
	first int
	segs  []corpus.Segment
	key   string
	units []int // segment -> unit (units.go), worked out by the first segment call
}

// segment builds what is indexed for the document's i-th segment. Only
// documents that changed need this; the key is computed without it.
func (d *doc) segment(t *query.Table, i int) segment {
	if d.units == nil {
		d.units = make([]int, len(d.segs))
		forUnits(t, d.first, d.first+len(d.segs), func(r, unit int) { d.units[r-d.first] = unit })
	}
	s := tableSegment(t, d.first+i, d.d, d.segs[i])
	s.unit = unitTerm(d.id, d.units[i])
	return s
}

// segmentDocs lists, per usable document, the segments the table holds, in
// the table's own row order: values come from the table so a search filter
// means exactly what a count filter means, and withheld words — never rows —
// are never indexed.
func segmentDocs(in *Input) ([]doc, error) {
	t := in.Table
	var out []doc
	r := 0
	for di, d := range in.Study.Documents {
		if d.Withheld {
			continue
		}
		dd := doc{id: d.ID, d: d, first: r}
		for _, seg := range d.Segments {
			if d.Turns[seg.Turn].Withheld {
				continue
			}
			if r >= t.Rows() || int(t.RowDoc[r]) != di {
				// query.New walks segments the same way; disagreeing would mean
				// the index describes other rows than the counts.
				return nil, fmt.Errorf("index: table row %d is not segment %s", r, seg.ID)
			}
			dd.segs = append(dd.segs, seg)
			r++
		}
		out = append(out, dd)
	}
	if r != t.Rows() {
		return nil, fmt.Errorf("index: the table has %d rows, the study %d segments", t.Rows(), r)
	}
	// Keys hash every document's text and values: spread over the cores.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha256.New()
			var buf []byte
			for i := w; i < len(out); i += workers {
				out[i].key, buf = docKey(h, buf, t, &out[i])
			}
		}()
	}
	wg.Wait()
	return out, nil
}

// docKey hashes everything indexed for d — text, attribute values, codes
// with their ancestors and sources, lines — so the key changes exactly when
// what is indexed for the document changes (an edit, a coding, a codebook
// or participants change that reaches it) and not otherwise.
func docKey(h hash.Hash, buf []byte, t *query.Table, d *doc) (string, []byte) {
	h.Reset()
	buf = append(buf[:0], d.d.Hash...)
	for i, seg := range d.segs {
		r := d.first + i
		str := func(s string) { buf = append(append(buf, s...), 0) }
		num := func(n int) { buf = strconv.AppendInt(buf, int64(n), 10); buf = append(buf, 0) }
		str(seg.ID)
		str(d.d.Body[seg.Start:seg.End])
		num(d.d.Line(seg.Start))
		num(seg.Turn)
		num(int(d.d.Turns[seg.Turn].Role))
		for a := range t.Attrs {
			if v := t.RowAttr[r*len(t.Attrs)+a]; v != 0 {
				str(t.Attrs[a])
				str(t.Values[a][v])
			}
		}
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			str(t.Sources[t.CodeSource[c]])
			if evidence(t, c) {
				str("evidence")
			}
			for _, th := range t.Ancestors[t.CodeTheme[c]] {
				str(t.Themes[th])
			}
		}
		buf = append(buf, 1)
		if len(buf) > 1<<16 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil)), buf
}

func tableSegment(t *query.Table, r int, d *corpus.Document, seg corpus.Segment) segment {
	s := segment{
		id:      seg.ID,
		text:    d.Body[seg.Start:seg.End],
		doc:     d.ID,
		speaker: d.Turns[seg.Turn].Speaker,
		voice:   d.Turns[seg.Turn].Role.String(),
		line:    d.Line(seg.Start),
	}
	// A row has a handful of codes: small sorted sets, not maps.
	for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
		src := t.Sources[t.CodeSource[c]]
		s.sources = addSorted(s.sources, src)
		ev := evidence(t, c)
		if ev {
			s.applied = addSorted(s.applied, t.Themes[t.CodeTheme[c]])
		}
		for _, th := range t.Ancestors[t.CodeTheme[c]] {
			if ev {
				s.themes = addSorted(s.themes, t.Themes[th])
			}
			s.coded = addSorted(s.coded, t.Themes[th]+"@"+src)
		}
	}
	return s
}

// addSorted inserts v into the sorted set vs.
func addSorted(vs []string, v string) []string {
	i, found := slices.BinarySearch(vs, v)
	if found {
		return vs
	}
	return slices.Insert(vs, i, v)
}

// evidence reports whether code c counts by default: a person's code, or a
// rule hit on a theme that opts in with auto: evidence. The themes and
// applied fields hold only these, so a search by theme finds what the
// counts count; coded holds every source.
func evidence(t *query.Table, c int32) bool {
	th := t.CodeTheme[c]
	return t.Sources[t.CodeSource[c]] != coding.SourceAuto || (int(th) < len(t.AutoEvidence) && t.AutoEvidence[th])
}

// storedField holds what a hit shows besides its text: segment id, document,
// speaker, line and applied themes, joined by storedSeparator. One stored
// field costs bleve a fraction of five.
const (
	storedField     = "m"
	storedSeparator = "\x00"
)

func (s *segment) stored() string {
	parts := append([]string{s.id, s.doc, s.speaker, strconv.Itoa(s.line)}, s.applied...)
	return strings.Join(parts, storedSeparator)
}

// storedHit reads what stored wrote into h.
func storedHit(v string, h *Hit) {
	parts := strings.Split(v, storedSeparator)
	if len(parts) < 4 {
		return
	}
	h.Segment, h.Doc, h.Speaker = parts[0], parts[1], parts[2]
	h.Line, _ = strconv.Atoi(parts[3])
	h.Themes = parts[4:]
}

// Indexing options of the three fields, as newMapping's field mappings
// give them.
const (
	textOptions   = index.IndexField | index.StoreField | index.IncludeTermVectors
	facetOptions  = index.IndexField | index.SkipFreqNorm
	storedOptions = index.StoreField
)

// analyzers are a builder's analyzers of the text and facet fields; text
// may remember stems, so an analyzers belongs to one goroutine.
type analyzers struct {
	text, facets analysis.Analyzer
}

func newAnalyzers() analyzers { return analyzers{newTextAnalyzer(), facetAnalyzerOf()} }

// document is the bleve document of s, made directly rather than by
// bleve's mapping from a map of fields, which walks it by reflection: a
// tenth of a cold build. Built the same either way (TestDocumentMatchesMapping).
func (s *segment) document(id string, an analyzers) *document.Document {
	f := appendFacet(nil, unitField, s.unit)
	for _, v := range s.themes {
		f = appendFacet(f, "themes", v)
	}
	for _, v := range s.sources {
		f = appendFacet(f, "sources", v)
	}
	for _, v := range s.coded {
		f = appendFacet(f, "coded", v)
	}
	f = appendFacet(f, "voice", s.voice)
	d := document.NewDocument(id)
	d.AddField(document.NewTextFieldCustom("text", nil, []byte(s.text), textOptions, an.text))
	d.AddField(document.NewTextFieldCustom(facetField, nil, f, facetOptions, an.facets))
	d.AddField(document.NewTextFieldCustom(storedField, nil, []byte(s.stored()), storedOptions, nil))
	return d
}
