package index

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// BenchmarkFacet compares one facet — segments per role among segments
// coded with a theme, for every theme (the theme × role crosstab) — computed
// by bleve terms facets against query.Table.Matrix. The bleve index here
// holds only the two keyword fields, with doc values, so it is bleve at its
// best; the real index keeps no doc values and serves no facets.
func BenchmarkFacet(b *testing.B) {
	t := benchTable(b)
	role := -1
	for i, a := range t.Attrs {
		if a == "role" {
			role = i
		}
	}
	if role < 0 {
		b.Skip("no role attribute")
	}
	m := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeTermVectors, f.IncludeInAll = false, false, false
		return f
	}
	dm.AddFieldMappingsAt("themes", kw())
	dm.AddFieldMappingsAt("role", kw())
	m.DefaultMapping = dm
	path := b.TempDir() + "/facet"
	bld, err := bleve.NewBuilder(path, m, map[string]any{"buildPathPrefix": b.TempDir(), "batchSize": 20000})
	if err != nil {
		b.Fatal(err)
	}
	for r := 0; r < t.Rows(); r++ {
		var themes []string
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			for _, th := range t.Ancestors[t.CodeTheme[c]] {
				themes = append(themes, t.Themes[th])
			}
		}
		doc := map[string]any{"themes": themes, "role": t.Values[role][t.RowAttr[r*len(t.Attrs)+role]]}
		if err := bld.Index(segID("d", r), doc); err != nil {
			b.Fatal(err)
		}
	}
	if err := bld.Close(); err != nil {
		b.Fatal(err)
	}
	bl, err := bleve.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	b.Run("bleve-role-facet-all-segments", func(b *testing.B) {
		for b.Loop() {
			req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
			req.AddFacet("role", bleve.NewFacetRequest("role", 100))
			if _, err := bl.Search(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bleve-theme-x-role", func(b *testing.B) {
		for b.Loop() {
			for _, th := range t.Themes {
				q := bleve.NewTermQuery(th)
				q.SetField("themes")
				req := bleve.NewSearchRequestOptions(q, 0, 0, false)
				req.AddFacet("role", bleve.NewFacetRequest("role", 100))
				if _, err := bl.Search(req); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("table-theme-x-role", func(b *testing.B) {
		for b.Loop() {
			if _, err := t.Matrix(queryFilter(), "role", 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
