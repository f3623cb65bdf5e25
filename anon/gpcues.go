package anon

// gpAnswers finds a GP surgery named bare as the answer to talk of doctors
// in the turn before: "Which GP are you with? ⏎ P01: Atherleigh Park, it
// used to be…", "What about doctors? ⏎ P01: We're at Lever Chambers.",
// "Liquorpond Surgery… ⏎ F2: Us too, Liquorpond." Four writers' sets
// (dev4, dev13, dev14, dev15) answer so. The name opens the turn, alone
// or after "we're at", "I am at the", "we are with", "us too", and ends
// the clause; it is no listed first name alone (a receptionist's), no
// common word and nothing declared.
func (s *scan) gpAnswers() {
	prev := -1 // the first token of the line before
	for k := 0; k < len(s.toks); k++ {
		if k > 0 && !s.toks[k].nl {
			continue
		}
		line := k
		if s.labelAt(k) && prev >= 0 {
			s.gpAnswer(k, prev)
		}
		prev = line
	}
}

// gpTalk reports talk of a GP on the line of tokens from..to-1: a word for
// one, or a surgery found there.
func (s *scan) gpTalk(from, to int) bool {
	for k := from; k < to; k++ {
		if s.toks[k].kind == tokWord && gpWords[s.key(k)] {
			return true
		}
	}
	for _, f := range s.fs {
		if f.Kind == GPSurgery && f.Start >= s.toks[from].start && f.End <= s.toks[to-1].end {
			return true
		}
	}
	return false
}

// gpWords say a turn is about a GP.
var gpWords = set("gp gps gp's doctor doctors doctor's surgery surgeries registered")

// gpAnswer flags the surgery named at the start of the turn whose label is
// at token k, if the line from token prev talks of a GP. The name is
// tested first: most turns open with none.
func (s *scan) gpAnswer(k, prev int) {
	j := k + 2 // past the label's colon
	if s.toks[k+1].kind == tokNum {
		j++
	}
	switch {
	case s.is(j, "we're", "were", "i'm", "im", "she's", "shes", "he's", "hes") && s.is(j+1, "at", "with"):
		j += 2
	case s.is(j, "we", "i") && s.is(j+1, "are", "am") && s.is(j+2, "at", "with"):
		j += 3
	case s.is(j, "us") && s.is(j+1, "too") && s.punct(j+2, ","):
		j += 3
	}
	bare := j == k+2 || j == k+3 && s.toks[k+1].kind == tokNum
	if s.is(j, "the") {
		j++
	}
	e := s.gpNameEnd(j)
	// A word alone opening the turn may be someone spoken to: "Chi, you
	// should ask for Dr Morrison".
	if e < 0 || bare && e == j && s.punct(e+1, ",") || !s.gpTalk(prev, k) {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, GPSurgery, 0.6, "name answering talk of a GP in the turn before")
	s.take(s.toks[j].start, s.toks[e].end)
}

// gpNameEnd returns the last token of a surgery's name of one to three
// words from j that ends its clause (a stop, a comma, the line's end, or
// "in" and a place), or -1.
func (s *scan) gpNameEnd(j int) int {
	if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || s.blocked(j) {
		return -1
	}
	e := -1
	for k := j; k < j+3 && k < len(s.toks) && !s.toks[k].nl && !s.taken[k] && !s.blocked(k); k++ {
		w := s.key(k)
		name := s.capital(k) && (k > j || !stop[w]) || s.caseless(k) && (k > j && s.nameWord(k) || s.lowerSchoolName(k))
		if !name || titles[w] || notInstitutionNames[w] || notEmployers[w] || kin[w] || k == j && genericInstitution[w] {
			break
		}
		e = k
	}
	// One word alone must be a name: no listed first name or surname (a
	// receptionist's, a doctor's), no common word ("Understood."), nothing
	// said with a possessive ("mine's in oxford").
	w := s.key(j)
	if e < 0 || e == j && (s.d.lists.first[w] || s.d.lists.sur[w] || wordLike(w) || w != s.lower(j)) {
		return -1
	}
	n := e + 1
	if n < len(s.toks) && !s.toks[n].nl && !s.punct(n, ".") && !s.punct(n, ",") && !s.is(n, "in", "on") {
		return -1
	}
	return e
}
