package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"

	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// themeView is one page of a theme.
type themeView struct {
	Theme              themeRef
	Parent             *themeRef
	Info               themeInfo // the same on every page: see themeInfo
	Filter             *groupFilter
	Quotes             template.HTML // quotesMarker: see writeThemePage
	Page, Pages        int
	First, Last, Total int
	Prev, Next         string
	// Suggested holds, on the first page, rule hits no person reviewed.
	Suggested      template.HTML
	SuggestedShown int
	SuggestedTotal int
}

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

// themeInfo is the two parts of a theme's pages that every page shares,
// rendered once: above the quotes and below them.
type themeInfo struct{ Top, Bottom template.HTML }

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
	return themeInfo{template.HTML(top.String()), template.HTML(bottom.String())}, nil
}

// themePage renders page p of theme t with quotesMarker where its quotes go.
func (b *builder) themePage(t *themes.Theme, p int, info themeInfo) ([]byte, error) {
	v := themeView{Theme: b.themeRef[t.ID], Info: info, Page: p + 1, Pages: len(b.pages[t.ID])}
	if t.Parent != nil {
		r := b.themeRef[t.Parent.ID]
		v.Parent = &r
	}
	qs := b.quotes[t.ID]
	v.Total = len(qs)
	lo, hi := min(p*quotesPerPage, len(qs)), min((p+1)*quotesPerPage, len(qs))
	v.First, v.Last = lo+1, hi
	v.Quotes = quotesMarker
	v.Filter = b.filterFor(qs[lo:hi])
	names := b.pages[t.ID]
	if p > 0 {
		v.Prev = names[p-1] + ".html"
	}
	if p+1 < len(names) {
		v.Next = names[p+1] + ".html"
	}
	if p == 0 {
		sq := b.suggested[t.ID]
		v.SuggestedTotal = len(sq)
		sq = sq[:min(len(sq), quotesPerPage)]
		v.SuggestedShown = len(sq)
		w := b.getBuf()
		var h *highlighter
		for _, q := range sq {
			if h == nil || h.d != q.doc {
				h = b.highlighter(q.doc)
			}
			h.quote(w, t, q, "")
		}
		v.Suggested = template.HTML(w.String())
		b.bufs.Put(w)
	}
	title := v.Theme.Name
	if v.Pages > 1 {
		title += fmt.Sprintf(" (page %d of %d)", v.Page, v.Pages)
	}
	return b.exec("theme", title, "../", v)
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
	qs := b.quotes[t.ID]
	qs = qs[min(p*quotesPerPage, len(qs)):min((p+1)*quotesPerPage, len(qs))]
	k := newKeyer()
	k.str(string(head), string(tail))
	for _, q := range qs {
		k.str(b.quoteKeys[q.doc])
		k.num(q.frag)
	}
	key := k.sum()
	if b.out.keep(dst, key) {
		return pageCached, nil
	}
	buf := b.getBuf()
	defer b.bufs.Put(buf)
	var h *highlighter
	for _, q := range qs {
		if h == nil || h.d != q.doc {
			h = b.highlighter(q.doc)
		}
		h.quote(buf, t, q, b.groupClass(q))
	}
	return pageRendered, b.out.put(dst, key, head, buf.Bytes(), tail)
}
