package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinkOutsideStudyIsNotRead links each kind of study file to a file
// outside the study (issue 12, F2): check names the link and its target and
// fails, build and pseudonymise refuse, and nothing of the target's text is
// published or copied. A link that stays inside the study is read.
func TestSymlinkOutsideStudyIsNotRead(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	outside := t.TempDir()
	if err := os.MkdirAll(filepath.Join(outside, "codings"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(outside, "secret.md"), "P01: The platypus password is hunter2.\n")
	writeFile(t, filepath.Join(outside, "codings", "x.jsonl"), `{"doc":"int-001","theme":"housing","quote":"platypus"}`+"\n")
	tests := []struct{ link, target string }{
		{"transcripts/passwd.md", "secret.md"},
		{"insight.yaml", "secret.md"},
		{"participants.csv", "secret.md"},
		{"codebook.yaml", "secret.md"},
		{"codings/theirs.jsonl", "secret.md"},
		{"codings", "codings"},
		{"transcripts", "."},
	}
	for _, tc := range tests {
		t.Run(tc.link, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "study")
			if code, _, errs := runCLI(t, "init", dir); code != exitOK {
				t.Fatalf("init: %s", errs)
			}
			link, target := filepath.Join(dir, tc.link), filepath.Join(outside, tc.target)
			if err := os.RemoveAll(link); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, "check", dir)
			if code == exitOK || !strings.Contains(out+errs, tc.link+" is a symbolic link to "+target) {
				t.Errorf("check: exit %d; want an error naming %s and %s:\n%s%s", code, tc.link, target, out, errs)
			}
			site, cp := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "copy")
			if code, _, _ := runCLI(t, "build", dir, "-o", site); code == exitOK {
				t.Errorf("build exits 0")
			}
			if code, _, _ := runCLI(t, "pseudonymise", dir, "--out", cp); code == exitOK {
				t.Errorf("pseudonymise exits 0")
			}
			for _, root := range []string{site, cp} {
				if _, err := os.Stat(root); err == nil && len(grepTree(t, root, "platypus")) > 0 {
					t.Errorf("%s holds the target's text", root)
				}
			}
		})
	}

	t.Run("inside", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "study")
		if code, _, errs := runCLI(t, "init", dir); code != exitOK {
			t.Fatalf("init: %s", errs)
		}
		if err := os.MkdirAll(filepath.Join(dir, "notes"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "notes", "extra.md"), "P01: The wombat words are inside.\n")
		if err := os.Symlink(filepath.Join("..", "notes", "extra.md"), filepath.Join(dir, "transcripts", "extra.md")); err != nil {
			t.Fatal(err)
		}
		site := filepath.Join(t.TempDir(), "site")
		if code, out, errs := runCLI(t, "build", dir, "-o", site); code != exitOK {
			t.Fatalf("build: exit %d\n%s%s", code, out, errs)
		}
		if len(grepTree(t, site, "wombat")) == 0 {
			t.Errorf("a link inside the study was not read")
		}
	})
}

// TestOddCodingsNames: a codings file whose name is not valid UTF-8, and
// codings/.jsonl, are skipped with a warning naming them; the build goes
// on (issue 12). Every reader of codings/ lists it: the codings loader and
// the personal-data scan.
func TestOddCodingsNames(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	rec := `{"doc":"int-001","theme":"housing","quote":"like a tennis ball"}` + "\n"
	writeFile(t, filepath.Join(dir, "codings", "b\xffad.jsonl"), rec)
	writeFile(t, filepath.Join(dir, "codings", ".jsonl"), rec)
	site := filepath.Join(t.TempDir(), "site")
	code, out, errs := runCLI(t, "build", dir, "-o", site)
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "check", dir)
	for _, want := range []string{`codings/b\xffad.jsonl: warning: ignored: its name is not valid UTF-8`, "codings/.jsonl: warning: ignored"} {
		if code != exitOK || !strings.Contains(out+errs, want) {
			t.Errorf("check: exit %d, output lacks %q:\n%s%s", code, want, out, errs)
		}
	}
}
