package site

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

var (
	// A sentence: an <a id> around its text, or a one-sentence turn's
	// <p id>, its text between the speaker's label and the theme labels.
	segSpan  = regexp.MustCompile(`<a id=([^ >]+)>(.*?)</a>|<p id=([^ >]+)[^>]*><b>.*?</b>(.*?)(?:<i[ >]|<span class=memo|\n)`)
	anyTag   = regexp.MustCompile(`<[^>]*>`)
	navLinks = regexp.MustCompile(`<a rel="(prev|next)" href="([^"]+)">`)
)

// TestTranscriptParts: a transcript longer than a part is split into
// pages of about partBytes of text, each linking to the one before and
// after; together they hold every segment of the unsplit page once, and
// every quote on a theme page links to the part holding its sentence.
func TestTranscriptParts(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
		file string
	}{
		{"many turns", func(t *testing.T) string { return genStudy(t, 1, 120) }, "int-000"},
		{"one turn on one line", func(t *testing.T) string { return oneTurnStudy(t, 40000) }, "long"},
	}
	const limit = 6000
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := load(t, tc.dir(t))
			whole := siteText(readSite(t, must(buildTo(t, in, Options{}))))
			paged := siteText(readSite(t, must(buildTo(t, in, Options{partBytes: limit}))))

			// Follow the next links from the first part.
			var parts []string
			seen := map[string]bool{}
			for p := tc.file + ".html"; p != ""; {
				if seen[p] {
					t.Fatalf("the parts link round in a circle at %s", p)
				}
				seen[p] = true
				page, ok := paged["transcripts/"+p]
				if !ok {
					t.Fatalf("transcripts/%s is linked but missing", p)
				}
				parts = append(parts, p)
				next, prev := "", ""
				for _, m := range navLinks.FindAllStringSubmatch(page, -1) {
					if m[1] == "next" {
						next = m[2]
					} else {
						prev = m[2]
					}
				}
				if want := ""; len(parts) > 1 {
					want = parts[len(parts)-2]
					if prev != want {
						t.Errorf("%s: previous part %q, want %q", p, prev, want)
					}
				}
				p = next
			}
			text := len(anyTag.ReplaceAllString(whole["transcripts/"+tc.file+".html"], ""))
			if len(parts) < 3 || len(parts) > text/limit+2 {
				t.Fatalf("%d parts for about %d bytes of text in parts of %d", len(parts), text, limit)
			}
			if n := len(filesUnder(readSite(t, must(buildTo(t, in, Options{partBytes: limit}))), "transcripts/"+tc.file)); n != len(parts) {
				t.Errorf("%d part files, %d reachable by next links", n, len(parts))
			}

			// The parts hold the whole page's segments, in order, each once.
			var joined strings.Builder
			for i, p := range parts {
				page := paged["transcripts/"+p]
				if !strings.Contains(page, fmt.Sprintf("Part %d of %d", i+1, len(parts))) {
					t.Errorf("%s does not say it is part %d of %d", p, i+1, len(parts))
				}
				joined.WriteString(page)
			}
			if got, want := segments(joined.String()), segments(whole["transcripts/"+tc.file+".html"]); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("the parts hold %d segments, the whole page %d, or in another order", len(got), len(want))
			}

			// Each quote (on theme, case and message pages) links to the
			// part with its anchor.
			links := 0
			for name, page := range paged {
				if strings.HasPrefix(name, "transcripts/") {
					continue
				}
				for _, m := range quoteLink.FindAllStringSubmatch(page, -1) {
					links++
					if !hasAnchor(paged["transcripts/"+m[1]], m[2]) {
						t.Errorf("%s links to %s#%s, which has no such anchor", name, m[1], m[2])
					}
				}
			}
			if links == 0 {
				t.Error("no quote links")
			}
		})
	}
}

// segments lists each segment's anchor and text in a transcript page.
func segments(page string) []string {
	var out []string
	for _, m := range segSpan.FindAllStringSubmatch(page, -1) {
		if m[1] == "" {
			m[1], m[2] = m[3], m[4]
		}
		out = append(out, m[1]+" "+html.UnescapeString(anyTag.ReplaceAllString(m[2], "")))
	}
	return out
}

func siteText(files map[string][]byte) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = string(v)
	}
	return out
}

// TestEverySentenceOnItsPage checks each transcript page against its
// document, independently of how the page marks sentences up: every
// visible sentence is there once, with its anchor and its own text, and a
// withheld turn's sentences are not.
func TestEverySentenceOnItsPage(t *testing.T) {
	for name, dir := range map[string]string{"testdata": "testdata/study", "generated": genStudy(t, 3, 30)} {
		in := load(t, dir)
		files := siteText(readSite(t, must(buildTo(t, in, Options{}))))
		checked := 0
		for _, doc := range in.Study.Documents {
			page, ok := files["transcripts/"+doc.ID+".html"]
			if !ok {
				continue // withheld whole, or not shown
			}
			got := map[string]int{}
			for _, s := range segments(page) {
				got[s]++
			}
			for _, seg := range doc.Segments {
				text := strings.TrimSpace(doc.Body[seg.Start:seg.End])
				want := segmentAnchor(seg.ID) + " " + text
				if doc.Turns[seg.Turn].Withheld {
					if strings.Contains(page, text) {
						t.Errorf("%s: %s shows withheld %q", name, doc.ID, text)
					}
					continue
				}
				checked++
				if got[want] != 1 {
					t.Errorf("%s: %s has %q %d times, want once", name, doc.ID, want, got[want])
				}
			}
		}
		if checked < 10 {
			t.Errorf("%s: %d sentences checked: the test proves little", name, checked)
		}
	}
}
