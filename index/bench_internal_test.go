package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// loadTable reads and codes a study the way study.Open does (which this
// package's own tests cannot import) and tables it.
func loadTable(tb testing.TB, fsys fs.FS) *query.Table {
	tb.Helper()
	ctx := context.Background()
	st, probs := corpus.Load(ctx, fsys, "")
	cb, p := themes.Load(fsys, "codebook.yaml", "codebook.yaml")
	probs.Add(p...)
	recs, p := coding.LoadRecords(fsys, "")
	probs.Add(p...)
	if probs.HasErrors() {
		tb.Fatal(probs)
	}
	coded, p := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true})
	if p.HasErrors() {
		tb.Fatal(p)
	}
	return query.New(st, cb, coded)
}

func exampleTable(tb testing.TB) *query.Table { return loadTable(tb, example.Study()) }

// benchTable is the benchmark study's table when INSIGHT_BENCH_STUDY (or
// /tmp/idx-bench) holds one, else the example's.
func benchTable(b *testing.B) *query.Table {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		dir = "/tmp/idx-bench"
	}
	if _, err := os.Stat(filepath.Join(dir, "insight.yaml")); err != nil {
		return exampleTable(b)
	}
	return loadTable(b, os.DirFS(dir))
}

func queryFilter() query.Filter { return query.Filter{IncludeFacilitators: true} }
