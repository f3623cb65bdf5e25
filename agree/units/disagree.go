package units

import (
	"fmt"
	"slices"
)

// Disagreement is one unit coders differ on, as a person reviews it.
type Disagreement struct {
	Unit     string   `json:"unit"` // segment id (doc/hash) or document id
	Doc      string   `json:"doc"`
	Line     int      `json:"line"`    // file line where the unit starts
	Speaker  string   `json:"speaker"` // "" for the observer or a document unit
	Sentence string   `json:"sentence,omitempty"`
	Differ   []string `json:"differ"` // theme rows the coders differ on
	Coders   []View   `json:"coders"`
}

// View is what one coder did with a unit.
type View struct {
	Coder  string   `json:"coder"`
	Themes []string `json:"themes"` // themes the coder applied to the unit, as applied (children not widened to parents)
	Memos  []string `json:"memos"`
}

// Disagreements describes each unit of s.Differ from the study's text and
// codes: where it is, what it says, and each coder's themes and memos.
func Disagreements(in Input, s *Set) ([]Disagreement, error) {
	if in.Study == nil || in.Coded == nil {
		return nil, fmt.Errorf("disagreements need the study's text")
	}
	var out []Disagreement
	for _, u := range s.Differ {
		doc := in.Study.Documents[u.Doc]
		d := Disagreement{Unit: doc.ID, Doc: doc.ID, Line: doc.Line(0)}
		apps := in.docApps(u.Doc)
		if u.Segment >= 0 {
			if u.Segment >= len(doc.Segments) {
				return nil, fmt.Errorf("%s: segment %d is not in the document; the index is out of date", doc.Path, u.Segment)
			}
			seg := doc.Segments[u.Segment]
			d.Unit, d.Line, d.Sentence = seg.ID, doc.Line(seg.Start), doc.Body[seg.Start:seg.End]
			d.Speaker = doc.Turns[seg.Turn].Speaker
			apps = in.Coded.SegmentApps[u.Doc][u.Segment]
		}
		for _, i := range u.Themes {
			d.Differ = append(d.Differ, in.Table.Themes[s.Themes[i]])
		}
		for _, c := range s.Coders {
			v := View{Coder: c, Themes: []string{}, Memos: []string{}}
			for _, ai := range apps {
				a := in.Coded.Apps[ai]
				if a.Source != c {
					continue
				}
				if !slices.Contains(v.Themes, a.Theme) {
					v.Themes = append(v.Themes, a.Theme)
				}
				if a.Memo != "" && !slices.Contains(v.Memos, a.Memo) {
					v.Memos = append(v.Memos, a.Memo)
				}
			}
			in.sortThemes(v.Themes)
			d.Coders = append(d.Coders, v)
		}
		out = append(out, d)
	}
	return out, nil
}

// docApps lists the indexes of a document's applications that fall in
// its usable segments.
func (in Input) docApps(di int) []int {
	var out []int
	for _, seg := range in.Coded.SegmentApps[di] {
		for _, ai := range seg {
			if !slices.Contains(out, ai) {
				out = append(out, ai)
			}
		}
	}
	return out
}

// sortThemes puts theme ids in codebook order.
func (in Input) sortThemes(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		return slices.Index(in.Table.Themes, a) - slices.Index(in.Table.Themes, b)
	})
}
