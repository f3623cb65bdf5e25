package refi

import (
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

func TestCommentNotesLeaveWithheldTurnsOut(t *testing.T) {
	body := "P01: we waited six weeks\nP09: my private words\n"
	d := &corpus.Document{ID: "int-1", Body: body,
		Turns: []corpus.Turn{{Speaker: "P01", Start: 5, End: 25}, {Speaker: "P09", Start: 30, End: len(body), Withheld: true}},
		Memos: []corpus.Memo{{Start: 8, End: 24, Author: "Ann", Text: "how long exactly?"}, {Start: 30, End: 37, Text: "about P09"}},
	}
	withheldDoc := &corpus.Document{ID: "int-2", Body: "x", Withheld: true, Memos: []corpus.Memo{{Start: 0, End: 1, Text: "gone"}}}
	notes := commentNotes(&corpus.Study{Documents: []*corpus.Document{d, withheldDoc}})
	if len(notes) != 1 {
		t.Fatalf("notes: %+v; want only the comment on P01's words", notes)
	}
	n := notes[0]
	if n.Name != "Comment by Ann on int-1" || !strings.Contains(n.Content, "> waited six weeks") || !strings.HasSuffix(n.Content, "how long exactly?") {
		t.Errorf("note: %+v", n)
	}
}

func TestWithholdTurnsMapsOffsets(t *testing.T) {
	body := "P01: before\nP09: secret words here\nP01: after\n"
	s := strings.Index(body, "secret")
	d := &corpus.Document{Body: body, Turns: []corpus.Turn{{Start: 5, End: 12}, {Start: s, End: s + len("secret words here\n"), Withheld: true}, {Start: s + 23, End: len(body)}}}
	text, at := withholdTurns(d)
	if strings.Contains(text, "secret") || !strings.Contains(text, "P09: [withheld]\nP01: after") {
		t.Fatalf("text: %q", text)
	}
	a := strings.Index(body, "after")
	if got := text[at(a) : at(a)+5]; got != "after" {
		t.Errorf("offset after the withheld turn maps to %q", got)
	}
	if got := text[at(5) : at(5)+6]; got != "before" {
		t.Errorf("offset before it maps to %q", got)
	}
}
