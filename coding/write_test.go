package coding

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestAppendRecordsKeepsEveryLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "codings", "ann.jsonl")
	os.MkdirAll(filepath.Dir(path), 0o755)
	// An existing file with a malformed line and no final newline: both kept byte for byte.
	old := "{\"doc\":\"d1\",\"theme\":\"a\",\"quote\":\"one\",\"start\":0,\"end\":3}\nnot json\n{\"doc\":\"d1\",\"theme\":\"b\",\"quote\":\"two é\",\"start\":4,\"end\":9}"
	os.WriteFile(path, []byte(old), 0o600)
	recs := []Record{
		{Doc: "d1", Theme: "a", Quote: "one", Start: 0, End: 3},                        // already there
		{Doc: "d1", Theme: "a", Quote: "three <b>", Start: 10, End: 19, Memo: "m"},     // new
		{Doc: "d1", Theme: "a", Quote: "three <b>", Start: 10, End: 19, Memo: "again"}, // duplicate in the batch
	}
	n, err := AppendRecords(dir, "ann", recs)
	if err != nil || n != 1 {
		t.Fatalf("AppendRecords = %d, %v; want 1 added", n, err)
	}
	got, _ := os.ReadFile(path)
	want := old + "\n" + `{"doc":"d1","theme":"a","quote":"three <b>","start":10,"end":19,"memo":"m"}` + "\n"
	if string(got) != want {
		t.Fatalf("file is\n%s\nwant\n%s", got, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600 kept", fi.Mode().Perm())
	}
	if n, err := AppendRecords(dir, "ann", recs); err != nil || n != 0 {
		t.Errorf("second run added %d (%v); want 0", n, err)
	}
	recs2, probs := ParseRecords(path, got)
	if len(recs2) != 3 || len(probs) != 1 {
		t.Errorf("re-read %d records, %d problems; want 3 and the one malformed line", len(recs2), len(probs))
	}
}

func TestAppendRecordsConcurrentWritersLoseNothing(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				if _, err := AppendRecords(dir, "tom", []Record{{Doc: "d", Theme: "t", Quote: fmt.Sprintf("w%d-%d", w, i)}}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	data, _ := os.ReadFile(filepath.Join(dir, "codings", "tom.jsonl"))
	if n := strings.Count(string(data), "\n"); n != 40 {
		t.Errorf("%d lines after 40 appends by 8 writers", n)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "codings", ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestCoderFileNames(t *testing.T) {
	for _, bad := range []string{"", "auto", "Inline", "all", "../x", "a/b", ".hidden", "x.jsonl"} {
		if _, err := CoderFile("s", bad); err == nil {
			t.Errorf("coder name %q accepted", bad)
		}
	}
	if p, err := CoderFile("s", "amira"); err != nil || p != filepath.Join("s", "codings", "amira.jsonl") {
		t.Errorf("CoderFile(amira) = %q, %v", p, err)
	}
}

func TestAppendRecordAddsOneLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "codings", "ann.jsonl")
	// A missing file, then one without a final newline: earlier bytes kept.
	for i, c := range []struct {
		old      string
		line     int
		wantFile string
	}{
		{"", 1, `{"doc":"d1","theme":"a","quote":"x é","start":0,"end":3}` + "\n"},
		{"not json", 2, "not json\n" + `{"doc":"d1","theme":"a","quote":"x é","start":0,"end":3}` + "\n"},
		{"a\n\nb\n", 4, "a\n\nb\n" + `{"doc":"d1","theme":"a","quote":"x é","start":0,"end":3}` + "\n"},
	} {
		os.RemoveAll(filepath.Dir(path))
		if c.old != "" {
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte(c.old), 0o644)
		}
		before, after, line, err := AppendRecord(path, Record{Doc: "d1", Theme: "a", Quote: "x é", Start: 0, End: 3})
		if err != nil || before != int64(len(c.old)) || line != c.line || after != int64(len(c.wantFile)) {
			t.Errorf("%d: AppendRecord = %d, %d, %v; want %d, %d", i, before, line, err, len(c.old), c.line)
		}
		got, _ := os.ReadFile(path)
		if string(got) != c.wantFile {
			t.Errorf("%d: file %q, want %q", i, got, c.wantFile)
		}
		recs, _ := ParseRecords(path, got)
		if r := recs[len(recs)-1]; r.Line != c.line {
			t.Errorf("%d: the parser puts the line at %d, AppendRecord said %d", i, r.Line, c.line)
		}
	}
}
