package study

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runeSpan is the code point span of quote in the parsed document doc of dir.
func runeSpan(t *testing.T, dir, doc, quote string) (int, int) {
	t.Helper()
	st, _ := corpus.Load(context.Background(), os.DirFS(dir), dir)
	for _, d := range st.Documents {
		if d.ID == doc {
			i := strings.Index(d.Body, quote)
			if i < 0 {
				t.Fatalf("%q not in %s", quote, doc)
			}
			return d.RuneOffset(i), d.RuneOffset(i + len(quote))
		}
	}
	t.Fatalf("no document %s", doc)
	return 0, 0
}

func TestPseudonymise(t *testing.T) {
	dir := copyExample(t)
	tr := filepath.Join(dir, "transcripts")
	// The same name in two transcripts, once inside an inline code, and a
	// phone number inside an inline code.
	appendFile(t, filepath.Join(tr, "int-001.md"), "\nP01: And my son Jayden, [he keeps asking when Jayden can go back]{.intervening-too-late}. [Ring me on 07700 900123 if]{.duplication} anything changes.\n")
	appendFile(t, filepath.Join(tr, "int-002.md"), "\nP02: My brother Jayden says the same about the council.\n")
	quote := "my son Jayden, he keeps asking"
	start, end := runeSpan(t, dir, "int-001", quote)
	rec, _ := json.Marshal(map[string]any{"doc": "int-001", "theme": "duplication", "quote": quote, "start": start, "end": end, "memo": "Jayden again, see Mrs Okafor's notes", "extra": "kept"})
	appendFile(t, filepath.Join(dir, "codings", "tom.jsonl"), string(rec)+"\n")
	ctx := context.Background()
	before, _ := Open(ctx, Source{Dir: dir})
	if len(before.Coded.Orphans) != 0 {
		t.Fatalf("the planted study has orphans: %+v", before.Coded.Orphans)
	}
	originals := snapshot(t, dir)

	out := filepath.Join(t.TempDir(), "copy")
	res, err := Pseudonymise(ctx, Source{Dir: dir}, PseudonymiseOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}

	after := snapshot(t, dir)
	if len(after) != len(originals) {
		t.Errorf("the study had %d files and has %d", len(originals), len(after))
	}
	for p, data := range originals {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s was changed", p)
		}
	}

	// The key is outside the copy and maps Jayden to one pseudonym.
	if res.Key != out+".key.csv" || inside(out, res.Key) {
		t.Errorf("key at %s, copy at %s", res.Key, out)
	}
	kf, err := os.Open(res.Key)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(kf).ReadAll()
	kf.Close()
	if err != nil {
		t.Fatal(err)
	}
	pseudonym := ""
	for _, r := range rows {
		if r[0] == "Jayden" && r[2] == "person" {
			pseudonym = r[1]
		}
		if r[0] == "07700 900123" && r[1] != "[phone]" {
			t.Errorf("phone replaced by %q", r[1])
		}
	}
	if pseudonym == "" || pseudonym == "Jayden" {
		t.Fatalf("no pseudonym for Jayden in the key: %v", rows)
	}

	// Nothing of the originals is left in the copy, and the pseudonym is used consistently.
	copied := snapshot(t, out)
	for p, data := range copied {
		for _, secret := range []string{"Jayden", "07700 900123", "Okafor"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s still holds %q", p, secret)
			}
		}
	}
	file := func(rel string) string { return string(copied[filepath.Join(out, rel)]) }
	for _, want := range []struct{ rel, text string }{
		{"transcripts/int-001.md", "my son " + pseudonym + ", [he keeps asking when " + pseudonym + " can go back]{.intervening-too-late}"},
		{"transcripts/int-001.md", "[Ring me on [phone] if]{.duplication}"},
		{"transcripts/int-002.md", "My brother " + pseudonym + " says"},
		{"codings/tom.jsonl", `"quote":"my son ` + pseudonym + `, he keeps asking"`},
		{"codings/tom.jsonl", `"extra":"kept"`},
		{"codings/tom.jsonl", pseudonym + " again"},
	} {
		if !strings.Contains(file(want.rel), want.text) {
			t.Errorf("%s lacks %q", want.rel, want.text)
		}
	}
	if _, err := os.Stat(filepath.Join(out, CacheDir)); err == nil {
		t.Errorf("the copy has the study's cache, which holds the real names")
	}

	// Every coding is still anchored exactly, and the copy passes the guard.
	op, probs := Open(ctx, Source{Dir: out})
	if probs.HasErrors() {
		t.Fatalf("the copy has errors: %v", probs.Errors())
	}
	if len(op.Coded.Orphans) != 0 || len(op.Coded.Moved) != 0 {
		t.Errorf("copy: %d orphans, %d moved codings: %+v %+v", len(op.Coded.Orphans), len(op.Coded.Moved), op.Coded.Orphans, op.Coded.Moved)
	}
	if n, m := fmt.Sprint(countSources(before.Coded)), fmt.Sprint(countSources(op.Coded)); n != m {
		t.Errorf("applications by source: %v before, %v in the copy", n, m)
	}
	rep, err := ScanPII(ctx, Source{Dir: out}, PIIOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("the copy still has findings: %+v", rep.Findings)
	}

	// A second run refuses to overwrite the copy or the key.
	if _, err := Pseudonymise(ctx, Source{Dir: dir}, PseudonymiseOptions{Out: out}); err == nil {
		t.Error("a second run wrote over the copy")
	}
}

func countSources(c *coding.Coded) map[string]int {
	n := map[string]int{}
	for _, a := range c.Apps {
		n[a.Source]++
	}
	return n
}

func TestPseudonymiseTargets(t *testing.T) {
	dir := copyExample(t)
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full")
	os.MkdirAll(full, 0o755)
	write(t, filepath.Join(full, "x"), "x")
	tests := []struct {
		name     string
		out, key string
		wantErr  string
	}{
		{"no out", "", "", "--out"},
		{"key inside the copy", filepath.Join(tmp, "c1"), filepath.Join(tmp, "c1", "key.csv"), "inside the copy"},
		{"copy inside the study", filepath.Join(dir, "anon"), "", "outside the study"},
		{"copy not empty", full, "", "already has files"},
		{"key exists", filepath.Join(tmp, "c2"), filepath.Join(full, "x"), "already exists"},
	}
	for _, tc := range tests {
		_, err := Pseudonymise(context.Background(), Source{Dir: dir}, PseudonymiseOptions{Out: tc.out, Key: tc.key})
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: err = %v, want one saying %q", tc.name, err, tc.wantErr)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
		t.Errorf("refused runs left files behind: %v", entries)
	}
}
