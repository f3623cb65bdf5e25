package coding

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// countFS counts the coders' files opened through it; a stat is not an
// open, nor is reading their folder.
type countFS struct {
	fsys  fs.FS
	opens int
}

func (c *countFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".jsonl") {
		c.opens++
	}
	return c.fsys.Open(name)
}

func (c *countFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }

// A load trusts a coder's file by its stat only when it was written well
// before the load that last read it and its size and times are the same:
// such a file is not read again, and any other is.
func TestCodersFilesTrustedByStat(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the change time is read on Linux only; elsewhere every file is read")
	}
	const line = `{"doc":"d1","theme":"a","quote":"some words","start":0,"end":10}` + "\n"
	const other = `{"doc":"d1","theme":"b","quote":"some words","start":0,"end":10}` + "\n"
	old := time.Now().Add(-time.Minute)
	for _, tc := range []struct {
		name      string
		mod       time.Time // of the file when first read
		rewrite   bool      // the same size and times, other bytes, after the first load
		wantOpens int       // by the second load
		wantTheme string
	}{
		{"settled", old, false, 0, "a"},
		{"just written", time.Now(), false, 1, "a"},
		{"rewritten keeping size and times", old, true, 1, "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, CodingsDir, "ann.jsonl")
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			write := func(text string) {
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(file, tc.mod, tc.mod); err != nil {
					t.Fatal(err)
				}
			}
			write(line)
			cacheFile := filepath.Join(t.TempDir(), "files.gob")
			c := OpenFileCache(cacheFile, "test")
			first, _, _ := LoadAllCached(os.DirFS(dir), dir, c)
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if tc.rewrite {
				write(other)
			}
			fsys := &countFS{fsys: os.DirFS(dir)}
			c = OpenFileCache(cacheFile, "test")
			second, recs, _ := LoadAllCached(fsys, dir, c)
			if fsys.opens != tc.wantOpens {
				t.Errorf("the second load opened %d files, want %d", fsys.opens, tc.wantOpens)
			}
			if len(recs) != 1 || recs[0].Theme != tc.wantTheme {
				t.Fatalf("the second load's records %+v, want one of theme %s", recs, tc.wantTheme)
			}
			if !tc.rewrite && (second[0].Hash != first[0].Hash || !reflect.DeepEqual(second[0].Records, first[0].Records)) {
				t.Errorf("the second load's file %+v differs from the first's %+v", second[0], first[0])
			}
		})
	}
}
