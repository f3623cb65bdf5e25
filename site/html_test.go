package site

import (
	"html"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// htmlBuf.text and attr are the one place transcript text reaches a page
// outside html/template. attr must give exactly what html/template gives in
// an attribute; text, in element content, may leave quotes as they are but
// must read back (as a browser decodes it) as the same text, and leave no
// '<', '>', '&' but its own entities, no NUL and no '+'.
func TestHTMLBufText(t *testing.T) {
	tpl := template.Must(template.New("").Parse(`<p title="{{.}}">`))
	tests := []string{
		"plain words",
		`<script>alert(1)</script>`,
		`" onmouseover="alert(1)`,
		`' onfocus='x`,
		"a & b &amp; c",
		"nul \x00 byte",
		"café — ünïcode",
		`<img src=x onerror=alert(1)>`,
		"65+ and 3>2",
		"didn't say \"no\"",
	}
	for _, in := range tests {
		var w htmlBuf
		w.raw(`<p title="`)
		w.attr(in)
		w.raw(`">`)
		var want strings.Builder
		if err := tpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		if got := w.String(); got != want.String() {
			t.Errorf("attr(%q):\n got %s\nwant %s", in, got, want.String())
		}
		if inner := strings.TrimSuffix(strings.TrimPrefix(w.String(), `<p title="`), `">`); strings.ContainsAny(inner, "<>\"'+\x00") {
			t.Errorf("attr(%q) left markup characters: %s", in, inner)
		}
		var tw htmlBuf
		tw.text(in)
		if strings.ContainsAny(tw.String(), "<>+\x00") {
			t.Errorf("text(%q) = %q left markup characters", in, tw.String())
		}
		if got, want := html.UnescapeString(tw.String()), strings.ReplaceAll(in, "\x00", "\uFFFD"); got != want {
			t.Errorf("text(%q) reads back as %q", in, got)
		}
	}
}

func FuzzHTMLBufText(f *testing.F) {
	for _, s := range []string{"We waited", `<script>alert(1)</script>`, `" onclick="x`, "nul \x00", "café", "+ADw-script+AD4-", "&lt;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w, a htmlBuf
		w.text(s)
		if strings.ContainsAny(w.String(), "<>+\x00") {
			t.Errorf("text(%q) = %q keeps a markup character", s, w.String())
		}
		if strings.ContainsRune(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(w.String(), "&amp;", ""), "&lt;", ""), "&gt;", ""), "&#43;", ""), '&') {
			t.Errorf("text(%q) = %q keeps a bare '&'", s, w.String())
		}
		a.attr(s)
		if strings.ContainsAny(a.String(), "<>\"'+\x00") {
			t.Errorf("attr(%q) = %q keeps a markup character", s, a.String())
		}
	})
}

// legendTemplate is the legend loop as transcript.html wrote it before
// writeLegend, which must write exactly what it did.
var legendTemplate = template.Must(template.New("").Parse(`<ul class="legend">{{range .}}<li class={{.Theme.Class}}><a href={{.Theme.Href}}>{{.Theme.Name}}</a> ({{if .N}}{{.N}} {{if eq .N 1}}code{{else}}codes{{end}}{{end}}{{if and .N .Suggested}}, {{end}}{{if .Suggested}}{{.Suggested}} {{if eq .Suggested 1}}suggestion{{else}}suggestions{{end}}{{end}}){{end}}</ul>`))

func checkLegend(t *testing.T, items []legendItem) {
	t.Helper()
	var want strings.Builder
	if err := legendTemplate.Execute(&want, items); err != nil {
		t.Fatal(err)
	}
	var w htmlBuf
	w.raw(`<ul class="legend">`)
	writeLegend(&w, items)
	w.raw("</ul>")
	if got := w.String(); got != want.String() {
		t.Errorf("legend %+v:\n got %s\nwant %s", items, got, want.String())
	}
}

func TestWriteLegend(t *testing.T) {
	checkLegend(t, nil)
	checkLegend(t, []legendItem{{Theme: themeRef{Name: "Getting help", Href: "../themes/access.html", Class: "t0"}, N: 1}})
	checkLegend(t, []legendItem{
		{Theme: themeRef{Name: `<script>alert("x")</script> & 65+`, Href: "../themes/a.html", Class: "t1"}, N: 2, Suggested: 1},
		{Theme: themeRef{Name: "Waiting", Href: "javascript:alert(1)", Class: "t2 x"}, Suggested: 2},
		{Theme: themeRef{Name: "", Href: "", Class: ""}, N: -1},
		{Theme: themeRef{Name: "a", Href: "javascript:void", Class: "t4"}, N: 1},
		{Theme: themeRef{Name: "b", Href: "../themes/b.html", Class: "t5 onclick=x"}, N: 1},
		{Theme: themeRef{Name: "café", Href: "../themes/café ä.html", Class: `t3"onclick=x`}, N: 0, Suggested: 0},
	})
}

func FuzzWriteLegend(f *testing.F) {
	f.Add("Waiting", "../themes/waiting.html", "t1", 1, 0)
	f.Add("<b>&'\"+\x00", "javascript:x", "t 1", 2, 3)
	f.Add("", "", "", 0, 1)
	f.Add("\xff", "a b", "=", -1, 1)
	f.Fuzz(func(t *testing.T, name, href, class string, n, sug int) {
		checkLegend(t, []legendItem{{Theme: themeRef{Name: name, Href: href, Class: class}, N: n, Suggested: sug}})
	})
}

// excerpt's shortcut for short plain text gives what its general path
// gives, on text with every kind of space and non-ASCII letter.
func TestExcerptShortcut(t *testing.T) {
	slow := func(s string, n int) string { // excerpt without the shortcut
		s = strings.Join(strings.Fields(s), " ")
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		cut := string(r[:n])
		if i := strings.LastIndexByte(cut, ' '); i > n/2 {
			cut = cut[:i]
		}
		return cut + " …"
	}
	pieces := []string{"a", "word", " ", "  ", "\t", "\n", "é", "—", "\u00a0", "\u0085", "\u2003", "\u3000", "\xff", "\x7f", "\x01", "x.", "!", ""}
	r := rand.New(rand.NewPCG(1, 2))
	shortcuts := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, n := b.String(), r.IntN(20)
		if got, want := excerpt(s, n), slow(s, n); got != want {
			t.Fatalf("excerpt(%q, %d) = %q, want %q", s, n, got, want)
		}
		if len(s) <= n && plainWords(s) {
			shortcuts++
		}
	}
	if shortcuts < 100 {
		t.Errorf("only %d inputs took the shortcut", shortcuts)
	}
}
