package coding

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/themes"
)

// Options choose what Merge applies.
type Options struct {
	// Auto applies the codebook's keyword and pattern rules (source "auto").
	Auto bool
	// CacheDir, when non-empty, keeps each document's rule matches keyed
	// by its text and the rules, so a rebuild runs the rules over changed
	// documents only.
	CacheDir string
}

// Merge combines inline codes, standoff records and (optionally) the
// codebook's rules into one Coded set. Problems name the file and line of the
// coding: an unknown theme or document is an error, an orphaned quote a
// warning; none of them is ever removed from its file.
func Merge(ctx context.Context, st *corpus.Study, cb *themes.Codebook, recs []Record, opt Options) (*Coded, diag.List) {
	var probs diag.List
	c := &Coded{withheldTurns: make([][]corpus.Turn, len(st.Documents))}
	for i, d := range st.Documents {
		for _, t := range d.Turns {
			if t.Withheld {
				c.withheldTurns[i] = append(c.withheldTurns[i], t)
			}
		}
	}
	byID := make(map[string]int, len(st.Documents))
	for i, d := range st.Documents {
		byID[d.ID] = i
	}
	coders := map[string]bool{}
	// Sized once for the people's codes: a million records otherwise move
	// the list (a hundred bytes each) to a new array twenty times as it grows.
	n := len(recs)
	for _, d := range st.Documents {
		for _, ic := range d.Codes {
			n += len(ic.Themes)
		}
	}
	c.Apps = make([]Application, 0, n)

	for di, d := range st.Documents {
		for _, ic := range d.Codes {
			for _, th := range ic.Themes {
				if cb.Lookup(th) == nil {
					probs.Errorf(d.Path, ic.Line, "unknown theme %q in an inline code%s", th, suggestion(cb, th))
					continue
				}
				c.add(st, Application{Theme: th, Doc: di, Start: ic.Start, End: ic.End, Source: SourceInline, File: d.Path, Line: ic.Line})
			}
		}
	}

	for _, r := range recs {
		coders[r.Coder] = true
		di, ok := byID[r.Doc]
		if !ok {
			probs.Errorf(r.File, r.Line, "no transcript has id %q; fix the doc field (document ids are the front matter id or the file name)", r.Doc)
			continue
		}
		if cb.Lookup(r.Theme) == nil {
			probs.Errorf(r.File, r.Line, "unknown theme %q%s", r.Theme, suggestion(cb, r.Theme))
			continue
		}
		d := st.Documents[di]
		start, end, found := Anchor(d, r)
		if d.Withheld { // never describe, even as an orphan, a withdrawn participant's words
			c.Withheld++
			continue
		}
		if !found {
			probs.Warnf(r.File, r.Line, "orphaned: the quote is no longer in %s; the coding is kept in the file — re-code it or delete the line", d.Path)
			c.Orphans = append(c.Orphans, r)
			continue
		}
		if d.RuneOffset(start) != r.Start {
			c.Moved = append(c.Moved, Moved{Record: r, NewStart: d.RuneOffset(start), NewEnd: d.RuneOffset(end)})
		}
		c.add(st, Application{Theme: r.Theme, Doc: di, Start: start, End: end, Source: r.Coder, Memo: r.Memo, File: r.File, Line: r.Line})
	}

	if opt.Auto {
		if err := ctx.Err(); err != nil {
			probs.Errorf("", 0, "%v", err)
			return c, probs
		}
		auto, _ := autoCode(st, cb, opt.CacheDir)
		c.Apps = slices.Grow(c.Apps, len(auto))
		for _, a := range auto {
			c.add(st, a)
		}
	}
	for name := range coders {
		c.Coders = append(c.Coders, name)
	}
	sort.Strings(c.Coders)
	c.index(st)
	return c, probs
}

// add keeps an application unless it touches words that must not be used:
// a withheld document or a turn of a participant who withdrew consent.
func (c *Coded) add(st *corpus.Study, a Application) {
	d := st.Documents[a.Doc]
	if d.Withheld {
		c.Withheld++
		return
	}
	for _, t := range c.withheldTurns[a.Doc] {
		if t.Start < a.End && a.Start < t.End {
			c.Withheld++
			return
		}
	}
	c.Apps = append(c.Apps, a)
}

// index sorts the applications and records which segments each overlaps.
func (c *Coded) index(st *corpus.Study) {
	// Every field takes part, so the order is total and no stable sort
	// (with its n·log²n moves of whole structs) is needed: a million
	// codings sorted in a fraction of the time. Documents come first in
	// the order, so the applications are dealt out by document (one pass)
	// and each document's few sorted apart.
	c.Apps = sortByDoc(c.Apps, len(st.Documents))
	c.SegmentApps = make([][][]int, len(st.Documents))
	for di, d := range st.Documents {
		c.SegmentApps[di] = make([][]int, len(d.Segments))
	}
	for ai, a := range c.Apps {
		segs := st.Documents[a.Doc].Segments
		// Segments are sorted and disjoint: the first that ends after the span starts.
		s := sort.Search(len(segs), func(i int) bool { return segs[i].End > a.Start })
		for ; s < len(segs) && segs[s].Start < a.End; s++ {
			c.SegmentApps[a.Doc][s] = append(c.SegmentApps[a.Doc][s], ai)
		}
	}
}

// sortByDoc returns apps sorted by compareApps: counted and placed by
// document, then each document's sorted.
func sortByDoc(apps []Application, docs int) []Application {
	start := make([]int, docs+1)
	for _, a := range apps {
		start[a.Doc+1]++
	}
	for d := range docs {
		start[d+1] += start[d]
	}
	out := make([]Application, len(apps))
	next := slices.Clone(start[:docs])
	for _, a := range apps {
		out[next[a.Doc]] = a
		next[a.Doc]++
	}
	for d := range docs {
		slices.SortFunc(out[start[d]:start[d+1]], compareApps)
	}
	return out
}

func compareApps(a, b Application) int {
	switch {
	case a.Doc != b.Doc:
		return cmp.Compare(a.Doc, b.Doc)
	case a.Start != b.Start:
		return cmp.Compare(a.Start, b.Start)
	case a.End != b.End:
		return cmp.Compare(a.End, b.End)
	case a.Theme != b.Theme:
		return strings.Compare(a.Theme, b.Theme)
	case a.Source != b.Source:
		return strings.Compare(a.Source, b.Source)
	case a.File != b.File:
		return strings.Compare(a.File, b.File)
	case a.Line != b.Line:
		return cmp.Compare(a.Line, b.Line)
	}
	return strings.Compare(a.Memo, b.Memo)
}

func suggestion(cb *themes.Codebook, id string) string {
	if s := cb.Suggest(id); s != "" {
		return fmt.Sprintf("; did you mean %q? (themes are listed in %s)", s, cb.File)
	}
	return fmt.Sprintf("; add it to %s or fix the spelling", cb.File)
}
