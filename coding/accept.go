package coding

import (
	"sort"
	"strings"

	"github.com/residentinsight/insight/corpus"
)

// AcceptMemo is the memo of a coding made by accepting a rule suggestion.
const AcceptMemo = "accepted keyword suggestion"

// Suggestions returns, as codings a coder's file can hold, the keyword and
// pattern hits of the themes keep accepts that no person has coded with the
// same theme: one record per hit, quoting the whole sentence (or sentences)
// it falls in — a longer quote re-anchors more surely than one keyword —
// with code point offsets, in document order, each once.
func Suggestions(st *corpus.Study, c *Coded, keep func(theme string) bool) []Record {
	var out []Record
	seen := map[[3]string]bool{}
	for _, a := range c.Apps {
		if a.Source != SourceAuto || !keep(a.Theme) || a.Doc < 0 || a.Doc >= len(st.Documents) {
			continue
		}
		d := st.Documents[a.Doc]
		segs := d.Segments
		lo := sort.Search(len(segs), func(i int) bool { return segs[i].End > a.Start })
		hi, novel := lo, false
		for ; hi < len(segs) && segs[hi].Start < a.End; hi++ {
			if !personCoded(c, a.Doc, hi, a.Theme) {
				novel = true
			}
		}
		if !novel {
			continue
		}
		start, end := trim(d.Body, segs[lo].Start, segs[hi-1].End)
		r := Record{Doc: d.ID, Theme: a.Theme, Quote: d.Body[start:end], Start: d.RuneOffset(start), End: d.RuneOffset(end), Memo: AcceptMemo}
		if k := [3]string{r.Doc, r.Theme, r.Quote}; !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

func personCoded(c *Coded, doc, seg int, theme string) bool {
	if doc >= len(c.SegmentApps) || seg >= len(c.SegmentApps[doc]) {
		return false
	}
	for _, i := range c.SegmentApps[doc][seg] {
		if a := c.Apps[i]; a.Source != SourceAuto && a.Theme == theme {
			return true
		}
	}
	return false
}

// trim narrows [start, end) of body to leave out surrounding white space.
func trim(body string, start, end int) (int, int) {
	s := body[start:end]
	l := len(s) - len(strings.TrimLeft(s, " \t\r\n"))
	r := len(strings.TrimRight(s, " \t\r\n"))
	if r <= l {
		return start, end
	}
	return start + l, start + r
}
