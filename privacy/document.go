package privacy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
)

// placed is a finding located in a file: Start and End are byte offsets in
// the file's text (line endings normalised), or -1 when the text could not
// be found there verbatim (a YAML value with escapes, say).
type placed struct {
	Finding
	Start, End int
}

// bodyFinding is a finding in a transcript's Body; label repeats are the
// same speaker label met again, reported once but replaced everywhere.
type bodyFinding struct {
	anon.Finding
	labelRepeat bool
}

// scanDocument finds personal data in a parsed transcript: front matter
// values, unlisted speaker labels and the text of every turn that is not
// withheld. text is the file's text with line endings normalised.
func scanDocument(det Detector, d *corpus.Document, text *lines) (header []placed, body []bodyFinding) {
	if d.Withheld {
		return nil, nil // nothing of it is shown, so nothing of it is printed
	}
	if d.BodyLine > 1 {
		if nl := strings.IndexByte(text.text, '\n'); nl >= 0 {
			fm := text.text[nl+1 : text.start(d.BodyLine-1)]
			header = scanYAML(det, d.Path, text, 2, frontMatterKeys, fm)
		}
	}
	labels := map[string][]anon.Finding{}
	for _, t := range d.Turns {
		if t.Withheld {
			continue
		}
		if t.Role == corpus.RoleUnlisted {
			key := strings.ToLower(t.Speaker)
			fs, seen := labels[key]
			if !seen {
				fs = det.Detect(t.Speaker)
				labels[key] = fs
			}
			if at := strings.LastIndex(d.Body[:t.Start], t.Speaker); at >= 0 {
				for _, f := range fs {
					f.Start += at
					f.End += at
					body = append(body, bodyFinding{f, seen})
				}
			}
		}
		for _, f := range det.Detect(d.Body[t.Start:t.End]) {
			f.Start += t.Start
			f.End += t.Start
			body = append(body, bodyFinding{Finding: f})
		}
	}
	return header, body
}

// transcriptEntry scans a transcript and places its findings in the file.
func transcriptEntry(det Detector, d *corpus.Document, data []byte) *piiEntry {
	text := newLines(parsedText(d, data))
	header, body := scanDocument(det, d, text)
	e := &piiEntry{Doc: d.ID, Withheld: d.Withheld, Findings: []Finding{}}
	for _, t := range d.Turns {
		e.Partly = e.Partly || t.Withheld && !d.Withheld
	}
	for _, h := range header {
		e.Findings = append(e.Findings, h.Finding)
	}
	body = slices.DeleteFunc(body, func(f bodyFinding) bool { return f.labelRepeat })
	lines, cols := text.atAll(bodyOffsets(d, text, body))
	for i, f := range body {
		e.Findings = append(e.Findings, Finding{File: d.Path, Line: d.FileLine(lines[i]), Col: cols[i], Kind: f.Kind, Text: f.Text, Reason: f.Reason})
	}
	return e
}

// parsedText is a transcript's text as corpus parsed it. A UTF-8 .md or
// .txt that corpus read as it is, whose bytes hash to the parsed text's
// hash, is that text already: running the transcript readers over it again
// (their dialect checks) cost a cold check a few per cent.
func parsedText(d *corpus.Document, data []byte) string {
	if d.Format == "" {
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) == d.Hash {
			// data is the scan's own read of the file, never written
			// again: the text is it, not a copy (47 MB of a dense study).
			return unsafe.String(unsafe.SliceData(data), len(data))
		}
	}
	return shownText(d.Path, data)
}

// bodyOffsets are the findings' starts as byte offsets in the file.
func bodyOffsets(d *corpus.Document, text *lines, body []bodyFinding) []int {
	bodyStart := text.start(d.BodyLine)
	offs := make([]int, len(body))
	for i, f := range body {
		offs[i] = bodyStart + d.RawOffset(f.Start, false)
	}
	return offs
}

// otherEntry scans the codebook or one coder's memos.
func otherEntry(det Detector, f *piiFile, docs map[string]*piiEntry, parsed map[string]*corpus.Document) *piiEntry {
	e := &piiEntry{Findings: []Finding{}}
	if keys := yamlKeys[f.rel]; keys != nil {
		for _, p := range scanYAML(det, f.rel, newLines(normalise(f.data)), 1, keys) {
			e.Findings = append(e.Findings, p.Finding)
		}
		return e
	}
	for _, m := range scanMemos(det, f.rel, f.data, docs, parsed) {
		e.Findings = append(e.Findings, m.Finding)
	}
	return e
}

// memoFinding is a finding in one record's memo, in memo offsets.
type memoFinding struct {
	Finding
	finding anon.Finding
	line    int // record line in the codings file
}

// scanMemos finds personal data in a coder's memos. A memo on a withdrawn
// participant's words is skipped like the words: it may describe them, and
// it never reaches the site.
func scanMemos(det Detector, rel string, data []byte, docs map[string]*piiEntry, parsed map[string]*corpus.Document) []memoFinding {
	recs := coding.MemoRecords(rel, data) // insight check reports bad lines
	if len(recs) == 0 {
		return nil
	}
	lineText := fileLines(data)
	var out []memoFinding
	for _, r := range recs {
		if !memoUsable(r, docs, parsed) {
			continue
		}
		// Each finding is looked for after the one before on the record's
		// line; once one is not there verbatim (JSON escapes), the rest get
		// column 1 rather than a search each through a long line.
		line, from := lineText(r.Line), 0
		for _, f := range det.Detect(r.Memo) {
			col := 1
			if i := strings.Index(line[from:], f.Text); i >= 0 {
				col += utf8.RuneCountInString(line[:from+i])
				from += i + len(f.Text)
			} else {
				from = len(line)
			}
			out = append(out, memoFinding{
				Finding: Finding{File: rel, Line: r.Line, Col: col, Kind: f.Kind, Text: f.Text, Reason: f.Reason},
				finding: f, line: r.Line,
			})
		}
	}
	return out
}

// fileLines returns the text of each 1-based line of a file as normalise
// gives it, with its newline. A file without a carriage return is not
// copied whole, only the lines asked for: a coder's file can be 60 MB.
func fileLines(data []byte) func(n int) string {
	if bytes.IndexByte(data, '\r') >= 0 {
		text := newLines(normalise(data))
		return func(n int) string { return text.text[text.start(n):text.start(n+1)] }
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	// Sized once: a coder's file has hundreds of thousands of lines.
	starts := make([]int, 1, bytes.Count(data, []byte("\n"))+1)
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	start := func(n int) int {
		if n > len(starts) {
			return len(data)
		}
		return starts[max(n, 1)-1]
	}
	return func(n int) string { return string(data[start(n):start(n+1)]) }
}

func memoUsable(r coding.Record, docs map[string]*piiEntry, parsed map[string]*corpus.Document) bool {
	info := docs[r.Doc]
	switch {
	case info == nil:
		return true // an unknown document: insight check reports the record
	case info.Withheld:
		return false
	case !info.Partly:
		return true
	}
	d := parsed[r.Doc]
	if d == nil {
		return false // fail safe: cannot tell whether it is on withdrawn words
	}
	start, end, ok := coding.Anchor(d, r)
	if !ok {
		return false
	}
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return false
		}
	}
	return true
}

// Keys whose values are scanned in each YAML file.
