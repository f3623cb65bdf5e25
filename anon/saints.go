package anon

// saintSchools finds a school named bare by its saint where a child goes:
// "Kuba is at St Ethelbert's", "mine are at st pauls", "she goes up to st
// wilfrids", "she's at our lady of peace". Three writers' sets (dev13, dev14,
// dev15) name church schools so and the older rules took only "goes to".
// The name needs a cue of going or being there and school talk near it; a
// church, a hospital, a street or a saint's day after it is no school.
func (s *scan) saintSchools() {
	for i := 0; i+1 < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || !(s.class(i)&wCue != 0 && s.is(i, "st", "saint") || s.is(i, "our")) || s.taken[i] {
			continue
		}
		e := s.saintEnd(i)
		if e < 0 || !s.saintCue(i) || !s.schoolNear(i, e) {
			continue
		}
		s.add(s.toks[i].start, s.toks[e].end, School, 0.65, "saint's name where a child goes, school talk beside it")
		s.take(s.toks[i].start, s.toks[e].end)
	}
}

// saintEnd returns the last token of a saint's name starting at i ("St
// Anne's", "st. luke's", "saint wilfrids", "Our Lady of Peace", "Our Lady
// and St Paul's", "St Barnabas and St Paul's", with a head such as "C of E"
// after it), or -1 when there is none or what follows makes it something
// else: "St John's church", "St Ann's Road", "St George's Day".
func (s *scan) saintEnd(i int) int {
	e := -1
	switch {
	case s.is(i, "our"):
		if !s.is(i+1, "lady") {
			return -1
		}
		if s.is(i+2, "and") {
			e = s.saintWord(i + 3) // "Our Lady and St Paul's"
		} else if n := s.dedicationAt(i, dedications[0]); n > 0 {
			e = i + n - 1
		}
	default:
		e = s.saintWord(i)
	}
	if e < 0 {
		return -1
	}
	if s.is(e+1, "and") {
		if f := s.saintWord(e + 2); f > 0 {
			e = f // "st barnabas and st paul's"
		}
	}
	for e+1 < len(s.toks) && !s.toks[e+1].nl && dedicationHeads[s.lower(e+1)] {
		e++
	}
	if n := s.keyAt(e + 1); notSchoolAfter[n] || streetTypes[n] || institutionHeads[n] || n == "day" || n == "well" {
		return -1
	}
	return e
}

// saintWord returns the saint's name word of "St X" or "Saint X" at i, or -1.
// Typed text needs capitals; speech-to-text drops the apostrophe ("st
// marys"), so any word but a small one may follow there.
func (s *scan) saintWord(i int) int {
	if !s.is(i, "st", "saint") || s.taken[i] && !s.blocked(i) {
		return -1
	}
	n := i + 1
	if s.punct(n, ".") && s.is(i, "st") {
		n++
	}
	if n >= len(s.toks) || s.toks[n].kind != tokWord || s.toks[n].nl || s.taken[n] || len(s.key(n)) < 3 || saintNotNames[s.key(n)] {
		return -1
	}
	if s.caseless(i) || s.capital(i) && s.capital(n) {
		return n
	}
	return -1
}

// saintNotNames follow "st" and name no saint: "st and", speech's "st the".
var saintNotNames = set("and the then now not but was were are for with you she her his him they them that this there")

// saintCue reports a saint's name at i said after a child's going or being
// there: "goes to", "goes up to", "is at", "she's at", "are at", "moved him
// to".
func (s *scan) saintCue(i int) bool {
	p := i - 1
	return s.is(p, "at") && s.is(p-1, "are", "were") || s.attendsAt(p) ||
		s.is(p, "to") && (s.is(p-1, "up") && s.is(p-2, "goes", "go", "going", "went") || s.is(p-2, "moved") && s.is(p-1, "him", "her", "them"))
}

// schoolNear reports school talk around tokens i..e: a word of school life
// or years, a school found, or a child's age, in the sentence, the one
// before or the one after. "Kuba is at St Ethelbert's. Catholic, because of
// my mum. The Polish Saturday school as well": the cue may come after.
func (s *scan) schoolNear(i, e int) bool {
	lo, hi := i, e
	for n := 0; lo > 0 && lo > i-40; lo-- {
		if s.sentenceEnd(lo - 1) {
			if n++; n > 1 {
				break
			}
		}
	}
	for n := 0; hi+1 < len(s.toks) && hi < e+30; hi++ {
		if s.sentenceEnd(hi) {
			if n++; n > 1 {
				break
			}
		}
	}
	for k := lo; k <= hi; k++ {
		if k >= i && k <= e || s.toks[k].kind != tokWord {
			continue
		}
		if w := s.key(k); schoolLife[w] || schoolStaff[w] || saintSchoolTalk[w] {
			return true
		}
	}
	for _, f := range s.fs {
		if (f.Kind == School || f.Kind == AgeWithName && childAge(s.lower(s.firstToken(f.Start)))) &&
			f.Start >= s.toks[lo].start && f.End <= s.toks[hi].end {
			return true
		}
	}
	return false
}

// saintSchoolTalk are more words of school talk around a church school's
// name: "the c of e one", "a place", "in Year 5", "the primary".
var saintSchoolTalk = set("primary secondary grammar catholic year reception gcses sixth infants juniors nursery place places")

// sentenceEnd reports a full stop, question or exclamation mark, or a new
// line after token k.
func (s *scan) sentenceEnd(k int) bool {
	return s.punct(k, ".") || s.punct(k, "?") || s.punct(k, "!") || k+1 < len(s.toks) && s.toks[k+1].nl
}
