package sheets

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXRoundTrip writes awkward cells with our own writer and reads them
// back with excelize, an independent reader: text XML must escape, numbers,
// empty cells, columns past Z, over-long text and two sheets.
func TestXLSXRoundTrip(t *testing.T) {
	long := strings.Repeat("é", maxCellChars+5)
	wide := make([]any, 30)
	for i := range wide {
		wide[i] = i
	}
	rows := [][]any{
		{"<b>&amp;</b> \"quoted\" 'single'", 42, nil, "=SUM(A1)"},
		{"line one\nline two\ttab", -7, "", "ünïcödé – “quotes” 😀"},
		{"bad \x01 control", 0, long, "  leading and trailing  "},
		wide,
	}
	sheets := []sheet{
		{name: "Coded segments", header: []string{"a", "b & c", "<d>", "e"}, rows: func(yield func([]any) error) error {
			for _, r := range rows {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		}},
		{name: "By role", header: []string{"theme"}, rows: func(func([]any) error) error { return nil }},
	}
	var buf bytes.Buffer
	if err := writeWorkbook(context.Background(), &buf, sheets); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Coded segments" || got[1] != "By role" {
		t.Fatalf("sheets %q", got)
	}
	got, err := f.GetRows("Coded segments")
	if err != nil {
		t.Fatal(err)
	}
	want := func(v any) string {
		switch v := v.(type) {
		case nil:
			return ""
		case int:
			return strconv.Itoa(v)
		case string:
			if v == long {
				return strings.Repeat("é", maxCellChars)
			}
			return strings.ReplaceAll(v, "\x01", "\uFFFD")
		}
		return "?"
	}
	for c, h := range sheets[0].header {
		if got[0][c] != h {
			t.Errorf("header %d = %q, want %q", c, got[0][c], h)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			var g string
			if c < len(got[r+1]) {
				g = got[r+1][c]
			}
			if g != want(v) {
				t.Errorf("row %d col %d = %.40q, want %.40q", r+2, c+1, g, want(v))
			}
		}
	}
	if typ, _ := f.GetCellType("Coded segments", "D2"); typ != excelize.CellTypeInlineString {
		t.Errorf("D2 (=SUM(A1)) has type %v, want an inline string", typ)
	}
	if p, err := f.GetPanes("By role"); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("By role: header not frozen: %+v %v", p, err)
	}
	if s, err := f.GetCellStyle("Coded segments", "B1"); err != nil || s != 1 {
		t.Errorf("header style %d %v, want the bold style 1", s, err)
	} else if st, err := f.GetStyle(s); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style is not bold: %+v %v", st, err)
	}
}

func TestColumnLetters(t *testing.T) {
	for c, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := column(c); got != want {
			t.Errorf("column(%d) = %s, want %s", c, got, want)
		}
	}
}
