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
