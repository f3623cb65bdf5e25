package coding

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// TestAutoCodeCache: a rerun codes only the documents whose text, withheld
// turns or rules changed, and its matches equal coding afresh.
func TestAutoCodeCache(t *testing.T) {
	cb, probs := themes.Parse("codebook.yaml", []byte(testCodebook))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	st := &corpus.Study{}
	for i := range 3 {
		st.Documents = append(st.Documents, parseDoc(t, fmt.Sprintf("P01: Another assessment, number %d.\nP02: The housing officer asked the same questions.\n", i)))
	}
	dir := t.TempDir()
	check := func(when string, st *corpus.Study, cb *themes.Codebook, wantCoded int) {
		t.Helper()
		got, coded := autoCode(st, cb, dir)
		if coded != wantCoded {
			t.Errorf("%s: coded %d documents afresh, want %d", when, coded, wantCoded)
		}
		if want, _ := autoCode(st, cb, ""); !reflect.DeepEqual(got, want) || len(want) == 0 {
			t.Errorf("%s: cached matches\n%v\ndiffer from fresh ones\n%v", when, got, want)
		}
	}
	check("first run", st, cb, 3)
	check("unchanged", st, cb, 0)
	st.Documents[1] = parseDoc(t, "P01: A new assessment.\n")
	check("one document edited", st, cb, 1)
	st.Documents[2].Turns[1].Withheld = true
	check("a speaker withdrew", st, cb, 1)
	cb2, _ := themes.Parse("codebook.yaml", []byte(testCodebook+"      keywords: [questions]\n"))
	check("a rule added", st, cb2, 3)
	// A damaged cache file is a miss, never an error or a wrong answer.
	os.WriteFile(filepath.Join(dir, autoCacheFile), []byte("not gob"), 0o644)
	check("damaged cache", st, cb2, 3)
	check("after the damage", st, cb2, 0)
}
