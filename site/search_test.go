package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site/search"
	"github.com/residentinsight/insight/themes"
)

// searchFiles builds in and returns the search/ files of its site, and
// what each packed one holds, inflated.
func searchFiles(t *testing.T, in Input) (files, payloads map[string][]byte) {
	t.Helper()
	out, _ := buildTo(t, in, Options{})
	files, payloads = map[string][]byte{}, map[string][]byte{}
	for name, data := range readSite(t, out) {
		if strings.HasPrefix(name, "search/") && name != "search/search.js" {
			files[name] = data
			p, err := search.Payload(data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			payloads[name] = p
		}
	}
	if len(files) == 0 {
		t.Fatal("the site has no search files")
	}
	return files, payloads
}

// A withdrawn participant's words are in no search file: not their text,
// not their words as terms. Visible text is, so the test can fail.
func TestSearchLeavesOutWithdrawn(t *testing.T) {
	files, payloads := searchFiles(t, load(t, "testdata/study"))
	var all []byte
	for name, data := range files {
		all = append(append(all, data...), payloads[name]...)
	}
	for _, bad := range []string{"do not want", "want out", "My name is", `"want":`, "P03", "int-003"} {
		if bytes.Contains(all, []byte(bad)) {
			t.Errorf("the search files contain %q, from the withdrawn participant", bad)
		}
	}
	for _, good := range []string{"We waited for months", `"wait":`, "int-001"} {
		if !bytes.Contains(all, []byte(good)) {
			t.Errorf("the search files lack %q, which is visible", good)
		}
	}
	// Facilitators' own words are left out, as insight query search does.
	if bytes.Contains(all, []byte("What stands out?")) {
		t.Error("the search files contain a facilitator's question")
	}
}

// Hostile text in transcripts and theme names is data in the search files,
// never markup: the files are base64, and encoding/json writes < and > as
// \u003c and \u003e in what they hold.
func TestSearchEscapesHostileText(t *testing.T) {
	in := hostileInput(t)
	files, payloads := searchFiles(t, in)
	seen := false
	for name, data := range files {
		for _, bad := range []string{"<svg", "<img", "</script"} {
			if bytes.Contains(data, []byte(bad)) || bytes.Contains(payloads[name], []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		seen = seen || bytes.Contains(payloads[name], []byte(`\u003csvg onload=alert(1)\u003e`))
	}
	if !seen {
		t.Error("the hostile text is in no search file: the test proves nothing")
	}
}

// hostileInput is a one-transcript study whose theme name and text are markup.
func hostileInput(t *testing.T) Input {
	t.Helper()
	fsys := fstest.MapFS{
		"insight.yaml":     {Data: []byte("title: Hostile\ndescription: d\nfacilitators: [Interviewer]\n")},
		"codebook.yaml":    {Data: []byte("themes:\n  - id: svg\n    name: \"<svg onload=alert(1)>\"\n    description: d\n")},
		"participants.csv": {Data: []byte("id,role,consent\nP01,\"<img src=x onerror=alert(1)>\",yes\n")},
		"transcripts/t.md": {Data: []byte("Interviewer: Hello?\n\nP01: [I typed <svg onload=alert(1)> here]{.svg}. And </script><img src=x onerror=alert(1)> too.\n")},
	}
	ctx := context.Background()
	st, probs := corpus.Load(ctx, fsys, "hostile")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	cb, probs := themes.Load(fsys, "codebook.yaml", "codebook.yaml")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	coded, probs := coding.Merge(ctx, st, cb, nil, coding.Options{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return Input{Study: st, Codebook: cb, Coded: coded, Table: query.New(st, cb, coded)}
}

// The search keeps its analyses and files in one pack in the site cache: a
// rebuild keeps the same entries, and a pack damaged on disk is redone,
// never used: every search file comes out the same.
func TestSearchCache(t *testing.T) {
	cache := t.TempDir()
	in := load(t, "testdata/study")
	first, _ := buildTo(t, in, Options{CacheDir: cache})
	pack := filepath.Join(cache, searchPack)
	before, err := packcache.Names(pack)
	if err != nil || len(before) == 0 {
		t.Fatalf("the build stored no search entries (%v)", err)
	}
	if es, _ := os.ReadDir(cache); len(es) > 4 {
		t.Errorf("the cache holds %d files; the search's entries belong in one pack", len(es))
	}
	data, _ := os.ReadFile(pack)
	// Damage the entries all through, but not the index after them (its
	// offset is the trailer's first 8 bytes, before a 16-byte checksum and
	// the 15-byte magic line), which would discard them all.
	index := binary.LittleEndian.Uint64(data[len(data)-39:])
	for i := 16; i < int(index); i += 97 {
		data[i] ^= 0xff
	}
	os.WriteFile(pack, data, 0o644)
	second, _ := buildTo(t, in, Options{CacheDir: cache})
	a, b := readSite(t, first), readSite(t, second)
	for name := range a {
		if strings.HasPrefix(name, "search/") && !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs after the cache was damaged", name)
		}
	}
	after, err := packcache.Names(pack)
	if err != nil || !slices.Equal(after, before) {
		t.Errorf("entries after the rebuild differ (%v):\n%v\nbefore\n%v", err, after, before)
	}
	if fixed, _ := os.ReadFile(pack); bytes.Equal(fixed, data) {
		t.Error("the damaged pack was kept")
	}
}

// A participant withdrawn between two builds into the same site with the
// same cache leaves no word in the search files, which equal a cold
// build's; before withdrawing, their words were there, so the test can fail.
func TestSearchRebuildAfterWithdrawal(t *testing.T) {
	dir := copyDir(t, "testdata/study")
	csv := filepath.Join(dir, "participants.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	consenting := bytes.Replace(data, []byte("P03,young person,North,withdrawn"), []byte("P03,young person,North,yes"), 1)
	if bytes.Equal(consenting, data) {
		t.Fatal("testdata/study/participants.csv no longer withdraws P03")
	}
	os.WriteFile(csv, consenting, 0o644)
	cache, out := t.TempDir(), filepath.Join(t.TempDir(), "site")
	searchText := func(out string) []byte {
		var all []byte
		for name, data := range readSite(t, out) {
			if strings.HasPrefix(name, "search/") && name != "search/search.js" {
				p, err := search.Payload(data)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				all = append(all, p...)
			}
		}
		return all
	}
	in := load(t, dir)
	if _, err := build(context.Background(), in, in.Table, out, Options{CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(searchText(out), []byte("My name is")) {
		t.Fatal("P03's words are not searchable while they consent")
	}
	os.WriteFile(csv, data, 0o644)
	in = load(t, dir)
	if _, err := build(context.Background(), in, in.Table, out, Options{CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(searchText(out), []byte("My name is")) {
		t.Error("P03's words are still in the search files after they withdrew")
	}
	cold, _ := buildTo(t, in, Options{})
	a, b := readSite(t, out), readSite(t, cold)
	for name := range b {
		if strings.HasPrefix(name, "search/") && !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s after the withdrawal differs from a cold build's", name)
		}
	}
	for name := range a {
		if _, ok := b[name]; !ok && strings.HasPrefix(name, "search/") {
			t.Errorf("%s is left over from before the withdrawal", name)
		}
	}
}

// A participant's words edited are spliced into the last build's search
// files, which leaves nothing of the last build in the
// search pack that the site no longer uses: a build of the same input
// after it, which keeps exactly what it uses, keeps the same entries.
// (The site's cache must peek at the old entries, not keep them.)
func TestSearchEditLeavesNothingInThePack(t *testing.T) {
	dir := copyDir(t, "testdata/study")
	cache, out := t.TempDir(), filepath.Join(t.TempDir(), "site")
	in := load(t, dir)
	if _, err := build(context.Background(), in, in.Table, out, Options{CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	// A word changed, so the sentences keep their ids and the search
	// splices (a sentence more in a short transcript moves every id after
	// it, and the search is built in full).
	file := filepath.Join(dir, "transcripts", "int-001.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(data, []byte("I waited at the door."), []byte("I waited at the zebra door."), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("testdata/study/transcripts/int-001.md no longer says: I waited at the door.")
	}
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(cache, searchPack)
	var names [2][]string
	for i := range names {
		in = load(t, dir)
		if _, err := build(context.Background(), in, in.Table, out, Options{CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
		if names[i], err = packcache.Names(pack); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(names[0], names[1]) {
		t.Errorf("after the edit the search pack held %d entries; a build of the same input uses %d", len(names[0]), len(names[1]))
	}
	if !bytes.Contains(bytes.Join(searchPayloads(t, out), nil), []byte("zebra")) {
		t.Error("the edited words are not searchable")
	}
}

// searchPayloads are the site's search files, inflated.
func searchPayloads(t *testing.T, out string) [][]byte {
	t.Helper()
	var all [][]byte
	for name, data := range readSite(t, out) {
		if strings.HasPrefix(name, "search/") && name != "search/search.js" {
			p, err := search.Payload(data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			all = append(all, p)
		}
	}
	return all
}

// A search record leaves out its sentence's anchor when search.js can work
// it out from the text (search.TextAnchor): nearly every sentence's, since
// the site names a sentence by the hash of its text. Every anchor a record
// gives or implies is on its transcript page.
func TestSearchRecordsImplyAnchors(t *testing.T) {
	out, _ := buildTo(t, load(t, "testdata/study"), Options{})
	site := readSite(t, out)
	recs, implied := 0, 0
	for name, data := range site {
		if !strings.HasPrefix(name, "search/r-") {
			continue
		}
		p, err := search.Payload(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var block struct {
			Doc  []string
			Recs [][]any
		}
		if err := json.Unmarshal(p, &block); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		page := string(site[block.Doc[1]])
		for _, r := range block.Recs {
			recs++
			anchor, text := r[4].(string), r[5].(string)
			if anchor == "" {
				implied++
				anchor = search.TextAnchor(text)
			}
			if !hasAnchor(page, anchor) {
				t.Errorf("%s: the record of %q links %s#%s, no sentence", name, text, block.Doc[1], anchor)
			}
		}
	}
	if recs == 0 || implied < recs*9/10 {
		t.Errorf("%d of %d records leave their anchor to search.js, want nearly all", implied, recs)
	}
}
