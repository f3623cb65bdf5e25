package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAgreeGolden pins insight agree's output on the bundled example. Run
// `go test ./cmd/insight -run AgreeGolden -update` after a deliberate
// change and review the diff; TestAgreeExampleFigures checks the numbers.
func TestAgreeGolden(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, c := range []struct {
		name string
		args []string
	}{
		{"agree.table", nil},
		{"agree.json", []string{"--format", "json"}},
		{"agree.csv", []string{"--format", "csv"}},
		{"agree.md", []string{"--format", "md"}},
		{"agree-documents.table", []string{"--unit", "document"}},
		{"agree-characters.table", []string{"--unit", "character", "--theme", "duplication"}},
		{"agree-disagreements.table", []string{"--disagreements"}},
		{"agree-disagreements.jsonl", []string{"--disagreements", "--format", "jsonl"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, append([]string{"agree", "--example"}, c.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			compareGolden(t, c.name, []byte(out))
		})
	}
}

func TestAgreeBadInput(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--coders", "amira"}, exitProblems, "at least two coders"},
		{[]string{"--coders", "amira,nobody"}, exitProblems, `unknown coder "nobody"; the coders are amira, tom`},
		{[]string{"--coders", "amira,amira"}, exitProblems, "named twice"},
		{[]string{"--theme", "nope"}, exitProblems, `unknown theme "nope"`},
		{[]string{"--unit", "word"}, exitUsage, "unknown --unit"},
		{[]string{"--format", "jsonl"}, exitUsage, "--disagreements"},
		{[]string{"--format", "xml"}, exitUsage, "unknown format"},
		{[]string{"--coder", "x"}, exitUsage, "--coders a,b"},
		{[]string{"--apply", "review.jsonl"}, exitUsage, "needs --coder"},
		{[]string{"--apply", "review.jsonl", "--coder", "consensus"}, exitProblems, "bundled example is read-only"},
	} {
		code, out, errs := runCLI(t, append([]string{"agree", "--example"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit %d and %q", c.args, code, errs, out, c.code, c.want)
		}
	}
}

// newStudy copies the example into a folder with insight init.
func newStudy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "s")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	return dir
}

func TestAgreeCoderWithoutCodings(t *testing.T) {
	dir := newStudy(t)
	// A coder who declares documents but coded none of them has nothing to compare.
	write(t, filepath.Join(dir, "codings", "sam.jsonl"), `{"documents": ["int-001"]}`+"\n")
	code, _, errs := runCLI(t, "agree", "--coders", "amira,sam", dir)
	if code != exitProblems || !strings.Contains(errs, `coder "sam" has no codings in the 1 documents`) {
		t.Errorf("exit %d: %s", code, errs)
	}
	// A declaration naming a document the study lacks is an error of the file's line.
	write(t, filepath.Join(dir, "codings", "sam.jsonl"), "\n"+`{"documents": ["int-999"]}`+"\n")
	code, out, errs := runCLI(t, "check", dir)
	if code != exitProblems || !strings.Contains(out+errs, `codings/sam.jsonl:2: declares document "int-999"`) {
		t.Errorf("check does not name the declaration's line:\n%s%s", out, errs)
	}
}

// A declaration widens the documents compared: a document a coder read and
// left uncoded counts, with all its sentences rated 0 by that coder.
func TestAgreeDeclaredDocuments(t *testing.T) {
	dir := newStudy(t)
	units := func() int {
		code, out, errs := runCLI(t, "agree", "--format", "json", dir)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var res struct{ Documents int }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res.Documents
	}
	before := units()
	path := filepath.Join(dir, "codings", "tom.jsonl")
	data, _ := os.ReadFile(path)
	all := `{"documents": ["fg-01-parents", "fg-02-workers", "fieldnote-01", "fieldnote-02", "int-001", "int-002", "int-003", "int-004", "int-005", "int-006", "int-007", "int-008", "int-009", "int-010"]}` + "\n"
	write(t, path, all+string(data))
	write(t, filepath.Join(dir, "codings", "amira.jsonl"), all+read(t, filepath.Join(dir, "codings", "amira.jsonl")))
	if after := units(); after <= before {
		t.Errorf("declaring every document compared %d documents, before %d", after, before)
	}
}

func TestAgreeApply(t *testing.T) {
	dir := newStudy(t)
	code, review, errs := runCLI(t, "agree", "--disagreements", "--format", "jsonl", dir)
	if code != exitOK || review == "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(review), "\n")
	// Decide every unit for amira's reading.
	var decided []string
	for _, l := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		r["consensus"] = r["coders"].([]any)[0].(map[string]any)["themes"]
		b, _ := json.Marshal(r)
		decided = append(decided, string(b))
	}
	good := filepath.Join(t.TempDir(), "review.jsonl")
	out := filepath.Join(dir, "codings", "consensus.jsonl")

	bad := func(name string, edit func([]string) []string, want string) {
		t.Helper()
		f := filepath.Join(t.TempDir(), name+".jsonl")
		write(t, f, strings.Join(edit(append([]string{}, decided...)), "\n")+"\n")
		code, _, errs := runCLI(t, "agree", "--apply", f, "--coder", "consensus", dir)
		if code == exitOK || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, %q; want %q", name, code, errs, want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%s: the consensus file was written despite the error", name)
		}
	}
	bad("undecided", func(l []string) []string { l[1] = lines[1]; return l }, ":2: unit ")
	bad("edited", func(l []string) []string {
		l[2] = strings.Replace(l[2], `"sentence":"`, `"sentence":"X`, 1)
		return l
	}, ":3: the sentence of unit")
	bad("unknown-unit", func(l []string) []string {
		l[0] = strings.Replace(l[0], `"unit":"`, `"unit":"int-001/0`, 1)
		return l
	}, ":1: unit \"int-001/0")
	bad("unknown-theme", func(l []string) []string {
		l[3] = strings.Replace(l[3], `"consensus":[`, `"consensus":["nope",`, 1)
		return l
	}, `:4: unknown theme "nope"`)
	bad("not-json", func(l []string) []string { return append(l, "{") }, ":"+strconv.Itoa(len(lines)+1)+": not a review line")

	write(t, good, strings.Join(decided, "\n")+"\n")
	code, msg, errs := runCLI(t, "agree", "--apply", good, "--coder", "consensus", dir)
	if code != exitOK {
		t.Fatalf("apply: exit %d: %s", code, errs)
	}
	if !strings.Contains(msg, strconv.Itoa(len(lines))+" sentences decided") {
		t.Errorf("apply said %q", msg)
	}
	// The consensus coder read amira's choices wherever the coders
	// differed, and shared ones elsewhere, so it agrees with amira on
	// every sentence and theme.
	code, res, errs := runCLI(t, "agree", "--coders", "amira,consensus", "--format", "json", dir)
	if code != exitOK {
		t.Fatalf("agree with consensus: exit %d: %s", code, errs)
	}
	var got struct {
		Overall struct {
			Agreement struct{ Value float64 }
			Units     int
		}
	}
	if err := json.Unmarshal([]byte(res), &got); err != nil {
		t.Fatal(err)
	}
	if got.Overall.Agreement.Value != 1 {
		t.Errorf("amira and the consensus agree on %v of the ratings, want all", got.Overall.Agreement.Value)
	}
	// Applying twice never replaces the file.
	before := read(t, out)
	if code, _, errs := runCLI(t, "agree", "--apply", good, "--coder", "consensus", dir); code == exitOK || !strings.Contains(errs, "never overwrites") {
		t.Errorf("second apply: exit %d %s", code, errs)
	}
	if read(t, out) != before {
		t.Error("the consensus file changed")
	}
	if code, out, errs := runCLI(t, "check", dir); code != exitOK {
		t.Errorf("check after apply: exit %d\n%s%s", code, out, errs)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The README's worked example is the command's real output.
func TestAgreeREADME(t *testing.T) {
	readme := read(t, filepath.Join("..", "..", "README.md"))
	want := read(t, filepath.Join("testdata", "golden", "agree.table"))
	if !strings.Contains(readme, "$ insight agree --example\n"+want+"```") {
		t.Error("README.md's `insight agree --example` block differs from testdata/golden/agree.table: paste the new output in")
	}
}
