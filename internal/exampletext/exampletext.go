// Package exampletext gives tests the sentences a speaker says in the
// bundled example study, so that tests in several packages can prove the
// same thing the same way: a withdrawn participant's words are nowhere in
// what insight writes, while a consenting participant's are found (which
// shows the search works).
package exampletext

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
)

var sentenceEnd = regexp.MustCompile(`[.!?]+\s+`)

// Sentences returns the sentences of at least six words in the turns of
// speaker (withheld or not) across the example study, whitespace collapsed.
func Sentences(speaker string) []string {
	st, _ := corpus.Load(context.Background(), example.Study(), "example")
	if st == nil {
		return nil
	}
	var out []string
	for _, d := range st.Documents {
		for _, turn := range d.Turns {
			if turn.Speaker != speaker {
				continue
			}
			for _, s := range sentenceEnd.Split(d.Body[turn.Start:turn.End], -1) {
				if w := strings.Fields(s); len(w) >= 6 {
					out = append(out, strings.Join(w, " "))
				}
			}
		}
	}
	return out
}

// Copy writes the example study into a new temporary folder of t, so a test
// can edit it, and returns the folder.
func Copy(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.CopyFS(dir, example.Study()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Append adds text to the end of file.
func Append(t testing.TB, file, text string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// AssertNoneOf fails t when text holds any secret sentence. At least one
// control sentence must be found, or the search itself would be broken.
func AssertNoneOf(t testing.TB, text string, secret, control []string) {
	t.Helper()
	found := 0
	for _, s := range control {
		if strings.Contains(text, s) {
			found++
		}
	}
	if found == 0 {
		t.Fatalf("none of %d sentences of a consenting participant is in the output: the search is broken", len(control))
	}
	for _, s := range secret {
		if strings.Contains(text, s) {
			t.Errorf("a withdrawn participant's sentence is in the output: %q", s)
		}
	}
}
