package clearsky

import (
	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// WKT is a geometry the API sends as a WKT string (an order's Wkt, a tile's
// DataGeogWkt, an estimate's AreasOfInterestWkt, a tile reference's Wkt):
// the text as received and the geometry it holds, read with geo.ParseWKT
// (orb's WKT decoder) while the answer is decoded.
//
// Only the JSON type is strict: a member that is not a string (or null) is
// a decoding error, but a string that is not readable WKT leaves Geometry
// nil and keeps Text, so that one odd footprint does not lose the answer.
type WKT struct {
	Text     string       // as sent; "" when absent or null
	Geometry orb.Geometry // Text parsed; nil when absent or unreadable
}

// NewWKT returns g with its WKT text.
func NewWKT(g orb.Geometry) WKT {
	if g == nil {
		return WKT{}
	}
	return WKT{Text: geo.WKT(g), Geometry: g}
}

// IsZero reports whether w holds neither text nor a geometry.
func (w WKT) IsZero() bool { return w.Text == "" && w.Geometry == nil }

// String returns the text, or the geometry written as WKT when there is no
// text.
func (w WKT) String() string {
	if w.Text == "" && w.Geometry != nil {
		return geo.WKT(w.Geometry)
	}
	return w.Text
}

// UnmarshalJSONFrom reads a WKT string or null.
func (w *WKT) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	text, err := readString(dec, "a WKT string")
	if err != nil {
		return err
	}
	*w = WKT{Text: text}
	if text != "" {
		if g, err := geo.ParseWKT(text); err == nil {
			w.Geometry = g
		}
	}
	return nil
}

// MarshalJSONTo writes the text (the geometry as WKT when there is no
// text), or null when w is zero.
func (w WKT) MarshalJSONTo(enc *jsontext.Encoder) error {
	if w.IsZero() {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteToken(jsontext.String(w.String()))
}
