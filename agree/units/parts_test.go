package units

import (
	"context"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

const partsCodebook = `- id: a
  name: A
- id: p
  name: P
  children:
    - id: c
      name: C
`

// TestMemoRebuildsWhatChanged is the parts memo's rule: a Set put
// together from a memo on disk equals one built without it, after each
// kind of change, and the memo is read for exactly the documents whose
// rows, codes and comparison did not change.
func TestMemoRebuildsWhatChanged(t *testing.T) {
	cb, probs := themes.Parse("codebook.yaml", []byte(partsCodebook))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	texts := map[string]string{
		"d1": "Interviewer: Hello there.\nP1: One thing. Two things. Three.\n",
		"d2": "P2: Alpha beta. Gamma delta.\nInterviewer: Thanks.\n",
		"d3": "P3: First. Second. Third.\n",
	}
	ids := []string{"d1", "d2", "d3"}
	recs := []coding.Record{
		{Doc: "d1", Theme: "a", Quote: "One thing", Coder: "x"},
		{Doc: "d1", Theme: "a", Quote: "One thing", Coder: "y"},
		{Doc: "d1", Theme: "c", Quote: "Two things", Coder: "x"},
		{Doc: "d2", Theme: "p", Quote: "Alpha beta", Coder: "y"},
		{Doc: "d2", Theme: "c", Quote: "Gamma", Coder: "x"},
		{Doc: "d3", Theme: "a", Quote: "Second", Coder: "x"},
		{Doc: "d3", Theme: "c", Quote: "Third", Coder: "y"},
	}
	pack := filepath.Join(t.TempDir(), "parts.pack")
	check := func(what string, loaded int) {
		t.Helper()
		st := &corpus.Study{}
		for _, id := range ids {
			d, probs := corpus.ParseDocument("transcripts/"+id+".md", []byte(texts[id]))
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			st.Documents = append(st.Documents, d)
		}
		coded, _ := coding.Merge(context.Background(), st, cb, recs, coding.Options{})
		in := Input{Table: query.New(st, cb, coded), Study: st, Coded: coded, Declared: map[string][]string{}}
		themeRows := []int{0, 1, 2}
		want, err := Build(in, []string{"x", "y"}, themeRows, Segment)
		if err != nil {
			t.Fatal(err)
		}
		// Without a memo, from the pass over every row as it was.
		if old := oldSegments(in, []string{"x", "y"}, themeRows); !reflect.DeepEqual(want, old) {
			t.Errorf("%s: put together from parts:\n%+v\nfrom every row:\n%+v", what, want, old)
		}
		in.Memo = OpenMemo(pack, "test program")
		got, err := Build(in, []string{"x", "y"}, themeRows, Segment)
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Memo.Save(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the memo:\n%+v\nwithout:\n%+v", what, got, want)
		}
		if n := int(in.Memo.loaded.Load()); n != loaded {
			t.Errorf("%s: %d documents' parts read from the memo, want %d", what, n, loaded)
		}
		// The site's: the same ratings from the same memo, no differing units.
		in.Memo, in.RatingsOnly = OpenMemo(pack, "test program"), true
		ratings, err := Build(in, []string{"x", "y"}, themeRows, Segment)
		in.Memo.Abort()
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Differ) == 0 || ratings.Differ != nil {
			t.Errorf("%s: %d units differ; with ratings only, %d listed", what, len(want.Differ), len(ratings.Differ))
		}
		ratings.Differ = want.Differ
		if !reflect.DeepEqual(ratings, want) {
			t.Errorf("%s: ratings only:\n%+v\nwith the units coders differ on:\n%+v", what, ratings, want)
		}
	}
	check("first build", 0)
	check("nothing changed", 3)
	texts["d2"] += "Interviewer: One more line.\n"
	check("a facilitator's line added", 2)
	texts["d1"] = "Interviewer: Hello there.\nP1: One thing. Two things. Three. Four.\n"
	check("an uncoded sentence added", 2)
	recs = append(recs, coding.Record{Doc: "d3", Theme: "a", Quote: "First", Coder: "y"})
	check("a code added", 2)
	recs[6].Theme = "a"
	check("a code's theme changed", 2)
	ids = ids[1:]
	check("a document removed", 2) // the others move up a place
	recs = recs[:len(recs)-1]
	check("a code removed", 1)
}

// oldSegments is Build's pass over every row of the compared documents,
// as it was before parts: the reference the parts must add up to.
func oldSegments(in Input, coders []string, themes []int) *Set {
	t := in.Table
	src, _ := coderSources(in, coders)
	docs, _ := comparedDocs(in, coders, src)
	set := &Set{Kind: Segment, Coders: coders, Themes: themes, Docs: docs}
	compared := make([]bool, t.Docs)
	for _, d := range docs {
		compared[d] = true
	}
	row := map[int]int{}
	for i, th := range themes {
		row[th] = i
	}
	marks := make([]map[int]uint64, len(themes))
	for i := range marks {
		marks[i] = map[int]uint64{}
	}
	for r := range t.Rows() {
		if !compared[t.RowDoc[r]] || t.RowFacilitator[r] {
			continue
		}
		set.Units++
		for c := t.RowCodeStart[r]; c < t.RowCodeStart[r+1]; c++ {
			who, ok := src[t.CodeSource[c]]
			if !ok {
				continue
			}
			for _, a := range t.Ancestors[t.CodeTheme[c]] {
				if i, ok := row[int(a)]; ok {
					marks[i][r] |= 1 << who
				}
			}
		}
	}
	set.rate(marks)
	// The units coders differ on, as Build listed them then.
	all := uint64(1)<<len(coders) - 1
	rows := map[int][]int{}
	for i, m := range marks {
		for k, v := range m {
			if v != all {
				rows[k] = append(rows[k], i)
			}
		}
	}
	starts := map[int]int{}
	for r := t.Rows() - 1; r >= 0; r-- {
		starts[int(t.RowDoc[r])] = r
	}
	for _, k := range slices.Sorted(maps.Keys(rows)) {
		u := Unit{Doc: int(t.RowDoc[k]), Segment: k - starts[int(t.RowDoc[k])], Row: k, Themes: rows[k]}
		slices.Sort(u.Themes)
		set.Differ = append(set.Differ, u)
	}
	return set
}

// FuzzDecodeDocPart: a damaged entry is an error, never a panic.
func FuzzDecodeDocPart(f *testing.F) {
	f.Add(encodePart(&docPart{coded: 3, units: 2, patterns: [][]patternCount{{{1, 1}, {3, 1}}, nil}, differ: []localUnit{{1, []int{0}}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodePart(data, 3, 2, true)
		if err == nil && (p == nil || len(p.patterns) != 2) {
			t.Fatalf("decoded %+v", p)
		}
	})
}
