package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport runs each export subcommand the way people type it (flags
// after the study) and checks the exit codes of the usual mistakes.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		made string // a file the command must write
		says string // on stdout or stderr
	}{
		{"xlsx", []string{"export", "xlsx", "--example", "-o", filepath.Join(dir, "s.xlsx")}, exitOK, "s.xlsx", "xlsx written to"},
		{"csv", []string{"export", "csv", "--example", "-o", filepath.Join(dir, "csv")}, exitOK, "csv/coded-segments.csv", "csv written to"},
		{"no -o", []string{"export", "xlsx", "--example"}, exitUsage, "", `"out" not set`},
		{"unknown format", []string{"export", "pdf", "--example", "-o", filepath.Join(dir, "x")}, exitUsage, "", "pdf"},
		{"study with errors", []string{"export", "csv", filepath.Join(dir, "nothing-here"), "-o", filepath.Join(dir, "csv2")}, exitProblems, "", "insight.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := run(context.Background(), append([]string{"insight"}, tc.args...), &out, &errs)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errs.String())
			}
			if !strings.Contains(out.String()+errs.String(), tc.says) {
				t.Errorf("output does not say %q:\n%s%s", tc.says, out.String(), errs.String())
			}
			if tc.made != "" {
				if _, err := os.Stat(filepath.Join(dir, tc.made)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
