package site

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
)

// names hands out file names and HTML ids that are safe in a URL, on every
// file system and in an id attribute, and unique even where file systems
// ignore case. Document and theme ids come from user files, so they are
// never used as paths unchecked.
type names struct{ used map[string]bool }

func newNames(reserved ...string) *names {
	n := &names{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[strings.ToLower(r)] = true
	}
	return n
}

// take returns a safe form of want, suffixed with _2, _3… if taken.
func (n *names) take(want string) string {
	base := safeName(want)
	name, low := base, strings.ToLower(base)
	for i := 2; n.used[low]; i++ {
		name = base + "_" + strconv.Itoa(i)
		low = strings.ToLower(name)
	}
	n.used[low] = true
	return name
}

// safeName keeps letters, digits, '-' and '_' and replaces anything else,
// so the result needs no escaping and cannot climb out of its folder.
func safeName(s string) string {
	if len(s) > 0 && len(s) <= 80 && strings.IndexFunc(s, unsafeRune) < 0 {
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
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	h, n, rep := strings.Cut(id, "-")
	// One allocation: this runs for every sentence of the study.
	var b [4]byte
	if len(h) == 8 {
		if _, err := hex.Decode(b[:], []byte(h)); err == nil {
			a := make([]byte, 0, 7+1+len(n))
			a = append(a, 's')
			a = base64.RawURLEncoding.AppendEncode(a, b[:])
			if rep {
				a = append(a, '-')
				a = append(a, safeName(n)...)
			}
			return string(a)
		}
	}
	return "s-" + safeName(id)
}

func unsafeRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
}
