package agree

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomData makes units × coders with values below k and, when holes, some
// missing ratings.
func randomData(rng *rand.Rand, units, coders, k int, holes bool) Data {
	var d Data
	for range units {
		row := make([]int, coders)
		for c := range row {
			row[c] = rng.IntN(k)
			if holes && rng.Float64() < 0.2 {
				row[c] = Missing
			}
		}
		d.Units = append(d.Units, row)
	}
	return d
}

// correlated makes coders who mostly copy coder 0, so statistics have room
// to move between 0 and 1.
func correlated(rng *rand.Rand, units, coders, k int) Data {
	d := randomData(rng, units, coders, k, false)
	for _, row := range d.Units {
		for c := 1; c < coders; c++ {
			if rng.Float64() < 0.7 {
				row[c] = row[0]
			}
		}
	}
	return d
}

func stats(d Data) []Stat {
	return []Stat{PercentAgreement(d), CohenKappa(d), Alpha(d, Nominal), Alpha(d, Interval)}
}

func sameStats(a, b []Stat) bool {
	for i := range a {
		if a[i].Defined != b[i].Defined || (a[i].Defined && !near(a[i].Value, b[i].Value, 1e-9)) {
			return false
		}
	}
	return true
}

func TestIdenticalCodersGiveOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		coders := 2 + trial%3
		d := randomData(rng, 5+rng.IntN(40), 1, 2+rng.IntN(4), false)
		for i := range d.Units {
			v := d.Units[i][0]
			d.Units[i] = slices.Repeat([]int{v}, coders)
		}
		for i, s := range stats(d) {
			if i == 1 && coders != 2 {
				continue
			}
			if s.Defined && !near(s.Value, 1, 1e-12) {
				t.Fatalf("trial %d stat %d: identical coders give %v", trial, i, s)
			}
		}
	}
}

func TestSymmetricInCoderOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		coders := 2 + trial%3
		d := correlated(rng, 10+rng.IntN(50), coders, 2+rng.IntN(3))
		perm := rng.Perm(coders)
		var p Data
		for _, row := range d.Units {
			nr := make([]int, coders)
			for c := range row {
				nr[perm[c]] = row[c]
			}
			p.Units = append(p.Units, nr)
		}
		if a, b := stats(d), stats(p); !sameStats(a, b) {
			t.Fatalf("trial %d: coder order %v changed %v to %v", trial, perm, a, b)
		}
	}
}

func TestInvariantUnderRelabelling(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 50 {
		k := 2 + rng.IntN(4)
		d := correlated(rng, 10+rng.IntN(50), 2+trial%3, k)
		relabel := rng.Perm(k + 3)[:k] // distinct new labels, not 0..k-1
		var r Data
		for _, row := range d.Units {
			nr := make([]int, len(row))
			for c, v := range row {
				nr[c] = relabel[v]
			}
			r.Units = append(r.Units, nr)
		}
		// Interval alpha depends on the numbers by design; the nominal statistics must not.
		a, b := stats(d)[:3], stats(r)[:3]
		if !sameStats(a, b) {
			t.Fatalf("trial %d: relabelling %v changed %v to %v", trial, relabel, a, b)
		}
	}
}

// bruteAlpha is alpha's definition for two coders and no missing data,
// 1 - D_o/D_e, with both disagreements averaged over pairs of values
// directly: D_o over the two values of each unit, D_e over every pair of
// the 2N values pooled — no coincidence matrix.
func bruteAlpha(d Data, metric Metric) float64 {
	var do float64
	var all []int
	for _, row := range d.Units {
		do += metric.delta2(row[0], row[1])
		all = append(all, row[0], row[1])
	}
	do /= float64(len(d.Units))
	var de float64
	for i := range all {
		for j := range all {
			if i != j {
				de += metric.delta2(all[i], all[j])
			}
		}
	}
	de /= float64(len(all) * (len(all) - 1))
	return 1 - do/de
}

func TestAlphaEqualsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 100 {
		d := correlated(rng, 2+rng.IntN(60), 2, 2+rng.IntN(4))
		for _, metric := range []Metric{Nominal, Interval} {
			got := Alpha(d, metric)
			if !got.Defined {
				continue
			}
			if want := bruteAlpha(d, metric); !near(got.Value, want, 1e-9) {
				t.Fatalf("trial %d metric %d: alpha %v, brute force %v", trial, metric, got.Value, want)
			}
		}
	}
}

func TestIndependentCodersNearZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, coders := range []int{2, 3, 5} {
		d := randomData(rng, 4000, coders, 2, coders > 2)
		for i, s := range stats(d)[1:] {
			if s.Defined && !near(s.Value, 0, 0.05) {
				t.Errorf("%d independent coders: stat %d = %v, want near 0", coders, i+1, s)
			}
		}
		ci := AlphaCI(d, Nominal, Bootstrap{Seed: 3})
		if !ci.HasCI || ci.Low > 0 || ci.High < 0 {
			t.Errorf("%d independent coders: interval %v should contain 0", coders, ci)
		}
	}
}

// BenchmarkAlphaCI is one theme of a large study: 400,000 sentences, two
// coders, a few thousand coded. The bootstrap's cost does not grow with
// the number of units, since alike units are resampled as groups.
func BenchmarkAlphaCI(b *testing.B) {
	d := Data{Units: [][]int{{0, 0}, {1, 1}, {1, 0}, {0, 1}}, Counts: []int{396000, 2500, 800, 700}}
	for b.Loop() {
		AlphaCI(d, Nominal, Bootstrap{Seed: 1})
	}
}
