package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

// anchorDoc is a document with segments of the given ids.
func anchorDoc(ids ...string) *corpus.Document {
	doc := &corpus.Document{ID: "d"}
	for _, id := range ids {
		doc.Segments = append(doc.Segments, corpus.Segment{ID: id})
	}
	return doc
}

// TestDocAnchorsAsTaken checks that the fast naming of anchors gives what
// names.take gives, on random ids with repeats, odd forms, long ids and
// ids whose anchors are alike but for case, where take suffixes one.
func TestDocAnchorsAsTaken(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	odd := []string{"", "d/", "d/xyz", "d/ABCDEF12", "d/abcdef12", "d/" + strings.Repeat("é", 60), "d/00000000-" + strings.Repeat("n", 90), "d/zz-1"}
	fast := 0
	for round := range 300 {
		var ids []string
		for range r.IntN(60) {
			switch r.IntN(6) {
			case 0:
				ids = append(ids, odd[r.IntN(len(odd))])
			case 1:
				ids = append(ids, fmt.Sprintf("d/%08x-%d", r.Uint32()%4, r.IntN(3)))
			default:
				ids = append(ids, fmt.Sprintf("d/%08x", r.Uint32()))
			}
		}
		doc := anchorDoc(ids...)
		want := takeAnchors(doc)
		if got, ok := distinctAnchors(doc); ok {
			fast++
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: distinctAnchors(%q) = %q, want %q", round, ids, got, want)
			}
		}
		if got := docAnchors(doc); !slices.Equal(got, want) {
			t.Fatalf("round %d: docAnchors(%q) = %q, want %q", round, ids, got, want)
		}
	}
	if fast < 50 {
		t.Errorf("only %d of 300 rounds took the fast path", fast)
	}
}

// TestDocAnchorsAlikeButForCase: 00000000 and 68000000 name "sAAAAAA"
// and "saAAAAA", one file system's same name: the second is suffixed.
func TestDocAnchorsAlikeButForCase(t *testing.T) {
	doc := anchorDoc("d/00000000", "d/68000000", "d/00000000-2")
	if _, ok := distinctAnchors(doc); ok {
		t.Errorf("distinctAnchors took ids alike but for case")
	}
	want := []string{"sAAAAAA", "saAAAAA_2", "sAAAAAA-2"}
	if got := docAnchors(doc); !slices.Equal(got, want) {
		t.Errorf("docAnchors = %q, want %q", got, want)
	}
}

func BenchmarkDocAnchors(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var ids []string
	for i := range 500 {
		id := fmt.Sprintf("doc-0001/%08x", r.Uint32())
		if i%10 == 0 {
			id += "-2"
		}
		ids = append(ids, id)
	}
	doc := anchorDoc(ids...)
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			docAnchors(doc)
		}
	})
	b.Run("take", func(b *testing.B) {
		for b.Loop() {
			takeAnchors(doc)
		}
	})
}
