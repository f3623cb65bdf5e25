package study

import (
	"reflect"
	"testing"

	"github.com/residentinsight/insight/query"
)

// TestSameTable: the agreement memo's comparison sees a change in any
// field of the table, long columns and small dictionaries alike.
func TestSameTable(t *testing.T) {
	mk := func() *query.Table {
		return &query.Table{
			Themes: []string{"a", "b"}, Ancestors: [][]int32{{0}, {1, 0}}, Sources: []string{"inline", "ann", "auto"},
			Values: [][]string{{query.NoValue, "x"}}, RowDoc: []int32{0, 0, 1}, RowFacilitator: []bool{false, true, false},
			RowCodeStart: []int32{0, 1, 1, 2}, CodeTheme: []int32{0, 1}, CodeSource: []int32{1, 1}, Docs: 2,
		}
	}
	if !sameTable(mk(), mk()) {
		t.Fatal("two equal tables are not the same")
	}
	n := reflect.TypeFor[query.Table]().NumField()
	changes := map[string]func(*query.Table){
		"RowDoc":         func(t *query.Table) { t.RowDoc[2] = 0 },
		"RowFacilitator": func(t *query.Table) { t.RowFacilitator[0] = true },
		"CodeSource":     func(t *query.Table) { t.CodeSource[1] = 2 },
		"Values":         func(t *query.Table) { t.Values[0][1] = "y" },
		"Ancestors":      func(t *query.Table) { t.Ancestors[1] = t.Ancestors[1][:1] },
		"Docs":           func(t *query.Table) { t.Docs = 3 },
		"RowSpeaker":     func(t *query.Table) { t.RowSpeaker = []int32{-1} },
	}
	for name, change := range changes {
		b := mk()
		change(b)
		if sameTable(mk(), b) {
			t.Errorf("a change of %s (one of %d fields) is not seen", name, n)
		}
	}
}
