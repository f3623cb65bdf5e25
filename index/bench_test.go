package index_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/study"
)

// The benchmarks run on the synthetic benchmark study, which is too big for
// CI: generate it with
//
//	go run ./tools/synth -o /tmp/idx-bench
//
// and point INSIGHT_BENCH_STUDY at it (default /tmp/idx-bench). They skip
// when it is missing.
func benchStudy(b *testing.B) string {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		dir = "/tmp/idx-bench"
	}
	if _, err := os.Stat(filepath.Join(dir, "insight.yaml")); err != nil {
		b.Skipf("no benchmark study at %s (go run ./tools/synth -o %s)", dir, dir)
	}
	return dir
}

func benchOptions(b *testing.B, dir, indexDir string) index.Options {
	opts, err := study.IndexOptions(study.Source{Dir: dir}, false, nil)
	if err != nil {
		b.Fatal(err)
	}
	opts.Dir = indexDir
	return opts
}

// BenchmarkColdBuild reads, codes and indexes the whole study from nothing.
func BenchmarkColdBuild(b *testing.B) {
	dir := benchStudy(b)
	for b.Loop() {
		b.StopTimer()
		idx := filepath.Join(b.TempDir(), "index")
		b.StartTimer()
		ix, err := index.Open(context.Background(), benchOptions(b, dir, idx))
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// benchIndex makes sure the benchmark study's index exists and is current.
func benchIndex(b *testing.B) index.Options {
	dir := benchStudy(b)
	opts := benchOptions(b, dir, filepath.Join(dir, ".insight", "index"))
	ix, err := index.Open(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	return opts
}

// BenchmarkOpenFresh is the start of every query on an up-to-date index:
// stat the inputs, load the table.
func BenchmarkOpenFresh(b *testing.B) {
	opts := benchIndex(b)
	for b.Loop() {
		ix, err := index.Open(context.Background(), opts)
		if err != nil || !ix.Stats.Fresh {
			b.Fatal(err, ix.Stats)
		}
		ix.Close()
	}
}

// BenchmarkUpdateOneTranscript edits one transcript of the benchmark study
// (alternately adding and removing a sentence) and brings the index up to date.
func BenchmarkUpdateOneTranscript(b *testing.B) {
	opts := benchIndex(b)
	dir := benchStudy(b)
	entries, err := os.ReadDir(filepath.Join(dir, "transcripts"))
	if err != nil || len(entries) == 0 {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "transcripts", entries[len(entries)/2].Name())
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(path, orig, 0o644)
	edited := append(append([]byte{}, orig...), "\nObserver note: the kettle was broken again.\n"...)
	n := 0
	for b.Loop() {
		b.StopTimer()
		data := orig
		if n%2 == 0 {
			data = edited
		}
		n++
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		ix, err := index.Open(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Stats.Indexed != 1 {
			b.Fatalf("stats %+v; want one document re-indexed", ix.Stats)
		}
		ix.Close()
	}
}

// BenchmarkSearch is a top-10 search with highlights on an open index.
func BenchmarkSearch(b *testing.B) {
	opts := benchIndex(b)
	opts.Search = true
	ix, err := index.Open(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"rent arrears", `"waiting list"`, "+assessment -school"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), index.Request{Query: q, Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMatrixTable is the theme × role crosstab from the stored table,
// after loading it (what `insight query matrix --by role` does in-process).
func BenchmarkMatrixTable(b *testing.B) {
	opts := benchIndex(b)
	for b.Loop() {
		ix, err := index.Open(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Table.Matrix(query.Filter{}, "role", query.Segments); err != nil {
			b.Fatal(err)
		}
	}
}
