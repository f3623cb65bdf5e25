package site

import (
	"html"
	"html/template"
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
