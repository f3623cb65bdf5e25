package coding

import (
	"unicode/utf8"
	"unsafe"
)

// decodeRecord decodes one line of a coder's file the way json.Unmarshal
// into a Record does, for the lines a coding tool writes: one object whose
// keys are Record's own, spelled as its tags, with plain strings (no
// escape, no control character, valid UTF-8) and integers. It reports
// false for any other line, which is then left to json.Unmarshal, so what
// a line decodes to never depends on which of the two read it
// (FuzzDecodeRecord). encoding/json was most of the time of reading the
// dense benchmark's codings (issue 11: cold build). Doc, Theme and Memo
// come from in; Quote is a copy if copyQuote, else part of line, for a
// caller that copies it before line changes.
func decodeRecord(line []byte, r *Record, in interner, copyQuote bool) bool {
	d := recordDecoder{b: line}
	if !d.byte('{') {
		return false
	}
	if d.byte('}') {
		return d.end()
	}
	for {
		key, ok := d.str()
		if !ok || !d.byte(':') {
			return false
		}
		switch string(key) {
		case "doc", "theme", "quote", "memo":
			v, ok := d.str()
			if !ok {
				return false
			}
			switch string(key) {
			case "doc":
				r.Doc = in.ofBytes(v)
			case "theme":
				r.Theme = in.ofBytes(v)
			case "quote":
				if copyQuote {
					r.Quote = string(v)
				} else {
					r.Quote = unsafe.String(unsafe.SliceData(v), len(v))
				}
			default:
				r.Memo = in.ofBytes(v)
			}
		case "start", "end":
			n, ok := d.int()
			if !ok {
				return false
			}
			if string(key) == "start" {
				r.Start = n
			} else {
				r.End = n
			}
		default:
			return false
		}
		if d.byte('}') {
			return d.end()
		}
		if !d.byte(',') {
			return false
		}
	}
}

// recordDecoder reads the tokens decodeRecord accepts from b.
type recordDecoder struct {
	b []byte
	i int
}

// space skips JSON's white space.
func (d *recordDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// byte reads c, after white space, if it comes next.
func (d *recordDecoder) byte(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// end reports whether nothing but white space is left.
func (d *recordDecoder) end() bool {
	d.space()
	return d.i == len(d.b)
}

// str reads a string without escapes or control characters, in valid
// UTF-8, and returns its bytes.
func (d *recordDecoder) str() ([]byte, bool) {
	if !d.byte('"') {
		return nil, false
	}
	from := d.i
	ascii := true
	for ; d.i < len(d.b); d.i++ {
		c := d.b[d.i]
		switch {
		case c == '"':
			s := d.b[from:d.i]
			d.i++
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

// int reads an integer of at most 15 digits in JSON's form (no leading
// zero, no fraction or exponent), so that it fits an int anywhere.
func (d *recordDecoder) int() (int, bool) {
	d.space()
	neg := d.i < len(d.b) && d.b[d.i] == '-'
	if neg {
		d.i++
	}
	from := d.i
	n := 0
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		n = n*10 + int(d.b[d.i]-'0')
		d.i++
	}
	digits := d.i - from
	if digits == 0 || digits > 15 || (digits > 1 && d.b[from] == '0') {
		return 0, false
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}
