package anon

import "strings"

// places finds addresses, schools, GP surgeries and employers. Declared
// vocabulary may be part of them ("6 Colwick Road"): it only stops a finding
// that lies wholly inside it.
func (s *scan) places() {
	for i := 0; i < len(s.toks); i++ {
		switch {
		case s.toks[i].kind == tokNum || s.toks[i].kind == tokAlnum:
			s.address(i)
		case s.toks[i].kind == tokWord:
			s.street(i)
			s.institution(i)
			s.employer(i)
		}
	}
}

// nameWord reports whether token i can be part of a proper name: a
// capitalised word, or in lower-case text any word that is not a common one.
func (s *scan) nameWord(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tokWord || s.taken[i] && !s.blocked(i) || s.toks[i].nl {
		return false
	}
	if s.capital(i) {
		return true
	}
	return s.caseless(i) && !stop[s.key(i)]
}

// blocked reports whether token i is declared vocabulary or an agency name
// (taken, but not by another finding).
func (s *scan) blocked(i int) bool { return s.block != nil && s.block[i] }

// streetEnd returns the index of a street type ending a street name that
// starts at token i, or -1: "Larch Close", "St Ann's Well Road".
func (s *scan) streetEnd(i int) int {
	for j := i; j < i+5 && j < len(s.toks); j++ {
		if j > i && streetTypes[s.key(j)] && s.toks[j].kind == tokWord && !s.toks[j].nl {
			return j
		}
		if !s.nameWord(j) {
			return -1
		}
	}
	return -1
}

// address: a house number, a street name and a street type, with an
// optional flat before it: "flat 3, 22 Mill Road".
func (s *scan) address(i int) {
	w := s.word(i)
	if len(w) > 5 || s.glued(i) || s.toks[i].kind == tokAlnum && (!isASCIILetter(w[len(w)-1]) || len(w) < 2 || strings.IndexFunc(w[:len(w)-1], func(r rune) bool { return !isDigit(r) }) >= 0) {
		return
	}
	if w[0] == '0' || i > 0 && s.punct(i-1, "£") {
		return
	}
	j := i + 1
	if s.punct(j, ",") {
		j++
	}
	e := s.streetEnd(j)
	if e < 0 {
		return
	}
	start := i
	// flat 3, / Flat 2b,
	p := i - 1
	if s.punct(p, ",") {
		p--
	}
	if p >= 1 && (s.toks[p].kind == tokNum || s.toks[p].kind == tokAlnum) && s.is(p-1, "flat", "apartment", "unit", "apt") {
		start = p - 1
	}
	s.add(s.toks[start].start, s.toks[e].end, Address, 0.9, "house number and street")
	s.take(s.toks[start].start, s.toks[e].end)
}

// street: a street named without a number after a cue like "on" or "down":
// "lives on Alder Grove". Common street names (High Street) identify nobody.
func (s *scan) street(i int) {
	if !s.is(i, "on", "off", "down", "along", "up") {
		return
	}
	j := i + 1
	if s.is(j, "the") {
		j++
	}
	e := s.streetEnd(j)
	if e < 0 {
		return
	}
	generic := true
	for k := j; k < e; k++ {
		if !genericStreets[s.key(k)] {
			generic = false
		}
	}
	if generic {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, Address, 0.6, "street name after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// institution: capitalised words ending in School, Primary, Academy, Surgery,
// Medical Centre and the like: "St Mary's Primary", "Oakfield Surgery".
func (s *scan) institution(i int) {
	k := s.key(i)
	kind := School
	b := i // first word of the institution type
	switch {
	case schoolWords[k]:
		if schoolWords[s.keyAt(i+1)] {
			return // "Primary School": let "School" decide
		}
		if s.is(i-1, "high", "grammar", "junior", "infant", "primary", "secondary") {
			b = i - 1
		}
	case surgeryWords[k]:
		kind = GPSurgery
		if s.is(i-1, "medical", "family", "health") {
			b = i - 1
		}
	case k == "centre" || k == "center":
		if !s.is(i-1, "medical", "health") {
			return
		}
		kind, b = GPSurgery, i-1
	default:
		return
	}
	if !s.capital(i) && !s.caseless(i) {
		return
	}
	start := b
	named := false
	for j := b - 1; j >= 0 && j >= b-6; j-- {
		if s.toks[j+1].nl {
			break
		}
		if s.punct(j, ".") && s.is(j-1, "st") {
			continue
		}
		if s.is(j, "of", "on", "upon", "&", "and", "de", "the") && j < b-1 && s.nameWord(j-1) {
			continue
		}
		if !s.nameWord(j) {
			break
		}
		start = j
		if !genericInstitution[s.key(j)] && !stop[s.key(j)] {
			named = true
		}
	}
	if !named {
		return
	}
	reason := "capitalised name of a school"
	if kind == GPSurgery {
		reason = "capitalised name of a GP surgery"
	}
	s.add(s.toks[start].start, s.toks[i].end, kind, 0.85, reason)
	s.take(s.toks[start].start, s.toks[i].end)
}

// keyAt is key(i), or "" past the end.
func (s *scan) keyAt(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.key(i)
}

// employerFirst holds the first words of employerCues, a cheap filter.
var employerFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range employerCues {
		m[c[0]] = true
	}
	return m
}()

// employer: a name after "works at", "job at", "employed by" and the like.
func (s *scan) employer(i int) {
	if !employerFirst[s.lower(i)] {
		return
	}
	n := 0
	for _, c := range employerCues {
		ok := true
		for j, w := range c {
			if !s.is(i+j, w) {
				ok = false
				break
			}
		}
		if ok {
			n = len(c)
			break
		}
	}
	if n == 0 {
		return
	}
	j := i + n
	if s.is(j, "the") {
		j++
	}
	if j >= len(s.toks) || notEmployers[s.key(j)] || s.blocked(j) || !s.nameWord(j) {
		return
	}
	e := j
	max := 4
	if s.caseless(j) {
		max = 1 // without capitals we cannot tell where the name ends
	}
	for k := j + 1; k < j+max && k < len(s.toks); k++ {
		if s.is(k, "and", "&", "of") && s.nameWord(k+1) && k+1 < j+max {
			continue
		}
		if !s.nameWord(k) || s.blocked(k) {
			break
		}
		e = k
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.75, "employer after \""+s.word(i)+" "+s.word(i+1)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}
