package site

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// htmlBuf writes the repetitive parts of pages — highlighted transcript
// text and theme quotes — straight into a buffer instead of through
// html/template. Speed: one template call per highlighted piece was most of
// a large build. Untrusted text still goes through html/template's own
// escaper (template.HTMLEscapeString); only constant markup is written raw.
type htmlBuf struct{ bytes.Buffer }

// text writes untrusted text, escaped for HTML text or a quoted attribute.
// Like html/template it also writes '+' as &#43; (a defence against UTF-7
// sniffing), so pages come out byte for byte as its templates wrote them.
func (w *htmlBuf) text(s string) {
	s = template.HTMLEscapeString(s)
	if strings.IndexByte(s, '+') >= 0 {
		s = strings.ReplaceAll(s, "+", "&#43;")
	}
	w.WriteString(s)
}

// raw writes markup the site itself wrote. Never pass it user text.
func (w *htmlBuf) raw(s string) { w.WriteString(s) }

// highlighter renders runs of one document's text with codes highlighted.
// Not safe for concurrent use; its builder's marks are.
type highlighter struct {
	b     *builder
	d     int
	doc   *corpus.Document
	spans []span
	key   []byte
}

func (b *builder) highlighter(d int) *highlighter {
	return &highlighter{b: b, d: d, doc: b.in.Study.Documents[d]}
}

// pieces writes body[start:end) with the given applications highlighted.
func (h *highlighter) pieces(w *htmlBuf, start, end int, apps []int) {
	body := h.doc.Body
	start, end = max(0, start), min(end, len(body))
	h.spans = h.spans[:0]
	for _, i := range apps {
		a := h.b.in.Coded.Apps[i]
		h.spans = append(h.spans, span{Start: a.Start, End: a.End, Key: i})
	}
	for _, p := range split(start, end, h.spans) {
		if len(p.Keys) == 0 {
			w.text(body[p.Start:p.End])
			continue
		}
		w.raw(h.mark(p.Keys))
		w.text(body[p.Start:p.End])
		w.raw("</mark>")
	}
}

// mark returns the opening <mark> tag for a piece covered by apps. Tags
// are remembered by the themes and sources they name, since the same few
// combinations recur all through a study.
func (h *highlighter) mark(apps []int) string {
	h.key = h.key[:0]
	for _, i := range apps {
		h.key = binary.AppendUvarint(h.key, uint64(h.b.appTag[i]))
	}
	if m, ok := h.b.marks.Load(string(h.key)); ok {
		return m.(string)
	}
	class, style, title := h.b.markAttrs(apps)
	var w htmlBuf
	w.raw(`<mark class="`)
	w.text(class)
	w.raw(`" style="`)
	w.text(string(style))
	w.raw(`" title="`)
	w.text(title)
	w.raw(`">`)
	m := w.String()
	h.b.marks.Store(string(h.key), m)
	return m
}

// turns writes the turns of a transcript that overlap Body[from:to), one
// part of its page: withheld ones as a placeholder, the rest with every
// segment an anchor target; a turn begun in the part before says
// "(continued)". Only applications that touch visible text show, so the
// highlights never hint at a withheld turn. Each run is split against the
// applications of its own segment or turn only, which keeps long
// documents with many codes linear.
func (h *highlighter) turns(w *htmlBuf, dv *docView, from, to int) {
	b, d, doc := h.b, h.d, h.doc
	first := sort.Search(len(doc.Turns), func(i int) bool { return doc.Turns[i].End > from || doc.Turns[i].Start >= from })
	for ti := first; ti < len(doc.Turns) && doc.Turns[ti].Start < to; ti++ {
		t := doc.Turns[ti]
		if t.Withheld { // the label may be the withdrawn participant's id
			if t.Start >= from {
				w.raw("<p class=\"turn withheld\">[turn withheld: consent withdrawn]</p>\n")
			}
			continue
		}
		start, end := trimRange(doc.Body, max(t.Start, from), min(t.End, to))
		if t.Start < from && start >= end {
			continue // only the whitespace at its end is in this part
		}
		speaker := t.Speaker
		if t.Role == corpus.RoleObserver {
			speaker = "Observer"
		}
		w.raw(`<div class="turn role-`)
		w.text(roleName(t.Role))
		w.raw(`"><p class="who">`)
		if t.Time != "" {
			w.raw(`<span class="time">[`)
			w.text(t.Time)
			w.raw(`]</span> `)
		}
		w.raw("<b>")
		w.text(speaker)
		w.raw("</b>")
		if t.Start < from {
			w.raw(" (continued)")
		}
		w.raw(`</p><p class="text">`)
		pos, prev := start, -1
		// Text between segments is split against the applications of
		// the segments either side, which are all that can reach it:
		// the whole turn's would make a long one-line turn quadratic.
		gap := func(next int) []int {
			switch {
			case prev < 0 && next < 0:
				return dv.turnApps[ti]
			case prev < 0:
				return dv.segApps[next]
			case next < 0:
				return dv.segApps[prev]
			}
			return union(dv.segApps[prev], dv.segApps[next])
		}
		segs := dv.segsOf[ti]
		k := sort.Search(len(segs), func(k int) bool { return doc.Segments[segs[k]].End > pos })
		if k > 0 {
			prev = segs[k-1]
		}
		for _, s := range segs[k:] {
			seg := doc.Segments[s]
			if seg.Start >= end {
				break
			}
			from, to := max(seg.Start, pos), min(seg.End, end)
			if pos < from {
				h.pieces(w, pos, from, gap(s))
			}
			if from < to {
				w.raw(`<span class="seg" id="`)
				w.text(b.anchors[d][s])
				w.raw(`">`)
				h.pieces(w, from, to, dv.segApps[s])
				w.raw("</span>")
				h.labels(w, s, dv.segApps[s])
			}
			pos, prev = max(pos, to), s
		}
		if pos < end {
			h.pieces(w, pos, end, gap(-1))
		}
		w.raw("</p></div>\n")
	}
}

// union is the applications in a or b, each once.
func union(a, b []int) []int {
	out := slices.Clone(a)
	for _, i := range b {
		if !slices.Contains(a, i) {
			out = append(out, i)
		}
	}
	return out
}

// speakerAttrs writes a quote's speaker: label, role and attributes.
func (h *highlighter) speakerAttrs(w *htmlBuf, turn corpus.Turn) {
	speaker := turn.Speaker
	if turn.Role == corpus.RoleObserver {
		speaker = "Observer"
	}
	w.raw("<b>")
	w.text(speaker)
	w.raw("</b>")
	if turn.Role == corpus.RoleFacilitator {
		w.raw(" (facilitator)")
	}
	if p := h.b.people[turn.Speaker]; p != nil && turn.Role == corpus.RoleParticipant {
		for _, k := range h.b.attrs {
			if val := p.Attributes[k]; val != "" {
				w.raw(" · ")
				w.text(k)
				w.raw(": ")
				w.text(val)
			}
		}
	}
}

// pinned writes a quote a key message pins, body[start:end), linked to the
// segment it starts in.
func (h *highlighter) pinned(w *htmlBuf, start, end int) {
	b, d, doc := h.b, h.d, h.doc
	seg := -1
	for s, sg := range doc.Segments {
		if sg.Start <= start && start < sg.End {
			seg = s
			break
		}
	}
	if seg < 0 || !visible(doc, doc.Segments[seg]) {
		return
	}
	turn := doc.Turns[doc.Segments[seg].Turn]
	w.raw(`<figure class="quote pinned role-`)
	w.text(roleName(turn.Role))
	w.raw("\">\n<blockquote>")
	w.text(doc.Body[start:end])
	w.raw("</blockquote>\n<figcaption>")
	h.speakerAttrs(w, turn)
	w.raw(` — <a href="../transcripts/`)
	w.text(b.segFile(d, seg))
	w.raw(".html#")
	w.text(b.anchors[d][seg])
	w.raw(`">`)
	w.text(doc.ID)
	w.raw("</a> · chosen by the researchers</figcaption>\n</figure>\n")
}

// labels names, after segment s, the themes of the codes that end there
// (their last visible segment), so a reader sees them without hovering:
// a person's code plainly, a rule's unreviewed suggestion dashed with "?".
func (h *highlighter) labels(w *htmlBuf, s int, apps []int) {
	b := h.b
	var done []string
	for _, i := range apps {
		segs := b.appSegs[i]
		a := b.in.Coded.Apps[i]
		key := a.Theme + strconv.FormatBool(b.evidence[i])
		if len(segs) == 0 || segs[len(segs)-1] != s || slices.Contains(done, key) {
			continue
		}
		done = append(done, key)
		if !b.evidence[i] && slices.ContainsFunc(apps, func(j int) bool { return b.evidence[j] && b.in.Coded.Apps[j].Theme == a.Theme }) {
			continue // a person's code of the theme is here: no need to suggest it
		}
		r, ok := b.themeRef[a.Theme]
		if !ok {
			continue
		}
		if b.evidence[i] {
			w.raw(`<span class="tl" style="border-color:`)
		} else {
			w.raw(`<span class="tl sug" style="border-color:`)
		}
		w.text(b.colour[a.Theme])
		w.raw(`">`)
		w.text(r.Name)
		if !b.evidence[i] {
			w.raw("?")
		}
		w.raw("</span>")
	}
	// A coder's memo follows the last sentence of the span it annotates.
	var shown [][2]string
	for _, i := range apps {
		segs := b.appSegs[i]
		a := b.in.Coded.Apps[i]
		m := [2]string{a.Source, a.Memo}
		if a.Memo == "" || len(segs) == 0 || segs[len(segs)-1] != s || slices.Contains(shown, m) {
			continue
		}
		shown = append(shown, m)
		memo(w, a.Source, a.Memo)
	}
}

// quote writes one quote of theme t as a <figure>, with an extra class
// (the participant group, for the quote filter) when given.
func (h *highlighter) quote(w *htmlBuf, t *themes.Theme, q quote, class string) {
	b, doc := h.b, h.doc
	first := doc.Segments[q.segs[0]]
	turn := doc.Turns[first.Turn]
	role := roleName(turn.Role)
	w.raw(`<figure class="quote role-`)
	w.text(role)
	if class != "" {
		w.raw(" ")
		w.text(class)
	}
	w.raw("\">\n<blockquote>")
	for i, s := range q.segs {
		if i > 0 {
			w.raw(` <span class="gap">…</span> `)
		}
		seg := doc.Segments[s]
		h.pieces(w, seg.Start, seg.End, q.apps)
	}
	w.raw("</blockquote>\n<figcaption>")
	h.speakerAttrs(w, turn)
	w.raw(` — <a href="../transcripts/`)
	w.text(b.segFile(q.doc, q.segs[0]))
	w.raw(".html#")
	w.text(b.anchors[q.doc][q.segs[0]])
	w.raw(`">`)
	w.text(doc.ID)
	w.raw("</a> · ")
	var sources, linked []string
	var memos [][2]string // coder, memo
	for _, i := range q.apps {
		a := b.in.Coded.Apps[i]
		if src := sourceName(a.Source); !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
		if a.Theme != t.ID && !slices.Contains(linked, a.Theme) {
			linked = append(linked, a.Theme)
		}
		if m := [2]string{a.Source, a.Memo}; a.Memo != "" && !slices.Contains(memos, m) {
			memos = append(memos, m)
		}
	}
	for i, s := range sources {
		if i > 0 {
			w.raw(", ")
		}
		w.text(s)
	}
	for _, id := range linked {
		r := b.themeRef[id]
		w.raw(` · <a href="../`)
		w.text(r.Href)
		w.raw(`">`)
		w.text(r.Name)
		w.raw("</a>")
	}
	for _, m := range memos {
		memo(w, m[0], m[1])
	}
	w.raw("</figcaption>\n</figure>\n")
}

// memo writes a coder's memo with the coder's name, both escaped.
func memo(w *htmlBuf, coder, text string) {
	w.raw(`<span class="memo"><b>`)
	w.text(coder)
	w.raw(`</b>’s memo: `)
	w.text(text)
	w.raw("</span>")
}
