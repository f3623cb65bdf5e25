package agree

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Metric is how far apart two values are for alpha.
type Metric int

const (
	// Nominal: values are categories; any two different values disagree fully.
	Nominal Metric = iota
	// Interval: values are numbers; disagreement is their squared difference.
	Interval
)

// delta2 is the squared distance between two values under m.
func (m Metric) delta2(a, b int) float64 {
	if m == Interval {
		d := float64(a - b)
		return d * d
	}
	if a == b {
		return 0
	}
	return 1
}

// coincidences is each group's contribution to the coincidence matrix over
// the values used (Krippendorff 2011, section C): a unit of m pairable
// values adds 1/(m-1) for every ordered pair of values from two different
// coders.
type coincidences struct {
	values []int         // distinct values in use, sorted
	per    [][][]float64 // per group, a len(values)² matrix
}

func coincide(gs []group) coincidences {
	var vals []int
	for _, g := range gs {
		vals = append(vals, g.values...)
	}
	slices.Sort(vals)
	vals = slices.Compact(vals)
	at := map[int]int{}
	for i, v := range vals {
		at[v] = i
	}
	cs := coincidences{values: vals, per: make([][][]float64, len(gs))}
	for gi, g := range gs {
		o := square(len(vals))
		w := 1 / float64(len(g.values)-1)
		for i, a := range g.values {
			for j, b := range g.values {
				if i != j {
					o[at[a]][at[b]] += w
				}
			}
		}
		cs.per[gi] = o
	}
	return cs
}

func square(n int) [][]float64 {
	o := make([][]float64, n)
	for i := range o {
		o[i] = make([]float64, n)
	}
	return o
}

// alphaOf computes alpha from the groups weighted by ns:
// 1 - (n-1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck (Krippendorff 2011, section C).
func (cs coincidences) alphaOf(ns []int, m Metric) Stat {
	k := len(cs.values)
	o := square(k)
	for g, per := range cs.per {
		if ns[g] == 0 {
			continue
		}
		w := float64(ns[g])
		for i := range k {
			for j := range k {
				o[i][j] += w * per[i][j]
			}
		}
	}
	return alphaFromMatrix(cs.values, o, m)
}

// alphaFromMatrix is alpha given a coincidence matrix o over values.
func alphaFromMatrix(values []int, o [][]float64, m Metric) Stat {
	k := len(values)
	nc := make([]float64, k)
	var n float64
	for i := range k {
		for j := range k {
			nc[i] += o[i][j]
		}
		n += nc[i]
	}
	if n < 2 {
		return undefined("no unit was rated by two coders")
	}
	var do, de float64
	for i := range k {
		for j := range k {
			d := m.delta2(values[i], values[j])
			do += o[i][j] * d
			de += nc[i] * nc[j] * d
		}
	}
	if de == 0 {
		return undefined("every rating has the same value, so there is no variation to agree on (all %.0f pairable ratings alike)", n)
	}
	return value(1 - (n-1)*do/de)
}

// Alpha is Krippendorff's alpha for any number of coders, with missing
// ratings allowed: units rated by fewer than two coders are left out.
func Alpha(d Data, m Metric) Stat {
	if d.Coders() < 2 {
		return undefined("alpha needs at least two coders")
	}
	gs := groups(d)
	if len(gs) == 0 {
		return undefined("no unit was rated by two coders")
	}
	ns := make([]int, len(gs))
	for i, g := range gs {
		ns[i] = g.n
	}
	return coincide(gs).alphaOf(ns, m)
}

// Bootstrap chooses how the confidence interval of alpha is drawn.
type Bootstrap struct {
	Replicates int    // resamples; 0 means 1000
	Seed       uint64 // the same seed gives the same interval
}

// maxUndefined is the share of resamples allowed to have no variation
// before the interval is withheld: past it, the interval would describe
// only the resamples that happened to include the rare coded units.
const maxUndefined = 0.05

// AlphaCI is Alpha with a 95% percentile bootstrap interval. The bootstrap
// resamples the pairable units with replacement, as Hayes & Krippendorff
// (2007) and Zapf et al. (2016) do, and recomputes alpha for each resample.
// Units that rate alike are resampled as groups: a multinomial draw of how
// many of each group a resample holds is the same distribution as drawing
// units one by one, at a cost that does not grow with the number of units.
func AlphaCI(d Data, m Metric, b Bootstrap) Stat {
	st := Alpha(d, m)
	if !st.Defined {
		return st
	}
	gs := groups(d)
	cs := coincide(gs)
	reps := b.Replicates
	if reps <= 0 {
		reps = 1000
	}
	rng := rand.New(rand.NewPCG(b.Seed, 0x9e3779b97f4a7c15))
	total := 0
	for _, g := range gs {
		total += g.n
	}
	ns := make([]int, len(gs))
	var vals []float64
	for range reps {
		multinomial(rng, total, gs, ns)
		if s := cs.alphaOf(ns, m); s.Defined {
			vals = append(vals, s.Value)
		}
	}
	if undef := reps - len(vals); float64(undef) > maxUndefined*float64(reps) {
		st.CIReason = fmt.Sprintf("no interval: %d of %d resamples had no variation (too few units were coded differently)", undef, reps)
		return st
	}
	slices.Sort(vals)
	st.Low, st.High, st.HasCI = quantile(vals, 0.025), quantile(vals, 0.975), true
	return st
}

// multinomial draws how many of total units come from each group, each
// group's chance its share of the units, by successive binomial draws.
func multinomial(rng *rand.Rand, total int, gs []group, ns []int) {
	left, leftN := total, total
	for i, g := range gs {
		switch {
		case left == 0:
			ns[i] = 0
		case i == len(gs)-1 || g.n >= leftN:
			ns[i] = left
		default:
			ns[i] = int(distuv.Binomial{N: float64(left), P: float64(g.n) / float64(leftN), Src: rng}.Rand())
		}
		left -= ns[i]
		leftN -= g.n
	}
}

// quantile interpolates linearly between order statistics of sorted vals
// (Hyndman and Fan's type 7, the default of R and NumPy).
func quantile(vals []float64, p float64) float64 {
	if len(vals) == 0 {
		return math.NaN()
	}
	h := p * float64(len(vals)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(vals) {
		return vals[len(vals)-1]
	}
	return vals[lo] + (h-float64(lo))*(vals[lo+1]-vals[lo])
}
