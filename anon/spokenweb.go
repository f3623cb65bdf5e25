package anon

import "strings"

// spokenURLs finds web addresses read out: "www dot kezcakes dot co dot uk",
// "kezcakes dot com slash menu". An address after "at" is an e-mail when
// spokenEmails, which runs first, took it; otherwise ("she's at kezcakes
// dot co dot uk") it is a web address. Public-service hosts are left.
func (s *scan) spokenURLs() {
	for i := 0; i+2 < len(s.toks); i++ {
		if s.toks[i].kind == tokPunct || s.taken[i] || !s.is(i+1, "dot") || s.is(i-1, "dot") {
			continue
		}
		labels := []string{s.lower(i)}
		e := i
		for e+2 < len(s.toks) && s.is(e+1, "dot") && s.toks[e+2].kind != tokPunct && !s.toks[e+2].nl {
			labels = append(labels, s.lower(e+2))
			e += 2
		}
		host := strings.Join(labels, ".")
		if !topLevel[labels[len(labels)-1]] || len(labels) < 2 || isPublicHost(host) || stop[labels[0]] {
			continue
		}
		for e+2 < len(s.toks) && s.is(e+1, "slash", "forward") && !s.toks[e+2].nl {
			if s.is(e+1, "forward") {
				if !s.is(e+2, "slash") || e+3 >= len(s.toks) {
					break
				}
				e++
			}
			e += 2
		}
		s.add(s.toks[i].start, s.toks[e].end, URL, 0.8, "web address read out")
		s.take(s.toks[i].start, s.toks[e].end)
		i = e
	}
}

// platformWords near a word with digits make it a handle: "I'm kezb1990 on
// TikTok", "her insta's lilshaz07".
var platformWords = set("insta instagram tiktok snapchat snap twitter facebook fb youtube twitch handle username messenger discord linkedin gamertag xbox playstation psn threads")

// handles finds social-media handles in running text without an @: words
// joined by underscores ("gaz_miller99", "kez_b_1990"), handles read out
// ("gaz underscore lufc two oh one four"), and a word with digits beside a
// platform's name.
func (s *scan) handles() {
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.kind == tokPunct || s.taken[i] || s.glued(i) {
			continue
		}
		// Written: word_word..., glued together.
		e := i
		for e+2 < len(s.toks) && s.punct(e+1, "_") && !s.toks[e+1].sp && !s.toks[e+2].sp && s.toks[e+2].kind != tokPunct {
			e += 2
		}
		if e > i {
			s.add(t.start, s.toks[e].end, Handle, 0.8, "social media handle with underscores")
			s.take(t.start, s.toks[e].end)
			i = e
			continue
		}
		// Spoken: word underscore word..., then digits read out.
		for e+2 < len(s.toks) && s.is(e+1, "underscore") && s.toks[e+2].kind != tokPunct && !s.toks[e+2].nl {
			e += 2
		}
		if e > i {
			for e+1 < len(s.toks) && !s.toks[e+1].nl && (s.toks[e+1].kind == tokNum || digitWords[s.lower(e+1)] != "" || teens[s.lower(e+1)] != "" || tens[s.lower(e+1)] != "") {
				e++
			}
			// "his insta is jay money underscore c v six": two words
			// after "is" or "as" both start the handle.
			if p := i - 1; p >= 1 && s.toks[p].kind == tokWord && !s.toks[i].nl && !s.toks[p].nl && !s.taken[p] && !stop[s.key(p)] &&
				s.is(p-1, "is", "as", "was", "it's", "its", "called") {
				t = s.toks[p]
			}
			s.add(t.start, s.toks[e].end, Handle, 0.8, "social media handle read out")
			s.take(t.start, s.toks[e].end)
			i = e
			continue
		}
		if e := s.dottedHandle(i); e > i {
			s.add(t.start, s.toks[e].end, Handle, 0.75, "dotted name beside a social media site")
			s.take(t.start, s.toks[e].end)
			i = e
			continue
		}
		if e := s.spokenHandle(i); e > i {
			s.add(t.start, s.toks[e].end, Handle, 0.8, "name and digits read out beside a social media site")
			s.take(t.start, s.toks[e].end)
			i = e
			continue
		}
		if t.kind == tokAlnum && len(s.word(i)) >= 5 && isASCIILetter(s.word(i)[0]) && s.platformNear(i) {
			s.add(t.start, t.end, Handle, 0.7, "word with digits beside a social media site")
			s.take(t.start, t.end)
		}
	}
}

// platformNear reports a platform word within three tokens after i or eight
// before it ("on Messenger — her name on there is rosie.b.1988"), same line.
func (s *scan) platformNear(i int) bool {
	for j := max(0, i-8); j <= i+3 && j < len(s.toks); j++ {
		if j != i && platformWords[s.key(j)] && !(j < i && s.toks[j+1].nl || j > i && s.toks[j].nl) {
			return true
		}
	}
	return false
}

// dottedHandle returns the last token of a handle with dots from token i,
// read out ("t dot r dot three four five") or written ("t.r.345"), when a
// social media site is named beside it; else i. Web addresses (a final
// top-level domain) were taken before.
func (s *scan) dottedHandle(i int) int {
	if i+2 >= len(s.toks) || !(s.punct(i+1, ".") || s.toks[i+1].end-s.toks[i+1].start == 3 && s.is(i+1, "dot")) {
		return i // most words: no dot after them
	}
	e, dots := i, 0
	for e+2 < len(s.toks) && !s.toks[e+2].nl && s.toks[e+2].kind != tokPunct && !s.taken[e+2] {
		spoken := s.is(e+1, "dot")
		written := s.punct(e+1, ".") && !s.toks[e+1].sp && !s.toks[e+2].sp
		if !spoken && !written {
			break
		}
		e += 2
		dots++
		if spoken {
			// Digits read out after the last dot: "dot three four five".
			for e+1 < len(s.toks) && !s.toks[e+1].nl && s.spokenNumber(e) && s.spokenNumber(e+1) {
				e++
			}
		}
	}
	if dots == 0 || topLevel[s.lower(e)] || !s.platformNear(i) && !s.platformNear(e) {
		return i
	}
	return e
}

// spokenHandle returns the last token of a handle read out as a word and
// then digits, with letters among them ("his name is jaxo two k thirteen"
// on his xbox, "she's lilshaz oh seven on insta"), when it is introduced
// by "is", "as" or "called" and a social media site is named beside it;
// else i.
func (s *scan) spokenHandle(i int) int {
	if s.toks[i].kind != tokWord || i+1 >= len(s.toks) || s.toks[i+1].kind != tokNum && s.class(i+1)&wDigit == 0 || !s.spokenNumber(i+1) || s.toks[i+1].nl || !s.is(i-1, "is", "'s", "as", "called", "name's", "she's", "he's", "shes", "hes", "i'm", "im") {
		return i
	}
	k := s.key(i)
	if len(k) < 3 || stop[k] || wordLike(k) || s.class(i)&(wDigit|wNATO) != 0 || platformWords[k] {
		return i
	}
	e := i
	for n := i + 1; n < len(s.toks) && n <= i+6 && !s.toks[n].nl && (s.spokenNumber(n) || s.toks[n].kind == tokWord && s.toks[n].end-s.toks[n].start == 1 && !s.is(n, "a", "i")); n++ {
		e = n
	}
	if !s.platformNear(i) && !s.platformNear(e) {
		return i
	}
	return e
}
