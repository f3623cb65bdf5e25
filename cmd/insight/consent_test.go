package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withdrawnLabels are the ways of writing the withdrawn P09's label that a
// probe found leaking (issue 12, F3), and a few more.
var withdrawnLabels = []string{
	"P09:", "P09 (mum):", "*P09*:", "_P09_:", "**P09**:", "**P09:**", "P09/mum:", "P09, mum:", "> P09:", "- P09:", "[P09]:",
	"P09:\u00a0", "P09\u00a0:", "P09：", "\u200bP09:", "\ufeffP09:", "P09 - mum:", "P 09:", "P09.:", "P09 mum:",
	"Participant P09:", "Р09:", "[00:12:00] **P09**:",
}

// grepTree returns the files under root whose bytes contain word.
func grepTree(t *testing.T, root, word string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), word) {
			hits = append(hits, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// TestWithdrawnLabelVariantsLeaveNoTrace writes each variant of P09's label
// into the example, each with a sentence holding the word "quokka" and
// followed by a consenting P01's sentence holding "wombat". No quokka may
// reach the site, the index, a search, a kwic, the pseudonymised copy or
// its key; every wombat must (or the grep proves nothing).
func TestWithdrawnLabelVariantsLeaveNoTrace(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	var add strings.Builder
	for i, label := range withdrawnLabels {
		fmt.Fprintf(&add, "\n%s The quokka%c sentence stays private.\n\nP01: The wombat%c sentence is fine.\n", label, 'a'+i, 'a'+i)
	}
	appendFile(t, filepath.Join(dir, "transcripts", "int-001.md"), add.String())

	if code, out, errs := runCLI(t, "check", dir); code != exitOK {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	site := filepath.Join(t.TempDir(), "site")
	if code, out, errs := runCLI(t, "build", dir, "-o", site); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	copyDir := filepath.Join(t.TempDir(), "copy")
	key := filepath.Join(t.TempDir(), "key.csv")
	if code, out, errs := runCLI(t, "pseudonymise", dir, "--out", copyDir, "--key", key); code != exitOK {
		t.Fatalf("pseudonymise: exit %d\n%s%s", code, out, errs)
	}
	_, search, _ := runCLI(t, "query", "search", "--limit", "100", "quokka* wombat*", dir)
	// kwic shows its word's neighbours: "sentence" stands beside each secret and control.
	_, kwic, _ := runCLI(t, "query", "kwic", "--limit", "1000", "--width", "40", "sentence", dir)
	for i := range withdrawnLabels {
		secret, control := fmt.Sprintf("quokka%c", 'a'+i), fmt.Sprintf("wombat%c", 'a'+i)
		for _, root := range []string{site, filepath.Join(dir, ".insight"), copyDir, key} {
			if hits := grepTree(t, root, secret); len(hits) > 0 {
				t.Errorf("%q: %s found in %v", withdrawnLabels[i], secret, hits)
			}
		}
		for _, root := range []string{site, copyDir} {
			if len(grepTree(t, root, control)) == 0 {
				t.Errorf("%q: the consenting %s is not in %s: the grep proves nothing", withdrawnLabels[i], control, root)
			}
		}
		for name, out := range map[string]string{"search": search, "kwic": kwic} {
			if strings.Contains(out, secret) || !strings.Contains(out, control) {
				t.Errorf("%q: query %s finds %s or misses %s:\n%s", withdrawnLabels[i], name, secret, control, out)
			}
		}
	}
}

// TestLabelLikeLineStopsBuild: a line that looks like P09's label but is
// not one is an error naming file and line, and nothing is built.
func TestLabelLikeLineStopsBuild(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	appendFile(t, filepath.Join(dir, "transcripts", "int-001.md"), "\nP09 (mum) said: The quokka sentence stays private.\n")
	code, out, errs := runCLI(t, "check", dir)
	if code == exitOK || !strings.Contains(out+errs, "int-001.md:") || !strings.Contains(out+errs, "looks like a speaker label") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	site := filepath.Join(t.TempDir(), "site")
	if code, _, _ := runCLI(t, "build", dir, "-o", site); code == exitOK {
		t.Errorf("build exits 0 with a label-like line")
	}
	if _, err := os.Stat(site); err == nil && len(grepTree(t, site, "quokka")) > 0 {
		t.Errorf("the site holds the line")
	}
}

// TestWithdrawalPurgesCaches: after a participant withdraws, the first
// command that sees it (here a query) leaves none of their words in the
// study's .insight folder: not in the search index (bleve keeps deleted
// text until a merge) nor anywhere else (issue 12; the site's pages are no
// longer cached there, the site itself being the cache since issue 11).
func TestWithdrawalPurgesCaches(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("init: %s", errs)
	}
	const phrase = "like a tennis ball" // P01's, in int-001
	if code, out, errs := runCLI(t, "build", dir, "-o", filepath.Join(t.TempDir(), "site")); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	runCLI(t, "query", "search", "tennis", dir)
	cache := filepath.Join(dir, ".insight")
	if len(grepTree(t, filepath.Join(cache, "index"), phrase)) == 0 {
		t.Fatalf("the caches do not hold %q before the withdrawal: the grep proves nothing", phrase)
	}
	csv := filepath.Join(dir, "participants.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, csv, strings.Replace(string(data), "P01,parent,Northgate,25-34,lone parent,yes", "P01,parent,Northgate,25-34,lone parent,withdrawn", 1))
	if code, out, errs := runCLI(t, "query", "search", "tennis", dir); code != exitOK || strings.Contains(out, "tennis") {
		t.Errorf("query after the withdrawal: exit %d\n%s%s", code, out, errs)
	}
	if hits := grepTree(t, cache, phrase); len(hits) > 0 {
		t.Errorf("the withdrawn participant's words are still in %v", hits)
	}
}
