package search

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// mapCache is a Cache in memory that counts what was stored. Build
// analyses pieces in parallel, so it locks as the real cache does.
type mapCache struct {
	mu   sync.Mutex
	m    map[string][]byte
	puts map[string]int // by extension
}

func (c *mapCache) Get(name string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[name]
	return d, ok
}

func (c *mapCache) Put(name string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[name] = bytes.Clone(data)
	c.puts[name[strings.LastIndexByte(name, '.'):]]++
	return nil
}

// studyInput is docs transcripts of n sentences each; sentence i of doc d
// says words of its own and some shared ones.
func studyInput(docs, n int) Input {
	in := Input{Themes: []Theme{{ID: "t", Name: "T"}}, Groups: []Group{{Name: "role", Values: []string{"(none)", "parent"}}}}
	for d := range docs {
		in.Docs = append(in.Docs, Doc{ID: fmt.Sprint("doc", d), Href: fmt.Sprint("transcripts/doc", d, ".html")})
		for i := range n {
			in.Segments = append(in.Segments, Segment{Doc: int32(d), Line: int32(i + 1), Speaker: "P1", Anchor: fmt.Sprint("s-", i),
				Text: fmt.Sprintf("We waited for the council, word%d and thing%d.", i, d*n+i), Themes: Span{0, 1}, Filter: Span{0, 1}})
			in.GroupVals = append(in.GroupVals, 1)
		}
	}
	in.Refs = []int32{0}
	return in
}

func write(t *testing.T, in Input, c Cache) map[string][]byte {
	t.Helper()
	return writeWith(t, in, c, nil)
}

// writeWith builds in with cache c and memo m and returns its files.
func writeWith(t *testing.T, in Input, c Cache, m *Memo) map[string][]byte {
	t.Helper()
	ix, err := Build(context.Background(), in, c, m)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range ix.Files() {
		if out[f.Name], err = f.Data(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// A rebuild after one sentence of one transcript changed analyses that
// transcript only and compresses only the files whose content changed,
// and its files equal a build without a cache.
func TestBuildReusesCache(t *testing.T) {
	c := &mapCache{m: map[string][]byte{}, puts: map[string]int{}}
	in := studyInput(5, 40)
	first := write(t, in, c)
	if c.puts[".bin"] != 5 {
		t.Fatalf("first build analysed %d pieces, want 5", c.puts[".bin"])
	}
	c.puts = map[string]int{}
	write(t, in, c)
	if c.puts[".bin"]+c.puts[".js"] != 0 {
		t.Errorf("unchanged rebuild stored %v, want nothing", c.puts)
	}
	c.puts = map[string]int{}
	in.Segments[2*40+7].Text = "We waited for the council, and a new word."
	second := write(t, in, c)
	if c.puts[".bin"] != 1 {
		t.Errorf("after one edit %d pieces were analysed, want 1", c.puts[".bin"])
	}
	changed := 0
	for name, data := range second {
		if !bytes.Equal(data, first[name]) && name != "meta.js" {
			changed++
		}
	}
	if c.puts[".js"] != changed || changed == 0 || changed > 4 {
		t.Errorf("after one edit %d files were compressed and %d differ, want the same few", c.puts[".js"], changed)
	}
	fresh := write(t, in, nil)
	for name, data := range fresh {
		if !bytes.Equal(data, second[name]) {
			t.Errorf("%s from the cache differs from a build without one", name)
		}
	}
}

// A damaged cache entry is a miss, not an error or a wrong index.
func TestBuildIgnoresDamagedCache(t *testing.T) {
	c := &mapCache{m: map[string][]byte{}, puts: map[string]int{}}
	in := studyInput(2, 10)
	want := write(t, in, c)
	for name := range c.m {
		if strings.HasSuffix(name, ".bin") {
			c.m[name] = c.m[name][:len(c.m[name])/2]
		}
	}
	c.puts = map[string]int{}
	got := write(t, in, c)
	if c.puts[".bin"] != 2 {
		t.Errorf("damaged analyses: %d redone, want 2", c.puts[".bin"])
	}
	for name := range want {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs after the cache was damaged", name)
		}
	}
}

// Studies of 0, 1 and 2 segments build without error.
func TestBuildSmall(t *testing.T) {
	for _, n := range []int{0, 1, 2} {
		in := studyInput(1, n)
		if n == 0 {
			in = Input{}
		}
		files := write(t, in, nil)
		if _, ok := files["meta.js"]; !ok {
			t.Errorf("%d segments: no meta.js", n)
		}
	}
}

// A watch's memo serves the analyses of unchanged pieces as they are: its
// files after an edit equal a fresh build's, and the cache still gets
// every piece, for the next process.
func TestBuildWithMemo(t *testing.T) {
	memo := NewMemo()
	build := func(in Input, c Cache) map[string][]byte {
		t.Helper()
		return writeWith(t, in, c, memo)
	}
	in := studyInput(5, 40)
	build(in, nil)
	for _, edit := range []string{"We waited for the council, and a new word.", "Another word entirely."} {
		in.Segments[2*40+7].Text = edit
		c := &mapCache{m: map[string][]byte{}, puts: map[string]int{}}
		got, want := build(in, c), write(t, in, nil)
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("after %q: %s with the memo differs from a fresh build's", edit, name)
			}
		}
		if len(got) != len(want) || c.puts[".bin"] != 5 {
			t.Errorf("after %q: %d files (want %d), %d pieces in the cache (want 5)", edit, len(got), len(want), c.puts[".bin"])
		}
	}
}

// countingCache is a mapCache that also counts reads, by extension.
type countingCache struct {
	mapCache
	gets map[string]int
}

func newCountingCache() *countingCache {
	return &countingCache{mapCache{m: map[string][]byte{}, puts: map[string]int{}}, map[string]int{}}
}

func (c *countingCache) Get(name string) ([]byte, bool) {
	c.mu.Lock()
	c.gets[name[strings.LastIndexByte(name, '.'):]]++
	c.mu.Unlock()
	return c.mapCache.Get(name)
}

// Keep is the real cache's: it keeps an entry without reading it.
func (c *countingCache) Keep(name string) bool {
	_, ok := c.mapCache.Get(name)
	return ok
}

func (c *countingCache) reset() {
	c.puts, c.gets = map[string]int{}, map[string]int{}
}

// A rebuild of the same input takes every file from the last build's
// manifest: no analysis is read or made, nothing stored, and the files are
// a fresh build's. An edit after it re-analyses the edited transcript only
// and compresses only the files that differ.
func TestRebuildReusesManifest(t *testing.T) {
	c := newCountingCache()
	in := studyInput(5, 40)
	build := func() map[string][]byte {
		t.Helper()
		_, _, out := buildSaved(t, in, c)
		return out
	}
	first := build()
	c.reset()
	same := build()
	if c.gets[".bin"] != 0 || len(c.puts) != 0 || c.gets[".js"] != len(first) {
		t.Errorf("unchanged rebuild read %v and stored %v; want only its %d files read", c.gets, c.puts, len(first))
	}
	for name, data := range first {
		if !bytes.Equal(same[name], data) {
			t.Errorf("%s reused differs from the build that made it", name)
		}
	}
	c.reset()
	in.Segments[2*40+7].Text = "We waited for the council, and a new word."
	edited := build()
	changed := 0
	for name, data := range edited {
		if !bytes.Equal(data, first[name]) {
			changed++
		}
	}
	if c.puts[".bin"] != 1 || c.puts[".js"] != changed || changed == 0 || changed > 5 || c.puts[".idx"] != 1 {
		t.Errorf("after one edit: stored %v with %d files changed; want 1 analysis, the few changed files and a manifest", c.puts, changed)
	}
	fresh := write(t, in, nil)
	if len(fresh) != len(edited) {
		t.Errorf("%d files after the edit, a fresh build has %d", len(edited), len(fresh))
	}
	for name, data := range fresh {
		if !bytes.Equal(data, edited[name]) {
			t.Errorf("%s after the edit differs from a fresh build's", name)
		}
	}
}

// A manifest whose file entry is gone is rebuilt from, not trusted: the
// files still equal a fresh build's.
func TestReusedEntryMissing(t *testing.T) {
	c := newCountingCache()
	in := studyInput(3, 20)
	ix, err := Build(context.Background(), in, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := ix.Files()
	for _, f := range files {
		if _, err := f.Data(); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	// Drop one file's entry after Build checked the manifest, as a cache
	// damaged between the check and the read would.
	again, err := Build(context.Background(), in, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.reused == nil {
		t.Fatal("the rebuild did not reuse the manifest")
	}
	delete(c.m, again.reused.files[0][1])
	want := write(t, in, nil)
	for _, f := range again.Files() {
		data, err := f.Data()
		if err != nil || !bytes.Equal(data, want[f.Name]) {
			t.Errorf("%s: %v, or it differs from a fresh build's", f.Name, err)
		}
	}
}
