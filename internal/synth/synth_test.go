package synth

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/residentinsight/insight/coding"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

func small() Options {
	return Options{Docs: 5, WordsPerDoc: 500, Themes: 40, Coders: 2, Seed: 1, Withdrawn: 1}
}

// write writes a study into a fresh folder, failing the test on error.
func write(t testing.TB, o Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := Write(dir, o); err != nil {
		t.Fatalf("Write(%+v): %v", o, err)
	}
	return dir
}

// files reads every file under dir, keyed by slash path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteIsDeterministic(t *testing.T) {
	tests := []struct {
		name string
		o    Options
	}{
		{"small", small()},
		{"many coders, few themes", Options{Docs: 7, WordsPerDoc: 300, Themes: 5, Coders: 4, Seed: 42, Withdrawn: 3, PlantPII: 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := files(t, write(t, tc.o)), files(t, write(t, tc.o))
			if len(a) != len(b) {
				t.Fatalf("first run wrote %d files, second %d", len(a), len(b))
			}
			want := 3 + tc.o.Docs + tc.o.Coders
			if len(a) != want {
				t.Errorf("wrote %d files, want %d (3 + docs + coders)", len(a), want)
			}
			for name, data := range a {
				if !bytes.Equal(data, b[name]) {
					t.Errorf("%s differs between two runs with the same options", name)
				}
			}
			other := tc.o
			other.Seed++
			c := files(t, write(t, other))
			if bytes.Equal(a["transcripts/doc-0001.md"], c["transcripts/doc-0001.md"]) {
				t.Errorf("seeds %d and %d wrote the same doc-0001.md", tc.o.Seed, other.Seed)
			}
		})
	}
}

// TestDocumentsIgnoreCoders checks the streams are separate: adding a coder
// changes no transcript.
func TestDocumentsIgnoreCoders(t *testing.T) {
	o := small()
	a := files(t, write(t, o))
	o.Coders = 3
	b := files(t, write(t, o))
	for name, data := range a {
		if strings.HasPrefix(name, "transcripts/") && !bytes.Equal(data, b[name]) {
			t.Errorf("%s changed when Coders went from 2 to 3", name)
		}
	}
	if !bytes.Equal(a["codings/coder-a.jsonl"], b["codings/coder-a.jsonl"]) {
		t.Errorf("coder-a.jsonl changed when a third coder was added")
	}
}

// loaded is a study read back through the product's own readers.
type loaded struct {
	dir  string
	st   *corpus.Study
	cb   *themes.Codebook
	docs map[string]*corpus.Document
	recs map[string][]coding.Record // by coder file
}

func load(t *testing.T, dir string) loaded {
	t.Helper()
	st, probs := corpus.Load(context.Background(), os.DirFS(dir), "study")
	if len(probs) > 0 {
		t.Fatalf("corpus.Load reported problems:\n%v", probs)
	}
	data, err := os.ReadFile(filepath.Join(dir, "codebook.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cb, probs := themes.Parse("codebook.yaml", data)
	if len(probs) > 0 {
		t.Fatalf("themes.Parse reported problems:\n%v", probs)
	}
	l := loaded{dir: dir, st: st, cb: cb, docs: map[string]*corpus.Document{}, recs: map[string][]coding.Record{}}
	for _, d := range st.Documents {
		l.docs[d.ID] = d
	}
	coders, _ := filepath.Glob(filepath.Join(dir, "codings", "*.jsonl"))
	for _, name := range coders {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			var r coding.Record
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("%s:%d: %v", name, line, err)
			}
			l.recs[filepath.Base(name)] = append(l.recs[filepath.Base(name)], r)
		}
		f.Close()
	}
	return l
}

func TestCodingsQuoteTheBodyAtTheirOffsets(t *testing.T) {
	for _, o := range []Options{small(), {Docs: 12, WordsPerDoc: 1500, Themes: 40, Coders: 3, Seed: 9}} {
		l := load(t, write(t, o))
		if len(l.recs) != o.Coders {
			t.Fatalf("%d coder files, want %d", len(l.recs), o.Coders)
		}
		for coder, recs := range l.recs {
			if len(recs) == 0 {
				t.Errorf("%s is empty", coder)
			}
			for i, r := range recs {
				d := l.docs[r.Doc]
				if d == nil {
					t.Fatalf("%s record %d: unknown doc %q", coder, i+1, r.Doc)
				}
				if l.cb.Lookup(r.Theme) == nil {
					t.Errorf("%s record %d: theme %q is not in the codebook", coder, i+1, r.Theme)
				}
				if got := d.Body[d.ByteOffset(r.Start):d.ByteOffset(r.End)]; got != r.Quote {
					t.Errorf("%s record %d: body[%d:%d] = %q, quote is %q", coder, i+1, r.Start, r.End, got, r.Quote)
				}
				// And by the spec, independently of corpus: code points of the stripped body.
				if got := string([]rune(stripBody(t, d.Path, l))[r.Start:r.End]); got != r.Quote {
					t.Errorf("%s record %d: stripped body[%d:%d] = %q, quote is %q", coder, i+1, r.Start, r.End, got, r.Quote)
				}
			}
		}
	}
}

var spanMarkup = regexp.MustCompile(`\[([^\[\]]*)\]\{(?:\.[a-z0-9-]+ ?)+\}`)

// stripBody is the spec's body, computed without the corpus package: the
// text after the closing --- line, with [text]{.a} replaced by text.
func stripBody(t *testing.T, rel string, l loaded) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(l.dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("%s: no front matter", rel)
	}
	return spanMarkup.ReplaceAllString(body, "$1")
}

func TestCodersOverlap(t *testing.T) {
	l := load(t, write(t, Options{Docs: 20, WordsPerDoc: 3000, Themes: 40, Coders: 2, Seed: 3}))
	a, b := l.recs["coder-a.jsonl"], l.recs["coder-b.jsonl"]
	type span struct {
		doc        string
		start, end int
	}
	inA := map[span]string{}
	for _, r := range a {
		inA[span{r.Doc, r.Start, r.End}] = r.Theme
	}
	shared, sameTheme := 0, 0
	for _, r := range b {
		if th, ok := inA[span{r.Doc, r.Start, r.End}]; ok {
			shared++
			if th == r.Theme {
				sameTheme++
			}
		}
	}
	words := 20 * 3000
	for _, c := range []struct {
		what     string
		got      float64
		lo, high float64
	}{
		{"coder-a codings per 300 words", float64(len(a)) * 300 / float64(words), 0.7, 1.3},
		{"coder-b codings per 300 words", float64(len(b)) * 300 / float64(words), 0.7, 1.3},
		{"share of coder-b's quotes also coded by coder-a", float64(shared) / float64(len(b)), 0.6, 0.8},
		{"share of shared quotes with the same theme", float64(sameTheme) / float64(max(1, shared)), 0.65, 0.85},
	} {
		if c.got < c.lo || c.got > c.high {
			t.Errorf("%s = %.2f, want %.2f–%.2f", c.what, c.got, c.lo, c.high)
		}
	}
}

func TestCodebookShape(t *testing.T) {
	for _, n := range []int{1, 5, 8, 9, 40, 57, 100} {
		cb, probs := themes.Parse("codebook.yaml", codebookYAML(buildThemes(n)))
		if len(probs) > 0 {
			t.Fatalf("%d themes: themes.Parse reported problems:\n%v", n, probs)
		}
		if len(cb.All) != n {
			t.Errorf("%d themes: codebook has %d", n, len(cb.All))
		}
		if want := min(n, 8); len(cb.Roots) != want {
			t.Errorf("%d themes: %d roots, want %d", n, len(cb.Roots), want)
		}
		deepest := 0
		for _, th := range cb.All {
			deepest = max(deepest, th.Depth)
			if k := len(th.Keywords); k < 2 || k > 4 {
				t.Errorf("%d themes: %s has %d keywords, want 2–4", n, th.ID, k)
			}
			if !regexp.MustCompile(`^#[0-9a-f]{6}$`).MatchString(th.Colour) {
				t.Errorf("%d themes: %s colour %q is not #rrggbb", n, th.ID, th.Colour)
			}
		}
		if n >= 40 && deepest != 2 {
			t.Errorf("%d themes: deepest level %d, want 2", n, deepest)
		}
	}
}

func TestWordCounts(t *testing.T) {
	for _, words := range []int{200, 500, 2000, 8000} {
		o := Options{Docs: 8, WordsPerDoc: words, Themes: 40, Coders: 1, Seed: int64(words)}
		l := load(t, write(t, o))
		for _, d := range l.st.Documents {
			n := 0
			for _, tu := range d.Turns {
				n += len(strings.Fields(d.Body[tu.Start:tu.End]))
			}
			if diff := float64(n-words) / float64(words); diff < -0.05 || diff > 0.05 {
				t.Errorf("%d words per doc: %s (%s) has %d words in its turns", words, d.ID, d.Kind, n)
			}
		}
	}
}

func TestDocumentsAreWellFormed(t *testing.T) {
	o := Options{Docs: 60, WordsPerDoc: 800, Themes: 40, Coders: 1, Seed: 5, Withdrawn: 4}
	l := load(t, write(t, o))
	kinds := map[string]int{}
	withdrawn, inline := 0, 0
	for _, p := range l.st.Participants {
		if p.Withdrawn {
			withdrawn++
		}
	}
	if withdrawn != o.Withdrawn {
		t.Errorf("%d participants withdrawn, want %d", withdrawn, o.Withdrawn)
	}
	for _, d := range l.st.Documents {
		kinds[d.Kind]++
		if d.Kind != corpus.KindFocusGroup && d.Case == "" {
			t.Errorf("%s (%s) has no case", d.ID, d.Kind)
		}
		for _, c := range d.Codes {
			inline++
			for _, th := range c.Themes {
				if l.cb.Lookup(th) == nil {
					t.Errorf("%s: inline code .%s is not in the codebook", d.ID, th)
				}
			}
		}
		for _, tu := range d.Turns {
			switch {
			case d.Kind == corpus.KindFieldnote && tu.Role != corpus.RoleObserver:
				t.Errorf("%s: field note has a %s turn %q", d.ID, tu.Role, tu.Speaker)
			case tu.Role == corpus.RoleUnlisted:
				t.Errorf("%s: label %q is not in participants.csv", d.ID, tu.Speaker)
			}
		}
		if len(d.Segments) == 0 && !d.Withheld {
			t.Errorf("%s has no segments", d.ID)
		}
	}
	if kinds[corpus.KindInterview] < 40 || kinds[corpus.KindInterview] == o.Docs {
		t.Errorf("kinds %v: want mostly interviews and some others", kinds)
	}
	if per := float64(o.Docs*o.WordsPerDoc) / float64(inline); per < 250 || per > 600 {
		t.Errorf("one inline code per %.0f words, want about 400", per)
	}
}

// TestNoPersonalData checks the text a guard would see: no digits outside
// timestamps, and no capitalised word that is not "I", a sentence start,
// an acronym or declared vocabulary. With anon's name lists in the
// checkout, sentence starts and lower-case words are checked against them too.
func TestNoPersonalData(t *testing.T) {
	o := Options{Docs: 40, WordsPerDoc: 1000, Themes: 40, Coders: 0, Seed: 11}
	l := load(t, write(t, o))
	declared := map[string]bool{"I": true}
	for _, v := range append(l.st.Config.Vocabulary.Places, l.st.Config.Vocabulary.Agencies...) {
		for _, w := range strings.Fields(v) {
			declared[w] = true
		}
	}
	names := nameLists(t)
	stamp := regexp.MustCompile(`\[\d\d:\d\d:\d\d\]`)
	word := regexp.MustCompile(`[\p{L}'’-]+`)
	for _, d := range l.st.Documents {
		for _, tu := range d.Turns {
			text := d.Body[tu.Start:tu.End]
			if i := strings.IndexFunc(stamp.ReplaceAllString(text, ""), unicode.IsDigit); i >= 0 {
				t.Errorf("%s: digit in %q", d.ID, text[max(0, i-20):min(len(text), i+20)])
			}
			sentenceStart := true
			for _, f := range strings.Fields(text) {
				w := word.FindString(f)
				base, _, _ := strings.Cut(strings.NewReplacer("’", "'").Replace(w), "'")
				switch {
				case w == "":
				case unicode.IsUpper([]rune(w)[0]) && !declared[base] && strings.ToUpper(w) != w && !sentenceStart:
					t.Errorf("%s: capitalised %q mid-sentence", d.ID, w)
				case names[strings.ToLower(w)] && (sentenceStart || unicode.IsLower([]rune(w)[0])):
					t.Errorf("%s: %q is in anon's name lists", d.ID, w)
				}
				if !strings.HasPrefix(f, "[") { // [laughs] and the like leave it as it was
					sentenceStart = strings.ContainsAny(f[len(f)-1:], ".?!")
				}
			}
		}
	}
}

// nameLists reads anon/data's first names and ambiguous names, if present.
func nameLists(t *testing.T) map[string]bool {
	out := map[string]bool{}
	for _, f := range []string{"firstnames.txt", "ambiguous.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "anon", "data", f))
		if err != nil {
			t.Logf("not checking against anon name lists: %v", err)
			return out
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line, _, _ = strings.Cut(line, "#"); line != "" {
				for _, w := range strings.Fields(line) {
					out[strings.ToLower(w)] = true
				}
			}
		}
	}
	return out
}

func TestPlantPII(t *testing.T) {
	names := strings.Join(append(plantBoys, plantGirls...), "|")
	found := regexp.MustCompile(`\b(` + names + `)\b|07700 900\d{3}|WM\d \d[A-Z]{2}`)
	for _, n := range []int{1, 7, 50} {
		o := Options{Docs: 6, WordsPerDoc: 400, Themes: 10, Coders: 1, Seed: int64(n), PlantPII: n}
		l := load(t, write(t, o))
		got := 0
		for _, d := range l.st.Documents {
			got += len(found.FindAllString(d.Body, -1))
		}
		if got != n {
			t.Errorf("PlantPII %d: found %d identifiers", n, got)
		}
	}
}

func TestWriteRefuses(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dir  string
		o    Options
		want string
	}{
		{"non-empty folder", full, small(), "not empty"},
		{"no docs", "", Options{Docs: 0, WordsPerDoc: 100, Themes: 3}, "Docs is 0"},
		{"negative coders", "", Options{Docs: 1, WordsPerDoc: 100, Themes: 3, Coders: -1}, "Coders is -1"},
		{"too many withdrawn", "", Options{Docs: 1, WordsPerDoc: 100, Themes: 3, Withdrawn: 1000}, "only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir
			if dir == "" {
				dir = filepath.Join(t.TempDir(), "new")
			}
			err := Write(dir, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(full, "notes.txt")); string(data) != "keep me" {
		t.Errorf("the non-empty folder was changed")
	}
}

// FuzzWrite checks the invariants for any small options: Write either
// refuses them or writes a study the product reads without problems, whose
// codings quote the body at their offsets.
func FuzzWrite(f *testing.F) {
	f.Add(int64(1), uint8(3), uint16(200), uint8(40), uint8(2), uint8(1), uint8(0))
	f.Add(int64(-7), uint8(1), uint16(20), uint8(1), uint8(0), uint8(0), uint8(3))
	f.Add(int64(99), uint8(9), uint16(900), uint8(120), uint8(5), uint8(4), uint8(9))
	f.Fuzz(func(t *testing.T, seed int64, docs uint8, words uint16, nthemes, coders, withdrawn, pii uint8) {
		o := Options{Docs: int(docs % 10), WordsPerDoc: int(words % 1200), Themes: int(nthemes), Coders: int(coders % 6),
			Seed: seed, Withdrawn: int(withdrawn % 8), PlantPII: int(pii % 12)}
		dir := filepath.Join(t.TempDir(), "study")
		if err := Write(dir, o); err != nil {
			if o.check() == nil && !strings.Contains(err.Error(), "Withdrawn") {
				t.Fatalf("Write(%+v) refused valid options: %v", o, err)
			}
			return
		}
		l := load(t, dir)
		if len(l.cb.All) != o.Themes || len(l.st.Documents) != o.Docs {
			t.Fatalf("%+v: %d themes and %d documents", o, len(l.cb.All), len(l.st.Documents))
		}
		for coder, recs := range l.recs {
			for i, r := range recs {
				d := l.docs[r.Doc]
				if got := d.Body[d.ByteOffset(r.Start):d.ByteOffset(r.End)]; got != r.Quote {
					t.Fatalf("%+v: %s record %d: body has %q, quote %q", o, coder, i+1, got, r.Quote)
				}
			}
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	o := Default()
	o.Docs = 20
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "study")
		if err := Write(dir, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(o.Docs*o.WordsPerDoc)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// TestDenseCodesEverySentence: in the dense shape both coders code the same
// sentences (every codeable one), far more than the plain shape, and the
// transcripts do not change.
func TestDenseCodesEverySentence(t *testing.T) {
	plain := small()
	dense := plain
	dense.Dense = true
	p, d := files(t, write(t, plain)), files(t, write(t, dense))
	spans := func(data []byte) map[string]bool {
		out := map[string]bool{}
		for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var r coding.Record
			if err := json.Unmarshal(line, &r); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("%s:%d-%d", r.Doc, r.Start, r.End)] = true
		}
		return out
	}
	a, b := d["codings/coder-a.jsonl"], d["codings/coder-b.jsonl"]
	sa, sb := spans(a), spans(b)
	if len(sa) != len(sb) || len(sa) != bytes.Count(a, []byte("\n")) {
		t.Errorf("dense: coder-a coded %d spans in %d lines, coder-b %d spans", len(sa), bytes.Count(a, []byte("\n")), len(sb))
	}
	for k := range sa {
		if !sb[k] {
			t.Fatalf("dense: coder-b did not code %s", k)
		}
	}
	if n, m := bytes.Count(a, []byte("\n")), bytes.Count(p["codings/coder-a.jsonl"], []byte("\n")); n < 5*m {
		t.Errorf("dense coder-a has %d codings, plain %d: want at least five times as many", n, m)
	}
	if !bytes.Equal(p["transcripts/doc-0001.md"], d["transcripts/doc-0001.md"]) {
		t.Error("dense changed the transcripts")
	}
}
