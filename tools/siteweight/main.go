// Command siteweight attributes a built site's bytes to what they carry —
// sentence anchors, marks, theme labels, speaker labels, text, quote
// captions, memo pages' words, notes and markup, the search files'
// encoding overhead — so a change to the markup can be judged by what it
// saves:
//
//	go run ./tools/siteweight SITE
//
// It is a developer tool, not part of the insight CLI. It reads the markup
// insight writes (site/html.go, site/themepage.go); it is not a general
// HTML parser.
package main

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/residentinsight/insight/site/search"
)

type tally map[string]int64

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/siteweight SITE")
		os.Exit(2)
	}
	root := os.Args[1]
	t := tally{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		dir := filepath.Dir(rel)
		switch {
		case dir == "search" && strings.HasSuffix(rel, ".js") && rel != "search/search.js":
			searchFile(t, data)
		case dir == "transcripts" && rel != "transcripts/index.html":
			transcript(t, string(data))
		case dir == "themes":
			themePage(t, string(data))
		case dir == "." && strings.HasPrefix(rel, "memos-"):
			memoPage(t, string(data))
		default:
			t["other/"+rel] += int64(len(data))
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	print(t)
}

// searchFile splits a packed search file into the deflate bytes it
// carries, the text encoding's overhead and the script call around it.
func searchFile(t tally, data []byte) {
	j := strings.LastIndexByte(string(data), '"') // the text has no quotes; the key may
	i := strings.LastIndexByte(string(data[:max(j, 0)]), '"')
	if i < 0 || j <= i {
		t["search/unrecognised"] += int64(len(data))
		return
	}
	enc := int64(j - i - 1)
	z, err := search.Deflated(data)
	// A site built before search files were base-92 holds base64, whose
	// digits are base-92 digits too: base64 text is 4-aligned and has
	// none of base-92's other digits.
	if b, err64 := base64.StdEncoding.DecodeString(string(data[i+1 : j])); err64 == nil {
		z, err = b, nil
	}
	if err != nil {
		t["search/unrecognised"] += int64(len(data))
		return
	}
	t["search/deflate payload"] += int64(len(z))
	t["search/encoding overhead"] += enc - int64(len(z))
	t["search/script call"] += int64(len(data)) - enc
}

var (
	tagRe    = regexp.MustCompile(`<[^>]*>`)
	anchorRe = regexp.MustCompile(`^<a id=[^>]*>$`)
	pID      = regexp.MustCompile(` id=[^ >]+`)
)

// transcript attributes a transcript page: everything outside the
// transcript's <div class="tx"> is page chrome (head, navigation, the
// people panel, the theme legend).
func transcript(t tally, page string) {
	lo := strings.Index(page, `<div class="tx">`)
	hi := strings.LastIndex(page, "</div>")
	if lo < 0 || hi < lo {
		t["transcripts/chrome"] += int64(len(page))
		return
	}
	chrome := lo + len(page) - hi
	// The list of the transcript's quotes by theme, where theme pages link.
	if i := strings.Index(page[hi:], "<section aria-labelledby=passages>"); i >= 0 {
		if j := strings.Index(page[hi+i:], "</section>"); j >= 0 {
			t["transcripts/quotes by theme (after the text)"] += int64(j + len("</section>"))
			chrome -= j + len("</section>")
		}
	}
	t["transcripts/chrome"] += int64(chrome)
	tx := page[lo:hi]
	w := &txWeigher{t: t}
	pos := 0
	for _, m := range tagRe.FindAllStringIndex(tx, -1) {
		w.text(tx[pos:m[0]])
		w.tag(tx[m[0]:m[1]])
		pos = m[1]
	}
	w.add("text", len(tx)-pos)
}

// txWeigher sorts a transcript's bytes by kind. Each element's kind is set
// by its opening tag; a closing tag takes the kind of the element it closes.
type txWeigher struct {
	t     tally
	stack []string
}

func (w *txWeigher) add(kind string, n int) { w.t["transcripts/"+kind] += int64(n) }

// inside is the innermost open element of one of kinds, or "".
func (w *txWeigher) inside(kinds ...string) string {
	for i := len(w.stack) - 1; i >= 0; i-- {
		for _, k := range kinds {
			if w.stack[i] == k {
				return k
			}
		}
	}
	return ""
}

// text weighs the text between two tags by the element it is in.
func (w *txWeigher) text(text string) {
	switch k := w.inside("label", "memo", "speaker", "withheld"); k {
	case "label":
		// A label names its coders in brackets when they are not all
		// the transcript's (site/html.go's labels).
		if i := strings.LastIndex(text, " ("); i >= 0 && strings.HasSuffix(text, ")") {
			w.add("label coders (in brackets)", len(text)-i)
			text = text[:i]
		}
		w.add("label names", len(text))
	case "":
		ws := len(text) - len(strings.TrimLeft(text, "\n"))
		w.add("newlines between turns", ws)
		w.add("text", len(text)-ws-escapes(text))
		w.add("text escapes (&amp; …)", escapes(text))
	case "speaker":
		w.add("speaker names", len(text))
	default:
		w.add(k, len(text))
	}
}

// tag weighs one tag and opens or closes its element.
func (w *txWeigher) tag(tag string) {
	name := tagName(tag)
	if strings.HasPrefix(tag, "</") {
		kind := "other tags"
		if n := len(w.stack); n > 0 {
			kind = w.stack[n-1]
			w.stack = w.stack[:n-1]
		}
		w.add(kindMarkup(kind), len(tag))
		return
	}
	var kind string
	switch {
	case anchorRe.MatchString(tag):
		kind = "sentence anchors"
	case name == "mark" || name == "u":
		kind = "marks"
	case name == "i":
		kind = "label"
		if k := strings.Index(tag, ` title="`); k >= 0 {
			w.add("label titles (coders)", len(tag)-k-1)
			w.add(kindMarkup(kind), k+1)
			w.stack = append(w.stack, kind)
			return
		}
	case strings.Contains(tag, `class="memo"`), strings.Contains(tag, `class=memo`):
		kind = "memo"
	case name == "p" && strings.Contains(tag, "class=wh"):
		kind = "withheld"
	case name == "p":
		kind = "paragraphs"
		if id := pID.FindString(tag); id != "" { // a one-sentence turn's anchor
			w.add("sentence anchors", len(id))
			w.add(kind, len(tag)-len(id))
			w.stack = append(w.stack, kind)
			return
		}
	case name == "b" || (name == "span" && w.inside("speaker") != ""):
		kind = "speaker"
	default:
		kind = "other tags"
	}
	if w.inside("memo") != "" {
		kind = "memo"
	}
	w.add(kindMarkup(kind), len(tag))
	w.stack = append(w.stack, kind)
}

func kindMarkup(kind string) string {
	switch kind {
	case "label":
		return "label markup"
	case "speaker":
		return "speaker label markup"
	case "memo":
		return "memo"
	}
	return kind
}

// escapes is the bytes character references add to text.
func escapes(s string) int {
	n := 0
	for _, e := range []struct {
		ref  string
		char int
	}{{"&amp;", 1}, {"&lt;", 1}, {"&gt;", 1}, {"&#43;", 1}, {"&#39;", 1}, {"&#34;", 1}} {
		n += strings.Count(s, e.ref) * (len(e.ref) - e.char)
	}
	return n
}

func tagName(tag string) string {
	s := strings.TrimLeft(tag, "</")
	if i := strings.IndexAny(s, " >"); i >= 0 {
		s = s[:i]
	}
	return s
}

var figureRe = regexp.MustCompile(`(?s)<figure[^>]*>\n<blockquote>(.*?)</blockquote>\n<figcaption>(.*?)</figcaption>\n</figure>\n`)

// themePage attributes a theme page: quotes' text, their marks, their
// captions and the figure markup around them; the rest is chrome.
func themePage(t tally, page string) {
	add := func(kind string, n int) { t["themes/"+kind] += int64(n) }
	rest := len(page)
	for _, m := range figureRe.FindAllStringSubmatchIndex(page, -1) {
		quote, caption := page[m[2]:m[3]], page[m[4]:m[5]]
		tags := 0
		for _, tm := range tagRe.FindAllString(quote, -1) {
			tags += len(tm)
		}
		add("quote text", len(quote)-tags)
		add("quote marks", tags)
		link := 0
		for _, a := range regexp.MustCompile(`<a href="[^"]*">`).FindAllString(caption, -1) {
			link += len(a) + len("</a>")
		}
		add("caption links (markup)", link)
		add("caption text (speaker, coders, …)", len(caption)-link)
		add("figure markup", m[1]-m[0]-len(quote)-len(caption))
		rest -= m[1] - m[0]
	}
	// The list of every quote: a link to each quote's sentence, with its
	// first words (before the list linked each transcript's quotes of the
	// theme instead); and the list's other markup (groups, documents,
	// speakers).
	lo := strings.Index(page, `<h3 id="all">`)
	hi := -1
	if lo >= 0 {
		hi = strings.Index(page[lo:], "</section>") + lo // the quotes' section
	}
	if lo >= 0 && hi > lo {
		list := page[lo:hi]
		links := 0
		for _, l := range listLinkRe.FindAllString(list, -1) {
			links += len(l)
		}
		add("every-quote list: links", links)
		add("every-quote list: groups, documents, speakers", len(list)-links)
		rest -= len(list)
	}
	add("chrome (page, filters, theme text)", rest)
}

var memoRe = regexp.MustCompile(`<li><a href=[^>]*>[^<]*</a> <q>([^<]*)</q><p>([^\n]*)\n`)

// memoPage attributes a theme's memo page: the words each memo annotates,
// the coders' notes, each memo's link and markup, and the page around them.
func memoPage(t tally, page string) {
	add := func(kind string, n int) { t["memo pages/"+kind] += int64(n) }
	rest := len(page)
	for _, m := range memoRe.FindAllStringSubmatchIndex(page, -1) {
		add("quoted words", m[3]-m[2])
		add("notes", m[5]-m[4])
		add("link and markup, per memo", m[1]-m[0]-(m[3]-m[2])-(m[5]-m[4]))
		rest -= m[1] - m[0]
	}
	add("chrome (page, coders' headings)", rest)
}

var listLinkRe = regexp.MustCompile(` <a href="?\.\./transcripts/[^>]*>“[^<]*</a>`)

func print(t tally) {
	groups := map[string]int64{}
	var total int64
	for k, v := range t {
		g := k
		if i := strings.IndexByte(k, '/'); i >= 0 {
			g = k[:i]
		}
		groups[g] += v
		total += v
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		if !strings.HasPrefix(k, "other/") {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		gi, gj := keys[i][:strings.IndexByte(keys[i], '/')], keys[j][:strings.IndexByte(keys[j], '/')]
		if gi != gj {
			return groups[gi] > groups[gj]
		}
		return t[keys[i]] > t[keys[j]]
	})
	fmt.Printf("%-48s %10s %6s\n", "kind", "MB", "%site")
	last := ""
	for _, k := range keys {
		g := k[:strings.IndexByte(k, '/')]
		if g != last {
			fmt.Printf("%-48s %10.2f %6.1f\n", g+"/ (all)", float64(groups[g])/1e6, 100*float64(groups[g])/float64(total))
			last = g
		}
		fmt.Printf("  %-46s %10.2f %6.1f\n", k[len(g)+1:], float64(t[k])/1e6, 100*float64(t[k])/float64(total))
	}
	fmt.Printf("%-48s %10.2f %6.1f\n", "other pages", float64(groups["other"])/1e6, 100*float64(groups["other"])/float64(total))
	for k, v := range t {
		if strings.HasPrefix(k, "other/") && v*100 >= total {
			fmt.Printf("  %-46s %10.2f %6.1f\n", k[len("other/"):], float64(v)/1e6, 100*float64(v)/float64(total))
		}
	}
	fmt.Printf("%-48s %10.2f\n", "total (file bytes)", float64(total)/1e6)
}
