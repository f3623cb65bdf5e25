package units

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/residentinsight/insight/coding"
)

// Review is one line of a review file: a disagreement and the decision a
// person writes into Consensus (a list of theme ids; [] for none). The file
// is JSON lines, one unit per line, written by WriteReview.
type Review struct {
	Disagreement
	Consensus *[]string `json:"consensus"`
	Memo      string    `json:"memo,omitempty"` // optional: becomes the consensus codings' memo
}

// WriteReview writes disagreements as review lines with an empty decision.
func WriteReview(w io.Writer, ds []Disagreement) error {
	for _, d := range ds {
		b, err := json.Marshal(Review{Disagreement: d})
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// ReadReview reads a review file. Every problem names the file and line.
// The coders are the ones every line names, in the order of the first.
func ReadReview(file string, data []byte) (reviews []Review, lines []int, coders []string, err error) {
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var r Review
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return nil, nil, nil, fmt.Errorf("%s:%d: not a review line (%v); each line is one unit as written by insight agree --disagreements --format jsonl", file, n, err)
		}
		var names []string
		for _, v := range r.Coders {
			names = append(names, v.Coder)
		}
		switch {
		case r.Unit == "" || r.Doc == "":
			return nil, nil, nil, fmt.Errorf("%s:%d: the line has no unit or doc; keep the fields insight wrote", file, n)
		case r.Sentence == "":
			return nil, nil, nil, fmt.Errorf("%s:%d: unit %q is not a sentence; --apply takes the segment review (insight agree --disagreements --format jsonl, without --unit)", file, n, r.Unit)
		case r.Consensus == nil:
			return nil, nil, nil, fmt.Errorf("%s:%d: unit %q has no decision: set \"consensus\" to the theme ids that apply, or [] for none", file, n, r.Unit)
		case len(names) < 2:
			return nil, nil, nil, fmt.Errorf("%s:%d: the line names %d coders; a review compares two or more", file, n, len(names))
		case coders == nil:
			coders = names
		case !sameSet(coders, names):
			return nil, nil, nil, fmt.Errorf("%s:%d: the line compares %s, earlier lines %s; review one set of coders per file", file, n, strings.Join(names, ", "), strings.Join(coders, ", "))
		}
		if j := slices.IndexFunc(reviews, func(p Review) bool { return p.Unit == r.Unit }); j >= 0 {
			return nil, nil, nil, fmt.Errorf("%s:%d: unit %q is decided twice (first on line %d); keep one line", file, n, r.Unit, lines[j])
		}
		reviews = append(reviews, r)
		lines = append(lines, n)
	}
	if len(reviews) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: no review lines", file)
	}
	return reviews, lines, coders, nil
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// Consensus is the consensus coder's file made from a review.
type Consensus struct {
	Lines     [][]byte // the file's lines: a declaration of the compared documents, then codings
	Decided   int      // units decided in the review
	Agreed    int      // units the coders agreed on, taken as they coded them
	Undecided int      // units the coders differ on that the review does not cover: only the themes every coder applied were kept
}

// MakeConsensus checks each review against the study and builds the
// consensus coder's codings: every segment of the compared documents gets
// the themes decided for it, or else the themes its coders agree on. Each
// coding quotes its whole sentence. set must be a segment Set over every
// theme for the review's coders.
func MakeConsensus(in Input, set *Set, file string, reviews []Review, lines []int) (*Consensus, error) {
	type at struct{ doc, seg int }
	where := map[string]at{}
	for _, d := range set.Docs {
		for si, seg := range in.Study.Documents[d].Segments {
			where[seg.ID] = at{d, si}
		}
	}
	decided := map[at][]string{}
	memo := map[at]string{}
	for i, r := range reviews {
		w, ok := where[r.Unit]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unit %q is not a sentence of the documents %s all worked on; the transcript or the codings changed since the review was written: write it again", file, lines[i], r.Unit, strings.Join(set.Coders, " and "))
		}
		doc := in.Study.Documents[w.doc]
		seg := doc.Segments[w.seg]
		if text := doc.Body[seg.Start:seg.End]; text != r.Sentence {
			return nil, fmt.Errorf("%s:%d: the sentence of unit %q was edited (the study has %q); the review must quote the study's text: write it again", file, lines[i], r.Unit, text)
		}
		for _, th := range *r.Consensus {
			if !slices.Contains(in.Table.Themes, th) {
				return nil, fmt.Errorf("%s:%d: unknown theme %q in consensus; the themes are %s", file, lines[i], th, strings.Join(in.Table.Themes, ", "))
			}
		}
		decided[w] = *r.Consensus
		memo[w] = r.Memo
	}
	differ := map[at]bool{}
	for _, u := range set.Differ {
		differ[at{u.Doc, u.Segment}] = true
	}
	c := &Consensus{}
	var ids []string
	for _, d := range set.Docs {
		ids = append(ids, in.Study.Documents[d].ID)
	}
	decl, _ := json.Marshal(map[string][]string{"documents": ids})
	c.Lines = append(c.Lines, decl)
	for _, d := range set.Docs {
		doc := in.Study.Documents[d]
		for si, seg := range doc.Segments {
			w := at{d, si}
			var themes []string
			switch th, ok := decided[w]; {
			case ok:
				themes = th
				c.Decided++
			case differ[w]:
				themes = in.agreedThemes(set.Coders, d, si)
				c.Undecided++
			default:
				themes = in.agreedThemes(set.Coders, d, si)
				if len(themes) > 0 {
					c.Agreed++
				}
			}
			for _, th := range themes {
				b, err := json.Marshal(coding.Record{
					Doc: doc.ID, Theme: th, Quote: doc.Body[seg.Start:seg.End],
					Start: doc.RuneOffset(seg.Start), End: doc.RuneOffset(seg.End), Memo: memo[w],
				})
				if err != nil {
					return nil, err
				}
				c.Lines = append(c.Lines, b)
			}
		}
	}
	return c, nil
}

// agreedThemes is the most specific themes every coder applied to a
// segment, counting a child as its parent too: a theme is kept when every
// coder applied it or a child of it, and none of its children is kept.
func (in Input) agreedThemes(coders []string, d, si int) []string {
	t := in.Table
	count := map[int32]map[string]bool{}
	for _, ai := range in.Coded.SegmentApps[d][si] {
		a := in.Coded.Apps[ai]
		if !slices.Contains(coders, a.Source) {
			continue
		}
		th := slices.Index(t.Themes, a.Theme)
		if th < 0 {
			continue
		}
		for _, anc := range t.Ancestors[th] {
			if count[anc] == nil {
				count[anc] = map[string]bool{}
			}
			count[anc][a.Source] = true
		}
	}
	var all []int32
	for th, who := range count {
		if len(who) == len(coders) {
			all = append(all, th)
		}
	}
	var out []string
	for _, th := range all {
		specific := true
		for _, other := range all {
			if other != th && slices.Contains(t.Ancestors[other], th) {
				specific = false
			}
		}
		if specific {
			out = append(out, t.Themes[th])
		}
	}
	in.sortThemes(out)
	return out
}
