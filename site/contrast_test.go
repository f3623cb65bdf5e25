package site

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/residentinsight/insight/site/svg"
)

// TestContrast reads the colours style.css declares and checks body text,
// muted text and links against every background they sit on at WCAG AAA
// (7:1), and text over every palette colour's 22% highlight tint.
func TestContrast(t *testing.T) {
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	for _, v := range []string{"fg", "muted", "link", "bg", "note", "hl"} {
		if vars[v] == "" {
			t.Fatalf("style.css declares no --%s as #rrggbb", v)
		}
	}
	for _, text := range []string{"fg", "muted", "link"} {
		for _, bg := range []string{"bg", "note", "hl"} {
			if c := svg.Contrast(vars[text], vars[bg]); c < 7 {
				t.Errorf("--%s %s on --%s %s: %.2f:1, want ≥ 7:1", text, vars[text], bg, vars[bg], c)
			}
		}
	}
	worst := 21.0
	for _, p := range palette {
		tint := mix(p, vars["bg"], 0.22)
		worst = min(worst, svg.Contrast(vars["fg"], tint))
	}
	if worst < 7 {
		t.Errorf("body text on the palest-to-darkest 22%% highlight tint: worst %.2f:1, want ≥ 7:1", worst)
	}
	t.Logf("worst body text on a highlight tint: %.2f:1", worst)
}

// mix is color-mix(in srgb, a p, b): a at share p over b.
func mix(a, b string, p float64) string {
	var ar, ag, ab, br, bg, bb int
	fmt.Sscanf(a, "#%02x%02x%02x", &ar, &ag, &ab)
	fmt.Sscanf(b, "#%02x%02x%02x", &br, &bg, &bb)
	m := func(x, y int) int { return int(p*float64(x) + (1-p)*float64(y) + 0.5) }
	return fmt.Sprintf("#%02x%02x%02x", m(ar, br), m(ag, bg), m(ab, bb))
}
