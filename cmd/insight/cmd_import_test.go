package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportExportCommands: export the example, import it back, check the
// new study, and refuse what import must refuse, writing nothing.
func TestImportExportCommands(t *testing.T) {
	dir := t.TempDir()
	qdpx, qdc, study := filepath.Join(dir, "ex.qdpx"), filepath.Join(dir, "ex.qdc"), filepath.Join(dir, "study")
	bad := filepath.Join(dir, "bad.qdpx")
	os.WriteFile(bad, []byte(`<?xml version="1.0"?><!DOCTYPE P [<!ENTITY a "x">]><Project name="&a;"/>`), 0o644)
	tests := []struct {
		name string
		args []string
		want int
		out  string
	}{
		{"export qdpx", []string{"export", "qdpx", "--example", "-o", qdpx}, 0, "qdpx written"},
		{"export qdc", []string{"export", "qdc", "--example", "-o", qdc}, 0, "qdc written"},
		{"import project", []string{"import", qdpx, "--out", study}, 0, "21 themes, 13 transcripts"},
		{"check the import", []string{"check", study}, 0, "13 documents"},
		{"merge the codebook", []string{"import", qdc, "--into", study}, 0, "0 themes added, 21 already there"},
		{"import over a study", []string{"import", qdpx, "--out", study}, exitFailure, ""},
		{"qdc without --into", []string{"import", qdc, "--out", filepath.Join(dir, "x")}, exitUsage, ""},
		{"project without --out", []string{"import", qdpx}, exitUsage, ""},
		{"no file", []string{"import"}, exitUsage, ""},
		{"hostile project", []string{"import", bad, "--out", filepath.Join(dir, "bad")}, exitFailure, ""},
	}
	for _, tc := range tests {
		code, out, errs := runCLI(t, tc.args...)
		if code != tc.want || !strings.Contains(out, tc.out) {
			t.Errorf("%s: exit %d (want %d), output should contain %q:\n%s%s", tc.name, code, tc.want, tc.out, out, errs)
		}
	}
	for _, p := range []string{filepath.Join(dir, "bad"), filepath.Join(dir, "x")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("a refused import left %s behind", p)
		}
	}
	if _, err := os.Stat(filepath.Join(study, "import-report.md")); err != nil {
		t.Error(err)
	}
}
