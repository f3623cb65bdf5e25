package corpus

import (
	"sort"
	"strings"
)

// maxAttr bounds the length of a {attribute block}.
const maxAttr = 512

// rng is a half-open byte range.
type rng struct{ start, end int }

// rawSpan is a bracketed span [text]{.a .b} found in the raw body.
type rawSpan struct {
	open, close, attrEnd int // '[' , ']' and just past '}'
	classes              []string
}

// markup is what scanMarkup found in a raw body.
type markup struct {
	dels     []rng // markup to remove, sorted, disjoint
	spans    []rawSpan
	unclosed []int // '[' never closed
	badAttr  []int // "]{" with no "}" on the line
}

// scanMarkup finds Pandoc bracketed spans in raw, skipping the label
// prefixes of turn lines (so timestamps and **emphasis** are never markup).
// Brackets pair up like parentheses, so nested spans and ordinary brackets
// such as [inaudible] or [laughs] inside a span work; a pair is a span only
// when "]" is followed at once by a valid {attribute block} on the same
// line. \[ and \] are literal brackets (the backslash is removed).
func scanMarkup(raw string, labels []labelLine) markup {
	var m markup
	if strings.IndexByte(raw, '[') < 0 && strings.IndexByte(raw, '\\') < 0 {
		return m // most lines of most transcripts: nothing to do
	}
	var stack []int
	next := nextMarkup{pos: [3]int{-1, -1, -1}}
	li := 0
	for i := 0; i < len(raw); {
		if li < len(labels) && i >= labels[li].lineStart {
			i = max(i, labels[li].textStart)
			li++
			continue
		}
		p := next.at(raw, i)
		if p < 0 {
			break
		}
		if li < len(labels) && p >= labels[li].lineStart {
			i = labels[li].lineStart
			continue
		}
		i = p + 1
		switch raw[p] {
		case '\\':
			if p+1 < len(raw) && (raw[p+1] == '[' || raw[p+1] == ']') {
				m.dels = append(m.dels, rng{p, p + 1})
				i = p + 2
			}
		case '[':
			stack = append(stack, p)
		case ']':
			if len(stack) == 0 {
				continue
			}
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if p+1 >= len(raw) || raw[p+1] != '{' {
				continue // an ordinary bracket pair
			}
			// Attribute blocks are short; bounding the search keeps a line
			// full of "]{" linear.
			rest := raw[p+2 : min(len(raw), p+2+maxAttr)]
			if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
				rest = rest[:nl]
			}
			cb := strings.IndexByte(rest, '}')
			if cb < 0 {
				m.badAttr = append(m.badAttr, p)
				continue
			}
			classes, ok := attrClasses(rest[:cb])
			if !ok {
				continue // "{sic}" and the like: not attributes, so plain text
			}
			end := p + 2 + cb + 1
			m.spans = append(m.spans, rawSpan{open: open, close: p, attrEnd: end, classes: classes})
			m.dels = append(m.dels, rng{open, open + 1}, rng{p, end})
			i = end
		}
	}
	m.unclosed = stack
	sort.Slice(m.dels, func(a, b int) bool { return m.dels[a].start < m.dels[b].start })
	return m
}

// attrClasses reads a Pandoc attribute block's inside ("#id .a .b key=val")
// and returns the classes. ok is false when a word is none of .class, #id or
// key=value, which means the braces are ordinary text.
func attrClasses(s string) (classes []string, ok bool) {
	for s != "" {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			break
		}
		// A word runs to the next space outside double quotes.
		n, inQuote := 0, false
		for ; n < len(s); n++ {
			if s[n] == '"' {
				inQuote = !inQuote
			} else if !inQuote && (s[n] == ' ' || s[n] == '\t') {
				break
			}
		}
		if inQuote {
			return nil, false
		}
		w := s[:n]
		s = s[n:]
		switch {
		case len(w) > 1 && w[0] == '.':
			classes = append(classes, w[1:])
		case len(w) > 1 && w[0] == '#':
		case strings.IndexByte(w, '=') > 0:
		default:
			return nil, false
		}
	}
	return classes, true
}

// offsetMap maps raw body offsets to offsets in the body with markup removed.
type offsetMap struct {
	dels []rng
	cum  []int // cum[k] = bytes removed by dels[:k+1]
}

func newOffsetMap(dels []rng) offsetMap {
	m := offsetMap{dels: dels, cum: make([]int, len(dels))}
	total := 0
	for k, d := range dels {
		total += d.end - d.start
		m.cum[k] = total
	}
	return m
}

// at maps a raw offset; an offset inside removed markup maps to where the
// markup was.
func (m offsetMap) at(p int) int {
	k := sort.Search(len(m.dels), func(i int) bool { return m.dels[i].start >= p })
	if k == 0 {
		return p
	}
	last := m.dels[k-1]
	if p < last.end {
		return last.start - (m.cum[k-1] - (last.end - last.start))
	}
	return p - m.cum[k-1]
}

// strip returns raw without the removed ranges.
func (m offsetMap) strip(raw string) string {
	if len(m.dels) == 0 {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	prev := 0
	for _, d := range m.dels {
		b.WriteString(raw[prev:d.start])
		prev = d.end
	}
	b.WriteString(raw[prev:])
	return b.String()
}

// nextMarkup finds the next '[', ']' or '\\' with one IndexByte per
// character, which is several times faster than IndexAny on long text.
type nextMarkup struct {
	pos [3]int // next offset of each character, -1 before the first search
	eof [3]bool
}

func (n *nextMarkup) at(s string, from int) int {
	best := -1
	for c, ch := range [3]byte{'[', ']', '\\'} {
		if n.eof[c] {
			continue
		}
		if n.pos[c] < from {
			k := strings.IndexByte(s[from:], ch)
			if k < 0 {
				n.eof[c] = true
				continue
			}
			n.pos[c] = from + k
		}
		if best < 0 || n.pos[c] < best {
			best = n.pos[c]
		}
	}
	return best
}
