package journey

import (
	"fmt"
	"slices"
	"strings"

	"github.com/residentinsight/insight/diag"
)

// Dimensions are what contacts can be grouped by.
var Dimensions = []string{"agency", "type", "case", "member", "problem", "phase", "month"}

// Group is the contacts sharing one value of a dimension.
type Group struct {
	Key      string // agency id, type, case, "case/member", problem, phase or YYYY-MM; "" for none
	Contacts int
	Reactive int   // of Contacts, how many were of a reactive type
	Costed   int   // of Contacts, how many have a unit cost
	Cost     Money // sum of the Costed contacts' unit costs
	Families int   // different cases among the contacts
}

// Uncosted is how many of the group's contacts have no unit cost: they are
// not in Cost, and every cost shown says so.
func (g Group) Uncosted() int { return g.Contacts - g.Costed }

// ReactiveShare is the percentage of contacts of a reactive type, one decimal.
func (g Group) ReactiveShare() float64 { return percent(g.Reactive, g.Contacts) }

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(int(float64(n)*1000/float64(of)+0.5)) / 10
}

// Key is the value of dim for c.
func Key(dim string, c *Contact) string {
	switch dim {
	case "agency":
		return c.Agency
	case "type":
		return c.Type
	case "case":
		return c.Case
	case "member":
		return c.Case + "/" + c.Member
	case "problem":
		return c.Problem
	case "phase":
		return c.Phase
	case "month":
		return c.Date.Month()
	}
	return ""
}

// By groups the contacts keep accepts (all when keep is nil) by dim. Groups
// come in the order of the dimension: agencies and problems in codebook
// order, types as declared, phases by date, cases, members and months
// sorted; the empty key (no problem, no phase) last.
func (j *Journeys) By(dim string, keep func(*Contact) bool) ([]Group, error) {
	if !slices.Contains(Dimensions, dim) {
		return nil, fmt.Errorf("unknown dimension %q; use one of %s%s", dim, strings.Join(Dimensions, ", "), suggestion(dim, Dimensions))
	}
	at := map[string]int{}
	var groups []Group
	var fams []famSet
	for i := range j.Contacts {
		c := &j.Contacts[i]
		if keep != nil && !keep(c) {
			continue
		}
		k := Key(dim, c)
		g, ok := at[k]
		if !ok {
			g = len(groups)
			at[k] = g
			groups = append(groups, Group{Key: k})
			fams = append(fams, famSet{})
		}
		add(&groups[g], c)
		fams[g].add(c.caseN)
	}
	for i := range groups {
		groups[i].Families = fams[i].n
	}
	order := j.order(dim)
	slices.SortFunc(groups, func(a, b Group) int {
		if (a.Key == "") != (b.Key == "") {
			if a.Key == "" {
				return 1
			}
			return -1
		}
		oa, oka := order[a.Key]
		ob, okb := order[b.Key]
		if oka && okb {
			return oa - ob
		}
		return strings.Compare(a.Key, b.Key)
	})
	return groups, nil
}

func add(g *Group, c *Contact) {
	g.Contacts++
	if c.Reactive {
		g.Reactive++
	}
	if c.Costed {
		g.Costed++
		g.Cost += c.Cost
	}
}

// Total is one group of every contact keep accepts.
func (j *Journeys) Total(keep func(*Contact) bool) Group {
	var g Group
	var fams famSet
	for i := range j.Contacts {
		c := &j.Contacts[i]
		if keep != nil && !keep(c) {
			continue
		}
		add(&g, c)
		fams.add(c.caseN)
	}
	g.Families = fams.n
	return g
}

// famSet counts the different families among contacts by their caseN: a
// bit set, not a map of case names, as every query counts families over
// every contact.
type famSet struct {
	bits []uint64
	n    int
}

func (s *famSet) add(k int32) {
	w := int(k) / 64
	if w >= len(s.bits) {
		s.bits = append(s.bits, make([]uint64, w+1-len(s.bits))...)
	}
	if bit := uint64(1) << (k % 64); s.bits[w]&bit == 0 {
		s.bits[w] |= bit
		s.n++
	}
}

func (j *Journeys) order(dim string) map[string]int {
	var ids []string
	switch dim {
	case "agency":
		ids = j.Settings.Agencies
	case "problem":
		ids = j.Settings.Problems
	case "type":
		ids = j.Settings.typeIDs()
	case "phase":
		for _, p := range j.Settings.Phases {
			ids = append(ids, p.ID)
		}
	}
	m := make(map[string]int, len(ids))
	for i, id := range ids {
		m[id] = i
	}
	return m
}

// PhaseRate is one phase's contacts and cost per family-month.
type PhaseRate struct {
	Phase    Phase
	Group    Group   // the phase's contacts
	Families int     // the base: every family with contacts (Journeys.Cases) under the filter
	Months   float64 // the phase's length in months
	// PerFamilyMonth figures are Group's divided by Families × Months.
	ContactsPerFamilyMonth float64
	CostPerFamilyMonth     Money
}

// PhaseRates compares phases per family-month. The base is every family
// with at least one contact keep accepts, whether or not it had contacts in
// the phase, so a family that needed nothing in the redesign lowers the rate.
func (j *Journeys) PhaseRates(keep func(*Contact) bool) []PhaseRate {
	fams := j.Total(keep).Families
	var out []PhaseRate
	for _, p := range j.Settings.Phases {
		id := p.ID
		g := j.Total(func(c *Contact) bool { return c.Phase == id && (keep == nil || keep(c)) })
		g.Key = id
		r := PhaseRate{Phase: p, Group: g, Families: fams, Months: float64(int(p.Months()*10+0.5)) / 10}
		if fm := float64(fams) * p.Months(); fm > 0 {
			r.ContactsPerFamilyMonth = float64(int(float64(g.Contacts)/fm*100+0.5)) / 100
			r.CostPerFamilyMonth = Money(float64(g.Cost)/fm + 0.5)
		}
		out = append(out, r)
	}
	return out
}

// Pair is two agencies flagged together, with how many flags.
type Pair struct {
	A, B  string
	Flags int
}

// FlagCounts counts the duplication flags keep accepts by contact type and
// by pair of agencies (a flag with three agencies counts for three pairs).
func (j *Journeys) FlagCounts(keep func(*Flag) bool) (byType []Group, pairs []Pair) {
	types := map[string]int{}
	pc := map[[2]string]int{}
	for i := range j.Flags {
		f := &j.Flags[i]
		if keep != nil && !keep(f) {
			continue
		}
		types[f.Type]++
		for a := 0; a < len(f.Agencies); a++ {
			for b := a + 1; b < len(f.Agencies); b++ {
				pc[[2]string{f.Agencies[a], f.Agencies[b]}]++
			}
		}
	}
	for _, t := range j.Settings.typeIDs() {
		if n := types[t]; n > 0 {
			byType = append(byType, Group{Key: t, Contacts: n})
		}
	}
	for k, n := range pc {
		pairs = append(pairs, Pair{A: k[0], B: k[1], Flags: n})
	}
	slices.SortFunc(pairs, func(x, y Pair) int {
		if x.Flags != y.Flags {
			return y.Flags - x.Flags
		}
		return strings.Compare(x.A+" "+x.B, y.A+" "+y.B)
	})
	return byType, pairs
}

// reportUncosted warns once per agency and type without a unit cost, so a
// missing cost is never counted as zero silently.
func (j *Journeys) reportUncosted(file string, probs *diag.List) {
	if j.Costs == nil {
		if len(j.Contacts) > 0 {
			probs.Warnf(file, 0, "the study has no %s, so no contact is costed: add unit costs to show the cost of the As Is", CostsFile)
		}
		return
	}
	type key struct{ a, t string }
	first := map[key]int{}
	n := map[key]int{}
	var keys []key
	for _, c := range j.Contacts {
		if c.Costed {
			continue
		}
		k := key{c.Agency, c.Type}
		if _, ok := first[k]; !ok {
			first[k] = c.Line
			keys = append(keys, k)
		}
		n[k]++
	}
	for _, k := range keys {
		probs.Warnf(file, first[k], "no unit cost for %s × %s in %s (%d contacts, first here): they are left out of every cost and counted as not costed; add `- {agency: %s, type: %s, cost: …}` or a default for %s",
			k.a, k.t, CostsFile, n[k], k.a, k.t, k.t)
	}
}

// reportStraddles warns about month-only dates that straddle two phases:
// they belong to no phase.
func (j *Journeys) reportStraddles(file string, probs *diag.List) {
	if len(j.Settings.Phases) == 0 {
		return
	}
	for _, c := range j.Contacts {
		if !c.Date.Approx || c.Phase != "" {
			continue
		}
		for _, p := range j.Settings.Phases {
			if c.Date.Lo <= p.To && c.Date.Hi >= p.From {
				probs.Warnf(file, c.Line, "the month %s is partly in phase %s and partly outside it, so this contact counts in no phase: give its day", c.Date, p.ID)
				break
			}
		}
	}
}

func sortStrings(s []string) { slices.Sort(s) }
