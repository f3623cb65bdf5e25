package example

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

// These tests check the example study's own consistency, so that a careless
// edit to a transcript cannot silently orphan the bundled codings.

func TestRequiredFilesExist(t *testing.T) {
	study := Study()
	tests := []struct {
		path string
		dir  bool
	}{
		{"insight.yaml", false},
		{"codebook.yaml", false},
		{"participants.csv", false},
		{"transcripts", true},
		{"codings", true},
		{"codings/amira.jsonl", false},
		{"codings/tom.jsonl", false},
	}
	for _, tt := range tests {
		info, err := fs.Stat(study, tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if info.IsDir() != tt.dir {
			t.Errorf("%s: IsDir = %v, want %v", tt.path, info.IsDir(), tt.dir)
		}
	}
}

func TestTranscriptKinds(t *testing.T) {
	docs := readDocs(t)
	want := map[string]int{"interview": 10, "focus-group": 2, "fieldnote": 2}
	got := map[string]int{}
	for _, d := range docs {
		got[d.kind]++
	}
	for kind, n := range want {
		if got[kind] != n {
			t.Errorf("%d documents of kind %q, want %d", got[kind], kind, n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("kinds %v, want only %v", got, want)
	}
}

// TestCodingsAnchored checks every standoff coding: valid JSON, a known
// document and theme, and a quote found exactly at its code point offsets.
func TestCodingsAnchored(t *testing.T) {
	docs := readDocs(t)
	themes := readThemes(t)
	files, err := fs.Glob(Study(), "codings/*.jsonl")
	if err != nil || len(files) < 2 {
		t.Fatalf("want at least two coders' files, got %v (%v)", files, err)
	}
	for _, file := range files {
		data, err := fs.ReadFile(Study(), file)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		sc := bufio.NewScanner(bytes.NewReader(data))
		for line := 1; sc.Scan(); line++ {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			n++
			var r struct {
				Doc   string `json:"doc"`
				Theme string `json:"theme"`
				Quote string `json:"quote"`
				Start *int   `json:"start"`
				End   *int   `json:"end"`
				Memo  string `json:"memo"`
			}
			// Unknown keys are most likely typos of the ones above.
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&r); err != nil {
				t.Errorf("%s:%d: %v", file, line, err)
				continue
			}
			if r.Start == nil || r.End == nil {
				t.Errorf("%s:%d: start and end are required in the example", file, line)
				continue
			}
			if !themes[r.Theme] {
				t.Errorf("%s:%d: theme %q is not in codebook.yaml", file, line, r.Theme)
			}
			d, ok := docs[r.Doc]
			if !ok {
				t.Errorf("%s:%d: no transcript with id %q", file, line, r.Doc)
				continue
			}
			body := []rune(d.body)
			if *r.Start < 0 || *r.End > len(body) || *r.Start >= *r.End {
				t.Errorf("%s:%d: span %d..%d outside %s (%d code points)", file, line, *r.Start, *r.End, r.Doc, len(body))
				continue
			}
			if got := string(body[*r.Start:*r.End]); got != r.Quote {
				t.Errorf("%s:%d: text at %d..%d is %q, quote is %q", file, line, *r.Start, *r.End, got, r.Quote)
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if n < 40 || n > 60 {
			t.Errorf("%s: %d codings, want 40 to 60", file, n)
		}
	}
}

// TestInlineCodesKnown checks every inline {.theme} names a codebook theme.
func TestInlineCodesKnown(t *testing.T) {
	themes := readThemes(t)
	for _, d := range readDocs(t) {
		if len(d.codes) == 0 && d.kind == "interview" {
			t.Errorf("%s: interview has no inline codes", d.path)
		}
		for _, c := range d.codes {
			if !themes[c] {
				t.Errorf("%s: inline code .%s is not in codebook.yaml", d.path, c)
			}
		}
	}
}

// TestConsentExercised keeps the example useful as a consent test: exactly
// one withdrawn participant, who is the only participant of one document
// (so that document is withheld whole), also speaks in a document with
// others (so only their turns go), and is quoted by one coder.
func TestConsentExercised(t *testing.T) {
	data, err := fs.ReadFile(Study(), "participants.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range []string{"id", "role", "ward", "age_band", "household", "consent"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("participants.csv has no %q column", c)
		}
	}
	ids := map[string]bool{}
	var withdrawn []string
	for _, r := range rows[1:] {
		ids[r[col["id"]]] = true
		switch r[col["consent"]] {
		case "withdrawn":
			withdrawn = append(withdrawn, r[col["id"]])
		case "yes":
		default:
			t.Errorf("participant %s: consent %q, want yes or withdrawn", r[col["id"]], r[col["consent"]])
		}
	}
	if len(withdrawn) != 1 {
		t.Fatalf("withdrawn participants %v, want exactly one", withdrawn)
	}
	w := withdrawn[0]

	var alone, shared []string
	for id, d := range readDocs(t) {
		speakers := d.speakers(ids)
		if !speakers[w] {
			continue
		}
		if len(speakers) == 1 {
			alone = append(alone, id)
		} else {
			shared = append(shared, id)
		}
	}
	if len(alone) != 1 || len(shared) != 1 {
		t.Errorf("%s is sole participant in %v and speaks with others in %v; want one of each", w, alone, shared)
	}

	// The coded sentence must lie inside one of the withdrawn speaker's turns.
	docs := readDocs(t)
	quoted := 0
	for _, file := range []string{"codings/amira.jsonl", "codings/tom.jsonl"} {
		data, err := fs.ReadFile(Study(), file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var r struct {
				Doc, Quote string
				Start      int
			}
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if d, ok := docs[r.Doc]; ok && d.speakerAt(r.Start) == w {
				quoted++
			}
		}
	}
	if quoted != 1 {
		t.Errorf("the coders quote %s %d times, want once (to test that consent drops it)", w, quoted)
	}
}

// TestLoadsCleanly reads the whole study as `insight build --example` will:
// the bundled example must produce no problems at all, and consent
// withdrawal must withhold exactly one whole document.
func TestLoadsCleanly(t *testing.T) {
	s, probs := corpus.Load(context.Background(), Study(), "example")
	if len(probs) > 0 {
		t.Fatalf("problems reading the example:\n%v", probs)
	}
	var withheld []string
	for _, d := range s.Documents {
		if d.Withheld {
			withheld = append(withheld, d.ID)
		}
	}
	if len(withheld) != 1 {
		t.Errorf("withheld documents %v, want exactly one", withheld)
	}
	if s.Withheld == 0 {
		t.Error("no segments withheld for consent")
	}
}

// TestCodingsMerge runs the bundled codings through the real merge: none may
// be orphaned or moved, and the one coding of the withdrawn participant's
// words must be dropped, not counted.
func TestCodingsMerge(t *testing.T) {
	ctx := context.Background()
	st, probs := corpus.Load(ctx, Study(), "example")
	cb, p := themes.Load(Study(), "codebook.yaml", "example/codebook.yaml")
	probs.Add(p...)
	recs, p := coding.LoadRecords(Study(), "example")
	probs.Add(p...)
	if len(probs) > 0 || st == nil || cb == nil {
		t.Fatalf("problems reading the example:\n%v", probs)
	}
	coded, probs := coding.Merge(ctx, st, cb, recs, coding.Options{})
	if len(probs) > 0 {
		t.Errorf("merge problems:\n%v", probs)
	}
	if len(coded.Orphans) != 0 || len(coded.Moved) != 0 {
		t.Errorf("%d orphaned and %d moved codings, want none", len(coded.Orphans), len(coded.Moved))
	}
	fromCoders := 0
	for _, a := range coded.Apps {
		if a.Source != coding.SourceInline && a.Source != coding.SourceAuto {
			fromCoders++
		}
	}
	if dropped := len(recs) - fromCoders; dropped != 1 {
		t.Errorf("%d of %d coder codings dropped, want exactly the withdrawn participant's one", dropped, len(recs))
	}
}

type doc struct {
	path, kind string
	body       string   // corpus's Body: after front matter, \n endings, span markup removed
	codes      []string // inline code themes, in order
	turns      []corpus.Turn
}

// speakers returns the participants.csv ids that label a turn.
func (d doc) speakers(ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, t := range d.turns {
		if ids[t.Speaker] {
			out[t.Speaker] = true
		}
	}
	return out
}

// speakerAt returns the label of the turn holding code point offset off.
func (d doc) speakerAt(off int) string {
	b := len(string([]rune(d.body)[:off]))
	for _, t := range d.turns {
		if t.Start <= b && b < t.End {
			return t.Speaker
		}
	}
	return ""
}

// readDocs parses every transcript with the real reader, so these tests
// check the example against what insight itself will see.
func readDocs(t *testing.T) map[string]doc {
	t.Helper()
	files, err := fs.Glob(Study(), "transcripts/*")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]doc{}
	for _, f := range files {
		data, err := fs.ReadFile(Study(), f)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := corpus.ParseDocument(f, data)
		if len(probs) > 0 || d == nil {
			t.Fatalf("%s: the example must read without problems:\n%v", f, probs)
		}
		if _, dup := docs[d.ID]; dup {
			t.Fatalf("%s: duplicate id %q", f, d.ID)
		}
		var codes []string
		for _, c := range d.Codes {
			codes = append(codes, c.Themes...)
		}
		docs[d.ID] = doc{path: f, kind: d.Kind, body: d.Body, codes: codes, turns: d.Turns}
	}
	if len(docs) == 0 {
		t.Fatal("no transcripts")
	}
	return docs
}

// readThemes returns every theme id in codebook.yaml, at any depth.
func readThemes(t *testing.T) map[string]bool {
	t.Helper()
	data, err := fs.ReadFile(Study(), "codebook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type theme struct {
		ID       string  `yaml:"id"`
		Children []theme `yaml:"children"`
	}
	var cb struct {
		Themes []theme `yaml:"themes"`
	}
	if err := yaml.Unmarshal(data, &cb); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var walk func([]theme)
	walk = func(ts []theme) {
		for _, th := range ts {
			ids[th.ID] = true
			walk(th.Children)
		}
	}
	walk(cb.Themes)
	if len(ids) < 7 {
		t.Fatalf("codebook has %d themes, want the seven experience themes at least", len(ids))
	}
	return ids
}
