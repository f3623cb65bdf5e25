package study

import (
	"context"
	"testing"

	"github.com/residentinsight/insight/query"
)

// TestQueryCountsMatchSite checks that `insight query freq` and `matrix`,
// served from the table stored beside the index, give the numbers the site
// shows: the site is built from Opened.Table and asks for Freq(Filter{}) and
// Matrix(Filter{}, attr, Participants) for each displayed attribute.
func TestQueryCountsMatchSite(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	ctx := context.Background()
	op, probs := Open(ctx, Source{Example: true})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	siteFreq, err := op.Table.Freq(query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // the second round loads the stored table from disk
		ix, err := OpenIndex(ctx, Source{Example: true}, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if round == 1 && !ix.Stats.Fresh {
			t.Fatalf("second open was not served from disk: %+v", ix.Stats)
		}
		rep, err := Freq(ix, QueryOptions{Unit: query.Participants})
		if err != nil {
			t.Fatal(err)
		}
		res := rep.Data.(*FreqResult)
		if len(res.Themes) != len(siteFreq) {
			t.Fatalf("freq has %d themes, the site %d", len(res.Themes), len(siteFreq))
		}
		for i, c := range siteFreq {
			got := res.Themes[i]
			if got.Theme != c.Theme || got.Count != c.Participants || got.Segments != c.Segments || got.Documents != c.Documents || got.Cases != c.Cases {
				t.Errorf("round %d: freq %+v, site %+v", round, got, c)
			}
		}
		for _, attr := range op.Table.Attributes() {
			siteM, err := op.Table.Matrix(query.Filter{}, attr, query.Participants)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Matrix(ix, QueryOptions{Unit: query.Participants}, attr)
			if err != nil {
				t.Fatal(err)
			}
			m := rep.Data.(*MatrixResult)
			for i, row := range m.Rows {
				if row.Total != siteM.RowTotals[i] {
					t.Errorf("matrix %s %s total %d, site %d", attr, row.Theme, row.Total, siteM.RowTotals[i])
				}
				for j, c := range row.Cells {
					if c.Value != siteM.Values[j] || c.Count != siteM.Cells[i][j] {
						t.Errorf("matrix %s %s %s = %d, site %s = %d", attr, row.Theme, c.Value, c.Count, siteM.Values[j], siteM.Cells[i][j])
					}
				}
			}
		}
		ix.Close()
	}
}

func TestParseUnit(t *testing.T) {
	for i, name := range UnitNames {
		u, err := ParseUnit(name)
		if err != nil || u != query.Unit(i) {
			t.Errorf("ParseUnit(%q) = %v, %v", name, u, err)
		}
	}
	if _, err := ParseUnit("households"); err == nil {
		t.Error("ParseUnit accepted an unknown unit")
	}
}
