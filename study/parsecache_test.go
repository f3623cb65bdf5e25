package study

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/residentinsight/insight/internal/exampletext"
)

// TestParseCacheFileAfterWithdrawal: a build after an edit appends the
// edited transcript's parse to .insight's parse cache, and the build
// after its speaker withdraws leaves their words nowhere in the file's
// bytes, appended or not.
func TestParseCacheFileAfterWithdrawal(t *testing.T) {
	ctx := context.Background()
	dir := exampletext.Copy(t)
	site := filepath.Join(t.TempDir(), "site")
	build := func() []byte {
		t.Helper()
		if err := Build(ctx, Source{Dir: dir}, BuildOptions{Out: site}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, CacheDir, "corpus", "parsed.bin"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := build()
	words := "The after-school club closed its doors the week the heating failed."
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-003.md"), "\nP03: "+words+"\n")
	edited := build()
	if !bytes.HasPrefix(edited, first) || !bytes.Contains(edited[len(first):], []byte(words)) {
		t.Fatal("the edit's parse was not appended to the cache file: the test proves nothing")
	}

	pc := filepath.Join(dir, "participants.csv")
	data, _ := os.ReadFile(pc)
	withdrawn := bytes.Replace(data, []byte("kinship,yes\nP04"), []byte("kinship,withdrawn\nP04"), 1)
	if bytes.Equal(withdrawn, data) {
		t.Fatal("P03's consent is not where the test expects it")
	}
	os.WriteFile(pc, withdrawn, 0o644)
	if bytes.Contains(build(), []byte(words)) {
		t.Error("the parse cache still holds P03's words after the build that withdrew them")
	}
}
