package site

import (
	"slices"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

// TestSegmentOrder: segments in order of Start are returned as they are
// (the usual case, which skips the sort), and any others sorted stably.
func TestSegmentOrder(t *testing.T) {
	for _, c := range []struct {
		starts []int
		want   []int
	}{
		{nil, []int{}},
		{[]int{0}, []int{0}},
		{[]int{0, 5, 5, 9}, []int{0, 1, 2, 3}},
		{[]int{9, 0, 5, 5}, []int{1, 2, 3, 0}},
		{[]int{3, 1}, []int{1, 0}},
	} {
		doc := &corpus.Document{}
		for _, s := range c.starts {
			doc.Segments = append(doc.Segments, corpus.Segment{Start: s, End: s + 1})
		}
		if got := segmentOrder(doc); !slices.Equal(got, c.want) {
			t.Errorf("starts %v: order %v, want %v", c.starts, got, c.want)
		}
	}
}
