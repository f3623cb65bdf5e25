package refi

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slug makes a theme id or front matter key: lower-case ASCII letters,
// digits and single hyphens, accents dropped ("Észlelt" → "eszlelt"). It
// returns "" when nothing is left (a name in a non-Latin script).
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// fileName makes a document id or coder file name: letters, digits, '-',
// '_' and '.', with accents dropped and other runs of characters made '-'.
func fileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.TrimSpace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' && b.Len() > 0):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), ".")
	if len(out) > 80 {
		out = out[:80]
	}
	return out
}

// unique returns base, or base-2, base-3 … the first not in used, and marks it used.
func unique(used map[string]bool, base string) string {
	name := base
	for n := 2; used[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	used[strings.ToLower(name)] = true
	return name
}

// normGUID makes GUIDs comparable: tools write them in either case, some
// with braces.
func normGUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}

// guid derives a stable GUID (a name-based UUID, version 5 layout) for one
// of insight's things, so exporting the same study twice gives the same
// file and a re-import can be compared with the original.
func guid(kind, key string) string {
	h := sha1.Sum([]byte("insight/" + kind + "/" + key))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
