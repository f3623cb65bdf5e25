package sheets_test

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/exchange/sheets"
	"github.com/residentinsight/insight/study"
	"github.com/xuri/excelize/v2"
)

// hostileStudy is the example study with text a spreadsheet would run:
// a coded quote, a memo and an attribute value that start like formulas.
func hostileStudy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.CopyFS(dir, example.Study()); err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string, appendTo bool) {
		p := filepath.Join(dir, rel)
		if appendTo {
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			text = string(old) + text
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("transcripts/int-099.md", "P01: [=HYPERLINK(\"http://evil.example\",\"click\")]{.duplication} was what they sent.\n\nP01: [+44 7700 is not a formula]{.housing} either.\n", false)
	write("codings/tom.jsonl", `{"doc": "int-099", "theme": "housing", "quote": "was what they sent", "memo": "@SUM(A1:A9)"}`+"\n"+
		`{"doc": "int-099", "theme": "duplication", "quote": "either", "memo": "\t=1+1"}`+"\n", true)
	part, err := os.ReadFile(filepath.Join(dir, "participants.csv"))
	if err != nil {
		t.Fatal(err)
	}
	write("participants.csv", strings.Replace(string(part), "P01,parent,Northgate", "P01,parent,-2+3", 1), false)
	return dir
}

var dangerous = []string{`=HYPERLINK("http://evil.example","click")`, "+44 7700 is not a formula", "@SUM(A1:A9)", "\t=1+1", "-2+3"}

func TestXLSXFormulaInjection(t *testing.T) {
	dir := hostileStudy(t)
	out := filepath.Join(t.TempDir(), "s.xlsx")
	if err := study.Export(context.Background(), study.Source{Dir: dir}, sheets.XLSX{}, out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if !strings.ContainsAny(v[:min(1, len(v))], "=+-@\t\r") {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(sh, cell)
				if err != nil {
					t.Fatal(err)
				}
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s %q has cell type %v, not a string", sh, cell, v, typ)
				}
				if fo, _ := f.GetCellFormula(sh, cell); fo != "" {
					t.Errorf("%s!%s is a formula: %q", sh, cell, fo)
				}
				seen[v] = true
			}
		}
	}
	for _, d := range dangerous {
		if !seen[d] {
			t.Errorf("%q was not exported as text (seen: %v)", d, seen)
		}
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	dir := hostileStudy(t)
	out := filepath.Join(t.TempDir(), "csv")
	if err := study.Export(context.Background(), study.Source{Dir: dir}, sheets.CSV{}, out); err != nil {
		t.Fatal(err)
	}
	cells := readCSVs(t, out)
	for v := range cells {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			t.Errorf("a cell starts like a formula: %q", v)
		}
	}
	for _, d := range dangerous {
		if !cells["'"+d] {
			t.Errorf("%q is not in the CSV files as '%s", d, d)
		}
	}
}

func readCSVs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) < 3 {
		t.Fatalf("csv files %v: want segments, codebook and matrices", files)
	}
	cells := map[string]bool{}
	for _, file := range files {
		fh, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, rec := range recs {
			for _, v := range rec {
				cells[v] = true
			}
		}
	}
	return cells
}

// TestWithdrawnNeverExported: no word a withdrawn participant said, and
// not their id, reaches any sheet (P09 withdrew in the example).
func TestWithdrawnNeverExported(t *testing.T) {
	ctx := context.Background()
	op, probs := study.Open(ctx, study.Source{Example: true})
	if op == nil || probs.HasErrors() {
		t.Fatal(probs)
	}
	var withheld []string
	for _, d := range op.Study.Documents {
		for _, tu := range d.Turns {
			if tu.Withheld {
				// Whole sentences of the withdrawn turns.
				for _, s := range strings.SplitAfter(d.Body[tu.Start:tu.End], ". ") {
					if s = strings.TrimSpace(s); len(s) > 25 {
						withheld = append(withheld, s)
					}
				}
			}
		}
	}
	if len(withheld) < 3 {
		t.Fatalf("the example should have withdrawn words to test with; found %d sentences", len(withheld))
	}
	dir := t.TempDir()
	if err := study.Export(ctx, study.Source{Example: true}, sheets.CSV{}, filepath.Join(dir, "csv")); err != nil {
		t.Fatal(err)
	}
	if err := study.Export(ctx, study.Source{Example: true}, sheets.XLSX{}, filepath.Join(dir, "s.xlsx")); err != nil {
		t.Fatal(err)
	}
	all := ""
	for c := range readCSVs(t, filepath.Join(dir, "csv")) {
		all += c + "\x00"
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "s.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, row := range rows {
			all += strings.Join(row, "\x00") + "\x00"
		}
	}
	for _, s := range withheld {
		for _, part := range strings.Split(s, ". ") {
			if len(part) > 25 && strings.Contains(all, part) {
				t.Errorf("withdrawn words exported: %q", part)
			}
		}
	}
	if strings.Contains(all, "\x00P09\x00") {
		t.Error("the withdrawn participant's id P09 is in a sheet")
	}
}

// TestCountsAgree recounts, from the coded-segments sheet alone, how many
// participants each top-level theme reached and compares it with the
// codebook sheet's count (which comes from package query).
func TestCountsAgree(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "csv")
	if err := study.Export(ctx, study.Source{Example: true}, sheets.CSV{}, dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []map[string]string {
		fh, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		recs, err := csv.NewReader(fh).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for _, rec := range recs[1:] {
			m := map[string]string{}
			for i, h := range recs[0] {
				m[h] = rec[i]
			}
			out = append(out, m)
		}
		return out
	}
	codebook := read("codebook.csv")
	parent := map[string]string{}
	for _, r := range codebook {
		parent[r["theme"]] = r["parent"]
	}
	reached := map[string]map[string]bool{}
	for _, r := range read("coded-segments.csv") {
		if r["voice"] != corpus.RoleParticipant.String() && r["voice"] != corpus.RoleUnlisted.String() {
			continue
		}
		who := r["speaker"]
		if r["voice"] == corpus.RoleUnlisted.String() {
			who = r["document"] + "/" + who // known only within its document
		}
		for th := r["theme"]; th != ""; th = parent[th] {
			if reached[th] == nil {
				reached[th] = map[string]bool{}
			}
			reached[th][strings.ToLower(who)] = true
		}
	}
	checked := 0
	for _, r := range codebook {
		n, err := strconv.Atoi(r["participants"])
		if err != nil {
			t.Fatalf("participants %q: %v", r["participants"], err)
		}
		if got := len(reached[r["theme"]]); got != n {
			t.Errorf("theme %s: %d participants in the coded segments, codebook sheet says %d", r["theme"], got, n)
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d themes checked", checked)
	}
}

func TestXLSXSheetsAndFrozenHeader(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.xlsx")
	if err := study.Export(context.Background(), study.Source{Example: true}, sheets.XLSX{}, out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if want := []string{"Coded segments", "Codebook", "By role"}; len(names) < 3 || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
		t.Errorf("sheets %v, want %v first", names, want)
	}
	for _, sh := range names {
		p, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sh, p)
		}
	}
}

func TestCSVRefusesToReplaceOtherFiles(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "thesis.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := study.Export(context.Background(), study.Source{Example: true}, sheets.CSV{}, out)
	if err == nil || !strings.Contains(err.Error(), "thesis.docx") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "thesis.docx")); err != nil {
		t.Error("an unrelated file was deleted")
	}
}

// TestWordComments: a Word comment is exported with the words it is on,
// unless those words are a withdrawn participant's.
func TestWordComments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.CopyFS(dir, example.Study()); err != nil {
		t.Fatal(err)
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	para := func(id, label, text string) string {
		return `<w:p><w:r><w:t xml:space="preserve">` + label + `: </w:t></w:r><w:commentRangeStart w:id="` + id + `"/><w:r><w:t>` + text + `</w:t></w:r><w:commentRangeEnd w:id="` + id + `"/></w:p>`
	}
	comment := func(id, text string) string {
		return `<w:comment w:id="` + id + `" w:author="Amira"><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:comment>`
	}
	zipTo(t, filepath.Join(dir, "transcripts", "int-050.docx"), map[string]string{
		"word/document.xml": `<w:document ` + ns + `><w:body>` + para("1", "P01", "We waited eleven months.") + para("2", "P09", "My secret words here.") + `</w:body></w:document>`,
		"word/comments.xml": `<w:comments ` + ns + `>` + comment("1", "=check dates") + comment("2", "about the withdrawn words") + `</w:comments>`,
	})
	out := filepath.Join(t.TempDir(), "csv")
	if err := study.Export(context.Background(), study.Source{Dir: dir}, sheets.CSV{}, out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "transcript-comments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "document,line,speaker,quote,author,date,comment\nint-050,1,P01,We waited eleven months.,Amira,,'=check dates\n"
	if string(data) != want {
		t.Errorf("transcript-comments.csv:\n%s\nwant\n%s", data, want)
	}
}

func zipTo(t *testing.T, file string, files map[string]string) {
	t.Helper()
	fh, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(fh)
	for name, text := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	fh.Close()
}
