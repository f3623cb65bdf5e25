package site

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/site/search"
)

// searchView is what search.html gets: the filters' choices.
type searchView struct {
	Themes []searchTheme
	Groups []searchGroup
}

type searchTheme struct {
	ID, Name, Indent string
}

type searchGroup struct {
	Param, Name string // Param is the URL parameter: g0, g1…
	Values      []string
}

// searchInput lists the segments the search covers: the table's rows — so
// withheld words are never in it — less the facilitators' own words, which
// `insight query search` leaves out by default too. A segment's themes are
// the table's codes, as `insight query search --theme` counts them.
func (b *builder) searchInput() search.Input {
	t := b.in.Table
	var in search.Input
	for _, th := range b.in.Codebook.All {
		r := b.themeRef[th.ID]
		in.Themes = append(in.Themes, search.Theme{ID: th.ID, Name: r.Name, Href: r.Href, Depth: th.Depth})
	}
	var cols []int // per group: its column in the table
	for _, name := range b.attrs {
		if a := slices.Index(t.Attrs, name); a >= 0 {
			cols = append(cols, a)
			in.Groups = append(in.Groups, search.Group{Name: name, Values: t.Values[a]})
		}
	}
	docIdx := make([]int, len(b.in.Study.Documents))
	for d, name := range b.docFile {
		docIdx[d] = -1
		if name != "" {
			docIdx[d] = len(in.Docs)
			in.Docs = append(in.Docs, search.Doc{ID: b.in.Study.Documents[d].ID, Href: "transcripts/" + name + ".html"})
		}
	}
	// Sized once, and per-segment lists kept in two flat slices: for one
	// huge transcript these are most of the build's memory otherwise.
	in.Segments = make([]search.Segment, 0, t.Rows())
	in.GroupVals = make([]int32, 0, t.Rows()*len(cols))
	r := 0
	for d, doc := range b.in.Study.Documents {
		if doc.Withheld {
			continue
		}
		for s, seg := range doc.Segments {
			turn := doc.Turns[seg.Turn]
			if turn.Withheld {
				continue
			}
			row := r
			r++
			if t.RowFacilitator[row] || !visible(doc, seg) || docIdx[d] < 0 {
				continue
			}
			sg := search.Segment{Doc: int32(docIdx[d]), Line: int32(doc.Line(seg.Start)), Speaker: turn.Speaker, Anchor: b.anchor(d, s),
				Text: doc.Body[seg.Start:seg.End]}
			if turn.Role == corpus.RoleObserver {
				sg.Speaker = "Observer"
			}
			for _, a := range cols {
				in.GroupVals = append(in.GroupVals, int32(t.RowAttr[row*len(t.Attrs)+a]))
			}
			sg.Themes, sg.Filter = b.segmentThemes(&in, row)
			in.Segments = append(in.Segments, sg)
		}
	}
	return in
}

// segmentThemes appends to in.Refs the themes of a table row: those
// applied (sorted), then those it counts for, its ancestors included.
func (b *builder) segmentThemes(in *search.Input, row int) (applied, filter search.Span) {
	t := b.in.Table
	lo := int32(len(in.Refs))
	for c := t.RowCodeStart[row]; c < t.RowCodeStart[row+1]; c++ {
		if !t.Evidence(int(c)) {
			continue // a rule suggestion: not what counts and filters show
		}
		if th := int32(t.CodeTheme[c]); !slices.Contains(in.Refs[lo:], th) {
			in.Refs = append(in.Refs, th)
		}
	}
	slices.Sort(in.Refs[lo:])
	mid := int32(len(in.Refs))
	for _, th := range in.Refs[lo:mid] {
		for _, anc := range t.Ancestors[th] {
			if !slices.Contains(in.Refs[mid:], int32(anc)) {
				in.Refs = append(in.Refs, int32(anc))
			}
		}
	}
	return search.Span{Lo: lo, Hi: mid}, search.Span{Lo: mid, Hi: int32(len(in.Refs))}
}

// searchJobs analyses the text for search and lists the search page, its
// script and the index files.
func (b *builder) searchJobs(ctx context.Context) ([]job, error) {
	if b.in.Table == nil || b.in.Table.Rows() != b.tableRows() {
		return nil, fmt.Errorf("site: search: the counts table does not describe this study")
	}
	// The input names every visible segment's anchor: they are worked
	// out per document, so on every core first.
	b.nameAnchors()
	in := b.searchInput()
	ix, err := search.Build(ctx, in, b.searchCache, b.memo.searchMemo())
	if err != nil {
		return nil, err
	}
	b.searchCache.index = ix
	v := searchView{}
	for _, th := range b.in.Codebook.All {
		indent := ""
		for range th.Depth {
			indent += "\u00a0\u00a0"
		}
		v.Themes = append(v.Themes, searchTheme{ID: th.ID, Name: b.themeRef[th.ID].Name, Indent: indent})
	}
	for g, gr := range in.Groups {
		v.Groups = append(v.Groups, searchGroup{Param: fmt.Sprintf("g%d", g), Name: gr.Name, Values: gr.Values[1:]})
	}
	js := []job{
		{path: "search.html", run: func(dst string) (outcome, error) {
			data, err := b.exec("search", "Search", "", v)
			if err != nil {
				return wrote, err
			}
			return b.writeFile(dst, data)
		}},
		{path: "search/search.js", run: func(dst string) (outcome, error) { return b.writeFile(dst, search.Script) }},
	}
	for _, f := range ix.Files() {
		js = append(js, job{path: "search/" + f.Name, run: func(dst string) (outcome, error) {
			// A file the last build wrote under the same key is left
			// unread: on an edit, nearly all of them.
			key := ""
			if f.Key != "" {
				key = "search " + f.Key
				if b.out.keep(dst, key) {
					return wrote, nil
				}
			}
			data, err := f.Data()
			if err != nil {
				return wrote, err
			}
			return wrote, b.out.put(dst, key, data)
		}})
	}
	return js, nil
}

// searchCache keeps the search's analyses and files in one pack in the
// site cache folder (see internal/packcache): a cold build stores some
// three thousand entries, and a file each cost more than their bytes. The
// pack written after a build holds only what that build used, so entries
// holding a withdrawn participant's words do not outlive the next build.
type searchCache struct {
	pack  *packcache.Cache
	index *search.Index // its manifest is saved with the pack
}

// searchPack is the pack's file name in the cache folder.
const searchPack = "search.pack"

func newSearchCache(dir string) *searchCache {
	if dir == "" {
		return &searchCache{pack: packcache.Open("")}
	}
	return &searchCache{pack: packcache.Open(filepath.Join(dir, searchPack))}
}

func (c *searchCache) Get(name string) ([]byte, bool) { return c.pack.Get(name) }

func (c *searchCache) Keep(name string) bool { return c.pack.Keep(name) }

// Peek reads an entry without keeping it: the search reads the last
// build's entries of an edited transcript only to see what changed, and
// they must go with this build (a withdrawn participant's words too).
func (c *searchCache) Peek(name string) ([]byte, bool) { return c.pack.Peek(name) }

func (c *searchCache) Put(name string, data []byte) error {
	if err := c.pack.Put(name, data); err != nil {
		return fmt.Errorf("search cache: %w", err)
	}
	return nil
}

// save writes the pack for the next build, with the index's manifest
// (its files are written by now); abort keeps the last pack.
func (c *searchCache) save() error {
	if c.index != nil {
		if err := c.index.Save(); err != nil {
			c.pack.Abort()
			return fmt.Errorf("site: search cache: %w", err)
		}
	}
	if err := c.pack.Close(); err != nil {
		return fmt.Errorf("site: search cache: %w", err)
	}
	return nil
}

func (c *searchCache) abort() { c.pack.Abort() }

// tableRows counts the segments the table should have a row for.
func (b *builder) tableRows() int {
	n := 0
	for _, doc := range b.in.Study.Documents {
		if doc.Withheld {
			continue
		}
		for _, seg := range doc.Segments {
			if !doc.Turns[seg.Turn].Withheld {
				n++
			}
		}
	}
	return n
}
