package packcache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func build(t testing.TB, path string, entries map[string]string) {
	t.Helper()
	c := Open(path)
	for name, data := range entries {
		if err := c.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

func names(t testing.TB, path string) []string {
	t.Helper()
	got, err := Names(path)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// A pack keeps what a build stored and read, and only that.
func TestPackKeepsWhatWasUsed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "c.pack")
	build(t, path, map[string]string{"a": "alpha", "b": "beta", "c": "", "d": "delta"})
	if got := names(t, path); !slices.Equal(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("names %v", got)
	}
	c := Open(path)
	for name, want := range map[string]string{"a": "alpha", "c": ""} {
		if got, ok := c.Get(name); !ok || string(got) != want {
			t.Errorf("Get(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := c.Get("zz"); ok {
		t.Error("Get of a name never stored hit")
	}
	if err := c.Put("e", []byte("epsilon")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("e"); !ok || string(got) != "epsilon" {
		t.Errorf("Get of an entry stored this build = %q, %v", got, ok)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// b and d were not used: pruned. (Break the prune and this fails.)
	if got := names(t, path); !slices.Equal(got, []string{"a", "c", "e"}) {
		t.Errorf("after the second build: %v, want [a c e]", got)
	}
	c = Open(path)
	if got, ok := c.Get("a"); !ok || string(got) != "alpha" {
		t.Errorf("a after rewrite = %q, %v", got, ok)
	}
	c.Close()
	// Nothing used at all: an empty pack, not the old one.
	Open(path).Close()
	if got := names(t, path); len(got) != 0 {
		t.Errorf("after a build that used nothing: %v", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d files in the cache folder, want the pack alone", len(entries))
	}
}

// A build that reads every entry and stores nothing leaves the file alone.
func TestPackUnchangedNotRewritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.pack")
	build(t, path, map[string]string{"a": "alpha"})
	before, _ := os.Stat(path)
	c := Open(path)
	c.Get("a")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("an unchanged pack was rewritten")
	}
}

// Abort keeps the old pack as it was and leaves no temporary file.
func TestPackAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.pack")
	build(t, path, map[string]string{"a": "alpha", "b": "beta"})
	c := Open(path)
	c.Put("x", []byte("new"))
	c.Abort()
	c.Abort()
	if got := names(t, path); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("after Abort: %v", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files after Abort, want 1", len(entries))
	}
}

// Damage to an entry's bytes is a miss for that entry only; damage to the
// index or trailer, or a truncated file, is an empty cache.
func TestPackDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.pack")
	build(t, path, map[string]string{"a": strings.Repeat("A", 100), "b": strings.Repeat("B", 100)})
	good, _ := os.ReadFile(path)
	at := bytes.Index(good, []byte(strings.Repeat("B", 100)))
	bad := bytes.Clone(good)
	bad[at+50] = 'X'
	os.WriteFile(path, bad, 0o644)
	c := Open(path)
	if _, ok := c.Get("b"); ok {
		t.Error("a damaged entry was returned")
	}
	if got, ok := c.Get("a"); !ok || len(got) != 100 {
		t.Error("an intact entry beside a damaged one was lost")
	}
	c.Abort()
	for i := range len(good) {
		bad := bytes.Clone(good)
		bad[i] ^= 0x20
		os.WriteFile(path, bad, 0o644)
		c := Open(path)
		for _, name := range []string{"a", "b"} {
			if got, ok := c.Get(name); ok && string(got) != strings.Repeat(strings.ToUpper(name), 100) {
				t.Fatalf("byte %d flipped: Get(%s) returned wrong data %q", i, name, got)
			}
		}
		c.Abort()
	}
	for _, n := range []int{0, 1, len(magic), len(good) - 1} {
		os.WriteFile(path, good[:n], 0o644)
		c := Open(path)
		if _, ok := c.Get("a"); ok {
			t.Errorf("truncated to %d bytes: Get hit", n)
		}
		c.Abort()
	}
}

// Any file at all opens as a cache that returns only data it stored.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.pack")
	build(f, path, map[string]string{"a": "alpha", "bb": ""})
	seed, _ := os.ReadFile(path)
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "c.pack")
		os.WriteFile(p, data, 0o644)
		c := Open(p)
		for _, name := range []string{"a", "bb", ""} {
			if got, ok := c.Get(name); ok && !strings.Contains(string(data), string(got)) {
				t.Fatalf("Get(%q) returned %q, which the file does not hold", name, got)
			}
		}
		Names(p)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

// Many goroutines may Get and Put at once, as a build's workers do.
func TestPackConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.pack")
	c := Open(path)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				name := fmt.Sprint(i % 20) // workers store the same names
				c.Put(name, []byte("v"+name))
				if got, ok := c.Get(name); !ok || string(got) != "v"+name {
					t.Errorf("worker %d: Get(%s) = %q, %v", w, name, got, ok)
				}
			}
		}()
	}
	wg.Wait()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, path); len(got) != 20 {
		t.Errorf("%d names, want 20", len(got))
	}
}

func TestNoPath(t *testing.T) {
	c := Open("")
	if err := c.Put("a", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("a"); ok {
		t.Error("a cache with no path returned an entry")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// Keep carries an entry into the next pack unread, as Get does.
func TestKeep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.pack")
	build(t, path, map[string]string{"a": "alpha", "b": "beta"})
	c := Open(path)
	if !c.Keep("a") || c.Keep("z") {
		t.Error("Keep: want true for a stored entry, false for a missing one")
	}
	if err := c.Put("n", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if !c.Keep("n") {
		t.Error("Keep: want true for an entry this build stored")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, path); !slices.Equal(got, []string{"a", "n"}) {
		t.Errorf("after Keep(a) and Put(n), the pack holds %v, want [a n]", got)
	}
	if data, ok := Open(path).Get("a"); !ok || string(data) != "alpha" {
		t.Errorf("kept entry reads %q, %v", data, ok)
	}
}

// Peek reads an entry without keeping it: the next pack drops it unless
// something else used it.
func TestPeek(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.pack")
	build(t, path, map[string]string{"a": "alpha", "b": "beta", "c": "gamma"})
	c := Open(path)
	if data, ok := c.Peek("a"); !ok || string(data) != "alpha" {
		t.Errorf("Peek(a) = %q, %v", data, ok)
	}
	if _, ok := c.Peek("z"); ok {
		t.Error("Peek of a name never stored hit")
	}
	c.Peek("b")
	c.Get("b")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got := names(t, path); !slices.Equal(got, []string{"b"}) {
		t.Errorf("after Peek(a) and Peek, Get(b): %v, want [b]", got)
	}
}
