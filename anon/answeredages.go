package anon

// answeredAges finds an age said as a turn of its own, or with a pronoun
// at a turn's start, answering the turn before: the age of someone named
// there ("sunny how old are you ⏎ p15: sixteen"), or a correction or an
// echo of an age found there ("hes twenty ⏎ p15: twenty one ⏎ p14: twenty
// one sorry", "hes like sixty ⏎ p14: hes sixty two"). A number read out
// (a phone, a date) goes on past it, and "twenty quid" counts things, so
// ageEnd has the last word.
func (s *scan) answeredAges() {
	prev, prevStart := -1, -1 // the line before: its first token after the label, and its start
	for i := 0; i < len(s.toks); i++ {
		if i > 0 && !s.toks[i].nl {
			continue
		}
		c := i + 2 // past "p15" and ":"
		if !s.labelAt(i) {
			prev, prevStart = -1, -1
			continue
		}
		if s.toks[i+1].kind == tokNum {
			c++
		}
		j := c
		if s.is(j, "hes", "shes", "he's", "she's", "he’s", "she’s") && j+1 < len(s.toks) && !s.toks[j+1].nl {
			j++
		}
		// The turn's own words first: most turns open with no age, and the
		// turn before is then not looked at.
		if prev >= 0 && j < len(s.toks) && !s.toks[j].nl && s.isAge(j) && !s.taken[j] {
			if end := s.ageEnd(j); end >= 0 && s.turnEndsOrGoesOn(end+1) && s.ageOfTurnBefore(prevStart, i) {
				s.add(s.toks[j].start, s.toks[end].end, AgeWithName, 0.7, "an age answering the turn before")
				s.take(s.toks[j].start, s.toks[end].end)
			}
		}
		prev, prevStart = c, i
	}
}

// ageOfTurnBefore reports an age found in the line from token a to b, or
// a question there asking a named person's age: "sunny how old are you".
func (s *scan) ageOfTurnBefore(a, b int) bool {
	from, to := s.toks[a].start, s.toks[b].start
	asked := false
	for k := a; k < b; k++ {
		if s.is(k, "how") && s.is(k+1, "old") {
			asked = true
		}
	}
	for _, f := range s.fs {
		if f.Start >= from && f.End <= to && (f.Kind == AgeWithName || asked && f.Kind == Person) {
			return true
		}
	}
	return false
}

// turnEndsOrGoesOn reports the end of a turn at token n, or a word that
// goes on from an age: "sorry", "last month", "now".
func (s *scan) turnEndsOrGoesOn(n int) bool {
	return n >= len(s.toks) || s.toks[n].nl || s.is(n, "sorry", "last", "now", "in", "next", "yeah", "no", "hes", "shes", "he's", "she's")
}
