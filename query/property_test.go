package query

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// randomStudy builds a small coded study directly from the data model, so
// the property test does not depend on the readers.
func randomStudy(rng *rand.Rand) (*corpus.Study, *themes.Codebook, *coding.Coded) {
	cbYAML := `- id: a
  name: A
  children:
    - {id: a1, name: A1}
    - {id: a2, name: A2, auto: suggest}
- id: b
  name: B
- id: c
  name: C
  children:
    - id: c1
      name: C1
      auto: evidence
      children:
        - {id: c11, name: C11}
`
	cb, probs := themes.Parse("codebook.yaml", []byte(cbYAML))
	if probs.HasErrors() {
		panic(probs.Error())
	}
	st := &corpus.Study{}
	if rng.Intn(3) == 0 {
		st.Config.Auto = "evidence"
	}
	roles := []string{"parent", "young person", "worker"}
	wards := []string{"north", "south"}
	nPeople := 2 + rng.Intn(6)
	for i := 0; i < nPeople; i++ {
		p := corpus.Participant{ID: fmt.Sprintf("P%02d", i), Attributes: map[string]string{"role": roles[rng.Intn(3)]}}
		if rng.Intn(4) > 0 { // some participants have no ward
			p.Attributes["ward"] = wards[rng.Intn(2)]
		}
		st.Participants = append(st.Participants, p)
	}
	coded := &coding.Coded{Coders: []string{"amira", "tom"}}
	sources := []string{coding.SourceInline, "amira", "tom", coding.SourceAuto}
	nDocs := 1 + rng.Intn(5)
	for di := 0; di < nDocs; di++ {
		d := &corpus.Document{ID: fmt.Sprintf("d%d", di), Kind: []string{"interview", "focus-group"}[rng.Intn(2)]}
		if rng.Intn(3) > 0 {
			d.Case = fmt.Sprintf("H%d", rng.Intn(3))
		}
		pos := 0
		nTurns := 1 + rng.Intn(5)
		for ti := 0; ti < nTurns; ti++ {
			turn := corpus.Turn{Start: pos}
			switch rng.Intn(5) {
			case 0:
				turn.Speaker, turn.Role = "Interviewer", corpus.RoleFacilitator
			case 1:
				turn.Role = corpus.RoleObserver
			case 2:
				turn.Speaker, turn.Role = "Mum", corpus.RoleUnlisted
			default:
				turn.Speaker, turn.Role = st.Participants[rng.Intn(nPeople)].ID, corpus.RoleParticipant
			}
			for si := 0; si < 1+rng.Intn(4); si++ {
				seg := corpus.Segment{ID: fmt.Sprintf("%s/%d", d.ID, len(d.Segments)), Doc: di, Turn: ti, Start: pos, End: pos + 10}
				d.Segments = append(d.Segments, seg)
				for k := 0; k < rng.Intn(3); k++ {
					coded.Apps = append(coded.Apps, coding.Application{
						Theme: cb.All[rng.Intn(len(cb.All))].ID, Doc: di,
						Start: seg.Start + rng.Intn(5), End: seg.End - rng.Intn(5), Source: sources[rng.Intn(4)],
					})
				}
				pos += 11
			}
			turn.End = pos
			d.Turns = append(d.Turns, turn)
		}
		st.Documents = append(st.Documents, d)
	}
	coded.SegmentApps = make([][][]int, nDocs)
	for di, d := range st.Documents {
		coded.SegmentApps[di] = make([][]int, len(d.Segments))
		for ai, a := range coded.Apps {
			if a.Doc != di {
				continue
			}
			for si, s := range d.Segments {
				if s.Start < a.End && a.Start < s.End {
					coded.SegmentApps[di][si] = append(coded.SegmentApps[di][si], ai)
				}
			}
		}
	}
	return st, cb, coded
}

// fact is one usable segment as the brute-force count sees it.
type fact struct {
	doc, turn, speaker, cs string
	facilitator, observer  bool
	attrs                  map[string]string
	themes                 map[string]bool
}

func facts(st *corpus.Study, cb *themes.Codebook, coded *coding.Coded, f Filter) []fact {
	people := map[string]corpus.Participant{}
	for _, p := range st.Participants {
		people[p.ID] = p
	}
	// The rule, written out: by default a keyword rule hit is a suggestion
	// and counts for nothing, unless its theme opts in — c1 (and c11 under
	// it) in the codebook, or every theme but a2 (auto: suggest) when
	// insight.yaml says auto: evidence.
	evidence := map[string]bool{"c1": true, "c11": true}
	if st.Config.Auto == "evidence" {
		evidence = map[string]bool{"a": true, "a1": true, "b": true, "c": true, "c1": true, "c11": true}
	}
	okApp := func(a coding.Application) bool {
		if len(f.Coders) == 0 {
			return a.Source != coding.SourceAuto || evidence[a.Theme]
		}
		for _, c := range f.Coders {
			if c == a.Source || c == AllCoders {
				return true
			}
		}
		return false
	}
	var out []fact
	for di, d := range st.Documents {
		for _, s := range d.Segments {
			t := d.Turns[s.Turn]
			fc := fact{doc: d.ID, turn: fmt.Sprint(di, "/", s.Turn), cs: d.Case,
				facilitator: t.Role == corpus.RoleFacilitator, observer: t.Role == corpus.RoleObserver,
				attrs: map[string]string{"doc": d.ID, "kind": d.Kind, "case": d.Case, "speaker": t.Speaker}, themes: map[string]bool{}}
			switch t.Role {
			case corpus.RoleParticipant:
				fc.speaker = "p" + t.Speaker
				for k, v := range people[t.Speaker].Attributes {
					fc.attrs[k] = v
				}
			case corpus.RoleUnlisted:
				fc.speaker = "u" + d.ID + t.Speaker
			case corpus.RoleFacilitator:
				fc.speaker = "f" + t.Speaker
			}
			if fc.facilitator && !f.IncludeFacilitators {
				continue
			}
			keep := true
			for attr, vals := range f.Where {
				match := false
				for _, v := range vals {
					if fc.attrs[attr] == v {
						match = true
					}
				}
				keep = keep && match
			}
			if !keep {
				continue
			}
			for _, a := range coded.Apps {
				if a.Doc == di && a.Start < s.End && s.Start < a.End && okApp(a) {
					for th := cb.Lookup(a.Theme); th != nil; th = th.Parent {
						fc.themes[th.ID] = true
					}
				}
			}
			out = append(out, fc)
		}
	}
	return out
}

func unitOf(fc fact, u Unit, i int) string {
	switch u {
	case Participants:
		return fc.speaker
	case Documents:
		return fc.doc
	case Cases:
		return fc.cs
	}
	return fmt.Sprint(i)
}

func countDistinct(fs []fact, u Unit, pred func(fact) bool) int {
	seen := map[string]bool{}
	for i, fc := range fs {
		if k := unitOf(fc, u, i); k != "" && pred(fc) {
			seen[k] = true
		}
	}
	return len(seen)
}

func randomFilter(rng *rand.Rand) Filter {
	f := Filter{IncludeFacilitators: rng.Intn(2) == 0}
	switch rng.Intn(4) {
	case 0:
		f.Where = map[string][]string{"role": {"parent"}}
	case 1:
		f.Where = map[string][]string{"role": {"parent", "worker"}, "kind": {"interview"}}
	}
	if rng.Intn(3) == 0 {
		f.Coders = []string{[]string{"amira", "tom", coding.SourceAuto, coding.SourceInline, AllCoders}[rng.Intn(5)]}
	}
	return f
}

func TestCountsMatchBruteForce(t *testing.T) {
	units := []Unit{Segments, Participants, Documents, Cases}
	for seed := int64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewSource(seed))
		st, cb, coded := randomStudy(rng)
		tab := New(st, cb, coded)
		f := randomFilter(rng)
		fs := facts(st, cb, coded, f)
		where := fmt.Sprintf("seed %d filter %+v", seed, f)

		// A union of two random themes counts what either (or a descendant) codes.
		ua, ub := cb.All[rng.Intn(len(cb.All))].ID, cb.All[rng.Intn(len(cb.All))].ID
		un, err := tab.Union(f, []string{ua, ub})
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		either := func(fc fact) bool { return fc.themes[ua] || fc.themes[ub] }
		for _, u := range units {
			if got, want := un.Get(u), countDistinct(fs, u, either); got != want {
				t.Fatalf("%s: union %s|%s unit %d = %d, brute force %d", where, ua, ub, u, got, want)
			}
		}

		freq, err := tab.Freq(f)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, c := range freq {
			has := func(fc fact) bool { return fc.themes[c.Theme] }
			for _, u := range units {
				if got, want := c.Get(u), countDistinct(fs, u, has); got != want {
					t.Fatalf("%s: freq %s unit %d = %d, brute force %d", where, c.Theme, u, got, want)
				}
			}
		}

		u := units[rng.Intn(4)]
		attr := []string{"role", "ward", "kind", "case"}[rng.Intn(4)]
		m, err := tab.Matrix(f, attr, u)
		if !hasAttr(tab, attr) { // e.g. no participant has a ward
			if err == nil {
				t.Fatalf("%s: matrix by missing attribute %s gave no error", where, attr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		var wantValues []string
		seenVal := map[string]bool{}
		for i, fc := range fs {
			v := fc.attrs[attr]
			if v == "" {
				v = NoValue
			}
			if unitOf(fc, u, i) != "" && !seenVal[v] {
				seenVal[v] = true
				wantValues = append(wantValues, v)
			}
		}
		sort.Slice(wantValues, func(i, j int) bool {
			if (wantValues[i] == NoValue) != (wantValues[j] == NoValue) {
				return wantValues[j] == NoValue
			}
			return wantValues[i] < wantValues[j]
		})
		if !reflect.DeepEqual(m.Values, wantValues) && !(len(m.Values) == 0 && len(wantValues) == 0) {
			t.Fatalf("%s: matrix by %s values %v, want %v", where, attr, m.Values, wantValues)
		}
		valueIs := func(v string) func(fact) bool {
			return func(fc fact) bool {
				got := fc.attrs[attr]
				if got == "" {
					got = NoValue
				}
				return got == v
			}
		}
		if want := countDistinct(fs, u, func(fact) bool { return true }); m.Total != want {
			t.Fatalf("%s: matrix total %d, want %d", where, m.Total, want)
		}
		for j, v := range m.Values {
			if want := countDistinct(fs, u, valueIs(v)); m.ColTotals[j] != want {
				t.Fatalf("%s: column %s total %d, want %d", where, v, m.ColTotals[j], want)
			}
		}
		for i, th := range m.Themes {
			has := func(fc fact) bool { return fc.themes[th] }
			if want := countDistinct(fs, u, has); m.RowTotals[i] != want {
				t.Fatalf("%s: row %s total %d, want %d", where, th, m.RowTotals[i], want)
			}
			for j, v := range m.Values {
				both := func(fc fact) bool { return has(fc) && valueIs(v)(fc) }
				if want := countDistinct(fs, u, both); m.Cells[i][j] != want {
					t.Fatalf("%s: cell %s × %s = %d, want %d", where, th, v, m.Cells[i][j], want)
				}
			}
		}

		within := Within(rng.Intn(3))
		co, err := tab.Cooccur(f, within)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		groups := map[string]map[string]bool{}
		for i, fc := range fs {
			key := fmt.Sprint(i)
			switch within {
			case WithinTurn:
				key = fc.turn
			case WithinDocument:
				key = fc.doc
			}
			if groups[key] == nil {
				groups[key] = map[string]bool{}
			}
			for th := range fc.themes {
				groups[key][th] = true
			}
		}
		for i, a := range co.Themes {
			for j, b := range co.Themes {
				want := 0
				for _, g := range groups {
					if g[a] && g[b] {
						want++
					}
				}
				if co.Counts[i][j] != want {
					t.Fatalf("%s: cooccur within %d %s×%s = %d, want %d", where, within, a, b, co.Counts[i][j], want)
				}
			}
		}
	}
}

func hasAttr(tab *Table, attr string) bool {
	for _, a := range tab.AllAttributes() {
		if a == attr {
			return true
		}
	}
	return false
}

func TestUnknownNamesListValidOnes(t *testing.T) {
	st, cb, coded := randomStudy(rand.New(rand.NewSource(1)))
	tab := New(st, cb, coded)
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"attribute", func() error { _, err := tab.Matrix(Filter{}, "postcode", Participants); return err }, "valid attributes: doc, kind"},
		{"where", func() error { _, err := tab.Freq(Filter{Where: map[string][]string{"wardd": {"x"}}}); return err }, `unknown attribute "wardd"`},
		{"coder", func() error { _, err := tab.Freq(Filter{Coders: []string{"bob"}}); return err }, "valid coders: inline, amira, tom, auto"},
		{"theme", func() error { _, err := tab.ThemeIndex("dupe"); return err }, "valid themes: a, a1, a2, b"},
	}
	for _, tc := range tests {
		err := tc.run()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}
