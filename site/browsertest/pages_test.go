package browsertest

import (
	"net/url"
	"strings"
	"testing"
)

// pageFacts is what a page tells about its links and anchors.
type pageFacts struct {
	Links []string `json:"links"` // absolute hrefs of every <a>, <link> and <script src>
	IDs   []string `json:"ids"`
}

const factsJS = `({
	links: [...document.querySelectorAll('a[href], link[href], script[src]')].map(e => e.href || e.src),
	ids: [...document.querySelectorAll('[id]')].map(e => e.id),
})`

// TestPages opens every page of the example site, from disk and from a
// server, with no console error and no request leaving the site, and
// checks that every link and #anchor on it resolves. The search page is
// opened with a query so its result links are checked too.
func TestPages(t *testing.T) {
	list := pages(t)
	if len(list) < 10 {
		t.Fatalf("the example site has only %d pages", len(list))
	}
	for _, o := range origins() {
		t.Run(o.name, func(t *testing.T) {
			t.Parallel() // each in its own tab; they wait on the browser more than on the CPU
			tb := newTab(t, o.root)
			facts := map[string]pageFacts{} // page URL without query -> facts
			for _, p := range list {
				if p == "search.html" {
					p += "?q=assessment"
				}
				tb.open(t, p)
				if strings.HasPrefix(p, "search.html") {
					if state := waitSearch(t, tb); state != "done" {
						t.Errorf("search.html: search ended %q", state)
					}
				}
				tb.check(t, p)
				u, _ := url.Parse(o.root + p)
				u.RawQuery = ""
				facts[u.String()] = eval[pageFacts](t, tb, factsJS)
			}
			checkLinks(t, o.root, facts)
		})
	}
}

func checkLinks(t *testing.T, root string, facts map[string]pageFacts) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for p, f := range facts {
		ids[p] = map[string]bool{}
		for _, id := range f.IDs {
			ids[p][id] = true
		}
	}
	checked, anchors := 0, 0
	for p, f := range facts {
		for _, link := range f.Links {
			if strings.HasPrefix(link, "data:") {
				continue // inline, e.g. the empty favicon: no request
			}
			if !strings.HasPrefix(link, root) {
				t.Errorf("%s links outside the site: %s", p, link)
				continue
			}
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %s", p, link)
				continue
			}
			frag := u.Fragment
			u.Fragment, u.RawQuery = "", ""
			target := u.String()
			checked++
			if !strings.HasSuffix(target, ".html") {
				continue // style sheets and scripts: TestPages saw them load
			}
			known, ok := ids[target]
			if !ok {
				t.Errorf("%s links to %s, which is not a page of the site", p, link)
				continue
			}
			if frag != "" {
				anchors++
				if !known[frag] {
					t.Errorf("%s links to #%s, which %s does not have", p, frag, target)
				}
			}
		}
	}
	if anchors == 0 {
		t.Error("no #anchor links checked: the test is looking in the wrong place")
	}
	t.Logf("%d links checked, %d to anchors, on %d pages", checked, anchors, len(facts))
}

// TestQuoteLink follows a theme page's quote link: the quoted sentence must
// be on screen with its speaker's label. A link of the page's compact list
// lands on the transcript's list of the theme's quotes, which must be on
// screen; its last quote link is followed in turn (the second click).
func TestQuoteLink(t *testing.T) {
	tb := newTab(t, origins()[0].root)
	listed := false
	for _, p := range pages(t) {
		if !strings.HasPrefix(p, "themes/") {
			continue
		}
		tb.open(t, p)
		hrefs := eval[[]string](t, tb, `[...document.querySelectorAll('main a[href*="transcripts/"][href*="#"]')].map(a => a.href)`)
		if len(hrefs) == 0 {
			continue
		}
		// The last quote of the page: likely deep in its transcript.
		href := hrefs[len(hrefs)-1]
		if err := chromedpNavigate(tb, href); err != nil {
			t.Fatal(err)
		}
		type item struct {
			Found, OnScreen bool
			Last            string
		}
		it := eval[item](t, tb, `(() => {
			const li = document.querySelector('.qi li:target');
			if (!li) return {Found: false};
			const r = li.getBoundingClientRect(), links = li.querySelectorAll('a[href*="#"]');
			return {Found: true, OnScreen: r.top >= 0 && r.top < innerHeight, Last: links.length ? links[links.length-1].href : ''};
		})()`)
		if it.Found {
			listed = true
			if !it.OnScreen || it.Last == "" {
				t.Errorf("%s: the theme's quotes are off screen or link none: %+v", href, it)
			}
			href = it.Last
			if err := chromedpNavigate(tb, href); err != nil {
				t.Fatal(err)
			}
		}
		type box struct {
			Found                bool
			SegTop, SegBottom, H float64
			WhoTop, WhoBottom    float64
			Speaker              string
		}
		b := eval[box](t, tb, `(() => {
			const seg = document.querySelector(':target');
			if (!seg || !seg.closest('.tx > p')) return {Found: false};
			const who = seg.closest('.tx > p').querySelector(':scope > b'); // the turn's speaker
			const r = seg.getBoundingClientRect(), w = who.getBoundingClientRect();
			return {Found: true, SegTop: r.top, SegBottom: r.bottom, H: innerHeight, WhoTop: w.top, WhoBottom: w.bottom, Speaker: who.textContent};
		})()`)
		if !b.Found {
			t.Fatalf("%s: no sentence is the link's target", href)
		}
		if b.SegTop < 0 || b.SegBottom > b.H {
			t.Errorf("%s: the quoted sentence is off screen (top %.0f, bottom %.0f, window %.0f)", href, b.SegTop, b.SegBottom, b.H)
		}
		if b.WhoTop < 0 || b.WhoBottom > b.H {
			t.Errorf("%s: the speaker's label %q is off screen (top %.0f)", href, b.Speaker, b.WhoTop)
		}
		tb.check(t, href)
		if listed {
			return
		}
	}
	if !listed {
		t.Fatal("no theme page lists a transcript's quotes")
	}
}
