package corpus

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/residentinsight/insight/internal/cachekey"
	"time"
)

// parseCacheStudy is testdata/study plus files that exercise every field
// the cache keeps: a converted transcript (line map), inline codes, front
// matter attributes, a suspect label, and files that fail to parse.
func parseCacheStudy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/study")); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"transcripts/sub.vtt":  "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v P01>The bins were late again.\n\n00:00:05.000 --> 00:00:08.000\n<v Interviewer>How late?\n",
		"transcripts/odd.md":   "---\nid: odd\nward: north\n---\nP01: I said [the letters]{.waiting} came late.\nP0l (the neighbour) said: nothing.\nFacilitator: Thanks.\n",
		"transcripts/nul.md":   "P01: a\x00b\n",
		"transcripts/empty.md": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestParseCache: a load through the cache equals a fresh load in every
// field, including the unexported offset tables, and parses only what
// changed.
func TestParseCache(t *testing.T) {
	dir := parseCacheStudy(t)
	file := filepath.Join(t.TempDir(), "parse.cache")
	load := func(c *ParseCache) (*Study, []string) {
		t.Helper()
		st, probs := LoadCached(context.Background(), os.DirFS(dir), "s", c)
		if c != nil {
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
		}
		return st, problemStrings(probs)
	}
	// same loads through c and checks the result against a fresh load
	// and how many documents came from the cache.
	same := func(what string, c *ParseCache, wantHits int) {
		t.Helper()
		fresh, freshProbs := load(nil)
		got, gotProbs := load(c)
		if !reflect.DeepEqual(got, fresh) {
			t.Errorf("%s: the study loaded through the cache differs from a fresh load", what)
		}
		if !reflect.DeepEqual(gotProbs, freshProbs) {
			t.Errorf("%s: problems through the cache\n%q\ndiffer from a fresh load's\n%q", what, gotProbs, freshProbs)
		}
		if c.Hits() != wantHits {
			t.Errorf("%s: %d documents from the cache, want %d", what, c.Hits(), wantHits)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "transcripts"))
	files := len(entries)
	// Documents with withheld words are never kept: testdata's P03 withdrew.
	st, _ := load(nil)
	w0 := withheldDocs(st)
	if w0 == 0 || w0 == files {
		t.Fatalf("%d of %d documents have withheld words: the test needs some, not all", w0, files)
	}

	same("first load", OpenParseCache(file, "v1"), 0)
	same("second load, from the file", OpenParseCache(file, "v1"), files-w0)
	mem := OpenParseCache("", "v1")
	same("in memory, first", mem, 0)
	same("in memory, again", mem, files-w0)

	// The folder named another way (relative, absolute) shares the cache,
	// and messages name it as given this time.
	other := OpenParseCache(file, "v1")
	st2, p2 := LoadCached(context.Background(), os.DirFS(dir), "/elsewhere/s", other)
	fresh2, fp2 := LoadCached(context.Background(), os.DirFS(dir), "/elsewhere/s", nil)
	if other.Hits() != files-w0 || !reflect.DeepEqual(st2, fresh2) || !reflect.DeepEqual(p2, fp2) {
		t.Errorf("the folder named another way: %d from the cache (want %d), same study %v, same problems %v",
			other.Hits(), files-w0, reflect.DeepEqual(st2, fresh2), reflect.DeepEqual(p2, fp2))
	}
	if !strings.Contains(p2.Error(), "/elsewhere/s/transcripts/") {
		t.Errorf("no problem names the folder as given:\n%v", p2)
	}

	// Roles and consent come from participants.csv, after the parse: a
	// withdrawal must reach documents taken from the cache.
	pc := filepath.Join(dir, "participants.csv")
	data, _ := os.ReadFile(pc)
	os.WriteFile(pc, bytes.Replace(data, []byte("single parent,yes"), []byte("single parent,withdrawn"), 1), 0o644)
	same("after a participants.csv withdrawal", OpenParseCache(file, "v1"), files-w0)
	st, _ = load(OpenParseCache(file, "v1"))
	w1 := withheldDocs(st)
	withheld := 0
	for _, d := range st.Documents {
		for _, t := range d.Turns {
			if t.Speaker == "P01" && t.Withheld {
				withheld++
			}
		}
	}
	if withheld == 0 {
		t.Errorf("after P01 withdrew, none of their turns is withheld: the test proves nothing")
	}

	p := filepath.Join(dir, "transcripts", "odd.md")
	os.WriteFile(p, []byte("P01: Changed words.\n"), 0o644)
	// odd.md, now P01's withheld words, was not kept: nothing more to miss.
	same("after one edit", OpenParseCache(file, "v1"), files-w1)
	same("another program", OpenParseCache(file, "v2"), 0)

	os.WriteFile(file, []byte(parseCacheMagic+"\x04v2"+strings.Repeat("\x02", cachekey.Size)+"garbage"), 0o644)
	same("damaged file", OpenParseCache(file, "v2"), 0)

	// No withheld words in the cache file: P03 withdrew in testdata, and
	// P01 above.
	load(OpenParseCache(file, "v2"))
	st, _ = load(nil)
	kept, _ := os.ReadFile(file)
	checked := 0
	for _, d := range st.Documents {
		for _, tu := range d.Turns {
			if text := d.Body[tu.Start:tu.End]; tu.Withheld && len(text) >= 12 {
				checked++
				if bytes.Contains(kept, []byte(text)) {
					t.Errorf("the cache file holds withheld words of %s: %q", tu.Speaker, text)
				}
			}
		}
	}
	if checked == 0 || withheldDocs(st) == 0 {
		t.Error("no withheld turns to look for: the test proves nothing")
	}
}

// withheldDocs counts the documents with words withheld for consent.
func withheldDocs(st *Study) int {
	n := 0
	for _, d := range st.Documents {
		if d.HasWithheld() {
			n++
		}
	}
	return n
}

// FuzzParseCache: a damaged cache file, or one cut short in an appended
// batch, is ignored, never a panic nor misread.
func FuzzParseCache(f *testing.F) {
	d, probs := parseTranscript("s/transcripts/a.md", []byte("---\nward: x\n---\nP01: Hello [there]{.t}.\nP0l said: x\n"))
	p := encodeParse("s/transcripts/a.md", d, probs)
	e := encoder{}
	e.b = append(e.b, parseCacheMagic...)
	e.str("salt")
	e.b = append(e.b, make([]byte, cachekey.Size)...)
	e.num(1)
	e.b = append(e.b, make([]byte, 32)...)
	e.str(p)
	whole := slices.Clone(e.b)
	f.Add(whole)
	f.Add(append(whole, testBatch("salt", map[string]string{"0123456789abcdef": p})...))
	f.Add(append(whole, testBatch("other", map[string]string{"0123456789abcdef": p})...))
	f.Add([]byte{})
	f.Add([]byte(parseCacheMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		pk, _ := readPack(string(data), "salt")
		for _, p := range pk.entries {
			decodeParse(p, "x")
		}
		decodeParse(string(data), "x")
		// A batch that does not check out is never read: whatever follows
		// the whole part is either a checked batch or ignored.
		if bytes.HasPrefix(data, whole) && len(data) > len(whole) {
			if _, ok := readBatch(&decoder{s: string(data[len(whole):])}, "salt"); !ok && len(pk.entries) != 1 {
				t.Errorf("a damaged batch was read: %d entries", len(pk.entries))
			}
		}
	})
}

// testBatch encodes entries as an appended batch, keyed by 16-byte keys.
func testBatch(salt string, entries map[string]string) []byte {
	e := encoder{}
	e.b = append(e.b, batchMark...)
	e.b = append(e.b, make([]byte, 8)...)
	for _, k := range sortedKeys(entries) {
		e.b = append(e.b, k...)
		e.str(entries[k])
	}
	binary.LittleEndian.PutUint64(e.b[len(batchMark):], uint64(len(e.b)-len(batchMark)-8))
	sum := batchSum(salt, string(e.b))
	return append(e.b, sum[:]...)
}

// TestParseCacheKeptParsed: a watch's cache hands out copies of the
// documents it decoded once, so a load's changes (roles, consent, the
// segments a withdrawal drops) never reach the next load; its file is
// written on Flush, and at once when a withdrawal must take words out.
func TestParseCacheKeptParsed(t *testing.T) {
	dir := parseCacheStudy(t)
	file := filepath.Join(t.TempDir(), "parse.cache")
	c := OpenParseCache(file, "v1")
	c.KeepParsed()
	load := func(what string) *Study {
		t.Helper()
		got, gotProbs := LoadCached(context.Background(), os.DirFS(dir), "s", c)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		fresh, freshProbs := LoadCached(context.Background(), os.DirFS(dir), "s", nil)
		if !reflect.DeepEqual(got, fresh) || !reflect.DeepEqual(gotProbs, freshProbs) {
			t.Errorf("%s: the study loaded through a kept cache differs from a fresh load", what)
		}
		return got
	}
	st := load("first load")
	if _, err := os.Stat(file); err == nil {
		t.Error("a kept cache wrote its file before Flush")
	}
	for _, d := range st.Documents { // what a careless caller might do
		for i := range d.Turns {
			d.Turns[i].Role = RoleFacilitator
		}
		for i := range d.Segments {
			d.Segments[i].Turn = -1
		}
	}
	load("second load, after the first load's study was changed")
	if c.Hits() == 0 {
		t.Fatal("nothing came from the cache: the test proves nothing")
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("Flush wrote no file: %v", err)
	}

	// A file rewritten with as many bytes is read again: its time moved.
	odd := filepath.Join(dir, "transcripts", "odd.md")
	was, _ := os.ReadFile(odd)
	if err := os.WriteFile(odd, bytes.Replace(was, []byte("came late"), []byte("came soon"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(odd, later, later)
	if st := load("after a same-size edit"); !strings.Contains(studyText(st), "came soon") {
		t.Error("a same-size edit is not in the load")
	}

	pc := filepath.Join(dir, "participants.csv")
	data, _ := os.ReadFile(pc)
	os.WriteFile(pc, bytes.Replace(data, []byte("single parent,yes"), []byte("single parent,withdrawn"), 1), 0o644)
	st = load("after a withdrawal")
	load("again after it")
	kept, _ := os.ReadFile(file)
	checked := 0
	for _, d := range st.Documents {
		for _, tu := range d.Turns {
			if text := d.Body[tu.Start:tu.End]; tu.Withheld && tu.Speaker == "P01" && len(text) >= 12 {
				checked++
				if bytes.Contains(kept, []byte(text)) {
					t.Errorf("the cache file still holds withdrawn words of P01, with no Flush: %q", text)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no withheld turns of P01 to look for: the test proves nothing")
	}
}

// studyText joins the bodies of a study's documents.
func studyText(st *Study) string {
	var b strings.Builder
	for _, d := range st.Documents {
		b.WriteString(d.Body)
	}
	return b.String()
}

// TestParseCacheAppends: an edit appends its entries to the file rather
// than rewriting it; an append cut short is ignored, never misread, and
// the next save rewrites the file; dead entries are dropped before they
// are half the file; and a withdrawal takes the words out of the bytes
// on disk at once, appended or not.
func TestParseCacheAppends(t *testing.T) {
	dir := parseCacheStudy(t)
	file := filepath.Join(t.TempDir(), "parse.cache")
	load := func(what string, wantHits int) *ParseCache {
		t.Helper()
		c := OpenParseCache(file, "v1")
		got, gotProbs := LoadCached(context.Background(), os.DirFS(dir), "s", c)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		fresh, freshProbs := LoadCached(context.Background(), os.DirFS(dir), "s", nil)
		if !reflect.DeepEqual(got, fresh) || !reflect.DeepEqual(gotProbs, freshProbs) {
			t.Errorf("%s: the study loaded through the cache differs from a fresh load", what)
		}
		if wantHits >= 0 && c.Hits() != wantHits {
			t.Errorf("%s: %d documents from the cache, want %d", what, c.Hits(), wantHits)
		}
		return c
	}
	read := func() []byte {
		t.Helper()
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	late := filepath.Join(dir, "transcripts", "late.md")
	// P05 speaks only in late.md: their withdrawal drops one small entry,
	// too few dead bytes to rewrite the file for their share alone.
	words := "P05: The lift has been broken since the storm in March.\n"
	pc := filepath.Join(dir, "participants.csv")
	data, _ := os.ReadFile(pc)
	if err := os.WriteFile(pc, append(data, "P05,tenant,Eastgate,35-44,single,yes\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edit := func(i int) {
		t.Helper()
		text := fmt.Sprintf("P04: Edit %d of this file.\n%s", i, words)
		if err := os.WriteFile(late, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(0)
	c := load("first load", -1)
	kept := len(c.entries)
	whole := read()
	load("unchanged", kept)
	if !bytes.Equal(read(), whole) {
		t.Error("a load with nothing changed wrote the file")
	}

	edit(1)
	load("after an edit", kept-1)
	appended := read()
	if !bytes.HasPrefix(appended, whole) || len(appended)-len(whole) > len(whole)/2 {
		t.Fatalf("an edit rewrote the file (%d bytes, was %d) rather than appending to it", len(appended), len(whole))
	}
	load("after an edit, from the file", kept)

	// A byte of the appended payload damaged: the checksum finds it.
	damaged := slices.Clone(appended)
	damaged[len(whole)+len(batchMark)+8+cachekey.Size+40] ^= 1
	os.WriteFile(file, damaged, 0o644)
	load("after a damaged append", kept-1)
	os.WriteFile(file, appended, 0o644)

	// Cut short in the batch's checksum: the edited entry is a miss, the
	// rest is read, and the next save rewrites the file whole.
	os.WriteFile(file, appended[:len(appended)-3], 0o644)
	load("after a torn append", kept-1)
	if pk, ok := readPack(string(read()), "v1"); !ok || pk.torn || len(pk.entries) != kept {
		t.Errorf("after a torn append the file was not rewritten: read %v, torn %v, %d entries (want %d)", ok, pk.torn, len(pk.entries), kept)
	}
	load("after the rewrite", kept)

	// Edits of one file leave dead entries; the file is rewritten before
	// they are half of it.
	grew := false
	for i := 2; i < 12; i++ {
		edit(i)
		c := load(fmt.Sprintf("edit %d", i), kept-1)
		pk, _ := readPack(string(read()), "v1")
		live := 0
		for _, p := range c.entries {
			live += len(p)
		}
		if dead := pk.bytes - live; dead*2 > live {
			t.Errorf("edit %d: %d dead bytes in the file against %d live", i, dead, live)
		}
		grew = grew || pk.bytes > live
	}
	if !grew {
		t.Error("no edit appended: the test proves nothing about dead entries")
	}

	// A withdrawal: the words, in the file as appended, leave it at once.
	edit(12)
	load("before the withdrawal", kept-1)
	if !bytes.Contains(read(), []byte(words[5:])) {
		t.Fatal("the words are not in the file before the withdrawal: the test proves nothing")
	}
	data, _ = os.ReadFile(pc)
	os.WriteFile(pc, bytes.Replace(data, []byte("single,yes"), []byte("single,withdrawn"), 1), 0o644)
	load("after the withdrawal", kept)
	if bytes.Contains(read(), []byte(words[5:])) {
		t.Error("the file still holds the withdrawn words after the build that withdrew them")
	}

	// Words edited out of a transcript linger in the file as a dead
	// entry; when their speaker withdraws later they leave it too.
	gone := "The damp came back through the bedroom wall every winter."
	data, _ = os.ReadFile(pc)
	os.WriteFile(pc, append(data, "P06,tenant,Eastgate,35-44,couple,yes\n"...), 0o644)
	os.WriteFile(late, []byte("P04: Before.\nP06: "+gone+"\n"), 0o644)
	load("P06 speaks", -1)
	os.WriteFile(late, []byte("P04: After.\n"), 0o644)
	load("P06's words edited out", -1)
	if !bytes.Contains(read(), []byte(gone)) {
		t.Fatal("the edited-out words are not in the file as a dead entry: the test proves nothing")
	}
	data, _ = os.ReadFile(pc)
	os.WriteFile(pc, bytes.Replace(data, []byte("couple,yes"), []byte("couple,withdrawn"), 1), 0o644)
	load("after P06 withdrew", -1)
	if bytes.Contains(read(), []byte(gone)) {
		t.Error("the file still holds edited-out words of P06 after the build that withdrew them")
	}
}
