package journey

import (
	"cmp"
	"fmt"
	"github.com/residentinsight/insight/diag"
	"slices"
	"strings"
)

// Flag is one duplication finding: the contacts that made a rule fire.
type Flag struct {
	Rule     string
	Case     string
	Member   string
	Type     string
	Contacts []int    // indexes into Journeys.Contacts, in date order
	Lines    []int    // their lines in contacts.csv
	Agencies []string // the different agencies, sorted
	// Days is the span from the first contact to the last. With a
	// month-only date it is the shortest span the dates allow.
	Days   int
	Approx bool // some of the contacts have month-only dates
}

// Words says the finding in a sentence: "4 assessments by 3 agencies in 10
// weeks for child-a (H01)".
func (f Flag) Words() string {
	when := "on the same day"
	switch {
	case f.Days == 0 && f.Approx:
		when = "in the same month"
	case f.Days == 0:
	case f.Days < 14:
		when = fmt.Sprintf("in %d days", f.Days+1)
	default:
		when = fmt.Sprintf("in %d weeks", (f.Days+1+6)/7)
	}
	s := fmt.Sprintf("%d %s by %d agencies %s for %s (%s)", len(f.Contacts), plural(f.Type), len(f.Agencies), when, f.Member, f.Case)
	if f.Approx {
		s += "; some dates are known only to the month"
	}
	return s
}

func plural(typ string) string {
	t := strings.ReplaceAll(typ, "-", " ")
	if strings.HasSuffix(t, "s") {
		return t
	}
	return t + "s"
}

// duplication applies every rule to every member's contacts of each type.
//
// For one rule, a member's contacts of one type are taken in date order and
// scanned greedily: from the earliest contact not yet flagged, every later
// one within Window days joins it; when they come from Agencies or more
// different agencies the group is flagged and the scan goes on after it,
// otherwise it goes on from the next contact. A flag's span is therefore
// at most Window days and flags of one rule never share a contact.
//
// A month-only date may be any day of its month. Two contacts are taken to
// be within the window when they could be (the shortest possible span is
// within it), and the flag is marked approximate, so a reader checks it
// against the case file rather than taking it for a certainty.
func (j *Journeys) duplication(file string, probs *diag.List) []Flag {
	var flags []Flag
	order := j.sorted()
	for a := 0; a < len(order); {
		b := a + 1
		for b < len(order) && j.Contacts[order[b]].key == j.Contacts[order[a]].key {
			b++
		}
		run := order[a:b]
		j.reportIdentical(file, run, probs)
		typ := j.Contacts[run[0]].Type
		for _, r := range j.Settings.Rules {
			if slices.Contains(r.Types, typ) {
				flags = append(flags, j.scan(r, run)...)
			}
		}
		a = b
	}
	slices.SortStableFunc(flags, func(x, y Flag) int {
		return cmp.Or(strings.Compare(x.Case, y.Case), strings.Compare(x.Member, y.Member),
			strings.Compare(x.Type, y.Type), int(j.Contacts[x.Contacts[0]].Date.Lo-j.Contacts[y.Contacts[0]].Date.Lo),
			strings.Compare(x.Rule, y.Rule))
	})
	return flags
}

// sorted orders the contacts by case, member and type (their interned
// key), then date, then file order, so one member's contacts of one type
// are a run in date order. A compact copy is sorted: comparing through
// the large Contact values is several times slower.
func (j *Journeys) sorted() []int {
	type ent struct {
		key    uint64
		lo, hi Day
		i      int32
	}
	ents := make([]ent, len(j.Contacts))
	for i := range j.Contacts {
		c := &j.Contacts[i]
		ents[i] = ent{c.key, c.Date.Lo, c.Date.Hi, int32(i)}
	}
	slices.SortFunc(ents, func(x, y ent) int {
		if x.key != y.key {
			return cmp.Compare(x.key, y.key)
		}
		return cmp.Or(cmp.Compare(x.lo, y.lo), cmp.Compare(x.hi, y.hi), cmp.Compare(x.i, y.i))
	})
	order := make([]int, len(ents))
	for k, e := range ents {
		order[k] = int(e.i)
	}
	return order
}

// reportIdentical warns about rows identical to an earlier one. Identical
// rows share a date, so only contacts of the same day are compared.
func (j *Journeys) reportIdentical(file string, run []int, probs *diag.List) {
	for k := 1; k < len(run); k++ {
		b := &j.Contacts[run[k]]
		for m := k - 1; m >= 0 && j.Contacts[run[m]].Date == b.Date; m-- {
			if a := &j.Contacts[run[m]]; sameRow(*a, *b) && !j.identicalBefore(run[:m], a) {
				probs.Warnf(file, b.Line, "is identical to line %d: both are counted; delete one if it was entered twice", a.Line)
				break
			}
		}
	}
}

// identicalBefore reports whether a row identical to c comes earlier in
// run, so each repeat names the first of its kind.
func (j *Journeys) identicalBefore(run []int, c *Contact) bool {
	for m := len(run) - 1; m >= 0 && j.Contacts[run[m]].Date == c.Date; m-- {
		if sameRow(j.Contacts[run[m]], *c) {
			return true
		}
	}
	return false
}

// scan flags runs in one member's contacts of one type, sorted by date.
func (j *Journeys) scan(r Rule, idx []int) []Flag {
	var out []Flag
	for i := 0; i < len(idx); {
		first := j.Contacts[idx[i]]
		end, minHi := i+1, first.Date.Hi
		for end < len(idx) {
			d := j.Contacts[idx[end]].Date
			if int(d.Lo-min(minHi, d.Hi)) > r.Window {
				break
			}
			minHi = min(minHi, d.Hi)
			end++
		}
		var agencies []string
		for _, x := range idx[i:end] {
			if a := j.Contacts[x].Agency; !slices.Contains(agencies, a) {
				agencies = append(agencies, a)
			}
		}
		if len(agencies) < r.Agencies {
			i++
			continue
		}
		f := Flag{Rule: r.ID, Case: first.Case, Member: first.Member, Type: first.Type}
		for _, x := range idx[i:end] {
			c := j.Contacts[x]
			f.Contacts = append(f.Contacts, x)
			f.Lines = append(f.Lines, c.Line)
			f.Approx = f.Approx || c.Date.Approx
		}
		f.Days = max(0, int(j.Contacts[idx[end-1]].Date.Lo-minHi))
		f.Agencies = agencies
		slices.Sort(f.Agencies)
		out = append(out, f)
		i = end
	}
	return out
}
