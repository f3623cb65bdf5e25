package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// Table is an aligned plain-text table.
type Table struct{ ANSI bool }

// Render writes the table with text/tabwriter. Right-aligned columns are
// padded here, since tabwriter aligns every column one way.
func (t Table) Render(w io.Writer, r *Report) error {
	mark := func(s string) string { return "«" + s + "»" }
	if t.ANSI {
		mark = func(s string) string { return "\x1b[1;33m" + s + "\x1b[0m" }
	}
	cols := shown(r.Columns, false)
	lines := [][]string{}
	head := make([]string, len(cols))
	for j, i := range cols {
		head[j] = strings.ToUpper(header(r.Columns[i]))
	}
	lines = append(lines, head)
	add := func(rows []Row) {
		for _, row := range rows {
			line := make([]string, len(cols))
			for j, i := range cols {
				line[j] = display(cell(row, i), mark)
				if j == 0 && row.Indent > 0 {
					line[j] = strings.Repeat("  ", row.Indent) + line[j]
				}
			}
			lines = append(lines, line)
		}
	}
	add(r.Rows)
	body := len(lines)
	add(r.Footer)
	// Pad right-aligned columns to their widest cell.
	for j, i := range cols {
		if !r.Columns[i].Right {
			continue
		}
		width := 0
		for _, l := range lines {
			width = max(width, utf8.RuneCountInString(l[j]))
		}
		for _, l := range lines {
			l[j] = strings.Repeat(" ", width-utf8.RuneCountInString(l[j])) + l[j]
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for n, l := range lines {
		if n == body && len(r.Footer) > 0 {
			rule := make([]string, len(l))
			for j := range rule {
				rule[j] = strings.Repeat("-", max(3, utf8.RuneCountInString(lines[0][j])))
			}
			fmt.Fprintln(tw, strings.TrimRight(strings.Join(rule, "\t"), " "))
		}
		fmt.Fprintln(tw, strings.TrimRight(strings.Join(l, "\t"), " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for i, n := range r.Notes {
		if i == 0 {
			fmt.Fprintln(w)
		}
		if _, err := fmt.Fprintln(w, n); err != nil {
			return err
		}
	}
	return nil
}

// CSV writes a header of column keys and one record per row, footer rows
// included, with no indentation: depth and parent columns carry the tree.
type CSV struct{}

// Render writes r as CSV.
func (CSV) Render(w io.Writer, r *Report) error {
	mark := func(s string) string { return "«" + s + "»" }
	cols := shown(r.Columns, true)
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for j, i := range cols {
		rec[j] = r.Columns[i].Key
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, row := range append(append([]Row{}, r.Rows...), r.Footer...) {
		for j, i := range cols {
			rec[j] = text(cell(row, i), mark)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// JSON writes r.Data, or the rows as objects keyed by column key.
type JSON struct{}

// Render writes r as indented JSON.
func (JSON) Render(w io.Writer, r *Report) error {
	v := r.Data
	if v == nil {
		cols := shown(r.Columns, true)
		rows := []map[string]any{}
		for _, row := range append(append([]Row{}, r.Rows...), r.Footer...) {
			m := map[string]any{}
			for _, i := range cols {
				switch c := cell(row, i).(type) {
				case Marked:
					m[r.Columns[i].Key] = c.Text
				default:
					m[r.Columns[i].Key] = c
				}
			}
			rows = append(rows, m)
		}
		v = rows
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Markdown writes a GitHub-flavoured Markdown table.
type Markdown struct{}

// Render writes r as Markdown: an optional heading, the table, notes.
func (Markdown) Render(w io.Writer, r *Report) error {
	var b strings.Builder
	if r.Title != "" {
		fmt.Fprintf(&b, "### %s\n\n", mdEscape(r.Title))
	}
	cols := shown(r.Columns, false)
	b.WriteString("|")
	for _, i := range cols {
		fmt.Fprintf(&b, " %s |", mdEscape(header(r.Columns[i])))
	}
	b.WriteString("\n|")
	for _, i := range cols {
		if r.Columns[i].Right {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	mark := func(s string) string { return "**" + s + "**" }
	for n, row := range append(append([]Row{}, r.Rows...), r.Footer...) {
		b.WriteString("|")
		for j, i := range cols {
			s := mdEscape(display(cell(row, i), mark))
			if j == 0 {
				s = strings.Repeat("&nbsp;&nbsp;", 2*row.Indent) + s
				if n >= len(r.Rows) {
					s = "**" + s + "**" // totals
				}
			}
			fmt.Fprintf(&b, " %s |", s)
		}
		b.WriteString("\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n%s\n", mdEscape(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps a cell inside its table cell: pipes and line breaks would
// end it.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
