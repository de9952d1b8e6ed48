package planet

import (
	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// This package reads and writes JSON with encoding/json/v2 only, through the
// transport's one JSON path (see the package documentation for the rules).
// What is Planet's own is here.

// unmarshalers are Planet's additions to the transport's decoding rules.
var unmarshalers = json.UnmarshalFromFunc(readRaw)

// readRaw reads a member kept as it was sent (Order.Delivery,
// Pricing.PricingModel, BulkPayload.Errors …): null leaves it nil, so that
// "not sent" and "sent as null" read the same.
func readRaw(dec *jsontext.Decoder, v *jsontext.Value) error {
	val, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if val.Kind() == jsontext.KindNull {
		*v = nil
		return nil
	}
	*v = append((*v)[:0], val...)
	return nil
}

// geoOptions let a type holding geometries (Order and the requests) be
// marshalled and unmarshalled with encoding/json/v2 outside the client too:
// they are added when the caller gave no marshalers or unmarshalers of its
// own (the client's include the geometry rules already).
var geoOptions = geo.JSONOptions()

// nilSliceAsNull writes a list that is not set as null, as Planet does.
var nilSliceAsNull = json.FormatNilSliceAsNull(true)

// withGeoEncoding returns the options to add when encoding with enc's.
func withGeoEncoding(enc *jsontext.Encoder) []json.Options {
	if _, ok := json.GetOption(enc.Options(), json.WithMarshalers); ok {
		return nil
	}
	return []json.Options{geoOptions}
}

// withGeoDecoding returns the options to add when decoding with dec's.
func withGeoDecoding(dec *jsontext.Decoder) []json.Options {
	if _, ok := json.GetOption(dec.Options(), json.WithUnmarshalers); ok {
		return nil
	}
	return []json.Options{geoOptions}
}
