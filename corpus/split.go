package corpus

import (
	"unicode"
	"unicode/utf8"
)

// splitSentences appends the [start, end) byte ranges of the sentences of s
// to dst. It is a small hand-written splitter rather than prose's model
// because a study can hold millions of sentences and this runs at memory
// speed; TestSplitAgreesWithProse measures how close it stays to prose.
//
// A sentence ends at . ? ! or … (plus any closing quotes or brackets) that
// is followed by white space and then an upper-case letter, a digit or an
// opening quote, except after a common abbreviation or a single initial. A
// blank line always ends a sentence. Ranges are trimmed of white space and
// empty ones are left out.
func splitSentences(s string, dst [][2]int) [][2]int {
	start := 0
	emit := func(a, b int) {
		for a < b && isSpace(s[a]) {
			a++
		}
		for b > a && isSpace(s[b-1]) {
			b--
		}
		if a < b {
			dst = append(dst, [2]int{a, b})
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if j < len(s) && s[j] == '\n' {
				emit(start, i)
				start = j
				i = j - 1
			}
		case '.', '?', '!', 0xE2:
			w := 1
			if c == 0xE2 {
				if !hasEllipsis(s, i) {
					continue
				}
				w = 3
			}
			end, next, ok := sentenceEnd(s, i, w)
			if !ok {
				i = end - 1
				continue
			}
			emit(start, end)
			start = next
			i = next - 1
		}
	}
	emit(start, len(s))
	return dst
}

func hasEllipsis(s string, i int) bool {
	return i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xA6
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// sentenceEnd decides whether the terminal at s[i:i+w] ends a sentence. It
// returns the end of the sentence (after closing punctuation), where the next
// one starts, and ok. When !ok, end is past the punctuation run examined.
func sentenceEnd(s string, i, w int) (end, next int, ok bool) {
	j := i + w
	single := w == 1 && s[i] == '.'
	// A run of terminals ("?!", "...") ends together.
	for j < len(s) {
		switch {
		case s[j] == '.' || s[j] == '?' || s[j] == '!':
			j++
		case s[j] == 0xE2 && hasEllipsis(s, j):
			j += 3
		default:
			goto closers
		}
		single = false
	}
closers:
	for j < len(s) {
		switch {
		case s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']':
			j++
		case s[j] == 0xE2 && j+2 < len(s) && s[j+1] == 0x80 && (s[j+2] == 0x9D || s[j+2] == 0x99): // ” ’
			j += 3
		default:
			goto space
		}
	}
space:
	k := j
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	if k == j || k == len(s) {
		return j, k, false
	}
	if !startsSentence(s[k:]) {
		return j, k, false
	}
	if single && abbreviation(s, i, s[k]) {
		return j, k, false
	}
	return j, k, true
}

func startsSentence(s string) bool {
	c := s[0]
	switch {
	case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '"', c == '\'':
		return true
	case c < utf8.RuneSelf:
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || r == '“' || r == '‘'
}

// abbreviation reports whether the word before the full stop at s[i] is an
// abbreviation or a single initial, after which a full stop does not end a
// sentence. "No." is an abbreviation only before a digit ("No. 10"):
// in interviews it is far more often a whole answer.
func abbreviation(s string, i int, next byte) bool {
	a := i
	for a > 0 {
		c := s[a-1]
		if c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			a--
			continue
		}
		break
	}
	// A word glued to something else ("£3.", "Mary's.") is not an abbreviation.
	if a > 0 && !isSpace(s[a-1]) && s[a-1] != '(' && s[a-1] != '"' {
		return false
	}
	w := s[a:i]
	if len(w) == 1 {
		return true // an initial: "J. Smith"
	}
	if len(w) > 4 {
		return false
	}
	var low [4]byte
	for k := 0; k < len(w); k++ {
		low[k] = w[k] | 0x20
	}
	switch string(low[:len(w)]) {
	case "mr", "mrs", "ms", "dr", "st", "prof", "e.g", "i.e", "etc", "vs":
		return true
	case "no":
		return next >= '0' && next <= '9'
	}
	return false
}
