package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// buildMemoryLimit is the Go heap's soft limit during a build of a study
// whose live heap is small. The live heap of a cold build of the benchmark
// study (1,000 transcripts of 8,000 words) peaks near 430 MB, and the
// collector's default lets the heap grow to twice what is live, so the
// process reached 780-860 MB; with this limit the collector runs sooner near
// the end instead, for about the same CPU (issue 11: peak at most 700 MB).
// Since the limit follows the live heap only when two collections agree
// (limitTracker), the dense cold build's peak RSS sits some 20 MB above
// this floor (618-649 MB). A higher floor saves little CPU and risks the
// 700: at 620 and 640 MB the dense build took 0.3-1 s less CPU of 11-13,
// but peaked at 690 and 703 MB in one run of three each (load 3-5).
const buildMemoryLimit = 600 << 20

// indexMemoryLimit is buildMemoryLimit for a query that builds or updates
// the index: bleve maps its segment files (160 MB on the dense study) outside
// the Go heap, where the soft limit does not see them, so the heap gets less.
// At 450 MB a cold index of the dense study peaked at 670 MB RSS, not 740-800,
// for the same CPU; at 400 MB it took a fifth more CPU (issue 11).
const indexMemoryLimit = 450 << 20

// memoryLimitFor is the soft limit for a live heap of live bytes: at least
// floor, and an eighth as much again as what is live, so that a study bigger
// than the benchmark (the dense shape keeps 500 MB or more live) is never
// held at a limit below its live heap, where the collector would run
// without pause and take up to half the CPU. An eighth, not a quarter: on
// the dense shape it took a build's peak RSS from 730-810 MB to 685 MB for
// about a twentieth more CPU (issue 11's memory row).
func memoryLimitFor(live uint64, floor int64) int64 {
	limit := int64(live + live/8)
	if limit < floor {
		limit = floor
	}
	return limit
}

// limitTracker works out the soft limit from each collection's live heap:
// memoryLimitFor the smaller of the last two. The live heap a collection
// reports counts what was allocated while it marked, so one that ran while
// a dense study's codings were merged reported 560-605 MB where 430 MB
// was live, and raised the limit for everything after it to 630-680 MB:
// the build's peak RSS. A heap that really grew shows it twice running.
type limitTracker struct {
	floor int64
	last  uint64 // the last collection's live heap; 0 before the first
}

func (t *limitTracker) next(live uint64) int64 {
	limit := memoryLimitFor(min(t.last, live), t.floor)
	t.last = live
	return limit
}

// softMemoryLimit keeps the heap's soft limit at what a limitTracker
// from floor says, checked every 50 ms, until stop is called; it does
// nothing when the user set GOMEMLIMIT.
func softMemoryLimit(floor int64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(floor)
	set, t := floor, limitTracker{floor: floor}
	stopWatch := watchLiveHeap(50*time.Millisecond, func(live uint64) bool {
		if want := t.next(live); want != set {
			debug.SetMemoryLimit(want)
			set = want
		}
		return true
	})
	return func() {
		stopWatch()
		debug.SetMemoryLimit(old)
	}
}

// watchLiveHeap calls f with the heap live after each collection, looking
// every tick, until f returns false or stop is called; stop waits for the
// last call.
func watchLiveHeap(every time.Duration, f func(live uint64) bool) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
		var seen uint64 // collections f was told of
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(s)
			if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 || s[1].Value.Uint64() == seen {
				continue
			}
			seen = s[1].Value.Uint64()
			if !f(s[0].Value.Uint64()) {
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}
