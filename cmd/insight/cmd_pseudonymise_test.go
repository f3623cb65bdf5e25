package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plantedStudy is the example study with a phone number, a postcode and a
// child's name in a consenting participant's turn.
func plantedStudy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	f, err := os.OpenFile(filepath.Join(dir, "transcripts", "int-001.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\nP01: Ring me on 07700 900123, we're at LS6 2AB now, and my son Jayden is better.\n"); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPIIGuardCLI(t *testing.T) {
	dir := plantedStudy(t)
	site := filepath.Join(t.TempDir(), "site")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // each must appear
		stderr   []string
		siteMade bool
	}{
		{"example is clean", []string{"check", "--pii", "--example"}, exitOK, []string{"No unreviewed personal data"}, nil, false},
		{"planted, text", []string{"check", "--pii", dir}, exitPersonal,
			[]string{"transcripts/int-001.md:49:", "  phone  07700 900123", "  postcode  LS6 2AB", "  person  Jayden", `- {text: "07700 900123", file: "transcripts/int-001.md", line: 49, kind: phone`}, nil, false},
		{"bad format", []string{"check", "--pii", "--format", "xml", dir}, exitUsage, nil, nil, false},
		{"build refuses", []string{"build", dir, "-o", site}, exitPersonal, nil,
			[]string{"3 possible personal-data findings are not reviewed, so no site was written", "  person  Jayden"}, false},
		{"build accepts the risk", []string{"build", dir, "-o", site, "--accept-pii-risk"}, exitOK, []string{"site written"},
			[]string{"publishing with 3 unreviewed"}, true},
	}
	for _, tc := range tests {
		code, out, errs := runCLI(t, tc.args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s%s", tc.name, code, tc.code, out, errs)
		}
		for _, s := range tc.stdout {
			if !strings.Contains(out, s) {
				t.Errorf("%s: stdout lacks %q:\n%s", tc.name, s, out)
			}
		}
		for _, s := range tc.stderr {
			if !strings.Contains(errs, s) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, s, errs)
			}
		}
		if _, err := os.Stat(filepath.Join(site, "index.html")); (err == nil) != tc.siteMade {
			t.Errorf("%s: site written = %v, want %v", tc.name, err == nil, tc.siteMade)
		}
	}

	code, out, _ := runCLI(t, "check", "--pii", "--format", "json", dir)
	var findings []struct {
		File, Kind, Text, Reason string
		Line, Col                int
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil || code != exitPersonal || len(findings) != 3 {
		t.Fatalf("json: exit %d, %v, %d findings\n%s", code, err, len(findings), out)
	}
	for _, f := range findings {
		if !strings.HasSuffix(f.File, "transcripts/int-001.md") || f.Line != 49 || f.Col < 1 || f.Reason == "" {
			t.Errorf("json finding %+v", f)
		}
	}
}

func TestPseudonymiseCLI(t *testing.T) {
	dir := plantedStudy(t)
	out := filepath.Join(t.TempDir(), "copy")
	code, stdout, errs := runCLI(t, "pseudonymise", dir, "--out", out)
	if code != exitOK || !strings.Contains(errs, "never share it") || !strings.Contains(stdout, "3 replacements") {
		t.Fatalf("pseudonymise: exit %d\n%s%s", code, stdout, errs)
	}
	if _, err := os.Stat(out + ".key.csv"); err != nil {
		t.Errorf("no key beside the copy: %v", err)
	}
	if code, stdout, errs := runCLI(t, "check", "--pii", out); code != exitOK {
		t.Errorf("check --pii of the copy: exit %d\n%s%s", code, stdout, errs)
	}
	if code, _, _ := runCLI(t, "pseudonymise", dir); code != exitUsage {
		t.Errorf("pseudonymise without --out: exit %d, want %d", code, exitUsage)
	}
}
