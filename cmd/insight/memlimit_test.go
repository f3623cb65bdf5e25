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
