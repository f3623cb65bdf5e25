package sheets

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/residentinsight/insight/exchange"
	"github.com/xuri/excelize/v2"
)

// XLSX writes an Excel workbook with one sheet per table and the header
// row frozen. Text cells are typed as strings (never formulas), so text
// such as "=SUM(A1)" is shown, not run.
type XLSX struct{}

func (XLSX) Format() string { return "xlsx" }
func (XLSX) Usage() string {
	return "write coded segments, codebook counts and theme × attribute matrices to an .xlsx workbook"
}

// Export writes the workbook to a temporary file beside out and renames it
// into place, so a failure leaves no half-written workbook.
func (XLSX) Export(ctx context.Context, s *exchange.Study, out string) error {
	sheets, err := build(s)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, sh := range sheets {
		name := uniqueName(sh.name, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("adding sheet %q: %w", name, err)
		}
		if err := writeSheet(ctx, f, name, sh, bold); err != nil {
			return fmt.Errorf("writing sheet %q: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a temporary file beside %s: %w", out, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if _, err := f.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it private
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return nil
}

// writeSheet streams one table: rows are written as they are made, so a
// large study's segments are never all held as cells at once.
func writeSheet(ctx context.Context, f *excelize.File, name string, sh sheet, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(sh.header))
	for i, h := range sh.header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	r := 1
	err = sh.rows(func(row []any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r++
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(cell, row)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// uniqueName makes sheet names unique after truncation ("By role", "By role 2").
func uniqueName(name string, used map[string]bool) string {
	try := name
	for n := 2; used[try]; n++ {
		suffix := fmt.Sprintf(" %d", n)
		r := []rune(name)
		try = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[try] = true
	return try
}
