package index_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/study"
)

// copyExample writes the bundled example study to a temporary folder, so
// tests can edit it.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(example.Study(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(example.Study(), p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func openIndex(t *testing.T, dir string) (*index.Index, string) {
	t.Helper()
	var log bytes.Buffer
	ix, err := study.OpenIndex(context.Background(), study.Source{Dir: dir}, true, &log)
	if err != nil {
		t.Fatalf("OpenIndex: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, log.String()
}

func search(t *testing.T, ix *index.Index, req index.Request) *index.Results {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	return res
}

// freqOf is the participant count of theme as counted straight from the
// study, the way the site counts it.
func freqOf(t *testing.T, dir, theme string) int {
	t.Helper()
	op, probs := study.Open(context.Background(), study.Source{Dir: dir})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	counts, err := op.Table.Freq(query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Theme == theme {
			return c.Segments
		}
	}
	t.Fatalf("no theme %s", theme)
	return 0
}

func segmentsOf(t *testing.T, ix *index.Index, theme string) int {
	t.Helper()
	counts, err := ix.Table.Freq(query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Theme == theme {
			return c.Segments
		}
	}
	t.Fatalf("no theme %s", theme)
	return 0
}

func TestIncrementalUpdate(t *testing.T) {
	dir := copyExample(t)
	ix, log := openIndex(t, dir)
	if !ix.Stats.Rebuilt || !strings.Contains(log, "first use") {
		t.Fatalf("first open: stats %+v, log %q; want a build with a message", ix.Stats, log)
	}
	docs := ix.Stats.Indexed
	ix.Close()

	ix, log = openIndex(t, dir)
	if !ix.Stats.Fresh || log != "" {
		t.Fatalf("second open: stats %+v, log %q; want fresh and silent", ix.Stats, log)
	}
	before := segmentsOf(t, ix, "duplication")
	ix.Close()

	// Add a coded sentence with a word found nowhere else to one transcript.
	path := filepath.Join(dir, "transcripts", "int-003.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	add := "\nP03: [The zebrafish form asked me everything twice.]{.duplication}\n"
	if err := os.WriteFile(path, append(data, add...), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, _ = openIndex(t, dir)
	if ix.Stats.Fresh || ix.Stats.Rebuilt || ix.Stats.Indexed != 1 || ix.Stats.Deleted != 0 {
		t.Errorf("after editing one transcript: stats %+v; want exactly 1 document re-indexed of %d", ix.Stats, docs)
	}
	if got, want := segmentsOf(t, ix, "duplication"), freqOf(t, dir, "duplication"); got != want || got != before+1 {
		t.Errorf("duplication segments after the edit: index %d, study %d, before %d", got, want, before)
	}
	res := search(t, ix, index.Request{Query: "zebrafish"})
	if len(res.Hits) != 1 || res.Hits[0].Doc != "int-003" {
		t.Errorf("search for the new word: %+v; want one hit in int-003", res.Hits)
	}
	ix.Close()

	// A new transcript is indexed; removed, its segments leave the index.
	extra := filepath.Join(dir, "transcripts", "int-999.md")
	write(t, extra, "P05: The okapi leaflet said to phone a different number.\n")
	ix, _ = openIndex(t, dir)
	if ix.Stats.Indexed != 1 || ix.Stats.Deleted != 0 || search(t, ix, index.Request{Query: "okapi"}).Total != 1 {
		t.Errorf("after adding a transcript: stats %+v; want 1 indexed and its word found", ix.Stats)
	}
	ix.Close()
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	ix, _ = openIndex(t, dir)
	if ix.Stats.Deleted != 1 || ix.Stats.Indexed != 0 {
		t.Errorf("after removing a transcript: stats %+v; want 1 deleted, 0 indexed", ix.Stats)
	}
	if res := search(t, ix, index.Request{Query: "okapi"}); res.Total != 0 {
		t.Errorf("removed transcript still found: %+v", res.Hits)
	}
}

func TestDamagedIndexIsRebuilt(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, idx string)
	}{
		{"truncated table", func(t *testing.T, idx string) { truncate(t, filepath.Join(idx, "table.bin"), 100) }},
		{"garbage state", func(t *testing.T, idx string) { write(t, filepath.Join(idx, "state.json"), "{not json") }},
		{"missing shard", func(t *testing.T, idx string) { os.RemoveAll(filepath.Join(idx, "bleve", "shard-1")) }},
		{"garbage in shard", func(t *testing.T, idx string) {
			shard := filepath.Join(idx, "bleve", "shard-0")
			filepath.WalkDir(shard, func(p string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					write(t, p, "garbage")
				}
				return nil
			})
		}},
		{"missing table", func(t *testing.T, idx string) { os.Remove(filepath.Join(idx, "table.bin")) }},
	}
	dir := copyExample(t)
	ix, _ := openIndex(t, dir)
	want := search(t, ix, index.Request{Query: "assessment"}).Total
	ix.Close()
	idx := filepath.Join(dir, ".insight", "index")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.damage(t, idx)
			ix, log := openIndex(t, dir)
			if !ix.Stats.Rebuilt || !strings.Contains(log, "rebuilding") || strings.Count(log, "\n") != 1 {
				t.Errorf("stats %+v, log %q; want a rebuild announced in one line", ix.Stats, log)
			}
			if got := search(t, ix, index.Request{Query: "assessment"}).Total; got != want {
				t.Errorf("after the rebuild %d hits, before %d", got, want)
			}
			ix.Close()
		})
	}
}

func truncate(t *testing.T, path string, n int64) {
	if err := os.Truncate(path, n); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, s string) {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// P09 withdrew consent in the example study but speaks in the parents' focus group.
const withdrawnPhrase = `"only get help when it's a disaster"`

func TestWithdrawnWordsAreNeverIndexed(t *testing.T) {
	for _, consent := range []string{"withdrawn", "yes"} {
		t.Run(consent, func(t *testing.T) {
			dir := copyExample(t)
			path := filepath.Join(dir, "participants.csv")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			csv := regexp.MustCompile(`(?m)^(P09,.*),withdrawn$`).ReplaceAllString(string(data), "${1},"+consent)
			write(t, path, csv)
			ix, _ := openIndex(t, dir)
			res := search(t, ix, index.Request{Query: withdrawnPhrase})
			if consent == "withdrawn" && res.Total != 0 {
				t.Errorf("a withdrawn participant's words were found: %+v", res.Hits)
			}
			// The control shows the search would find the words were they allowed.
			if consent == "yes" && (res.Total == 0 || res.Hits[0].Speaker != "P09") {
				t.Errorf("with consent the phrase should be found as P09's: %+v", res.Hits)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	dir := copyExample(t)
	ix, _ := openIndex(t, dir)
	op, probs := study.Open(context.Background(), study.Source{Dir: dir})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	roles := map[string]string{}
	for _, p := range op.Study.Participants {
		roles[p.ID] = p.Attributes["role"]
	}
	tests := []struct {
		name  string
		req   index.Request
		check func(h index.Hit) bool
	}{
		{"phrase", index.Request{Query: `"same questions"`}, func(h index.Hit) bool {
			return strings.Contains(strings.ToLower(h.Text), "same question")
		}},
		{"stemmed", index.Request{Query: "assess"}, func(h index.Hit) bool {
			return strings.Contains(strings.ToLower(h.Text), "assess")
		}},
		{"where role", index.Request{Query: "help", Filter: query.Filter{Where: map[string][]string{"role": {"parent"}}}}, func(h index.Hit) bool {
			return roles[h.Speaker] == "parent"
		}},
		{"field in query", index.Request{Query: "+role:parent +help"}, func(h index.Hit) bool {
			return roles[h.Speaker] == "parent"
		}},
		{"theme", index.Request{Query: "school", Theme: "agencies"}, func(h index.Hit) bool {
			for _, th := range h.Themes {
				if th == "agencies" || op.Codebook.IsAncestor("agencies", th) {
					return true
				}
			}
			return false
		}},
		{"must not", index.Request{Query: "+assessment -school", Limit: 50}, func(h index.Hit) bool {
			return !strings.Contains(strings.ToLower(h.Text), "school")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := search(t, ix, tc.req)
			if len(res.Hits) == 0 {
				t.Fatal("no hits")
			}
			for _, h := range res.Hits {
				if !tc.check(h) {
					t.Errorf("hit does not fit the search: %+v", h)
				}
				if len(h.Matches) == 0 {
					t.Errorf("hit without highlighted words: %+v", h)
				}
				for _, m := range h.Matches {
					if m[0] < 0 || m[1] > len(h.Text) || m[0] >= m[1] {
						t.Errorf("bad match %v in %q", m, h.Text)
					}
				}
			}
		})
	}
}

// TestSearchFieldSyntax checks that every form of a fielded query word
// finds what the same question as a filter finds: fields are stored as
// terms of one field (facets.go), and the query is rewritten to match.
func TestSearchFieldSyntax(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	where := func(attr string, vs ...string) query.Filter {
		return query.Filter{Where: map[string][]string{attr: vs}}
	}
	total := func(req index.Request) uint64 {
		t.Helper()
		req.Limit = 1000
		return search(t, ix, req).Total
	}
	tests := []struct {
		query string
		same  index.Request
	}{
		{"+role:parent +help", index.Request{Query: "help", Filter: where("role", "parent")}},
		{`+role:"kinship carer" +help`, index.Request{Query: "help", Filter: where("role", "kinship carer")}},
		{`+ward:"Marsh End" +help`, index.Request{Query: "help", Filter: where("ward", "Marsh End")}},
		{"+role:parnet~1 +help", index.Request{Query: "help", Filter: where("role", "parent")}},
		{"+role:par* +help", index.Request{Query: "help", Filter: where("role", "parent")}},
		{"+role:/par.nt/ +help", index.Request{Query: "help", Filter: where("role", "parent")}},
		{"+themes:agencies +school", index.Request{Query: "school", Theme: "agencies"}},
		{"+doc:int-002 +help", index.Request{Query: "help", Filter: where("doc", "int-002")}},
		{"+case:H07 +help", index.Request{Query: "help", Filter: where("case", "H07")}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, want := total(index.Request{Query: tc.query}), total(tc.same)
			if want == 0 {
				t.Fatalf("the filter %+v finds nothing: the test proves nothing", tc.same)
			}
			if got != want {
				t.Errorf("%q finds %d segments, the filter %d", tc.query, got, want)
			}
		})
	}
	if got, want := total(index.Request{Query: "+help -role:parent"}), total(index.Request{Query: "help"})-total(index.Request{Query: "+help +role:parent"}); got != want {
		t.Errorf("-role:parent leaves %d segments, want %d", got, want)
	}
	// A field the index does not have matches nothing, as before.
	if n := total(index.Request{Query: "+colour:red +help"}); n != 0 {
		t.Errorf("an unknown field matched %d segments", n)
	}
	// So does a value no segment has, in every form.
	for _, q := range []string{"+role:nobody +help", "+role:nob* +help", "+role:/nob.dy/ +help", "+role:nobody~1 +help", "+role:parent +role:carer +help"} {
		if n := total(index.Request{Query: q}); n != 0 {
			t.Errorf("%q matched %d segments", q, n)
		}
	}
}

func TestSearchLeavesOutFacilitators(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	q := `"thanks everyone for coming"` // the facilitator's opening in fg-01-parents
	if res := search(t, ix, index.Request{Query: q}); res.Total != 0 {
		t.Errorf("facilitator's words found by default: %+v", res.Hits)
	}
	res := search(t, ix, index.Request{Query: q, Filter: query.Filter{IncludeFacilitators: true}})
	if res.Total == 0 {
		t.Error("facilitator's words not found with IncludeFacilitators")
	}
}

func TestSearchErrors(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	tests := []struct {
		name string
		req  index.Request
		want string
	}{
		{"empty", index.Request{Query: "  "}, "empty"},
		{"syntax", index.Request{Query: `"unclosed`}, "cannot read the search"},
		{"unknown theme", index.Request{Query: "help", Theme: "nope"}, "valid themes: perverse-incentives"},
		{"unknown attribute", index.Request{Query: "help", Filter: query.Filter{Where: map[string][]string{"colour": {"red"}}}}, "valid attributes: doc"},
		{"unknown coder", index.Request{Query: "help", Filter: query.Filter{Coders: []string{"zoe"}}}, "valid coders: inline"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v; want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestKWIC(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	const width = 25
	lines, err := ix.KWIC(context.Background(), "assess", query.Filter{}, "", width, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 2 {
		t.Fatalf("only %d lines", len(lines))
	}
	forms := map[string]bool{}
	for i, l := range lines {
		kw := strings.ToLower(l.Keyword)
		forms[kw] = true
		if !strings.HasPrefix(kw, "assess") {
			t.Errorf("keyword %q is not a form of assess", l.Keyword)
		}
		if n := len([]rune(l.Left)); n > width {
			t.Errorf("left context %q has %d characters, more than %d", l.Left, n, width)
		}
		if i > 0 {
			p := lines[i-1]
			if p.Doc > l.Doc || (p.Doc == l.Doc && p.Line > l.Line) {
				t.Errorf("lines out of document order: %s:%d before %s:%d", p.Doc, p.Line, l.Doc, l.Line)
			}
		}
	}
	if len(forms) < 2 {
		t.Errorf("stemming found only %v; want several forms of assess", forms)
	}
}

// TestSecondOpenReusesIndex opens each study twice: the second open must use
// the stored index. The table file once rejected a document or speaker count
// larger than the bytes left after it, so a study without `case:` or of many
// short transcripts was "damaged" and rebuilt on every query (issue 12, F4).
func TestSecondOpenReusesIndex(t *testing.T) {
	noCases := copyExample(t)
	paths, _ := filepath.Glob(filepath.Join(noCases, "transcripts", "*.md"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(t, p, regexp.MustCompile(`(?m)^case: .*\n`).ReplaceAllString(string(data), ""))
	}
	many := t.TempDir()
	write(t, filepath.Join(many, "insight.yaml"), "title: many\n")
	write(t, filepath.Join(many, "codebook.yaml"), "themes:\n  - id: late\n    name: Late\n")
	if err := os.MkdirAll(filepath.Join(many, "transcripts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 3000 {
		write(t, filepath.Join(many, "transcripts", fmt.Sprintf("t%04d.md", i)),
			fmt.Sprintf("---\ncase: H%d\n---\nP%04d: It was late.\n", i%3, i))
	}
	for name, dir := range map[string]string{"no case": noCases, "3000 short transcripts": many} {
		t.Run(name, func(t *testing.T) {
			ix, _ := openIndex(t, dir)
			ix.Close()
			ix, log := openIndex(t, dir)
			if !ix.Stats.Fresh || log != "" {
				t.Errorf("second open: stats %+v, log %q; want the stored index reused, silently", ix.Stats, log)
			}
		})
	}
}

// grepDir reports whether any file under dir holds s.
func grepDir(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte(s)) {
				found = true
			}
		}
		return nil
	})
	return found
}

// TestWithdrawalPurgesIndexFiles: bleve keeps a deleted document's bytes in
// its segment files until a merge, so withdrawing consent must rewrite the
// search index before Open returns (issue 12): no file of the index may
// still hold the participant's words.
func TestWithdrawalPurgesIndexFiles(t *testing.T) {
	dir := copyExample(t)
	const phrase = "like a tennis ball" // P01's, in int-001
	ix, _ := openIndex(t, dir)
	ix.Close()
	idx := filepath.Join(dir, ".insight", "index")
	if !grepDir(t, idx, phrase) {
		t.Fatalf("the index files do not hold %q before the withdrawal: the grep proves nothing", phrase)
	}
	csv := filepath.Join(dir, "participants.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	write(t, csv, strings.Replace(string(data), "P01,parent,Northgate,25-34,lone parent,yes", "P01,parent,Northgate,25-34,lone parent,withdrawn", 1))
	ix, _ = openIndex(t, dir)
	if res := search(t, ix, index.Request{Query: `"` + phrase + `"`}); res.Total != 0 {
		t.Errorf("search finds the withdrawn words: %+v", res.Hits)
	}
	ix.Close()
	if grepDir(t, idx, phrase) {
		t.Errorf("an index file still holds the withdrawn participant's %q", phrase)
	}
}

// Hits with equal scores come in segment order (document, then line),
// whatever the limit: a limit that cuts through a run of ties keeps the
// first of them, and agrees with a longer list.
func TestSearchTiesInSegmentOrder(t *testing.T) {
	dir := copyExample(t)
	// One document: the shards score with their own term statistics.
	var body strings.Builder
	body.WriteString("---\nid: ties\nkind: interview\n---\n\n")
	for range 24 {
		body.WriteString("P06: The zebra crossing was closed.\n\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "transcripts", "ties.md"), []byte(body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, _ := openIndex(t, dir)
	all := search(t, ix, index.Request{Query: "zebra", Limit: 100})
	if all.Total != 24 || len(all.Hits) != 24 {
		t.Fatalf("zebra: %d hits of %d, want 24", len(all.Hits), all.Total)
	}
	for i, h := range all.Hits[1:] {
		p := all.Hits[i]
		if h.Score != p.Score {
			t.Fatalf("identical segments scored %v and %v", p.Score, h.Score)
		}
		if p.Doc > h.Doc || (p.Doc == h.Doc && p.Line >= h.Line) {
			t.Fatalf("hit %d (%s:%d) before hit %d (%s:%d)", i, p.Doc, p.Line, i+1, h.Doc, h.Line)
		}
	}
	for _, limit := range []int{1, 5, 13} {
		some := search(t, ix, index.Request{Query: "zebra", Limit: limit})
		for i, h := range some.Hits {
			if h.Segment != all.Hits[i].Segment {
				t.Fatalf("limit %d: hit %d is %s:%d, want %s:%d", limit, i, h.Doc, h.Line, all.Hits[i].Doc, all.Hits[i].Line)
			}
		}
		if len(some.Hits) != limit {
			t.Fatalf("limit %d: %d hits", limit, len(some.Hits))
		}
	}
}

// TestAttributeSearchMatchesTable counts, for attribute searches without
// words, the segments the table says have the value (not facilitators'),
// row by row: an independent count of what the unit filter (units.go)
// must find, whatever the form of the question.
func TestAttributeSearchMatchesTable(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	tab := ix.Table
	count := func(attr string, ok func(v string) bool) uint64 {
		a := slices.Index(tab.Attrs, attr)
		if a < 0 {
			t.Fatalf("no attribute %s", attr)
		}
		n := uint64(0)
		for r := range tab.Rows() {
			if !tab.RowFacilitator[r] && ok(tab.Values[a][tab.RowAttr[r*len(tab.Attrs)+a]]) {
				n++
			}
		}
		return n
	}
	is := func(vs ...string) func(string) bool { return func(v string) bool { return slices.Contains(vs, v) } }
	tests := []struct {
		query string
		where map[string][]string
		attr  string
		ok    func(string) bool
	}{
		{query: "role:parent", attr: "role", ok: is("parent")},
		{query: `role:"kinship carer"`, attr: "role", ok: is("kinship carer")},
		{query: "role:parnet~1", attr: "role", ok: is("parent")},
		{query: "role:prnet~2", attr: "role", ok: is("parent")},
		{query: "role:*e*", attr: "role", ok: func(v string) bool { return v != query.NoValue && strings.Contains(v, "e") }},
		{query: "role:/(parent|young.person)/", attr: "role", ok: is("parent", "young person")},
		{query: `ward:Marsh\ End`, attr: "ward", ok: is("Marsh End")},
		{query: "ward:Marsh*", attr: "ward", ok: is("Marsh End")},
		{query: "speaker:P01", attr: "speaker", ok: is("P01")},
		{query: "doc:int-00?", attr: "doc", ok: func(v string) bool { return strings.HasPrefix(v, "int-00") && len(v) == 7 }},
		{query: "kind:interview", attr: "kind", ok: is("interview")},
		{query: "case:H07", attr: "case", ok: is("H07")},
		{query: "-role:parent +kind:interview", attr: "role", ok: nil},
		{where: map[string][]string{"role": {"parent", "young person"}}, attr: "role", ok: is("parent", "young person")},
		{where: map[string][]string{"role": {query.NoValue}}, attr: "role", ok: is(query.NoValue)},
		{where: map[string][]string{"case": {""}}, attr: "case", ok: is(query.NoValue)},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.query, tc.where), func(t *testing.T) {
			req := index.Request{Query: tc.query, Filter: query.Filter{Where: tc.where}, Limit: 1}
			if tc.query == "" {
				req.Query = "*" // every segment, then the filter
			}
			var want uint64
			if tc.ok == nil { // the negation: interviews less parents' segments in them
				want = count("kind", is("interview")) - countBoth(tab, "kind", "interview", "role", "parent")
			} else {
				want = count(tc.attr, tc.ok)
			}
			if want == 0 {
				t.Fatal("the table has no such segment: the test proves nothing")
			}
			if got := search(t, ix, req).Total; got != want {
				t.Errorf("%q %v finds %d segments, the table has %d", tc.query, tc.where, got, want)
			}
		})
	}
}

// countBoth counts non-facilitator rows with attribute a = v and b = w.
func countBoth(tab *query.Table, a, v, b, w string) uint64 {
	ai, bi, na := slices.Index(tab.Attrs, a), slices.Index(tab.Attrs, b), len(tab.Attrs)
	n := uint64(0)
	for r := range tab.Rows() {
		if !tab.RowFacilitator[r] && tab.Values[ai][tab.RowAttr[r*na+ai]] == v && tab.Values[bi][tab.RowAttr[r*na+bi]] == w {
			n++
		}
	}
	return n
}

// Filters (a theme, --where, a field named in the query) add nothing to a
// hit's score: hits rank by their words, with real numbers. Exact-value
// terms once scored NaN, which left filtered hits in no order.
func TestFilteredSearchesRankByWords(t *testing.T) {
	ix, _ := openIndex(t, copyExample(t))
	plain := search(t, ix, index.Request{Query: "school", Limit: 1000})
	score := map[string]float64{}
	for _, h := range plain.Hits {
		score[h.Segment] = h.Score
	}
	for _, req := range []index.Request{
		{Query: "school", Theme: "agencies"},
		{Query: "school", Filter: query.Filter{Where: map[string][]string{"role": {"parent"}}}},
		{Query: "+school +role:parent"},
		{Query: "+school +themes:agencies"},
		{Query: "+school +coded:agencies@inline"},
		{Query: "+school -voice:facilitator"},
	} {
		req.Limit = 1000
		res := search(t, ix, req)
		if len(res.Hits) == 0 {
			t.Fatalf("%+v: no hits: the test proves nothing", req)
		}
		// A filter may scale every score alike (bleve's query norm), no more.
		ratio := 0.0
		for i, h := range res.Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) || h.Score <= 0 {
				t.Fatalf("%+v: hit %s scored %v", req, h.Segment, h.Score)
			}
			if i > 0 && h.Score > res.Hits[i-1].Score {
				t.Fatalf("%+v: hit %d scored above the one before it", req, i)
			}
			if req.Query != "school" {
				continue
			}
			if r := h.Score / score[h.Segment]; i == 0 {
				ratio = r
			} else if math.Abs(r-ratio) > 1e-9*ratio {
				t.Errorf("%+v: %s scored %v, %v unfiltered: not in proportion", req, h.Segment, h.Score, score[h.Segment])
			}
		}
	}
}
