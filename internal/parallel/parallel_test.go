package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestEachCallsEveryIndexOnce, for sizes 0, 1, 2 and more than the cores.
func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		for _, procs := range []int{1, 2, 8} {
			old := runtime.GOMAXPROCS(procs)
			calls := make([]atomic.Int32, n)
			Each(n, func(i int) { calls[i].Add(1) })
			runtime.GOMAXPROCS(old)
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("n=%d procs=%d: index %d called %d times", n, procs, i, c)
				}
			}
		}
	}
}
