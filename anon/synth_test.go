package anon

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/synth"
)

// synthDoc is one transcript body of a synthetic study.
type synthDoc struct {
	name, body string
	turns      [][2]int // byte spans of the speaker turns in body
}

// scanModes are the two ways the detector meets a transcript: the whole
// body, and one turn at a time, as insight check --pii reads it. A short
// turn says less about whether the text is typed or speech-to-text.
var scanModes = []string{"body", "turns"}

// detect runs d over doc in the given mode; offsets are into doc.body.
func (doc synthDoc) detect(d *Detector, mode string) []Finding {
	if mode == "body" {
		return d.Detect(doc.body)
	}
	var out []Finding
	for _, t := range doc.turns {
		for _, f := range d.Detect(doc.body[t[0]:t[1]]) {
			f.Start += t[0]
			f.End += t[0]
			out = append(out, f)
		}
	}
	return out
}

// synthStudy writes a synthetic study and returns its declared vocabulary
// (as check --pii passes it) and every transcript body.
func synthStudy(t testing.TB, o synth.Options) (allow []string, docs []synthDoc) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "insight.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := corpus.ParseConfig("insight.yaml", data)
	if probs.HasErrors() {
		t.Fatalf("synthetic insight.yaml: %v", probs)
	}
	v := cfg.Vocabulary
	allow = append(append(append(allow, v.Places...), v.Agencies...), v.Pseudonyms...)
	files, err := filepath.Glob(filepath.Join(dir, "transcripts", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no synthetic transcripts: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := corpus.ParseDocument(filepath.Base(f), data)
		if d == nil || probs.HasErrors() {
			t.Fatalf("%s: %v", f, probs)
		}
		doc := synthDoc{name: filepath.Base(f), body: d.Body}
		for _, t := range d.Turns {
			doc.turns = append(doc.turns, [2]int{t.Start, t.End})
		}
		docs = append(docs, doc)
	}
	return allow, docs
}

// TestSyntheticStudyHasNoFindings runs the detector over synthetic studies,
// which by construction hold no personal data: everyday speech about
// services ("my nan ended up going", "the nurse. Honestly, ...") must not be
// flagged.
func TestSyntheticStudyHasNoFindings(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			allow, docs := synthStudy(t, synth.Options{Docs: 40, WordsPerDoc: 3000, Themes: 20, Seed: seed})
			d := NewDetector(Options{Allow: allow})
			var bad []string
			for _, mode := range scanModes {
				for _, doc := range docs {
					for _, f := range doc.detect(d, mode) {
						bad = append(bad, fmt.Sprintf("%s by %s: %s %q (%s) in %q", doc.name, mode, f.Kind, f.Text, f.Reason, around(doc.body, f)))
					}
				}
			}
			if len(bad) > 0 {
				t.Errorf("%d findings in a study with no personal data; the first:", len(bad))
				for _, b := range bad[:min(20, len(bad))] {
					t.Log(b)
				}
			}
		})
	}
}

// planted matches the identifiers synth plants (see internal/synth's
// identifier): a name after a kinship phrase, a drama-range mobile number,
// a WM postcode. Group 1 is the name.
var planted = regexp.MustCompile(`(?i:my (?:son|grandson|eldest boy|daughter|granddaughter|little girl)) ([A-Z][a-z]+) was the one|07700 900\d{3}|WM\d \d[A-Z]{2}`)

// TestSyntheticStudyPlantedFound checks that the precision rules above do
// not cost recall: what synth plants is found, and nothing else is.
func TestSyntheticStudyPlantedFound(t *testing.T) {
	const plant = 120
	allow, docs := synthStudy(t, synth.Options{Docs: 40, WordsPerDoc: 3000, Themes: 20, Seed: 3, PlantPII: plant})
	d := NewDetector(Options{Allow: allow})
	for _, mode := range scanModes {
		t.Run(mode, func(t *testing.T) {
			var total, hit, wrong int
			for _, doc := range docs {
				fs := doc.detect(d, mode)
				spans := plantedSpans(doc.body)
				total += len(spans)
				for _, g := range spans {
					found := false
					for _, f := range fs {
						found = found || overlaps(f, g)
					}
					if found {
						hit++
					} else {
						t.Logf("%s: missed %s %q", doc.name, g.Kind, doc.body[g.Start:g.End])
					}
				}
				for _, f := range fs {
					ok := false
					for _, g := range spans {
						ok = ok || overlaps(f, g)
					}
					if !ok {
						wrong++
						t.Logf("%s: not planted: %s %q (%s) in %q", doc.name, f.Kind, f.Text, f.Reason, around(doc.body, f))
					}
				}
			}
			if total != plant {
				t.Fatalf("found %d planted identifiers by synth's patterns, want %d: the patterns no longer match synth", total, plant)
			}
			if r := ratio(hit, total); r < 0.95 {
				t.Errorf("recall of planted identifiers %.3f (%d of %d), want >= 0.95", r, hit, total)
			}
			if wrong > 0 {
				t.Errorf("%d findings that were not planted", wrong)
			}
		})
	}
}

// plantedSpans returns the identifiers synth planted in body, found by its
// patterns: the name only for a person.
func plantedSpans(body string) []gold {
	var spans []gold
	for _, m := range planted.FindAllStringSubmatchIndex(body, -1) {
		g := gold{Start: m[0], End: m[1], Kind: Phone}
		switch {
		case m[2] >= 0:
			g = gold{Start: m[2], End: m[3], Kind: Person}
		case body[m[0]] == 'W':
			g.Kind = Postcode
		}
		spans = append(spans, g)
	}
	return spans
}

// around returns the text around a finding, for failure messages.
func around(text string, f Finding) string {
	return text[max(0, f.Start-50):min(len(text), f.End+30)]
}

// BenchmarkDetectTurns runs Detect one turn at a time over a synthetic
// study, the shape of a cold insight check --pii on the benchmark study:
// many short texts, so what each Detect call sets up counts.
func BenchmarkDetectTurns(b *testing.B) {
	allow, docs := synthStudy(b, synth.Options{Docs: 20, WordsPerDoc: 8000, Themes: 20, Seed: 1})
	d := NewDetector(Options{Allow: allow})
	size := 0
	for _, doc := range docs {
		size += len(doc.body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, doc := range docs {
			doc.detect(d, "turns")
		}
	}
}
