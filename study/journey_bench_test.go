package study

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpenJourneys reads and checks a synthetic study's contacts:
//
//	go run ./tools/synth -o /tmp/bench -families 1000 -contacts 200
//	INSIGHT_BENCH_STUDY=/tmp/bench go test ./study -run X -bench OpenJourneys
func BenchmarkOpenJourneys(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study written by tools/synth with -families")
	}
	for b.Loop() {
		j, err := OpenJourneys(context.Background(), Source{Dir: dir}, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Contacts(j, "agency", "cost", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildJourneys builds the site of a synthetic study with
// contacts from cold (no page cache), for profiling what contacts add:
//
//	INSIGHT_BENCH_STUDY=/tmp/bench go test ./study -run X -bench BuildJourneys -benchtime 1x -cpuprofile cpu.out
func BenchmarkBuildJourneys(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study written by tools/synth with -families")
	}
	out := b.TempDir()
	for b.Loop() {
		os.RemoveAll(filepath.Join(dir, CacheDir, "site"))
		if err := Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: filepath.Join(out, "site"), AcceptPIIRisk: true}); err != nil {
			b.Fatal(err)
		}
	}
}
