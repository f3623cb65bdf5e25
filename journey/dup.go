package journey

import (
	"fmt"
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
func (j *Journeys) duplication() []Flag {
	var flags []Flag
	type key struct{ c, m, t string }
	groups := map[key][]int{}
	for i, c := range j.Contacts {
		k := key{c.Case, c.Member, c.Type}
		groups[k] = append(groups[k], i)
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return strings.Compare(a.c+"\x00"+a.m+"\x00"+a.t, b.c+"\x00"+b.m+"\x00"+b.t)
	})
	for _, r := range j.Settings.Rules {
		for _, k := range keys {
			if !slices.Contains(r.Types, k.t) {
				continue
			}
			idx := groups[k]
			slices.SortStableFunc(idx, func(a, b int) int {
				ca, cb := j.Contacts[a].Date, j.Contacts[b].Date
				if ca.Lo != cb.Lo {
					return int(ca.Lo - cb.Lo)
				}
				return int(ca.Hi - cb.Hi)
			})
			flags = append(flags, j.scan(r, idx)...)
		}
	}
	return flags
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
		agencies := map[string]bool{}
		for _, x := range idx[i:end] {
			agencies[j.Contacts[x].Agency] = true
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
		for a := range agencies {
			f.Agencies = append(f.Agencies, a)
		}
		slices.Sort(f.Agencies)
		out = append(out, f)
		i = end
	}
	return out
}
