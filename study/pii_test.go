package study

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/index"
)

// copyExample writes the example study into a temporary folder and returns it.
func copyExample(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.CopyFS(dir, example.Study()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func appendFile(t testing.TB, file, text string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// countingDetector is anon's detector, counting calls.
type countingDetector struct {
	det   *anon.Detector
	calls *atomic.Int64
}

func (c countingDetector) Detect(text string) []anon.Finding {
	c.calls.Add(1)
	return c.det.Detect(text)
}

func counting(calls *atomic.Int64) PIIOptions {
	return PIIOptions{NewDetector: func(o anon.Options) PIIDetector {
		return countingDetector{anon.NewDetector(o), calls}
	}}
}

func TestExampleHasNoUnreviewedPII(t *testing.T) {
	var calls atomic.Int64
	rep, err := ScanPII(context.Background(), Source{Example: true}, counting(&calls))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || len(rep.Problems) != 0 {
		t.Errorf("example study: %d findings, problems %v; first: %+v", len(rep.Findings), rep.Problems, rep.Findings)
	}
	if calls.Load() == 0 || rep.Files < 14 {
		t.Errorf("the scan looked at nothing: %d detector calls, %d files", calls.Load(), rep.Files)
	}
}

// planted is a passage for the example's int-001 with one identifier of each
// kind the acceptance test names; P01 is a consenting participant.
var planted = []struct {
	line string
	kind anon.Kind
	text string
}{
	{"P01: If anything changes you can ring me on 07700 900123, that's my mobile.", anon.Phone, "07700 900123"},
	{"P01: We moved in the end, we're at LS6 2AB now, nearer my mum.", anon.Postcode, "LS6 2AB"},
	{"P01: And my son Jayden is doing a lot better at school now.", anon.Person, "Jayden"},
}

func TestPlantedPIIStopsBuild(t *testing.T) {
	for _, p := range planted {
		t.Run(string(p.kind), func(t *testing.T) {
			dir := copyExample(t)
			appendFile(t, filepath.Join(dir, "transcripts", "int-001.md"), "\n"+p.line+"\n")
			out := filepath.Join(t.TempDir(), "site")
			err := Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: out})
			var pe *PIIError
			if !errors.As(err, &pe) {
				t.Fatalf("build of a study with a planted %s: err = %v, want a PIIError", p.kind, err)
			}
			if len(pe.Report.Findings) != 1 || pe.Report.Findings[0].Kind != p.kind || pe.Report.Findings[0].Text != p.text {
				t.Errorf("findings %+v, want one %s %q", pe.Report.Findings, p.kind, p.text)
			}
			if !strings.Contains(err.Error(), "transcripts/int-001.md:") || !strings.Contains(err.Error(), p.text) {
				t.Errorf("the refusal does not list the finding:\n%v", err)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused build wrote %s", out)
			}

			var log bytes.Buffer
			err = Build(context.Background(), Source{Dir: dir}, BuildOptions{Out: out, AcceptPIIRisk: true, Log: &log})
			if err != nil {
				t.Fatalf("build with --accept-pii-risk: %v", err)
			}
			if !strings.Contains(log.String(), "1 unreviewed") {
				t.Errorf("accepting the risk was not logged with the count: %q", log.String())
			}
			banner := "This site was published with 1 unreviewed possible personal-data findings (--accept-pii-risk)."
			pages := 0
			filepath.WalkDir(out, func(path string, e os.DirEntry, err error) error {
				if err != nil || !strings.HasSuffix(path, ".html") {
					return err
				}
				pages++
				if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte(banner)) {
					t.Errorf("%s lacks the banner", path)
				}
				return nil
			})
			if pages == 0 {
				t.Error("no pages written")
			}
		})
	}
}

func TestPIIMaxListed(t *testing.T) {
	rep := &PIIReport{Name: "s"}
	for i := range maxListed + 7 {
		rep.Findings = append(rep.Findings, PIIFinding{File: "transcripts/a.md", Line: i + 1, Col: 1, Kind: anon.Phone, Text: "07700 900" + strconv.Itoa(100+i)})
	}
	msg := (&PIIError{rep}).Error()
	if got := strings.Count(msg, "  phone  "); got != maxListed {
		t.Errorf("listed %d findings, want %d", got, maxListed)
	}
	if !strings.Contains(msg, "and 7 more; run insight check --pii") {
		t.Errorf("no count of the rest:\n%s", msg)
	}
}

var findingLine = regexp.MustCompile(`^(\S+):(\d+):(\d+)  (\S+)  (.+)$`)

// TestPIIWhatIsScanned plants personal data in each place the site shows
// and in places it never shows, and checks the text output points at it.
func TestPIIWhatIsScanned(t *testing.T) {
	dir := copyExample(t)
	tr := filepath.Join(dir, "transcripts")
	// A withdrawn participant's turn (P09, int-006): never scanned.
	appendFile(t, filepath.Join(tr, "int-006.md"), "\nP09: My number is 07700 900999 and my son Tyrone goes to the school.\n")
	// An unlisted speaker whose label is a name, a front matter value, a turn.
	write(t, filepath.Join(tr, "int-099.md"), "---\nkind: interview\nreferred_by: Mrs Okonkwo\n---\n\nInterviewer: Who is this?\n\nSharon Pemberton: Me, I'm the neighbour. Email me at sharon.p@example.com.\n\nSharon Pemberton: That's all.\n")
	// A memo with a name, and a memo on a withdrawn turn.
	appendFile(t, filepath.Join(dir, "codings", "tom.jsonl"),
		`{"doc": "int-001", "theme": "duplication", "quote": "Same questions", "memo": "compare with what Mrs Okafor said"}`+"\n"+
			`{"doc": "int-006", "theme": "housing", "quote": "My landlord sold up", "memo": "ask Mrs Kowalczyk about this"}`+"\n")
	// The codebook's examples are on the site.
	cb, _ := os.ReadFile(filepath.Join(dir, CodebookFile))
	cb = bytes.Replace(cb, []byte(`      - "the worse it gets, the more they do"`), []byte(`      - "the worse it gets, the more they do"`+"\n"+`      - "ring Mr Hargreaves on 07700 900456"`), 1)
	write(t, filepath.Join(dir, CodebookFile), string(cb))
	// A key message's statement is on the site's home page.
	appendFile(t, filepath.Join(dir, "messages.yaml"), "  - title: Calls go unanswered\n    statement: Nobody rang back, said Mrs Abernathy-Quist.\n    themes: [insufficient-coordination]\n")

	var out, errOut bytes.Buffer
	rep, err := CheckPII(context.Background(), Source{Dir: dir}, &out, &errOut, "text", PIIOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wants := []struct {
		file string
		kind anon.Kind
		text string
	}{
		{"transcripts/int-099.md", anon.Person, "Okonkwo"},
		{"transcripts/int-099.md", anon.Person, "Sharon Pemberton"},
		{"transcripts/int-099.md", anon.Email, "sharon.p@example.com"},
		{"codings/tom.jsonl", anon.Person, "Okafor"},
		{CodebookFile, anon.Phone, "07700 900456"},
		{"messages.yaml", anon.Person, "Abernathy-Quist"},
	}
	for _, w := range wants {
		n := 0
		for _, f := range rep.Findings {
			if f.File == w.file && f.Kind == w.kind && f.Text == w.text {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s %s %q reported %d times, want once (a label is reported once per document)", w.file, w.kind, w.text, n)
		}
	}
	for _, secret := range []string{"900999", "Tyrone", "Kowalczyk"} {
		if strings.Contains(out.String(), secret) || strings.Contains(errOut.String(), secret) {
			t.Errorf("output mentions %q from a withdrawn participant:\n%s", secret, out.String())
		}
	}

	// Every text line points at the finding: the text is at line:col of the file.
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(rep.Findings)+2 {
		t.Fatalf("%d output lines for %d findings:\n%s", len(lines), len(rep.Findings), out.String())
	}
	for _, l := range lines[:len(rep.Findings)] {
		m := findingLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("not file:line:col  kind  text: %q", l)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		data, err := os.ReadFile(m[1])
		if err != nil {
			t.Errorf("%q: %v", l, err)
			continue
		}
		fileLines := strings.Split(string(data), "\n")
		if line > len(fileLines) || col < 1 || !strings.HasPrefix(string([]rune(fileLines[line-1])[col-1:]), m[5]) {
			t.Errorf("%q: the text is not at that line and column", l)
		}
		if _, ok := anon.ParseKind(m[4]); !ok {
			t.Errorf("%q: unknown kind", l)
		}
	}

	// The last line's YAML entry, pasted into anonymisation.yaml, allows the first finding.
	last := lines[len(lines)-1]
	i := strings.Index(last, "- {")
	if i < 0 {
		t.Fatalf("the last line has no YAML entry: %q", last)
	}
	write(t, filepath.Join(dir, AllowlistFile), "allow:\n  "+last[i:]+"\n")
	rep2, err := ScanPII(context.Background(), Source{Dir: dir}, PIIOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Allowed != 1 || len(rep2.Findings) != len(rep.Findings)-1 || len(rep2.Problems) != 0 {
		t.Errorf("after pasting the suggested entry: %d allowed, %d findings (was %d), problems %v",
			rep2.Allowed, len(rep2.Findings), len(rep.Findings), rep2.Problems)
	}

	// JSON holds the same findings with every field.
	out.Reset()
	if _, err := CheckPII(context.Background(), Source{Dir: dir}, &out, &errOut, "json", PIIOptions{}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("json output: %v\n%s", err, out.String())
	}
	if len(got) != len(rep2.Findings) {
		t.Fatalf("json has %d findings, want %d", len(got), len(rep2.Findings))
	}
	for i, g := range got {
		f := rep2.Findings[i]
		if g["file"] != filepath.ToSlash(dir)+"/"+f.File || g["line"] != float64(f.Line) || g["col"] != float64(f.Col) ||
			g["kind"] != string(f.Kind) || g["text"] != f.Text || g["reason"] == "" || g["reason"] == nil {
			t.Errorf("json finding %v does not match %+v", g, f)
		}
	}
}

func write(t testing.TB, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPIICache(t *testing.T) {
	dir := copyExample(t)
	appendFile(t, filepath.Join(dir, "transcripts", "int-001.md"), "\n"+planted[0].line+"\n")
	ctx := context.Background()
	scan := func() (*PIIReport, int64) {
		t.Helper()
		var calls atomic.Int64
		rep, err := ScanPII(ctx, Source{Dir: dir}, counting(&calls))
		if err != nil {
			t.Fatal(err)
		}
		return rep, calls.Load()
	}
	cold, coldCalls := scan()
	warm, warmCalls := scan()
	if coldCalls == 0 || cold.Detected != cold.Files {
		t.Errorf("cold scan: %d calls, %d of %d files detected", coldCalls, cold.Detected, cold.Files)
	}
	if warmCalls != 0 || warm.Detected != 0 {
		t.Errorf("warm scan called the detector %d times on %d files", warmCalls, warm.Detected)
	}
	if !slices.Equal(cold.Findings, warm.Findings) || len(cold.Findings) != 1 {
		t.Errorf("warm findings differ or are not the one planted:\ncold %+v\nwarm %+v", cold.Findings, warm.Findings)
	}

	// The allowlist applies after the cache: still no detection.
	write(t, filepath.Join(dir, AllowlistFile), "allow:\n  - text: "+planted[0].text+"\n")
	allowed, calls := scan()
	if calls != 0 || len(allowed.Findings) != 0 || allowed.Allowed != 1 {
		t.Errorf("after allowing: %d calls, %d findings, %d allowed", calls, len(allowed.Findings), allowed.Allowed)
	}

	// Editing one transcript re-scans it and the memos (which depend on every transcript).
	appendFile(t, filepath.Join(dir, "transcripts", "int-002.md"), "\n"+planted[1].line+"\n")
	edited, _ := scan()
	if want := 1 + 2; edited.Detected != want {
		t.Errorf("after editing one transcript %d files were detected, want %d", edited.Detected, want)
	}
	if len(edited.Findings) != 1 || edited.Findings[0].Text != planted[1].text {
		t.Errorf("after the edit: %+v", edited.Findings)
	}

	// A consent change is in the key: P01's planted phone number disappears.
	parts, _ := os.ReadFile(filepath.Join(dir, "participants.csv"))
	write(t, filepath.Join(dir, "participants.csv"), strings.Replace(string(parts), "P01,parent,Northgate,25-34,lone parent,yes", "P01,parent,Northgate,25-34,lone parent,withdrawn", 1))
	withdrawn, _ := scan()
	for _, f := range withdrawn.Findings {
		if f.Text == planted[0].text {
			t.Errorf("a withdrawn participant's words were reported: %+v", f)
		}
	}
	if withdrawn.Detected != withdrawn.Files {
		t.Errorf("a participants.csv change re-scanned %d of %d files", withdrawn.Detected, withdrawn.Files)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, CacheDir, "pii"))
	if len(entries) != withdrawn.Files {
		t.Errorf("the cache keeps %d entries for %d files: stale ones were not pruned", len(entries), withdrawn.Files)
	}
}

// assertNoneOf fails when text holds any secret sentence. At least one
// control sentence must be found, or the search itself would be broken.
func assertNoneOf(t *testing.T, text string, secret, control []string) {
	t.Helper()
	found := 0
	for _, s := range control {
		if strings.Contains(text, s) {
			found++
		}
	}
	if found == 0 {
		t.Fatalf("none of %d sentences of a consenting participant is in the output: the search is broken", len(control))
	}
	for _, s := range secret {
		if strings.Contains(text, s) {
			t.Errorf("a withdrawn participant's sentence is in the output: %q", s)
		}
	}
}

func BenchmarkScanPIIWarm(b *testing.B) {
	dir := copyExample(b)
	if _, err := ScanPII(context.Background(), Source{Dir: dir}, PIIOptions{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ScanPII(context.Background(), Source{Dir: dir}, PIIOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScanPIICold(b *testing.B) {
	for b.Loop() {
		if _, err := ScanPII(context.Background(), Source{Example: true}, PIIOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	sentenceEnd = regexp.MustCompile(`[.!?]+\s+`)
	htmlTag     = regexp.MustCompile(`<[^>]*>`)
)

// sentences returns the sentences of at least six words in the turns of
// speaker (withheld or not) across the example study, whitespace collapsed.
func sentences(t *testing.T, speaker string) []string {
	t.Helper()
	st, _ := corpus.Load(context.Background(), example.Study(), "example")
	var out []string
	for _, d := range st.Documents {
		for _, turn := range d.Turns {
			if turn.Speaker != speaker {
				continue
			}
			for _, s := range sentenceEnd.Split(d.Body[turn.Start:turn.End], -1) {
				if w := strings.Fields(s); len(w) >= 6 {
					out = append(out, strings.Join(w, " "))
				}
			}
		}
	}
	return out
}

// TestWithdrawnParticipantLeavesNoTrace builds the example's site and
// index and greps every file for the withdrawn participant's sentences. A
// consenting participant's sentences are the control: they must be found,
// or the grep proves nothing.
func TestWithdrawnParticipantLeavesNoTrace(t *testing.T) {
	parts, _ := corpus.ParseParticipants("participants.csv", mustRead(t, example.Study(), "participants.csv"))
	var withdrawn string
	for _, p := range parts {
		if p.Withdrawn {
			withdrawn = p.ID
		}
	}
	secret, control := sentences(t, withdrawn), sentences(t, "P06")
	if withdrawn == "" || len(secret) < 5 || len(control) < 5 {
		t.Fatalf("the example needs a withdrawn participant with words: %q, %d sentences, %d control", withdrawn, len(secret), len(control))
	}
	ctx := context.Background()
	site := filepath.Join(t.TempDir(), "site")
	if err := Build(ctx, Source{Example: true}, BuildOptions{Out: site}); err != nil {
		t.Fatal(err)
	}
	dir := copyExample(t)
	ix, err := OpenIndex(ctx, Source{Dir: dir}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	// Every output file, tags stripped and entities decoded, whitespace collapsed.
	var text strings.Builder
	for _, root := range []string{site, filepath.Join(dir, CacheDir)} {
		for p, data := range snapshot(t, root) {
			s := html.UnescapeString(htmlTag.ReplaceAllString(string(data), ""))
			text.WriteString(p + "\n" + strings.Join(strings.Fields(s), " ") + "\n")
		}
	}
	assertNoneOf(t, text.String(), secret, control)

	// The search index may compress what it stores, so ask it too.
	search := func(s string) bool {
		w := strings.Fields(s)
		q := `"` + strings.Trim(strings.Join(w[:6], " "), `.,;:!?'"`) + `"`
		res, err := ix.Search(ctx, indexRequest(q))
		if err != nil {
			t.Fatalf("search %s: %v", q, err)
		}
		for _, h := range res.Hits {
			if strings.Contains(strings.Join(strings.Fields(h.Text), " "), strings.Join(w[:6], " ")) {
				return true
			}
		}
		return false
	}
	found := 0
	for _, s := range control {
		if search(s) {
			found++
		}
	}
	if found == 0 {
		t.Fatal("the index finds no sentence of a consenting participant: the search is broken")
	}
	for _, s := range secret {
		if search(s) {
			t.Errorf("the index finds a withdrawn participant's sentence: %q", s)
		}
	}
}

func mustRead(t testing.TB, fsys fs.FS, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func indexRequest(q string) index.Request { return index.Request{Query: q, Limit: 50} }

// FuzzPIIDocument scans and pseudonymises arbitrary transcripts: no panic,
// every finding placed inside the file, and every rewrite reads back as the
// same text with the findings replaced.
func FuzzPIIDocument(f *testing.F) {
	for _, name := range []string{"int-001.md", "fg-01-parents.md", "fieldnote-01.md"} {
		data := mustRead(f, example.Study(), "transcripts/"+name)
		f.Add(data[:min(len(data), 2000)]) // small inputs keep the fuzzer fast
	}
	f.Add([]byte("---\nreferred_by: Mrs Okonkwo\nschool: \"St Mary's, 07700 900123\"\n---\nSharon Pemberton: [my son [Jayden]{.a} rang]{.b} on 07700 900123 from LS6 2AB.\n"))
	f.Add([]byte("P01: [Jayden]{.x}[Smith]{.y} \\[sic\\] lives at 12 Acacia Road, LS6 2AB.\r\nKyle: ok\r\n"))
	det := anon.NewDetector(anon.Options{Allow: []string{"Eastmere"}})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, probs := corpus.ParseDocument("transcripts/x.md", data)
		if d == nil || probs.HasErrors() {
			return
		}
		text := normalise(data)
		nlines := strings.Count(text, "\n") + 1
		for _, fd := range transcriptEntry(det, d, data).Findings {
			if fd.Line < 1 || fd.Line > nlines || fd.Col < 1 || fd.Text == "" {
				t.Errorf("finding outside the file: %+v", fd)
			}
		}
		p := &pseudonymiser{op: &Opened{Name: "x"}, det: det, ps: anon.NewPseudonymiser(), files: map[string][]byte{},
			res: &PseudonymiseResult{}, docs: map[string]*newDoc{}}
		_, b := scanDocument(det, d, text)
		if err := p.rewriteDoc(d, text, b); err != nil && strings.Contains(err.Error(), "read back") {
			t.Fatal(err)
		}
	})
}

// FuzzScanYAML scans arbitrary codebooks: every placed finding is exactly
// its text in the file, so pseudonymise replaces the right bytes.
func FuzzScanYAML(f *testing.F) {
	f.Add(mustRead(f, example.Study(), CodebookFile))
	f.Add([]byte("- id: a\n  name: A\n  examples: [\"ring Mr Hargreaves on 07700 900456\", 'Mrs Okafor said']\n  description: |\n    Sharon Pemberton\n    at LS6 2AB\n"))
	det := anon.NewDetector(anon.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		text := normalise(data)
		for _, p := range scanYAML(det, CodebookFile, text, 1, codebookKeys) {
			if p.Start >= 0 && (p.End > len(text) || text[p.Start:p.End] != p.Text) {
				t.Errorf("placed %q at [%d:%d] of the file", p.Text, p.Start, p.End)
			}
			if p.Line < 1 || p.Col < 1 {
				t.Errorf("finding at %d:%d", p.Line, p.Col)
			}
		}
	})
}

// FuzzScanMemos scans arbitrary codings files without panicking and places
// findings on the record's line.
func FuzzScanMemos(f *testing.F) {
	f.Add(mustRead(f, example.Study(), "codings/amira.jsonl"))
	f.Add([]byte(`{"doc": "int-001", "theme": "x", "quote": "q", "memo": "ask Mrs Okafor \u00e9 on 07700 900123"}` + "\n\n{bad\n"))
	det := anon.NewDetector(anon.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		nlines := strings.Count(normalise(data), "\n") + 1
		for _, m := range scanMemos(det, "codings/x.jsonl", data, map[string]*piiEntry{}, nil) {
			if m.Line < 1 || m.Line > nlines || m.Col < 1 {
				t.Errorf("memo finding at %d:%d of %d lines", m.Line, m.Col, nlines)
			}
		}
	})
}
