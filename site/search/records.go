package search

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/residentinsight/insight/corpus"
)

// appendRecords appends block [lo, hi)'s record payload, byte for byte
// what encoding/json writes for
//
//	map[string]any{"doc": []string{doc.ID, doc.Href}, "recs": recs}
//
// with recs[i] = []any{Line, Speaker, groups, themes, anchor, Text, tokens},
// where anchor is "" when it is TextAnchor(Text), as search.js works it
// out again: the anchors, some 20% of the compressed records, were hashes
// that deflate could not shrink. Written directly because reflecting over 1.6 million small []any was a
// tenth of the search files' cost in a cold build; TestAppendRecords and
// FuzzAppendJSONString hold it to encoding/json's output.
func (ix *Index) appendRecords(out []byte, doc Doc, lo, hi int) []byte {
	in := &ix.in
	var ta textAnchorer
	out = append(out, `{"doc":[`...)
	out = appendJSONString(out, doc.ID)
	out = append(out, ',')
	out = appendJSONString(out, doc.Href)
	out = append(out, `],"recs":[`...)
	for i := lo; i < hi; i++ {
		s := in.Segments[i]
		if i > lo {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = strconv.AppendInt(out, int64(s.Line), 10)
		out = append(out, ',')
		out = appendJSONString(out, s.Speaker)
		out = append(out, ',')
		out = appendInts(out, in.groups(i))
		out = append(out, ',')
		out = appendInts(out, in.refs(s.Themes))
		out = append(out, ',')
		if ta.is(s.Anchor, s.Text) {
			out = append(out, `""`...)
		} else {
			out = appendJSONString(out, s.Anchor)
		}
		out = append(out, ',')
		out = appendJSONString(out, s.Text)
		out = append(out, ',')
		out = appendJSONString(out, ix.toks[i])
		out = append(out, ']')
	}
	return append(out, "]}"...)
}

// appendInts writes a list as encoding/json does: null when nil.
func appendInts(out []byte, v []int32) []byte {
	if v == nil {
		return append(out, "null"...)
	}
	out = append(out, '[')
	for i, n := range v {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, int64(n), 10)
	}
	return append(out, ']')
}

// appendJSONString writes s as encoding/json.Marshal does, HTML escaping
// included: <, > and & as \u003c..., other control characters as \u00XX
// but for \b \f \n \r \t, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped.
func appendJSONString(out []byte, s string) []byte {
	const hex = "0123456789abcdef"
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			out = append(out, s[start:i]...)
			switch c {
			case '\\', '"':
				out = append(out, '\\', c)
			case '\b':
				out = append(out, '\\', 'b')
			case '\f':
				out = append(out, '\\', 'f')
			case '\n':
				out = append(out, '\\', 'n')
			case '\r':
				out = append(out, '\\', 'r')
			case '\t':
				out = append(out, '\\', 't')
			default:
				out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, s[start:i]...)
			out = append(out, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			out = append(out, s[start:i]...)
			out = append(out, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

// jsonPlain marks the ASCII bytes appendJSONString writes as they are: one
// load a byte of every segment's text, where six compares were.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// TextAnchor is the anchor the site gives a sentence whose id no other
// sentence of its transcript shares: HashAnchor of corpus.SegmentHash of
// its text. search.js's textAnchor is the same, so a record whose anchor is
// that leaves it out.
func TextAnchor(text string) string {
	var ta textAnchorer
	return string(ta.anchor(text))
}

// AppendHashAnchor appends the anchor of a sentence hash (corpus's
// SegmentHash): "s" and its 4 bytes in unpadded URL-safe base64.
func AppendHashAnchor(dst []byte, hash [4]byte) []byte {
	dst = append(dst, 's')
	return base64.RawURLEncoding.AppendEncode(dst, hash[:])
}

// textAnchorer works out TextAnchor with no allocation per sentence.
type textAnchorer struct {
	buf []byte
	out []byte
}

func (ta *textAnchorer) anchor(text string) []byte {
	ta.out = AppendHashAnchor(ta.out[:0], corpus.SegmentHash(&ta.buf, text))
	return ta.out
}

// is reports whether anchor is TextAnchor(text) and search.js, reading
// text from JSON, works it out alike: text is valid UTF-8 (JSON would
// replace an invalid byte, changing what is hashed).
func (ta *textAnchorer) is(anchor, text string) bool {
	return len(anchor) == 1+base64.RawURLEncoding.EncodedLen(4) && anchor[0] == 's' && utf8.ValidString(text) && string(ta.anchor(text)) == anchor
}
