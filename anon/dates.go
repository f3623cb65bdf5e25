package anon

import (
	"strconv"
	"strings"
	"time"
)

const month = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

// dobRe reads a date after a birth cue; group 1 is the date.
var dobRe = lazyRE(`(?i)^[\s:,.=\-–]*(?:(?:is|was|on|in|of|the|'s|’s)[\s:,.\-]+)*(` + weekday +
	`\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b` +
	`|(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b` + // ISO, as forms and spreadsheets write it
	`|(?:[12]?\d|3[01]) (?:0?[1-9]|1[0-2]) (?:19|20)\d{2}\b` + // read out: "born 14 10 2016"
	`|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|[\-/])` + month + `\b(?:(?:,?\s+|[\-/])(?:\d{4}|'\d{2})\b)?` + // "03-May-2008", "3 May '08"
	`|` + month + `\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?` +
	`|\d{1,2}(?:st|nd|rd|th)\s+of\s+the\s+(?:0?[1-9]|1[0-2])(?:st|nd|rd|th)\b(?:,?\s+(?:(?:19|20)\d{2}|'\d{2})\b)?` + // "the 3rd of the 4th 2015"
	`|` + month + `\s+(?:\d{4}|'\d{2})\b))`)

// weekday may come before a date: "born on Tuesday 14 March 1989".
const weekday = `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?)?(?:`

// birthCueWords are the keys dates' cases start at. Only words have them,
// so a word's class says whether it is one.
var birthCueWords = []string{"born", "dob", "birthday", "birthdays", "birthdate", "d.o.b", "bday", "b'day", "dobs", "birth", "date", "dates", "d"}

// dates finds dates of birth: a date after "born", "DOB", "D.O.B.",
// "date of birth" or "birthday". Other dates (meetings, reviews) are left alone.
func (s *scan) dates() {
	for i := 0; i < len(s.toks); i++ {
		if s.cls[i]&wBirth == 0 {
			continue // a bit rules out the words no case below takes
		}
		end := -1
		switch s.key(i) {
		case "born", "dob", "birthday", "birthdays", "birthdate", "d.o.b", "bday", "b'day", "dobs":
			end = i
		case "birth":
			if s.is(i+1, "date") { // "birth date"
				end = i + 1
			}
		case "date", "dates":
			if s.is(i+1, "of") && s.keyAt(i+2) == "birth" { // "his date of birth's the eleventh"
				end = i + 2
			}
		case "d":
			// D.O.B. is tokenised letter by letter; "d o b" is it read out.
			if s.punct(i+1, ".") && s.is(i+2, "o") && s.punct(i+3, ".") && s.is(i+4, "b") {
				end = i + 4
				if s.punct(i+5, ".") {
					end = i + 5
				}
			} else if s.is(i+1, "o") && s.is(i+2, "b") {
				end = i + 2
			}
		}
		if end < 0 {
			continue
		}
		from := s.toks[end].end
		win := s.text[from:min(from+60, len(s.text))]
		if m := dobRe.FindStringSubmatchIndex(win); m != nil {
			s.add(from+m[2], from+m[3], DOB, 0.9, "date after a birth cue")
			s.take(from+m[2], from+m[3])
			s.laterDate(s.lastToken(from + m[3]))
			s.correctedBefore(i)
			continue
		}
		if a, b := s.wordDateYear(end+1, false); a >= 0 {
			s.add(s.toks[a].start, s.toks[b].end, DOB, 0.85, "date in words after a birth cue, a real date")
			s.take(s.toks[a].start, s.toks[b].end)
			s.laterDate(b)
			s.correctedBefore(i)
			continue
		}
		if a, b := s.yearThenDay(end + 1); a >= 0 {
			s.add(s.toks[a].start, s.toks[b].end, DOB, 0.8, "year, then day and month, after a birth cue, a real date")
			s.take(s.toks[a].start, s.toks[b].end)
			continue
		}
		// "The forms wanted everybody's birthdays. Roshni and Rohan — 2
		// August 2018.": after a plural cue the dates may follow in the
		// turn's next sentences ("No date of birth given. Seen on
		// 17/04/2023." is a visit).
		if !s.laterDate(end) && !(s.is(i, "birthdays", "dobs", "dates") && s.turnDates(end)) {
			s.nextSentenceDate(end)
			s.nextLineDates(end)
		}
	}
	s.listedDates()
	s.restatedDates()
}

// listedDates finds full dates in the later sentences of the line (the
// turn) of a date of birth: "her birthday …: 21 November 2013. And her
// brother Paolo, 7/2/2016.", "Date of birth for Tuan is 03/05/2009. Mum's
// is 21.11.1984." A turn that gives one date of birth is listing them; a
// date after an event word ("the review is on") is still left.
func (s *scan) listedDates() {
	for n := 0; n < len(s.fs); n++ {
		if f := s.fs[n]; f.Kind == DOB {
			c := s.lastToken(f.End)
			s.turnDates(c)
			// "my birthday is twenty ninth of april two thousand and
			// nine" ⏎ "mine is first of december two thousand and eight":
			// the next speaker answers the same question.
			if s.nextLineAnswers(c) {
				s.nextLineDates(c)
			}
		}
	}
}

// nextLineAnswers reports whether the line after token c opens with a
// possessive that answers the same question ("mine is", "and hers",
// "kai's is"), so a date on it is another birth date and not an event
// ("We moved on 4 June 2019").
func (s *scan) nextLineAnswers(c int) bool {
	i := c + 1
	for i < len(s.toks) && !s.toks[i].nl {
		i++
	}
	for k := i; k < len(s.toks) && k < i+6 && (k == i || !s.toks[k].nl); k++ {
		if s.is(k, "mine", "mines", "hers", "his", "theirs", "ours") && !s.is(k+1, "birthday", "birthdays") ||
			s.lower(k) != s.key(k) && s.is(k+1, "is", "was") {
			return true
		}
	}
	return false
}

// turnDates runs laterDate on each sentence after token c on its line, and
// reports whether it found a date.
func (s *scan) turnDates(c int) bool {
	found := false
	for k := c + 1; k < len(s.toks) && !s.toks[k].nl; k++ {
		if (s.punct(k, ".") || s.punct(k, "?") || s.punct(k, "!")) && k+1 < len(s.toks) && !s.toks[k+1].nl {
			found = s.laterDate(k) || found
		}
	}
	return found
}

// nextLineDates finds full dates (with a year) on the line after a birth cue
// whose own sentence had none: the answer to "and dates of birth for the
// form?" is the next speaker's turn, "mine is the tenth of june ninety nine".
// A date without a year is left, as is anything further on.
//
// Several people may answer in turn ("mine is oh five oh three ten"), so
// each following line is read while the one before it gave a date, up to
// three lines.
func (s *scan) nextLineDates(c int) {
	i := c + 1
	for i < len(s.toks) && !s.toks[i].nl {
		i++
	}
	for line := 0; line < 3 && i < len(s.toks); line++ {
		found := false
		k := i
		for ; k < len(s.toks) && (k == i || !s.toks[k].nl); k++ {
			if s.taken[k] {
				continue
			}
			if s.eventBefore(k) {
				continue // "The review is on 12/05/2025."
			}
			if s.toks[k].kind == tokNum {
				if m := fullDateRe.FindString(s.window(k, 24)); m != "" {
					start := s.toks[k].start
					s.add(start, start+len(m), DOB, 0.7, "full date in the answer to a birth cue")
					s.take(start, start+len(m))
					found = true
				}
				continue
			}
			if a, b := s.spokenDigitDate(k); a == k {
				s.add(s.toks[a].start, s.toks[b].end, DOB, 0.7, "date read out digit by digit in the answer to a birth cue, a real date")
				s.take(s.toks[a].start, s.toks[b].end)
				k, found = b, true
				continue
			}
			if !s.is(k, "the") && ordinals[s.lower(k)] == 0 && monthNames[s.lower(k)] == 0 && tens[s.lower(k)] == "" {
				continue
			}
			if a, b := s.wordDate(k); a == k {
				s.add(s.toks[a].start, s.toks[b].end, DOB, 0.7, "date in words in the answer to a birth cue, a real date")
				s.take(s.toks[a].start, s.toks[b].end)
				k, found = b, true
			}
		}
		if !found && !s.nextLineAnswers(k-1) {
			// A turn between without a date ("P02: poor boy", "your kerry's
			// was may wasn't it") does not end the list when the next
			// opens with another's ("and tam's is the …").
			return
		}
		i = k
	}
}

// fullDateRe is a date with a year: numeric ("5/3/08", "17/04/2008"), ISO,
// or with the month's name and four digits ("21st September 2010").
var fullDateRe = lazyRE(`(?i)^(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:(?:19|20)\d{2}|\d{2})\b|(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b` +
	`|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|[\-/])` + month + `(?:,?\s+|[\-/])(?:19|20)\d{2}\b)`)

// laterDate finds full dates (with a year) later in the sentence of a birth
// cue ending at token c: "my date of birth wrong in the appointment though,
// I'm 17/04/2008", "her DOB given as 21st September 2010", "his birthday
// three times, it's twenty second of november twenty twenty". A list read
// out after one cue is all births: "ty was born the twelfth of march oh
// seventeen, bobbi-jo the second of december twenty twenty". Only full dates
// count: a bare "the 14th" could be anything.
func (s *scan) laterDate(c int) bool {
	found := false
	for i, last := c+1, c+12; i < len(s.toks) && i <= last && !s.toks[i].nl; i++ {
		if s.punct(i, ".") || s.punct(i, "?") || s.punct(i, "!") {
			return found
		}
		if s.is(i, "wrong", "sorry", "wait", "actually") {
			last = max(last, i+12) // "born on christmas eve actually no wait that's wrong she came on the second of january"
		}
		if s.taken[i] || s.eventBefore(i) {
			continue
		}
		a, b := -1, -1
		if s.toks[i].kind == tokNum || s.toks[i].kind == tokAlnum {
			if m := fullDateRe.FindString(s.window(i, 24)); m != "" {
				a, b = i, s.lastToken(s.toks[i].start+len(m))
			}
		} else if x, y := s.spokenDigitDate(i); x == i {
			a, b = x, y
		} else if inside := s.is(i-1, "the", "of") || ordinals[s.lower(i-1)] > 0 || tens[s.lower(i-1)] != ""; inside {
			continue // the tail of a date read from its start: "twenty ninth of february"
		} else if d, _, _ := s.holiday(i); d > 0 || s.is(i, "the") || ordinals[s.lower(i)] > 0 || tens[s.lower(i)] != "" || monthNames[s.lower(i)] > 0 {
			// Close to the cue a day and month are enough: "her birthday in
			// the summer holidays the twelfth of august".
			near := i <= c+6 && s.key(c) == "birthday" // the cue, not a date found before it
			if x, y := s.wordDateYear(i, !near); x == i {
				a, b = x, y
			}
		}
		if a < 0 {
			continue
		}
		s.add(s.toks[a].start, s.toks[b].end, DOB, 0.75, "full date in the sentence of a birth cue")
		s.take(s.toks[a].start, s.toks[b].end)
		found, i, last = true, b, b+12
	}
	return found
}

// correctedBefore finds a date said just before the birth cue at token i
// that corrects it: "he's three which is the eleventh of may no wait his
// birthday is the fourteenth of may twenty twenty", "12/05/2019, sorry, her
// DOB is 13/05/2019". Both are the birth date as said.
func (s *scan) correctedBefore(i int) {
	p := i - 1
	for p >= 0 && !s.toks[p+1].nl && s.is(p, "his", "her", "my", "their", "your", "the", "he", "she", "was", "is", "date") {
		p-- // "no wait his birthday", "sorry she was born", "no her date of birth"
	}
	corrected := false
	for k := 0; k < 4 && p >= 0 && !s.toks[p+1].nl; k++ {
		if !s.is(p, "no", "wait", "sorry", "actually", "i", "mean") && !(s.toks[p].kind == tokPunct && !s.punct(p, ".")) {
			break
		}
		corrected = corrected || s.is(p, "no", "wait", "sorry", "actually")
		p--
	}
	if !corrected || p < 0 || s.toks[p+1].nl || s.taken[p] {
		return
	}
	for a := p; a >= 0 && a >= p-7 && !s.toks[a+1].nl; a-- {
		b := -1
		if s.toks[a].kind == tokNum {
			if m := fullDateRe.FindString(s.window(a, 24)); m != "" {
				b = s.lastToken(s.toks[a].start + len(m))
			}
		} else if x, y := s.wordDateYear(a, false); x == a {
			b = y
		}
		if b == p && !s.eventBefore(a) {
			s.add(s.toks[a].start, s.toks[b].end, DOB, 0.7, "a date corrected by the birth date said after it")
			s.take(s.toks[a].start, s.toks[b].end)
			return
		}
	}
}

// nextSentenceDate finds a full date said as a sentence of its own right
// after the sentence of a birth cue at token c that gave none: "My
// birthday's next week, I'll be thirteen. 12th March 2013." Anything else
// in that sentence ("Seen on 17/04/2023.") may make it an event.
func (s *scan) nextSentenceDate(c int) {
	i := c + 1
	for ; i < len(s.toks) && i <= c+12 && !s.toks[i].nl; i++ {
		if s.punct(i, ".") || s.punct(i, "?") || s.punct(i, "!") {
			break
		}
	}
	if i++; i >= len(s.toks) || s.toks[i].nl || s.taken[i] || i > c+13 {
		return
	}
	b := -1
	if s.toks[i].kind == tokNum || s.toks[i].kind == tokAlnum {
		if m := fullDateRe.FindString(s.window(i, 24)); m != "" {
			b = s.lastToken(s.toks[i].start + len(m))
		}
	} else if x, y := s.wordDate(i); x == i {
		b = y
	}
	if b < 0 || b+1 < len(s.toks) && !s.toks[b+1].nl && !s.punct(b+1, ".") && !s.punct(b+1, "!") {
		return
	}
	s.add(s.toks[i].start, s.toks[b].end, DOB, 0.7, "full date as a sentence of its own after a birth cue")
	s.take(s.toks[i].start, s.toks[b].end)
}

// spokenDigitDate reads a date read out digit by digit from token i, as
// from a form: "one five oh five twenty five" is 15/05/25. Six or eight
// digits must make a real day, month and year. It returns the first and
// last token, or -1.
func (s *scan) spokenDigitDate(i int) (int, int) {
	a, b, _, _ := s.spokenDigitDateParts(i)
	return a, b
}

// spokenDigitDateParts is spokenDigitDate that also returns the day and
// month.
func (s *scan) spokenDigitDateParts(i int) (a, b, day int, mon time.Month) {
	if digitWords[s.lower(i)] == "" || digitWords[s.lower(i)] == "*" {
		return -1, -1, 0, 0
	}
	ps := s.readSpoken(i)
	for n := len(ps); n >= 3; n-- {
		d := joinPieces(ps[:n])
		if strings.Trim(d, "0123456789") != "" || len(d) != 6 && len(d) != 8 {
			continue
		}
		day, _ := strconv.Atoi(d[:2])
		m, _ := strconv.Atoi(d[2:4])
		year, _ := strconv.Atoi(d[4:])
		if len(d) == 6 {
			year += 1900
			if year < 1930 {
				year += 100 // the same pivot as two-digit years in words
			}
		}
		t := time.Date(year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
		if m >= 1 && m <= 12 && t.Day() == day && year >= 1900 {
			return i, ps[n-1].end, day, time.Month(m)
		}
	}
	return -1, -1, 0, 0
}

// restatedDates finds a date of birth said again without its year, the
// same day and month, right after it ("mine is oh five oh three ten, like
// the fifth of march") or as a whole turn within the next two lines ("P22:
// eleventh of june" after "… and jaxon is one one oh six thirteen"). A
// date further on in a sentence may be someone else's: "and the little one
// was the tenth of june as well".
func (s *scan) restatedDates() {
	for _, f := range s.fs {
		if f.Kind != DOB {
			continue
		}
		day, mon := s.dayMonth(f)
		if day == 0 {
			continue
		}
		lines := 0
		for k := s.lastToken(f.End) + 1; k < len(s.toks); k++ {
			if s.toks[k].nl {
				if lines++; lines > 2 {
					break
				}
			}
			if s.taken[k] || !s.is(k, "the") && ordinals[s.lower(k)] == 0 && monthNames[s.lower(k)] == 0 && tens[s.lower(k)] == "" {
				continue
			}
			a, b, d, m := s.wordDateParts(k, false)
			if a != k || d == 0 {
				continue
			}
			if d == day && m == mon && (k-s.lastToken(f.End) <= 4 && lines == 0 || s.aloneOnLine(a, b)) {
				s.add(s.toks[a].start, s.toks[b].end, DOB, 0.7, "a date of birth said again, the same day and month")
				s.take(s.toks[a].start, s.toks[b].end)
				k = b
			} else if lines > 0 && s.is(a-1, "no") && s.aloneOnLine(a, b) {
				// "her birthday is the third of june twenty eighteen" ⏎
				// "P02: no second of june": another speaker corrects it.
				s.add(s.toks[a].start, s.toks[b].end, DOB, 0.7, "a date of birth corrected in the next turn")
				s.take(s.toks[a].start, s.toks[b].end)
				k = b
			}
		}
	}
}

// numericDayMonth reads the day and month at the start of a written date:
// "22/11/2013", "3rd of April 2015", "14 10 2016".
var numericDayMonth = lazyRE(`(?i)^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s/.\-]+(\d{1,2}\b|[a-z]+)`)

// dayMonth returns the day and month of a date-of-birth finding, or 0.
func (s *scan) dayMonth(f Finding) (int, time.Month) {
	a := s.firstToken(f.Start)
	if _, _, d, m := s.wordDateParts(a, false); d > 0 {
		return d, m
	}
	if x, _, d, m := s.spokenDigitDateParts(a); x == a {
		return d, m
	}
	sm := numericDayMonth.FindStringSubmatch(f.Text)
	if sm == nil {
		return 0, 0
	}
	d, _ := strconv.Atoi(sm[1])
	m, err := strconv.Atoi(sm[2])
	if err != nil {
		for name, v := range monthNames {
			if strings.HasPrefix(name, strings.ToLower(sm[2])) && len(sm[2]) >= 3 {
				m = int(v)
			}
		}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0
	}
	return d, time.Month(m)
}

// aloneOnLine reports whether tokens a..b are all of their line but a
// speaker label and a word of assent: "P22: eleventh of june", "no, the
// fifth of march".
func (s *scan) aloneOnLine(a, b int) bool {
	if b+1 < len(s.toks) && !s.toks[b+1].nl && !(s.toks[b+1].kind == tokPunct && (b+2 >= len(s.toks) || s.toks[b+2].nl)) {
		return false
	}
	for k := a - 1; k >= 0; k-- {
		switch {
		case s.toks[k].kind == tokPunct, s.is(k, "no", "yeah", "yes", "its", "it's", "um", "erm", "er"),
			s.toks[k].kind == tokNum && s.labelAt(k-1): // "speaker 2:"
		case s.labelAt(k) && (k == 0 || s.toks[k].nl || s.toks[k-1].nl):
			return true
		default:
			return false
		}
		if s.toks[k].nl {
			return true
		}
	}
	return true
}

// eventWords say a date is when something happens, not a birth.
var eventWords = set(`review meeting meetings appointment appointments hearing court visit interview conference panel
assessment deadline due booked exam exams operation`)

// eventBefore reports an event word up to six tokens before token k in its
// sentence: "the review is on 12/05/2025", "court's on the ninth of march".
func (s *scan) eventBefore(k int) bool {
	for p := k - 1; p >= 0 && p >= k-6 && !s.toks[p+1].nl; p-- {
		if s.punct(p, ".") || s.punct(p, "?") || s.punct(p, "!") || s.punct(p, ",") {
			return false
		}
		if eventWords[s.key(p)] {
			return true
		}
		if s.is(p, "came", "arrived") {
			return false // "she was due christmas eve she came on the second": the birth
		}
	}
	return false
}

// yearThenDay reads a year and then the day and month in words from token
// i: "born nineteen eighty two, the sixth of june". The day must be real in
// that year. It returns the first and last token, or -1.
func (s *scan) yearThenDay(i int) (int, int) {
	if s.is(i, "in") {
		i++
	}
	y, j := s.wordYear(i)
	if y < 1900 || y > 2100 || j == i {
		return -1, -1
	}
	if s.punct(j, ",") {
		j++
	}
	a, b, d, m := s.wordDateParts(j, false)
	if a < 0 || d == 0 {
		return -1, -1
	}
	if t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); t.Day() != d {
		return -1, -1
	}
	return i, b
}
