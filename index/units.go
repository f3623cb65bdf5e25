package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// A segment's attributes (doc, kind, date, case, speaker, the participant's
// and the document's own) are the same for every sentence a speaker says in
// a document: a 400-sentence interview has two or three sets of them. So a
// segment is not indexed with a term per attribute (ten terms on each of
// half a million segments, a fifth of a cold build) but with one term naming
// its unit, "u=<doc>#<n>": the n-th distinct set of attribute values in the
// document, in order of first appearance. A search on an attribute
// (role:parent, ward:Marsh*, a --where filter) is answered from the table:
// the units whose value matches, then the segments of those units, a
// document filter joined to the search by bleve as a disjunction of unit
// terms. The table and the search index are written together, so they
// always agree on the numbering (both use forUnits).
const unitField = "u"

// forUnits calls fn with each row of rows [first, end) — one document's —
// and its unit number there.
func forUnits(t *query.Table, first, end int, fn func(r int, unit int)) {
	na := len(t.Attrs)
	var seen [][]int32 // the document's distinct value sets so far
	prev := -1
	for r := first; r < end; r++ {
		// A turn's sentences share their values (query.New works them out
		// once per turn): most rows are the last row's unit.
		if prev >= 0 && t.RowTurn[r] == t.RowTurn[r-1] {
			fn(r, prev)
			continue
		}
		vals := t.RowAttr[r*na : (r+1)*na]
		prev = slices.IndexFunc(seen, func(s []int32) bool { return slices.Equal(s, vals) })
		if prev < 0 {
			prev = len(seen)
			seen = append(seen, vals)
		}
		fn(r, prev)
	}
}

func unitTerm(doc string, n int) string { return doc + "#" + strconv.Itoa(n) }

// units are the table's units, for evaluating attribute terms.
type units struct {
	terms []string  // unit -> the value of its unit term
	vals  [][]int32 // unit -> its attribute value ids (a row of Table.RowAttr)
}

func newUnits(t *query.Table) *units {
	u := &units{}
	docAttr := slices.Index(t.Attrs, "doc")
	na := len(t.Attrs)
	for first := 0; first < t.Rows(); {
		end := first + 1
		for end < t.Rows() && t.RowDoc[end] == t.RowDoc[first] {
			end++
		}
		doc := ""
		if docAttr >= 0 {
			doc = t.Values[docAttr][t.RowAttr[first*na+docAttr]]
		}
		n := 0
		forUnits(t, first, end, func(r, unit int) {
			if unit == n {
				n++
				u.terms = append(u.terms, facetTerm(unitField, unitTerm(doc, unit)))
				u.vals = append(u.vals, t.RowAttr[r*na:(r+1)*na])
			}
		})
		first = end
	}
	return u
}

// unitsOf returns the index's units: read from units.bin, written with the
// table, or worked out from the table (a pass over every row) when that
// file is missing or does not fit the table.
func (ix *Index) unitsOf() *units {
	ix.unitsOnce.Do(func() {
		if data, err := os.ReadFile(filepath.Join(ix.Dir, unitsFile)); err == nil {
			ix.units, _ = readUnits(data, ix.Table)
		}
		if ix.units == nil {
			ix.units = newUnits(ix.Table)
		}
	})
	return ix.units
}

// unitsFile caches the table's units for searches that name an attribute.
const (
	unitsFile  = "units.bin"
	unitsMagic = "insight-units\x00"
)

func writeUnits(w io.Writer, u *units, t *query.Table) error {
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	e.bytes([]byte(unitsMagic))
	e.uint(t.Rows())
	e.uint(len(t.Attrs))
	e.strings(u.terms)
	flat := make([]int32, 0, len(u.vals)*len(t.Attrs))
	for _, v := range u.vals {
		flat = append(flat, v...)
	}
	e.int32s(flat)
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// readUnits reads what writeUnits wrote for t; an error when the file is
// damaged or was written for another table.
func readUnits(data []byte, t *query.Table) (*units, error) {
	d := &decoder{b: data}
	if string(d.bytes()) != unitsMagic {
		return nil, errors.New("not an insight units file")
	}
	rows, na := d.count(), d.count()
	terms := d.strings()
	flat := d.int32s()
	switch {
	case d.err != nil:
		return nil, d.err
	case len(d.b) != 0:
		return nil, errors.New("units file is damaged: trailing bytes")
	case rows != t.Rows() || na != len(t.Attrs) || len(flat) != len(terms)*na:
		return nil, errors.New("units file does not fit the table")
	}
	u := &units{terms: terms, vals: make([][]int32, len(terms))}
	for i := range terms {
		u.vals[i] = flat[i*na : (i+1)*na : (i+1)*na]
		for a, v := range u.vals[i] {
			if v < 0 || int(v) >= len(t.Values[a]) {
				return nil, errors.New("units file is damaged: value out of range")
			}
		}
	}
	return u, nil
}

// attrQuery matches the segments whose value of attribute a passes ok; the
// absent value (id 0) passes only when none is set, so role:x never finds
// a segment without a role, as a term of its own never did.
func (ix *Index) attrQuery(a int, ok func(v string) bool, none bool) bq.Query {
	t := ix.Table
	want := make([]bool, len(t.Values[a]))
	want[0] = none
	if ok != nil {
		for id := 1; id < len(want); id++ {
			want[id] = ok(t.Values[a][id])
		}
	}
	u := ix.unitsOf()
	q := &unitsQuery{}
	for i, vals := range u.vals {
		if want[vals[a]] {
			q.terms = append(q.terms, u.terms[i])
		}
	}
	return q
}

// unitsQuery matches the segments of any of its units. It is a filter: it
// adds nothing to a hit's score, so ranking is by the words searched.
type unitsQuery struct{ terms []string }

func (q *unitsQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	terms := q.terms
	if len(terms) == 0 {
		// A term no segment has, not bleve's match-none searcher, which a
		// query-string conjunction skips (+role:nobody +help would find
		// every help).
		terms = []string{facetTerm(unitField, "")}
	}
	// Unscored and without term vectors, bleve ORs the units' postings as
	// bitmaps ("unadorned" disjunction) instead of merging thousands of
	// scored term streams.
	return filterQuery{multiTerm(terms)}.Searcher(ctx, r, m, opts)
}

// multiTerm matches any of terms of facetField.
type multiTerm []string

func (q multiTerm) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return searcher.NewMultiTermSearcher(ctx, r, q, facetField, 1, opts, false)
}

// filterQuery matches what q matches and adds nothing to a hit's score.
// Exact-value terms are indexed without frequencies or norms, and bleve
// scored them as NaN, which made every search filtered by a theme rank its
// hits in no order; unscored, they are filters, and hits rank by their words.
type filterQuery struct{ q bq.Query }

func (f filterQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	opts.Score, opts.IncludeTermVectors, opts.Explain = "none", false, false
	s, err := f.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return unscored{s}, nil
}

// unscored is a filter's searcher: it has no weight in the query's norm
// either, so a filtered hit scores exactly as it would unfiltered (bleve
// weighs a term by its statistics in each shard, which would rank hits of
// one shard a little above the other's).
type unscored struct{ search.Searcher }

func (unscored) Weight() float64      { return 0 }
func (unscored) SetQueryNorm(float64) {}

// valueMatcher is the test a fielded leaf of a query puts to an attribute
// value, with bleve's meaning for each form: exact term, wildcard and
// regexp on the whole value, fuzzy as Levenshtein distance with
// transpositions.
func valueMatcher(leaf bq.Query) (func(v string) bool, error) {
	switch q := leaf.(type) {
	case *bq.MatchQuery:
		return exactOrFuzzy(q.Match, q.Fuzziness)
	case *bq.MatchPhraseQuery:
		return exactOrFuzzy(q.MatchPhrase, q.Fuzziness)
	case *bq.TermQuery:
		return exactOrFuzzy(q.Term, 0)
	case *bq.FuzzyQuery:
		return exactOrFuzzy(q.Term, q.Fuzziness)
	case *bq.WildcardQuery:
		return wholeRegexp(wildcardRegexp.Replace(q.Wildcard))
	case *bq.RegexpQuery:
		return wholeRegexp(q.Regexp)
	}
	return nil, nil
}

// maxFuzziness is bleve's limit on the edits of a fuzzy term.
const maxFuzziness = 2

func exactOrFuzzy(want string, fuzziness int) (func(v string) bool, error) {
	switch {
	case fuzziness < 0 || fuzziness > maxFuzziness:
		return nil, fmt.Errorf("fuzziness %d: it must be between 0 and %d", fuzziness, maxFuzziness)
	case fuzziness == 0:
		return func(v string) bool { return v == want }, nil
	}
	w := []rune(want)
	return func(v string) bool { return editDistance(w, []rune(v), fuzziness) <= fuzziness }, nil
}

func wholeRegexp(re string) (func(v string) bool, error) {
	if _, err := regexp.Compile(re); err != nil {
		return nil, err // as written, not as anchored below
	}
	rx, err := regexp.Compile("^(?:" + re + ")$")
	if err != nil {
		return nil, err
	}
	return rx.MatchString, nil
}

// editDistance is the optimal-string-alignment distance of a and b (edits:
// insert, delete, substitute, swap two neighbours), the distance bleve's
// Levenshtein automaton accepts; anything above limit is reported as limit+1.
// Words whose lengths differ by more than limit are not compared at all.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	return min(themes.Distance(a, b), limit+1)
}

// unitsState is the part of an Index that evaluates attribute terms.
type unitsState struct {
	unitsOnce sync.Once
	units     *units
}
