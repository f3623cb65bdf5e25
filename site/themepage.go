package site

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

type quoteView struct {
	Parts   [][]pieceView
	Speaker string
	Role    string
	Attrs   []kv
	Sources []string
	Themes  []themeRef // set when coded with a descendant theme
	Memos   []string
	Doc     string
	Href    string
}

type themeView struct {
	Theme                  themeRef
	Desc, Include, Exclude template.HTML
	Examples               []template.HTML
	Count                  query.ThemeCount
	Parent                 *themeRef
	Children               []themeRef
	Breakdowns             []breakdown
	Quotes                 []quoteView
	Page, Pages            int
	First, Last, Total     int
	Prev, Next             string
}

type breakdown struct {
	Attr  string
	Cells []cell
	Total int
}

type cell struct {
	Value   string
	N, Base int
	Pct     string
}

func (b *builder) themePage(t *themes.Theme, p int) ([]byte, error) {
	v := themeView{Theme: b.themeRef[t.ID], Count: b.counts[t.ID], Page: p + 1, Pages: len(b.pages[t.ID])}
	var err error
	for _, f := range []struct {
		src string
		dst *template.HTML
	}{{t.Description, &v.Desc}, {t.Include, &v.Include}, {t.Exclude, &v.Exclude}} {
		if *f.dst, err = b.md.render(f.src); err != nil {
			return nil, err
		}
	}
	for _, e := range t.Examples {
		h, err := b.md.render(e)
		if err != nil {
			return nil, err
		}
		v.Examples = append(v.Examples, h)
	}
	if t.Parent != nil {
		r := b.themeRef[t.Parent.ID]
		v.Parent = &r
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
			if c.Base > 0 {
				c.Pct = strconv.Itoa((100*c.N+c.Base/2)/c.Base) + "%"
			}
			bd.Cells = append(bd.Cells, c)
		}
		v.Breakdowns = append(v.Breakdowns, bd)
	}
	qs := b.quotes[t.ID]
	v.Total = len(qs)
	lo, hi := min(p*quotesPerPage, len(qs)), min((p+1)*quotesPerPage, len(qs))
	v.First, v.Last = lo+1, hi
	for _, q := range qs[lo:hi] {
		v.Quotes = append(v.Quotes, b.quoteView(t, q))
	}
	names := b.pages[t.ID]
	if p > 0 {
		v.Prev = names[p-1] + ".html"
	}
	if p+1 < len(names) {
		v.Next = names[p+1] + ".html"
	}
	title := v.Theme.Name
	if v.Pages > 1 {
		title += fmt.Sprintf(" (page %d of %d)", v.Page, v.Pages)
	}
	return b.exec("theme", title, "../", v)
}

func (b *builder) quoteView(t *themes.Theme, q quote) quoteView {
	doc := b.in.Study.Documents[q.doc]
	segs := q.segs
	first := doc.Segments[segs[0]]
	turn := doc.Turns[first.Turn]
	v := quoteView{Doc: doc.ID, Role: roleName(turn.Role), Speaker: turn.Speaker,
		Href: "../transcripts/" + b.docFile[q.doc] + ".html#" + b.anchors[q.doc][segs[0]]}
	if turn.Role == corpus.RoleObserver {
		v.Speaker = "Observer"
	}
	if p := b.people[turn.Speaker]; p != nil && turn.Role == corpus.RoleParticipant {
		for _, k := range b.attrs {
			if val := p.Attributes[k]; val != "" {
				v.Attrs = append(v.Attrs, kv{k, val})
			}
		}
	}
	for _, s := range segs {
		seg := doc.Segments[s]
		v.Parts = append(v.Parts, b.pieces(doc.Body, seg.Start, seg.End, q.apps))
	}
	for _, i := range q.apps {
		a := b.in.Coded.Apps[i]
		if src := sourceName(a.Source); !slices.Contains(v.Sources, src) {
			v.Sources = append(v.Sources, src)
		}
		if a.Theme != t.ID && !slices.ContainsFunc(v.Themes, func(r themeRef) bool { return r.ID == a.Theme }) {
			v.Themes = append(v.Themes, b.themeRef[a.Theme])
		}
		if a.Memo != "" && !slices.Contains(v.Memos, a.Memo) {
			v.Memos = append(v.Memos, a.Memo)
		}
	}
	return v
}
