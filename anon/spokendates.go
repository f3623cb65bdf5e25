package anon

import (
	"strings"
	"time"
)

// Dates of birth in words: "the ninth of march twenty twelve", "fourteenth
// February, two thousand and nine". The day, month and year must make a real
// date, so "the thirtieth of february" is not flagged.

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
	"thirtieth": 30}

var monthNames = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

var smallNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

// wordDay reads a day in words from token i: "ninth", "twenty ninth",
// "twenty-first", "9th". It returns the day and the next token.
func (s *scan) wordDay(i int) (int, int) {
	if i >= len(s.toks) {
		return 0, i
	}
	w := s.lower(i)
	if t, o, ok := strings.Cut(w, "-"); ok && tens[t] != "" && ordinals[o] > 0 && ordinals[o] < 10 {
		return int(tens[t][0]-'0')*10 + ordinals[o], i + 1
	}
	if tens[w] != "" && i+1 < len(s.toks) && ordinals[s.lower(i+1)] > 0 && ordinals[s.lower(i+1)] < 10 {
		return int(tens[w][0]-'0')*10 + ordinals[s.lower(i+1)], i + 2
	}
	if d := ordinals[w]; d > 0 {
		return d, i + 1
	}
	return 0, i
}

// wordYear reads a year in words: "twenty twelve", "two thousand and nine",
// "nineteen ninety eight", "twenty oh nine", or four digits.
func (s *scan) wordYear(i int) (int, int) {
	if i >= len(s.toks) {
		return 0, i
	}
	if s.toks[i].kind == tokNum && len(s.word(i)) == 4 {
		y := 0
		for _, c := range s.word(i) {
			y = y*10 + int(c-'0')
		}
		return y, i + 1
	}
	w := s.lower(i)
	var century int
	j := i + 1
	switch {
	case w == "two" && s.is(j, "thousand"):
		j++
		if s.is(j, "and") {
			j++
		}
		n, k := s.wordSmall(j)
		if n == 0 {
			return 2000, j
		}
		return 2000 + n, k
	case w == "twenty":
		century = 2000
	case w == "nineteen":
		century = 1900
	case w == "oh":
		// "oh nine": a two-digit year, after a birth cue only.
		if d := smallNumbers[s.lower(j)]; d > 0 {
			return 2000 + d, j + 1
		}
		return 0, i
	default:
		// "eighty eight": a two-digit year; birth years before 30 are this
		// century's. A fixed pivot keeps findings independent of the clock.
		n, k := s.wordSmall(i)
		if s.is(k, "years", "year", "odd", "something", "ish") {
			return 0, i // "thirty years ago"
		}
		if n >= 30 {
			return 1900 + n, k
		} else if n >= 20 && tens[w] == "" {
			return 2000 + n, k
		}
		return 0, i
	}
	if s.is(j, "oh") {
		if d := smallNumbers[s.lower(j+1)]; d > 0 && j+1 < len(s.toks) {
			return century + d, j + 2
		}
		return 0, i
	}
	n, k := s.wordSmall(j)
	if n < 10 {
		return 0, i
	}
	return century + n, k
}

// wordSmall reads 1-99 in words at j.
func (s *scan) wordSmall(j int) (int, int) {
	if j >= len(s.toks) {
		return 0, j
	}
	w := s.lower(j)
	if d := smallNumbers[w]; d > 0 {
		return d, j + 1
	}
	if t := teens[w]; t != "" {
		return int(t[0]-'0')*10 + int(t[1]-'0'), j + 1
	}
	if t, o, ok := strings.Cut(w, "-"); ok && tens[t] != "" && smallNumbers[o] > 0 {
		return int(tens[t][0]-'0')*10 + smallNumbers[o], j + 1
	}
	if t := tens[w]; t != "" {
		n := int(t[0]-'0') * 10
		if j+1 < len(s.toks) && smallNumbers[s.lower(j+1)] > 0 {
			return n + smallNumbers[s.lower(j+1)], j + 2
		}
		return n, j + 1
	}
	return 0, j
}

// wordDate reads a date in words from token i, after optional "is", "on",
// "the": "the ninth of march twenty twelve", "march the ninth, twenty
// twelve". It returns the first and last token of the date, or -1.
func (s *scan) wordDate(i int) (int, int) { return s.wordDateYear(i, true) }

// wordDateYear is wordDate; without needYear a day and month alone count,
// as right after "born on" or "birthday is" ("my birthday's the ninth of
// march"): the day and month must still be able to make a real date.
func (s *scan) wordDateYear(i int, needYear bool) (int, int) {
	a, b, _, _ := s.wordDateParts(i, needYear)
	return a, b
}

// wordDateParts is wordDateYear that also returns the day and month (day 0
// for a month and a year).
func (s *scan) wordDateParts(i int, needYear bool) (a, b, day int, mon time.Month) {
	// "my date of birth, which is the fourth", "born on um the ninth".
	for n := 0; n < 5 && (s.is(i, "is", "was", "on", "in", "'s", "which", "it's", "that's", "um", "erm", "er", "uh") || s.punct(i, ":") || s.punct(i, ",") || s.punct(i, "-") || s.punct(i, "—")); n++ {
		i++
	}
	start := i
	if s.is(i, "the") {
		i++
	}
	var year int
	if d, m, j := s.holiday(i); d > 0 {
		day, mon, i = d, m, j // "christmas eve twenty twenty one", "Boxing Day 2019"
	} else if d, j := s.wordDay(i); d > 0 {
		day, i = d, j
		if s.is(i, "of") {
			i++
		}
		if s.is(i, "the") && i+1 < len(s.toks) && ordinals[s.lower(i+1)] > 0 && ordinals[s.lower(i+1)] <= 12 {
			// "the twelfth of the third": the month as an ordinal.
			mon = time.Month(ordinals[s.lower(i+1)])
			i += 2
		} else if i >= len(s.toks) || monthNames[s.lower(i)] == 0 {
			return -1, -1, 0, 0
		} else {
			mon = monthNames[s.lower(i)]
			i++
		}
	} else if i < len(s.toks) && monthNames[s.lower(i)] > 0 {
		mon = monthNames[s.lower(i)]
		i++
		if s.is(i, "the") {
			i++
		}
		if day, i = s.wordDay(i); day == 0 {
			// "born in november nineteen eighty eight": a month and a year.
			if s.punct(i, ",") {
				i++
			}
			if y, j := s.wordYear(i); y >= 1900 && y <= 2100 && !s.is(start, "the") {
				return start, j - 1, 0, mon
			}
			return -1, -1, 0, 0
		}
	} else {
		return -1, -1, 0, 0
	}
	dm := i - 1 // the day and month end here
	if s.punct(i, ",") {
		i++
	}
	if s.is(i, "in") {
		i++
	}
	year, j := s.wordYear(i)
	if year < 1900 || year > 2100 {
		if needYear {
			return -1, -1, 0, 0
		}
		// 2000 is a leap year, so the twenty ninth of february passes.
		if t := time.Date(2000, mon, day, 0, 0, 0, 0, time.UTC); t.Day() != day {
			return -1, -1, 0, 0
		}
		return start, dm, day, mon
	}
	t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || t.Month() != mon {
		return -1, -1, 0, 0 // not a real date: "the thirtieth of february"
	}
	return start, j - 1, day, mon
}

// holidays are days named rather than numbered, by their words: "christmas
// eve", "boxing day", "new year's day", "hogmanay".
var holidays = map[string]struct {
	day int
	mon time.Month
}{
	"christmas eve": {24, time.December}, "christmas day": {25, time.December}, "boxing day": {26, time.December},
	"new year's eve": {31, time.December}, "new years eve": {31, time.December}, "hogmanay": {31, time.December},
	"new year's day": {1, time.January}, "new years day": {1, time.January}, "valentine's day": {14, time.February},
	"valentines day": {14, time.February}, "halloween": {31, time.October}, "bonfire night": {5, time.November},
	"st patrick's day": {17, time.March}, "st andrew's day": {30, time.November}, "st david's day": {1, time.March},
}

// holidayStarts are the first words of holidays.
var holidayStarts = set("christmas boxing new valentine's valentines halloween bonfire st hogmanay")

// holiday reads a named day from token i ("christmas eve", "Boxing Day") and
// returns its day and month and the token after it, or day 0.
func (s *scan) holiday(i int) (int, time.Month, int) {
	if i >= len(s.toks) || !holidayStarts[s.lower(i)] {
		return 0, 0, i // most words start no holiday: no string built
	}
	w := ""
	for j := i; j < i+3 && j < len(s.toks) && s.toks[j].kind == tokWord; j++ {
		if j > i {
			w += " "
		}
		w += s.lower(j)
		if h, ok := holidays[w]; ok {
			return h.day, h.mon, j + 1
		}
	}
	return 0, 0, i
}
