package browsertest

import (
	"cmp"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// axePages picks the pages axe checks from the built site, so a new family
// of pages is covered without editing this list: every page at the root
// and, in each folder, its index and the other page of median size (a
// typical page: axe's time grows with the page), and the longest theme
// page, for its compact list of quotes. The search page is checked
// showing results.
func axePages(t *testing.T) []string {
	var out []string
	others := map[string][]string{}
	size := func(p string) int64 {
		fi, err := os.Stat(filepath.Join(env.siteDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	for _, p := range pages(t) {
		dir := path.Dir(p)
		switch {
		case dir == ".":
			if p == "search.html" {
				p += "?q=assessment"
			}
			out = append(out, p)
		case path.Base(p) == "index.html":
			out = append(out, p)
		default:
			others[dir] = append(others[dir], p)
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(others)) {
		ps := others[dir]
		slices.SortStableFunc(ps, func(a, b string) int { return cmp.Compare(size(a), size(b)) })
		out = append(out, ps[len(ps)/2])
		if dir == "themes" {
			out = append(out, ps[len(ps)-1]) // the longest: its compact list of quotes, filter and all
		}
	}
	return out
}

type axeResult struct {
	Violations []struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Tags  []string `json:"tags"`
		Nodes []string `json:"nodes"`
	} `json:"violations"`
}

// TestAccessibility runs axe-core on a page of each kind at desktop and
// phone widths: no WCAG 2.1 A or AA violation; AAA findings are counted.
func TestAccessibility(t *testing.T) {
	if env.axe == "" {
		if os.Getenv("INSIGHT_REQUIRE_BROWSER") == "1" || os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatal("../shared/browser/axe.min.js is absent, and INSIGHT_REQUIRE_BROWSER or INSIGHT_REQUIRE_SHARED requires it")
		}
		t.Skip("../shared/browser/axe.min.js is absent: skipping the axe-core checks")
	}
	t.Parallel()
	// From the server: axe reads style sheets with XHR, which file:// forbids.
	tb := newTab(t, origins()[1].root)
	list := axePages(t)
	aaa := 0
	for _, width := range []int64{1280, 390} {
		if err := viewport(tb, width); err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			tb.open(t, p)
			if strings.HasPrefix(p, "search.html") {
				waitSearch(t, tb)
			}
			// Nothing of search may need sideways scrolling on a phone (WCAG
			// 1.4.10, which axe does not test): the header's box, the search page.
			wide := eval[[]string](t, tb, `[...document.querySelectorAll('.site-search *, #search-form *, #search-results *')]
				.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '#' + e.id)`)
			for _, w := range wide {
				t.Errorf("%d px %s: %s is wider than the window", width, p, w)
			}
			eval[any](t, tb, env.axe+";0")
			// AAA findings are counted once, at desktop width: they are not
			// required, and the contrast rules are most of axe's time.
			tags := "'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'"
			if width == 1280 {
				tags += ", 'wcag2aaa'"
			}
			r := eval[axeResult](t, tb, `axe.run(document, {runOnly: {type: 'tag', values: [`+tags+`]}, resultTypes: ['violations']})
				.then(r => ({violations: r.violations.map(v => ({id: v.id, help: v.help, tags: v.tags, nodes: v.nodes.map(n => n.target.join(' '))}))}))`)
			for _, v := range r.Violations {
				if isAAA(v.Tags) {
					aaa += len(v.Nodes)
					t.Logf("%d px %s: AAA %s (%d elements)", width, p, v.ID, len(v.Nodes))
					continue
				}
				t.Errorf("%d px %s: %s: %s (%d elements, e.g. %s)", width, p, v.ID, v.Help, len(v.Nodes), v.Nodes[0])
			}
			tb.check(t, p)
		}
	}
	t.Logf("axe-core: %d pages at 1280 and 390 px, no A or AA violation allowed; at 1280 px %d elements with WCAG AAA findings", len(list), aaa)
}

// isAAA reports whether a rule is only in the AAA set.
func isAAA(tags []string) bool {
	for _, tag := range tags {
		switch tag {
		case "wcag2a", "wcag2aa", "wcag21a", "wcag21aa":
			return false
		}
	}
	return true
}
