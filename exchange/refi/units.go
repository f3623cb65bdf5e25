package refi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit is what a selection's startPosition and endPosition count. The
// standard says characters (Unicode code points); NVivo counts UTF-16 code
// units, so every emoji shifts its later selections by one.
type Unit int

const (
	CodePoints Unit = iota
	UTF16
)

func (u Unit) String() string {
	if u == UTF16 {
		return "UTF-16 code units"
	}
	return "code points"
}

// Reading is one way of counting positions in a source's text.
type Reading struct {
	Unit Unit
	BOM  bool // the byte-order mark at the start of the text counts as a position
}

func (r Reading) String() string {
	s := r.Unit.String()
	if r.BOM {
		s += ", byte-order mark counted"
	}
	return s
}

// text is a source's text as insight shows it, with a map from each
// reading's positions to code points of the body.
type text struct {
	raw  string // decoded, BOM included if the file had one
	body string // BOM removed, \r\n and lone \r made \n: what the transcript holds
	bom  bool
	// runes of body, for quotes by code point.
	runes []rune
	maps  map[Reading][]int32 // position -> code point in body; -1 inside a surrogate pair
}

func newText(raw string) *text {
	t := &text{raw: raw, bom: strings.HasPrefix(raw, "\uFEFF"), maps: map[Reading][]int32{}}
	s := strings.TrimPrefix(raw, "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	t.body = strings.ReplaceAll(s, "\r", "\n")
	t.runes = []rune(t.body)
	return t
}

// positions builds the map for reading r: for each position the source's
// positions can name (0 … length), the code point in body it falls on.
func (t *text) positions(r Reading) []int32 {
	if m, ok := t.maps[r]; ok {
		return m
	}
	s := t.raw
	if !r.BOM {
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	m := make([]int32, 0, len(s)+1)
	b := int32(0) // code point in body
	bomLeft := r.BOM && t.bom
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case bomLeft:
			m = append(m, 0) // the BOM is not in body: it maps onto body's start
			bomLeft = false
		case c == '\r' && strings.HasPrefix(s[i+size:], "\n"):
			m = append(m, b) // \r\n is one \n in body; the \r maps onto it
		default:
			m = append(m, b)
			if r.Unit == UTF16 && c > 0xFFFF {
				m = append(m, -1) // the second half of a surrogate pair
			}
			b++
		}
		i += size
	}
	m = append(m, b)
	t.maps[r] = m
	return m
}

// span converts a selection's positions to body code points under r. ok is
// false when a position is outside the text or splits a surrogate pair.
func (t *text) span(r Reading, start, end int) (s, e int, ok bool) {
	m := t.positions(r)
	if start < 0 || end < start || end >= len(m) {
		return 0, 0, false
	}
	s, e = int(m[start]), int(m[end])
	if s < 0 || e < 0 {
		return 0, 0, false
	}
	return s, e, true
}

func (t *text) quote(s, e int) string { return string(t.runes[s:e]) }

// readings lists the readings to try, the standard's first.
func (t *text) readings() []Reading {
	rs := []Reading{{CodePoints, false}, {UTF16, false}}
	if t.bom {
		rs = append(rs, Reading{CodePoints, true}, Reading{UTF16, true})
	}
	return rs
}

// detect picks the reading under which the selections line up best with
// the text. A selection scores 10 when its name is its quote (ATLAS.ti
// names selections after their text), else a point for each end that falls
// on a word boundary; a position outside the text or inside a surrogate
// pair costs 5. The standard's reading wins ties.
func (t *text) detect(sels []xSelection) (best Reading, scores map[Reading]int) {
	scores = map[Reading]int{}
	for i, r := range t.readings() {
		score := 0
		for _, sel := range sels {
			start, end, ok := positionsOf(sel)
			if !ok {
				continue
			}
			s, e, ok := t.span(r, start, end)
			if !ok {
				score -= 5
				continue
			}
			score += t.fit(sel.Name, s, e)
		}
		scores[r] = score
		if i == 0 || score > scores[best] {
			best = r
		}
	}
	return best, scores
}

func (t *text) fit(name string, s, e int) int {
	q := t.quote(s, e)
	if name != "" && nameMatches(name, q) {
		return 10
	}
	score := 0
	if s == e {
		return 0
	}
	if (s == 0 || !isWord(t.runes[s-1])) && !unicode.IsSpace(t.runes[s]) {
		score++
	}
	if e == len(t.runes) || !isWord(t.runes[e]) {
		score++
	}
	return score
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// nameMatches reports whether a selection's name is its quoted text, as
// ATLAS.ti writes it: whitespace collapsed, and a long quote cut short with
// "…" or "...".
func nameMatches(name, quote string) bool {
	n, q := collapse(name), collapse(quote)
	if n == "" {
		return false
	}
	if n == q {
		return true
	}
	for _, ell := range []string{"…", "..."} {
		if cut, ok := strings.CutSuffix(n, ell); ok && len(cut) > 0 && strings.HasPrefix(q, strings.TrimSpace(cut)) {
			return true
		}
	}
	return false
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
