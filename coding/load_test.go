package coding

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadRecordsOddNames: a codings file whose name is not UTF-8 (no
// fs.FS can open it) or that has no coder name is skipped with a warning
// naming it; neither stops the build (issue 12).
func TestLoadRecordsOddNames(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, CodingsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	rec := `{"doc":"int-001","theme":"duplication","quote":"three workers"}` + "\n"
	for _, name := range []string{"amira.jsonl", "b\xffad.jsonl", ".jsonl", ".DS_Store"} {
		if err := os.WriteFile(filepath.Join(dir, CodingsDir, name), []byte(rec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	recs, probs := LoadRecords(os.DirFS(dir), "s")
	if probs.HasErrors() || len(recs) != 1 || recs[0].Coder != "amira" {
		t.Errorf("records %+v, problems %v; want amira's one record and no error", recs, probs)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{`s/codings/b\xffad.jsonl: warning: ignored: its name is not valid UTF-8`, "s/codings/.jsonl: warning: ignored: the file has no coder name"} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "DS_Store") || len(got) != 2 {
		t.Errorf("want exactly two warnings, got:\n%s", all)
	}
}
