package anon

import (
	"strings"
	"testing"
)

const sampleAllow = `# Reviewed by the research team.
allow:
  - text: "Marsh End"
    note: an estate name, declared in the report
  - file: transcripts/int-003.md
    line: 12
    text: "Hope"
    kind: person
    note: "reviewed: the word hope"
  - file: transcripts/fg-01.md
    text: Jo
`

func TestAllowlistAllows(t *testing.T) {
	a, probs := LoadAllowlist("anonymisation.yaml", []byte(sampleAllow))
	if len(probs) > 0 {
		t.Fatalf("unexpected problems: %v", probs)
	}
	tests := []struct {
		file string
		line int
		f    Finding
		want bool
	}{
		{"transcripts/int-001.md", 4, Finding{Text: "Marsh End", Kind: Address}, true},
		{"transcripts/int-001.md", 4, Finding{Text: "marsh  end", Kind: Person}, true},
		{"transcripts/int-001.md", 4, Finding{Text: "Marsh", Kind: Person}, false},
		{"transcripts/int-003.md", 12, Finding{Text: "Hope", Kind: Person}, true},
		{"transcripts/int-003.md", 13, Finding{Text: "Hope", Kind: Person}, false},
		{"transcripts/int-003.md", 12, Finding{Text: "Hope", Kind: School}, false},
		{"transcripts/int-004.md", 12, Finding{Text: "Hope", Kind: Person}, false},
		{"transcripts/fg-01.md", 99, Finding{Text: "Jo", Kind: Person}, true},
		{"transcripts/./fg-01.md", 1, Finding{Text: "Jo", Kind: Person}, true},
		{"transcripts/fg-02.md", 1, Finding{Text: "Jo", Kind: Person}, false},
	}
	for _, tc := range tests {
		if got := a.Allows(tc.file, tc.line, tc.f); got != tc.want {
			t.Errorf("Allows(%s, %d, %q %s) = %v, want %v", tc.file, tc.line, tc.f.Text, tc.f.Kind, got, tc.want)
		}
	}
	var nilList *Allowlist
	if nilList.Allows("x", 1, Finding{Text: "Marsh End"}) {
		t.Error("a nil allowlist allowed something")
	}
}

func TestLoadAllowlistProblems(t *testing.T) {
	tests := []struct {
		name, src string
		lines     []int    // lines of the expected problems
		msgs      []string // a fragment of each message
	}{
		{"empty", "", nil, nil},
		{"null allow", "allow:\n", nil, nil},
		{"unknown top key", "allow: []\npermit: []\n", []int{2}, []string{`unknown key "permit"`}},
		{"unknown entry key", "allow:\n  - text: x\n    colour: red\n", []int{3}, []string{`unknown key "colour"`}},
		{"missing text", "allow:\n  - file: a.md\n    line: 3\n", []int{2}, []string{"no text"}},
		{"bad kind", "allow:\n  - text: x\n    kind: persn\n", []int{3}, []string{`unknown kind "persn"`}},
		{"bad line", "allow:\n  - text: x\n    file: a.md\n    line: twelve\n", []int{4}, []string{"positive whole number"}},
		{"line without file", "allow:\n  - text: x\n    line: 4\n", []int{2}, []string{"no file"}},
		{"not a list", "allow: Marsh End\n", []int{1}, []string{"must be a list"}},
		{"entry not a mapping", "allow:\n  - Marsh End\n", []int{2}, []string{"must be a mapping"}},
		{"syntax", "allow:\n  - text: \"x\n", []int{2}, []string{"cannot read"}},
		{"two problems", "allow:\n  - note: a\n  - text: b\n    kind: nope\n", []int{2, 4}, []string{"no text", "unknown kind"}},
	}
	for _, tc := range tests {
		_, probs := LoadAllowlist("anonymisation.yaml", []byte(tc.src))
		if len(probs) != len(tc.lines) {
			t.Errorf("%s: got %d problems %v, want %d", tc.name, len(probs), probs, len(tc.lines))
			continue
		}
		for i, p := range probs {
			if p.File != "anonymisation.yaml" || p.Line != tc.lines[i] || !strings.Contains(p.Msg, tc.msgs[i]) {
				t.Errorf("%s: problem %d = %v, want line %d containing %q", tc.name, i, p, tc.lines[i], tc.msgs[i])
			}
		}
	}
}

func FuzzLoadAllowlist(f *testing.F) {
	f.Add([]byte(sampleAllow))
	f.Add([]byte("allow:\n  - text: x\n    line: -1\n"))
	f.Add([]byte("allow: [{text: a, kind: phone}, {file: b}]"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("allow:\n  - &a {text: x}\n  - *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, probs := LoadAllowlist("anonymisation.yaml", data)
		if a == nil {
			t.Fatal("nil allowlist")
		}
		for _, p := range probs {
			if p.File != "anonymisation.yaml" || p.Msg == "" {
				t.Fatalf("problem without file or message: %v", p)
			}
		}
		for _, e := range a.Entries {
			if e.Text == "" || e.Line < 0 {
				t.Fatalf("invalid entry accepted: %+v", e)
			}
			if !a.Allows(e.File, e.Line, Finding{Text: e.Text, Kind: e.Kind}) {
				t.Fatalf("entry %+v does not allow its own finding", e)
			}
		}
	})
}
