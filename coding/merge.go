package coding

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/internal/parallel"
	"github.com/residentinsight/insight/themes"
)

// Options choose what Merge applies.
type Options struct {
	// Auto applies the codebook's keyword and pattern rules (source "auto").
	Auto bool
	// CacheDir, when non-empty, keeps each document's rule matches keyed
	// by its text and the rules, so a rebuild runs the rules over changed
	// documents only.
	CacheDir string
	// Memo, when set, keeps each document's share of the result in memory
	// between merges (a watch's rebuilds), so a merge after one edit
	// anchors, matches, sorts and indexes that document only.
	Memo *Memo
}

// Memo keeps, per document, what Merge derived from it, keyed by
// everything that share depends on (its file, its withheld turns, its
// records, the codebook). Each merge keeps only the entries it used, so
// nothing of a withdrawn participant's document outlives the next merge.
// A Memo is for one merge at a time. A watch's memo is in memory (NewMemo);
// a build's is on disk (OpenMemo).
type Memo struct {
	parts   map[cachekey.Sum]*docPart
	pack    *packcache.Cache // OpenMemo's; nil for a watch's
	program string
	loaded  atomic.Int64 // parts decoded from pack, for tests
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{parts: map[cachekey.Sum]*docPart{}} }

// docPart is one document's share of a Coded: its applications sorted,
// and what its records left (by their place among the document's records).
type docPart struct {
	apps     []Application
	withheld int
	orphans  []int // indexes into the document's records
	moved    []Moved
	movedRec []int           // the record of each moved
	probs    diag.List       // on its inline codes
	recProbs []placedProblem // on its records, by place among them
	segApps  [][]int         // SegmentApps of the document, for apps starting at base
	base     int
	// packed, for a part read from a memo on disk, holds its
	// applications still encoded (apps is nil): assemble decodes them
	// straight into their place in Coded.Apps.
	packed *packedApps
}

// appCount is how many applications the part has.
func (p *docPart) appCount() int {
	if p.packed != nil {
		return p.packed.n
	}
	return len(p.apps)
}

// placedProblem is a problem with a record and the record's place.
type placedProblem struct {
	rec int
	p   diag.Problem
}

func placed(rec int, f func(*diag.List)) placedProblem {
	var l diag.List
	f(&l)
	return placedProblem{rec, l[0]}
}

// mergeVersion is part of every memo key: bump it when merging changes.
const mergeVersion = "merge-2"

// Merge combines inline codes, standoff records and (optionally) the
// codebook's rules into one Coded set. Problems name the file and line of the
// coding: an unknown theme or document is an error, an orphaned quote a
// warning; none of them is ever removed from its file.
//
// Each document's applications depend on that document, its records and
// the codebook alone, so they are worked out per document (and, with a
// Memo, only for documents whose inputs changed) and put together in
// document order.
func Merge(ctx context.Context, st *corpus.Study, cb *themes.Codebook, recs []Record, opt Options) (*Coded, diag.List) {
	var probs diag.List
	docs := st.Documents
	byID := make(map[string]int, len(docs))
	for i, d := range docs {
		byID[d.ID] = i
	}
	coders := map[string]bool{}
	docRecs := make([][]int, len(docs)) // per document, indexes into recs
	var recProbs []placedProblem
	for i, r := range recs {
		coders[r.Coder] = true
		di, ok := byID[r.Doc]
		if !ok {
			recProbs = append(recProbs, placed(i, func(l *diag.List) {
				l.Errorf(r.File, r.Line, "no transcript has id %q; fix the doc field (document ids are the front matter id or the file name)", r.Doc)
			}))
			continue
		}
		docRecs[di] = append(docRecs[di], i)
	}
	c := &Coded{}
	for name := range coders {
		c.Coders = append(c.Coders, name)
	}
	sort.Strings(c.Coders)

	parts, keys, todo := remembered(st, cb, recs, docRecs, opt)
	auto := make([][]Application, len(docs))
	if opt.Auto && len(todo) > 0 {
		if err := ctx.Err(); err != nil {
			probs.Errorf("", 0, "%v", err)
			return c, probs
		}
		if opt.Memo != nil && len(todo)*4 < len(docs) {
			newRuleSet(cb).code(st, todo, auto)
		} else { // the whole study, from its cache on disk where it can
			var saved func()
			auto, _, saved = autoCodeDocs(st, cb, opt.CacheDir)
			defer saved()
		}
	}
	memo := opt.Memo
	// A merge of every document that keeps no part works each part out
	// in its place in the study's array, which assemble then closes up:
	// parts copied into an array of their own held a dense study's
	// applications twice, some 100 MB at the build's peak (issue 11).
	var arena *appArena
	if len(todo) == len(docs) && (memo == nil || memo.pack != nil) {
		arena = newAppArena(st, recs, docRecs, auto)
	}
	mergeDocs(st, cb, todo, recs, docRecs, auto, parts, arena)
	switch {
	case memo != nil && memo.pack != nil:
		parallel.Each(len(todo), func(i int) { memo.store(keys[todo[i]], parts[todo[i]]) })
	case memo != nil:
		kept := make(map[cachekey.Sum]*docPart, len(docs))
		for di, p := range parts {
			kept[keys[di]] = p
		}
		memo.parts = kept
	}
	// Parts only a watch's memo holds on to are let go once copied.
	c.assemble(st, parts, recs, docRecs, memo == nil || memo.pack != nil, arena)
	// Problems as a merge of the whole study meets them: inline codes in
	// document order, then the records in the order they were read.
	for di, p := range parts {
		probs.Add(p.probs...)
		for _, rp := range p.recProbs {
			recProbs = append(recProbs, placedProblem{docRecs[di][rp.rec], rp.p})
		}
	}
	slices.SortStableFunc(recProbs, func(a, b placedProblem) int { return cmp.Compare(a.rec, b.rec) })
	for _, rp := range recProbs {
		probs.Add(rp.p)
	}
	return c, probs
}

// remembered returns the parts the memo holds for the documents (nil for
// the others), every document's key (none without a memo), and the
// documents whose parts are still to be worked out.
func remembered(st *corpus.Study, cb *themes.Codebook, recs []Record, docRecs [][]int, opt Options) ([]*docPart, []cachekey.Sum, []int) {
	docs := st.Documents
	parts := make([]*docPart, len(docs))
	var keys []cachekey.Sum
	if m := opt.Memo; m != nil {
		keys = make([]cachekey.Sum, len(docs))
		cbKey := codebookKey(cb, opt.Auto)
		parallel.Each(len(docs), func(di int) {
			keys[di] = partKey(cbKey, docs[di], recs, docRecs[di])
			if m.pack != nil {
				parts[di] = m.load(keys[di], docs[di], recs, docRecs[di])
			} else {
				parts[di] = m.parts[keys[di]] // only read while merging
			}
		})
	}
	var todo []int
	for di, p := range parts {
		if p == nil {
			todo = append(todo, di)
		}
	}
	return parts, keys, todo
}

// assemble puts the documents' parts together in document order, each
// in its place on every core. Without a memo to keep them, each part's
// applications are let go once copied, so the study's are not held twice.
func (c *Coded) assemble(st *corpus.Study, parts []*docPart, recs []Record, docRecs [][]int, release bool, arena *appArena) {
	bases := make([]int, len(parts))
	n := 0
	for di, p := range parts {
		bases[di] = n
		n += p.appCount()
	}
	c.SegmentApps = make([][][]int, len(parts))
	if arena != nil {
		c.Apps = arena.close(parts)
		parallel.Each(len(parts), func(di int) {
			p := parts[di]
			c.SegmentApps[di] = rebase(p.segApps, bases[di]-p.base, true)
			p.base = bases[di]
		})
	} else {
		c.Apps = make([]Application, n)
		parallel.Each(len(parts), func(di int) { c.place(st, di, parts[di], bases[di], release) })
	}
	type placed struct{ rec, i int }
	var orphans, moved []placed
	for di, p := range parts {
		c.Withheld += p.withheld
		for _, o := range p.orphans {
			orphans = append(orphans, placed{docRecs[di][o], -1})
		}
		for i, m := range p.movedRec {
			moved = append(moved, placed{docRecs[di][m], len(c.Moved)})
			c.Moved = append(c.Moved, p.moved[i])
		}
	}
	// Orphans and moved codings in the order of the coders' files, as
	// they were read.
	slices.SortFunc(orphans, func(a, b placed) int { return cmp.Compare(a.rec, b.rec) })
	for _, o := range orphans {
		r := recs[o.rec]
		r.Quote = strings.Clone(r.Quote) // not a part of the coders' file text, which can then go
		c.Orphans = append(c.Orphans, r)
	}
	if len(moved) > 0 {
		slices.SortFunc(moved, func(a, b placed) int { return cmp.Compare(a.rec, b.rec) })
		inOrder := make([]Moved, len(moved))
		for i, m := range moved {
			inOrder[i] = c.Moved[m.i]
			inOrder[i].Quote = strings.Clone(inOrder[i].Quote)
		}
		c.Moved = inOrder
	}
}

// place puts document di's applications at base in c.Apps and its
// segment index in c.SegmentApps.
func (c *Coded) place(st *corpus.Study, di int, p *docPart, base int, release bool) {
	apps := c.Apps[base : base+p.appCount()]
	if p.packed != nil {
		p.packed.decode(apps, di)
		p.packed = nil
		c.SegmentApps[di] = indexSegments(st.Documents[di].Segments, apps, base)
		return
	}
	copy(apps, p.apps)
	if release {
		p.apps = nil
	}
	for i := range apps {
		apps[i].Doc = di // a document added before this one moves it
	}
	if p.base != base { // the applications before it changed in number
		p.segApps = rebase(p.segApps, base-p.base, release)
		p.base = base
	}
	c.SegmentApps[di] = p.segApps
}

// rebase returns segApps with every index moved by delta, as new slices
// unless inPlace: a memo's may still be read by the merge that made them.
func rebase(segApps [][]int, delta int, inPlace bool) [][]int {
	if inPlace {
		for _, ais := range segApps {
			for i := range ais {
				ais[i] += delta
			}
		}
		return segApps
	}
	out := make([][]int, len(segApps))
	for s, ais := range segApps {
		if len(ais) == 0 {
			continue
		}
		out[s] = make([]int, len(ais))
		for i, ai := range ais {
			out[s][i] = ai + delta
		}
	}
	return out
}

// mergeDocs works out the parts of the documents in todo, on every core:
// each depends on its document alone.
// Without an arena each part's applications get an array of their own.
func mergeDocs(st *corpus.Study, cb *themes.Codebook, todo []int, recs []Record, docRecs [][]int, auto [][]Application, parts []*docPart, arena *appArena) {
	parallel.Each(len(todo), func(i int) {
		di := todo[i]
		var room []Application
		if arena != nil {
			room = arena.room(di)
		}
		parts[di] = mergeDoc(st, cb, di, recs, docRecs[di], auto[di], room)
	})
}

// appArena is one array with room for every document's applications, at
// most appBound of them each, in document order.
type appArena struct {
	all   []Application
	start []int // per document, where its room starts; then the end
}

func newAppArena(st *corpus.Study, recs []Record, docRecs [][]int, auto [][]Application) *appArena {
	a := &appArena{start: make([]int, len(st.Documents)+1)}
	for di, d := range st.Documents {
		a.start[di+1] = a.start[di] + appBound(d, docRecs[di], auto[di])
	}
	a.all = make([]Application, a.start[len(st.Documents)])
	return a
}

// room is document di's room, empty.
func (a *appArena) room(di int) []Application {
	return a.all[a.start[di]:a.start[di]:a.start[di+1]]
}

// close moves each part's applications, which are in its room, down
// to follow the part before's, in document order (a part never moves
// past the start of its room, so none is overwritten before it moves),
// and returns them all. Room left over, by withheld, orphaned or
// unknown codings, is let go when it is more than an eighth.
func (a *appArena) close(parts []*docPart) []Application {
	n := 0
	for di, p := range parts {
		apps := a.all[n : n+copy(a.all[n:], p.apps)]
		for i := range apps {
			apps[i].Doc = di
		}
		n += len(apps)
		p.apps = nil
	}
	all := a.all[:n:n]
	if len(a.all)-n > n/8 {
		all = slices.Clone(all)
	}
	a.all = nil
	return all
}

// appBound is the most applications mergeDoc can make of document d:
// one per theme of each inline code, per record and per rule match.
func appBound(d *corpus.Document, mine []int, auto []Application) int {
	n := len(mine) + len(auto)
	for _, ic := range d.Codes {
		n += len(ic.Themes)
	}
	return n
}

// mergeDoc works out document di's share: its inline codes, its records
// (mine lists their indexes in recs, in order) and its rule matches, less
// whatever touches withheld words, sorted and indexed by segment.
func mergeDoc(st *corpus.Study, cb *themes.Codebook, di int, recs []Record, mine []int, auto []Application, room []Application) *docPart {
	d := st.Documents[di]
	p := &docPart{}
	var held []corpus.Turn
	for _, t := range d.Turns {
		if t.Withheld {
			held = append(held, t)
		}
	}
	add := func(a Application) {
		if d.Withheld {
			p.withheld++
			return
		}
		for _, t := range held {
			if t.Start < a.End && a.Start < t.End {
				p.withheld++
				return
			}
		}
		p.apps = append(p.apps, a)
	}
	if p.apps = room; room == nil { // its room in an arena, else its own
		p.apps = make([]Application, 0, appBound(d, mine, auto))
	}
	for _, ic := range d.Codes {
		for _, th := range ic.Themes {
			if cb.Lookup(th) == nil {
				p.probs.Errorf(d.Path, ic.Line, "unknown theme %q in an inline code%s", th, suggestion(cb, th))
				continue
			}
			add(Application{Theme: th, Doc: di, Start: ic.Start, End: ic.End, Source: SourceInline, File: d.Path, Line: ic.Line})
		}
	}
	for k, ri := range mine {
		r := recs[ri]
		if cb.Lookup(r.Theme) == nil {
			p.recProbs = append(p.recProbs, placed(k, func(l *diag.List) {
				l.Errorf(r.File, r.Line, "unknown theme %q%s", r.Theme, suggestion(cb, r.Theme))
			}))
			continue
		}
		if d.Withheld { // never describe, even as an orphan, a withdrawn participant's words
			p.withheld++
			continue
		}
		start, end, found := Anchor(d, r)
		if !found {
			p.recProbs = append(p.recProbs, placed(k, func(l *diag.List) {
				l.Warnf(r.File, r.Line, "orphaned: the quote is no longer in %s; the coding is kept in the file — re-code it or delete the line", d.Path)
			}))
			p.orphans = append(p.orphans, k)
			continue
		}
		if d.RuneOffset(start) != r.Start {
			p.moved = append(p.moved, Moved{Record: r, NewStart: d.RuneOffset(start), NewEnd: d.RuneOffset(end)})
			p.movedRec = append(p.movedRec, k)
		}
		add(Application{Theme: r.Theme, Doc: di, Start: start, End: end, Source: r.Coder, Memo: r.Memo, File: r.File, Line: r.Line})
	}
	coded := len(p.apps)
	for _, a := range auto {
		add(a)
	}
	sortApps(p.apps, coded)
	p.segApps = indexSegments(d.Segments, p.apps, 0)
	return p
}

// indexSegments lists per segment the indexes of the apps that overlap
// it, each plus offset (where apps start in Coded.Apps). The lists are cut, each full to its capacity, from one array
// counted first: a slice grown per segment held a dense study's some
// 650,000 lists with room to spare for the whole build (issue 11: memory).
func indexSegments(segs []corpus.Segment, apps []Application, offset int) [][]int {
	first := make([]int, len(apps)) // per app: the first segment it overlaps
	count := make([]int, len(segs))
	total := 0
	s, last := 0, 0
	for ai, a := range apps {
		// Segments are sorted and disjoint: the first that ends after
		// the span starts. The apps come sorted by start, so it is
		// looked for onwards from the last app's (a binary search per
		// app was a third of indexing a dense study's parts); for an
		// app out of order it is searched for.
		if a.Start < last {
			s = sort.Search(len(segs), func(i int) bool { return segs[i].End > a.Start })
		}
		last = a.Start
		for s < len(segs) && segs[s].End <= a.Start {
			s++
		}
		first[ai] = s
		for t := s; t < len(segs) && segs[t].Start < a.End; t++ {
			count[t]++
			total++
		}
	}
	flat := make([]int, total)
	out := make([][]int, len(segs))
	at := 0
	for s, n := range count {
		if n > 0 {
			out[s] = flat[at : at : at+n]
			at += n
		}
	}
	for ai, a := range apps {
		for s := first[ai]; s < len(segs) && segs[s].Start < a.End; s++ {
			out[s] = append(out[s], offset+ai)
		}
	}
	return out
}

// sortApps sorts apps by compareApps. Every field takes part in it, so
// the order is total and any sort gives the same. The rule matches after
// the first coded come mostly sorted and are most of them: the people's
// codes before them are sorted on their own and merged in, which was a
// third of merging a document where sorting them all was.
func sortApps(apps []Application, coded int) {
	head, tail := apps[:coded], apps[coded:]
	slices.SortFunc(head, compareApps)
	if !slices.IsSortedFunc(tail, compareApps) {
		slices.SortFunc(tail, compareApps)
	}
	if len(head) == 0 || len(tail) == 0 || compareApps(head[len(head)-1], tail[0]) <= 0 {
		return
	}
	if len(tail) < len(head) {
		mergeBackwards(apps, coded)
		return
	}
	// Merged forwards into apps from a copy of head: the next place
	// written is never past the next of tail to be read.
	h := slices.Clone(head)
	i, j, w := 0, coded, 0
	for i < len(h) && j < len(apps) {
		if compareApps(apps[j], h[i]) < 0 {
			apps[w] = apps[j]
			j++
		} else {
			apps[w] = h[i]
			i++
		}
		w++
	}
	copy(apps[w:], h[i:]) // what is left of tail is in place already
}

// mergeBackwards merges apps's sorted head (its first coded) and sorted
// tail from the end, from a copy of tail: on a densely coded study the
// people's codes are most of a document's, and copying them was a tenth
// of a cold build's allocation (issue 11). The next place written is
// never before the next of head to be read.
func mergeBackwards(apps []Application, coded int) {
	t := slices.Clone(apps[coded:])
	i, j, w := coded-1, len(t)-1, len(apps)-1
	for i >= 0 && j >= 0 {
		if compareApps(t[j], apps[i]) < 0 {
			apps[w] = apps[i]
			i--
		} else {
			apps[w] = t[j]
			j--
		}
		w--
	}
	copy(apps[:j+1], t[:j+1]) // what is left of head is in place already
}

// codebookKey covers what a document's share takes from the codebook:
// its file's name, every theme's id and name (known themes, suggestions)
// and, with auto, every rule.
func codebookKey(cb *themes.Codebook, auto bool) string {
	k := cachekey.New(mergeVersion, cb.File)
	for _, t := range cb.All {
		k.Str(t.ID, t.Name)
	}
	if auto {
		k.Str(rulesKey(cb))
	}
	return k.Hex()
}

// partKey covers everything mergeDoc reads: the codebook (cbKey), the
// document's file and place, which of its turns are withheld, its
// segments, and its records in order. It is hashed as it goes: a buffer
// of a densely coded document's records was 250 MB of every merge's
// allocations.
func partKey(cbKey string, d *corpus.Document, recs []Record, mine []int) cachekey.Sum {
	k := cachekey.New(cbKey, d.Path, d.ID, d.Hash)
	k.Num(len(d.Body), boolInt(d.Withheld), len(d.Turns), len(d.Segments), len(mine))
	for _, t := range d.Turns {
		k.Num(t.Start, t.End, boolInt(t.Withheld))
	}
	for _, s := range d.Segments {
		k.Num(s.Start, s.End)
	}
	for _, ri := range mine {
		r := recs[ri]
		k.Str(r.Doc, r.Theme, r.Quote, r.Memo, r.Coder, r.File)
		k.Num(r.Start, r.End, r.Line)
	}
	return k.Sum()
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func compareApps(a, b Application) int {
	switch {
	case a.Doc != b.Doc:
		return cmp.Compare(a.Doc, b.Doc)
	case a.Start != b.Start:
		return cmp.Compare(a.Start, b.Start)
	case a.End != b.End:
		return cmp.Compare(a.End, b.End)
	case a.Theme != b.Theme:
		return strings.Compare(a.Theme, b.Theme)
	case a.Source != b.Source:
		return strings.Compare(a.Source, b.Source)
	case a.File != b.File:
		return strings.Compare(a.File, b.File)
	case a.Line != b.Line:
		return cmp.Compare(a.Line, b.Line)
	}
	return strings.Compare(a.Memo, b.Memo)
}

func suggestion(cb *themes.Codebook, id string) string {
	if s := cb.Suggest(id); s != "" {
		return fmt.Sprintf("; did you mean %q? (themes are listed in %s)", s, cb.File)
	}
	return fmt.Sprintf("; add it to %s or fix the spelling", cb.File)
}
