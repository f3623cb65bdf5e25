// Package sheets writes a coded study as spreadsheets: an .xlsx workbook
// (XLSX) or a folder of CSV files (CSV), with the same sheets in both: the
// coded segments, the codebook with its counts, the comments Word files
// carry (when there are any), and one theme × attribute matrix per
// attribute the study breaks counts down by. Counts come from
// package query; withdrawn participants' words never reach a row, because
// the coded study has already left them out.
package sheets

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/exchange"
	"github.com/residentinsight/insight/query"
)

// sheet is one table of the export. Cells are string or int; strings are
// made safe for spreadsheets by the writer (see safeText).
type sheet struct {
	name   string // the workbook sheet's name (at most 31 characters)
	file   string // the CSV file's name
	header []string
	rows   func(yield func(row []any) error) error
}

// build lists the sheets of s in the order they are written.
func build(s *exchange.Study) ([]sheet, error) {
	sheets := []sheet{segmentsSheet(s), codebookSheet(s)}
	for _, d := range s.Study.Documents {
		if len(d.Memos) > 0 && !d.Withheld {
			sheets = append(sheets, memosSheet(s))
			break
		}
	}
	for _, attr := range s.Table.Display {
		m, err := s.Table.Matrix(query.Filter{}, attr, query.Participants)
		if err != nil {
			return nil, fmt.Errorf("counting themes by %s: %w", attr, err)
		}
		sheets = append(sheets, matrixSheet(m))
	}
	return sheets, nil
}

// participantColumns lists every participants.csv column, the study's
// display attributes first.
func participantColumns(st *corpus.Study) []string {
	seen := map[string]bool{}
	var cols []string
	for _, a := range st.Config.Attributes {
		for _, p := range st.Participants {
			if _, ok := p.Attributes[a]; ok && !seen[a] {
				seen[a] = true
				cols = append(cols, a)
			}
		}
	}
	var rest []string
	for _, p := range st.Participants {
		for _, k := range slices.Sorted(maps.Keys(p.Attributes)) {
			if !seen[k] {
				seen[k] = true
				rest = append(rest, k)
			}
		}
	}
	sort.Strings(rest)
	return append(cols, rest...)
}

// segmentsSheet has one row per code application: who said the words, in
// which document, coded with which theme by whom, and where the code was
// declared. Like the counts, it leaves out keyword-rule hits except for
// themes that take them as evidence (auto: evidence). Applications on
// withheld words are not in Coded at all.
func segmentsSheet(s *exchange.Study) sheet {
	st := s.Study
	cols := participantColumns(st)
	people := map[string]*corpus.Participant{}
	for i := range st.Participants {
		people[strings.ToLower(st.Participants[i].ID)] = &st.Participants[i]
	}
	header := append([]string{"document", "line", "speaker", "voice"}, cols...)
	header = append(header, "theme", "quote", "coder", "source", "memo")
	evidence := map[string]bool{} // themes whose rule hits count as evidence
	for i, th := range s.Table.Themes {
		evidence[th] = i < len(s.Table.AutoEvidence) && s.Table.AutoEvidence[i]
	}
	return sheet{
		name: "Coded segments", file: "coded-segments.csv", header: header,
		rows: func(yield func([]any) error) error {
			for _, a := range s.Coded.Apps {
				if a.Source == coding.SourceAuto && !evidence[a.Theme] {
					continue // a keyword suggestion no person accepted: not evidence, not counted
				}
				d := st.Documents[a.Doc]
				if d.Withheld {
					continue // never in Apps; checked again because a leak is the worst failure
				}
				t := turnAt(d, a.Start)
				if t != nil && t.Withheld {
					continue
				}
				row := []any{d.ID, d.Line(a.Start), "", ""}
				var p *corpus.Participant
				if t != nil {
					row[2], row[3] = t.Speaker, t.Role.String()
					p = people[strings.ToLower(t.Speaker)]
				}
				for _, c := range cols {
					v := ""
					if p != nil {
						v = p.Attributes[c]
					}
					row = append(row, v)
				}
				row = append(row, a.Theme, d.Body[a.Start:a.End], a.Source, declared(s.Name, a), a.Memo)
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// memosSheet lists the comments transcript files carry (Word comments),
// with the words they comment. A comment touching a withdrawn
// participant's turn is left out with the turn.
func memosSheet(s *exchange.Study) sheet {
	return sheet{
		name: "Transcript comments", file: "transcript-comments.csv",
		header: []string{"document", "line", "speaker", "quote", "author", "date", "comment"},
		rows: func(yield func([]any) error) error {
			for _, d := range s.Study.Documents {
				if d.Withheld {
					continue
				}
				for _, m := range d.Memos {
					if touchesWithheld(d, m.Start, m.End) {
						continue
					}
					speaker := ""
					if t := turnAt(d, m.Start); t != nil {
						speaker = t.Speaker
					}
					if err := yield([]any{d.ID, d.Line(m.Start), speaker, d.Body[m.Start:m.End], m.Author, m.Date, m.Text}); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}

// touchesWithheld reports whether [start, end) overlaps a withheld turn.
func touchesWithheld(d *corpus.Document, start, end int) bool {
	for _, t := range d.Turns {
		if t.Withheld && t.Start < max(end, start+1) && start < t.End {
			return true
		}
	}
	return false
}

// declared says where an application comes from: file:line in the study
// folder, or the codebook's rules for auto-coding.
func declared(study string, a coding.Application) string {
	a.File = strings.TrimPrefix(a.File, strings.TrimSuffix(study, "/")+"/")
	switch {
	case a.Source == coding.SourceAuto:
		return "codebook rule (auto: evidence)"
	case a.File == "":
		return ""
	case a.Line > 0:
		return fmt.Sprintf("%s:%d", a.File, a.Line)
	}
	return a.File
}

// turnAt returns the turn holding byte offset off, or nil.
func turnAt(d *corpus.Document, off int) *corpus.Turn {
	i := sort.Search(len(d.Turns), func(i int) bool { return d.Turns[i].End > off })
	if i < len(d.Turns) && d.Turns[i].Start <= off {
		return &d.Turns[i]
	}
	if i < len(d.Turns) {
		return &d.Turns[i] // off sits in the space before a turn's text
	}
	return nil
}

// codebookSheet lists every theme with its place in the hierarchy and its
// counts in each unit (query.Freq: parents include their children).
func codebookSheet(s *exchange.Study) sheet {
	header := []string{"theme", "name", "parent", "depth", "description", "include", "exclude", "colour", "keywords",
		"participants", "segments", "documents", "cases", "counts include rule matches"}
	return sheet{
		name: "Codebook", file: "codebook.csv", header: header,
		rows: func(yield func([]any) error) error {
			counts, err := s.Table.Freq(query.Filter{})
			if err != nil {
				return fmt.Errorf("counting themes: %w", err)
			}
			byTheme := map[string]query.ThemeCount{}
			for _, c := range counts {
				byTheme[c.Theme] = c
			}
			for _, t := range s.Codebook.All {
				parent := ""
				if t.Parent != nil {
					parent = t.Parent.ID
				}
				c := byTheme[t.ID]
				auto := "no"
				if s.Table.IncludesAuto(query.Filter{}, t.ID) {
					auto = "yes"
				}
				row := []any{t.ID, t.Name, parent, t.Depth, t.Description, t.Include, t.Exclude, t.Colour,
					strings.Join(t.Keywords, "; "), c.Participants, c.Segments, c.Documents, c.Cases, auto}
				if err := yield(row); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// matrixSheet is query's theme × attribute crosstab in participants: each
// cell counts the participants with that value coded with the theme; the
// first row gives each column's base.
func matrixSheet(m query.Matrix) sheet {
	header := append([]string{"theme (participants)"}, m.Values...)
	header = append(header, "total")
	return sheet{
		name: sheetName("By " + m.Attr), file: "matrix-" + fileSafe(m.Attr) + ".csv", header: header,
		rows: func(yield func([]any) error) error {
			base := []any{"all participants (base)"}
			for _, n := range m.ColTotals {
				base = append(base, n)
			}
			if err := yield(append(base, m.Total)); err != nil {
				return err
			}
			for i, th := range m.Themes {
				row := []any{th}
				for _, n := range m.Cells[i] {
					row = append(row, n)
				}
				if err := yield(append(row, m.RowTotals[i])); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// sheetName fits Excel's rules: at most 31 characters, none of []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}

// fileSafe keeps letters, digits, '-' and '_' of an attribute name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// safeText keeps a spreadsheet from running text as a formula: a cell
// starting with = + - @ (or a tab or CR, which some programs skip before
// one) gets a leading apostrophe, as OWASP advises for CSV. The xlsx writer
// needs no such prefix because it types every text cell as a string.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
