package site

import (
	"slices"
	"testing"
)

// The memo pages' counts by coder (a theme's, and the index's over all
// themes) both come from addCount: each coder once, in first-seen order,
// with their counts summed. The example study has one memo per coder, so
// its golden pages cannot tell a sum from a first count.
func TestAddCountSumsByCoder(t *testing.T) {
	adds := []memoCount{{"ann", 1}, {"bo", 2}, {"ann", 3}, {"bo", 1}, {"cy", 5}}
	var got []memoCount
	sums := map[string]int{}
	for _, a := range adds {
		got = addCount(got, a.Who, a.N)
		sums[a.Who] += a.N
	}
	var want []memoCount
	for _, a := range adds {
		if !slices.ContainsFunc(want, func(c memoCount) bool { return c.Who == a.Who }) {
			want = append(want, memoCount{a.Who, sums[a.Who]})
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("addCount gave %v, want %v", got, want)
	}
}
