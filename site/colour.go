package site

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

var hexColour = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// palette is 24 colours, each at least 3:1 against white (visible as a
// swatch or underline), chosen greedily from an sRGB grid to keep every pair
// far apart in CIELAB (ΔE76 ≥ 32; TestPaletteDistinct checks ≥ minDeltaE),
// starting from Okabe–Ito's vermilion, blue and green. Used for themes
// with no codebook colour or one too close to an earlier theme's.
var palette = [...]string{"#d55e00", "#0072b2", "#009e73", "#0000ff", "#ff00aa", "#664433", "#999900", "#8855dd",
	"#00aa00", "#ff1155", "#cc77aa", "#ee00ff", "#005555", "#335500", "#990044", "#dd7766",
	"#ff0000", "#991188", "#888899", "#885500", "#3388ff", "#664488", "#889966", "#991111"}

// minDeltaE is the least CIE76 distance kept between two themes' colours on
// a site: about where two swatches side by side stop being confusable.
const minDeltaE = 20

// assignColours gives each theme, in codebook order, its codebook colour
// unless that is within minDeltaE of a colour already given, and otherwise
// the first palette colour far enough from all of them (or, when none is,
// the farthest).
func assignColours(codebook []string) []string {
	out := make([]string, 0, len(codebook))
	far := func(c string) float64 {
		d := math.Inf(1)
		for _, o := range out {
			d = min(d, deltaE(c, o))
		}
		return d
	}
	for _, c := range codebook {
		c = strings.ToLower(strings.TrimSpace(c))
		if hexColour.MatchString(c) && len(c) == 4 {
			c = "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
		}
		if hexColour.MatchString(c) && far(c) >= minDeltaE {
			out = append(out, c)
			continue
		}
		best, bestD := palette[0], -1.0
		for _, p := range palette {
			if d := far(p); d >= minDeltaE {
				best = p
				break
			} else if d > bestD {
				best, bestD = p, d
			}
		}
		out = append(out, best)
	}
	return out
}

// deltaE is the CIE76 distance between two "#rrggbb" colours in CIELAB (D65).
func deltaE(a, b string) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

func lab(c string) [3]float64 {
	var r, g, b int
	fmt.Sscanf(strings.TrimPrefix(c, "#"), "%02x%02x%02x", &r, &g, &b)
	lin := func(v int) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	rl, gl, bl := lin(r), lin(g), lin(b)
	x := (0.4124*rl + 0.3576*gl + 0.1805*bl) / 0.95047
	y := 0.2126*rl + 0.7152*gl + 0.0722*bl
	z := (0.0193*rl + 0.1192*gl + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// themeColour returns the codebook colour if it is #rgb or #rrggbb, else a
// palette colour chosen by the theme's position. Validated again here
// (themes.Load checks too) because this text ends up in a style attribute.
func themeColour(c string, i int) string {
	c = strings.TrimSpace(c)
	if hexColour.MatchString(c) {
		return strings.ToLower(c)
	}
	return palette[i%len(palette)]
}

// maxBands bounds the underline bands one highlighted piece shows, one per
// theme coding it; the labels beside it name every theme.
const maxBands = 4

// themeCSS is the part of style.css that gives each theme its colour, so
// pages name a theme by a short class instead of repeating its colour
// inline: theme i of the codebook is class "t<i>", which sets --t for a
// swatch, label, highlight or the first underline band (and k<i>, for a
// keyword suggestion's label); "t<i>-2" ...
// "t<i>-<maxBands>" set --t2 ... for the further bands of a piece several
// themes code. Colours are validated again (only hex reaches CSS).
func themeCSS(colours []string) []byte {
	var b strings.Builder
	b.WriteString("/* Theme colours, generated from the codebook. */\n")
	for i, c := range colours {
		c = themeColour(c, len(palette)-1)
		n := strconv.Itoa(i)
		b.WriteString(".t" + n + ",.k" + n + "{--t:" + c + "}")
		for k := 2; k <= maxBands; k++ {
			b.WriteString(".t" + n + "-" + strconv.Itoa(k) + "{--t" + strconv.Itoa(k) + ":" + c + "}")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
