package site

import (
	"fmt"
	"html/template"
	"sort"

	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// messageCard is a key message as the home page and its own page show it.
type messageCard struct {
	Title, Href string
	Statement   template.HTML
	Evidence    string // "raised by 14 of 18 participants (78%) in 11 of 13 transcripts (85%)"
	Themes      []themeRef
	Auto        bool // the evidence includes keyword matches
}

// messageCards renders every message's card, links relative to root.
func (b *builder) messageCards(root string) ([]messageCard, error) {
	var out []messageCard
	for i, m := range b.in.Messages {
		st, err := b.md.render(m.Statement)
		if err != nil {
			return nil, err
		}
		c := messageCard{Title: m.Title, Href: root + "messages/" + b.msgPages[i] + ".html", Statement: st}
		var ids []string
		for _, id := range m.Themes {
			if r, ok := b.themeRef[id]; ok {
				r.Href = root + r.Href
				c.Themes = append(c.Themes, r)
				ids = append(ids, id)
				c.Auto = c.Auto || b.cnt.IncludesAuto(query.Filter{}, id)
			}
		}
		u, err := b.cnt.Union(query.Filter{}, ids)
		if err != nil {
			return nil, fmt.Errorf("counting the evidence for message %q: %w", m.Title, err)
		}
		c.Evidence = fmt.Sprintf("Raised by %s in %s", nOf(u.Participants, b.base.People, "participants"), nOf(u.Documents, b.base.Docs, "transcripts"))
		out = append(out, c)
	}
	return out, nil
}

type messageView struct {
	Card   messageCard
	Base   base
	Rows   []rankRow
	Pinned template.HTML
	Groups []msgGroup
}

type msgGroup struct {
	Name         string
	Shown, Total int
	Quotes       template.HTML
}

// quotesPerGroup bounds a message page: the strongest few of each group.
const quotesPerGroup = 5

func (b *builder) messagePage(i int) ([]byte, error) {
	m := b.in.Messages[i]
	cards, err := b.messageCards("../")
	if err != nil {
		return nil, err
	}
	v := messageView{Card: cards[i], Base: b.base}
	var first *themes.Theme
	for _, id := range m.Themes {
		if c, ok := b.counts[id]; ok {
			r, _ := b.row(c)
			r.Theme.Href = "../" + r.Theme.Href
			v.Rows = append(v.Rows, r)
			if first == nil {
				first = b.in.Codebook.Lookup(id)
			}
		}
	}
	w := b.getBuf()
	defer b.bufs.Put(w)
	for _, p := range m.Quotes {
		if p.Found && p.DocIndex < len(b.docFile) && b.docFile[p.DocIndex] != "" {
			b.highlighter(p.DocIndex).pinned(w, p.ByteStart, p.ByteEnd)
		}
	}
	v.Pinned = template.HTML(w.String())
	if first == nil {
		return b.exec("message", m.Title, "../", v)
	}
	// Every quote of the message's themes, once, strongest first, by group.
	seen := map[[2]int]bool{}
	byGroup := map[string][]quote{}
	for _, id := range m.Themes {
		for _, q := range b.quotes[id] {
			k := [2]int{q.doc, b.segsOf(q)[0]}
			if !seen[k] {
				seen[k] = true
				g := b.groupOf(q)
				byGroup[g] = append(byGroup[g], q)
			}
		}
	}
	for _, g := range b.groups {
		qs := byGroup[g]
		if len(qs) == 0 {
			continue
		}
		sort.SliceStable(qs, func(x, y int) bool { return b.strength(qs[x]) > b.strength(qs[y]) })
		mg := msgGroup{Name: g, Total: len(qs), Shown: min(len(qs), quotesPerGroup)}
		w.Reset()
		var h *highlighter
		for _, q := range qs[:mg.Shown] {
			if h == nil || h.d != q.doc {
				h = b.highlighter(q.doc)
			}
			h.quote(w, first, q, "")
		}
		mg.Quotes = template.HTML(w.String())
		v.Groups = append(v.Groups, mg)
	}
	return b.exec("message", m.Title, "../", v)
}

// ---- how the numbers are made ----

type methodsView struct {
	Base         base
	Facilitators []string
	GroupAttr    string
	AutoThemes   []themeRef // themes whose counts include keyword matches
	StudyAuto    bool
}

func (b *builder) methodsPage() ([]byte, error) {
	v := methodsView{Base: b.base, Facilitators: b.in.Study.Config.Facilitators, GroupAttr: b.groupAttr, StudyAuto: b.in.Study.Config.AutoEvidence()}
	for _, t := range b.in.Codebook.All {
		if t.AutoEvidence(v.StudyAuto) && (t.Parent == nil || !t.Parent.AutoEvidence(v.StudyAuto)) {
			v.AutoThemes = append(v.AutoThemes, b.themeRef[t.ID])
		}
	}
	return b.exec("methods", "How these numbers are made", "", v)
}
