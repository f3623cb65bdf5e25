// Package parallel owns the one way insight spreads independent work over
// the machine's cores: each worker takes the next index until none is left,
// so one slow document does not hold back a fixed share of the rest.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i in 0..n-1, on every core, and returns when
// all calls have. The calls for different i must not conflict.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
