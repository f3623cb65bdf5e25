package anon

import "strings"

// web finds e-mail addresses (written or spoken), URLs and @handles.
func (s *scan) web() {
	text := s.text
	for off := 0; ; {
		j := strings.IndexByte(text[off:], '@')
		if j < 0 {
			break
		}
		at := off + j
		off = at + 1
		s.at(at)
	}
	s.urls()
	// Most turns have none of the words these passes read, and a walk
	// finding that out costs less than the passes' own walks.
	if s.hasLower("dot") {
		s.spokenEmails() // "x dot y at gmail dot com": without a "dot", only "at gmail" is left, never enough
		s.spokenURLs()   // "kezcakes dot com"
	}
	if s.handleCue() {
		s.handles()
	}
}

// hasLower reports whether some token is w in lower case.
func (s *scan) hasLower(w string) bool {
	for _, l := range s.lows {
		if l == w {
			return true
		}
	}
	return false
}

// handleCues holds the digests of the words handles needs one of:
// "underscore" in lower case, and a platform's name as a key (see
// platformNear, which every handle without an underscore needs).
var handleCues = func() (d digestSet) {
	d.add("underscore")
	for w := range platformWords {
		d.add(w)
	}
	return d
}()

// handleCue reports whether the text has something handles needs: an
// underscore, the word "underscore" or a platform's name.
func (s *scan) handleCue() bool {
	for i, t := range s.toks {
		switch {
		case t.kind == tokPunct:
			if s.text[t.start] == '_' {
				return true
			}
		case handleCues.has(s.lowDigest[i]) && s.lows[i] == "underscore",
			handleCues.has(s.keyDigest[i]) && platformWords[s.keys[i]]:
			return true
		}
	}
	return false
}

func isLocalChar(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || strings.IndexByte("._%+-'", c) >= 0
}

func isHostChar(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '.' || c == '-' }

// at looks at the '@' at byte at: an e-mail address or a social handle.
func (s *scan) at(at int) {
	text := s.text
	ls := at
	for ls > 0 && isLocalChar(text[ls-1]) {
		ls--
	}
	for ls < at && (text[ls] == '.' || text[ls] == '\'') {
		ls++
	}
	he := at + 1
	for he < len(text) && isHostChar(text[he]) {
		he++
	}
	for he > at+1 && (text[he-1] == '.' || text[he-1] == '-') {
		he--
	}
	if ls < at {
		if validHost(text[at+1 : he]) {
			s.add(ls, he, Email, 0.95, "e-mail address")
			s.take(ls, he)
		}
		return
	}
	// A handle: @ not stuck to a word, then letters, digits, _ and inner dots.
	e := at + 1
	for e < len(text) && (isASCIILetter(text[e]) || text[e] >= '0' && text[e] <= '9' || text[e] == '_' || text[e] == '.') {
		e++
	}
	for e > at+1 && text[e-1] == '.' {
		e--
	}
	h := text[at+1 : e]
	if len(h) >= 2 && len(h) <= 30 && strings.IndexFunc(h, func(r rune) bool { return isLetter(r) }) >= 0 {
		s.add(at, e, Handle, 0.85, "social media handle")
		s.take(at, e)
	}
}

// validHost reports whether h looks like a mail or web host: labels with a
// final alphabetic label of two or more letters.
func validHost(h string) bool {
	dot := strings.LastIndexByte(h, '.')
	if dot <= 0 || dot == len(h)-1 {
		return false
	}
	tld := h[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isASCIILetter(tld[i]) {
			return false
		}
	}
	return true
}

// publicHosts are public-service sites: links to them are not personal.
var publicHosts = []string{"gov.uk", "nhs.uk", "police.uk", "ac.uk", "parliament.uk", "bbc.co.uk"}

// urls finds links that start with a scheme or www., or a host with a path
// (facebook.com/someone).
func (s *scan) urls() {
	text := s.text
	for i := 0; i < len(text); i++ {
		if !urlBytes[text[i]] {
			continue // one test for most bytes, before the cases below
		}
		c := text[i] | 0x20
		// Most candidates fail on the next byte: "the", "we", a full stop
		// before a space. One comparison rules them out before the calls.
		next := byte(0)
		if i+1 < len(text) {
			next = text[i+1] | 0x20
		}
		if c == 'h' && next != 't' || c == 'w' && next != 'w' || text[i] == '.' && (next < 'a' || next > 'z') {
			continue
		}
		var start int
		switch {
		case c == 'h' && hasPrefixFold(text[i:], "http") && (hasPrefixFold(text[i:], "http://") || hasPrefixFold(text[i:], "https://")):
			start = i
		case c == 'w' && hasPrefixFold(text[i:], "www."):
			start = i
		case text[i] == '.' && i > 0 && isASCIILetter(text[i-1]) && bareDomainEnd(text[i:]) > 0:
			// a bare domain: "kezcakes.co.uk", "hollisroofing.com"
			start = i
			for start > 0 && isHostChar(text[start-1]) {
				start--
			}
			if start > 0 && (text[start-1] == '@' || text[start-1] == '/' || text[start-1] == '.') || !validHost(text[start:i+bareDomainEnd(text[i:])]) {
				continue
			}
		case text[i] == '/' && i > 0 && isASCIILetter(text[i-1]):
			// host/path without a scheme: walk back over the host
			start = i
			for start > 0 && isHostChar(text[start-1]) {
				start--
			}
			if !validHost(text[start:i]) || start > 0 && (text[start-1] == '/' || text[start-1] == '@') {
				continue
			}
		default:
			continue
		}
		if start > 0 && (isHostChar(text[start-1]) || text[start-1] == '/') {
			continue
		}
		end := i
		for end < len(text) && text[end] > ' ' && text[end] != '<' && text[end] != '>' && text[end] != '"' {
			end++
		}
		for end > start && strings.IndexByte(".,;:!?)'’\"]", text[end-1]) >= 0 {
			end--
		}
		u := text[start:end]
		host := u
		if k := strings.Index(host, "://"); k >= 0 {
			host = host[k+3:]
		}
		if k := strings.IndexAny(host, "/?#"); k >= 0 {
			host = host[:k]
		}
		host = strings.ToLower(host)
		if !validHost(host) || isPublicHost(host) {
			i = end
			continue
		}
		s.add(start, end, URL, 0.9, "web address")
		s.take(start, end)
		i = end
	}
}

func isPublicHost(host string) bool {
	for _, p := range publicHosts {
		if host == p || strings.HasSuffix(host, "."+p) {
			return true
		}
	}
	return false
}

// urlBytes are the bytes where urls looks closer: a scheme's or "www."'s
// first letter, a bare domain's dot, a path's slash.
var urlBytes = [256]bool{'h': true, 'H': true, 'w': true, 'W': true, '.': true, '/': true}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// mailProviders make a spoken address ("dazza dot m at gmail dot com") likely.
var mailProviders = set("gmail googlemail hotmail outlook yahoo icloud btinternet aol live sky msn me protonmail virginmedia talktalk")

var topLevel = set("com uk net org co io me")

// bareProviders are mail hosts people name without ".com": "at gmail".
var bareProviders = set("gmail googlemail hotmail yahoo icloud btinternet aol protonmail")

// spokenNumber reports whether token i is a digit or number word or digits.
func (s *scan) spokenNumber(i int) bool {
	l := s.lower(i)
	return s.toks[i].kind == tokNum || digitWords[l] != "" && digitWords[l] != "*" || teens[l] != "" || tens[l] != ""
}

// spokenEmails finds addresses read out as words: "x dot y at gmail dot com".
func (s *scan) spokenEmails() {
	for i := 1; i+1 < len(s.toks); i++ {
		if !s.is(i, "at") || s.toks[i+1].kind == tokPunct {
			continue
		}
		end := i + 1
		// A host spelled out letter by letter: "at lewisham c a b dot org".
		for k := 0; k < 4 && end+2 < len(s.toks) && len(s.word(end+1)) == 1 && s.toks[end+1].kind == tokWord && !s.toks[end+1].nl; k++ {
			end++
		}
		for end+2 < len(s.toks) && s.is(end+1, "dot") && s.toks[end+2].kind != tokPunct {
			end += 2
		}
		// "kez dot b at gmail": a well-known provider may come without its
		// ending, when the local part is read out with dots.
		bare := end == i+1 && bareProviders[s.lower(end)] && s.is(i-2, "dot")
		if !topLevel[s.lower(end)] && !bare || end == i+1 && !bare {
			continue
		}
		start := i - 1
		// Digits read out end the local part: "gaz dot miller eighty at".
		for k := 0; k < 3 && start > 0 && s.spokenNumber(start) && s.toks[start-1].kind != tokPunct && !s.toks[start].nl &&
			(s.spokenNumber(start-1) || !stop[s.key(start-1)]); k++ {
			start--
		}
		dotted := false
		for start-2 >= 0 && s.is(start-1, "dot", "underscore") && s.toks[start-2].kind != tokPunct {
			start -= 2
			dotted = true
		}
		if s.toks[start].kind == tokPunct {
			continue
		}
		start = s.initialBefore(start)
		if !dotted && !mailProviders[s.lower(i+1)] {
			// "office at stmargarets dot co dot uk": one word before "at"
			// and a host of its own; "she's at kezcakes dot com" is not.
			if stop[s.key(start)] || s.blocked(start) || s.spokenNumber(start) {
				continue
			}
			s.add(s.toks[start].start, s.toks[end].end, Email, 0.75, "e-mail address read out")
			s.take(s.toks[start].start, s.toks[end].end)
			i = end
			continue
		}
		// Without dots the local part may be several words read out: "it's
		// tina walsh 62 at gmail dot com". Common words end it.
		for k := 0; !dotted && k < 2 && start > 0 && !s.toks[start].nl; k++ {
			p := start - 1
			if s.toks[p].kind == tokPunct || stop[s.key(p)] || s.blocked(p) {
				break
			}
			start = p
		}
		s.add(s.toks[start].start, s.toks[end].end, Email, 0.8, "e-mail address read out")
		s.take(s.toks[start].start, s.toks[end].end)
		i = end
	}
}

// initialBefore returns the start of a local part read out with an
// initial, from its first token start: an initial before it ("r kowalski at
// lewisham c a b dot org"), or a name before an initial it starts with
// ("hope a underscore ldn at icloud"); else start.
func (s *scan) initialBefore(start int) int {
	p := start - 1
	if p < 0 || s.toks[start].nl || s.toks[p].kind != tokWord || s.taken[p] {
		return start
	}
	if len(s.word(p)) == 1 && !s.is(p, "a", "i") || len(s.word(start)) == 1 && len(s.word(p)) > 1 && !stop[s.key(p)] && !s.blocked(p) {
		return p
	}
	return start
}

// bareDomains end a web address written without "www." or a path.
var bareDomains = []string{".co.uk", ".org.uk", ".com", ".net", ".uk"}

// bareDomainEnd returns the length of the domain ending that t starts with,
// followed by no further host character, or 0.
func bareDomainEnd(t string) int {
	for _, d := range bareDomains {
		if len(t) >= len(d) && strings.EqualFold(t[:len(d)], d) && (len(t) == len(d) || !isHostChar(t[len(d)]) || t[len(d)] == '.' && (len(t) == len(d)+1 || !isASCIILetter(t[len(d)+1]))) {
			return len(d)
		}
	}
	return 0
}
