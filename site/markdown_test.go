package site

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src   string
		want, avoid []string
	}{
		{"emphasis", "Some *care* here", []string{"<em>care</em>"}, nil},
		{"raw html omitted", "before <script>alert(1)</script> after\n\n<img src=x onerror=alert(1)>",
			[]string{"raw HTML omitted", "before"}, []string{"<script", "<img"}},
		{"javascript link dropped", "[x](javascript:alert(1))", []string{"<a"}, []string{"javascript:"}},
		{"image becomes link", "![a map](http://example.com/m.png)",
			[]string{`<a href="http://example.com/m.png">a map</a>`}, []string{"<img"}},
		{"empty", "", nil, []string{"<p>"}},
		// themePage's quotesMarker relies on this: no NUL reaches a page.
		{"nul replaced", "a \x00quotes\x00 b", []string{"\uFFFDquotes"}, []string{"\x00"}},
	}
	md := newMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := md.render(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("render(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(string(got), a) {
					t.Errorf("render(%q) = %q, must not contain %q", tt.src, got, a)
				}
			}
		})
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add("# Title\n\nA *study* of [services](http://x) <b>raw</b>")
	f.Add("![img](x.png) <script>alert(1)</script>")
	f.Add("- a\n  - ![b](javascript:alert(1))\n")
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		got, err := md.render(src)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(string(got))
		for _, bad := range []string{"<script", "<img", "<iframe", `href="javascript:`, `href="vbscript:`} {
			if strings.Contains(low, bad) {
				t.Fatalf("render(%q) let %q through: %s", src, bad, got)
			}
		}
	})
}

func TestThemeColour(t *testing.T) {
	tests := []struct {
		in   string
		i    int
		want string
	}{
		{"#AbC", 0, "#abc"},
		{"#12ab9F", 0, "#12ab9f"},
		{" #123456 ", 0, "#123456"},
		{"", 1, palette[1]},
		{"red", 2, palette[2]},
		{"#1234", 0, palette[0]},
		{"#123456;background:url(http://x)", 3, palette[3]},
		{"</style><script>", 9, palette[9%len(palette)]},
	}
	for _, tt := range tests {
		if got := themeColour(tt.in, tt.i); got != tt.want {
			t.Errorf("themeColour(%q, %d) = %q, want %q", tt.in, tt.i, got, tt.want)
		}
	}
}

// Only validated hex colours reach the generated theme stylesheet, one
// rule per theme and band.
func TestThemeCSS(t *testing.T) {
	got := string(themeCSS([]string{"#abc", "url(x)", "</style><script>"}))
	if !strings.Contains(got, ".t0,.k0{--t:#abc}") || strings.Contains(got, "url(") || strings.Contains(got, "<") {
		t.Errorf("themeCSS = %q", got)
	}
	if n := strings.Count(got, "--t"); n != 3*maxBands {
		t.Errorf("themeCSS has %d colour rules, want %d:\n%s", n, 3*maxBands, got)
	}
	if !strings.Contains(got, ".t2-2{--t2:") {
		t.Errorf("themeCSS = %q, want a second-band class per theme", got)
	}
}
