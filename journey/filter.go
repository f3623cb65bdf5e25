package journey

import (
	"fmt"
	"slices"
	"strings"
)

// FilterFields are the contact fields --where can name; a member's
// participants.csv attributes (role, ward, …) can be named too.
var FilterFields = []string{"agency", "type", "case", "member", "problem", "phase", "month", "kind"}

// Keep returns a test for the contacts matching where: attr=value pairs,
// AND across attributes and OR within one, as every query's --where. kind
// is reactive or planned. A member who is not a participant has no
// participant attributes, so matches only an empty value for them.
func (j *Journeys) Keep(where map[string][]string) (func(*Contact) bool, error) {
	if len(where) == 0 {
		return nil, nil
	}
	known := slices.Clone(FilterFields)
	for _, attrs := range j.people {
		for a := range attrs {
			if !slices.Contains(known, a) {
				known = append(known, a)
			}
		}
	}
	type test struct {
		attr string
		vals []string
	}
	var tests []test
	for a, vs := range where {
		a = strings.ToLower(a)
		if !slices.Contains(known, a) {
			return nil, fmt.Errorf("--where %s: contacts have no %q; use one of %s%s", a, a, strings.Join(known, ", "), suggestion(a, known))
		}
		tests = append(tests, test{a, vs})
	}
	return func(c *Contact) bool {
		for _, t := range tests {
			if !slices.Contains(t.vals, j.value(t.attr, c)) {
				return false
			}
		}
		return true
	}, nil
}

func (j *Journeys) value(attr string, c *Contact) string {
	switch attr {
	case "member":
		return c.Member
	case "kind":
		if c.Reactive {
			return "reactive"
		}
		return "planned"
	case "agency", "type", "case", "problem", "phase", "month":
		return Key(attr, c)
	}
	return j.people[c.Member][attr]
}

// KeepFlag is true for a flag with at least one contact keep accepts.
func (j *Journeys) KeepFlag(keep func(*Contact) bool) func(*Flag) bool {
	if keep == nil {
		return nil
	}
	return func(f *Flag) bool {
		for _, i := range f.Contacts {
			if keep(&j.Contacts[i]) {
				return true
			}
		}
		return false
	}
}
