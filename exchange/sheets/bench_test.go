package sheets_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/residentinsight/insight/exchange"
	"github.com/residentinsight/insight/exchange/sheets"
	"github.com/residentinsight/insight/internal/synth"
	"github.com/residentinsight/insight/study"
)

// benchExport exports a synthetic study of 100 transcripts (the 1,000 of
// `go run ./tools/synth` are measured from the command line; see the
// README). Only the export is timed, not reading the study.
func benchExport(b *testing.B, e exchange.Exporter, out string) {
	dir := b.TempDir()
	o := synth.Default()
	o.Docs = 100
	if err := synth.Write(dir, o); err != nil {
		b.Fatal(err)
	}
	op, probs := study.Open(context.Background(), study.Source{Dir: dir})
	if op == nil || probs.HasErrors() {
		b.Fatal(probs.Errors())
	}
	s := &exchange.Study{Name: dir, Study: op.Study, Codebook: op.Codebook, Records: op.Records, Coded: op.Coded, Table: op.Table}
	b.ReportMetric(float64(len(op.Coded.Apps)), "rows")
	b.ResetTimer()
	for range b.N {
		if err := e.Export(context.Background(), s, filepath.Join(b.TempDir(), out)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExportXLSX(b *testing.B) { benchExport(b, sheets.XLSX{}, "s.xlsx") }
func BenchmarkExportCSV(b *testing.B)  { benchExport(b, sheets.CSV{}, "csv") }
