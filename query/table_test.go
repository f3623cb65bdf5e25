package query

import (
	"math/rand"
	"runtime"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// TestParallelRowsMatchOneWalk checks that New, which builds rows per
// document in parallel, makes the table one walk over the segments in
// document order makes: the same ids for speakers, values and cases, and
// the same rows and codes in the same places.
func TestParallelRowsMatchOneWalk(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // split even on one core
	rng := rand.New(rand.NewSource(11))
	for i := range 300 {
		st, cb, coded := randomStudy(rng)
		for _, d := range st.Documents { // what the random study never has
			d.Withheld = rng.Intn(6) == 0
			for ti := range d.Turns {
				d.Turns[ti].Withheld = rng.Intn(6) == 0
			}
		}
		if len(coded.Apps) > 0 && rng.Intn(2) == 0 {
			coded.Apps[rng.Intn(len(coded.Apps))].Theme = "gone-from-codebook"
		}
		got, want := New(st, cb, coded), oneWalk(st, cb, coded)
		if !Equal(got, want) {
			t.Fatalf("study %d: parallel table differs from one walk:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// oneWalk is New as it was before rows were built in parallel: every
// segment of every document in turn, interning as it goes.
func oneWalk(st *corpus.Study, cb *themes.Codebook, coded *coding.Coded) *Table {
	b := newTableBuilder(st, cb, coded)
	t := b.t
	appTheme, appSource := b.appColumns(coded)
	t.RowDoc, t.RowFacilitator, t.RowCodeStart = []int32{}, []bool{}, []int32{0}
	for di, d := range st.Documents {
		if d.Withheld {
			continue
		}
		cs := b.caseID(d.Case)
		for si, seg := range d.Segments {
			turn := d.Turns[seg.Turn]
			if turn.Withheld {
				continue
			}
			sp, person := b.speaker(d, turn)
			vals := make([]int32, len(t.Attrs))
			b.turnValues(vals, d, turn, person)
			t.RowDoc = append(t.RowDoc, int32(di))
			t.RowTurn = append(t.RowTurn, int32(seg.Turn))
			t.RowSpeaker = append(t.RowSpeaker, sp)
			t.RowCase = append(t.RowCase, cs)
			t.RowFacilitator = append(t.RowFacilitator, turn.Role == corpus.RoleFacilitator)
			t.RowAttr = append(t.RowAttr, vals...)
			for _, ai := range coded.SegmentApps[di][si] {
				if th := appTheme[ai]; th >= 0 {
					t.CodeTheme = append(t.CodeTheme, th)
					t.CodeSource = append(t.CodeSource, appSource[ai])
				}
			}
			t.RowCodeStart = append(t.RowCodeStart, int32(len(t.CodeTheme)))
		}
	}
	t.Speakers = len(b.speakerIdx)
	return t
}
