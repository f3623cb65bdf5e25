package themes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// Word is one word of a text.
type Word struct {
	Start, End int    // byte offsets in the text
	Stem       string // Stem of the word
}

// Words splits text into words — runs of letters, digits and combining
// marks, joined across single apostrophes — with their stems. It is Unicode
// aware and fast enough to run over a whole corpus.
//
// Words is how keywords are matched, by everyone, so that they all agree:
// text and keywords are split by Words and each word reduced by Stem; a
// keyword matches a run of consecutive words whose stems equal the keyword's
// stems (Theme.KeywordStems). So matching is case-insensitive, on whole
// words, and forgives inflection as far as the Porter stemmer does:
//
//	"assessment" matches assessment, assessments, assessed, assessing, assess
//	"waiting list" matches "waiting lists", "wait listed", "waiting-list"
//	"council" matches council, councils, "council's" — but not councillor
//	"housing" matches housing, house, houses, housed
//	"police" matches police, policing, policed — but not policy
//
// A hyphen or any other punctuation separates words, so "joined-up" is the
// phrase "joined up" and "A&E" is "A E" (use patterns: to insist on the &).
// Apostrophes inside a word (' ’ ʼ) are kept and normalised, and a possessive
// 's is dropped.
func Words(text string) []Word {
	var cache stemCache
	return words(text, cache.stem)
}

func words(text string, stem func(string) string) []Word {
	return appendWords(make([]Word, 0, len(text)/5+1), text, stem)
}

func appendWords(out []Word, text string, stem func(string) string) []Word {
	for i := 0; i < len(text); {
		if n := wordStart(text[i:]); n < 0 {
			i += -n
			continue
		}
		start := i
		i = wordEnd(text, i)
		out = append(out, Word{Start: start, End: i, Stem: stem(text[start:i])})
	}
	return out
}

// Stemmer is Words with a memory of every word it has stemmed, for running
// over a whole corpus: a study's few thousand distinct words are stemmed
// once each rather than at every use (Stem was 2.5 s of a cold build's
// CPU). A Stemmer is for one goroutine at a time.
type Stemmer struct {
	memo  map[string]int32 // a word as written -> its number
	stems []string         // by number
}

// NewStemmer returns a Stemmer that remembers nothing yet.
func NewStemmer() *Stemmer { return &Stemmer{memo: map[string]int32{}} }

// Words is the package's Words, with stems from memory.
func (s *Stemmer) Words(text string) []Word {
	return words(text, func(w string) string { return s.stems[s.number(w)] })
}

// AppendWords appends text's Words to out, and each word's number to nums:
// one word as written has one number for the life of the Stemmer, counted
// from 0, so a caller can keep what it knows of a word in a slice rather
// than look the stem up again (keyword coding splits every turn of a
// study, reusing out and nums from text to text).
func (s *Stemmer) AppendWords(out []Word, nums []int32, text string) ([]Word, []int32) {
	out = appendWords(out, text, func(w string) string {
		n := s.number(w)
		nums = append(nums, n)
		return s.stems[n]
	})
	return out, nums
}

func (s *Stemmer) number(w string) int32 {
	if n, ok := s.memo[w]; ok {
		return n
	}
	// Copies, so the memory holds no text it was given alive.
	n := int32(len(s.stems))
	s.memo[strings.Clone(w)] = n
	s.stems = append(s.stems, strings.Clone(Stem(w)))
	return n
}

// stemCache remembers recent stems in a small direct-mapped table. It lives
// on the stack of one Words call: unlike a map it costs nothing to set up or
// grow, and the words that repeat most (the, and, council...) stay in it.
type stemCache [256]struct{ word, stem string }

func (c *stemCache) stem(w string) string {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	e := &c[h%uint32(len(c))]
	if e.word != w {
		e.word, e.stem = w, Stem(w)
	}
	return e.stem
}

// isAlnum marks the ASCII letters and digits, the common case in transcripts.
var isAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordStart returns the size of the rune at the start of s if it can start
// a word, else minus its size.
func wordStart(s string) int {
	if c := s[0]; c < utf8.RuneSelf {
		if isAlnum[c] {
			return 1
		}
		return -1
	}
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return n
	}
	return -n
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isAlnum[c] {
				i++
				continue
			}
			if c == '\'' && i+1 < len(text) && wordStart(text[i+1:]) > 0 {
				i++
				continue
			}
			return i
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			i += n
		case r == '’' && i+n < len(text) && wordStart(text[i+n:]) > 0:
			i += n
		default:
			return i
		}
	}
	return i
}

var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'")

// Stem reduces one word to the form keywords are matched on: lower-cased,
// apostrophes normalised to ', a possessive 's dropped, then Porter-stemmed.
func Stem(word string) string {
	w := strings.ToLower(word)
	if strings.ContainsAny(w, "’ʼ") {
		w = apostrophes.Replace(w)
	}
	w = strings.TrimSuffix(w, "'s")
	// Most words fit in buf, which stays on the stack: stemming allocates
	// only the result.
	var buf [32]rune
	rs := buf[:0]
	for _, r := range w {
		rs = append(rs, r)
	}
	st := porterstemmer.StemWithoutLowerCasing(rs)
	// The stem is usually a prefix of the word ("workers" → "worker"): then
	// share the word's bytes rather than allocate.
	n := 0
	for _, r := range w {
		if n == len(st) || r != st[n] {
			break
		}
		n++
	}
	if n == len(st) {
		for i := range w {
			if n == 0 {
				return w[:i]
			}
			n--
		}
		return w
	}
	return string(st)
}

// KeywordStems returns the theme's keywords as sequences of stems, one
// sequence per keyword, in the order written. A keyword matches text whose
// Words have these stems consecutively.
func (t *Theme) KeywordStems() [][]string {
	out := make([][]string, 0, len(t.Keywords))
	for _, kw := range t.Keywords {
		ws := Words(kw)
		if len(ws) == 0 {
			continue // Parse rejects these; a hand-built Theme may not
		}
		stems := make([]string, len(ws))
		for i, w := range ws {
			stems[i] = w.Stem
		}
		out = append(out, stems)
	}
	return out
}
