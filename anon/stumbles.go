package anon

// correctedNames flags a listed first name said twice in lower-case speech,
// straight away or across a self-correction: "pat pat was brilliant",
// "frank no frank was", "precious no not precious", "mick well mick comes".
// A speaker repeats a word as a stumble, but a name that is also a word is
// rarely said twice over unless it is meant as the name; the repeat is the
// cue no single mention gives.
func (s *scan) correctedNames() {
	if !s.anySpeech() {
		return // repeatable, which every name flagged passes, needs a line of speech
	}
	for i := 0; i+1 < len(s.toks); i++ {
		if s.toks[i].kind != tokWord {
			continue
		}
		j := i + 1
		for n := 0; n < 2 && j < len(s.toks) && !s.toks[j].nl && s.cls[j]&wCorrection != 0 && correctionWords[s.lower(j)] && s.toks[j].kind == tokWord; n++ {
			j++
		}
		// The repeat first: it is cheap and rare, the checks after it are not.
		if j >= len(s.toks) || s.toks[j].nl || s.toks[j].kind != tokWord || s.key(j) != s.key(i) || s.capital(j) || !s.repeatable(i) {
			continue
		}
		for _, p := range []int{i, j} {
			if !s.taken[p] {
				s.add(s.toks[p].start, s.toks[p].start+len(stripPossessive(s.word(p))), Person, 0.75, "a name said twice over")
				s.take(s.toks[p].start, s.toks[p].end)
			}
		}
		i = j
	}
}

// repeatable reports a listed first name at token i, lower case on a line
// of speech, not a stop word nor a modal ("will will"), that has not been
// read as something else.
func (s *scan) repeatable(i int) bool {
	if s.toks[i].kind != tokWord || s.capital(i) || !s.speechLine(i) {
		return false
	}
	k := s.key(i)
	first, _ := hyphenName(k, s.d.lists)
	return first && !stop[k] && !modalNames[k] && (!s.taken[i] || s.personAt(i)) && !s.inSpokenAddress(i) && !s.notAName(i)
}

// personAt reports a person found that covers token i.
func (s *scan) personAt(i int) bool {
	for _, f := range s.fs {
		if f.Kind == Person && f.Start <= s.toks[i].start && s.toks[i].end <= f.End+1 {
			return true
		}
	}
	return false
}

// correctionWords stand between a name and its repeat in a self-correction.
var correctionWords = set("no not um erm er uh sorry well")
