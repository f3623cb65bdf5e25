package anon

import (
	"sort"
	"strconv"
	"strings"
)

// An age is personal data when it sits next to a name: "Tyler is nine",
// "Kayden, who's 7", "Mia (6)", "Chantelle's fifteen", "Liam, 19,",
// "Dawn-Marie turns 16", "Nia, who's two and a half", "ron he's seventy two",
// or a little later in the same turn: "i'm jack's brother so yeah he's
// fifteen and i'm thirteen".

// ageUnits after a number say it is not an age: "one of mine", "fifteen
// quid", "six foot", "ten minutes".
var ageUnits = set(`minutes minute hours hour pm am o'clock quid pounds pound percent per times miles mile days day p
pence grand k of stone kilos kg foot feet inches cm metres meters hundred thousand million nights night pints goes
quarter`)

// relativeAges after "years" or "months" make it a span of time, not an
// age: "two years behind", "six months pregnant", "three years clean".
var relativeAges = set("behind ahead late early clean sober pregnant ago later younger older on off since")

// ageQualifiers stand between the cue and the age: "she's only six",
// "who's just turned nine", "he is nearly 16".
var ageQualifiers = set("only nearly almost just about barely turned turning now coming aged age gone rising both all early mid late actually really")

// ageLeadIns are phrases that stand between the cue and the age as a
// qualifier does: "he's coming up six", "she's gonna be eighty", "he is
// going to be ten", "she's about to turn nine", "she is going on twelve".
var ageLeadIns = [][]string{
	{"coming", "up", "to"}, {"coming", "up"}, {"gonna", "be"}, {"gunna", "be"}, {"going", "to", "be"}, {"about", "to", "turn"},
	{"going", "on"}, {"will", "be"}, {"in", "her"}, {"in", "his"}, {"in", "their"},
}

// ageFollowers may follow an age said with a pronoun, away from the name:
// "he's fifteen and i'm thirteen", "she's six now", "he's nine in june".
var ageFollowers = set("and now so but in this next on at when until till as though tho too yeah innit um erm hmm uh")

// countNouns are everyday words in stop that a number counts: "she's two
// kids", "he's one lot".
var countNouns = set("kids lady fella man woman people thing things stuff bit lot lots")

// clauseStart reports whether token n can follow an age that ends a clause
// in unpunctuated speech: an ageFollower, or a function word that starts the
// next clause ("he's sixteen is that alright"), not a number or a thing
// counted.
func (s *scan) clauseStart(n int) bool {
	k := s.key(n)
	return ageFollowers[k] || ageVerbs[k] || stop[k] && !numberWords[k] && !countNouns[k] && !ageUnits[k]
}

// ageMode says what must follow an age for it to be one.
type ageMode uint8

const (
	ageCued   ageMode = iota // after "is", "who's", "(": anything but a unit
	ageBare                  // "Liam, 19," needs punctuation after it
	ageWindow                // "he's fifteen" later in the turn: punctuation or an ageFollower
)

// age finds an age right after the name ending at token e.
func (s *scan) age(e int) {
	j := e + 1
	mode := ageCued
	switch {
	case stripPossessive(s.word(e)) != s.word(e):
		// "Kayleigh's the eldest, she's eleven"; "Chantelle's fifteen".
		if s.is(j, "the") && s.is(j+1, "eldest", "oldest", "youngest", "middle", "baby") {
			j += 2
			if s.punct(j, ",") {
				j++
			}
			switch n := s.agePronoun(j); {
			case n > 0:
				j += n
			case s.is(j, "at") && j+1 < len(s.toks) && s.isAge(j+1):
				j++ // "Billy's the youngest at four."
			case j < len(s.toks) && s.isAge(j):
				mode = ageWindow // "jordan's the eldest thirteen in august"
			default:
				return
			}
		}
	default:
		j = s.skipAside(j) // "Frank Docherty ("Francie"), sixty-eight"
		punct := s.punct(j, ",") || s.punct(j, "(") || s.isDash(j)
		if punct {
			j++
		}
		if s.is(j, "here", "there") && s.ageIntro(j+1) > 0 {
			j++ // "mick here is seventy one"
		}
		if n := s.ageIntro(j); n > 0 {
			j += n
		} else if s.yearOldApposed(j) {
			return // "Niamh, a seven-year-old, was there"
		} else if !punct {
			// "our ellie-mae 7 and our jayden 4": a number straight
			// after a name, ending its clause; "one" is more often a
			// thing given ("give jack one").
			if !s.is(j, "one") && !s.is(j-1, "and", "or") {
				s.ageAt(j, ageWindow)
			}
			return
		} else if s.punct(j-1, ",") {
			mode = ageBare
		}
	}
	s.ageAt(s.skipQualifiers(j), mode)
}

// skipAside returns the token after a short aside in brackets at j, words
// only, such as a short form after a name ("Margaret (Maggie) 12,", "Lakshmi
// (Lucky to friends), 16"), or j when there is none: an age in brackets
// ("Mia (6)") is no aside.
func (s *scan) skipAside(j int) int {
	if !s.punct(j, "(") {
		return j
	}
	for k := j + 1; k < len(s.toks) && k <= j+8 && !s.toks[k].nl; k++ {
		switch {
		case s.punct(k, ")"):
			if k == j+1 {
				return j
			}
			return k + 1
		case s.toks[k].kind == tokWord && !s.isAge(k) || s.punct(k, "\"") || s.punct(k, "“") || s.punct(k, "”") || s.punct(k, "'"):
		default:
			return j
		}
	}
	return j
}

// yearOldApposed records "a seven-year-old" or "a 9 year old" at j, set
// after a name, and reports whether it did.
func (s *scan) yearOldApposed(j int) bool {
	if !s.is(j, "a", "an") {
		return false
	}
	for p := j + 1; p < len(s.toks) && p <= j+5 && !s.toks[p].nl; p++ {
		if st, ok := s.yearOldEndingAt(p); ok && st == j+1 && !s.taken[st] {
			s.add(s.toks[st].start, s.toks[p].end, AgeWithName, 0.8, "age set after a name")
			s.take(s.toks[st].start, s.toks[p].end)
			return true
		}
	}
	return false
}

// isDash reports a dash standing for a comma: "Tyrone — well, everyone calls
// him Ty — he's twelve".
func (s *scan) isDash(i int) bool {
	return s.punct(i, "—") || s.punct(i, "–") || s.punct(i, "-") && i > 0 && s.toks[i].sp
}

// ageIntro returns how many tokens at j say an age follows a name: "is",
// "was", "aged", "turns", "will be", "who's", "she is"; or 0.
func (s *scan) ageIntro(j int) int {
	if n := s.agePronoun(j); n > 0 {
		return n
	}
	// "kayla just turned 16", "josh only turned three".
	if s.is(j, "just", "only", "recently") && s.is(j+1, "turned", "turns") {
		return 2
	}
	switch {
	case s.is(j, "is", "was", "are", "were", "aged", "turns", "turned", "turning"):
		return 1
	case s.is(j, "age") && j+1 < len(s.toks) && s.isAge(j+1):
		return 1 // "Oksana, age 12"
	case s.is(j, "who", "he", "she", "will", "who'll", "he'll", "she'll", "who’ll", "he’ll", "she’ll") && s.is(j+1, "be", "turns", "turned"):
		return 2
	case s.is(j, "he'd", "she'd", "who'd", "he’d", "she’d", "who’d") && s.is(j+1, "be"):
		return 2 // "she'd be nine now"
	case s.is(j, "he'd", "she'd", "who'd", "he’d", "she’d", "who’d") && s.is(j+1, "just", "only", "turned"):
		return 1 // "Liam Salt, he'd just turned nineteen"
	}
	return 0
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

// skipQualifiers steps over "only", "nearly", "just turned" at j.
func (s *scan) skipQualifiers(j int) int {
	for n := 0; n < 3 && j < len(s.toks); n++ {
		if l := s.leadIn(j); l > 0 {
			j += l
			continue
		}
		// "who's like only two", "she's um sixty eight"
		if !ageQualifiers[s.lower(j)] && !(fillers[s.lower(j)] && s.lower(j) != "well") {
			break
		}
		j++
	}
	return j
}

// leadIn returns how many tokens at j make one of ageLeadIns, or 0.
func (s *scan) leadIn(j int) int {
next:
	for _, p := range ageLeadIns {
		for k, w := range p {
			if !s.is(j+k, w) {
				continue next
			}
		}
		return len(p)
	}
	return 0
}

// ageAt records an age starting at token j, if there is one, and reports
// whether it did.
func (s *scan) ageAt(j int, mode ageMode) bool {
	if j >= len(s.toks) || s.toks[j].nl || !s.isAge(j) || s.taken[j] {
		return false
	}
	end := s.ageEnd(j)
	if end < 0 {
		return false
	}
	n := end + 1 // the token after the age
	switch {
	case n >= len(s.toks) || s.toks[n].nl:
	case mode == ageBare && !(s.punct(n, ",") || s.punct(n, ".") || s.punct(n, ")") || s.punct(n, ";") || s.isDash(n) || ageFollowers[s.keyAt(n)]):
		return false // "Liam, 19,", "Aoife, 12 in October"
	case mode == ageWindow && !(s.toks[n].kind == tokPunct && !s.punct(n, ":") && !s.punct(n, "%") || s.clauseStart(n) || s.taken[n]):
		return false
	}
	s.add(s.toks[j].start, s.toks[end].end, AgeWithName, 0.8, "age next to a name")
	s.take(s.toks[j].start, s.toks[end].end)
	return true
}

// ageEnd returns the last token of the age starting at j, with its parts
// ("seventy two", "two and a half", "9 years old"), or -1 when what follows
// makes the number something else ("fifteen quid", "two years behind").
func (s *scan) ageEnd(j int) int {
	end := j
	if tens[s.lower(j)] != "" && ordinals[s.keyAt(j+1)] > 0 {
		return -1 // "kai is twenty eighth of november": a date
	}
	if tens[s.lower(j)] != "" && units[s.keyAt(j+1)] && !s.toks[j+1].nl {
		end++ // "seventy two"
	}
	if monthNames[s.keyAt(end+1)] > 0 && !s.is(end+1, "may") && !s.toks[end+1].nl {
		return -1 // "bohdan eleven march two thousand nine": a day of a date
	}
	// "one five oh five twenty five" is a date or a number read out, but
	// "fourteen fifteen now" is a guess between two ages.
	if n := end + 1; n < len(s.toks) && !s.toks[n].nl && (s.toks[n].kind == tokNum || numberWords[s.keyAt(n)] || s.is(n, "oh")) {
		if !(teens[s.keyAt(end)] != "" && teens[s.keyAt(n)] != "" && s.clauseStart(n+1)) {
			return -1
		}
		end = n
	}
	switch {
	case s.is(end+1, "and") && s.is(end+2, "a") && s.is(end+3, "half", "bit"):
		end += 3 // "two and a half", "nine and a bit"
	case s.is(end+1, "and") && s.is(end+2, "three", "a") && s.is(end+3, "quarters", "quarter"):
		end += 3 // "two and three quarters"
	}
	if s.is(end+1, "months", "month", "weeks", "years", "year", "yrs") {
		end++
		if s.is(end+1, "old") {
			return end + 1
		}
		if relativeAges[s.keyAt(end+1)] {
			return -1
		}
		return end
	}
	// A plural after the number counts things: "two doors down".
	if n := s.keyAt(end + 1); len(n) > 3 && strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss") && !stop[n] && !ageFollowers[n] && !ageVerbs[n] && s.toks[end+1].kind == tokWord {
		return -1
	}
	if ageUnits[s.keyAt(end+1)] || s.punct(end+1, "%") || s.punct(end+1, ":") ||
		s.punct(end+1, ".") && end+2 < len(s.toks) && s.toks[end+2].kind == tokNum && !s.toks[end+2].sp {
		return -1
	}
	return end
}

// ageVerbs end in s like a plural but are what the person does next: "eamon
// who is now 71 lives alone".
var ageVerbs = set("lives goes loves likes wants needs gets says thinks knows does comes plays stays attends struggles misses")

// decades say an age by its decade: "in her seventies", "early twenties".
var decades = set("twenties thirties forties fifties sixties seventies eighties nineties")

// decadeAge reports a decade at i said of a person: after "her", "his" or
// "their" ("in her seventies"), or after "early", "mid" or "late" that no
// "the" comes before ("Amber, early twenties", not "in the late sixties").
func (s *scan) decadeAge(i int) bool {
	return s.is(i-1, "her", "his", "their") && s.is(i-2, "in") ||
		s.is(i-1, "early", "mid", "late") && !s.is(i-2, "the") && !(s.is(i-2, "her", "his", "their") && !s.is(i-3, "in"))
}

// units are the number words that follow a tens word in an age.
var units = set("one two three four five six seven eight nine")

// isAge reports whether token i is a plausible age: 0-110 or a number word.
func (s *scan) isAge(i int) bool {
	switch s.toks[i].kind {
	case tokNum:
		n, err := strconv.Atoi(s.word(i))
		return err == nil && n <= 110 && len(s.word(i)) <= 3 && !s.punct(i-1, "£")
	case tokWord:
		if decades[s.lower(i)] {
			return s.decadeAge(i)
		}
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

// ageWindowTokens is how far after a name an age said with a pronoun still
// belongs to it: about a sentence of speech.
const ageWindowTokens = 20

// laterAges finds ages said with a pronoun in the same turn soon after a
// name: "i'm jack's brother so yeah he's fifteen and i'm thirteen", "I'm
// Andrzej Nowak, I live in Bulwell. You can say I'm 67?". The age must end
// its clause (see ageWindow), so "she's two minutes away" and "he's one of
// them" are left alone.
func (s *scan) laterAges() {
	var ends []int
	for _, f := range s.fs {
		if f.Kind == Person {
			ends = append(ends, f.End)
		}
	}
	sort.Ints(ends)
	last := -1 // the furthest token already looked at
	for _, end := range ends {
		p := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= end })
		for j := max(p, last+1); j < len(s.toks) && j < p+ageWindowTokens; j++ {
			if s.toks[j].nl {
				break
			}
			last = j
			n := s.selfPronoun(j)
			if n == 0 && s.is(j, "he", "she") && s.is(j+1, "was") {
				// "river came and she was fourteen", "had him since he
				// was two": an age then still says who a child is. "i
				// was nine when" is the speaker's own time, left out.
				n = 2
			}
			// "not till she's fourteen" is a time to come, not an age;
			// "since he was two" is a past one.
			if n == 0 || s.is(j-1, "till", "until", "til", "when", "once", "before", "after", "by", "if") ||
				s.is(j-1, "since") && !s.is(j+1, "was") {
				continue
			}
			if k := s.skipQualifiers(j + n); s.ageAt(k, ageWindow) {
				j = k
			}
		}
	}
}

// selfPronoun returns how many tokens at j are a pronoun and "is" before an
// age: "he's", "i'm", "she is", "i am"; or 0. A past "was" is left out: "i
// was nine when my dad did the same" is a time, not an age.
func (s *scan) selfPronoun(j int) int {
	switch {
	case s.is(j, "he's", "she's", "he’s", "she’s", "i'm", "i’m", "who's", "who’s"):
		return 1
	case s.is(j, "he", "she", "who") && s.is(j+1, "is") || s.is(j, "i") && s.is(j+1, "am"):
		return 2
	case s.is(j, "they're", "they’re") || s.is(j, "twins", "both") && s.is(j+1, "are"):
		if s.is(j, "twins", "both") {
			return 2
		}
		return 1 // "lacey and levi the twins are nine"
	case s.is(j, "they") && s.is(j+1, "are"):
		return 2
	case s.is(j, "he'll", "she'll", "he’ll", "she’ll", "who'll", "who’ll") && s.is(j+1, "be"):
		return 2 // "she'll be fourteen in may"
	case s.is(j, "he", "she", "who") && s.is(j+1, "will", "turns", "turned") && (s.is(j+2, "be") || !s.is(j+1, "will")):
		if s.is(j+1, "will") {
			return 3
		}
		return 2 // "he turns six", "she will be ten"
	}
	return 0
}

// ageBeforeKin are words between an age and the name it goes with: "his
// 11 year old son kayden", "a two-year-old called Lily".
var ageBeforeKin = set("son daughter boy girl lad lass kid child baby grandson granddaughter brother sister called named")

// earlierAges finds an age said before a name: "my nine year old jack",
// "a 9-year-old, Tommy", "his 11 year old son kayden", "a two-year-old
// called Lily".
func (s *scan) earlierAges() {
	for _, f := range s.fs {
		if f.Kind != Person {
			continue
		}
		p := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.Start }) - 1
		for n := 0; n < 2 && p >= 0 && (s.punct(p, ",") || ageBeforeKin[s.key(p)]); n++ {
			p--
		}
		if j, ok := s.yearOldEndingAt(p); ok && !s.taken[j] && !s.toks[p].nl {
			s.add(s.toks[j].start, s.toks[p].end, AgeWithName, 0.8, "age before a name")
			s.take(s.toks[j].start, s.toks[p].end)
		} else if j, ok := s.pronounAgeEndingAt(p); ok && s.punct(p+1, ",") {
			// "She's thirty-one, Kelly, and": the name set after the age.
			s.add(s.toks[j].start, s.toks[p].end, AgeWithName, 0.8, "age said before a name")
			s.take(s.toks[j].start, s.toks[p].end)
		}
	}
}

// pronounAgeEndingAt reports an age such as "she's thirty-one" or "he's
// 9" whose last token is p, and its first token.
func (s *scan) pronounAgeEndingAt(p int) (int, bool) {
	if p < 1 || !s.isAge(p) || s.taken[p] {
		return 0, false
	}
	j := p
	if units[s.keyAt(p)] && tens[s.lower(p-1)] != "" {
		j-- // "thirty one"
	}
	if !s.is(j-1, "he's", "she's", "he’s", "she’s") || s.toks[j].nl {
		return 0, false
	}
	return j, true
}

// yearOldEndingAt reports an age such as "nine year old", "two-year-old" or
// "9-year-old" whose last token is p, and its first token.
func (s *scan) yearOldEndingAt(p int) (int, bool) {
	if p < 0 || s.toks[p].kind != tokWord {
		return 0, false
	}
	w := s.lower(p)
	// "two-year-old" is one token; "9-year-old" is "9", "-", "year-old".
	if rest, ok := strings.CutSuffix(w, "-old"); ok {
		unit := rest
		if num, u, two := strings.Cut(rest, "-"); two {
			unit = u
			if !ageUnitWords[unit] || !numberWords[num] {
				return 0, false
			}
			return p, true
		}
		if ageUnitWords[unit] && s.punct(p-1, "-") && p >= 2 && s.isAge(p-2) {
			return p - 2, true
		}
		return 0, false
	}
	if w != "old" || !s.is(p-1, "year", "years", "month", "months", "week", "weeks") {
		return 0, false
	}
	j := p - 2
	if s.punct(j, "-") {
		j--
	}
	if j < 0 || !s.isAge(j) {
		return 0, false
	}
	if j > 0 && tens[s.lower(j-1)] != "" && units[s.lower(j)] {
		j-- // "thirty two year old"
	}
	return j, true
}

// ageUnitWords are the units of an age before "old".
var ageUnitWords = set("year years month months week weeks")

// ageItem matches a comma- or bracket-separated item after a name that is
// an age, written any of the ways notes write one: "7", "2yo", "aged 9",
// "near eighty", "70s", "mid-50s", "late forties".
var ageItem = lazyRE(`^(?:(?:aged?|about|around|nearly|near|almost|roughly|approx\.?|c\.?)\s+)*` +
	`(?:(?:\d{1,2}|1[01]\d)\s*(?:yo|y/o|yrs?|years?(?:\s+old)?|months?(?:\s+old)?|mths?)?|` +
	`(?:(?:early|mid|late)[\s-]?)?(?:[1-9]0s|[1-9]0's|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|` +
	`(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|` +
	`one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)$`)

// appositionAges finds an age among the short items set after a name by
// commas or brackets, as notes list them: "kerry (kinship carer, mid-50s,
// caring for ...)", "Claudette Brown (Jamaican, 70s)", "kacey (2yo)",
// "Bridie Ward, grandmother, "near eighty", and". An item longer than a few
// words ends the list.
func (s *scan) appositionAges() {
	for _, f := range s.fs {
		if f.Kind != Person {
			continue
		}
		p := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.End })
		for item := 0; item < 3 && p < len(s.toks) && (s.punct(p, "(") || s.punct(p, ",")) && !s.toks[p].nl; item++ {
			a := p + 1
			e := a
			for e < len(s.toks) && e < a+6 && !s.toks[e].nl && !s.punct(e, ",") && !s.punct(e, ")") && !s.punct(e, ";") {
				e++
			}
			if e == a || e >= len(s.toks) || e == a+6 || s.toks[e].nl {
				break
			}
			start, end := s.toks[a].start, s.toks[e-1].end
			txt := strings.Trim(strings.ToLower(s.text[start:end]), "\"“”' ")
			if ageItem.MatchString(txt) && !s.taken[a] && !s.taken[e-1] {
				off := strings.Index(strings.ToLower(s.text[start:end]), txt)
				s.add(start+off, start+off+len(txt), AgeWithName, 0.75, "an age among the words set after a name")
				s.take(start, end)
				break
			}
			if s.punct(e, ")") {
				break
			}
			p = e
		}
	}
}

// agesAfterAges finds a second age said right after one, correcting or
// updating it: "since he was 4, now 12", "mia's nine now – ten in march".
func (s *scan) agesAfterAges() {
	for _, f := range s.fs {
		if f.Kind != AgeWithName {
			continue
		}
		j := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.End })
		now := false
		for n := 0; n < 3 && j < len(s.toks) && !s.toks[j].nl; n++ {
			switch {
			case s.is(j, "now"):
				now = true
			case s.punct(j, ",") || s.isDash(j) || s.punct(j, "–") || s.punct(j, "—"):
			default:
				n = 3
				continue
			}
			j++
		}
		if now || s.isDash(j-1) || s.punct(j-1, "–") {
			s.ageAt(j, ageWindow)
		}
	}
}

// compactAge is an age written as one token, as notes write it: "13yo",
// "8yrs", "2y/o".
var compactAge = lazyRE(`^(?:\d|[1-9]\d|1[01]\d)(?:yo|yrs?|y/o)$`)

// compactAges flags an age written as one token right after a person's
// name: "kids Sagar 13yo & Puja 8yrs".
func (s *scan) compactAges() {
	for _, f := range s.fs {
		if f.Kind != Person {
			continue
		}
		j := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= f.End })
		if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || s.toks[j].kind != tokAlnum || !compactAge.MatchString(s.lower(j)) {
			continue
		}
		s.add(s.toks[j].start, s.toks[j].end, AgeWithName, 0.8, "age next to a name")
		s.take(s.toks[j].start, s.toks[j].end)
	}
}
