package anon

import "strconv"

// childSchools finds a school named bare after a child's name: "Ifrah is
// at Sparkenhoe and she loves it", "Berfin is at Mellor", "faith goes to
// heath park", "Maksym is at Trinity". A child is a name the text gives an
// age under nineteen; said of an adult, "is at" is as often a job ("my dad
// is at NCR", relativeAtWork) or a visit. The name must be no chain, no
// listed first name and nobody's house ("at Karen's"); in lower case no
// common word.
func (s *scan) childSchools() {
	var kids map[string]bool
	for i := 1; i+2 < len(s.toks); i++ {
		at := s.childGoes(i)
		if at < 0 {
			continue
		}
		if kids == nil {
			if kids = s.children(); len(kids) == 0 {
				return
			}
		}
		if !kids[s.key(i)] {
			continue
		}
		j := at + 1
		if s.is(j, "the") && s.caseless(j) {
			j++ // "tiana rose is at the rookery"
		}
		// One capitalised word after "goes to" is as often a town: "Tyler
		// goes to Blackpool"; "is at" says where a child is every day.
		if e := s.bareSchool(j); e >= 0 && (e > j || s.caseless(j) || s.is(at, "at")) {
			s.add(s.toks[j].start, s.toks[e].end, School, 0.6, "name after a child's \""+s.word(at-1)+" "+s.word(at)+"\"")
			s.take(s.toks[j].start, s.toks[e].end)
		}
	}
}

// childGoes returns the "at" or "to" of "<name> is at", "<name>'s at",
// "<name> goes to" after a person found at token i, or -1.
func (s *scan) childGoes(i int) int {
	if !s.taken[i] || s.blocked(i) || s.toks[i].kind != tokWord {
		return -1
	}
	at := -1
	switch {
	case s.is(i+1, "is") && s.is(i+2, "at") || s.is(i+1, "goes") && s.is(i+2, "to"):
		if !s.toks[i+1].nl && !s.toks[i+2].nl {
			at = i + 2
		}
	case s.key(i) != s.lower(i) && s.is(i+1, "at") && !s.toks[i+1].nl:
		at = i + 1 // "Ifrah's at", "summers at" in speech-to-text
	}
	if at < 0 || !s.personEndsAt(i) { // the words first: the findings are many in a long text
		return -1
	}
	return at
}

// personEndsAt reports a person found that ends with token i, or with it
// but for a possessive: "Ifrah's", "summers".
func (s *scan) personEndsAt(i int) bool {
	for _, f := range s.fs {
		if f.Kind == Person && f.Start <= s.toks[i].start && f.End <= s.toks[i].end && f.End+len("'s") >= s.toks[i].end {
			return true
		}
	}
	return false
}

// children returns the lower-case names of people the text gives an age
// under nineteen, right after the name: "Dilan, fifteen", "Tyler (9)".
func (s *scan) children() map[string]bool {
	kids := map[string]bool{}
	for n, f := range s.fs {
		if f.Kind != AgeWithName || n == 0 || !childAge(s.lower(s.firstToken(f.Start))) {
			continue
		}
		for m := n - 1; m >= 0 && m >= n-2; m-- {
			if p := s.fs[m]; p.Kind == Person && f.Start-p.End < 40 {
				kids[s.key(s.lastToken(p.End))] = true
				kids[s.key(s.firstToken(p.Start))] = true
				break
			}
		}
	}
	return kids
}

// childAge reports an age word or number under nineteen.
func childAge(w string) bool {
	if n, err := strconv.Atoi(w); err == nil {
		return n < 19
	}
	return childAgeWords[w]
}

var childAgeWords = set(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen a an just only nearly almost`)

// bareSchool returns the last token of a school's name said bare from
// token j, or -1: one to three capitalised words, or in lower case one or
// two words no common word, name or kind of place.
func (s *scan) bareSchool(j int) int {
	if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || s.blocked(j) || !s.nameWord(j) || s.sentenceStart(j) {
		return -1
	}
	k := s.key(j)
	if stop[k] || kin[k] || titles[k] || s.d.lists.first[k] || notEmployers[k] || notInstitutionNames[k] || atPlaces[k] || genericWorkplaces[k] ||
		s.d.lists.brands.match(s, j) > 0 || s.d.lists.brandWords.match(s, j) > 0 || k != s.lower(j) {
		return -1 // "is at Karen's", "at work", "at Primark"
	}
	if s.caseless(j) {
		if !s.lowerSchoolName(j) {
			return -1
		}
		e := j
		if n := s.keyAt(j + 1); s.nameWord(j+1) && !s.toks[j+1].nl && !wordLike(n) && !s.d.lists.first[n] && !employerTails[n] && !noises[n] && !unmarkedContractions[n] &&
			!s.taken[j+1] && !s.blocked(j+1) {
			e = j + 1
		}
		return e
	}
	e := j
	for n := j + 1; n < j+3 && s.capital(n) && !s.toks[n].nl && !s.taken[n] && !s.blocked(n); n++ {
		e = n
	}
	if streetTypes[s.key(e)] || buildingWords[s.key(e)] {
		return -1 // "is at Castle Street", "at Ward 4"
	}
	return e
}
