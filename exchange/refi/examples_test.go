package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// sharedExamples lists ../shared/refi/examples files with the given
// extensions, skipping (or failing under INSIGHT_REQUIRE_SHARED=1) when the
// shared folder is absent.
func sharedExamples(t *testing.T, exts ...string) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "refi", "examples")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared REFI-QDA examples missing at %s (INSIGHT_REQUIRE_SHARED=1)", dir)
		}
		t.Skipf("skipping: shared REFI-QDA examples not found at %s", dir)
	}
	var out []string
	for _, ext := range exts {
		m, _ := filepath.Glob(filepath.Join(dir, "*", "*."+ext))
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no .%v files in %s", exts, dir)
	}
	return out
}

// xmlCounts counts, by streaming tokens and independently of the reader
// under test, the codes, text sources, text selections directly in them and
// the codings on those selections.
type xmlCounts struct {
	codes, textSources, selections, codings int
	sels                                    []rawSel
}

// rawSel is a text selection as the XML has it, for an independent quote.
type rawSel struct {
	path       string // the source's plainTextPath
	start, end int
	codings    int
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func countXML(t *testing.T, data []byte) xmlCounts {
	t.Helper()
	var c xmlCounts
	var stack []string
	path := ""
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return c
		}
		if err != nil {
			t.Fatalf("counting: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case e.Name.Local == "Code" && (parent == "Codes" || parent == "Code"):
				c.codes++
			case e.Name.Local == "TextSource" && parent == "Sources":
				c.textSources++
				path = attr(e, "plainTextPath")
			case e.Name.Local == "PlainTextSelection" && parent == "TextSource":
				c.selections++
				start, _ := strconv.Atoi(attr(e, "startPosition"))
				end, _ := strconv.Atoi(attr(e, "endPosition"))
				c.sels = append(c.sels, rawSel{path: path, start: start, end: end})
			case e.Name.Local == "Coding" && parent == "PlainTextSelection" && len(stack) >= 2 && stack[len(stack)-2] == "TextSource":
				c.codings++
				c.sels[len(c.sels)-1].codings++
			}
			stack = append(stack, e.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// qdeOf returns the .qde inside a .qdpx (read with archive/zip, not the
// package's reader), or the file itself.
func qdeOf(t *testing.T, data []byte) []byte {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("PK")) {
		return data
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(strings.ToLower(f.Name), ".qde") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatal("no .qde in archive")
	return nil
}

func TestImportSharedExamples(t *testing.T) {
	for _, file := range sharedExamples(t, "qdpx", "qde") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := countXML(t, qdeOf(t, data))
			im, err := Import(context.Background(), file, data)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "study")
			if err := im.Write(dir); err != nil {
				t.Fatal(err)
			}
			rep := im.Report
			cb, probs := themes.Load(os.DirFS(dir), "codebook.yaml", "codebook.yaml")
			if len(probs.Errors()) > 0 {
				t.Fatalf("codebook: %v", probs.Errors())
			}
			if len(cb.All) != want.codes {
				t.Errorf("themes: %d in the study, %d codes in the XML", len(cb.All), want.codes)
			}
			st, probs := corpus.Load(context.Background(), os.DirFS(dir), dir)
			if len(probs.Errors()) > 0 {
				t.Fatalf("corpus: %v", probs.Errors())
			}
			missing := rep.Skips("text sources whose text is not in the file")
			if len(st.Documents)+missing != want.textSources {
				t.Errorf("sources: %d transcripts + %d without text, %d in the XML", len(st.Documents), missing, want.textSources)
			}
			recs, probs := coding.LoadRecords(os.DirFS(dir), dir)
			if len(probs.Errors()) > 0 {
				t.Fatalf("codings: %v", probs.Errors())
			}
			skippedSel := rep.Skips("text selections in sources whose text is not in the file") + rep.Skips("text selections whose positions are outside their source's text") +
				rep.Skips("text selections with no code (kept as memos when they have a note)") + rep.Skips("empty or blank text selections")
			if rep.Selections+skippedSel != want.selections {
				t.Errorf("selections: %d imported + %d reported, %d in the XML", rep.Selections, skippedSel, want.selections)
			}
			skippedCod := rep.Skips("codings in sources whose text is not in the file") + rep.Skips("codings on those selections") +
				rep.Skips("codings of empty or blank selections") + rep.Skips("codings naming a code that is not in the codebook")
			if len(recs)+skippedCod != want.codings {
				t.Errorf("codings: %d in codings/ + %d reported, %d in the XML", len(recs), skippedCod, want.codings)
			}
			byID := map[string]*corpus.Document{}
			for _, d := range st.Documents {
				byID[d.ID] = d
			}
			for _, r := range recs {
				d := byID[r.Doc]
				if d == nil {
					t.Fatalf("%s:%d: unknown doc %q", r.File, r.Line, r.Doc)
				}
				body := []rune(d.Body)
				if r.Start < 0 || r.End > len(body) || string(body[r.Start:r.End]) != r.Quote {
					t.Errorf("%s:%d: quote %q is not the body at %d–%d", r.File, r.Line, r.Quote, r.Start, r.End)
				}
				if cb.Lookup(r.Theme) == nil {
					t.Errorf("%s:%d: theme %q not in the codebook", r.File, r.Line, r.Theme)
				}
			}
			checkQuotes(t, data, want, recs)
			checkNamedSelections(t, im, data)
			if _, err := os.Stat(filepath.Join(dir, "import-report.md")); err != nil {
				t.Error(err)
			}
		})
	}
}

// checkQuotes takes each coded selection's text straight from the source
// file in the archive, in the unit the issue documents for its writer
// (NVivo: UTF-16 code units, no byte-order mark; others: code points),
// and checks the quotes in codings/ are exactly those, as a multiset.
func checkQuotes(t *testing.T, data []byte, want xmlCounts, recs []coding.Record) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("PK")) {
		return // a bare .qde has no source files
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[strings.ToLower(f.Name)] = b
	}
	nvivo := bytes.Contains(qdeOf(t, data)[:2000], []byte(`origin="NVivo`))
	expected := map[string]int{}
	units := map[string][]uint16{} // per source: its UTF-16 code units
	runes := map[string][]rune{}
	for _, s := range want.sels {
		name := strings.ToLower(strings.TrimPrefix(s.path, "internal://"))
		b, ok := files["sources/"+name]
		if !ok {
			continue
		}
		if _, ok := runes[name]; !ok {
			runes[name] = []rune(strings.TrimPrefix(string(b), "\uFEFF"))
			units[name] = utf16.Encode(runes[name])
		}
		var q string
		if nvivo {
			q = string(utf16.Decode(units[name][s.start:s.end]))
		} else {
			q = string(runes[name][s.start:s.end])
		}
		q = strings.ReplaceAll(q, "\r\n", "\n")
		expected[q] += s.codings
	}
	got := map[string]int{}
	for _, r := range recs {
		got[r.Quote]++
	}
	for q, n := range expected {
		if got[q] != n {
			t.Errorf("quote %q: %d codings in the study, %d in the file", clip(q), got[q], n)
		}
	}
	if len(got) != len(expected) {
		t.Errorf("%d distinct quotes in the study, %d in the file", len(got), len(expected))
	}
}

// checkNamedSelections: ATLAS.ti names a selection after its text, so
// every named selection whose source was imported must name its quote.
func checkNamedSelections(t *testing.T, im *Imported, data []byte) {
	if !strings.Contains(im.Report.Origin, "ATLAS.ti") {
		return
	}
	if im.Report.NamesChecked > 0 && im.Report.NamesMismatched > 0 {
		t.Errorf("%d of %d selection names differ from their quotes", im.Report.NamesMismatched, im.Report.NamesChecked)
	}
	t.Logf("ATLAS.ti project: %d selection names checked against their quotes", im.Report.NamesChecked)
}

func TestTruncatedCodebookNamesLine(t *testing.T) {
	for _, file := range sharedExamples(t, "qdc") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, err = readCodebook(file, data)
		if !strings.Contains(file, "TRUNCATED") {
			if err != nil {
				t.Errorf("%s: %v", file, err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("%s: truncated codebook read without error", file)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if !strings.Contains(err.Error(), file+":") || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("error should name the file, its line and say truncated: %v", err)
		}
		t.Logf("%v (file has %d lines)", err, lines)
	}
}
