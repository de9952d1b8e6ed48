package clearsky

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small strict JSON scanner over byte slices for the decoders' one-pass
// fast paths (order lists and orders, tile references, the estimate's extra
// members, the Succeeded check). It accepts exactly the JSON that
// encoding/json accepts (RFC 8259, nesting up to encoding/json's limit) and
// does not allocate. The fast paths read the plain forms the API sends and
// hand anything else to encoding/json, so that results and errors stay those
// of encoding/json; fastpath_test.go holds them to it.

// maxNestingDepth is encoding/json's limit on nested arrays and objects.
const maxNestingDepth = 10000

// String flags reported by scanString.
const (
	strEscaped = 1 << iota // holds a backslash escape
	strHigh                // holds a byte ≥ 0x80 (maybe invalid UTF-8)
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// strPlain marks the bytes a JSON string holds as they are: printable
// ASCII other than the quote and the backslash.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads the string that starts at b[i] == '"' and returns the
// index just past its closing quote, with its flags; -1 if it is not a valid
// JSON string.
func scanString(b []byte, i int) (end, flags int) {
	for i++; i < len(b); i++ {
		c := b[i]
		if strPlain[c] {
			continue
		}
		switch {
		case c == '"':
			return i + 1, flags
		case c == '\\':
			flags |= strEscaped
			i++
			if i >= len(b) {
				return -1, 0
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
					return -1, 0
				}
				i += 4
			default:
				return -1, 0
			}
		case c < 0x20:
			return -1, 0
		default:
			flags |= strHigh
		}
	}
	return -1, 0
}

// scanNumber reads the number that starts at b[i] and returns the index just
// past it, or -1. What follows is the caller's to check.
func scanNumber(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return -1
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		for i++; i < len(b) && isDigit(b[i]); i++ {
		}
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			return -1
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return -1
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	return i
}

// skipValue checks the value that starts at b[i] (no leading space), nested
// in depth arrays and objects, and returns the index just past it, or -1.
func skipValue(b []byte, i, depth int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		end, _ := scanString(b, i)
		return end
	case '{':
		if depth >= maxNestingDepth {
			return -1
		}
		it := objIter{b: b, i: i + 1, depth: depth + 1}
		for it.next() {
			it.skip()
		}
		return it.end()
	case '[':
		if depth >= maxNestingDepth {
			return -1
		}
		it := arrIter{b: b, i: i + 1, depth: depth + 1}
		for it.next() {
			it.skip()
		}
		return it.end()
	case 't':
		return literal(b, i, "true")
	case 'f':
		return literal(b, i, "false")
	case 'n':
		return literal(b, i, "null")
	}
	return scanNumber(b, i)
}

func literal(b []byte, i int, lit string) int {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
		return i + len(lit)
	}
	return -1
}

// isNullAt reports whether the value at b[i] is null.
func isNullAt(b []byte, i int) bool { return literal(b, i, "null") >= 0 }

// objIter walks the members of an object in one pass. Start it just past
// the '{' with depth the object's own nesting level (1 for a top-level
// object). Each next reports a member's key (without quotes; flags in
// keyFlags) and leaves i at the first byte of its value, which the caller
// then consumes: skip checks it, or a decoder reads it and set moves i past
// it. When next returns false, end gives the index just past the '}', or -1
// for a malformed object.
type objIter struct {
	b        []byte
	i        int
	depth    int
	n        int
	bad      bool
	key      []byte
	keyFlags int
	keyAt    int // index of the key's opening quote
}

// quotedKey returns the current key as it is written, quotes included.
func (it *objIter) quotedKey() []byte { return it.b[it.keyAt : it.keyAt+len(it.key)+2] }

func (it *objIter) next() bool {
	if it.bad {
		return false
	}
	b := it.b
	i := skipSpace(b, it.i)
	if i >= len(b) {
		it.bad = true
		return false
	}
	if b[i] == '}' {
		it.i = i + 1
		return false
	}
	if it.n > 0 {
		if b[i] != ',' {
			it.bad = true
			return false
		}
		i = skipSpace(b, i+1)
	}
	if i >= len(b) || b[i] != '"' {
		it.bad = true
		return false
	}
	end, flags := scanString(b, i)
	if end < 0 {
		it.bad = true
		return false
	}
	it.key, it.keyFlags, it.keyAt = b[i+1:end-1], flags, i
	i = skipSpace(b, end)
	if i >= len(b) || b[i] != ':' {
		it.bad = true
		return false
	}
	it.i = skipSpace(b, i+1)
	it.n++
	return true
}

// skip consumes the current value, checking it.
func (it *objIter) skip() bool { return it.set(skipValue(it.b, it.i, it.depth)) }

// set consumes the current value up to end; end < 0 marks the object
// malformed (or not for the fast path) and reports false.
func (it *objIter) set(end int) bool {
	if end < 0 {
		it.bad = true
		return false
	}
	it.i = end
	return true
}

func (it *objIter) end() int {
	if it.bad {
		return -1
	}
	return it.i
}

// arrIter walks the elements of an array as objIter does an object's
// members.
type arrIter struct {
	b     []byte
	i     int
	depth int
	n     int
	bad   bool
}

func (it *arrIter) next() bool {
	if it.bad {
		return false
	}
	b := it.b
	i := skipSpace(b, it.i)
	if i >= len(b) {
		it.bad = true
		return false
	}
	if b[i] == ']' {
		it.i = i + 1
		return false
	}
	if it.n > 0 {
		if b[i] != ',' {
			it.bad = true
			return false
		}
		i = skipSpace(b, i+1)
	}
	it.i = i
	it.n++
	return true
}

func (it *arrIter) skip() bool { return it.set(skipValue(it.b, it.i, it.depth)) }

func (it *arrIter) set(end int) bool {
	if end < 0 {
		it.bad = true
		return false
	}
	it.i = end
	return true
}

func (it *arrIter) end() int {
	if it.bad {
		return -1
	}
	return it.i
}

// wholeValue returns the index of the value that is all of b but
// surrounding space, or -1 when b is only space.
func wholeValue(b []byte) int {
	i := skipSpace(b, 0)
	if i >= len(b) {
		return -1
	}
	return i
}

// atEnd reports whether only space follows b[end:] (end ≥ 0).
func atEnd(b []byte, end int) bool { return end >= 0 && skipSpace(b, end) == len(b) }

// keyIs reports whether the current key matches a struct field's JSON name
// as encoding/json matches it: exactly, or else case-insensitively. name is
// ASCII.
func (it *objIter) keyIs(name string) bool {
	if it.keyFlags == 0 {
		return asciiEqualFold(it.key, name)
	}
	// Escapes or non-ASCII: compare the decoded key with Unicode folding,
	// as encoding/json does (rare; this allocates).
	var s string
	return unquoteSlow(it.quotedKey(), &s) && strings.EqualFold(s, name)
}

func asciiEqualFold(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// decodeString reads the JSON string or null at b[i] as encoding/json
// decodes it into a string field (null leaves *dst alone) and returns the
// index just past it; -1 for any other value. Plain strings are converted
// directly; known enum values are not allocated again.
func decodeString(b []byte, i int, dst *string) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case 'n':
		return literal(b, i, "null")
	case '"':
	default:
		return -1
	}
	end, flags := scanString(b, i)
	if end < 0 {
		return -1
	}
	s := b[i+1 : end-1]
	if flags&strEscaped == 0 && (flags&strHigh == 0 || utf8.Valid(s)) {
		if k, ok := knownStrings[string(s)]; ok {
			*dst = k
		} else {
			*dst = string(s)
		}
		return end
	}
	if !unquoteSlow(b[i:end], dst) {
		return -1
	}
	return end
}

// unquoteSlow lets encoding/json unquote a string with escapes or invalid
// UTF-8. It is apart from decodeString so that dst does not escape there.
//
//go:noinline
func unquoteSlow(v []byte, dst *string) bool {
	var s string
	if json.Unmarshal(v, &s) != nil {
		return false
	}
	*dst = s
	return true
}

// knownStrings interns the enum values orders carry, so that decoding them
// does not allocate.
var knownStrings = func() map[string]string {
	m := map[string]string{}
	for _, s := range OrderingProcessStatuses() {
		m[string(s)] = string(s)
	}
	for _, s := range Models() {
		m[string(s)] = string(s)
	}
	for _, s := range SatelliteConstellations() {
		m[string(s)] = string(s)
	}
	for _, s := range BillingCycles() {
		m[string(s)] = string(s)
	}
	return m
}()

// decodeInt reads the JSON integer or null at b[i] as encoding/json decodes
// it into an int field and returns the index just past it; -1 for anything
// else (fractions, exponents, strings, out of range), which encoding/json
// reports as an error.
func decodeInt(b []byte, i int, dst *int) int {
	if i < len(b) && b[i] == 'n' {
		return literal(b, i, "null")
	}
	end := scanNumber(b, i)
	if end < 0 {
		return -1
	}
	v := b[i:end]
	neg := v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) > 18 {
		return -1 // leave range checks to encoding/json
	}
	var n int64
	for _, c := range v {
		if !isDigit(c) {
			return -1
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	if int64(int(n)) != n {
		return -1
	}
	*dst = int(n)
	return end
}

// decodeFloat reads the JSON number or null at b[i] as encoding/json
// decodes it into a float64 field and returns the index just past it; -1
// for anything else.
func decodeFloat(b []byte, i int, dst *float64) int {
	if i < len(b) && b[i] == 'n' {
		return literal(b, i, "null")
	}
	end := scanNumber(b, i)
	if end < 0 {
		return -1
	}
	f, err := strconv.ParseFloat(string(b[i:end]), 64)
	if err != nil {
		return -1
	}
	*dst = f
	return end
}
