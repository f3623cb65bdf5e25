package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path"
	"strings"
	"unsafe"

	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/transcript"
	"github.com/residentinsight/insight/transcript/docx"
	"github.com/residentinsight/insight/transcript/plain"
	"github.com/residentinsight/insight/transcript/srt"
	"github.com/residentinsight/insight/transcript/vtt"
)

// readers are the transcript formats. A new format is a transcript.Reader
// in its own package and one entry here.
func readers() *transcript.Registry {
	return transcript.NewRegistry(plain.Reader{}, docx.Reader{}, vtt.Reader{}, srt.Reader{})
}

// IsTranscript reports whether a file in transcripts/ is read as a
// transcript, by its extension (.md, .txt, .docx, .vtt, .srt).
func IsTranscript(name string) bool { return readers().For(name) != nil }

// TranscriptExtensions lists the extensions read as transcripts.
func TranscriptExtensions() []string { return readers().Extensions() }

// ShownText returns the text insight shows and codes for a transcript file:
// a .docx, .vtt or .srt converted (turns as "LABEL:" lines), a .txt or .md
// in UTF-16 or Windows-1252 converted to UTF-8, anything else as it is.
// Line endings are \n and a UTF-8 BOM is dropped. conv is nil when the
// file is read as it is; text is nil when the file cannot be read at all,
// and may be data itself (neither may be changed after).
func ShownText(file string, data []byte) (text []byte, conv *transcript.Text, probs diag.List) {
	text, conv, _, probs = shownText(file, data)
	return text, conv, probs
}

// shownText is ShownText, also reporting whether text is data itself,
// checked and shown as it is.
func shownText(file string, data []byte) (text []byte, conv *transcript.Text, asIs bool, probs diag.List) {
	if r := readers().For(file); r != nil {
		t, err := r.Read(data)
		if err != nil {
			var te *transcript.Error
			if errors.As(err, &te) {
				probs.Errorf(file, te.Line, "%s", te.Msg)
			} else {
				probs.Errorf(file, 0, "cannot be read: %v", err)
			}
			return nil, nil, false, probs
		}
		if t != nil {
			if err := t.Validate(); err != nil {
				probs.Errorf(file, 0, "cannot be read (please report this): %v", err)
				return nil, nil, false, probs
			}
			for _, w := range t.Warnings {
				probs.Warnf(file, w.Line, "%s", w.Msg)
			}
			return []byte(t.Text), t, false, probs
		}
	}
	if shownAsIs(data) { // most files: checked, not copied
		if !checkText(file, data, &probs) {
			return nil, nil, false, probs
		}
		return data, nil, true, probs
	}
	s, ok := decodeText(file, data, &probs)
	if !ok {
		return nil, nil, false, probs
	}
	return []byte(s), nil, false, probs
}

// parseTranscript reads one transcript file of any format. Messages about
// a converted file name its own lines (a .docx's paragraphs), and the
// document's hash is the file's, so caches follow the file.
//
// data is the file as read for this parse alone, never changed after: a
// file shown as it is (most are) becomes the document's text without a
// copy, and is not checked a second time.
func parseTranscript(file string, data []byte) (*Document, diag.List) {
	text, conv, asIs, probs := shownText(file, data)
	if text == nil {
		return nil, probs
	}
	if asIs {
		d, p := parseDocument(file, data, unsafe.String(unsafe.SliceData(data), len(data)))
		probs.Add(p...)
		return d, probs
	}
	if conv == nil {
		d, p := ParseDocument(file, text)
		probs.Add(p...)
		return d, probs
	}
	d, p := ParseDocument(file, text)
	if conv.Lines != nil {
		for i := range p {
			p[i].Line = fileLine(conv.Lines, p[i].Line)
		}
	}
	probs.Add(p...)
	if d == nil {
		return nil, probs
	}
	sum := sha256.Sum256(data)
	d.Hash = hex.EncodeToString(sum[:])
	d.Format = strings.TrimPrefix(strings.ToLower(path.Ext(file)), ".")
	d.lineMap = conv.Lines
	bodyStart := lineStartOf(string(text), d.BodyLine)
	for _, m := range conv.Memos {
		if m.Start < bodyStart {
			continue // in front matter: nothing to anchor to
		}
		d.Memos = append(d.Memos, Memo{
			Start: d.bodyOffset(m.Start - bodyStart), End: d.bodyOffset(m.End - bodyStart),
			Author: m.Author, Date: m.Date, Text: m.Text,
		})
	}
	return d, probs
}

// fileLine maps a line of converted text to the file's own line.
func fileLine(lines []int, n int) int {
	if n < 1 || n > len(lines) {
		return n
	}
	return lines[n-1]
}

// lineStartOf returns the byte offset of 1-based line n of s.
func lineStartOf(s string, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
	}
	return off
}

// bodyOffset maps an offset into the body as written (markup kept) to Body.
func (d *Document) bodyOffset(raw int) int {
	removed := 0
	for _, m := range d.markup {
		if m.start >= raw {
			break
		}
		removed += min(m.end, raw) - m.start
	}
	return d.clamp(raw - removed)
}

// FileLine maps a line of the shown text (as ShownText returns it) to the
// file's own line, or a .docx's paragraph: the line messages name.
func (d *Document) FileLine(textLine int) int {
	if d.lineMap == nil {
		return textLine
	}
	return fileLine(d.lineMap, textLine)
}
