package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/residentinsight/insight/internal/packcache"
)

// buildSaved builds in with cache c as a site build does (every file's
// data, then Save) and returns the index and its files.
func buildSaved(t *testing.T, in Input, c Cache) (*Index, map[string]File, map[string][]byte) {
	t.Helper()
	ix, err := Build(context.Background(), in, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, out := map[string]File{}, map[string][]byte{}
	for _, f := range ix.Files() {
		files[f.Name] = f
		if out[f.Name], err = f.Data(); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Save(); err != nil {
		t.Fatal(err)
	}
	return ix, files, out
}

// insertSegment inserts s as segment i, with its group values.
func insertSegment(in *Input, i int, s Segment, groups ...int32) {
	in.Segments = slices.Insert(in.Segments, i, s)
	g := len(in.Groups)
	in.GroupVals = slices.Insert(in.GroupVals, i*g, groups...)
}

// removeSegment removes segment i and its group values.
func removeSegment(in *Input, i int) {
	in.Segments = slices.Delete(in.Segments, i, i+1)
	g := len(in.Groups)
	in.GroupVals = slices.Delete(in.GroupVals, i*g, (i+1)*g)
}

// deltaInput is a study big enough for several term shards, with a second
// group value and sentences with no theme, so filters differ by document;
// the last document has none of the others' words, filters or values, so
// an edit to it changes the encoding of postings it is not in.
func deltaInput() Input {
	in := studyInput(24, 150)
	in.Groups[0].Values = append(in.Groups[0].Values, "worker")
	for i := range in.Segments {
		if i%7 == 0 || in.Segments[i].Doc == 23 {
			in.GroupVals[i] = 2
		}
		if i%5 == 0 || in.Segments[i].Doc == 23 {
			in.Segments[i].Themes, in.Segments[i].Filter = Span{}, Span{}
		}
		if in.Segments[i].Doc == 23 {
			in.Segments[i].Text = fmt.Sprint("Quiet line ", i, ".")
		}
	}
	return in
}

// Edits to a few documents' words, each built from the last build's
// files, give byte for byte the files of a build without a cache; an
// edit to too many documents is a full build, as right.
func TestDeltaMatchesFullBuild(t *testing.T) {
	c := newCountingCache()
	in := deltaInput()
	buildSaved(t, in, c)
	edits := []struct {
		name  string
		delta bool
		edit  func(in *Input)
	}{
		{"a participant's line appended", true, func(in *Input) {
			insertSegment(in, 4*150, Segment{Doc: 3, Line: 999, Speaker: "P1", Anchor: "s-new", Text: "And that was the end of it, zebra."}, 1)
		}},
		{"a sentence reworded", true, func(in *Input) { in.Segments[5*150+3].Text = "Council housing, waited, zebra and quokka." }},
		{"a sentence removed", true, func(in *Input) { removeSegment(in, 7*150+10) }},
		{"a sentence's theme and group", true, func(in *Input) {
			s := &in.Segments[9*150+4]
			s.Themes, s.Filter = Span{}, Span{}
			in.GroupVals[9*150+4] = 0
		}},
		{"two documents", true, func(in *Input) {
			in.Segments[1*150+1].Text = "Entirely new words here."
			in.Segments[20*150+1].Text = "And more new words there."
		}},
		{"every document", false, func(in *Input) {
			for d := range 24 {
				in.Segments[d*150+2].Text = fmt.Sprint("Edited sentence number ", d)
			}
		}},
		{"a line appended to a document without the common words", true, func(in *Input) {
			insertSegment(in, len(in.Segments), Segment{Doc: 23, Line: 999, Speaker: "P1", Anchor: "s-new", Text: "Quiet again."}, 2)
		}},
		{"a common word everywhere but one sentence", true, func(in *Input) { in.Segments[11*150].Text = "Quokka." }},
	}
	for _, e := range edits {
		e.edit(&in)
		ix, _, got := buildSaved(t, in, c)
		if (ix.planned != nil) != e.delta {
			t.Errorf("%s: delta %v, want %v", e.name, ix.planned != nil, e.delta)
		}
		want := write(t, in, nil)
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a fresh build has %d", e.name, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs from a fresh build's", e.name, name)
			}
		}
	}
}

// A participant's line appended to one transcript makes anew only the
// files that hold that transcript: its record blocks, meta.js and the term
// shards of its words and filters. Every other file is the last build's
// cache entry, not read, analysed or encoded.
func TestDeltaRewritesOnlyTheDocumentsFiles(t *testing.T) {
	c := newCountingCache()
	in := deltaInput()
	_, _, first := buildSaved(t, in, c)
	const doc = 6
	insertSegment(&in, (doc+1)*150, Segment{Doc: doc, Line: 999, Speaker: "P1", Anchor: "s-new", Text: "And that was the end of it, zebra."}, 1)
	c.reset()
	ix, files, got := buildSaved(t, in, c)
	if ix.planned == nil {
		t.Fatal("the edit was not built as a delta")
	}
	if c.puts[".bin"] != 1 {
		t.Errorf("%d pieces analysed, want the edited document's 1", c.puts[".bin"])
	}
	var meta struct{ Shards int }
	if raw, err := Payload(got["meta.js"]); err != nil || json.Unmarshal(raw, &meta) != nil || meta.Shards < 4 {
		t.Fatalf("meta.js: %v, %d shards; want several", err, meta.Shards)
	}
	// The shards the document's words and filters are in, before and after.
	one := Input{Docs: in.Docs, Themes: in.Themes, Groups: in.Groups, Refs: in.Refs}
	for i, s := range in.Segments {
		if s.Doc == doc {
			one.Segments = append(one.Segments, s)
			one.GroupVals = append(one.GroupVals, in.groups(i)...)
		}
	}
	solo, err := Build(context.Background(), one, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	mine := map[int]bool{}
	for _, name := range append(solo.Stems(), in.filterNames()...) {
		mine[shardOf(name, meta.Shards)] = true
	}
	made := 0
	for name, f := range files {
		if f.Key != "" {
			if !bytes.Equal(got[name], first[name]) {
				t.Errorf("%s was taken from the last build but differs from it", name)
			}
			continue
		}
		made++
		m := shardFile.FindStringSubmatch(name)
		switch {
		case name == "meta.js" || strings.HasPrefix(name, fmt.Sprintf("r-%d-", doc)):
		case m != nil:
			if k, _ := strconv.Atoi(m[1] + m[2]); !mine[k] {
				t.Errorf("%s was made anew, but the document has no word in shard %d", name, k)
			}
		default:
			t.Errorf("%s was made anew, but does not hold the edited document", name)
		}
	}
	if made == 0 || made > len(files)/4 {
		t.Errorf("%d of %d files made anew; want the few that hold the document", made, len(files))
	}
}

var shardFile = regexp.MustCompile(`^(?:t-(\d+)|p-(\d+)-\d+)\.js$`)

// A state that is damaged, or describes another study, is a full build.
func TestDeltaIgnoresBadState(t *testing.T) {
	for _, damage := range []func(c *countingCache){
		func(c *countingCache) { c.m[lastState] = c.m[lastState][:len(c.m[lastState])/2] },
		func(c *countingCache) { c.m[lastState] = []byte("nonsense") },
		func(c *countingCache) {
			for name := range c.m {
				if strings.HasSuffix(name, ".idx") {
					delete(c.m, name)
				}
			}
		},
	} {
		c := newCountingCache()
		in := deltaInput()
		buildSaved(t, in, c)
		damage(c)
		in.Segments[3].Text = "A new sentence."
		ix, _, got := buildSaved(t, in, c)
		if ix.planned != nil {
			t.Error("a damaged state was built from")
		}
		for name, data := range write(t, in, nil) {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s differs from a fresh build's", name)
			}
		}
	}
}

// decodePostings reads what encodePostings writes, in each of its forms.
func TestDecodePostings(t *testing.T) {
	valid := []uint32{0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 41, 42}
	forms := map[byte]bool{}
	for _, segs := range [][]uint32{{}, {3}, {0, 9, 42}, valid[1:], valid[:20], {1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 13}, {0, 2, 5, 7, 10, 12, 14, 16, 18, 40}} {
		enc := encodePostings(segs, valid, 43)
		forms[enc[0]] = true
		got, ok := decodePostings(enc, valid, 43)
		if !ok || !slices.Equal(got, segs) && len(segs)+len(got) > 0 {
			t.Errorf("%v encoded as %q decodes as %v, %v", segs, enc[:1], got, ok)
		}
		if n, ok := countPostings(enc, len(valid)); !ok || n != len(segs) {
			t.Errorf("%v encoded as %q counts %d, %v", segs, enc[:1], n, ok)
		}
	}
	if len(forms) != 3 {
		t.Errorf("the cases use the forms %v; want all three", forms)
	}
	if _, ok := decodePostings([]byte{'d', 50}, valid, 43); ok {
		t.Error("an id past the end decoded")
	}
}

// After a delta in the real cache, the pack holds exactly what the new
// index is made of: a withdrawn participant's sentences, dropped from one
// transcript, leave no old analysis, record block or shard behind.
func TestDeltaLeavesNothingStale(t *testing.T) {
	path := filepath.Join(t.TempDir(), "search.pack")
	in := deltaInput()
	run := func() *Index {
		t.Helper()
		c := packcache.Open(path)
		ix, _, _ := buildSaved(t, in, c)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	run()
	var kept Input = in
	kept.Segments, kept.GroupVals = nil, nil
	for i, s := range in.Segments {
		if s.Doc != 4 || i%50 != 0 { // the withdrawn participant's sentences (ids stay put)
			kept.Segments = append(kept.Segments, s)
			kept.GroupVals = append(kept.GroupVals, in.groups(i)...)
		}
	}
	in = kept
	ix := run()
	if ix.planned == nil {
		t.Fatal("the withdrawal was not built as a delta")
	}
	want := []string{ix.key + manifestExt, lastState}
	want = append(append(want, ix.made...), ix.pieceNames...)
	slices.Sort(want)
	got, err := packcache.Names(path)
	if err != nil {
		t.Fatal(err)
	}
	if want = slices.Compact(want); !slices.Equal(got, want) {
		t.Errorf("the pack holds %d entries, the index is made of %d", len(got), len(want))
		for _, name := range got {
			if !slices.Contains(want, name) {
				t.Errorf("left over: %s", name)
			}
		}
	}
}

// Random edits to a few documents at a time — sentences added, removed,
// reworded, recoded; a document emptied or refilled — each built from the
// last build's files, equal a fresh build's files every time.
func TestDeltaRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 1))
	words := []string{"council", "waited", "housing", "zebra", "quokka", "letters", "rent", "school", "the", "and"}
	sentence := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		return b.String()
	}
	c := newCountingCache()
	in := deltaInput()
	buildSaved(t, in, c)
	deltas := 0
	for round := range 60 {
		for range 1 + rng.IntN(3) {
			doc := int32(rng.IntN(len(in.Docs)))
			lo, hi := docRange(&in, doc)
			switch op := rng.IntN(5); {
			case op == 0 || hi == lo:
				at := lo + rng.IntN(hi-lo+1)
				insertSegment(&in, at, Segment{Doc: doc, Line: int32(1000 + round), Speaker: "P1", Anchor: fmt.Sprint("s-r", round), Text: sentence()}, int32(rng.IntN(3)))
			case op == 1:
				removeSegment(&in, lo+rng.IntN(hi-lo))
			case op == 2:
				in.Segments[lo+rng.IntN(hi-lo)].Text = sentence()
			case op == 3:
				i := lo + rng.IntN(hi-lo)
				in.GroupVals[i] = int32(rng.IntN(3))
				if in.Segments[i].Filter.Hi > in.Segments[i].Filter.Lo {
					in.Segments[i].Themes, in.Segments[i].Filter = Span{}, Span{}
				} else {
					in.Segments[i].Themes, in.Segments[i].Filter = Span{0, 1}, Span{0, 1}
				}
			default:
				for range min(hi-lo, 1+rng.IntN(40)) {
					removeSegment(&in, lo)
				}
			}
		}
		ix, _, got := buildSaved(t, in, c)
		if ix.planned != nil {
			deltas++
		}
		want := write(t, in, nil)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d files, a fresh build has %d", round, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Fatalf("round %d (delta %v): %s differs from a fresh build's", round, ix.planned != nil, name)
			}
		}
	}
	t.Logf("%d of 60 rounds were deltas", deltas)
	if deltas < 20 {
		t.Errorf("only %d of 60 rounds were deltas: the test hardly tests them", deltas)
	}
}

// docRange returns the segments [lo, hi) of document doc.
func docRange(in *Input, doc int32) (int, int) {
	lo, _ := slices.BinarySearchFunc(in.Segments, doc, func(s Segment, d int32) int { return int(s.Doc - d) })
	hi, _ := slices.BinarySearchFunc(in.Segments, doc+1, func(s Segment, d int32) int { return int(s.Doc - d) })
	return lo, hi
}
