package anon

import "strings"

// spelledNames finds a name spelled out letter by letter: "Kayleigh,
// K-A-Y-L-E-I-G-H", "summer, s u m m e r", "jo, j o". The joined letters
// must be a listed name or the same as a word just before, so "O-K" and
// "A-B-C" are left alone; two letters must be both.
func (s *scan) spelledNames() {
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || s.taken[i] && !s.blocked(i) {
			continue
		}
		letters, e := s.spelledAt(i)
		if len(letters) < 2 || s.timeOfDayAt(i, letters) {
			continue
		}
		said, ok := s.spelledIsName(i, letters)
		a := i
		if !ok {
			a, e, said, ok = s.spelledInRun(i, e)
		}
		// Two letters are a name only spelled after it: "jo, j o".
		if !ok || len(letters) == 2 && said < 0 {
			continue
		}
		s.add(s.toks[a].start, s.toks[e].end, Person, 0.8, "name spelled out letter by letter")
		s.take(s.toks[a].start, s.toks[e].end)
		if said >= 0 && !s.taken[said] {
			// The word spelled is the name, whatever its case: "called
			// summer, s u m m e r"; with its surname, if one follows
			// before the spelling: "katarzyna nowak k a t a r z y n a".
			last := said
			if x := s.extendName(said, false); x < a {
				last = x
			}
			end := s.toks[last].start + len(stripPossessive(s.word(last)))
			s.add(s.toks[said].start, end, Person, 0.8, "name spelled out after it")
			s.take(s.toks[said].start, s.toks[last].end)
		}
		i = e
	}
}

// spelledAt reads letters spelled from token i: one hyphenated token of
// single letters, or single-letter tokens in a row (with hyphens or spaces).
func (s *scan) spelledAt(i int) (string, int) {
	w := s.lower(i)
	if s.toks[i].hyph && strings.IndexByte(w, '-') > 0 {
		var b strings.Builder
		for p := range strings.SplitSeq(w, "-") {
			if len(p) != 1 {
				return "", i
			}
			b.WriteString(p)
		}
		return b.String(), i
	}
	if len(w) != 1 || s.glued(i) || i > 0 && s.toks[i-1].kind == tokWord && len(s.word(i-1)) == 1 ||
		i+1 >= len(s.toks) || s.toks[i+1].end-s.toks[i+1].start != 1 {
		return "", i
	}
	var b strings.Builder
	e := i
	for j := i; j < len(s.toks) && (j == i || !s.toks[j].nl); j++ {
		// "K-A-Y", "S, I, O, B", "S. I. O."
		if (s.punct(j, "-") || s.punct(j, ",") || s.punct(j, ".")) && j > i && j+1 < len(s.toks) && s.toks[j+1].kind == tokWord && len(s.word(j+1)) == 1 {
			continue
		}
		if s.toks[j].kind != tokWord || len(s.word(j)) != 1 {
			break
		}
		b.WriteString(s.lower(j))
		e = j
	}
	return b.String(), e
}

// spelledIsName reports whether letters spelled at token i are a name: the
// word said just before (returned, or -1), or a listed first name or surname.
func (s *scan) spelledIsName(i int, letters string) (int, bool) {
	if stop[letters] {
		return -1, false
	}
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if s.toks[j].kind == tokWord && foldAccents(s.key(j)) == letters {
			return j, len(letters) > 2 || s.d.lists.first[letters]
		}
	}
	return -1, s.d.lists.first[letters] || s.d.lists.sur[letters]
}

// spelledInRun finds a word said just before spelled out inside the run
// of single letters from token i to e, when the run as a whole is none:
// speech runs a spelling into the letters around it, "no begum with a u
// b e g u m", "katarzyna nowak k a t a r z y n a i don't know". Up to two
// letters may stand before the spelling and one after; the spelling must
// be four letters or more and the word said, so a stray letter joined to a
// name proves nothing. It returns the spelling's first and last tokens and
// the word said.
func (s *scan) spelledInRun(i, e int) (a, b, said int, ok bool) {
	var at []int // the run's single-letter tokens
	for j := i; j <= e; j++ {
		if s.toks[j].kind == tokWord && len(s.word(j)) == 1 {
			at = append(at, j)
		}
	}
	for lead := 0; lead <= 2; lead++ {
		for trail := 0; trail <= 1; trail++ {
			n := len(at) - lead - trail
			if n < 4 || lead+trail == 0 {
				continue
			}
			var w strings.Builder
			for _, j := range at[lead : lead+n] {
				w.WriteString(s.lower(j))
			}
			letters := w.String()
			a := at[lead]
			for j := a - 1; j >= 0 && j >= a-8; j-- {
				if s.toks[j].kind == tokWord && !stop[letters] && foldAccents(s.key(j)) == letters {
					return a, at[lead+n-1], j, true
				}
			}
		}
	}
	return i, e, -1, false
}

// accentFolder spells accented letters as their plain ones, as a name is
// spelled aloud: "Siobhán" is "S, I, O, B, H, A, N".
var accentFolder = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ö", "o", "ú", "u", "ù", "u", "ü", "u", "ç", "c",
	"ł", "l", "ń", "n", "ś", "s", "ź", "z", "ż", "z", "ć", "c", "ę", "e", "ą", "a", "ș", "s", "ț", "t", "ă", "a")

// foldAccents returns k with its accents dropped.
func foldAccents(k string) string {
	for i := 0; i < len(k); i++ {
		if k[i] >= 0x80 {
			return accentFolder.Replace(k)
		}
	}
	return k
}

// timeOfDayAt reports letters that start with "a m" or "p m" after a time,
// which are "a.m." or "p.m.", not a name: "at eight a.m. a lot of days".
func (s *scan) timeOfDayAt(i int, letters string) bool {
	if !strings.HasPrefix(letters, "am") && !strings.HasPrefix(letters, "pm") || i == 0 {
		return false
	}
	p := i - 1
	return s.toks[p].kind == tokNum || numberWords[s.key(p)] || s.is(p, "o'clock", "half", "quarter")
}
