package privacy

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/internal/exampletext"
)

// unreadableCodings is a study whose coders' files cannot be opened.
type unreadableCodings struct{ fs.FS }

func (u unreadableCodings) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, coding.CodingsDir+"/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.FS.Open(name)
}

// TestPIIKnownCodingsHashes: given the hashes of the coders' files a
// build has read (Source.Codings), a scan keys them without reading them
// while their findings are kept, and reads a file whose findings it does
// not have.
func TestPIIKnownCodingsHashes(t *testing.T) {
	dir := exampletext.Copy(t)
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join(dir, coding.CodingsDir, "*.jsonl"))
	if len(files) == 0 {
		t.Fatal("the example has no coders' files")
	}
	hashes := map[string]CodingsFile{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		hashes[coding.CodingsDir+"/"+filepath.Base(f)] = CodingsFile{Hash: coding.FileHash(data)}
	}
	cold, err := Scan(ctx, dirSource(dir), Options{}, nil)
	if err != nil || cold.Problems.HasErrors() {
		t.Fatalf("cold scan: %v %v", err, cold.Problems)
	}
	src := dirSource(dir)
	src.FS = unreadableCodings{src.FS}
	src.Codings = func() map[string]CodingsFile { return hashes }
	warm, err := Scan(ctx, src, Options{}, nil)
	if err != nil || warm.Problems.HasErrors() {
		t.Fatalf("a scan given the hashes read the coders' files: %v %v", err, warm.Problems)
	}
	if !slices.Equal(cold.Findings, warm.Findings) {
		t.Errorf("findings differ:\ncold %+v\nwarm %+v", cold.Findings, warm.Findings)
	}
	// A hash it has no findings for (the file changed): it reads the file.
	for rel := range hashes {
		hashes[rel] = CodingsFile{Hash: "changed"}
		break
	}
	if rep, err := Scan(ctx, src, Options{}, nil); err != nil || !rep.Problems.HasErrors() {
		t.Errorf("a coder's file whose findings were not kept was not read: %v %v", err, rep.Problems)
	}
}

// TestPIIGivenMemoLines: given the memo lines of the coders' files a build
// has read (Source.Codings), a scan with no findings kept reads no coder's
// file and finds what a scan that reads them finds, memos included.
func TestPIIGivenMemoLines(t *testing.T) {
	dir := exampletext.Copy(t)
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join(dir, coding.CodingsDir, "*.jsonl"))
	if len(files) == 0 {
		t.Fatal("the example has no coders' files")
	}
	// A memo to find, on a coding of the file's last line.
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	last := strings.TrimSuffix(lines[len(lines)-1], "}") + `, "memo": "Rang her mobile, 07700 900123, on Tuesday"}`
	if err := os.WriteFile(files[0], append(data, "\n"+last+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	given := map[string]CodingsFile{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		given[coding.CodingsDir+"/"+filepath.Base(f)] = CodingsFile{Hash: coding.FileHash(data), MemoLines: coding.MemoLines(data)}
	}
	src := dirSource(dir)
	src.Cache = ""
	read, err := Scan(ctx, src, Options{}, nil)
	if err != nil || read.Problems.HasErrors() {
		t.Fatalf("scan reading the files: %v %v", err, read.Problems)
	}
	memos := 0
	for _, f := range read.Findings {
		if strings.HasPrefix(f.File, coding.CodingsDir+"/") {
			memos++
		}
	}
	if memos == 0 {
		t.Fatal("the example's memos have no findings: nothing to compare")
	}
	src.FS = unreadableCodings{src.FS}
	src.Codings = func() map[string]CodingsFile { return given }
	got, err := Scan(ctx, src, Options{}, nil)
	if err != nil || got.Problems.HasErrors() {
		t.Fatalf("a scan given the memo lines read the coders' files: %v %v", err, got.Problems)
	}
	if !slices.Equal(read.Findings, got.Findings) {
		t.Errorf("findings differ:\nread  %+v\ngiven %+v", read.Findings, got.Findings)
	}
}
