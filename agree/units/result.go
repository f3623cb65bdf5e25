package units

import (
	"github.com/residentinsight/insight/agree"
)

// Result is the agreement of a Set, per theme row and overall: what the
// command prints and the site shows, so both say the same.
type Result struct {
	Unit      string   `json:"unit"`
	Coders    []string `json:"coders"`
	Documents int      `json:"documents"` // documents every compared coder worked on
	Units     int      `json:"units"`     // units per theme
	Rows      []Row    `json:"themes"`
	// Overall pools every theme row: each (unit, theme) pair is one rating.
	Overall   Row             `json:"overall"`
	Bootstrap agree.Bootstrap `json:"-"`
}

// Row is one theme's agreement.
type Row struct {
	Theme   string        `json:"theme"` // "" for the overall row
	Depth   int           `json:"depth"`
	Coded   int           `json:"coded"` // units at least one coder applied the theme to
	Summary agree.Summary `json:"-"`
	Verdict string        `json:"verdict"`
}

// Seed is the bootstrap seed every agreement figure is drawn with, so the
// same study always prints the same intervals.
const Seed = 20110101

// Compute summarises a Set. Characters are not independent units, so they
// get no interval.
func Compute(s *Set, themeIDs []string, depths []int) Result {
	b := agree.Bootstrap{Replicates: 1000, Seed: Seed}
	if s.Kind == Character {
		b.Replicates = -1
	}
	res := Result{Unit: s.Kind.String(), Coders: s.Coders, Documents: len(s.Docs), Units: s.Units, Bootstrap: b}
	var pooled agree.Data
	for i, d := range s.Data {
		r := Row{Theme: themeIDs[i], Depth: depths[i], Summary: summarise(d, b), Coded: coded(d)}
		r.Verdict = agree.Verdict(r.Summary.Alpha)
		res.Rows = append(res.Rows, r)
		pooled.Units = append(pooled.Units, d.Units...)
		pooled.Counts = append(pooled.Counts, d.Counts...)
	}
	res.Overall = Row{Summary: summarise(pooled, b), Coded: coded(pooled)}
	res.Overall.Verdict = agree.Verdict(res.Overall.Summary.Alpha)
	return res
}

func summarise(d agree.Data, b agree.Bootstrap) agree.Summary {
	if b.Replicates < 0 {
		s := agree.Summary{Percent: agree.PercentAgreement(d), Kappa: agree.CohenKappa(d), Alpha: agree.Alpha(d, agree.Nominal)}
		s.Alpha.CIReason = "no interval: characters are not independent units"
		s.Units = unitsOf(d)
		return s
	}
	return agree.Summarise(d, b)
}

func unitsOf(d agree.Data) int {
	n := 0
	for _, c := range d.Counts {
		n += c
	}
	return n
}

// coded counts the units at least one coder rated 1.
func coded(d agree.Data) int {
	n := 0
	for u, row := range d.Units {
		for _, v := range row {
			if v == 1 {
				n += d.Counts[u]
				break
			}
		}
	}
	return n
}
