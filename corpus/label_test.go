package corpus

import (
	"strings"
	"testing"
)

func TestMoreFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a  b\tc ", "a\u200bb c", "one two three four five six", "one two three four five six seven", "é ü ñ"} {
		for n := 0; n < 8; n++ {
			if got, want := moreFields(s, n), len(strings.FieldsFunc(s, isBlank)) > n; got != want {
				t.Errorf("moreFields(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
