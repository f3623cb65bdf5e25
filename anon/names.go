package anon

import (
	"sort"
	"strconv"
	"strings"
)

// names finds people's names the way a careful reviewer reads: a title or a
// kinship word before a word makes it a name; a listed first name is a name
// unless it is also an everyday word (Will, May, Grace), which then needs a
// cue; capitals mid-sentence count only where the text has capitals at all,
// and a lower-case word only in speech-to-text (see caseless), where a cue
// before an everyday word ("the nurse turned up") is still not enough.
func (s *scan) names() {
	l := s.d.lists
	s.spelledNames()
	for i := 0; i < len(s.toks); i++ {
		if s.toks[i].kind != tokWord {
			continue
		}
		k := s.key(i)
		// A declared pseudonym or place is not flagged alone, but a
		// surname after it still is: "Bev Hollis".
		if s.taken[i] && !(s.blocked(i) && l.first[k] && s.extendName(i, false) > i) {
			continue
		}
		// Lower case is a cue's only evidence only where the whole text
		// has no capitals (speech-to-text): in typed text, "my nan ended
		// up" is a verb, whatever its line looks like.
		capital := s.capital(i)
		if !capital && !s.allCaseless() {
			continue
		}
		first := l.first[k] || strings.Contains(k, "-") && l.first[k[:strings.IndexByte(k, '-')]]
		amb, strongAmb := l.ambiguous[k], l.strong[k]
		if (stop[k] || titles[k]) && !first && !(amb && s.cueBefore(i) && s.nameFollows(i)) {
			continue
		}
		poss := stripPossessive(s.word(i)) != s.word(i)
		var conf float64
		var reason string
		switch {
		case s.titleBefore(i) && (capital || first || l.sur[k] || !wordLike(k) && s.abbrevTitleBefore(i)):
			conf, reason = 0.9, "after a title"
		case s.cueBefore(i) && (capital || first || l.sur[k] || amb && s.nameFollows(i)) && !(amb && !capital && s.idiom(i)):
			conf, reason = 0.85, "after a kinship word or \"called\""
		case first && !amb && capital:
			conf, reason = 0.8, "listed first name"
		case first && !amb:
			conf, reason = 0.6, "listed first name in lower-case text"
		case (first || capital && !s.sentenceStart(i)) && s.surnameAfter(i):
			conf, reason = 0.75, "followed by a surname"
		case capital && s.nameLike(i) && (first || !s.sentenceStart(i)) && s.appositionAfter(i):
			conf, reason = 0.75, "followed by \", "+s.word(i+2)+"\""
		case capital && s.nameLike(i) && s.introduced(i):
			conf, reason = 0.75, "after \"I'm\""
		case (capital || first) && s.nameLike(i) && s.nicknameAfter(i):
			conf, reason = 0.75, "before \""+s.word(i+1)+" "+s.word(i+2)+"\""
		case first && capital && !strongAmb && !s.sentenceStart(i) && !s.idiom(i):
			conf, reason = 0.6, "name that is also a word, capitalised mid-sentence"
		case first && !strongAmb && capital && speechVerbs[s.keyAt(i+1)] && !poss:
			conf, reason = 0.6, "name that is also a word, before \""+s.word(i+1)+"\""
		case capital && poss && kin[s.keyAt(i+1)] && (first || !s.sentenceStart(i)):
			conf, reason = 0.75, "possessive before a kinship word"
		case capital && s.is(i-1, "the") && familyNouns[s.keyAt(i+1)]:
			conf, reason = 0.75, "\"the ... family\""
		default:
			continue
		}
		e := s.extendName(i, poss)
		end := s.toks[e].start + len(stripPossessive(s.word(e)))
		s.add(s.toks[i].start, end, Person, conf, reason)
		s.take(s.toks[i].start, s.toks[e].end)
		s.age(e)
		i = e
	}
	s.sameNames()
	s.nameLists()
}

// nameFollowers after a word that is also a name make it one: "my son will,
// he's", "hope is seven", "frank who's nine".
var nameFollowers = set("he's she's he’s she’s who who's who’s is was has had and said says goes went")

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
	return i > 0 && wordBefore[s.lower(i-1)] || i+1 < len(s.toks) && wordAfter[s.lower(i+1)] || stop[s.key(i)] && !s.nameFollows(i)
}

// nameLike reports whether token i could be a name given a cue after it:
// not a month or place name, not a nationality or role, not an idiom.
func (s *scan) nameLike(i int) bool {
	k := s.key(i)
	return !s.d.lists.strong[k] && !notNames[k] && !s.idiom(i)
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
		if f.Kind == Person {
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
		if i >= len(s.toks) || s.toks[i].kind != tokWord || s.taken[i] || s.toks[i].nl || !s.capital(i) || s.sentenceStart(i) ||
			stop[s.key(i)] || titles[s.key(i)] || !s.nameLike(i) || i+1 < len(s.toks) && s.toks[i+1].kind == tokNum {
			continue
		}
		e := s.extendName(i, false)
		end := s.toks[e].start + len(stripPossessive(s.word(e)))
		s.add(s.toks[i].start, end, Person, 0.7, "in a list of names")
		s.take(s.toks[i].start, s.toks[e].end)
		ends = append(ends, end) // walked from in its turn
	}
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

// nicknameAfter reports "X they call him", "X, we call her".
func (s *scan) nicknameAfter(i int) bool {
	j := i + 1
	if s.punct(j, ",") {
		j++
	}
	return s.is(j, "they", "we", "people", "everyone", "everybody") && s.is(j+1, "call", "calls") && s.is(j+2, "him", "her", "me", "them")
}

// idiom reports a name that is also a word used as the word, read from the
// function words around it: a determiner before it ("the bill", "a grace
// period"), "of" on either side ("crack of dawn", "jack of all trades"), an
// object pronoun after it, which makes it a verb ("jack it in", "mark it"),
// or a bare verb or "not" after it, which makes it a modal ("my son will be
// there", "she may not").
func (s *scan) idiom(i int) bool {
	poss := stripPossessive(s.word(i)) != s.word(i)
	return s.is(i-1, determiners...) || !poss && (s.is(i-1, "of") && !s.capital(i) || s.is(i+1, "of", "it", "them", "this", "that", "be", "have", "not"))
}

// determiners before a word that is also a name make it the word: "the Bill".
var determiners = []string{"the", "a", "an", "this", "that", "your", "our", "their", "his", "her", "my", "its"}

// sameNames flags further mentions of a name found with a cue elsewhere in
// the text, as a reviewer would once they know who "Lee" is: "My ex, Lee,
// ... Lee's got the kids". Common words (will, may) are never taken this way.
func (s *scan) sameNames() {
	known := map[string]bool{}
	for _, f := range s.fs {
		if f.Kind == Person && f.Confidence >= 0.75 {
			for _, w := range strings.Fields(strings.ToLower(f.Text)) {
				if (!stop[w] || s.d.lists.ambiguous[w]) && !titles[w] && !s.d.lists.strong[w] {
					known[w] = true
				}
			}
		}
	}
	if len(known) == 0 {
		return
	}
	for i := range s.toks {
		if s.toks[i].kind != tokWord || s.taken[i] || !known[s.key(i)] {
			continue
		}
		// Lower case says nothing only where the text has no capitals at
		// all (speech-to-text), and never in an idiom: "crack of dawn". A
		// name that is also a word needs to stand where a name stands:
		// "i hope so" and "to be frank" are not Hope and Frank.
		if !s.capital(i) && !s.allCaseless() || s.idiom(i) ||
			!s.capital(i) && s.d.lists.ambiguous[s.key(i)] && s.wordUse(i) ||
			stop[s.key(i)] && (s.sentenceStart(i) || s.wordUse(i)) {
			continue
		}
		end := s.toks[i].start + len(stripPossessive(s.word(i)))
		s.add(s.toks[i].start, end, Person, 0.7, "same name as a person found elsewhere in the text")
		s.take(s.toks[i].start, s.toks[i].end)
		s.age(i)
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
// Tyler", "her partner, Wayne", "a lady called Denise", "my name's Zofia".
func (s *scan) cueBefore(i int) bool {
	p := i - 1
	if s.punct(p, ",") {
		p--
	}
	if p < 0 || s.toks[i].nl {
		return false
	}
	k := s.key(p)
	if k == "name" && s.lower(p) == "name's" || callCues[k] && k != "name" {
		return true
	}
	if s.is(p, "is") && s.is(p-1, "name") || s.is(p, "as") && s.is(p-1, "known") ||
		s.is(p, "me", "him", "her", "them") && s.is(p-1, "call", "calls", "called") {
		return true
	}
	return kin[k] && !s.toks[p].nl && s.lower(p) == k // "mum's" is not a cue
}

// surnameAfter reports a listed surname right after token i on the same line.
func (s *scan) surnameAfter(i int) bool {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || stripPossessive(s.word(i)) != s.word(i) {
		return false
	}
	return s.d.lists.sur[s.key(j)] && (s.capital(j) || s.allCaseless())
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
		ok := false
		if s.allCaseless() {
			ok = l.sur[k] && !stop[k]
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

// ageUnits after a number say it is not an age.
var ageUnits = set("minutes minute hours hour pm am o'clock quid pounds percent times miles mile days day p pence grand k")

// age finds an age next to the name ending at token e: "Tyler is nine",
// "Kayden, who's 7", "Mia (6)", "Chantelle's fifteen", "Liam, 19,".
func (s *scan) age(e int) {
	j := e + 1
	poss := stripPossessive(s.word(e)) != s.word(e)
	bare := false // ", 19," needs a boundary after the number
	switch {
	case poss && s.is(j, "the") && s.is(j+1, "eldest", "oldest", "youngest", "middle", "baby"):
		// "Kayleigh's the eldest, she's eleven"
		j += 2
		if s.punct(j, ",") {
			j++
		}
		n := s.agePronoun(j)
		if n == 0 {
			return
		}
		j += n
	case poss:
	case s.is(j, "is", "was", "aged"):
		j++
	case s.punct(j, "("):
		j++
	case s.punct(j, ","):
		j++
		if n := s.agePronoun(j); n > 0 {
			j += n
		} else {
			bare = true
		}
	case s.agePronoun(j) > 0:
		// "my sister Hafsa who's seventeen", "tyler he's seven"
		j += s.agePronoun(j)
	default:
		return
	}
	if j >= len(s.toks) || !s.isAge(j) || s.taken[j] {
		return
	}
	end := j
	if s.is(j+1, "months", "month", "weeks", "years", "year", "yrs") {
		end = j + 1
		if s.is(j+2, "old") {
			end = j + 2
		}
	} else if ageUnits[s.keyAt(j+1)] || s.punct(j+1, "%") || s.punct(j+1, ":") || s.punct(j+1, ".") && j+2 < len(s.toks) && s.toks[j+2].kind == tokNum && !s.toks[j+2].sp {
		return
	}
	if bare && end+1 < len(s.toks) && !s.punct(end+1, ",") && !s.punct(end+1, ".") && !s.punct(end+1, ")") && !s.punct(end+1, ";") {
		return
	}
	s.add(s.toks[j].start, s.toks[end].end, AgeWithName, 0.8, "age next to a name")
	s.take(s.toks[j].start, s.toks[end].end)
}

// agePronoun returns how many tokens at j introduce an age after a name:
// "who's", "she's", "aged", "he is", "she was", "who is"; or 0.
func (s *scan) agePronoun(j int) int {
	switch {
	case s.is(j, "who's", "who’s", "he's", "she's", "he’s", "she’s", "aged"):
		return 1
	case s.is(j, "who", "he", "she") && s.is(j+1, "is", "was"):
		return 2
	}
	return 0
}

// isAge reports whether token i is a plausible age: 0-110 or a number word.
func (s *scan) isAge(i int) bool {
	switch s.toks[i].kind {
	case tokNum:
		n, err := strconv.Atoi(s.word(i))
		return err == nil && n <= 110 && len(s.word(i)) <= 3 && !s.punct(i-1, "£")
	case tokWord:
		// "twenty-one": every part a number word. Cut, not Split, as this
		// runs for every apposition.
		for rest, more := s.lower(i), true; more; {
			var p string
			p, rest, more = strings.Cut(rest, "-")
			if !numberWords[p] {
				return false
			}
		}
		return true
	}
	return false
}
