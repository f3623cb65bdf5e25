package study

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpenJourneys reads and checks a synthetic study's contacts, and
// groups them by agency, with and without the contacts cache:
//
//	go run ./tools/synth -o /tmp/bench -families 1000 -contacts 200
//	INSIGHT_BENCH_STUDY=/tmp/bench go test ./study -run X -bench OpenJourneys
func BenchmarkOpenJourneys(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study written by tools/synth with -families")
	}
	src := Source{Dir: dir}
	query := func(b *testing.B) {
		j, err := OpenJourneys(context.Background(), src, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Contacts(j, "agency", "cost", nil); err != nil {
			b.Fatal(err)
		}
	}
	// contacts.csv parsed and checked every time, as on its first read.
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			os.Remove(src.contactsCache())
			query(b)
		}
	})
	// From .insight/contacts, as every later query.
	b.Run("cached", func(b *testing.B) {
		query(b)
		for b.Loop() {
			query(b)
		}
	})
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
		os.Remove(Source{Dir: dir}.contactsCache())
		if err := Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: filepath.Join(out, "site"), AcceptPIIRisk: true}); err != nil {
			b.Fatal(err)
		}
	}
}
