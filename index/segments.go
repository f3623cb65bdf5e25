package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
)

// newMapping is the bleve mapping of a segment. Attributes are not listed:
// they arrive as dynamic fields, which the keyword default analyzer indexes
// as exact values (role:parent, ward:"Marsh End").
func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name
	m.DefaultField = "text" // unfielded query words search the text
	m.StoreDynamic = false
	m.DocValuesDynamic = false

	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName // lower case, stop words, possessives, Porter stems
	text.IncludeInAll = false
	text.DocValues = false
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.DocValues, f.IncludeInAll = store, docValues, false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.IncludeInAll = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := kw(true, false)
		f.Index = false
		return f
	}
	dm := bleve.NewDocumentMapping()
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }
	add("text", text)
	add("doc", kw(true, true))
	add("speaker", kw(true, false))
	add("themes", kw(false, false))
	add("applied", stored())
	add("segment", stored())
	add("sources", kw(false, false))
	add("coded", kw(false, false))
	add("voice", kw(true, false))
	add("line", num())
	add("turn", num())
	m.DefaultMapping = dm
	return m
}

// openBleve opens the bleve index at path, creating it when there is none.
// A damaged index can make bleve panic while opening; that becomes an error,
// so the caller rebuilds instead of crashing.
func openBleve(path string) (bl bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bl, err = nil, fmt.Errorf("index: opening %s: %v", path, r)
		}
	}()
	if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
		bl, err = bleve.New(path, newMapping())
		if err != nil {
			return nil, fmt.Errorf("index: creating %s: %w", path, err)
		}
		return bl, nil
	}
	bl, err = bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("index: opening %s: %w", path, err)
	}
	return bl, nil
}

// segment is what is indexed for one segment.
type segment struct {
	id      string // corpus segment id
	text    string
	attrs   [][2]string // field, value
	themes  []string    // applied themes and their ancestors
	applied []string
	sources []string
	coded   []string // theme@source, themes with ancestors
	voice   string
	line    int
	turn    int
}

// doc is one document's segments with the key that decides re-indexing.
type doc struct {
	id   string
	key  string
	segs []segment
}

// segmentDocs lists, per usable document, the segments the table holds, in
// the table's own row order: values come from the table so a search filter
// means exactly what a count filter means, and withheld words — never rows —
// are never indexed.
func segmentDocs(in *Input) ([]doc, error) {
	t := in.Table
	var out []doc
	r := 0
	h := sha256.New()
	for di, d := range in.Study.Documents {
		if d.Withheld {
			continue
		}
		dd := doc{id: d.ID}
		h.Reset()
		fmt.Fprintf(h, "%s\x00", d.Hash)
		for _, seg := range d.Segments {
			if d.Turns[seg.Turn].Withheld {
				continue
			}
			if r >= t.Rows() || int(t.RowDoc[r]) != di {
				// query.New walks segments the same way; disagreeing would mean
				// the index describes other rows than the counts.
				return nil, fmt.Errorf("index: table row %d is not segment %s", r, seg.ID)
			}
			s := tableSegment(t, r, d, seg)
			s.hash(h)
			dd.segs = append(dd.segs, s)
			r++
		}
		dd.key = hex.EncodeToString(h.Sum(nil))
		out = append(out, dd)
	}
	if r != t.Rows() {
		return nil, fmt.Errorf("index: the table has %d rows, the study %d segments", t.Rows(), r)
	}
	return out, nil
}

func tableSegment(t *query.Table, r int, d *corpus.Document, seg corpus.Segment) segment {
	s := segment{
		id:    seg.ID,
		text:  d.Body[seg.Start:seg.End],
		voice: d.Turns[seg.Turn].Role.String(),
		line:  d.Line(seg.Start),
		turn:  seg.Turn,
	}
	for a, name := range t.Attrs {
		if v := t.RowAttr[r*len(t.Attrs)+a]; v != 0 {
			s.attrs = append(s.attrs, [2]string{FieldName(name), t.Values[a][v]})
		}
	}
	themes, applied, sources, coded := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
		src := t.Sources[t.CodeSource[c]]
		applied[t.Themes[t.CodeTheme[c]]] = true
		sources[src] = true
		for _, th := range t.Ancestors[t.CodeTheme[c]] {
			themes[t.Themes[th]] = true
			coded[t.Themes[th]+"@"+src] = true
		}
	}
	s.themes, s.applied, s.sources, s.coded = keys(themes), keys(applied), keys(sources), keys(coded)
	return s
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hash writes every indexed value of s, so that a document's key changes
// exactly when what is indexed for it changes (text, codes, attributes,
// codebook hierarchy, line numbers).
func (s *segment) hash(h hash.Hash) {
	w := func(v string) { h.Write([]byte(v)); h.Write([]byte{0}) }
	w(s.id)
	w(s.text)
	for _, kv := range s.attrs {
		w(kv[0])
		w(kv[1])
	}
	w("\x01")
	for _, l := range [][]string{s.themes, s.applied, s.sources, s.coded} {
		for _, v := range l {
			w(v)
		}
		w("\x01")
	}
	w(s.voice)
	w(strconv.Itoa(s.line))
	w(strconv.Itoa(s.turn))
}

// fields is the bleve document of s.
func (s *segment) fields() map[string]any {
	m := map[string]any{
		"text":    s.text,
		"segment": s.id,
		"themes":  s.themes,
		"applied": s.applied,
		"sources": s.sources,
		"coded":   s.coded,
		"voice":   s.voice,
		"line":    float64(s.line),
		"turn":    float64(s.turn),
	}
	for _, kv := range s.attrs {
		m[kv[0]] = kv[1]
	}
	return m
}

// batcher groups index changes into bleve batches of bounded size.
type batcher struct {
	bl  bleve.Index
	b   *bleve.Batch
	err error
}

const batchSize = 2000

func newBatcher(bl bleve.Index) *batcher { return &batcher{bl: bl, b: bl.NewBatch()} }

func (b *batcher) index(id string, s segment) {
	if b.err == nil {
		b.err = b.b.Index(id, s.fields())
		b.maybeFlush()
	}
}

func (b *batcher) delete(id string) {
	if b.err == nil {
		b.b.Delete(id)
		b.maybeFlush()
	}
}

func (b *batcher) maybeFlush() {
	if b.b.Size() >= batchSize {
		b.err = b.flush()
	}
}

func (b *batcher) flush() error {
	if b.err != nil {
		return b.err
	}
	if b.b.Size() > 0 {
		if err := b.bl.Batch(b.b); err != nil {
			return err
		}
		b.b.Reset()
	}
	return nil
}
