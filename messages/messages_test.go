package messages

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

func study(t *testing.T) (*corpus.Study, *themes.Codebook) {
	t.Helper()
	fsys := fstest.MapFS{
		"insight.yaml":           {Data: []byte("title: T\n")},
		"participants.csv":       {Data: []byte("id,role,consent\nP01,parent,yes\nP02,parent,withdrawn\n")},
		"transcripts/int-001.md": {Data: []byte("P01: We waited weeks and weeks. Nobody rang back.\n\nP02: My own words.\n")},
		"transcripts/fg-01.md":   {Data: []byte("P01: Another document.\n")},
		"codebook.yaml":          {Data: []byte("- {id: waiting, name: Waiting}\n- {id: trust, name: Trust}\n")},
	}
	st, probs := corpus.Load(t.Context(), fsys, "s")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	cb, probs := themes.Load(fsys, "codebook.yaml", "s/codebook.yaml")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return st, cb
}

func TestMessagesProblemsNameFileAndLine(t *testing.T) {
	st, cb := study(t)
	src := `messages:
  - title: People wait
    statement: They wait.
    themes: [waiting, wating]
    colour: red
    quotes:
      - {doc: int-001, quote: "Nobody rang back", start: 5}
      - {doc: int-001, quote: "not there at all"}
      - {doc: nowhere, quote: "x"}
      - {doc: int-001, quote: "My own words"}
      - {doc: int-001, quote: "x", page: 3}
  - statement: no title
    themes: [trust]
  - title: People wait
    themes: [trust]
`
	msgs, probs := Parse("m.yaml", []byte(src))
	probs.Add(Resolve("m.yaml", msgs, st, cb)...)
	got := probs.Error()
	for _, want := range []string{
		`m.yaml:5: unknown key "colour" in a message`,
		`m.yaml:2: message "People wait" rests on unknown theme "wating"; did you mean "waiting"?`,
		`m.yaml:8: warning: pinned quote is no longer in`,
		`m.yaml:9: no transcript has id "nowhere"`,
		`m.yaml:11: unknown key "page" in a pinned quote`,
		`m.yaml:12: message has no title`,
		`m.yaml:14: message id "people-wait" is used twice (first on line 2)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want a problem %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "My own words") {
		t.Error("a problem quotes a withdrawn participant's words")
	}
	if len(msgs) != 1 || len(msgs[0].Quotes) != 5 {
		t.Fatalf("parsed %+v", msgs)
	}
	q := msgs[0].Quotes
	if !q[0].Found || st.Documents[q[0].DocIndex].Body[q[0].ByteStart:q[0].ByteEnd] != "Nobody rang back" {
		t.Errorf("pinned quote not re-anchored from a wrong hint: %+v", q[0])
	}
	if q[1].Found || q[3].Found {
		t.Error("a missing quote, or one in withdrawn words, is marked found")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "messages:", "messages: []", "- a", "messages: [{title: x, themes: [a], quotes: [{doc: d, quote: q, start: -1}]}]",
		"messages:\n  - title: x\n    id: Bad Id\n", "messages: {a: b}", ": : :"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		msgs, _ := Parse("m.yaml", []byte(s))
		for _, m := range msgs {
			if m.Title == "" || !slug.MatchString(m.ID) {
				t.Fatalf("message without title or slug id: %+v", m)
			}
		}
	})
}
