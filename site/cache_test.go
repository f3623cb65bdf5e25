package site

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestCachePrune(t *testing.T) {
	dir := t.TempDir()
	keep, stale := strings.Repeat("a", 64), strings.Repeat("b", 64)
	files := []string{keep + ".html", stale + ".html", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
	for _, f := range files {
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
	}
	if err := cachePrune(dir, map[string]bool{keep + ".html": true}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{keep + ".html", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("after prune: %v, want %v", got, want)
	}
	if err := cachePrune(filepath.Join(dir, "missing"), nil); err != nil {
		t.Errorf("pruning a missing cache: %v", err)
	}
}

func TestKeyerSeparatesParts(t *testing.T) {
	a, b := newKeyer(), newKeyer()
	a.add("ab", "c")
	b.add("a", "bc")
	if a.sum() == b.sum() {
		t.Error(`("ab","c") and ("a","bc") share a key`)
	}
	c := newKeyer()
	c.add("ab", "c")
	if a.sum() != c.sum() {
		t.Error("same parts, different keys")
	}
}
