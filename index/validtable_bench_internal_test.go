package index

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkValidTable checks a real table.bin: INSIGHT_BENCH_INDEX names an
// index folder (for example STUDY/.insight/index); skipped without one.
func BenchmarkValidTable(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_INDEX")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_INDEX to an index folder to benchmark validTable")
	}
	t, err := mapTable(filepath.Join(dir, "table.bin"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := validTable(t); err != nil {
			b.Fatal(err)
		}
	}
}
