package capellatest

import (
	"errors"
	"strconv"

	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// The simulator's JSON is the SDK's: encoding/json/v2. Answers are written
// with geo.JSONOptions (geometries as GeoJSON); request bodies are read as
// generic values whose numbers keep their text, so that the spec's integer
// and range rules are checked on what the client wrote.

// jsonOpts are the options of every answer the simulator writes and of the
// typed values it reads.
var jsonOpts = json.JoinOptions(geo.JSONOptions(), json.MatchCaseInsensitiveNames(true))

// number is a JSON number of a request body, as it was written.
type number string

// Float64 reads the number as a float64.
func (n number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// Int64 reads the number as an integer; a fraction or an exponent is an
// error.
func (n number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// MarshalJSONTo writes the number as it came.
func (n number) MarshalJSONTo(enc *jsontext.Encoder) error { return enc.WriteValue(jsontext.Value(n)) }

// bodyOptions read a request body as one generic JSON value: objects as
// map[string]any, arrays as []any, numbers as number, strings, booleans and
// null as Go values. Duplicate names (the last wins) and invalid UTF-8 are
// accepted, as Capella's servers do; anything after the value is an error.
var bodyOptions = json.JoinOptions(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true),
	json.WithUnmarshalers(json.UnmarshalFromFunc(func(dec *jsontext.Decoder, v *any) error {
		if dec.PeekKind() != '0' {
			*v = nil // a repeated name replaces its value, never merges into it
			return errors.ErrUnsupported
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*v = number(tok.String())
		return nil
	})))

// readBody reads a whole body with bodyOptions.
func readBody(body []byte) (any, error) {
	var v any
	if err := json.Unmarshal(body, &v, bodyOptions); err != nil {
		return nil, err
	}
	return v, nil
}
