package query

import (
	"reflect"
	"testing"
)

// TestEqual sees a change in any
// field of the table, long columns and small dictionaries alike.
func TestEqual(t *testing.T) {
	mk := func() *Table {
		return &Table{
			Themes: []string{"a", "b"}, Ancestors: [][]int32{{0}, {1, 0}}, Sources: []string{"inline", "ann", "auto"},
			Values: [][]string{{NoValue, "x"}}, RowDoc: []int32{0, 0, 1}, RowFacilitator: []bool{false, true, false},
			RowCodeStart: []int32{0, 1, 1, 2}, CodeTheme: []int32{0, 1}, CodeSource: []int32{1, 1}, Docs: 2,
		}
	}
	if !Equal(mk(), mk()) {
		t.Fatal("two equal tables are not the same")
	}
	n := reflect.TypeFor[Table]().NumField()
	changes := map[string]func(*Table){
		"RowDoc":         func(t *Table) { t.RowDoc[2] = 0 },
		"RowFacilitator": func(t *Table) { t.RowFacilitator[0] = true },
		"CodeSource":     func(t *Table) { t.CodeSource[1] = 2 },
		"Values":         func(t *Table) { t.Values[0][1] = "y" },
		"Ancestors":      func(t *Table) { t.Ancestors[1] = t.Ancestors[1][:1] },
		"Docs":           func(t *Table) { t.Docs = 3 },
		"RowSpeaker":     func(t *Table) { t.RowSpeaker = []int32{-1} },
	}
	for name, change := range changes {
		b := mk()
		change(b)
		if Equal(mk(), b) {
			t.Errorf("a change of %s (one of %d fields) is not seen", name, n)
		}
	}
}
