// Package coding owns code applications: which theme applies to which span
// of which document, and who said so. It merges the three sources — inline
// codes in transcripts, per-coder standoff files (codings/<coder>.jsonl) and
// the codebook's auto-coding rules — re-anchors standoff codings whose
// transcript was edited, and reports those that no longer match.
package coding

import "bytes"

// Source names who applied a code: SourceInline, SourceAuto, or a coder's name.
const (
	SourceInline = "inline"
	SourceAuto   = "auto"
)

// Record is one line of a codings/<coder>.jsonl file. Start and End are hints
// in Unicode code points into the document body; Quote is authoritative.
type Record struct {
	Doc   string `json:"doc"`
	Theme string `json:"theme"`
	Quote string `json:"quote"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Memo  string `json:"memo,omitempty"`

	Coder string `json:"-"` // from the file name
	File  string `json:"-"` // path for messages
	Line  int    `json:"-"` // 1-based line in File
}

// Application is one theme applied to one span of one document.
type Application struct {
	Theme      string
	Doc        int // index into corpus.Study.Documents
	Start, End int // byte offsets into the document Body
	Source     string
	Memo       string
	File       string // where it was declared, for reports ("" for auto)
	Line       int
}

// Coded is the merged result for a study.
type Coded struct {
	Apps []Application // sorted by Doc, Start, End, Theme, Source
	// SegmentApps[d][s] lists indexes into Apps of the applications that
	// overlap segment s of document d.
	SegmentApps [][][]int
	Orphans     []Record // standoff codings whose quote is nowhere in their document
	Moved       []Moved  // standoff codings re-anchored away from their hint
	Coders      []string // names of the coders' files, sorted
	// Withheld counts applications left out because they touch the words of
	// a participant who withdrew consent.
	Withheld int
}

// Moved is a standoff coding found away from its hint because the transcript was edited.
type Moved struct {
	Record
	NewStart, NewEnd int // code point offsets where the quote now is
}

// memoLinesAt is MemoLines keeping the lines numbered at (1-based,
// ascending) instead of every line that may hold a memo: the lines a parse
// of data found a record with a memo on. MemoRecords reads the same
// records from either, since a line's record does not depend on its
// neighbours. The coding loader knows those lines as it parses, so the
// personal-data scan need neither read a coder's file again nor look for
// "memo" in every byte of it (issue 11: 0.6-1 s of CPU of a dense cold
// build, over 122 MB of coders' files).
func memoLinesAt(data []byte, at []int) []byte {
	if bytes.IndexByte(data, '\r') >= 0 {
		return data // as MemoLines has it
	}
	bom := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		bom = 3
	}
	// Sized first, then filled: grown by appending, the copies and the
	// fresh pages they touched cost 0.3 s of a dense cold build.
	size := bom
	keptLines(data[bom:], at, func(line []byte, kept bool) {
		if kept {
			size += len(line)
		} else if line[len(line)-1] == '\n' {
			size++
		}
	})
	if size == 0 {
		return nil
	}
	out := make([]byte, 0, size)
	out = append(out, data[:bom]...)
	keptLines(data[bom:], at, func(line []byte, kept bool) {
		if kept {
			out = append(out, line...)
		} else if line[len(line)-1] == '\n' {
			out = append(out, '\n')
		}
	})
	return out
}

// keptLines calls f with each line of data and whether its 1-based number
// is in at (ascending).
func keptLines(data []byte, at []int, f func(line []byte, kept bool)) {
	n := 0
	for line := range bytes.Lines(data) {
		n++
		kept := len(at) > 0 && at[0] == n
		if kept {
			at = at[1:]
		}
		f(line, kept)
	}
}
