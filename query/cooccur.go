package query

import "fmt"

// Within is the unit two themes must share to co-occur.
type Within int

const (
	WithinSegment Within = iota
	WithinTurn
	WithinDocument
)

// ParseWithin reads segment|turn|document.
func ParseWithin(s string) (Within, error) {
	switch s {
	case "segment", "":
		return WithinSegment, nil
	case "turn":
		return WithinTurn, nil
	case "document":
		return WithinDocument, nil
	}
	return 0, fmt.Errorf("unknown --within %q; use segment, turn or document", s)
}

// Cooccurrence counts, for every pair of themes, the segments, turns or
// documents coded with both. The diagonal counts the units coded with each.
type Cooccurrence struct {
	Within Within
	Themes []string
	Counts [][]int // symmetric, [theme][theme]
}

// Cooccur returns the theme × theme co-occurrence counts under f.
func (t *Table) Cooccur(f Filter, within Within) (Cooccurrence, error) {
	s, err := t.compile(f)
	if err != nil {
		return Cooccurrence{}, err
	}
	n := len(t.Themes)
	co := Cooccurrence{Within: within, Themes: t.Themes, Counts: make([][]int, n)}
	for i := range co.Counts {
		co.Counts[i] = make([]int, n)
	}
	mark := make([]int, n)
	var group []int32 // themes of the current unit
	flush := func() {
		for _, a := range group {
			for _, b := range group {
				co.Counts[a][b]++
			}
		}
		group = group[:0]
	}
	// Rows are in document then turn order, so a unit is a run of rows;
	// stamp identifies the current unit for deduplication.
	stamp, prevDoc, prevTurn := 0, int32(-1), int32(-1)
	for r := 0; r < t.Rows(); r++ {
		if !t.keep(s, r) {
			continue
		}
		d, tn := t.RowDoc[r], t.RowTurn[r]
		newUnit := within == WithinSegment ||
			(within == WithinTurn && (d != prevDoc || tn != prevTurn)) ||
			(within == WithinDocument && d != prevDoc)
		if newUnit {
			flush()
			stamp++
		}
		prevDoc, prevTurn = d, tn
		group = t.rowThemes(s, r, group, mark, stamp)
	}
	flush()
	return co, nil
}
