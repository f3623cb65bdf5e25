package site

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// ---- index ----

type indexView struct {
	Description template.HTML
	Ranked      []rankRow
	Tree        []treeNode
	Docs        int
	People      int
}

type rankRow struct {
	Theme themeRef
	C     query.ThemeCount
	Bar   template.CSS
}

type treeNode struct {
	Theme    themeRef
	Children []treeNode
}

func (b *builder) indexPage() ([]byte, error) {
	desc, err := b.md.render(b.in.Study.Config.Description)
	if err != nil {
		return nil, err
	}
	v := indexView{Description: desc, People: len(b.people)}
	for _, f := range b.docFile {
		if f != "" {
			v.Docs++
		}
	}
	// Rank by participants, then segments, then codebook order (Freq's order).
	ranked := slices.Clone(b.freq)
	sort.SliceStable(ranked, func(i, j int) bool {
		if ranked[i].Participants != ranked[j].Participants {
			return ranked[i].Participants > ranked[j].Participants
		}
		return ranked[i].Segments > ranked[j].Segments
	})
	most := 1
	for _, c := range ranked {
		most = max(most, c.Participants)
	}
	for _, c := range ranked {
		r, ok := b.themeRef[c.Theme]
		if !ok {
			continue
		}
		width := fmt.Sprintf("width:%.1f%%;background:%s", 100*float64(c.Participants)/float64(most), b.colour[c.Theme])
		v.Ranked = append(v.Ranked, rankRow{Theme: r, C: c, Bar: template.CSS(width)})
	}
	v.Tree = b.tree(b.in.Codebook.Roots)
	return b.exec("index", "Overview", "", v)
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
func (b *builder) participantsPage() ([]byte, error) {
	v := participantsView{Attrs: b.attrs}
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
	return b.exec("participants", "Participants and cases", "", v)
}

// ---- transcript list ----

type docRow struct {
	Doc                    docRef
	Kind, Date, Case       string
	Turns, Segments, Coded int
}

func (b *builder) transcriptsPage() ([]byte, error) {
	var rows []docRow
	for d, doc := range b.in.Study.Documents {
		if b.docFile[d] == "" {
			continue
		}
		r := docRow{Doc: docRef{ID: doc.ID, Href: b.docFile[d] + ".html"}, Kind: doc.Kind, Date: doc.Date, Case: doc.Case}
		coded := map[int]bool{}
		for _, i := range b.docApps[d] {
			for _, s := range b.appSegs[i] {
				coded[s] = true
			}
		}
		r.Coded = len(coded)
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
	return b.exec("transcripts", "Transcripts", "../", rows)
}

// ---- transcript page ----

type transcriptView struct {
	ID, Kind, Date, Case string
	Attrs                []kv
	Turns                template.HTML // written by highlighter.turns
	Legend               []legendItem
}

type legendItem struct {
	Theme themeRef
	N     int
}

// docView is what every part of a transcript page shares.
type docView struct {
	v                 transcriptView // all but Turns
	segApps, turnApps [][]int        // per segment and per turn: applications shown
	segsOf            [][]int        // per turn: its segments in text order
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
	used := map[string]int{}
	for _, i := range b.docApps[d] {
		if len(b.appSegs[i]) > 0 {
			used[b.in.Coded.Apps[i].Theme]++
		}
		lastTurn := -1
		for _, s := range b.appSegs[i] {
			dv.segApps[s] = append(dv.segApps[s], i)
			if t := doc.Segments[s].Turn; t != lastTurn {
				dv.turnApps[t] = append(dv.turnApps[t], i)
				lastTurn = t
			}
		}
	}
	for _, t := range b.in.Codebook.All {
		if n := used[t.ID]; n > 0 {
			r := b.themeRef[t.ID]
			r.Href = "../" + r.Href
			dv.v.Legend = append(dv.v.Legend, legendItem{Theme: r, N: n})
		}
	}
	for _, s := range segmentOrder(doc) {
		if t := doc.Segments[s].Turn; t >= 0 && t < len(doc.Turns) {
			dv.segsOf[t] = append(dv.segsOf[t], s)
		}
	}
	return dv
}

// transcriptPage writes part p of document d's transcript page, with links
// to the parts before and after when there are several.
func (b *builder) transcriptPage(w *htmlBuf, d int, dv *docView, p int) error {
	doc := b.in.Study.Documents[d]
	starts := b.partStart[d]
	from, to := starts[p], len(doc.Body)+1 // +1: an empty last turn is in the last part
	if p+1 < len(starts) {
		to = starts[p+1]
	}
	b.partNav(w, d, p)
	b.highlighter(d).turns(w, dv, from, to)
	b.partNav(w, d, p)
	v := dv.v
	v.Turns = template.HTML(w.String())
	w.Reset()
	title := doc.ID
	if len(starts) > 1 {
		title = fmt.Sprintf("%s, part %d of %d", doc.ID, p+1, len(starts))
	}
	return b.execTo(w, "transcript", title, "../", v)
}

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
