package site

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

var hexColour = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// palette is the Okabe–Ito colour-blind-safe set, used for themes whose
// codebook colour is missing or not a plain hex colour.
var palette = [...]string{"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"}

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

// markStyle is the inline style of a highlighted piece covered by the given
// (already validated) colours: a tint of the first as background, and one
// underline band per colour so overlapping codes stay visible.
func markStyle(colours []string) template.CSS {
	if len(colours) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("background:color-mix(in srgb," + themeColour(colours[0], len(palette)-1) + " 22%,transparent);box-shadow:")
	for i, c := range colours {
		c = themeColour(c, len(palette)-1) // belt and braces: only hex reaches CSS
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("inset 0 -" + strconv.Itoa(3*(i+1)) + "px 0 " + c)
	}
	return template.CSS(b.String())
}

// suggestStyle marks text only keyword rules coded: a dashed underline in
// the first theme's colour and no tint, so it never looks like a person's code.
func suggestStyle(colours []string) template.CSS {
	if len(colours) == 0 {
		return ""
	}
	return template.CSS("border-bottom:2px dashed " + themeColour(colours[0], len(palette)-1))
}
