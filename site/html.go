package site

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// htmlBuf writes the repetitive parts of pages — highlighted transcript
// text and theme quotes — straight into a buffer instead of through
// html/template. Speed: one template call per highlighted piece was most of
// a large build. Untrusted text goes through text (element content) or attr
// (a quoted attribute value); only constant markup is written raw.
type htmlBuf struct{ bytes.Buffer }

// text writes untrusted text as element content. There only '&' and '<'
// start markup; '>' is escaped too for old parsers, a NUL becomes U+FFFD as
// html/template writes it, and '+' becomes &#43; (html/template's defence
// against UTF-7 sniffing). Quotes need no escaping outside attributes, and
// an apostrophe written as &#39; was 4 bytes in every "didn't".
func (w *htmlBuf) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := textEscapes[s[i]]
		if esc == "" {
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// textEscapes is text's escape for each byte, "" for a byte written as is:
// one load a byte, where a switch was a chain of compares on every byte of
// every transcript page.
var textEscapes = [256]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '+': "&#43;", 0: "\uFFFD"}

// attr writes untrusted text for a quoted attribute value, escaped as
// html/template escapes it.
func (w *htmlBuf) attr(s string) {
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
	split splitter
	key   []byte
	marks map[string][2]string // mark's answers for this highlighter, before b.marks
}

// highlighter returns a highlighter of document d; give it back with
// done when finished, so the next one starts with its marks.
func (b *builder) highlighter(d int) *highlighter {
	h := &highlighter{b: b}
	if m, ok := b.markMaps.Get().(map[string][2]string); ok {
		h.marks = m
	}
	h.at(d)
	return h
}

// at makes h a highlighter of document d (none while d < 0), keeping
// its marks.
func (h *highlighter) at(d int) {
	h.d, h.doc = d, nil
	if d >= 0 {
		h.doc = h.b.in.Study.Documents[d]
	}
}

// done gives h's marks to the next highlighter: a dense document has
// hundreds of combinations of codes, and looking each up in the
// builder's shared marks once per page was a third of marking text.
func (h *highlighter) done() {
	if h.marks != nil {
		h.b.markMaps.Put(h.marks)
		h.marks = nil
	}
}

// pieces writes body[start:end) with the given applications highlighted:
// a person's code (or an opted-in rule's) as <mark>, a keyword rule's
// unreviewed suggestion as <u>, each with its themes' classes.
func (h *highlighter) pieces(w *htmlBuf, start, end int, apps []int) {
	body := h.doc.Body
	start, end = max(0, start), min(end, len(body))
	h.spans = h.spans[:0]
	for _, i := range apps {
		a := h.b.in.Coded.Apps[i]
		h.spans = append(h.spans, span{Start: a.Start, End: a.End, Key: i})
	}
	// Neighbouring pieces that look the same (different codes of the
	// same themes and kind) share one tag.
	var open [2]string
	for _, p := range h.split.split(start, end, h.spans) {
		var m [2]string
		if len(p.Keys) > 0 {
			m = h.mark(p.Keys)
		}
		if m != open {
			w.raw(open[1])
			w.raw(m[0])
			open = m
		}
		w.text(body[p.Start:p.End])
	}
	w.raw(open[1])
}

// mark returns the opening and closing tags for a piece covered by apps.
// Tags are remembered by the themes and sources they name, since the same
// few combinations recur all through a study.
func (h *highlighter) mark(apps []int) [2]string {
	h.key = h.key[:0]
	for _, i := range apps {
		h.key = binary.AppendUvarint(h.key, uint64(h.b.appTag[i]))
	}
	if m, ok := h.marks[string(h.key)]; ok { // no allocation, unlike a sync.Map's key
		return m
	}
	if h.marks == nil {
		h.marks = map[string][2]string{}
	}
	key := string(h.key)
	if m, ok := h.b.marks.Load(key); ok {
		h.marks[key] = m.([2]string)
		return m.([2]string)
	}
	class, suggested := h.b.markClass(apps)
	m := [2]string{"<mark" + classAttr(class) + ">", "</mark>"}
	if suggested {
		m = [2]string{"<u" + classAttr(class) + ">", "</u>"}
	}
	h.b.marks.Store(key, m)
	h.marks[key] = m
	return m
}

// classAttr is ` class=…` for classes the site names itself (letters,
// digits, '-' and spaces only: see markClass), quoted only when it must be.
func classAttr(c string) string {
	switch {
	case c == "":
		return ""
	case strings.IndexByte(c, ' ') < 0:
		return " class=" + c
	}
	return ` class="` + c + `"`
}

// turns writes the turns of a transcript that overlap Body[from:to), one
// part of its page: withheld ones as a placeholder, the rest with every
// segment an anchor target; a turn begun in the part before says
// "(continued)". Only applications that touch visible text show, so the
// highlights never hint at a withheld turn. Each run is split against the
// applications of its own segment or turn only, which keeps long
// documents with many codes linear.
func (h *highlighter) turns(w *htmlBuf, dv *docView, from, to int) {
	doc := h.doc
	first := sort.Search(len(doc.Turns), func(i int) bool { return doc.Turns[i].End > from || doc.Turns[i].Start >= from })
	for ti := first; ti < len(doc.Turns) && doc.Turns[ti].Start < to; ti++ {
		t := doc.Turns[ti]
		if t.Withheld { // the label may be the withdrawn participant's id
			if t.Start >= from {
				w.raw("<p class=wh>[turn withheld: consent withdrawn]\n")
			}
			continue
		}
		start, end := trimRange(doc.Body, max(t.Start, from), min(t.End, to))
		if t.Start < from && start >= end {
			continue // only the whitespace at its end is in this part
		}
		whole := h.turnHead(w, dv, ti, start, end, t.Start < from)
		h.turnText(w, dv, ti, whole, start, end)
		w.raw("\n") // the next <p> or the </div> ends it: </p> is optional
	}
}

// turnHead opens turn ti's paragraph, whose text in this part is
// Body[start:end), and writes its speaker's label; continued says the turn
// began in the part before. It returns the segment the paragraph is the
// anchor of, or -1.
func (h *highlighter) turnHead(w *htmlBuf, dv *docView, ti, start, end int, continued bool) int {
	b, d, doc := h.b, h.d, h.doc
	t := doc.Turns[ti]
	// A turn is a paragraph led by its speaker's label (<b>, kept on
	// screen by style.css while the turn scrolls), classed only when
	// its role is styled: most turns are a participant's. A turn that
	// is one sentence, as most questions are, carries the sentence's
	// anchor itself instead of an <a> around all of its text.
	segs := dv.segsOf[ti]
	whole := -1
	if !continued && len(segs) == 1 && doc.Segments[segs[0]].Start <= start && doc.Segments[segs[0]].End >= end {
		whole = segs[0]
		w.raw("<p id=")
		w.raw(b.anchor(d, whole))
	} else {
		w.raw("<p")
	}
	w.raw(classAttr(roleClass(t.Role)))
	w.raw("><b>")
	if t.Time != "" {
		w.raw(`<span class=tm>[`)
		w.text(t.Time)
		w.raw(`]</span> `)
	}
	w.text(speakerName(t))
	if continued {
		w.raw(" (continued)")
	}
	w.raw("</b>")
	return whole
}

// turnText writes Body[start:end) of turn ti, highlighted, each sentence
// an anchor except whole, which the paragraph itself anchors (see turnHead).
func (h *highlighter) turnText(w *htmlBuf, dv *docView, ti, whole, start, end int) {
	b, d, doc := h.b, h.d, h.doc
	segs := dv.segsOf[ti]
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
		switch {
		case s == whole:
			h.pieces(w, from, to, dv.segApps[s])
			h.labels(w, s, dv.segApps[s], dv.coders)
		case from < to:
			// Each sentence is a named anchor, for quote and search
			// links; anchors are safeName'd, so need no quotes.
			w.raw("<a id=") // written in parts: a string made for each sentence was garbage
			w.raw(b.anchor(d, s))
			w.raw(">")
			h.pieces(w, from, to, dv.segApps[s])
			w.raw("</a>")
			h.labels(w, s, dv.segApps[s], dv.coders)
		}
		pos, prev = max(pos, to), s
	}
	if pos < end {
		h.pieces(w, pos, end, gap(-1))
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
	w.raw("<b>")
	w.text(speakerName(turn))
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
	w.raw(`<figure class="` + strings.TrimSpace("quote pinned "+roleClass(turn.Role)) + "\">\n<blockquote>")
	w.text(doc.Body[start:end])
	w.raw("</blockquote>\n<figcaption>")
	h.speakerAttrs(w, turn)
	w.raw(` — <a href="../transcripts/`)
	w.attr(b.segFile(d, seg))
	w.raw(".html#")
	w.attr(b.anchor(d, seg))
	w.raw(`">`)
	w.text(doc.ID)
	w.raw("</a> · chosen by the researchers</figcaption>\n</figure>\n")
}

// labels names, after segment s, the themes of the codes that end there
// (their last visible segment), so a reader sees them without hovering:
// a person's code plainly, followed by who applied it in brackets unless
// that is exactly coders, every coder of the transcript; a rule's
// unreviewed suggestion dashed (class k<i> instead of t<i>), its name
// ending in "?".
func (h *highlighter) labels(w *htmlBuf, s int, apps []int, coders []string) {
	b := h.b
	type label struct {
		theme    string
		evidence bool
		sources  []string
	}
	var ls []label
	for _, i := range apps {
		segs := b.segsOfApp(i)
		a := b.in.Coded.Apps[i]
		if len(segs) == 0 || segs[len(segs)-1] != s {
			continue
		}
		k := slices.IndexFunc(ls, func(l label) bool { return l.theme == a.Theme && l.evidence == b.evidence[i] })
		if k < 0 {
			k = len(ls)
			ls = append(ls, label{theme: a.Theme, evidence: b.evidence[i]})
		}
		if b.evidence[i] && !slices.Contains(ls[k].sources, a.Source) {
			ls[k].sources = append(ls[k].sources, a.Source)
		}
	}
	for _, l := range ls {
		if !l.evidence && slices.ContainsFunc(apps, func(j int) bool { return b.evidence[j] && b.in.Coded.Apps[j].Theme == l.theme }) {
			continue // a person's code of the theme is here: no need to suggest it
		}
		r, ok := b.themeRef[l.theme]
		if !ok {
			continue
		}
		if l.evidence {
			w.raw("<i class=")
			w.raw(r.Class)
			w.raw(">")
			w.text(r.Name)
			// Who applied it, as text a screen reader and a keyboard
			// reach (a title was hover-only): left out when it is every
			// coder of the transcript, which the legend names, so a
			// dense study's agreed labels carry no names at all.
			if !sameSet(l.sources, coders) {
				w.raw(" (")
				for k, src := range l.sources {
					if k > 0 {
						w.raw(", ")
					}
					w.text(labelSource(src))
				}
				w.raw(")")
			}
		} else {
			w.raw("<i class=k")
			w.raw(strings.TrimPrefix(r.Class, "t"))
			w.raw(">")
			w.text(r.Name)
			w.raw("?")
		}
		w.raw("</i>")
	}
	// A coder's memo follows the last sentence of the span it annotates.
	var shown [][2]string
	for _, i := range apps {
		segs := b.segsOfApp(i)
		a := b.in.Coded.Apps[i]
		m := [2]string{a.Source, a.Memo}
		if a.Memo == "" || len(segs) == 0 || segs[len(segs)-1] != s || slices.Contains(shown, m) {
			continue
		}
		shown = append(shown, m)
		memo(w, a.Source, a.Memo)
	}
}

// sameSet reports whether a and b hold the same strings; b has no
// repeats and neither does a (labels collects each source once).
func sameSet(a, b []string) bool {
	if len(a) != len(b) || len(b) == 0 {
		return false
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// labelSource is how a label names one who applied its code: a coder by
// name (the legend says they are coders), an inline code or a keyword
// rule as sourceName says.
func labelSource(src string) string {
	if isCoder(src) {
		return src
	}
	return sourceName(src)
}

// isCoder reports whether a source is a person's codings file.
func isCoder(src string) bool { return src != coding.SourceInline && src != coding.SourceAuto }

// quote writes one quote of theme t as a <figure>, with an extra class
// (the participant group, for the quote filter) when given.
func (h *highlighter) quote(w *htmlBuf, t *themes.Theme, q quote, class string) {
	b, doc := h.b, h.doc
	segs, apps := b.segsOf(q), b.appsOf(q)
	first := doc.Segments[segs[0]]
	turn := doc.Turns[first.Turn]
	w.raw(`<figure class="` + strings.Join(strings.Fields("quote "+roleClass(turn.Role)+" "+class), " ") + "\">\n<blockquote>")
	for i, s := range segs {
		if i > 0 {
			w.raw(` <span class="gap">…</span> `)
		}
		seg := doc.Segments[s]
		h.pieces(w, seg.Start, seg.End, apps)
	}
	w.raw("</blockquote>\n<figcaption>")
	h.speakerAttrs(w, turn)
	w.raw(` — <a href="../transcripts/`)
	w.attr(b.segFile(q.doc, segs[0]))
	w.raw(".html#")
	w.attr(b.anchor(q.doc, segs[0]))
	w.raw(`">`)
	w.text(doc.ID)
	w.raw("</a> · ")
	var sources, linked []string
	var memos [][2]string // coder, memo
	for _, i := range apps {
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
		w.attr(r.Href)
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
	w.raw(`<span class=memo><b>`)
	w.text(coder)
	w.raw(`</b>’s memo: `)
	w.text(text)
	w.raw("</span>")
}

// legendHead is the start of a legend item as transcript.html wrote it
// with html/template, for the themes whose class or link plainAttr does not
// vouch for (none the site names itself).
var legendHead = template.Must(template.New("legend").Parse(`<li class={{.Class}}><a href={{.Href}}>{{.Name}}</a> (`))

// writeLegend writes a transcript's theme legend: per theme a link and its
// counts. It was transcript.html's busiest loop (some 40 themes a page, a
// template call per value), so the markup is written here, exactly as the
// template wrote it: the theme's name escaped as html/template escapes
// text, its class and link, unquoted attribute values, written as they are
// only when plainAttr shows every escaper would leave them so, else through
// legendHead. FuzzWriteLegend compares it with the template.
func writeLegend(w *htmlBuf, items []legendItem) {
	for _, it := range items {
		r := it.Theme
		if plainAttr(r.Class) && plainAttr(r.Href) {
			w.raw("<li class=" + r.Class + "><a href=" + r.Href + ">")
			w.attr(r.Name)
			w.raw("</a> (")
		} else if err := legendHead.Execute(w, r); err != nil {
			panic(err) // a fixed template over strings cannot fail
		}
		if it.N != 0 {
			w.raw(strconv.Itoa(it.N) + " " + plural(it.N, "code", "codes"))
		}
		if it.N != 0 && it.Suggested != 0 {
			w.raw(", ")
		}
		if it.Suggested != 0 {
			w.raw(strconv.Itoa(it.Suggested) + " " + plural(it.Suggested, "suggestion", "suggestions"))
		}
		w.raw(")")
	}
}

// plainAttr reports whether s, as an unquoted attribute value, passes
// html/template's URL filter, URL normaliser and attribute escaper
// unchanged: it is not empty (an empty value becomes "ZgotmplZ") and is
// made of ASCII letters, digits and . _ / - only (no scheme, nothing to
// escape).
func plainAttr(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '/' || c == '-') {
			return false
		}
	}
	return true
}
