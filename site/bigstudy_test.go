package site

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
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

// BenchmarkRebuildStudy times a rebuild of INSIGHT_BENCH_STUDY with a warm
// cache after one transcript changed (its hash, as an edit that moves no
// codes would), so its page and the theme pages quoting it are re-rendered.
func BenchmarkRebuildStudy(b *testing.B) {
	dir := os.Getenv("INSIGHT_BENCH_STUDY")
	if dir == "" {
		b.Skip("set INSIGHT_BENCH_STUDY to a study folder")
	}
	in := load(b, dir)
	out := filepath.Join(b.TempDir(), "site")
	opts := Options{CacheDir: b.TempDir()}
	if _, err := build(context.Background(), in, in.Table, out, opts); err != nil {
		b.Fatal(err)
	}
	doc := in.Study.Documents[len(in.Study.Documents)/2]
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		doc.Hash = "edited-" + strconv.Itoa(i)
		st, err := build(context.Background(), in, in.Table, out, opts)
		if err != nil {
			b.Fatal(err)
		}
		if st.rendered != 1 {
			b.Fatalf("rebuild rendered %d transcripts, want 1", st.rendered)
		}
		b.ReportMetric(float64(st.themeRendered), "theme-pages-rendered/op")
	}
}
