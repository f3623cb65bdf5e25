package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// memoCoder is one coder's memos on a memo page, under their name.
var memoCoder = regexp.MustCompile(`<h2>([^<]*)’s memos(?:, continued)?</h2>\n<ul class="memos">((?:<li>[^\n]*\n)*)</ul>`)

// memoItem is one memo: its link, the words it annotates and the note.
var memoItem = regexp.MustCompile(`<li><a href=(transcripts/[^ >]+)>[^<]*</a> <q>[^<]*</q><p>([^\n<]*)\n`)

// Every shown memo is on exactly one memo page, of its theme, under its
// coder's name (the heading of their memos there), and every
// memo page is linked from memos.html; a page holds memosPer at most.
func TestEveryMemoOnAMemoPage(t *testing.T) {
	dir := copyDir(t, "testdata/study")
	bea := `{"doc":"int-001","theme":"waiting","quote":"We waited weeks and weeks","memo":"m1"}
{"doc":"int-001","theme":"waiting","quote":"Nobody rang back","memo":"m2"}
{"doc":"int-001","theme":"trust","quote":"She was the only one who knew us","memo":"m3"}
{"doc":"fg-01","theme":"waiting","quote":"We waited for months","memo":"m4"}
`
	if err := os.WriteFile(filepath.Join(dir, "codings", "bea.jsonl"), []byte(bea), 0o644); err != nil {
		t.Fatal(err)
	}
	in := load(t, dir)
	opts := Options{listPerPage: 10} // two memos to a page
	files := readSite(t, must(buildTo(t, in, opts)))
	index := string(files["memos.html"])
	type memo struct{ who, text string }
	onPage := map[memo]string{}
	pages := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "memos-") {
			continue
		}
		pages++
		if !strings.Contains(index, `href="`+name+`"`) {
			t.Errorf("memos.html does not link %s", name)
		}
		var items [][]string // link, coder, note
		for _, c := range memoCoder.FindAllStringSubmatch(string(data), -1) {
			for _, m := range memoItem.FindAllStringSubmatch(c[2], -1) {
				items = append(items, []string{m[0], m[1], c[1], m[2]})
			}
		}
		if n := strings.Count(string(data), "<li><a href=transcripts/"); len(items) == 0 || len(items) > 2 || n != len(items) {
			t.Errorf("%s holds %d memos (%d read), want 1 or 2", name, n, len(items))
		}
		for _, m := range items {
			k := memo{m[2], m[3]}
			if prev, ok := onPage[k]; ok {
				t.Errorf("%s's memo %q is on %s and %s", k.who, k.text, prev, name)
			}
			onPage[k] = name
			if !hasAnchor(string(files[m[1][:strings.IndexByte(m[1], '#')]]), m[1][strings.IndexByte(m[1], '#')+1:]) {
				t.Errorf("%s: memo link %s has no target", name, m[1])
			}
		}
	}
	want := 0
	for _, a := range in.Coded.Apps {
		if a.Memo == "" {
			continue
		}
		want++
		page, ok := onPage[memo{a.Source, a.Memo}]
		if !ok {
			t.Errorf("%s's memo %q is on no memo page", a.Source, a.Memo)
			continue
		}
		if !strings.HasPrefix(page, "memos-"+a.Theme) {
			t.Errorf("%s's memo %q on theme %s is on %s", a.Source, a.Memo, a.Theme, page)
		}
	}
	if want != 5 || pages < 3 {
		t.Errorf("%d memos on %d pages; the test wants 5 memos on at least 3", want, pages)
	}
}
