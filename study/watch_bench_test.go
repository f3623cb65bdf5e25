package study

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// BenchmarkWatchOneEdit is bench.sh's watch row without the polling: a
// copy of a benchmark study is built once with a watch's in-memory state,
// then each iteration appends a closing line to one transcript (no
// coding's offsets move) and rebuilds.
//
//	go run ./tools/synth -o /tmp/bench -docs 1000 -words 8000
//	INSIGHT_BENCH_STUDY=/tmp/bench go test ./study -run X -bench WatchOneEdit -cpuprofile /tmp/w.prof
func BenchmarkWatchOneEdit(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study written by tools/synth")
	}
	study := filepath.Join(b.TempDir(), "study")
	if err := os.CopyFS(study, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	os.RemoveAll(filepath.Join(study, CacheDir))
	ctx := context.Background()
	src := watchSource(Source{Dir: study})
	opts := BuildOptions{Out: filepath.Join(b.TempDir(), "site")}
	// -memprofile samples the rebuilds only.
	rate := runtime.MemProfileRate
	runtime.MemProfileRate = 0
	if err := Build(ctx, src, opts); err != nil {
		b.Fatal(err)
	}
	runtime.MemProfileRate = rate
	b.ReportAllocs()
	names, _ := filepath.Glob(filepath.Join(study, "transcripts", "*.md"))
	edit := names[len(names)/2]
	n := 0
	for b.Loop() {
		n++
		f, err := os.OpenFile(edit, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(f, "\nInterviewer: Thank you (bench watch edit %d, %d).\n", n, time.Now().UnixNano())
		f.Close()
		// Labelled, so -tagfocus=phase=edit leaves out the first build.
		pprof.Do(ctx, pprof.Labels("phase", "edit"), func(ctx context.Context) {
			if err := Build(ctx, src, opts); err != nil {
				b.Fatal(err)
			}
		})
	}
}
