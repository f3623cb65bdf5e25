package corpus

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/filestat"
)

// readCounter is a folder that counts the transcripts read from it; a
// stat is not a read.
type readCounter struct {
	fs.FS
	reads *atomic.Int32
}

func (r readCounter) count(name string) {
	if strings.HasPrefix(name, "transcripts/") {
		r.reads.Add(1)
	}
}

func (r readCounter) Open(name string) (fs.File, error) { r.count(name); return r.FS.Open(name) }

func (r readCounter) ReadFile(name string) ([]byte, error) {
	r.count(name)
	return fs.ReadFile(r.FS, name)
}

func (r readCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.FS, name) }

// TestParseCacheTrustsSettledStats: a load from a cache kept in a file
// reads no transcript whose size and times are those it had when read,
// long enough before that load; an edit is read however its times are
// set, and the study is always what a fresh load makes of it.
func TestParseCacheTrustsSettledStats(t *testing.T) {
	dir := parseCacheStudy(t)
	tr := filepath.Join(dir, "transcripts")
	entries, _ := os.ReadDir(tr)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, e := range entries {
		if err := os.Chtimes(filepath.Join(tr, e.Name()), old, old); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "parse.cache")
	load := func(what string, wantReads int) {
		t.Helper()
		var reads atomic.Int32
		c := OpenParseCache(file, "v1")
		got, gotProbs := LoadCached(context.Background(), readCounter{os.DirFS(dir), &reads}, "s", c)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		fresh, freshProbs := LoadCached(context.Background(), os.DirFS(dir), "s", nil)
		if !reflect.DeepEqual(got, fresh) || !reflect.DeepEqual(gotProbs, freshProbs) {
			t.Errorf("%s: the study loaded through the cache differs from a fresh load", what)
		}
		if int(reads.Load()) != wantReads {
			t.Errorf("%s: %d transcripts read, want %d", what, reads.Load(), wantReads)
		}
	}
	st, _ := LoadCached(context.Background(), os.DirFS(dir), "s", nil)
	w := withheldDocs(st) // never cached, so read on every load
	files := len(entries)
	load("first load", files)
	load("second load", w)

	// The same size, the same modification time: only the change time
	// (Linux) tells. Elsewhere a one-letter edit is read if the sizes differ.
	p := filepath.Join(tr, "int-001.md")
	data, _ := os.ReadFile(p)
	edited := strings.Replace(string(data), "the", "THE", 1)
	if edited == string(data) {
		t.Fatal("int-001.md has no 'the' to edit")
	}
	os.WriteFile(p, []byte(edited), 0o644)
	os.Chtimes(p, old, old)
	if filestat.ChangeTime(statOf(t, p)) == 0 {
		os.WriteFile(p, []byte(edited+"\n"), 0o644)
		os.Chtimes(p, old, old)
	}
	load("after an edit that keeps size and time", w+1)
	load("after it", w)

	// A damaged stats file is ignored: every transcript is read.
	os.WriteFile(file+".stat", []byte(statMagic+"junk"), 0o644)
	load("with a damaged stats file", files)
}

func statOf(t *testing.T, p string) fs.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// fakeInfo is a FileInfo of a size and time, with no system stat.
type fakeInfo struct {
	fs.FileInfo
	size int64
	mod  time.Time
}

func (f fakeInfo) Size() int64        { return f.size }
func (f fakeInfo) ModTime() time.Time { return f.mod }
func (f fakeInfo) Sys() any           { return nil }

// TestKnownKeyNeedsSettledTime: a file modified less than filestat.Margin
// before the load that read it may have been rewritten in the same tick
// after the read, so its stat is not trusted from the file; a watch, which
// saw the file itself, trusts it.
func TestKnownKeyNeedsSettledTime(t *testing.T) {
	start := time.Now()
	key := cachekey.New("k").Sum()
	for _, tc := range []struct {
		age   time.Duration // of the modification, before the load began
		watch bool
		want  bool
	}{
		{time.Hour, false, true},
		{filestat.Margin + time.Second, false, true},
		{filestat.Margin - time.Second, false, false},
		{0, false, false},
		{-time.Second, false, false},
		{0, true, true},
	} {
		c := OpenParseCache("", "v1")
		if tc.watch {
			c.KeepParsed()
		}
		info := fakeInfo{size: 10, mod: start.Add(-tc.age)}
		c.stats["a.md"] = filestat.Stat{Size: 10, Mod: info.mod.UnixNano(), Sum: key, LoadedAt: start.UnixNano()}
		if _, ok := c.knownKey("a.md", info); ok != tc.want {
			t.Errorf("modified %v before the load, watch %v: trusted %v, want %v", tc.age, tc.watch, ok, tc.want)
		}
		if _, ok := c.knownKey("a.md", fakeInfo{size: 11, mod: info.mod}); ok {
			t.Errorf("modified %v before the load: trusted with another size", tc.age)
		}
	}
}
