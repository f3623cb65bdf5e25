package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTextAnchorFromText: a record leaves out an anchor that search.js
// works out from the text again, and keeps any other (a repeated
// sentence's "-2", a text JSON would alter).
func TestTextAnchorFromText(t *testing.T) {
	text := "Said it twice."
	segs := []Segment{
		{Anchor: TextAnchor(text), Text: text},
		{Anchor: TextAnchor(text) + "-2", Text: text},
		{Anchor: TextAnchor("\xffBad"), Text: "\xffBad"},
		{Anchor: "s-other", Text: text},
	}
	ix := &Index{in: Input{Segments: segs}, toks: make([]string, len(segs))}
	var got struct{ Recs [][]any }
	if err := json.Unmarshal(ix.appendRecords(nil, Doc{}, 0, len(segs)), &got); err != nil {
		t.Fatal(err)
	}
	want := []string{"", segs[1].Anchor, segs[2].Anchor, "s-other"}
	for i, r := range got.Recs {
		if r[4] != want[i] {
			t.Errorf("record %d's anchor is %q, want %q", i, r[4], want[i])
		}
	}
	if a := TextAnchor("abc"); a != "sqZk-Ng" { // SHA-1 a9993e36...
		t.Errorf(`TextAnchor("abc") = %q, want "sqZk-Ng"`, a)
	}
}

// TestScriptTextAnchor runs search.js's textAnchor under Node, when it is
// installed, on texts of every length around SHA-1's 64-byte blocks and
// with every width of UTF-8: it must give TextAnchor's answer, or a search
// hit would link a sentence that is not there.
func TestScriptTextAnchor(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	var texts []string
	for n := range 140 {
		texts = append(texts, strings.Repeat("a", n))
	}
	texts = append(texts, "", "Said it twice.", "’ é 😀 \u2028\u2029 <script>\"\\", strings.Repeat("é😀", 50), "don't\tknow\n")
	var want []string
	for _, s := range texts {
		want = append(want, TextAnchor(s))
	}
	script, err := filepath.Abs("search.js")
	if err != nil {
		t.Fatal(err)
	}
	harness := filepath.Join(t.TempDir(), "anchor.js")
	if err := os.WriteFile(harness, []byte(`globalThis.window = globalThis;
globalThis.document = {currentScript: null, readyState: 'loading', addEventListener() {}};
require(process.argv[2]);
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(texts.map(t => window.insightSearch.textAnchor(t))));
`), 0o644); err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, harness, script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node wrote %q: %v", out, err)
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("text %q: search.js gives %q, textAnchor %q", texts[i], got[i], want[i])
			}
		}
		t.Fatalf("search.js gave %d anchors for %d texts", len(got), len(want))
	}
}
