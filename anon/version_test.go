package anon

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionPinsBehaviour fingerprints what the detector finds in every
// evaluation passage. Cached findings are keyed by Version, so a change of
// behaviour without a new Version would serve stale findings: this test
// fails then, and says to bump Version (and run with -update-version).
func TestVersionPinsBehaviour(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation passages found: %v", err)
	}
	h := sha256.New()
	d := NewDetector(Options{})
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := parseLabelled(string(src))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fmt.Fprintln(h, f)
		for _, fd := range d.Detect(text) {
			fmt.Fprintf(h, "%d %d %s\n", fd.Start, fd.End, fd.Kind)
		}
	}
	got := fmt.Sprintf("%s %x\n", Version, h.Sum(nil))
	const golden = "testdata/version.golden"
	if os.Getenv("UPDATE_ANON_VERSION") != "" {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with UPDATE_ANON_VERSION=1 go test ./anon -run TestVersionPinsBehaviour)", err)
	}
	wantVersion, _, _ := strings.Cut(string(want), " ")
	switch {
	case got == string(want):
	case wantVersion == Version:
		t.Errorf("the detector's findings changed but anon.Version is still %q: bump it so cached findings are not reused, then run UPDATE_ANON_VERSION=1 go test ./anon -run TestVersionPinsBehaviour", Version)
	default:
		t.Errorf("anon.Version is now %q: record its fingerprint with UPDATE_ANON_VERSION=1 go test ./anon -run TestVersionPinsBehaviour", Version)
	}
}
