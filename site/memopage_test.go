package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// memoItem is one memo on a memo page: its link and the coder's note.
var memoItem = regexp.MustCompile(`<li><blockquote>[^<]*</blockquote><p class=meta><a href=(transcripts/[^ >]+)>[^<]*</a><p class=memo><b>([^<]*)</b>’s memo: ([^\n<]*)`)

// Every shown memo is on exactly one memo page, of its theme, and every
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
		items := memoItem.FindAllStringSubmatch(string(data), -1)
		if len(items) == 0 || len(items) > 2 {
			t.Errorf("%s holds %d memos, want 1 or 2", name, len(items))
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
