// Package agree owns inter-coder agreement statistics: percent agreement,
// Cohen's kappa and Krippendorff's alpha with a bootstrap confidence
// interval. It is pure: functions over units and the values coders gave
// them, with no knowledge of studies or files (package agree/units builds
// the units from a study). Where a statistic is undefined — one coder, no
// unit rated twice, no variation — it says why instead of giving a number.
package agree

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Missing is the value of a unit a coder did not rate.
const Missing = -1

// Data is reliability data: units × coders. Values are non-negative
// integers (category codes, or numbers for the interval metric).
type Data struct {
	// Units[u][c] is coder c's value for unit u, or Missing. Every row has
	// one entry per coder.
	Units [][]int
	// Counts[u], when set, is how many identical units row u stands for, so
	// a long run of uncoded units is one row. Nil means one each.
	Counts []int
}

// Coders is the number of coders (the width of the rows).
func (d Data) Coders() int {
	if len(d.Units) == 0 {
		return 0
	}
	return len(d.Units[0])
}

func (d Data) count(u int) int {
	if d.Counts == nil {
		return 1
	}
	return d.Counts[u]
}

// Validate reports rows of the wrong width, negative counts and values
// below Missing, so a caller's mistake is an error rather than a number.
func (d Data) Validate() error {
	if d.Counts != nil && len(d.Counts) != len(d.Units) {
		return fmt.Errorf("agree: %d counts for %d units", len(d.Counts), len(d.Units))
	}
	w := d.Coders()
	for u, row := range d.Units {
		if len(row) != w {
			return fmt.Errorf("agree: unit %d has %d ratings, unit 0 has %d", u, len(row), w)
		}
		for _, v := range row {
			if v < Missing {
				return fmt.Errorf("agree: unit %d has value %d; values are non-negative, or Missing", u, v)
			}
		}
		if d.count(u) < 0 {
			return fmt.Errorf("agree: unit %d has a negative count", u)
		}
	}
	return nil
}

// Stat is one statistic, or the reason it is undefined.
type Stat struct {
	Value   float64
	Defined bool
	Reason  string // why it is undefined; "" when Defined
	// Low and High bound a 95% bootstrap interval when HasCI (alpha only).
	Low, High float64
	HasCI     bool
	CIReason  string // why there is no interval, when one was asked for
}

func undefined(format string, args ...any) Stat {
	return Stat{Reason: fmt.Sprintf(format, args...)}
}

func value(v float64) Stat { return Stat{Value: v, Defined: true} }

// String is the value to three decimals, with its interval, or the reason.
func (s Stat) String() string {
	if !s.Defined {
		return "undefined: " + s.Reason
	}
	if s.HasCI {
		return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Value, s.Low, s.High)
	}
	return fmt.Sprintf("%.3f", s.Value)
}

// group is a set of units that rate alike: the same multiset of values.
// Every statistic here but kappa depends on a unit only through that
// multiset, so units are grouped once and the bootstrap resamples groups.
type group struct {
	values []int // sorted, Missing left out
	n      int   // units in the group
}

// groups collects the units with at least two ratings (the pairable ones).
func groups(d Data) []group {
	idx := map[string]int{}
	var out []group
	var key strings.Builder
	for u, row := range d.Units {
		c := d.count(u)
		if c == 0 {
			continue
		}
		vals := make([]int, 0, len(row))
		for _, v := range row {
			if v != Missing {
				vals = append(vals, v)
			}
		}
		if len(vals) < 2 {
			continue
		}
		slices.Sort(vals)
		key.Reset()
		for _, v := range vals {
			key.WriteString(strconv.Itoa(v))
			key.WriteByte(',')
		}
		k := key.String()
		if i, ok := idx[k]; ok {
			out[i].n += c
			continue
		}
		idx[k] = len(out)
		out = append(out, group{values: vals, n: c})
	}
	sort.Slice(out, func(i, j int) bool { return slices.Compare(out[i].values, out[j].values) < 0 })
	return out
}

// PercentAgreement is the share of agreeing pairs of ratings among all
// pairs of ratings of the same unit by two different coders. With two
// coders and no missing values it is the share of units they agree on.
func PercentAgreement(d Data) Stat {
	if d.Coders() < 2 {
		return undefined("agreement needs at least two coders")
	}
	gs := groups(d)
	if len(gs) == 0 {
		return undefined("no unit was rated by two coders")
	}
	ns := make([]int, len(gs))
	for i, g := range gs {
		ns[i] = g.n
	}
	return percentOf(gs, ns)
}

func percentOf(gs []group, ns []int) Stat {
	var agree, pairs float64
	for i, g := range gs {
		a, p := pairCounts(g.values)
		agree += float64(ns[i]) * a
		pairs += float64(ns[i]) * p
	}
	if pairs == 0 {
		return undefined("no unit was rated by two coders")
	}
	return value(agree / pairs)
}

// pairCounts counts the agreeing pairs and all pairs among a unit's values.
func pairCounts(vals []int) (agree, pairs float64) {
	m := len(vals)
	pairs = float64(m * (m - 1) / 2)
	for i := 0; i < m; {
		j := i
		for j < m && vals[j] == vals[i] {
			j++
		}
		r := j - i
		agree += float64(r * (r - 1) / 2)
		i = j
	}
	return agree, pairs
}

// CohenKappa is Cohen's (1960) kappa for exactly two coders over the units
// both rated: (po - pe) / (1 - pe), where pe comes from each coder's own
// distribution of values.
func CohenKappa(d Data) Stat {
	if d.Coders() != 2 {
		return undefined("Cohen's kappa compares exactly two coders; there are %d (see alpha)", d.Coders())
	}
	var n, same float64
	a, b := map[int]float64{}, map[int]float64{}
	for u, row := range d.Units {
		if row[0] == Missing || row[1] == Missing {
			continue
		}
		c := float64(d.count(u))
		n += c
		a[row[0]] += c
		b[row[1]] += c
		if row[0] == row[1] {
			same += c
		}
	}
	if n == 0 {
		return undefined("no unit was rated by both coders")
	}
	var pe float64
	for v, na := range a {
		pe += na / n * b[v] / n
	}
	if pe >= 1 {
		return undefined("both coders gave all %d units the same value, so agreement by chance is total", int(n))
	}
	return value((same/n - pe) / (1 - pe))
}

// Summary is every statistic of one set of ratings.
type Summary struct {
	Units   int  // units rated by at least two coders
	Percent Stat // percent agreement, as a proportion
	Kappa   Stat // Cohen's kappa; undefined unless there are two coders
	Alpha   Stat // Krippendorff's nominal alpha with its bootstrap interval
}

// Summarise computes the summary of d, drawing alpha's interval with b.
func Summarise(d Data, b Bootstrap) Summary {
	s := Summary{Percent: PercentAgreement(d), Kappa: CohenKappa(d), Alpha: AlphaCI(d, Nominal, b)}
	for _, g := range groups(d) {
		s.Units += g.n
	}
	return s
}

// Verdict is Krippendorff's reading of alpha in plain words: rely on a
// variable at 0.800 or more, draw only tentative conclusions from 0.667,
// and not rely on it below (Krippendorff 2004, Content Analysis, 2nd ed.,
// p. 241).
func Verdict(alpha Stat) string {
	switch {
	case !alpha.Defined:
		return "cannot tell"
	case alpha.Value >= 0.800:
		return "reliable"
	case alpha.Value >= 0.667:
		return "tentative"
	}
	return "unreliable"
}
