package capellatest

import (
	"bytes"
	"errors"
	"io"
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

// readBody reads a whole body as one generic JSON value: objects as
// map[string]any, arrays as []any, numbers as number, strings, booleans and
// null as Go values. Duplicate names (the last wins) and invalid UTF-8 are
// accepted, as Capella's servers do; anything after the value is an error.
func readBody(body []byte) (any, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	v, err := readValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON value")
		}
		return nil, err
	}
	return v, nil
}

// readValue reads one value of dec; see readBody.
func readValue(dec *jsontext.Decoder) (any, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case '{':
		m := map[string]any{}
		for dec.PeekKind() != '}' {
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, err
			}
			name := tok.String() // before the next read voids tok
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			m[name] = v
		}
		_, err := dec.ReadToken()
		return m, err
	case '[':
		a := []any{}
		for dec.PeekKind() != ']' {
			v, err := readValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.ReadToken()
		return a, err
	case 'n':
		return nil, nil
	case 't', 'f':
		return tok.Bool(), nil
	case '"':
		return tok.String(), nil
	default: // a number
		return number(tok.String()), nil
	}
}
