package anon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokWord  tokKind = iota // letters, with inner apostrophes and hyphens
	tokNum                  // digits only
	tokAlnum                // letters and digits mixed: NG7, AB12, 31a
	tokPunct                // any other single non-space rune
)

type token struct {
	start, end int
	kind       tokKind
	sp         bool // whitespace before it
	nl         bool // a line break before it (or start of text)
	hyph       bool // a hyphen joins letters inside it ("Lacey-Mae"): most words have none to look for
	lower      bool // no capital and no non-ASCII byte: it is its own lower case
}

// isLetter is small enough to be inlined, as the tokenizer asks it of
// every token; other runes than ASCII take the call.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return isOtherLetter(r)
}

func isOtherLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isApos(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits text into tokens. It never fails: any byte sequence,
// valid UTF-8 or not, becomes tokens whose spans cover it in order.
func tokenize(text string) []token { return tokenizeInto(nil, text) }

// tokenizeInto is tokenize appending to toks.
func tokenizeInto(toks []token, text string) []token {
	if toks == nil {
		toks = make([]token, 0, len(text)/5+1)
	}
	sp, nl := false, true
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			sp = true // the commonest byte between tokens, before the general tests
			i++
			continue
		}
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' {
			sp, nl = true, true
			i += w
			continue
		}
		if unicode.IsSpace(r) {
			sp = true
			i += w
			continue
		}
		t := token{start: i, sp: sp, nl: nl}
		sp, nl = false, false
		if !isLetter(r) && !isDigit(r) {
			t.end, t.kind, t.lower = i+w, tokPunct, r < utf8.RuneSelf
			toks = append(toks, t)
			i += w
			continue
		}
		t.end, t.kind, t.hyph, t.lower = readWord(text, i)
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

// readWord reads the word starting at byte i: letters and digits, with
// inner apostrophes and hyphens joining letters. It returns where the word
// ends, its kind and the flags of a token (see token).
func readWord(text string, i int) (end int, kind tokKind, hyph, lower bool) {
	letters, digits := false, false
	// Every ASCII byte a word is joined from but capitals has bit 0x20
	// set: lower case letters, digits, apostrophe and hyphen.
	low, ascii := byte(0x20), true
	j := i
	for j < len(text) {
		// ASCII letters and digits first, without a call: most bytes.
		if c := text[j]; c|0x20 >= 'a' && c|0x20 <= 'z' {
			letters = true
			low &= c
			j++
			continue
		} else if c >= '0' && c <= '9' {
			digits = true
			j++
			continue
		} else if c < utf8.RuneSelf && c != '\'' && c != '-' {
			break // space or punctuation ends most words: no other case below takes it
		}
		r, w := rune(text[j]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[j:])
		}
		switch {
		case isLetter(r):
			ascii = false // the ASCII letters were the case above
			letters = true
		case isDigit(r):
			digits = true
		case (isApos(r) || r == '-') && letters && !digits:
			// Inner apostrophe or hyphen joins letters: O'Brien, Lacey-Mae, Jayden's.
			r2, _ := utf8.DecodeRuneInString(text[j+w:])
			if !isLetter(r2) {
				goto done
			}
			hyph = hyph || r == '-'
			ascii = ascii && r < utf8.RuneSelf
		default:
			goto done
		}
		j += w
	}
done:
	switch {
	case letters && digits:
		kind = tokAlnum
	case digits:
		kind = tokNum
	default:
		kind = tokWord
	}
	return j, kind, hyph, ascii && low != 0
}

// stripPossessive drops a trailing 's or ’s.
func stripPossessive(w string) string {
	n := len(w)
	if n < 3 {
		return w
	}
	// "Courtney'd been lifted", "Jade'll tell you": a name all the same.
	// The last bytes first, as this runs for every token looked up: "'d"
	// and "’d" have an apostrophe, or ’'s last byte 0x99, before the d;
	// "'ll" and "’ll" another l before the l.
	switch w[n-1] {
	case 'd':
		if c := w[n-2]; c != '\'' && c != 0x99 {
			return w
		}
		return cutContraction(w, "'d", "’d")
	case 'l':
		if w[n-2] != 'l' {
			return w
		}
		return cutContraction(w, "'ll", "’ll")
	case 's':
	default:
		return w
	}
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2]
	}
	if strings.HasSuffix(w, "’s") {
		return w[:len(w)-len("’s")]
	}
	return w
}

// cutContraction returns w without whichever of the contractions a and b it
// ends with, if a letter is left before it.
func cutContraction(w, a, b string) string {
	for _, c := range []string{a, b} {
		if strings.HasSuffix(w, c) && len(w) > len(c)+1 {
			return w[:len(w)-len(c)]
		}
	}
	return w
}

// word returns token i's text.
func (s *scan) word(i int) string {
	if uint(i) >= uint(len(s.toks)) {
		return "" // see lower
	}
	return s.text[s.toks[i].start:s.toks[i].end]
}

// lower returns token i's text in lower case, or "" when there is no token
// i: rules look a few words either side, and a short text must not panic.
func (s *scan) lower(i int) string {
	if uint(i) >= uint(len(s.lows)) {
		return ""
	}
	return s.lows[i]
}

// lowerAll works out every token's lower-case form and look-up key once, as
// every pass asks for them: a token with no capital and no non-ASCII byte is
// its own lower case, and the rest share one buffer rather than one
// allocation each.
func (s *scan) lowerAll() {
	s.lows = zeroed(s.bufs.lows, len(s.toks))
	s.keys = zeroed(s.bufs.keys, len(s.toks))
	buf := s.bufs.lowBuf[:0]
	spans := s.bufs.spans[:0] // token, offset in buf, length: for the tokens lowered into buf
	for i, t := range s.toks {
		w := s.text[t.start:t.end]
		if t.lower {
			s.lows[i] = w
			continue
		}
		at := len(buf)
		if isASCII(w) {
			for j := 0; j < len(w); j++ {
				c := w[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			buf = append(buf, strings.ToLower(w)...)
		}
		spans = append(spans, i, at, len(buf)-at)
	}
	all := string(buf)
	s.bufs.lowBuf, s.bufs.spans = buf[:0], spans[:0]
	for k := 0; k < len(spans); k += 3 {
		s.lows[spans[k]] = all[spans[k+1] : spans[k+1]+spans[k+2]]
	}
	n := len(s.toks)
	d := zeroed(s.bufs.digests, 2*n)
	s.lowDigest, s.keyDigest = d[:n:n], d[n:]
	s.bufs.digests = d[:0]
	for i, l := range s.lows {
		h := digest(l)
		if contractionDigests.has(h) {
			if c, ok := bareContractions[l]; ok {
				l, h = c, digest(c)
				s.lows[i] = l
			}
		}
		k := stripPossessive(l)
		s.keys[i] = k
		s.lowDigest[i] = h
		s.keyDigest[i] = h
		if len(k) != len(l) {
			s.keyDigest[i] = digest(k)
		}
	}
}

func isASCII(w string) bool {
	for j := 0; j < len(w); j++ {
		if w[j] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// bareContractions maps a contraction as speech-to-text writes it, with no
// apostrophe, that is no other word ("shes nine", "hes my brother"), to its
// written form. Read as their written form, every rule that looks for
// "she's" sees them.
var bareContractions = map[string]string{
	"hes": "he's", "shes": "she's", "whos": "who's", "im": "i'm", "ive": "i've", "youre": "you're",
	"theyre": "they're", "weve": "we've", "theyve": "they've", "dont": "don't", "doesnt": "doesn't",
	"didnt": "didn't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't",
	"shouldnt": "shouldn't", "isnt": "isn't", "wasnt": "wasn't", "werent": "weren't",
	"arent": "aren't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "thats": "that's",
	"whats": "what's", "wheres": "where's", "theres": "there's", "heres": "here's",
}

// contractionDigests holds the digests of bareContractions' keys: lowerAll
// tests one bit per token before looking one up.
var contractionDigests = func() (d digestSet) {
	for w := range bareContractions {
		d.add(w)
	}
	return d
}()

// key returns token i in lower case without a possessive 's: the form looked
// up in name lists.
func (s *scan) key(i int) string {
	if uint(i) >= uint(len(s.keys)) {
		return "" // see lower
	}
	return s.keys[i]
}

// is reports whether token i exists and is, case-insensitively, one of ws.
func (s *scan) is(i int, ws ...string) bool {
	if uint(i) >= uint(len(s.lows)) { // one per token, as for toks
		return false
	}
	l := s.lows[i]
	for _, w := range ws {
		// The first bytes before the call comparing the rest: most words
		// of a cue's length are another word. l is never empty.
		if len(l) == len(w) && l[0] == w[0] && l == w {
			return true
		}
	}
	return false
}

// punct reports whether token i is the punctuation p.
func (s *scan) punct(i int, p string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tokPunct && s.word(i) == p
}

// capital reports whether token i is a word starting with a capital and not
// shouting in capitals throughout (NHS, DWP).
func (s *scan) capital(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tokWord || s.toks[i].lower {
		return false // most words: no capital anywhere, nor any other letter
	}
	w := s.word(i)
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := stripPossessive(w[n:])
	// Any letter that is not already upper case makes it a capital, not
	// shouting; checked rune by rune, as this runs on every word.
	for _, r := range rest {
		if unicode.ToUpper(r) != r {
			return true
		}
	}
	return len(rest) < 2 && !strings.ContainsAny(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

// sentenceStart reports whether token i begins a sentence, a line or a
// speaker turn, where capitals say nothing about names.
func (s *scan) sentenceStart(i int) bool {
	if i == 0 || s.toks[i].nl {
		return true
	}
	p := i - 1
	if p >= 0 && s.toks[p].kind == tokPunct && strings.ContainsAny(s.word(p), "\"“‘'([") {
		return true // quoted speech or a bracket opens a sentence
	}
	if s.toks[p].kind == tokPunct {
		w := s.word(p)
		return w == "." || w == "!" || w == "?" || w == ":" || w == "…" || w == ";" || w == "]"
	}
	return false
}

// shouted reports a word of two letters or more all in capitals: an
// acronym, a code or emphasis ("GP", "WE", "DID NOT"), which notes typed in
// lower case still have, so it says nothing about whether the writer uses
// capitals for names.
func shouted(w string) bool {
	if len(w) < 2 {
		return false
	}
	// ASCII without building the upper case: readCase asks it of a
	// capital word on nearly every line.
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToUpper(w) == w
		}
		if 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// Line case, per token in scan.lineCase.
const (
	lineCapitals = -1 // a word on the line has a capital
	lineLower    = 1  // no capitals, and a sign they were left out
	lineNoSign   = 2  // no capitals, but nothing shows they were left out
)

// caseless reports whether the line holding token i is speech-to-text
// output, where capitals cannot be a cue: no capitals in its words (apart
// from "I", a speaker label and words all in capitals), and either a sign that capitals were left
// out on the line (see lowerSign) or a whole text of such lines. A short
// typed line with no names ("I mean, my mum got through to the nurse
// twice.") has no capitals after "I" either, but starts with one.
func (s *scan) caseless(i int) bool {
	if s.lineCase == nil {
		s.readCase() // once: the test here keeps the call out of the hundreds of asks after
	}
	return uint(i) < uint(len(s.lineCase)) && s.lineCase[i] == lineLower // no token i: see lower
}

// allCaseless reports whether the whole text is speech-to-text output (see
// caseless), where lower case cannot tell names from words.
func (s *scan) allCaseless() bool {
	s.readCase()
	return s.noCaps > 0
}

// readCase works out each line's case once, and the text's.
func (s *scan) readCase() {
	if s.lineCase != nil {
		return
	}
	s.lineCase = zeroed(s.bufs.lineCase, len(s.toks))
	s.noCaps = -1
	capitals, signs := false, false
	start := 0
	for j := 0; j <= len(s.toks); j++ {
		if j < len(s.toks) && (j == start || !s.toks[j].nl) {
			continue
		}
		v := int8(lineNoSign)
		words := 0 // words so far on the line
		for k := start; k < j; k++ {
			if s.toks[k].kind != tokWord {
				continue
			}
			words++
			w := s.word(k)
			// A label ("Interviewer:", "Speaker 2:") is typed by the
			// researcher, not transcribed.
			label := words == 1 && s.labelAt(k)
			// "NE 55 20 83 D", "band D": a letter in a code.
			code := len(w) == 1 && k > 0 && (s.toks[k-1].kind == tokNum || s.toks[k-1].kind == tokAlnum || s.is(k-1, "band", "plan", "grade", "type"))
			// Not marked lower and ASCII: it has a capital, without lower-casing it.
			if !isPronounI(w) && !s.toks[k].lower && (isASCII(w) || strings.ToLower(w) != w) && !label && !shouted(w) && !code {
				v = lineCapitals
				break
			}
			if v == lineNoSign && !label && s.lowerSign(k, words == 1) {
				v = lineLower
			}
		}
		for k := start; k < j; k++ {
			s.lineCase[k] = v
		}
		capitals = capitals || v == lineCapitals
		signs = signs || v == lineLower
		start = j
	}
	if !capitals && signs {
		// A text of such lines: those without a sign are caseless too.
		s.noCaps = 1
		for k, v := range s.lineCase {
			if v == lineNoSign {
				s.lineCase[k] = lineLower
			}
		}
	}
}

// lowerSign reports whether lower-case word k shows that capitals were left
// out: "i" for "I", or a line's first word or a sentence's in lower case. A
// word in brackets ("[sighs]") is a stage direction, not a sentence.
func (s *scan) lowerSign(k int, firstWord bool) bool {
	w := s.word(k)
	if w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
		return true
	}
	if isPronounI(w) || s.punct(k-1, "[") || s.punct(k-1, "(") {
		return false
	}
	return firstWord || s.punct(k-1, ".") || s.punct(k-1, "?") || s.punct(k-1, "!") || s.punct(k-1, ":") || s.punct(k-1, "…")
}

// isPronounI reports whether w is "I", "I'm", "I’ll" and the like.
func isPronounI(w string) bool {
	return w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’")
}

// labelAt reports whether token k is followed by a speaker label's colon,
// directly or after a number: "Interviewer:", "Speaker 2:".
func (s *scan) labelAt(k int) bool {
	if k+1 < len(s.toks) && s.toks[k+1].kind == tokNum {
		k++
	}
	return s.punct(k+1, ":")
}
