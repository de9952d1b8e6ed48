package transport

import (
	"errors"
	"strconv"
	"strings"

	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Marshal encodes v as the client sends request bodies. A value that cannot
// be written as JSON (a string that is not valid UTF-8, a NaN, a value
// whose own marshaler fails) is the caller's input: the error is a
// *tasking.ValidationError naming the member by its wire path, and nothing
// is sent.
func (c *Client) Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v, c.json.enc)
	if err != nil {
		return nil, encodeError(err)
	}
	return b, nil
}

// encodeError turns an encoding failure into a *tasking.ValidationError
// whose Field is the failing member's path ("properties.name",
// "coordinates[0][1]"), taken from the JSON pointer encoding/json/v2 reports.
func encodeError(err error) *tasking.ValidationError {
	var p jsontext.Pointer
	cause := err
	var se *json.SemanticError
	var sy *jsontext.SyntacticError
	if errors.As(err, &se) {
		p, cause = se.JSONPointer, se.Err
	}
	if errors.As(err, &sy) {
		if p == "" {
			p = sy.JSONPointer
		}
		cause = sy.Err
	}
	reason := "cannot be sent as JSON"
	if cause != nil {
		reason += ": " + cause.Error()
	}
	return &tasking.ValidationError{Field: fieldPath(p), Reason: reason, Err: err}
}

// fieldPath writes a JSON pointer as a field path: names joined by dots,
// array indexes in brackets ("/a/0/b" is "a[0].b"). A name made of digits
// reads as an index; the pointer alone cannot tell them apart.
func fieldPath(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.ParseUint(tok, 10, 64); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}
