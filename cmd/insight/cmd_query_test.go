package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestQueryGolden (with the -update flag of golden_test.go) pins each query command's output in each format on the
// bundled example study. Run `go test ./cmd/insight -run QueryGolden -update`
// after a deliberate change and review the diff.
func TestQueryGolden(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the example's index goes to the user cache
	commands := []struct {
		name string
		args []string
	}{
		{"freq", []string{"freq"}},
		{"freq-parents-docs", []string{"freq", "--where", "role=parent", "--unit", "documents", "--theme", "agencies"}},
		{"matrix-role", []string{"matrix", "--by", "role"}},
		{"cooccur", []string{"cooccur", "--within", "turn"}},
		{"search", []string{"search", "--limit", "5", "rent arrears"}},
		{"kwic", []string{"kwic", "--width", "30", "assess"}},
		{"contacts-agency-cost", []string{"contacts", "--by", "agency", "--measure", "cost"}},
		{"contacts-phase-families-reactive", []string{"contacts", "--by", "phase", "--measure", "families", "--where", "kind=reactive"}},
		{"duplication", []string{"duplication"}},
	}
	for _, c := range commands {
		for _, format := range []string{"table", "csv", "json", "md"} {
			t.Run(c.name+"."+format, func(t *testing.T) {
				args := append([]string{"insight", "query"}, c.args[0], "--example", "--format", format)
				args = append(args, c.args[1:]...)
				var out, errs bytes.Buffer
				if code := run(context.Background(), args, &out, &errs); code != exitOK {
					t.Fatalf("%v: exit %d: %s", args, code, errs.String())
				}
				golden := filepath.Join("testdata", "golden", "query-"+c.name+"."+format)
				if *update {
					if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if out.String() != string(want) {
					t.Errorf("%v output differs from %s (run with -update after a deliberate change):\n%s", args, golden, out.String())
				}
			})
		}
	}
}

func TestQueryErrors(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"freq", "--theme", "nope"}, exitProblems, "valid themes: perverse-incentives"},
		{[]string{"matrix", "--by", "colour"}, exitProblems, "valid attributes: doc, kind"},
		{[]string{"freq", "--coder", "zoe"}, exitProblems, "valid coders: inline"},
		{[]string{"freq", "--unit", "households"}, exitUsage, "use one of segments"},
		{[]string{"freq", "--format", "xml"}, exitUsage, "unknown format"},
		{[]string{"freq", "--where", "role"}, exitUsage, "attr=value"},
		{[]string{"contacts", "--by", "colour"}, exitUsage, "unknown dimension"},
		{[]string{"contacts", "--measure", "pounds"}, exitUsage, "unknown --measure"},
		{[]string{"contacts", "--where", "agncy=police"}, exitUsage, `did you mean "agency"`},
		{[]string{"cooccur", "--within", "page"}, exitUsage, "segment, turn or document"},
		{[]string{"search", `"unclosed`}, exitUsage, "cannot read the search"},
		{[]string{"search"}, exitUsage, "needs"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{"insight", "query", tc.args[0], "--example"}, tc.args[1:]...)
			var out, errs bytes.Buffer
			code := run(context.Background(), args, &out, &errs)
			if code != tc.code || !strings.Contains(errs.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errs.String(), tc.code, tc.want)
			}
		})
	}
}

// TestQuerySmallStudies runs every query on the smallest studies: no
// transcript, one short one, two. Each bleve shard then holds no segment
// at least once, which made bleve's offline builder panic (issue 12, P0).
func TestQuerySmallStudies(t *testing.T) {
	lines := []string{
		"P1: By the time anyone came it was far too late.\n",
		"P2: Nobody rang back about the repairs.\n",
	}
	for n := range 3 {
		t.Run(strconv.Itoa(n)+" transcripts", func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "insight.yaml"), "title: small\n")
			writeFile(t, filepath.Join(dir, "codebook.yaml"), "themes:\n  - id: late\n    name: Late\n")
			if err := os.MkdirAll(filepath.Join(dir, "transcripts"), 0o755); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				writeFile(t, filepath.Join(dir, "transcripts", "t"+strconv.Itoa(i)+".md"), lines[i])
			}
			for _, q := range [][]string{{"freq"}, {"matrix", "--by", "kind"}, {"cooccur"}, {"search", "late"}, {"kwic", "late"}} {
				args := append(append([]string{"query"}, q...), dir)
				code, out, errs := runCLI(t, args...)
				// An empty study answers with nothing found; it must not panic.
				if code != exitOK {
					t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
				}
				if n > 0 && (q[0] == "search" || q[0] == "kwic") && !strings.Contains(out, "anyone came it was far too") {
					t.Errorf("%v does not find the sentence:\n%s", args, out)
				}
			}
		})
	}
}
