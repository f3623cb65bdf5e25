package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

// markAttrs gives a piece covered by the given applications one class and
// one colour band per theme, and a title naming each theme and source.
// A piece covered only by rule suggestions no person reviewed gets the class
// "suggested" and a dashed underline instead of a tint.
func (b *builder) markAttrs(apps []int) (class string, style template.CSS, title string) {
	var ids, titles, colours []string
	suggested := true
	for _, i := range apps {
		if b.evidence[i] {
			suggested = false
		}
	}
	for _, i := range apps {
		a := b.in.Coded.Apps[i]
		if !suggested && !b.evidence[i] {
			continue // evidence decides the look; the suggestion adds nothing
		}
		src := sourceName(a.Source)
		if !b.evidence[i] {
			src = "keyword rule, not reviewed"
		}
		t := a.Theme + " (" + src + ")"
		if r, ok := b.themeRef[a.Theme]; ok {
			t = r.Name + " (" + src + ")"
		}
		if !slices.Contains(titles, t) {
			titles = append(titles, t)
		}
		if !slices.Contains(ids, a.Theme) {
			ids = append(ids, a.Theme)
			colours = append(colours, cmp.Or(b.colour[a.Theme], palette[len(palette)-1]))
		}
	}
	classes := []string{"code"}
	if suggested {
		classes = append(classes, "suggested")
	}
	for _, id := range ids {
		classes = append(classes, "t-"+safeName(id))
	}
	if suggested {
		return strings.Join(classes, " "), suggestStyle(colours), strings.Join(titles, "; ")
	}
	return strings.Join(classes, " "), markStyle(colours), strings.Join(titles, "; ")
}

func sourceName(s string) string {
	switch s {
	case coding.SourceInline:
		return s
	case coding.SourceAuto:
		return "keyword rule"
	}
	return "coder " + s
}

func roleName(r corpus.Role) string {
	if r < corpus.RoleParticipant || r > corpus.RoleObserver {
		return "unknown"
	}
	return r.String()
}
