package anon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// formerEmployers flags a firm someone has left, written "ex-" before its
// name just after theirs, as notes put it: "Frank ex-Chivas Brothers bonded
// warehouse", "derek ex-smith & nephew, now security". The tokenizer joins
// "ex-" to the name, so the finding starts after the hyphen. A former role
// or relation ("Frank ex-army", "her ex-partner") is no firm.
func (s *scan) formerEmployers() {
	for i := 1; i < len(s.toks); i++ {
		if !s.toks[i].hyph || s.toks[i].nl || s.taken[i] || !strings.HasPrefix(s.lower(i), "ex-") {
			continue
		}
		rest := s.key(i)[3:]
		p := i - 1
		if strings.Contains(rest, "-") || exRoles[rest] || kin[rest] || stop[rest] || len(rest) < 2 ||
			s.toks[p].kind != tokWord || !s.d.lists.first[s.key(p)] {
			continue
		}
		typed := !s.caseless(i)
		if r, _ := utf8.DecodeRuneInString(s.word(i)[3:]); typed && !unicode.IsUpper(r) {
			continue // typed notes capitalise a firm: "ex-forces" is no name
		}
		e := i
		for k := i + 1; k <= i+3 && k < len(s.toks) && !s.toks[k].nl; k++ {
			if s.is(k, "&", "and") {
				continue // "smith & nephew"; a name must follow
			}
			if s.toks[k].kind != tokWord || typed && !s.capital(k) || !typed && (wordLike(s.key(k)) || employerTails[s.key(k)]) {
				break
			}
			e = k
		}
		s.add(s.toks[i].start+3, s.toks[e].end, Employer, 0.7, "firm after a name and \"ex-\"")
		s.take(s.toks[i].start, s.toks[e].end)
		i = e
	}
}

// exRoles after "ex-" are a former role or tie, not a firm.
var exRoles = set(`partner husband wife boyfriend girlfriend fiance fiancé fiancee fiancée bf gf hubby missus army forces
navy raf marines military police cop copper con offender prisoner smoker addict user soldier serviceman gurkha miner
teacher nurse footballer boxer pupil student colleague employee member manager boss director councillor mp pro`)

// relativeAtWork flags the firm an adult relative "is at", as people say
// where someone works: "my dad is at NCR", "her husband tomasz is at
// seagate in springtown", "my cousin dilek shes at portsmouth hospitals
// trust", "My mum's at the Norfolk and Norwich". A generic place ("is at
// work", "the bookies"), a person's house ("at Karen's") and a habit ("is at
// Lidl most Saturdays") are not where someone works.
func (s *scan) relativeAtWork() {
	for i := 2; i+1 < len(s.toks); i++ {
		if !s.is(i, "at") || s.toks[i].nl {
			continue
		}
		p := s.relativeBefore(i)
		if p < 0 {
			continue
		}
		j, e := s.firmAfterAt(i + 1)
		if e < 0 || s.is(e+1, "most", "every", "today", "tonight", "tomorrow", "weekends", "all") || s.is(e+1, "on") && weekdays[s.keyAt(e+2)] {
			continue
		}
		s.add(s.toks[j].start, s.toks[e].end, Employer, 0.7, "where an adult relative \"is at\"")
		s.take(s.toks[j].start, s.toks[e].end)
		i = e
	}
}

// relativeBefore returns the kinship word of "my dad is", "her husband
// tomasz is", "my mum's", "my cousin dilek shes" before "at" at i, or -1.
func (s *scan) relativeBefore(i int) int {
	p := i - 1
	if s.is(p, "is", "shes", "hes", "she's", "he's", "she’s", "he’s") && !s.toks[p].nl {
		p--
	} else if s.toks[p].kind != tokWord || s.key(p) == s.lower(p) {
		return -1 // no "is", nor "'s" on the word before
	}
	// Up to two names after the kinship word: "her husband jun junjun is".
	for n := 0; n < 2 && p > 0 && !adultKin[s.key(p)] && s.nameHere(p) && !s.toks[p].nl; n++ {
		p--
	}
	d := p - 1
	if s.is(d, "other", "older", "eldest", "oldest", "big", "little", "new") {
		d-- // "my other cousin dilek"
	}
	if p < 1 || !adultKin[s.key(p)] || !s.is(d, "my", "her", "his", "our", "their", "your") {
		return -1
	}
	return p
}

// nameHere reports a word that may be a relative's name: listed, capitalised,
// or in speech-to-text any word no common one ("her husband jun junjun").
func (s *scan) nameHere(p int) bool {
	k := s.key(p)
	return s.d.lists.first[k] || s.capital(p) || s.caseless(p) && !wordLike(k) && !kin[k]
}

// firmAfterAt returns the first and last token of a firm's name from j
// ("NCR", "the Norfolk and Norwich", "seagate", "portsmouth hospitals
// trust"), or -1 for the last when none stands there.
func (s *scan) firmAfterAt(j int) (int, int) {
	first := j
	if s.is(j, "the") && !s.caseless(j) && s.capital(j+1) {
		j++ // "the Norfolk and Norwich": typed, "the" and a capital
	}
	// A declared place may start the name ("portsmouth hospitals trust"),
	// but may not be all of it.
	if j >= len(s.toks) || s.toks[j].nl || s.toks[j].kind != tokWord || s.taken[j] && !s.blocked(j) {
		return 0, -1
	}
	k := s.key(j)
	if k != s.lower(j) || genericWorkplaces[k] || notEmployers[k] || stop[k] || wordLike(k) || s.d.lists.first[k] ||
		schoolNouns[k] != "" || atPlaces[k] {
		return 0, -1 // "at Karen's", "at work", "at home", "at the hospital"
	}
	e := j
	if s.caseless(j) {
		for e < j+2 && s.lowerNameGoesOn(e+1) && !genericWorkplaces[s.keyAt(e+1)] {
			e++
		}
		return first, s.ownName(j, e)
	}
	if !s.capital(j) && !shouted(s.word(j)) {
		return 0, -1
	}
	for n := j + 1; n < j+4 && n < len(s.toks) && !s.toks[n].nl && (s.capital(n) || s.is(n, "and", "&") && s.capital(n+1)); n++ {
		if s.capital(n) {
			e = n
		}
	}
	return first, s.ownName(j, e)
}

// ownName returns e if a word of j..e is not declared vocabulary, else -1.
func (s *scan) ownName(j, e int) int {
	for k := j; k <= e; k++ {
		if !s.blocked(k) && !s.taken[k] {
			return e
		}
	}
	return -1
}

// adultKin work: a child "is at" a school.
var adultKin = set(`dad father mum mam mother husband wife partner fella boyfriend girlfriend fiance fiancé fiancee fiancée
hubby missus uncle auntie aunt cousin stepdad stepmum brother-in-law sister-in-law`)

// atPlaces are where someone "is at" without working there.
var atPlaces = set(`work home school uni college hospital bookies gym church mosque temple court prison nan's nans gran's
grans mum's mums mam's dad's dads mine hers his theirs ours yours moment minute`)

var weekdays = set(`monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
saturdays sundays weekend weekends`)
