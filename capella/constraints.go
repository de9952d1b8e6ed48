package capella

import (
	"bytes"
	"encoding/json"
	"time"
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
	LocalTime      *LocalTime     `json:"localTime,omitempty"`
	OffNadirMin    *float64       `json:"offNadirMin,omitempty"`     // degrees, 0..60 (default 5)
	OffNadirMax    *float64       `json:"offNadirMax,omitempty"`     // degrees, 0..90 (default 40)
	ImageWidth     *float64       `json:"imageWidth,omitempty"`      // metres, 5000..25000 (default 5000)
	ImageLength    *float64       `json:"imageLength,omitempty"`     // metres, 1000..210000 (default 5000)
	Polarization   Polarization   `json:"polarization,omitempty"`    // default HH
	AzimuthMin     *float64       `json:"azimuthAngleMin,omitempty"` // degrees clockwise from north, 0..360
	AzimuthMax     *float64       `json:"azimuthAngleMax,omitempty"` // degrees, 0..360
	GrazingMin     *float64       `json:"grazingAngleMin,omitempty"` // degrees, 0..90 (elevationMin before 2024-04-30)
	GrazingMax     *float64       `json:"grazingAngleMax,omitempty"` // degrees, 0..90 (elevationMax before 2024-04-30)
	Squint         Squint         `json:"squint,omitempty"`          // server default disabled
	MaxSquintAngle *float64       `json:"maxSquintAngle,omitempty"`  // degrees, 0..60
	CollectMode    CollectMode    `json:"collectMode,omitempty"`     // legacy imaging mode, echoed in responses
	NumLooks       *int           `json:"numLooks,omitempty"`        // > 0 (default 9)
	SRRMin         *float64       `json:"srrMin,omitempty"`          // slant-range resolution, metres, 0.1..100
	SRRMax         *float64       `json:"srrMax,omitempty"`          // metres, 0.01..100
	AZRMin         *float64       `json:"azrMin,omitempty"`          // azimuth resolution, metres, 0.01..11.5
	AZRMax         *float64       `json:"azrMax,omitempty"`          // metres, 0.01..11.5
	GRRMin         *float64       `json:"grrMin,omitempty"`          // ground-range resolution, metres, 0.1..100 (GET by id)
	GRRMax         *float64       `json:"grrMax,omitempty"`          // metres, 0.1..100 (GET by id)
	PRFMin         *int           `json:"prfMin,omitempty"`          // GET by id
	Duration       *float64       `json:"duration,omitempty"`        // seconds (GET by id)
	// PrescribedCollectMidtime asks for (or reports) the collection time.
	PrescribedCollectMidtime time.Time        `json:"-"`
	RadarParameters          *RadarParameters `json:"radarParameters,omitempty"`

	// Extra holds keys this version does not know (such as neszMax, seen in
	// Capella's recorded answers); they are decoded and sent back as they are.
	Extra map[string]json.RawMessage `json:"-"`
}

// RadarParameters are the radar settings of a collect (schema
// auto_ops__data_models__capi_constraints__CAPIRadarParameters; list answers
// carry only bandwidth).
type RadarParameters struct {
	PRF             []json.RawMessage `json:"prf,omitempty"`
	Bandwidth       *float64          `json:"bandwidth,omitempty"` // Hz
	CenterFrequency *int64            `json:"centerFrequency,omitempty"`
	Upchirp         *bool             `json:"upchirp,omitempty"`
	Method          RadarMethod       `json:"method,omitempty"`
	GroundPoly      []float64         `json:"ground_poly,omitempty"`
	Mode            RadarMode         `json:"mode,omitempty"`
}

type constraintsAlias CollectConstraints

var constraintKeys = map[string]bool{
	"lookDirection": true, "ascDsc": true, "orbitalPlanes": true, "localTime": true, "offNadirMin": true,
	"offNadirMax": true, "imageWidth": true, "imageLength": true, "polarization": true,
	"azimuthAngleMin": true, "azimuthAngleMax": true, "grazingAngleMin": true, "grazingAngleMax": true,
	"squint": true, "maxSquintAngle": true, "collectMode": true, "numLooks": true, "srrMin": true,
	"srrMax": true, "azrMin": true, "azrMax": true, "grrMin": true, "grrMax": true, "prfMin": true,
	"duration": true, "prescribedCollectMidtime": true, "radarParameters": true,
	"elevationMin": true, "elevationMax": true,
}

// UnmarshalJSON reads the constraints leniently: unknown keys go to Extra,
// the pre-2024 elevationMin/elevationMax fill the grazing angles, and
// localTime may be pairs or a LocalTimeOption.
func (c *CollectConstraints) UnmarshalJSON(b []byte) error {
	var aux struct {
		*constraintsAlias
		Midtime      wireTime `json:"prescribedCollectMidtime"`
		ElevationMin *float64 `json:"elevationMin"`
		ElevationMax *float64 `json:"elevationMax"`
	}
	*c = CollectConstraints{}
	aux.constraintsAlias = (*constraintsAlias)(c)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.PrescribedCollectMidtime = time.Time(aux.Midtime)
	if c.GrazingMin == nil {
		c.GrazingMin = aux.ElevationMin
	}
	if c.GrazingMax == nil {
		c.GrazingMax = aux.ElevationMax
	}
	var all map[string]json.RawMessage
	if json.Unmarshal(b, &all) == nil {
		for k, v := range all {
			if !constraintKeys[k] {
				if c.Extra == nil {
					c.Extra = map[string]json.RawMessage{}
				}
				c.Extra[k] = v
			}
		}
	}
	return nil
}

// MarshalJSON writes the set fields and Extra's keys.
func (c CollectConstraints) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(struct {
		constraintsAlias
		Midtime *wireTime `json:"prescribedCollectMidtime,omitempty"`
	}{constraintsAlias(c), optTime(c.PrescribedCollectMidtime)})
	if err != nil || len(c.Extra) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range c.Extra {
		if _, set := m[k]; !set && !constraintKeys[k] && json.Valid(v) {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// LocalTime restricts collection to times of the local day: either Ranges of
// [start, end] seconds within 0..86400, or one of the named Options (which
// Capella's response schemas allow and its answers may echo). Set one.
type LocalTime struct {
	Ranges [][2]float64
	Option LocalTimeOption
}

// MarshalJSON writes the option as a string, or the ranges as pairs.
func (l LocalTime) MarshalJSON() ([]byte, error) {
	if l.Option != "" {
		return json.Marshal(string(l.Option))
	}
	if l.Ranges == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.Ranges)
}

// UnmarshalJSON reads pairs or a string; a pair with one number is read as
// an empty range at that second.
func (l *LocalTime) UnmarshalJSON(b []byte) error {
	*l = LocalTime{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		l.Option = LocalTimeOption(s)
		return nil
	}
	var pairs [][]float64
	if err := json.Unmarshal(b, &pairs); err != nil {
		return err
	}
	for _, p := range pairs {
		switch len(p) {
		case 0:
		case 1:
			l.Ranges = append(l.Ranges, [2]float64{p[0], p[0]})
		default:
			l.Ranges = append(l.Ranges, [2]float64{p[0], p[1]})
		}
	}
	return nil
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
	IsSandbox    *bool         `json:"isSandbox,omitempty"` // responses only
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
