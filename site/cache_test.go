package site

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestCachePrune(t *testing.T) {
	dir := t.TempDir()
	keep, stale := strings.Repeat("a", 64), strings.Repeat("b", 64)
	files := []string{keep + ".html", keep + ".html.sha256", stale + ".html", stale + ".html.sha256", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
	for _, f := range files {
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
	}
	// Temporary files of a put: one a killed build left a day ago, one a
	// running build may still be writing.
	os.WriteFile(filepath.Join(dir, ".tmp-111"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".tmp-222"), []byte("x"), 0o644)
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(filepath.Join(dir, ".tmp-111"), old, old)
	if err := cachePrune(dir, map[string]bool{keep + ".html": true}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{".tmp-222", keep + ".html", keep + ".html.sha256", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("after prune: %v, want %v", got, want)
	}
	if err := cachePrune(filepath.Join(dir, "missing"), nil); err != nil {
		t.Errorf("pruning a missing cache: %v", err)
	}
}

func TestKeyerSeparatesParts(t *testing.T) {
	key := func(add func(k *keyer)) string {
		k := newKeyer()
		add(k)
		return k.sum()
	}
	tests := []struct {
		name string
		a, b func(k *keyer)
		same bool
	}{
		{"split strings", func(k *keyer) { k.str("ab", "c") }, func(k *keyer) { k.str("a", "bc") }, false},
		{"same strings", func(k *keyer) { k.str("ab", "c") }, func(k *keyer) { k.str("ab", "c") }, true},
		{"split numbers", func(k *keyer) { k.num(12, 3) }, func(k *keyer) { k.num(1, 23) }, false},
		{"number or text", func(k *keyer) { k.num(12) }, func(k *keyer) { k.str("12") }, false},
		{"order", func(k *keyer) { k.num(1); k.str("a") }, func(k *keyer) { k.str("a"); k.num(1) }, false},
		{"same numbers", func(k *keyer) { k.num(-7, 0) }, func(k *keyer) { k.num(-7, 0) }, true},
	}
	for _, tt := range tests {
		if got := key(tt.a) == key(tt.b); got != tt.same {
			t.Errorf("%s: same key = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// place copies an intact entry over any file at dst, and misses on an
// entry that is missing, has no hash, or no longer matches it.
func TestStorePlace(t *testing.T) {
	s := store{dir: t.TempDir()}
	if err := s.put("page.html", []byte("new "), []byte("page")); err != nil {
		t.Fatal(err)
	}
	for _, existing := range []bool{false, true} {
		dst := filepath.Join(t.TempDir(), "out.html")
		if existing {
			os.WriteFile(dst, []byte("an older, longer page"), 0o600)
		}
		if ok, err := s.place("page.html", dst); !ok || err != nil {
			t.Fatalf("existing=%v: %v, %v", existing, ok, err)
		}
		if data, _ := os.ReadFile(dst); string(data) != "new page" {
			t.Errorf("existing=%v: got %q, want %q", existing, data, "new page")
		}
		// The site's file is its own: writing to it leaves the entry.
		os.WriteFile(dst, []byte("edited"), 0o644)
		if data, _ := os.ReadFile(s.path("page.html")); string(data) != "new page" {
			t.Fatalf("editing the placed page changed the entry to %q", data)
		}
	}
	if fi, err := os.Stat(s.path("page.html")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("entry mode: %v, %v; want 0644", fi.Mode(), err)
	}
	dst := filepath.Join(t.TempDir(), "out.html")
	if ok, _ := s.place("absent.html", dst); ok {
		t.Error("placed an entry that is not there")
	}
	os.WriteFile(s.path("nosum.html"), []byte("x"), 0o644)
	if ok, _ := s.place("nosum.html", dst); ok {
		t.Error("placed an entry without its hash")
	}
	os.WriteFile(s.path("page.html"), []byte("new pagX"), 0o644)
	if ok, _ := s.place("page.html", dst); ok {
		t.Error("placed an entry whose bytes no longer match its hash")
	}
	if ok, err := (store{}).place("page.html", dst); ok || err != nil || (store{}).put("page.html", []byte("x")) != nil {
		t.Error("a store without a folder kept something")
	}
}
