package study

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/report"
	"github.com/residentinsight/insight/themes"
)

// QueryOptions are the choices every `insight query` command shares.
type QueryOptions struct {
	Filter query.Filter
	Theme  string     // restrict rows (freq, matrix, cooccur) or hits (search, kwic) to this theme and its descendants
	Unit   query.Unit // what freq and matrix count
	Log    io.Writer  // gets the index's one-line messages (stderr); nil for none
}

// IndexDir is where a study's index lives: STUDY/.insight/index, or for the
// embedded example a per-user cache folder named by a hash of the example's
// content (os.TempDir when there is no user cache folder).
func IndexDir(src Source) (string, error) {
	if !src.Example {
		return filepath.Join(src.Dir, CacheDir, "index"), nil
	}
	key, err := index.ContentKey(example.Study())
	if err != nil {
		return "", fmt.Errorf("reading the bundled example: %w", err)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "insight", "example-"+key), nil
}

// OpenIndex returns the study's index, building or updating it first when
// the study changed. forSearch also opens the full-text index; counts need
// only the stored table. A study with errors is a ProblemsError.
func OpenIndex(ctx context.Context, src Source, forSearch bool, log io.Writer) (*index.Index, error) {
	opts, err := IndexOptions(src, forSearch, log)
	if err != nil {
		return nil, err
	}
	return OpenIndexWith(ctx, src, opts)
}

// OpenIndexWith is OpenIndex with options from IndexOptions that the caller
// has added to (index.Options.Building).
func OpenIndexWith(ctx context.Context, src Source, opts index.Options) (*index.Index, error) {
	ix, err := index.Open(ctx, opts)
	if err == nil && ix.Stats.Withdrawal && !src.Example {
		// The index rewrote itself; the site's page cache holds the
		// withdrawn words too, and is only a cache.
		if err := os.RemoveAll(filepath.Join(src.Dir, CacheDir, "site")); err != nil {
			ix.Close()
			return nil, fmt.Errorf("removing the site cache after a withdrawal of consent: %w", err)
		}
		// So is the contacts cache, though the next load rewrites it.
		if err := os.Remove(src.contactsCache()); err != nil && !errors.Is(err, fs.ErrNotExist) {
			ix.Close()
			return nil, fmt.Errorf("removing the contacts cache after a withdrawal of consent: %w", err)
		}
	}
	return ix, err
}

// IndexOptions are the options index.Open needs for src: where the index
// lives and how to read the whole study or only some of its transcripts.
func IndexOptions(src Source, forSearch bool, log io.Writer) (index.Options, error) {
	dir, err := IndexDir(src)
	if err != nil {
		return index.Options{}, err
	}
	fsys, _ := src.fs()
	return index.Options{
		Dir: dir, FS: fsys, Log: log, Search: forSearch,
		Load: func(ctx context.Context) (*index.Input, error) {
			op, err := openClean(ctx, src)
			if err != nil {
				return nil, err
			}
			return &index.Input{Study: op.Study, Codebook: op.Codebook, Coded: op.Coded, Table: op.Table, Records: op.Records}, nil
		},
		Partial: func(ctx context.Context, keep func(string) bool, recs []coding.Record) (*index.Input, error) {
			return openPartial(ctx, src, keep, recs)
		},
	}, nil
}

// openPartial reads and codes only the transcripts keep accepts, as Open
// would read them in the whole study (participants, insight.yaml and the
// codebook are read too; they are small). Any problem is an error: the
// caller then opens the whole study, which reports it properly.
func openPartial(ctx context.Context, src Source, keep func(string) bool, recs []coding.Record) (*index.Input, error) {
	fsys, name := src.fs()
	var probs diag.List
	st, p := corpus.Load(ctx, keepFS{fsys, keep}, name)
	probs.Add(p...)
	cb, p := themes.Load(fsys, CodebookFile, joinName(name, CodebookFile))
	probs.Add(p...)
	if st == nil || cb == nil || probs.HasErrors() {
		return nil, &ProblemsError{probs.Errors()}
	}
	ids := map[string]bool{}
	for _, d := range st.Documents {
		ids[d.ID] = true
	}
	var mine []coding.Record
	for _, r := range recs {
		if ids[r.Doc] {
			mine = append(mine, r)
		}
	}
	coded, p := coding.Merge(ctx, st, cb, mine, coding.Options{Auto: true})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if p.HasErrors() {
		return nil, &ProblemsError{p.Errors()}
	}
	return &index.Input{Study: st, Codebook: cb, Coded: coded, Table: query.New(st, cb, coded), Records: mine}, nil
}

// keepFS hides the transcripts keep rejects.
type keepFS struct {
	fs.FS
	keep func(string) bool
}

func (k keepFS) hidden(name string) bool {
	return strings.HasPrefix(name, "transcripts/") && !k.keep(name)
}

func (k keepFS) Open(name string) (fs.File, error) {
	if k.hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return k.FS.Open(name)
}

func (k keepFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(k.FS, name)
	out := es[:0]
	for _, e := range es {
		if e.IsDir() || !k.hidden(path.Join(name, e.Name())) {
			out = append(out, e)
		}
	}
	return out, err
}

// FreqRow is one theme of a frequency result.
type FreqRow struct {
	Theme        string  `json:"theme"`
	Name         string  `json:"name"`
	Depth        int     `json:"depth"`
	Parent       string  `json:"parent"`
	Count        int     `json:"count"`
	Share        float64 `json:"share"` // percent of all units under the filter
	Segments     int     `json:"segments"`
	Participants int     `json:"participants"`
	Documents    int     `json:"documents"`
	Cases        int     `json:"cases"`
}

// FreqResult is what `insight query freq --format json` prints.
type FreqResult struct {
	Unit   string    `json:"unit"`
	Total  int       `json:"total"` // units under the filter, coded or not: the base of share
	Themes []FreqRow `json:"themes"`
}

// UnitNames are the --unit values, in query.Unit order.
var UnitNames = []string{"segments", "participants", "documents", "cases"}

// ParseUnit reads a --unit value.
func ParseUnit(s string) (query.Unit, error) {
	for i, n := range UnitNames {
		if s == n {
			return query.Unit(i), nil
		}
	}
	return 0, fmt.Errorf("unknown --unit %q; use one of %s", s, strings.Join(UnitNames, ", "))
}

// themeRows lists the theme indexes to show: all, or theme and its descendants.
func themeRows(t *query.Table, theme string) ([]int, error) {
	var rows []int
	want := -1
	if theme != "" {
		i, err := t.ThemeIndex(theme)
		if err != nil {
			return nil, err
		}
		want = i
	}
	for i, anc := range t.Ancestors {
		if want < 0 || containsInt32(anc, int32(want)) {
			rows = append(rows, i)
		}
	}
	return rows, nil
}

func containsInt32(vs []int32, v int32) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func parentOf(t *query.Table, i int) string {
	if len(t.Ancestors[i]) > 1 {
		return t.Themes[t.Ancestors[i][1]]
	}
	return ""
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(int(float64(n)*1000/float64(of)+0.5)) / 10 // one decimal, stable across platforms
}

// provenanceNote says which codes a count is made of: under the default
// filter people's codes, plus the keyword matches of themes that opt in,
// named so nobody mistakes them for reviewed codes.
func provenanceNote(t *query.Table, f query.Filter, rows []int) string {
	if len(f.Coders) > 0 {
		if slices.Contains(f.Coders, query.AllCoders) || slices.Contains(f.Coders, coding.SourceAuto) {
			return "Codes: " + strings.Join(f.Coders, ", ") + "; this includes keyword matches no person reviewed."
		}
		return "Codes: " + strings.Join(f.Coders, ", ") + "."
	}
	var with []string
	for _, i := range rows {
		if t.IncludesAuto(f, t.Themes[i]) && !slices.Contains(with, parentOf(t, i)) {
			with = append(with, t.Themes[i]) // a parent named covers its children
		}
	}
	note := "Codes: people's (inline and coders' files); keyword rule matches are suggestions and not counted (--coder all counts them)"
	if len(with) > 0 {
		note += "; except that " + strings.Join(with, ", ") + " (with children) include keyword matches (auto: evidence)"
	}
	return note + "."
}

// Freq counts each theme in opts.Unit: the same query.Table.Freq the site shows.
func Freq(ix *index.Index, opts QueryOptions) (*report.Report, error) {
	t := ix.Table
	counts, err := t.Freq(opts.Filter)
	if err != nil {
		return nil, err
	}
	total, err := t.Total(opts.Filter, opts.Unit)
	if err != nil {
		return nil, err
	}
	rows, err := themeRows(t, opts.Theme)
	if err != nil {
		return nil, err
	}
	unit := UnitNames[opts.Unit]
	res := FreqResult{Unit: unit, Total: total, Themes: []FreqRow{}}
	r := &report.Report{
		Title: fmt.Sprintf("Themes by %s", unit),
		Columns: []report.Column{
			{Key: "theme"}, {Key: "name", DataOnly: true}, {Key: "depth", DataOnly: true}, {Key: "parent", DataOnly: true},
			{Key: "count", Header: unit, Right: true}, {Key: "share", Header: "% of " + fmt.Sprint(total), Right: true},
		},
		Notes: []string{fmt.Sprintf("%d %s in all under this filter; a parent theme counts its children's too.", total, unit),
			provenanceNote(t, opts.Filter, rows)},
		Data: &res,
	}
	for _, i := range rows {
		c := counts[i]
		fr := FreqRow{
			Theme: c.Theme, Name: ix.Names[c.Theme], Depth: c.Depth, Parent: parentOf(t, i),
			Count: c.Get(opts.Unit), Share: percent(c.Get(opts.Unit), total),
			Segments: c.Segments, Participants: c.Participants, Documents: c.Documents, Cases: c.Cases,
		}
		res.Themes = append(res.Themes, fr)
		r.Rows = append(r.Rows, report.Row{Indent: c.Depth, Cells: []any{fr.Theme, fr.Name, fr.Depth, fr.Parent, fr.Count, report.Percent(fr.Share)}})
	}
	return r, nil
}

// MatrixCell is one theme × value cell.
type MatrixCell struct {
	Value   string  `json:"value"`
	Count   int     `json:"count"`
	Percent float64 `json:"percent"` // of the units with this value (column percentage)
}

// MatrixRow is one theme of a matrix.
type MatrixRow struct {
	Theme  string       `json:"theme"`
	Depth  int          `json:"depth"`
	Parent string       `json:"parent"`
	Cells  []MatrixCell `json:"cells"`
	Total  int          `json:"total"`
}

// MatrixResult is what `insight query matrix --format json` prints.
type MatrixResult struct {
	Attr      string      `json:"attr"`
	Unit      string      `json:"unit"`
	Values    []string    `json:"values"`
	ColTotals []int       `json:"column_totals"` // units with each value: the base of the column percentages
	Total     int         `json:"total"`
	Rows      []MatrixRow `json:"rows"`
}

// Matrix crosstabulates themes by the values of attr.
func Matrix(ix *index.Index, opts QueryOptions, attr string) (*report.Report, error) {
	t := ix.Table
	m, err := t.Matrix(opts.Filter, attr, opts.Unit)
	if err != nil {
		return nil, err
	}
	rows, err := themeRows(t, opts.Theme)
	if err != nil {
		return nil, err
	}
	unit := UnitNames[opts.Unit]
	res := MatrixResult{Attr: attr, Unit: unit, Values: m.Values, ColTotals: m.ColTotals, Total: m.Total, Rows: []MatrixRow{}}
	if res.Values == nil {
		res.Values, res.ColTotals = []string{}, []int{}
	}
	r := &report.Report{
		Title: fmt.Sprintf("Themes by %s (%s)", attr, unit),
		Columns: []report.Column{
			{Key: "theme"}, {Key: "depth", DataOnly: true}, {Key: "parent", DataOnly: true},
		},
		Notes: []string{fmt.Sprintf("Cells: %s coded with the theme (percentage of the column's %s). TOTAL counts each unit once.", unit, unit),
			provenanceNote(t, opts.Filter, rows)},
		Data: &res,
	}
	for _, v := range m.Values {
		r.Columns = append(r.Columns, report.Column{Key: v, Right: true}, report.Column{Key: v + " %", Right: true, DataOnly: true})
	}
	r.Columns = append(r.Columns, report.Column{Key: "total", Right: true})
	for _, i := range rows {
		mr := MatrixRow{Theme: t.Themes[i], Depth: t.Depths[i], Parent: parentOf(t, i), Total: m.RowTotals[i]}
		cells := []any{mr.Theme, mr.Depth, mr.Parent}
		for j, v := range m.Values {
			c := MatrixCell{Value: v, Count: m.Cells[i][j], Percent: percent(m.Cells[i][j], m.ColTotals[j])}
			mr.Cells = append(mr.Cells, c)
			cells = append(cells, fmt.Sprintf("%d (%.0f%%)", c.Count, c.Percent), report.Percent(c.Percent))
		}
		cells = append(cells, mr.Total)
		res.Rows = append(res.Rows, mr)
		r.Rows = append(r.Rows, report.Row{Indent: mr.Depth, Cells: cells})
	}
	foot := []any{"all " + unit, "", ""}
	for _, n := range m.ColTotals {
		foot = append(foot, n, report.Percent(100))
	}
	r.Footer = []report.Row{{Cells: append(foot, m.Total)}}
	return r, nil
}

// CooccurPair is two themes and the units coded with both.
type CooccurPair struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Count  int    `json:"count"`
	CountA int    `json:"count_a"` // units coded with A at all
	CountB int    `json:"count_b"`
}

// CooccurResult is what `insight query cooccur --format json` prints.
type CooccurResult struct {
	Within string        `json:"within"`
	Themes []string      `json:"themes"`
	Counts [][]int       `json:"counts"` // the full symmetric matrix; the diagonal is each theme's own count
	Pairs  []CooccurPair `json:"pairs"`
}

// Cooccur lists pairs of themes coded in the same segment, turn or document,
// most frequent first. Pairs of a theme and its own ancestor are left out of
// the list (a parent always includes its child) but kept in the JSON matrix.
func Cooccur(ix *index.Index, opts QueryOptions, within query.Within) (*report.Report, error) {
	t := ix.Table
	co, err := t.Cooccur(opts.Filter, within)
	if err != nil {
		return nil, err
	}
	rows, err := themeRows(t, opts.Theme)
	if err != nil {
		return nil, err
	}
	wanted := map[int]bool{}
	for _, i := range rows {
		wanted[i] = true
	}
	name := []string{"segment", "turn", "document"}[within]
	res := CooccurResult{Within: name, Themes: co.Themes, Counts: co.Counts, Pairs: []CooccurPair{}}
	for a := range co.Themes {
		for b := a + 1; b < len(co.Themes); b++ {
			if co.Counts[a][b] == 0 || !(wanted[a] || wanted[b]) ||
				containsInt32(t.Ancestors[a], int32(b)) || containsInt32(t.Ancestors[b], int32(a)) {
				continue
			}
			res.Pairs = append(res.Pairs, CooccurPair{A: co.Themes[a], B: co.Themes[b], Count: co.Counts[a][b], CountA: co.Counts[a][a], CountB: co.Counts[b][b]})
		}
	}
	sort.SliceStable(res.Pairs, func(i, j int) bool { return res.Pairs[i].Count > res.Pairs[j].Count })
	r := &report.Report{
		Title: fmt.Sprintf("Themes coded in the same %s", name),
		Columns: []report.Column{
			{Key: "a", Header: "theme"}, {Key: "b", Header: "with theme"},
			{Key: "count", Header: name + "s with both", Right: true},
			{Key: "count_a", Header: "with theme", Right: true}, {Key: "count_b", Header: "with other", Right: true},
		},
		Notes: []string{"Pairs of a theme and its own parent are left out; --format json has the full matrix."},
		Data:  &res,
	}
	for _, p := range res.Pairs {
		r.Rows = append(r.Rows, report.Row{Cells: []any{p.A, p.B, p.Count, p.CountA, p.CountB}})
	}
	return r, nil
}

// Match is a highlighted stretch of a hit, in Unicode code points of its text.
type Match struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// SearchHit is one segment found.
type SearchHit struct {
	Rank    int      `json:"rank"`
	Score   float64  `json:"score"`
	Doc     string   `json:"doc"`
	Line    int      `json:"line"`
	Speaker string   `json:"speaker"`
	Segment string   `json:"segment"`
	Themes  []string `json:"themes"`
	Text    string   `json:"text"`
	Matches []Match  `json:"matches"`
}

// SearchResult is what `insight query search --format json` prints.
type SearchResult struct {
	Query string      `json:"query"`
	Total uint64      `json:"total"` // segments matching, of which hits are the best
	Hits  []SearchHit `json:"hits"`
}

// Search finds segments matching q (bleve query-string syntax), best first.
func Search(ctx context.Context, ix *index.Index, opts QueryOptions, q string, limit int) (*report.Report, error) {
	res, err := ix.Search(ctx, index.Request{Query: q, Filter: opts.Filter, Theme: opts.Theme, Limit: limit})
	if err != nil {
		return nil, err
	}
	out := SearchResult{Query: q, Total: res.Total, Hits: []SearchHit{}}
	r := &report.Report{
		Title: fmt.Sprintf("Search: %s", q),
		Columns: []report.Column{
			{Key: "rank", Header: "#", Right: true}, {Key: "doc"}, {Key: "line", Right: true}, {Key: "speaker"},
			{Key: "themes"}, {Key: "text"},
		},
		Notes: []string{fmt.Sprintf("%d of %d matching segments.", len(res.Hits), res.Total)},
		Data:  &out,
	}
	for i, h := range res.Hits {
		// Rounded: the last digits of a float score differ across CPUs.
		score := float64(int64(h.Score*1e4+0.5)) / 1e4
		sh := SearchHit{Rank: i + 1, Score: score, Doc: h.Doc, Line: h.Line, Speaker: h.Speaker, Segment: h.Segment,
			Themes: h.Themes, Text: h.Text, Matches: []Match{}}
		if sh.Themes == nil {
			sh.Themes = []string{}
		}
		for _, m := range h.Matches {
			sh.Matches = append(sh.Matches, Match{Text: h.Text[m[0]:m[1]],
				Start: utf8.RuneCountInString(h.Text[:m[0]]), End: utf8.RuneCountInString(h.Text[:m[1]])})
		}
		out.Hits = append(out.Hits, sh)
		r.Rows = append(r.Rows, report.Row{Cells: []any{sh.Rank, sh.Doc, sh.Line, sh.Speaker,
			strings.Join(sh.Themes, " "), report.Marked{Text: h.Text, Spans: h.Matches}}})
	}
	return r, nil
}

// KWIC lists keyword-in-context lines for word, aligned on the keyword.
func KWIC(ctx context.Context, ix *index.Index, opts QueryOptions, word string, width, limit int) (*report.Report, error) {
	lines, err := ix.KWIC(ctx, word, opts.Filter, opts.Theme, width, limit)
	if err != nil {
		return nil, err
	}
	if lines == nil {
		lines = []index.Line{}
	}
	r := &report.Report{
		Title: fmt.Sprintf("Keyword in context: %s", word),
		Columns: []report.Column{
			{Key: "doc"}, {Key: "line", Right: true}, {Key: "speaker"},
			{Key: "left", Right: true}, {Key: "keyword"}, {Key: "right"},
		},
		Data: lines,
	}
	for _, l := range lines {
		r.Rows = append(r.Rows, report.Row{Cells: []any{l.Doc, l.Line, l.Speaker, l.Left, l.Keyword, l.Right}})
	}
	return r, nil
}
