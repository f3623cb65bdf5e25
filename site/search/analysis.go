package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// analysed is the analysis of a piece's segments: the distinct stems of
// each, as indexes into stems, and where each one's words are.
type analysed struct {
	stems []string // the piece's distinct stems, in order of first use
	off   []uint32 // segment s's stems are ids[off[s]:off[s+1]]
	ids   []uint32
	toks  []string // per segment, see encodeTokens
}

// analyser is one worker's analysis, with buffers it reuses from segment
// to segment: a cold build analyses some 9 million words, and allocating
// for each made most of the garbage the collector had to chase.
//
// It is Analyzer taken apart, so that a word is looked up once: a word as
// written (after the possessive filter) gives its stem's number, which
// gives its id in the piece being analysed through a slice, where a map
// from word to stem and another from stem to id took two lookups a word.
type analyser struct {
	tok          *fastTokenizer
	poss         *en.PossessiveFilter
	lower        *lowercase.LowerCaseFilter
	porter       *porter.PorterStemmer
	word         map[string]int32 // a word as written -> its stem's number
	stem         map[string]int32 // a stem -> its number
	stems        []string         // by number
	piece        int32            // analyse calls so far
	seen         []int32          // per stem number: the call that last used it
	local        []uint32         // per stem number: its id in that call's piece
	in           []byte
	units, guess []int
}

func newAnalyser() *analyser {
	return &analyser{tok: newFastTokenizer(), poss: en.NewPossessiveFilter(), lower: lowercase.NewLowerCaseFilter(),
		porter: porter.NewPorterStemmer(), word: map[string]int32{}, stem: map[string]int32{}}
}

// stemOf returns the number of token t's stem, lowering and stemming it
// as memoStemmer does, once per word as written.
func (w *analyser) stemOf(t *analysis.Token) int32 {
	if g, ok := w.word[string(t.Term)]; ok && !t.KeyWord {
		return g
	}
	word := string(t.Term)
	w.lower.Filter(analysis.TokenStream{t})
	if !t.KeyWord {
		w.porter.Filter(analysis.TokenStream{t})
	}
	g, ok := w.stem[string(t.Term)]
	if !ok {
		g = int32(len(w.stems))
		st := string(t.Term)
		w.stem[st] = g
		w.stems = append(w.stems, st)
		w.seen = append(w.seen, 0)
		w.local = append(w.local, 0)
	}
	if !t.KeyWord {
		w.word[word] = g
	}
	return g
}

func analyse(w *analyser, segs []Segment) *analysed {
	text := 0
	for _, s := range segs {
		text += len(s.Text)
	}
	// About one distinct stem a segment for every 7 bytes of its text:
	// growing ids by doubling was most of a cold build's analysis garbage.
	a := &analysed{off: make([]uint32, 1, len(segs)+1), toks: make([]string, len(segs)), ids: make([]uint32, 0, text/6+1)}
	w.piece++
	var last []int // per stem: 1 + the last segment that has it
	for i, s := range segs {
		w.in = append(w.in[:0], s.Text...)
		toks := w.poss.Filter(w.tok.Tokenize(w.in))
		a.toks[i] = w.encodeTokens(s.Text, toks)
		for _, t := range toks {
			g := w.stemOf(t)
			if w.seen[g] != w.piece {
				w.seen[g], w.local[g] = w.piece, uint32(len(a.stems))
				a.stems = append(a.stems, w.stems[g])
				last = append(last, 0)
			}
			if id := w.local[g]; last[id] != i+1 {
				last[id] = i + 1
				a.ids = append(a.ids, id)
			}
		}
		a.off = append(a.off, uint32(len(a.ids)))
	}
	return a
}

// encode writes an analysis for the cache: counts and lengths as uvarints,
// the stems, the number of stem ids, then per segment its tokens and stem
// ids. The count lets the decoder size the ids once: growing them by
// appending was most of decoding every piece on a rebuild.
func (a *analysed) encode() []byte {
	n := binary.MaxVarintLen64 + 3*len(a.ids) // a stem id below 2 million takes at most 3 bytes
	for _, s := range a.stems {
		n += binary.MaxVarintLen64 + len(s)
	}
	for _, t := range a.toks {
		n += 2*binary.MaxVarintLen64 + len(t)
	}
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, uint64(len(a.stems)))
	for _, s := range a.stems {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(a.ids)))
	for i, t := range a.toks {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
		ids := a.ids[a.off[i]:a.off[i+1]]
		b = binary.AppendUvarint(b, uint64(len(ids)))
		for _, id := range ids {
			b = binary.AppendUvarint(b, uint64(id))
		}
	}
	return b
}

var errCorrupt = errors.New("search: cached analysis is damaged")

// decodeAnalysed reads encode's output for a piece of n segments. Any
// inconsistency is an error, and the caller analyses the text again.
func decodeAnalysed(data []byte, n int) (*analysed, error) {
	str := string(data) // one copy; stems and tokens are slices of it
	pos := 0
	num := func() (int, error) {
		v, k := binary.Uvarint(data[pos:])
		if k <= 0 || v > uint64(len(data)) {
			return 0, errCorrupt
		}
		pos += k
		return int(v), nil
	}
	bytes := func() (string, error) {
		l, err := num()
		if err != nil || l > len(data)-pos {
			return "", errCorrupt
		}
		pos += l
		return str[pos-l : pos], nil
	}
	ns, err := num()
	if err != nil {
		return nil, err
	}
	a := &analysed{stems: make([]string, ns), off: make([]uint32, 1, n+1), toks: make([]string, n)}
	for i := range a.stems {
		if a.stems[i], err = bytes(); err != nil {
			return nil, err
		}
	}
	total, err := num() // at most one id a byte left, as num checks
	if err != nil || total > len(data)-pos {
		return nil, errCorrupt
	}
	a.ids = make([]uint32, 0, total)
	for i := range n {
		if a.toks[i], err = bytes(); err != nil {
			return nil, err
		}
		k, err := num()
		if err != nil {
			return nil, err
		}
		for range k {
			id, err := num()
			if err != nil || id >= ns {
				return nil, errCorrupt
			}
			a.ids = append(a.ids, uint32(id))
		}
		a.off = append(a.off, uint32(len(a.ids)))
	}
	if pos != len(data) || len(a.ids) != total {
		return nil, fmt.Errorf("%w: %d bytes left over, %d of %d ids", errCorrupt, len(data)-pos, len(a.ids), total)
	}
	return a, nil
}

// encodeTokens encodes where the words of text are, as the script reads
// them: per token, the gap since the previous token's end and its length,
// in UTF-16 code units (JavaScript's string indexes), each written as one
// character 0x30+n after a "=". A segment with a gap or word too long for
// that is written as a JSON list of numbers instead ("[" marks it). When
// the script's simple guess (guessTokens) finds the same words, as it does
// for most English sentences, the encoding is empty: these offsets were a
// quarter of the search files' size.
func encodeTokens(text string, toks analysis.TokenStream) string {
	return new(analyser).encodeTokens(text, toks)
}

func (w *analyser) encodeTokens(text string, toks analysis.TokenStream) string {
	units := w.units[:0]
	defer func() { w.units = units }()
	pos, at := 0, 0 // byte offset and its UTF-16 offset
	ascii := isASCII(text)
	u16 := func(to int) int {
		if ascii { // one byte, one unit: most transcripts are all ASCII
			return to
		}
		for pos < to {
			r, n := utf8.DecodeRuneInString(text[pos:])
			// An invalid byte decodes as U+FFFD, one unit, as JSON writes it.
			at += utf16.RuneLen(r)
			pos += n
		}
		return at
	}
	prevEnd := 0
	for _, t := range toks {
		s := u16(t.Start)
		e := u16(t.End)
		units = append(units, s-prevEnd, e-s)
		prevEnd = e
	}
	w.guess = appendGuess(w.guess[:0], text)
	if slices.Equal(units, w.guess) {
		return ""
	}
	const base, limit = 0x30, 0xD000 // stay below the surrogates
	b := make([]rune, 0, len(units)+1)
	b = append(b, '=')
	for _, u := range units {
		if u+base >= limit {
			return numberList(units)
		}
		b = append(b, rune(base+u))
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// guessTokens is search.js's guess at where the words of text are, as
// encodeTokens counts them: runs of ASCII letters and digits, joined by a
// single ' or ’ between two of them. It needs no Unicode tables, so Go and
// every browser agree on it exactly.
func guessTokens(text string) []int { return appendGuess(nil, text) }

// appendGuess appends guessTokens' units to units. Runes are decoded as
// []rune(text) would: an invalid byte is U+FFFD, one unit, as in JSON.
func appendGuess(units []int, text string) []int {
	alnum := func(i int) bool { // of the rune at byte i
		if i >= len(text) {
			return false
		}
		c := text[i]
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	at, prevEnd := 0, 0 // UTF-16 offset of text[i:]; end of the last token
	for i := 0; i < len(text); {
		if !alnum(i) {
			r, n := utf8.DecodeRuneInString(text[i:])
			at += utf16.RuneLen(r)
			i += n
			continue
		}
		start := at
		for i < len(text) {
			if alnum(i) {
				at++ // every rune here is one unit
				i++
				continue
			}
			if text[i] == '\'' && alnum(i+1) {
				at++
				i++
				continue
			}
			if strings.HasPrefix(text[i:], "\u2019") && alnum(i+len("\u2019")) {
				at++
				i += len("\u2019")
				continue
			}
			break
		}
		units = append(units, start-prevEnd, at-start)
		prevEnd = at
	}
	return units
}

func numberList(units []int) string {
	b := []byte{'['}
	for i, u := range units {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%d", u)
	}
	return string(append(b, ']'))
}

// Tokens returns text's words as the search files encode them and, for
// checking a decoder, where they are in UTF-16 code units: for the tests
// of search.js.
func Tokens(text string) (enc string, spans [][2]int) {
	toks := Analyzer().Analyze([]byte(text))
	unit := make([]int, len(text)+1) // byte offset -> UTF-16 offset
	at := 0
	for pos := 0; pos < len(text); {
		r, n := utf8.DecodeRuneInString(text[pos:])
		for k := range n {
			unit[pos+k] = at
		}
		at += utf16.RuneLen(r)
		pos += n
	}
	unit[len(text)] = at
	for _, t := range toks {
		spans = append(spans, [2]int{unit[t.Start], unit[t.End]})
	}
	return encodeTokens(text, toks), spans
}
