package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runCLI runs the insight command in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"insight"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestExampleEndToEnd drives the CLI the way the README does.
func TestExampleEndToEnd(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "insight-site")

	if code, out, errs := runCLI(t, "check", "--example"); code != exitOK {
		t.Fatalf("check --example: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "build", "--example", "-o", site); code != exitOK {
		t.Fatalf("build --example: exit %d\n%s%s", code, out, errs)
	}
	for _, page := range []string{"index.html", "participants.html", "transcripts/index.html", "transcripts/int-001.html", "themes/duplication.html"} {
		if _, err := os.Stat(filepath.Join(site, page)); err != nil {
			t.Errorf("site lacks %s: %v", page, err)
		}
	}
	if code, out, _ := runCLI(t, "code", "--example"); code != exitOK || !strings.Contains(out, "AUTO-CODED SEGMENTS") {
		t.Errorf("code --example: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "version"); code != exitOK || !strings.HasPrefix(out, "insight ") {
		t.Errorf("version: exit %d %q", code, out)
	}

	// init seeds a folder that checks and builds like the example.
	study := filepath.Join(dir, "my-study")
	if code, _, errs := runCLI(t, "init", study); code != exitOK {
		t.Fatalf("init: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "init", study); code != exitFailure || !strings.Contains(errs, "already has files") {
		t.Errorf("init over an existing study: exit %d %s", code, errs)
	}
	if code, out, errs := runCLI(t, "check", study); code != exitOK {
		t.Fatalf("check of a new study: exit %d\n%s%s", code, out, errs)
	}
	for _, f := range []string{"contacts.csv", "costs.yaml"} {
		if _, err := os.Stat(filepath.Join(study, f)); err != nil {
			t.Errorf("init does not carry the example's %s: %v", f, err)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown flag", []string{"build", "--nope"}, exitUsage},
		{"two studies", []string{"check", "a", "b"}, exitUsage},
		{"example and folder", []string{"check", "--example", "a"}, exitUsage},
		{"not a study", []string{"check", dir}, exitProblems},
		{"build of not a study", []string{"build", dir, "-o", filepath.Join(dir, "out")}, exitProblems},
	}
	for _, tc := range tests {
		if code, out, errs := runCLI(t, tc.args...); code != tc.want {
			t.Errorf("%s: exit %d, want %d\n%s%s", tc.name, code, tc.want, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("a failed build left %s/out behind", dir)
	}
}

// TestEditedTranscriptKeepsCodings edits a coded transcript of a new study:
// a quote moved 200 characters down keeps its coding; a deleted quote is
// reported as orphaned and the coder's file is left byte-identical.
func TestEditedTranscriptKeepsCodings(t *testing.T) {
	study := filepath.Join(t.TempDir(), "s")
	if code, _, errs := runCLI(t, "init", study); code != exitOK {
		t.Fatal(errs)
	}
	codingsFile, rec, line := firstVerbatimCoding(t, study)
	before, err := os.ReadFile(codingsFile)
	if err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(study, "transcripts", rec.Doc+".md")
	raw, err := os.ReadFile(transcript)
	if err != nil {
		t.Fatal(err)
	}
	where := filepath.ToSlash(filepath.Join(study, "codings", filepath.Base(codingsFile))) + ":" + line

	padding := strings.Repeat("and so on ", 20) // 200 characters
	moved := strings.Replace(string(raw), rec.Quote, padding+rec.Quote, 1)
	writeFile(t, transcript, moved)
	code, out, errs := runCLI(t, "check", study)
	if code != exitOK || strings.Contains(out, where) {
		t.Fatalf("after moving the quote: exit %d, output mentions %s:\n%s%s", code, where, out, errs)
	}
	if strings.Contains(out, " 0 re-anchored") || !strings.Contains(out, " 0 orphaned") {
		t.Errorf("summary should count re-anchored codings and no orphans:\n%s", out)
	}

	writeFile(t, transcript, strings.Replace(string(raw), rec.Quote, "", 1))
	code, out, _ = runCLI(t, "check", study)
	if code != exitOK || !strings.Contains(out, where+": warning: orphaned") {
		t.Fatalf("after deleting the quote: exit %d, want an orphan warning at %s:\n%s", code, where, out)
	}
	after, err := os.ReadFile(codingsFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("check changed the coder's file")
	}
}

// firstVerbatimCoding finds a coding whose quote appears once, without
// markup, in its transcript file, and its line number in the codings file.
func firstVerbatimCoding(t *testing.T, study string) (string, struct{ Doc, Quote string }, string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(study, "codings", "*.jsonl"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			var rec struct{ Doc, Quote string }
			if json.Unmarshal([]byte(l), &rec) != nil || len(rec.Quote) < 20 {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(study, "transcripts", rec.Doc+".md"))
			if err == nil && strings.Count(string(raw), rec.Quote) == 1 {
				return f, rec, strconv.Itoa(i + 1)
			}
		}
	}
	t.Fatal("no coding with a verbatim quote in the example")
	return "", struct{ Doc, Quote string }{}, ""
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostileTranscriptIsText builds a study whose transcript tries to inject
// script: every page must show it as text.
func TestHostileTranscriptIsText(t *testing.T) {
	study := filepath.Join(t.TempDir(), "s")
	if code, _, errs := runCLI(t, "init", study); code != exitOK {
		t.Fatal(errs)
	}
	writeFile(t, filepath.Join(study, "transcripts", "zz-hostile.md"),
		"---\nkind: interview\nnote: <img src=x onerror=alert(1)>\n---\nInterviewer: What did the letter say?\n\n"+
			"P01: It said <script>alert(1)</script> and [<img src=x onerror=alert(1)>]{.duplication} at the bottom.\n")
	site := filepath.Join(t.TempDir(), "site")
	if code, out, errs := runCLI(t, "build", study, "-o", site); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	page, err := os.ReadFile(filepath.Join(site, "transcripts", "zz-hostile.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the script tag is not shown as text on the transcript page")
	}
	err = filepath.WalkDir(site, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, bad := range []string{"<script>alert", "<img src=x"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q unescaped", path, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFlagsFirst(t *testing.T) {
	cmds := newApp(nil, nil).Commands
	tests := []struct{ in, want string }{
		{"insight build my-study -o site", "insight build -o site my-study"},
		{"insight build -o site my-study", "insight build -o site my-study"},
		{"insight build my-study --example", "insight build --example my-study"},
		{"insight check a -- -b", "insight check a -- -b"},
		{"insight nosuch a -x", "insight nosuch a -x"},
		{"insight", "insight"},
	}
	for _, tc := range tests {
		if got := strings.Join(flagsFirst(cmds, strings.Fields(tc.in)), " "); got != tc.want {
			t.Errorf("flagsFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCheckReportsEveryProblem breaks three files of a study at once: one
// check run must name each file and line.
func TestCheckReportsEveryProblem(t *testing.T) {
	study := filepath.Join(t.TempDir(), "s")
	if code, _, errs := runCLI(t, "init", study); code != exitOK {
		t.Fatal(errs)
	}
	writeFile(t, filepath.Join(study, "transcripts", "broken.md"), "P01: fine\nP01: caf\xe9 latin-1\n")
	appendFile(t, filepath.Join(study, "codings", "tom.jsonl"), "{not json\n")
	appendFile(t, filepath.Join(study, "codebook.yaml"), "  - id: duplication\n    name: Again\n")
	code, out, _ := runCLI(t, "check", study)
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblems, out)
	}
	for _, want := range []string{"transcripts/broken.md:2", "codings/tom.jsonl:", "codebook.yaml:"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(old)+text)
}
