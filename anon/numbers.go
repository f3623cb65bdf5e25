package anon

import (
	"sort"
	"strings"
)

// numbers finds phone numbers and NHS numbers (digit runs), NI numbers,
// postcodes and vehicle registrations (letter-digit shapes).
func (s *scan) numbers() {
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		switch t.kind {
		case tokNum:
			if !s.glued(i) {
				s.digitRun(t.start)
			}
		case tokPunct:
			if w := s.word(i); (w == "+" || w == "(") && i+1 < len(s.toks) && s.toks[i+1].kind == tokNum && !s.toks[i+1].sp && !s.glued(i) {
				s.digitRun(t.start)
			}
		case tokWord, tokAlnum:
			if !s.glued(i) {
				s.letterDigit(i)
			}
			if t.kind == tokWord && s.spokenStart(i) && (i == 0 || s.toks[i-1].kind != tokWord || !s.spokenStart(i-1)) {
				i = s.spoken(i)
			}
		}
	}
}

// glued reports whether token i is stuck to a letter or digit before it,
// so it cannot start an identifier.
func (s *scan) glued(i int) bool {
	if i == 0 || s.toks[i].sp {
		return false
	}
	k := s.toks[i-1].kind
	return k != tokPunct
}

// digitRun reads a phone-number-like run from start: digits with single
// spaces, hyphens, dots and brackets between them.
func (s *scan) digitRun(start int) {
	text := s.text
	var digits [16]byte
	n, groups := 0, 1
	var lens [8]int
	end := start
	i := start
	if text[i] == '+' {
		i++
	}
	for i < len(text) {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(digits) {
				return // too long to be a phone or NHS number
			}
			digits[n] = c
			n++
			if groups <= len(lens) {
				lens[groups-1]++
			}
			i++
			end = i
			continue
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
			// A separator (or a pair like ") ") must lead to another digit.
			j := i + 1
			if j < len(text) && (text[j] == ' ' || text[j] == '(' || text[j] == ')') && text[j] != c {
				j++
			}
			if j < len(text) && text[j] >= '0' && text[j] <= '9' && n > 0 || c == '(' && n == 0 {
				if n > 0 {
					groups++
				}
				i = j
				continue
			}
		}
		break
	}
	if end < len(text) && (isASCIILetter(text[end]) || text[end] == '/' || text[end] == ':') {
		return // part of a code, a date or a time
	}
	d := string(digits[:n])
	raw := text[start:end]
	if strings.HasPrefix(d, "0044") && n >= 13 {
		d = "0" + strings.TrimPrefix(d[4:], "0") // "0044 7700 900846", "0044 (0)113 ..."
	} else if strings.HasPrefix(raw, "+44") {
		d = strings.TrimPrefix(d, "44")
		if !strings.HasPrefix(d, "0") {
			d = "0" + d
		}
	} else if strings.HasPrefix(raw, "+") {
		if n >= 10 && n <= 15 {
			s.add(start, end, Phone, 0.7, "international phone number")
		}
		return
	}
	switch {
	case isUKPhone(d) && !s.referenceBefore(start):
		s.add(start, end, Phone, 0.9, "UK phone number")
		s.take(start, end)
	case len(d) == 10 && nhsValid(d) && (groups == 1 || groups == n || groups == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4):
		// Written 3-3-4, run together, or read out digit by digit.
		s.add(start, end, NHSNumber, 0.9, "10 digits with a valid NHS check digit")
		s.take(start, end)
	}
}

// referenceWords before a number say it is a reference, not a phone number:
// "ref 0841485253", "account number 01234567890".
var referenceWords = set("ref reference account acc case log claim crime order invoice policy booking tracking customer membership")

// printedOn are papers an organisation prints its numbers on: "the number
// on the letter oh one five one …", "on the voucher zero one four one …"
// ("text me the voucher, 07700 900 118" is someone's own).
var printedOn = set("voucher vouchers letter letters leaflet poster receipt")

// referenceBefore reports a reference word up to three tokens before the
// number starting at byte start, on the same line.
func (s *scan) referenceBefore(start int) bool {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= start })
	for p := i - 1; p >= 0 && p >= i-3; p-- {
		if referenceWords[s.key(p)] && !(s.is(p, "case") && s.is(p-1, "in")) { // "in case" is no case number
			return true
		}
		if printedOn[s.key(p)] && (s.is(p-1, "on") || s.is(p-1, "the") && s.is(p-2, "on")) {
			return true
		}
		if s.toks[p+1].nl {
			break
		}
	}
	return false
}

// digitWords map spoken digits to digits; "double" and "treble" repeat the
// next one.
var digitWords = map[string]string{"zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "double": "*", "treble": "*", "triple": "*"}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isUKPhone reports whether d (digits only, national form) is a UK landline,
// mobile or non-geographic number.
func isUKPhone(d string) bool {
	if len(d) < 10 || d[0] != '0' {
		return false
	}
	switch d[1] {
	case '1', '2', '3', '7':
		// Ten digits only for some 01 codes.
		return len(d) == 11 || len(d) == 10 && d[1] == '1'
	}
	// 08 (freephone, business rate) and 09 (premium) numbers belong to
	// organisations, not to a person: "Crimestoppers on 0800 555 111".
	return false
}

// nhsValid checks the NHS number modulus-11 check digit.
func nhsValid(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	return c != 10 && c == int(d[9]-'0')
}

var (
	niRe       = lazyRE(`^([A-Za-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])\b`)
	postFullRe = lazyRE(`^([A-Za-z]{1,2})(\d[A-Za-z\d]?) {0,2}(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})\b`)
	postOutRe  = lazyRE(`^([A-Za-z]{1,2})(\d[A-Za-z\d]?)\b`)
	vehCurRe   = lazyRE(`^([A-Za-z]{2})( ?)(\d{2}) ?([A-Za-z]{3})\b`)
	vehPreRe   = lazyRE(`^([A-Za-z])(\d{1,3}) ?([A-Za-z]{3})\b`)
	vehSufRe   = lazyRE(`^([A-Za-z]{3}) ?(\d{1,3})([A-Za-z])\b`)
	vehNIRe    = lazyRE(`^[A-Za-z]([A-Za-z]{2}) ?(\d{1,4})\b`)
)

// window is the text from token i, at most n bytes: regexps see only a
// small anchored window, which keeps Detect linear.
func (s *scan) window(i, n int) string {
	start := s.toks[i].start
	end := min(start+n, len(s.text))
	return s.text[start:end]
}

// letterDigit tries NI numbers, postcodes and vehicles at token i.
func (s *scan) letterDigit(i int) {
	w := s.word(i)
	start := s.toks[i].start
	if len(w) < 2 || !isASCIILetter(w[0]) {
		return
	}
	// Cheap shape filter: letters then a digit, here or after one space.
	if s.toks[i].kind == tokWord && (len(w) > 3 || i+1 >= len(s.toks) || s.toks[i+1].kind == tokWord || s.toks[i+1].kind == tokPunct) {
		return
	}
	win := s.window(i, 24)
	if m := niRe.FindStringSubmatch(win); m != nil && niValid(m[1], m[5]) {
		conf := 0.95
		if strings.ToLower(m[0]) == m[0] {
			conf = 0.85
		}
		s.add(start, start+len(m[0]), NINumber, conf, "National Insurance number shape with a valid prefix")
		s.take(start, start+len(m[0]))
		return
	}
	if m := postFullRe.FindStringSubmatch(win); m != nil && sameCase(m[0]) {
		known := postcodeAreas[strings.ToUpper(m[1])]
		if known || m[0] == strings.ToUpper(m[0]) {
			conf := 0.95
			if !known {
				conf = 0.6
			}
			s.add(start, start+len(m[0]), Postcode, conf, "full UK postcode")
			s.take(start, start+len(m[0]))
			return
		}
	}
	if s.vehicle(i, win) {
		return
	}
	// A district alone is in capitals, or in lower case where the whole
	// line is (speech-to-text): "in LS9", "northenden m22".
	if m := postOutRe.FindStringSubmatch(win); m != nil && (m[0] == strings.ToUpper(m[0]) || s.caseless(i) && m[0] == strings.ToLower(m[0])) &&
		postcodeAreas[strings.ToUpper(m[1])] && s.postcodeContext(i, len(m[1]) == 1) {
		s.add(start, start+len(m[0]), Postcode, 0.7, "postcode district with a place cue")
		s.take(start, start+len(m[0]))
	}
}

// niValid applies the HMRC prefix rules.
func niValid(prefix, suffix string) bool {
	if !sameCase(prefix + suffix) {
		return false
	}
	p := strings.ToUpper(prefix)
	if strings.ContainsRune("DFIQUV", rune(p[0])) || strings.ContainsRune("DFIOQUV", rune(p[1])) {
		return false
	}
	switch p {
	case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
		return false
	}
	return true
}

// sameCase reports whether the letters in s are all upper or all lower case.
func sameCase(s string) bool { return s == strings.ToUpper(s) || s == strings.ToLower(s) }

// postcodeContext reports whether a bare postcode district at token i is
// introduced as a place: "in NG7", "postcode DE23", "the NG11 area", "from
// Holme Wood, BD4", "Mill Road, LS9", "LS8 and LS9". Single-letter areas
// (B12, M1, S4) clash with motorways and vitamins, so they need a stronger
// cue: never after "the", and not after "to", "up", "down" or "of".
func (s *scan) postcodeContext(i int, oneLetter bool) bool {
	if s.is(i+1, "area", "postcode", "way", "side", "postcodes") {
		return true
	}
	p := i - 1
	the := s.is(p, "the")
	if the {
		p--
	}
	if p >= 0 && (s.key(p) == "postcode" || s.is(p, "postcodes") || s.is(p, "code") && s.is(p-1, "post")) {
		return true
	}
	if oneLetter && the {
		return false // "the M1"
	}
	if s.is(p, "in", "from", "round", "around", "near") || !oneLetter && s.is(p, "to", "of", "up", "down") {
		return true
	}
	if the {
		return false
	}
	// "LS8 and LS9", "S4 or S5": another district just before.
	if s.is(p, "and", "or") || s.punct(p, ",") || s.punct(p, "/") {
		if n := len(s.fs); n > 0 && p > 0 && s.fs[n-1].Kind == Postcode && s.fs[n-1].End == s.toks[p-1].end {
			return true
		}
	}
	// After a declared place or a street, with or without a comma: "Lawrence
	// Weston, BS11", "northenden m22", "Nowell Terrace, LS9".
	if s.punct(p, ",") {
		p--
	}
	return p >= 0 && !s.toks[i].nl && (s.blocked(p) || streetTypes[s.key(p)] && (s.capital(p) || s.caseless(p)))
}

// vehicleTags are the DVLA memory-tag first letters.
const vehicleTags = "ABCDEFGHKLMNOPRSVWY"

// vehicle finds UK registrations in the current (AB12 CDE), prefix
// (A123 BCD) and suffix (ABC 123D) formats. Plates are written in capitals;
// lower case counts only after a cue like "reg".
func (s *scan) vehicle(i int, win string) bool {
	start := s.toks[i].start
	// Lower case counts after a cue, or in lower-case (speech-to-text) text
	// when the letters are glued to the digits ("ml66 kzp"); a spaced
	// lower-case shape ("at 10 you") is too common in speech without a cue.
	// The cue is looked for only once a shape matches.
	cue, looked := false, false
	hasCue := func() bool {
		if !looked {
			cue, looked = s.vehicleCue(i), true
		}
		return cue
	}
	ok := func(m string, spaced bool) bool {
		return m == strings.ToUpper(m) || !spaced && m == strings.ToLower(m) && s.caseless(i) || hasCue()
	}
	var m []string
	switch {
	case func() bool { m = vehCurRe.FindStringSubmatch(win); return m != nil }():
		up := strings.ToUpper(m[1] + m[4])
		age := int(m[3][0]-'0')*10 + int(m[3][1]-'0')
		if !ok(m[0], m[2] != "") || !strings.ContainsRune(vehicleTags, rune(up[0])) || strings.ContainsRune("IQZ", rune(up[1])) || strings.ContainsAny(up[2:], "IQ") ||
			!(age >= 2 && age <= 29 || age >= 51 && age <= 79) {
			return false
		}
	case func() bool { m = vehPreRe.FindStringSubmatch(win); return m != nil }():
		up := strings.ToUpper(m[1] + m[3])
		if !ok(m[0], false) || strings.ContainsRune("IOQUZ", rune(up[0])) || strings.ContainsAny(up[1:], "IQ") || m[2][0] == '0' {
			return false
		}
	case func() bool { m = vehSufRe.FindStringSubmatch(win); return m != nil }():
		up := strings.ToUpper(m[1] + m[3])
		if !ok(m[0], false) || strings.ContainsAny(up[:3], "IQ") || strings.ContainsRune("IOQUZ", rune(up[3])) || m[2][0] == '0' {
			return false
		}
	case func() bool { m = vehNIRe.FindStringSubmatch(win); return m != nil }():
		// Northern Ireland: three letters, the last two a county code with
		// an I or a Z ("LGZ 1234", "AIA 523"); a cue is needed, as three
		// letters and a number are common ("ABC 123").
		up := strings.ToUpper(m[1])
		if !strings.ContainsAny(up, "IZ") || m[2][0] == '0' || !hasCue() || s.referenceBefore(start) {
			return false
		}
	default:
		return false
	}
	conf := 0.85
	if hasCue() {
		conf = 0.95
	}
	s.add(start, start+len(m[0]), Vehicle, conf, "UK vehicle registration")
	s.take(start, start+len(m[0]))
	return true
}

// vehicleWords near a plate say it is one, whatever its case.
// Makes and models count ("a black corsa"), except those that are also
// common words (focus, golf, seat, mini).
var vehicleWords = set(`reg registration plate plates numberplate car van motorbike moped vehicle mot taxi lorry
ford vauxhall toyota nissan bmw audi merc mercedes kia hyundai peugeot renault citroen skoda fiat honda mazda volvo
vw volkswagen suzuki dacia corsa astra fiesta transit clio micra qashqai juke yaris aygo civic punto zafira insignia
mondeo kuga sprinter berlingo`)

// vehicleCue reports a vehicle word up to twelve tokens before token i or
// four after it, on the same line: "the car's a grey focus, reg ke70 wpp",
// "in his car like three times in one week a black corsa l d six eight".
func (s *scan) vehicleCue(i int) bool {
	for p := i - 1; p >= 0 && p >= i-12; p-- {
		if vehicleWords[s.key(p)] {
			return true
		}
		if s.toks[p].nl {
			break
		}
	}
	for n := i + 1; n < len(s.toks) && n <= i+4 && !s.toks[n].nl; n++ {
		if s.is(n, "reg", "registration") {
			return true // "sk22 bxf (reg)"
		}
	}
	return false
}
