package index

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// textAnalyzerName is the analyzer of a segment's text: bleve's "en"
// analyzer without its stop words (researchers search phrases such as
// "same questions", and "same" is an English stop word), made cheaper.
// Analysis was a third of a cold build, most of it bleve's Unicode word
// segmenter and the Porter stemmer on words it had stemmed many times
// before. Here plain-ASCII text, nearly all of a transcript, is split by a
// loop that follows the same word-boundary rules for ASCII (tested against
// bleve's tokenizer), and a builder's analyzer remembers its stems. The
// tokens are the ones bleve's chain (unicode tokenizer, possessive,
// lowercase, porter) makes, so a search finds what it found before.
const textAnalyzerName = "insight-text"

func init() {
	err := registry.RegisterAnalyzer(textAnalyzerName, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return &textAnalyzer{}, nil // searches analyse a few words: no stem cache
	})
	if err != nil {
		panic(err) // only a second registration of the name can fail
	}
}

// textAnalyzer is the analysis of textAnalyzerName. One with a stem cache
// (newTextAnalyzer) belongs to one goroutine.
type textAnalyzer struct {
	stems map[string][]byte // lowercased word -> its stem; nil for none
}

func newTextAnalyzer() *textAnalyzer { return &textAnalyzer{stems: map[string][]byte{}} }

var (
	unicodeTokenizer = unicode.NewUnicodeTokenizer()
	possessive       = en.NewPossessiveFilter()
	lowerCase        = lowercase.NewLowerCaseFilter()
)

func (a *textAnalyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := asciiTokens(input)
	if tokens == nil {
		tokens = lowerCase.Filter(possessive.Filter(unicodeTokenizer.Tokenize(input)))
	}
	for _, t := range tokens {
		t.Term = a.stem(t.Term)
	}
	return tokens
}

// stem is bleve's porter filter on one term, remembered when a has a cache.
func (a *textAnalyzer) stem(term []byte) []byte {
	if a.stems != nil {
		if s, ok := a.stems[string(term)]; ok {
			return s
		}
	}
	s := analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(term)))
	if a.stems != nil {
		if len(a.stems) >= maxStems {
			clear(a.stems) // a study's vocabulary fits; a pathological one does not grow memory
		}
		a.stems[string(term)] = s
	}
	return s
}

const maxStems = 1 << 18

// Byte classes for word boundaries in ASCII text (Unicode UAX #29, as
// bleve's segmenter implements it): letters and digits make words; a
// MidLetter joins two letters ("a:b"), MidNum two digits ("1,000"), and a
// MidNumLet either ("e.g", "don't", "3.5").
const (
	cOther = iota
	cLetter
	cDigit
	cMidLetter
	cMidNum
	cMidNumLet
	cUnsafe // a byte this loop does not handle: leave the text to bleve
)

var asciiClass = func() (c [256]byte) {
	for i := range c {
		switch {
		case i >= 0x80 || (i < 0x20 && i != '\t' && i != '\n' && i != '\r') || i == 0x7f:
			c[i] = cUnsafe
		case i >= 'a' && i <= 'z', i >= 'A' && i <= 'Z':
			c[i] = cLetter
		case i >= '0' && i <= '9':
			c[i] = cDigit
		case i == ':':
			c[i] = cMidLetter
		case i == ',' || i == ';':
			c[i] = cMidNum
		case i == '.' || i == '\'':
			c[i] = cMidNumLet
		case i == '_': // ExtendNumLet joins words in ways not handled here
			c[i] = cUnsafe
		}
	}
	return c
}()

// asciiTokens splits input into lowercased words, possessive 's removed,
// with bleve's byte offsets and positions; nil when input has a byte the
// loop does not handle (anything beyond ASCII, say), or no words.
func asciiTokens(input []byte) analysis.TokenStream {
	for _, b := range input {
		if asciiClass[b] == cUnsafe {
			return nil
		}
	}
	lower := make([]byte, len(input))
	for i, b := range input {
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		lower[i] = b
	}
	ta := make([]analysis.Token, 0, len(input)/5+1) // about one word in five bytes of speech
	for i := 0; i < len(input); {
		if c := asciiClass[input[i]]; c != cLetter && c != cDigit {
			i++
			continue
		}
		start := i
		i++
		for i < len(input) {
			c := asciiClass[input[i]]
			if c == cLetter || c == cDigit {
				i++
				continue
			}
			if i+1 < len(input) && joins(asciiClass[input[i-1]], c, asciiClass[input[i+1]]) {
				i += 2
				continue
			}
			break
		}
		term := lower[start:i]
		if l := len(term); l >= 2 && term[l-1] == 's' && term[l-2] == '\'' {
			term = term[:l-2]
		}
		ta = append(ta, analysis.Token{Term: term, Start: start, End: i, Position: len(ta) + 1, Type: analysis.AlphaNumeric})
	}
	if len(ta) == 0 {
		return nil
	}
	out := make(analysis.TokenStream, len(ta))
	for n := range ta {
		out[n] = &ta[n]
	}
	return out
}

// joins reports whether mid, between before and after, stays inside a word.
func joins(before, mid, after byte) bool {
	switch mid {
	case cMidLetter:
		return before == cLetter && after == cLetter
	case cMidNum:
		return before == cDigit && after == cDigit
	case cMidNumLet:
		return before == after && (before == cLetter || before == cDigit)
	}
	return false
}
