package journey

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// Money is an amount in minor units (pence, cents), so sums are exact.
type Money int64

// String is the amount with two decimals and thousands separators: 1,234.50.
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	whole := strconv.FormatInt(int64(m/100), 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", int64(m%100))
	return b.String()
}

// Float is the amount in major units, for JSON and CSV.
func (m Money) Float() float64 { return float64(m) / 100 }

// Costs is costs.yaml: unit costs per agency and contact type, or per type
// as the default for every agency.
type Costs struct {
	Currency string
	Units    []Unit
	byKey    map[[2]string]Money // {agency or "", type}
}

// Unit is one unit cost with where it came from.
type Unit struct {
	Agency string // "" for the type's default
	Type   string
	Cost   Money
	Source string
	Year   string
	Line   int
}

// unit is the cost of one contact: the agency's own for the type, else
// the type's default; ok is false when neither is given.
func (c *Costs) unit(agency, typ string) (Money, bool) {
	if m, ok := c.byKey[[2]string{agency, typ}]; ok {
		return m, true
	}
	m, ok := c.byKey[[2]string{"", typ}]
	return m, ok
}

func parseCosts(file string, data []byte, s *Settings, probs *diag.List) *Costs {
	if len(data) >= 3 && string(data[:3]) == "\xef\xbb\xbf" {
		data = data[3:]
	}
	c := &Costs{byKey: map[[2]string]Money{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		probs.Errorf(file, 0, "not valid YAML: %v", err)
		return c
	}
	if len(root.Content) == 0 {
		return c
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		probs.Errorf(file, m.Line, "must be a mapping with currency: and costs:, e.g. `currency: GBP`")
		return c
	}
	var list *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "currency":
			c.Currency = strings.TrimSpace(v.Value)
			if !isCurrency(c.Currency) {
				probs.Errorf(file, v.Line, "currency must be a three-letter code such as GBP or EUR, not %q", v.Value)
			}
		case "costs":
			list = v
		default:
			probs.Errorf(file, k.Line, "unknown key %q; known keys are currency, costs%s", k.Value, suggestion(k.Value, []string{"currency", "costs"}))
		}
	}
	if c.Currency == "" {
		probs.Errorf(file, m.Line, "currency is required, e.g. `currency: GBP`, so every cost says what it is in")
	}
	if list == nil || isNull(list) {
		return c
	}
	if list.Kind != yaml.SequenceNode {
		probs.Errorf(file, list.Line, "costs must be a list of {type, agency, cost, source, year}")
		return c
	}
	for _, e := range list.Content {
		if u, ok := c.entry(file, e, s, probs); ok {
			c.Units = append(c.Units, u)
		}
	}
	return c
}

var costKeys = []string{"type", "agency", "cost", "currency", "source", "year"}

func (c *Costs) entry(file string, e *yaml.Node, s *Settings, probs *diag.List) (Unit, bool) {
	u := Unit{Line: e.Line}
	if e.Kind != yaml.MappingNode {
		probs.Errorf(file, e.Line, "each cost must be a mapping with %s", strings.Join(costKeys, ", "))
		return u, false
	}
	f := map[string]*yaml.Node{}
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := e.Content[i], e.Content[i+1]
		if !slices.Contains(costKeys, k.Value) {
			probs.Errorf(file, k.Line, "unknown key %q in a cost; known keys are %s%s", k.Value, strings.Join(costKeys, ", "), suggestion(k.Value, costKeys))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			probs.Errorf(file, v.Line, "%s must be a single value", k.Value)
			return u, false
		}
		f[k.Value] = v
	}
	val := func(k string) string {
		if v := f[k]; v != nil && !isNull(v) {
			return strings.TrimSpace(v.Value)
		}
		return ""
	}
	ok := true
	u.Type, u.Agency, u.Source, u.Year = val("type"), val("agency"), val("source"), val("year")
	switch {
	case u.Type == "":
		probs.Errorf(file, e.Line, "a cost needs type: one of the contact types in insight.yaml's journey.types")
		ok = false
	case !slices.Contains(s.typeIDs(), u.Type):
		probs.Errorf(file, f["type"].Line, "cost for %q, which is not a contact type declared in insight.yaml's journey.types%s", u.Type, suggestion(u.Type, s.typeIDs()))
		ok = false
	}
	if u.Agency != "" && !slices.Contains(s.Agencies, u.Agency) {
		probs.Errorf(file, f["agency"].Line, "agency %q is not a theme under the codebook's %s branch%s", u.Agency, s.AgencyBranch, suggestion(u.Agency, s.Agencies))
		ok = false
	}
	if cur := val("currency"); cur != "" && c.Currency != "" && !strings.EqualFold(cur, c.Currency) {
		probs.Errorf(file, f["currency"].Line, "this cost is in %s but the file's currency is %s: convert it, so costs can be added up", cur, c.Currency)
		ok = false
	}
	m, err := parseMoney(val("cost"))
	if err != nil {
		line := e.Line
		if f["cost"] != nil {
			line = f["cost"].Line
		}
		probs.Errorf(file, line, "%v", err)
		ok = false
	}
	u.Cost = m
	if u.Source == "" || u.Year == "" {
		probs.Warnf(file, e.Line, "the cost of %s says no source: or year:; every unit cost should say where it came from", u.Type)
	}
	key := [2]string{u.Agency, u.Type}
	if _, dup := c.byKey[key]; dup && ok {
		probs.Errorf(file, e.Line, "a second cost for %s: keep one", describeKey(u.Agency, u.Type))
		return u, false
	}
	if ok {
		c.byKey[key] = m
	}
	return u, ok
}

func describeKey(agency, typ string) string {
	if agency == "" {
		return typ + " (the default for every agency)"
	}
	return agency + " × " + typ
}

// parseMoney reads a non-negative amount with at most two decimals.
func parseMoney(s string) (Money, error) {
	if s == "" {
		return 0, fmt.Errorf("a cost needs cost: a number such as 245.50")
	}
	clean := strings.ReplaceAll(s, ",", "")
	x, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("cost %q is not a number: write it without a currency sign, e.g. 245.50", s)
	}
	if x < 0 {
		return 0, fmt.Errorf("cost %q is negative: a unit cost is what one contact costs, zero or more", s)
	}
	if x > 1e10 {
		return 0, fmt.Errorf("cost %q is too large for a unit cost", s)
	}
	return Money(math.Round(x * 100)), nil
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
