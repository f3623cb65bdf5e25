package study

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"strconv"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/exchange/refi"
)

// exampleCopy writes the bundled example study to a folder, with a memo,
// so an export has every kind of thing to carry.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "example")
	err := fs.WalkDir(example.Study(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		b, err := fs.ReadFile(example.Study(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "memos"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "memos", "analysis.md"), []byte("# Analysis memo\n\nDuplication comes up in every agency.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRefiExportValidatesAgainstSchemas(t *testing.T) {
	schemas := filepath.Join("..", "..", "shared", "refi", "schemas")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil || !exists(schemas) {
		if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatalf("xmllint (%v) or the schemas at %s missing, and INSIGHT_REQUIRE_SHARED=1", err, schemas)
		}
		t.Skipf("skipping: schema validation needs xmllint (Debian libxml2-utils) and %s", schemas)
	}
	dir := t.TempDir()
	src := Source{Dir: exampleCopy(t)}
	qdpx, qdc := filepath.Join(dir, "ex.qdpx"), filepath.Join(dir, "ex.qdc")
	if err := Export(context.Background(), src, refi.QDPX{}, qdpx); err != nil {
		t.Fatal(err)
	}
	if err := Export(context.Background(), src, refi.QDC{}, qdc); err != nil {
		t.Fatal(err)
	}
	qde := filepath.Join(dir, "project.qde")
	if err := os.WriteFile(qde, zipEntry(t, qdpx, "project.qde"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{qde, "Project.xsd"}, {qdc, "Codebook.xsd"}} {
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(schemas, c[1]), c[0]).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against %s: %v\n%s", filepath.Base(c[0]), c[1], err, out)
		}
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func zipEntry(t *testing.T, file, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("%s has no %s", file, name)
	return nil
}

// TestRefiRoundTrip: import(export(example)) has the same themes with
// their hierarchy and guidance, the same codings at the same places by the
// same coders (inline codes under inline-codes), the same participant and
// document attributes, facilitators and memos; withdrawn participants are
// nowhere in the export.
func TestRefiRoundTrip(t *testing.T) {
	ctx := context.Background()
	orig := Source{Dir: exampleCopy(t)}
	a, probs := Open(ctx, orig)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	file := filepath.Join(t.TempDir(), "ex.qdpx")
	if err := Export(ctx, orig, refi.QDPX{}, file); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "re")
	if _, err := ImportProject(ctx, file, out); err != nil {
		t.Fatal(err)
	}
	b, probs := Open(ctx, Source{Dir: out})
	if probs.HasErrors() {
		t.Fatal(probs)
	}

	if len(a.Codebook.All) != len(b.Codebook.All) {
		t.Errorf("themes: %d, re-imported %d", len(a.Codebook.All), len(b.Codebook.All))
	}
	for _, ta := range a.Codebook.All {
		tb := b.Codebook.Lookup(ta.ID)
		if tb == nil {
			t.Errorf("theme %s lost", ta.ID)
			continue
		}
		pa, pb := "", ""
		if ta.Parent != nil {
			pa = ta.Parent.ID
		}
		if tb.Parent != nil {
			pb = tb.Parent.ID
		}
		got := [6]string{tb.Name, strings.TrimSpace(tb.Description), tb.Include, tb.Exclude, tb.Colour, pb}
		want := [6]string{ta.Name, strings.TrimSpace(ta.Description), strings.TrimSpace(ta.Include), strings.TrimSpace(ta.Exclude), ta.Colour, pa}
		if got != want {
			t.Errorf("theme %s: re-imported %q, want %q", ta.ID, got, want)
		}
	}

	if !slices.Equal(b.Study.Config.Facilitators, a.Study.Config.Facilitators) || b.Study.Config.Description != a.Study.Config.Description {
		t.Errorf("insight.yaml: facilitators %v description %q, want %v %q", b.Study.Config.Facilitators, b.Study.Config.Description, a.Study.Config.Facilitators, a.Study.Config.Description)
	}

	// Codings: same documents, themes, coders, and (where no turn was
	// withheld, so the text is the same) the same positions.
	changed := map[string]bool{} // documents whose exported text withholds a turn
	for _, d := range a.Study.Documents {
		changed[d.ID] = slices.ContainsFunc(d.Turns, func(t corpus.Turn) bool { return t.Withheld })
	}
	key := func(op *Opened, app coding.Application, inlineAs string) string {
		d := op.Study.Documents[app.Doc]
		src := app.Source
		if src == coding.SourceInline {
			src = inlineAs
		}
		k := d.ID + "|" + app.Theme + "|" + src + "|" + d.Body[app.Start:app.End]
		if !changed[d.ID] {
			k += "|" + itoa(app.Start) + "-" + itoa(app.End) // same text, so same places
		}
		return k
	}
	var ka, kb []string
	coders := map[string]bool{}
	for _, app := range a.Coded.Apps {
		if app.Source != coding.SourceAuto {
			ka = append(ka, key(a, app, refi.InlineUser))
		}
	}
	for _, app := range b.Coded.Apps {
		kb = append(kb, key(b, app, ""))
		coders[app.Source] = true
	}
	sort.Strings(ka)
	sort.Strings(kb)
	if len(ka) == 0 || !slices.Equal(ka, kb) {
		t.Errorf("codings differ: %d before, %d after re-import", len(ka), len(kb))
		for i := range min(len(ka), len(kb)) {
			if ka[i] != kb[i] {
				t.Errorf("first difference: %q vs %q", ka[i], kb[i])
				break
			}
		}
	}
	for _, c := range append(a.Coded.Coders, refi.InlineUser) {
		if !coders[c] {
			t.Errorf("coder %s lost", c)
		}
	}

	// Participants: everyone but the withdrawn, with their attributes.
	byID := map[string]map[string]string{}
	for _, p := range b.Study.Participants {
		byID[p.ID] = p.Attributes
	}
	withdrawn := 0
	for _, p := range a.Study.Participants {
		got, ok := byID[p.ID]
		if p.Withdrawn {
			withdrawn++
			if ok {
				t.Errorf("withdrawn participant %s exported", p.ID)
			}
			continue
		}
		for k, v := range p.Attributes {
			if got[k] != v {
				t.Errorf("participant %s %s: %q, want %q", p.ID, k, got[k], v)
			}
		}
	}
	if withdrawn == 0 {
		t.Fatal("the example has no withdrawn participant: the test proves nothing about them")
	}
	assertNoWithheldWords(t, a, file)

	// Documents' front matter.
	for _, da := range a.Study.Documents {
		if da.Withheld {
			continue
		}
		var db = findDoc(b, da.ID)
		if db == nil {
			t.Errorf("document %s lost", da.ID)
			continue
		}
		if db.Kind != da.Kind || db.Date != da.Date || db.Case != da.Case {
			t.Errorf("%s: kind/date/case %s/%s/%s, want %s/%s/%s", da.ID, db.Kind, db.Date, db.Case, da.Kind, da.Date, da.Case)
		}
		for k, v := range da.Attributes {
			if db.Attributes[k] != v {
				t.Errorf("%s: %s = %q, want %q", da.ID, k, db.Attributes[k], v)
			}
		}
	}
	memo, err := os.ReadFile(filepath.Join(out, "memos", "Analysis-memo.md"))
	if err != nil || string(memo) != "# Analysis memo\n\nDuplication comes up in every agency.\n" {
		t.Errorf("memo not carried over: %q %v", memo, err)
	}
}

func findDoc(op *Opened, id string) *corpusDoc {
	for _, d := range op.Study.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func itoa(n int) string { return fmtInt(n) }

// assertNoWithheldWords: no withheld turn's words are in the .qdpx.
func assertNoWithheldWords(t *testing.T, op *Opened, file string) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var all strings.Builder
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		all.Write(b)
	}
	checked := 0
	for _, d := range op.Study.Documents {
		for _, tu := range d.Turns {
			if !tu.Withheld {
				continue
			}
			words := strings.TrimSpace(d.Body[tu.Start:tu.End])
			if len(words) < 20 {
				continue
			}
			checked++
			if strings.Contains(all.String(), words[:20]) {
				t.Errorf("%s: withheld words %q are in the export", d.ID, words[:20])
			}
		}
	}
	if checked == 0 {
		t.Error("no withheld turn to check")
	}
}

type corpusDoc = corpus.Document

func fmtInt(n int) string { return strconv.Itoa(n) }
