package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// fastTokenizer gives exactly the tokens of bleve's unicode tokenizer
// (Unicode word segmentation, UAX #29, keeping the words and numbers), at a
// fifth of its cost, for text made only of the characters transcripts are
// mostly made of: ASCII letters, digits, punctuation and space, Latin letters with
// accents, curly quotes and dashes. For these the rules come down to: a
// word is a run of letters and digits, joined across one ' . ’ or ‘
// between two letters or two digits, one : between two letters, or one
// , or ; between two digits. Any other text goes to bleve's tokenizer;
// TestFastTokenizer and FuzzFastTokenizer compare the two.
//
// Its tokens are valid until its next call, which reuses them: an
// analysis reads each segment's tokens before the next, and a cold build
// tokenizes some 9 million words.
type fastTokenizer struct {
	slow *unicode.UnicodeTokenizer
	toks []analysis.Token
	out  analysis.TokenStream
}

func newFastTokenizer() *fastTokenizer { return &fastTokenizer{slow: unicode.NewUnicodeTokenizer()} }

// Character classes. A midX joins two characters of class X.
const (
	cOther   uint8 = iota // ends a word
	cLetter               // an ALetter
	cDigit                // a Numeric
	cMidBoth              // MidNumLet: ' . ’ ‘
	cMidLet               // MidLetter: :
	cMidNum               // MidNum: , ;
	cSlow                 // not covered: ask bleve
)

// asciiClass classifies the ASCII characters.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = cLetter
		case '0' <= c && c <= '9':
			t[c] = cDigit
		case c == '\'' || c == '.':
			t[c] = cMidBoth
		case c == ':':
			t[c] = cMidLet
		case c == ',' || c == ';':
			t[c] = cMidNum
		case c == '_' || c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7F:
			t[c] = cSlow // _ joins words; controls are unchecked
		default:
			t[c] = cOther // the rest of ASCII punctuation, space, tab, line breaks
		}
	}
	return t
}()

// runeClass classifies the character at the start of s and returns its size.
func runeClass(s []byte) (uint8, int) {
	if c := s[0]; c < utf8.RuneSelf {
		return asciiClass[c], 1
	}
	r, n := utf8.DecodeRune(s)
	switch {
	case 0xC0 <= r && r <= 0x17F && r != 0xD7 && r != 0xF7: // Latin-1 and Extended-A letters
		return cLetter, n
	case r == '’' || r == '‘':
		return cMidBoth, n
	case r == '—' || r == '–' || r == '“' || r == '”' || r == '…' || r == '£' || r == '€':
		return cOther, n
	}
	return cSlow, n
}

func (t *fastTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.toks[:0]
	for i := 0; i < len(input); {
		c, n := runeClass(input[i:])
		switch c {
		case cSlow:
			return t.slow.Tokenize(input)
		case cLetter, cDigit:
		default:
			i += n
			continue
		}
		start, letters, prev := i, false, c
		for i < len(input) {
			c, n := runeClass(input[i:])
			if c == cLetter || c == cDigit {
				letters, prev = letters || c == cLetter, c
				i += n
				continue
			}
			if c == cSlow {
				return t.slow.Tokenize(input)
			}
			if i+n < len(input) {
				next, m := runeClass(input[i+n:])
				if joins(prev, c, next) {
					letters, prev = letters || next == cLetter, next
					i += n + m
					continue
				}
			}
			break
		}
		typ := analysis.Numeric
		if letters {
			typ = analysis.AlphaNumeric
		}
		toks = append(toks, analysis.Token{Term: input[start:i], Start: start, End: i, Position: len(toks) + 1, Type: typ})
	}
	out := t.out[:0]
	for i := range toks {
		out = append(out, &toks[i])
	}
	t.toks, t.out = toks, out
	return out
}

// joins reports whether mid joins the characters before and after it.
func joins(before, mid, after uint8) bool {
	switch mid {
	case cMidBoth:
		return before == after && (before == cLetter || before == cDigit)
	case cMidLet:
		return before == cLetter && after == cLetter
	case cMidNum:
		return before == cDigit && after == cDigit
	}
	return false
}
