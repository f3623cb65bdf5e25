package search

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// jsonRecords is what appendRecords replaced: encoding/json over []any.
func (ix *Index) jsonRecords(doc Doc, lo, hi int) []byte {
	in := &ix.in
	recs := make([][]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		s := in.Segments[i]
		anchor := s.Anchor
		if anchor == TextAnchor(s.Text) && utf8.ValidString(s.Text) {
			anchor = "" // search.js works it out from the text
		}
		recs = append(recs, []any{s.Line, s.Speaker, in.groups(i), in.refs(s.Themes), anchor, s.Text, ix.toks[i]})
	}
	raw, err := json.Marshal(map[string]any{"doc": []string{doc.ID, doc.Href}, "recs": recs})
	if err != nil {
		panic(err)
	}
	return raw
}

func TestAppendRecords(t *testing.T) {
	hostile := "<script>\"a\\b\" & \u2028\u2029 \x00\x01\b\f\n\r\t\x1f \xff\xfe ’ é 😀 </script>"
	segs := []Segment{
		{Doc: 0, Line: 3, Speaker: "R1", Anchor: "s1", Text: "Plain text.", Themes: Span{0, 2}},
		{Doc: 0, Line: 4, Speaker: hostile, Anchor: "s2", Text: hostile, Themes: Span{2, 2}},
		{Doc: 0, Line: -1, Speaker: "", Anchor: "", Text: "", Themes: Span{1, 2}},
		{Doc: 0, Line: 5, Speaker: "R2", Anchor: TextAnchor("Said it twice."), Text: "Said it twice.", Themes: Span{0, 1}},
		{Doc: 0, Line: 6, Speaker: "R2", Anchor: TextAnchor("Said it twice.") + "-2", Text: "Said it twice.", Themes: Span{0, 1}},
		{Doc: 0, Line: 7, Speaker: "R2", Anchor: TextAnchor("\xffBad"), Text: "\xffBad", Themes: Span{0, 1}},
	}
	tests := []struct {
		name      string
		groups    []Group
		groupVals []int32
		refs      []int32
		toks      []string
	}{
		{"no groups, no refs (nil lists)", nil, nil, nil, []string{"", "=12", "[1,2]", "", "", ""}},
		{"groups and refs", []Group{{Name: "age"}, {Name: "area"}}, []int32{1, 0, 2, 3, 0, 0, 1, 1, 1, 1, 1, 1}, []int32{0, 1, 2}, []string{"", hostile, "", "", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := segs
			if tt.refs == nil {
				segs = append([]Segment(nil), segs...)
				for i := range segs {
					segs[i].Themes = Span{}
				}
			}
			ix := &Index{in: Input{Groups: tt.groups, Segments: segs, GroupVals: tt.groupVals, Refs: tt.refs}, toks: tt.toks}
			for _, r := range [][2]int{{0, 6}, {1, 2}, {0, 1}, {3, 6}} {
				doc := Doc{ID: hostile, Href: "transcripts/a&b.html"}
				got, want := ix.appendRecords(nil, doc, r[0], r[1]), ix.jsonRecords(doc, r[0], r[1])
				if string(got) != string(want) {
					t.Errorf("segments %v:\n got %s\nwant %s", r, got, want)
				}
			}
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a", "ab", "<&>", "\u2028\u2029", "\xff", "\xe2\x80", "’", "\"\\", "\x00\x1f\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
