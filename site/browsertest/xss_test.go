package browsertest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/study"
)

// TestSearchRendersHostileTextAsText searches a study whose theme name,
// participant attribute and transcript are markup: the results must show
// it as text, with no element made from it and no dialog opened.
func TestSearchRendersHostileTextAsText(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"insight.yaml":     "title: Hostile\ndescription: d\nfacilitators: [Interviewer]\nattributes: [role]\n",
		"codebook.yaml":    "themes:\n  - id: svg\n    name: \"<svg onload=alert(1)>\"\n    description: d\n",
		"participants.csv": "id,role,consent\nP01,\"<img src=x onerror=alert(2)>\",yes\n",
		"transcripts/t.md": "Interviewer: Hello?\n\nP01: [I typed <svg onload=alert(3)> here]{.svg}. And </script><img src=x onerror=alert(4)> too.\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, "study", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "site")
	err := study.Build(context.Background(), study.Source{Dir: filepath.Join(dir, "study")}, study.BuildOptions{Out: out, AcceptPIIRisk: true})
	if err != nil {
		t.Fatal(err)
	}
	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()
	tb := newTab(t, root)
	tb.open(t, "search.html?q=typed+script+img")
	if state := waitSearch(t, tb); state != "done" {
		t.Fatalf("search ended %q", state)
	}
	type view struct {
		Elements int
		Texts    []string
		Themes   []string
		Meta     []string
	}
	v := eval[view](t, tb, `({
		Elements: document.querySelectorAll('#search-results svg, #search-results img, #search-results script').length,
		Texts: [...document.querySelectorAll('.hit-text')].map(e => e.textContent),
		Themes: [...document.querySelectorAll('.hit-theme')].map(e => e.textContent),
		Meta: [...document.querySelectorAll('.hit-meta')].map(e => e.textContent),
	})`)
	if v.Elements != 0 {
		t.Errorf("the results made %d elements from the study's text", v.Elements)
	}
	if len(v.Texts) != 2 || v.Texts[0] != "I typed <svg onload=alert(3)> here." || v.Texts[1] != "And </script><img src=x onerror=alert(4)> too." {
		t.Errorf("hits read %q, want the hostile text as text", v.Texts)
	}
	if len(v.Themes) == 0 || v.Themes[0] != "<svg onload=alert(1)>" {
		t.Errorf("theme labels read %q", v.Themes)
	}
	if len(v.Meta) == 0 || !strings.Contains(v.Meta[0], "role: <img src=x onerror=alert(2)>") {
		t.Errorf("hit details read %q, want the group value as text", v.Meta)
	}
	tb.check(t, "search.html")
}
