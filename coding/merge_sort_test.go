package coding

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortAppsMatchesSort: sorting the coded head on its own and merging
// it into the rule matches gives the order a sort of them all gives, for
// matches sorted or not and heads of every size.
func TestSortAppsMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	app := func() Application {
		return Application{Theme: []string{"a", "b", "c"}[r.IntN(3)], Start: r.IntN(50), End: 50 + r.IntN(5), Source: []string{"auto", "ann", "tom"}[r.IntN(3)], Line: r.IntN(3)}
	}
	for trial := range 300 {
		apps := make([]Application, r.IntN(40))
		for i := range apps {
			apps[i] = app()
		}
		coded := r.IntN(len(apps) + 1)
		if trial%2 == 0 { // rule matches as they mostly come: sorted
			slices.SortFunc(apps[coded:], compareApps)
		}
		want := slices.Clone(apps)
		slices.SortFunc(want, compareApps)
		sortApps(apps, coded)
		if !slices.Equal(apps, want) {
			t.Fatalf("trial %d (%d coded of %d): got %v, want %v", trial, coded, len(apps), apps, want)
		}
	}
}
