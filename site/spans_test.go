package site

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name       string
		start, end int
		spans      []span
		want       []piece
	}{
		{"no spans", 0, 10, nil, []piece{{0, 10, nil}}},
		{"empty range", 5, 5, []span{{0, 9, 1}}, nil},
		{"inverted range", 6, 5, nil, nil},
		{"one inside", 0, 10, []span{{2, 5, 7}},
			[]piece{{0, 2, nil}, {2, 5, []int{7}}, {5, 10, nil}}},
		{"covers all", 3, 6, []span{{0, 9, 1}}, []piece{{3, 6, []int{1}}}},
		{"clipped left", 3, 10, []span{{0, 5, 1}},
			[]piece{{3, 5, []int{1}}, {5, 10, nil}}},
		{"outside", 3, 10, []span{{0, 3, 1}, {10, 12, 2}}, []piece{{3, 10, nil}}},
		{"nested", 0, 10, []span{{1, 9, 0}, {3, 5, 1}},
			[]piece{{0, 1, nil}, {1, 3, []int{0}}, {3, 5, []int{0, 1}}, {5, 9, []int{0}}, {9, 10, nil}}},
		{"overlapping", 0, 10, []span{{4, 8, 1}, {2, 6, 0}},
			[]piece{{0, 2, nil}, {2, 4, []int{0}}, {4, 6, []int{0, 1}}, {6, 8, []int{1}}, {8, 10, nil}}},
		{"same range twice", 0, 4, []span{{0, 4, 3}, {0, 4, 2}},
			[]piece{{0, 4, []int{2, 3}}}},
		{"adjacent", 0, 6, []span{{0, 3, 0}, {3, 6, 1}},
			[]piece{{0, 3, []int{0}}, {3, 6, []int{1}}}},
		{"empty and inverted spans ignored", 0, 4, []span{{2, 2, 0}, {3, 1, 1}, {-5, -1, 2}},
			[]piece{{0, 4, nil}}},
	}
	var reused splitter // one splitter for every case, as a highlighter keeps one
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.start, tt.end, tt.spans)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("split(%d, %d, %v)\n got %v\nwant %v", tt.start, tt.end, tt.spans, got, tt.want)
			}
			if got := reused.split(tt.start, tt.end, tt.spans); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reused splitter (%d, %d, %v)\n got %v\nwant %v", tt.start, tt.end, tt.spans, got, tt.want)
			}
		})
	}
}

// The pieces of any input tile the range exactly and each carries precisely
// the spans that cover it: checked against a brute-force per-byte answer.
func FuzzSplit(f *testing.F) {
	f.Add(0, 20, []byte{2, 5, 3, 9, 0, 20})
	f.Add(5, 6, []byte{})
	f.Add(3, 40, []byte{1, 50, 10, 12, 10, 12, 30, 20})
	f.Fuzz(func(t *testing.T, start, end int, raw []byte) {
		start, end = start%200, end%200
		var spans []span
		for i := 0; i+1 < len(raw) && i < 40; i += 2 {
			spans = append(spans, span{int(raw[i]) - 20, int(raw[i+1]) - 20, i / 2})
		}
		var sp splitter
		sp.split(start-7, end+5, append(spans, span{start, end, 99})) // leaves buffers behind
		got := sp.split(start, end, spans)
		if fresh := split(start, end, spans); !reflect.DeepEqual(got, fresh) {
			t.Fatalf("reused splitter gave %v, a fresh one %v", got, fresh)
		}
		if start >= end {
			if len(got) != 0 {
				t.Fatalf("empty range gave %v", got)
			}
			return
		}
		pos := start
		for _, p := range got {
			if p.Start != pos || p.End <= p.Start {
				t.Fatalf("pieces do not tile [%d,%d): %v", start, end, got)
			}
			for x := p.Start; x < p.End; x++ {
				var want []int
				for _, s := range spans {
					if s.Start <= x && x < s.End {
						want = append(want, s.Key)
					}
				}
				if fmt.Sprint(want) != fmt.Sprint(p.Keys) {
					t.Fatalf("at %d keys %v, want %v (spans %v)", x, p.Keys, want, spans)
				}
			}
			pos = p.End
		}
		if pos != end {
			t.Fatalf("pieces end at %d, want %d", pos, end)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	text := strings.Repeat("word ", 20000)
	var spans []span
	for i := 0; i+12 < len(text); i += 10 {
		spans = append(spans, span{i, i + 12, len(spans)})
	}
	for b.Loop() {
		split(0, len(text), spans)
	}
}
