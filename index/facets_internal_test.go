package index

import (
	"slices"
	"testing"
)

func TestFacetTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a=b", []string{"a=b"}},
		{"ward=Marsh End\x00role=parent", []string{"ward=Marsh End", "role=parent"}},
		{"\x00\x00a=\x00", []string{"a="}},
	}
	for _, tc := range tests {
		var got []string
		for i, tok := range (facetTokenizer{}).Tokenize([]byte(tc.in)) {
			got = append(got, string(tok.Term))
			if tc.in[tok.Start:tok.End] != string(tok.Term) || tok.Position != i+1 {
				t.Errorf("%q: token %+v does not point at its term", tc.in, tok)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendFacet(t *testing.T) {
	b := appendFacet(nil, "ward", "Marsh End")
	b = appendFacet(b, "role", "par\x00ent") // a separator in a value must not split it
	var got []string
	for _, tok := range (facetTokenizer{}).Tokenize(b) {
		got = append(got, string(tok.Term))
	}
	if want := []string{"ward=Marsh End", "role=parent"}; !slices.Equal(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
}
