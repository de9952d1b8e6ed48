package capellatest

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
)

// The simulator's own copy of the rules in Capella's OpenAPI documents
// (required properties, types, enums, date-time formats, ranges). It does not
// read the documents; the conformance tests of package capella prove that the
// two agree.

// Spec enums, as the simulator enforces them.
var (
	enumTier          = []string{"urgent", "priority", "standard", "flexible"}
	enumRetaskTier    = []string{"urgent", "priority", "standard", "flexible", "internal"}
	enumRepeatTier    = []string{"routine", "flexible"}
	enumRepeatRetask  = []string{"routine", "flexible", "internal"}
	enumHoldback      = []string{"none", "1_year", "30_day", "permanent"}
	enumLook          = []string{"right", "left", "either"}
	enumAscDsc        = []string{"ascending", "descending", "either"}
	enumPlane         = []int64{45, 53, 97}
	enumPolarization  = []string{"HH", "VV"}
	enumSquint        = []string{"disabled", "enabled", "forward", "backward"}
	enumCollectMode   = []string{"spotlight", "stripmap", "sliding_spotlight"}
	enumLocalTime     = []string{"day", "night", "anytime"}
	enumProducts      = []string{"SLC", "GEO", "GEC", "SICD", "SIDD", "CPHD", "VC"}
	enumGeometry      = []string{"Point", "Polygon", "MultiPolygon"}
	enumTaskStatus    = []string{"approved", "rejected", "canceled"}
	enumRepeatStatus  = []string{"submitted", "canceled"}
	enumOrder         = []string{"asc", "desc"}
	enumRadarMethod   = []string{"onboard", "ground", "default"}
	enumRadarMode     = []string{"COLLECT_TXRX", "COLLECT_RX_ONLY"}
	constraintsRanges = map[string][2]float64{
		"offNadirMin": {0, 60}, "offNadirMax": {0, 90}, "grazingAngleMin": {0, 90}, "grazingAngleMax": {0, 90},
		"azimuthAngleMin": {0, 360}, "azimuthAngleMax": {0, 360}, "imageLength": {1000, 210000},
		"imageWidth": {5000, 25000}, "srrMin": {0.1, 100}, "srrMax": {0.01, 100}, "azrMin": {0.01, 11.5},
		"azrMax": {0.01, 11.5}, "grrMin": {0.1, 100}, "grrMax": {0.1, 100}, "maxSquintAngle": {0, 60},
	}
	accessRanges = map[string][2]float64{
		"offNadirMin": {0, 60}, "offNadirMax": {0, 90}, "grazingAngleMin": {0, 90}, "grazingAngleMax": {0, 90},
		"azimuthAngleMin": {0, 360}, "azimuthAngleMax": {0, 360}, "imageLength": {1000, 210000},
		"imageWidth": {5000, 25000},
	}
)

// v reads one JSON object with paths for error messages.
type v struct {
	m    map[string]any
	path string
}

func (o v) at(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// obj returns the object at key (absent: ok with nil m).
func (o v) obj(key string, required bool) (v, *apiError) {
	raw, present := o.m[key]
	if !present || raw == nil {
		if required {
			return v{}, invalid(o.at(key), "required", "%s is required", key)
		}
		if present && raw == nil {
			return v{}, invalid(o.at(key), "invalid_type", "%s must be an object", key)
		}
		return v{}, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return v{}, invalid(o.at(key), "invalid_type", "%s must be an object", key)
	}
	return v{m: m, path: o.at(key)}, nil
}

// str returns the string at key; nullable allows null.
func (o v) str(key string, required, nullable bool) (string, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		if required {
			return "", false, invalid(o.at(key), "required", "%s is required", key)
		}
		return "", false, nil
	}
	if raw == nil {
		if nullable {
			return "", false, nil
		}
		return "", false, invalid(o.at(key), "invalid_type", "%s must be a string, not null", key)
	}
	s, ok := raw.(string)
	if !ok {
		return "", false, invalid(o.at(key), "invalid_type", "%s must be a string", key)
	}
	return s, true, nil
}

func (o v) enum(key string, values []string, required bool) (string, *apiError) {
	s, present, err := o.str(key, required, false)
	if err != nil || !present {
		return s, err
	}
	if !slices.Contains(values, s) {
		return "", invalid(o.at(key), "invalid_enum_value", "%s must be one of %s (got %q)", key, strings.Join(values, ", "), s)
	}
	return s, nil
}

func (o v) dateTime(key string, required bool) (time.Time, *apiError) {
	s, present, err := o.str(key, required, false)
	if err != nil || !present {
		return time.Time{}, err
	}
	t, perr := time.Parse(time.RFC3339Nano, s)
	if perr != nil {
		return time.Time{}, invalid(o.at(key), "invalid_string", "%s must be an RFC 3339 date-time (got %q)", key, s)
	}
	return t.UTC(), nil
}

func (o v) num(key string) (float64, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		return 0, false, nil
	}
	n, ok := raw.(number)
	if !ok {
		return 0, false, invalid(o.at(key), "invalid_type", "%s must be a number", key)
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) {
		return 0, false, invalid(o.at(key), "invalid_type", "%s must be a number", key)
	}
	return f, true, nil
}

func (o v) integer(key string, min int64) (int64, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		return 0, false, nil
	}
	n, ok := raw.(number)
	if !ok {
		return 0, false, invalid(o.at(key), "invalid_type", "%s must be an integer", key)
	}
	i, err := n.Int64()
	if err != nil {
		return 0, false, invalid(o.at(key), "invalid_type", "%s must be an integer", key)
	}
	if i < min {
		return 0, false, invalid(o.at(key), "too_small", "%s must be at least %d (got %d)", key, min, i)
	}
	return i, true, nil
}

// intString reads the repeat retask's counts: the spec types them as strings
// with format integer; integers are accepted too.
func (o v) intString(key string, min int64) (int64, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		return 0, false, nil
	}
	var s string
	switch x := raw.(type) {
	case string:
		s = x
	case number:
		s = string(x)
	default:
		return 0, false, invalid(o.at(key), "invalid_type", "%s must be an integer string", key)
	}
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, invalid(o.at(key), "invalid_string", "%s must be an integer (got %q)", key, s)
	}
	if i < min {
		return 0, false, invalid(o.at(key), "too_small", "%s must be at least %d (got %d)", key, min, i)
	}
	return i, true, nil
}

func (o v) boolean(key string) (bool, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		return false, false, nil
	}
	b, ok := raw.(bool)
	if !ok {
		return false, false, invalid(o.at(key), "invalid_type", "%s must be a boolean", key)
	}
	return b, true, nil
}

func (o v) array(key string) ([]any, bool, *apiError) {
	raw, present := o.m[key]
	if !present {
		return nil, false, nil
	}
	a, ok := raw.([]any)
	if !ok {
		return nil, false, invalid(o.at(key), "invalid_type", "%s must be an array", key)
	}
	return a, true, nil
}

func (o v) ranges(r map[string][2]float64) *apiError {
	for _, k := range sortedKeys(r) {
		f, ok, err := o.num(k)
		if err != nil {
			return err
		}
		if ok && (f < r[k][0] || f > r[k][1]) {
			return invalid(o.at(k), "out_of_range", "%s must be within %v..%v (got %v)", k, r[k][0], r[k][1], f)
		}
	}
	return nil
}

// geometry checks a GeoJSON geometry (schema GeoJSONGeometry or
// GeoJSONPointGeometry) and returns it as an orb geometry.
func geometry(o v, key string, kinds []string) (orb.Geometry, *apiError) {
	g, err := o.obj(key, true)
	if err != nil {
		return nil, err
	}
	typ := "Point"
	if t, present, err := g.str("type", false, false); err != nil {
		return nil, err
	} else if present {
		typ = t
	}
	if !slices.Contains(enumGeometry, typ) {
		return nil, invalid(g.at("type"), "invalid_enum_value", "type must be one of %s (got %q)", strings.Join(enumGeometry, ", "), typ)
	}
	if !slices.Contains(kinds, typ) {
		return nil, invalid(g.at("type"), "invalid_geometry", "this request takes a %s geometry (got %s)", strings.Join(kinds, " or "), typ)
	}
	raw, present := g.m["coordinates"]
	if !present {
		return nil, invalid(g.at("coordinates"), "required", "coordinates is required")
	}
	pos := func(x any, path string) (orb.Point, *apiError) {
		a, ok := x.([]any)
		if !ok || len(a) < 2 || len(a) > 3 {
			return orb.Point{}, invalid(path, "invalid_type", "a position is 2 or 3 numbers")
		}
		var p orb.Point
		for i := range a {
			n, ok := a[i].(number)
			if !ok {
				return orb.Point{}, invalid(path, "invalid_type", "a position is 2 or 3 numbers")
			}
			f, _ := n.Float64()
			if i < 2 {
				p[i] = f
			}
		}
		if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return orb.Point{}, invalid(path, "out_of_range", "position %v is outside the lon/lat range", p)
		}
		return p, nil
	}
	ring := func(x any, path string) (orb.Ring, *apiError) {
		a, ok := x.([]any)
		if !ok {
			return nil, invalid(path, "invalid_type", "a ring is an array of positions")
		}
		var r orb.Ring
		for _, y := range a {
			p, err := pos(y, path)
			if err != nil {
				return nil, err
			}
			r = append(r, p)
		}
		if len(r) < 4 || r[0] != r[len(r)-1] {
			return nil, invalid(path, "invalid_geometry", "a ring is closed and has at least 4 positions")
		}
		return r, nil
	}
	polygon := func(x any, path string) (orb.Polygon, *apiError) {
		a, ok := x.([]any)
		if !ok || len(a) == 0 {
			return nil, invalid(path, "invalid_type", "a polygon is an array of rings")
		}
		var p orb.Polygon
		for _, y := range a {
			r, err := ring(y, path)
			if err != nil {
				return nil, err
			}
			p = append(p, r)
		}
		return p, nil
	}
	path := g.at("coordinates")
	switch typ {
	case "Point":
		return pos(raw, path)
	case "Polygon":
		p, err := polygon(raw, path)
		if err != nil {
			return nil, err
		}
		if len(p) > 1 {
			return nil, invalid(path, "invalid_geometry", "polygons with holes are not accepted")
		}
		if len(p[0]) > 250 {
			return nil, invalid(path, "invalid_geometry", "polygons must have fewer than 250 vertices")
		}
		return p, nil
	default:
		a, ok := raw.([]any)
		if !ok || len(a) == 0 {
			return nil, invalid(path, "invalid_type", "a multipolygon is an array of polygons")
		}
		var mp orb.MultiPolygon
		for _, y := range a {
			p, err := polygon(y, path)
			if err != nil {
				return nil, err
			}
			mp = append(mp, p)
		}
		return mp, nil
	}
}

// collectConstraints checks a request's collectConstraints against the
// response schemas' enums and ranges (the spec defines no request schema).
func collectConstraints(o v) (*capella.CollectConstraints, *apiError) {
	c, err := o.obj("collectConstraints", false)
	if err != nil || c.m == nil {
		return nil, err
	}
	for key, vals := range map[string][]string{"lookDirection": enumLook, "ascDsc": enumAscDsc,
		"polarization": enumPolarization, "squint": enumSquint, "collectMode": enumCollectMode} {
		if _, err := c.enum(key, vals, false); err != nil {
			return nil, err
		}
	}
	if planes, ok, err := c.array("orbitalPlanes"); err != nil {
		return nil, err
	} else if ok {
		for _, p := range planes {
			n, isNum := p.(number)
			i, ierr := n.Int64()
			if !isNum || ierr != nil || !slices.Contains(enumPlane, i) {
				return nil, invalid(c.at("orbitalPlanes"), "invalid_enum_value", "orbital planes are 45, 53 or 97 (got %v)", p)
			}
		}
	}
	if err := localTime(c, true); err != nil {
		return nil, err
	}
	if err := c.ranges(constraintsRanges); err != nil {
		return nil, err
	}
	if _, _, err := c.integer("numLooks", 1); err != nil {
		return nil, err
	}
	if _, err := c.dateTime("prescribedCollectMidtime", false); err != nil {
		return nil, err
	}
	if rp, err := c.obj("radarParameters", false); err != nil {
		return nil, err
	} else if rp.m != nil {
		if _, err := rp.enum("method", enumRadarMethod, false); err != nil {
			return nil, err
		}
		if _, err := rp.enum("mode", enumRadarMode, false); err != nil {
			return nil, err
		}
	}
	for _, mm := range [][2]string{{"offNadirMin", "offNadirMax"}, {"grazingAngleMin", "grazingAngleMax"}} {
		lo, okLo, _ := c.num(mm[0])
		hi, okHi, _ := c.num(mm[1])
		if okLo && okHi && lo > hi {
			return nil, invalid(c.at(mm[1]), "too_small", "%s must not be below %s", mm[1], mm[0])
		}
	}
	b, _ := json.Marshal(c.m, jsonOpts)
	var out capella.CollectConstraints
	if err := json.Unmarshal(b, &out, jsonOpts); err != nil {
		return nil, invalid(c.path, "invalid_type", "collectConstraints: %v", err)
	}
	return &out, nil
}

// localTime checks [[start, end], …] within 0..86400, or (allowString) a
// LocalTimeOption.
func localTime(c v, allowString bool) *apiError {
	raw, present := c.m["localTime"]
	if !present {
		return nil
	}
	if s, ok := raw.(string); ok && allowString {
		if !slices.Contains(enumLocalTime, s) {
			return invalid(c.at("localTime"), "invalid_enum_value", "localTime must be pairs or one of day, night, anytime")
		}
		return nil
	}
	pairs, ok := raw.([]any)
	if !ok || len(pairs) == 0 {
		return invalid(c.at("localTime"), "invalid_type", "localTime must be a non-empty array of [start, end] pairs")
	}
	for _, p := range pairs {
		a, ok := p.([]any)
		if !ok || len(a) < 1 || len(a) > 2 {
			return invalid(c.at("localTime"), "invalid_type", "localTime pairs hold 1 or 2 numbers")
		}
		for _, x := range a {
			n, ok := x.(number)
			f, err := n.Float64()
			if !ok || err != nil || f < 0 || f > 86400 {
				return invalid(c.at("localTime"), "out_of_range", "localTime seconds are within 0..86400")
			}
		}
	}
	return nil
}

// processingConfig checks processingConfig.productTypes against the spec's
// enum; update bodies take any strings.
func processingConfig(o v, strict bool) ([]capella.ProductType, bool, *apiError) {
	pc, err := o.obj("processingConfig", false)
	if err != nil || pc.m == nil {
		return nil, false, err
	}
	list, ok, err := pc.array("productTypes")
	if err != nil || !ok {
		return nil, ok, err
	}
	out := []capella.ProductType{}
	for _, x := range list {
		s, isStr := x.(string)
		if !isStr || (strict && !slices.Contains(enumProducts, s)) {
			return nil, false, invalid(pc.at("productTypes"), "invalid_enum_value", "product types are %s (got %v)", strings.Join(enumProducts, ", "), x)
		}
		out = append(out, capella.ProductType(s))
	}
	return out, true, nil
}
