package clearsky

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// DateLayout is how ClearSKY writes calendar dates: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Date is a calendar date without a time or zone, written YYYY-MM-DD on the
// wire (ReferenceDate, From, To, CancellationDate, ImageDates). The zero Date
// is "no date" and is written as null.
type Date struct {
	Year  int        // the year, such as 2025
	Month time.Month // January is 1
	Day   int        // the day of the month, from 1
}

// NewDate returns the date year-month-day, as given (see [Date.Valid]).
func NewDate(year int, month time.Month, day int) Date {
	return Date{Year: year, Month: month, Day: day}
}

// DateOf returns the UTC calendar date of t.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date{y, m, d}
}

// ParseDate reads YYYY-MM-DD. It also accepts a timestamp that starts with a
// date (2025-04-03T00:00:00Z, 2025-04-03T00:00:00), keeping only the date, as
// servers sometimes write dates that way.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > len(DateLayout) && (s[len(DateLayout)] == 'T' || s[len(DateLayout)] == ' ') {
		s = s[:len(DateLayout)]
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("clearsky: date %q is not YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustParseDate is ParseDate for constants in tests and examples; it panics
// on a malformed date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real calendar day (2025-02-30 does not).
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(d.Time()) == d
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns the first day of the month n months after d's month.
func (d Date) AddMonths(n int) Date {
	return DateOf(time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
}

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date { return Date{d.Year, d.Month, 1} }

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date { return d.AddMonths(1).AddDays(-1) }

// DaysSince returns the number of days from e to d (negative when d is
// earlier).
func (d Date) DaysSince(e Date) int {
	return int(d.Time().Sub(e.Time()).Round(time.Hour) / (24 * time.Hour))
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// String writes d as YYYY-MM-DD (zero-padded, whatever its validity).
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" (or a timestamp starting with a date);
// null and "" give the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) == len(DateLayout)+2 && b[0] == '"' && b[len(b)-1] == '"' {
		if v, ok := parseDateBytes(b[1 : len(b)-1]); ok {
			*d = v // the usual case, without allocating
			return nil
		}
	}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*d = Date{}
		return nil
	}
	var s string
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' && bytes.IndexByte(b[1:n-1], '\\') < 0 && bytes.IndexByte(b[1:n-1], '"') < 0 {
		s = string(b[1 : n-1]) // the usual case: a plain string, no escapes
	} else if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("clearsky: date must be a string: %w", err)
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// parseDateBytes reads exactly YYYY-MM-DD naming a real day, as
// time.Parse(DateLayout) accepts it; ok is false for anything else.
func parseDateBytes(b []byte) (Date, bool) {
	if len(b) != len(DateLayout) || b[4] != '-' || b[7] != '-' {
		return Date{}, false
	}
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(b[0:4])
	m, ok2 := num(b[5:7])
	day, ok3 := num(b[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || day < 1 || day > daysIn(time.Month(m), y) {
		return Date{}, false
	}
	return Date{y, time.Month(m), day}, true
}

// daysIn returns the number of days in month m of year y.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MarshalText writes YYYY-MM-DD (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// flexTime reads the timestamp forms an ASP.NET API may send: RFC 3339, the
// same without a zone (taken as UTC), or a bare date. Anything else is the
// zero time, since the field it serves (CreatedDate) is unconfirmed.
type flexTime time.Time

// flexLayouts are the forms flexTime tries, in order.
var flexLayouts = [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", DateLayout}

// UnmarshalJSON implements json.Unmarshaler leniently: it never fails.
func (t *flexTime) UnmarshalJSON(b []byte) error {
	*t = flexTime{}
	if len(b) > 0 && b[0] == '"' {
		if end, flags := scanString(b, 0); end == len(b) && flags&strEscaped == 0 &&
			(flags&strHigh == 0 || utf8.Valid(b[1:end-1])) {
			// A plain string, the usual case: the conversion does not
			// escape, so a short timestamp is parsed without allocating.
			t.parse(string(b[1 : end-1]))
			return nil
		}
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		t.parse(s)
	}
	return nil
}

func (t *flexTime) parse(s string) {
	if s == "" {
		return
	}
	for _, layout := range flexLayouts {
		if v, err := time.Parse(layout, s); err == nil {
			*t = flexTime(v.UTC())
			return
		}
	}
}
