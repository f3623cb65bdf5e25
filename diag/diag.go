// Package diag holds the problems found while reading a study: each names a
// file, a line and what to do, so that `insight check` can report every
// problem of a study in one run instead of stopping at the first.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops a build (Error) or is only reported (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding about an input file. Line and Col are 1-based; 0 means unknown.
type Problem struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if p.Severity == Warning {
		b.WriteString(": warning")
	}
	b.WriteString(": ")
	b.WriteString(p.Msg)
	return b.String()
}

// List collects problems. A List with at least one Error is itself an error.
type List []Problem

// Errorf adds an error at file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	*l = append(*l, Problem{File: file, Line: line, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	*l = append(*l, Problem{File: file, Line: line, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add appends other problems.
func (l *List) Add(ps ...Problem) { *l = append(*l, ps...) }

// HasErrors reports whether any problem is an Error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders problems by file, line, column, so reports are stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l.Errors()
}

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
