package example

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// These tests check the example study's own consistency, so that a careless
// edit to a transcript cannot silently orphan the bundled codings. They read
// the files with a deliberately small reader: the real one lives in corpus.

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

type doc struct {
	path, kind string
	body       string   // after front matter, \n endings, span markup removed
	codes      []string // inline code classes, in order
}

var labelRE = regexp.MustCompile(`(?m)^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([A-Za-z][A-Za-z0-9]*):`)

// speakers returns the participants.csv ids that label a turn in the body.
func (d doc) speakers(ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, m := range labelRE.FindAllStringSubmatch(d.body, -1) {
		if ids[m[1]] {
			out[m[1]] = true
		}
	}
	return out
}

// speakerAt returns the label of the turn holding code point offset off.
func (d doc) speakerAt(off int) string {
	byteOff := len(string([]rune(d.body)[:off]))
	who := ""
	for _, m := range labelRE.FindAllStringSubmatchIndex(d.body, -1) {
		if m[0] > byteOff {
			break
		}
		who = d.body[m[2]:m[3]]
	}
	return who
}

func readDocs(t *testing.T) map[string]doc {
	t.Helper()
	files, err := fs.Glob(Study(), "transcripts/*")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	docs := map[string]doc{}
	for _, f := range files {
		data, err := fs.ReadFile(Study(), f)
		if err != nil {
			t.Fatal(err)
		}
		front, body := splitFrontMatter(strings.ReplaceAll(string(data), "\r\n", "\n"))
		var meta struct{ ID, Kind string }
		if err := yaml.Unmarshal([]byte(front), &meta); err != nil {
			t.Fatalf("%s: front matter: %v", f, err)
		}
		if meta.ID == "" {
			meta.ID = strings.TrimSuffix(path.Base(f), path.Ext(f))
		}
		if _, dup := docs[meta.ID]; dup {
			t.Fatalf("%s: duplicate id %q", f, meta.ID)
		}
		clean, codes := stripSpans(body)
		docs[meta.ID] = doc{path: f, kind: meta.Kind, body: clean, codes: codes}
	}
	if len(docs) == 0 {
		t.Fatal("no transcripts")
	}
	return docs
}

// splitFrontMatter returns the YAML between the opening and closing "---"
// lines and the body, which starts on the line after the closing one.
func splitFrontMatter(s string) (front, body string) {
	if !strings.HasPrefix(s, "---\n") {
		return "", s
	}
	rest := s[len("---\n"):]
	for i := 0; i < len(rest); {
		end := strings.IndexByte(rest[i:], '\n')
		if end < 0 {
			end = len(rest) - i
		}
		if strings.TrimSpace(rest[i:i+end]) == "---" {
			return rest[:i], rest[min(i+end+1, len(rest)):]
		}
		i += end + 1
	}
	return "", s
}

var attrRE = regexp.MustCompile(`^\{\s*(\.[A-Za-z0-9_-]+(?:\s+\.[A-Za-z0-9_-]+)*)\s*\}`)

// stripSpans removes Pandoc bracketed-span markup, nested or not, keeping
// the text; brackets not followed by {.class} (like "[laughs]") stay.
func stripSpans(s string) (string, []string) {
	var out []byte
	var open []int // indexes in out of unmatched '['
	drop := map[int]bool{}
	var codes []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			open = append(open, len(out))
		case ']':
			if len(open) == 0 {
				break
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if m := attrRE.FindStringSubmatch(s[i+1:]); m != nil {
				drop[o] = true
				for _, c := range strings.Fields(m[1]) {
					codes = append(codes, strings.TrimPrefix(c, "."))
				}
				i += len(m[0])
				continue
			}
		}
		out = append(out, s[i])
	}
	var b strings.Builder
	for i, c := range out {
		if !drop[i] {
			b.WriteByte(c)
		}
	}
	return b.String(), codes
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
