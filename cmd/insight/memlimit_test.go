package main

import "testing"

func TestMemoryLimitFor(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live  uint64
		floor int64
		want  int64
	}{
		{0, buildMemoryLimit, buildMemoryLimit},
		{1, buildMemoryLimit, buildMemoryLimit},
		{400 * mb, buildMemoryLimit, buildMemoryLimit},     // the benchmark's live heap: the fixed limit holds
		{528 * mb, buildMemoryLimit, buildMemoryLimit},     // an eighth more is still below the floor
		{536 * mb, buildMemoryLimit, 603 * mb},             // just above: an eighth as much again
		{300 * mb, indexMemoryLimit, indexMemoryLimit},     // a cold index of the dense study
		{1000 * mb, buildMemoryLimit, 1125 * mb},           // never below what is live
		{1 << 40, buildMemoryLimit, (1 << 40) + (1 << 37)}, // large
	} {
		if got := memoryLimitFor(c.live, c.floor); got != c.want {
			t.Errorf("memoryLimitFor(%d MB, %d MB) = %d MB, want %d MB", c.live/mb, c.floor/mb, got/mb, c.want/mb)
		}
		if got := memoryLimitFor(c.live, c.floor); got <= int64(c.live) {
			t.Errorf("memoryLimitFor(%d) = %d, not above the live heap", c.live, got)
		}
	}
}

// A collection that reports a spike (what it counted live includes what
// was allocated while it marked) does not raise the limit on its own; a
// heap that grew, seen twice running, does.
func TestLimitTrackerNeedsTwoCollections(t *testing.T) {
	const mb = 1 << 20
	tr := limitTracker{floor: buildMemoryLimit}
	for i, c := range []struct {
		live uint64
		want int64
	}{
		{900 * mb, buildMemoryLimit}, // the first: nothing to compare with
		{400 * mb, buildMemoryLimit},
		{600 * mb, buildMemoryLimit}, // a spike
		{420 * mb, buildMemoryLimit},
		{800 * mb, buildMemoryLimit},
		{800 * mb, 900 * mb}, // grown: an eighth above it
		{1000 * mb, 900 * mb},
		{300 * mb, buildMemoryLimit}, // shrunk: at once
	} {
		if got := tr.next(c.live); got != c.want {
			t.Errorf("collection %d, live %d MB: limit %d MB, want %d MB", i, c.live/mb, got/mb, c.want/mb)
		}
	}
}
