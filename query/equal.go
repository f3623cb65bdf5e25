package query

import (
	"reflect"
	"slices"
)

// Equal reports whether two tables hold the same values in every
// field, found by reflection so a field added to query.Table is
// compared too; the long per-row columns take the fast path.
func Equal(a, b *Table) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		x, y := va.Field(i).Interface(), vb.Field(i).Interface()
		var same bool
		switch x := x.(type) {
		case []int32:
			same = slices.Equal(x, y.([]int32))
		case []bool:
			same = slices.Equal(x, y.([]bool))
		default:
			same = reflect.DeepEqual(x, y)
		}
		if !same {
			return false
		}
	}
	return true
}
