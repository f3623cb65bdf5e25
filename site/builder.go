package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
)

// builder holds what every page needs, computed once before pages are
// written in parallel; after newBuilder it is only read.
type builder struct {
	in       Input
	cnt      counter
	md       markdown
	tpl      map[string]*template.Template
	cacheDir string
	tplHash  string // of the templates a transcript page uses, for cache keys

	colour   map[string]string // theme id -> validated colour
	themeRef map[string]themeRef
	people   map[string]*corpus.Participant // consenting participants by id
	attrs    []string                       // participant attributes in display order

	docFile []string   // per document: file name in transcripts/ ("" when withheld)
	anchors [][]string // per document, per segment: HTML id
	docApps [][]int    // per document: indexes into Coded.Apps
	appSegs [][]int    // per app: visible segments it overlaps
	quotes  map[string][]quote
	pages   map[string][]string // theme id -> file names of its quote pages
	counts  map[string]query.ThemeCount
	freq    []query.ThemeCount
	mats    []query.Matrix
}

type themeRef struct {
	ID, Name, Href string // Href relative to the site root
	Swatch         template.CSS
}

type kv struct{ Key, Value string }

// quote is one passage on a theme page: the visible segments of one or more
// overlapping applications of the theme (or its descendants) in one
// document, so a sentence coded by hand and by a keyword rule shows once.
type quote struct {
	doc  int
	segs []int // segment indexes, in text order
	apps []int
}

func newBuilder(in Input, cnt counter, opts Options) (*builder, error) {
	tpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	b := &builder{in: in, cnt: cnt, md: newMarkdown(), tpl: tpl, cacheDir: opts.CacheDir,
		colour: map[string]string{}, themeRef: map[string]themeRef{}, people: map[string]*corpus.Participant{},
		quotes: map[string][]quote{}, pages: map[string][]string{}, counts: map[string]query.ThemeCount{}}
	// The version constant is the rule; hashing the templates too means a
	// forgotten bump cannot serve pages rendered by an older template.
	k := newKeyer()
	for _, name := range []string{"assets/layout.html", "assets/transcript.html"} {
		data, err := assets.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		k.add(string(data))
	}
	b.tplHash = k.sum()
	b.indexPeople()
	b.indexDocs()
	b.collectQuotes()

	tn := newNames()
	for i, t := range in.Codebook.All {
		b.colour[t.ID] = themeColour(t.Colour, i)
		b.pages[t.ID] = []string{tn.take(t.ID)}
	}
	for _, t := range in.Codebook.All { // extra pages after every first page, so ids win names
		for p := 2; p <= pageCount(len(b.quotes[t.ID])); p++ {
			b.pages[t.ID] = append(b.pages[t.ID], tn.take(t.ID+"-"+strconv.Itoa(p)))
		}
		b.themeRef[t.ID] = themeRef{ID: t.ID, Name: cmp.Or(t.Name, t.ID), Href: "themes/" + b.pages[t.ID][0] + ".html",
			Swatch: template.CSS("background:" + b.colour[t.ID])}
	}

	if b.freq, err = cnt.Freq(query.Filter{}); err != nil {
		return nil, fmt.Errorf("site: counting themes: %w", err)
	}
	for _, c := range b.freq {
		b.counts[c.Theme] = c
	}
	for _, attr := range cnt.Attributes() {
		m, err := cnt.Matrix(query.Filter{}, attr, query.Participants)
		if err != nil {
			return nil, fmt.Errorf("site: counting themes by %s: %w", attr, err)
		}
		b.mats = append(b.mats, m)
	}
	return b, nil
}

func pageCount(quotes int) int { return max(1, (quotes+quotesPerPage-1)/quotesPerPage) }

func (b *builder) indexPeople() {
	seen := map[string]bool{}
	for i := range b.in.Study.Participants {
		p := &b.in.Study.Participants[i]
		if p.Withdrawn {
			continue
		}
		b.people[p.ID] = p
		for k := range p.Attributes {
			seen[k] = true
		}
	}
	if len(b.in.Study.Config.Attributes) > 0 {
		b.attrs = b.in.Study.Config.Attributes
		return
	}
	for k := range seen {
		b.attrs = append(b.attrs, k)
	}
	sort.Strings(b.attrs)
}

// indexDocs names pages and anchors and finds which visible segments each
// application overlaps. Turns and segments are kept in order of Start by
// corpus; they are sorted here anyway so a surprise costs time, not output.
func (b *builder) indexDocs() {
	docs := b.in.Study.Documents
	dn := newNames("index")
	b.docFile = make([]string, len(docs))
	b.anchors = make([][]string, len(docs))
	b.docApps = make([][]int, len(docs))
	b.appSegs = make([][]int, len(b.in.Coded.Apps))
	for d, doc := range docs {
		if doc.Withheld {
			continue
		}
		b.docFile[d] = dn.take(doc.ID)
		an := newNames()
		b.anchors[d] = make([]string, len(doc.Segments))
		for s, seg := range doc.Segments {
			b.anchors[d][s] = an.take(segmentAnchor(seg.ID))
		}
	}
	for i, a := range b.in.Coded.Apps {
		if a.Doc < 0 || a.Doc >= len(docs) || docs[a.Doc].Withheld {
			continue
		}
		b.docApps[a.Doc] = append(b.docApps[a.Doc], i)
	}
	for d, doc := range docs {
		if doc.Withheld {
			continue
		}
		order := segmentOrder(doc)
		for _, i := range b.docApps[d] {
			a := b.in.Coded.Apps[i]
			lo := sort.Search(len(order), func(k int) bool { return doc.Segments[order[k]].End > a.Start })
			for k := lo; k < len(order) && doc.Segments[order[k]].Start < a.End; k++ {
				if s := order[k]; visible(doc, doc.Segments[s]) {
					b.appSegs[i] = append(b.appSegs[i], s)
				}
			}
		}
	}
}

func segmentOrder(doc *corpus.Document) []int {
	order := make([]int, len(doc.Segments))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return doc.Segments[order[i]].Start < doc.Segments[order[j]].Start })
	return order
}

// visible reports whether a segment's text may be shown: not in a turn whose
// speaker withdrew consent.
func visible(doc *corpus.Document, s corpus.Segment) bool {
	return s.Turn >= 0 && s.Turn < len(doc.Turns) && !doc.Turns[s.Turn].Withheld && s.Start < s.End
}

// collectQuotes files every visible application under its theme and every
// ancestor. Apps are sorted by document and start, so an application that
// shares a segment with the theme's previous quote joins it.
func (b *builder) collectQuotes() {
	docs := b.in.Study.Documents
	for i, a := range b.in.Coded.Apps {
		segs := b.appSegs[i]
		if len(segs) == 0 {
			continue
		}
		for t := b.in.Codebook.Lookup(a.Theme); t != nil; t = t.Parent {
			qs := b.quotes[t.ID]
			if n := len(qs); n > 0 && qs[n-1].doc == a.Doc {
				last := &qs[n-1]
				seg := docs[a.Doc].Segments
				if seg[segs[0]].Start <= seg[last.segs[len(last.segs)-1]].Start {
					last.apps = append(last.apps, i)
					for _, s := range segs {
						if seg[s].Start > seg[last.segs[len(last.segs)-1]].Start {
							last.segs = append(last.segs, s)
						}
					}
					continue
				}
			}
			b.quotes[t.ID] = append(qs, quote{doc: a.Doc, segs: slices.Clone(segs), apps: []int{i}})
		}
	}
}

// jobs lists every file of the site.
func (b *builder) jobs() ([]job, error) {
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	js := []job{
		{path: "style.css", render: func() ([]byte, error) { return css, nil }},
		{path: "index.html", render: b.indexPage},
		{path: "participants.html", render: b.participantsPage},
		{path: "transcripts/index.html", render: b.transcriptsPage},
	}
	for _, t := range b.in.Codebook.All {
		for p, name := range b.pages[t.ID] {
			js = append(js, job{path: "themes/" + name + ".html", render: func() ([]byte, error) { return b.themePage(t, p) }})
		}
	}
	for d, name := range b.docFile {
		if name == "" {
			continue
		}
		js = append(js, job{path: "transcripts/" + name + ".html", cache: b.docKey(d),
			render: func() ([]byte, error) { return b.transcriptPage(d) }})
	}
	return js, nil
}

// docKey covers everything a transcript page shows.
func (b *builder) docKey(d int) string {
	doc := b.in.Study.Documents[d]
	k := newKeyer()
	k.add(b.tplHash, b.in.Banner, b.in.Study.Config.Title, b.docFile[d], doc.ID, doc.Hash, doc.Kind, doc.Date, doc.Case)
	for _, key := range sortedKeys(doc.Attributes) {
		k.add(key, doc.Attributes[key])
	}
	for _, t := range doc.Turns {
		k.add(t.Speaker, int(t.Role), t.Time, t.Start, t.End, t.Withheld)
	}
	for s, seg := range doc.Segments {
		k.add(b.anchors[d][s], seg.Turn, seg.Start, seg.End)
	}
	for _, i := range b.docApps[d] {
		a := b.in.Coded.Apps[i]
		k.add(a.Theme, a.Start, a.End, a.Source, a.Memo)
	}
	for _, t := range b.in.Codebook.All {
		r := b.themeRef[t.ID]
		k.add(t.ID, r.Name, r.Href, b.colour[t.ID])
	}
	return k.sum()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// page is what the layout template gets.
type page struct {
	Title, Root, Banner, Study string
	Body                       any
}

func (b *builder) exec(name, title, root string, body any) ([]byte, error) {
	var buf bytes.Buffer
	p := page{Title: title, Root: root, Banner: b.in.Banner, Study: b.in.Study.Config.Title, Body: body}
	if err := b.tpl[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
