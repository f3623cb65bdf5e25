package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
)

// A build makes its documents itself; a search reads them through the
// mapping. Both must say the same of every field: name, options, value and
// the terms analysis makes.
func TestDocumentMatchesMapping(t *testing.T) {
	tab := exampleTable(t)
	st, _ := corpus.Load(context.Background(), example.Study(), "")
	docs, err := segmentDocs(&Input{Study: st, Table: tab})
	if err != nil {
		t.Fatal(err)
	}
	m := newMapping()
	an := newAnalyzers()
	n := 0
	for _, d := range docs {
		for i := range d.segs {
			n++
			s := d.segment(tab, i)
			compareDocument(t, m, s.document(segID(d.id, i), an))
		}
	}
	// And a segment with what the example lacks.
	s := segment{id: "s", text: "Mum's flat, café: 1,000.5", voice: "participant", doc: "d1", speaker: "P1", unit: "d1\x00#0",
		themes: []string{"a", "b"}, sources: []string{"inline"}, coded: []string{"a@inline"}}
	compareDocument(t, m, s.document("d1#000001", an))
	if n == 0 {
		t.Fatal("no segments compared")
	}
}

func compareDocument(t *testing.T, m mapping.IndexMapping, direct *document.Document) {
	t.Helper()
	{
		fields := map[string]any{}
		direct.VisitFields(func(f index.Field) { fields[f.Name()] = string(f.Value()) })
		mapped := document.NewDocument(direct.ID())
		if err := m.MapDocument(mapped, fields); err != nil {
			t.Fatal(err)
		}
		if got, want := describe(direct), describe(mapped); got != want {
			t.Fatalf("%s: made directly\n%s\nby the mapping\n%s", direct.ID(), got, want)
		}
	}
}

func describe(d *document.Document) string {
	var out []string
	d.VisitFields(func(f index.Field) {
		f.Analyze()
		var terms []string
		for term, tf := range f.AnalyzedTokenFrequencies() {
			terms = append(terms, fmt.Sprintf("%s×%d%v", term, tf.Frequency(), locs(tf.Locations)))
		}
		slices.Sort(terms)
		out = append(out, fmt.Sprintf("%s opts=%d len=%d %q %v", f.Name(), f.Options(), f.AnalyzedLength(), f.Value(), terms))
	})
	slices.Sort(out)
	return fmt.Sprint(out)
}

func locs(ls []*index.TokenLocation) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%d-%d#%d", l.Start, l.End, l.Position))
	}
	return out
}
