package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// pinnedPages are compared in full; every other page is pinned by its hash
// in the manifest, so no change to the example site goes unnoticed.
var pinnedPages = []string{
	"index.html",
	"participants.html",
	"transcripts/index.html",
	"transcripts/int-003.html",
	"themes/duplication.html",
}

func TestExampleSiteGolden(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, out, errs := runCLI(t, "build", "--example", "-o", site); code != exitOK {
		t.Fatalf("build --example: exit %d\n%s%s", code, out, errs)
	}
	var manifest strings.Builder
	var files []string
	err := filepath.WalkDir(site, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(site, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(site, f))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&manifest, "%x  %s\n", sha256.Sum256(data), f)
	}
	compareGolden(t, "example-site/MANIFEST", []byte(manifest.String()))
	for _, page := range pinnedPages {
		data, err := os.ReadFile(filepath.Join(site, page))
		if err != nil {
			t.Fatal(err)
		}
		compareGolden(t, "example-site/"+page, data)
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/insight -run Golden -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./cmd/insight -run Golden -update and review the diff", name)
	}
}
