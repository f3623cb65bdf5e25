package sheets

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/exchange"
)

// CSV writes a folder with one UTF-8 CSV file per table (coded-segments.csv,
// codebook.csv, matrix-<attribute>.csv). A folder rather than one file:
// the tables have different columns, and a folder of plain files opens in
// any spreadsheet or script. Text that a spreadsheet would run as a
// formula gets a leading apostrophe.
type CSV struct{}

func (CSV) Format() string { return "csv" }
func (CSV) Usage() string {
	return "write the same tables as xlsx to a folder of CSV files (-o FOLDER)"
}

// Export writes the files to a temporary folder beside out and renames it
// into place. An existing out is replaced only when it holds nothing but
// .csv files (an earlier export); anything else is refused, never deleted.
func (CSV) Export(ctx context.Context, s *exchange.Study, out string) error {
	if err := replaceable(out); err != nil {
		return err
	}
	sheets, err := build(s)
	if err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(out))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", out, err)
	}
	defer os.RemoveAll(tmp)
	used := map[string]bool{}
	for _, sh := range sheets {
		name := sh.file
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d.csv", strings.TrimSuffix(sh.file, ".csv"), n)
		}
		used[name] = true
		if err := writeCSV(ctx, filepath.Join(tmp, name), sh); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(out, name), err)
		}
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// replaceable refuses an out that exists and is not a folder of CSV files.
func replaceable(out string) error {
	fi, err := os.Stat(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder: csv export writes a folder of CSV files; choose another -o", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			return fmt.Errorf("%s holds %s, which is not an exported CSV file: refusing to replace the folder; choose another -o", out, e.Name())
		}
	}
	return nil
}

func writeCSV(ctx context.Context, file string, sh sheet) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	rec := make([]string, 0, len(sh.header))
	for _, h := range sh.header {
		rec = append(rec, safeText(h))
	}
	w.Write(rec)
	err = sh.rows(func(row []any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec = rec[:0]
		for _, c := range row {
			switch v := c.(type) {
			case int:
				rec = append(rec, strconv.Itoa(v))
			case string:
				rec = append(rec, safeText(v))
			default:
				rec = append(rec, safeText(fmt.Sprint(v)))
			}
		}
		return w.Write(rec)
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
