package satellogic

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// ListOptions are the limit/offset paging parameters every list endpoint
// takes. Zero values are not sent (the server's defaults apply).
type ListOptions struct {
	Limit  int `url:"limit,omitempty"`  // page size
	Offset int `url:"offset,omitempty"` // items to skip
}

// Page is one page of a list endpoint, in Django REST Framework's
// limit/offset envelope. A bare JSON array is accepted too (Count is then its
// length). Null items are dropped. The page is decoded from the connection as
// it arrives, item by item; no copy of the body or of an item is kept.
type Page[T any] struct {
	Count    int    `json:"count"`    // total matching items
	Next     string `json:"next"`     // absolute URL of the next page, "" on the last
	Previous string `json:"previous"` // absolute URL of the previous page, "" on the first
	Results  []T    `json:"results"`  // the items
}

// pageWire is the envelope as sent: Count is its length of Results when the
// server leaves it out.
type pageWire[T any] struct {
	Count    *int    `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// UnmarshalJSONFrom reads the envelope or a bare array, in one pass.
func (p *Page[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() == '[' {
		var items []T
		if err := json.UnmarshalDecode(dec, &items); err != nil {
			return err
		}
		items = dropNil(items)
		*p = Page[T]{Count: len(items), Results: items}
		return nil
	}
	var w pageWire[T]
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	w.Results = dropNil(w.Results)
	*p = Page[T]{Results: w.Results, Count: len(w.Results)}
	if w.Count != nil {
		p.Count = *w.Count
	}
	if w.Next != nil {
		p.Next = *w.Next
	}
	if w.Previous != nil {
		p.Previous = *w.Previous
	}
	return nil
}

// dropNil removes null items (nil pointers) from a decoded list, in place.
func dropNil[T any](items []T) []T {
	if reflect.TypeFor[T]().Kind() != reflect.Pointer {
		return items
	}
	var null T
	out := items[:0]
	for _, it := range items {
		if any(it) != any(null) {
			out = append(out, it)
		}
	}
	return out
}

// NextOffset returns the offset and limit of the next page, read from Next, to
// use in ListOptions; ok is false on the last page.
func (p *Page[T]) NextOffset() (offset, limit int, ok bool) {
	if p == nil || p.Next == "" {
		return 0, 0, false
	}
	u, err := url.Parse(p.Next)
	if err != nil {
		return 0, 0, false
	}
	q := u.Query()
	offset, err = strconv.Atoi(q.Get("offset"))
	if err != nil {
		return 0, 0, false
	}
	limit, _ = strconv.Atoi(q.Get("limit"))
	return offset, limit, true
}

// formatTime writes t as the API takes it: RFC 3339 in UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// readTarget reads a task's "target" in the same pass as the task, straight
// into orb values (geo.ReadGeoJSON), leniently: a value that is valid JSON but
// not a GeoJSON geometry leaves a nil geometry instead of failing the call.
// This is the one member of the Tasking API read leniently: Satellogic does
// not publish what the target of a Non-Earth-Imaging task (product 186) holds
// (specs/satellogic.md, 4.1), and a task list must not fail on one such task.
// Malformed JSON is still an error. It is registered for every orb.Geometry
// this package decodes, and targets are the only ones.
func readTarget(dec *jsontext.Decoder, g *orb.Geometry) error {
	depth, start := dec.StackDepth(), dec.InputOffset()
	v, err := geo.ReadGeoJSON(dec)
	if err == nil {
		*g = v
		return nil
	}
	var se *jsontext.SyntacticError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || dec.InputOffset() == start {
		return err // malformed or cut short, or a read error: nothing to skip
	}
	// Finish the value geo.ReadGeoJSON gave up on; a syntax or read error
	// inside it fails the call.
	for dec.StackDepth() > depth {
		if _, rerr := dec.ReadToken(); rerr != nil {
			return err
		}
	}
	*g = nil
	return nil
}

// FormatExpectedAge writes d as the API's duration text, "<N> days,
// HH:MM:SS[.ffffff]" (for example "7 days, 00:00:00"), the form Python's
// timedelta and Django's DurationField read.
func FormatExpectedAge(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	sec := d / time.Second
	d -= sec * time.Second
	s := fmt.Sprintf("%d days, %02d:%02d:%02d", days, h, m, sec)
	if us := d / time.Microsecond; us > 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseExpectedAge reads a duration in the forms Django's DurationField
// accepts: "7 days, 00:00:00", "1 day, 2:03:04.5", "7 00:00:00",
// "12:00:00", "3600" (seconds) and ISO 8601 "P7D", "PT12H", "P1DT2H30M".
func ParseExpectedAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("expected_age %q is not a duration", s)
	if s == "" {
		return 0, bad
	}
	if s[0] == 'P' || s[0] == 'p' || strings.HasPrefix(s, "-P") {
		return parseISODuration(s, bad)
	}
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	var days int64
	if i := strings.IndexByte(s, ' '); i >= 0 {
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || n > 100000 {
			return 0, bad
		}
		days = n
		s = strings.TrimSpace(s[i+1:])
		s = strings.TrimPrefix(s, "days,")
		s = strings.TrimPrefix(s, "day,")
		s = strings.TrimSpace(s)
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, bad
	}
	var d time.Duration
	unit := []time.Duration{time.Second, time.Minute, time.Hour}
	for i := range parts {
		p := parts[len(parts)-1-i]
		if i == 0 {
			f, err := strconv.ParseFloat(p, 64)
			if err != nil || f < 0 || f > 1e9 || strings.ContainsAny(p, "eEnN+-") {
				return 0, bad
			}
			d += time.Duration(f * float64(time.Second))
			continue
		}
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || n > 1e6 {
			return 0, bad
		}
		d += time.Duration(n) * unit[i]
	}
	d += time.Duration(days) * 24 * time.Hour
	if neg {
		d = -d
	}
	return d, nil
}

func parseISODuration(s string, bad error) (time.Duration, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.ToUpper(strings.TrimPrefix(s, "-"))
	s = strings.TrimPrefix(s, "P")
	var d time.Duration
	inTime := false
	num := ""
	seen, timeSeen := false, false
	for _, r := range s {
		switch {
		case r == 'T':
			if inTime || num != "" {
				return 0, bad
			}
			inTime = true
		case r >= '0' && r <= '9' || r == '.':
			num += string(r)
		default:
			if num == "" {
				return 0, bad
			}
			f, err := strconv.ParseFloat(num, 64)
			if err != nil || f > 1e7 {
				return 0, bad
			}
			num = ""
			var u time.Duration
			switch {
			case r == 'W' && !inTime:
				u = 7 * 24 * time.Hour
			case r == 'D' && !inTime:
				u = 24 * time.Hour
			case r == 'H' && inTime:
				u = time.Hour
			case r == 'M' && inTime:
				u = time.Minute
			case r == 'S' && inTime:
				u = time.Second
			default:
				return 0, bad
			}
			d += time.Duration(f * float64(u))
			seen = true
			timeSeen = timeSeen || inTime
		}
	}
	if num != "" || !seen || (inTime && !timeSeen) {
		return 0, bad
	}
	if neg {
		d = -d
	}
	return d, nil
}

// object is a JSON object whose layout is not published: its members in
// order, each marked once a typed field has read it.
type object []member

type member struct {
	name  string
	value jsontext.Value
	used  bool
}

// UnmarshalJSONFrom reads an object's members; anything else is an error.
func (m *object) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		if err := dec.SkipValue(); err != nil {
			return err
		}
		return errors.New("want a JSON object")
	}
	v, err := readObject(dec)
	*m = v
	return err
}

// readObject reads the object at dec, keeping a copy of each member's value.
func readObject(dec *jsontext.Decoder) (object, error) {
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	var m object
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		name := tok.String() // before the next read voids tok
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		m = append(m, member{name: name, value: v.Clone()})
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return m, nil
}

// first returns the value of the first of keys present with a value that
// ok accepts, and marks it read.
func (m object) first(keys []string, ok func(jsontext.Value) bool) (jsontext.Value, bool) {
	for _, k := range keys {
		for i := range m {
			if m[i].name == k && ok(m[i].value) {
				m[i].used = true
				return m[i].value, true
			}
		}
	}
	return nil, false
}

// markNull marks the members named in keys whose value is null as read.
func (m object) markNull(keys []string) {
	for i := range m {
		if m[i].value.Kind() == 'n' && slices.Contains(keys, m[i].name) {
			m[i].used = true
		}
	}
}

// firstTime returns the first of keys that holds a readable, non-zero time.
func (m object) firstTime(keys []string, opts json.Options) time.Time {
	var t time.Time
	m.first(keys, func(v jsontext.Value) bool {
		return v.Kind() == '"' && json.Unmarshal(v, &t, opts) == nil && !t.IsZero()
	})
	return t
}

// firstText returns the first of keys that holds a string or a number, as
// text (a number as its digits); "" when none does.
func (m object) firstText(keys []string) string {
	v, _ := m.first(keys, isScalar)
	return scalarText(v)
}

// firstNumber returns the first of keys that holds a number that ok
// accepts; nil when none does.
func (m object) firstNumber(keys []string, opts json.Options, ok func(float64) bool) *float64 {
	var f float64
	if _, found := m.first(keys, func(v jsontext.Value) bool {
		return v.Kind() == '0' && json.Unmarshal(v, &f, opts) == nil && ok(f)
	}); !found {
		return nil
	}
	return &f
}

// unused returns the members no typed field read, as an object (nil when
// there are none).
func (m object) unused() jsontext.Value {
	var b bytes.Buffer
	enc := jsontext.NewEncoder(&b, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	n := 0
	for _, mb := range m {
		if mb.used {
			continue
		}
		if n == 0 {
			_ = enc.WriteToken(jsontext.BeginObject)
		}
		n++
		if enc.WriteToken(jsontext.String(mb.name)) != nil || enc.WriteValue(mb.value) != nil {
			return nil
		}
	}
	if n == 0 || enc.WriteToken(jsontext.EndObject) != nil {
		return nil
	}
	return jsontext.Value(bytes.TrimSpace(b.Bytes()))
}

func isScalar(v jsontext.Value) bool { return v.Kind() == '"' || v.Kind() == '0' }
func isArray(v jsontext.Value) bool  { return v.Kind() == '[' }
func isBool(v jsontext.Value) bool   { return v.Kind() == 't' || v.Kind() == 'f' }

// scalarText reads a JSON string or number as text ("" otherwise).
func scalarText(v jsontext.Value) string {
	switch v.Kind() {
	case '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case '0':
		return string(v)
	}
	return ""
}
