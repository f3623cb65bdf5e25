package index_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/study"
)

// editedExample builds the example's index, then edits one transcript so
// the next Open must update it. It returns the options and a cold build's
// table.bin of the edited study.
func editedExample(t *testing.T) (index.Options, []byte) {
	t.Helper()
	dir := copyExample(t)
	ctx := context.Background()
	opts, err := study.IndexOptions(study.Source{Dir: dir}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	p := filepath.Join(dir, "transcripts", "int-002.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeLater(t, p, strings.Replace(string(data), "\n---\n", "\n---\n\nThe rent arrears letter came twice.\n\n", 1))
	cold := opts
	cold.Dir = filepath.Join(t.TempDir(), "index")
	cix, err := index.Open(ctx, cold)
	if err != nil {
		t.Fatal(err)
	}
	cix.Close()
	want, err := os.ReadFile(filepath.Join(cold.Dir, "table.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return opts, want
}

func sameTable(t *testing.T, opts index.Options, want []byte) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(opts.Dir, "table.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("table.bin differs from a cold build's (%d vs %d bytes)", len(got), len(want))
	}
}

// TestConcurrentUpdates: two Opens of a stale index at once. The lock lets
// one update it; the other waits and finds it fresh. Without the lock both
// update (and can interleave their writes).
func TestConcurrentUpdates(t *testing.T) {
	opts, want := editedExample(t)
	var wg sync.WaitGroup
	stats := make([]index.Stats, 4)
	errs := make([]error, len(stats))
	for i := range stats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix, err := index.Open(context.Background(), opts)
			if err != nil {
				errs[i] = err
				return
			}
			stats[i] = ix.Stats
			ix.Close()
		}()
	}
	wg.Wait()
	updated := 0
	for i := range stats {
		if errs[i] != nil {
			t.Fatalf("Open %d: %v", i, errs[i])
		}
		if !stats[i].Fresh {
			updated++
		}
	}
	if updated != 1 {
		t.Errorf("%d of %d concurrent Opens updated the index (%+v); want exactly one", updated, len(stats), stats)
	}
	sameTable(t, opts, want)
	ix, err := index.Open(context.Background(), opts)
	if err != nil || !ix.Stats.Fresh {
		t.Fatalf("reopen: %v %+v", err, ix.Stats)
	}
	ix.Close()
}

// TestInterruptedUpdateIsRebuilt simulates kill -9 mid-update: the marker
// an update leaves until state.json is written, a half-written temporary
// file and a half-written table. The next Open rebuilds with one line.
func TestInterruptedUpdateIsRebuilt(t *testing.T) {
	opts, want := editedExample(t)
	var log bytes.Buffer
	opts.Log = &log
	for name, data := range map[string]string{"updating": "", ".tmp-123": "half", "table.bin": "INSIGHT half a tab"} {
		write(t, filepath.Join(opts.Dir, name), data)
	}
	ix, err := index.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if !ix.Stats.Rebuilt || !strings.Contains(log.String(), "interrupted") || strings.Count(log.String(), "\n") != 1 {
		t.Errorf("stats %+v, log %q; want a rebuild announced in one line", ix.Stats, log.String())
	}
	if _, err := os.Stat(filepath.Join(opts.Dir, ".tmp-123")); err == nil {
		t.Error("the interrupted update's temporary file is still there")
	}
	sameTable(t, opts, want)
	// A fresh index left by a killed update (state.json written, marker
	// not yet removed) is also not trusted.
	write(t, filepath.Join(opts.Dir, "updating"), "")
	log.Reset()
	ix, err = index.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if ix.Stats.Fresh || !ix.Stats.Rebuilt {
		t.Errorf("an index marked as mid-update was used as it was: %+v", ix.Stats)
	}
}

// TestBuildingCalledOnlyForWork checks Options.Building runs before a build
// and an update, and never when the index is fresh: a query command turns
// the collector off for a fresh open and needs it back for long work.
func TestBuildingCalledOnlyForWork(t *testing.T) {
	dir := copyExample(t)
	opts, err := study.IndexOptions(study.Source{Dir: dir}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	opts.Building = func() { calls++ }
	open := func(want int, what string) {
		t.Helper()
		ix, err := index.Open(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if calls != want {
			t.Errorf("after %s: Building called %d times, want %d", what, calls, want)
		}
	}
	open(1, "the first build")
	open(1, "a fresh open")
	p := filepath.Join(dir, "transcripts", "int-002.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeLater(t, p, string(data)+"\nThe rent arrears letter came twice.\n")
	open(2, "an edit")
	open(2, "a second fresh open")
}
