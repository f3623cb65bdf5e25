package coding

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

// TestIndexSegments checks the per-segment lists against the definition:
// segment s lists, in order, every app whose span overlaps it; and a list
// is full to its capacity, so appending to one never writes into the next.
func TestIndexSegments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		var segs []corpus.Segment
		for at := 0; len(segs) < r.IntN(12); {
			at += r.IntN(3) // gaps between sentences, or none
			n := 1 + r.IntN(5)
			segs = append(segs, corpus.Segment{Start: at, End: at + n})
			at += n
		}
		end := 1
		if len(segs) > 0 {
			end = segs[len(segs)-1].End + 2
		}
		apps := make([]Application, r.IntN(15))
		for i := range apps {
			s := r.IntN(end)
			apps[i] = Application{Start: s, End: s + r.IntN(end-s+1)}
		}
		slices.SortFunc(apps, compareApps)
		if trial%4 == 3 { // out of order: indexSegments searches afresh
			r.Shuffle(len(apps), func(i, j int) { apps[i], apps[j] = apps[j], apps[i] })
		}
		offset := r.IntN(100) // where apps start in Coded.Apps
		got := indexSegments(segs, apps, offset)
		if len(got) != len(segs) {
			t.Fatalf("trial %d: %d lists for %d segments", trial, len(got), len(segs))
		}
		for s, seg := range segs {
			var want []int
			for ai, a := range apps {
				if a.Start < seg.End && seg.Start < a.End {
					want = append(want, offset+ai)
				}
			}
			if !slices.Equal(got[s], want) {
				t.Errorf("trial %d: segment %d [%d,%d) lists %v, want %v (apps %+v)", trial, s, seg.Start, seg.End, got[s], want, apps)
			}
			if len(got[s]) != cap(got[s]) {
				t.Errorf("trial %d: segment %d's list has room beyond it", trial, s)
			}
		}
	}
}
