package anon

// saintSchools finds a school named bare by its saint where a child goes:
// "Kuba is at St Ethelbert's", "mine are at st pauls", "she goes up to st
// wilfrids", "Our Lady and St Paul's". Three writers' sets (dev13, dev14,
// dev15) name church schools so and the older rules took only "goes to".
// The name needs a cue of going or being there, or a school found just
// before it that it corrects or joins, and school talk near it; a church,
// a hospital, a street or a saint's day after it is no school. Once a
// saint's name is a school, surgery or employer in the text, it is that
// wherever else it is said bare.
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
	s.sameSaints()
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

// saintCue reports how the saint's name at i is said: after a child's going
// or being there ("goes to", "goes up to", "is at", "are at", "moved him
// to"), or after a school found just before that it corrects or continues
// ("St Mary's no st marys", "Heywood Community High and St Joseph's", "not
// St Anne's, St Hilda's").
func (s *scan) saintCue(i int) bool {
	p := i - 1
	if s.is(p, "at") && s.is(p-1, "are", "were") || s.attendsAt(p) {
		return true
	}
	if s.is(p, "to") && (s.is(p-1, "up") && s.is(p-2, "goes", "go", "going", "went") || s.is(p-2, "moved") && s.is(p-1, "him", "her", "them")) {
		return true
	}
	for q := p; q >= 0 && q >= i-4; q-- {
		switch {
		case s.toks[q].kind == tokPunct && (s.punct(q, ",") || s.punct(q, "–") || s.punct(q, "-")):
		case s.is(q, "no", "not", "sorry", "and", "or", "i", "mean", "um"):
		default:
			return q < p && s.endsFinding(q, School)
		}
	}
	return false
}

// endsFinding reports a finding of kind k ending with token q.
func (s *scan) endsFinding(q int, k Kind) bool {
	if !s.taken[q] {
		return false
	}
	for _, f := range s.fs {
		if f.Kind == k && f.End == s.toks[q].end {
			return true
		}
	}
	return false
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

// sameSaints flags a saint's name said bare once the text has found it as a
// school, surgery or employer ("St Anne's is where my nephew goes",
// "saint wilfrids in standish" after "st wilfrids", "the st fillans um st
// fillans medical centre"), unless a church, street or day follows or a
// place word before makes it a landmark ("lives by St Anne's").
func (s *scan) sameSaints() {
	var known map[string]Kind
	for _, f := range s.fs {
		if f.Kind != School && f.Kind != GPSurgery && f.Kind != Employer {
			continue
		}
		a := s.firstToken(f.Start)
		if k := s.saintKey(a); k != "" {
			if known == nil {
				known = map[string]Kind{}
			}
			if _, ok := known[k]; !ok {
				known[k] = f.Kind
			}
		}
	}
	if known == nil {
		return
	}
	for i := 0; i+1 < len(s.toks); i++ {
		if s.taken[i] || s.toks[i].kind != tokWord || s.class(i)&wCue == 0 && !s.is(i, "our") {
			continue
		}
		k, ok := known[s.saintKey(i)]
		if !ok || s.is(i-1, "by", "near", "opposite", "behind", "past", "outside") {
			continue
		}
		e := s.saintEnd(i)
		if e < 0 {
			continue
		}
		s.add(s.toks[i].start, s.toks[e].end, k, 0.65, "saint's name of an institution found in the text")
		s.take(s.toks[i].start, s.toks[e].end)
	}
}

// saintKey returns the saint's name at i as one key, "st" for "saint" and
// without a trailing s, so "saint wilfrids" and "St Wilfrid's" are one
// name; "" for none. Found names' tokens are taken, so it reads the words.
func (s *scan) saintKey(i int) string {
	n := i + 1
	switch {
	case s.is(i, "our") && s.is(i+1, "lady") && s.is(i+2, "of"):
		return "our lady " + s.keyAt(i+3)
	case s.is(i, "our") && s.is(i+1, "lady") && s.is(i+2, "and"):
		n = i + 4
	case !s.is(i, "st", "saint"):
		return ""
	}
	if s.punct(n, ".") {
		n++
	}
	if n >= len(s.toks) || s.toks[n].kind != tokWord || s.toks[n].nl {
		return ""
	}
	w := s.key(n)
	if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
		w = w[:len(w)-1] // "wilfrids", "marys"
	}
	if s.is(i, "our") {
		return "our lady st " + w
	}
	return "st " + w
}
