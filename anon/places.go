package anon

import (
	"slices"
	"strings"
)

// places finds addresses, schools, GP surgeries and employers. Declared
// vocabulary may be part of them ("6 Colwick Road"): it only stops a finding
// that lies wholly inside it.
//
// Each detector runs as its own pass, the most specific first, so a longer
// name is never cut short by a looser cue inside it: "started at St Paul's
// Catholic High School" is a school, not the employer "St".
func (s *scan) places() {
	for i := range s.toks {
		if s.toks[i].kind == tokNum || s.toks[i].kind == tokAlnum {
			s.address(i)
		} else if s.toks[i].kind == tokWord && (s.class(i)&wDigit != 0 || s.hyphenTens(i)) {
			s.wordAddress(i)
		}
	}
	// Each pass with a trigger does nothing at a word without one of its
	// trigger classes (its own first test, hoisted here), so it is only
	// called where one occurs, and not at all in a text with none.
	at := s.triggered()
	for n, p := range placePasses {
		if p.trigger == 0 {
			for i := range s.toks {
				if s.toks[i].kind == tokWord {
					p.run(s, i)
				}
			}
			continue
		}
		for _, i := range at[passTrigger[n]] {
			p.run(s, i)
		}
	}
	s.sameInstitution()
	s.corrections()
	s.saintSchools() // saints.go
	s.gpAnswers()    // gpcues.go
	s.saintNames()
}

// placePasses are places' passes in order, each with the word classes it
// starts at.
var placePasses = []struct {
	run     func(*scan, int)
	trigger wclass // 0: every word
}{
	{(*scan).institutionOrOrganisation, wInstitution | wOrgSuffix | wYsgol},
	{(*scan).workplaceName, wNamedAfter},
	{(*scan).employer, wWork | wJob | wEmployerCue},
	{(*scan).apposition, wPlaceCue},
	{(*scan).thatsThe, wNamedAfter},
	{(*scan).schoolYear, wPlaceCue}, // to, at, attends
	{(*scan).calledName, wNaming},
	{(*scan).namedAs, wNaming},
	{(*scan).gpAt, wPlaceCue | wWith}, // at, with, in
	{(*scan).schoolCue, wCue},
	{(*scan).placeOfWork, wPlaceCue}, // at
	{(*scan).brand, 0},
	{(*scan).hiring, wHiring},
	{(*scan).street, wStreetCue},
}

// placeTriggers are the distinct triggers of placePasses, and
// anyPlaceTrigger their classes together.
var placeTriggers, anyPlaceTrigger = func() (ts []wclass, all wclass) {
	for _, p := range placePasses {
		if p.trigger != 0 && !slices.Contains(ts, p.trigger) {
			ts = append(ts, p.trigger)
		}
		all |= p.trigger
	}
	return ts, all
}()

// passTrigger holds each pass's index in placeTriggers, so places does not
// search for it at every call.
var passTrigger = func() []int {
	ks := make([]int, len(placePasses))
	for n, p := range placePasses {
		ks[n] = slices.Index(placeTriggers, p.trigger)
	}
	return ks
}()

// triggered returns, for each of placeTriggers, the words with one of its
// classes, in order: one walk of the text instead of one per pass. Only
// words have a trigger class (see classAll).
func (s *scan) triggered() [][]int {
	at := s.bufs.trig
	if at == nil {
		at = make([][]int, len(placeTriggers))
		s.bufs.trig = at
	}
	for k := range at {
		at[k] = at[k][:0]
	}
	if s.textCls&anyPlaceTrigger == 0 {
		return at
	}
	for i, c := range s.cls {
		if c&anyPlaceTrigger == 0 {
			continue
		}
		for k, t := range placeTriggers {
			if c&t != 0 {
				at[k] = append(at[k], i)
			}
		}
	}
	return at
}

// institutionOrOrganisation tries both at token i: they look back from a
// final word (School, Surgery, Ltd), so one pass serves them.
func (s *scan) institutionOrOrganisation(i int) {
	c := s.class(i)
	if c&wInstitution != 0 {
		s.institution(i)
	}
	if s.is(i, "ysgol", "ysgolion", "coleg") {
		s.ysgol(i)
	}
	if c&wOrgSuffix != 0 {
		s.organisation(i)
	}
}

// ysgol finds a Welsh school or college, named after its head word: "Ysgol
// Gyfun Gwent Is Coed", "ysgol bodhyfryd", "Coleg Gwent". Up to four name words follow; in
// lower case, up to two and no common word.
func (s *scan) ysgol(i int) {
	if !s.capital(i) && !s.caseless(i) || s.taken[i] {
		return
	}
	e, most := i, 4
	if s.caseless(i) {
		most = 2
	}
	for k := i + 1; k <= i+most && s.nameWord(k) && !s.blocked(k) && (s.capital(k) || s.caseless(k) && !wordLike(s.key(k)) && !s.d.lists.first[s.key(k)]); k++ {
		e = k
	}
	if e == i {
		return
	}
	s.add(s.toks[i].start, s.toks[e].end, School, 0.85, "Welsh school or college named after \""+s.lower(i)+"\"")
	s.take(s.toks[i].start, s.toks[e].end)
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
	if measureWords[s.keyAt(i)] {
		return -1 // "a 10 minute walk", "a twenty minute walk"
	}
	if welshStreetTypes[s.keyAt(i)] && s.nameWord(i) {
		return s.welshStreetEnd(i)
	}
	for j := i; j < i+5 && j < len(s.toks); j++ {
		if j > i && streetTypes[s.key(j)] && s.toks[j].kind == tokWord && !s.toks[j].nl {
			// "Holly Bank Road", "Church Hill Lane": a type may be part of the name.
			if k := j + 1; k < len(s.toks) && streetTypes[s.key(k)] && s.nameWord(k) && s.toks[k].kind == tokWord {
				return k
			}
			return j
		}
		if !s.nameWord(j) {
			return -1
		}
	}
	return -1
}

// measureWords after a number make it a length, not a house number.
var measureWords = set("minute min mins hour hr hrs metre metres km")

// welshStreetTypes open a Welsh street's name, the type first: "Heol y
// Nant", "Maes y Dre", "ael y bryn".
var welshStreetTypes = set("heol ffordd stryd lon lôn maes rhodfa ael cwrt")

// welshStreetEnd returns the last token of a Welsh street name opened by
// its type at token i ("Maes y Dre", "Heol Glyndwr"), or -1: one or two
// name words, after "y" or "yr" if there is one.
func (s *scan) welshStreetEnd(i int) int {
	j := i + 1
	if s.is(j, "y", "yr") && !s.toks[j].nl {
		j++
	}
	if j >= len(s.toks) || s.toks[j].nl || !s.nameWord(j) || s.caseless(j) && wordLike(s.key(j)) || s.class(j)&wDigit != 0 {
		return -1
	}
	if k := j + 1; k < len(s.toks) && !s.toks[k].nl && s.capital(j) && s.capital(k) && s.nameWord(k) {
		return k // "Heol Pen y Bryn" is cut at two words; the number and type carry it
	}
	return j
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
	start := i
	// flat 3, / Flat 2b,
	p := i - 1
	if s.punct(p, ",") {
		p--
	}
	if p >= 1 && (s.toks[p].kind == tokNum || s.toks[p].kind == tokAlnum) && s.is(p-1, "flat", "apartment", "unit", "apt") {
		start = p - 1
	} else if p >= 3 && s.toks[p].kind == tokNum && s.punct(p-1, "/") && s.toks[p-2].kind == tokNum && s.is(p-3, "flat") {
		start = p - 3 // "Flat 1/2, 12 Langlands Road": floor and door
	}
	if s.is(i-1, "number", "no") && s.is(j, "on", "in", "off") {
		j++ // "at number 12 on Elm Road"
	}
	e := s.streetEnd(j)
	if e < 0 {
		e = s.theStreet(j) // "4 the Crescent"
	}
	if e < 0 && (start != i || s.is(i-1, "flat", "apartment", "apt", "plot", "pitch")) {
		e = s.buildingEnd(j) // "Flat 3, Kestrel House", "flat 12 Kestrel House", "plot 12 Greenbank Site"
		if start == i {
			start = i - 1
		}
	}
	if e < 0 {
		return
	}
	s.add(s.toks[start].start, s.toks[e].end, Address, 0.9, "house number and street")
	s.take(s.toks[start].start, s.toks[i].end)
}

// theStreet returns the street type in "the Crescent", "the grove" (in
// lower-case text) at token j, a street named by its type alone after a
// house number, or -1.
func (s *scan) theStreet(j int) int {
	if !s.is(j, "the") || j+1 >= len(s.toks) || s.toks[j+1].nl || !streetTypes[s.key(j+1)] || !s.capital(j+1) && !s.caseless(j+1) {
		return -1
	}
	return j + 1
}

// hyphenTens reports whether token i is a hyphenated number word like
// "Sixty-three", which has no word class of its own.
func (s *scan) hyphenTens(i int) bool {
	if !s.toks[i].hyph {
		return false // most words: no need to lower them
	}
	t, _, ok := strings.Cut(s.key(i), "-")
	return ok && tens[t] != ""
}

// wordAddress: a house number in words and a street: "forty two beech
// crescent", "Sixty-three Abbey Lane", "number six saxon court", "flat 2
// forty one Park Road", "flat two, forty one park road".
func (s *scan) wordAddress(i int) {
	start := i
	if f := s.flatBefore(i); f >= 0 {
		start = f
	} else if i > 0 && (s.class(i-1)&wDigit != 0 || s.hyphenTens(i-1) || s.toks[i-1].kind == tokNum) {
		return // inside a longer number
	}
	n, j := s.wordHouse(i)
	if n == 0 || j == i {
		return
	}
	if s.streetEnd(j) < 0 && smallNumbers[s.lower(i)] > 0 {
		// "one four seven hollins lane": a house number read digit by digit.
		for k := i + 1; k < i+3 && k < len(s.toks) && !s.toks[k].nl && digitWords[s.lower(k)] != "" && digitWords[s.lower(k)] != "*"; k++ {
			if s.streetEnd(k+1) >= 0 {
				j = k + 1
				break
			}
		}
		// "one forty seven rendlesham road": a hundreds digit, then tens.
		if i+1 < len(s.toks) && tens[s.lower(i+1)] != "" && !s.toks[i+1].nl {
			if _, k := s.wordHouse(i + 1); s.streetEnd(k) >= 0 {
				j = k
			}
		}
	}
	if s.toks[min(j, len(s.toks)-1)].end-s.toks[min(j, len(s.toks)-1)].start == 1 && s.is(j, "a", "b", "c", "d") && (s.punct(j+1, ",") || s.is(j+1, "the")) {
		j++ // "forty two a, the grove"
	}
	if s.punct(j, ",") {
		j++ // "forty two, Beech Crescent"
	}
	if s.is(i-1, "number", "no") && s.is(j, "on", "in", "off") {
		j++ // "number twelve on elm road"
	}
	e := s.streetEnd(j)
	if e < 0 {
		e = s.theStreet(j)
	}
	if e < 0 && (start != i || s.is(i-1, "flat", "plot", "pitch")) {
		e = s.buildingEnd(j) // "flat two kestrel house", "plot twelve greenbank traveller site"
		if start == i {
			start = i - 1
		}
	}
	if e < 0 {
		return
	}
	for k := j; k < e; k++ {
		if s.class(k)&wDigit != 0 {
			return
		}
	}
	s.add(s.toks[start].start, s.toks[e].end, Address, 0.8, "house number in words and street")
	s.take(s.toks[start].start, s.toks[e].end)
}

// flatBefore returns the index of "flat" (or "apartment", "unit") in "flat
// 2 forty one", "flat two, forty one", the flat number just before token i,
// or -1.
func (s *scan) flatBefore(i int) int {
	p := i - 1
	if s.punct(p, ",") {
		p--
	}
	if p < 1 || !(s.toks[p].kind == tokNum || s.toks[p].kind == tokAlnum || smallNumbers[s.lower(p)] > 0 || teens[s.lower(p)] != "") {
		return -1
	}
	if s.is(p-1, "flat", "apartment", "unit", "apt") {
		return p - 1
	}
	// A Scottish tenement flat, floor and door: "flat one stroke two".
	if p >= 3 && s.is(p-1, "stroke", "slash") && (smallNumbers[s.lower(p-2)] > 0 || s.is(p-2, "nought", "zero", "oh")) && s.is(p-3, "flat") {
		return p - 3
	}
	return -1
}

// street: a street named without a number after "on", "off" or "down".
// It is personal data when it says where someone lives ("lives on Alder
// Grove", "we're off Palatine Road") and part of the employer when it says
// which branch ("works at Boots on Thane Road"). Elsewhere it only says
// where something happened ("the chip shop on Alfreton Road") and, as a
// street without a house number, identifies nobody; nor do common street
// names (High Street).
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
	// "on the Falls Road" is a main road everyone knows, not the branch.
	if f := s.findingEndingAt(s.toks[max(i-1, 0)].end); i > 0 && f != nil {
		if j > i+1 {
			return
		}
		f.End, f.Text = s.toks[e].end, s.text[f.Start:s.toks[e].end]
		s.take(s.toks[j].start, s.toks[e].end)
		return
	}
	if !s.residenceBefore(i) {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, Address, 0.6, "street name after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// institution: capitalised words ending in School, Primary, Academy, Surgery,
// Medical Centre and the like: "St Mary's Primary", "Oakfield Surgery".
func (s *scan) institution(i int) {
	kind, b, ok := s.institutionHead(i)
	if !ok {
		return
	}
	start, end, named := s.institutionName(i, b)
	if !named || s.caseless(start) && s.is(start-1, "a", "an", "another", "my", "his", "her", "their", "our", "your") {
		return // "a different practice", "my lads school": no name in lower case
	}
	if kind == School && s.teamBefore(start) {
		return // "plays for Hunslet Juniors" is a football club
	}
	reason := "capitalised name of a school"
	switch {
	case kind == GPSurgery:
		reason = "capitalised name of a GP surgery"
	case kind == Employer && s.is(b, "call"):
		if publicBodies[s.key(start)] {
			return // "the council call centre" is no one's employer by name
		}
		reason = "name of a call centre"
	case kind == Employer:
		reason = "name of a care home"
	case s.key(i) == "nursery" && s.workCueBefore(start) && !s.startedAt(start):
		// A nursery is also a workplace: "the friend works at Wrose Road
		// Nursery" names her employer.
		kind, reason = Employer, "nursery where someone works"
	}
	s.add(s.toks[start].start, s.toks[end].end, kind, 0.85, reason)
	s.take(s.toks[start].start, s.toks[end].end)
}

// publicBodies run call centres everyone rings; "the council call centre"
// names a service, not a workplace.
var publicBodies = set("council councils dwp hmrc nhs police benefits housing jobcentre job universal government 111")

// institutionHead reads the institution type ending at token i: its kind
// and its first word b ("Primary School", "Medical Centre"), or !ok when
// token i ends no institution here.
func (s *scan) institutionHead(i int) (kind Kind, b int, ok bool) {
	k := s.key(i)
	kind = School
	b = i // first word of the institution type
	switch {
	case k == "high" || k == "upper":
		// "Hillside High", "hillside high", "Beckfoot Upper": not "High
		// Street", "High School" (which "School" decides) or "quite high".
		if streetTypes[s.keyAt(i+1)] || schoolWords[s.keyAt(i+1)] || !s.capital(i) && !s.cueBeforeName(i) {
			return
		}
	case k == "home":
		if !s.is(i-1, "care", "nursing", "residential") {
			return
		}
		kind, b = Employer, i-1
	case schoolWords[k]:
		if next := s.keyAt(i + 1); schoolWords[next] && next != "nursery" {
			return // "Primary School": let "School" decide
		}
		if s.is(i+1, "meals", "dinners", "run") {
			return // "the children's free school meals", "the school run"
		}
		if activities[s.keyAt(i-1)] {
			return // "starlight dance academy", "a football academy": a club, not a school
		}
		if s.is(i-1, "high", "grammar", "junior", "infant", "primary", "secondary") || k == "nursery" && s.is(i-1, "day") {
			b = i - 1
		}
	case surgeryWords[k]:
		kind = GPSurgery
		if s.is(i-1, "medical", "family", "health") {
			b = i - 1
		}
	case k == "form":
		// "Parklands Sixth Form"
		if !s.is(i-1, "sixth") {
			return
		}
		b = i - 1
	case k == "unit" && s.is(i-1, "referral"):
		// A pupil referral unit is where excluded children are taught.
		b = i - 1
		if s.is(i-2, "pupil") {
			b = i - 2
		}
	case k == "group" && s.is(i-1, "medical"):
		kind, b = GPSurgery, i-1 // "Castle Medical Group"
	case (k == "centre" || k == "center") && s.is(i-1, "call"):
		kind, b = Employer, i-1 // "the ee call centre": a workplace, no one's errand
	case k == "centre" || k == "center":
		if !s.is(i-1, "medical", "health", "healthcare") {
			return
		}
		kind, b = GPSurgery, i-1
	default:
		return
	}
	if !s.capital(i) && !s.caseless(i) && !s.lowerHead(i, b) && s.word(i) != "PRU" || s.is(i+1, "fc", "afc", "club", "team") {
		return // "Chapeltown Juniors FC" is a football club
	}
	return kind, b, true
}

// institutionName reads the name words before the institution type that
// starts at token b and ends at i: the span's first and last token, and
// whether a word in it names one institution rather than a kind.
func (s *scan) institutionName(i, b int) (start, end int, named bool) {
	start, end = b, i
	for j := b - 1; j >= 0 && j >= b-6; j-- {
		if s.toks[j+1].nl {
			break
		}
		if s.punct(j, ".") && s.is(j-1, "st") || s.pluralPossessive(j) {
			continue // "St. Mary's", "Walderslade Girls' School"
		}
		if s.is(j, "the") && s.caseless(j) {
			// Speech-to-text has no commas: "and the doctors the birley
			// health centre" names "birley health centre"; in "about abbey
			// hill the special school" the name is before "the".
			if !named {
				if a := s.nameBefore(j); a >= 0 {
					start, end, named = a, j-1, true
				}
			}
			break
		}
		if s.is(j, "of", "on", "upon", "&", "and", "de", "the") && j < b-1 && s.nameWord(j-1) {
			continue
		}
		if s.is(j, "rc", "ce") && s.word(j) == strings.ToUpper(s.word(j)) && j < b || s.word(j) == "E" && s.is(j-1, "of") && s.word(j-2) == "C" {
			continue // "Holy Family RC Primary", "St Mary's C of E Primary"
		}
		if s.caseless(j) && s.is(j, "house", "new") && s.nameWord(j-1) && !wordLike(s.key(j-1)) && !stop[s.key(j-1)] {
			continue // "nazareth house primary", "suffolk new college": common words inside a name
		}
		if !s.nameWord(j) || s.caseless(j) && wordLike(s.key(j)) {
			break // "how are they finding school"
		}
		start = j
		// "sunday school", "the sixth form college": a kind, no name.
		if !genericInstitution[s.key(j)] && !stop[s.key(j)] && !weekdays[s.key(j)] && !s.is(j, "sixth", "form") {
			named = true
		}
	}
	return start, end, named
}

// teamBefore reports "plays for", "trains with" (a sport between, "the"
// after) ending just before token j: what follows is a team, not a school.
func (s *scan) teamBefore(j int) bool {
	p := j - 1
	if s.is(p, "the") {
		p--
	}
	if !s.is(p, "for", "with") {
		return false
	}
	p--
	if s.is(p, "football", "rugby", "cricket", "netball", "hockey", "basketball") {
		p--
	}
	return s.is(p, "play", "plays", "played", "playing", "train", "trains", "trained", "training")
}

// activities before "academy" or "school" make it a club or a class, not
// a school a child is on the roll of.
var activities = set("dance dancing drama stage football boxing gymnastics swimming karate judo ballet theatre driving")

// startedAt reports "started at (the)" before token j: "bryn started at
// tiny steps nursery" is a child going, not a job.
func (s *scan) startedAt(j int) bool {
	p := j - 1
	if s.is(p, "the") {
		p--
	}
	return s.is(p, "at") && s.is(p-1, "started", "starts")
}

// unmarkedContractions are contractions as speech-to-text writes them,
// without the apostrophe.
var unmarkedContractions = set("thats whats its hes shes theres theyre youre were im ive id dont cant wont isnt wasnt didnt doesnt aint")

// nameBefore returns the first of up to three lower-case name words ending
// just before token j, one of them no generic word, or -1: "abbey hill" in
// "abbey hill the special school".
func (s *scan) nameBefore(j int) int {
	a, named := -1, false
	for k := j - 1; k >= 0 && k >= j-3 && !s.toks[k+1].nl && s.nameWord(k) && !wordLike(s.key(k)) && !s.blocked(k) &&
		!noises[s.key(k)] && !unmarkedContractions[s.key(k)] && !closedClass[s.key(k)] && s.class(k)&wDigit == 0; k-- {
		a = k
		named = named || !genericInstitution[s.key(k)] && !s.d.lists.first[s.key(k)]
	}
	if !named || s.is(a-1, "the", "a", "an", "my", "his", "her", "their", "our", "your", "this", "that") {
		return -1 // "in the end the school lost track": "the end" is no name
	}
	return a
}

// keyAt is key(i), or "" past the end.
func (s *scan) keyAt(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.key(i)
}

// workWords before "at" or "for" say an employer follows: "works at",
// "I work nights at", "he's on nights now at", "started work at".
var workWords = set(`work works worked working job jobs shift shifts nights earlies lates evenings mornings employed started drives
part-time full-time cleaning driver drivers driving delivering deliveries contract contracted sacked fired redundant laid retired resigned taken been clean cleans taxis agency contractor contractors
saturdays sundays mondays tuesdays wednesdays thursdays fridays weekends labouring packing picking stacking waitressing temping
packs nightshift nightshifts dayshift dayshifts backshift backshifts days`)

// genericWorkplaces name a kind of place, not one: in lower-case text "works
// at the pub" says nothing about which.
var genericWorkplaces = set(`pub hospital garage shop shops supermarket factory warehouse office council church mosque
library chippy cafe café takeaway hotel gym bar club salon depot site station airport uni university college prison
kitchen farm restaurant market bakery butchers hairdressers barbers nursery school care centre airport docks pit
mines colliery yard bingo wash arcade`)

// jobWords are jobs and placements; only "at" after them names an employer
// ("a cook at The Fleece"), as "for" often names a person ("a carer for
// Kathleen").
var jobWords = set(`cook chef cleaner carer nurse barmaid barman bartender manager receptionist volunteer volunteers
volunteered volunteering apprentice apprenticeship placement kickstart labourer waitress waiter porter cashier
stall hairdresser mechanic supervisor tills till checkouts checkout boss worker assistant interview offer
guard security packer picker caretaker technician operative handyman storeman forklift trainee intern internship
ta hca lsa postie postman postwoman electrician plumber joiner plasterer roofer groundworker`)

// employerCue returns how many tokens from i form an employer cue ending in
// "at" or "for" (a work word at most three words back, on the same line, no
// punctuation between), or "works in", "job with", "employed by"; else 0.
func (s *scan) employerCue(i int) int {
	c := s.class(i)
	switch {
	case s.is(i, "runs", "owns", "manages", "ran", "owned", "managed"):
		return s.runsCue(i)
	case c&(wWork|wJob) == 0 || len(s.key(i)) != len(s.lower(i)) || s.is(i, "job", "jobs") && s.is(i+1, "centre", "center", "centres"):
		return 0 // "rang the job centre for nuno" is no job
	case c&wWork == 0:
		return s.jobCue(i)
	case s.is(i, "work", "works", "worked", "working") && s.is(i+1, "in") && s.capital(i+2) && s.hospitalNamed(i+2):
		return 2 // "I work in Pilgrim Hospital kitchen": a named hospital is no town
	case s.is(i, "works") && s.is(i+1, "in") && !s.jobAfter(i+1):
		// "works in the kitchen at the Crown and Mitre" is read on, below.
		// "works in the johnnie walker bond", "works in Tesco"; "works in
		// Manchester" says where, and no place list tells a town from a firm.
		if s.is(i+2, "the") || i+2 < len(s.toks) && s.d.lists.brands.match(s, i+2) > 0 {
			return 2
		}
		return 0
	case s.is(i, "job", "contract") && s.is(i+1, "with"), s.is(i, "employed") && s.is(i+1, "by"):
		return 2
	case s.is(i, "sacked", "fired", "redundant", "laid", "retired", "resigned", "taken", "been"):
		return s.leftJobCue(i)
	case s.is(i, "saturdays", "sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "weekends", "days"):
		return s.daysWorkedCue(i)
	case s.is(i, "agency", "contractor", "contractors"):
		return s.agencyCue(i)
	}
	return s.workWordCue(i)
}

// runsCue returns 1 where "runs", "owns" or "manages" at i is followed by a
// business, else 0: "her husband runs Dhillon Cash & Carry" names one of
// two capitalised words, typed, and no person ("runs Sarah to school").
func (s *scan) runsCue(i int) int {
	if j := i + 1; s.capital(j) && !s.caseless(j) && s.capital(j+1) && !s.toks[j+1].nl && !s.d.lists.first[s.key(j)] && !titles[s.key(j)] {
		return 1
	}
	return 0
}

// jobCue returns how many tokens from job i form an employer cue, or 0: "a
// cook at", "volunteers at the", "a stall on Kirkgate Market".
func (s *scan) jobCue(i int) int {
	for j := i + 1; j <= i+2 && j < len(s.toks) && !s.toks[j].nl; j++ {
		if s.is(j, "at") || s.is(j, "on") && s.is(i, "stall") {
			return j - i + 1
		}
		// "a postie for Royal Mail", "an apprentice with BAE": jobs
		// done for a firm, not for a person as caring is.
		if j == i+1 && s.is(j, "for", "with") && jobsForFirms[s.key(i)] {
			return 2
		}
		// "a barmaid in the Crown": a capitalised "The" or name after
		// "in the" names the place.
		if j == i+1 && s.is(j, "in") && s.is(j+1, "the") && s.capital(j+2) && !s.sentenceStart(j+2) {
			return 2
		}
	}
	return 0
}

// leftJobCue returns how many tokens from i form an employer cue, or 0:
// losing, leaving or getting a job names the employer ("sacked from
// Greggs", "laid off by", "retired from the Post Office", "taken on at
// Morrisons"); so does a tenure ("been at Royal Mail eleven years").
func (s *scan) leftJobCue(i int) int {
	switch {
	case s.is(i, "sacked", "fired", "redundant", "retired", "resigned") && s.is(i+1, "from", "by"):
		return 2
	case s.is(i, "laid") && s.is(i+1, "off") && s.is(i+2, "from", "by"), s.is(i, "taken") && s.is(i+1, "on") && s.is(i+2, "at", "by"):
		return 3
	case s.is(i, "been") && s.is(i+1, "at", "with") && s.tenureAfter(i+2):
		return 2
	}
	return 0
}

// daysWorkedCue returns 2 where days worked name an employer after them,
// else 0: "i do saturdays at greggs", "I'm doing days at Tavares & Filhos";
// "we go saturdays at the park", "three days at the hospital" are not.
func (s *scan) daysWorkedCue(i int) int {
	p := i - 1
	if s.is(p, "the") {
		p-- // "she does the weekends at the crown"
	}
	if s.is(p, "do", "does", "did", "doing", "work", "works", "working") && s.is(i+1, "at", "for") {
		return 2
	}
	return 0
}

// agencyCue returns how many tokens from "agency" or "contractor" at i come
// before the name right after it, or 0: "the contractor Mitie", "agency
// through Blue Arrow", "via the agency Staffline"; "agency staff" is a kind
// of worker.
func (s *scan) agencyCue(i int) int {
	n := 1
	if s.is(i+1, "through", "via", "called") || s.is(i+1, "is", "was") && s.capital(i+2) {
		n = 2 // "the agency was Reed"; "the agency was useless" is no name
	}
	if s.toks[i+n-1].nl || agencyNotNames[s.keyAt(i+n)] {
		return 0
	}
	return n
}

// workWordCue returns how many tokens from work word i form a cue ending in
// "at" or "for" at most three words on, or 0: "works nights at", "worked
// for ten years at", "works with his dad at".
func (s *scan) workWordCue(i int) int {
	for j, last := i+1, i+3; j <= last && j < len(s.toks); j++ {
		if s.punct(j, "/") && s.is(j-1, "p", "f") && s.is(j+1, "t") {
			j, last = j+1, last+2 // "works p/t at", "f/t": part-time, full-time
			continue
		}
		if s.toks[j].nl || s.toks[j].kind != tokWord && s.toks[j].kind != tokNum {
			return 0
		}
		// "worked for ten years at Boots": a length of time is no employer,
		// the "at" after it may still name one.
		if d := s.durationAt(j + 1); s.is(j, "for") && d > 0 {
			j, last = j+d, last+d+1
			continue
		}
		// "works on the line at Portmeirion": where in it, then where.
		if s.is(j, "on", "in") && s.jobAfter(j) {
			last = max(last, j+4)
		}
		// "works with his dad at okafor motors": who with, then where.
		if s.is(j, "with") && (s.is(j+1, "his", "her", "my", "their", "our") || s.is(j+1, "the")) && kin[s.keyAt(j+2)] {
			last = max(last, j+3)
		}
		// "works down the Fleece" is how a pub job is said; in lower case
		// it is as often "works down the road".
		// "does evenings in The Rock Bar": a capitalised "The" mid-sentence
		// starts a venue's name, where "in town" or "in Leeds" says where.
		if s.is(j, "at", "for") || s.is(j, "down") && j == i+1 && s.is(j+1, "the") && s.capital(j+2) ||
			s.is(j, "in") && s.is(j+1, "the") && s.capital(j+1) && s.capital(j+2) {
			return j - i + 1
		}
	}
	return 0
}

// thirdParty reports "the" (and up to two words) before job word i, not
// after "is", "was" or "as": "the security guard at Asda followed him",
// "the nurse at the Royal Infirmary said" is someone met there; "she's the
// manager at", "on the tills at" make the job someone's.
func (s *scan) thirdParty(i int) bool {
	for p := i - 1; p >= 0 && p >= i-3 && !s.toks[p+1].nl; p-- {
		if s.is(p, "the") {
			// "she's on the tills at", "doing the cleaning at": a post, not a person.
			return !s.is(p-1, "is", "'s", "was", "as", "became", "become", "now", "were", "are", "been", "on", "behind", "in", "doing", "does", "did", "do",
				"she's", "he's", "i'm", "who's", "shes", "hes", "im", "she’s", "he’s", "i’m")
		}
		if s.toks[p].kind != tokWord || stop[s.key(p)] {
			return false
		}
	}
	return false
}

// employer: a name after "works at", "job at", "employed by" and the like.
// The name may start with a declared place ("Bradford Halal Meats"). A
// branch's street after it ("Boots on Thane Road") stays a separate address.
func (s *scan) employer(i int) {
	n := s.employerCue(i)
	if n == 0 {
		s.siteOf(i)
		return
	}
	j := i + n
	the := s.is(j, "the") && s.capital(j) && !s.sentenceStart(j) // "The Fleece"
	if s.is(j, "the") {
		j++
	}
	// "on the tills at the big asda", "nights at the new Tesco": a lower-case
	// size or age says which branch, the name follows.
	if j < len(s.toks) && employerAdjectives[s.lower(j)] && s.nameWord(j+1) && !genericWorkplaces[s.key(j+1)] {
		j++
	}
	// "Uncle Sam's Fried Chicken" is a shop; "works for Uncle Tony" a person.
	kinFirm := j+2 < len(s.toks) && s.capital(j) && !s.caseless(j) && s.key(j+1) != s.lower(j+1) && s.capital(j+2) && !s.toks[j+2].nl
	pub := s.lowerPub(j) // "does the weekends at the crown and anchor"
	if pub < 0 && (j >= len(s.toks) || notEmployers[s.key(j)] || kin[s.key(j)] && !kinFirm || !s.nameWord(j) || s.caseless(j) && genericWorkplaces[s.key(j)] ||
		s.class(j)&wDigit != 0 || employerTails[s.key(j)] || s.caseless(j) && wordLike(s.key(j))) {
		return // "nights at weekend", "at work for missing shifts"
	}
	if s.caseless(j) && genericWorkplaces[s.keyAt(j+1)] && (s.punct(j+2, ",") || s.punct(j+2, "(") || j+2 < len(s.toks) && s.taken[j+2]) {
		return // "the chicken shop, dixy chicken": the name follows
	}
	max := 4
	if pub >= 0 {
		max = 1 // the pub's words are everyday ones: lowerPub found its end
	} else if s.caseless(j) {
		max = 1 // without capitals we cannot tell where the name ends
		if s.is(j+1, "place", "shop", "van") {
			return // "the kebab place", "the chicken shop": a kind of place
		}
		if s.lowerNameGoesOn(j + 1) {
			max = 2 // "royal mail", "blue arrow", "asda distribution"
		}
	}
	e, own := j, !s.blocked(j)
	for k := j + 1; k < j+max && k < len(s.toks); k++ {
		if s.is(k, "and", "&", "of") && s.nameWord(k+1) && k+1 < j+max {
			continue
		}
		if !s.nameWord(k) || s.blocked(k) && own {
			break
		}
		e = k
		own = own || !s.blocked(k)
	}
	if pub >= 0 {
		e = pub
	}
	if !own {
		return // only declared vocabulary: "works at Early Help"
	}
	if e == j && s.is(i+n-1, "for") && s.d.lists.first[s.key(j)] && !s.d.lists.weak[s.key(j)] {
		return // "and work for Dean?": for him, not at a firm
	}
	if s.is(i, "stall") && s.is(i+n-1, "at") && stallSites[s.key(e)] {
		return // "on the stall at hanley market": where the stall stands ("a stall on Kirkgate Market" is the market's)
	}
	if the {
		j--
	}
	if s.class(i)&wWork == 0 && s.thirdParty(i) {
		// "The nurse at the Royal Infirmary said": someone met there, and
		// the place no one's employer in the study, nor a person.
		s.take(s.toks[j].start, s.toks[e].end)
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.75, "employer after \""+s.word(i)+" "+s.word(i+n-1)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// hospitalNamed reports capitalised words from token j ending in
// "Hospital", "Hospice" or "Infirmary": "Pilgrim Hospital".
func (s *scan) hospitalNamed(j int) bool {
	for k := j; k < j+4 && k < len(s.toks) && s.capital(k) && !s.toks[k].nl; k++ {
		if k > j && s.is(k, "hospital", "hospice", "infirmary") {
			return true
		}
	}
	return false
}

// stallSites are where a stall stands, not whose it is.
var stallSites = set("market markets hub fair festival boot centre hall precinct")

// jobsForFirms are jobs done for a firm: "for" or "with" after them names
// the employer, where "a carer for Kathleen" names a person.
var jobsForFirms = set(`postie postman postwoman cleaner cook chef labourer apprentice apprenticeship mechanic receptionist
porter barmaid barman waitress waiter guard picker packer electrician plumber joiner plasterer roofer groundworker`)

// employerAdjectives may stand between "the" and an employer's name.
var employerAdjectives = set("big little new old local main")

// lowerNameGoesOn reports whether lower-case token k can be the second word
// of an employer's name: a word no common one, no time ("tesco nights"),
// and no person's first name ("at tesco with sharon" has "with" first, but
// "tesco sharon said" would take her into the employer).
func (s *scan) lowerNameGoesOn(k int) bool {
	if !s.nameWord(k) || !s.caseless(k) {
		return false
	}
	w := s.key(k)
	return !wordLike(w) && !employerTails[w] && !s.d.lists.first[w] && !kin[w] && s.class(k)&wDigit == 0 && len(s.key(k)) == len(s.lower(k))
}

// employerTails come after an employer's name without being part of it.
var employerTails = set(`part full nights night days mornings evenings weekends today tonight yesterday tomorrow now again
sometimes usually mostly though innit init anyway as for since till until cash weekend`)

// durationAt returns how many tokens from k say a length of time ("ten
// years", "a couple of months", "two and a half years"), or 0.
func (s *scan) durationAt(k int) int {
	j := k
	for n := 0; n < 5 && j < len(s.toks) && (s.class(j)&wDigit != 0 || s.toks[j].kind == tokNum || s.is(j, "a", "couple", "few", "of", "and", "half", "many", "several")); n++ {
		j++
	}
	if j > k && s.is(j, "years", "year", "months", "month", "weeks", "week", "yrs") {
		return j - k + 1
	}
	return 0
}

// agencyNotNames follow "agency" or "contractor" as a kind, not a name.
var agencyNotNames = set("staff worker workers work job jobs nurse nurses carer carers shifts hours pay fees and or to for at in on with said says told rang")

// orgSuffixes end an organisation's name. The legal ones are enough alone
// ("Brightside Scaffolding Ltd"); the trade ones need two name words before
// them ("Sheaf Valley Cold Storage"), since "Youth Club" names nobody.
var (
	legalSuffixes = set("ltd limited plc llp co sons daughters brothers bros arms inn tavern")
	tradeSuffixes = set(`services storage freight logistics haulage scaffolding construction motors club laundry meats
foods seafoods cabs cleaning recruitment engineering plumbing builders transport distribution roofing butchers bakery bakers
garage carpets removals taxis joinery electrical electrics plastering decorating landscaping catering glazing
windows tyres autos couriers wholesale wholesalers supplies solutions trading kitchens flooring fabrications
packaging upholstery salon barbers hairdressers takeaway cafe café restaurant chippy kitchen grill diner brewery dairy
staffing fulfilment surfacing paving fencing groundworks demolition tiling`)
	// venueSuffixes end the name of a place people go to eat, drink or
	// play; it is someone's employer only in a sentence about work.
	venueSuffixes = set("club arms inn tavern cafe café restaurant kitchen grill diner takeaway chippy")
	// strongTrades name a firm after one capitalised word: "Kinetic
	// Logistics", "Lindum Bakery". The other trades are too often a
	// kind of place ("Youth Club", "Community Cafe").
	strongTrades = set(`logistics freight haulage scaffolding construction motors meats foods recruitment engineering plumbing
roofing removals taxis joinery electrical electrics plastering landscaping glazing couriers wholesale wholesalers fabrications
packaging upholstery bakery bakers butchers brewery dairy seafoods cabs
staffing fulfilment surfacing paving fencing groundworks demolition tiling`)
)

// organisation: capitalised words ending in a company suffix are an employer
// even without a cue: "his hours at Brightside Scaffolding Ltd", "that's
// Burmantofts Amateur Boxing Club".
func (s *scan) organisation(i int) {
	k := s.key(i)
	legal := legalSuffixes[k]
	// "Marston's brewery": a trade in lower case after a capitalised owner.
	ownerBefore := !legal && s.capital(i-1) && s.lower(i-1) != s.key(i-1) && !s.sentenceStart(i-1)
	if !legal && !tradeSuffixes[k] || !s.capital(i) && !s.caseless(i) && !ownerBefore || s.taken[i] && !s.blocked(i) {
		return
	}
	if k == "sons" || k == "daughters" || k == "brothers" || k == "bros" {
		// "Patel & Sons", "rahman and sons", "Haigh Brothers": a family firm.
		// Without "&" both words need capitals: "my two brothers" is family.
		n := s.familyFirm(i)
		if n < 0 {
			return
		}
		s.add(s.toks[n].start, s.toks[i].end, Employer, 0.7, "family firm")
		s.take(s.toks[n].start, s.toks[i].end)
		return
	}
	if (k == "arms" || k == "inn" || k == "tavern") && !s.pubName(i) || k == "co" && s.word(i) != "Co" {
		return // "Co" ends a firm's name; "co" is the Co-op or a county
	}
	start, words, own := i, 0, false
	for j := i - 1; j >= 0 && j >= i-5 && s.nameWord(j) && !noises[s.key(j)] && !s.toks[j+1].nl; j-- {
		start = j // "doing um plumbing level two": a filler names nothing
		words++
		if !s.blocked(j) && !genericInstitution[s.key(j)] && !stop[s.key(j)] {
			own = true
		}
	}
	// One word is enough before a trade when it is someone's: "Gaz's Taxis".
	// "mario's chippy" in speech-to-text too, but not "my mum's café".
	owned := words == 1 && (s.capital(start) || s.caseless(start) && !kin[s.key(start)]) && s.lower(start) != s.key(start)
	if legalSuffixes[s.keyAt(i+1)] && !s.toks[i+1].nl {
		return // "Brightside Scaffolding Ltd": the suffix ends the name
	}
	// In lower case the one word must be no common word and no first name:
	// "mccausland haulage", not "road haulage".
	strong := words == 1 && strongTrades[k] && (s.capital(start) && s.capital(i) && !s.sentenceStart(start) ||
		s.caseless(start) && !wordLike(s.key(start)) && !s.d.lists.first[s.key(start)] && !kin[s.key(start)])
	if !own || !legal && words < 2 && !owned && !strong || s.blocked(i) {
		return
	}
	if venueSuffixes[k] && !s.brandWork(start, i) && !s.workContext(start) && !s.workInSentence(start) {
		// "we had tea at the Red Lion Inn", "he boxes at Northside Boxing
		// Club": a place people go, no one's employer, and no person either.
		s.take(s.toks[start].start, s.toks[i].end)
		return
	}
	s.add(s.toks[start].start, s.toks[i].end, Employer, 0.7, "organisation name ending in \""+s.word(i)+"\"")
	s.take(s.toks[start].start, s.toks[i].end)
}

// workInSentence reports a sign of work earlier in token i's sentence, on
// its line, further back than brandWork looks: "i do saturdays at greggs
// in partick and before that i was at mario's chippy", "doing the bar at
// The Farmers Arms", "helped at her uncle's Ceylon Spice Takeaway".
func (s *scan) workInSentence(i int) bool {
	for p := i - 1; p >= 0 && p >= i-25 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") {
			return false
		}
		w := len(s.key(p)) == len(s.lower(p))
		switch {
		case w && s.class(p)&(wWork|wJob) != 0 && (!brandContextSkip[s.key(p)] || s.is(p-1, "do", "does", "did", "doing", "work", "works", "worked", "working")) &&
			!(s.class(p)&wWork == 0 && s.thirdParty(p)):
			return true
		case s.is(p, "bar") && s.is(p-1, "the") && s.is(p-2, "doing", "does", "did", "do", "behind", "on", "running", "runs", "ran"):
			return true
		case s.is(p, "helped", "helps", "helping") && s.is(p+1, "at", "out"):
			return true
		}
	}
	return false
}

// pluralPossessive reports whether token j is the apostrophe of a plural
// possessive inside a name: "Girls'" in "Walderslade Girls' School".
func (s *scan) pluralPossessive(j int) bool {
	return j > 0 && (s.punct(j, "'") || s.punct(j, "’")) && !s.toks[j].sp && strings.HasSuffix(s.lower(j-1), "s") && s.toks[j-1].kind == tokWord
}

// findingEndingAt returns the employer, school or surgery found ending at
// byte end, or nil.
func (s *scan) findingEndingAt(end int) *Finding {
	for k := range s.fs {
		if f := &s.fs[k]; f.End == end && (f.Kind == Employer || f.Kind == School || f.Kind == GPSurgery) {
			return f
		}
	}
	return nil
}

// residenceWords before "on" or "off" say a street is where someone lives:
// "lives on", "we're just off", "a house on", "moved on to".
var residenceWords = set("live lives living lived stay stays staying stayed house houses flat flats home address moved move moving we're they're i'm we’re they’re")

// residenceBefore reports a residence word up to two tokens before the
// street cue at token i, on the same line: "lives just off".
func (s *scan) residenceBefore(i int) bool {
	for p := i - 1; p >= 0 && p >= i-2 && !s.toks[p+1].nl; p-- {
		if residenceWords[s.lower(p)] && !s.institutionWord(p) {
			return true
		}
	}
	return false
}

// institutionWord reports "home" or "house" at p as part of an
// institution's name, where no one lives: "works at Bluebell Lodge, the care
// home off Dereham Road", "Himalayan Momo House on Lincoln Road".
func (s *scan) institutionWord(p int) bool {
	if !s.is(p, "home", "house") {
		return false
	}
	// A care home is where someone lives unless the sentence is about work:
	// "My mum's in Cedar Lodge, the care home on Mansfield Road".
	return s.is(p, "home") && s.is(p-1, "care", "nursing", "residential") && s.workInSentence(p) ||
		s.is(p, "house") && s.capital(p) && !s.caseless(p) && !s.sentenceStart(p)
}

// siteNouns are workplaces named by a firm before them: "the Tata Steel
// canteen", "the Amazon warehouse".
var siteNouns = set("canteen warehouse depot factory plant works site offices office store branch yard shipyard mill")

// siteOf: in typed text, "the" then capitalised words then a lower-case
// workplace noun names an employer: "it's the Tata Steel canteen". A
// declared place is no firm ("the Leeds office").
func (s *scan) siteOf(i int) {
	if s.key(i) != "the" || s.lower(i) != "the" || s.caseless(i) {
		return
	}
	j := i + 1
	e := -1
	for k := j; k < j+4 && s.capital(k) && s.nameWord(k) && !s.sentenceStart(k) && !stop[s.key(k)] && !s.blocked(k); k++ {
		e = k
		if s.is(k+1, "and", "&") && s.capital(k+2) {
			k++ // "the Harland and Wolff yard"
		}
	}
	if e < 0 || !siteNouns[s.keyAt(e+1)] || s.capital(e+1) || s.toks[e+1].nl || notInstitutionNames[s.key(j)] || notEmployers[s.key(j)] {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.65, "firm named before \""+s.word(e+1)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// tenureAfter reports a length of time within a few words from token j, on
// the same line: "Royal Mail eleven years", "Arriva for six years", "Tesco
// since 2015".
func (s *scan) tenureAfter(j int) bool {
	for k := j + 1; k < j+9 && k < len(s.toks) && !s.toks[k].nl; k++ {
		if s.is(k, "year") && k+1 < len(s.toks) && (s.class(k+1)&wDigit != 0 || s.toks[k+1].kind == tokNum) {
			return false // "in year ten" is a school year
		}
		if s.is(k, "years", "year", "months", "since") {
			return true
		}
		if s.punct(k, ".") || s.punct(k, ",") || s.punct(k, "?") {
			return false
		}
	}
	return false
}

// placeOfWork finds an employer after "at" that no work word came right
// before, when the sentence still says it is work: a stint before it ("did
// a few months at Boots", "did thirty one year at wedgwood"), a tenure after
// it ("was at cammell laird his whole life", "was at home bargains in the
// warehouse for eleven year"), or the job done there ("at Carlsberg on the
// packing line", "at the royal oak where tina works", "at Boots on the
// tills").
func (s *scan) placeOfWork(i int) {
	if s.class(i)&wCue == 0 || !s.is(i, "at") {
		return
	}
	j := i + 1
	the := s.is(j, "the") && s.capital(j) && !s.sentenceStart(j)
	if s.is(j, "the") {
		j++
	}
	home := s.is(j, "home") && (s.lowerNameGoesOn(j+1) || s.capital(j) && s.capital(j+1)) // "home bargains"
	if j >= len(s.toks) || s.taken[j] || !s.nameWord(j) && !home || s.blocked(j) || notEmployers[s.key(j)] && !home || kin[s.key(j)] || titles[s.key(j)] ||
		genericWorkplaces[s.key(j)] || genericInstitution[s.key(j)] || notInstitutionNames[s.key(j)] || s.class(j)&wDigit != 0 ||
		!s.capital(j) && !s.caseless(j) || s.sentenceStart(j) {
		return
	}
	e := j
	if s.caseless(j) {
		if wordLike(s.key(j)) && !home || s.lowerNameAlone(j) {
			return
		}
		if s.lowerNameGoesOn(j + 1) {
			e = j + 1
		}
	} else {
		for k := j + 1; k < j+4 && (s.capital(k) && s.nameWord(k) || s.is(k, "&", "and") && s.capital(k+1)) && !s.blocked(k); k++ {
			e = k
		}
		if s.is(e, "&", "and") {
			e--
		}
	}
	reason := ""
	switch {
	case s.stintBefore(i):
		reason = "a stint of work before \"at\""
	case s.is(i-1, "was", "were", "been", "is", "'s") && s.tenureAfter(e) || s.lifeAfter(e+1):
		reason = "how long someone was there"
	case s.anotherWorkplace(i):
		reason = "another workplace after one named in the sentence"
	case s.jobAfter(e+1) || (genericWorkplaces[s.keyAt(e+1)] || siteNouns[s.keyAt(e+1)] || s.is(e+1, "now", "still")) && s.jobAfter(e+2):
		// "at the teesside amazon warehouse through an agency"
		reason = "the job done there after it"
	case !s.caseless(j) && s.jobPastAside(e+1):
		// "I am at Bakkavor in Spalding, nights", "at Pound Bazaar on
		// Caldmore Green, on the tills", "at Branston, the potato place,
		// on the line"
		reason = "the job done there after where it is"
	default:
		return
	}
	if the {
		j--
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "employer after \"at\": "+reason)
	s.take(s.toks[j].start, s.toks[e].end)
}

// jobPastAside reports, from token n in typed text, where a workplace is
// ("in Spalding", "on Caldmore Green") or what it is (", the potato
// place,"), then a comma and the job done there or its shifts: "on the
// tills", "nights".
func (s *scan) jobPastAside(n int) bool {
	if s.is(n, "in", "on") && s.capital(n+1) && !s.toks[n+1].nl {
		for n++; n < len(s.toks) && s.capital(n) && !s.toks[n].nl; n++ {
		}
	}
	if !s.punct(n, ",") {
		return false
	}
	n++
	if s.is(n, "the") && !s.toks[n].nl {
		k := n + 1
		for k < n+4 && k < len(s.toks) && s.toks[k].kind == tokWord && !s.capital(k) && !s.toks[k].nl {
			k++
		}
		if !s.punct(k, ",") {
			return false
		}
		n = k + 1
	}
	return n < len(s.toks) && !s.toks[n].nl && (s.jobAfter(n) || s.is(n, "nights", "days", "lates", "earlies") && (s.punct(n+1, ".") || s.punct(n+1, ",")))
}

// anotherWorkplace reports "at" (token i) going on from an employer found
// earlier in its sentence: "cash-in-hand at Abu Tareq's Sweet Shop and then
// at Lagan Valley Poultry", "saturdays at greggs and before that i was at
// mario's chippy".
func (s *scan) anotherWorkplace(i int) bool {
	// "jobs at Morrisons and at the Red Lion", "at Lidl, at Aldi": the next
	// item of a list of workplaces.
	if (s.is(i-1, "and", "or") || s.punct(i-1, ",")) && !s.toks[i].nl && !s.toks[i-1].nl && s.employerEndsAt(i-2) {
		return true
	}
	then := false
	for p := i - 1; p >= 0 && p >= i-4 && !s.toks[p+1].nl; p-- {
		if s.is(p, "then", "later", "after", "before") {
			then = true
			break
		}
	}
	if !then {
		return false
	}
	for p := i - 2; p >= 0 && p >= i-20 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") {
			return false
		}
		if s.employerEndsAt(p) {
			return true
		}
	}
	return false
}

// hiring finds a capitalised name before "is hiring", "are always
// recruiting", "took on": a firm taking people on ("does anyone know if
// Tasty Fry on the perth road is hiring?", "Bould & Sons Removals took on a
// mum"). Where it is may stand between ("on the perth road"). Typed text
// only: in lower case the name's start is a guess.
func (s *scan) hiring(i int) {
	if !s.is(i, "hiring", "recruiting") && !(s.is(i, "took", "takes", "take") && s.is(i+1, "on") && s.is(i+2, "a", "an", "three", "two", "people", "staff", "lads", "mums")) {
		return
	}
	p := i - 1
	if s.is(p, "always", "still", "now", "currently") {
		p--
	}
	if s.is(i, "hiring", "recruiting") {
		if !s.is(p, "is", "are", "was", "were", "'re") {
			return
		}
		p--
	}
	// "on the perth road": where the firm is.
	for k := p; k >= 0 && k >= p-4 && !s.toks[k].nl; k-- {
		if s.is(k, "on", "in", "at") && !s.capital(k) {
			p = k - 1
			break
		}
	}
	e := p
	if e < 0 || s.toks[e+1].nl || !s.capital(e) || s.caseless(e) || s.taken[e] || stop[s.key(e)] {
		return
	}
	j := e
	for k := e - 1; k >= 0 && k > e-4 && (s.capital(k) && s.nameWord(k) || s.is(k, "&", "and") && s.capital(k-1)) && !s.sentenceStart(k+1) && !s.taken[k]; k-- {
		j = k
	}
	if s.is(j, "&", "and") || s.sentenceStart(j) && j == e || s.d.lists.first[s.key(j)] && j == e || titles[s.key(j)] || kin[s.key(j)] ||
		notEmployers[s.key(j)] || notInstitutionNames[s.key(j)] || s.blocked(j) {
		return // "Sarah took on a lot": a person
	}
	if j > 0 && s.taken[j-1] && !s.toks[j].nl {
		return // "Bould & Sons Removals": the rest of a name found already
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "firm before \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// lowerNameAlone reports a lower-case first name standing alone after
// "at": "at mick's on the tills" may be his shop, but more often a house.
func (s *scan) lowerNameAlone(j int) bool {
	return s.d.lists.first[s.key(j)] && !s.d.lists.weak[s.key(j)] && !s.lowerNameGoesOn(j+1)
}

// stintBefore reports a length of work ending at "at" (token i): "did a
// few months", "done two years", "spent ten years", "worked six months".
func (s *scan) stintBefore(i int) bool {
	for k := i - 1; k >= 1 && k >= i-6; k-- {
		if d := s.durationAt(k); d > 0 && k+d == i && s.is(k-1, "did", "done", "do", "doing", "spent", "worked", "work", "put", "had", "gave") {
			return true
		}
	}
	return false
}

// lifeAfter reports "his whole life", "all her working life", "for years"
// from token k.
func (s *scan) lifeAfter(k int) bool {
	if s.is(k, "for") && s.is(k+1, "years", "donkey's", "donkeys", "decades") {
		return true
	}
	p := k
	if s.is(p, "all") {
		p++
	}
	if !s.is(p, "his", "her", "their", "my", "our", "your") {
		return false
	}
	p++
	if s.is(p, "whole", "entire") {
		p++
	}
	if s.is(p, "working") {
		p++
	}
	return s.is(p, "life", "lives", "career")
}

// rolesOn and rolesIn are where in a workplace someone works: "on the
// tills", "in the warehouse".
var (
	rolesOn = set("tills till checkouts checkout line tools door doors desk counter bins buses nights days earlies lates shifts floor picking packing")
	rolesIn = set("warehouse kitchen factory office offices stores canteen depot bakery yard laundry stockroom")
)

// jobAfter reports the job done at a place, from token k: "on the tills",
// "on the packing line", "in the warehouse", "where tina works", "as a
// cleaner".
func (s *scan) jobAfter(k int) bool {
	if s.toks[min(k, len(s.toks)-1)].nl || k >= len(s.toks) {
		return false
	}
	switch {
	case s.is(k, "on"):
		p := k + 1
		if s.is(p, "the") {
			p++
		}
		if s.is(p, "packing", "production", "assembly", "shop", "night", "day", "front", "late", "early") ||
			s.is(p+1, "line", "lines") && s.toks[p].kind == tokWord && !stop[s.key(p)] && !s.toks[p+1].nl {
			p++ // "on the sandwich line"
		}
		return rolesOn[s.keyAt(p)] && !s.toks[p].nl && (p > k+1 || s.is(p, "nights", "earlies", "lates", "shifts", "tills"))
	case s.is(k, "in"):
		return s.is(k+1, "the") && rolesIn[s.keyAt(k+2)] && !s.toks[k+2].nl
	case s.is(k, "where"):
		for p := k + 1; p <= k+3 && p < len(s.toks) && !s.toks[p].nl; p++ {
			if s.is(p, "works", "worked", "work", "working") {
				return true
			}
		}
	case s.is(k, "as"):
		return s.is(k+1, "a", "an") && k+2 < len(s.toks) && s.class(k+2)&wJob != 0
	case s.is(k, "through", "via"):
		return s.is(k+1, "an", "the", "a") && s.is(k+2, "agency") || s.is(k+1, "agency")
	}
	return false
}
