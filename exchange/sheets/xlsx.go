package sheets

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"github.com/residentinsight/insight/exchange"
)

// XLSX writes an Excel workbook with one sheet per table and the header
// row frozen. Text cells are inline strings (never formulas), so text such
// as "=SUM(A1)" is shown, not run.
//
// The workbook is written here, in about a hundred lines of SpreadsheetML,
// rather than with excelize: we need one bold style, frozen panes and
// string and number cells, and excelize's package initialisation cost every
// insight command several milliseconds of start-up (issue 11). The tests
// read what we write back with excelize.
type XLSX struct{}

func (XLSX) Format() string { return "xlsx" }
func (XLSX) Usage() string {
	return "write coded segments, codebook counts and theme × attribute matrices to an .xlsx workbook"
}

// maxCellChars is Excel's limit on the characters of one cell; longer text
// is cut there, as excelize did.
const maxCellChars = 32767

// Export writes the workbook to a temporary file beside out and renames it
// into place, so a failure leaves no half-written workbook.
func (XLSX) Export(ctx context.Context, s *exchange.Study, out string) error {
	sheets, err := build(s)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a temporary file beside %s: %w", out, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if err := writeWorkbook(ctx, tmp, sheets); err != nil {
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

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHdr = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// styles has two cell formats: 0 plain, 1 bold (the header row).
const styles = xmlHdr + `<styleSheet xmlns="` + nsMain + `"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// writeWorkbook writes the zip package: each sheet is streamed as its rows
// are made, so a large study's segments are never all held as cells at once.
func writeWorkbook(ctx context.Context, w io.Writer, sheets []sheet) error {
	z := zip.NewWriter(w)
	names := make([]string, len(sheets))
	used := map[string]bool{}
	for i, sh := range sheets {
		names[i] = uniqueName(sh.name, used)
	}
	var types, book, rels string
	for i, name := range names {
		n := strconv.Itoa(i + 1)
		types += `<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		book += `<sheet name="` + escape(name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`
		rels += `<Relationship Id="rId` + n + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`
	}
	rels += `<Relationship Id="rId` + strconv.Itoa(len(names)+1) + `" Type="` + nsRel + `/styles" Target="styles.xml"/>`
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xmlHdr + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` + types + `</Types>`},
		{"_rels/.rels", xmlHdr + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", xmlHdr + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>` + book + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xmlHdr + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`},
		{"xl/styles.xml", styles},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	for i, sh := range sheets {
		f, err := z.Create("xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml")
		if err != nil {
			return err
		}
		if err := writeSheet(ctx, f, sh, i == 0); err != nil {
			return fmt.Errorf("writing sheet %q: %w", names[i], err)
		}
	}
	return z.Close()
}

// writeSheet streams one table, its header row bold and frozen.
func writeSheet(ctx context.Context, w io.Writer, sh sheet, selected bool) error {
	b := bufio.NewWriter(w)
	tab := ""
	if selected {
		tab = ` tabSelected="1"`
	}
	b.WriteString(xmlHdr + `<worksheet xmlns="` + nsMain + `"><sheetViews><sheetView` + tab + ` workbookViewId="0">` +
		`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetData>`)
	head := make([]any, len(sh.header))
	for i, h := range sh.header {
		head[i] = h
	}
	writeRow(b, 1, head, 1)
	r := 1
	err := sh.rows(func(row []any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r++
		writeRow(b, r, row, 0)
		return nil
	})
	if err != nil {
		return err
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Flush()
}

// writeRow writes row r (1-based): strings as inline strings, integers as
// numbers, anything else as its text; nil leaves the cell empty.
func writeRow(b *bufio.Writer, r int, row []any, style int) {
	rs := strconv.Itoa(r)
	b.WriteString(`<row r="` + rs + `">`)
	for c, v := range row {
		if v == nil {
			continue
		}
		ref := ` r="` + column(c) + rs + `"`
		if style != 0 {
			ref += ` s="` + strconv.Itoa(style) + `"`
		}
		switch v := v.(type) {
		case int:
			b.WriteString(`<c` + ref + `><v>` + strconv.Itoa(v) + `</v></c>`)
		case string:
			b.WriteString(`<c` + ref + ` t="inlineStr"><is><t xml:space="preserve">` + escape(cut(v)) + `</t></is></c>`)
		default:
			b.WriteString(`<c` + ref + ` t="inlineStr"><is><t xml:space="preserve">` + escape(cut(fmt.Sprint(v))) + `</t></is></c>`)
		}
	}
	b.WriteString(`</row>`)
}

// column is the letters of 0-based column c: A, …, Z, AA, ….
func column(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// cut keeps the first maxCellChars characters of s.
func cut(s string) string {
	if len(s) <= maxCellChars || utf8.RuneCountInString(s) <= maxCellChars {
		return s
	}
	return string([]rune(s)[:maxCellChars])
}

// escape makes s XML text; characters XML cannot hold become U+FFFD.
func escape(s string) string {
	var b xmlBuf
	xml.EscapeText(&b, []byte(s))
	return string(b)
}

type xmlBuf []byte

func (b *xmlBuf) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

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
