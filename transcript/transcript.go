// Package transcript turns transcript files that are not plain UTF-8 text —
// Word documents, subtitle files, text in other encodings — into the text
// insight shows and codes: speaker turns as "LABEL:" lines, cue times as
// the "[hh:mm:ss]" turn prefix, paragraphs separated by blank lines. Package
// corpus then parses that text exactly as it parses a .md or .txt file, so
// codings address the shown text; the file itself is never changed.
//
// Each format is a Reader in its own sub-package (docx, vtt, srt, plain),
// chosen by file extension through a Registry, as goldmark chooses its
// extensions: supporting .odt later is one new folder and one line where
// the registry is made (corpus).
package transcript

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

// Reader reads one file format.
type Reader interface {
	// Extensions lists the lower-case file extensions it reads: ".vtt".
	Extensions() []string
	// Read converts a whole file. It returns nil (and no error) when data
	// is already text insight reads as it is. An error that concerns a
	// place in the file is an *Error with its line.
	Read(data []byte) (*Text, error)
}

// Text is a file as insight shows it.
type Text struct {
	Text     string    // UTF-8, \n line endings
	Warnings []Warning // what was left out or changed, at its place in the file
	Memos    []Memo    // comments the file carries (Word comments), anchored in Text
	// Lines[i] is the place in the file that line i+1 of Text comes from:
	// a line of a text format, a paragraph of a .docx (0: unknown). Nil
	// when Text keeps the file's lines.
	Lines []int
}

// Warning is something the reader skipped or changed. Line is a line of
// the file, or a paragraph number for .docx (0: the whole file).
type Warning struct {
	Line int
	Msg  string
}

// Memo is a comment attached to a stretch of the text, such as a Word
// comment. Start and End are byte offsets into Text.Text.
type Memo struct {
	Start, End int
	Author     string
	Date       string
	Text       string
}

// Error is a reason a file cannot be read, at its line or .docx
// paragraph (0: the whole file).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Errorf makes an *Error.
func Errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Registry chooses a Reader by file extension.
type Registry struct {
	byExt map[string]Reader
}

// NewRegistry registers readers; a later reader of the same extension wins.
func NewRegistry(readers ...Reader) *Registry {
	r := &Registry{byExt: map[string]Reader{}}
	for _, rd := range readers {
		for _, ext := range rd.Extensions() {
			r.byExt[strings.ToLower(ext)] = rd
		}
	}
	return r
}

// For returns the reader of name's extension, or nil.
func (r *Registry) For(name string) Reader {
	return r.byExt[strings.ToLower(path.Ext(name))]
}

// Extensions lists the extensions read, sorted.
func (r *Registry) Extensions() []string {
	var out []string
	for ext := range r.byExt {
		out = append(out, ext)
	}
	sort.Strings(out)
	return out
}

// Validate checks what every reader promises: UTF-8 text with \n line
// endings, one Lines entry per line (or none), memos inside the text.
// Corpus calls it so that a reader's bug is an error, never a panic.
func (t *Text) Validate() error {
	if !utf8.ValidString(t.Text) {
		return errors.New("reader produced text that is not UTF-8")
	}
	if strings.ContainsRune(t.Text, '\r') {
		return errors.New("reader left a carriage return in the text")
	}
	if t.Lines != nil {
		if n := strings.Count(strings.TrimSuffix(t.Text, "\n"), "\n") + 1; len(t.Lines) < n && t.Text != "" {
			return fmt.Errorf("reader mapped only %d lines of %d", len(t.Lines), n)
		}
	}
	for _, m := range t.Memos {
		if m.Start < 0 || m.End < m.Start || m.End > len(t.Text) {
			return fmt.Errorf("reader placed a memo at %d–%d, outside the text (%d bytes)", m.Start, m.End, len(t.Text))
		}
	}
	return nil
}
