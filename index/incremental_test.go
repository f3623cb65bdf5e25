package index_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/study"
)

// TestIncrementalMatchesCold edits a copy of the example study after its
// index is built, updates the index, and checks that the table and search
// hits are exactly those of an index built from nothing on the edited study.
func TestIncrementalMatchesCold(t *testing.T) {
	edit := func(file, old, new string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, filepath.FromSlash(file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			writeLater(t, p, strings.Replace(string(data), old, new, 1))
		}
	}
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		partial bool // the update should read only what changed
	}{
		{"edit a transcript", edit("transcripts/int-002.md", "\n---\n", "\n---\n\nThe rent arrears letter came twice, with three different workers named.\n\n"), true},
		{"add a transcript", func(t *testing.T, dir string) {
			writeLater(t, filepath.Join(dir, "transcripts", "int-099.md"),
				"---\nid: int-099\nkind: interview\ncase: H99\nlocation: library\n---\n\nInterviewer: How did it go?\n\nP03: Three different workers came and asked the same questions about rent arrears.\n\nP77: I only came with her.\n")
		}, true},
		{"remove a transcript", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "transcripts", "int-006.md")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a transcript's only participant relabelled as one who withdrew", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "transcripts", "int-002.md")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			writeLater(t, p, strings.ReplaceAll(string(data), "\nP02:", "\nP09:"))
		}, true},
		{"edit a codings line", edit("codings/amira.jsonl", `"theme": "intervening-too-late"`, `"theme": "duplication"`), true},
		{"withdraw consent", edit("participants.csv", "P01,parent,Northgate,25-34,lone parent,yes", "P01,parent,Northgate,25-34,lone parent,withdrawn"), false},
		{"new front-matter attribute", edit("transcripts/int-003.md", "kind: interview\n", "kind: interview\nweather: rain\n"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyExample(t)
			ctx := context.Background()
			opts, err := study.IndexOptions(study.Source{Dir: dir}, true, nil)
			if err != nil {
				t.Fatal(err)
			}
			first, err := index.Open(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			first.Close()
			tc.change(t, dir)

			inc, err := index.Open(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			if inc.Stats.Partial != tc.partial || inc.Stats.Fresh || inc.Stats.Rebuilt {
				t.Errorf("update stats %+v; want Partial %v", inc.Stats, tc.partial)
			}
			inc.Close() // bleve allows one opener at a time
			coldOpts := opts
			coldOpts.Dir = filepath.Join(t.TempDir(), "index")
			cold, err := index.Open(ctx, coldOpts)
			if err != nil {
				t.Fatal(err)
			}
			defer cold.Close()

			a, errA := os.ReadFile(filepath.Join(opts.Dir, "table.bin"))
			b, errB := os.ReadFile(filepath.Join(coldOpts.Dir, "table.bin"))
			if errA != nil || errB != nil {
				t.Fatal(errA, errB)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("table.bin after the update differs from a cold build's (%d vs %d bytes)", len(a), len(b))
			}
			// Reopened from disk, the counts agree too.
			again, err := index.Open(ctx, opts)
			if err != nil || !again.Stats.Fresh {
				t.Fatalf("reopen: %v %+v", err, again.Stats)
			}
			defer again.Close()
			all := query.Filter{IncludeFacilitators: true}
			f1, err1 := again.Table.Freq(all)
			f2, err2 := cold.Table.Freq(all)
			if err1 != nil || err2 != nil || !equalJSON(t, f1, f2) {
				t.Errorf("Freq differs: %v %v", err1, err2)
			}
			for w := range 3 {
				c1, err1 := again.Table.Cooccur(all, query.Within(w))
				c2, err2 := cold.Table.Cooccur(all, query.Within(w))
				if err1 != nil || err2 != nil || !equalJSON(t, c1, c2) {
					t.Errorf("Cooccur(within %d) differs: %v %v", w, err1, err2)
				}
			}
			for _, attr := range again.Table.AllAttributes() {
				for unit := range len(study.UnitNames) {
					m1, err1 := again.Table.Matrix(all, attr, query.Unit(unit))
					m2, err2 := cold.Table.Matrix(all, attr, query.Unit(unit))
					if err1 != nil || err2 != nil || !equalJSON(t, m1, m2) {
						t.Errorf("Matrix(%s, unit %d) differs: %v %v", attr, unit, err1, err2)
					}
				}
			}
			for _, q := range []string{"rent arrears", `"same questions"`, "workers", "+forms -school", "themes:duplication", `"attendance officer"`} {
				// Scores differ (bleve's term statistics count deleted
				// segments until a merge), so compare every hit, unranked.
				h1 := hitSet(search(t, again, index.Request{Query: q, Limit: 10000}))
				h2 := hitSet(search(t, cold, index.Request{Query: q, Limit: 10000}))
				if !equalJSON(t, h1, h2) {
					t.Errorf("search %q: update gives %d hits, cold build %d", q, len(h1), len(h2))
				}
			}
		})
	}
}

// hitSet is every hit without its score, in segment order.
func hitSet(r *index.Results) []index.Hit {
	hits := append([]index.Hit{}, r.Hits...)
	for i := range hits {
		hits[i].Score = 0
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].Segment < hits[j].Segment })
	return hits
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	return bytes.Equal(ja, jb)
}

// writeLater replaces a file and moves its mtime on, so the stat-only freshness
// check sees the change even within the file system's time granularity.
func writeLater(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
}
