package study

import (
	"context"
	"os"
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
		j, err := OpenJourneys(context.Background(), Source{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Contacts(j, "agency", "cost", nil); err != nil {
			b.Fatal(err)
		}
	}
}
