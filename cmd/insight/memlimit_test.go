package main

import "testing"

func TestMemoryLimitFor(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, buildMemoryLimit},
		{1, buildMemoryLimit},
		{400 * mb, buildMemoryLimit},     // the benchmark's live heap: the fixed limit holds
		{401 * mb, 601*mb + mb/2},        // just above: half as much again
		{1000 * mb, 1500 * mb},           // the dense shape: never below what is live
		{1 << 40, (1 << 40) + (1 << 39)}, // large
	} {
		if got := memoryLimitFor(c.live); got != c.want {
			t.Errorf("memoryLimitFor(%d MB) = %d MB, want %d MB", c.live/mb, got/mb, c.want/mb)
		}
		if got := memoryLimitFor(c.live); got <= int64(c.live) {
			t.Errorf("memoryLimitFor(%d) = %d, not above the live heap", c.live, got)
		}
	}
}
