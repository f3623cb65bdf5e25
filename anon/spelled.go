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
		if len(letters) < 2 {
			continue
		}
		said, ok := s.spelledIsName(i, letters)
		// Two letters are a name only spelled after it: "jo, j o".
		if !ok || len(letters) == 2 && said < 0 {
			continue
		}
		s.add(s.toks[i].start, s.toks[e].end, Person, 0.8, "name spelled out letter by letter")
		s.take(s.toks[i].start, s.toks[e].end)
		if said >= 0 && !s.taken[said] {
			// The word spelled is the name, whatever its case: "called
			// summer, s u m m e r".
			end := s.toks[said].start + len(stripPossessive(s.word(said)))
			s.add(s.toks[said].start, end, Person, 0.8, "name spelled out after it")
			s.take(s.toks[said].start, s.toks[said].end)
		}
		i = e
	}
}

// spelledAt reads letters spelled from token i: one hyphenated token of
// single letters, or single-letter tokens in a row (with hyphens or spaces).
func (s *scan) spelledAt(i int) (string, int) {
	w := s.lower(i)
	if strings.IndexByte(w, '-') > 0 {
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
		if s.punct(j, "-") && j > i {
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
		if s.toks[j].kind == tokWord && s.key(j) == letters {
			return j, len(letters) > 2 || s.d.lists.first[letters]
		}
	}
	return -1, s.d.lists.first[letters] || s.d.lists.sur[letters]
}
