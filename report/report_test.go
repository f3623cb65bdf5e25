package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func sample() *Report {
	return &Report{
		Title: "Themes",
		Columns: []Column{
			{Key: "theme"}, {Key: "depth", DataOnly: true}, {Key: "count", Right: true}, {Key: "share", Right: true}, {Key: "text"},
		},
		Rows: []Row{
			{Cells: []any{"agencies", 0, 17, Percent(94.44), Marked{Text: "rent arrears | again", Spans: [][2]int{{0, 4}}}}},
			{Indent: 1, Cells: []any{"housing", 1, 7, Percent(38.9), "plain"}},
		},
		Footer: []Row{{Cells: []any{"all", "", 18, Percent(100), ""}}},
		Notes:  []string{"18 participants"},
	}
}

func render(t *testing.T, format string, opts Options) string {
	t.Helper()
	r, err := For(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Render(&b, sample()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderers(t *testing.T) {
	tests := []struct {
		format string
		opts   Options
		has    []string
		hasNot []string
	}{
		{"table", Options{}, []string{"THEME", "  housing", "«rent»", "94.4%", "18 participants"}, []string{"DEPTH", "\x1b["}},
		{"table", Options{ANSI: true}, []string{"\x1b[1;33mrent\x1b[0m"}, []string{"«"}},
		{"md", Options{}, []string{"| theme |", "---: |", "&nbsp;&nbsp;&nbsp;&nbsp;housing", "**rent**", `\|`, "### Themes"}, []string{"depth"}},
		{"csv", Options{}, []string{"theme,depth,count,share,text", "housing,1,7,38.9,plain"}, []string{"  housing", "%"}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			out := render(t, tc.format, tc.opts)
			for _, s := range tc.has {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestTableAlignsNumbersRight(t *testing.T) {
	lines := strings.Split(render(t, "table", Options{}), "\n")
	// "17" and " 7" end in the same column.
	i17, i7 := strings.Index(lines[1], "17"), strings.Index(lines[2], " 7 ")
	if i17 < 0 || i7 < 0 || i17 != i7 {
		t.Errorf("counts not right-aligned:\n%s\n%s", lines[1], lines[2])
	}
}

func TestCSVAndJSONParseBack(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(render(t, "csv", Options{}))).ReadAll()
	if err != nil || len(recs) != 4 || recs[1][4] != "«rent» arrears | again" {
		t.Errorf("csv: %v %q", err, recs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(render(t, "json", Options{})), &rows); err != nil || len(rows) != 3 {
		t.Fatalf("json: %v %v", err, rows)
	}
	if rows[1]["theme"] != "housing" || rows[1]["depth"] != 1.0 || rows[0]["text"] != "rent arrears | again" {
		t.Errorf("json rows: %v", rows)
	}
	if _, err := For("xml", Options{}); err == nil {
		t.Error("unknown format accepted")
	}
}
