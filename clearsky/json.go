package clearsky

import (
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
	var s string
	switch v.Kind() {
	case '0':
		s = string(v)
	case '"':
		if json.Unmarshal(v, &s, transport.LenientJSON()) != nil {
			return nil
		}
	default:
		return nil
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		a.p = &f
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
	n, _ := number(v)
	*c = lenientCode(n)
	return nil
}

// number reads a JSON number, or a string holding one (surrounding space
// allowed), as an int; a fraction is truncated. ok is false for anything
// else.
func number(v jsontext.Value) (n int, ok bool) {
	var s string
	switch v.Kind() {
	case '0':
		s = string(v)
	case '"':
		if err := json.Unmarshal(v, &s, transport.LenientJSON()); err != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	default:
		return 0, false
	}
	if i, err := strconv.Atoi(s); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
		return int(f), true
	}
	return 0, false
}
