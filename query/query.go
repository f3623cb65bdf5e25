// Package query owns the counts researchers ask for — theme frequencies,
// theme × attribute matrices, co-occurrence — computed over a compact table
// with one row per segment. The insight site and `insight query` both call
// these functions, so their numbers cannot disagree.
package query

// Unit is what a count counts.
type Unit int

const (
	Segments Unit = iota
	Participants
	Documents
	Cases
)

// Filter narrows the segments a count looks at.
type Filter struct {
	// Where maps an attribute (participant or document attribute, or one of
	// doc, kind, case, speaker) to accepted values: AND across attributes, OR
	// within one.
	Where map[string][]string
	// Coders keeps only applications from these sources (coder names,
	// "inline", "auto", or AllCoders for every source). Empty means the
	// evidence: people's codes (inline and coders' files) and the keyword
	// and pattern hits of themes that opt in with auto: evidence — rule
	// hits are suggestions until a person accepts them.
	Coders []string
	// IncludeFacilitators counts the facilitators' own words too.
	IncludeFacilitators bool
}

// AllCoders in Filter.Coders selects every source, keyword suggestions included.
const AllCoders = "all"

// ThemeCount is one theme's counts in every unit. Parents include their children.
type ThemeCount struct {
	Theme        string
	Depth        int
	Segments     int
	Participants int
	Documents    int
	Cases        int
}

// Get returns the count in unit u.
func (c ThemeCount) Get(u Unit) int {
	switch u {
	case Participants:
		return c.Participants
	case Documents:
		return c.Documents
	case Cases:
		return c.Cases
	}
	return c.Segments
}

// Matrix is a themes × attribute-values crosstab.
type Matrix struct {
	Attr      string
	Unit      Unit
	Themes    []string // rows, codebook order
	Values    []string // columns, sorted; "(none)" for units without the attribute
	Cells     [][]int  // [theme][value]
	RowTotals []int    // distinct units per theme across all values
	ColTotals []int    // distinct units per value among all units in the filter (the base for column %)
	Total     int      // distinct units in the filter
}
