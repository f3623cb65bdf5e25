// Package report owns how query results are written out: one Report model
// (columns, rows, an optional structured value for JSON) and one Renderer
// per format — an aligned text table, CSV, JSON and Markdown. A new export
// format is a new Renderer; the queries do not change.
package report

import (
	"fmt"
	"io"
	"strings"
)

// Column describes one column of a Report.
type Column struct {
	Key    string // name in CSV headers and JSON objects: lower_snake_case, stable
	Header string // heading in the table and Markdown; Key when empty
	Right  bool   // align right (numbers)
	// DataOnly columns (depth, parent...) are only in CSV and JSON: the
	// table and Markdown show the tree by indenting instead.
	DataOnly bool
}

// Row is one row. Indent is its depth in a tree: the table and Markdown
// indent the first cell by it.
type Row struct {
	Indent int
	Cells  []any // string, int, Percent, Marked, or anything fmt can print
}

// Percent is a percentage: "12.5%" in the table, 12.5 in CSV.
type Percent float64

// Marked is text with highlighted byte ranges (sorted, not overlapping).
type Marked struct {
	Text  string
	Spans [][2]int
}

// Report is a result ready to render.
type Report struct {
	Title   string // Markdown heading; not printed by the table or CSV
	Columns []Column
	Rows    []Row
	// Footer rows (totals) come after a rule in the table and Markdown and
	// as ordinary rows in CSV.
	Footer []Row
	Notes  []string // printed under the table and Markdown, e.g. the base of a share
	// Data, when set, is what the JSON renderer writes instead of the rows:
	// a typed value with stable field names.
	Data any
}

// Renderer writes a Report in one format.
type Renderer interface {
	Render(w io.Writer, r *Report) error
}

// Options tune the renderers.
type Options struct {
	// ANSI marks highlights in bold colour; only for a terminal. Otherwise
	// the table marks them «like this».
	ANSI bool
}

// Formats are the names For accepts.
var Formats = []string{"table", "csv", "json", "md"}

// For returns the renderer for a format name.
func For(format string, opts Options) (Renderer, error) {
	switch format {
	case "table", "":
		return Table(opts), nil
	case "csv":
		return CSV{}, nil
	case "json":
		return JSON{}, nil
	case "md", "markdown":
		return Markdown{}, nil
	}
	return nil, fmt.Errorf("unknown format %q; use one of %s", format, strings.Join(Formats, ", "))
}

// text formats a cell as plain text; mark wraps highlighted spans.
func text(c any, mark func(string) string) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return v
	case Percent:
		return fmt.Sprintf("%.1f", float64(v))
	case float64:
		return fmt.Sprintf("%.2f", v)
	case Marked:
		return v.render(mark)
	}
	return fmt.Sprint(c)
}

// display is text for people: percentages get their sign.
func display(c any, mark func(string) string) string {
	if p, ok := c.(Percent); ok {
		return text(p, mark) + "%"
	}
	return text(c, mark)
}

func (m Marked) render(mark func(string) string) string {
	var b strings.Builder
	at := 0
	for _, s := range m.Spans {
		if s[0] < at || s[1] > len(m.Text) || s[0] >= s[1] {
			continue // a bad span is not worth losing the text over
		}
		b.WriteString(m.Text[at:s[0]])
		b.WriteString(mark(m.Text[s[0]:s[1]]))
		at = s[1]
	}
	b.WriteString(m.Text[at:])
	return b.String()
}

func header(c Column) string {
	if c.Header != "" {
		return c.Header
	}
	return c.Key
}

// shown lists the indexes of the columns a layout shows.
func shown(cols []Column, data bool) []int {
	var out []int
	for i, c := range cols {
		if data || !c.DataOnly {
			out = append(out, i)
		}
	}
	return out
}

func cell(r Row, i int) any {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return nil
}
