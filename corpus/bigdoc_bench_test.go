package corpus

import (
	"os"
	"runtime"
	"testing"
)

// BenchmarkReadBigTranscript parses one large transcript (INSIGHT_BENCH_TRANSCRIPT,
// e.g. transcripts/doc-0001.md of `go run ./tools/synth -docs 1 -words 3300000`,
// about 20 MB; without it a generated 8 MB interview) and reports the bytes
// allocated, and the bytes still live after parsing, per MB of input: the
// memory a build needs grows with these (issue 12: under 2 GB for 200 MB).
func BenchmarkReadBigTranscript(b *testing.B) {
	var data []byte
	if p := os.Getenv("INSIGHT_BENCH_TRANSCRIPT"); p != "" {
		var err error
		if data, err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	} else {
		data = interview(b, 1_300_000)
	}
	mb := float64(len(data)) / (1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	var live uint64
	var doc *Document
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		d, probs := ParseDocument("transcripts/big.md", data)
		if probs.HasErrors() {
			b.Fatal(probs)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = after.HeapAlloc - before.HeapAlloc
		doc = d
	}
	runtime.KeepAlive(doc)
	b.ReportMetric(float64(live)/mb, "live-B/inMB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/mb, "alloc-B/inMB")
}
