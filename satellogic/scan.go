package satellogic

import (
	"strconv"
	"unicode/utf8"
)

// scan reads JSON tokens from b for the single-pass fast paths (decodeTaskFast,
// fastGeometry). Every method reports failure rather than panicking, on any
// input; a fast path that meets anything it does not handle exactly as
// encoding/json would gives up, and its caller falls back to encoding/json.
type scan struct {
	b []byte
	i int
}

// maxSkipDepth bounds the nesting skipValue follows; deeper values are left
// to encoding/json.
const maxSkipDepth = 64

func (s *scan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// consume skips white space and then c, reporting whether c was there.
func (s *scan) consume(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// atEnd reports whether only white space is left.
func (s *scan) atEnd() bool {
	s.ws()
	return s.i == len(s.b)
}

// literal skips white space and then lit ("null", "true", "false"),
// reporting whether it was there.
func (s *scan) literal(lit string) bool {
	s.ws()
	if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
		s.i += len(lit)
		return true
	}
	return false
}

// plainString reads a string made only of printable ASCII without escapes,
// returning its contents (in b, not a copy).
func (s *scan) plainString() ([]byte, bool) {
	if !s.consume('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// text reads a string without escapes or control characters holding valid
// UTF-8, the strings encoding/json copies as they are, and returns it.
func (s *scan) text() (string, bool) {
	raw, ok := s.rawText()
	if !ok {
		return "", false
	}
	v := raw[1 : len(raw)-1]
	for _, c := range v {
		if c >= utf8.RuneSelf {
			if !utf8.Valid(v) {
				return "", false
			}
			break
		}
	}
	return string(v), true
}

// rawText reads a string without escapes or control characters and returns
// it quotes included (in b, not a copy).
func (s *scan) rawText() ([]byte, bool) {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	start := s.i
	for s.i++; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start:s.i], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// numberToken reads one JSON number and returns its text (in b).
func (s *scan) numberToken() ([]byte, bool) {
	s.ws()
	b, start := s.b, s.i
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false
		}
	}
	s.i = i
	return b[start:i], true
}

// number reads one JSON number as a float64, as encoding/json does; it fails
// on numbers out of the float64 range.
func (s *scan) number() (float64, bool) {
	tok, ok := s.numberToken()
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	return f, err == nil
}

// integer reads one JSON number that fits an int, as encoding/json does (no
// fraction, no exponent).
func (s *scan) integer() (int, bool) {
	n, ok := s.integer64()
	if !ok || int64(int(n)) != n {
		return 0, false
	}
	return int(n), true
}

// integer64 reads one JSON number that fits an int64, as encoding/json does (no
// fraction, no exponent).
func (s *scan) integer64() (int64, bool) {
	tok, ok := s.numberToken()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(string(tok), 10, 64)
	return n, err == nil
}

// skipString skips a string, checking its escapes.
func (s *scan) skipString() bool {
	if !s.consume('"') {
		return false
	}
	for s.i < len(s.b) {
		c := s.b[s.i]
		s.i++
		switch {
		case c == '"':
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if s.i >= len(s.b) {
				return false
			}
			e := s.b[s.i]
			s.i++
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(s.b)-s.i < 4 {
					return false
				}
				for _, h := range s.b[s.i : s.i+4] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				s.i += 4
			default:
				return false
			}
		}
	}
	return false
}

// skipValue skips any JSON value, checking it, down to maxSkipDepth.
func (s *scan) skipValue(depth int) bool {
	if depth > maxSkipDepth {
		return false
	}
	s.ws()
	if s.i >= len(s.b) {
		return false
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		if s.consume('}') {
			return true
		}
		for {
			if !s.skipString() || !s.consume(':') || !s.skipValue(depth+1) {
				return false
			}
			if !s.consume(',') {
				return s.consume('}')
			}
		}
	case '[':
		s.i++
		if s.consume(']') {
			return true
		}
		for {
			if !s.skipValue(depth + 1) {
				return false
			}
			if !s.consume(',') {
				return s.consume(']')
			}
		}
	case '"':
		return s.skipString()
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	_, ok := s.numberToken()
	return ok
}

// numberArrays skips an array made only of nested arrays, numbers and white
// space, returning it; it checks neither the nesting nor the numbers.
func (s *scan) numberArrays() ([]byte, bool) {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return nil, false
	}
	start, depth := s.i, 0
	for ; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				s.i++
				return s.b[start:s.i], true
			}
		case ',', '-', '+', '.', 'e', 'E', ' ', '\t', '\n', '\r',
			'0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		default:
			return nil, false
		}
	}
	return nil, false
}
