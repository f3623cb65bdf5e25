package corpus

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// runeMarkEvery is the spacing of runeMarks: converting an offset walks at
// most this many runes, so standoff codings convert in constant time.
const runeMarkEvery = 1024

// index computes the Body lookups used by Line, RuneOffset and ByteOffset.
// ParseDocument calls it; call Reindex after changing Body by hand.
func (d *Document) index() {
	b := d.Body
	d.lineStarts = make([]int, 1, strings.Count(b, "\n")+1)
	for i := 0; ; {
		k := strings.IndexByte(b[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		d.lineStarts = append(d.lineStarts, i)
	}
	d.ascii = isASCII(b)
	d.runeMarks = append(d.runeMarks[:0], 0)
	if d.ascii {
		return
	}
	n := 0
	for i := range b {
		if n > 0 && n%runeMarkEvery == 0 {
			d.runeMarks = append(d.runeMarks, i)
		}
		n++
	}
}

// Reindex recomputes the offset lookups after Body was set or changed
// directly (documents built by hand in other packages' tests).
func (d *Document) Reindex() { d.index() }

// indexed returns d, or an indexed copy when d was built by hand without
// Reindex: the methods stay correct without mutating a shared value.
func (d *Document) indexed() *Document {
	if d.lineStarts != nil {
		return d
	}
	c := &Document{Body: d.Body, BodyLine: d.BodyLine}
	c.index()
	return c
}

func (d *Document) clamp(off int) int {
	return max(0, min(off, len(d.Body)))
}

// Line returns the 1-based file line of a Body byte offset. Removing inline
// markup never removes a newline, so Body lines map one to one onto file
// lines from BodyLine on. For a converted file (.docx, .vtt, .srt) it is
// the line of the file the text came from: a .docx's paragraph number.
func (d *Document) Line(byteOff int) int {
	if d.lineMap != nil {
		return fileLine(d.lineMap, d.TextLine(byteOff))
	}
	return d.TextLine(byteOff)
}

// TextLine is Line in the text as shown, which differs from the file's
// lines only for a converted file.
func (d *Document) TextLine(byteOff int) int {
	x := d.indexed()
	off := d.clamp(byteOff)
	i := sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > off }) - 1
	first := d.BodyLine
	if first < 1 {
		first = 1
	}
	return first + i
}

// RuneOffset converts a Body byte offset to a Unicode code point offset.
func (d *Document) RuneOffset(byteOff int) int {
	x := d.indexed()
	off := d.clamp(byteOff)
	if x.ascii {
		return off
	}
	k := sort.Search(len(x.runeMarks), func(i int) bool { return x.runeMarks[i] > off }) - 1
	return k*runeMarkEvery + utf8.RuneCountInString(d.Body[x.runeMarks[k]:off])
}

// ByteOffset converts a Unicode code point offset to a Body byte offset,
// clamped to Body.
func (d *Document) ByteOffset(runeOff int) int {
	x := d.indexed()
	if runeOff <= 0 {
		return 0
	}
	if x.ascii {
		return min(runeOff, len(d.Body))
	}
	k := runeOff / runeMarkEvery
	if k >= len(x.runeMarks) {
		k = len(x.runeMarks) - 1
	}
	i, body := x.runeMarks[k], d.Body
	// ASCII bytes stepped over without decoding, eight at a time where
	// they can be: this walk was most of anchoring a dense study's
	// standoff codings (issue 11).
	for n := runeOff - k*runeMarkEvery; n > 0 && i < len(body); {
		if n >= 8 && i+8 <= len(body) && ascii8(body[i:i+8]) {
			i, n = i+8, n-8
			continue
		}
		if body[i] < utf8.RuneSelf {
			i, n = i+1, n-1
			continue
		}
		_, size := utf8.DecodeRuneInString(body[i:])
		i, n = i+size, n-1
	}
	return i
}

// ascii8 reports whether the eight bytes of s are all ASCII.
func ascii8(s string) bool {
	_ = s[7]
	return s[0]|s[1]|s[2]|s[3]|s[4]|s[5]|s[6]|s[7] < utf8.RuneSelf
}

// Text returns Body[start:end], clamped to Body so a stale offset cannot panic.
func (d *Document) Text(start, end int) string {
	start, end = d.clamp(start), d.clamp(end)
	if start >= end {
		return ""
	}
	return d.Body[start:end]
}

// isASCII is a branch-free scan, 8 bytes a step: it runs over every body.
func isASCII(s string) bool {
	var or byte
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		or |= w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]
	}
	for ; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}
