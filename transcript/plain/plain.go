// Package plain reads .txt and .md transcripts saved in another encoding
// than UTF-8: UTF-16 (with a byte-order mark, or without one when the
// zero bytes show it) and Windows-1252, which Word and Notepad on Windows
// still write. The text is converted with a warning; the file is left as
// it is. UTF-8 files pass through untouched (Read returns nil), except
// the text exports of two transcribers, noScribe and QualCoder, whose
// speaker marks are rewritten as insight's (dialects.go).
package plain

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/transcript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Reader reads .txt and .md files.
type Reader struct{}

func (Reader) Extensions() []string { return []string{".txt", ".md"} }

const resave = "insight reads it as converted; to silence this warning, save it again with UTF-8 encoding"

func (Reader) Read(data []byte) (*transcript.Text, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, transcript.Errorf(0, "is a Word (.docx) or other zip file with a text file's name: rename it to .docx if it is a Word document, or save it as plain text")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decode(data, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "is UTF-16 (little-endian, with a byte-order mark): "+resave)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decode(data, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "is UTF-16 (big-endian, with a byte-order mark): "+resave)
	}
	if e, name := utf16NoBOM(data); e != nil {
		return decode(data, e, "looks like "+name+" without a byte-order mark: "+resave)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, nil // binary: corpus says what is wrong
	}
	if utf8.Valid(data) {
		if !maybeDialect(data) || noDialect(data) {
			return nil, nil // the common case: read as it is, without a copy
		}
		return dialects(&transcript.Text{Text: normalise(data)}, false), nil
	}
	line, at := firstBad(data)
	t, err := decode(data, charmap.Windows1252, "")
	if err != nil {
		return nil, err
	}
	t.Warnings = []transcript.Warning{{Line: line, Msg: "is not UTF-8 (first at byte " + strconv.Itoa(at) + "), so it was read as Windows-1252: check accented letters and quotes on the transcript page; " + resave}}
	return dialects(t, true), nil
}

// dialects rewrites the text of transcribers whose files insight would
// otherwise misread (see dialects.go). It returns nil when a UTF-8 file
// (converted false) needs no change.
func dialects(t *transcript.Text, converted bool) *transcript.Text {
	changed := false
	if s, lines, ok := noScribe(t.Text); ok {
		t.Text, t.Lines, changed = s, lines, true
		t.Warnings = append(t.Warnings, transcript.Warning{Line: 1, Msg: "read as a noScribe transcript: its header is the front matter and each turn's time is shown before the label"})
	}
	if s, ok := qualcoder(t.Text); ok {
		t.Text, changed = s, true
		t.Warnings = append(t.Warnings, transcript.Warning{Line: 1, Msg: "read QualCoder speaker tags such as [id1] as labels (id1:)"})
	}
	if !changed && !converted {
		return nil
	}
	return t
}

// noDialect reports, without copying data, that dialects would leave it
// as it is: it has no BOM or \r that normalise would change, no noScribe
// header, and fewer than two QualCoder tags. Transcripts whose lines start
// with a time ("[00:01:02] R1: ...") pass maybeDialect but stop here.
func noDialect(data []byte) bool {
	return !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) && bytes.IndexByte(data, '\r') < 0 &&
		!bytes.Contains(data[:min(len(data), 2048)], []byte("Transcribed with noScribe")) && tagLines(data) < 2
}

// normalise drops a UTF-8 BOM and makes line endings \n.
func normalise(data []byte) string {
	s := string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))) // the one copy, when there is no \r
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func decode(data []byte, e encoding.Encoding, warn string) (*transcript.Text, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return nil, transcript.Errorf(0, "cannot be converted to UTF-8: %v; save it again with UTF-8 encoding", err)
	}
	out = bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return nil, transcript.Errorf(1+bytes.Count(out[:i], []byte("\n")), "contains NUL characters after conversion, so it is probably not a text file: save it as plain text (.txt)")
	}
	t := &transcript.Text{Text: normalise(out)}
	if warn != "" {
		t.Warnings = []transcript.Warning{{Line: 0, Msg: warn}}
	}
	return t, nil
}

// utf16NoBOM recognises UTF-16 without a byte-order mark by its zero
// bytes: ASCII text in UTF-16 has a zero in every other byte.
func utf16NoBOM(data []byte) (encoding.Encoding, string) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return nil, ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*7 && even*10 < half:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16 (little-endian)"
	case even*10 >= half*7 && odd*10 < half:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16 (big-endian)"
	}
	return nil, ""
}

// firstBad returns the line and offset of the first byte that is not UTF-8.
func firstBad(data []byte) (line, at int) {
	for at < len(data) {
		r, n := utf8.DecodeRune(data[at:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		at += n
	}
	return 1 + bytes.Count(data[:at], []byte("\n")), at
}
