package anon

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestRuleTally prints, per finding reason, how many findings hit a gold span
// and how many were false flags across the development sets (never the blind
// heldout3), so a rule whose false flags outnumber its hits can be seen and
// dropped. It is a tool, not a check: it runs only with ANON_RULE_TALLY=1.
func TestRuleTally(t *testing.T) {
	if os.Getenv("ANON_RULE_TALLY") == "" {
		t.Skip("set ANON_RULE_TALLY=1 to print hits and false flags per rule")
	}
	type count struct{ hit, miss int }
	by := map[string]*count{}
	for _, dir := range []string{"eval", "heldout", "heldout2", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			h := parseHeldOutHeader(string(src))
			allow := h.Allow
			if dir == "eval" {
				allow = evalVocabulary
			}
			text, gs, err := parseLabelled(string(src))
			if err != nil {
				t.Fatal(err)
			}
			fs := NewDetector(Options{Allow: allow}).Detect(text)
			if os.Getenv("ANON_RULE_TALLY") == "m" {
				for _, g := range gs {
					hit := false
					for _, x := range fs {
						hit = hit || overlaps(x, g)
					}
					if !hit && missKinds(g.Kind) {
						a, b := max(0, g.Start-100), min(len(text), g.End+60)
						t.Logf("%s/%s: missed %s %q: …%s[[%s]]%s…", dir, filepath.Base(f), g.Kind, text[g.Start:g.End],
							strings.ReplaceAll(text[a:g.Start], "\n", "⏎"), text[g.Start:g.End], strings.ReplaceAll(text[g.End:b], "\n", "⏎"))
					}
				}
			}
			for _, x := range fs {
				key := fmt.Sprintf("%-13s %s", x.Kind, x.Reason)
				if r := os.Getenv("ANON_RULE"); r != "" && !strings.Contains(x.Reason, r) {
					continue
				}
				if by[key] == nil {
					by[key] = &count{}
				}
				hit := false
				for _, g := range gs {
					hit = hit || overlaps(x, g)
				}
				if hit {
					by[key].hit++
					if os.Getenv("ANON_RULE_TALLY") == "h" {
						a, b := max(0, x.Start-70), min(len(text), x.End+50)
						t.Logf("%s/%s: hit %s %q (%s): …%s[[%s]]%s…", dir, filepath.Base(f), x.Kind, x.Text, x.Reason,
							strings.ReplaceAll(text[a:x.Start], "\n", "⏎"), x.Text, strings.ReplaceAll(text[x.End:b], "\n", "⏎"))
					}
				} else {
					by[key].miss++
					if os.Getenv("ANON_RULE_TALLY") == "v" {
						a, b := max(0, x.Start-70), min(len(text), x.End+50)
						t.Logf("%s/%s: false %s %q (%s): …%s[[%s]]%s…", dir, filepath.Base(f), x.Kind, x.Text, x.Reason,
							strings.ReplaceAll(text[a:x.Start], "\n", "⏎"), x.Text, strings.ReplaceAll(text[x.End:b], "\n", "⏎"))
					}
				}
			}
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%5d %4d  %s", by[k].hit, by[k].miss, k)
	}
}

// missKinds reports whether misses of kind k are printed: the kinds listed
// in $ANON_KINDS (comma-separated), by default person and age-with-name.
func missKinds(k Kind) bool {
	list := os.Getenv("ANON_KINDS")
	if list == "" {
		return k == Person || k == AgeWithName
	}
	for _, x := range strings.Split(list, ",") {
		if Kind(strings.TrimSpace(x)) == k {
			return true
		}
	}
	return false
}

// TestDetectOne prints the findings in $ANON_TEXT or the file $ANON_FILE (a
// labelled set file, markers stripped): a tool for reading one rule at work.
func TestDetectOne(t *testing.T) {
	text := os.Getenv("ANON_TEXT")
	if f := os.Getenv("ANON_FILE"); f != "" {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, _ = parseLabelled(string(src))
	}
	if text == "" {
		t.Skip("set ANON_TEXT or ANON_FILE")
	}
	for _, x := range NewDetector(Options{}).Detect(text) {
		t.Logf("%-13s %q (%s)", x.Kind, x.Text, x.Reason)
	}
}
