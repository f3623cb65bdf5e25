package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/residentinsight/insight/diag"
)

// turnStrings renders turns as "speaker|role|text" for comparison.
func turnStrings(d *Document) []string {
	var out []string
	for _, t := range d.Turns {
		s := fmt.Sprintf("%s|%s|%s", t.Speaker, t.Role, d.Text(t.Start, t.End))
		if t.Time != "" {
			s = "[" + t.Time + "]" + s
		}
		out = append(out, s)
	}
	return out
}

func codeStrings(d *Document) []string {
	var out []string
	for _, c := range d.Codes {
		out = append(out, fmt.Sprintf("%s@%d:%s", strings.Join(c.Themes, ","), c.Line, d.Text(c.Start, c.End)))
	}
	return out
}

func segStrings(d *Document) []string {
	var out []string
	for _, s := range d.Segments {
		out = append(out, d.Text(s.Start, s.End))
	}
	return out
}

func problemStrings(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.String())
	}
	return out
}

// containsAll reports whether every want is a substring of some problem.
func containsAll(t *testing.T, probs diag.List, want []string) {
	t.Helper()
	got := problemStrings(probs)
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.Contains(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem contains %q; got:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(want) == 0 && len(got) > 0 {
		t.Errorf("unexpected problems:\n%s", strings.Join(got, "\n"))
	}
}

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		in    string
		probs []string // substrings of expected problems; none means no problems
		turns []string
		codes []string
		segs  []string
		check func(t *testing.T, d *Document)
	}{
		{
			name:  "plain labels",
			in:    "Interviewer: How long?\nP01: Ten years. Since 2014.\n",
			turns: []string{"Interviewer|unlisted|How long?", "P01|unlisted|Ten years. Since 2014."},
			segs:  []string{"How long?", "Ten years.", "Since 2014."},
		},
		{
			name: "timestamps and emphasis",
			in:   "[00:01:02] **Interviewer:** Hello.\n[01:02] **P07**: Hi.\n__R1:__ Ok.\n[1:02:03.5] P 2: Yes.",
			turns: []string{"[00:01:02]Interviewer|unlisted|Hello.", "[01:02]P07|unlisted|Hi.", "R1|unlisted|Ok.",
				"[1:02:03.5]P 2|unlisted|Yes."},
		},
		{
			name:  "preamble is the observer's and turns run over lines",
			in:    "Recorded at the hub.\n\nP01: First line\nsecond line.\n\nstill P01.\nP02: Next.",
			turns: []string{"|observer|Recorded at the hub.", "P01|unlisted|First line\nsecond line.\n\nstill P01.", "P02|unlisted|Next."},
			segs:  []string{"Recorded at the hub.", "First line\nsecond line.", "still P01.", "Next."},
			probs: nil,
		},
		{
			name:  "sentences with colons are not labels",
			in:    "P01: I told them this: it's broken.\nThe thing they said to me was: wait.\nhttp://example.org is the site\n10:30 is when they came\nNote: ambiguous but a label.",
			turns: []string{"P01|unlisted|I told them this: it's broken.\nThe thing they said to me was: wait.\nhttp://example.org is the site\n10:30 is when they came", "Note|unlisted|ambiguous but a label."},
		},
		{
			name:  "label with 5 words or 41 chars is text",
			in:    "P01: a\nOne two three four five: no\nAbcdefghijabcdefghijabcdefghijabcdefghijx: no\nMrs O'Neil-Smith Jr.: yes",
			turns: []string{"P01|unlisted|a\nOne two three four five: no\nAbcdefghijabcdefghijabcdefghijabcdefghijx: no", "Mrs O'Neil-Smith Jr.|unlisted|yes"},
		},
		{
			name:  "empty turns dropped",
			in:    "Interviewer:\nP01:   \nP02: Something.",
			turns: []string{"P02|unlisted|Something."},
		},
		{
			name:  "inline codes stripped",
			in:    "P01: It was [three different workers came]{.duplication} and [worse]{.a .b}.",
			turns: []string{"P01|unlisted|It was three different workers came and worse."},
			codes: []string{"duplication@1:three different workers came", "a,b@1:worse"},
		},
		{
			name:  "nested spans",
			in:    "P01: [outer [inner]{.b} text]{.a} end",
			turns: []string{"P01|unlisted|outer inner text end"},
			codes: []string{"a@1:outer inner text", "b@1:inner"},
		},
		{
			name:  "ordinary brackets stay",
			in:    "P01: [inaudible] then [laughs] at [00:01:02] and [a link](http://x) [x]{sic}.",
			turns: []string{"P01|unlisted|[inaudible] then [laughs] at [00:01:02] and [a link](http://x) [x]{sic}."},
		},
		{
			name:  "brackets inside a span",
			in:    "P01: [it was [laughs] awful]{.damp}",
			turns: []string{"P01|unlisted|it was [laughs] awful"},
			codes: []string{"damp@1:it was [laughs] awful"},
		},
		{
			name:  "escaped brackets",
			in:    `P01: \[not a span\]{.a} and [real]{.b}`,
			turns: []string{"P01|unlisted|[not a span]{.a} and real"},
			codes: []string{"b@1:real"},
		},
		{
			name:  "id and key attributes: classes only",
			in:    `P01: [x y]{#q1 .a key=val title="two words" .b}`,
			turns: []string{"P01|unlisted|x y"},
			codes: []string{"a,b@1:x y"},
		},
		{
			name:  "unterminated span kept as text",
			in:    "P01: fine\n\nP02: [never closed and\nmore.",
			turns: []string{"P01|unlisted|fine", "P02|unlisted|[never closed and\nmore."},
			probs: []string{`x.md:3: warning: "[" is never closed`},
		},
		{
			name:  "attribute block without closing brace",
			in:    "P01: [text]{.a\nmore}",
			turns: []string{"P01|unlisted|[text]{.a\nmore}"},
			probs: []string{`x.md:1: warning: "]{" has no closing "}"`},
		},
		{
			name:  "span without class",
			in:    "P01: [text]{#id}",
			turns: []string{"P01|unlisted|text"},
			probs: []string{"x.md:1: warning: span has no .theme class"},
		},
		{
			name:  "span across a turn boundary closes at turn end",
			in:    "P01: [I said\nno way\nInterviewer: why]{.refusal} ok",
			turns: []string{"P01|unlisted|I said\nno way", "Interviewer|unlisted|why ok"},
			codes: []string{"refusal@1:I said\nno way"},
			probs: []string{"x.md:1: warning: code {.refusal} runs into the next speaker's turn (line 3)"},
		},
		{
			name:  "span across lines keeps lines",
			in:    "P01: [one\ntwo]{.a} three\n[four]{.b}",
			codes: []string{"a@1:one\ntwo", "b@3:four"},
			check: func(t *testing.T, d *Document) {
				if got := d.Line(strings.Index(d.Body, "four")); got != 3 {
					t.Errorf("line of four = %d, want 3", got)
				}
			},
		},
		{
			name: "front matter",
			in:   "---\nid: int-007\nkind: Focus-Group\ndate: 2024-03-01\ncase: hh-3\nWard: Eastgate\nage: 44\nempty:\n---\nP01: Hello.",
			check: func(t *testing.T, d *Document) {
				want := Document{ID: "int-007", Kind: "focus-group", Date: "2024-03-01", Case: "hh-3", BodyLine: 10,
					Attributes: map[string]string{"ward": "Eastgate", "age": "44", "empty": ""}}
				got := Document{ID: d.ID, Kind: d.Kind, Date: d.Date, Case: d.Case, BodyLine: d.BodyLine, Attributes: d.Attributes}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %+v\nwant %+v", got, want)
				}
				if l := d.Line(d.Turns[0].Start); l != 10 {
					t.Errorf("turn line %d, want 10", l)
				}
			},
		},
		{
			name:  "front matter closed by dots",
			in:    "---\nid: a\n...\nP01: Hi.",
			turns: []string{"P01|unlisted|Hi."},
		},
		{
			name:  "unclosed front matter",
			in:    "---\nid: a\nP01: Hi.",
			probs: []string{"x.md:1: front matter opened by --- on line 1 is never closed"},
		},
		{
			name:  "bad kind and non-scalar attribute",
			in:    "---\nkind: survey\ntags: [a, b]\n---\nP01: Hi.",
			probs: []string{`x.md:2: kind "survey" is not known: use interview, focus-group or fieldnote`, `x.md:3: front matter "tags" must be a single value`},
		},
		{
			name:  "front matter YAML error has file line",
			in:    "---\nid: a\ndate: [unclosed\n---\nP01: Hi.",
			probs: []string{"x.md:", "front matter is not valid YAML"},
		},
		{
			name:  "id must be a slug",
			file:  "transcripts/Interview 7.md",
			in:    "P01: Hi.",
			probs: []string{`transcripts/Interview 7.md:1: document id "Interview 7" may only use letters, digits`, "id: Interview-7"},
		},
		{
			name: "fieldnote by name: paragraphs, no labels",
			file: "transcripts/fieldnote-03.md",
			in:   "Visited the office.\nNote: queue of 11.\n\nSecond paragraph. More.",
			turns: []string{"|observer|Visited the office.\nNote: queue of 11.",
				"|observer|Second paragraph. More."},
			segs: []string{"Visited the office.", "Note: queue of 11.", "Second paragraph.", "More."},
		},
		{
			name:  "no labels warns",
			in:    "Just some notes.",
			turns: []string{"|observer|Just some notes."},
			probs: []string{"x.md:1: warning: no speaker labels found"},
		},
		{
			name:  "CRLF, lone CR and BOM",
			in:    "\xEF\xBB\xBF---\r\nid: a\r\n---\r\nP01: One.\rP02: [Two]{.t}.\r\n",
			turns: []string{"P01|unlisted|One.", "P02|unlisted|Two."},
			codes: []string{"t@5:Two"},
		},
		{
			name:  "invalid UTF-8",
			in:    "P01: caf\xe9 au lait",
			probs: []string{"x.md:1: is not valid UTF-8 (first bad byte at offset 8)", "save it again with UTF-8"},
		},
		{
			name:  "NUL bytes",
			in:    "PK\x03\x04\x00\x00word/document.xml",
			probs: []string{"x.md:1: contains NUL bytes (first at byte 4)", "save it as plain text (.txt) or Markdown"},
		},
		{
			name: "repeated sentences get suffixes",
			in:   "P01: Yes. Yes. No.\nP02: Yes.",
			check: func(t *testing.T, d *Document) {
				var ids []string
				for _, s := range d.Segments {
					ids = append(ids, s.ID)
				}
				yes := ids[0]
				want := []string{yes, yes + "-2", ids[2], yes + "-3"}
				if !reflect.DeepEqual(ids, want) || !strings.HasPrefix(yes, "x/") || len(yes) != len("x/")+8 {
					t.Errorf("ids %q, want %q", ids, want)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "x.md"
			}
			d, probs := ParseDocument(file, []byte(tt.in))
			containsAll(t, probs, tt.probs)
			if d == nil {
				if tt.turns != nil || tt.codes != nil || tt.check != nil {
					t.Fatalf("nil document")
				}
				return
			}
			checkInvariants(t, d)
			if tt.turns != nil && !reflect.DeepEqual(turnStrings(d), tt.turns) {
				t.Errorf("turns\n got %q\nwant %q", turnStrings(d), tt.turns)
			}
			if tt.codes != nil && !reflect.DeepEqual(codeStrings(d), tt.codes) {
				t.Errorf("codes\n got %q\nwant %q", codeStrings(d), tt.codes)
			}
			if tt.segs != nil && !reflect.DeepEqual(segStrings(d), tt.segs) {
				t.Errorf("segments\n got %q\nwant %q", segStrings(d), tt.segs)
			}
			if tt.check != nil {
				tt.check(t, d)
			}
		})
	}
}

// TestSegmentIDsSurviveEdits checks that editing one sentence changes only
// that segment's id.
func TestSegmentIDsSurviveEdits(t *testing.T) {
	before, _ := ParseDocument("a.md", []byte("P01: One thing. Two things.\nP02: Three things."))
	after, _ := ParseDocument("a.md", []byte("P01: One thing, edited. Two things.\nP02: Three things."))
	if len(before.Segments) != 3 || len(after.Segments) != 3 {
		t.Fatalf("segments %d and %d, want 3", len(before.Segments), len(after.Segments))
	}
	for i, same := range []bool{false, true, true} {
		if got := before.Segments[i].ID == after.Segments[i].ID; got != same {
			t.Errorf("segment %d: ids %s and %s, same=%v want %v", i, before.Segments[i].ID, after.Segments[i].ID, got, same)
		}
	}
}

// TestScriptKeptVerbatim: escaping is the site's job; the reader must not
// drop or alter text.
func TestScriptKeptVerbatim(t *testing.T) {
	const script = `<script>alert(1)</script>`
	d, probs := ParseDocument("x.md", []byte("P01: I typed "+script+" into the form & it broke <b>."))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	for _, want := range []string{script, "& it broke <b>."} {
		if !strings.Contains(d.Body, want) || !strings.Contains(d.Text(d.Turns[0].Start, d.Turns[0].End), want) {
			t.Errorf("body %q lost %q", d.Body, want)
		}
	}
}

func TestOffsets(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"ascii", "---\nid: a\n---\nP01: plain text\nP02: more\n"},
		{"multibyte", "---\nid: a\n---\nP01: café — “quoted” ünïcödé\nP02: 日本語 text\n"},
		{"long multibyte", "P01: " + strings.Repeat("é a\n", 3000)},
		// ASCII runs longer than eight bytes, broken by runes of two
		// and three bytes at every alignment.
		{"long mixed", "P01: " + strings.Repeat("plain words — then é, and", 700)},
		{"with markup", "P01: [é]{.a} and [ü [x]{.b}]{.c}\nP02: ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := ParseDocument("x.md", []byte(tt.in))
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			// Every body offset's line, counted the slow way from the file.
			rune := 0
			for off := 0; off <= len(d.Body); off++ {
				wantLine := d.BodyLine + strings.Count(d.Body[:off], "\n")
				if got := d.Line(off); got != wantLine {
					t.Fatalf("Line(%d) = %d, want %d", off, got, wantLine)
				}
				if off < len(d.Body) && !utf8.RuneStart(d.Body[off]) {
					continue
				}
				if got := d.RuneOffset(off); got != rune {
					t.Fatalf("RuneOffset(%d) = %d, want %d", off, got, rune)
				}
				if got := d.ByteOffset(rune); got != off {
					t.Fatalf("ByteOffset(%d) = %d, want %d", rune, got, off)
				}
				rune++
			}
			if got := d.ByteOffset(rune + 10); got != len(d.Body) {
				t.Errorf("ByteOffset past end = %d, want %d", got, len(d.Body))
			}
			if got := d.Text(-5, len(d.Body)+5); got != d.Body {
				t.Errorf("Text clamps: got %q", got)
			}
			// A hand-built document without an index answers the same.
			hand := &Document{Body: d.Body, BodyLine: d.BodyLine}
			for _, off := range []int{0, len(d.Body) / 2, len(d.Body)} {
				if hand.Line(off) != d.Line(off) || hand.RuneOffset(off) != d.RuneOffset(off) {
					t.Errorf("hand-built document disagrees at %d", off)
				}
			}
		})
	}
}

// checkInvariants holds for every document ParseDocument returns.
func checkInvariants(t testing.TB, d *Document) {
	t.Helper()
	n := len(d.Body)
	in := func(what string, a, b int) {
		if a < 0 || b > n || a > b {
			t.Fatalf("%s [%d,%d) outside body of %d bytes", what, a, b, n)
		}
	}
	for i, tu := range d.Turns {
		in("turn", tu.Start, tu.End)
		if i > 0 && tu.Start < d.Turns[i-1].End {
			t.Fatalf("turn %d overlaps the one before", i)
		}
	}
	prevEnd := 0
	for _, s := range d.Segments {
		in("segment", s.Start, s.End)
		if s.Start < prevEnd {
			t.Fatalf("segment %s overlaps the one before", s.ID)
		}
		prevEnd = s.End
		if s.Turn < 0 || s.Turn >= len(d.Turns) {
			t.Fatalf("segment %s has turn %d of %d", s.ID, s.Turn, len(d.Turns))
		}
		if tu := d.Turns[s.Turn]; s.Start < tu.Start || s.End > tu.End {
			t.Fatalf("segment %s [%d,%d) outside its turn [%d,%d)", s.ID, s.Start, s.End, tu.Start, tu.End)
		}
		if s.Start == s.End {
			t.Fatalf("empty segment %s", s.ID)
		}
	}
	for i, c := range d.Codes {
		in("code", c.Start, c.End)
		if i > 0 && c.Start < d.Codes[i-1].Start {
			t.Fatalf("codes not in order of Start")
		}
		if c.Line < d.BodyLine {
			t.Fatalf("code line %d before body line %d", c.Line, d.BodyLine)
		}
	}
	lines := d.BodyLine + strings.Count(d.Body, "\n")
	for _, off := range []int{-1, 0, n / 2, n, n + 1} {
		if l := d.Line(off); l < d.BodyLine || l > lines {
			t.Fatalf("Line(%d) = %d outside %d..%d", off, l, d.BodyLine, lines)
		}
	}
	if !utf8.ValidString(d.Body) {
		t.Fatalf("body is not UTF-8")
	}
}

func FuzzParseDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/study/transcripts/*")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(p), data)
	}
	f.Add("x.md", []byte("---\nid: a\n---\nP01: [a [b]{.x} c]{.y}\n[00:01] **R1:** \\[x\\] [z\nP02: ]{.q}"))
	f.Add("fieldnote.md", []byte("A. B.\r\n\r\n[c]{#i .d k=\"v w\"}…"))
	f.Fuzz(func(t *testing.T, file string, data []byte) {
		d, probs := ParseDocument(file, data)
		if d == nil {
			if !probs.HasErrors() {
				t.Fatal("nil document without an error")
			}
			return
		}
		checkInvariants(t, d)
	})
}
