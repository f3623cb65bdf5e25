package journey

import (
	"fmt"
	"slices"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

// Evidence is a presenting problem and an agency coded in the same turn of
// a family's own transcript: what the family said, beside what the case
// files say.
type Evidence struct {
	Case, Member      string // Member: the speaker, or "" for a field note or observer
	Problem, Agency   string
	Doc               string
	Line              int
	DocIndex, Segment int // where the turn's first coded sentence is, for links
}

// Interviews finds, in every document with a case, the turns coded with
// both a presenting problem and an agency. Only evidence counts: a person's
// codes, or rule hits on themes that opt in (isEvidence); a withdrawn
// participant's turns carry no codes, so never appear.
func Interviews(st *corpus.Study, coded *coding.Coded, s *Settings, isEvidence func(i int) bool) []Evidence {
	if st == nil || coded == nil {
		return nil
	}
	agency, problem := setOf(s.Agencies), setOf(s.Problems)
	var out []Evidence
	for d, doc := range st.Documents {
		if doc.Case == "" || doc.Withheld || d >= len(coded.SegmentApps) {
			continue
		}
		type turnCodes struct {
			probs, ags []string
			seg        int
		}
		turns := map[int]*turnCodes{}
		var order []int
		for si, seg := range doc.Segments {
			if si >= len(coded.SegmentApps[d]) {
				break
			}
			for _, ai := range coded.SegmentApps[d][si] {
				a := coded.Apps[ai]
				if isEvidence != nil && !isEvidence(ai) {
					continue
				}
				tc := turns[seg.Turn]
				if tc == nil {
					tc = &turnCodes{seg: si}
					turns[seg.Turn] = tc
					order = append(order, seg.Turn)
				}
				switch {
				case problem[a.Theme] && !slices.Contains(tc.probs, a.Theme):
					tc.probs = append(tc.probs, a.Theme)
				case agency[a.Theme] && !slices.Contains(tc.ags, a.Theme):
					tc.ags = append(tc.ags, a.Theme)
				}
			}
		}
		for _, ti := range order {
			tc, t := turns[ti], doc.Turns[ti]
			if t.Withheld {
				continue
			}
			member := ""
			if t.Role == corpus.RoleParticipant || t.Role == corpus.RoleUnlisted {
				member = t.Speaker
			}
			for _, p := range tc.probs {
				for _, ag := range tc.ags {
					out = append(out, Evidence{Case: doc.Case, Member: member, Problem: p, Agency: ag, Doc: doc.ID,
						Line: doc.Line(doc.Segments[tc.seg].Start), DocIndex: d, Segment: tc.seg})
				}
			}
		}
	}
	return out
}

// MemberTable is one member's presenting problems and the agencies holding
// each: the family case study's two-column table.
type MemberTable struct {
	Member string // "" for what field notes say of the family as a whole
	Rows   []ProblemAgency
}

// ProblemAgency is one problem held by one agency, with where that comes from.
type ProblemAgency struct {
	Problem, Agency string
	Contacts        int        // contacts.csv rows with this member, problem and agency
	Said            []Evidence // turns of the family's transcripts coded with both
}

// Source says where a cell comes from in words.
func (p ProblemAgency) Source() string {
	s := ""
	if p.Contacts > 0 {
		s = fmt.Sprintf("contacts.csv: %s", count(p.Contacts, "contact"))
	}
	if len(p.Said) > 0 {
		if s != "" {
			s += "; "
		}
		s += fmt.Sprintf("transcripts: %s", count(len(p.Said), "passage"))
	}
	return s
}

// CaseTables builds the problems × agencies table of each member of a
// family, from its contacts and from ev (see Interviews). Members come in
// the order journey.members lists them, then any others; problems and
// agencies in codebook order.
func (j *Journeys) CaseTables(caseID string, ev []Evidence) []MemberTable {
	type key struct{ m, p, a string }
	cells := map[key]*ProblemAgency{}
	var members []string
	add := func(m string) {
		if !slices.Contains(members, m) {
			members = append(members, m)
		}
	}
	for _, m := range j.Settings.Members[caseID] {
		add(m)
	}
	get := func(m, p, a string) *ProblemAgency {
		k := key{m, p, a}
		if cells[k] == nil {
			cells[k] = &ProblemAgency{Problem: p, Agency: a}
		}
		return cells[k]
	}
	for i := range j.Contacts {
		c := &j.Contacts[i]
		if c.Case != caseID || c.Problem == "" {
			continue
		}
		add(c.Member)
		get(c.Member, c.Problem, c.Agency).Contacts++
	}
	for _, e := range ev {
		if e.Case != caseID {
			continue
		}
		add(e.Member)
		p := get(e.Member, e.Problem, e.Agency)
		p.Said = append(p.Said, e)
	}
	pOrder, aOrder := j.order("problem"), j.order("agency")
	var out []MemberTable
	for _, m := range members {
		mt := MemberTable{Member: m}
		for k, c := range cells {
			if k.m == m {
				mt.Rows = append(mt.Rows, *c)
			}
		}
		if len(mt.Rows) == 0 {
			continue
		}
		slices.SortFunc(mt.Rows, func(x, y ProblemAgency) int {
			if x.Problem != y.Problem {
				return pOrder[x.Problem] - pOrder[y.Problem]
			}
			return aOrder[x.Agency] - aOrder[y.Agency]
		})
		out = append(out, mt)
	}
	return out
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
