package coding

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// TestMergeMemoEqualsFresh is the memo's rule: after each kind of change
// a watch meets, a merge that reuses the memo's unchanged documents gives
// exactly what a merge without one gives, problems and order included.
func TestMergeMemoEqualsFresh(t *testing.T) {
	ctx := context.Background()
	cb, probs := themes.Parse("codebook.yaml", []byte(testCodebook))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	doc := func(id, text string) *corpus.Document {
		d, probs := corpus.ParseDocument("transcripts/"+id+".md", []byte(text))
		if probs.HasErrors() {
			t.Fatal(probs)
		}
		return d
	}
	text := "Interviewer: Tell me about the [assessments]{.duplication}.\n" +
		"P01: Another assessment. The housing officer asked the same questions.\n" +
		"P02: Same\nquestions? No.\n"
	docs := []*corpus.Document{doc("int-001", text), doc("int-002", text), doc("int-003", text+"P01: One more assessment.\n")}
	recs := []Record{
		{Doc: "int-002", Theme: "housing", Quote: "The housing officer", Coder: "tom", File: "codings/tom.jsonl", Line: 1},
		{Doc: "int-001", Theme: "housing", Quote: "not there", Coder: "tom", File: "codings/tom.jsonl", Line: 2},
		{Doc: "int-003", Theme: "duplication", Quote: "One more assessment", Start: 3, Coder: "amira", File: "codings/amira.jsonl", Line: 1},
		{Doc: "int-009", Theme: "housing", Quote: "x", Coder: "tom", File: "codings/tom.jsonl", Line: 3},
		{Doc: "int-003", Theme: "housng", Quote: "x", Coder: "tom", File: "codings/tom.jsonl", Line: 4},
	}
	memo := NewMemo()
	check := func(what string) {
		t.Helper()
		st := &corpus.Study{Documents: docs}
		for i, d := range docs {
			for s := range d.Segments {
				d.Segments[s].Doc = i
			}
		}
		want, wantProbs := Merge(ctx, st, cb, recs, Options{Auto: true})
		got, gotProbs := Merge(ctx, st, cb, recs, Options{Auto: true, Memo: memo})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: merged with the memo:\n%+v\nwithout:\n%+v", what, got, want)
		}
		// Independently of how Merge works: each segment lists exactly
		// the applications that overlap it, by their place in Apps.
		for ai, a := range got.Apps {
			for s, seg := range docs[a.Doc].Segments {
				listed := slices.Contains(got.SegmentApps[a.Doc][s], ai)
				if overlaps := seg.Start < a.End && a.Start < seg.End; listed != overlaps {
					t.Errorf("%s: application %d (%+v) listed under segment %d of %s: %v, overlaps it: %v", what, ai, a, s, docs[a.Doc].ID, listed, overlaps)
				}
			}
		}
		if fmt.Sprint(gotProbs) != fmt.Sprint(wantProbs) {
			t.Errorf("%s: problems with the memo:\n%v\nwithout:\n%v", what, gotProbs, wantProbs)
		}
	}
	check("first merge")
	check("nothing changed")
	recs = append(recs[:1:1], append([]Record{{Doc: "int-001", Theme: "duplication", Quote: "Another assessment", Coder: "tom", File: "codings/tom.jsonl", Line: 2}}, recs[1:]...)...)
	check("a coding added to the first document") // the later documents' applications move
	recs[0].Memo = "a memo"
	check("a memo edited")
	docs[1] = doc("int-002", text+"Interviewer: Thank you.\n")
	check("a transcript edited")
	docs[1].Turns[1].Withheld = true
	check("a participant withdrew")
	docs = docs[1:]
	check("a transcript removed") // the documents after it move
	cb, _ = themes.Parse("codebook.yaml", []byte(testCodebook+"- id: questions\n  keywords: [questions]\n"))
	check("a keyword added")
}
