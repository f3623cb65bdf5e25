package site

import (
	"cmp"
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

// countQuotes sizes each theme's list to exactly the quotes fileQuotes
// files in it, evidence and suggestions alike.
func TestQuoteListsSizedExactly(t *testing.T) {
	// The example: quotes of several applications, hand and rule alike.
	in := load(t, "../example/study")
	b, err := newBuilder(in, in.Table, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, shared := 0, false
	for name, lists := range map[string]map[string][]quote{"quotes": b.quotes, "suggested": b.suggested} {
		for id, qs := range lists {
			n += len(qs)
			for _, q := range qs {
				shared = shared || q.napp > 1
			}
			if len(qs) == 0 || cap(qs) != len(qs) {
				t.Errorf("%s of %s: %d quotes in room for %d", name, id, len(qs), cap(qs))
			}
		}
	}
	if n == 0 || !shared {
		t.Fatalf("%d quotes, shared %v: the test needs quotes, and quotes of more than one application", n, shared)
	}
}

// TestListOrder: a theme's compact list, which orderQuotes notes while it
// ranks the quotes, is every quote once, by group (the filter's order),
// then document, then place in it: what sorting them that way gives.
func TestListOrder(t *testing.T) {
	for _, dir := range []string{"../example/study", genStudy(t, 12, 6)} {
		in := load(t, dir)
		b, err := newBuilder(in, in.Table, Options{})
		if err != nil {
			t.Fatal(err)
		}
		groups := map[int]bool{}
		for id, qs := range b.quotes {
			want := slices.Clone(qs)
			slices.SortStableFunc(want, func(x, y quote) int {
				return cmp.Or(cmp.Compare(b.groupNum(x), b.groupNum(y)), b.docOrder(x, y))
			})
			if got := b.listOrder(id); !slices.Equal(got, want) {
				t.Errorf("%s, theme %s: list order %v, want %v", dir, id, got, want)
			}
			for _, q := range qs {
				groups[b.groupNum(q)] = true
			}
		}
		if len(groups) < 2 {
			t.Fatalf("%s: quotes of %d groups: the test needs more", dir, len(groups))
		}
	}
}

// TestFileQuotesNotesOrder: fileQuotes says a theme's list is in document
// order only when it is (orderList then skips its check): a list filed
// fresh is, one filed after a quote already in it from further on is not.
func TestFileQuotesNotesOrder(t *testing.T) {
	in := load(t, "../example/study")
	b, err := newBuilder(in, in.Table, Options{})
	if err != nil {
		t.Fatal(err)
	}
	evidence := func(i, _ int) bool { return b.evidence[i] }
	fresh := map[string][]quote{}
	inOrder := b.fileQuotes(fresh, true, evidence)
	for id, qs := range fresh {
		if !inOrder[id] || !slices.IsSortedFunc(qs, b.docOrder) {
			t.Errorf("theme %s: noted in order %v, sorted %v; want both", id, inOrder[id], slices.IsSortedFunc(qs, b.docOrder))
		}
	}
	tested := 0
	for id, qs := range fresh {
		if len(qs) < 2 {
			continue
		}
		tested++
		into := map[string][]quote{id: {qs[len(qs)-1]}} // the last, then all again
		if got := b.fileQuotes(into, true, evidence); got[id] || slices.IsSortedFunc(into[id], b.docOrder) {
			t.Errorf("theme %s: a list led by its last quote noted in order %v", id, got[id])
		}
	}
	if tested == 0 {
		t.Fatal("no theme of the example has two quotes: the test needs one")
	}
}
