package anon

import (
	"sort"
	"strings"
	"sync"
)

// names finds people's names the way a careful reviewer reads: a title or a
// kinship word before a word makes it a name; a listed first name is a name
// unless it is also an everyday word (Will, May, Grace), which then needs a
// cue; capitals mid-sentence count only where the text has capitals at all,
// and a lower-case word only in speech-to-text (see caseless), where a cue
// before an everyday word ("the nurse turned up") is still not enough.
func (s *scan) names() {
	s.spelledNames()
	s.wordNames()
	s.nameFollowUps()
}

// wordNames walks the words once, flagging the name each rule finds at a
// word and taking what a word after or before explains as something else.
func (s *scan) wordNames() {
	var short shortNames
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tokWord {
			continue
		}
		capital, first, amb, ok := s.nameCandidate(i)
		if !ok {
			continue
		}
		if capital && s.placePairAt(i, first) {
			// The place is explained: no word of it is a name elsewhere.
			s.take(s.toks[i].start, s.toks[i+1].end)
			i++
			continue
		}
		poss := stripPossessive(s.word(i)) != s.word(i)
		conf, reason := s.nameRule(i, capital, first, amb)
		if conf == 0 && !capital {
			conf, reason = s.speechRule(i)
		}
		if conf == 0 {
			continue
		}
		e := s.extendName(i, poss)
		if next, explained := s.explainedName(i, e, capital, poss, reason, &short); explained {
			i = next
			continue
		}
		end := s.toks[e].start + len(stripPossessive(s.word(e)))
		s.add(s.toks[i].start, end, Person, conf, reason)
		s.take(s.toks[i].start, s.toks[e].end)
		s.age(e)
		i = e
	}
}

// nameCandidate reports whether word i may start a name, before any rule
// is asked, with what the rules need of it: whether it is capitalised,
// and hyphenName's first and amb for its key.
func (s *scan) nameCandidate(i int) (capital, first, amb, ok bool) {
	l := s.d.lists
	k := s.key(i)
	// A declared pseudonym or place is not flagged alone, but a
	// surname after it still is: "Bev Hollis".
	if s.taken[i] && !(s.blocked(i) && l.first[k] && s.extendName(i, false) > i) {
		return
	}
	// Lower case is a cue's only evidence only where the whole text
	// has no capitals (speech-to-text): in typed text, "my nan ended
	// up" is a verb, whatever its line looks like.
	capital = s.capital(i)
	if !capital && !s.speechLine(i) {
		return
	}
	first, amb = hyphenName(k, l)
	if (stop[k] || titles[k]) && !first && !(amb && s.cueBefore(i) && s.nameFollows(i)) {
		return
	}
	if s.notAName(i) || !capital && s.inSpokenAddress(i) {
		return
	}
	return capital, first, amb, true
}

// shortNames holds the institutions' one-word short names, read from the
// text only when a name first needs them.
type shortNames struct {
	kinds map[string]Kind
	read  bool
}

func (sn *shortNames) of(s *scan) map[string]Kind {
	if !sn.read {
		sn.kinds, sn.read = s.institutionShortNames(), true
	}
	return sn.kinds
}

// explainedName reports whether the name a rule found at i..e is explained
// as something else by the words around it (a firm, a building, someone
// famous, a place named after a person, a school's short name), having
// taken what must not be flagged elsewhere, and the token the scan goes on
// after.
func (s *scan) explainedName(i, e int, capital, poss bool, reason string, short *shortNames) (next int, explained bool) {
	if s.capital(i) && s.capital(e+1) && (orgWords[s.keyAt(e+1)] || buildingWords[s.keyAt(e+1)]) && !s.toks[e+1].nl {
		return i, true // "Ronald McDonald House", "Florence Nightingale Hospice"
	}
	if s.is(e+1, "the") && fameNouns[s.keyAt(e+2)] {
		// "not Jordan Marsh the footballer": someone famous.
		s.take(s.toks[i].start, s.toks[e].end)
		return e, true
	}
	if e > i && s.capital(i) && healthWords[s.keyAt(e)] {
		// "signed on at Whitley Health": a practice, explained.
		s.take(s.toks[i].start, s.toks[e].end)
		return e, true
	}
	if s.placeOrFirmAfter(i, e) {
		return i, true
	}
	if e > i && !capital && !poss && stripPossessive(s.word(e)) == s.word(e) && s.is(i-1, "in", "at") &&
		(strings.HasPrefix(reason, "listed first name") || strings.HasPrefix(reason, "followed by a surname")) {
		// "born in james cook", "at um at grant thornton": in speech a
		// full name after "in" or "at" is a place named after someone.
		// Typed, a capitalised one may be a person in a quote or in
		// German ("verliebt in Brigitte Kollecker").
		s.take(s.toks[i].start, s.toks[e].end)
		return e, true
	}
	if e == i && !poss && strings.HasPrefix(reason, "listed first name") {
		// "esi's school contact" is the child's school, whoever she is.
		if k := short.of(s)[s.lower(i)]; k != "" {
			// "Giles Academy ... So Giles? Yes, Giles.": the school.
			s.add(s.toks[i].start, s.toks[i].end, k, 0.7, "short name of an institution named in full in the text")
			s.take(s.toks[i].start, s.toks[i].end)
			return i, true
		}
	}
	return i, false
}

// nameFollowUps runs the passes that build on the names wordNames found:
// each may add names a later one needs, so the order matters.
func (s *scan) nameFollowUps() {
	s.nameAnswers()
	s.sameNames()
	s.barePossessives()
	s.nameLists()
	s.nicknamesAfter()
	s.correctedNames()
	s.sameNames() // names the lists found are known too
	s.shortForms()
	s.repeatedNames()
	s.laterAges()
	s.earlierAges()
	s.appositionAges()
	s.agesAfterAges()
	s.compactAges()
	s.answeredAges()
	s.sameNames() // a name said with its age is known too
	s.knownFamilies()
	s.childSchools()
}

// knownFamilies flags "the" and the plural of a surname found in the text as
// a family: "Ramesh & Kamala Thapa ... across the Thapas' drive", "the
// atkinsons (pauline + derek atkinson)". The surname must be the last word
// of a full name found, so "the Bells" is left alone unless a Bell is named.
func (s *scan) knownFamilies() {
	surnames := map[string]bool{}
	for _, f := range s.fs {
		if sp := strings.LastIndexByte(f.Text, ' '); f.Kind == Person && sp > 0 && f.Confidence >= 0.6 {
			surnames[strings.ToLower(f.Text[sp+1:])] = true
		}
	}
	if len(surnames) == 0 {
		return
	}
	for i := 1; i < len(s.toks); i++ {
		// Typed text capitalises a family's name: "the bells rang" is not
		// the Bells.
		if s.toks[i].kind != tokWord || s.taken[i] || !s.is(i-1, "the") || s.toks[i].nl || !s.capital(i) && !s.speechLine(i) {
			continue
		}
		// Lower case says nothing, so a place word there is a place: "on
		// the wards", "in the woods".
		if !s.capital(i) && s.is(i-2, placePrepositions...) {
			continue
		}
		k := strings.TrimSuffix(strings.TrimSuffix(s.lower(i), "'"), "’")
		stem, ok := strings.CutSuffix(k, "s")
		if !ok || !surnames[stem] && !(strings.HasSuffix(stem, "e") && surnames[stem[:len(stem)-1]]) {
			continue
		}
		s.add(s.toks[i].start, s.toks[i].start+len(stem), Person, 0.75, "a family by the surname of a person found")
		s.take(s.toks[i].start, s.toks[i].end)
	}
}

// nicknamesAfter flags a short form given in brackets or quotes after a
// name, and a surname after it: `Ifeoma ("Ify") Obi`, "Mark Ellison
// (Mark)", `Robert "Bobby" Kerr`.
func (s *scan) nicknamesAfter() {
	for _, f := range s.fs {
		if f.Kind != Person {
			continue
		}
		j := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.End })
		open := 0
		for open < 2 && (s.punct(j+open, "(") || s.punct(j+open, "\"") || s.punct(j+open, "“") || s.punct(j+open, "'")) {
			open++
		}
		i := j + open
		if open == 0 || i >= len(s.toks) || s.toks[i].kind != tokWord || s.taken[i] || !s.capital(i) || stop[s.key(i)] || !s.nameLike(i) {
			continue
		}
		e := i + 1
		for n := 0; n < open && (s.punct(e, ")") || s.punct(e, "\"") || s.punct(e, "”") || s.punct(e, "'")); n++ {
			e++
		}
		if e != i+1+open {
			continue
		}
		s.add(s.toks[i].start, s.toks[i].end, Person, 0.75, "a short form in brackets or quotes after a name")
		s.take(s.toks[i].start, s.toks[i].end)
		// The surname after the short form: `("Ify") Obi,`.
		if e < len(s.toks) && s.toks[e].kind == tokWord && !s.taken[e] && s.capital(e) && !stop[s.key(e)] && s.nameLike(e) &&
			!s.toks[e].nl && (s.d.lists.sur[s.key(e)] || !s.d.lists.first[s.key(e)]) {
			s.add(s.toks[e].start, s.toks[e].start+len(stripPossessive(s.word(e))), Person, 0.7, "a surname after a short form")
			s.take(s.toks[e].start, s.toks[e].end)
		}
	}
}

// nameAsks in a turn ask people to say their names: "first names or
// whatever you want to be called", "can you introduce yourselves".
var nameAsks = set("name names introduce yourselves yourself")

// nameAnswers finds the names said in a round of introductions: a turn
// soon after one asking for names whose first word, past fillers, stands
// alone ("P03: dom", "P02: Rūta. From Lithuania", "P04: um summer [laughs]
// yeah thats actually my name"). A name that is also a word counts here, as
// the question makes it one; an unlisted word only when it is the whole
// answer ("P03: Hevi."), and never an everyday word by its form.
func (s *scan) nameAnswers() {
	done := -1 // the last token of the lines already looked at
	for k := range s.toks {
		// One bit per token rules out nearly all words; most texts ask nothing.
		if !nameAskDigests.has(s.keyDigest[k]) || !s.asksNames(k) {
			continue
		}
		// The answers: up to eight lines after the asking one.
		a := k + 1
		for a < len(s.toks) && !s.toks[a].nl {
			a++
		}
		for n := 0; n < 8 && a < len(s.toks); n++ {
			b := a + 1
			for b < len(s.toks) && !s.toks[b].nl {
				b++
			}
			if a > done {
				s.nameAnswerLine(a, b)
			}
			a = b
		}
		done = max(done, a-1)
	}
}

// nameAskSpellings are how a word of nameAsks must be written to ask:
// "INTRODUCE" or "YOURSELVES" in capitals throughout is read as no question
// (the rule has always matched these bytes).
var nameAskSpellings = []string{"name", "Name", "NAME", "ntroduc", "yourselves"}

// nameAskDigests holds the digests of nameAsks, nameAnswers' first test.
var nameAskDigests = func() (d digestSet) {
	for w := range nameAsks {
		d.add(w)
	}
	return d
}()

// asksNames reports whether word k asks people to say their names.
func (s *scan) asksNames(k int) bool {
	if s.toks[k].kind != tokWord || !nameAsks[s.key(k)] || s.askedOfSelves(k) {
		return false
	}
	w := s.word(k)
	for _, p := range nameAskSpellings {
		if strings.Contains(w, p) {
			return true
		}
	}
	return false
}

// askedOfSelves reports "yourselves" at k asked about something else than
// names: "what do you do for yourselves?" is answered "Fortnite."
func (s *scan) askedOfSelves(k int) bool {
	return s.is(k, "yourselves", "yourself") && !s.is(k-1, "introduce", "introducing", "introduced")
}

// nameAnswerLine flags the answer in tokens [a,b), one line, if it is one.
func (s *scan) nameAnswerLine(a, b int) {
	if s.toks[a].kind != tokWord && s.toks[a].kind != tokAlnum || !s.labelAt(a) {
		return
	}
	c := a + 2 // past "P03" and its colon, or "Speaker 2" and its colon
	if s.toks[a+1].kind == tokNum {
		c++
	}
	for c < b && fillers[s.lower(c)] && s.toks[c].kind == tokWord {
		c++
	}
	if c >= b || s.toks[c].kind != tokWord {
		return
	}
	if s.taken[c] {
		if f, _ := hyphenName(s.key(c), s.d.lists); f && s.capital(c) {
			s.answerAge(c, b) // a listed name found already: "P04: Aziz. Seventeen."
		}
		return
	}
	k := s.key(c)
	// A greeting ends a call, it answers no question: "Interviewer: bye".
	if stop[k] || kin[k] || titles[k] || notNames[k] || notNameWords[k] || greetings[k] || exclamations[k] || wordLike(k) || numberWords[k] || len(k) < 2 {
		return
	}
	n := c + 1
	alone := n >= b || s.punct(n, ".") || s.punct(n, ",") || s.punct(n, "[") || s.punct(n, "(") || s.punct(n, "!")
	first, _ := hyphenName(k, s.d.lists)
	whole := n >= b || s.punct(n, ".") && n+1 >= b
	if !(first && alone || !first && !verbish(k) && len(k) >= 3 && whole) {
		return
	}
	end := s.toks[c].start + len(stripPossessive(s.word(c)))
	s.add(s.toks[c].start, end, Person, 0.75, "a name given in a round of introductions")
	s.take(s.toks[c].start, s.toks[c].end)
	s.answerAge(c, b)
}

// answerAge flags the age said after the name at token c in a round of
// introductions, after a full stop, as its own answer: "P04: Aziz.
// Seventeen." The line ends at b.
func (s *scan) answerAge(c, b int) {
	if !s.punct(c+1, ".") || c+2 >= b || !s.isAge(c+2) || s.taken[c+2] {
		return
	}
	if e := s.ageEnd(c + 2); e >= 0 && (e+1 >= b || s.toks[e+1].kind == tokPunct) {
		s.add(s.toks[c+2].start, s.toks[e].end, AgeWithName, 0.8, "an age given with a name in a round of introductions")
		s.take(s.toks[c+2].start, s.toks[e].end)
	}
}

// possessed are what a bare possessive of a name is said before in speech:
// close relatives, and what belongs to a child ("rivers teacher", "lilys
// number").
var possessed = set(`mum mam mom dad brother sister son daughter nan gran grandad partner boyfriend girlfriend husband wife
birthday teacher school name number dad's mum's mate mates friend friends worker carer room bedroom house phone class
nursery appointment asthma adhd autism diagnosis medication dob`)

// bareIsFollowers after a name and a bare "s" make it "is" or "has".
var bareIsFollowers = set("at in with got been gone going not never always still just only the")

// barePossessives finds a name with a possessive written without its
// apostrophe, as speech-to-text writes it: "summers nine", "lilys number",
// "our pats". The word less its "s" must be a listed name; the word itself no
// name ("james") nor surname ("williams"); and what follows is an age or
// what a person has. A name that is also a word needs more: an age after it,
// or the name found elsewhere in the text ("rivers teacher" only once River
// is known), as "rivers" is a plural too.
func (s *scan) barePossessives() {
	if !s.anySpeech() {
		return // every word it flags is on a line of speech
	}
	l := s.d.lists
	known := map[string]bool{}
	for _, f := range s.fs {
		if f.Kind == Person && f.Confidence >= 0.6 {
			// "grace okafor ... graces little boy": each word of a
			// full name is known.
			for w := range strings.FieldsSeq(strings.ToLower(f.Text)) {
				known[w] = true
			}
		}
	}
	for i := 0; i < len(s.toks); i++ {
		// The raw word first: this sees every token.
		if r := s.word(i); s.toks[i].kind != tokWord || s.taken[i] || len(r) < 4 || r[len(r)-1] != 's' || s.capital(i) || !s.speechLine(i) {
			continue
		}
		w := s.lower(i)
		stem := w[:len(w)-1]
		first, amb := hyphenName(stem, l)
		if !first || l.first[w] || l.sur[w] || stop[w] || l.ambiguous[w] || l.strong[stem] || s.toks[i].nl ||
			s.is(i-1, determiners...) && !(s.is(i-1, "our") && !abstractNames[stem]) {
			continue
		}
		n := i + 1
		j := s.skipQualifiers(n)
		aged := j < len(s.toks) && !s.toks[j].nl && s.isAge(j) && !s.taken[j] && s.ageEnd(j) >= 0
		has := n < len(s.toks) && !s.toks[n].nl && possessed[s.key(n)]
		// "laceys at college", "kades got autism": the "'s" of "is" or
		// "has", only for a name that is no word.
		is := (!amb || known[stem]) && n < len(s.toks) && !s.toks[n].nl && (bareIsFollowers[s.key(n)] || s.is(n, "is", "was"))
		// A name found elsewhere in the text needs only to stand where a
		// possessive stands: "graces little boy", "mine and micks"; not
		// after a number or a quantifier ("two summers ago").
		held := known[stem] && !s.is(i-1, quantifiers...) && !(i > 0 && s.isAge(i-1)) && !s.is(n, "ago", "of")
		if !(aged || is || has && (!amb || known[stem]) || held) {
			continue
		}
		s.add(s.toks[i].start, s.toks[i].end-1, Person, 0.75, "name with a possessive written without its apostrophe")
		s.take(s.toks[i].start, s.toks[i].end)
		if aged {
			s.ageAt(j, ageCued)
		}
	}
}

// repeatedNames flags a word said twice where the second is a name found:
// a self-correction or a stumble in speech, "a man there rob rob kowalski",
// "the lady running it grace grace o'donnell".
func (s *scan) repeatedNames() {
	for _, f := range s.fs {
		if f.Kind != Person {
			continue
		}
		j := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.Start })
		p := j - 1
		first, _, _ := strings.Cut(s.key(j), "-") // "bobbi bobbi-jo"
		if p < 0 || j >= len(s.toks) || s.taken[p] || s.toks[j].nl || s.toks[p].kind != tokWord || s.key(p) != s.key(j) && s.key(p) != first || stop[s.key(p)] {
			continue
		}
		s.add(s.toks[p].start, s.toks[p].end, Person, 0.7, "a name said twice")
		s.take(s.toks[p].start, s.toks[p].end)
	}
}

// hyphenName reports whether k is a listed first name, or a double name
// whose first part is one ("lacey-mae"), and whether it is also a word: a
// double name is a word when its first part is ("jade-d" is not Jade).
func hyphenName(k string, l *lists) (first, amb bool) {
	if l.first[k] {
		return true, l.ambiguous[k]
	}
	a, b, ok := strings.Cut(k, "-")
	if !ok || len(b) < 2 {
		return false, l.ambiguous[k]
	}
	if !l.first[a] {
		// "bobbi-jo", "kerry-ann": an unlisted first part that is no
		// word, before a listed name.
		if l.first[b] && len(a) >= 3 && !stop[a] && !wordLike(a) && !verbish(a) && !l.ambiguous[b] {
			return true, false
		}
		return false, l.ambiguous[k]
	}
	return true, l.ambiguous[a]
}

// nameRule returns the confidence and reason of the first rule that makes
// token i a name, or 0. Capitals count where the text has them; the rules
// that need lower-case speech-to-text are in speechRule. capital, first and
// amb are s.capital(i) and hyphenName of its key, which names has worked
// out already. The rules are tried in order and the first that holds
// decides, so the stages below keep it.
func (s *scan) nameRule(i int, capital, first, amb bool) (float64, string) {
	k := s.key(i)
	w := nameWord{i: i, k: k, capital: capital, first: first, amb: amb, poss: stripPossessive(s.word(i)) != s.word(i), strongAmb: s.d.lists.strong[k]}
	if conf, reason, ok := s.cuedName(w); ok {
		return conf, reason
	}
	if conf, reason, ok := s.nameInSentence(w); ok {
		return conf, reason
	}
	conf, reason, _ := s.nameBySaidOf(w)
	return conf, reason
}

// nameWord is what nameRule's stages ask of the word at i, worked out once.
type nameWord struct {
	i                                    int
	k                                    string
	capital, first, amb, poss, strongAmb bool
}

// cuedName holds the rules on a cue before word w (a title, a kinship word,
// "called") and on the name lists alone, which settle most names. ok says a
// rule decided, which may be that a listed name is no name here.
func (s *scan) cuedName(w nameWord) (conf float64, reason string, ok bool) {
	l := s.d.lists
	i, k, capital, first, amb, poss := w.i, w.k, w.capital, w.first, w.amb, w.poss
	nick := !first && !stop[k] && nicknameOf(k, l)
	switch {
	case s.titleBefore(i) && (capital || first || l.sur[k] || surnameShape(k) || !wordLike(k) && !(verbish(k) && s.punct(i-1, ".")) && (s.abbrevTitleBefore(i) || (s.formalTitleBefore(i) || s.missTitle(i-1)) && s.nameFollows(i))):
		return 0.9, "after a title", true
	case s.cueBefore(i) && (capital || first || nick || l.sur[k] || amb && (s.nameFollows(i) || s.namingCueBefore(i))) && !(amb && !capital && s.idiom(i)) &&
		!(notNames[k] && !first && !l.sur[k]):
		// A nationality after a kinship word describes the person, it
		// does not name them: "a dad, Polish, Marek".
		return 0.85, "after a kinship word or \"called\"", true
	case nick && capital && !s.sentenceStart(i):
		return 0.7, "short form of a listed name", true
	case first && !amb && capital && s.placeAfterIn(i):
		return 0, "", true // "my sister Isa in Paisley."
	case first && capital && s.theThing(i):
		return 0, "", true // "We walk down the Marina on Sundays."
	case first && !amb && capital:
		return 0.8, "listed first name", true
	case first && !amb && !(l.broadOnly[k] && s.is(i-1, "in", "at", "near", "around", "round", "outside", "via")) && !s.is(i-1, "the", "a", "an") &&
		!(s.is(i-1, "at") && s.is(i-2, "is", "was", "works", "worked", "work", "working") && !poss):
		// After an article a lower-case name is a thing: "the eden project";
		// where someone is or works, a place: "her husband is at shell".
		// A name only the broad list has is a place as often as a name
		// after "in" or "at": "he does the lines at whitley".
		return 0.6, "listed first name in lower-case text", true
	}
	return 0, "", false
}

// nameInSentence holds the rules on where word w sits in its sentence:
// capitalised mid-sentence, or before a surname, an apposition, a nickname
// or a verb only people take. ok says a rule decided.
func (s *scan) nameInSentence(w nameWord) (conf float64, reason string, ok bool) {
	l := s.d.lists
	i, k, capital, first, amb, poss, strongAmb := w.i, w.k, w.capital, w.first, w.amb, w.poss, w.strongAmb
	switch {
	case (first || capital && !s.sentenceStart(i) && !landWords[s.keyAt(i+1)]) && s.surnameAfter(i):
		// An unlisted word before "Hill" or "Bridge" is a place's name:
		// "And Castle Hill is the road, not the school."
		return 0.75, "followed by a surname", true
	case capital && s.nameLike(i) && (first || !s.sentenceStart(i)) && s.appositionAfter(i):
		return 0.75, "followed by \", " + s.word(i+2) + "\"", true
	case capital && s.nameLike(i) && s.introduced(i):
		return 0.75, "after \"I'm\"", true
	case (capital || first) && s.nameLike(i) && s.nicknameAfter(i):
		return 0.75, "before \"" + s.word(i+1) + " " + s.word(i+2) + "\"", true
	case first && capital && !strongAmb && !l.weak[k] && !s.sentenceStart(i) && !s.idiom(i) && !(amb && s.titleCaseBefore(i)):
		return 0.6, "name that is also a word, capitalised mid-sentence", true
	case !first && capital && !s.sentenceStart(i) && !poss && !stop[k] && !wordLike(k) && !l.sur[k] && s.nameLike(i) &&
		(s.is(i+1, "who", "who's", "who’s") || sayVerbs[s.keyAt(i+1)]):
		return 0.65, "capitalised word before \"" + s.word(i+1) + "\"", true
	case first && !strongAmb && !l.weak[k] && capital && speechVerbs[s.keyAt(i+1)] && !poss:
		return 0.6, "name that is also a word, before \"" + s.word(i+1) + "\"", true
	case first && amb && capital && !poss && !s.is(i-1, determiners...) && s.subjectVerbAfter(i):
		// "Will did that walk too", "Ash didn't do it", "Will listens":
		// a modal or a word before "did" or a verb only people take is
		// its subject, a person, even at the start of a sentence. Below
		// 0.7, so it is not known elsewhere: "Ash from the fire ... Ash
		// didn't do it".
		return 0.65, "name that is also a word, capitalised before \"" + s.word(i+1) + "\"", true
	}
	return 0, "", false
}

// nameBySaidOf holds the rules on what is said of word w: an age, a school,
// a family, something a person has, a role. ok says a rule decided.
func (s *scan) nameBySaidOf(w nameWord) (conf float64, reason string, ok bool) {
	l := s.d.lists
	i, k, capital, first, poss, strongAmb := w.i, w.k, w.capital, w.first, w.poss, w.strongAmb
	switch {
	case capital && !strongAmb && !stop[k] && !wordLike(k) && s.nameLike(i) && s.ageFollowsName(i):
		return 0.7, "before an age", true
	case capital && !strongAmb && !stop[k] && !wordLike(k) && !kin[k] && !notNameWords[k] && s.nameLike(i) && !s.is(i-1, determiners...) && s.schoolAfter(i):
		return 0.75, "before a school it goes to", true
	case capital && !strongAmb && !stop[k] && !wordLike(k) && !kin[k] && !notNameWords[k] && !notNames[k] && s.nameLike(i) && !s.is(i-1, determiners...) && s.childPlaceAfter(i):
		return 0.75, "before \"" + s.word(i+1) + " " + s.word(i+2) + " " + s.word(i+3) + "\", said of a child", true
	case capital && !s.sentenceStart(i) && !strongAmb && !stop[k] && !wordLike(k) && s.nameLike(i) && s.bracketAge(i) &&
		(s.punct(i-1, ",") || s.punct(i-1, ":") || s.is(i-1, "and", "&") || kin[s.keyAt(i-1)]):
		return 0.7, "in a list, before an age in brackets", true
	case first && (capital || s.speechLine(i)) && (poss && (possessed[s.keyAt(i+1)] || s.is(i+1, "nhs")) || s.is(i+1, "was", "is") && s.is(i+2, "born")):
		return 0.75, "a name before \"" + s.word(i+1) + "\", what a person has or is", true
	case capital && poss && kin[s.keyAt(i+1)] && (first || !s.sentenceStart(i)):
		return 0.75, "possessive before a kinship word", true
	case capital && s.familyAt(i):
		return 0.75, "\"the ... family\"", true
	case capital && (s.is(i-1, "the") || s.is(i-1, "all") && s.is(i-2, "are", "were")) && s.familyPlural(i):
		return 0.75, "a family by its surname", true
	case capital && !s.sentenceStart(i) && s.afterNameWord(i):
		return 0.8, "after \"" + s.word(s.skipThere(i-1)) + "\"", true
	case capital && !first && !s.sentenceStart(i) && (l.sur[k] || surnameShape(k)) && s.is(i-1, "a") && s.is(i-2, "was", "is", "she's", "he's", "i'm", "she’s", "he’s", "i’m") && s.clauseEnds(i+1):
		return 0.75, "\"a\" before a surname", true
	case (first || capital && !s.sentenceStart(i)) && !modalNames[k] && s.nameLike(i) && s.roleAfter(i):
		d := i + 1
		if s.punct(d, ",") {
			d++
		}
		return 0.75, "before \"" + s.word(d) + "\" and a role", true
	case capital && !s.sentenceStart(i) && s.nameLike(i) && !stop[k] && s.roleApposedBefore(i):
		return 0.75, "set after a role and a comma", true
	case capital && !s.sentenceStart(i) && s.nameLike(i) && s.is(i-1, "is", "was") && roles[s.keyAt(i-2)]:
		return 0.75, "after \"" + s.word(i-2) + " " + s.word(i-1) + "\"", true
	}
	return 0, "", false
}

// speechRule returns the confidence and reason of the first rule that makes
// lower-case token i, on a line of speech-to-text, a name, or 0. Each asks
// for context a reader would need, as lower case says nothing.
func (s *scan) speechRule(i int) (float64, string) {
	l := s.d.lists
	k := s.key(i)
	first, sur := l.first[k], l.sur[k]
	amb := l.ambiguous[k] && !l.strong[k] || spokenNickname(k, l)
	poss := stripPossessive(s.word(i)) != s.word(i)
	switch {
	case first && !adjectiveNames[k] && s.introducedLower(i):
		return 0.75, "after \"i'm\""
	case !stop[k] && !wordLike(k) && !verbish(k) && !notNameWords[k] && !modalNames[k] && s.callerIntro(i):
		return 0.75, "a caller's name after \"hi it's\""
	case first && poss && kin[s.keyAt(i+1)] && !s.is(i-1, determiners...):
		return 0.75, "possessive before a kinship word"
	case amb && !poss && !s.wordUse(i) && !s.idiom(i) && s.appositionAfter(i):
		return 0.75, "followed by \", " + s.word(i+2) + "\""
	case amb && !poss && !s.wordUse(i) && !s.idiom(i) && sayVerbs[s.keyAt(i+1)]:
		return 0.6, "name that is also a word, before \"" + s.word(i+1) + "\""
	case (amb || l.strong[k] && !s.is(i-1, placePrepositions...)) && !poss && !modalNames[k] && !s.is(i-1, determiners...) && !s.is(i-1, quantifiers...) && !s.wordUse(i) && !s.idiom(i) && s.personVerbAfter(i):
		return 0.75, "name that is also a word, before a verb only people take"
	case first && amb && !s.is(i-1, determiners...) && !s.wordUse(i) && !s.idiom(i) && s.ageFollowsName(i):
		return 0.75, "name that is also a word, before an age"
	case amb && !poss && !modalNames[k] && k != "may" && !s.wordUse(i) && !s.idiom(i) && s.pronounTakesUp(i):
		return 0.75, "name that is also a word, taken up by \"" + s.word(s.pronounAt(i)) + "\""
	case amb && !poss && !s.wordUse(i) && !s.idiom(i) && !s.is(i-1, quantifiers...) && s.fromPlaceTakenUp(i):
		return 0.75, "name that is also a word, \"from\" somewhere and taken up by a pronoun"
	case amb && !poss && !s.wordUse(i) && s.addressedAt(i):
		return 0.6, "name that is also a word, spoken to"
	case amb && !poss && !s.wordUse(i) && s.kinApposed(i) && (!s.is(i-1, determiners...) || s.is(i-1, "our")):
		return 0.75, "name that is also a word, before \"" + s.word(i+1) + " " + s.word(i+2) + "\""
	case !first && !sur && !stop[k] && len(k) >= 6 && s.is(i-1, "the") && s.familyPlural(i) && (s.is(i+1, neighbourWords...) || surnameShape(k[:len(k)-1])):
		// "the kowalskis next door"; "the greens next door" would be
		// taken too, but a listed surname of five letters or more said
		// as a household is more often one.
		return 0.75, "a family by its surname"
	case amb && s.greetedAt(i):
		return 0.75, "greeted by name"
	case !stop[k] && !wordLike(k) && !verbish(k) && !kin[k] && !titles[k] && !notNameWords[k] && !notNames[k] && !l.strong[k] && len(k) >= 2 &&
		!s.is(i-1, determiners...) && !s.idiom(i) && s.schoolAfter(i):
		return 0.75, "before a school it goes to"
	case (amb || !first && !sur && !wordLike(k) && !verbish(k)) && !stop[k] && !kin[k] && !titles[k] && !notNameWords[k] && !notNames[k] && !l.strong[k] &&
		len(k) >= 2 && !s.is(i-1, determiners...) && !s.wordUse(i) && !s.idiom(i) && s.childPlaceAfter(i):
		return 0.75, "before \"" + s.word(i+1) + " " + s.word(i+2) + " " + s.word(i+3) + "\", said of a child"
	case first && s.is(i+1, "your", "my", "his", "her", "their") && s.is(i+2, "name"):
		return 0.85, "before \"" + s.word(i+1) + " name\""
	case sur && !first && !stop[k] && s.is(i-1, "a") && s.is(i-2, "was", "is", "born", "she's", "he's") && s.clauseEnds(i+1):
		return 0.75, "\"was a\" before a surname"
	case sur && s.familyAt(i):
		return 0.75, "\"the ... family\""
	case !first && !sur && s.namingCueBefore(i) && s.unlistedNamed(i):
		return 0.75, "unlisted word after \"called\" or \"calls me\""
	case !first && !sur && s.cueBefore(i) && s.unlistedLowerName(i):
		return 0.7, "unlisted word after a kinship word, where a name stands"
	case !first && !sur && s.cueBefore(i) && !wordLike(k) && !verbish(k) && !stop[k] && s.surnameAfter(i):
		return 0.7, "unlisted word after a cue, before a surname"
	case !stop[k] && !wordLike(k) && !kin[k] && !titles[k] && !nameWords[k] && !notNameWords[k] && len(k) >= 2 && s.nicknameAfter(i):
		return 0.75, "before \"" + s.word(i+1) + " " + s.word(i+2) + "\""
	case !first && !sur && s.cueBefore(i) && s.unlistedAged(i):
		return 0.7, "unlisted word after a kinship word, before an age"
	case !first && !sur && s.kinApposed(i) && s.unlistedApposed(i):
		return 0.7, "unlisted word before a kinship word"
	case !first && s.ageAfterUnlisted(i):
		return 0.7, "unlisted word before an age"
	case !first && poss && s.unlistedPossessive(i):
		return 0.7, "unlisted possessive before a close relative"
	case modalNames[k] && s.is(i-1, "and", "with", "to", "for", "me", "tell", "ask", "asked", "told") &&
		(s.is(i+1, "from", "at", "in", "on", "with", "off", "round") || s.is(i-1, "with") && (i+1 >= len(s.toks) || s.toks[i+1].nl)):
		// "kyle was there with will" at the end of a turn: a modal ends
		// no clause.
		if !s.is(i+1, "from", "at", "in", "on", "with", "off", "round") { // no word after it on the line
			return 0.7, "\"" + s.word(i-1) + " " + s.word(i) + "\" at the end of a turn or line, where the word cannot stand"
		}
		return 0.7, "\"" + s.word(i) + "\" before \"" + s.word(i+1) + "\", where the word cannot stand"
	case !first && !stop[k] && !wordLike(k) && personNouns[s.keyAt(s.skipThere(i-1))] && speechVerbs[s.keyAt(i+1)]:
		return 0.7, "between \"" + s.word(s.skipThere(i-1)) + "\" and \"" + s.word(i+1) + "\""
	}
	return 0, ""
}

// titleCaseBefore reports a capitalised everyday word mid-sentence before
// token i, so that a name that is also a word ends the name of a thing:
// "the Welfare Reform Bill", "the Silver Jubilee". A name, a title or a
// kinship word before it is still a person's: "Aunty Joy", "Jo Hope".
func (s *scan) titleCaseBefore(i int) bool {
	p := i - 1
	if p < 0 || s.toks[p].kind != tokWord || !s.capital(p) || s.sentenceStart(p) || s.toks[i].nl {
		return false
	}
	// The phrase starts after an article or another capitalised word:
	// "glaube ich, Horst Frank" is a person an unlisted name begins.
	if !s.is(p-1, determiners...) && !(s.capital(p-1) && !s.sentenceStart(p-1)) {
		return false
	}
	k, l := s.key(p), s.d.lists
	return !l.first[k] && !l.sur[k] && !titles[k] && !kin[k] && !roles[k] && !s.taken[p] && stripPossessive(s.word(p)) == s.word(p)
}

// theThing reports a capitalised name alone after "the", ending a phrase,
// which names a place or a thing: "down the Marina on Sundays".
// A noun after it makes it a person's thing ("the Rio file").
func (s *scan) theThing(i int) bool {
	n := i + 1
	return s.is(i-1, "the") && stripPossessive(s.word(i)) == s.word(i) &&
		(n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct && !s.punct(n, "&") || prepositions[s.keyAt(n)])
}

// familyAt reports "the X family", "the X twins"; "the Bell Family Trust"
// is an organisation.
func (s *scan) familyAt(i int) bool {
	return s.is(i-1, "the") && familyNouns[s.keyAt(i+1)] && !orgWords[s.keyAt(i+2)] && !notNames[s.key(i)]
}

// plainStreets after a capitalised word make it a street whatever comes
// before ("letters to Clive Road", "Not Grace Street"): unlike Hill, Lane or
// Green, none is also a common surname.
var plainStreets = set("road street avenue crescent terrace drive")

// firmWords after a name in lower-case speech make it a firm: "hartley and
// webb solicitors", "kerrigan foods", "iqbal cars", "bev's veg".
var firmWords = set(`solicitors foods ltd limited plc roofing builders motors haulage logistics accountants estates lettings
cars taxis deli veg stores mart bakery butchers cafe caff takeaway chippy oatcakes`)

// buildingWords after a capitalised name make it a building or a service
// named after someone: "Ronald McDonald House".
var buildingWords = set("house hospital hospice hall building ward wing unit")

// orgWords after "the X family" make it an organisation.
var orgWords = set("trust support hub centre center services service fund charity network group foundation project")

// fameNouns after a name and "the" say who the famous one is.
var fameNouns = set("footballer singer actor actress rapper boxer presenter comedian youtuber popstar")

// healthWords end the name of a practice or a service named after a place
// or a person, never a person's name: "Whitley Health", "Bridge Medical".
var healthWords = set("health medical healthcare dental pharmacy")

// sayVerbs after a lower-case word that is also a name make it one: "will
// said", but not "my gas bill came".
// personVerbs are things only a person does, so a name that is also a word
// before one is its subject: "shannon lives with her nan", "jay sorted the
// vouchers", "dale came to the house". "the river runs", "summer came
// early" are not: a determiner before, or a verb that weather, seasons and
// things take too ("came", "runs"), is left to other rules. A name that is
// also a place or a month ("shannon", "jordan", "may") counts too unless a
// preposition makes it the place: "moved to jordan lived there a year".
var personVerbs = set(`lives lived listens listened sorted wore cried laughed smiled texts texted phones rings shouted moaned promised apologised visits visited
married divorced smokes smoked swears swore hugged kissed cuddled sobbed screamed yelled admitted agreed refused insisted complained
argued worries worried graduated qualified retired volunteers volunteered babysits babysat fostered reckons reckoned thinks thought
knows knew wants wanted`)

// personVerbAfter reports a person-only verb after token i, maybe past
// "also", "always", "never" or "just": "jay just sorted it".
func (s *scan) personVerbAfter(i int) bool {
	j := i + 1
	if s.is(j, "also", "always", "never", "just", "then", "even") {
		j++
	}
	return j < len(s.toks) && !s.toks[j].nl && personVerbs[s.keyAt(j)] || s.is(j, "turned", "came", "come") && s.is(j+1, "up", "to") && !s.toks[j].nl
}

// subjectVerbAfter reports, right after token i, "did", "didn't",
// "does", "doesn't" or a verb only people take (see personVerbs), none of
// which a modal or a season, a flower or a virtue does before a noun.
func (s *scan) subjectVerbAfter(i int) bool {
	return s.is(i+1, "did", "didn't", "didn’t", "does", "doesn't", "doesn’t") && !s.toks[i+1].nl && s.toks[i+1].kind == tokWord || s.personVerbAfter(i)
}

var sayVerbs = set("said says told asked rang phoned texted reckons reckoned messaged")

// addressedAt reports a name that is also a word, told or asked something,
// where a pronoun or the end of the clause follows: "i said to dawn i said",
// "i rang will and", "i asked grace if".
func (s *scan) addressedAt(i int) bool {
	p := i - 1
	told := s.is(p, "told", "asked", "rang", "phoned", "texted", "messaged", "tell", "ask", "ring", "text", "met") ||
		s.is(p, "to") && s.is(p-1, "said", "say", "spoke", "speak", "talked", "talk", "spoken", "explained")
	if !told || s.toks[i].nl {
		return false
	}
	n := i + 1
	return n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct ||
		s.is(n, "i", "she", "he", "and", "about", "if", "that", "to", "we", "they", "she's", "he's")
}

// clauseEnds reports that token n starts a new clause or there is none:
// punctuation, the end of the line, or a function word.
func (s *scan) clauseEnds(n int) bool {
	return n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct || stop[s.keyAt(n)] && !s.is(n, "of", "family")
}

// pronounAt returns the token after i, or the one after that when a filler
// or "especially" stands between: "robin especially he came".
func (s *scan) pronounAt(i int) int {
	if s.is(i+1, "especially", "um", "erm", "well") && !s.toks[i+1].nl {
		return i + 2
	}
	return i + 1
}

// pronounTakesUp reports a subject pronoun right after token i (past a filler), taking it
// up as a person, where the word before cannot make it a thing or a time:
// "my work coach bill he's fine", "the social worker we had dean he was",
// but not "last summer he was" or "i hope she's".
func (s *scan) pronounTakesUp(i int) bool {
	// "who" takes up a person too: "then we got mark who'd just come out".
	j := s.pronounAt(i)
	if !s.is(j, "he", "she", "he's", "she's", "he’s", "she’s", "who", "who's", "who'd", "whod", "who’d") || s.toks[i].nl || s.toks[j].nl {
		return false
	}
	return !s.is(i-1, "last", "next", "every", "all", "early", "late", "since", "till", "until", "by", "this", "that", "in", "of")
}

// fromPlaceTakenUp reports "from" and a place of work after token i, then
// a pronoun taking the person up: "dawn from the school she rung me", "dale
// from early help he was the best".
func (s *scan) fromPlaceTakenUp(i int) bool {
	if !s.is(i+1, "from") || s.toks[i+1].nl {
		return false
	}
	for j := i + 2; j <= i+5 && j < len(s.toks) && !s.toks[j].nl; j++ {
		if s.is(j, "he", "she", "he's", "she's", "who") {
			return j > i+2
		}
	}
	return false
}

// neighbourWords after "the" and a surname in the plural say it is a
// household: "the kowalskis next door", "the atkinsons across the road".
var neighbourWords = []string{"next", "across", "upstairs", "downstairs", "opposite", "over", "on", "round", "up", "down", "at", "from"}

// kinApposed reports a possessive and a kinship word right after token i,
// setting out who it is without a comma, as speech-to-text writes it: "our
// pat my sister", "it was dawn our daughter".
func (s *scan) kinApposed(i int) bool {
	return s.is(i+1, "my", "me", "his", "her", "our", "their") && kin[s.keyAt(i+2)] && !s.toks[i+1].nl && !s.toks[i+2].nl
}

// greetings before a name said to someone: "welcome, grace.", "thanks
// will,".
var greetings = set("welcome hiya hi hello thanks cheers morning evening bye ta")

// exclamations answer what was said, not who is there: "interviewer: gosh".
var exclamations = set("gosh wow blimey crikey cor jeez bless aww oops whoa")

// greetedAt reports a name said to someone after a greeting, ending the
// clause: "welcome, grace.", but not "thanks, will do".
func (s *scan) greetedAt(i int) bool {
	p := i - 1
	if s.punct(p, ",") {
		p--
	}
	if !greetings[s.keyAt(p)] || s.toks[i].nl {
		return false
	}
	n := i + 1
	return n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct && !s.punct(n, "'")
}

// unlistedNamed reports an unlisted lower-case word after a naming cue that
// reads as a name: not an everyday word by its form ("called round", "calls
// me names"); after "calls me" or "call him" only at the end of a clause,
// since an insult can stand there too ("they called him fat and"); after
// "called" only when a person is called so ("a lady called bernadette", not
// "an app called open science").
func (s *scan) unlistedNamed(i int) bool {
	k := s.key(i)
	if stop[k] || wordLike(k) || verbish(k) || notNameWords[k] || kin[k] || titles[k] || fillers[k] || len(k) < 2 {
		return false
	}
	p := s.skipFillers(i - 1)
	if s.is(p, "me", "him", "her", "them") {
		n := i + 1
		return n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct || s.is(n, "for") && s.is(n+1, "short")
	}
	if callCues[s.keyAt(p)] && s.keyAt(p) != "name" {
		// "a lady called bernadette", but "an app called open science"
		// and "it's called osf" name things.
		q := p - 1
		if s.is(q, "is", "was", "been") {
			q--
		}
		k := s.keyAt(q)
		return personNouns[k] || kin[k] || roles[k] || callers[k]
	}
	return true
}

// callers before "called" say a person is named: "someone called".
var callers = set("someone somebody he she he's she's who who's one bloke chap fella kid teacher")

// nickSuffixes make a short form of a name: Robbo, Gazza, Stevo, Jimbo,
// Davey, Tommo.
var nickSuffixes = []string{"zza", "za", "bo", "ey", "ie", "o", "y"}

// nicknameOf reports whether k is a short form of a listed first name that
// is no everyday word: the name, or its stem, with a nickname ending, a
// doubled letter allowed ("robbo" from Rob, "gazza" from Gaz, "stevo" from
// Steve, "jimbo" from Jim). A name that is also a word makes none ("rosy",
// "willy").
func nicknameOf(k string, l *lists) bool {
	if l.strong[k] {
		return false // "Friday" is no short form of Frida
	}
	for _, suf := range nickSuffixes {
		stem, ok := strings.CutSuffix(k, suf)
		if !ok || len(stem) < 2 {
			continue
		}
		cands := []string{stem, stem + "e"}
		if n := len(stem); n > 2 && stem[n-1] == stem[n-2] {
			cands = append(cands, stem[:n-1])
		}
		for _, c := range cands {
			if len(c) >= 3 && l.first[c] && !l.ambiguous[c] {
				return true
			}
		}
	}
	return false
}

// spokenNickname reports a lower-case word shaped like a British short
// form, which speech-to-text writes without a cue: a first name, even one
// that is also a word, with "-o" ("deano", "jacko", "jonno"), or a name's
// first letters with "-zza" ("shazza", "kezza", "bazza"). It is no
// everyday word by its form; it stands where a name that is also a word
// stands, so the rules that read such a word's context decide.
func spokenNickname(k string, l *lists) bool {
	if len(k) < 5 || l.first[k] || stop[k] || wordLike(k) || notNickZza[k] {
		return false
	}
	if stem, ok := strings.CutSuffix(k, "zza"); ok {
		return len(stem) >= 2 && stem[len(stem)-1] != 'z'
	}
	stem, ok := strings.CutSuffix(k, "o")
	if !ok || strings.HasSuffix(stem, "o") {
		return false
	}
	if n := len(stem); n > 3 && stem[n-1] == stem[n-2] {
		stem = stem[:n-1] // "jonno", "robbo"
	}
	return len(stem) >= 3 && l.first[stem] && !l.strong[stem]
}

// notNickZza end in "-zza" without being a short form.
var notNickZza = set("pizza pizzas piazza huzza")

// nameFollowers after a word that is also a name make it one: "my son will,
// he's", "hope is seven", "frank who's nine".
var nameFollowers = set("he's she's he’s she’s he'd she'd he’d she’d he'll she'll who who's who’s who'd is was has had and said says goes went")

// nameFollows reports whether what follows token i is what follows a name:
// a comma, the end of the line, or a word in nameFollowers.
func (s *scan) nameFollows(i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].nl {
		return true
	}
	return s.punct(i+1, ",") || nameFollowers[s.lower(i+1)]
}

// wordBefore and wordAfter around a lower-case word that is also a name
// make it the word: "i hope so", "to be frank", "that will do".
var (
	wordBefore = set("i we you they he she it that this who which be will would the a an not")
	wordAfter  = set("so that you it this to")
)

// wordUse reports whether lower-case token i, a name that is also a word,
// is used as the word; a possessive is always the name.
func (s *scan) wordUse(i int) bool {
	if stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	// "faith in the system", "hope for the best".
	if !s.capital(i) && s.is(i+1, "in", "of", "for", "under", "over", "into") {
		return true
	}
	// "a sunny day", "the summer holidays", "autumn term"; "hazel eyes".
	if !s.capital(i) && (timeNouns[s.keyAt(i+1)] || lookNouns[s.keyAt(i+1)]) {
		return true
	}
	// "the rent rose again", "the gas bill": after "the" and a noun, a
	// word, unless the noun is a kinship word or a role ("the social
	// worker kirsty").
	if !s.capital(i) && s.is(i-2, "the", "a", "an") && s.toks[i-1].kind == tokWord && !stop[s.keyAt(i-1)] &&
		!kin[s.keyAt(i-1)] && !roles[s.keyAt(i-1)] && !titles[s.keyAt(i-1)] && !s.toks[i].nl &&
		!s.is(i+1, "he", "she", "he's", "she's") && !s.nameFollows(i) { // "the girl at the library grace she helps"
		return true
	}
	// "have faith", "you lose hope": a virtue held, not a person.
	if virtueNames[s.key(i)] && s.is(i-1, "have", "had", "has", "having", "keep", "kept", "lose", "lost", "losing") {
		return true
	}
	// "it was sunny", "its frank": the weather or a manner.
	if adjectiveNames[s.key(i)] && (s.is(i-1, "was", "is") && s.is(i-2, "it") || s.is(i-1, "its", "it's", "it’s")) {
		return true
	}
	// "he couldn't jack the car up": after a subject and a modal, a verb.
	if i > 0 && modals[s.lower(i-1)] && s.is(i-2, "i", "you", "he", "she", "we", "they", "it") {
		return true
	}
	return i > 0 && wordBefore[s.lower(i-1)] && !s.askWho(i) || i+1 < len(s.toks) && wordAfter[s.lower(i+1)] || stop[s.key(i)] && !s.nameFollows(i)
}

// modals after a subject make a name that is also a word the verb.
var modals = set("can can't cant cannot could couldn't couldnt would wouldn't wouldnt won't wont should shouldn't shouldnt must might didn't didnt don't dont doesn't doesnt")

// lookNouns after a lower-case colour that is also a name make it the
// colour: "hazel eyes", "ruby red".
var lookNouns = set("eyes eye hair colour color coloured colored red light lights dress paint")

// timeNouns after a lower-case name that is also a word make it the word.
var timeNouns = set("day days time week weeks weekend morning mornings afternoon night nights side spell weather term holidays holiday half break")

// nameLike reports whether token i could be a name given a cue after it:
// not a month or place name, not a nationality or role, not an idiom.
func (s *scan) nameLike(i int) bool {
	k := s.key(i)
	// A firm's word ends a firm's name: "Breen & Sons Roofing, his uncle's".
	return !s.d.lists.strong[k] && !notNames[k] && !firmWords[k] && !s.idiom(i)
}

// appositionAfter reports a name-like apposition after token i: "Tendai,
// she's from Zimbabwe", "Mason, he's eight", "Precious, 13, looks after",
// "Mark, my mate", "Grace, I'm from the tenants' association".
func (s *scan) appositionAfter(i int) bool {
	if !s.punct(i+1, ",") || stripPossessive(s.word(i)) != s.word(i) || s.toks[i+1].sp {
		return false
	}
	j := i + 2
	switch {
	case s.is(j, "he's", "she's", "he’s", "she’s", "who", "who's", "who’s", "i'm", "i’m"):
		return true
	case s.is(j, "he", "she") && s.is(j+1, "is", "was"):
		return true
	case s.is(j, "my", "his", "her", "our", "your", "their") && kin[s.keyAt(j+1)]:
		return true
	case j < len(s.toks) && s.isAge(j) && (s.punct(j+1, ",") || s.punct(j+1, ")")):
		return true
	}
	return false
}

// nameLists flags a capitalised word right after a name, after a comma or
// "and": "Zee, Zeeshan, and", "Zee and Ibby". It runs after every other
// name rule, so a list can start with a name found anywhere; each name it
// finds can start the next. A number after the word makes it something
// else: "Tyler and Year 7".
func (s *scan) nameLists() {
	// Walk from each name found; a name found here is walked from too.
	var ends []int // byte offsets where a person's name ends
	for _, f := range s.fs {
		// An age said with a name ends it too: "Tadiwa, she's fourteen,
		// and little Chance", "hope who is eleven and faith".
		if f.Kind == Person || f.Kind == AgeWithName {
			ends = append(ends, f.End)
		}
	}
	for n := 0; n < len(ends); n++ {
		p := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= ends[n] })
		// p is the token after the name: "," or "and", maybe ", and".
		if !(s.punct(p, ",") || s.is(p, "and", "or", "&")) {
			continue
		}
		i := p + 1
		if s.punct(p, ",") && s.is(i, "and", "or", "&") {
			i++
		}
		for n := 0; n < 2 && s.is(i, "then", "little", "wee", "baby", "young") && !s.toks[i].nl; n++ {
			i++ // "and then little Chance"
		}
		if s.lowerListed(i) {
			// "the twins ruby and jade are nine"
		} else if i >= len(s.toks) || s.toks[i].kind != tokWord || s.taken[i] || s.toks[i].nl || !s.capital(i) || s.sentenceStart(i) ||
			stop[s.key(i)] || titles[s.key(i)] || !s.nameLike(i) || i+1 < len(s.toks) && s.toks[i+1].kind == tokNum || s.notAName(i) {
			continue
		}
		e := s.extendName(i, false)
		end := s.toks[e].start + len(stripPossessive(s.word(e)))
		s.add(s.toks[i].start, end, Person, 0.7, listReason)
		s.take(s.toks[i].start, s.toks[e].end)
		s.age(e)
		ends = append(ends, end) // walked from in its turn
	}
	s.listsBefore()
}

// listsBefore flags a listed first name in lower-case speech said just
// before "and" and a name found, or with "me": "met faith and ruta", "me
// and mick went up", "mick and me". Speech names the first of a pair as
// often as the second, and nameLists only walks forwards.
func (s *scan) listsBefore() {
	if !s.anySpeech() {
		return // lowerListed, which both cases ask, needs a line of speech
	}
	starts := map[int]bool{} // where a person found starts
	for _, f := range s.fs {
		if f.Kind == Person {
			starts[f.Start] = true
		}
	}
	for i := 0; i+2 < len(s.toks); i++ {
		if l := s.lows[i+1]; l != "and" && l != "&" || s.toks[i+1].nl || s.toks[i+2].nl { // is(), without its call at every token
			continue
		}
		j := i + 2
		switch {
		case s.is(i, "me") && s.lowerListed(j) && !s.is(j+1, "and"):
			i = s.flagListed(j)
		case (s.taken[j] && starts[s.toks[j].start] || s.is(j, "me")) && !s.is(i-1, determiners...) && !s.is(i-1, quantifiers...) && s.lowerListed(i):
			s.flagListed(i)
		}
	}
}

// flagListed flags the name at token i found in a list and returns its end.
func (s *scan) flagListed(i int) int {
	e := s.extendName(i, false)
	end := s.toks[e].start + len(stripPossessive(s.word(e)))
	s.add(s.toks[i].start, end, Person, 0.7, listReason)
	s.take(s.toks[i].start, s.toks[e].end)
	s.age(e)
	return e
}

// lowerListed reports a listed first name in lower-case speech after a name
// and "and": "ruby and jade are nine". A name that is also a word must
// stand where a name stands: "tom and will be there" is a verb.
func (s *scan) lowerListed(i int) bool {
	if i >= len(s.toks) || s.toks[i].kind != tokWord || s.taken[i] || s.toks[i].nl || s.capital(i) || !s.speechLine(i) || s.inSpokenAddress(i) {
		return false
	}
	k := s.key(i)
	first, amb := hyphenName(k, s.d.lists)
	if !first && spokenNickname(k, s.d.lists) {
		first, amb = true, true // "kyle and deano and that lot"
	}
	// A word after it that a verb would take makes it the verb: "sue and
	// mark the register".
	objectNext := s.is(i+1, determiners...) || s.is(i+1, "me", "you", "him", "us", "them", "up", "down", "out", "off", "so")
	return first && !s.idiom(i) && !s.notAName(i) && (!amb || s.nameFollows(i) || s.is(i+1, "are", "were") || !s.wordUse(i) && !objectNext)
}

// ageFollowsName reports an age after token i the way one follows a name:
// "Tendai is 6.", "Precious is aged 4", "ruby's nine", "grace who's two".
// The age must end its clause: "Rent is 90 a week" is money.
func (s *scan) ageFollowsName(i int) bool {
	j := i + 1
	if s.is(j, "here", "there") && s.is(j+1, "is", "was") {
		j++ // "mick here is seventy one"
	}
	if s.punct(j, ",") && s.is(j+1, "he's", "she's", "he’s", "she’s", "who's", "who’s") {
		j++ // "Tadiwa, she's fourteen"
	}
	self := s.punct(j, ",") && s.is(j+1, "i'm", "i’m") && (i == 0 || s.toks[i].nl || s.punct(i-1, ":"))
	switch {
	case self:
		j += 2 // a turn begun "P03: Mahlet, I'm fourteen."
	case stripPossessive(s.word(i)) != s.word(i):
	case s.is(j, "is", "was", "who's", "who’s", "he's", "she's", "he’s", "she’s", "aged", "turned", "turns"):
		j++
	case s.is(j, "who", "he", "she") && s.is(j+1, "is"):
		j += 2
	default:
		return false
	}
	j = s.skipQualifiers(j)
	if j >= len(s.toks) || s.toks[j].nl || !s.isAge(j) || s.taken[j] {
		return false
	}
	e := s.ageEnd(j)
	if e < 0 {
		return false
	}
	n := e + 1
	return n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind == tokPunct && !s.punct(n, ":") && !s.punct(n, "%") ||
		s.clauseStart(n) || s.is(n, "years", "months", "year", "month") ||
		// Unpunctuated speech runs on to the next name: "daisy shes
		// eight lily-mae was five".
		s.speechLine(n) && s.nameStartsAt(n)
}

// nameStartsAt reports a listed first name at n that is no everyday word,
// or a double name.
func (s *scan) nameStartsAt(n int) bool {
	first, amb := hyphenName(s.key(n), s.d.lists)
	return first && !amb
}

// placeAfterIn reports a word after "in" that ends its clause: a place,
// whatever name it shares ("my sister Isa in Paisley.", "in Chelsea,").
func (s *scan) placeAfterIn(i int) bool {
	n := i + 1
	return s.is(i-1, "in") && stripPossessive(s.word(i)) == s.word(i) &&
		(n >= len(s.toks) || s.toks[n].nl || s.punct(n, ".") || s.punct(n, ",") || s.punct(n, ";"))
}

// childPlaceAfter reports what is said of a child among siblings or at
// school right after token i: "is the oldest", "'s the youngest", "was in
// year ten" ("Bia is the oldest, Beatriz", "precious is in year ten at
// longhill high"). Only a person is the eldest or in a school year; "the
// house is the oldest" has a determiner first, which callers rule out, and
// "Leeds is the oldest club" a noun after.
func (s *scan) childPlaceAfter(i int) bool {
	j := i + 1
	if !s.is(j, "is", "was", "'s", "’s") || s.toks[j].nl {
		if stripPossessive(s.word(i)) == s.word(i) {
			return false
		}
		j = i // "jade's the eldest": the possessive is "is"
	}
	if s.is(i, "mine", "yours", "ours", "theirs", "hers", "one", "which", "who") {
		return false // "mine is the youngest"
	}
	switch {
	case s.is(j+1, "the") && s.is(j+2, "oldest", "eldest", "youngest", "middle"):
		// "the oldest, Beatriz", "the youngest boy"; "the oldest club" is a thing.
		n := j + 3
		return !s.toks[j+1].nl && !s.toks[j+2].nl && (s.clauseEnds(n) || kin[s.keyAt(n)] || s.is(n, "one"))
	case s.is(j+1, "in") && s.is(j+2, "year") && j+3 < len(s.toks) && (s.toks[j+3].kind == tokNum || s.class(j+3)&wDigit != 0):
		return !s.toks[j+1].nl && !s.toks[j+3].nl
	}
	return false
}

// schoolAfter reports a child said to go to a school found: "mert goes to
// priory", "bia is at commonweal", "Tadi's at Longhill High", "Luwam at
// Ysgol Lon Las".
func (s *scan) schoolAfter(i int) bool {
	j := i + 1
	switch {
	case stripPossessive(s.word(i)) != s.word(i) && s.is(j, "at", "in"):
		j++
	case s.is(j, "is", "was", "starts", "started", "starting") && s.is(j+1, "at", "in"):
		j += 2
	case s.is(j, "goes", "went", "going", "go") && s.is(j+1, "to"):
		j += 2
	case s.is(j, "at") && s.capital(i) && s.capital(j+1):
		j++
	default:
		return false
	}
	if s.is(j, "the") {
		j++
	}
	if j >= len(s.toks) || s.toks[j].nl || s.toks[i+1].nl {
		return false
	}
	start := s.toks[j].start
	for _, f := range s.fs {
		if f.Kind == School && f.Start == start {
			return true
		}
	}
	return false
}

// bracketAge reports an age in brackets right after token i: "Luwam (6)",
// "Yonas (aged 3)".
func (s *scan) bracketAge(i int) bool {
	j := i + 2
	if s.is(j, "aged", "age") {
		j++
	}
	return s.punct(i+1, "(") && j < len(s.toks) && s.isAge(j) && s.punct(j+1, ")")
}

// inSpokenAddress reports a lower-case word just after "slash", "dot" or
// "underscore" said in a web address or a handle, which is part of it:
// "gofundme dot com slash help the mcginleys", "www dot nana bev blogs".
func (s *scan) inSpokenAddress(i int) bool {
	for p := i - 1; p >= 0 && p >= i-3 && !s.toks[p+1].nl; p-- {
		switch {
		case s.is(p, "slash", "dot", "underscore"):
			return true
		case s.is(p, "and", "but", "so", "or", "com", "uk", "org", "net"):
			return false // "at gmail dot com and nuno is on whatsapp"
		}
	}
	return false
}

// callerIntro reports a caller giving their name, as a phone call or a
// voicemail starts: "hi it's grace from st cecilia's", "hiya its dawn
// here", "hello, it's Kwame calling". The name must be followed by what
// follows a caller's name ("from", "here", "calling", "again", a comma or
// the end of the line), so "hi it's urgent can you" is no name.
func (s *scan) callerIntro(i int) bool {
	p := i - 1
	if !s.is(p, "it's", "its", "it’s") || s.toks[i].nl {
		return false
	}
	p--
	if s.punct(p, ",") {
		p--
	}
	if !s.is(p, "hi", "hiya", "hello", "hey", "morning", "afternoon", "evening") {
		return false
	}
	n := i + 1
	return n >= len(s.toks) || s.toks[n].nl || s.punct(n, ",") || s.punct(n, ".") || s.is(n, "from", "here", "calling", "again", "ringing", "at", "with")
}

// introduced reports a speaker introducing themself: "I'm Gaz, from Knowle
// West", "I am Kwame". Nationalities and faiths are in notNames; "I'm Head
// of Year" and "I'm Year 10" are roles.
func (s *scan) introduced(i int) bool {
	if !(s.is(i-1, "i'm", "i’m") || s.is(i-1, "am") && s.is(i-2, "i")) || s.toks[i].nl {
		return false
	}
	return !s.is(i+1, "of") && !(i+1 < len(s.toks) && s.toks[i+1].kind == tokNum)
}

// nicknameAfter reports "X they call him", "X, we call her", "srijana but
// we call her siri", "sunnita really but everyone calls her sunny".
func (s *scan) nicknameAfter(i int) bool {
	j := i + 1
	if s.punct(j, ",") {
		j++
	}
	// Past "but", what she is called must be no kinship word, title or
	// everyday word by its form, as a word can stand before "but": "it's
	// rubbish but we call her mum".
	but := false
	if s.is(j, "really") {
		j++
	}
	if s.is(j, "but", "and", "so") && !s.toks[j].nl {
		j, but = j+1, true
	}
	return s.is(j, "they", "we", "people", "everyone", "everybody") && s.is(j+1, "call", "calls") && s.is(j+2, "him", "her", "me", "them") &&
		(!but || s.nickAt(j+3))
}

// nickAt reports a word at n that can be a name someone is called by.
func (s *scan) nickAt(n int) bool {
	k := s.keyAt(n)
	return n < len(s.toks) && s.toks[n].kind == tokWord && !s.toks[n].nl && !stop[k] && !wordLike(k) && !kin[k] && !titles[k] && !notNameWords[k] && !fillers[k]
}

// idiom reports a name that is also a word used as the word, read from the
// function words around it: a determiner before it ("the bill", "a grace
// period"), "of" on either side ("crack of dawn", "jack of all trades"), an
// object pronoun after it, which makes it a verb ("jack it in", "mark it"),
// or a bare verb or "not" after it, which makes it a modal ("my son will be
// there", "she may not").
func (s *scan) idiom(i int) bool {
	poss := stripPossessive(s.word(i)) != s.word(i)
	// A capital mid-sentence is a name whatever follows: "For Ruby it was".
	verb := !s.capital(i) || s.sentenceStart(i)
	// "everyone calls her sunny": "her" there is whom a name is given.
	calledHer := s.is(i-1, "her") && s.is(i-2, "call", "calls", "called")
	return s.is(i-1, determiners...) && !s.askWho(i) && !(s.is(i-1, "our") && s.ourName(i)) && !calledHer ||
		!poss && (s.is(i-1, "of") && !s.capital(i) || s.is(i+1, "of", "be", "have", "not") || verb && s.is(i+1, "it", "them", "this", "that"))
}

// prepositions after a capitalised word at a sentence's start make a name
// that is also a word the word.
var prepositions = set("in of for on under at to with over into about")

// askWho reports "is that" or "was this" before token i, which asks who
// someone is: "is that grace with the lad".
func (s *scan) askWho(i int) bool {
	return s.is(i-1, "that", "this") && s.is(i-2, "is", "was")
}

// determiners before a word that is also a name make it the word: "the Bill".
var determiners = []string{"the", "a", "an", "this", "that", "your", "our", "their", "his", "her", "my", "its"}

// sameNames flags further mentions of a name found with a cue elsewhere in
// the text, as a reviewer would once they know who "Lee" is: "My ex, Lee,
// ... Lee's got the kids". Common words (will, may) are never taken this way.
func (s *scan) sameNames() {
	known := s.knownNames()
	if len(known) == 0 {
		return
	}
	// The digests of the known words rule out most tokens before the map.
	var heads digestSet
	for w := range known {
		heads.add(w)
	}
	s.firstNamesOf(known, &heads)
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || s.taken[i] || !heads.has(s.keyDigest[i]) || !known[s.key(i)] || !s.mentionAt(i) && !s.knownSubject(i) && !s.knownBeforeData(i) {
			continue
		}
		if s.capital(i) && s.capital(i+1) && landWords[s.keyAt(i+1)] && !known[s.keyAt(i+1)] && !s.toks[i+1].nl {
			// "the sign at the entrance, "Lee Bridge"": a place named
			// like the Lee the text knows.
			s.take(s.toks[i].start, s.toks[i+1].end)
			i++
			continue
		}
		// A known surname straight after joins the name: "shirin begum".
		e := i
		for e+1 < len(s.toks) && stripPossessive(s.word(e)) == s.word(e) && s.toks[e+1].kind == tokWord && !s.toks[e+1].nl &&
			!s.taken[e+1] && known[s.key(e+1)] && s.d.lists.sur[s.key(e+1)] && (s.capital(e+1) || !s.capital(i)) {
			e++
		}
		end := s.toks[e].start + len(stripPossessive(s.word(e)))
		s.add(s.toks[i].start, end, Person, 0.7, "same name as a person found elsewhere in the text")
		s.take(s.toks[i].start, s.toks[e].end)
		s.age(e)
		i = e
	}
}

// knownSubject reports a name known in the text standing as the subject of
// a verb, where a word before it alone would make it the word: "her jordan
// has a youtube channel", "the best dale came to the house", "Before that
// Bia was at Montgomery", "like my rose that's what i always said". A month
// or a place ("may was lovely"), a noun's use ("the rose was") and a thought
// ("our hope is that") are not.
func (s *scan) knownSubject(i int) bool {
	n := i + 1
	if !s.capital(i) && !s.speechLine(i) || n >= len(s.toks) || s.toks[n].nl || s.d.lists.strong[s.key(i)] ||
		s.is(i-1, "the", "a", "an", "of", "this", "these", "those") || s.is(i-1, quantifiers...) || s.notAName(i) ||
		!s.capital(i) && s.inSpokenAddress(i) || stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	if s.is(n, "is", "was") && s.is(n+1, "that", "to") {
		return false // "our hope is that it settles", "my faith was to"
	}
	return subjectVerbs[s.lower(n)] || personVerbs[s.key(n)] ||
		s.is(i-1, "my", "her", "his", "our", "their", "your") && s.is(n, "that's", "thats", "that’s")
}

// knownBeforeData reports a name known in the text opening a sentence of
// notes, where a preposition after it would make it a word ("Faith in the
// system"), when a school or a date of birth follows within a few words:
// "Kai at St Sidwell's; Autumn in reception at Ladysmith Infant School",
// "Tadiwa was born on the 4th of March 2010. Chance on Boxing Day 2019."
func (s *scan) knownBeforeData(i int) bool {
	if !s.capital(i) || !s.sentenceStart(i) || !s.is(i+1, "in", "at", "on") || s.d.lists.strong[s.key(i)] {
		return false
	}
	from, to := s.toks[i].end, s.toks[min(i+5, len(s.toks)-1)].end
	for k := i + 1; k <= i+5 && k < len(s.toks); k++ {
		if s.toks[k].nl || s.punct(k, ".") || s.punct(k, ";") {
			to = s.toks[k].start
			break
		}
	}
	for _, f := range s.fs {
		if (f.Kind == School || f.Kind == DOB) && f.Start > from && f.Start < to {
			return true
		}
	}
	return false
}

// subjectVerbs after a known name make it the subject.
var subjectVerbs = set("is was has had came said says went rang runs ran")

// knownNames returns the words of the names found with a cue strong enough
// to know a person by elsewhere in the text.
func (s *scan) knownNames() map[string]bool {
	if !s.found(Person) {
		return nil // no name found, so none known: most turns
	}
	known := map[string]bool{}
	aged := s.agedSpans()
	// A name that is also a word, found by its capital at two places or
	// more, is a person the writer keeps naming: "Met Rose (kinship
	// carer, gran) ... Rose says ... Rose very tired".
	twice := map[string]int{}
	for _, f := range s.fs {
		if w := strings.ToLower(f.Text); f.Kind == Person && f.Text != w && s.d.lists.ambiguous[w] {
			twice[w]++
		}
	}
	for w, n := range twice {
		if n >= 2 && (!stop[w] || s.d.lists.ambiguous[w]) && !titles[w] {
			known[w] = true
		}
	}
	for _, f := range s.fs {
		// A capitalised name found in a list counts too: "kids Jago
		// and Morwenna ... Morwenna turned ten".
		if f.Kind != Person {
			continue
		}
		low := strings.ToLower(f.Text)
		capitalised := f.Text != low && (f.Confidence >= 0.7 || strings.Contains(f.Text, " "))
		// An unlisted lower-case name found after a kinship word (0.7)
		// is known too: "dad dilshad and mum shilan ... made dilshad go";
		// so is one found in a list with its age: "rhys seren and summer
		// and summer's the little one she's four ... summer's got".
		if f.Confidence >= 0.75 || capitalised || f.Confidence >= 0.7 && (unlistedKnown(f) || aged(f) || s.listedNoWord(f)) {
			for _, w := range strings.Fields(low) {
				// A letter of a spelled name ("d a v e") is not a name;
				// a month or place only after a kinship word ("my ex
				// chelsea").
				if len(w) > 1 && (!stop[w] || s.d.lists.ambiguous[w]) && !titles[w] && (!s.d.lists.strong[w] || f.Confidence >= 0.85) && !s.neverKnown(w) {
					known[w] = true
				}
			}
		}
	}
	return known
}

// neverKnown reports a word that one flag must not spread from, whatever
// rule made it, since the text goes on using it as the word: a filler ("um
// we call him ... i'm um"), a street type ("Road, his ... Cricklade Road")
// or a chain's one-word name ("Easyjet, the head office ... Easyjet").
func (s *scan) neverKnown(w string) bool {
	if fillers[w] || streetTypes[w] && !s.d.lists.first[w] { // "dale from early help"
		return true
	}
	for _, p := range s.d.lists.brands.lookup(digest(w), w) {
		if len(p) == 1 {
			return true
		}
	}
	return false
}

// agedSpans returns a test for a finding that an age found follows closely,
// within a few words ("summer and summer's the little one she's four").
func (s *scan) agedSpans() func(Finding) bool {
	var starts []int
	for _, f := range s.fs {
		if f.Kind == AgeWithName {
			starts = append(starts, f.Start)
		}
	}
	sort.Ints(starts)
	return func(f Finding) bool {
		k := sort.SearchInts(starts, f.End)
		return k < len(starts) && starts[k]-f.End <= 40
	}
}

// mentionAt reports whether token i, a word known as a name, stands where a
// name stands.
//
// Lower case says nothing only where the text has no capitals at all
// (speech-to-text), and never in an idiom: "crack of dawn". A name that is
// also a word needs to stand where a name stands: "i hope so" and "to be
// frank" are not Hope and Frank. A line of speech-to-text in a text tidied
// elsewhere counts as lower case too. At the start of a typed sentence, a
// name that is also a word before a preposition is the word: "Faith in the
// system", "Hope for the best".
func (s *scan) mentionAt(i int) bool {
	amb := s.d.lists.ambiguous[s.key(i)]
	// In typed text, lower case says nothing, except for a listed name that
	// is no word, written lower-case as chat writes it: "is Kacper going
	// ... kacper got excluded".
	chat := !amb && s.d.lists.first[s.key(i)] && !stop[s.key(i)]
	return !(!s.capital(i) && !s.speechLine(i) && !chat || s.idiom(i) || s.notAName(i) || s.capital(i) && s.placeAfterIn(i) ||
		!s.capital(i) && s.inSpokenAddress(i) ||
		amb && s.is(i-1, quantifiers...) || s.d.lists.strong[s.key(i)] && s.is(i-1, placePrepositions...) ||
		!s.capital(i) && amb && s.wordUse(i) ||
		!s.capital(i) && adjectiveNames[s.key(i)] && s.is(i-1, "being", "be", "very", "i'm", "i’m", "am", "feel", "felt") ||
		stop[s.key(i)] && (s.sentenceStart(i) || s.wordUse(i)) ||
		s.capital(i) && amb && s.sentenceStart(i) && s.key(i) == s.lower(i) && s.wordAtStart(i) ||
		s.capital(i) && amb && s.titleCaseBefore(i))
}

// wordAtStart reports a name that is also a word, capitalised only by the
// start of a typed sentence, before a word that makes it the word: a
// preposition ("Faith in the system"), a time or a look ("Autumn half term",
// "Sunny days"), or any other lower-case word that follows no name, a verb
// excepted ("Carol singers get in", but "Chance starts at").
func (s *scan) wordAtStart(i int) bool {
	n := i + 1
	if n >= len(s.toks) || s.toks[n].nl || s.toks[n].kind != tokWord || stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	k := s.keyAt(n)
	if prepositions[k] || timeNouns[k] || lookNouns[k] {
		return true
	}
	// "Autumn and winter are the worst": joined to a lower-case word in
	// typed text, it is a word like it ("Autumn and Ruby" are names).
	if s.is(n, "and", "or") && n+1 < len(s.toks) && !s.toks[n+1].nl && s.toks[n+1].kind == tokWord && !s.capital(n+1) &&
		!stop[s.keyAt(n+1)] && !s.speechLine(n+1) {
		return true
	}
	return !s.capital(n) && !nameFollowers[s.lower(n)] && !verbish(k) && !irregularPast[k] && !stop[k] && !modalNames[k]
}

// shortForms flags the short form of a first name found elsewhere in the
// text, said as a person is called: "that's Anish, my eldest ... Ani got
// arrested", "Tadiwa ... Tadi's at Longhill High", "dom dominic", "his uncle
// dafydd daf". The full name is the first word of a name found, no word
// itself; the short form is its first three letters or more (two for a
// listed name: "mo" of Mohammed), two or more short of it, and is itself a
// listed name, capitalised in typed text, or said right next to the full
// name. A word by its form, a modal or a month never is one ("Will" of
// William, "Mar" of Mark), nor a word that is also a name at the start of a
// typed sentence ("Frank talk:" after Frankie).
func (s *scan) shortForms() {
	l := s.d.lists
	// short maps each short form to a full name it starts.
	short := map[string]string{}
	for _, f := range s.fs {
		w, _, _ := strings.Cut(strings.ToLower(f.Text), " ")
		if f.Kind == Person && len(w) >= 4 && !l.ambiguous[w] && (f.Confidence >= 0.7 || l.first[w]) {
			for n := 2; n <= len(w)-2; n++ {
				short[w[:n]] = w
			}
		}
	}
	if len(short) == 0 {
		return
	}
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || s.taken[i] {
			continue
		}
		k := s.key(i)
		w, ok := short[k]
		if !ok || len(k) < 3 && !l.first[k] || stop[k] || wordLike(k) || titles[k] || kin[k] ||
			modalNames[k] || l.strong[k] || !s.capital(i) && !s.speechLine(i) || !s.mentionAt(i) || l.ambiguous[k] && s.capital(i) && s.sentenceStart(i) {
			continue
		}
		if !(l.first[k] || s.capital(i) || s.nextTo(i, w)) {
			continue
		}
		end := s.toks[i].start + len(stripPossessive(s.word(i)))
		s.add(s.toks[i].start, end, Person, 0.7, "short form of a name found elsewhere in the text")
		s.take(s.toks[i].start, s.toks[i].end)
		s.age(i)
	}
}

// nextTo reports the word w, taken as a name, right before or after token i
// on its line.
func (s *scan) nextTo(i int, w string) bool {
	return i > 0 && s.taken[i-1] && s.is(i-1, w) && !s.toks[i].nl || i+1 < len(s.toks) && s.taken[i+1] && s.is(i+1, w) && !s.toks[i+1].nl
}

// listReason is the reason of a name found in a list of names.
const listReason = "in a list of names"

// unlistedKnown reports an unlisted lower-case name found with a cue strong
// enough to know it by elsewhere: after a kinship word ("dad dilshad"), or
// before an age ("theres mert whos thirteen ... mert goes to priory"). A
// filler is never one ("a guy called um stuart").
func unlistedKnown(f Finding) bool {
	if fillers[strings.ToLower(f.Text)] {
		return false
	}
	return strings.HasPrefix(f.Reason, "unlisted word after a kinship") || strings.HasPrefix(f.Reason, "unlisted word before an age") ||
		strings.HasPrefix(f.Reason, "unlisted word before a kinship")
}

// listedNoWord reports a name found in a list of names that is no everyday
// word, so it is known elsewhere: "rowan and sky and deano ... at deano's".
// A name that is also a word is left to its own cues ("sky sports").
func (s *scan) listedNoWord(f Finding) bool {
	return f.Reason == listReason && !s.d.lists.ambiguous[strings.ToLower(f.Text)]
}

// placeOrFirmAfter reports a name in tokens [i,e] that a street or a firm
// word ends: "Clive Road" (capitalised), "kerrigan foods", "hartley and webb
// solicitors" (lower-case speech, where a name's list ends in the word).
func (s *scan) placeOrFirmAfter(i, e int) bool {
	for j := i + 1; j <= e+1 && j < len(s.toks); j++ {
		if s.toks[j].nl {
			return false
		}
		if s.capital(i) && s.capital(j) && plainStreets[s.key(j)] {
			return true
		}
	}
	if s.capital(i) || e+1 >= len(s.toks) || s.toks[e+1].nl {
		return false
	}
	n := e + 1
	if s.is(n, "and", "&") && n+2 < len(s.toks) && !s.toks[n+2].nl {
		n += 2 // "hartley and webb solicitors"
	}
	return s.firmAt(n) || s.firmAt(e+1)
}

// compass points start a region, never a name: "Apex Recruitment South
// West", "North Wales".
var compass = set("north south east west")

// streetOrFirmAfter reports a word that the next one makes a street
// ("Not Grace Street") or, in lower-case speech, a firm ("webb solicitors",
// "hartley and webb solicitors").
func (s *scan) streetOrFirmAfter(i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].nl {
		return false
	}
	if s.capital(i) {
		// "Donoghue Surfacing" on the side of a van is the firm.
		return s.capital(i+1) && (plainStreets[s.keyAt(i+1)] || tradeWords[s.keyAt(i+1)])
	}
	return s.firmAt(i+1) || s.is(i+1, "and", "&") && i+3 < len(s.toks) && !s.toks[i+2].nl && !s.toks[i+3].nl && firmWords[s.keyAt(i+3)]
}

// tradeWords are what a family firm does, named after the family:
// "Donoghue Surfacing", "Breen & Sons Roofing". None is a surname.
var tradeWords = set("surfacing tarmac landscaping plumbing scaffolding removals roofing builders haulage solicitors motors")

// firmAt reports a firm's word at n, also past a nationality ("kasi polish
// deli") and as "cash and carry" ("hussain cash and carry").
func (s *scan) firmAt(n int) bool {
	if n >= len(s.toks) || s.toks[n].nl {
		return false
	}
	next := n+1 < len(s.toks) && !s.toks[n+1].nl
	return firmWords[s.keyAt(n)] || next && notNames[s.keyAt(n)] && firmWords[s.keyAt(n+1)] ||
		s.is(n, "cash") && s.is(n+1, "and", "&") && s.is(n+2, "carry")
}

// nameOwners before "name" make it a person's name: "family name McDonagh",
// "her maiden name Kowalczyk", but not "brand name Calpol".
var nameOwners = set("family first last second middle maiden christian real full birth her his my their your our")

// afterNameWord reports a word a person's name is given as: "Family name
// McDonagh.", "surname Okafor", "her maiden name is Kowalczyk".
func (s *scan) afterNameWord(i int) bool {
	p := i - 1
	if s.is(p, "is", "was") || s.punct(p, ":") {
		p--
	}
	k := s.keyAt(p)
	return s.is(p, "surname", "surname's", "forename", "forenames", "surnames") ||
		(k == "name" || s.is(p, "name's")) && nameOwners[s.keyAt(p-1)]
}

// nameWords name a name: "surname's okafor", "forename".
var nameWords = set("name surname forename firstname lastname nickname maiden")

// quantifiers before a name that is also a word make it the word: "no
// much hope round here", "lost hope", "a bit of joy", "nae joy"; so do a
// time or a state it is in: "up till dawn", "the parcel was on amber",
// "last summer".
var quantifiers = []string{"much", "no", "nae", "some", "any", "more", "less", "little", "lost", "false", "real", "up", "without", "such",
	"till", "until", "til", "on", "last", "next", "every", "each", "all", "whole"}

// placePrepositions before a month or a place keep it one: "in chelsea".
var placePrepositions = []string{"in", "to", "at", "from", "near", "round", "around", "through", "via", "of", "on"}

// firstNamesOf adds to known a word said right before a known surname, as a
// first name: "mrs begum ... no shirin, shirin begum". The word must stand
// where a name stands: not a function or everyday word by its form, nor
// after a determiner. heads holds the digests of known's words, and gains
// those added.
func (s *scan) firstNamesOf(known map[string]bool, heads *digestSet) {
	for i := 1; i < len(s.toks); i++ {
		if !heads.has(s.keyDigest[i]) {
			continue
		}
		k := s.key(i)
		if !known[k] || !s.d.lists.sur[k] || s.d.lists.first[k] || s.taken[i-1] || s.toks[i].nl {
			continue
		}
		p := i - 1
		w := s.key(p)
		// "surname's okafor" says what follows is a name; it is not one.
		if s.toks[p].kind != tokWord || known[w] || stop[w] || titles[w] || wordLike(w) || kin[w] || s.d.lists.ambiguous[w] ||
			nameWords[w] || stripPossessive(s.word(p)) != s.word(p) ||
			s.is(p-1, determiners...) || !(s.capital(p) && !s.sentenceStart(p) || s.speechLine(p) && !s.capital(p)) {
			continue
		}
		known[w] = true
		heads.add(w)
	}
}

// abbrevTitleBefore reports that the title before token i is an
// abbreviation (mr, dr, pc). Only such a title makes an unlisted lower-case
// word a name: a role or family word is everyday speech in lower-case
// text ("my nan rent", "the officer questions").
func (s *scan) abbrevTitleBefore(i int) bool {
	p := i - 1
	if s.punct(p, ".") {
		p--
	}
	return p >= 0 && abbrevTitles[s.lower(p)]
}

// titleBefore reports a title (Mr, Mrs, PC, Dr...) just before token i. A
// title in capitals is an abbreviation ("got MS. Lives in Seacroft") unless
// it is a police rank or the name is in capitals too; a common word after
// "Title." starts a sentence, and only an abbreviation takes a dot: after
// "the nurse." or "my nan." a new sentence starts.
func (s *scan) titleBefore(i int) bool {
	p := i - 1
	dot := s.punct(p, ".")
	if dot {
		p--
	}
	if p < 0 || s.toks[p].kind != tokWord || !titles[s.lower(p)] || s.toks[i].nl || dot && !abbrevTitles[s.lower(p)] {
		return false
	}
	if w := s.word(p); len(w) > 1 && strings.ToUpper(w) == w && !ranks[s.lower(p)] && strings.ToUpper(s.word(i)) != s.word(i) {
		return false
	}
	return !dot || !stop[s.key(i)]
}

// cueBefore reports a kinship word or "called" just before token i: "my son
// Tyler", "her partner, Wayne", "a lady called Denise", "my name's Zofia",
// "a cousin as well jack", "her name well it's grace". A pet's name is not
// a person's: "the big dog called bob".
func (s *scan) cueBefore(i int) bool {
	if s.namingCueBefore(i) {
		return true
	}
	p := s.skipFillers(i - 1)
	if p < 0 || s.toks[i].nl {
		return false
	}
	if s.ageWordsCue(p) {
		return true
	}
	k := s.key(p)
	if s.is(p, "and") && s.is(p-1, "me") || s.is(p, "me") && s.punct(i-1, ",") && s.is(i+1, "and") {
		return true // "me and kez went", "Me, Sunny and Rocco"
	}
	if s.punct(i-1, "(") && (kin[s.keyAt(i-2)] || roles[s.keyAt(i-2)]) && s.capital(i) {
		return true // "The caseworker (Yusra) said"
	}
	if s.littleOne(p) {
		return true // "her little one amari"
	}
	if s.is(p, "says", "say") && s.is(p-1, "everyone", "everybody", "people", "friends", "mates") {
		// "I'm Wojciech, everyone says Wojtek"; in lower case it is a
		// saying: "everyone says grace".
		return s.capital(i)
	}
	if s.is(p, "is", "was") && kin[s.keyAt(p-1)] && !s.toks[p].nl {
		return true // "mum is faith, she's"
	}
	if kin[k] && s.lower(p) != k {
		// "mum's renata" is "mum is"; "mum's house" is hers, so only a
		// listed name that is no everyday word follows it.
		n := s.key(i)
		return s.d.lists.first[n] && !s.d.lists.ambiguous[n] && !s.toks[p].nl
	}
	// A kinship word with a capital mid-sentence is part of a name of a
	// thing: "the Baby Box", "the Scottish Child Payment".
	return kin[k] && !s.toks[p].nl && !(s.capital(p) && !s.sentenceStart(p) && !titles[k])
}

// littleOne reports "one" at p standing for a child: "her little one",
// "the wee one", "my youngest one".
func (s *scan) littleOne(p int) bool {
	return s.is(p, "one") && s.is(p-1, "little", "wee", "young", "youngest", "eldest", "oldest", "middle", "baby", "big")
}

// namingCueBefore reports a cue before token i that names whoever follows,
// so a name that is also a word needs nothing more: "called", "my name's",
// "known as", "everyone calls him", "goes by", "her name well it's".
func (s *scan) namingCueBefore(i int) bool {
	p := s.skipFillers(i - 1)
	if p < 0 || s.toks[i].nl {
		return false
	}
	k := s.key(p)
	switch {
	case k == "our" && s.ourName(i):
		return true // "our jade's got asthma": a family member in the north
	case k == "name" && s.lower(p) == "name's" || callCues[k] && k != "name":
		// "not a bloke called bill" says there is no such person.
		return !s.petBefore(p) && !(s.is(p-3, "not") && s.is(p-2, "a", "an"))
	case s.is(p, "is") && s.is(p-1, "name"):
		return !s.petBefore(p - 1) // "the dog's name is Biscuit"
	case s.is(p, "as") && s.is(p-1, "known") || s.is(p, "by") && s.is(p-1, "goes", "go", "went"),
		s.is(p, "me", "him", "her", "them") && s.is(p-1, "call", "calls", "called"):
		return true
	case s.is(p, "it's", "it’s", "is", "was"):
		// "i won't say her name well it's grace"
		// "the name of the school is" names a place.
		for q := p - 1; q >= 0 && q >= p-4 && !s.toks[q+1].nl && !s.is(q, "of"); q-- {
			if s.is(q, "name", "name's", "name’s") {
				return !s.petBefore(q)
			}
		}
	}
	return false
}

// ageWordsCue reports an age or "little" after a possessive, ending at p,
// which is a cue like "youngest": "my nine year old jack", "my little
// ruby", "her two-year-old, Lily".
func (s *scan) ageWordsCue(p int) bool {
	q := p
	if j, ok := s.yearOldEndingAt(q); ok {
		q = j - 1
	} else if s.is(q, "little", "wee") {
		q--
	}
	return q < p && s.is(q, "my", "our", "his", "her", "their", "your")
}

// abstractNames are names that "our" before makes a word: "our hope is".
var abstractNames = set("hope faith joy grace will patience mercy destiny justice liberty harmony")

// ourName reports a name after "our", as people in the north name family:
// "our jade's got asthma", "our ruby she'll be ten". A name that is also a
// word needs a possessive or a pronoun after it ("our bill went up" is a
// bill), and an abstract one never: "our hope is that".
func (s *scan) ourName(i int) bool {
	k := s.key(i)
	l := s.d.lists
	if !l.first[k] || abstractNames[k] {
		return false
	}
	return !l.ambiguous[k] || stripPossessive(s.word(i)) != s.word(i) || s.kinApposed(i) ||
		s.is(i+1, "he's", "she's", "he’s", "she’s", "he'll", "she'll", "he'd", "she'd", "who", "who's", "who’s")
}

// fillers stand between a cue and a name in speech: "my son um tyler", "a
// cousin as well jack".
var fillers = set("um erm er uh uhm like well")

// skipFillers returns the token before p's fillers and a comma: the cue.
func (s *scan) skipFillers(p int) int {
	for n := 0; n < 3 && p >= 0; n++ {
		switch {
		case s.is(p, "well") && s.is(p-1, "as"):
			p -= 2
		case s.punct(p, ","), fillers[s.lower(p)] && s.toks[p].kind == tokWord:
			p--
		default:
			return p
		}
	}
	return p
}

// pets are animals whose names are not personal data.
var pets = set("dog dogs cat cats puppy pup kitten pet horse pony rabbit bunny hamster budgie parrot tortoise ferret snake")

// petNamed reports a pet's name at token i: "a dog called Max".
func (s *scan) petNamed(i int) bool {
	p := s.skipFillers(i - 1)
	return p >= 0 && callCues[s.key(p)] && s.petBefore(p)
}

// petBefore reports an animal just before the cue at p: "a dog called bob",
// "the cat's named".
func (s *scan) petBefore(p int) bool {
	for q := p - 1; q >= 0 && q >= p-4; q-- {
		if pets[s.key(q)] {
			return true
		}
	}
	return false
}

// formalTitles are titles that, like an abbreviation, make an unlisted
// lower-case word a name when a name's follower comes after it: "sergeant
// whitaker he'd say".
var formalTitles = set("sergeant sarge inspector constable councillor professor reverend")

// missTitle reports "miss" at p said as a title, not the verb: no subject,
// auxiliary or adverb before it ("i really miss home", "you'll miss it").
func (s *scan) missTitle(p int) bool {
	return s.is(p, "miss") && !s.is(p-1, "i", "we", "you", "they", "he", "she", "it", "i'll", "we'll", "you'll", "they'll", "i’ll",
		"will", "would", "do", "does", "did", "don't", "didn't", "doesn't", "won't", "to", "gonna", "really", "still", "never",
		"always", "just", "i'd", "we'd", "might", "could", "can", "cant", "can't", "dont", "didnt", "all", "so", "proper", "not")
}

// formalTitleBefore reports a formal title just before token i.
func (s *scan) formalTitleBefore(i int) bool { return formalTitles[s.keyAt(i-1)] }

// notNameWords follow a kinship word without being a name: "my mum love
// she's", "my nan bless her".
var notNameWords = set(`love bless mate pet darling duck hun babe sweetheart though tho too again mind innit anyway right www http
https com aswell inlaw in-law upstairs downstairs opposite next door here there now then today
lol lmao lmfao omg idk tbh ngl wtf smh brb btw rn fr ikr ffs haha hahaha yeah yep nah nope okay ok aye
group club class room unit ward team school nursery stuff`)

// verbish reports a word that reads as a verb after a subject: "lives",
// "moved", or a speech verb.
func verbish(k string) bool {
	return speechVerbs[k] || len(k) > 3 && (strings.HasSuffix(k, "s") || strings.HasSuffix(k, "ed"))
}

// unlistedLowerName reports whether lower-case token i, in no name list, is
// a name after a kinship word: it is not an everyday word by its form, and a
// pronoun takes it up ("my son kairo he's nine"), or a hesitation before it
// and a verb after it show it is said as a name ("my nephew um tyson lives
// round the corner"). "my nephew lives", "my son often says", "my mum love"
// and "my nan rent was due" are left alone.
func (s *scan) unlistedLowerName(i int) bool {
	k := s.key(i)
	if stop[k] || wordLike(k) || verbish(k) || notNameWords[k] || kin[k] || strings.ContainsRune(k, '\'') || strings.ContainsRune(k, '’') {
		return false
	}
	if titles[s.keyAt(s.skipFillers(i-1))] {
		return false // "my nan rent was due"
	}
	hesitant := s.skipFillers(i-1) < i-1 && !s.punct(i-1, ",")
	// "a toddler, peyton, who's two": set off by commas on both sides.
	apposed := s.punct(i-1, ",") && (s.punct(i+1, ",") || s.punct(i+1, "."))
	// "my daughter faduma is fifteen", "me youngest kemar and": a name's
	// follower after the word, the cue right before it.
	// "my partner is nuno and", "my cousin helder runs it": a kinship
	// word and "is" before it are the cue too.
	cued := kin[s.keyAt(i-1)] || s.littleOne(i-1) || s.is(i-1, "is", "was") && kin[s.keyAt(i-2)]
	follows := cued && s.is(i+1, "is", "was", "has", "had", "and", "said", "says", "goes", "went", "will", "lives",
		"got", "came", "used", "never", "always", "can", "can't", "won't", "didn't", "doesn't", "don't", "wouldn't", "couldn't",
		"runs", "works", "does", "helps", "comes", "pays", "plays", "takes", "gets", "he", "she")
	return s.is(i+1, "he's", "she's", "he’s", "she’s", "he'd", "she'd", "who", "who's", "who’s") || hesitant && verbish(s.keyAt(i+1)) || apposed || follows
}

// ageAfterUnlisted reports an unlisted lower-case word that an age follows
// the way it follows a name: "kairo's eleven", "tyson he's nine", "zuri
// who's six". Not after a determiner ("the car's eleven years old"), nor an
// everyday word by its form, nor "mine's". The word must stand where a list
// of people starts or runs on (see listPlace): an unlisted word anywhere
// else is as often a word ("bilal is so kind he's", "touch wood she's",
// "clean since christmas she's thirty").
func (s *scan) ageAfterUnlisted(i int) bool {
	k := s.key(i)
	if stop[k] || wordLike(k) || kin[k] || titles[k] || notNameWords[k] || k == "mine" || len(k) < 3 || s.is(i-1, determiners...) ||
		!s.listPlace(i) {
		return false
	}
	j := i + 1
	if stripPossessive(s.lower(i)) == s.lower(i) {
		switch {
		case s.is(j, "he's", "she's", "he’s", "she’s", "who's", "who’s"):
			j++
		case s.is(j, "he", "she", "who") && s.is(j+1, "is"):
			j += 2 // "theres bia beatriz she is sixteen"
		case s.is(j, "is") && s.inAgeList(i):
			j++ // "zahra is nine omid is seven and nilo is just turned two"
		default:
			return false
		}
	}
	j = s.skipQualifiers(j)
	return j < len(s.toks) && !s.toks[j].nl && s.isAge(j) && !s.taken[j] && s.ageEnd(j) >= 0
}

// listPlace reports token i where a name in a list of people stands: at the
// start of a turn or a line, after a kinship word ("me nan dot"), after
// "and", "then" or "there's" ("theres mert whos thirteen"), or straight
// after an age found ("zahra is nine omid is seven").
func (s *scan) listPlace(i int) bool {
	p := i - 1
	return p < 0 || s.toks[i].nl || s.punct(p, ":") || kin[s.keyAt(p)] ||
		s.is(p, "and", "then", "theres", "there's", "there’s", "its", "it's", "it’s") || s.inAgeList(i)
}

// inAgeList reports token i said right after an age found, or after one and
// "and": the next child in a list of names and ages, where "X is" and an age
// is a name ("zahra is nine omid is seven"), not "the rent is ninety".
func (s *scan) inAgeList(i int) bool {
	p := i - 1
	if s.is(p, "and") {
		p--
	}
	return p >= 0 && p < i && !s.toks[i].nl && !s.toks[p+1].nl && s.taken[p] && s.isAge(p) && s.ageFound(p)
}

// ageFound reports an age-with-name finding over token p.
func (s *scan) ageFound(p int) bool {
	for _, f := range s.fs {
		if f.Kind == AgeWithName && f.Start <= s.toks[p].start && s.toks[p].end <= f.End {
			return true
		}
	}
	return false
}

// unlistedApposed reports an unlisted lower-case word set before "my son"
// and the like as a name, not an everyday word by its form: "rafa my son
// hes thirteen", but not "anyway my son" or "the car my son". With no
// dictionary to tell "shop" from "rafa", it must also start a turn or follow
// "and" or an age, as the next name in a family's list does ("bia she is
// sixteen rafa my son"): "the portuguese shop my cousin" is left alone.
func (s *scan) unlistedApposed(i int) bool {
	k := s.key(i)
	if stop[k] || wordLike(k) || verbish(k) || kin[k] || titles[k] || notNameWords[k] || len(k) < 3 || stripPossessive(s.lower(i)) != s.lower(i) {
		return false
	}
	return s.toks[i].nl || s.punct(i-1, ":") || s.is(i-1, "and") || i > 0 && s.isAge(i-1)
}

// unlistedAged reports an unlisted lower-case word right after a kinship
// word with a bare age after it, as speech runs a name and an age together:
// "my little brother ferko eleven he got". Not an everyday word by its form.
func (s *scan) unlistedAged(i int) bool {
	k := s.key(i)
	if stop[k] || wordLike(k) || verbish(k) || kin[k] || titles[k] || notNameWords[k] || len(k) < 3 || s.toks[i].nl {
		return false
	}
	j := i + 1
	return j < len(s.toks) && !s.toks[j].nl && s.toks[j].kind == tokWord && s.isAge(j) && !s.taken[j] && s.ageEnd(j) >= 0
}

// closeKin after an unlisted possessive make it a name: "kairo's mum".
var closeKin = set("mum mam mom dad brother sister son daughter nan gran grandad partner boyfriend girlfriend husband wife birthday")

// unlistedPossessive reports an unlisted lower-case possessive before a
// close relative, standing where a name stands: "kairo's mum" but not "the
// neighbour's son", "next door's son" or "everyone's mum".
func (s *scan) unlistedPossessive(i int) bool {
	k := s.key(i)
	if !closeKin[s.keyAt(i+1)] || stop[k] || wordLike(k) || kin[k] || titles[k] || len(k) < 3 {
		return false
	}
	return i == 0 || !s.is(i-1, determiners...) && !s.is(i-1, "next", "of") && stripPossessive(s.lower(i-1)) == s.lower(i-1)
}

// adjectiveNames are names that after "i'm" are what someone feels: "i'm
// frank with you", "i'm happy".
// virtueNames are names that are also things one has or loses.
var virtueNames = set("faith hope grace joy patience mercy charity")

var adjectiveNames = set("frank happy lucky sunny rich precious rusty sandy misty honey angel patience")

// introducedLower reports a speaker naming themself in lower-case speech:
// "i'm summer oh wait", "i am kez". A name that is also a word is taken here
// too, since "i'm" before it is not a sentence.
func (s *scan) introducedLower(i int) bool {
	return (s.is(i-1, "i'm", "i’m") || s.is(i-1, "am") && s.is(i-2, "i")) && !s.toks[i].nl && !s.idiom(i)
}

// modalNames are names that are also modal verbs; a modal cannot be
// followed by a preposition, so "and will from our road" is a person.
var modalNames = set("will")

// roles name what someone does: "robin the family support worker", "the
// coach is Stevie Hanlon".
var roles = set(`worker officer teacher nurse doctor manager coach carer visitor lead coordinator assistant mentor
counsellor therapist adviser advisor landlord landlady caretaker warden vicar priest imam receptionist practitioner
keyworker volunteer head headteacher senco boss supervisor tutor midwife solicitor instructor chair
caseworker pcso gp dentist advocate navigator psychologist psychiatrist paediatrician leader`)

// roleAfter reports "the" and a role just after token i, with up to two
// words between: "robin the family support worker", "Robin, the coach".
func (s *scan) roleAfter(i int) bool {
	j := i + 1
	if s.punct(j, ",") {
		j++
	}
	// After a comma a possessive sets out a role as "the" does: "Rob,
	// our team leader, always says".
	det := s.is(j, "the") || j > i+1 && s.is(j, "our", "my", "his", "her", "their", "your")
	if !det || stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	for k := j + 1; k < len(s.toks) && k <= j+3 && s.toks[k].kind == tokWord && !s.toks[k].nl; k++ {
		if roles[s.key(k)] {
			return true
		}
	}
	return false
}

// roleApposedBefore reports a capitalised name set in apposition after a
// role and a comma, closed by punctuation or the line's end: "The adviser
// there, Pat Nkemelu, set up", "our new support worker, Kaz." A determiner
// before the role makes it a person's role, not a heading ("Adviser, Jobs").
func (s *scan) roleApposedBefore(i int) bool {
	if !s.punct(i-1, ",") || s.toks[i].nl || s.toks[i-1].nl {
		return false
	}
	q := s.skipThere(i - 2)
	if !roles[s.keyAt(q)] || s.toks[q+1].nl {
		return false
	}
	det := false
	for p := q - 1; p >= 0 && p >= q-3 && !s.toks[p+1].nl; p-- {
		if s.is(p, determiners...) {
			det = true
			break
		}
	}
	n := s.extendName(i, stripPossessive(s.word(i)) != s.word(i)) + 1
	return det && (n >= len(s.toks) || s.toks[n].nl || s.punct(n, ",") || s.punct(n, ".") || s.punct(n, ";") || s.punct(n, "—") || s.punct(n, "–"))
}

// personNouns say a person follows: "a woman there marguerite rang me".
var personNouns = set("woman man lady bloke fella guy girl lad worker")

// skipThere returns p, or the token before it when p is "there" or "here".
func (s *scan) skipThere(p int) int {
	if s.is(p, "there", "here") {
		return p - 1
	}
	return p
}

// familyPlural reports a family named by its surname in the plural: "the
// Kaminskis", "the Patels", "the Joneses".
func (s *scan) familyPlural(i int) bool {
	k := s.key(i)
	if !strings.HasSuffix(k, "s") || s.capital(i) && s.sentenceStart(i) {
		return false
	}
	sur := s.d.lists.sur
	stem := k[:len(k)-1]
	return sur[stem] || surnameShape(stem) || strings.HasSuffix(k, "es") && sur[k[:len(k)-2]]
}

// streetAt reports that token j, after the name-like token i, ends a street
// name rather than a surname: a number or "on", "off", "along" before it
// ("Sixty-three Abbey Lane", "down Grace Road").
func (s *scan) streetAt(i, j int) bool {
	if !streetTypes[s.keyAt(j)] || j >= len(s.toks) || s.toks[j].nl {
		return false
	}
	p := i - 1
	if p < 0 {
		return false
	}
	return s.toks[p].kind == tokNum || s.toks[p].kind == tokAlnum || s.isAge(p) ||
		s.is(p, "on", "off", "along", "down", "up", "near", "onto", "via")
}

// surnameAfter reports a listed surname right after token i on the same line.
func (s *scan) surnameAfter(i int) bool {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	// In lower case a surname that is a common word is the word: "sunny day".
	return (s.d.lists.sur[s.key(j)] || surnameShape(s.key(j))) && (s.capital(j) || s.speechLine(j) && !stop[s.key(j)]) && !s.streetAt(i, j)
}

// landWords are the last word of a place named like a person, which is a
// surname too: "Lynch Wood", "Serpentine Green", "Mile Cross".
var landWords = set("wood woods green cross hill hills marsh field fields park heath moor moss dale gate bridge ford brook common vale grove end bank")

// placePairAt reports an unlisted word at i and a land word after it, said
// where a place is: "Serco at Lynch Wood", "the club on Mile Cross Lane".
// A listed first name there is still a person: "at Jo Green's".
func (s *scan) placePairAt(i int, first bool) bool {
	return !first && s.capital(i+1) && !s.toks[i+1].nl && landWords[s.keyAt(i+1)] && s.is(i-1, "at", "in", "on", "near", "off", "around", "round", "through", "via")
}

// surnameShape reports a word shaped like a Gaelic surname, listed or not:
// "mcallister", "o'donnell", "fitzpatrick".
func surnameShape(k string) bool {
	n := len(k)
	return n >= 5 && (strings.HasPrefix(k, "mc") || strings.HasPrefix(k, "o'") || strings.HasPrefix(k, "o’")) ||
		n >= 7 && strings.HasPrefix(k, "fitz")
}

// extendName returns the last token of the name starting at i: following
// capitalised words that are surnames or unknown (Bev Hollis, Lacey-Mae
// Tattersall), not months, not declared vocabulary, not past a possessive.
func (s *scan) extendName(i int, poss bool) int {
	l := s.d.lists
	e := i
	for j := i + 1; !poss && j < len(s.toks) && j <= i+3; j++ {
		t := s.toks[j]
		if t.kind != tokWord || t.nl || s.taken[j] {
			break
		}
		k := s.key(j)
		if s.streetAt(i, j) {
			break
		}
		ok := false
		if s.speechLine(j) {
			ok = (l.sur[k] || surnameShape(k)) && !stop[k]
		} else {
			ok = s.capital(j) && !l.strong[k] && !stop[k] && !titles[k] && (l.sur[k] || !l.first[k])
		}
		if !ok {
			break
		}
		e = j
		poss = stripPossessive(s.word(j)) != s.word(j)
	}
	return e
}

// nameIdiomList are sayings built on a name, which name nobody: "not Bob
// the builder", "bob's your uncle", "a right jack the lad".
var nameIdiomList = []string{
	"bob the builder", "bob's your uncle", "bob’s your uncle", "jack the lad", "jack of all trades", "jack the ripper",
	"jack frost", "billy no mates", "billy-no-mates", "peeping tom", "doubting thomas", "smart alec", "smart alek",
	"nosy parker", "even stevens", "every tom dick and harry", "tom dick and harry", "joe bloggs", "joe public",
	"father christmas", "mother nature", "uncle sam", "john doe", "jane doe", "sod's law", "murphy's law",
	"heath robinson", "steady eddie", "lazy susan", "bloody mary", "dear john", "jack russell", "tom and jerry",
	"bobby dazzler", "silly billy", "mark my words", "mary poppins", "harry potter", "postman pat", "peppa pig", "thomas the tank engine",
	"rob peter to pay paul", "robbing peter to pay paul", "peter to pay paul", "boxing day", "dawn till dusk", "dawn to dusk", "dawn until dusk",
	// Everyday sayings on a word that is also a name.
	"pride and joy", "christmas eve", "new year's eve", "daisy chain", "daisy chains", "precious little", "precious few",
	"frank by nature", "touch wood", "carol singers", "carol singing", "carol service", "ray of sunshine",
	"fat chance", "no chance", "saving grace", "amazing grace", "free will", "good will", "pot luck", "lucky dip", "holly and ivy", "johnnie walker",
	"cash and carry",
	// A title in the name of a show, a book or a brand: "Mr Men stickers".
	"mr men", "little miss", "mr bean", "mrs brown's boys", "mrs browns boys", "mr tumble", "mr blobby", "mrs doubtfire",
	"doctor who", "dr who", "dr seuss", "dr martens", "doc martens", "dr oetker", "mr kipling", "mr muscle", "mr sheen", "mrs hinch",
	"miss marple", "mr motivator", "mr whippy", "mr freeze", "mr brain's", "mr brains",
}

var nameIdioms = sync.OnceValue(func() *phrases { return newPhrases(nameIdiomList) })

// inIdiom reports whether token i is part of a saying built on a name.
// It is asked only of a likely name, which keeps the common case cheap.
func (s *scan) inIdiom(i int) bool {
	p := nameIdioms()
	for q := i; q >= 0 && q >= i-4; q-- {
		if n := p.match(s, q); n > 0 && q+n > i {
			return true
		}
	}
	return false
}

// notAName reports a name-like word that context shows is something else:
// "St Anne's" is a church or a school, "on Abbey Lane" a street, "a dog
// called Max" a pet, "Bob the builder" a saying, "a blue Octavia" or "the
// Skoda Octavia" a car. It is asked only of a likely name, as it looks around.
func (s *scan) notAName(i int) bool {
	return s.streetOrFirmAfter(i) || compass[s.key(i)] || s.is(i-1, "st", "saint") || s.punct(i-1, ".") && s.is(i-2, "st") || s.streetAt(i, i+1) || s.petNamed(i) || s.inIdiom(i) ||
		carWords[s.keyAt(i-1)] && s.is(i-2, determiners...) || carMakers[s.keyAt(i-1)] ||
		// "Tavares & Filhos", "Fisher & Price": a firm, unless a couple.
		s.punct(i+1, "&") && s.capital(i) && s.capital(i+2) && !(s.d.lists.first[s.key(i)] && s.d.lists.first[s.keyAt(i+2)]) ||
		// "Holland & Barrett", "Marks & Spencer": a firm.
		// Two first names either side are a couple: "Ramesh & Kamala".
		s.punct(i-1, "&") && i >= 2 && s.capital(i-2) && !(s.d.lists.first[s.keyAt(i-2)] && s.d.lists.first[s.key(i)]) ||
		// "High Riggs", "North Grace": a street or a district.
		s.capital(i-1) && genericStreets[s.keyAt(i-1)] && s.capital(i) ||
		// "St Vincent de Paul" is a saint, a charity or a shop.
		s.is(i-1, "de", "du", "da") && s.is(i-3, "st", "saint") ||
		// "asda in bridge of dee", "the Isle of Skye": a place.
		s.is(i-1, "of") && placeOfNouns[s.keyAt(i-2)]
}

// placeOfNouns before "of" start a place's name: "Bridge of Dee", "Isle of
// Skye", "Bank of Scotland".
var placeOfNouns = set("bridge isle island city port university bank vale mull firth kyle kyles loch mouth")

// carWords before a name-like word, after "a" or "the", make it a car: "a
// blue Octavia", "the silver Astra". carMakers do with no determiner:
// "Skoda Octavia", "Vauxhall Astra".
var (
	carWords  = set("black white silver grey gray blue red green yellow orange purple gold maroon beige brown dark light old new souped-up battered clapped-out skoda vauxhall ford kia nissan toyota honda seat renault peugeot citroen fiat hyundai mazda audi bmw volkswagen vw mercedes")
	carMakers = set("skoda vauxhall kia nissan toyota honda renault peugeot citroen fiat hyundai mazda volkswagen vw")
)

// speechLine reports whether token i's line is speech-to-text, where lower
// case says nothing about names: the whole text is (see allCaseless), or the
// line has no capitals and a sign stronger than a lower-case first word,
// which a hard-wrapped typed paragraph also has: "i" in lower case, a
// speaker label before a lower-case word, or a sentence begun in lower case.
// It lets the raw half of a partly tidied transcript be read as raw.
func (s *scan) speechLine(i int) bool {
	if s.allCaseless() {
		return true
	}
	if s.speech == nil {
		s.readSpeech()
	}
	return s.speech[i]
}

// anySpeech reports whether some line of the text is speech-to-text (see
// speechLine): a pass that looks only at lower-case speech skips a typed
// text without a walk of its tokens.
func (s *scan) anySpeech() bool {
	if s.allCaseless() {
		return len(s.toks) > 0
	}
	if s.speech == nil {
		s.readSpeech()
	}
	return s.speechSeen
}

// readSpeech works out speechLine for every line once.
func (s *scan) readSpeech() {
	s.speech = zeroed(s.bufs.speech, len(s.toks))
	start := 0
	for j := 1; j <= len(s.toks); j++ {
		if j < len(s.toks) && !s.toks[j].nl {
			continue
		}
		if s.caseless(start) && s.strongLowerSign(start, j) {
			for k := start; k < j; k++ {
				s.speech[k] = true
			}
			s.speechSeen = true
		}
		start = j
	}
}

// strongLowerSign reports a sign in tokens [a,b) that capitals were left
// out: a lower-case "i", a label's colon before a lower-case word, or a
// lower-case word after a full stop.
func (s *scan) strongLowerSign(a, b int) bool {
	for k := a; k < b; k++ {
		if s.toks[k].kind != tokWord {
			continue
		}
		w := s.word(k)
		if w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
			return true
		}
		// "- spoke w/ mum": a bullet before a lower-case first word is
		// notes typed in lower case, not a wrapped line.
		if k == a+1 && (s.punct(a, "-") || s.punct(a, "*") || s.punct(a, "•")) && strings.ToLower(w) == w {
			return true
		}
		// "region:fred" in a caption file is no speaker label.
		if k > a && s.toks[k].sp && (s.punct(k-1, ":") || s.punct(k-1, ".") || s.punct(k-1, "?") || s.punct(k-1, "!")) && strings.ToLower(w) == w {
			return true
		}
	}
	return false
}
