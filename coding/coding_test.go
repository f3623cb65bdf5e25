package coding

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

func TestParseRecords(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantRecs  int
		wantProbs []string // substrings, in order
	}{
		{"good", `{"doc":"int-001","theme":"duplication","quote":"three workers","start":4,"end":17}` + "\n", 1, nil},
		{"blank lines and CRLF", "\r\n" + `{"doc":"a","theme":"b","quote":"c"}` + "\r\n\r\n", 1, nil},
		{"bad json keeps the rest", `{"doc":"a","theme":"b","quote":"c"}` + "\n{not json\n" + `{"doc":"a","theme":"b","quote":"d"}`, 2,
			[]string{"tom.jsonl:2: not a JSON object"}},
		{"missing fields", `{"doc":"a"}`, 0, []string{"tom.jsonl:1: coding has no theme, quote"}},
		{"wrong type", `{"doc":"a","theme":"b","quote":"c","start":"x"}`, 0, []string{`tom.jsonl:1: not a JSON object ("start" should be a int`}},
		{"bad hints are only a warning", `{"doc":"a","theme":"b","quote":"c","start":9,"end":2}`, 1, []string{"tom.jsonl:1: warning: start 9 and end 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, probs := ParseRecords("codings/tom.jsonl", []byte(tc.in))
			if len(recs) != tc.wantRecs {
				t.Errorf("got %d records, want %d", len(recs), tc.wantRecs)
			}
			if len(probs) != len(tc.wantProbs) {
				t.Fatalf("problems %v, want %d", probs, len(tc.wantProbs))
			}
			for i, want := range tc.wantProbs {
				if !strings.Contains(probs[i].String(), want) {
					t.Errorf("problem %q, want it to contain %q", probs[i], want)
				}
			}
			for _, r := range recs {
				if r.Coder != "tom" || r.Line == 0 {
					t.Errorf("record %+v lacks coder or line", r)
				}
			}
		})
	}
}

func FuzzParseRecords(f *testing.F) {
	f.Add([]byte(`{"doc":"int-001","theme":"duplication","quote":"three workers","start":4,"end":17,"memo":"m"}`))
	f.Add([]byte("\xef\xbb\xbf{\"doc\":\"a\",\"theme\":\"b\",\"quote\":\"c\"}\n\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := ParseRecords("c.jsonl", data)
		for _, r := range recs {
			if r.Doc == "" || r.Theme == "" || r.Quote == "" || r.Start < 0 || r.End < r.Start || r.Line < 1 {
				t.Fatalf("invalid record returned: %+v", r)
			}
		}
	})
}

func parseDoc(t *testing.T, text string) *corpus.Document {
	t.Helper()
	d, probs := corpus.ParseDocument("transcripts/int-001.md", []byte(text))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return d
}

func TestAnchor(t *testing.T) {
	quote := "three different workers came"
	body := "P01: It was mad. " + quote + " in one week. Then nothing.\n"
	d := parseDoc(t, body)
	at := strings.Index(d.Body, quote)
	rec := Record{Quote: quote, Start: at, End: at + len(quote)}

	if s, e, ok := Anchor(d, rec); !ok || s != at || e != at+len(quote) {
		t.Errorf("at hint: got %d,%d,%v want %d", s, e, ok, at)
	}

	// The transcript is edited: 200 characters are inserted before the quote.
	moved := parseDoc(t, "P01: "+strings.Repeat("x", 199)+" It was mad. "+quote+" in one week.\n")
	want := strings.Index(moved.Body, quote)
	if s, _, ok := Anchor(moved, rec); !ok || s != want {
		t.Errorf("moved: got %d,%v want %d", s, ok, want)
	}

	if _, _, ok := Anchor(parseDoc(t, "P01: It was mad. Then nothing.\n"), rec); ok {
		t.Error("deleted quote was anchored")
	}

	// Two occurrences: the one nearest the hint wins.
	two := parseDoc(t, "P01: "+quote+". And again, "+quote+".\n")
	second := strings.LastIndex(two.Body, quote)
	if s, _, ok := Anchor(two, Record{Quote: quote, Start: second - 3}); !ok || s != second {
		t.Errorf("nearest: got %d want %d", s, second)
	}
}

func TestAnchorCodePointHints(t *testing.T) {
	d := parseDoc(t, "P01: Café — naïve. The same questions again.\n")
	quote := "same questions"
	runeAt := len([]rune(d.Body[:strings.Index(d.Body, quote)]))
	s, _, ok := Anchor(d, Record{Quote: quote, Start: runeAt})
	if !ok || d.Body[s:s+len(quote)] != quote {
		t.Fatalf("got %d %v", s, ok)
	}
	if d.RuneOffset(s) != runeAt {
		t.Errorf("hint in code points %d, anchored at code point %d", runeAt, d.RuneOffset(s))
	}
}

const testCodebook = `- id: duplication
  name: Duplication
  keywords: [assessment, "same questions"]
- id: agencies
  name: Agencies
  children:
    - id: housing
      name: Housing
      patterns: ['\b[Hh]ousing officers?\b']
`

func TestMergeAndAutoCode(t *testing.T) {
	cb, probs := themes.Parse("codebook.yaml", []byte(testCodebook))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	d := parseDoc(t, "Interviewer: Tell me about the [assessments]{.duplication}.\n"+
		"P01: Another assessment. The housing officer asked the same questions.\n"+
		"P02: Same\nquestions? No.\n")
	st := &corpus.Study{Documents: []*corpus.Document{d}}
	recs := []Record{
		{Doc: "int-001", Theme: "housing", Quote: "The housing officer", Coder: "tom", File: "codings/tom.jsonl", Line: 1},
		{Doc: "int-001", Theme: "housing", Quote: "not there", Coder: "tom", File: "codings/tom.jsonl", Line: 2},
		{Doc: "int-009", Theme: "housing", Quote: "x", Coder: "tom", File: "codings/tom.jsonl", Line: 3},
		{Doc: "int-001", Theme: "housng", Quote: "x", Coder: "tom", File: "codings/tom.jsonl", Line: 4},
	}
	coded, probs := Merge(context.Background(), st, cb, recs, Options{Auto: true})
	wantProbs := []string{
		"codings/tom.jsonl:2: warning: orphaned",
		`codings/tom.jsonl:3: no transcript has id "int-009"`,
		`codings/tom.jsonl:4: unknown theme "housng"; did you mean "housing"?`,
	}
	if len(probs) != len(wantProbs) {
		t.Fatalf("problems %v", probs)
	}
	for i, w := range wantProbs {
		if !strings.Contains(probs[i].String(), w) {
			t.Errorf("problem %q, want %q", probs[i], w)
		}
	}
	if len(coded.Orphans) != 1 || coded.Orphans[0].Line != 2 {
		t.Errorf("orphans %+v", coded.Orphans)
	}
	got := map[string]bool{}
	for _, a := range coded.Apps {
		got[a.Source+" "+a.Theme+" "+d.Body[a.Start:a.End]] = true
	}
	for _, want := range []string{
		"inline duplication assessments",
		"tom housing The housing officer",
		"auto duplication assessments",
		"auto duplication assessment",
		"auto duplication same questions",
		"auto housing housing officer",
		"auto duplication Same\nquestions", // a phrase may wrap a line within one turn
	} {
		if !got[want] {
			t.Errorf("missing application %q; have %v", want, got)
		}
	}
	// Every application overlaps at least one segment, and the index agrees.
	hits := make([]int, len(coded.Apps))
	for _, segs := range coded.SegmentApps[0] {
		for _, ai := range segs {
			hits[ai]++
		}
	}
	for ai, n := range hits {
		if n == 0 {
			t.Errorf("application %+v overlaps no segment", coded.Apps[ai])
		}
	}
}

func TestDeclaration(t *testing.T) {
	data := []byte("\n{\"documents\": [\"int-001\", \"int-002\"]}\n" +
		`{"doc": "int-001", "theme": "duplication", "quote": "same questions"}` + "\n" +
		`{"documents": ["int-003"]}` + "\n")
	f, probs := ParseFile("codings/amira.jsonl", data)
	if f.Declared == nil || f.Declared.Line != 2 || len(f.Declared.Documents) != 2 || f.Declared.Coder != "amira" {
		t.Fatalf("declaration: %+v", f.Declared)
	}
	if len(f.Records) != 1 || f.Records[0].Line != 3 {
		t.Errorf("records: %+v", f.Records)
	}
	if len(probs) != 1 || probs[0].Line != 4 || !strings.Contains(probs[0].Msg, "first line") {
		t.Errorf("a second declaration should be an error on line 4: %v", probs)
	}
	// An empty list declares no documents but is still a declaration.
	if f, probs := ParseFile("codings/x.jsonl", []byte(`{"documents": []}`)); f.Declared == nil || len(probs) > 0 {
		t.Errorf("empty declaration: %+v %v", f.Declared, probs)
	}
	// A coding that happens to have a documents field is still a coding.
	if f, _ := ParseFile("codings/x.jsonl", []byte(`{"documents": [], "doc": "a", "theme": "b", "quote": "c"}`)); f.Declared != nil || len(f.Records) != 1 {
		t.Errorf("coding with a documents field: %+v", f)
	}
}

// checkMemoLines fails t unless memos, parsePacked's memo lines of data,
// give the memo records MemoLines gives, each on the same line, with the
// same text as data's: the personal-data scan reads one for the other.
func checkMemoLines(t *testing.T, data, memos []byte) {
	t.Helper()
	want := MemoRecords("codings/x.jsonl", MemoLines(data))
	got := MemoRecords("codings/x.jsonl", memos)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("memo records from the memo lines:\n%+v\nfrom MemoLines:\n%+v", got, want)
	}
	lines := func(b []byte) []string {
		var out []string
		for l := range bytes.Lines(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))) {
			out = append(out, string(l))
		}
		return out
	}
	all, kept := lines(data), lines(memos)
	for _, r := range got {
		if r.Line > len(kept) || kept[r.Line-1] != all[r.Line-1] {
			t.Fatalf("line %d of the memo lines is not the file's", r.Line)
		}
	}
}

// TestMemoLinesAt: the memo lines a parse keeps are the lines with a memo,
// whatever else mentions one, with every other line emptied.
func TestMemoLinesAt(t *testing.T) {
	data := []byte("\xef\xbb\xbf" + `{"documents": ["a"]}` + "\n" +
		`{"doc": "a", "theme": "t", "quote": "memo", "start": 0, "end": 4}` + "\n\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "memo": "Seen by Ann"}` + "\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "MEMO": "upper"}` + "\n" +
		`not json, memo` + "\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "memo": "last, no newline"}`)
	pk, memos, _ := parsePacked("codings/x.jsonl", data)
	if len(pk.Recs) != 4 {
		t.Fatalf("%d records", len(pk.Recs))
	}
	want := "\xef\xbb\xbf\n\n\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "memo": "Seen by Ann"}` + "\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "MEMO": "upper"}` + "\n\n" +
		`{"doc": "a", "theme": "t", "quote": "q", "start": 0, "end": 1, "memo": "last, no newline"}`
	if string(memos) != want {
		t.Errorf("memo lines:\n%q\nwant\n%q", memos, want)
	}
	checkMemoLines(t, data, memos)
	// A carriage return anywhere: the file as it is, as MemoLines has it.
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	if _, memos, _ := parsePacked("codings/x.jsonl", crlf); !bytes.Equal(memos, crlf) {
		t.Errorf("with carriage returns: %q", memos)
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add([]byte(`{"documents": ["a"]}` + "\n" + `{"doc": "a", "theme": "t", "quote": "q"}`))
	f.Add([]byte(`{"doc": "a", "theme": "t", "quote": "q"}` + "\n" + `{"documents": []}`))
	f.Add([]byte("\xef\xbb\xbf{\"documents\": null}\n{"))
	f.Add([]byte(`{"documents": "int-001"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, probs := ParseFile("codings/x.jsonl", data)
		if file.Coder != "x" {
			t.Errorf("coder %q", file.Coder)
		}
		for _, r := range file.Records {
			if r.Doc == "" || r.Theme == "" || r.Quote == "" || r.Line < 1 {
				t.Errorf("bad record kept: %+v", r)
			}
		}
		for _, p := range probs {
			if p.File != "codings/x.jsonl" || p.Line < 1 {
				t.Errorf("problem without a line: %v", p)
			}
		}
		// A file parsed straight into its pack reads back the same.
		pk, memos, pprobs := parsePacked("codings/x.jsonl", data)
		checkMemoLines(t, data, memos)
		recs := make([]Record, len(pk.Recs))
		pk.unpackInto(recs)
		if len(recs) != len(file.Records) || (len(recs) > 0 && !reflect.DeepEqual(recs, file.Records)) ||
			!reflect.DeepEqual(pk.Declared, file.Declared) || !reflect.DeepEqual(pprobs, probs) || pk.Coder != file.Coder {
			t.Errorf("parsePacked: %+v %v %v, ParseFile: %+v %v %v", recs, pk.Declared, pprobs, file.Records, file.Declared, probs)
		}
	})
}
