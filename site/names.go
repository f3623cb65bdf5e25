package site

import (
	"encoding/hex"
	"strconv"
	"strings"
	"unsafe"

	"github.com/residentinsight/insight/site/search"
)

// names hands out file names and HTML ids that are safe in a URL, on every
// file system and in an id attribute, and unique even where file systems
// ignore case. Document and theme ids come from user files, so they are
// never used as paths unchecked.
type names struct {
	used map[string]bool // lower-cased names of more than 8 bytes
	// short holds the others packed into a number, a byte each: every
	// sentence's anchor is one, and a string per anchor to lower-case
	// and keep was most of naming them.
	short map[uint64]bool
}

func newNames(reserved ...string) *names {
	n := &names{used: map[string]bool{}, short: map[uint64]bool{}}
	for _, r := range reserved {
		n.add(r)
	}
	return n
}

// take returns a safe form of want, suffixed with _2, _3… if taken.
func (n *names) take(want string) string {
	base := safeName(want)
	name := base
	for i := 2; n.has(name); i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	n.add(name)
	return name
}

func (n *names) has(name string) bool {
	if k, ok := packLower(name); ok {
		return n.short[k]
	}
	return n.used[strings.ToLower(name)]
}

func (n *names) add(name string) {
	if k, ok := packLower(name); ok {
		n.short[k] = true
	} else {
		n.used[strings.ToLower(name)] = true
	}
}

// packLower is name lower-cased, a byte to each of a number's 8, when
// it is that short and ASCII (safeName's always are). No byte is zero,
// so names of different lengths never pack alike.
func packLower(name string) (uint64, bool) {
	if len(name) == 0 || len(name) > 8 {
		return 0, false
	}
	var k uint64
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == 0 || c >= 0x80 {
			return 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		k = k<<8 | uint64(c)
	}
	return k, true
}

// safeName keeps letters, digits, '-' and '_' and replaces anything else,
// so the result needs no escaping and cannot climb out of its folder.
func safeName(s string) string {
	if len(s) > 0 && len(s) <= 80 && allSafe(s) {
		return s // the common case, without building a copy
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case b.Len() >= 80:
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// segmentAnchor derives an id from a segment id "<doc>/<hash>[-n]": "s",
// the hash's 4 bytes in base64url (6 characters for 8 hex digits: the id
// is on every sentence of every transcript page and in the search index),
// then "-n". The doc part is dropped because the page names the doc. An id
// of another form keeps its text: "s-" and safeName of it.
func segmentAnchor(id string) string {
	a := appendSegmentAnchor(make([]byte, 0, 8), id)
	return unsafe.String(unsafe.SliceData(a), len(a)) // a is not written again
}

// appendSegmentAnchor appends segmentAnchor(id) to dst.
func appendSegmentAnchor(dst []byte, id string) []byte {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	h, n, rep := strings.Cut(id, "-")
	var b [4]byte
	if len(h) == 8 {
		if _, err := hex.Decode(b[:], []byte(h)); err == nil {
			dst = search.AppendHashAnchor(dst, b)
			if rep {
				dst = append(dst, '-')
				dst = append(dst, safeName(n)...)
			}
			return dst
		}
	}
	dst = append(dst, "s-"...)
	return append(dst, safeName(id)...)
}

// allSafe reports whether every byte of s is a letter, digit, '-' or
// '_' (no byte of a longer UTF-8 sequence is): a loop over bytes, since
// this runs for every sentence's anchor.
func allSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
