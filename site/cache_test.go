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
	files := []string{keep + ".html", stale + ".html", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
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
	want := []string{".tmp-222", keep + ".html", "notes.html", "thesis.docx", strings.Repeat("c", 63) + ".html"}
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

// link copies where it cannot link; here because the target exists.
func TestStoreLinkFallsBackToCopy(t *testing.T) {
	s := store{dir: t.TempDir()}
	if err := s.put("page.html", []byte("new "), []byte("page")); err != nil {
		t.Fatal(err)
	}
	for _, existing := range []bool{false, true} {
		dst := filepath.Join(t.TempDir(), "out.html")
		if existing {
			os.WriteFile(dst, []byte("an older, longer page"), 0o600)
		}
		if err := s.link("page.html", dst); err != nil {
			t.Fatalf("existing=%v: %v", existing, err)
		}
		if data, _ := os.ReadFile(dst); string(data) != "new page" {
			t.Errorf("existing=%v: got %q, want %q", existing, data, "new page")
		}
	}
	if fi, err := os.Stat(s.path("page.html")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("entry mode: %v, %v; want 0644", fi.Mode(), err)
	}
}
