package journey

import (
	"fmt"
	"time"
)

// Day is a calendar day, counted from 1970-01-01.
type Day int32

func dayOf(t time.Time) Day {
	return Day(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time is the day at midnight UTC.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d Day) String() string { return d.format(true) }

// format writes YYYY-MM-DD, or YYYY-MM without the day, by hand: case
// pages and month queries format every contact's date, and time.Format
// was a tenth of drawing a journey map.
func (d Day) format(day bool) string {
	t := d.Time()
	y, m, dd := t.Date()
	if y < 0 || y > 9999 {
		if day {
			return t.Format("2006-01-02")
		}
		return t.Format("2006-01")
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	if !day {
		return string(b[:7])
	}
	return string(b[:])
}

// Date is when a contact happened: one day, or for a month-only date
// (YYYY-MM) every day of that month, Lo to Hi inclusive, marked Approx.
type Date struct {
	Lo, Hi Day
	Approx bool
}

func (d Date) String() string {
	if d.Approx {
		return d.Lo.format(false)
	}
	return d.Lo.String()
}

// Month is YYYY-MM.
func (d Date) Month() string { return d.Lo.format(false) }

// parseDate reads YYYY-MM-DD or YYYY-MM. Impossible dates (2026-02-30)
// are errors, not rolled over.
func parseDate(s string) (Date, error) {
	if len(s) == 7 {
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, or YYYY-MM when only the month is known", s)
		}
		lo := dayOf(t)
		return Date{Lo: lo, Hi: dayOf(t.AddDate(0, 1, -1)), Approx: true}, nil
	}
	if d, ok := quickDay(s); ok {
		return Date{Lo: d, Hi: d}, nil
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, or YYYY-MM when only the month is known", s)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		// time.Parse says "day out of range" for 2026-02-30: say it plainly.
		if _, e2 := time.Parse("2006-01", s[:7]); e2 == nil {
			return Date{}, fmt.Errorf("%q is not a day of the calendar (no such day in that month)", s)
		}
		return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, or YYYY-MM when only the month is known", s)
	}
	d := dayOf(t)
	return Date{Lo: d, Hi: d}, nil
}

// quickDay reads a valid YYYY-MM-DD without time.Parse, which dominates
// reading a large contacts.csv; anything unusual goes the slow way.
func quickDay(s string) (Day, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
			n = n*10 + int(t[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 28 {
		return 0, false // days 29-31 are checked against the month by time
	}
	return civil(y, m, d), true
}

// civil is the day number of y-m-d (Howard Hinnant's days_from_civil).
func civil(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}
