package site

import (
	"testing"

	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/themes"

	"github.com/residentinsight/insight/site/svg"
)

func TestPaletteDistinct(t *testing.T) {
	worst := 1000.0
	for i, a := range palette {
		if c := svg.Contrast(a, "#ffffff"); c < 3 {
			t.Errorf("palette %s has %.2f:1 against white; a swatch needs 3:1", a, c)
		}
		for _, b := range palette[i+1:] {
			worst = min(worst, deltaE(a, b))
		}
	}
	if worst < minDeltaE {
		t.Errorf("two palette colours are ΔE76 %.1f apart, want ≥ %d", worst, minDeltaE)
	}
	t.Logf("least ΔE76 between palette colours: %.1f", worst)
}

func TestDeltaEKnownValues(t *testing.T) {
	// White to black is L* 100 apart; a colour from itself 0.
	if d := deltaE("#ffffff", "#000000"); d < 99.9 || d > 100.1 {
		t.Errorf("ΔE white–black = %.2f, want 100", d)
	}
	if d := deltaE("#0072b2", "#0072b2"); d != 0 {
		t.Errorf("ΔE of a colour with itself = %v", d)
	}
}

// Near-identical codebook colours (the example's greys, two reds) are
// pulled apart: every pair a site uses is at least minDeltaE apart.
func TestAssignColoursKeepsDistance(t *testing.T) {
	given := []string{"#475467", "#344054", "#3f4a5c", "", "#b42318", "#b42418", "not a colour", "#abc"}
	for range 30 {
		given = append(given, "")
	}
	got := assignColours(given)
	if got[0] != "#475467" || got[4] != "#b42318" || got[7] != "#aabbcc" {
		t.Errorf("distinct codebook colours must be kept: %v", got)
	}
	for i := range got {
		for j := i + 1; j < len(got) && j < len(palette); j++ {
			if d := deltaE(got[i], got[j]); d < minDeltaE {
				t.Errorf("themes %d and %d: %s and %s are ΔE %.1f apart", i, j, got[i], got[j], d)
			}
		}
	}
}

// The example study's codebook colours include near-identical greys and
// reds; on its site every pair of theme colours is far enough apart.
func TestExampleColoursDistinct(t *testing.T) {
	cb, probs := themes.Load(example.Study(), "codebook.yaml", "codebook.yaml")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var given []string
	for _, th := range cb.All {
		given = append(given, th.Colour)
	}
	got := assignColours(given)
	worst, replaced := 1000.0, 0
	for i := range got {
		if got[i] != given[i] {
			replaced++
		}
		for j := i + 1; j < len(got); j++ {
			worst = min(worst, deltaE(got[i], got[j]))
		}
	}
	if worst < minDeltaE {
		t.Errorf("two of the example's %d theme colours are ΔE76 %.1f apart, want ≥ %d", len(got), worst, minDeltaE)
	}
	t.Logf("example: %d themes, %d codebook colours replaced, least ΔE76 %.1f", len(got), replaced, worst)
}
