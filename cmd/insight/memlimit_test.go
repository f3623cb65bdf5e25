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
		{480 * mb, buildMemoryLimit},     // 600 MB exactly
		{481 * mb, 601*mb + mb/4},        // just above: a quarter as much again
		{1000 * mb, 1250 * mb},           // the dense shape: never below what is live
		{1 << 40, (1 << 40) + (1 << 38)}, // large
	} {
		if got := memoryLimitFor(c.live); got != c.want {
			t.Errorf("memoryLimitFor(%d MB) = %d MB, want %d MB", c.live/mb, got/mb, c.want/mb)
		}
		if got := memoryLimitFor(c.live); got <= int64(c.live) {
			t.Errorf("memoryLimitFor(%d) = %d, not above the live heap", c.live, got)
		}
	}
}
