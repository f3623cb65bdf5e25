package coding

import (
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// A span that several rules of one theme match is one application: two
// keywords with one stem, and a pattern over the same words; a second
// theme matching the span has its own.
// Keywords alone are checked apart from patterns, which change how
// repeats are found.
func TestAutoCodeOneApplicationPerSpan(t *testing.T) {
	const book = `- id: dup
  name: Duplication
  keywords: [assessment, assessments, "same questions", "same question"]
- id: other
  name: Other
  keywords: [assessment]
`
	oneAppPerSpan(t, book)
	oneAppPerSpan(t, book+`- id: pat
  name: Patterned
  keywords: [questions]
  patterns: ['questions', 'questions\b']
`, "pat questions")
	oneAppPerSpan(t, book+`  patterns: ['assessment', 'same questions', 'same questions']
`, "other same questions")
}

func oneAppPerSpan(t *testing.T, book string, more ...string) {
	t.Helper()
	cb, probs := themes.Parse("codebook.yaml", []byte(book))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	d := parseDoc(t, "P01: Another assessment, the same questions.\n")
	apps := AutoCode(&corpus.Study{Documents: []*corpus.Document{d}}, cb)
	got := map[string]int{}
	for _, a := range apps {
		got[a.Theme+" "+d.Body[a.Start:a.End]]++
	}
	want := map[string]int{"dup assessment": 1, "dup same questions": 1, "other assessment": 1}
	for _, k := range more {
		want[k] = 1
	}
	if len(got) != len(want) {
		t.Errorf("applications %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%q: %d applications, want %d (all: %v)", k, got[k], n, got)
		}
	}
}
