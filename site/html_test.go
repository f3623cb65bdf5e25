package site

import (
	"html/template"
	"strings"
	"testing"
)

// htmlBuf.text is the one place transcript text reaches a page outside
// html/template: it must give exactly what html/template gives the same
// text, and leave no markup characters behind, in text or in an attribute.
func TestHTMLBufText(t *testing.T) {
	tpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p>`))
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
	}
	for _, in := range tests {
		var w htmlBuf
		w.raw(`<p title="`)
		w.text(in)
		w.raw(`">`)
		w.text(in)
		w.raw(`</p>`)
		var want strings.Builder
		if err := tpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		if got := w.String(); got != want.String() {
			t.Errorf("text(%q):\n got %s\nwant %s", in, got, want.String())
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(w.String(), `<p title="`), `</p>`)
		if strings.ContainsAny(strings.Replace(inner, `">`, "", 1), "<>\"'+\x00") {
			t.Errorf("text(%q) left markup characters: %s", in, inner)
		}
	}
}

func FuzzHTMLBufText(f *testing.F) {
	for _, s := range []string{"We waited", `<script>alert(1)</script>`, `" onclick="x`, "nul \x00", "café", "+ADw-script+AD4-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w htmlBuf
		w.text(s)
		if strings.ContainsAny(w.String(), "<>\"'+\x00") {
			t.Errorf("text(%q) = %q keeps a markup character", s, w.String())
		}
	})
}
