package site

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuildStudy builds the site of a real study folder named by
// INSIGHT_BENCH_STUDY (e.g. one written by `go run ./tools/synth`), cold and
// without a cache, so a profile shows where a large build spends its time.
func BenchmarkBuildStudy(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study folder")
	}
	in := load(b, dir)
	out := filepath.Join(b.TempDir(), "site")
	b.ResetTimer()
	for b.Loop() {
		if _, err := build(context.Background(), in, in.Table, out, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
