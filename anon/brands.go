package anon

import (
	_ "embed"
	"strings"
)

// Well-known chains named as someone's workplace: "i do saturdays at
// greggs", "did thirty year at wedgwood then michelin". The list is general
// knowledge (data/brands.txt); a chain's name alone is no one's employer
// ("we shop at tesco"), so the sentence must also be about work.

//go:embed data/brands.txt
var brandsTxt string

// brandLists parses data/brands.txt: plain names, and names that are also
// everyday words ("*next"), which need a capital.
func brandLists(txt string) (plain, word *phrases) {
	var ps, ws []string
	for _, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "*"):
			ws = append(ws, line[1:])
		default:
			ps = append(ps, line)
		}
	}
	return newPhrases(ps), newPhrases(ws)
}

// brandContextSkip are work words too common in talk of shopping or trips
// to say a chain is a workplace: "been to asda", "picking up from tesco".
var brandContextSkip = set(`been taken started driving drives driver drivers evenings mornings nights saturdays sundays
mondays tuesdays wednesdays thursdays fridays weekends clean cleans cleaning picking packing contract interview offer`)

// storeFormats follow a supermarket's name for the kind of branch.
var storeFormats = set("express extra metro local superstore")

// shoppingWords before a chain say it is where someone shops.
var shoppingWords = set("shopping shop shops shopped bought buy buys buying ordered order spent")

// brand flags a chain from data/brands.txt at token i when the sentence
// is about work: a work word or a job shortly before it or just after it
// ("on the tills at asda", "tesco nights"), or an employer already found
// earlier in the sentence ("at wedgwood in the warehouse then michelin").
func (s *scan) brand(i int) {
	s.ownedFirm(i) // a late pass too, so the more specific rules have taken their names first
	if s.toks[i].kind == tokWord && s.cls[i]&wBrand == 0 {
		return // most words: no chain's name starts with them
	}
	n := s.d.lists.brands.match(s, i)
	if n == 0 {
		if n = s.d.lists.brandWords.match(s, i); n == 0 || !s.capital(i) || s.caseless(i) || s.sentenceStart(i) {
			return
		}
	}
	e := i + n - 1
	if storeFormats[s.keyAt(e+1)] && !s.toks[e+1].nl {
		e++ // "tesco express", "Sainsbury's Local": the branch's format is part of the name
	}
	for k := i; k <= e; k++ {
		if s.taken[k] {
			return
		}
	}
	for p := i - 1; p >= 0 && p >= i-3; p-- {
		if shoppingWords[s.key(p)] || mealWords[s.key(p)] {
			return // "shopping at lidl at midnight", "bought it from Argos", "had tea at Nando's"
		}
	}
	// "from Aldi distribution", "the DHL site": a chain's site is a workplace.
	site := chainSites[s.keyAt(e+1)] && !s.toks[e+1].nl
	if !site && (s.visited(i) || !s.brandWork(i, e)) {
		return
	}
	s.add(s.toks[i].start, s.toks[e].end, Employer, 0.7, "well-known employer \""+s.text[s.toks[i].start:s.toks[e].end]+"\" in a sentence about work")
	s.take(s.toks[i].start, s.toks[e].end)
}

// chainSites after a chain are its workplaces, not its shops ("the Tesco
// store" is where people shop).
var chainSites = set("warehouse warehouses depot factory plant site distribution canteen yard mill")

// mealWords before a chain say someone ate there: "had tea at Nando's".
var mealWords = set("tea lunch dinner breakfast brunch coffee brew meal eat ate eating food")

// visitWords before a chain say someone went there, not worked there:
// "popped into Tesco", "chicken from kfc", "we went to McDonald's". Being
// sacked from one is work, but that is an employer cue (employerCue); being
// moved or sent to one is work too (placedWords).
var visitWords = set("to into from outside past round near opposite behind")

// visited reports a visit word just before the chain at token i, skipping
// "the" and a size ("to the big asda").
func (s *scan) visited(i int) bool {
	p := i - 1
	if employerAdjectives[s.keyAt(p)] {
		p--
	}
	if s.is(p, "the") {
		p--
	}
	if !visitWords[s.keyAt(p)] || p < 0 || s.toks[p+1].nl {
		return false
	}
	if s.is(p, "to") {
		for q := p - 1; q >= 0 && q >= p-2; q-- {
			if placedWords[s.key(q)] {
				return false // "moved to amazon", "they send him to the dhl warehouse"
			}
		}
	}
	return true
}

// placedWords before "to" say someone was placed at or moved to a job.
var placedWords = set("moved moving move moves transferred switched back send sends sent sending")

// brandWork reports a work cue around tokens i..e in their sentence, on
// their line: up to ten tokens before, four after, or how long someone
// was there after it.
func (s *scan) brandWork(i, e int) bool {
	work := func(k int) bool {
		if s.class(k)&(wWork|wJob) == 0 || len(s.key(k)) != len(s.lower(k)) || s.class(k)&wWork == 0 && s.thirdParty(k) {
			return false // "the security guard at Asda followed him": someone met there
		}
		// "i do saturdays at greggs" is work; "saturdays at tesco" alone may be shopping.
		return !brandContextSkip[s.key(k)] || s.is(k-1, "do", "does", "did", "doing", "done", "work", "works", "worked", "working")
	}
	if i >= 3 && s.is(i-1, "at") && s.is(i-2, "days", "day", "shifts", "nights", "hours", "years", "months", "weeks") && s.class(i-3)&wDigit != 0 {
		return true // "two days at tesco express": time worked there
	}
	for p := i - 1; p >= 0 && p >= i-10 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") {
			break
		}
		if work(p) || s.employerEndsAt(p) {
			return true
		}
	}
	for k := e + 1; k < len(s.toks) && k <= e+4 && !s.toks[k].nl; k++ {
		if s.punct(k, ".") || s.punct(k, "?") || s.punct(k, "!") {
			break
		}
		if work(k) || k == e+1 && s.jobAfter(k) || s.is(k, "for") && s.durationAt(k+1+btoi(s.is(k+1, "like", "about", "nearly", "over"))) > 0 ||
			chainSites[s.key(k)] {
			return true // "tesco nights", "at Greencore on the sandwich line", "at greggs for like three weeks", "at amazon out at the warehouse"
		}
	}
	return s.postAfter(e) || s.agenciesBefore(i)
}

// agencyNouns in a sentence say the next one names agencies or employers.
var agencyNouns = set("agency agencies employers recruiters")

// agenciesBefore reports a chain opening the sentence after one about
// agencies or employers, on the same line: "all through agencies.
// Staffline or Adecco or whoever.", "The agencies are the problem.
// Pertemps will ring someone at 5am".
func (s *scan) agenciesBefore(i int) bool {
	if !s.punct(i-1, ".") || s.toks[i].nl {
		return false
	}
	for p := i - 2; p >= 0 && p >= i-14 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") {
			return false
		}
		if agencyNouns[s.key(p)] {
			return true
		}
	}
	return false
}

// postWords after "on the" say where in a workplace someone works: "on the
// tills", "on the late shift".
var postWords = set("tills till checkouts checkout shift shifts rota")

// postAfter reports "on the tills" or "on the late shift" within eight
// tokens after token e, in its sentence, after a branch or a pause:
// "superdrug in churchill square on the tills", "Teleperformance, on the
// late shift".
func (s *scan) postAfter(e int) bool {
	for k := e + 1; k < len(s.toks) && k <= e+8 && !s.toks[k].nl; k++ {
		if s.punct(k, ".") || s.punct(k, "?") || s.punct(k, "!") {
			return false
		}
		if s.is(k, "on") && s.is(k+1, "the") && (postWords[s.keyAt(k+2)] || postWords[s.keyAt(k+3)] && s.toks[k+3].kind == tokWord) {
			return true
		}
	}
	return false
}

// employerEndsAt reports an employer found whose last token is p.
func (s *scan) employerEndsAt(p int) bool {
	if !s.taken[p] || s.blocked(p) {
		return false
	}
	for _, f := range s.fs {
		if f.Kind == Employer && f.End == s.toks[p].end {
			return true
		}
	}
	return false
}

// firmHeads end a small business named after its owner: "berts oatcakes",
// "Hoa's Nails", "pardoe lettings", "gallagher's fruit and veg".
// firmModifiers may come before one: "hussains mini market", "pats sweet
// stall".
var (
	firmHeads = set(`solicitors foods roofing builders motors haulage logistics accountants estates lettings cars taxis cabs
deli veg stores store mart market bakery butchers cafe café caff takeaway chippy oatcakes nails mobiles bar stall pies
salon barbers garage autos removals plumbing electrics joinery`)
	firmModifiers = set("mini sweet fruit fish and &")
)

// ownedFirm finds a business named after its owner at token i: a listed
// first name or surname, possessive ("bert's", "berts" in speech-to-text)
// or a surname as it is ("pardoe lettings"), then business words ending in
// a firm head. A name that is also a common word needs its apostrophe.
func (s *scan) ownedFirm(i int) {
	// Cheap tests first, as this runs on every word: the class bit rules
	// out most next words without a look-up ("&" is punctuation, so has no
	// class).
	if n := i + 1; n >= len(s.toks) || s.cls[n]&wFirm == 0 && s.lower(n) != "&" || !firmHeads[s.lower(n)] && !firmModifiers[s.lower(n)] {
		return
	}
	if s.taken[i] || !s.capital(i) && !s.caseless(i) || s.sentenceStart(i) && !s.caseless(i) {
		return
	}
	l, k := s.lower(i), s.key(i)
	apos := l != k
	owner := s.d.lists.first[k] || s.d.lists.sur[k]
	if !apos {
		bare := strings.TrimSuffix(k, "s")
		switch {
		case bare != k && !wordLike(k) && !wordLike(bare) && (s.d.lists.first[bare] || s.d.lists.sur[bare]):
			owner = true // "berts oatcakes": the apostrophe speech-to-text drops
		case s.d.lists.sur[k] && !s.d.lists.first[k] && !wordLike(k):
			owner = true // "pardoe lettings"
		default:
			owner = false
		}
	}
	if !owner || kin[k] || titles[k] {
		return
	}
	e := -1
	for j := i + 1; j < len(s.toks) && j <= i+4 && !s.toks[j].nl && s.toks[j].kind == tokWord && !s.taken[j]; j++ {
		if s.capital(j) != s.capital(i) && !s.caseless(j) && !s.caseless(i) && !firmHeads[s.lower(j)] {
			break
		}
		if firmHeads[s.lower(j)] {
			e = j
			continue
		}
		if !firmModifiers[s.lower(j)] {
			break
		}
	}
	if e < 0 {
		return
	}
	s.add(s.toks[i].start, s.toks[e].end, Employer, 0.7, "business named after its owner, ending in \""+s.word(e)+"\"")
	s.take(s.toks[i].start, s.toks[e].end)
}
