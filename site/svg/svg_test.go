package svg

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

const hostile = `<svg onload=alert(1)>`

// walk parses an SVG and returns its element names and every attribute name.
func walk(t *testing.T, s string) (elems, attrs map[string]bool) {
	t.Helper()
	elems, attrs = map[string]bool{}, map[string]bool{}
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			elems[se.Name.Local] = true
			for _, a := range se.Attr {
				attrs[a.Name.Local] = true
			}
		}
	}
}

func TestHostileLabelsStayText(t *testing.T) {
	c := Chart{ID: "c1", Title: hostile, Desc: hostile + ` & "quotes"`}
	charts := map[string]string{
		"bars":        string(Bars(c, []Bar{{Label: hostile, N: 1, Base: 2, Colour: `red" onclick="x`}, {Label: "ok", N: 0, Base: 0}})),
		"heat":        string(HeatMap(c, Heat{Rows: []string{hostile}, Cols: []string{hostile, "b"}, N: [][]int{{1, 2}}, Base: [][]int{{2, 0}}})),
		"heat-nobase": string(HeatMap(c, Heat{Rows: []string{hostile, "x"}, Cols: []string{"a"}, N: [][]int{{3}}})),
	}
	for name, s := range charts {
		elems, attrs := walk(t, s)
		for e := range elems {
			switch e {
			case "svg", "title", "desc", "g", "rect", "text":
			default:
				t.Errorf("%s: unexpected element <%s>", name, e)
			}
		}
		for a := range attrs {
			if strings.HasPrefix(a, "on") {
				t.Errorf("%s: event attribute %s", name, a)
			}
		}
		if strings.Count(s, "<svg") != 1 {
			t.Errorf("%s: a label opened an <svg>", name)
		}
		if !strings.Contains(s, "&lt;svg onload=alert(1)&gt;") {
			t.Errorf("%s: the hostile label is not shown as text", name)
		}
	}
}

func TestBarsSayNofNandPercent(t *testing.T) {
	s := string(Bars(Chart{ID: "b"}, []Bar{{Label: "Waiting", N: 14, Base: 18, Colour: "#0072b2"}}))
	if !strings.Contains(s, "14 of 18 (78%)") {
		t.Errorf("bar label: %s", s)
	}
	for _, tc := range []struct{ n, base, want int }{{0, 0, 0}, {1, 3, 33}, {2, 3, 67}, {1, 2, 50}, {1, 8, 13}, {18, 18, 100}} {
		if got := Percent(tc.n, tc.base); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.n, tc.base, got, tc.want)
		}
	}
}

// Numbers in heat-map cells must be readable on every shade: the text
// colour chosen has at least 7:1 contrast (WCAG AAA for text).
func TestHeatCellTextContrast(t *testing.T) {
	worst := 21.0
	for i := 0; i <= 100; i++ {
		fill, ink := Shade(float64(i) / 100)
		worst = min(worst, Contrast(fill, ink))
	}
	if worst < 7 {
		t.Errorf("worst cell text contrast %.2f:1, want ≥ 7:1", worst)
	}
	t.Logf("worst heat-map cell text contrast: %.2f:1", worst)
}

func TestContrastKnownValues(t *testing.T) {
	if c := Contrast("#000000", "#ffffff"); c < 20.99 || c > 21.01 {
		t.Errorf("black on white = %.3f, want 21", c)
	}
	if c := Contrast("#767676", "#ffffff"); c < 4.5 || c > 4.6 { // the well-known AA grey
		t.Errorf("#767676 on white = %.3f, want 4.54", c)
	}
}
