package agree

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

const m = Missing

// krippendorff2011 is the reliability data of Krippendorff, K. (2011).
// Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania, section C ("Nominal data, any
// number of observers, missing data"): four observers, twelve units, values
// 1–5, blanks where an observer gave no value. Transposed here to units ×
// observers (A, B, C, D).
var krippendorff2011 = [][]int{
	{1, 1, m, 1},
	{2, 2, 3, 2},
	{3, 3, 3, 3},
	{3, 3, 3, 3},
	{2, 2, 2, 2},
	{1, 2, 3, 4},
	{4, 4, 4, 4},
	{1, 1, 2, 1},
	{2, 2, 2, 2},
	{m, 5, 5, 5},
	{m, m, 1, 1},
	{m, 3, m, m},
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// The published values: nominal alpha = 0.743 (section C), interval alpha =
// 0.849 (section E, same data).
func TestAlphaKrippendorff2011(t *testing.T) {
	d := Data{Units: krippendorff2011}
	for _, tc := range []struct {
		metric Metric
		want   float64
	}{{Nominal, 0.743}, {Interval, 0.849}} {
		got := Alpha(d, tc.metric)
		if !got.Defined || !near(got.Value, tc.want, 0.0005) {
			t.Errorf("metric %d: alpha = %v, want %.3f as published", tc.metric, got, tc.want)
		}
	}
}

// The coincidence matrix Krippendorff (2011, section C) prints for the
// example: n = 40 pairable values, n_c = 9, 13, 10, 5, 3 for values 1–5.
func TestCoincidencesKrippendorff2011(t *testing.T) {
	cs := coincide(groups(Data{Units: krippendorff2011}))
	gs := groups(Data{Units: krippendorff2011})
	o := square(len(cs.values))
	for g := range gs {
		for i := range o {
			for j := range o {
				o[i][j] += float64(gs[g].n) * cs.per[g][i][j]
			}
		}
	}
	wantN := []float64{9, 13, 10, 5, 3}
	for i := range o {
		var row float64
		for j := range o {
			row += o[i][j]
		}
		if !near(row, wantN[i], 1e-9) {
			t.Errorf("n_%d = %v, want %v", cs.values[i], row, wantN[i])
		}
	}
	// o_11 = 7 and o_12 = 4/3 are printed in the matrix.
	if !near(o[0][0], 7, 1e-9) || !near(o[0][1], 4.0/3, 1e-9) {
		t.Errorf("o_11 = %v, o_12 = %v; want 7 and 4/3", o[0][0], o[0][1])
	}
}

// fleiss2003 is the two-rater table of Fleiss, J. L., Levin, B. & Paik,
// M. C. (2003). Statistical Methods for Rates and Proportions, 3rd ed.,
// Wiley, Table 18.1: 100 subjects diagnosed by two raters as psychotic (0),
// neurotic (1) or organic (2). Rows are rater A, columns rater B. The book
// works it to p_o = 0.89, p_e = 0.66, kappa = 0.68 (0.676 unrounded).
var fleiss2003 = [3][3]int{
	{75, 1, 4},
	{5, 4, 1},
	{0, 0, 10},
}

func fromTable(tab [3][3]int) Data {
	var d Data
	for a := range tab {
		for b := range tab[a] {
			d.Units = append(d.Units, []int{a, b})
			d.Counts = append(d.Counts, tab[a][b])
		}
	}
	return d
}

func expand(d Data) Data {
	var out Data
	for u, row := range d.Units {
		for range d.count(u) {
			out.Units = append(out.Units, slices.Clone(row))
		}
	}
	return out
}

func TestKappaFleiss2003(t *testing.T) {
	for name, d := range map[string]Data{"counted": fromTable(fleiss2003), "one row per subject": expand(fromTable(fleiss2003))} {
		k := CohenKappa(d)
		want := (0.89 - 0.66) / (1 - 0.66)
		if !k.Defined || !near(k.Value, want, 1e-12) || !near(k.Value, 0.676, 0.0005) {
			t.Errorf("%s: kappa = %v, want %.4f", name, k, want)
		}
		if p := PercentAgreement(d); !near(p.Value, 0.89, 1e-12) {
			t.Errorf("%s: percent agreement = %v, want 0.89", name, p)
		}
	}
}

func TestUndefined(t *testing.T) {
	one := Data{Units: [][]int{{1}, {0}, {1}}}
	same := Data{Units: [][]int{{1, 1}, {1, 1}, {1, 1}}}
	lonely := Data{Units: [][]int{{1, m}, {m, 0}}}
	for name, tc := range map[string]struct {
		d     Data
		stats []Stat
	}{
		"one coder":                  {one, []Stat{PercentAgreement(one), CohenKappa(one), Alpha(one, Nominal)}},
		"no variation":               {same, []Stat{CohenKappa(same), Alpha(same, Nominal), AlphaCI(same, Nominal, Bootstrap{})}},
		"no unit rated by two":       {lonely, []Stat{PercentAgreement(lonely), CohenKappa(lonely), Alpha(lonely, Nominal)}},
		"no units":                   {Data{}, []Stat{PercentAgreement(Data{}), Alpha(Data{}, Nominal)}},
		"three coders have no kappa": {Data{Units: [][]int{{1, 0, 1}}}, []Stat{CohenKappa(Data{Units: [][]int{{1, 0, 1}}})}},
	} {
		for i, s := range tc.stats {
			if s.Defined || s.Reason == "" || math.IsNaN(s.Value) {
				t.Errorf("%s, stat %d: %+v; want undefined with a reason", name, i, s)
			}
		}
	}
	// Full agreement with no variation is still 100% agreement.
	if p := PercentAgreement(same); !p.Defined || p.Value != 1 {
		t.Errorf("percent agreement with no variation = %v, want 1", p)
	}
}

func TestValidate(t *testing.T) {
	for _, d := range []Data{
		{Units: [][]int{{1, 0}, {1}}},
		{Units: [][]int{{1, -2}}},
		{Units: [][]int{{1, 0}}, Counts: []int{1, 2}},
		{Units: [][]int{{1, 0}}, Counts: []int{-1}},
	} {
		if d.Validate() == nil {
			t.Errorf("%+v: no error", d)
		}
	}
	if err := (Data{Units: krippendorff2011}).Validate(); err != nil {
		t.Error(err)
	}
}

func TestAlphaCIDeterministicAndCovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var d Data
	for range 300 {
		a := rng.IntN(2)
		b := a
		if rng.Float64() < 0.15 {
			b = 1 - a
		}
		d.Units = append(d.Units, []int{a, b})
	}
	s1 := AlphaCI(d, Nominal, Bootstrap{Seed: 1})
	s2 := AlphaCI(d, Nominal, Bootstrap{Seed: 1})
	if s1 != s2 {
		t.Errorf("same seed, different results: %v and %v", s1, s2)
	}
	if !s1.HasCI || !(s1.Low < s1.Value && s1.Value < s1.High) || s1.High-s1.Low > 0.25 {
		t.Errorf("interval %v does not sit around the estimate", s1)
	}
	if s3 := AlphaCI(d, Nominal, Bootstrap{Seed: 2}); s3.Low == s1.Low && s3.High == s1.High {
		t.Errorf("another seed gave the same interval %v", s3)
	}
	// Grouping units by their values changes nothing.
	if s4 := AlphaCI(expand(groupedCopy(d)), Nominal, Bootstrap{Seed: 1}); s4 != s1 {
		t.Errorf("grouped data: %v, ungrouped %v", s4, s1)
	}
}

func groupedCopy(d Data) Data {
	var out Data
	for _, row := range d.Units {
		out.Units = append(out.Units, slices.Clone(row))
		out.Counts = append(out.Counts, 1)
	}
	return out
}

// A theme coded in one unit of many leaves most resamples without it, so
// there is no honest interval.
func TestAlphaCIRareTheme(t *testing.T) {
	d := Data{Units: [][]int{{0, 0}, {1, 1}, {1, 0}}, Counts: []int{500, 1, 1}}
	s := AlphaCI(d, Nominal, Bootstrap{Seed: 1})
	if !s.Defined || s.HasCI || s.CIReason == "" {
		t.Errorf("rare theme: %+v; want alpha without an interval, with a reason", s)
	}
}

func TestQuantile(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5}
	for p, want := range map[float64]float64{0: 1, 1: 5, 0.5: 3, 0.25: 2, 0.1: 1.4} {
		if got := quantile(v, p); !near(got, want, 1e-12) {
			t.Errorf("quantile(%v) = %v, want %v", p, got, want)
		}
	}
}
