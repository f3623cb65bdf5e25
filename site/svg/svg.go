// Package svg draws the site's charts as SVG text at build time, so pages
// need no chart script: horizontal bars with percentages and heat maps
// with the numbers in their cells. Every chart carries a <title> and a
// <desc> and is meant to sit beside a table holding the same numbers.
//
// Labels are untrusted (theme names, attribute values): they reach the
// SVG only through html/template's escaper, so markup in a name stays
// text. Colours must be validated "#rrggbb" by the caller; anything else
// is replaced by grey.
package svg

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Bar is one bar: N of Base, labelled.
type Bar struct {
	Label   string
	N, Base int
	Colour  string // "#rrggbb"
	Indent  int    // depth in the codebook, for child themes
}

// Chart is what every chart has: an id unique in its page (for the
// title and desc references), a title and a one or two sentence
// description of what it shows.
type Chart struct {
	ID, Title, Desc string
}

var hex = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func colour(c string) string {
	if hex.MatchString(c) {
		return c
	}
	return "#767676"
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// Percent is n of base as a whole percentage, rounded half up; 0 for no base.
// Site text and charts both use it, so they agree.
func Percent(n, base int) int {
	if base <= 0 {
		return 0
	}
	return (200*n + base) / (2 * base)
}

const (
	labelW = 310 // px for labels
	barW   = 300
	rowH   = 26
	font   = `font-family="system-ui,sans-serif" font-size="13"`
)

// clip shortens a label to n characters with an ellipsis; the full text is
// in the table beside the chart and in the row's <title>.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func open(b *strings.Builder, c Chart, w, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d" %s>`,
		w, h, w, h, esc(c.ID), esc(c.ID), font)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
}

// Bars draws one horizontal bar per item, its length the share N/Base,
// labelled "N of Base (P%)".
func Bars(c Chart, bars []Bar) template.HTML {
	var b strings.Builder
	h := rowH*len(bars) + 8
	w := labelW + barW + 130
	open(&b, c, w, h)
	for i, x := range bars {
		y := 4 + i*rowH
		p := Percent(x.N, x.Base)
		b.WriteString(`<g>`)
		fmt.Fprintf(&b, `<title>%s: %d of %d (%d%%)</title>`, esc(x.Label), x.N, x.Base, p)
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1b1b">%s</text>`, 4+12*x.Indent, y+17, esc(clip(x.Label, 42-2*x.Indent)))
		bw := 0.0
		if x.Base > 0 {
			bw = math.Round(float64(barW)*float64(x.N)/float64(x.Base)*10) / 10
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`, labelW, y+4, max(bw, 1), rowH-10, colour(x.Colour))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#1b1b1b">%d of %d (%d%%)</text>`, float64(labelW)+max(bw, 1)+6, y+17, x.N, x.Base, p)
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Heat is a grid of counts: Rows × Cols, each cell N of Base[row][col]
// when Base is given (the shade is then the share), else N shaded against
// the largest N.
type Heat struct {
	Rows, Cols []string
	N          [][]int
	Base       [][]int // optional, same shape as N
}

// HeatMap draws h as a grid of shaded cells with the number in each: "N"
// or, with bases, "N (P%)".
func HeatMap(c Chart, h Heat) template.HTML {
	const cellW, cellH, colLabelH = 78, 26, 110
	var b strings.Builder
	w := labelW + cellW*len(h.Cols) + 8
	ht := colLabelH + cellH*len(h.Rows) + 8
	open(&b, c, w, ht)
	for j, col := range h.Cols {
		x := labelW + j*cellW + cellW/2
		fmt.Fprintf(&b, `<text transform="translate(%d %d) rotate(-40)" fill="#1b1b1b">%s<title>%s</title></text>`, x, colLabelH-6, esc(clip(col, 16)), esc(col))
	}
	most := 1
	for _, row := range h.N {
		for _, n := range row {
			most = max(most, n)
		}
	}
	for i, row := range h.Rows {
		y := colLabelH + i*cellH
		fmt.Fprintf(&b, `<text x="4" y="%d" fill="#1b1b1b">%s<title>%s</title></text>`, y+17, esc(clip(row, 42)), esc(row))
		for j := range h.Cols {
			n := at(h.N, i, j)
			share := float64(n) / float64(most)
			label := fmt.Sprint(n)
			tip := fmt.Sprintf("%s × %s: %d", row, h.Cols[j], n)
			if h.Base != nil {
				base := at(h.Base, i, j)
				p := Percent(n, base)
				share = float64(p) / 100
				label = fmt.Sprintf("%d (%d%%)", n, p)
				tip = fmt.Sprintf("%s × %s: %d of %d (%d%%)", row, h.Cols[j], n, base, p)
			}
			fill, ink := Shade(share)
			fmt.Fprintf(&b, `<g><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ffffff"/>`,
				esc(tip), labelW+j*cellW, y, cellW, cellH, fill)
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" fill="%s">%s</text></g>`, labelW+j*cellW+cellW/2, y+17, ink, esc(label))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func at(m [][]int, i, j int) int {
	if i < len(m) && j < len(m[i]) {
		return m[i][j]
	}
	return 0
}

// Shade returns the fill for a share in [0, 1] on a pale-to-dark blue
// scale, and the text colour for it. The scale jumps over the middle
// lightness, where neither black nor white text reaches 7:1: the lower half
// runs pale to mid-light blue under black text, the upper half mid-dark to
// dark blue under white text.
func Shade(share float64) (fill, ink string) {
	share = min(max(share, 0), 1)
	lo, hi, ink := [3]float64{0xf4, 0xf7, 0xfb}, [3]float64{0x9f, 0xc0, 0xe6}, "#1b1b1b"
	t := share * 2
	if share >= 0.5 {
		lo, hi, ink = [3]float64{0x1f, 0x4f, 0x8a}, [3]float64{0x0b, 0x2e, 0x59}, "#ffffff"
		t = share*2 - 1
	}
	var c [3]int
	for k := range c {
		c[k] = int(math.Round(lo[k] + (hi[k]-lo[k])*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]), ink
}

// Contrast is the WCAG contrast ratio of two "#rrggbb" colours.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c string) float64 {
	var r, g, b int
	fmt.Sscanf(strings.TrimPrefix(c, "#"), "%02x%02x%02x", &r, &g, &b)
	lin := func(v int) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
