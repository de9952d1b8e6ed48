package clearsky

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/eotask/eotask/internal/transport"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// lenientAmount is an amount of a CostSummary: a JSON number or a string
// holding one; anything else leaves it nil.
type lenientAmount struct{ p *float64 }

// UnmarshalJSONFrom reads the amount; it fails only on malformed JSON.
func (a *lenientAmount) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if s, ok := scalarText(v); ok {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			a.p = &f
		}
	}
	return nil
}

// lenientCode is an error code read leniently (see ServiceError): a JSON
// number or a string holding one; anything else is 0 (none).
type lenientCode int

// UnmarshalJSONFrom reads the code; it fails only on malformed JSON.
func (c *lenientCode) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	s, _ := scalarText(v)
	n, _ := atoi(s)
	*c = lenientCode(n)
	return nil
}

// scalarText returns the text of a JSON number, or of a JSON string with
// surrounding space trimmed; ok is false for any other kind (null included).
func scalarText(v jsontext.Value) (s string, ok bool) {
	switch v.Kind() {
	case '0':
		return string(v), true
	case '"':
		if err := json.Unmarshal(v, &s, transport.LenientJSON()); err != nil {
			return "", false
		}
		return strings.TrimSpace(s), true
	}
	return "", false
}

// atoi reads s as an int; a fraction is truncated. ok is false when s is
// not a finite number.
func atoi(s string) (n int, ok bool) {
	if i, err := strconv.Atoi(s); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
		return int(f), true
	}
	return 0, false
}

// readString reads a JSON string, or null as ""; any other JSON type is an
// error saying what was wanted.
func readString(dec *jsontext.Decoder, want string) (string, error) {
	switch k := dec.PeekKind(); k {
	case '"', 'n', 0: // 0: ReadToken reports the syntax error
	default:
		return "", fmt.Errorf("want %s, got %s", want, k)
	}
	tok, err := dec.ReadToken()
	if err != nil || tok.Kind() != '"' {
		return "", err
	}
	return tok.String(), nil
}
