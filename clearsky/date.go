package clearsky

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"
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

// MarshalJSONTo writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSONTo(enc *jsontext.Encoder) error {
	switch {
	case d.IsZero():
		return enc.WriteToken(jsontext.Null)
	case d.Valid():
		var buf [16]byte // "YYYY-MM-DD", without allocating
		return enc.WriteValue(d.Time().AppendFormat(buf[:0], `"`+DateLayout+`"`))
	}
	return enc.WriteToken(jsontext.String(d.String()))
}

// UnmarshalJSONFrom reads "YYYY-MM-DD" (or a timestamp starting with a
// date); null and "" give the zero Date. Any other JSON type is an error.
func (d *Date) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	s, err := readString(dec, "a date string (YYYY-MM-DD)")
	if err != nil {
		return err
	}
	*d = Date{}
	if s != "" {
		*d, err = ParseDate(s)
	}
	return err
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
