package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math/bits"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/parallel"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site/search"
	"github.com/residentinsight/insight/themes"
)

// builder holds what every page needs, computed once before pages are
// written in parallel; after newBuilder it is only read.
type builder struct {
	in       Input
	cnt      counter
	md       markdown
	tpl      map[string]*template.Template
	progress func(done, total int)
	// searchCache keeps the search's per-document analyses and packed
	// files between builds (Options.CacheDir; none without one).
	searchCache *searchCache
	memo        *Memo  // Options.Memo: kept between a watch's builds
	tplHash     string // of the templates a transcript page uses, for cache keys
	themeKey    string // of every theme's id, parent, name, link and colour

	colour   map[string]string // theme id -> validated colour
	themeRef map[string]themeRef
	people   map[string]*corpus.Participant // consenting participants by id
	attrs    []string                       // participant attributes in display order

	docFile  []string                      // per document: file name in transcripts/ ("" when withheld)
	caseFile map[string]string             // family (case id) -> file name in cases/
	said     map[string][]journey.Evidence // family -> Input.Said of its transcripts
	// anchors holds per document its segments' HTML ids, worked out on
	// first use (b.anchor): they depend on that document alone, and a
	// rebuild after one edit needs those of few documents.
	anchors []func() []string
	// A long transcript's page is split into parts of about partBytes of
	// text, so no page is more than a browser handles: per document, the
	// Body offset where each part starts (the first at 0) and its file
	// name (the first is docFile).
	partBytes int
	listPer   int // quotes per theme page's list: quotesPerPage but in tests
	partStart [][]int
	partFile  [][]string
	docApps   [][]int // per document: indexes into Coded.Apps
	// Per app: the visible segments it overlaps, appSegFlat[lo:hi] for
	// its appSegSpan (segsOfApp). Spans, not a slice per app: a dense
	// study's million slices were 24 MB of pointers every collection
	// scanned (issue 11).
	appSegSpan []appSpan
	appSegFlat []int
	appTag     []int32 // per app: its theme and source as a number, for marks
	// tagSource is per tag its source's number, -1 for a rule's (auto),
	// and appMemo per app whether it has a memo: strength ranks a dense
	// study's million quotes by these rather than by the apps' strings.
	tagSource []int32
	appMemo   []bool
	// Themes numbered (numberThemes), so quotes are filed in slices, not
	// in maps by id: per theme its parent's number (-1 for none), per app
	// its theme's (-1 when the codebook lacks it).
	themes      []*themes.Theme
	parentNum   []int
	appThemeNum []int32
	// evidence says per app whether it counts: a person's code, or a rule
	// hit on a theme that opts in with auto: evidence. Other rule hits are
	// suggestions, shown apart and never counted or quoted as evidence.
	evidence []bool
	quotes   map[string][]quote
	quoteIdx []int              // every quote's segments and applications (quote.seg)
	listPos  map[string][]int32 // per theme, its compact list's order (listOrder)
	// quotesInOrder marks the themes whose quotes fileQuotes left in
	// document order.
	quotesInOrder map[string]bool
	// suggested lists, per theme, rule hits no person has reviewed, on
	// segments that no evidence quote of the theme already shows.
	suggested map[string][]quote
	// docQuotes lists, per document, its quotes on every theme page (see
	// quote.frag).
	docQuotes    [][]docQuote
	pages        map[string][]string // theme id -> file names of its quote pages
	counts       map[string]query.ThemeCount
	freq         []query.ThemeCount
	mats         []query.Matrix
	co           query.Cooccurrence // within turns, for "raised together"
	base         base
	speaks       map[string][]int // participant id -> documents they speak in
	caseDocs     map[string][]int // case -> its documents
	groupAttr    string           // the attribute quotes are grouped by
	noGroup      string           // the group of a speaker without a value of it
	groups       []string         // its values (and observer, ...) in order
	groupIdx     map[string]int
	turnGroup    [][]string // per document, per turn: its speaker's group (indexGroups)
	turnGroupNum [][]int32  // the same, as its index in groups (groupNum)
	msgPages     []string   // per message: file name in messages/

	// Set while writing.
	out       *output
	docKeys   []string      // per document: its page's key (keyDocs)
	memoKeys  []string      // its quoteMemoKey (keyDocs)
	keyed     chan struct{} // closed when keyDocs is done
	quoteKeys []string      // what its quotes on theme pages show, filled by the first round of jobs
	marks     sync.Map      // string of appTags -> <mark> tag; see highlighter.mark
	markMaps  sync.Pool     // of highlighters' own maps of marks, reused between pages
	bufs      sync.Pool     // of *htmlBuf, reused between pages
}

// getBuf returns an empty buffer; put it back in b.bufs when done.
func (b *builder) getBuf() *htmlBuf {
	if w, ok := b.bufs.Get().(*htmlBuf); ok {
		w.Reset()
		return w
	}
	return new(htmlBuf)
}

// docQuote names a quote by numbers, not pointers: a dense study has a
// million, held all build long (issue 11).
type docQuote struct {
	theme int32 // index into Codebook.All
	q     int32 // index into quotes[theme's ID]
}

type themeRef struct {
	ID, Name, Href string // Href relative to the site root
	Class          string // "t<i>": its colour, from themeCSS
}

type kv struct{ Key, Value string }

// quote is one passage on a theme page: the visible segments of one or more
// overlapping applications of the theme (or its descendants) in one
// document, so a sentence coded by hand and by a keyword rule shows once.
//
// A quote holds no pointer: its segments and applications are ranges of
// builder.quoteIdx (segsOf, appsOf), so the collector need not scan a
// dense study's million quotes on every collection (issue 11).
type quote struct {
	doc  int
	turn int32 // of its first segment: the quote's speaker, asked for often (groupOf)
	frag int32 // index in docQuotes[doc]: names the quote in cache keys
	// quoteIdx[seg:seg+nseg] are its segment indexes, in text order,
	// and quoteIdx[app:app+napp] its applications'.
	seg, nseg, app, napp int32
}

// segsOf is q's segment indexes, in text order.
func (b *builder) segsOf(q quote) []int {
	end := q.seg + q.nseg
	return b.quoteIdx[q.seg:end:end]
}

// appsOf is q's applications' indexes.
func (b *builder) appsOf(q quote) []int {
	end := q.app + q.napp
	return b.quoteIdx[q.app:end:end]
}

// appSpan is where an application's segments are in appSegFlat.
type appSpan struct{ lo, hi int32 }

// segsOfApp is the visible segments application i overlaps, in text order.
func (b *builder) segsOfApp(i int) []int {
	sp := b.appSegSpan[i]
	return b.appSegFlat[sp.lo:sp.hi:sp.hi]
}

func newBuilder(in Input, cnt counter, opts Options) (*builder, error) {
	tpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	b := &builder{in: in, cnt: cnt, md: newMarkdown(), tpl: tpl, progress: opts.Progress, searchCache: newSearchCache(opts.CacheDir), memo: opts.Memo,
		partBytes: cmp.Or(opts.partBytes, transcriptPartBytes), listPer: cmp.Or(opts.listPerPage, quotesPerPage),
		colour: map[string]string{}, themeRef: map[string]themeRef{}, people: map[string]*corpus.Participant{},
		quotes: map[string][]quote{}, suggested: map[string][]quote{}, pages: map[string][]string{}, counts: map[string]query.ThemeCount{}}
	if b.tplHash, err = templateHash(); err != nil {
		return nil, err
	}
	b.memo.startBuild()
	// The counts read the table alone: taken while the quotes are filed.
	counted := make(chan error, 1)
	go func() { counted <- b.count(cnt) }()
	b.nameCases()
	b.indexPeople()
	b.indexDocs()
	b.numberThemes()
	b.tagApps()
	b.collectQuotes()
	b.indexSpeakers()
	b.indexGroups()
	b.orderQuotes()
	b.nameThemePages()
	b.indexDocQuotes()
	if err := <-counted; err != nil {
		return nil, err
	}
	b.countPeople()
	mn := newNames("index")
	for _, m := range in.Messages {
		b.msgPages = append(b.msgPages, mn.take(m.ID))
	}
	return b, nil
}

// templateHash hashes the page templates. The version constant is the rule;
// hashing the templates too means a forgotten bump cannot serve pages
// rendered by an older template.
func templateHash() (string, error) {
	k := newKeyer()
	for _, name := range []string{"assets/layout.html", "assets/transcript.html"} {
		data, err := assets.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("site: %w", err)
		}
		k.str(string(data))
	}
	return k.sum(), nil
}

// tagApps marks each application as evidence or a suggestion, and gives
// each (theme, source, evidence) a small tag number.
func (b *builder) tagApps() {
	in := b.in
	type tag struct {
		theme, source string
		evidence      bool
	}
	tags := map[tag]int32{}
	sources := map[string]int32{}
	b.appTag = make([]int32, len(in.Coded.Apps))
	b.evidence = make([]bool, len(in.Coded.Apps))
	b.appMemo = make([]bool, len(in.Coded.Apps))
	studyAuto := in.Study.Config.AutoEvidence()
	for i, a := range in.Coded.Apps {
		var t *themes.Theme // nil when the codebook lacks it
		if n := b.appThemeNum[i]; n >= 0 {
			t = b.themes[n]
		}
		b.evidence[i] = a.Source != coding.SourceAuto || (t != nil && t.AutoEvidence(studyAuto))
		ts := tag{a.Theme, a.Source, b.evidence[i]}
		n, ok := tags[ts]
		if !ok {
			n = int32(len(tags))
			tags[ts] = n
			src := int32(-1)
			if a.Source != coding.SourceAuto {
				if src, ok = sources[a.Source]; !ok {
					src = int32(len(sources))
					sources[a.Source] = src
				}
			}
			b.tagSource = append(b.tagSource, src)
		}
		b.appTag[i] = n
		b.appMemo[i] = a.Memo != ""
	}
}

// nameThemePages gives each theme its colour and its pages' file names:
// every theme's first page before any extra page, so ids win names.
func (b *builder) nameThemePages() {
	all := b.in.Codebook.All
	tn := newNames()
	var given []string
	for _, t := range all {
		given = append(given, t.Colour)
	}
	for i, c := range b.memo.colours(given) {
		t := all[i]
		b.colour[t.ID] = themeColour(c, i)
		b.pages[t.ID] = []string{tn.take(t.ID)}
	}
	for i, t := range all {
		for p := 2; p <= b.pageCount(len(b.quotes[t.ID])); p++ {
			b.pages[t.ID] = append(b.pages[t.ID], tn.take(t.ID+"-"+strconv.Itoa(p)))
		}
		b.themeRef[t.ID] = themeRef{ID: t.ID, Name: cmp.Or(t.Name, t.ID), Href: "themes/" + b.pages[t.ID][0] + ".html", Class: "t" + strconv.Itoa(i)}
	}
}

// indexDocQuotes lists each document's quotes (and numbers their
// fragments), and keys what every page shows of the themes.
func (b *builder) indexDocQuotes() {
	// Each document's list is cut from one array, counted first.
	n := make([]int, len(b.in.Study.Documents))
	total := 0
	for _, t := range b.in.Codebook.All {
		for _, q := range b.quotes[t.ID] {
			n[q.doc]++
			total++
		}
	}
	flat := make([]docQuote, total)
	b.docQuotes = make([][]docQuote, len(b.in.Study.Documents))
	at := 0
	for d, k := range n {
		b.docQuotes[d] = flat[at : at : at+k]
		at += k
	}
	k := newKeyer()
	for ti, t := range b.in.Codebook.All {
		qs := b.quotes[t.ID]
		for i := range qs {
			d := qs[i].doc
			qs[i].frag = int32(len(b.docQuotes[d]))
			b.docQuotes[d] = append(b.docQuotes[d], docQuote{int32(ti), int32(i)})
		}
		parent := ""
		if t.Parent != nil {
			parent = t.Parent.ID
		}
		r := b.themeRef[t.ID]
		k.str(t.ID, parent, r.Name, r.Href, b.colour[t.ID])
	}
	b.themeKey = k.sum()
}

// count takes the study-wide counts the pages show from the table. It
// sets only the fields of counts, so it runs beside newBuilder's stages.
func (b *builder) count(cnt counter) error {
	var err error
	if b.freq, err = cnt.Freq(query.Filter{}); err != nil {
		return fmt.Errorf("site: counting themes: %w", err)
	}
	for _, c := range b.freq {
		b.counts[c.Theme] = c
	}
	if err := b.countTotals(); err != nil {
		return fmt.Errorf("site: counting participants: %w", err)
	}
	if b.co, err = cnt.Cooccur(query.Filter{}, query.WithinTurn); err != nil {
		return fmt.Errorf("site: counting themes raised together: %w", err)
	}
	for _, attr := range cnt.Attributes() {
		m, err := cnt.Matrix(query.Filter{}, attr, query.Participants)
		if err != nil {
			return fmt.Errorf("site: counting themes by %s: %w", attr, err)
		}
		b.mats = append(b.mats, m)
	}
	return nil
}

func (b *builder) pageCount(quotes int) int { return max(1, (quotes+b.listPer-1)/b.listPer) }

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
	b.anchors = make([]func() []string, len(docs))
	b.docApps = make([][]int, len(docs))
	b.appSegSpan = make([]appSpan, len(b.in.Coded.Apps))
	for d, doc := range docs {
		if doc.Withheld {
			continue
		}
		b.docFile[d] = dn.take(doc.ID)
		b.anchors[d] = sync.OnceValue(func() []string { return b.memo.docAnchors(doc) })
	}
	// Parts are named after every document, so adding a part never
	// renames another document's page.
	b.partStart = make([][]int, len(docs))
	b.partFile = make([][]string, len(docs))
	for d, doc := range docs {
		if doc.Withheld {
			continue
		}
		b.partStart[d] = cutParts(doc, b.partBytes)
		b.partFile[d] = []string{b.docFile[d]}
		for p := 2; p <= len(b.partStart[d]); p++ {
			b.partFile[d] = append(b.partFile[d], dn.take(b.docFile[d]+"-part"+strconv.Itoa(p)))
		}
	}
	// Each document's list is cut from one array, counted first: grown
	// per document, they were a quarter of this stage on a dense study.
	shown := func(a coding.Application) bool { return a.Doc >= 0 && a.Doc < len(docs) && !docs[a.Doc].Withheld }
	count := make([]int, len(docs))
	total := 0
	for _, a := range b.in.Coded.Apps {
		if shown(a) {
			count[a.Doc]++
			total++
		}
	}
	all := make([]int, total)
	for d, n := range count {
		if n > 0 {
			b.docApps[d], all = all[:0:n], all[n:]
		}
	}
	for i, a := range b.in.Coded.Apps {
		if shown(a) {
			b.docApps[a.Doc] = append(b.docApps[a.Doc], i)
		}
	}
	// Every application's segments are cut from one array: a slice per
	// application was a third of this stage.
	flat := make([]int, 0, 2*len(b.in.Coded.Apps))
	for d, doc := range docs {
		if doc.Withheld {
			continue
		}
		order := segmentOrder(doc)
		for _, i := range b.docApps[d] {
			a := b.in.Coded.Apps[i]
			lo := sort.Search(len(order), func(k int) bool { return doc.Segments[order[k]].End > a.Start })
			from := len(flat)
			for k := lo; k < len(order) && doc.Segments[order[k]].Start < a.End; k++ {
				if s := order[k]; visible(doc, doc.Segments[s]) {
					flat = append(flat, s)
				}
			}
			b.appSegSpan[i] = appSpan{int32(from), int32(len(flat))}
		}
	}
	b.appSegFlat = flat
}

// Memo keeps, between the builds of a watch, what the site derives from
// one document alone, keyed by a hash of exactly what it is derived from.
// An entry no build asked for since the one before the last is dropped.
type Memo struct {
	mu            sync.Mutex
	anchors, last map[cachekey.Sum][]string // this build's, and the last's
	search        *search.Memo              // each piece's analysis
	// The last build's theme colours and the codebook's colours they
	// were assigned from: comparing colours in CIELAB was a twentieth
	// of a rebuild.
	given, assigned []string
}

// colours is assignColours(given), from the memo when the codebook's
// colours are those of the last build.
func (m *Memo) colours(given []string) []string {
	if m == nil {
		return assignColours(given)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.assigned == nil || !slices.Equal(m.given, given) {
		m.given, m.assigned = slices.Clone(given), assignColours(given)
	}
	return slices.Clone(m.assigned)
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{anchors: map[cachekey.Sum][]string{}, search: search.NewMemo()} }

func (m *Memo) searchMemo() *search.Memo {
	if m == nil {
		return nil
	}
	return m.search
}

// startBuild begins a build: what the last one used stays to be found.
func (m *Memo) startBuild() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.last, m.anchors = m.anchors, map[cachekey.Sum][]string{}
	m.mu.Unlock()
}

// docAnchors is docAnchors(doc), from the memo when its segment ids are
// those of a document it holds.
func (m *Memo) docAnchors(doc *corpus.Document) []string {
	if m == nil {
		return docAnchors(doc)
	}
	var k cachekey.Key
	for _, seg := range doc.Segments {
		k.Str(seg.ID)
	}
	key := k.Sum()
	m.mu.Lock()
	ids, ok := m.anchors[key]
	if !ok {
		ids, ok = m.last[key]
	}
	m.mu.Unlock()
	if !ok {
		ids = docAnchors(doc)
	}
	m.mu.Lock()
	m.anchors[key] = ids
	m.mu.Unlock()
	return ids
}

// docAnchors names each segment of doc for links: a function of its
// segment ids alone, which docKey covers.
func docAnchors(doc *corpus.Document) []string {
	if ids, ok := distinctAnchors(doc); ok {
		return ids
	}
	return takeAnchors(doc)
}

// distinctAnchors is docAnchors(doc) when no two of its segments' anchors
// are alike but for case, which is nearly always: then names.take would
// return each unchanged, so they are cut from one buffer and checked with
// a set of hashes instead. Naming every document's anchors, which memo
// pages and the search input need on every build, cost a one-edit
// rebuild a twelfth of its CPU through names. ok is false when two
// hashes match, alike or not: takeAnchors then decides.
func distinctAnchors(doc *corpus.Document) (ids []string, ok bool) {
	segs := doc.Segments
	buf := make([]byte, 0, 8*len(segs))
	ends := make([]int, len(segs))
	for s, seg := range segs {
		from := len(buf)
		buf = appendSegmentAnchor(buf, seg.ID)
		buf = buf[:from+min(len(buf)-from, 80)] // as safeName cuts it
		ends[s] = len(buf)
	}
	set := make([]uint64, max(16, 1<<bits.Len(uint(2*len(segs)))))
	mask := uint64(len(set) - 1)
	from := 0
	for _, end := range ends {
		h := foldHash(buf[from:end])
		for i := h & mask; ; i = (i + 1) & mask {
			if set[i] == h {
				return nil, false
			}
			if set[i] == 0 {
				set[i] = h
				break
			}
		}
		from = end
	}
	all := unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not written again
	ids = make([]string, len(segs))
	from = 0
	for s, end := range ends {
		ids[s], from = all[from:end], end
	}
	return ids, true
}

// foldHash is FNV-1a of b lower-cased (ASCII), never 0.
func foldHash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return max(h, 1)
}

// takeAnchors names each segment through names.take, which suffixes a
// name alike but for case with one before it.
func takeAnchors(doc *corpus.Document) []string {
	an := &names{used: map[string]bool{}, short: make(map[uint64]bool, len(doc.Segments))}
	ids := make([]string, len(doc.Segments))
	for s, seg := range doc.Segments {
		ids[s] = an.take(segmentAnchor(seg.ID))
	}
	return ids
}

// nameAnchors works out every shown document's anchors on every core, for
// what needs them all (the memo pages, the search input).
func (b *builder) nameAnchors() {
	parallel.Each(len(b.anchors), func(d int) {
		if b.anchors[d] != nil {
			b.anchors[d]()
		}
	})
}

// anchor is the HTML id of segment s of document d, which is not withheld.
func (b *builder) anchor(d, s int) string { return b.anchors[d]()[s] }

// transcriptPartBytes is the text of one transcript page at most, give or
// take a sentence: a 200 MB transcript made one page of 889 MB, which no
// browser opens.
const transcriptPartBytes = 2 << 20

// cutParts returns the Body offsets where each part of a document's page
// starts: the first turn or sentence that starts limit bytes or more after
// the part before it. A sentence is never split, so a part can exceed
// limit by one sentence.
func cutParts(doc *corpus.Document, limit int) []int {
	cuts := []int{0}
	if len(doc.Body) <= limit {
		return cuts
	}
	points := make([]int, 0, len(doc.Turns)+len(doc.Segments))
	for _, t := range doc.Turns {
		points = append(points, t.Start)
	}
	for _, s := range doc.Segments {
		points = append(points, s.Start)
	}
	slices.Sort(points)
	for _, p := range points {
		if p-cuts[len(cuts)-1] >= limit {
			cuts = append(cuts, p)
		}
	}
	return cuts
}

// segFile is the file name, in transcripts/, of the part of document d's
// page that holds segment s: where a link to the segment's anchor goes.
func (b *builder) segFile(d, s int) string {
	if files := b.partFile[d]; len(files) == 1 { // most pages are one part
		return files[0]
	}
	i, _ := slices.BinarySearch(b.partStart[d], b.in.Study.Documents[d].Segments[s].Start+1)
	return b.partFile[d][max(i-1, 0)]
}

func segmentOrder(doc *corpus.Document) []int {
	order := make([]int, len(doc.Segments))
	sorted := true
	for i := range order {
		order[i] = i
		sorted = sorted && (i == 0 || doc.Segments[i-1].Start <= doc.Segments[i].Start)
	}
	if !sorted { // corpus keeps them in order: sorting what is sorted cost a rebuild 0.03 s
		sort.SliceStable(order, func(i, j int) bool { return doc.Segments[order[i]].Start < doc.Segments[order[j]].Start })
	}
	return order
}

// visible reports whether a segment's text may be shown: not in a turn whose
// speaker withdrew consent.
func visible(doc *corpus.Document, s corpus.Segment) bool {
	return s.Turn >= 0 && s.Turn < len(doc.Turns) && !doc.Turns[s.Turn].Withheld && s.Start < s.End
}

// numberThemes numbers the codebook's themes, and any other theme an
// application or a parent names, for fileQuotes.
func (b *builder) numberThemes() {
	num := map[*themes.Theme]int{}
	var number func(t *themes.Theme) int
	number = func(t *themes.Theme) int {
		if t == nil {
			return -1
		}
		if n, ok := num[t]; ok {
			return n
		}
		n := len(b.themes)
		num[t] = n
		b.themes = append(b.themes, t)
		b.parentNum = append(b.parentNum, -1)
		b.parentNum[n] = number(t.Parent)
		return n
	}
	for _, t := range b.in.Codebook.All {
		number(t)
	}
	b.appThemeNum = make([]int32, len(b.in.Coded.Apps))
	for i, a := range b.in.Coded.Apps {
		b.appThemeNum[i] = int32(number(b.in.Codebook.Lookup(a.Theme)))
	}
}

// collectQuotes files every visible evidence application under its theme
// and every ancestor, then the suggestions (rule hits no person reviewed)
// on segments the theme's evidence does not already show.
func (b *builder) collectQuotes() {
	b.quotesInOrder = b.fileQuotes(b.quotes, true, func(i, _ int) bool { return b.evidence[i] })
	// shown[theme] marks the segments its evidence shows, one bit per
	// segment of the study (numbered from first[doc]): a map of pairs
	// cost a fifth of a second on a large study.
	docs := b.in.Study.Documents
	first := make([]int, len(docs)+1)
	for d, doc := range docs {
		first[d+1] = first[d] + len(doc.Segments)
	}
	shown := make([][]uint64, len(b.themes))
	for t, th := range b.themes {
		qs, ok := b.quotes[th.ID]
		if !ok {
			continue
		}
		bits := make([]uint64, (first[len(docs)]+63)/64)
		for _, q := range qs {
			for _, s := range b.segsOf(q) {
				n := first[q.doc] + s
				bits[n/64] |= 1 << (n % 64)
			}
		}
		shown[t] = bits
	}
	b.fileQuotes(b.suggested, false, func(i, t int) bool {
		if b.evidence[i] {
			return false
		}
		bits := shown[t]
		if bits == nil {
			return true
		}
		d := b.in.Coded.Apps[i].Doc
		for _, s := range b.segsOfApp(i) {
			if n := first[d] + s; bits[n/64]&(1<<(n%64)) == 0 {
				return true
			}
		}
		return false
	})
}

// fileQuotes files each visible application under its theme and every
// ancestor that keep accepts it for (keep is given the app's index and
// the theme's number), in one pass over the applications. Apps are
// sorted by document and start, so an application that shares a segment
// with the theme's previous quote joins it. keep is only asked about
// applications whose evidence flag is evidence. A theme with no quote
// gets no list. It returns the themes (by id) whose lists it left in
// document order (docOrder), as it notes while filing them.
func (b *builder) fileQuotes(into map[string][]quote, evidence bool, keep func(app, theme int) bool) (inOrder map[string]bool) {
	docs := b.in.Study.Documents
	lists := b.sizeQuoteLists(into, evidence, keep)
	// Only a theme's last quote can grow: it is built in open[t], and
	// its indexes copied to quoteIdx when the theme's next quote begins.
	type openQuote struct {
		doc        int
		turn       int32
		segs, apps []int
	}
	open := make([]openQuote, len(b.themes))
	// Per theme, whether its list is in document order so far, and
	// where its last quote starts: noted here, where the quotes are at
	// hand, orderList need not check every list (a fifth of it).
	ordered := make([]bool, len(b.themes))
	lastDoc, lastStart := make([]int, len(b.themes)), make([]int, len(b.themes))
	for t := range b.themes {
		ordered[t] = len(lists[t]) == 0
	}
	flush := func(t int) {
		o := &open[t]
		if len(o.apps) == 0 {
			return
		}
		start := docs[o.doc].Segments[o.segs[0]].Start
		if len(lists[t]) > 0 && (o.doc < lastDoc[t] || o.doc == lastDoc[t] && start < lastStart[t]) {
			ordered[t] = false
		}
		lastDoc[t], lastStart[t] = o.doc, start
		q := quote{doc: o.doc, turn: o.turn, seg: int32(len(b.quoteIdx)), nseg: int32(len(o.segs))}
		b.quoteIdx = append(b.quoteIdx, o.segs...)
		q.app, q.napp = int32(len(b.quoteIdx)), int32(len(o.apps))
		b.quoteIdx = append(b.quoteIdx, o.apps...)
		lists[t] = append(lists[t], q)
		o.segs, o.apps = o.segs[:0], o.apps[:0]
	}
	for i, a := range b.in.Coded.Apps {
		if b.evidence[i] != evidence {
			continue
		}
		segs := b.segsOfApp(i)
		if len(segs) == 0 {
			continue
		}
		seg := docs[a.Doc].Segments
		for t := int(b.appThemeNum[i]); t >= 0; t = b.parentNum[t] {
			if !keep(i, t) {
				continue
			}
			o := &open[t]
			if len(o.apps) > 0 && o.doc == a.Doc && seg[segs[0]].Start <= seg[o.segs[len(o.segs)-1]].Start {
				o.apps = append(o.apps, i)
				for _, s := range segs {
					if seg[s].Start > seg[o.segs[len(o.segs)-1]].Start {
						o.segs = append(o.segs, s)
					}
				}
				continue
			}
			flush(t)
			o.doc, o.turn = a.Doc, int32(seg[segs[0]].Turn)
			o.segs = append(o.segs, segs...)
			o.apps = append(o.apps, i)
		}
	}
	inOrder = map[string]bool{}
	for t, qs := range lists {
		flush(t)
		if qs = lists[t]; len(qs) > 0 {
			into[b.themes[t].ID] = qs
			if ordered[t] {
				inOrder[b.themes[t].ID] = true
			}
		}
	}
	return inOrder
}

// sizeQuoteLists returns each theme's list, holding what into has, with
// room for what fileQuotes will add, and grows quoteIdx likewise: growing
// the lists by doubling was most of a rebuild's time here; sizing them for
// one quote per application, then copying the lists of a densely coded
// study (two or three applications a quote) to their length, a quarter of
// a cold build's allocation here (issue 11).
func (b *builder) sizeQuoteLists(into map[string][]quote, evidence bool, keep func(app, theme int) bool) [][]quote {
	counts, idx := b.countQuotes(evidence, keep)
	lists := make([][]quote, len(b.themes))
	for t, n := range counts {
		if n > 0 {
			old := into[b.themes[t].ID]
			lists[t] = append(make([]quote, 0, len(old)+n), old...) // not slices.Grow: it rounds up
		}
	}
	b.quoteIdx = slices.Grow(b.quoteIdx, idx)
	return lists
}

// countQuotes counts the quotes fileQuotes files under each theme (by
// number), a quote per application that does not join the theme's
// previous quote, as fileQuotes joins them, and the indexes of their
// segments and applications.
func (b *builder) countQuotes(evidence bool, keep func(app, theme int) bool) (counts []int, idx int) {
	docs := b.in.Study.Documents
	counts = make([]int, len(b.themes))
	// Per theme, its last quote's document and the start of its last segment.
	lastDoc := make([]int, len(b.themes))
	lastStart := make([]int, len(b.themes))
	for i, a := range b.in.Coded.Apps {
		segs := b.segsOfApp(i)
		if b.evidence[i] != evidence || len(segs) == 0 {
			continue
		}
		seg := docs[a.Doc].Segments
		first, end := seg[segs[0]].Start, seg[segs[len(segs)-1]].Start
		for t := int(b.appThemeNum[i]); t >= 0; t = b.parentNum[t] {
			if !keep(i, t) {
				continue
			}
			idx++ // the application
			if counts[t] > 0 && lastDoc[t] == a.Doc && first <= lastStart[t] {
				for _, s := range segs {
					if seg[s].Start > lastStart[t] {
						idx++
						lastStart[t] = seg[s].Start
					}
				}
				continue
			}
			counts[t]++
			idx += len(segs)
			lastDoc[t], lastStart[t] = a.Doc, end
		}
	}
	return counts, idx
}

// docJobs lists the files of the first round: the small pages and each
// transcript page, whose job also computes the key of the document's quotes.
func (b *builder) docJobs() ([]job, error) {
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	var colours []string
	for _, t := range b.in.Codebook.All {
		colours = append(colours, b.colour[t.ID])
	}
	css = append(slices.Clip(css), themeCSS(colours)...)
	page := func(render func() ([]byte, error)) func(string) (outcome, error) {
		return func(dst string) (outcome, error) {
			data, err := render()
			if err != nil {
				return wrote, err
			}
			return b.writeFile(dst, data)
		}
	}
	js := []job{
		{path: "style.css", run: func(dst string) (outcome, error) { return b.writeFile(dst, css) }},
		{path: "favicon.svg", run: b.assetFile("assets/favicon.svg")},
		{path: "index.html", run: page(b.indexPage)},
		{path: "participants.html", run: b.viewPage(b.participantsPage)},
		{path: "transcripts/index.html", run: b.viewPage(b.transcriptsPage)},
		{path: "methods.html", run: page(b.methodsPage)},
		{path: "agreement.html", run: page(b.agreementPage)},
	}
	js = append(js, b.memoJobs()...)
	for i, name := range b.msgPages {
		js = append(js, job{path: "messages/" + name + ".html", run: page(func() ([]byte, error) { return b.messagePage(i) })})
	}
	b.quoteKeys = make([]string, len(b.docFile))
	b.docKeys, b.memoKeys = make([]string, len(b.docFile)), make([]string, len(b.docFile))
	b.keyed = make(chan struct{})
	go func() { b.keyDocs(); close(b.keyed) }()
	for d, name := range b.docFile {
		if name != "" {
			js = append(js, job{path: "transcripts/" + name + ".html", run: func(dst string) (outcome, error) { return b.writeDoc(d, dst) }})
		}
	}
	return js, nil
}

// themeJobs lists the theme pages, the second round.
func (b *builder) themeJobs() []job {
	var js []job
	for _, t := range b.in.Codebook.All {
		info := sync.OnceValues(func() (themeInfo, error) { return b.themeInfo(t) })
		for p, name := range b.pages[t.ID] {
			js = append(js, job{path: "themes/" + name + ".html", run: func(dst string) (outcome, error) { return b.writeThemePage(t, p, info, dst) }})
		}
	}
	return js
}

// writeDoc puts the parts of document d's transcript page in dst's
// folder (the first at dst), rendering only those whose inputs changed
// since the last build, and notes the key of the document's quotes.
func (b *builder) writeDoc(d int, dst string) (outcome, error) {
	<-b.keyed
	pageKey, memo := b.docKeys[d], b.memoKeys[d]
	quoteKey, ok := b.out.lastQuoteKey(dst, memo)
	if !ok {
		quoteKey = b.quoteKey(d)
	}
	b.quoteKeys[d] = quoteKey
	// Noted once the page is recorded, which resets what is noted of it.
	defer b.out.noteQuoteKey(dst, memo, quoteKey)
	out := docCached
	var view *docView // worked out once, for the first part rendered
	for p, file := range b.partFile[d] {
		key := pageKey
		if p > 0 {
			k := newKeyer()
			k.str(pageKey)
			k.num(p)
			key = k.sum()
		}
		dst := filepath.Join(filepath.Dir(dst), file+".html")
		if b.out.keep(dst, key) {
			continue
		}
		out = docRendered
		if view == nil {
			view = b.docView(d)
		}
		buf := b.getBuf()
		head, tail, err := b.transcriptPage(buf, d, view, p)
		if err == nil {
			err = b.out.put(dst, key, head, buf.Bytes(), tail)
		}
		b.bufs.Put(buf)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// keyDocs works out each shown document's page key and quote memo key
// on every core. docJobs starts it, so it runs beside the search's
// analysis (jobs), much of which is serial: the keys are a tenth of a
// one-edit rebuild's work, and writing, which needs them, cannot begin
// before the analysis is done anyway.
func (b *builder) keyDocs() {
	parallel.Each(len(b.docFile), func(d int) {
		if b.docFile[d] != "" {
			b.docKeys[d] = b.docKey(d)
			b.memoKeys[d] = b.quoteMemoKey(d, b.docKeys[d])
		}
	})
}

// docKey covers everything a transcript page shows.
func (b *builder) docKey(d int) string {
	doc := b.in.Study.Documents[d]
	k := newKeyer()
	k.str(b.tplHash, b.themeKey, b.in.Banner, b.in.Study.Config.Title, b.docFile[d], doc.ID, doc.Hash, doc.Kind, doc.Date, doc.Case)
	for p, f := range b.partFile[d] {
		k.str(f)
		k.num(b.partStart[d][p])
	}
	for _, key := range slices.Sorted(maps.Keys(doc.Attributes)) {
		k.str(key, doc.Attributes[key])
	}
	for _, t := range doc.Turns {
		k.str(t.Speaker, t.Time)
		k.num(int(t.Role), t.Start, t.End, boolInt(t.Withheld))
	}
	for _, seg := range doc.Segments {
		k.str(seg.ID) // names the segment's anchor (docAnchors)
		k.num(seg.Turn, seg.Start, seg.End)
	}
	for _, i := range b.docApps[d] {
		a := b.in.Coded.Apps[i]
		k.str(a.Theme, a.Source, a.Memo)
		k.num(a.Start, a.End, boolInt(b.evidence[i]))
	}
	// The participant panel shows other documents' names and people's attributes.
	people, cs, more := b.panel(d)
	k.num(more)
	for _, p := range people {
		k.str(p.ID)
		k.num(p.More)
		for _, a := range p.Attrs {
			k.str(a.Key, a.Value)
		}
		for _, o := range p.Docs {
			k.str(o.ID, o.Href)
		}
	}
	for _, o := range cs {
		k.str(o.ID, o.Href)
	}
	return k.sum()
}

// quoteKey covers everything document d's quotes show on theme pages,
// and nothing else of it: their words, marks, speakers and links. Text
// outside every quote (a closing line appended, say) leaves it, and so
// the theme pages, unchanged. Offsets are from each quote's start, since
// only the quote's own text is shown. One key per document, not per
// quote: a key per quote cost more (0.4 s, 100 MB) than it saved.
// Whatever it reads, docKey or quoteMemoKey must cover too: the last
// build's key is reused while both are unchanged.
func (b *builder) quoteKey(d int) string {
	doc := b.in.Study.Documents[d]
	k := newKeyer()
	k.str(b.tplHash, b.themeKey, doc.ID, b.docFile[d], b.groupAttr, b.noGroup)
	k.num(len(b.attrs), boolInt(len(b.groups) > maxGroups))
	for _, a := range b.attrs {
		k.str(a)
	}
	// Applications by their place among the document's own, so codes
	// added to another document do not change this key.
	apps := b.docApps[d]
	// A document's quotes come theme by theme, and its segments mostly
	// speaker by speaker: the last theme's list and the last speaker's
	// values are looked up once, not per quote and segment.
	var (
		theme   = int32(-1)
		id      string // of theme
		qs      []quote
		speaker string
		values  []string // of speaker's attributes, nil when unlisted
		looked  bool     // whether values are speaker's
	)
	for _, dq := range b.docQuotes[d] {
		if dq.theme != theme {
			theme, id = dq.theme, b.in.Codebook.All[dq.theme].ID
			qs = b.quotes[id]
		}
		q := qs[dq.q]
		segs, qapps := b.segsOf(q), b.appsOf(q)
		base := doc.Segments[segs[0]].Start
		k.str(id, b.groupOf(q), b.groupClass(q))
		k.num(len(segs), len(qapps))
		for _, s := range segs {
			seg := doc.Segments[s]
			t := doc.Turns[seg.Turn]
			k.str(doc.Body[seg.Start:seg.End], b.anchor(d, s), b.segFile(d, s), t.Speaker)
			k.num(seg.Start-base, int(t.Role), boolInt(t.Withheld))
			if !looked || t.Speaker != speaker {
				speaker, values, looked = t.Speaker, nil, true
				if p := b.people[t.Speaker]; p != nil {
					values = make([]string, len(b.attrs))
					for i, a := range b.attrs {
						values[i] = p.Attributes[a]
					}
				}
			}
			if values != nil {
				k.str(values...)
			} else {
				k.num(-1)
			}
		}
		for _, i := range qapps {
			a := b.in.Coded.Apps[i]
			place, _ := slices.BinarySearch(apps, i)
			k.str(a.Theme, a.Source, a.Memo)
			k.num(place, a.Start-base, a.End-base, boolInt(b.evidence[i]))
		}
	}
	return k.sum()
}

// quoteMemoKey covers every input of quoteKey(d) that docKey(d), the
// document's page key, does not: with it the last build's quote key is
// reused, so an edit keys the quotes of the edited document only, and
// only its segments' anchors are worked out. Besides the page key, it is
// the grouping of quotes, the attributes of the document's speakers, and each of its quotes' group and segments, with
// how many applications it joins, in the order its theme pages list them
// (an edit elsewhere can reorder them, which renumbers their fragments).
func (b *builder) quoteMemoKey(d int, pageKey string) string {
	doc := b.in.Study.Documents[d]
	k := newKeyer()
	// The body's text is not hashed again: the page key has the file's
	// name and hash (doc.Hash, of the bytes read), and the body is parsed
	// from those bytes alone, as the transcript page, keyed the same way,
	// already relies on. Hashing it again was 10-30 ms of a dense study's
	// one-edit rebuild (issue 11).
	k.str(pageKey, b.groupAttr, b.noGroup)
	k.num(len(b.attrs), boolInt(len(b.groups) > maxGroups))
	k.str(b.attrs...)
	seen := map[string]bool{}
	for _, t := range doc.Turns {
		if seen[t.Speaker] {
			continue
		}
		seen[t.Speaker] = true
		k.str(t.Speaker)
		if p := b.people[t.Speaker]; p != nil {
			for _, a := range b.attrs {
				k.str(p.Attributes[a])
			}
		} else {
			k.num(-1)
		}
	}
	// A document's quotes come theme by theme: each theme's list is
	// looked up once, not per quote (a map lookup per quote, and a
	// search for each application's place, were two thirds of this key
	// on the dense study).
	theme, qs := int32(-1), []quote(nil)
	for _, dq := range b.docQuotes[d] {
		if dq.theme != theme {
			theme, qs = dq.theme, b.quotes[b.in.Codebook.All[dq.theme].ID]
		}
		q := qs[dq.q]
		segs, qapps := b.segsOf(q), b.appsOf(q)
		// The group's number stands for its class (groupClass, made of
		// it and len(b.groups) > maxGroups, hashed above): making the
		// class's string for every quote was a third of this key.
		k.str(b.groupOf(q))
		k.num(b.groupNum(q), int(dq.theme), len(segs), len(qapps))
		k.num(segs...)
	}
	// Which of the document's applications make each quote (quoteKey's
	// place) needs no hashing: fileQuotes joins only applications of one
	// document, taken in Coded.Apps order (by document and start), so a
	// quote's applications follow from the document's own, in order,
	// with their themes, offsets and evidence, its segments and the
	// codebook's parents, all in pageKey. Other documents can reorder a
	// theme's list, and so docQuotes, but a theme's quotes in one
	// document never share a segment, so their segments, hashed in
	// docQuotes order, say that.
	return k.sum()
}

// page is what the layout template gets.
type page struct {
	Title, Root, Banner, Study string
	Body                       any
}

func (b *builder) exec(name, title, root string, body any) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.execTo(&buf, name, title, root, body); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (b *builder) execTo(w io.Writer, name, title, root string, body any) error {
	p := page{Title: title, Root: root, Banner: b.in.Banner, Study: b.in.Study.Config.Title, Body: body}
	return b.tpl[name].ExecuteTemplate(w, "layout", p)
}

// pageView is what a page's template is given, before it is rendered.
type pageView struct {
	name, title, root string
	body              any
}

// viewPage writes the page view returns, rendering it only when its key
// changed since the last build: the templates, and every value the
// template can read as JSON (exported fields, all a template reaches; the
// views have no methods). Encoding a page's data costs a fraction of
// rendering it, and a one-transcript edit leaves these pages as they were.
func (b *builder) viewPage(view func() (pageView, error)) func(string) (outcome, error) {
	return func(dst string) (outcome, error) {
		v, err := view()
		if err != nil {
			return wrote, err
		}
		p := page{Title: v.title, Root: v.root, Banner: b.in.Banner, Study: b.in.Study.Config.Title, Body: v.body}
		k := newKeyer()
		for _, name := range []string{"assets/layout.html", "assets/" + v.name + ".html"} {
			data, err := assets.ReadFile(name)
			if err != nil {
				return wrote, fmt.Errorf("site: %w", err)
			}
			k.str(string(data))
		}
		if err := json.NewEncoder(&k.k).Encode(p); err != nil {
			return wrote, fmt.Errorf("site: keying %s: %w", dst, err)
		}
		key := k.sum()
		if b.out.keep(dst, key) {
			return wrote, nil
		}
		var buf bytes.Buffer
		if err := b.execTo(&buf, v.name, v.title, v.root, v.body); err != nil {
			return wrote, err
		}
		return wrote, b.out.put(dst, key, buf.Bytes())
	}
}
