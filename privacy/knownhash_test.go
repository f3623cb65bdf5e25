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
	hashes := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		hashes[coding.CodingsDir+"/"+filepath.Base(f)] = coding.FileHash(data)
	}
	cold, err := Scan(ctx, dirSource(dir), Options{}, nil)
	if err != nil || cold.Problems.HasErrors() {
		t.Fatalf("cold scan: %v %v", err, cold.Problems)
	}
	src := dirSource(dir)
	src.FS = unreadableCodings{src.FS}
	src.Codings = func() map[string]string { return hashes }
	warm, err := Scan(ctx, src, Options{}, nil)
	if err != nil || warm.Problems.HasErrors() {
		t.Fatalf("a scan given the hashes read the coders' files: %v %v", err, warm.Problems)
	}
	if !slices.Equal(cold.Findings, warm.Findings) {
		t.Errorf("findings differ:\ncold %+v\nwarm %+v", cold.Findings, warm.Findings)
	}
	// A hash it has no findings for (the file changed): it reads the file.
	for rel := range hashes {
		hashes[rel] = "changed"
		break
	}
	if rep, err := Scan(ctx, src, Options{}, nil); err != nil || !rep.Problems.HasErrors() {
		t.Errorf("a coder's file whose findings were not kept was not read: %v %v", err, rep.Problems)
	}
}
