package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/parallel"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site/svg"
)

// base holds the denominators every count on the site is read against, all
// from query (Total), and what the site says about who is not in them.
type base struct {
	People, Docs, Cases int // participants who speak, transcripts, cases: query.Total
	Listed              int // consenting participants in participants.csv
	Silent              int // of them, never heard in a shown turn
	WithheldSegs        int // segments withheld for withdrawn consent
	WithheldDocs        int // whole documents withheld
}

// countTotals takes the bases the table counts.
func (b *builder) countTotals() error {
	var err error
	f := query.Filter{}
	if b.base.People, err = b.cnt.Total(f, query.Participants); err != nil {
		return err
	}
	if b.base.Docs, err = b.cnt.Total(f, query.Documents); err != nil {
		return err
	}
	b.base.Cases, err = b.cnt.Total(f, query.Cases)
	return err
}

// countPeople takes the bases of participants.csv and consent, once the
// speakers are indexed.
func (b *builder) countPeople() {
	b.base.Listed = len(b.people)
	for id := range b.people {
		if len(b.speaks[id]) == 0 {
			b.base.Silent++
		}
	}
	b.base.WithheldSegs = b.in.Study.Withheld
	for _, d := range b.in.Study.Documents {
		if d.Withheld {
			b.base.WithheldDocs++
		}
	}
}

// nOf writes a count with its base: "14 of 18 participants (78%)".
func nOf(n, of int, unit string) string {
	if unit == "" {
		return fmt.Sprintf("%d of %d (%d%%)", n, of, svg.Percent(n, of))
	}
	return fmt.Sprintf("%d of %d %s (%d%%)", n, of, unit, svg.Percent(n, of))
}

// indexSpeakers records, per consenting listed participant, the documents
// they speak in, and per case its documents, for panels and the people page.
func (b *builder) indexSpeakers() {
	b.speaks = map[string][]int{}
	b.caseDocs = map[string][]int{}
	for d, doc := range b.in.Study.Documents {
		if b.docFile[d] == "" {
			continue
		}
		if doc.Case != "" {
			b.caseDocs[doc.Case] = append(b.caseDocs[doc.Case], d)
		}
		seen := map[string]bool{}
		for _, t := range doc.Turns {
			if t.Role == corpus.RoleParticipant && !t.Withheld && !seen[t.Speaker] && b.people[t.Speaker] != nil {
				seen[t.Speaker] = true
				b.speaks[t.Speaker] = append(b.speaks[t.Speaker], d)
			}
		}
	}
}

// maxGroups bounds the quote filter: style.css holds rules for this many.
const maxGroups = 12

// indexGroups names the participant groups quotes are grouped and filtered
// by: the values of the first attribute shown (insight.yaml's attributes,
// e.g. role), plus a group each for unlisted speakers and the observer.
func (b *builder) indexGroups() {
	if len(b.attrs) > 0 {
		b.groupAttr = b.attrs[0]
	}
	b.noGroup = "(no " + cmp.Or(b.groupAttr, "group") + ")"
	// Every quote's group is asked for many times over (ranking, lists,
	// filters); work each turn's out once.
	b.turnGroup = make([][]string, len(b.in.Study.Documents))
	for d, doc := range b.in.Study.Documents {
		b.turnGroup[d] = make([]string, len(doc.Turns))
		for i, t := range doc.Turns {
			b.turnGroup[d][i] = b.turnGroupOf(t)
		}
	}
	// Which groups have quotes, marked per turn first: there are far
	// fewer turns than quotes.
	quoted := make([][]bool, len(b.turnGroup))
	for d := range quoted {
		quoted[d] = make([]bool, len(b.turnGroup[d]))
	}
	for _, m := range []map[string][]quote{b.quotes, b.suggested} {
		for _, qs := range m {
			for _, q := range qs {
				quoted[q.doc][q.turn] = true
			}
		}
	}
	seen := map[string]bool{}
	for d, turns := range quoted {
		for i, ok := range turns {
			if ok {
				seen[b.turnGroup[d][i]] = true
			}
		}
	}
	// Participants' groups first, in name order; then the rest.
	others := []string{b.noGroup, "facilitator", "observer"}
	for g := range seen {
		if !slices.Contains(others, g) {
			b.groups = append(b.groups, g)
		}
	}
	sort.Strings(b.groups)
	for _, g := range others {
		if seen[g] {
			b.groups = append(b.groups, g)
		}
	}
	b.groupIdx = map[string]int{}
	for i, g := range b.groups {
		b.groupIdx[g] = i
	}
	b.turnGroupNum = make([][]int32, len(b.turnGroup))
	for d, gs := range b.turnGroup {
		b.turnGroupNum[d] = make([]int32, len(gs))
		for i, g := range gs {
			b.turnGroupNum[d][i] = int32(b.groupIdx[g])
		}
	}
}

// groupNum is groupIdx[groupOf(q)], worked out once per turn: looking
// the group up by name for every quote was a tenth of orderQuotes.
func (b *builder) groupNum(q quote) int {
	if b.turnGroupNum != nil {
		return int(b.turnGroupNum[q.doc][q.turn])
	}
	return b.groupIdx[b.groupOf(q)]
}

// groupOf is the group of a quote's first speaker.
func (b *builder) groupOf(q quote) string {
	if b.turnGroup != nil {
		return b.turnGroup[q.doc][q.turn]
	}
	return b.turnGroupOf(b.in.Study.Documents[q.doc].Turns[q.turn])
}

// turnGroupOf is the group of a turn's speaker.
func (b *builder) turnGroupOf(t corpus.Turn) string {
	switch t.Role {
	case corpus.RoleObserver:
		return "observer"
	case corpus.RoleFacilitator:
		return "facilitator"
	}
	if p := b.people[t.Speaker]; p != nil && b.groupAttr != "" {
		if v := p.Attributes[b.groupAttr]; v != "" {
			return v
		}
	}
	return b.noGroup
}

// strength ranks quotes: more people agreeing (distinct coders, inline
// counting as one) first, then a coder's memo, then a participant's words
// over a facilitator's or the observer's. It is an ordering, not a count.
func (b *builder) strength(q quote) int {
	var room [4]int32 // most quotes have a coder or two: no allocation
	srcs := room[:0]
	memo := 0
	for _, i := range b.appsOf(q) {
		if src := b.tagSource[b.appTag[i]]; src >= 0 && !slices.Contains(srcs, src) {
			srcs = append(srcs, src)
		}
		if b.appMemo[i] {
			memo = 1
		}
	}
	doc := b.in.Study.Documents[q.doc]
	voice := 0
	if t := doc.Turns[q.turn]; t.Role == corpus.RoleParticipant || t.Role == corpus.RoleUnlisted {
		voice = 1
	}
	return 4*len(srcs) + 2*memo + voice
}

// orderQuotes orders each theme's quotes strongest first, taking the
// groups in turn: each group's strongest (in group order), then each
// group's second strongest, and so on; equally strong quotes keep document
// order. A theme page shows the first fullQuotes of them in full. It notes
// each theme's list order too (listOrder).
func (b *builder) orderQuotes() {
	ids := slices.Collect(maps.Keys(b.quotes))
	lists := make([][]int32, len(ids))
	parallel.Each(len(ids), func(t int) { lists[t] = b.orderList(b.quotes[ids[t]], b.quotesInOrder[ids[t]]) }) // each theme's on its own
	b.listPos = make(map[string][]int32, len(ids))
	for t, id := range ids {
		b.listPos[id] = lists[t]
	}
}

// orderList orders one theme's quotes (see orderQuotes) and returns
// their list order: where each quote of the list is in qs now.
// inOrder says qs are in document order already (fileQuotes noted it).
func (b *builder) orderList(qs []quote, inOrder bool) (list []int32) {
	// fileQuotes files them in document order, and says so.
	if !inOrder && !slices.IsSortedFunc(qs, b.docOrder) {
		slices.SortStableFunc(qs, b.docOrder)
	}
	rs := make([]ranked, len(qs))
	last, strongest := int32(0), int32(0) // the greatest group number and strength
	for i, q := range qs {
		rs[i] = ranked{g: int32(b.groupNum(q)), strength: int32(b.strength(q)), q: int32(i)}
		last, strongest = max(last, rs[i].g), max(strongest, rs[i].strength)
	}
	// The list is by group, then document order: the quotes in the
	// order they are in now, dealt out to their groups' places.
	groups := make([]int, last+2) // quotes per group, then where each group's list starts
	for _, r := range rs {
		groups[r.g+1]++
	}
	for g := 1; g < len(groups); g++ {
		groups[g] += groups[g-1]
	}
	list = make([]int32, len(qs))
	for _, r := range rs {
		list[groups[r.g]] = r.q
		groups[r.g]++
	}
	rs = byGroupThenStrength(rs, int(last), int(strongest))
	// Then by rank in its group, and group: each group's run is
	// dealt one quote per round, rather than sorted again.
	var runs [][]ranked // per group with quotes, strongest first
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j].g == rs[i].g {
			j++
		}
		runs = append(runs, rs[i:j])
		i = j
	}
	// from[n] is the quote to put n-th. They are moved in place, cycle
	// by cycle, not from a copy of the quotes (a dense study's copies
	// were 65 MB of the cold build's allocation, issue 11).
	from := make([]int32, 0, len(qs))
	for rank := 0; len(from) < len(qs); rank++ {
		for _, run := range runs {
			if rank < len(run) {
				from = append(from, run[rank].q)
			}
		}
	}
	// The list names the quotes by where they go.
	at := make([]int32, len(qs))
	for n, i := range from {
		at[i] = int32(n)
	}
	for k, i := range list {
		list[k] = at[i]
	}
	for i := range qs {
		if from[i] < 0 { // moved already
			continue
		}
		first := qs[i]
		for j := i; ; {
			k := int(from[j])
			from[j] = -1
			if k == i {
				qs[j] = first
				break
			}
			qs[j], j = qs[k], k
		}
	}
	return list
}

// ranked is a quote of a theme's list as orderList sorts it: small
// records naming their quote, not quotes, which sorting moves many times.
type ranked struct{ g, strength, q int32 }

// byGroupThenStrength sorts rs by group, then strongest first, keeping
// the order of equals: a counting sort, as groups and strengths are a few
// small numbers (at most last and strongest), where a stable sort of a
// dense study's lists was half of ordering them (issue 11).
func byGroupThenStrength(rs []ranked, last, strongest int) []ranked {
	width := strongest + 1
	key := func(r ranked) int { return int(r.g)*width + strongest - int(r.strength) }
	at := make([]int, (last+1)*width+1) // per key, how many have a smaller one
	for _, r := range rs {
		at[key(r)+1]++
	}
	for k := 1; k < len(at); k++ {
		at[k] += at[k-1]
	}
	out := make([]ranked, len(rs))
	for _, r := range rs {
		k := key(r)
		out[at[k]] = r
		at[k]++
	}
	return out
}

// docOrder orders quotes by document, then where they start in it.
func (b *builder) docOrder(x, y quote) int {
	return cmp.Or(cmp.Compare(x.doc, y.doc), cmp.Compare(b.quoteStart(x), b.quoteStart(y)))
}

// quoteStart is where a quote's first segment starts in its document.
func (b *builder) quoteStart(q quote) int {
	return b.in.Study.Documents[q.doc].Segments[b.quoteIdx[q.seg]].Start
}

// groupFilter is the quote filter of a page: radio buttons for the groups
// present, which style.css turns into a filter with no script.
type groupFilter struct {
	Groups []groupOpt
}

type groupOpt struct {
	Name  string
	Class string // "g3": style.css has rules for g0..g11
	N     int
}

// filterFor is the filter of a page listing qs (counted by group) and
// showing also, in full, the quotes in also (a group of theirs is offered
// even when none of its quotes is listed on the page).
func (b *builder) filterFor(qs, also []quote) *groupFilter {
	if len(b.groups) > maxGroups || len(qs)+len(also) < 2 {
		return nil
	}
	n := map[int]int{}
	for _, q := range qs {
		n[b.groupNum(q)]++
	}
	for _, q := range also {
		n[b.groupNum(q)] += 0
	}
	if len(n) < 2 {
		return nil
	}
	f := &groupFilter{}
	for _, i := range slices.Sorted(func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}) {
		f.Groups = append(f.Groups, groupOpt{Name: b.groups[i], Class: fmt.Sprintf("g%d", i), N: n[i]})
	}
	return f
}

// groupClass is the class a quote's figure carries for the filter.
func (b *builder) groupClass(q quote) string {
	if len(b.groups) > maxGroups {
		return ""
	}
	return "g" + strconv.Itoa(b.groupNum(q))
}
