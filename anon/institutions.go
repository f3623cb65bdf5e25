package anon

// Institutions named without their usual head word: a school or a pub named
// in an apposition ("Meadowhead, the high school", "The Fleece, the pub on
// the main road"), a school after "goes to" with a school year beside it, a
// family firm ("Haigh Brothers"), a pub ("the Kings Arms"), and a later
// mention of an institution found once in full ("St Anne's Primary" ...
// "the head at St Anne's").

import "slices"

// appositionNouns after "X, the" say what X is: "Meadowhead, the high
// school", "The Fleece, the pub". Adjectives before them are skipped.
var appositionNouns = map[string]Kind{
	"school": School, "primary": School, "academy": School, "secondary": School, "comp": School,
	"comprehensive": School, "college": School, "pru": School, "nursery": School, "infants": School, "juniors": School,
	"surgery": GPSurgery, "practice": GPSurgery, "doctors": GPSurgery, "doctor's": GPSurgery,
	"pub": Employer, "factory": Employer, "warehouse": Employer, "wholesaler": Employer, "wholesalers": Employer,
	"firm": Employer, "company": Employer, "shop": Employer, "takeaway": Employer, "chippy": Employer,
	"cafe": Employer, "café": Employer, "restaurant": Employer, "garage": Employer, "salon": Employer,
	"bakery": Employer, "butchers": Employer, "hotel": Employer, "bar": Employer, "depot": Employer,
	"builders": Employer, "launderette": Employer, "laundrette": Employer, "barbers": Employer,
	"hairdressers": Employer, "cash": Employer, "supermarket": Employer, "care": Employer, "nursing": Employer,
}

// appositionAdjectives may stand between "the" and the noun.
var appositionAdjectives = set("high local little big old new main catholic primary church c of e girls boys special private indian chinese")

// placeCues come before a place's name: "at", "to", "goes to".
var placeCues = set("at to from for in into attends attended attend joined left")

// apposition finds a name after a place cue followed by ", the <noun>":
// "Ty's at Meadowhead, the high school", "a cook at The Fleece, the pub".
func (s *scan) apposition(i int) {
	if s.class(i)&wCue == 0 {
		return
	}
	// "At Easter, the school closed" opens a sentence with a time, not a
	// place; a cue mid-sentence does not.
	if !placeCues[s.key(i)] || len(s.key(i)) != len(s.lower(i)) || s.sentenceStart(i) {
		return
	}
	j := i + 1
	if s.is(j, "the") && !s.capital(j) {
		j++
	}
	if j >= len(s.toks) || !s.nameWord(j) || kin[s.key(j)] || notInstitutionNames[s.key(j)] || notEmployers[s.key(j)] {
		return
	}
	e, own := j, false
	for k := j; k < j+4 && (s.nameWord(k) || k > j && s.buildingWord(k)); k++ {
		e = k
		own = own || !s.blocked(k) && !stop[s.key(k)] && !genericInstitution[s.key(k)]
	}
	if !own {
		return
	}
	n := e + 1
	if s.is(n, "now") && (s.punct(n+1, ",") || s.isDash(n+1)) {
		n++ // "I'm at the Bridge now – it's a PRU"
	}
	if s.punct(n, ",") || s.isDash(n) || s.punct(n, "(") && (s.is(n+1, "the", "a", "an") || appositionAdjectives[s.keyAt(n+1)] || appositionNouns[s.keyAt(n+1)] != "") {
		n++ // "Ty's at Meadowhead, the high school", "goes up to Isca – the academy –", "at the Vine (the pub on Delph Road)"
	} else if !s.caseless(e) || s.is(i, "in") && !s.workContext(i) {
		return // typed text marks an apposition with a comma; "in the end the school …" has none, "works saturdays in tasty chick the takeaway" is work
	}
	if s.is(n, "it's", "that's", "which's") {
		n++ // "ashgrove house it's a care home"
	} else if s.is(n, "which", "it", "that") && s.is(n+1, "is", "was", "'s") {
		n += 2
	}
	// "was at Newman (Catholic secondary in Carlisle)": a bracket needs no article.
	if bare := s.punct(n-1, "(") && (appositionAdjectives[s.keyAt(n)] || appositionNouns[s.keyAt(n)] != ""); !bare {
		if !s.is(n, "the", "a", "an") {
			return // "Willow Court, a care home", "Meadowhead, the high school"
		}
		n++
	}
	for a := 0; a < 2 && appositionAdjectives[s.keyAt(n)] && appositionNouns[s.keyAt(n+1)] != ""; a++ {
		n++
	}
	kind := appositionNouns[s.keyAt(n)]
	switch {
	case kind == "":
		return
	case s.is(n, "care", "nursing") && !s.is(n+1, "home"), s.is(n, "cash") && !s.is(n+1, "and"):
		return
	case s.is(n, "nursery") && s.workCueBefore(j):
		kind = Employer
	case kind == Employer && !s.is(n, "care", "nursing") && !s.workCueBefore(j) && !s.workContext(i):
		return // "we met at The Fleece, the pub": a place, no one's employer
	}
	s.add(s.toks[j].start, s.toks[e].end, kind, 0.7, "name explained by \""+s.word(n-1)+" "+s.word(n)+"\" after it")
	s.take(s.toks[j].start, s.toks[e].end)
}

// workCueBefore reports an employer cue ending just before token j, with or
// without "the": "works at Wrose Road Nursery", "a cook at the".
func (s *scan) workCueBefore(j int) bool {
	p := j - 1
	if s.is(p, "the", "a", "an") {
		p--
	}
	for c := p; c >= 0 && c >= p-3; c-- {
		if n := s.employerCue(c); n > 0 && c+n-1 == p {
			return true
		}
	}
	return false
}

// familyFirm returns the first token of a family firm ending in "Sons", "Daughters" or
// "Brothers" at token i, or -1: "Patel & Sons", "rahman and sons", "Haigh
// Brothers". Without "&" both words need capitals, as "my two brothers" is
// family.
func (s *scan) familyFirm(i int) int {
	if s.is(i-1, "&", "and") {
		if !s.nameWord(i-2) || stop[s.key(i-2)] || kin[s.key(i-2)] || s.is(i-2, "sons", "daughters", "brothers", "sisters") {
			return -1 // "my sons and daughters" is family
		}
		return i - 2
	}
	if next := i + 1; s.pluralPossessive(next) {
		next++ // "St Mary's Christian Brothers' Grammar" is a school
		if schoolWords[s.keyAt(next)] {
			return -1
		}
	}
	if !s.capital(i) || !s.capital(i-1) || s.sentenceStart(i-1) || stop[s.key(i-1)] || kin[s.key(i-1)] || s.taken[i-1] {
		return -1
	}
	return i - 1
}

// pubName reports whether "Arms", "Inn" or "Tavern" at token i ends a pub's
// name: capitalised ("the Kings Arms"), or after "the" in lower-case text
// ("the red lion inn"), not "folded arms".
func (s *scan) pubName(i int) bool {
	if s.capital(i) {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if s.is(j, "the") {
			return j < i-1
		}
		if stop[s.key(j)] {
			return false
		}
	}
	return false
}

// schoolYear finds a school named bare after "goes to", "is at" and the like
// when a school year is beside it: "Mia goes to Westbrook, she's in year
// two", "in year nine at Meadowhead".
func (s *scan) schoolYear(i int) {
	if s.class(i)&wCue == 0 {
		return
	}
	if !s.is(i, "to", "at", "attends") {
		return
	}
	j := i + 1
	if s.is(j, "the") && !s.capital(j) && s.capital(j+1) && s.yearBefore(i-1) {
		j++ // "in year 10 at the Crossley Heath"
	}
	if j >= len(s.toks) || !s.nameWord(j) || s.blocked(j) || stop[s.key(j)] || kin[s.key(j)] || !s.capital(j) && !s.caseless(j) {
		return
	}
	if i == 0 || !schoolGoers[s.key(i-1)] && !s.is(i, "attends") && !s.yearBefore(i-1) && s.lower(i-1) == s.key(i-1) { // "she's at"
		return
	}
	// A school named earlier in the sentence says it is about schools:
	// "Zuzanna attends Townhill Community Primary; Filip is at Cylch Meithrin
	// Y Graig", "she moved up, she's at St Dominic's now". A name there may be
	// longer, and is capitalised.
	// Talk of school makes a name after "goes to" a school's only when the
	// name is two words or more and no chain's: "I'm at Leeds", "she's at
	// Primark" are not.
	talk := s.attendsAt(i) && !notEmployers[s.key(j)] && s.d.lists.brands.match(s, j) == 0 && s.d.lists.brandWords.match(s, j) == 0 &&
		s.nameWord(j+1) && !stop[s.keyAt(j+1)] && s.schoolTalk(j)
	onLine := s.capital(j) && (s.schoolOnLine(j) || talk)
	e, most := j, 3
	if onLine {
		most = 4
	}
	if s.caseless(j) && s.lowerSchoolName(j) && (s.schoolOnLine(j) || talk) {
		// In speech-to-text: "tendai goes to bitterne park now he was at
		// st marys c of e primary before". Two words at most, no common one.
		onLine, most = true, 1
		if j+1 < len(s.toks) { // "0 B primary go to b" ends at j
			n := s.key(j + 1)
			most += btoi(s.nameWord(j+1) && !wordLike(n) && !s.d.lists.first[n] && !employerTails[n] && !noises[n] && !unmarkedContractions[n])
		}
	}
	for k := j + 1; k < j+most && s.nameWord(k) && !s.blocked(k) && !stop[s.key(k)] && (!onLine || s.capital(k) || s.caseless(k)); k++ {
		e = k
	}
	if s.is(j, "st") && s.punct(j+1, ".") && s.nameWord(j+2) && !s.toks[j+2].nl {
		e = j + 2 // "St. Mary's"
	}
	reason := "name of a school, a school year beside it"
	if onLine {
		reason = "name after \"" + s.word(i-1) + " " + s.word(i) + "\", a school named in the same sentence"
	} else if !s.yearBefore(i-1) && !s.yearAfter(e+1) {
		// "goes to St Anne's": a saint's name after a child's going to
		// school, unless a church, a hospital or a street follows.
		if !s.punct(j+1, ".") {
			e = min(e, j+1)
		}
		if !s.is(j, "st", "saint") || j == e || !s.is(i-1, "goes", "go", "going", "went", "attends", "started", "starts", "moved") && !s.is(i, "attends") ||
			s.is(e+1, "church", "hospital", "hospice", "cathedral") || streetTypes[s.keyAt(e+1)] {
			return
		}
		reason = "saint's name after \"" + s.word(i-1) + " " + s.word(i) + "\""
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.65, reason)
	s.take(s.toks[j].start, s.toks[e].end)
}

// lowerSchoolName reports a lower-case word that may be a school's name
// in speech-to-text: no common word, first name, kin, number or kind of
// place ("goes to work", "went to town").
func (s *scan) lowerSchoolName(k int) bool {
	if !s.nameWord(k) || !s.caseless(k) {
		return false
	}
	w := s.key(k)
	return !wordLike(w) && !kin[w] && !s.d.lists.first[w] && !genericWorkplaces[w] && !genericInstitution[w] && !commonPlaces[w] &&
		!noises[w] && !unmarkedContractions[w] && s.class(k)&wDigit == 0 && !employerTails[w]
}

// commonPlaces are where people go that name no one place.
var commonPlaces = set(`bed work town home court church school college uni nursery shops park beach seaside city sleep
pieces bits gym dentist doctors hospital prison jail mass mosque temple chapel pub toilet loo`)

// schoolGoers come before "to" or "at" and a school: "goes to", "is at".
var schoolGoers = set("goes go went going gone moved started starts is 's was attends hes shes im i'm i’m")

// yearBefore reports "year nine" or "year 9" ending at token p.
func (s *scan) yearBefore(p int) bool {
	// "in reception at St Augustine's": reception is the first school year.
	return p >= 1 && s.is(p-1, "year") && (s.toks[p].kind == tokNum || s.class(p)&wDigit != 0) || s.is(p, "reception") && s.is(p-1, "in")
}

// yearAfter reports "year nine", "year 9" within a few words from token n,
// on the same line and in the same sentence.
func (s *scan) yearAfter(n int) bool {
	for k := n; k < n+8 && k+1 < len(s.toks) && !s.toks[k].nl; k++ {
		if s.punct(k, ".") || s.punct(k, "?") {
			return false
		}
		// "i was at caludon castle then i got kicked out": only a school
		// excludes.
		if s.is(k, "excluded", "expelled") || s.is(k, "kicked") && s.is(k+1, "out") {
			return true
		}
		// "for year 9 football" is a team, not a school year.
		if s.is(k, "year") && !s.is(k-1, "for", "of", "the") && (s.toks[k+1].kind == tokNum || s.class(k+1)&wDigit != 0) && !s.toks[k+1].nl {
			return true
		}
	}
	return false
}

// institutionHeads are dropped from a found institution's name to get the
// short name people use for it later: "St Anne's Primary" is "St Anne's".
var institutionHeads = set(`school primary academy infants infant juniors junior nursery college grammar pru high
sixth form surgery practice medical health centre center care nursing home residential catholic c of e cofe
church ltd limited`)

// instName is an institution's name as words, and its kind.
type instName struct {
	words []string
	kind  Kind
}

// instNames are the names one pass looks for, each once, with the digests
// of their first words: the pass tests every token, and most start none.
type instNames struct {
	list  []instName
	heads digestSet
}

// add appends words unless the same name of the same kind is listed: a
// school named five times is looked for once. first is the digest of
// words[0] as the token digests have it.
func (ns *instNames) add(words []string, k Kind, first uint16) {
	for _, n := range ns.list {
		if n.kind == k && slices.Equal(n.words, words) {
			return
		}
	}
	ns.list = append(ns.list, instName{words, k})
	ns.heads.addDigest(first)
}

// sameInstitution flags other mentions of a school, surgery or employer by
// its short name once it was found: "St Anne's Primary ... the head at St
// Anne's", "goes to St Margaret's ... the office at St Margaret's". Only a
// mention after a place cue counts, so a street or a person of the same
// name is left alone; an employer's also after "then" or "was", as jobs
// are listed in turn ("no i am at heathfields now before was ravenswood"),
// where a school's short name there is as often its area.
func (s *scan) sameInstitution() {
	var names, full instNames
	for _, f := range s.fs {
		if f.Kind != School && f.Kind != GPSurgery && f.Kind != Employer {
			continue
		}
		a, b := s.tokenRange(f.Start, f.End)
		// The capitalised words up to a branch's street: "Jade Garden" of
		// "Jade Garden on Lothian Road".
		var caps []string
		for k := a; k <= b && s.capital(k); k++ {
			caps = append(caps, s.word(k))
		}
		if len(caps) >= 2 {
			full.add(caps, f.Kind, s.lowDigest[a]) // a word's digest is its lower case's
		}
		for b > a && institutionHeads[s.key(b)] {
			b--
		}
		var ws []string
		named := false
		for k := a; k <= b; k++ {
			if s.blocked(k) {
				named = false
				break
			}
			ws = append(ws, s.lower(k))
			named = named || s.toks[k].kind == tokWord && !genericInstitution[s.key(k)] && !stop[s.key(k)] && len(s.key(k)) > 2
		}
		if named {
			names.add(ws, f.Kind, s.lowDigest[a])
		}
	}
	s.sameFullName(&full)
	if len(names.list) == 0 {
		return
	}
	for i := 1; i < len(s.toks); i++ {
		if s.toks[i-1].kind != tokWord || s.taken[i] || !names.heads.has(s.lowDigest[i]) {
			continue
		}
		p := i - 1
		if s.is(p, "the") && s.caseless(p) {
			p-- // "is at the rookery" after "rookery primary"
		}
		cue := p >= 0 && s.class(p)&wCue != 0 && placeCues[s.key(p)]
		bare := s.bareShortName(i)
		if !cue && !s.is(i-1, "then", "was") && !bare {
			continue
		}
	next:
		for _, n := range names.list {
			// With no place cue, an employer's needs "then" or "was" (a
			// chain's short name is often the shop: "Tesco"), a school's or
			// surgery's a bare name.
			if !cue && (n.kind == Employer && !s.is(i-1, "then", "was") || n.kind != Employer && !bare) {
				continue
			}
			e := i + len(n.words) - 1
			if e >= len(s.toks) {
				continue
			}
			for k, w := range n.words {
				if s.lower(i+k) != w || s.taken[i+k] || k > 0 && s.toks[i+k].nl {
					continue next
				}
			}
			if streetTypes[s.keyAt(e+1)] || institutionHeads[s.keyAt(e+1)] {
				continue // tested once the words match: a name may start with "the", and this is two look-ups
			}
			if n.kind == Employer && s.errandBefore(i) {
				continue // "We went to Ikea for the café": a shop visited, not the job
			}
			s.add(s.toks[i].start, s.toks[e].end, n.kind, 0.7, "short name of an institution named in full in the text")
			s.take(s.toks[i].start, s.toks[e].end)
			break
		}
	}
}

// institutionShortNames returns the one-word short names of the schools,
// surgeries and employers found in the text, each a name word and heads
// ("Giles Academy", "Trinity Primary"), with their kinds; nil for none. A
// first name alone by no other cue is then the short name, not a person:
// "So Giles? Yes, Giles."
func (s *scan) institutionShortNames() map[string]Kind {
	var m map[string]Kind
	for _, f := range s.fs {
		if f.Kind != School && f.Kind != GPSurgery && f.Kind != Employer {
			continue
		}
		a, b := s.tokenRange(f.Start, f.End)
		if b <= a {
			continue
		}
		// A head in lower case in typed text names no institution:
		// "Skye nursery at Wee Treasures" is the child's.
		n := a + 1
		for n <= b && institutionHeads[s.key(n)] && (s.capital(n) || s.caseless(n)) {
			n++
		}
		if n > b {
			if m == nil {
				m = map[string]Kind{}
			}
			m[s.lower(a)] = f.Kind
		}
	}
	return m
}

// bareShortName reports a word at i that can be a school's or surgery's
// short name with no place cue before it: in speech-to-text, after "the"
// and before "is" or "was" ("the roxton is mine"), no common word, listed
// name or surname, which a place or a person could be.
func (s *scan) bareShortName(i int) bool {
	k := s.key(i)
	if wordLike(k) || s.d.lists.first[k] || s.d.lists.sur[k] || s.blocked(i) || k != s.lower(i) {
		return false
	}
	return s.caseless(i) && s.is(i-1, "the") && s.lowerSchoolName(i) && s.is(i+1, "is", "was") && !s.toks[i+1].nl
}

// errandBefore reports a visit or an errand just before token i: "went to
// Ikea", "goes to Queensgate for Primark", "shopping at Tesco".
func (s *scan) errandBefore(i int) bool {
	if s.visited(i) {
		return true
	}
	for p := i - 1; p >= 0 && p >= i-4 && !s.toks[p+1].nl; p-- {
		if s.is(p, "go", "goes", "went", "going", "gone", "popped", "nipped") || shoppingWords[s.key(p)] || mealWords[s.key(p)] {
			return true
		}
	}
	return false
}

// sameFullName flags each other mention of an institution's capitalised
// name of two words or more, written the same way, with or without a cue:
// "he is chef at Jade Garden … Jade Garden is open until midnight". One
// word is not enough: "Amazon Newport … Not Amazon, it's the Celtic
// Logistics place" and "off amazon" are unmarked in dev5 and dev7.
func (s *scan) sameFullName(full *instNames) {
	for i := 0; i < len(s.toks) && len(full.list) > 0; i++ {
		if s.taken[i] || s.toks[i].kind != tokWord || !full.heads.has(s.lowDigest[i]) {
			continue
		}
	next:
		for _, n := range full.list {
			e := i + len(n.words) - 1
			if e >= len(s.toks) {
				continue
			}
			for k, w := range n.words {
				if s.word(i+k) != w || s.taken[i+k] || k > 0 && s.toks[i+k].nl {
					continue next
				}
			}
			s.add(s.toks[i].start, s.toks[e].end, n.kind, 0.7, "the full name of an institution found in the text")
			s.take(s.toks[i].start, s.toks[e].end)
			i = e
			break
		}
	}
}

// tokenRange returns the first and last token inside [start,end).
func (s *scan) tokenRange(start, end int) (int, int) {
	a := s.firstToken(start)
	return a, s.lastToken(end)
}

func (s *scan) firstToken(start int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if s.toks[m].end > start {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// lastToken returns the last token ending at or before end.
func (s *scan) lastToken(end int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if s.toks[m].end > end {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo - 1
}

// saintNames takes "St John's", "Saint Anne's" wherever they are left, so a
// church, a school or a hospice named after a saint is not taken for a
// person: "St John's church does a lunch".
func (s *scan) saintNames() {
	for i := 0; i+1 < len(s.toks); i++ {
		if s.toks[i].kind != tokWord || s.class(i)&wCue == 0 {
			continue
		}
		n := i + 1
		if s.punct(n, ".") && s.is(i, "st") {
			n++ // "St. Luke's"
		}
		if !s.is(i, "st", "saint") || n >= len(s.toks) || s.taken[i] || s.taken[n] || s.toks[n].nl || s.toks[n].kind != tokWord {
			continue
		}
		if s.capital(i) && s.capital(n) || s.caseless(i) && s.lower(n) != s.key(n) {
			for k := i; k <= n; k++ {
				s.taken[k] = true
			}
		}
	}
}

// lowerHeads may be written in lower case after a capitalised name: "the
// Burley Park surgery", "Oakdene care home", "Hillside primary".
var lowerHeads = set("surgery practice centre home primary academy nursery")

// notInstitutionNames are capitalised words before a lower-case head that
// name no institution: "Sunday school", "a Catholic primary".
var notInstitutionNames = set(`monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december catholic muslim jewish english polish christmas easter
year term half-term summer autumn spring winter ofsted`)

// lowerHead reports whether the lower-case head at token i (its type
// starting at b) follows a capitalised name of its own, not a declared
// place, a day or a month.
func (s *scan) lowerHead(i, b int) bool {
	p := b - 1
	return lowerHeads[s.key(i)] && p >= 0 && s.capital(p) && !s.sentenceStart(p) && !s.blocked(p) &&
		!genericInstitution[s.key(p)] && !notInstitutionNames[s.key(p)] && !s.toks[b].nl
}

// buildingTypes end the name of a block of flats: "Kestrel House", "Ash
// Tower", or of a Traveller site with its plots. They count only after a
// flat or plot number, as "the House" or "a Point" mean nothing alone.
var buildingTypes = set("house tower towers point mansions buildings lodge heights site")

// buildingEnd returns the index of a building type ending a capitalised
// building name that starts at token j, or -1.
func (s *scan) buildingEnd(j int) int {
	for k := j; k < j+4 && k < len(s.toks); k++ {
		if k > j && buildingTypes[s.key(k)] && (s.capital(k) || s.caseless(k)) && !s.toks[k].nl {
			return k
		}
		if !s.nameWord(k) || !s.capital(k) && !s.caseless(k) {
			return -1
		}
	}
	return -1
}

// wordHouse reads a house number in words at j: 1-99, or "a hundred and
// twelve", "one hundred twelve". It returns the number and the next token.
func (s *scan) wordHouse(j int) (int, int) {
	n, k := s.wordSmall(j)
	if s.is(j, "a") {
		n, k = 1, j+1
	}
	if n == 0 || n > 9 || !s.is(k, "hundred") {
		if s.is(j, "a") {
			return 0, j
		}
		return n, k
	}
	k++
	if s.is(k, "and") {
		k++
	}
	m, l := s.wordSmall(k)
	if m == 0 {
		return n * 100, k
	}
	return n*100 + m, l
}

// calledName finds an institution introduced by what it is and "called":
// "a care home called Rosewood", "a little nursery called Busy Bees", "this
// pub called the Fleece". An article says "called" names it rather than
// rang someone. The name is taken before names run, so it is not
// read as a person called Rosewood.
func (s *scan) calledName(i int) {
	if s.class(i)&wCue == 0 {
		return
	}
	if !s.is(i, "called", "named") {
		return
	}
	// The noun may be followed by where it is: "a care home in chapel
	// allerton called the grange".
	h := i - 1
	for k := i - 1; k >= 1 && k >= i-5 && !s.toks[k+1].nl; k-- {
		if s.is(k, "in", "on", "near", "by", "off", "round") {
			h = k - 1
			break
		}
		if !s.nameWord(k) {
			break
		}
	}
	kind, n := appositionNouns[s.keyAt(h)], h
	switch {
	case s.is(h, "home") && s.is(h-1, "care", "nursing", "residential"):
		kind, n = Employer, h-1
	case s.is(h, "care", "nursing", "cash", "doctors", "doctor's"):
		return // "the care called" is no care home; "the doctors called" rang
	}
	// "a school called Fernwood" names it; "the school called Kelly" rang her.
	a := n - 1 // the article
	if !s.is(a, "a", "an", "this", "that") {
		a--
	}
	if kind == "" || !s.is(a, "a", "an", "this", "that") {
		return
	}
	j := i + 1
	the := s.is(j, "the") && s.capital(j)
	if s.is(j, "the") {
		j++
	}
	if j >= len(s.toks) || !s.nameWord(j) || stop[s.key(j)] || s.blocked(j) {
		return
	}
	max := 3
	if s.caseless(j) {
		max = 2 // without capitals the name's end is a guess
	}
	e := j
	for k := j + 1; k < j+max && s.nameWord(k) && !stop[s.key(k)]; k++ {
		e = k
	}
	if s.is(n, "nursery") && s.workCueBefore(a+1) {
		kind = Employer
	} else if kind == Employer && !s.is(n, "care", "nursing", "residential") && !s.workCueBefore(a+1) && !s.workContext(a) {
		return // "we went to a pub called the Fleece"
	}
	if the {
		j--
	}
	s.add(s.toks[j].start, s.toks[e].end, kind, 0.75, "name of a "+s.text[s.toks[n].start:s.toks[h].end]+" after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// cueBeforeName reports "at", "to", "from", "attends" or "in" before the
// words that end at head i: "is at temple moor high".
func (s *scan) cueBeforeName(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if s.is(j, "at", "to", "from", "attends", "in", "tae") || // "tae": Scots "to"
			s.is(j, "goes", "go", "went") && s.caseless(j) { // speech-to-text drops "to": "we go denbigh high"
			return j < i-1
		}
		if !s.nameWord(j) {
			return false
		}
	}
	return false
}

// namedAsNouns say what the name after "is" is: "the school is Carr Manor",
// "her GP's Park Edge", "his nursery was Busy Bees".
var namedAsNouns = map[string]Kind{"school": School, "primary": School, "academy": School, "nursery": School,
	"college": School, "gp": GPSurgery, "surgery": GPSurgery, "doctors": GPSurgery, "practice": GPSurgery,
	"employer": Employer, "workplace": Employer}

// namedAs finds a capitalised name after "<school> is", "<GP>'s",
// "<nursery> was": "the school is Carr Manor". A title ("her GP is Dr
// Ahmed") names a person, and a lower-case word is a description ("the
// school is good", in speech-to-text too: "the school was shut").
func (s *scan) namedAs(i int) {
	if s.class(i)&wCue == 0 {
		return
	}
	kind := namedAsNouns[s.key(i)]
	if kind == "" {
		return
	}
	j := i + 1
	if s.lower(i) == s.key(i) {
		if !s.is(j, "is", "was") {
			return
		}
		j++
	}
	// Lower case is left alone: "the school was shut" reads the same.
	if j >= len(s.toks) || s.toks[j].nl || !s.capital(j) || s.sentenceStart(j) || stop[s.key(j)] || titles[s.key(j)] || s.blocked(j) ||
		notInstitutionNames[s.key(j)] || notEmployers[s.key(j)] {
		return
	}
	max := 3
	e := j
	for k := j + 1; k < j+max && s.nameWord(k) && !stop[s.key(k)] && !s.blocked(k); k++ {
		e = k
	}
	s.add(s.toks[j].start, s.toks[e].end, kind, 0.7, "name after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// buildingWord reports a lower-case building word that ends a name in
// speech-to-text ("ashgrove house"), where "house" is otherwise too common
// to be a name word.
func (s *scan) buildingWord(k int) bool {
	return k < len(s.toks) && !s.toks[k].nl && s.caseless(k) && buildingTypes[s.key(k)] && !s.taken[k]
}

// gpAt finds a capitalised name after "the GP at", "my doctor's at",
// "registered with" or "registered at": "we're registered with Whitehall",
// "her doctor's at Oakwood". Lower case is left alone ("the GP at the
// hospital"), and so is a title ("registered with Dr Khan").
func (s *scan) gpAt(i int) {
	if s.class(i)&wCue == 0 {
		return
	}
	if !s.is(i, "at", "with", "in") {
		return
	}
	// "We're with Oxford Terrace, the surgery": "with" and the surgery
	// named after the name.
	with := s.is(i, "with") && !s.is(i-1, "registered")
	switch {
	case s.is(i-1, "registered") && !s.is(i, "in"):
	case s.is(i-1, "gp", "doctor's", "doctors", "gp's") && !s.is(i, "with"):
	case with:
	default:
		return
	}
	j := i + 1
	if s.is(j, "the") {
		j++
	}
	if j >= len(s.toks) || s.toks[j].nl || !s.capital(j) || s.blocked(j) || titles[s.key(j)] || stop[s.key(j)] ||
		notInstitutionNames[s.key(j)] || notEmployers[s.key(j)] || genericInstitution[s.key(j)] || s.is(j, "hospital", "clinic", "hospice") {
		return
	}
	e := j
	for k := j + 1; k < j+3 && s.nameWord(k) && s.capital(k) && !s.blocked(k); k++ {
		e = k
	}
	if with && (!s.punct(e+1, ",") || !s.is(e+2, "the") || appositionNouns[s.keyAt(e+3)] != GPSurgery || s.d.lists.first[s.key(j)]) {
		return // "with Oxford Terrace, the school", "with Sarah Jones, the practice nurse"
	}
	s.add(s.toks[j].start, s.toks[e].end, GPSurgery, 0.7, "name after \""+s.word(i-1)+" "+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// institutionCues are the words the rules in this file start from, marked
// wCue so each rule's first test on a token is one bit.
func institutionCues() map[string]bool {
	m := set("called named with st saint attends goes")
	for _, ws := range []map[string]bool{schoolStaff, schoolLeaving} {
		for w := range ws {
			m[w] = true
		}
	}
	for w := range placeCues {
		m[w] = true
	}
	for w := range namedAsNouns {
		m[w] = true
	}
	return m
}

// corrections finds a school, surgery or employer named again in a
// self-correction right after one was found: "hollybrook academy no wait it
// was kelbourne park", "Greenacre Academy? No: Walderslade", "the govan
// health centre no wait it's elderpark clinic", "Kirkby Care Home — no, it's
// called Meadowbank Lodge now". The corrected name is of the
// same kind. In lower-case text a single word is too often something else
// ("no sorry it's fine"), so two name words are needed there.
func (s *scan) corrections() {
	for n, found := 0, len(s.fs); n < found; n++ {
		f := s.fs[n]
		if f.Kind != School && f.Kind != GPSurgery && f.Kind != Employer {
			continue
		}
		s.correctionOf(f)
		if f.Kind == Employer {
			s.contractorAfter(f)
		}
		j := s.lastToken(f.End) + 1
		for k := 0; k < 2 && j < len(s.toks) && s.toks[j].kind == tokPunct && !s.toks[j].nl; k++ {
			j++ // "?", "—"
		}
		j = s.correctionBridge(j)
		if !s.is(j, "no", "sorry") || s.toks[j].nl {
			continue
		}
		j++
		for k := 0; k < 3 && (s.punct(j, ",") || s.is(j, "sorry")); k++ {
			j++
		}
		if s.is(j, "not") {
			// "agency staffline no not staffline it was prime people
			// recruitment": the wrong name said again is the same one.
			// Anything else after "not" is read as the correction: "Boston
			// Grammar — no, sorry, not the Grammar, Giles Academy".
			a, b := s.tokenRange(f.Start, f.End)
			r := j + 1
			for k := a; k <= b && r < len(s.toks) && s.lower(r) == s.lower(k) && !s.toks[r].nl; k++ {
				r++
			}
			if r-(j+1) == b-a+1 {
				if !s.taken[j+1] {
					s.add(s.toks[j+1].start, s.toks[r-1].end, f.Kind, 0.7, "a "+string(f.Kind)+" named again in a self-correction")
					s.take(s.toks[j+1].start, s.toks[r-1].end)
				}
				j = r
			} else {
				j++
			}
		}
		at := false // a place cue passed: "no i am at heathfields now"
		for k := 0; k < 8 && j < len(s.toks) && !s.toks[j].nl && (s.toks[j].kind == tokPunct && !s.punct(j, ".") ||
			s.is(j, "wait", "sorry", "no", "it's", "it", "is", "was", "i", "mean", "actually", "the", "its", "called", "named") ||
			s.is(j, "that", "one", "am", "i'm", "im", "at", "to") && k < 6); k++ {
			at = at || s.is(j, "at")
			j++
		}
		if j >= len(s.toks) || s.toks[j].nl || !s.nameWord(j) || stop[s.key(j)] || kin[s.key(j)] || titles[s.key(j)] || s.blocked(j) || s.d.lists.first[s.key(j)] ||
			notInstitutionNames[s.key(j)] {
			continue // "no sorry riley moved": a child, not a school; "no, the tuesday"
		}
		e := j
		for k := j + 1; k < j+4 && (s.nameWord(k) && !stop[s.key(k)] || s.buildingWord(k) || s.namesJoined(k)) && !s.blocked(k); k++ {
			e = k // "burnside nursing home no wait it's burnside house"
		}
		if f.Kind == Employer && s.caseless(j) {
			// "prime people recruitment": a trade ends the name.
			for k := j + 1; k < j+4 && k < len(s.toks) && s.toks[k].kind == tokWord && !s.toks[k].nl; k++ {
				if tradeSuffixes[s.key(k)] || legalSuffixes[s.key(k)] {
					e = max(e, k)
					break
				}
			}
		}
		if s.caseless(j) && e == j && !(at && s.lowerSchoolName(j)) {
			continue
		}
		s.add(s.toks[j].start, s.toks[e].end, f.Kind, 0.7, "a "+string(f.Kind)+" named in a self-correction")
		s.take(s.toks[j].start, s.toks[e].end)
	}
	s.listedEmployers()
}

// correctionOf flags the name a speaker corrects to the institution f,
// said just before it with "no": "my doctor at the ridge no the ridge
// medical practice", "Boston Grammar — no, sorry, not the Grammar, Giles
// Academy" (the wrong one is the same kind, and as identifying). Typed
// text needs capitals; in lower case one word must be f's own first word
// or no common word or first name: "yeah no the ridge" stays unflagged.
func (s *scan) correctionOf(f Finding) {
	a := s.firstToken(f.Start)
	p := a - 1
	for k := 0; k < 6 && p > 0 && !s.toks[p+1].nl && !s.is(p, "no"); k++ {
		if !s.is(p, "the", "it", "its", "it's", "is", "was", "called", "sorry", "wait", "i", "mean", "actually") &&
			(s.toks[p].kind != tokPunct || s.punct(p, ".")) {
			return
		}
		p--
	}
	if !s.is(p, "no") || s.toks[p+1].nl || s.toks[p].nl {
		return
	}
	q := p - 1
	if s.punct(q, ",") || s.isDash(q) {
		q--
	}
	b := q
	for k := q; k > q-4 && s.nameWord(k) && !s.taken[k] && !s.blocked(k) && !kin[s.key(k)] && !titles[s.key(k)] && !s.sentenceStart(k+1); k-- {
		b = k
	}
	switch {
	case b > q || !s.is(b-1, "the", "at", "to", "with") || buildingWords[s.key(q)] || buildingTypes[s.key(q)] || streetTypes[s.key(q)] && !s.caseless(q):
		return // "in doxford no sorry the ee call centre" says where; "the Town Hall" is a building
	case s.caseless(b):
		if b == q && s.lower(b) != s.lower(a) && (wordLike(s.key(b)) || s.d.lists.first[s.key(b)]) {
			return
		}
	case !s.capital(b) || s.d.lists.first[s.key(b)] && b == q:
		return
	}
	s.add(s.toks[b].start, s.toks[q].end, f.Kind, 0.7, "named before a self-correction to another "+string(f.Kind))
	s.take(s.toks[b].start, s.toks[q].end)
}

// listedEmployers finds a firm named in a list right after an employer, in
// typed text: "Hilltop Fulfilment, Kingsbrook Cold Store", "Beacon Hill Care
// Home are always hiring, and Compton Care", or a move from it: "works at
// Carluccio's, well, did, until it shut; now Russo Gelateria". The listed
// name must end in a trade ("Store", "Care"); after "now" two capitalised
// words will do, as long as they are no person's ("now Sarah Jones").
func (s *scan) listedEmployers() {
	for n := 0; n < len(s.fs); n++ {
		f := s.fs[n]
		if f.Kind != Employer || s.caseless(s.firstToken(f.Start)) {
			continue
		}
		j := s.lastToken(f.End) + 1
		now := false
		for k := 0; k < 12 && j < len(s.toks) && !s.toks[j].nl && !now; k++ {
			if s.punct(j, ".") || s.punct(j, "?") || s.punct(j, "!") {
				break
			}
			now = s.is(j, "now") && (s.punct(j-1, ";") || s.punct(j-1, ",") || s.isDash(j-1))
			j++
		}
		if !now {
			j = s.lastToken(f.End) + 1
			sep := s.punct(j, ",") || s.isDash(j)
			if sep {
				j++
			}
			if s.is(j, "and", "or") {
				j, sep = j+1, true
			}
			if !sep {
				continue // "Haigh Brothers Roofing" is one name
			}
		} else if s.is(j, "at", "with") {
			j++
		}
		e := s.typedFirmName(j, 4)
		if e < 0 {
			continue
		}
		w := s.key(e)
		trade := tradeSuffixes[w] || legalSuffixes[w] || firmHeads[w] || w == "care"
		if streetTypes[w] || !trade && !(now && e > j) {
			continue
		}
		s.add(s.toks[j].start, s.toks[e].end, Employer, 0.65, "an employer listed after another")
		s.take(s.toks[j].start, s.toks[e].end)
	}
}

// contractorAfter finds the agency or contractor someone works through,
// named right after their workplace: "I work in Pilgrim Hospital kitchen,
// through Medirest", "at Musgrove Park Hospital through Mitie". Typed
// text only, where a capital marks the name: "through the week" is none.
func (s *scan) contractorAfter(f Finding) {
	j := s.lastToken(f.End) + 1
	for k := 0; k < 2 && j < len(s.toks) && !s.toks[j].nl && !s.is(j, "through") && (s.punct(j, ",") || rolesIn[s.key(j)]); k++ {
		j++ // "kitchen,"
	}
	if !s.is(j, "through") || s.toks[j].nl {
		return
	}
	j++
	e := s.typedFirmName(j, 3)
	if e < 0 {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.65, "an agency or contractor worked through")
	s.take(s.toks[j].start, s.toks[e].end)
}

// typedFirmName returns the last token of a firm's name of up to most
// capitalised words from j, on one line, in typed text, or -1: its first
// word no stop word, first name, title or word that names no firm.
// listedEmployers and contractorAfter both read one.
func (s *scan) typedFirmName(j, most int) int {
	if j >= len(s.toks) || s.toks[j].nl || !s.capital(j) || s.caseless(j) || s.taken[j] || s.blocked(j) || stop[s.key(j)] ||
		s.d.lists.first[s.key(j)] || titles[s.key(j)] || notInstitutionNames[s.key(j)] || notEmployers[s.key(j)] {
		return -1
	}
	e := j
	for k := j + 1; k < j+most && s.capital(k) && !s.toks[k].nl && !s.taken[k] && !s.blocked(k); k++ {
		e = k
	}
	return e
}

// correctionBridge skips a short phrase of place or time between a name
// and the "no" that corrects it, from token j: "at pasty presto in pool no
// trago mills", "the jollibee pop up on the weekends no not that". It
// returns j itself when no such phrase ends in "no" or "sorry".
func (s *scan) correctionBridge(j int) int {
	if !s.is(j, "in", "on", "at", "near", "by") || s.toks[j].nl {
		return j
	}
	for k := j + 1; k <= j+3 && k < len(s.toks) && !s.toks[k].nl && s.toks[k].kind == tokWord; k++ {
		if s.is(k, "no", "sorry") {
			return k
		}
	}
	return j
}

// namesJoined reports "and" or "&" at k joining two name words of one
// name: "the crown and thistle".
func (s *scan) namesJoined(k int) bool {
	return (s.is(k, "and") || s.punct(k, "&")) && s.nameWord(k-1) && s.nameWord(k+1) && !stop[s.key(k+1)]
}

// schoolStaff before "at" say a school follows: "her teacher at Bankside",
// "the senco at ryecroft". schoolLeaving before "from" or "out of" do, in
// typed text: "excluded from Parklands", "kicked out of Bruntcliffe".
var (
	schoolStaff   = set("teacher teachers headteacher head headmaster headmistress senco tutor gcses a-levels pupil pupils form nursery preschool pre-school playgroup creche")
	schoolLeaving = set("excluded expelled kicked")
)

// schoolCue finds a school named after its staff or after being excluded
// from it. Lower-case text needs the staff cue, as "excluded from class" is
// not a school; typed text needs a capital.
func (s *scan) schoolCue(i int) {
	atTo := s.is(i, "at", "to")
	if atTo {
		s.dedicatedSchool(i)
	}
	if atTo || s.is(i, "nursery", "goes", "go", "went") {
		s.nurseryName(i)
	}
	if s.class(i)&wCue == 0 || len(s.key(i)) != len(s.lower(i)) {
		return
	}
	j := i + 1
	switch {
	// The word after first: most cue words ("at", "to") are followed by
	// neither, and it costs less than the look-ups.
	case s.is(j, "at") && schoolStaff[s.key(i)] && (!s.is(i, "form") || s.is(i-1, "sixth")):
		j++
	case (s.is(j, "from") || s.is(j, "out") && s.is(j+1, "of")) && schoolLeaving[s.key(i)]:
		j += 1 + btoi(s.is(j, "out"))
		if !s.capital(j) && !s.lowerSchoolPair(j) {
			return
		}
	default:
		return
	}
	if s.is(j, "the") && !s.capital(j) {
		if s.is(i, "nursery", "preschool", "pre-school", "playgroup", "creche") && !s.capital(j+1) {
			return // "at nursery at the moment"
		}
		j++
	}
	little := s.is(j, "little") && s.capital(j) && s.capital(j+1) // "Little Angels"
	if j >= len(s.toks) || s.toks[j].nl || !s.nameWord(j) || s.blocked(j) || stop[s.key(j)] && !little || kin[s.key(j)] || titles[s.key(j)] ||
		genericInstitution[s.key(j)] && !s.nameWord(j+1) || genericWorkplaces[s.key(j)] || notInstitutionNames[s.key(j)] {
		return // "little angels", "st peters": a generic word may start a name
	}
	e := j
	for k := j + 1; k < j+3 && s.nameWord(k) && !stop[s.key(k)] && !s.blocked(k) && (s.capital(k) || !s.capital(j)); k++ {
		e = k
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.65, "a school after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// lowerSchoolPair reports two lower-case words at j that may be a school's
// name in speech-to-text: "kicked out of lea manor", "excluded from
// caludon castle". The first is no common word or chain, the second a
// place's type, as school names end ("manor", "park"), so "kicked out of
// tesco yesterday" and "excluded from maths lessons" are not schools.
func (s *scan) lowerSchoolPair(j int) bool {
	if !s.lowerSchoolName(j) || s.d.lists.brands.match(s, j) > 0 || !s.nameWord(j+1) || !s.caseless(j+1) {
		return false
	}
	w := s.key(j + 1)
	return schoolNameEnds[w] || streetTypes[w] || institutionHeads[w]
}

// schoolNameEnds end many schools' names besides street types: "Lea
// Manor", "Caludon Castle", "Temple Moor".
var schoolNameEnds = set("manor castle grange wood woods field fields brook hall heath moor lodge house farm end")

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// schoolOnLine reports a school found earlier in token j's sentence, on
// its line.
//
// A school later in the sentence counts too, when it is said the same way,
// after "at" or "to": "he was at Heath Park, now he's at the Braybrook
// Centre, the PRU".
func (s *scan) schoolOnLine(j int) bool {
	a := j
	for a > 0 && !s.toks[a].nl && !s.punct(a-1, ".") && !s.punct(a-1, "?") && !s.punct(a-1, "!") {
		a--
	}
	b := j
	for b+1 < len(s.toks) && !s.toks[b+1].nl && !s.punct(b, ".") && !s.punct(b, "?") && !s.punct(b, "!") {
		b++
	}
	from, to, end := s.toks[a].start, s.toks[j].start, s.toks[b].end
	for _, f := range s.fs {
		if f.Kind != School {
			continue
		}
		if f.Start >= from && f.End <= to {
			return true
		}
		if f.Start > to && f.End <= end {
			p := s.firstToken(f.Start) - 1
			if s.is(p, "the") {
				p--
			}
			if s.is(p, "at", "to") {
				return true
			}
		}
	}
	return false
}

// schoolTalk reports a word of school life in the sentence holding token j
// or the one before it, even in the turn before: "For me it was the school.
// Tyreese was at Oxton St Saviour's", "it was the school really kemi goes
// to prendergast ladywell", "I got a detention for being late. ⏎ P03: I'm
// at Notre Dame". The name itself is not looked at.
func (s *scan) schoolTalk(j int) bool {
	sentences := 0
	for p := j - 1; p >= 0 && p >= j-40; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") || s.toks[p+1].nl {
			if sentences++; sentences > 1 {
				return false
			}
		}
		if s.toks[p].kind == tokWord && schoolLife[s.key(p)] {
			return true
		}
	}
	return false
}

// attendsAt reports "goes to", "went to", "was at", "I'm at", "she's at"
// ending at token i: how a child's school is said, where "moved to" is as
// often a house and "go at half five" a time.
func (s *scan) attendsAt(i int) bool {
	if s.is(i, "to") {
		return s.is(i-1, "goes", "go", "going", "went") && !s.is(i-2, "we", "they", "i", "you", "all") // "we went to Blackpool": an outing
	}
	return s.is(i, "at") && (s.is(i-1, "is", "was", "hes", "shes", "im", "i'm", "i’m") || i > 0 && s.toks[i-1].kind == tokWord && s.key(i-1) != s.lower(i-1))
}

// schoolLife are words only school talk uses.
var schoolLife = set(`school schools teacher teachers headteacher detention detentions pupil pupils classroom classmates
senco senco's exclusion excluded expelled uniform playground lessons homework`)

// thatsThe finds a school named just before "that's the PRU", "thats the
// pru", "which is the school": "she goes to Unity Learning Centre two days,
// that's the PRU", "she went the harbour centre for a bit thats the pru".
// The name follows the nearest "to", "at" or "went" before it in the
// sentence.
func (s *scan) thatsThe(i int) {
	if s.class(i)&wNamedAfter == 0 {
		return
	}
	n := i + 1
	switch {
	case s.is(i, "that's", "thats", "that’s"):
	case s.is(i, "that", "which") && s.is(i+1, "is", "was", "'s"):
		n++
	default:
		return
	}
	if !s.is(n, "the", "a", "an") {
		return
	}
	n++
	if appositionAdjectives[s.keyAt(n)] {
		n++
	}
	if schoolNouns[s.keyAt(n)] != School && !(s.is(n, "referral", "pupil") && s.is(n+1, "unit", "referral")) {
		return
	}
	c := -1
	for p := i - 1; p >= 0 && p >= i-9 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") || s.taken[p] && !s.blocked(p) {
			return // a sentence ends, or the name is found already
		}
		if s.is(p, "to", "at", "went", "goes", "attends") {
			c = p
			break
		}
	}
	if c < 0 {
		return
	}
	j := c + 1
	if s.is(j, "the") {
		j++
	}
	e, named := -1, false
	for k := j; k < j+3 && k < i && s.nameWord(k) && (s.capital(k) || !wordLike(s.key(k))) && s.class(k)&wDigit == 0 && !employerTails[s.key(k)]; k++ {
		e = k
		named = named || !genericInstitution[s.key(k)] && !s.blocked(k)
	}
	if e < 0 || !named || kin[s.key(j)] || s.d.lists.first[s.key(j)] && e == j {
		return
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.7, "name before \""+s.word(i)+" the "+s.word(n)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// workplaceNouns name a kind of workplace. Said of someone's work, a name in
// apposition after one is the employer: "a takeaway, the Golden Dragon",
// "a scaffolding firm, kellys", "his cousin's takeaway the spice hut".
var workplaceNouns = set(`pub factory warehouse firm company shop takeaway chippy cafe café restaurant garage salon bakery
butchers hotel bar depot builders launderette laundrette barbers hairdressers supermarket agency home stall bingo wash
business kiosk centre`)

// workplaceName finds an employer named after a workplace noun, in a
// sentence about work: a work word or a job before it on the line ("he
// drives for a takeaway, the Golden Dragon"). Typed text needs a comma or
// "the" and a capital; lower-case text a comma, or "the" and two words, and
// no verb after the name ("a shop, the pay is rubbish").
func (s *scan) workplaceName(i int) {
	if s.class(i)&wNamedAfter == 0 {
		return
	}
	k := s.key(i)
	if s.toks[i].kind != tokWord || len(k) != len(s.lower(i)) {
		return
	}
	if kind := schoolNouns[k]; kind != "" {
		s.schoolThenName(i, kind)
		return
	}
	if k == "unit" {
		if s.is(i-1, "referral") {
			s.pruCentre(i)
		}
		return
	}
	if !s.workplaceOfWork(i, k) {
		return
	}
	j := s.afterWhere(i + 1)
	comma := s.punct(j, ",") || s.punct(j, "(") || s.punct(j, "—") || s.punct(j, "–")
	if comma {
		j++
	} else {
		j = i + 1
	}
	the := s.is(j, "the") && !s.capital(j)
	if the {
		j++
	}
	if !comma && !the && s.lowerNameRightAfter(i, j) {
		return
	}
	e, ok := s.apposedEmployerEnd(j, comma, the)
	if !ok {
		return
	}
	if the && !s.caseless(j) {
		j--
	}
	s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "name after \""+s.word(i)+"\" in a sentence about work")
	s.take(s.toks[j].start, s.toks[e].end)
}

// workplaceOfWork reports whether workplace noun i, key k, is said of
// someone's work and has no name before it.
func (s *scan) workplaceOfWork(i int, k string) bool {
	if !workplaceNouns[k] || k == "home" && !s.is(i-1, "care", "nursing", "residential") || k == "centre" && !s.is(i-1, "call") || !s.workContext(i) {
		return false
	}
	// "the Amazon warehouse, Dartford": the name came first.
	p := i - 1 - btoi(k == "home")
	return !s.capital(p) || s.sentenceStart(p)
}

// lowerNameRightAfter flags a lower-case employer's name right after
// workplace noun i, from token j, with no comma or "the" between, and
// reports whether it found one.
func (s *scan) lowerNameRightAfter(i, j int) bool {
	if e := s.nameEndingInNoun(j); e > j {
		// "works at the car wash sparkle hand car wash": in lower case a
		// name right after the noun that ends in such a noun again.
		s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "name ending in \""+s.word(e)+"\" after \""+s.word(i)+"\" in a sentence about work")
		s.take(s.toks[j].start, s.toks[e].end)
		return true
	}
	if e := s.lowerNameAfterNoun(j); e > j && i > 0 && s.is(i-1-btoi(appositionAdjectives[s.keyAt(i-1)] || s.caseless(i-1) && !stop[s.keyAt(i-1)]), "the") {
		// "they work in the nail bar lux nails on george street": in
		// lower case a name of two words or more right after "the <noun>".
		s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "name after \"the "+s.word(i)+"\" in a sentence about work")
		s.take(s.toks[j].start, s.toks[e].end)
		return true
	}
	return false
}

// apposedEmployerEnd returns the last token of an employer's name that
// starts at j, after a comma or "the" (comma, the) following a workplace
// noun, and whether there is one: lower case needs a name-like word and
// no verb after it, typed text up to four capitalised words.
func (s *scan) apposedEmployerEnd(j int, comma, the bool) (int, bool) {
	if !comma && !the || j >= len(s.toks) || s.toks[j].nl || s.taken[j] || stop[s.key(j)] || titles[s.key(j)] || kin[s.key(j)] ||
		notEmployers[s.key(j)] || notInstitutionNames[s.key(j)] || genericWorkplaces[s.key(j)] || s.blocked(j) {
		return 0, false
	}
	e := j
	if s.caseless(j) {
		if !s.nameWord(j) || wordLike(s.key(j)) || s.d.lists.first[s.key(j)] || s.class(j)&wDigit != 0 {
			return 0, false
		}
		if s.lowerNameGoesOn(j + 1) {
			e = j + 1
		}
		if !comma && e == j || s.is(e+1, "is", "was", "are", "were", "has", "had", "have", "does", "did", "do", "will", "would", "can", "could", "of", "gets", "got", "pays", "paid") {
			return 0, false
		}
		return e, true
	}
	if !s.capital(j) || s.sentenceStart(j) {
		return 0, false
	}
	for n := j + 1; n < j+4 && (s.capital(n) || s.is(n, "&", "and") && s.capital(n+1)) && !s.toks[n].nl && !s.blocked(n); n++ {
		e = n
	}
	if s.is(e, "&", "and") {
		e--
	}
	if s.lower(e) != s.key(e) && s.toks[min(e+1, len(s.toks)-1)].kind == tokWord && !s.capital(e+1) && e+1 < len(s.toks) {
		return 0, false // "the shop on the corner, the Co-op's bigger": "'s" is "is"
	}
	return e, true
}

// afterWhere skips where a workplace is, from token j, when a comma
// follows: "a stall on the market, Bren's Bargain Bedding", "the takeaway on
// Botchergate, Golden Pagoda". It returns the comma's token, or j.
func (s *scan) afterWhere(j int) int {
	if !s.is(j, "on", "at", "in", "off", "near", "by") {
		return j
	}
	k := j + 1
	if s.is(k, "the") {
		k++
	}
	for n := 0; n < 3 && k < len(s.toks) && s.toks[k].kind == tokWord && !s.toks[k].nl; n++ {
		k++
		if s.punct(k, ",") {
			return k
		}
	}
	return j
}

// lowerNameAfterNoun returns the last token of a lower-case name of two
// to four words from j ("lux nails", "horvath fruit and veg") that ends
// the clause: a line end, a punctuation mark or a preposition follows. It
// returns -1 otherwise.
func (s *scan) lowerNameAfterNoun(j int) int {
	if j >= len(s.toks) || !s.caseless(j) || !s.lowerNameGoesOn(j) || s.taken[j] || s.blocked(j) || genericWorkplaces[s.key(j)] {
		return -1
	}
	e := j
	for k := j + 1; k < j+4 && k < len(s.toks) && !s.toks[k].nl && !clauseEnders[s.lower(k)]; k++ {
		if s.is(k, "and", "&") && k+1 < j+4 && s.lowerNameGoesOn(k+1) {
			continue
		}
		if !s.lowerNameGoesOn(k) && !(s.nameWord(k) && !wordLike(s.key(k)) && !s.d.lists.first[s.key(k)] && !employerTails[s.key(k)]) || s.taken[k] {
			break
		}
		e = k
	}
	if e == j || s.is(e, "and", "&") {
		return -1
	}
	if n := e + 1; n < len(s.toks) && !s.toks[n].nl && s.toks[n].kind == tokWord && !clauseEnders[s.lower(n)] {
		return -1 // the clause goes on: the words were no name
	}
	return e
}

// clauseEnders may follow a workplace's name: where it is, or the next
// clause ("lux nails on george street", "pompey pies its like a stall").
var clauseEnders = set("on in at and its so like with for by near off where")

// nameEndingInNoun returns the last token of a lower-case name of two to
// four words from j that ends in a workplace or trade noun ("sparkle hand
// car wash", "mecca bingo"), or -1.
func (s *scan) nameEndingInNoun(j int) int {
	if j >= len(s.toks) || !s.caseless(j) || !s.nameWord(j) || wordLike(s.key(j)) || s.d.lists.first[s.key(j)] || genericWorkplaces[s.key(j)] {
		return -1
	}
	for k := j + 1; k < j+4 && k < len(s.toks) && !s.toks[k].nl; k++ {
		w := s.key(k)
		if workplaceNouns[w] || genericWorkplaces[w] || tradeSuffixes[w] {
			return k
		}
		if !s.nameWord(k) || wordLike(w) {
			return -1
		}
	}
	return -1
}

// workContext reports a work word or a job up to eight tokens before token
// i on its line, or a word for running a business: "my cousin runs a cafe".
func (s *scan) workContext(i int) bool {
	if s.is(i, "agency", "stall", "firm", "business") || s.is(i, "centre") && s.is(i-1, "call") {
		return true // an agency or a call centre is work; a stall, a firm or a business someone's trade
	}
	for a := i - 1; a >= i-2 && a >= 1; a-- {
		if s.is(a, "the", "a") && s.is(a-1, "has", "had", "got", "opened", "bought") && !s.toks[a+1].nl {
			return true // "he has the shop, Kabul Express", "has a car wash, Sparkle": someone's own business
		}
	}
	for p := i - 1; p >= 0 && p >= i-8 && !s.toks[p+1].nl; p-- {
		if s.class(p)&(wWork|wJob) != 0 && len(s.key(p)) == len(s.lower(p)) && !(s.class(p)&wWork == 0 && s.thirdParty(p)) ||
			s.is(p, "runs", "run", "owns", "own", "manages", "opened") {
			return true
		}
	}
	return false
}

// thatsWords start "that's the PRU" (see thatsThe).
var thatsWords = set("that's thats that’s that which")

// schoolNouns name a kind of school or surgery; a capitalised name in
// apposition after one ("her school, Oakfield Park", "the Catholic high,
// Notre Dame", "our GP, Park Lane") names it.
var schoolNouns = map[string]Kind{"school": School, "primary": School, "academy": School, "grammar": School, "nursery": School,
	"high": School, "comp": School, "secondary": School, "college": School, "pru": School, "infants": School, "juniors": School,
	"surgery": GPSurgery, "practice": GPSurgery, "gp": GPSurgery, "doctors": GPSurgery}

// schoolThenName finds the name in "<the|her> [adjective] <school>, Name":
// typed text only, as in lower case the word after the comma could be
// anything, and not a person's first name ("we told the school, Kelly and
// me").
func (s *scan) schoolThenName(i int, kind Kind) {
	p := i - 1
	if appositionAdjectives[s.keyAt(p)] {
		p--
	}
	if !s.is(p, "the", "his", "her", "their", "my", "our", "your") {
		return
	}
	if s.is(i, "pru") {
		s.pruName(i)
		return
	}
	if !s.punct(i+1, ",") && !s.punct(i+1, "(") {
		return
	}
	j := i + 2
	// A person's full name after "the comp," names the school ("the
	// local comp, Ralph Thoresby"); after "the school," it may be someone
	// told ("we told the school, Kelly and me").
	personNamed := s.d.lists.first[s.keyAt(j)] && (s.is(i, "school") || !s.capital(j+1))
	if j >= len(s.toks) || s.toks[j].nl || !s.capital(j) || s.caseless(j) || s.taken[j] || s.blocked(j) || stop[s.key(j)] ||
		titles[s.key(j)] || kin[s.key(j)] || notInstitutionNames[s.key(j)] || notNames[s.key(j)] || personNamed ||
		genericInstitution[s.key(j)] {
		return
	}
	e := j
	for n := j + 1; n < j+4 && s.capital(n) && !s.toks[n].nl && !s.blocked(n); n++ {
		e = n
	}
	s.add(s.toks[j].start, s.toks[e].end, kind, 0.7, "name after \""+s.word(i)+",\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// pruName finds the name of a pupil referral unit said after "the pru", in
// typed text or lower case: "now at the pru (the boulevard centre)", "went
// to the pru the beacon centre". Only the PRU, a word no one uses loosely,
// is trusted in lower case.
func (s *scan) pruName(i int) {
	j := i + 1
	sep := s.punct(j, ",") || s.punct(j, "(")
	if sep {
		j++
	}
	the := s.is(j, "the")
	if the {
		j++
	}
	if !sep && !the {
		s.pruCentre(i) // "the pru avenue centre for education", "the PRU on the other side of town, the Kingsmead Centre"
		return
	}
	if j >= len(s.toks) || s.toks[j].nl || s.taken[j] || s.blocked(j) || !s.nameWord(j) || wordLike(s.key(j)) ||
		s.d.lists.first[s.key(j)] || kin[s.key(j)] || titles[s.key(j)] || s.class(j)&wDigit != 0 {
		s.pruCentre(i)
		return
	}
	e := j
	for k := j + 1; k < j+3 && s.nameWord(k) && !wordLike(s.key(k)) && !s.blocked(k) && (s.capital(k) || !s.capital(j)); k++ {
		e = k
	}
	if s.caseless(j) && e == j && !institutionHeads[s.key(j)] && !s.punct(e+1, ")") && !s.punct(e+1, ",") && !s.punct(e+1, ".") {
		return // one lower-case word and no bracket closing it: too loose
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.7, "name after \"the "+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// pruCentre finds a centre named later in the sentence of "the PRU" or
// "pupil referral unit" at token i, which is where the unit is: "sent him
// to the PRU on the other side of town, the Kingsmead Centre", "the pupil
// referral unit at the maelor centre", "the pru avenue centre". The name
// is one to three words before "Centre", capitalised in typed text; in
// lower case one of them must be no English word ("the town centre").
func (s *scan) pruCentre(i int) {
	for k := i + 1; k < len(s.toks) && k <= i+12 && !s.toks[k].nl; k++ {
		if s.punct(k, ".") || s.punct(k, "?") || s.punct(k, "!") {
			return
		}
		if !s.is(k, "centre", "center") || s.taken[k] {
			continue
		}
		a, own := k, false
		for p := k - 1; p > i && p >= k-3 && s.nameWord(p) && !stop[s.key(p)] && !s.taken[p] && !s.blocked(p); p-- {
			a = p
			if facilityWords[s.key(p)] {
				own = false
				break // "the PRU is by the Leisure Centre"
			}
			if s.caseless(p) {
				own = own || !wordLike(s.key(p)) && !genericInstitution[s.key(p)] && !s.d.lists.first[s.key(p)]
			} else {
				own = own || !genericInstitution[s.key(p)]
			}
		}
		if a == k || !own {
			continue
		}
		if !s.caseless(a) && !s.capital(k) {
			continue // typed "the Kingsmead centre" is a place called so, not the unit's name
		}
		s.add(s.toks[a].start, s.toks[k].end, School, 0.7, "a centre named in the sentence of the pupil referral unit")
		s.take(s.toks[a].start, s.toks[k].end)
		return
	}
}

// facilityWords name a kind of centre that is no school: "the Leisure
// Centre", "the job centre".
var facilityWords = set(`leisure sports sport community shopping health medical job youth town city family children's
garden visitor civic arts business enterprise police day resource contact`)

// dedications name church schools across the UK: "Our Lady of Lourdes",
// "Cardinal Newman", "Bishop Fox's", "Sacred Heart", "Holy Cross". Each
// entry is the dedication's fixed words; "" stands for one name word.
var dedications = [][]string{
	{"our", "lady", "of", ""}, {"our", "lady's"}, {"cardinal", ""}, {"bishop", ""}, {"sacred", "heart"},
	{"holy", "cross"}, {"holy", "family"}, {"holy", "trinity"}, {"holy", "rosary"}, {"holy", "name"},
	{"holy", "spirit"}, {"holy", "ghost"}, {"christ", "the", "king"}, {"corpus", "christi"}, {"english", "martyrs"},
	{"blessed", "sacrament"},
	// Schools named after a person by title: "King Solomon", "President
	// Kennedy", "Queen Mary's", "Sir John Deane's", "Lady Manners".
	{"king", ""}, {"queen", ""}, {"president", ""}, {"prince", ""}, {"princess", ""}, {"sir", "", ""}, {"dame", "", ""}, {"lady", ""},
}

// namesakeTitles start a school named after a titled person.
var namesakeTitles = set("king queen president prince princess sir dame lady")

// dedicationFirsts are the first words of dedications: most words after
// "at" or "to" start none, and this one look-up rules them out.
var dedicationFirsts = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range dedications {
		m[d[0]] = true
	}
	return m
}()

// dedicationHeads may follow a dedication as part of the school's name:
// "Our Lady of Lourdes RC Primary", "holy cross catholic primary".
var dedicationHeads = set("rc r.c catholic c of e primary high school college academy juniors infants secondary junior infant")

// notSchoolAfter follow a dedication that names a church or a hall:
// "Holy Trinity church", "the Sacred Heart club".
var notSchoolAfter = set("church parish cathedral chapel hospice hospital club hall centre mass house street road")

// worshipWords before a dedication say it is a church: "mass at Holy Cross".
var worshipWords = set("mass church service funeral wedding christening baptism communion confession pray prayers")

// dedicatedSchool finds a church school named by its dedication after "at"
// or "to": "a place at cardinal newman", "she's at our lady of walsingham".
// Typed text needs capitals; a church, a hall or a service rules it out.
func (s *scan) dedicatedSchool(i int) {
	j := i + 1
	if j >= len(s.toks) || s.taken[j] || s.toks[j].nl || !dedicationFirsts[s.lower(j)] {
		return
	}
	for p := i - 1; p >= 0 && p >= i-3; p-- {
		if worshipWords[s.key(p)] {
			return
		}
	}
	e := -1
	for _, d := range dedications {
		if n := s.dedicationAt(j, d); n > 0 {
			e = j + n - 1
			break
		}
	}
	if e < 0 {
		return
	}
	for k := e + 1; k < len(s.toks) && !s.toks[k].nl && dedicationHeads[s.lower(k)]; k++ {
		e = k
	}
	if s.is(e+1, "c") && s.is(e+2, "of") && s.is(e+3, "e") {
		e += 3
	}
	if notSchoolAfter[s.keyAt(e+1)] {
		return
	}
	reason := "church school named by its dedication after \"" + s.word(i) + "\""
	if namesakeTitles[s.lower(j)] {
		reason = "school named after a titled person, after \"" + s.word(i) + "\""
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.7, reason)
	s.take(s.toks[j].start, s.toks[e].end)
}

// dedicationAt returns how many tokens from j spell the dedication d, or 0.
// Every word needs a capital in typed text; "" is one name word.
func (s *scan) dedicationAt(j int, d []string) int {
	for n, w := range d {
		k := j + n
		if k >= len(s.toks) || s.toks[k].kind != tokWord || s.toks[k].nl || s.taken[k] && !s.blocked(k) {
			return 0
		}
		if !s.caseless(k) && !s.capital(k) && w != "of" && w != "the" {
			return 0
		}
		switch {
		case w == "":
			if stop[s.key(k)] || kin[s.key(k)] || titles[s.key(k)] || s.class(k)&wDigit != 0 || dedicationHeads[s.lower(k)] ||
				streetTypes[s.key(k)] || buildingWords[s.key(k)] { // "Queen Street", "Queen Elizabeth Hospital"
				return 0
			}
		case !s.is(k, w):
			return 0
		}
	}
	return len(d)
}

// littleNouns follow "Little" in the usual name of a nursery or pre-school
// across the UK: "Little Acorns", "Little Stars", "little owls".
var littleNouns = set(`acorns angels stars learners explorers owls ducklings rainbows treasures oaks pips gems seeds sprouts
bears lambs cherubs steps feet footprints hands buttons fingers sunbeams robins wrens bees rascals monkeys`)

// nurseryPairs are other common nursery names of two words.
var nurseryPairs = [][2]string{{"busy", "bees"}, {"tiny", "tots"}, {"kiddi", "caru"}, {"teddy", "bears"}}

// nurseryName finds a nursery named the usual way after "goes to", "at" or
// "the nursery", with or without "Nursery" after it: "the nursery little
// acorns three mornings", "goes busy bees at gorse hill". Typed text needs
// capitals.
func (s *scan) nurseryName(i int) {
	j := i + 1
	if j+1 >= len(s.toks) || s.taken[j] || s.taken[j+1] || s.toks[j].nl || s.toks[j+1].nl {
		return
	}
	if !s.caseless(j) && !(s.capital(j) && s.capital(j+1)) {
		return
	}
	ok := s.is(j, "little") && littleNouns[s.lower(j+1)]
	for _, p := range nurseryPairs {
		ok = ok || s.is(j, p[0]) && s.is(j+1, p[1])
	}
	if !ok {
		return
	}
	e := j + 1
	for k := e + 1; k < len(s.toks) && k <= j+3 && !s.toks[k].nl && s.is(k, "day", "nursery", "nurseries", "pre-school", "preschool", "playgroup", "creche"); k++ {
		e = k
	}
	s.add(s.toks[j].start, s.toks[e].end, School, 0.7, "nursery named the usual way after \""+s.word(i)+"\"")
	s.take(s.toks[j].start, s.toks[e].end)
}

// pubNouns and pubAdjectives make up the usual names of British pubs: "the
// red lion", "the kings head", "the rose and crown", "the fox and hounds".
var (
	pubNouns = set(`lion crown anchor thistle swan bull horse horses horseshoes plough oak bell star ship hart stag fox hounds
hound lamb flag feathers mitre keys rose greyhound eagle falcon cock pheasant boar bear dragon unicorn griffin globe grapes
vine harp sun moon wheatsheaf chequers woolpack arms inn tavern head fleece ram groom anchor shovel sheaf`)
	pubAdjectives = set("red white black golden green blue royal kings queens rising dukes bishops nags cross three seven")
)

// lowerPub returns the last token of a pub's name in lower-case text at
// token j, just after "the", or -1: "the red lion", "the crown and anchor".
// The words are everyday ones, so only an employer cue before "the" makes
// them a name (see employer).
func (s *scan) lowerPub(j int) int {
	if j >= len(s.toks) || !s.caseless(j) || !s.is(j-1, "the") {
		return -1
	}
	e := -1
	switch {
	case pubAdjectives[s.keyAt(j)] && pubNouns[s.keyAt(j+1)] && !s.toks[j+1].nl:
		e = j + 1 // "the white hart", "the kings head"
	case s.is(j, "green") && s.is(j+1, "man"):
		e = j + 1
	case pubNouns[s.keyAt(j)]:
		e = j
	default:
		return -1
	}
	if s.is(e+1, "and") && pubNouns[s.keyAt(e+2)] && !s.toks[e+2].nl {
		return e + 2 // "the rose and crown", "the red lion and"
	}
	if e == j {
		return -1 // one word ("the crown", "the sun") may be anything
	}
	return e
}
