package capella

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TimeFormat is how this package writes times on the wire: UTC with
// millisecond precision, the form Capella's own SDK sends
// ("2026-06-01T00:00:00.000Z").
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// wireTime is a time on the wire: written in TimeFormat, read leniently (RFC
// 3339 with any precision, or without a zone meaning UTC, as Capella sends in
// conflictingTasks). A value that cannot be read is the zero time, never an
// error: the raw JSON keeps it.
type wireTime time.Time

// MarshalJSON writes t in TimeFormat, in UTC.
func (t wireTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(TimeFormat) + `"`), nil
}

// UnmarshalJSON reads t leniently. The forms Capella sends (RFC 3339, or
// RFC 3339 without a zone) are read in place without allocating; anything
// else goes through parseTime.
func (t *wireTime) UnmarshalJSON(b []byte) error {
	*t = wireTime{}
	if tt, ok := quickTime(b); ok {
		*t = wireTime(tt)
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) != nil {
		return nil
	}
	*t = wireTime(parseTime(s))
	return nil
}

// quickTime reads a JSON string holding an RFC 3339 time, or one without a
// zone (read as UTC, as parseTime does), without allocating. It reports
// false for any other input, which parseTime then handles.
func quickTime(b []byte) (time.Time, bool) {
	if len(b) < 2+19 || b[0] != '"' || b[len(b)-1] != '"' {
		return time.Time{}, false
	}
	var tt time.Time
	if !zoneless(b[1 : len(b)-1]) {
		// time.Time reads strict RFC 3339 only: what it accepts,
		// time.Parse(time.RFC3339Nano) reads the same way.
		if tt.UnmarshalJSON(b) != nil {
			return time.Time{}, false
		}
		return tt, true
	}
	// "2006-01-02T15:04:05.999" + "Z" is the same instant parseTime reads
	// from the zone-less form.
	var buf [64]byte
	if len(b)+1 > len(buf) {
		return time.Time{}, false
	}
	n := copy(buf[:], b[:len(b)-1])
	buf[n], buf[n+1] = 'Z', '"'
	if tt.UnmarshalJSON(buf[:n+2]) != nil {
		return time.Time{}, false
	}
	return tt, true
}

// zoneless reports whether s looks like "2006-01-02T15:04:05" with an
// optional fraction and no zone.
func zoneless(s []byte) bool {
	if len(s) < 19 || s[10] != 'T' {
		return false
	}
	rest := s[19:]
	if len(rest) == 0 {
		return true
	}
	if rest[0] != '.' || len(rest) == 1 {
		return false
	}
	for _, c := range rest[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// parseTime reads the time forms Capella is known to send; the zero time for
// anything else.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// optTime returns nil for the zero time, so that omitempty leaves it out.
func optTime(t time.Time) *wireTime {
	if t.IsZero() {
		return nil
	}
	w := wireTime(t)
	return &w
}

// wireGeometry is an orb.Geometry written as a bare GeoJSON geometry.
type wireGeometry struct{ orb.Geometry }

// MarshalJSON writes the geometry as GeoJSON; a nil geometry is null.
func (g wireGeometry) MarshalJSON() ([]byte, error) {
	if g.Geometry == nil {
		return []byte("null"), nil
	}
	return json.Marshal(geojson.NewGeometry(g.Geometry))
}

// UnmarshalJSON reads the geometry leniently (see decodeGeometry): never an
// error.
func (g *wireGeometry) UnmarshalJSON(b []byte) error {
	g.Geometry = decodeGeometry(b)
	return nil
}

// decodeGeometry reads a GeoJSON geometry leniently: null, {} or anything
// that is not a readable geometry gives nil (the raw JSON keeps it).
func decodeGeometry(raw json.RawMessage) orb.Geometry {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	if p, ok := quickPoint(raw); ok {
		return p
	}
	g, err := geo.ParseGeoJSON(raw)
	if err != nil {
		return nil
	}
	return g
}

// quickPoint reads the geometry Capella sends for most requests,
// {"type":"Point","coordinates":[lon,lat]}, in one pass. It reports false
// for any other shape (other or repeated members, escapes, other kinds),
// which geo.ParseGeoJSON then reads; what it accepts, ParseGeoJSON reads the
// same way.
func quickPoint(b []byte) (orb.Point, bool) {
	var typ, coords []byte
	n := 0
	if !eachMember(b, func(key, val []byte) {
		n++
		switch string(key) {
		case `"type"`:
			typ = val
		case `"coordinates"`:
			coords = val
		}
	}) || n != 2 || string(typ) != `"Point"` || len(coords) == 0 || coords[0] != '[' {
		return orb.Point{}, false
	}
	var p orb.Point
	i, k := skipSpace(coords, 1), 0
	for {
		v, j, ok := number(coords, i)
		if !ok {
			return orb.Point{}, false
		}
		if k < 2 {
			p[k] = v
		}
		k++
		if i = skipSpace(coords, j); i < len(coords) && coords[i] == ',' {
			i = skipSpace(coords, i+1)
			continue
		}
		if k < 2 || i != len(coords)-1 || coords[i] != ']' {
			return orb.Point{}, false
		}
		return p, true
	}
}

// number reads the JSON number starting at b[i] as encoding/json would
// into a float64, and returns the index after it. It reports false when
// there is no valid JSON number there or it is out of range.
func number(b []byte, i int) (float64, int, bool) {
	j := i
	for j < len(b) && strings.IndexByte("0123456789+-.eE", b[j]) >= 0 {
		j++
	}
	if !isJSONNumber(b[i:j]) {
		return 0, i, false
	}
	v, err := strconv.ParseFloat(string(b[i:j]), 64)
	if err != nil {
		return 0, i, false
	}
	return v, j, true
}

// Feature is the GeoJSON Feature envelope Capella wraps requests in.
type feature[P any] struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties P               `json:"properties"`
}

// rawBody is the JSON value of an answer's body as Raw keeps it: without the
// surrounding whitespace (like the slice encoding/json hands to an
// UnmarshalJSON method), nil when empty.
func rawBody(b []byte) json.RawMessage {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	return b[:len(b):len(b)]
}

// extraMembers returns copies of the members of the JSON object b whose keys
// known does not list (exact case, as a map[string]json.RawMessage decode
// would see them), or nil when there are none. It reads b without
// allocating for known keys; b has already been decoded, so it is valid
// JSON, but anything else only ends the walk early.
func extraMembers(b []byte, known map[string]bool) map[string]json.RawMessage {
	var extra map[string]json.RawMessage
	eachMember(b, func(key, val []byte) {
		var k string
		if plainKey(key) {
			if known[string(key[1:len(key)-1])] {
				return
			}
			k = string(key[1 : len(key)-1])
		} else if k = unquoteKey(key); k == "" || known[k] {
			return
		}
		if extra == nil {
			extra = map[string]json.RawMessage{}
		}
		extra[k] = append(json.RawMessage(nil), val...)
	})
	return extra
}

// unquoteKey reads a quoted JSON key the way encoding/json does; "" if it
// cannot be read.
func unquoteKey(key []byte) string {
	var k string
	if json.Unmarshal(key, &k) != nil {
		return ""
	}
	return k
}

// plainKey reports whether the quoted JSON string key reads as its bytes:
// printable ASCII, no escapes.
func plainKey(key []byte) bool {
	if len(key) < 2 {
		return false
	}
	for _, c := range key[1 : len(key)-1] {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// eachMember calls fn with the quoted key and the value of each member of
// the JSON object b, in order. It reports whether b was read to its end as
// an object; it checks the structure only, not the values (callers pass
// JSON that encoding/json has already validated).
func eachMember(b []byte, fn func(key, val []byte)) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	if i = skipSpace(b, i+1); i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		ks := i
		i = skipString(b, i)
		key := b[ks:i]
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		vs := i
		if i = skipValue(b, i); i <= vs {
			return false
		}
		fn(key, b[vs:i])
		i = skipSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		return i < len(b) && b[i] == '}' && skipSpace(b, i+1) == len(b)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// skipString returns the index after the JSON string starting at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b)
	}
	for i < len(b) && !isSpace(b[i]) && b[i] != ',' && b[i] != '}' && b[i] != ']' {
		i++
	}
	return i
}

// isJSONNumber reports whether s is a number in JSON's grammar.
func isJSONNumber(s []byte) bool {
	digits := func(i int) int {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(i + 1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if j := digits(i); j > i {
			i = j
		} else {
			return false
		}
	}
	return i == len(s)
}

// quickString reads a JSON string of printable ASCII without escapes into
// dst, as encoding/json would; false for any other value.
func quickString(b []byte, dst *string) bool {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return false
	}
	for _, c := range b[1 : len(b)-1] {
		if c < 0x20 || c >= 0x80 || c == '\\' || c == '"' {
			return false
		}
	}
	*dst = string(b[1 : len(b)-1])
	return true
}

// quickFloat reads a JSON number as encoding/json would into a *float64;
// false for any other value (null included).
func quickFloat(b []byte) (*float64, bool) {
	v, j, ok := number(b, 0)
	if !ok || j != len(b) {
		return nil, false
	}
	return &v, true
}

// quickInteger reads a JSON integer that fits in bits, as encoding/json
// would into an int of that size; false for any other value (fractions and
// exponents included, which encoding/json rejects for integers).
func quickInteger(b []byte, bits int) (int64, bool) {
	if !isJSONNumber(b) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(b), 10, bits)
	return n, err == nil
}

// quickInt reads a JSON integer into a *int; see quickInteger.
func quickInt(b []byte) (*int, bool) {
	n, ok := quickInteger(b, strconv.IntSize)
	if !ok {
		return nil, false
	}
	v := int(n)
	return &v, true
}

// quickBool reads true or false into a *bool.
func quickBool(b []byte) (*bool, bool) {
	var v bool
	switch string(b) {
	case "true":
		v = true
	case "false":
	default:
		return nil, false
	}
	return &v, true
}

// foldsTo reports whether the ASCII key k equals one of the lower-cased
// keys of folded when case is ignored, as encoding/json matches keys.
func foldsTo(k []byte, folded map[string]bool) bool {
	var buf [32]byte
	if len(k) > len(buf) {
		return folded[strings.ToLower(string(k))]
	}
	for i, c := range k {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return folded[string(buf[:len(k)])]
}
