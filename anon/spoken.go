package anon

import (
	"strings"
)

// Spoken identifiers: numbers and codes read aloud ("oh seven seven double
// oh, nine double oh ...", "l s twelve four d p", "S-eleven, eight-R-T").
// The words are read into characters, then the joined characters must pass
// the same validation as the written form: a UK phone number, an NHS number's
// check digit, a real postcode, NI prefix or vehicle plate.

// teens and tens are number words that stand for two digits.
var teens = map[string]string{"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19"}
var tens = map[string]string{"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
	"eighty": "8", "ninety": "9"}

// piece is one spoken element read into characters, ending at token end.
type piece struct {
	chars string
	end   int // last token index
	word  bool
}

// spokenPart reads one word part (a token or one part of a hyphenated
// token) into characters: a digit word, a number word, a single letter.
// "double"/"treble" return "*2"/"*3".
func spokenPart(w string) string {
	if d := digitWords[w]; d != "" && d != "*" {
		return d
	}
	switch w {
	case "hundred":
		return "00" // "oh seven seven hundred, nine hundred …"
	case "plus":
		return "+" // "plus four four": the country code
	case "double":
		return "*2"
	case "treble", "triple":
		return "*3"
	}
	if t := teens[w]; t != "" {
		return t
	}
	if t := tens[w]; t != "" {
		return t + "0"
	}
	if len(w) == 1 && (isASCIILetter(w[0]) || isDigit(rune(w[0]))) {
		return strings.ToUpper(w)
	}
	return natoLetters[w]
}

// natoLetters are the police and radio alphabet: officers read plates and
// postcodes as "yankee delta seven one romeo tango kilo". Some letters'
// names are here too.
var natoLetters = map[string]string{"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
	"foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
	"mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T",
	"uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X", "yankee": "Y", "zulu": "Z",
	// Letters' own names as speech-to-text writes them ("dee dee four nine
	// e x" is DD4 9EX), where they are no everyday word.
	"aitch": "H", "haitch": "H", "dee": "D", "cee": "C", "zed": "Z", "ess": "S", "vee": "V", "ell": "L"}

// spokenStart reports whether token i can start a code read aloud.
func (s *scan) spokenStart(i int) bool {
	t := s.toks[i]
	if t.kind != tokWord || s.taken[i] {
		return false
	}
	if t.end-t.start == 1 || s.class(i)&(wDigit|wNATO) != 0 {
		return true
	}
	if s.is(i, "plus") {
		return i+1 < len(s.toks) && s.class(i+1)&wDigit != 0
	}
	// "jk one two three …", "LS 6 4QT": letters said as a group.
	if n := t.end - t.start; n >= 2 && n <= 3 && i+1 < len(s.toks) && !s.toks[i+1].nl && (s.toks[i+1].kind == tokNum || s.class(i+1)&wDigit != 0) {
		return s.letterGroup(i) != ""
	}
	if !t.hyph {
		return false
	}
	w := s.word(i)
	h := strings.IndexByte(w, '-')
	return h > 0 && spokenPart(strings.ToLower(w[:h])) != ""
}

// readSpoken reads pieces from token i: spoken parts, single digits and
// short digit groups, with commas, dashes and "..." pauses between groups,
// on one line. It stops at anything else.
func (s *scan) readSpoken(i int) []piece {
	var ps []piece
	rep := 0
	for j := i; j < len(s.toks) && len(ps) < 24; j++ {
		t := s.toks[j]
		if j > i && t.nl {
			break
		}
		switch t.kind {
		case tokPunct:
			w := s.word(j)
			if (w == "," || w == "-" || w == "…" || w == ".") && len(ps) > 0 && j+1 < len(s.toks) && !s.toks[j+1].nl {
				if w == "." && !(s.punct(j+1, ".") || s.punct(j-1, ".")) {
					return ps // a full stop ends it
				}
				continue
			}
			return ps
		case tokNum:
			if len(s.word(j)) > 4 {
				return ps
			}
			ps = append(ps, piece{chars: s.repeat(s.word(j), &rep), end: j})
			continue
		case tokAlnum:
			if len(s.word(j)) > 4 {
				return ps
			}
			ps = append(ps, piece{chars: strings.ToUpper(s.word(j)), end: j})
			continue
		}
		w := s.lower(j)
		if noises[w] && len(ps) > 0 && rep == 0 {
			continue // "oh seven seven double oh um nine …"
		}
		if g := s.letterGroup(j); g != "" {
			ps = append(ps, piece{chars: g, end: j, word: true})
			continue
		}
		if l := natoLetters[w]; l != "" && strings.IndexByte(w, '-') > 0 {
			ps = append(ps, piece{chars: l, end: j, word: true}) // "x-ray"
			continue
		}
		if w == "x" && s.is(j+1, "ray") && !s.toks[j+1].nl {
			ps = append(ps, piece{chars: "X", end: j + 1, word: true}) // "x ray" as speech-to-text writes it
			j++
			continue
		}
		var chars string
		for part := range strings.SplitSeq(w, "-") {
			c := spokenPart(part)
			if c == "" {
				return ps
			}
			if c[0] == '*' {
				if rep > 0 {
					return ps
				}
				rep = int(c[1] - '0')
				continue
			}
			// "seventy one": tens then a digit is two digits.
			if len(chars) > 0 && len(c) == 1 && chars[len(chars)-1] == '0' && tens[lastPart(w, part)] != "" && isDigit(rune(c[0])) {
				chars = chars[:len(chars)-1]
			}
			chars += s.repeat(c, &rep)
		}
		if len(ps) > 0 && len(chars) == 1 && isDigit(rune(chars[0])) && chars != "0" && tens[s.lower(ps[len(ps)-1].end)] != "" && rep == 0 && ps[len(ps)-1].end == j-1 {
			// "seventy one" across two tokens
			p := &ps[len(ps)-1]
			p.chars = p.chars[:len(p.chars)-1] + chars
			p.end = j
			continue
		}
		ps = append(ps, piece{chars: chars, end: j, word: true})
	}
	return ps
}

// letterGroup returns token j's letters in upper case when it is two or
// three letters said together inside a code ("jk", "qt", "NE"): typed in
// capitals, or in lower-case speech-to-text, and no word ("is", "um", "bus"
// is lower case in typed text). It returns "" otherwise.
func (s *scan) letterGroup(j int) string {
	t := s.toks[j]
	if t.kind != tokWord || t.end-t.start < 2 || t.end-t.start > 3 || s.class(j)&(wDigit|wNATO) != 0 {
		return ""
	}
	w := s.word(j)
	for k := 0; k < len(w); k++ {
		if !isASCIILetter(w[k]) {
			return ""
		}
	}
	l := s.lower(j)
	if w != strings.ToUpper(w) && (!s.caseless(j) || stop[l] || wordLike(l) || noises[l]) {
		return ""
	}
	return strings.ToUpper(w)
}

// noises are the sounds speech-to-text writes between words.
var noises = set("um erm er uh uhm ah eh hm hmm mm oo ooh aw")

// lastPart is a helper for hyphenated tens ("seventy-one"): the part before
// part in w, or "".
func lastPart(w, part string) string {
	k := strings.Index(w, "-"+part)
	if k < 0 {
		return ""
	}
	prev := w[:k]
	if h := strings.LastIndexByte(prev, '-'); h >= 0 {
		prev = prev[h+1:]
	}
	return prev
}

// repeat applies a pending "double" or "treble" to c's first character.
func (s *scan) repeat(c string, rep *int) string {
	if *rep == 0 {
		return c
	}
	n := *rep
	*rep = 0
	return strings.Repeat(c[:1], n-1) + c
}

var (
	spokenPostRe = lazyRE(`^([A-Z]{1,2})(\d[A-Z\d]?)([\dO][ABD-HJLNP-UW-Z]{2})$`) // "thirty one o n t": O read for 0
	spokenNIRe   = lazyRE(`^([A-Z]{2})\d{6}([A-D])$`)
	spokenVehRe  = lazyRE(`^([A-Z]{2})(\d{2})([A-Z]{3})$`)
)

// spoken looks for a code read aloud from token i. It returns the last
// token it consumed, or i.
func (s *scan) spoken(i int) int {
	// Most starts are "a", "i" or "one" in a sentence: a code needs another
	// spoken part next, or a hyphenated one here.
	n := i + 1
	if n < len(s.toks) && s.toks[n].kind == tokPunct {
		n++
	}
	if n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokWord && !s.spokenStart(n) && strings.IndexByte(s.word(i), '-') < 0 {
		return i
	}
	ps := s.readSpoken(i)
	words := 0
	for _, p := range ps {
		if p.word {
			words++
		}
	}
	if len(ps) < 2 || words < 2 {
		return i
	}
	// Longest validating prefix wins. A whole plate read letter by letter
	// is a vehicle even without a cue (seven spelled characters that make a
	// valid plate are rarely anything else but a reference, which a word
	// like "ref" introduces); its postcode-shaped first six ("l d six eight
	// x w", then "n") are then no postcode.
	ref := s.referenceBefore(s.toks[i].start)
	// A code may start a word or two in: "a black golf c x sixty seven b h
	// d" (golf the car, not G), "it's a c x …".
	for off := 0; off <= 2 && len(ps)-off >= 2; off++ {
		first := i
		if off > 0 {
			first = ps[off-1].end + 1
			for first < ps[off].end && s.toks[first].kind == tokPunct {
				first++
			}
		}
		for n := len(ps); n >= off+2; n-- {
			joined := joinPieces(ps[off:n])
			k, reason := s.spokenKind(joined, first)
			if k == "" && !ref && plate(joined) {
				k, reason = Vehicle, "vehicle registration spelled out"
			}
			if k != "" {
				start, end := s.toks[first].start, s.toks[ps[n-1].end].end
				s.add(start, end, k, 0.8, reason)
				s.take(start, end)
				return ps[n-1].end
			}
		}
	}
	return i
}

// joinPieces joins the characters of pieces.
func joinPieces(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.chars)
	}
	return b.String()
}

// spokenKind validates the joined characters of a code read aloud.
func (s *scan) spokenKind(j string, i int) (Kind, string) {
	if strings.Contains(j, "+") {
		// Only a leading "plus four four" counts: "+44 7700..." is "07700...".
		rest, ok := strings.CutPrefix(j, "+44")
		if !ok || strings.Trim(rest, "0123456789") != "" || !isUKPhone("0"+rest) || s.referenceBefore(s.toks[i].start) {
			return "", ""
		}
		return Phone, "UK phone number read out with +44"
	}
	if strings.Trim(j, "0123456789O") == "" && strings.Count(j, "O") <= len(j)/2 {
		// A typed "O" read for zero: "O7700 nine double oh..."
		j = strings.ReplaceAll(j, "O", "0")
		switch {
		case len(j) == 10 && nhsValid(j):
			return NHSNumber, "NHS number read out, valid check digit"
		case isUKPhone(j) && !s.referenceBefore(s.toks[i].start):
			return Phone, "UK phone number read out"
		}
		return "", ""
	}
	if m := spokenNIRe.FindStringSubmatch(j); m != nil && niValid(m[1], m[2]) {
		return NINumber, "National Insurance number spelled out, valid prefix"
	}
	if m := spokenPostRe.FindStringSubmatch(j); m != nil && postcodeAreas[m[1]] {
		return Postcode, "postcode spelled out, valid once joined"
	}
	if plate(j) && s.vehicleCue(i) && !s.referenceBefore(s.toks[i].start) {
		return Vehicle, "vehicle registration spelled out"
	}
	return "", ""
}

// plate reports whether j is a current-format UK plate: a memory tag, a
// valid age identifier and no I or Q in the letters.
func plate(j string) bool {
	m := spokenVehRe.FindStringSubmatch(j)
	if m == nil || !strings.ContainsRune(vehicleTags, rune(m[1][0])) || strings.ContainsAny(m[1][1:]+m[3], "IQ") || m[1][1] == 'Z' {
		return false
	}
	age := int(m[2][0]-'0')*10 + int(m[2][1]-'0')
	return age >= 2 && age <= 29 || age >= 51 && age <= 79
}
