package coding

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
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
	pack := filepath.Join(t.TempDir(), "merged.pack")
	// check merges with the watch's memo and with one on disk, opened
	// afresh as a build does, which must have decoded exactly loaded parts.
	check := func(what string, loaded int) {
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
		disk := OpenMemo(pack, "test program")
		fromDisk, diskProbs := Merge(ctx, st, cb, recs, Options{Auto: true, Memo: disk})
		if err := disk.Save(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromDisk, want) {
			t.Errorf("%s: merged with the memo on disk:\n%+v\nwithout:\n%+v", what, fromDisk, want)
		}
		if fmt.Sprint(diskProbs) != fmt.Sprint(wantProbs) {
			t.Errorf("%s: problems with the memo on disk:\n%v\nwithout:\n%v", what, diskProbs, wantProbs)
		}
		if n := int(disk.loaded.Load()); n != loaded {
			t.Errorf("%s: %d documents' parts read from the memo on disk, want %d", what, n, loaded)
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
	check("first merge", 0)
	check("nothing changed", 3)
	recs = append(recs[:1:1], append([]Record{{Doc: "int-001", Theme: "duplication", Quote: "Another assessment", Coder: "tom", File: "codings/tom.jsonl", Line: 2}}, recs[1:]...)...)
	check("a coding added to the first document", 2) // the later documents' applications move
	recs[0].Memo = "a memo"
	check("a memo edited", 2)
	docs[1] = doc("int-002", text+"Interviewer: Thank you.\n")
	check("a transcript edited", 2)
	docs[1].Turns[1].Withheld = true
	check("a participant withdrew", 2)
	docs = docs[1:]
	check("a transcript removed", 2) // the documents after it move
	cb, _ = themes.Parse("codebook.yaml", []byte(testCodebook+"- id: questions\n  keywords: [questions]\n"))
	check("a keyword added", 0)
	check("nothing changed again", 2)
}

// FuzzDecodePart: a damaged memo entry is an error, never a panic.
func FuzzDecodePart(f *testing.F) {
	d, _ := corpus.ParseDocument("transcripts/a.md", []byte("P01: Some words here. More words.\n"))
	recs := []Record{{Doc: "a", Theme: "t", Quote: "Some"}, {Doc: "a", Theme: "u", Quote: "More"}}
	f.Add(encodePart(&docPart{withheld: 1, apps: []Application{{Theme: "t", Source: "tom", Start: 5, End: 9, Line: 2}},
		orphans: []int{1}, moved: []Moved{{Record: recs[0], NewStart: 1, NewEnd: 2}}, movedRec: []int{0},
		probs: diag.List{{File: "x", Line: 1, Msg: "m"}}, recProbs: []placedProblem{{1, diag.Problem{File: "y", Severity: diag.Warning}}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodePart(data, d, recs, []int{0, 1})
		if err != nil {
			return
		}
		apps := make([]Application, p.appCount())
		p.packed.decode(apps, 3)
		for _, a := range apps {
			if a.Doc != 3 || a.Start < 0 || a.End < a.Start || a.End > len(d.Body) {
				t.Fatalf("decoded %+v", a)
			}
		}
	})
}
