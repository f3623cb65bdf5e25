package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/site/svg"
)

// The case pages (one per family) and the resource map render package
// journey's aggregates; they compute no statistic of their own, so their
// numbers are the ones `insight query contacts` prints.

type caseView struct {
	ID        string
	Members   []string
	Tables    []memberView
	Map       template.HTML
	Legend    template.HTML
	Contacts  template.HTML // the rows of the every-contact table, see contactRows
	Findings  []string
	ByAgency  []costRow
	ByType    []costRow
	Total     costRow
	Currency  string
	Docs      []docRef
	Quotes    []caseQuote
	Withdrawn bool
}

type memberView struct {
	Member string
	Rows   template.HTML // see problemRows
}

type link struct{ Href, Text string }

// contactRows writes the every-contact table's rows directly, escaping
// each cell: through the template a family of hundreds of contacts made
// case pages the slowest of a build.
func contactRows(j *journey.Journeys, idx []int, flagged map[int]bool) template.HTML {
	var b strings.Builder
	b.Grow(len(idx) * 256) // a row is about 200 bytes: one allocation, not a dozen doublings
	cell := func(s string) {
		b.WriteString("<td>")
		b.WriteString(esc(s))
		b.WriteString("</td>")
	}
	for _, i := range idx {
		c := &j.Contacts[i]
		date := c.Date.String()
		if c.Date.Approx {
			date += " (month only)"
		}
		kind, cost, dup := "planned", "not costed", ""
		if c.Reactive {
			kind = "reactive"
		}
		if c.Costed {
			cost = c.Cost.String()
		}
		if flagged[i] {
			dup = "yes"
		}
		b.WriteString(`<tr><th scope="row">`)
		b.WriteString(esc(date))
		b.WriteString("</th>")
		for _, s := range []string{c.Member, j.Settings.Name(c.Agency), c.Type, kind, j.Settings.Name(c.Problem), c.Phase, cost, dup, c.Source} {
			cell(s)
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// problemRows writes a member's problems × agencies rows directly, as
// contactRows does: through the template, its escaper calls (by reflection,
// per cell) were half of rendering a case page. The text is escaped as
// html/template escapes it, so the page is byte for byte the same.
func (b *builder) problemRows(j *journey.Journeys, rows []journey.ProblemAgency) template.HTML {
	var w strings.Builder
	for _, r := range rows {
		w.WriteString(`<tr><th scope="row">`)
		htmlText.WriteString(&w, j.Settings.Name(r.Problem))
		w.WriteString(`</th><td>`)
		htmlText.WriteString(&w, j.Settings.Name(r.Agency))
		w.WriteString(`</td><td>`)
		htmlText.WriteString(&w, r.Source())
		for _, e := range r.Said {
			l := b.segLink(e.DocIndex, e.Segment, fmt.Sprintf("%s line %d", e.Doc, e.Line))
			w.WriteString(" · ")
			if l.Href != "" {
				w.WriteString(`<a href="`)
				htmlText.WriteString(&w, l.Href) // built from generated file names and anchors: no URL escaping needed
				w.WriteString(`">`)
				htmlText.WriteString(&w, l.Text)
				w.WriteString(`</a>`)
			} else {
				htmlText.WriteString(&w, l.Text)
			}
		}
		w.WriteString("</td></tr>\n")
	}
	return template.HTML(w.String())
}

// htmlText escapes text as html/template does in element content.
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

type costRow struct {
	Key, Name, Href     string
	Contacts, NotCosted int
	Families            int
	Cost, Reactive      string
}

type caseQuote struct {
	Theme themeRef
	Text  string
	Link  link
}

func (b *builder) costRow(g journey.Group, name string) costRow {
	return costRow{Key: g.Key, Name: name, Contacts: g.Contacts, NotCosted: g.Uncosted(), Families: g.Families,
		Cost: g.Cost.String(), Reactive: strconv.FormatFloat(g.ReactiveShare(), 'f', 1, 64) + "%"}
}

func (b *builder) rows(j *journey.Journeys, dim string) []costRow {
	gs, _ := j.By(dim, nil)
	var out []costRow
	for _, g := range gs {
		name := g.Key
		switch dim {
		case "agency", "problem":
			name = j.Settings.Name(g.Key)
		case "case":
			name = "Family " + g.Key
		}
		if g.Key == "" {
			name = "(none)"
		}
		out = append(out, b.costRow(g, name))
	}
	return out
}

func (b *builder) casePage(id string, key template.HTML) ([]byte, error) {
	j := b.in.Journeys.Family(id)
	v := caseView{ID: id, Members: j.Settings.Members[id], Total: b.costRow(j.Total(nil), "all contacts")}
	if j.Costs != nil {
		v.Currency = j.Costs.Currency
	}
	idx := make([]int, len(j.Contacts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, c int) int { return int(j.Contacts[a].Date.Lo - j.Contacts[c].Date.Lo) })
	flagged := map[int]bool{}
	for _, f := range j.Flags {
		v.Findings = append(v.Findings, f.Words())
		for _, i := range f.Contacts {
			flagged[i] = true
		}
	}
	v.Map = journeyMap("map-"+b.caseFile[id], j, idx, flagged, j.Settings.Name)
	v.Legend = key
	v.Contacts = contactRows(j, idx, flagged)
	v.ByAgency, v.ByType = b.rows(j, "agency"), b.rows(j, "type")
	for _, mt := range j.CaseTables(id, b.said[id]) {
		mv := memberView{Member: mt.Member, Rows: b.problemRows(j, mt.Rows)}
		if mv.Member == "" {
			mv.Member = "the family (field notes)"
		}
		v.Tables = append(v.Tables, mv)
	}
	for _, d := range b.caseDocs[id] { // the family's shown transcripts (indexSpeakers)
		v.Docs = append(v.Docs, b.docRef(d))
	}
	v.Quotes = b.caseQuotes(id)
	// Sized for the page (about 500 bytes a contact), so a family of
	// hundreds of contacts is not copied through a dozen buffer doublings.
	out := bytes.NewBuffer(make([]byte, 0, 16<<10+len(v.Map)+len(v.Contacts)))
	err := b.execTo(out, "case", "Family "+id, "../", v)
	return out.Bytes(), err
}

func (b *builder) segLink(d, s int, text string) link {
	if d < 0 || d >= len(b.docFile) || b.docFile[d] == "" {
		return link{Text: text}
	}
	href := "../transcripts/" + b.docFile[d] + ".html"
	if b.anchors[d] != nil && s >= 0 && s < len(b.in.Study.Documents[d].Segments) {
		href = "../transcripts/" + b.segFile(d, s) + ".html#" + b.anchor(d, s)
	}
	return link{Href: href, Text: text}
}

// caseQuotes picks up to five passages of the family's transcripts on the
// "As Is" themes (every theme outside the agencies and problems branches):
// people's codes only, those carrying the most such themes first.
func (b *builder) caseQuotes(id string) []caseQuote {
	s := b.in.Journeys.Settings
	skip := map[string]bool{s.AgencyBranch: true, s.ProblemBranch: true}
	for _, t := range append(slices.Clone(s.Agencies), s.Problems...) {
		skip[t] = true
	}
	type cand struct {
		d, seg, themes int
		theme          string
	}
	var cs []cand
	for _, d := range b.caseDocs[id] { // not every document: a study can have 1,000 families
		doc := b.in.Study.Documents[d]
		if d >= len(b.in.Coded.SegmentApps) {
			continue
		}
		for si := range doc.Segments {
			if si >= len(b.in.Coded.SegmentApps[d]) || !visible(doc, doc.Segments[si]) {
				continue
			}
			var ts []string
			for _, ai := range b.in.Coded.SegmentApps[d][si] {
				a := b.in.Coded.Apps[ai]
				if a.Source == coding.SourceAuto || skip[a.Theme] || slices.Contains(ts, a.Theme) {
					continue
				}
				ts = append(ts, a.Theme)
			}
			if len(ts) > 0 {
				cs = append(cs, cand{d, si, len(ts), ts[0]})
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return y.themes - x.themes })
	var out []caseQuote
	seen := map[string]bool{}
	for _, c := range cs {
		if len(out) == 5 {
			break
		}
		if seen[c.theme] {
			continue // one quote per theme, so the five show the range
		}
		seen[c.theme] = true
		doc := b.in.Study.Documents[c.d]
		seg := doc.Segments[c.seg]
		out = append(out, caseQuote{Theme: b.themeRef[c.theme], Text: doc.Body[seg.Start:seg.End],
			Link: b.segLink(c.d, c.seg, fmt.Sprintf("%s line %d", doc.ID, doc.Line(seg.Start)))})
	}
	return out
}

type resourceView struct {
	Currency     string
	Total        costRow
	Families     int
	ContactChart template.HTML
	CostChart    template.HTML
	ByAgency     []costRow
	ByFamily     []costRow
	ByType       []costRow
	FlagTypes    []journey.Group
	Pairs        []pairView
	Flags        int
	Phases       []phaseView
	Withdrawn    int
}

type pairView struct {
	A, B  string
	Flags int
}

type phaseView struct {
	Name, From, To, Months     string
	Contacts, Families         int
	Cost, PerFamily, CostPerFM string
	NotCosted                  int
}

func (b *builder) resourcePage() ([]byte, error) {
	j := b.in.Journeys
	v := resourceView{Total: b.costRow(j.Total(nil), "all contacts"), Families: len(j.Cases), Flags: len(j.Flags), Withdrawn: j.Withdrawn}
	if j.Costs != nil {
		v.Currency = j.Costs.Currency
	}
	v.ByAgency = b.rows(j, "agency")
	v.ByType = b.rows(j, "type")
	v.ByFamily = b.rows(j, "case")
	for i := range v.ByFamily {
		v.ByFamily[i].Href = "cases/" + b.caseFile[v.ByFamily[i].Key] + ".html"
	}
	groups, _ := j.By("agency", nil)
	total := j.Total(nil)
	var cbars, kbars []svg.Bar
	for _, g := range groups {
		name, col := j.Settings.Name(g.Key), b.colour[g.Key]
		cbars = append(cbars, svg.Bar{Label: name, N: g.Contacts, Base: total.Contacts, Colour: col})
		kbars = append(kbars, svg.Bar{Label: name, N: int((g.Cost + 50) / 100), Base: int((total.Cost + 50) / 100), Colour: col})
	}
	v.ContactChart = svg.Bars(svg.Chart{ID: "chart-contacts", Title: "Contacts by agency",
		Desc: fmt.Sprintf("Contacts with the %d studied families, one bar per agency, as a share of all %d contacts; the table below has the same numbers.", v.Families, total.Contacts)}, cbars)
	if j.Costs != nil {
		v.CostChart = svg.Bars(svg.Chart{ID: "chart-cost", Title: "Cost by agency, in whole " + j.Costs.Currency,
			Desc: "Unit cost × contacts per agency, rounded to whole units, as a share of the cost of all costed contacts; the table below has the exact figures."}, kbars)
	}
	v.FlagTypes, _ = j.FlagCounts(nil)
	_, pairs := j.FlagCounts(nil)
	for _, p := range pairs {
		v.Pairs = append(v.Pairs, pairView{j.Settings.Name(p.A), j.Settings.Name(p.B), p.Flags})
	}
	for _, r := range j.PhaseRates(nil) {
		v.Phases = append(v.Phases, phaseView{Name: r.Phase.Name, From: r.Phase.From.String(), To: r.Phase.To.String(),
			Months: strconv.FormatFloat(r.Months, 'f', 1, 64), Contacts: r.Group.Contacts, Families: r.Families,
			Cost: r.Group.Cost.String(), NotCosted: r.Group.Uncosted(),
			PerFamily: strconv.FormatFloat(r.ContactsPerFamilyMonth, 'f', 2, 64), CostPerFM: r.CostPerFamilyMonth.String()})
	}
	return b.exec("resources", "Resource map", "", v)
}

func (b *builder) hasJourneys() bool { return b.in.Journeys != nil && b.in.Journeys.Present }

func (b *builder) nameCases() {
	b.caseFile = map[string]string{}
	if !b.hasJourneys() {
		return
	}
	n := newNames()
	for _, c := range b.in.Journeys.Cases {
		b.caseFile[c] = n.take(c)
	}
	b.said = map[string][]journey.Evidence{}
	for _, e := range b.in.Said {
		b.said[e.Case] = append(b.said[e.Case], e)
	}
}

// journeyJobs lists the case pages and the resource map. They run in the
// second round, after the transcript pages have keyed each document's
// quotes, and are cached under a key of everything they show: when only
// contacts.csv or costs.yaml change, only these pages are rendered again.
// The site is their cache, as for every page (see output).
func (b *builder) journeyJobs() []job {
	if !b.hasJourneys() {
		return nil
	}
	k := newKeyer()
	for _, name := range []string{"assets/layout.html", "assets/case.html", "assets/resources.html"} {
		data, _ := assets.ReadFile(name)
		k.str(string(data))
	}
	base := k.sum()
	common := func(k *keyer) {
		k.str(base, b.in.Journeys.Key, b.themeKey, b.in.Banner, b.in.Study.Config.Title)
	}
	key := legend(b.in.Journeys) // the same under every map
	js := []job{{path: "resource-map.html", run: func(dst string) (outcome, error) {
		k := newKeyer()
		common(k)
		for _, c := range b.in.Journeys.Cases {
			k.str(c, b.caseFile[c])
		}
		return b.cached(k.sum(), dst, b.resourcePage)
	}}}
	for _, c := range b.in.Journeys.Cases {
		js = append(js, job{path: "cases/" + b.caseFile[c] + ".html", run: func(dst string) (outcome, error) {
			k := newKeyer()
			common(k)
			k.str(c, b.caseFile[c])
			for _, d := range b.caseDocs[c] {
				k.str(b.in.Study.Documents[d].ID, b.docFile[d], b.docKeys[d], b.quoteKeys[d])
			}
			for _, e := range b.said[c] {
				k.str(e.Member, e.Problem, e.Agency, e.Doc)
				k.num(e.Line, e.DocIndex, e.Segment)
			}
			return b.cached(k.sum(), dst, func() ([]byte, error) { return b.casePage(c, key) })
		}})
	}
	return js
}

// cached leaves the page at dst as the last build wrote it when its key
// is unchanged, and renders it otherwise.
func (b *builder) cached(key, dst string, render func() ([]byte, error)) (outcome, error) {
	if b.out.keep(dst, key) {
		return journeyCached, nil
	}
	data, err := render()
	if err != nil {
		return journeyRendered, err
	}
	return journeyRendered, b.out.put(dst, key, data)
}
