package privacy

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/corpus"
)

// shownText is a transcript's text as corpus parses it: a .docx, .vtt or
// .srt converted, other encodings decoded (see corpus.ShownText).
func shownText(rel string, data []byte) string {
	if text, _, _ := corpus.ShownText(rel, data); text != nil {
		return string(text)
	}
	return normalise(data)
}

// normalise is a file's text as corpus reads it: no BOM, \n line endings.
func normalise(data []byte) string {
	s := strings.TrimPrefix(string(data), "\xEF\xBB\xBF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// lines is a file's text with the offset of each line, so that placing a
// finding costs no more than the text between it and the one before: a
// file of one 50 MB line with thousands of findings is read once, not once
// per finding.
type lines struct {
	text   string
	starts []int // byte offset of each line; starts[0] == 0
	// The last answer of at, to count a column on from it.
	off, line, col int
}

func newLines(text string) *lines {
	starts := []int{0}
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &lines{text: text, starts: starts}
}

// start returns the byte offset of 1-based line n (len(text) past the end).
func (l *lines) start(n int) int {
	if n > len(l.starts) {
		return len(l.text)
	}
	return l.starts[max(n, 1)-1]
}

// at returns the 1-based line and character column of byte offset off.
// Asked in increasing order, it counts each character once in all.
func (l *lines) at(off int) (line, col int) {
	off = min(max(off, 0), len(l.text))
	line = sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off })
	from, col := l.starts[line-1], 1
	// Counts add up only from a character's first byte.
	if l.line == line && l.off <= off && (l.off == len(l.text) || utf8.RuneStart(l.text[l.off])) {
		from, col = l.off, l.col
	}
	col += utf8.RuneCountInString(l.text[from:off])
	l.off, l.line, l.col = off, line, col
	return line, col
}

// atAll places many offsets, in increasing order whatever order they come
// in, so that the cost stays linear.
func (l *lines) atAll(offs []int) (lines, cols []int) {
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return offs[order[a]] < offs[order[b]] })
	lines, cols = make([]int, len(offs)), make([]int, len(offs))
	for _, i := range order {
		lines[i], cols[i] = l.at(offs[i])
	}
	return lines, cols
}
