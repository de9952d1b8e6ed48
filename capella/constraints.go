package capella

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
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

// constraintKeyList lists the keys CollectConstraints declares (with the
// pre-2024 elevation names); everything else goes to Extra.
var constraintKeyList = []string{
	"lookDirection", "ascDsc", "orbitalPlanes", "localTime", "offNadirMin", "offNadirMax", "imageWidth",
	"imageLength", "polarization", "azimuthAngleMin", "azimuthAngleMax", "grazingAngleMin", "grazingAngleMax",
	"squint", "maxSquintAngle", "collectMode", "numLooks", "srrMin", "srrMax", "azrMin", "azrMax", "grrMin",
	"grrMax", "prfMin", "duration", "prescribedCollectMidtime", "radarParameters", "elevationMin", "elevationMax",
}

var (
	constraintKeys   = map[string]bool{}
	constraintIndex  = map[string]int{}  // key → bit of quickConstraints' duplicate check
	constraintFolded = map[string]bool{} // lower-cased keys, for encoding/json's case-insensitive match
)

func init() {
	for i, k := range constraintKeyList {
		constraintKeys[k], constraintIndex[k], constraintFolded[strings.ToLower(k)] = true, i, true
	}
}

// UnmarshalJSON reads the constraints leniently: unknown keys go to Extra,
// the pre-2024 elevationMin/elevationMax fill the grazing angles, and
// localTime may be pairs or a LocalTimeOption. The common forms are read in
// one pass (quickConstraints); anything else through encoding/json.
func (c *CollectConstraints) UnmarshalJSON(b []byte) error {
	if q, ok := quickConstraints(b); ok {
		*c = q
		return nil
	}
	return c.unmarshalSlow(b)
}

// unmarshalSlow is UnmarshalJSON through encoding/json.
func (c *CollectConstraints) unmarshalSlow(b []byte) error {
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
	c.Extra = extraMembers(b, constraintKeys)
	return nil
}

// quickConstraints reads the constraints in one pass over b, without
// encoding/json, when every member has the form Capella sends: plain keys
// (each at most once, none differing from a declared key only in case),
// plain ASCII strings, numbers, booleans, pairs, and radarParameters with
// bandwidth, centerFrequency, upchirp, method and mode. It reports false
// for anything else (nulls, escapes, type mismatches, malformed JSON…), and
// UnmarshalJSON then takes the encoding/json path; what it accepts, that
// path reads the same way.
func quickConstraints(b []byte) (CollectConstraints, bool) {
	var c CollectConstraints
	var elevMin, elevMax *float64
	var seen uint64
	ok := true
	whole := eachMember(b, func(key, val []byte) {
		if !ok {
			return
		}
		if !plainKey(key) {
			ok = false
			return
		}
		k := key[1 : len(key)-1]
		i, known := constraintIndex[string(k)]
		if !known {
			if ok = !foldsTo(k, constraintFolded) && json.Valid(val); ok {
				if c.Extra == nil {
					c.Extra = map[string]json.RawMessage{}
				}
				c.Extra[string(k)] = append(json.RawMessage(nil), val...)
			}
			return
		}
		if seen&(1<<i) != 0 {
			ok = false
			return
		}
		seen |= 1 << i
		switch string(k) {
		case "lookDirection":
			ok = quickString(val, (*string)(&c.LookDirection))
		case "ascDsc":
			ok = quickString(val, (*string)(&c.AscDsc))
		case "polarization":
			ok = quickString(val, (*string)(&c.Polarization))
		case "squint":
			ok = quickString(val, (*string)(&c.Squint))
		case "collectMode":
			ok = quickString(val, (*string)(&c.CollectMode))
		case "orbitalPlanes":
			c.OrbitalPlanes, ok = quickPlanes(val)
		case "localTime":
			c.LocalTime, ok = quickLocalTime(val)
		case "numLooks":
			c.NumLooks, ok = quickInt(val)
		case "prfMin":
			c.PRFMin, ok = quickInt(val)
		case "prescribedCollectMidtime":
			var t time.Time
			t, ok = quickTime(val)
			c.PrescribedCollectMidtime = t
		case "radarParameters":
			c.RadarParameters, ok = quickRadar(val)
		default:
			dst := constraintFloat(&c, &elevMin, &elevMax, string(k))
			if dst == nil {
				ok = false
				return
			}
			*dst, ok = quickFloat(val)
		}
	})
	if !ok || !whole {
		return CollectConstraints{}, false
	}
	if c.GrazingMin == nil {
		c.GrazingMin = elevMin
	}
	if c.GrazingMax == nil {
		c.GrazingMax = elevMax
	}
	return c, true
}

// constraintFloat returns the field of the number-valued constraint key k.
func constraintFloat(c *CollectConstraints, elevMin, elevMax **float64, k string) **float64 {
	switch k {
	case "offNadirMin":
		return &c.OffNadirMin
	case "offNadirMax":
		return &c.OffNadirMax
	case "imageWidth":
		return &c.ImageWidth
	case "imageLength":
		return &c.ImageLength
	case "azimuthAngleMin":
		return &c.AzimuthMin
	case "azimuthAngleMax":
		return &c.AzimuthMax
	case "grazingAngleMin":
		return &c.GrazingMin
	case "grazingAngleMax":
		return &c.GrazingMax
	case "maxSquintAngle":
		return &c.MaxSquintAngle
	case "srrMin":
		return &c.SRRMin
	case "srrMax":
		return &c.SRRMax
	case "azrMin":
		return &c.AZRMin
	case "azrMax":
		return &c.AZRMax
	case "grrMin":
		return &c.GRRMin
	case "grrMax":
		return &c.GRRMax
	case "duration":
		return &c.Duration
	case "elevationMin":
		return elevMin
	case "elevationMax":
		return elevMax
	}
	return nil
}

// quickRadar reads radarParameters with only the members Capella sends
// (bandwidth, centerFrequency, upchirp, method, mode), each at most once.
func quickRadar(b []byte) (*RadarParameters, bool) {
	r := &RadarParameters{}
	var seen [5]bool
	ok := true
	whole := eachMember(b, func(key, val []byte) {
		if !ok {
			return
		}
		i := -1
		switch string(key) {
		case `"bandwidth"`:
			i = 0
			r.Bandwidth, ok = quickFloat(val)
		case `"centerFrequency"`:
			i = 1
			var n int64
			if n, ok = quickInteger(val, 64); ok {
				r.CenterFrequency = &n
			}
		case `"upchirp"`:
			i = 2
			r.Upchirp, ok = quickBool(val)
		case `"method"`:
			i = 3
			ok = quickString(val, (*string)(&r.Method))
		case `"mode"`:
			i = 4
			ok = quickString(val, (*string)(&r.Mode))
		}
		if i < 0 || seen[i] {
			ok = false
			return
		}
		seen[i] = true
	})
	return r, ok && whole
}

// quickLocalTime reads localTime in the forms Capella sends: a plain string
// option or an array of number pairs.
func quickLocalTime(b []byte) (*LocalTime, bool) {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if !quickString(b, &s) {
			return nil, false
		}
		return &LocalTime{Option: LocalTimeOption(s)}, true
	}
	r, ok := quickPairs(b)
	if !ok {
		return nil, false
	}
	return &LocalTime{Ranges: r}, true
}

// quickPlanes reads an array of integers; [] gives an empty, non-nil slice,
// as encoding/json does.
func quickPlanes(b []byte) ([]OrbitalPlane, bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, false
	}
	out := []OrbitalPlane{}
	if i = skipSpace(b, i+1); i < len(b) && b[i] == ']' {
		return out, i == len(b)-1
	}
	for {
		j := i
		for j < len(b) && strings.IndexByte("0123456789+-.eE", b[j]) >= 0 {
			j++
		}
		n, ok := quickInteger(b[i:j], strconv.IntSize)
		if !ok {
			return nil, false
		}
		out = append(out, OrbitalPlane(n))
		if i = skipSpace(b, j); i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		return out, i == len(b)-1 && b[i] == ']'
	}
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
	if r, ok := quickPairs(b); ok {
		l.Ranges = r
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

// quickPairs reads b when it is exactly an array of arrays of JSON numbers,
// the form Capella sends, without a second decoding pass; the ranges follow
// the same rules as UnmarshalJSON. It reports false for anything else
// (nulls, other values, numbers out of range, malformed JSON), which
// UnmarshalJSON then reads with encoding/json.
func quickPairs(b []byte) ([][2]float64, bool) {
	var out [][2]float64
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil, skipSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '[' {
			return nil, false
		}
		var pair [2]float64
		n := 0
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == ']' {
			i++
		} else {
			for {
				v, j, ok := number(b, i)
				if !ok {
					return nil, false
				}
				if n < 2 {
					pair[n] = v
				}
				n++
				if i = skipSpace(b, j); i < len(b) && b[i] == ',' {
					i = skipSpace(b, i+1)
					continue
				}
				if i >= len(b) || b[i] != ']' {
					return nil, false
				}
				i++
				break
			}
		}
		switch n {
		case 0:
		case 1:
			out = append(out, [2]float64{pair[0], pair[0]})
		default:
			out = append(out, pair)
		}
		if i = skipSpace(b, i); i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i >= len(b) || b[i] != ']' {
			return nil, false
		}
		return out, skipSpace(b, i+1) == len(b)
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
