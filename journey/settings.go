package journey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// Settings is insight.yaml's journey: section.
//
//	journey:
//	  agencies: agencies            # the codebook branch whose themes are agencies
//	  problems: presenting-problems # the branch whose themes are presenting problems
//	  types: {assessment: planned, crisis-call: reactive}
//	  phases:
//	    - {id: as-is, from: 2025-09-01, to: 2026-02-28}
//	  duplication:                  # absent: the default rule below
//	    - {id: planned-by-several-agencies, types: [assessment], window: 90, agencies: 2}
//	  members: {H01: [P01, child-a, child-b]}
type Settings struct {
	AgencyBranch  string
	ProblemBranch string
	Agencies      []string // theme ids under AgencyBranch, in codebook order
	Problems      []string // theme ids under ProblemBranch
	Types         []Type   // in the order declared
	Phases        []Phase  // sorted by From; they do not overlap
	Rules         []Rule
	Members       map[string][]string // case -> declared member labels
	names         map[string]string   // theme id -> name, for display
}

// Type is a contact type and whether it is reactive (crisis, enforcement,
// emergency call-out) or planned (assessment, visit, referral, meeting).
type Type struct {
	ID       string
	Reactive bool
}

// Phase is a named date range, e.g. as-is and redesign, inclusive.
type Phase struct {
	ID       string
	Name     string
	From, To Day
}

// Months is the phase's length in months of average length (30.44 days),
// the base of per-family-month rates.
func (p Phase) Months() float64 { return float64(p.To-p.From+1) / daysPerMonth }

const daysPerMonth = 365.25 / 12

// Rule is a duplication rule: Agencies or more different agencies making a
// contact of one of Types with the same member of a family within Window
// days of each other.
type Rule struct {
	ID       string
	Types    []string
	Window   int
	Agencies int
}

// DefaultRule is the rule a study gets when insight.yaml declares none:
// the same type of planned contact for the same member by two or more
// agencies within 90 days.
const DefaultRule = "planned-by-several-agencies"

// Name is a theme's display name, or the id when the codebook has none.
func (s *Settings) Name(id string) string {
	if n := s.names[id]; n != "" {
		return n
	}
	return id
}

func (s *Settings) reactive(typ string) bool {
	for _, t := range s.Types {
		if t.ID == typ {
			return t.Reactive
		}
	}
	return false
}

func (s *Settings) typeIDs() []string {
	out := make([]string, len(s.Types))
	for i, t := range s.Types {
		out[i] = t.ID
	}
	return out
}

// phaseOf is the phase a date falls in: an exact date's phase, or for a
// month-only date the phase holding the whole month ("" when the month
// straddles two phases or lies outside them all).
func (s *Settings) phaseOf(d Date) string {
	for _, p := range s.Phases {
		if d.Lo >= p.From && d.Hi <= p.To {
			return p.ID
		}
	}
	return ""
}

type settingsParser struct {
	file  string
	probs *diag.List
	s     Settings
}

func parseSettings(in Input, probs *diag.List) Settings {
	p := &settingsParser{file: in.Name("insight.yaml"), probs: probs}
	p.s.names = map[string]string{}
	if in.Codebook != nil {
		for _, t := range in.Codebook.All {
			p.s.names[t.ID] = t.Name
		}
	}
	p.s.AgencyBranch, p.s.ProblemBranch = "agencies", "presenting-problems"
	m := in.Config
	if m == nil || isNull(m) {
		m = nil
	} else if m.Kind != yaml.MappingNode {
		probs.Errorf(p.file, m.Line, "journey must be a mapping with agencies:, problems:, types:, phases:, duplication: and members:")
		m = nil
	}
	rulesSet := false
	if m != nil {
		seen := map[string]int{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				probs.Errorf(p.file, k.Line, "key %q is repeated (first on line %d): keep one", "journey."+k.Value, prev)
				continue
			}
			seen[k.Value] = k.Line
			switch k.Value {
			case "agencies":
				p.s.AgencyBranch = p.scalar(v, "journey.agencies")
			case "problems":
				p.s.ProblemBranch = p.scalar(v, "journey.problems")
			case "types":
				p.types(v)
			case "phases":
				p.phases(v)
			case "duplication":
				rulesSet = true
				p.rules(v)
			case "members":
				p.members(v)
			default:
				probs.Errorf(p.file, k.Line, "unknown key %q; known keys are journey.agencies, journey.problems, journey.types, journey.phases, journey.duplication, journey.members%s",
					"journey."+k.Value, suggestion(k.Value, []string{"agencies", "problems", "types", "phases", "duplication", "members"}))
			}
		}
	}
	p.s.Agencies = p.branch(in, p.s.AgencyBranch, "agencies", m != nil)
	p.s.Problems = p.branch(in, p.s.ProblemBranch, "problems", m != nil)
	if !rulesSet {
		var planned []string
		for _, t := range p.s.Types {
			if !t.Reactive {
				planned = append(planned, t.ID)
			}
		}
		p.s.Rules = []Rule{{ID: DefaultRule, Types: planned, Window: 90, Agencies: 2}}
	}
	return p.s
}

// branch lists the themes under the codebook branch id. A branch that is
// missing is an error only when insight.yaml names journey settings.
func (p *settingsParser) branch(in Input, id, key string, declared bool) []string {
	if in.Codebook == nil || id == "" {
		return nil
	}
	if in.Codebook.Lookup(id) == nil {
		if declared {
			p.probs.Errorf(p.file, 0, "journey.%s names %q, which is not a theme in the codebook%s: name the branch whose themes are the %s",
				key, id, suggestion(id, in.Codebook.IDs()), key)
		}
		return nil
	}
	var out []string
	for _, d := range in.Codebook.Descendants(id) {
		if d != id {
			out = append(out, d)
		}
	}
	return out
}

func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

func (p *settingsParser) scalar(v *yaml.Node, key string) string {
	if v.Kind != yaml.ScalarNode || isNull(v) || strings.TrimSpace(v.Value) == "" {
		p.probs.Errorf(p.file, v.Line, "%s must be a theme id", key)
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func (p *settingsParser) types(v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		p.probs.Errorf(p.file, v.Line, "journey.types must map each contact type to reactive or planned, e.g. `types: {assessment: planned, crisis-call: reactive}`")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		id := strings.TrimSpace(k.Value)
		if !isSlug(id) {
			p.probs.Errorf(p.file, k.Line, "contact type %q must be a slug: lower-case letters, digits and hyphens, e.g. action-plan", id)
			continue
		}
		if seen[id] {
			p.probs.Errorf(p.file, k.Line, "contact type %q is declared twice: keep one", id)
			continue
		}
		seen[id] = true
		switch strings.TrimSpace(val.Value) {
		case "reactive":
			p.s.Types = append(p.s.Types, Type{ID: id, Reactive: true})
		case "planned":
			p.s.Types = append(p.s.Types, Type{ID: id})
		default:
			p.probs.Errorf(p.file, val.Line, "contact type %q must be reactive (crisis, enforcement, emergency call-out) or planned (assessment, visit, referral, meeting), not %q", id, val.Value)
		}
	}
}

// fields reads a flow or block mapping of scalars, reporting unknown keys.
func (p *settingsParser) fields(m *yaml.Node, what string, known []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if m.Kind != yaml.MappingNode {
		p.probs.Errorf(p.file, m.Line, "each entry of %s must be a mapping with %s", what, strings.Join(known, ", "))
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !slices.Contains(known, k.Value) {
			p.probs.Errorf(p.file, k.Line, "unknown key %q in %s; known keys are %s%s", k.Value, what, strings.Join(known, ", "), suggestion(k.Value, known))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.probs.Errorf(p.file, k.Line, "key %q is repeated in this entry of %s", k.Value, what)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func (p *settingsParser) phases(v *yaml.Node) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		p.probs.Errorf(p.file, v.Line, "journey.phases must be a list of {id, from, to}, e.g. `- {id: as-is, from: 2025-09-01, to: 2026-02-28}`")
		return
	}
	seen := map[string]bool{}
	for _, e := range v.Content {
		f := p.fields(e, "journey.phases", []string{"id", "name", "from", "to"})
		if f == nil {
			continue
		}
		ph := Phase{ID: p.text(f["id"]), Name: p.text(f["name"])}
		if !isSlug(ph.ID) {
			p.probs.Errorf(p.file, e.Line, "a phase needs an id that is a slug, e.g. `id: as-is`")
			continue
		}
		if seen[ph.ID] {
			p.probs.Errorf(p.file, e.Line, "phase %q is declared twice", ph.ID)
			continue
		}
		seen[ph.ID] = true
		from, ok1 := p.day(f["from"], e.Line, ph.ID, "from")
		to, ok2 := p.day(f["to"], e.Line, ph.ID, "to")
		if !ok1 || !ok2 {
			continue
		}
		if to < from {
			p.probs.Errorf(p.file, e.Line, "phase %q ends (%s) before it starts (%s)", ph.ID, to, from)
			continue
		}
		ph.From, ph.To = from, to
		if ph.Name == "" {
			ph.Name = ph.ID
		}
		p.s.Phases = append(p.s.Phases, ph)
	}
	slices.SortFunc(p.s.Phases, func(a, b Phase) int { return int(a.From - b.From) })
	for i := 1; i < len(p.s.Phases); i++ {
		a, b := p.s.Phases[i-1], p.s.Phases[i]
		if b.From <= a.To {
			p.probs.Errorf(p.file, v.Line, "phases %q and %q overlap (%s to %s and %s to %s): a contact must fall in one phase at most", a.ID, b.ID, a.From, a.To, b.From, b.To)
		}
	}
}

func (p *settingsParser) text(v *yaml.Node) string {
	if v == nil || v.Kind != yaml.ScalarNode || isNull(v) {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func (p *settingsParser) day(v *yaml.Node, line int, id, key string) (Day, bool) {
	if v == nil {
		p.probs.Errorf(p.file, line, "phase %q needs %s: a date such as 2025-09-01", id, key)
		return 0, false
	}
	d, err := parseDate(p.text(v))
	if err != nil || d.Approx {
		p.probs.Errorf(p.file, v.Line, "phase %q %s: %q is not a date: write YYYY-MM-DD", id, key, v.Value)
		return 0, false
	}
	return d.Lo, true
}

func (p *settingsParser) rules(v *yaml.Node) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		p.probs.Errorf(p.file, v.Line, "journey.duplication must be a list of rules, e.g. `- {id: assessments, types: [assessment], window: 90, agencies: 2}`")
		return
	}
	for _, e := range v.Content {
		f := p.fields(e, "journey.duplication", []string{"id", "types", "window", "agencies"})
		if f == nil {
			continue
		}
		r := Rule{ID: p.text(f["id"]), Window: 90, Agencies: 2}
		if !isSlug(r.ID) {
			p.probs.Errorf(p.file, e.Line, "a duplication rule needs an id that is a slug, e.g. `id: repeat-assessments`")
			continue
		}
		if t := f["types"]; t != nil {
			if t.Kind != yaml.SequenceNode || len(t.Content) == 0 {
				p.probs.Errorf(p.file, t.Line, "rule %q: types must be a list of contact types, e.g. [assessment, action-plan]", r.ID)
				continue
			}
			for _, x := range t.Content {
				id := p.text(x)
				if !slices.Contains(p.s.typeIDs(), id) {
					p.probs.Errorf(p.file, x.Line, "rule %q: %q is not a contact type in journey.types%s", r.ID, id, suggestion(id, p.s.typeIDs()))
					continue
				}
				r.Types = append(r.Types, id)
			}
		} else {
			for _, t := range p.s.Types {
				if !t.Reactive {
					r.Types = append(r.Types, t.ID)
				}
			}
		}
		ok := true
		for key, dst := range map[string]*int{"window": &r.Window, "agencies": &r.Agencies} {
			if n := f[key]; n != nil {
				x, err := strconv.Atoi(p.text(n))
				min := map[string]int{"window": 0, "agencies": 2}[key]
				if err != nil || x < min || x > 3650 {
					p.probs.Errorf(p.file, n.Line, "rule %q: %s must be a whole number from %d to 3650, not %q", r.ID, key, min, n.Value)
					ok = false
					continue
				}
				*dst = x
			}
		}
		if ok {
			p.s.Rules = append(p.s.Rules, r)
		}
	}
}

func (p *settingsParser) members(v *yaml.Node) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		p.probs.Errorf(p.file, v.Line, "journey.members must map each case to its members, e.g. `H01: [P01, child-a]`")
		return
	}
	p.s.Members = map[string][]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, l := v.Content[i], v.Content[i+1]
		c := strings.TrimSpace(k.Value)
		if _, dup := p.s.Members[c]; dup {
			p.probs.Errorf(p.file, k.Line, "case %q is listed twice in journey.members: keep one", c)
			continue
		}
		if l.Kind != yaml.SequenceNode {
			p.probs.Errorf(p.file, l.Line, "journey.members.%s must be a list of member labels, e.g. [P01, child-a]", c)
			continue
		}
		ms := []string{}
		for _, x := range l.Content {
			m := p.text(x)
			if m == "" || strings.ContainsAny(m, ",\"\n") {
				p.probs.Errorf(p.file, x.Line, "a member of %s must be a label such as child-a, not %q", c, x.Value)
				continue
			}
			ms = append(ms, m)
		}
		p.s.Members[c] = ms
	}
}

func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// suggestion is ` (did you mean "x"?)` for the closest choice, or "".
func suggestion(word string, choices []string) string {
	if c := closest(word, choices); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
