package privacy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/residentinsight/insight/internal/exampletext"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/themes"
)

// dirSource is the study in dir with its cache where study keeps it.
func dirSource(dir string) Source {
	return Source{FS: os.DirFS(dir), Name: dir, Dir: dir, Cache: filepath.Join(dir, ".insight", "pii")}
}

func exampleSource() Source { return Source{FS: example.Study(), Name: "example"} }

// opened is a study read and coded the way study.Open does.
type opened struct {
	Study   *corpus.Study
	Records []coding.Record
	Coded   *coding.Coded
}

func openStudy(ctx context.Context, src Source) (*opened, diag.List) {
	var probs diag.List
	st, p := corpus.Load(ctx, src.FS, src.Name)
	probs.Add(p...)
	cb, p := themes.Load(src.FS, themes.CodebookFile, joinName(src.Name, themes.CodebookFile))
	probs.Add(p...)
	if st == nil || cb == nil {
		return nil, probs
	}
	recs, p := coding.LoadRecords(src.FS, src.Name)
	probs.Add(p...)
	coded, p := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true})
	probs.Add(p...)
	return &opened{Study: st, Records: recs, Coded: coded}, probs
}

// pseudonymise is what study.Pseudonymise does: read the study and its
// allowlist, refuse errors, write the copy.
func pseudonymise(ctx context.Context, src Source, opts PseudonymiseOptions) (*PseudonymiseResult, error) {
	if _, _, err := Targets(src, opts.Out, opts.Key); err != nil {
		return nil, err
	}
	op, probs := openStudy(ctx, src)
	allow, p := LoadAllowlist(src.FS, src.Name)
	probs.Add(p...)
	if op == nil || probs.HasErrors() {
		return nil, fmt.Errorf("the study has errors: %v", probs.Errors())
	}
	opts.Allow = allow
	return Pseudonymise(ctx, src, op.Study, opts)
}

// scanText is what check --pii prints.
func scanText(ctx context.Context, src Source, format string) (*Report, string, error) {
	rep, err := Scan(ctx, src, Options{}, nil)
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	err = WriteReport(&b, rep, format)
	return rep, b.String(), err
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

func counting(calls *atomic.Int64) Options {
	return Options{NewDetector: func(o anon.Options) Detector {
		return countingDetector{anon.NewDetector(o), calls}
	}}
}

func TestExampleHasNoUnreviewedPII(t *testing.T) {
	var calls atomic.Int64
	rep, err := Scan(context.Background(), exampleSource(), counting(&calls), nil)
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

func TestPIIMaxListed(t *testing.T) {
	rep := &Report{Name: "s"}
	for i := range maxListed + 7 {
		rep.Findings = append(rep.Findings, Finding{File: "transcripts/a.md", Line: i + 1, Col: 1, Kind: anon.Phone, Text: "07700 900" + strconv.Itoa(100+i)})
	}
	msg := (&UnreviewedError{rep}).Error()
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
	dir := exampletext.Copy(t)
	tr := filepath.Join(dir, "transcripts")
	// A withdrawn participant's turn (P09, int-006): never scanned.
	exampletext.Append(t, filepath.Join(tr, "int-006.md"), "\nP09: My number is 07700 900999 and my son Tyrone goes to the school.\n")
	// An unlisted speaker whose label is a name, a front matter value, a turn.
	write(t, filepath.Join(tr, "int-099.md"), "---\nkind: interview\nreferred_by: Mrs Okonkwo\n---\n\nInterviewer: Who is this?\n\nSharon Pemberton: Me, I'm the neighbour. Email me at sharon.p@example.com.\n\nSharon Pemberton: That's all.\n")
	// A memo with a name, and a memo on a withdrawn turn.
	exampletext.Append(t, filepath.Join(dir, "codings", "tom.jsonl"),
		`{"doc": "int-001", "theme": "duplication", "quote": "Same questions", "memo": "compare with what Mrs Okafor said"}`+"\n"+
			`{"doc": "int-006", "theme": "housing", "quote": "My landlord sold up", "memo": "ask Mrs Kowalczyk about this"}`+"\n")
	// The codebook's examples are on the site.
	cb, _ := os.ReadFile(filepath.Join(dir, themes.CodebookFile))
	cb = bytes.Replace(cb, []byte(`      - "the worse it gets, the more they do"`), []byte(`      - "the worse it gets, the more they do"`+"\n"+`      - "ring Mr Hargreaves on 07700 900456"`), 1)
	write(t, filepath.Join(dir, themes.CodebookFile), string(cb))
	// A key message's statement is on the site's home page.
	exampletext.Append(t, filepath.Join(dir, "messages.yaml"), "  - title: Calls go unanswered\n    statement: Nobody rang back, said Mrs Abernathy-Quist.\n    themes: [insufficient-coordination]\n")

	var out, errOut bytes.Buffer
	rep, text, err := scanText(context.Background(), dirSource(dir), "text")
	out.WriteString(text)
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
		{themes.CodebookFile, anon.Phone, "07700 900456"},
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
	rep2, err := Scan(context.Background(), dirSource(dir), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Allowed != 1 || len(rep2.Findings) != len(rep.Findings)-1 || len(rep2.Problems) != 0 {
		t.Errorf("after pasting the suggested entry: %d allowed, %d findings (was %d), problems %v",
			rep2.Allowed, len(rep2.Findings), len(rep.Findings), rep2.Problems)
	}

	// JSON holds the same findings with every field.
	out.Reset()
	_, text, err = scanText(context.Background(), dirSource(dir), "json")
	if err != nil {
		t.Fatal(err)
	}
	out.WriteString(text)
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
	dir := exampletext.Copy(t)
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"), "\n"+planted[0].line+"\n")
	ctx := context.Background()
	scan := func() (*Report, int64) {
		t.Helper()
		var calls atomic.Int64
		rep, err := Scan(ctx, dirSource(dir), counting(&calls), nil)
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

	// Editing one transcript nobody withdrew from re-scans it alone: the
	// memos depend on transcripts only through consent (TestPIIMemoConsentKey).
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-002.md"), "\n"+planted[1].line+"\n")
	edited, _ := scan()
	if want := 1; edited.Detected != want {
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
	entries, _ := packcache.Names(filepath.Join(dir, ".insight", "pii", findingsPack))
	if len(entries) != withdrawn.Files {
		t.Errorf("the cache keeps %d entries for %d files: stale ones were not pruned", len(entries), withdrawn.Files)
	}
}

// TestPIIMemoConsentKey edits only a transcript, so that a memo's quote
// moves into and then out of a withdrawn participant's turn: the memo's
// cached findings must follow, because what reaches the site does.
func TestPIIMemoConsentKey(t *testing.T) {
	dir := exampletext.Copy(t)
	int001 := filepath.Join(dir, "transcripts", "int-001.md")
	orig, err := os.ReadFile(int001)
	if err != nil {
		t.Fatal(err)
	}
	const quote = "The caseworker moved on in the spring"
	exampletext.Append(t, filepath.Join(dir, "codings", "tom.jsonl"),
		`{"doc": "int-001", "theme": "housing", "quote": "`+quote+`", "memo": "ask Mrs Kowalczyk about this"}`+"\n")
	reported := func(when string) bool {
		t.Helper()
		rep, err := Scan(context.Background(), dirSource(dir), Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range rep.Findings {
			if f.File == "codings/tom.jsonl" && f.Text == "Kowalczyk" {
				n++
			}
		}
		if n > 1 {
			t.Errorf("%s: the memo's name is reported %d times", when, n)
		}
		return n == 1
	}
	// The quote is in no turn yet: the memo may reach the site, so it is scanned.
	if !reported("quote not in the transcript") {
		t.Error("a memo on a consenting participant's document is not scanned")
	}
	// The quote becomes a withdrawn participant's (P09) words: the memo is
	// withheld with them, and its finding goes.
	write(t, int001, string(orig)+"\nP09: "+quote+".\n")
	if reported("quote in P09's turn") {
		t.Error("a memo on a withdrawn participant's words is still reported after a transcript edit")
	}
	// The quote moves to P01's (consenting) turn while P09 still speaks, so
	// the document stays partly withheld: the memo reaches the site again,
	// and its finding must come back, not stay hidden by the cache.
	write(t, int001, string(orig)+"\nP09: I would rather not say.\n\nP01: "+quote+".\n")
	if !reported("quote in P01's turn") {
		t.Error("a memo that now reaches the site is not reported: the cache kept its withdrawn state")
	}
}

func BenchmarkScanPIIWarm(b *testing.B) {
	dir := exampletext.Copy(b)
	if _, err := Scan(context.Background(), dirSource(dir), Options{}, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Scan(context.Background(), dirSource(dir), Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScanPIICold(b *testing.B) {
	for b.Loop() {
		if _, err := Scan(context.Background(), exampleSource(), Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// sentences is exampletext.Sentences, failing the test when there are none.
func sentences(t *testing.T, speaker string) []string {
	t.Helper()
	out := exampletext.Sentences(speaker)
	if len(out) == 0 {
		t.Fatalf("the example has no sentences by %s", speaker)
	}
	return out
}

func mustRead(t testing.TB, fsys fs.FS, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

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
		p := &pseudonymiser{src: Source{Name: "x"}, det: det, ps: anon.NewPseudonymiser(), files: map[string][]byte{},
			res: &PseudonymiseResult{}, docs: map[string]*newDoc{}}
		_, b := scanDocument(det, d, newLines(text))
		if err := p.rewriteDoc(d, newLines(text), b); err != nil && strings.Contains(err.Error(), "read back") {
			t.Fatal(err)
		}
	})
}

// FuzzScanYAML scans arbitrary codebooks: every placed finding is exactly
// its text in the file, so pseudonymise replaces the right bytes.
func FuzzScanYAML(f *testing.F) {
	f.Add(mustRead(f, example.Study(), themes.CodebookFile))
	f.Add([]byte("- id: a\n  name: A\n  examples: [\"ring Mr Hargreaves on 07700 900456\", 'Mrs Okafor said']\n  description: |\n    Sharon Pemberton\n    at LS6 2AB\n"))
	det := anon.NewDetector(anon.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		text := normalise(data)
		for _, p := range scanYAML(det, themes.CodebookFile, newLines(text), 1, codebookKeys) {
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

// longLineStudy writes a study whose one transcript is a single line of
// about size bytes, with a phone number in every sentence of ~250 bytes:
// many findings on one line, the worst case for placing them.
func longLineStudy(b *testing.B, size int) Source {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "study")
	for _, sub := range []string{"transcripts", "codings"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	write(b, filepath.Join(dir, "insight.yaml"), "title: Long\ndescription: One long line.\n")
	write(b, filepath.Join(dir, themes.CodebookFile), "themes:\n  - id: dup\n    name: Asked again\n    description: Telling it twice.\n")
	write(b, filepath.Join(dir, "participants.csv"), "id,role,consent\nP01,parent,yes\n")
	sentence := "I asked about the rent arrears again and they said ring the office on 07700 900123 but nobody picked up, so the same questions came round the next week as well. "
	var body strings.Builder
	body.WriteString("---\nkind: interview\n---\n\nP01: ")
	for body.Len() < size {
		body.WriteString(sentence)
	}
	body.WriteString("\n")
	write(b, filepath.Join(dir, "transcripts", "long.md"), body.String())
	return Source{FS: os.DirFS(dir), Name: dir, Dir: dir} // no cache: every run scans
}

// BenchmarkScanLongLine scans one transcript that is a single line of 0.1
// to 8 MB. Time per MB (the s/MB metric) must stay flat: placing findings
// was once quadratic in the line's length.
func BenchmarkScanLongLine(b *testing.B) {
	for _, mb := range []float64{0.1, 1, 8} {
		b.Run(fmt.Sprintf("%gMB", mb), func(b *testing.B) {
			src := longLineStudy(b, int(mb*1e6))
			// One detector for every run: making one reads the name lists,
			// a fixed cost that is not what this measures.
			det := anon.NewDetector(anon.Options{})
			opts := Options{NewDetector: func(anon.Options) Detector { return det }}
			b.SetBytes(int64(mb * 1e6))
			start := time.Now()
			for b.Loop() {
				rep, err := Scan(context.Background(), src, opts, nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Findings) < int(mb*1e6)/200 {
					b.Fatalf("%d findings in %g MB: the study is not what the benchmark means", len(rep.Findings), mb)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N)/mb, "s/MB")
		})
	}
}

// FuzzLines checks lines against counting from the start of the text for
// each offset, asked in any order, and line starts against splitting.
func FuzzLines(f *testing.F) {
	f.Add("", []byte{0, 1})
	f.Add("a", []byte{1, 0, 1})
	f.Add("ab\ncé\n\nd", []byte{9, 4, 5, 3, 0, 2, 3, 7, 200})
	f.Add("one very long line with café and naïve in it", []byte{40, 12, 13, 30, 2})
	f.Fuzz(func(t *testing.T, text string, offs []byte) {
		l := newLines(text)
		asked := make([]int, len(offs))
		for i, o := range offs {
			asked[i] = int(o) % (len(text) + 2) // one past the end is clamped
		}
		lines, cols := l.atAll(asked)
		for i, off := range asked {
			o := min(off, len(text))
			ls := strings.LastIndexByte(text[:o], '\n') + 1
			wl, wc := strings.Count(text[:ls], "\n")+1, utf8.RuneCountInString(text[ls:o])+1
			if lines[i] != wl || cols[i] != wc {
				t.Errorf("offset %d of %q: %d:%d, want %d:%d", off, text, lines[i], cols[i], wl, wc)
			}
			if line, col := l.at(off); line != wl || col != wc {
				t.Errorf("at(%d) of %q asked again: %d:%d, want %d:%d", off, text, line, col, wl, wc)
			}
		}
		split := strings.Split(text, "\n")
		off := 0
		for n := 1; n <= len(split)+1; n++ {
			want := min(off, len(text))
			if got := l.start(n); got != want {
				t.Errorf("start(%d) of %q = %d, want %d", n, text, got, want)
			}
			if n <= len(split) {
				off += len(split[n-1]) + 1
			}
		}
	})
}

// countingFS counts the transcripts opened through it.
type countingFS struct {
	fs.FS
	opened *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, "transcripts/") {
		c.opened.Add(1)
	}
	return c.FS.Open(name)
}

// Given the study build has read, a scan reads again only the transcripts
// whose findings are not cached: an edited one is read and detected.
func TestPIIKnownHashesReadMissesOnly(t *testing.T) {
	dir := exampletext.Copy(t)
	ctx := context.Background()
	scan := func() (*Report, int64) {
		t.Helper()
		st, probs := corpus.Load(ctx, os.DirFS(dir), dir)
		if probs.HasErrors() {
			t.Fatal(probs)
		}
		var opened, calls atomic.Int64
		src := dirSource(dir)
		src.FS = countingFS{src.FS, &opened}
		rep, err := Scan(ctx, src, counting(&calls), st)
		if err != nil {
			t.Fatal(err)
		}
		return rep, opened.Load()
	}
	if _, read := scan(); read == 0 {
		t.Errorf("a cold scan read no transcript")
	}
	if _, read := scan(); read != 0 {
		t.Errorf("a warm scan read %d transcripts again", read)
	}
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-002.md"), "\n"+planted[1].line+"\n")
	edited, read := scan()
	if read != 1 || edited.Detected != 1 {
		t.Errorf("after editing one transcript: %d read, %d detected", read, edited.Detected)
	}
	if len(edited.Findings) != 1 || edited.Findings[0].Text != planted[1].text {
		t.Errorf("after the edit: %+v", edited.Findings)
	}
}
