package site

import (
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

// markClass gives a piece covered by the given applications the classes of
// its themes' colours (see themeCSS): the first theme's class, then
// "-2", "-3"... for the next, one underline band each, up to maxBands.
// suggested says only keyword rules no person reviewed cover it; when a
// person's code covers it too, the suggestions add nothing to its look.
func (b *builder) markClass(apps []int) (class string, suggested bool) {
	suggested = true
	for _, i := range apps {
		if b.evidence[i] {
			suggested = false
		}
	}
	var ids []string
	for _, i := range apps {
		if id := b.in.Coded.Apps[i].Theme; (suggested || b.evidence[i]) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	var classes []string
	for _, id := range ids {
		r, ok := b.themeRef[id]
		if !ok || len(classes) == maxBands {
			continue
		}
		c := r.Class
		if n := len(classes); n > 0 {
			c += "-" + strconv.Itoa(n+1)
		}
		classes = append(classes, c)
	}
	return strings.Join(classes, " "), suggested
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

// roleClass is the class of a turn or quote by its speaker's role, for the
// roles style.css sets apart; a participant's (most turns) has none.
func roleClass(r corpus.Role) string {
	switch r {
	case corpus.RoleFacilitator:
		return "f"
	case corpus.RoleObserver:
		return "o"
	}
	return ""
}
