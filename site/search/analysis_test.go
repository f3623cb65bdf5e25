package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// benchSegments is n sentences in the shape of the benchmark study's
// transcripts: mostly common words, some numbered ones, a few possessives.
func benchSegments(n int) []Segment {
	words := strings.Fields("the social worker got a letter about council tax because I felt ignored at every meeting " +
		"judged minute walked in but then our neighbour went down to college first we office whole time filled payments " +
		"after school nobody told what was happening it hard didn't know do my eldest argued rent arrears frightened me " +
		"family support kept ringing Council's threshold keeps going up which meant partner sat for hours nursery")
	segs := make([]Segment, n)
	for i := range segs {
		var b strings.Builder
		for k := range 12 + i%9 {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i*7+k*k*3)%len(words)])
		}
		fmt.Fprintf(&b, " word%d.", i%500)
		segs[i] = Segment{Text: b.String()}
	}
	return segs
}

// BenchmarkAnalyse is the search's analysis of pieces of a cold build, by
// one worker.
func BenchmarkAnalyse(b *testing.B) {
	segs := benchSegments(20 * pieceSegments)
	w := newAnalyser()
	b.ReportAllocs()
	for b.Loop() {
		for lo := 0; lo < len(segs); lo += pieceSegments {
			analyse(w, segs[lo:min(lo+pieceSegments, len(segs))])
		}
	}
}

// analyseRef is analyse as it was written before it took Analyzer apart:
// the segments through Analyzer, a map from stem to id per piece.
func analyseRef(an analysis.Analyzer, segs []Segment) *analysed {
	a := &analysed{off: []uint32{0}}
	local := map[string]uint32{}
	var last []int
	for i, s := range segs {
		toks := an.Analyze([]byte(s.Text))
		a.toks = append(a.toks, encodeTokens(s.Text, toks))
		for _, t := range toks {
			id, ok := local[string(t.Term)]
			if !ok {
				id = uint32(len(a.stems))
				local[string(t.Term)] = id
				a.stems = append(a.stems, string(t.Term))
				last = append(last, 0)
			}
			if last[id] != i+1 {
				last[id] = i + 1
				a.ids = append(a.ids, id)
			}
		}
		a.off = append(a.off, uint32(len(a.ids)))
	}
	return a
}

// analyse gives what Analyzer gives, piece after piece with one analyser
// (whose memory of words carries over), whatever the case, possessives,
// accents or characters only bleve's own tokenizer handles.
func TestAnalyseMatchesAnalyzer(t *testing.T) {
	tricky := []Segment{{Text: ""}, {Text: "The Council's councils’ COUNCIL'S council"}, {Text: "Waiting WAITING waited waits"},
		{Text: "İstanbul ΣΊΣΥΦΟΣ Straße ǅemal café CAFÉ"}, {Text: "x_y 3.5 O'Neil o'neil 10,000 it's"}, {Text: "a"}}
	pieces := [][]Segment{tricky, benchSegments(300), tricky[1:3], benchSegments(50), tricky}
	w, an := newAnalyser(), Analyzer()
	for p, segs := range pieces {
		got, want := analyse(w, segs), analyseRef(an, segs)
		if !slices.Equal(got.stems, want.stems) || !slices.Equal(got.ids, want.ids) || !slices.Equal(got.off, want.off) || !slices.Equal(got.toks, want.toks) {
			t.Fatalf("piece %d: analyse gives stems %q ids %v off %v toks %q;\nAnalyzer gives %q %v %v %q", p, got.stems, got.ids, got.off, got.toks, want.stems, want.ids, want.off, want.toks)
		}
	}
}

// A cached analysis decodes to what was encoded, and damaged bytes, of
// any kind, are an error or an analysis, never a panic.
func FuzzDecodeAnalysed(f *testing.F) {
	segs := []Segment{{Text: "We waited for the council's letter."}, {Text: "Nothing came; we waited."}}
	a := analyse(newAnalyser(), segs)
	good := a.encode()
	if b, err := decodeAnalysed(good, len(segs)); err != nil || !bytes.Equal(b.encode(), good) {
		f.Fatalf("round trip: %v", err)
	}
	f.Add(good, len(segs))
	f.Add(good[:len(good)-1], len(segs))
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		if n < 0 || n > 1000 {
			return
		}
		decodeAnalysed(data, n)
	})
}

// A damaged manifest is a miss, never a panic or a path outside search/.
func FuzzDecodeManifest(f *testing.F) {
	f.Add([]byte("f t-0.js 0a1b.js\na 99ff.bin\n"))
	f.Add([]byte("f ../x.js 0a.js\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ok := decodeManifest(data)
		if !ok {
			return
		}
		for _, fl := range m.files {
			if strings.ContainsAny(fl[0], "/\\") || strings.Contains(fl[0], "..") {
				t.Errorf("file name %q accepted", fl[0])
			}
		}
	})
}
