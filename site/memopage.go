package site

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/residentinsight/insight/internal/parallel"
)

// memosPer bounds the memos on one page: a dense study's 66,000 memos on
// one page made 19 MB that no browser opened usefully. A memo, with its
// quote, weighs about five listed quotes, so it is a fifth of a theme
// page's list (1,000; tests set the list smaller).
func (b *builder) memosPer() int { return max(1, b.listPer/5) }

// memoView is one memo: the words it annotates, where they are, and the note.
type memoView struct {
	Who       string
	Doc, Href string
	Quote     string
	Memo      string
}

// memoTheme is one theme's memos, in transcript order, with their pages.
type memoTheme struct {
	Theme     themeRef // Href is its theme page's, "" when the codebook lacks it
	Href      string   // its first memo page
	N         int
	Coders    []memoCount
	Pages     []pageLink // every page, Href relative to the site root
	memos     []memoView
	pageNames []string
}

type memoCount struct {
	Who string
	N   int
}

// addCount adds n to who's count in cs, appending who if cs lacks them.
func addCount(cs []memoCount, who string, n int) []memoCount {
	if k := slices.IndexFunc(cs, func(c memoCount) bool { return c.Who == who }); k >= 0 {
		cs[k].N += n
		return cs
	}
	return append(cs, memoCount{who, n})
}

// memoIndexView is memos.html: every theme that has memos, with counts.
type memoIndexView struct {
	Total  int
	Coders []memoCount
	Themes []*memoTheme
}

// memoPageView is one page of one theme's memos.
type memoPageView struct {
	Theme            *memoTheme
	Groups           []memoGroup // its memos, by coder
	Page, Pages      int
	First, Last      int
	Prev, Next       string
	Pager            []pageLink // Href "" for this page
	Index, ThemeHref string
}

// memoGroup is one coder's memos on a memo page: their name heads them
// once, where it was on every memo; Cont says the page before has some.
type memoGroup struct {
	Who   string
	Cont  bool
	Memos []memoView
}

// memoBody is the memos template's data: the index or a page.
type memoBody struct {
	Index *memoIndexView
	Page  *memoPageView
}

// memoThemes gathers every shown memo by theme, the codebook's themes
// first in its order, then any theme it lacks, each theme's by coder and
// then in transcript order, and names their pages.
// A memo on words nobody may see is not shown.
func (b *builder) memoThemes() []*memoTheme {
	// A memo's link names its anchor: those of the documents with memos
	// are worked out on every core first.
	memoed := make([]bool, len(b.docFile))
	for i, a := range b.in.Coded.Apps {
		if a.Memo != "" && len(b.segsOfApp(i)) > 0 && b.docFile[a.Doc] != "" { // segments first: a shown app's Doc is in range
			memoed[a.Doc] = true
		}
	}
	parallel.Each(len(memoed), func(d int) {
		if memoed[d] {
			b.anchors[d]()
		}
	})
	byID := map[string]*memoTheme{}
	var extra []string
	for i, a := range b.in.Coded.Apps {
		segs := b.segsOfApp(i)
		if a.Memo == "" || len(segs) == 0 || b.docFile[a.Doc] == "" {
			continue
		}
		mt := byID[a.Theme]
		if mt == nil {
			r, ok := b.themeRef[a.Theme]
			if !ok {
				r = themeRef{ID: a.Theme, Name: a.Theme}
				extra = append(extra, a.Theme)
			}
			mt = &memoTheme{Theme: r}
			byID[a.Theme] = mt
		}
		doc := b.in.Study.Documents[a.Doc]
		mt.memos = append(mt.memos, memoView{
			Who: a.Source, Doc: doc.ID,
			Href:  "transcripts/" + b.docFile[a.Doc] + ".html#" + b.anchor(a.Doc, segs[0]),
			Quote: excerpt(doc.Body[a.Start:a.End], 200), Memo: a.Memo,
		})
		mt.Coders = addCount(mt.Coders, a.Source, 1)
	}
	var out []*memoTheme
	for _, t := range b.in.Codebook.All {
		if mt := byID[t.ID]; mt != nil {
			out = append(out, mt)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		out = append(out, byID[id])
	}
	// Page names: "memos-" keeps them apart from the site's other root
	// pages; every first page is named before any second.
	n := newNames()
	for _, mt := range out {
		mt.N = len(mt.memos)
		slices.SortStableFunc(mt.memos, func(x, y memoView) int { return cmp.Compare(x.Who, y.Who) })
		slices.SortStableFunc(mt.Coders, func(x, y memoCount) int { return cmp.Compare(x.Who, y.Who) })
		mt.pageNames = []string{n.take("memos-" + mt.Theme.ID)}
	}
	for _, mt := range out {
		for p := 2; p <= (mt.N+b.memosPer()-1)/b.memosPer(); p++ {
			mt.pageNames = append(mt.pageNames, n.take("memos-"+mt.Theme.ID+"-"+strconv.Itoa(p)))
		}
		mt.Href = mt.pageNames[0] + ".html"
		for p, name := range mt.pageNames {
			mt.Pages = append(mt.Pages, pageLink{N: p + 1, Href: name + ".html"})
		}
	}
	return out
}

// memoJobs lists memos.html, the index, and each theme's memo pages.
func (b *builder) memoJobs() []job {
	themes := b.memoThemes()
	idx := &memoIndexView{Themes: themes}
	for _, mt := range themes {
		idx.Total += mt.N
		for _, c := range mt.Coders {
			idx.Coders = addCount(idx.Coders, c.Who, c.N)
		}
	}
	slices.SortStableFunc(idx.Coders, func(x, y memoCount) int { return cmp.Compare(x.Who, y.Who) })
	js := []job{{path: "memos.html", run: b.viewPage(func() (pageView, error) {
		return pageView{"memos", "Coders' memos", "", memoBody{Index: idx}}, nil
	})}}
	for _, mt := range themes {
		for p, name := range mt.pageNames {
			js = append(js, job{path: name + ".html", run: b.viewPage(func() (pageView, error) {
				return b.memoPage(mt, p), nil
			})})
		}
	}
	return js
}

// memoPage is page p of a theme's memos.
func (b *builder) memoPage(mt *memoTheme, p int) pageView {
	per := b.memosPer()
	first, last := p*per, min((p+1)*per, mt.N)
	v := &memoPageView{Theme: mt, Page: p + 1, Pages: len(mt.pageNames),
		First: first + 1, Last: last, Index: "memos.html", ThemeHref: mt.Theme.Href}
	for i := first; i < last; i++ {
		m := mt.memos[i]
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Who != m.Who {
			v.Groups = append(v.Groups, memoGroup{Who: m.Who, Cont: i > 0 && mt.memos[i-1].Who == m.Who})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Memos = append(g.Memos, m)
	}
	if p > 0 {
		v.Prev = mt.Pages[p-1].Href
	}
	if p+1 < len(mt.Pages) {
		v.Next = mt.Pages[p+1].Href
	}
	if v.Pages > 1 {
		v.Pager = slices.Clone(mt.Pages)
		v.Pager[p].Href = ""
	}
	title := "Coders' memos: " + mt.Theme.Name
	if v.Pages > 1 {
		title += " (page " + strconv.Itoa(v.Page) + " of " + strconv.Itoa(v.Pages) + ")"
	}
	return pageView{"memos", title, "", memoBody{Page: v}}
}
