package anon

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/findings-*.golden from the current detector")

// TestFindingsGolden pins every finding, in order, that the detector makes
// in the example study's transcripts and in the real transcripts under
// ../shared/refi/transcripts, read whole and line by line (the shape of a
// speaker turn). A change to the engine (tokens, passes, look-ups) must
// leave both files as they are; a change to a rule shows here what it did.
// The shared transcripts' findings are kept as offsets, kinds and reasons
// only, so none of their text is copied into the repository.
func TestFindingsGolden(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		texts := readTexts(t, filepath.Join("..", "example", "study", "transcripts"))
		if len(texts) < 10 {
			t.Fatalf("the example study has %d transcripts; expected its 14", len(texts))
		}
		checkGolden(t, "testdata/findings-example.golden", texts, true)
	})
	t.Run("shared", func(t *testing.T) {
		dir := filepath.Join("..", "..", "shared", "refi", "transcripts")
		if _, err := os.Stat(dir); err != nil {
			if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
				t.Fatalf("INSIGHT_REQUIRE_SHARED=1 but %s is missing: %v", dir, err)
			}
			t.Skipf("skipping: %s is absent (real transcripts are not in the repository)", dir)
		}
		checkGolden(t, "testdata/findings-shared.golden", readTexts(t, dir), false)
	})
}

// readTexts returns every file under dir as corpus shows it (a .docx or
// .vtt converted), by slash path relative to dir.
func readTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if shown, _, _ := corpus.ShownText(p, data); shown != nil {
			data = shown
		}
		rel, _ := filepath.Rel(dir, p)
		texts[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// checkGolden lists the findings in texts and compares the list with the
// golden file (or writes it under -update).
func checkGolden(t *testing.T, golden string, texts map[string]string, withText bool) {
	t.Helper()
	d := NewDetector(Options{})
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	total := 0
	list := func(fs []Finding) {
		for _, f := range fs {
			total++
			fmt.Fprintf(&b, "  %d-%d %s %.2f %q", f.Start, f.End, f.Kind, f.Confidence, f.Reason)
			if withText {
				fmt.Fprintf(&b, " %q", f.Text)
			}
			b.WriteString("\n")
		}
	}
	for _, n := range names {
		text := texts[n]
		fmt.Fprintf(&b, "%s whole (%d bytes)\n", n, len(text))
		list(d.Detect(text))
		for i, line := range strings.Split(text, "\n") {
			if fs := d.Detect(line); len(fs) > 0 {
				fmt.Fprintf(&b, "%s line %d\n", n, i+1)
				list(fs)
			}
		}
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (write it with go test ./anon -run TestFindingsGolden -update)", err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(g), len(w)); i++ {
			if i >= len(g) || i >= len(w) || g[i] != w[i] {
				t.Errorf("%s: findings differ from line %d:\n got  %q\n want %q\n(if a rule changed on purpose, rerun with -update and review the diff)", golden, i+1, at(g, i), at(w, i))
				break
			}
		}
	}
	if total == 0 {
		t.Errorf("no findings at all in %d texts: the golden would pin nothing", len(texts))
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}
