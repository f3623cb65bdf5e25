package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"
)

// startHeapProfile writes a heap profile to path (INSIGHT_PEAKPROFILE, for
// `go tool pprof -sample_index=inuse_space`) when path is set: the profile
// taken after the collection that found the most live heap, so it shows
// what the command holds at its peak, where INSIGHT_MEMPROFILE's, written
// at the end, shows what it allocated. A developer's aid, like startProfile.
func startHeapProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	write := func() error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	var peak uint64
	return watchLiveHeap(20*time.Millisecond, func(live uint64) bool {
		// A new peak by 2% is worth a new profile; smaller steps
		// would write one every few milliseconds while the heap grows.
		if live <= peak+peak/50 {
			return true
		}
		peak = live
		if err := write(); err != nil {
			fmt.Fprintln(stderr, "insight: INSIGHT_PEAKPROFILE:", err)
			return false
		}
		return true
	})
}
