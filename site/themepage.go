package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// themeView is one page of a theme. Its first page shows the strongest
// quotes in full; every page lists a part of all its quotes, compactly.
type themeView struct {
	Theme              themeRef
	Parent             *themeRef
	Info               themeInfo // the same on every page: see themeInfo
	Filter             *groupFilter
	Quotes             template.HTML // quotesMarker: see writeThemePage
	Page, Pages        int
	First, Last, Total int // the part of the list on this page, of all
	Full               int // quotes shown in full on this page
	Prev, Next         string
	Pager              []pageLink
	// Suggested holds, on the first page, rule hits no person reviewed.
	Suggested      template.HTML
	SuggestedShown int
	SuggestedTotal int
}

// pageLink is one page in a theme's pager; Href is empty for this page.
type pageLink struct {
	N    int
	Href string
}

// fullQuotes is how many quotes a theme's first page shows in full: the
// strongest, each group's strongest in turn (see orderQuotes). The compact
// list holds every quote, these too, so a quote is copied in full once per
// theme at most, and most not at all.
const fullQuotes = 30

// suggestedShown bounds the keyword suggestions a theme's first page shows
// in full; every suggestion is marked in its transcript.
const suggestedShown = 50

// infoView is what a theme's pages share: its description and counts.
type infoView struct {
	Desc, Include, Exclude template.HTML
	Examples               []template.HTML
	Count                  query.ThemeCount
	Base                   base
	Quotes                 int
	IncludesAuto           bool // the counts include keyword matches (auto: evidence)
	Agreement              *agreeRow
	Children               []themeRef
	Breakdowns             []breakdown
	Together               []together
}

// together is a theme raised in the same turns as the page's theme.
type together struct {
	Theme themeRef
	Turns int
}

// themeInfo is what a theme's pages share, worked out once: the two parts
// rendered above and below the quotes, and every quote in list order.
type themeInfo struct {
	Top, Bottom template.HTML
	list        []quote // by group, then document, then place: see listOrder
}

type breakdown struct {
	Attr  string
	Cells []cell
	Total int
}

type cell struct {
	Value   string
	N, Base int
}

// themeInfo renders the part of a theme's pages that every page shares,
// once per theme: a theme can have a hundred pages.
func (b *builder) themeInfo(t *themes.Theme) (themeInfo, error) {
	v := infoView{Count: b.counts[t.ID], Base: b.base, Quotes: len(b.quotes[t.ID]), IncludesAuto: b.cnt.IncludesAuto(query.Filter{}, t.ID), Agreement: b.themeAgreement(t.ID)}
	var err error
	for _, f := range []struct {
		src string
		dst *template.HTML
	}{{t.Description, &v.Desc}, {t.Include, &v.Include}, {t.Exclude, &v.Exclude}} {
		if *f.dst, err = b.md.render(f.src); err != nil {
			return themeInfo{}, err
		}
	}
	for _, e := range t.Examples {
		h, err := b.md.render(e)
		if err != nil {
			return themeInfo{}, err
		}
		v.Examples = append(v.Examples, h)
	}
	for _, c := range t.Children {
		v.Children = append(v.Children, b.themeRef[c.ID])
	}
	for _, m := range b.mats {
		row := slices.Index(m.Themes, t.ID)
		if row < 0 || row >= len(m.Cells) {
			continue
		}
		bd := breakdown{Attr: m.Attr}
		if row < len(m.RowTotals) {
			bd.Total = m.RowTotals[row]
		}
		for j, val := range m.Values {
			c := cell{Value: val}
			if j < len(m.Cells[row]) {
				c.N = m.Cells[row][j]
			}
			if j < len(m.ColTotals) {
				c.Base = m.ColTotals[j]
			}
			bd.Cells = append(bd.Cells, c)
		}
		v.Breakdowns = append(v.Breakdowns, bd)
	}
	if i := slices.Index(b.co.Themes, t.ID); i >= 0 {
		for j, n := range b.co.Counts[i] {
			id := b.co.Themes[j]
			if j != i && n > 0 && !b.in.Codebook.IsAncestor(id, t.ID) && !b.in.Codebook.IsAncestor(t.ID, id) {
				v.Together = append(v.Together, together{Theme: b.themeRef[id], Turns: n})
			}
		}
		sort.SliceStable(v.Together, func(x, y int) bool { return v.Together[x].Turns > v.Together[y].Turns })
		v.Together = v.Together[:min(len(v.Together), 8)]
	}
	var top, bottom bytes.Buffer
	if err := b.tpl["theme"].ExecuteTemplate(&top, "top", v); err != nil {
		return themeInfo{}, err
	}
	if err := b.tpl["theme"].ExecuteTemplate(&bottom, "bottom", v); err != nil {
		return themeInfo{}, err
	}
	return themeInfo{template.HTML(top.String()), template.HTML(bottom.String()), b.listOrder(t.ID)}, nil
}

// listOrder is a theme's quotes in the order of its compact list: by
// group (the filter's order), then by document and place in it, as
// orderQuotes noted it.
func (b *builder) listOrder(id string) []quote {
	qs := b.quotes[id]
	out := make([]quote, len(qs))
	for k, i := range b.listPos[id] {
		out[k] = qs[i]
	}
	return out
}

// themePage renders page p of theme t with quotesMarker where its quotes go.
func (b *builder) themePage(t *themes.Theme, p int, info themeInfo) ([]byte, error) {
	v := themeView{Theme: b.themeRef[t.ID], Info: info, Page: p + 1, Pages: len(b.pages[t.ID])}
	if t.Parent != nil {
		r := b.themeRef[t.Parent.ID]
		v.Parent = &r
	}
	full, list := b.pageQuotes(t, p, info)
	v.Total, v.Full = len(info.list), len(full)
	v.First, v.Last = min(p*b.listPer, len(info.list))+1, min((p+1)*b.listPer, len(info.list))
	v.Quotes = quotesMarker
	if len(list) > 0 {
		v.Filter = b.filterFor(list, full)
	} else {
		v.Filter = b.filterFor(full, nil)
	}
	names := b.pages[t.ID]
	if p > 0 {
		v.Prev = names[p-1] + ".html"
	}
	if p+1 < len(names) {
		v.Next = names[p+1] + ".html"
	}
	if len(names) > 1 {
		for i, n := range names {
			l := pageLink{N: i + 1}
			if i != p {
				l.Href = n + ".html"
			}
			v.Pager = append(v.Pager, l)
		}
	}
	if p == 0 {
		sq := b.suggested[t.ID]
		v.SuggestedTotal = len(sq)
		sq = sq[:min(len(sq), suggestedShown)]
		v.SuggestedShown = len(sq)
		w := b.getBuf()
		h := b.highlighter(-1) // of each quote's document in turn
		for _, q := range sq {
			if h.d != q.doc {
				h.at(q.doc)
			}
			h.quote(w, t, q, "")
		}
		h.done()
		v.Suggested = template.HTML(w.String())
		b.bufs.Put(w)
	}
	title := v.Theme.Name
	if v.Pages > 1 {
		title += fmt.Sprintf(" (page %d of %d)", v.Page, v.Pages)
	}
	return b.exec("theme", title, "../", v)
}

// pageQuotes is what page p of theme t shows: the quotes in full (the
// strongest, on the first page only) and its part of the compact list.
func (b *builder) pageQuotes(t *themes.Theme, p int, info themeInfo) (full, list []quote) {
	if p == 0 {
		full = b.quotes[t.ID][:min(fullQuotes, len(b.quotes[t.ID]))]
	}
	l := info.list
	if len(full) == len(l) {
		return full, nil // all in full: no need to list them
	}
	return full, l[min(p*b.listPer, len(l)):min((p+1)*b.listPer, len(l))]
}

// quotesMarker stands in for a theme page's quotes while the rest of the
// page is rendered. It holds a NUL, which escaped text never does
// (html/template and goldmark both replace it), and writeThemePage checks it
// occurs exactly once, so only the template's own copy can be split at.
const quotesMarker template.HTML = "\x00quotes\x00"

// writeThemePage puts page p of theme t at dst: the page around its quotes
// from the template, the quotes written by highlighter.quote. A page whose
// parts are unchanged since the last build is left as it wrote it.
func (b *builder) writeThemePage(t *themes.Theme, p int, info func() (themeInfo, error), dst string) (outcome, error) {
	inf, err := info()
	if err != nil {
		return wrote, err
	}
	page, err := b.themePage(t, p, inf)
	if err != nil {
		return wrote, err
	}
	if n := bytes.Count(page, []byte(quotesMarker)); n != 1 {
		return wrote, fmt.Errorf("theme page has %d quote markers, want 1", n)
	}
	head, tail, _ := bytes.Cut(page, []byte(quotesMarker))
	full, list := b.pageQuotes(t, p, inf)
	// cont: the list's first group began on the page before, which no
	// quote key of this page says.
	cont := p > 0 && len(list) > 0 && b.groupOf(list[0]) == b.groupOf(inf.list[p*b.listPer-1])
	k := newKeyer()
	k.str(string(head), string(tail))
	k.num(boolInt(cont))
	for _, qs := range [][]quote{full, list} {
		k.num(len(qs))
		for _, q := range qs {
			k.str(b.quoteKeys[q.doc])
			k.num(int(q.frag))
		}
	}
	key := k.sum()
	if b.out.keep(dst, key) {
		return pageCached, nil
	}
	buf := b.getBuf()
	defer b.bufs.Put(buf)
	if len(full) > 0 {
		buf.raw("<h3 id=\"strongest\">The strongest quotes</h3>\n")
	}
	h := b.highlighter(-1) // of each quote's document in turn
	for _, q := range full {
		if h.d != q.doc {
			h.at(q.doc)
		}
		h.quote(buf, t, q, b.groupClass(q))
	}
	h.done()
	b.quoteList(buf, t, list, cont)
	return pageRendered, b.out.put(dst, key, head, buf.Bytes(), tail)
}

// quoteList writes a part of a theme's compact list of quotes, in list
// order: a section per group (the filter hides the others) and a line per
// document, linking to the document's list of the theme's quotes (see
// passages), each a click from there, with how many are each speaker's.
// cont says the first group began on the page before.
func (b *builder) quoteList(w *htmlBuf, t *themes.Theme, qs []quote, cont bool) {
	if len(qs) == 0 {
		return
	}
	id := passagesID(b.themeRef[t.ID])
	w.raw("<h3 id=\"all\">Every quote, by group and transcript</h3>\n")
	type count struct {
		speaker string
		n       int
	}
	var counts []count
	for i := 0; i < len(qs); {
		g := b.groupOf(qs[i])
		j := i
		for j < len(qs) && b.groupOf(qs[j]) == g {
			j++
		}
		w.raw(`<div class="` + strings.TrimSpace("ql "+b.groupClass(qs[i])) + `"><h4>`)
		w.text(g)
		if cont && i == 0 {
			w.raw(", continued")
		}
		w.raw(": " + strconv.Itoa(j-i) + " " + plural(j-i, "quote", "quotes") + "</h4>\n<ul>")
		for k := i; k < j; {
			d := qs[k].doc
			doc := b.in.Study.Documents[d]
			counts = counts[:0]
			turn, c := int32(-1), 0 // the last quote's turn, and its speaker's count
			for ; k < j && qs[k].doc == d; k++ {
				if qs[k].turn == turn { // a turn's quotes come together
					counts[c].n++
					continue
				}
				turn = qs[k].turn
				s := speakerName(doc.Turns[turn])
				if c = slices.IndexFunc(counts, func(c count) bool { return c.speaker == s }); c >= 0 {
					counts[c].n++
				} else {
					c = len(counts)
					counts = append(counts, count{s, 1})
				}
			}
			// File and id are safe names, so the href needs no quotes.
			w.raw("<li><a href=../transcripts/" + b.docFile[d] + ".html#" + id + ">") // ended by the next <li> or </ul>: </li> is optional
			w.text(doc.ID)
			w.raw("</a>")
			for _, c := range counts {
				w.raw(" · ")
				w.text(c.speaker)
				w.raw(": " + strconv.Itoa(c.n) + " " + plural(c.n, "quote", "quotes"))
			}
			w.raw("\n")
		}
		w.raw("</ul></div>\n")
		i = j
	}
}

// speakerName is how a quote or turn names its speaker.
func speakerName(t corpus.Turn) string {
	if t.Role == corpus.RoleObserver {
		return "Observer"
	}
	return t.Speaker
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
