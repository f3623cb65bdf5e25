package privacy

import (
	"strings"
	"unicode/utf8"
)

// normalise is a file's text as corpus reads it: no BOM, \n line endings.
func normalise(data []byte) string {
	s := strings.TrimPrefix(string(data), "\xEF\xBB\xBF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// lineStart returns the byte offset of 1-based line n of text (len(text)
// past the end).
func lineStart(text string, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// lineCol returns the 1-based line and character column of a byte offset.
func lineCol(text string, off int) (int, int) {
	off = min(max(off, 0), len(text))
	ls := strings.LastIndexByte(text[:off], '\n') + 1
	return strings.Count(text[:ls], "\n") + 1, utf8.RuneCountInString(text[ls:off]) + 1
}
