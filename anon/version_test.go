package anon

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestVersionPinsBehaviour fingerprints what the detector finds in every
// evaluation passage, file by file. Cached findings are keyed by Version, so a
// change of behaviour without a new Version would serve stale findings: this
// test fails then, and says to bump Version. A passage added since the
// fingerprints were recorded is no change of behaviour: it only asks for its
// fingerprint to be recorded.
func TestVersionPinsBehaviour(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation passages found: %v", err)
	}
	d := NewDetector(Options{})
	got := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := parseLabelled(string(src))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		h := sha256.New()
		for _, fd := range d.Detect(text) {
			fmt.Fprintf(h, "%d %d %s\n", fd.Start, fd.End, fd.Kind)
		}
		got[f] = fmt.Sprintf("%x", h.Sum(nil)[:12])
	}
	const golden = "testdata/version.golden"
	const update = "UPDATE_ANON_VERSION=1 go test ./anon -run TestVersionPinsBehaviour"
	if os.Getenv("UPDATE_ANON_VERSION") != "" {
		if err := os.WriteFile(golden, []byte(formatFingerprints(Version, got)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with %s)", err, update)
	}
	wantVersion, want := parseFingerprints(string(raw))
	var changed, added []string
	for f, fp := range got {
		switch old, ok := want[f]; {
		case !ok:
			added = append(added, f)
		case old != fp:
			changed = append(changed, f)
		}
	}
	sort.Strings(changed)
	switch {
	case len(changed) > 0 && wantVersion == Version:
		t.Errorf("the detector's findings changed in %s but anon.Version is still %q: bump it so cached findings are not reused, then run %s", strings.Join(changed, ", "), Version, update)
	case wantVersion != Version:
		t.Errorf("anon.Version is now %q: record its fingerprints with %s", Version, update)
	case len(added) > 0:
		t.Errorf("%d passages have no fingerprint yet (%s): record them with %s", len(added), added[0], update)
	}
}

// formatFingerprints writes the version, then one "file fingerprint" line per
// passage in file order, so a diff of the golden file names what changed.
func formatFingerprints(version string, fps map[string]string) string {
	files := make([]string, 0, len(fps))
	for f := range fps {
		files = append(files, f)
	}
	sort.Strings(files)
	var b strings.Builder
	b.WriteString(version + "\n")
	for _, f := range files {
		fmt.Fprintf(&b, "%s %s\n", filepath.ToSlash(f), fps[f])
	}
	return b.String()
}

// parseFingerprints reads what formatFingerprints wrote.
func parseFingerprints(s string) (version string, fps map[string]string) {
	version, rest, _ := strings.Cut(s, "\n")
	fps = map[string]string{}
	for _, l := range strings.Split(rest, "\n") {
		if f, fp, ok := strings.Cut(l, " "); ok {
			fps[filepath.FromSlash(f)] = fp
		}
	}
	return strings.TrimSpace(version), fps
}
