package capella

import (
	"fmt"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// CollectConstraints are the imaging constraints of a request
// (collectConstraints). The spec leaves the request schema undefined (it
// references CAPICollectConstraints, which it never defines); the fields, their
// ranges and the server defaults come from its response schemas
// (CAPICollectionTypeCollectConstraintsResponse, CAPICollectConstraintsResponse),
// which also echo server defaults. Nil and empty fields are left out.
type CollectConstraints struct {
	LookDirection  LookDirection  `json:"lookDirection,omitempty"`
	AscDsc         OrbitDirection `json:"ascDsc,omitempty"`
	OrbitalPlanes  []OrbitalPlane `json:"orbitalPlanes,omitempty"` // empty: any plane
	LocalTime      *LocalTime     `json:"localTime,omitzero"`
	OffNadirMin    *float64       `json:"offNadirMin,omitzero"`     // degrees, 0..60 (default 5)
	OffNadirMax    *float64       `json:"offNadirMax,omitzero"`     // degrees, 0..90 (default 40)
	ImageWidth     *float64       `json:"imageWidth,omitzero"`      // metres, 5000..25000 (default 5000)
	ImageLength    *float64       `json:"imageLength,omitzero"`     // metres, 1000..210000 (default 5000)
	Polarization   Polarization   `json:"polarization,omitempty"`   // default HH
	AzimuthMin     *float64       `json:"azimuthAngleMin,omitzero"` // degrees clockwise from north, 0..360
	AzimuthMax     *float64       `json:"azimuthAngleMax,omitzero"` // degrees, 0..360
	GrazingMin     *float64       `json:"grazingAngleMin,omitzero"` // degrees, 0..90 (elevationMin before 2024-04-30)
	GrazingMax     *float64       `json:"grazingAngleMax,omitzero"` // degrees, 0..90 (elevationMax before 2024-04-30)
	Squint         Squint         `json:"squint,omitempty"`         // server default disabled
	MaxSquintAngle *float64       `json:"maxSquintAngle,omitzero"`  // degrees, 0..60
	CollectMode    CollectMode    `json:"collectMode,omitempty"`    // legacy imaging mode, echoed in responses
	NumLooks       *int           `json:"numLooks,omitzero"`        // > 0 (default 9)
	SRRMin         *float64       `json:"srrMin,omitzero"`          // slant-range resolution, metres, 0.1..100
	SRRMax         *float64       `json:"srrMax,omitzero"`          // metres, 0.01..100
	AZRMin         *float64       `json:"azrMin,omitzero"`          // azimuth resolution, metres, 0.01..11.5
	AZRMax         *float64       `json:"azrMax,omitzero"`          // metres, 0.01..11.5
	GRRMin         *float64       `json:"grrMin,omitzero"`          // ground-range resolution, metres, 0.1..100 (GET by id)
	GRRMax         *float64       `json:"grrMax,omitzero"`          // metres, 0.1..100 (GET by id)
	PRFMin         *int           `json:"prfMin,omitzero"`          // GET by id
	Duration       *float64       `json:"duration,omitzero"`        // seconds (GET by id)
	// PrescribedCollectMidtime asks for (or reports) the collection time.
	PrescribedCollectMidtime time.Time        `json:"prescribedCollectMidtime,omitzero"`
	RadarParameters          *RadarParameters `json:"radarParameters,omitzero"`

	// Unknown holds the keys this version does not know (such as neszMax,
	// seen in Capella's recorded answers), kept as received (forward
	// compatibility) and sent back as they are; nil when there were none.
	// Set, it must be a JSON object whose keys repeat none of the fields
	// above.
	Unknown jsontext.Value `json:",embed"`
}

// RadarParameters are the radar settings of a collect (schema
// auto_ops__data_models__capi_constraints__CAPIRadarParameters; list answers
// carry only bandwidth).
type RadarParameters struct {
	PRF             []jsontext.Value `json:"prf,omitempty"`      // items the spec leaves undeclared
	Bandwidth       *float64         `json:"bandwidth,omitzero"` // Hz
	CenterFrequency *int64           `json:"centerFrequency,omitzero"`
	Upchirp         *bool            `json:"upchirp,omitzero"`
	Method          RadarMethod      `json:"method,omitempty"`
	GroundPoly      []float64        `json:"ground_poly,omitempty"`
	Mode            RadarMode        `json:"mode,omitempty"`
}

// constraintsAlias is CollectConstraints without its methods, for the
// default decoding.
type constraintsAlias CollectConstraints

// constraintsWire is how the constraints are decoded: with the pre-2024
// names of the grazing angles.
type constraintsWire struct {
	constraintsAlias
	ElevationMin *float64 `json:"elevationMin"`
	ElevationMax *float64 `json:"elevationMax"`
}

// UnmarshalJSONFrom reads the constraints in one pass: the pre-2024
// elevationMin and elevationMax (capella.md 4.2, documented drift) fill the
// grazing angles when those are absent, localTime may be pairs or a
// LocalTimeOption, and keys this version does not know go to Unknown. A
// member of the wrong type is an error.
func (c *CollectConstraints) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var w constraintsWire
	err := json.UnmarshalDecode(dec, &w)
	*c = CollectConstraints(w.constraintsAlias)
	if c.GrazingMin == nil {
		c.GrazingMin = w.ElevationMin
	}
	if c.GrazingMax == nil {
		c.GrazingMax = w.ElevationMax
	}
	return err
}

// LocalTime restricts collection to times of the local day: either Ranges of
// [start, end] seconds within 0..86400, or one of the named Options (which
// Capella's response schemas allow and its answers may echo). Set one.
type LocalTime struct {
	Ranges [][2]float64
	Option LocalTimeOption
}

// MarshalJSONTo writes the option as a string, or the ranges as pairs.
func (l LocalTime) MarshalJSONTo(enc *jsontext.Encoder) error {
	if l.Option != "" {
		return enc.WriteToken(jsontext.String(string(l.Option)))
	}
	if err := enc.WriteToken(jsontext.BeginArray); err != nil {
		return err
	}
	for _, r := range l.Ranges {
		for _, tok := range []jsontext.Token{jsontext.BeginArray, jsontext.Float(r[0]), jsontext.Float(r[1]), jsontext.EndArray} {
			if err := enc.WriteToken(tok); err != nil {
				return err
			}
		}
	}
	return enc.WriteToken(jsontext.EndArray)
}

// UnmarshalJSONFrom reads a LocalTimeOption string or an array of
// [start, end] pairs (the response schemas allow both: capella.md 4.2). A
// pair with one number is an empty range at that second; numbers past the
// second of a pair are ignored. Anything else is an error.
func (l *LocalTime) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*l = LocalTime{}
	switch k := dec.PeekKind(); k {
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		l.Option = LocalTimeOption(tok.String())
		return nil
	case '[':
	case 'n':
		_, err := dec.ReadToken()
		return err
	default:
		if err := dec.SkipValue(); err != nil {
			return err
		}
		return fmt.Errorf("want [start, end] pairs or a string, got %v", k)
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for {
		switch k := dec.PeekKind(); k {
		case ']':
			_, err := dec.ReadToken()
			return err
		case '[':
		default:
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			return fmt.Errorf("want a [start, end] pair, got %v", k)
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		var pair [2]float64
		n := 0
		for dec.PeekKind() != ']' {
			tok, err := dec.ReadToken()
			if err != nil {
				return err
			}
			if tok.Kind() != '0' {
				return fmt.Errorf("want a number of seconds, got %v", tok.Kind())
			}
			v, err := tok.Float()
			if err != nil {
				return err
			}
			if n < 2 {
				pair[n] = v
			}
			n++
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		switch n {
		case 0:
		case 1:
			l.Ranges = append(l.Ranges, [2]float64{pair[0], pair[0]})
		default:
			l.Ranges = append(l.Ranges, pair)
		}
	}
}

// Seconds returns the local-time ranges in seconds of the day, expanding a
// named option as Capella's SDK does (day 6:00–18:00, night the rest).
func (l LocalTime) Seconds() [][2]float64 {
	switch l.Option {
	case LocalTimeDay:
		return [][2]float64{{21600, 64800}}
	case LocalTimeNight:
		return [][2]float64{{0, 21600}, {64800, 86400}}
	case LocalTimeAnytime:
		return [][2]float64{{0, 86400}}
	}
	return append([][2]float64(nil), l.Ranges...)
}

// ProcessingConfig says which products to generate (processingConfig;
// schemas ProcessingConfigRequest and ProcessingConfigResponse).
type ProcessingConfig struct {
	ProductTypes []ProductType `json:"productTypes,omitempty"`
	IsSandbox    *bool         `json:"isSandbox,omitzero"` // responses only
}

// Float returns a pointer to v, for the optional numbers of
// CollectConstraints.
func Float(v float64) *float64 { return &v }

// Int returns a pointer to v, for optional integers.
func Int(v int) *int { return &v }

// String returns a pointer to v, for optional strings such as the custom
// attributes of an update.
func String(v string) *string { return &v }

// Bool returns a pointer to v, for optional booleans.
func Bool(v bool) *bool { return &v }
