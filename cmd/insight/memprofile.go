package main

import (
	"fmt"
	"io"
	"os"
	"runtime/metrics"
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
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var peak uint64
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(s)
			if s[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			// A new peak by 2% is worth a new profile; smaller steps
			// would write one every few milliseconds while the heap grows.
			if live := s[0].Value.Uint64(); live > peak+peak/50 {
				peak = live
				if err := write(); err != nil {
					fmt.Fprintln(stderr, "insight: INSIGHT_PEAKPROFILE:", err)
					return
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}
