package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site/svg"
	"github.com/residentinsight/insight/themes"
)

// assetFile is a job writing one of assets as it is: the site's icon,
// a file every page links, where a data: URL in each page's head was
// 300 bytes a page.
func (b *builder) assetFile(name string) func(string) (outcome, error) {
	return func(dst string) (outcome, error) {
		data, err := assets.ReadFile(name)
		if err != nil {
			return wrote, fmt.Errorf("site: %w", err)
		}
		return b.writeFile(dst, data)
	}
}

// ---- index ----

type indexView struct {
	Description template.HTML
	Base        base
	Messages    []messageCard
	Findings    themeTable
	Categories  []themeTable
	ByGroup     *chartTable
	Together    *chartTable
	Tree        []treeNode
	Resources   bool // the study has contacts: link the resource map
}

// themeTable is a list of themes with their counts, drawn as bars beside it.
type themeTable struct {
	Theme *themeRef // the category root, for category tables
	Base  base
	Rows  []rankRow
	Chart template.HTML
	Auto  bool // some row includes keyword matches
}

type rankRow struct {
	Theme  themeRef
	C      query.ThemeCount
	Depth  int
	Auto   bool // counts include keyword matches (auto: evidence)
	Quotes int
}

// chartTable is a heat map with the same numbers as a table.
type chartTable struct {
	Title, Desc, Unit string
	Chart             template.HTML
	Cols              []string
	Rows              []heatRow
}

type heatRow struct {
	Theme themeRef
	Cells []string
}

type treeNode struct {
	Theme    themeRef
	Children []treeNode
}

func (b *builder) row(c query.ThemeCount) (rankRow, bool) {
	r, ok := b.themeRef[c.Theme]
	return rankRow{Theme: r, C: c, Depth: c.Depth, Auto: b.cnt.IncludesAuto(query.Filter{}, c.Theme), Quotes: len(b.quotes[c.Theme])}, ok
}

func (b *builder) bars(id, title string, rows []rankRow) template.HTML {
	var bars []svg.Bar
	auto := ""
	for _, r := range rows {
		if r.Auto {
			auto = " Counts of themes marked * in the table include keyword matches."
		}
		bars = append(bars, svg.Bar{Label: r.Theme.Name, N: r.C.Participants, Base: b.base.People, Colour: b.colour[r.Theme.ID], Indent: r.Depth})
	}
	return svg.Bars(svg.Chart{ID: id, Title: title,
		Desc: fmt.Sprintf("One bar per theme: how many of the %d participants who speak raised it, and the percentage. The table below has the same numbers.%s", b.base.People, auto)}, bars)
}

func (b *builder) indexPage() ([]byte, error) {
	desc, err := b.md.render(b.in.Study.Config.Description)
	if err != nil {
		return nil, err
	}
	v := indexView{Base: b.base, Resources: b.hasJourneys()}
	v.Description = desc
	if v.Messages, err = b.messageCards(""); err != nil {
		return nil, err
	}
	// Findings ranked by participants, then segments, then codebook order
	// (Freq's order); category branches in codebook order under their root.
	var findings []rankRow
	cats := map[string]*themeTable{}
	for _, c := range b.freq {
		t := b.in.Codebook.Lookup(c.Theme)
		r, ok := b.row(c)
		if !ok || t == nil {
			continue
		}
		if !t.IsCategory() {
			r.Depth = 0
			findings = append(findings, r)
			continue
		}
		root := t
		for root.Parent != nil && root.Parent.IsCategory() {
			root = root.Parent
		}
		if cats[root.ID] == nil {
			ref := b.themeRef[root.ID]
			cats[root.ID] = &themeTable{Theme: &ref, Base: b.base}
			v.Categories = append(v.Categories, themeTable{Theme: &ref})
		}
		r.Depth = t.Depth - root.Depth
		cats[root.ID].Rows = append(cats[root.ID].Rows, r)
	}
	sort.SliceStable(findings, func(i, j int) bool {
		if findings[i].C.Participants != findings[j].C.Participants {
			return findings[i].C.Participants > findings[j].C.Participants
		}
		return findings[i].C.Segments > findings[j].C.Segments
	})
	v.Findings = themeTable{Base: b.base, Rows: findings, Chart: b.bars("chart-findings", "Findings: participants who raised each theme", findings)}
	for _, r := range findings {
		v.Findings.Auto = v.Findings.Auto || r.Auto
	}
	for i := range v.Categories {
		t := cats[v.Categories[i].Theme.ID]
		t.Chart = b.bars(fmt.Sprintf("chart-cat-%d", i), t.Theme.Name+": participants who raised each", t.Rows)
		for _, r := range t.Rows {
			t.Auto = t.Auto || r.Auto
		}
		v.Categories[i] = *t
	}
	v.ByGroup = b.groupHeat(findings)
	v.Together = b.togetherHeat(findings)
	v.Tree = b.tree(b.in.Codebook.Roots)
	return b.exec("index", "Overview", "", v)
}

// groupHeat is the findings × group-attribute heat map, from query's matrix.
func (b *builder) groupHeat(rows []rankRow) *chartTable {
	var m *query.Matrix
	for i := range b.mats {
		if b.mats[i].Attr == b.groupAttr {
			m = &b.mats[i]
		}
	}
	if m == nil || len(rows) == 0 || len(m.Values) == 0 {
		return nil
	}
	ct := &chartTable{Title: "Findings by " + m.Attr, Unit: "participants", Cols: m.Values,
		Desc: fmt.Sprintf("Each cell: participants with that %s who raised the theme, of all participants with that %s, and the percentage; darker is a larger share.", m.Attr, m.Attr)}
	h := svg.Heat{Cols: m.Values}
	for _, r := range rows {
		i := slices.Index(m.Themes, r.Theme.ID)
		if i < 0 {
			continue
		}
		hr := heatRow{Theme: r.Theme}
		h.Rows = append(h.Rows, r.Theme.Name)
		h.N = append(h.N, m.Cells[i])
		h.Base = append(h.Base, m.ColTotals)
		for j := range m.Values {
			hr.Cells = append(hr.Cells, nOf(m.Cells[i][j], m.ColTotals[j], ""))
		}
		ct.Rows = append(ct.Rows, hr)
	}
	ct.Chart = svg.HeatMap(svg.Chart{ID: "chart-by-group", Title: ct.Title, Desc: ct.Desc}, h)
	return ct
}

// togetherHeat is the findings × findings co-occurrence heat map: turns
// coded with both themes, from query's Cooccur.
func (b *builder) togetherHeat(rows []rankRow) *chartTable {
	if len(rows) < 2 {
		return nil
	}
	idx := make([]int, len(rows))
	var names []string
	for k, r := range rows {
		idx[k] = slices.Index(b.co.Themes, r.Theme.ID)
		names = append(names, r.Theme.Name)
	}
	ct := &chartTable{Title: "Findings raised together", Unit: "turns", Cols: names,
		Desc: "Each cell: the number of turns (one speaker's words, between two others') coded with both themes; the diagonal is the turns coded with each. Darker is more."}
	h := svg.Heat{Rows: names, Cols: names}
	for k, r := range rows {
		var cells []int
		hr := heatRow{Theme: r.Theme}
		for _, j := range idx {
			n := 0
			if idx[k] >= 0 && j >= 0 {
				n = b.co.Counts[idx[k]][j]
			}
			cells = append(cells, n)
			hr.Cells = append(hr.Cells, fmt.Sprint(n))
		}
		h.N = append(h.N, cells)
		ct.Rows = append(ct.Rows, hr)
	}
	ct.Chart = svg.HeatMap(svg.Chart{ID: "chart-together", Title: ct.Title, Desc: ct.Desc}, h)
	return ct
}

func (b *builder) tree(ts []*themes.Theme) []treeNode {
	var out []treeNode
	for _, t := range ts {
		out = append(out, treeNode{Theme: b.themeRef[t.ID], Children: b.tree(t.Children)})
	}
	return out
}

// ---- participants ----

type docRef struct{ ID, Href string }

type participantsView struct {
	Base   base
	Attrs  []string
	People []personRow
	Cases  []caseRow
}

type personRow struct {
	ID     string
	Values []string
	Docs   []docRef
}

type caseRow struct {
	ID   string
	Docs []docRef
}

func (b *builder) docRef(d int) docRef {
	return docRef{ID: b.in.Study.Documents[d].ID, Href: "transcripts/" + b.docFile[d] + ".html"}
}

// participantsPage lists consenting participants only: a withdrawn
// participant's id must appear nowhere in the site.
func (b *builder) participantsPage() (pageView, error) {
	v := participantsView{Attrs: b.attrs, Base: b.base}
	speaks := map[string][]docRef{}
	cases := map[string][]docRef{}
	for d, doc := range b.in.Study.Documents {
		if b.docFile[d] == "" {
			continue
		}
		if doc.Case != "" {
			cases[doc.Case] = append(cases[doc.Case], b.docRef(d))
		}
		seen := map[string]bool{}
		for _, t := range doc.Turns {
			if t.Role == corpus.RoleParticipant && !t.Withheld && !seen[t.Speaker] {
				seen[t.Speaker] = true
				speaks[t.Speaker] = append(speaks[t.Speaker], b.docRef(d))
			}
		}
	}
	for _, p := range b.in.Study.Participants {
		if p.Withdrawn {
			continue
		}
		row := personRow{ID: p.ID, Docs: speaks[p.ID]}
		for _, a := range b.attrs {
			row.Values = append(row.Values, p.Attributes[a])
		}
		v.People = append(v.People, row)
	}
	for _, c := range slices.Sorted(maps.Keys(cases)) {
		v.Cases = append(v.Cases, caseRow{ID: c, Docs: cases[c]})
	}
	return pageView{"participants", "Participants and cases", "", v}, nil
}

// ---- transcript list ----

type docRow struct {
	Doc                    docRef
	Kind, Date, Case       string
	Turns, Segments, Coded int
}

func (b *builder) transcriptsPage() (pageView, error) {
	var rows []docRow
	var coded []bool // per segment of a document, reused
	for d, doc := range b.in.Study.Documents {
		if b.docFile[d] == "" {
			continue
		}
		r := docRow{Doc: docRef{ID: doc.ID, Href: b.docFile[d] + ".html"}, Kind: doc.Kind, Date: doc.Date, Case: doc.Case}
		// Segments coded by people's codes (and opted-in rules) only;
		// a slice, not a map: a map per document was most of this page.
		coded = slices.Grow(coded[:0], len(doc.Segments))[:len(doc.Segments)]
		clear(coded)
		for _, i := range b.docApps[d] {
			if b.evidence[i] {
				for _, s := range b.segsOfApp(i) {
					if !coded[s] {
						coded[s] = true
						r.Coded++
					}
				}
			}
		}
		for _, t := range doc.Turns {
			if !t.Withheld {
				r.Turns++
			}
		}
		for _, s := range doc.Segments {
			if visible(doc, s) {
				r.Segments++
			}
		}
		rows = append(rows, r)
	}
	return pageView{"transcripts", "Transcripts", "../", rows}, nil
}

// ---- transcript page ----

type transcriptView struct {
	ID, Kind, Date, Case string
	Attrs                []kv
	People               []panelPerson // the participants heard in it
	CaseDocs             []docRef      // the case's other documents, the first panelDocs
	CaseMore             int
	Turns                template.HTML // written by highlighter.turns
	Legend               template.HTML // written by writeLegend
	Passages             template.HTML // written by passages, on the first part only
	Coders               []string      // every coder of it: a label alone is theirs
}

// panelPerson is one participant in a transcript's participant panel.
type panelPerson struct {
	ID    string
	Attrs []kv
	Docs  []docRef // other documents they speak in, the first panelDocs
	More  int      // how many more
}

// panelDocs bounds the links a panel lists per person and per case: a
// participant of a large study may speak in hundreds of documents, and
// the participants page lists them all.
const panelDocs = 8

type legendItem struct {
	Theme        themeRef
	N, Suggested int // evidence codes, and rule suggestions no person reviewed
}

// docView is what every part of a transcript page shares.
type docView struct {
	v                 transcriptView // all but Turns
	segApps, turnApps [][]int        // per segment and per turn: applications shown
	segsOf            [][]int        // per turn: its segments in text order
	coders            []string       // v.Coders: see labels
}

// docView works out a transcript page's header, legend and highlights.
// Only applications that touch visible text show, so the legend and the
// highlights never hint at a withheld turn.
func (b *builder) docView(d int) *docView {
	doc := b.in.Study.Documents[d]
	dv := &docView{
		v:        transcriptView{ID: doc.ID, Kind: doc.Kind, Date: doc.Date, Case: doc.Case},
		segApps:  make([][]int, len(doc.Segments)),
		turnApps: make([][]int, len(doc.Turns)),
		segsOf:   make([][]int, len(doc.Turns)),
	}
	for _, k := range slices.Sorted(maps.Keys(doc.Attributes)) {
		dv.v.Attrs = append(dv.v.Attrs, kv{k, doc.Attributes[k]})
	}
	dv.v.People, dv.v.CaseDocs, dv.v.CaseMore = b.panel(d)
	used, sug := map[string]int{}, map[string]int{}
	for _, i := range b.docApps[d] {
		if a := b.in.Coded.Apps[i]; len(b.segsOfApp(i)) > 0 && b.evidence[i] {
			used[a.Theme]++
			if isCoder(a.Source) && !slices.Contains(dv.coders, a.Source) {
				dv.coders = append(dv.coders, a.Source)
			}
		} else if len(b.segsOfApp(i)) > 0 {
			sug[b.in.Coded.Apps[i].Theme]++
		}
		lastTurn := -1
		for _, s := range b.segsOfApp(i) {
			dv.segApps[s] = append(dv.segApps[s], i)
			if t := doc.Segments[s].Turn; t != lastTurn {
				dv.turnApps[t] = append(dv.turnApps[t], i)
				lastTurn = t
			}
		}
	}
	slices.Sort(dv.coders)
	dv.v.Coders = dv.coders
	var legend []legendItem
	for _, t := range b.in.Codebook.All {
		if n, ns := used[t.ID], sug[t.ID]; n+ns > 0 {
			r := b.themeRef[t.ID]
			r.Href = "../" + r.Href
			legend = append(legend, legendItem{Theme: r, N: n, Suggested: ns})
		}
	}
	var w htmlBuf
	writeLegend(&w, legend)
	dv.v.Legend = template.HTML(w.String())
	for _, s := range segmentOrder(doc) {
		if t := doc.Segments[s].Turn; t >= 0 && t < len(doc.Turns) {
			dv.segsOf[t] = append(dv.segsOf[t], s)
		}
	}
	return dv
}

// turnsMarker stands in for a transcript page's turns while the rest of the
// page is rendered, as quotesMarker does on theme pages: the turns (most of
// the page's bytes) then go to the file as they were written, instead of
// being copied into a string, through the template's escaper and fmt, and
// into the page. It holds a NUL, which escaped text never does, and
// transcriptPage checks it occurs exactly once.
const turnsMarker template.HTML = "\x00turns\x00"

// transcriptPage writes the turns of part p of document d's transcript page
// to w, with links to the parts before and after when there are several,
// and returns the rest of the page: what goes before them and after.
func (b *builder) transcriptPage(w *htmlBuf, d int, dv *docView, p int) (head, tail []byte, err error) {
	doc := b.in.Study.Documents[d]
	starts := b.partStart[d]
	from, to := starts[p], len(doc.Body)+1 // +1: an empty last turn is in the last part
	if p+1 < len(starts) {
		to = starts[p+1]
	}
	b.partNav(w, d, p)
	h := b.highlighter(d)
	h.turns(w, dv, from, to)
	h.done()
	b.partNav(w, d, p)
	v := dv.v
	v.Turns = turnsMarker
	if p == 0 {
		pw := b.getBuf()
		defer b.bufs.Put(pw)
		b.passages(pw, d)
		v.Passages = template.HTML(pw.String())
	}
	title := doc.ID
	if len(starts) > 1 {
		title = fmt.Sprintf("%s, part %d of %d", doc.ID, p+1, len(starts))
	}
	page, err := b.exec("transcript", title, "../", v)
	if err != nil {
		return nil, nil, err
	}
	if n := bytes.Count(page, []byte(turnsMarker)); n != 1 {
		return nil, nil, fmt.Errorf("transcript page has %d turn markers, want 1", n)
	}
	head, tail, _ = bytes.Cut(page, []byte(turnsMarker))
	return head, tail, nil
}

// passages writes document d's quotes theme by theme, each theme's in
// text order, as links to their first sentences: where a theme page's
// line for the document lands, so each quote is a click from it (one link
// per document there, where a link per quote with its first words was
// 80 bytes a quote, a third of a densely coded study's site). A theme's
// child themes' items are nested in its own, which links only the quotes
// they do not: repeating them was half the links of a densely coded
// study. The list is on the first part of the page; it links quotes on
// other parts by file.
func (b *builder) passages(w *htmlBuf, d int) {
	dqs := b.docQuotes[d]
	if len(dqs) == 0 {
		return
	}
	// docQuotes lists a theme's quotes together: each theme's first
	// sentences are a range of one slice.
	l := &passageList{d: d, starts: map[*themes.Theme][]int{}, below: make([]int32, len(b.in.Study.Documents[d].Segments))}
	flat := make([]int, len(dqs))
	for i, dq := range dqs {
		t := b.in.Codebook.All[dq.theme]
		flat[i] = b.segsOf(b.quotes[t.ID][dq.q])[0]
		if i == 0 || dqs[i-1].theme != dq.theme {
			l.starts[t] = flat[i:i]
		}
		l.starts[t] = l.starts[t][:len(l.starts[t])+1]
	}
	w.raw("<section aria-labelledby=passages><h2 id=passages>Quotes by theme</h2>\n<p class=meta>Each theme's quotes in this transcript, numbered in order, each linking to its place. A theme's quotes include its child themes', which are listed under it.</p>\n<ul class=qi>")
	for _, t := range b.in.Codebook.Roots {
		b.passageItem(w, l, t)
	}
	w.raw("</ul></section>\n")
}

// passageList is what passages shares between one document's items.
type passageList struct {
	d      int
	starts map[*themes.Theme][]int // each theme's quotes here, by first sentence
	below  []int32                 // per segment, the last item whose descendants link it
	item   int32
}

// passageItem writes theme t's item of a document's quotes by theme (see
// passages), with its child themes' items nested in it, if it has quotes.
// Its count is all of its quotes; it links those no child theme's item
// links, so every quote is a click from the item, and links none twice.
func (b *builder) passageItem(w *htmlBuf, l *passageList, t *themes.Theme) {
	segs := l.starts[t]
	if len(segs) == 0 {
		return
	}
	d := l.d
	l.item++
	item := l.item
	var mark func(t *themes.Theme)
	mark = func(t *themes.Theme) {
		for _, c := range t.Children {
			for _, s := range l.starts[c] {
				l.below[s] = item
			}
			mark(c)
		}
	}
	mark(t)
	kids := slices.ContainsFunc(t.Children, func(c *themes.Theme) bool { return len(l.starts[c]) > 0 })
	own := make([]int, 0, len(segs))
	for _, s := range segs {
		if l.below[s] != item {
			own = append(own, s)
		}
	}
	doc := b.in.Study.Documents[d]
	slices.SortFunc(own, func(x, y int) int { return cmp.Compare(doc.Segments[x].Start, doc.Segments[y].Start) })
	r := b.themeRef[t.ID]
	// The name alone: the legend above the transcript links the theme's
	// page, and a link here was 45 bytes an item.
	w.raw("<li id=" + passagesID(r) + " class=" + r.Class + ">")
	w.text(r.Name)
	w.raw(": " + strconv.Itoa(len(segs)) + " " + plural(len(segs), "quote", "quotes"))
	switch {
	case !kids:
		w.raw(":")
	case len(own) == 0:
		w.raw(", all under its child themes:")
	default:
		w.raw(", " + strconv.Itoa(len(own)) + " here:")
	}
	for k, s := range own {
		w.raw(" <a href=")
		if f := b.segFile(d, s); f != b.docFile[d] {
			w.raw(f + ".html")
		}
		w.raw("#")
		w.raw(b.anchor(d, s))
		w.raw(">")
		w.raw(strconv.Itoa(k + 1))
		w.raw("</a>")
	}
	if !kids {
		w.raw("\n")
		return
	}
	if len(own) > 0 {
		w.raw("; the rest under its child themes:")
	}
	w.raw("\n<ul>")
	for _, c := range t.Children {
		b.passageItem(w, l, c)
	}
	w.raw("</ul>\n")
}

// passagesID is the id of a theme's item in a transcript's quotes by
// theme: q and its number, where sentence anchors start with s.
func passagesID(r themeRef) string { return "q" + strings.TrimPrefix(r.Class, "t") }

// partNav writes the links between the parts of a long transcript page.
func (b *builder) partNav(w *htmlBuf, d, p int) {
	files := b.partFile[d]
	if len(files) < 2 {
		return
	}
	w.raw(`<nav class="parts" aria-label="Parts of this transcript"><p>`)
	w.text(fmt.Sprintf("Part %d of %d", p+1, len(files)))
	if p > 0 {
		w.raw(` · <a rel="prev" href="`)
		w.text(files[p-1] + ".html")
		w.raw(`">previous part</a>`)
	}
	if p+1 < len(files) {
		w.raw(` · <a rel="next" href="`)
		w.text(files[p+1] + ".html")
		w.raw(`">next part</a>`)
	}
	w.raw("</p></nav>\n")
}

// panel lists the consenting listed participants heard in document d, with
// their attributes and the other documents they speak in, and the other
// documents of its case. Links are relative to transcripts/.
func (b *builder) panel(d int) ([]panelPerson, []docRef, int) {
	doc := b.in.Study.Documents[d]
	var people []panelPerson
	seen := map[string]bool{}
	for _, t := range doc.Turns {
		p := b.people[t.Speaker]
		if t.Role != corpus.RoleParticipant || t.Withheld || p == nil || seen[t.Speaker] {
			continue
		}
		seen[t.Speaker] = true
		pp := panelPerson{ID: p.ID}
		for _, a := range b.attrs {
			if v := p.Attributes[a]; v != "" {
				pp.Attrs = append(pp.Attrs, kv{a, v})
			}
		}
		pp.Docs, pp.More = b.otherDocs(b.speaks[t.Speaker], d)
		people = append(people, pp)
	}
	var cs []docRef
	more := 0
	if doc.Case != "" {
		cs, more = b.otherDocs(b.caseDocs[doc.Case], d)
	}
	return people, cs, more
}

// otherDocs links the first panelDocs of docs other than d, and counts the rest.
func (b *builder) otherDocs(docs []int, d int) ([]docRef, int) {
	var out []docRef
	more := 0
	for _, o := range docs {
		switch {
		case o == d:
		case len(out) < panelDocs:
			out = append(out, docRef{ID: b.in.Study.Documents[o].ID, Href: b.docFile[o] + ".html"})
		default:
			more++
		}
	}
	return out, more
}

// trimRange narrows [start, end) of body to exclude surrounding whitespace.
func trimRange(body string, start, end int) (int, int) {
	start, end = max(0, start), min(end, len(body))
	if start >= end {
		return start, start
	}
	s := body[start:end]
	lead := len(s) - len(strings.TrimLeft(s, " \t\n\r"))
	trail := len(s) - len(strings.TrimRight(s, " \t\n\r"))
	if lead == len(s) {
		return start, start
	}
	return start + lead, end - trail
}
