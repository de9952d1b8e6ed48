package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/paulmach/orb/geojson"
)

// ParseWKT reads a WKT geometry such as "POLYGON((30 10, 40 40, 20 40, 30 10))".
// It does not validate the geometry; see [Validate].
func ParseWKT(s string) (g orb.Geometry, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("geo: empty WKT")
	}
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("geo: invalid WKT: %v", r)
		}
	}()
	g, err = wkt.Unmarshal(s)
	if err != nil {
		return nil, fmt.Errorf("geo: invalid WKT: %w", err)
	}
	return g, nil
}

// ParseGeoJSON reads a GeoJSON geometry, a Feature (its geometry is returned),
// or a FeatureCollection holding exactly one feature. Positions may carry a
// third (height) value, which is dropped. It does not validate the geometry;
// see [Validate].
func ParseGeoJSON(data []byte) (orb.Geometry, error) {
	g, err := parseGeoJSON(data, 0)
	if err != nil {
		return nil, fmt.Errorf("geo: invalid GeoJSON: %w", err)
	}
	return g, nil
}

// geoJSONObject holds every member ParseGeoJSON may need, so that one pass
// reads the object and a second its coordinates.
type geoJSONObject struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
	Geometry    json.RawMessage   `json:"geometry"`
	Features    []json.RawMessage `json:"features"`
}

// maxGeoJSONDepth bounds nesting of collections and features.
const maxGeoJSONDepth = 32

func parseGeoJSON(data []byte, depth int) (orb.Geometry, error) {
	if depth > maxGeoJSONDepth {
		return nil, errors.New("nested too deeply")
	}
	var o geoJSONObject
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, err
	}
	switch o.Type {
	case "":
		return nil, errors.New(`no "type" member`)
	case "Feature":
		if isNull(o.Geometry) {
			return nil, errors.New("the Feature has no geometry")
		}
		return parseGeoJSON(o.Geometry, depth+1)
	case "FeatureCollection":
		if len(o.Features) != 1 {
			return nil, fmt.Errorf("the FeatureCollection has %d features, want exactly 1", len(o.Features))
		}
		return parseGeoJSON(o.Features[0], depth+1)
	case "GeometryCollection":
		if o.Geometries == nil {
			return nil, errors.New("the GeometryCollection has no geometries")
		}
		c := make(orb.Collection, 0, len(o.Geometries))
		for i, raw := range o.Geometries {
			g, err := parseGeoJSON(raw, depth+1)
			if err != nil {
				return nil, fmt.Errorf("geometries[%d]: %w", i, err)
			}
			c = append(c, g)
		}
		return c, nil
	}
	if isNull(o.Coordinates) {
		return nil, fmt.Errorf("%s has no coordinates", o.Type)
	}
	return decodeCoordinates(o.Type, o.Coordinates)
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// decodeCoordinates reads the coordinates member of a geometry of kind typ.
func decodeCoordinates(typ string, raw json.RawMessage) (orb.Geometry, error) {
	switch typ {
	case "Point":
		var c []float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("the Point coordinates: %w", err)
		}
		return position(c)
	case "MultiPoint", "LineString":
		var c [][]float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("%s coordinates: %w", typ, err)
		}
		pts, err := positions(c)
		if err != nil {
			return nil, err
		}
		if typ == "MultiPoint" {
			return orb.MultiPoint(pts), nil
		}
		return orb.LineString(pts), nil
	case "MultiLineString", "Polygon":
		var c [][][]float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("%s coordinates: %w", typ, err)
		}
		if typ == "Polygon" {
			return polygon(c)
		}
		ml := make(orb.MultiLineString, 0, len(c))
		for _, l := range c {
			pts, err := positions(l)
			if err != nil {
				return nil, err
			}
			ml = append(ml, pts)
		}
		return ml, nil
	case "MultiPolygon":
		var c [][][][]float64
		if err := json.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("the MultiPolygon coordinates: %w", err)
		}
		mp := make(orb.MultiPolygon, 0, len(c))
		for _, p := range c {
			poly, err := polygon(p)
			if err != nil {
				return nil, err
			}
			mp = append(mp, poly)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("unknown geometry type %q", typ)
}

func position(c []float64) (orb.Point, error) {
	if len(c) < 2 {
		return orb.Point{}, fmt.Errorf("a position needs at least 2 numbers, got %d", len(c))
	}
	return orb.Point{c[0], c[1]}, nil
}

func positions(c [][]float64) ([]orb.Point, error) {
	pts := make([]orb.Point, len(c))
	for i, p := range c {
		var err error
		if pts[i], err = position(p); err != nil {
			return nil, err
		}
	}
	return pts, nil
}

func polygon(c [][][]float64) (orb.Polygon, error) {
	poly := make(orb.Polygon, 0, len(c))
	for _, r := range c {
		pts, err := positions(r)
		if err != nil {
			return nil, err
		}
		poly = append(poly, pts)
	}
	return poly, nil
}

// WKT writes g as WKT.
func WKT(g orb.Geometry) string { return wkt.MarshalString(g) }

// GeoJSON writes g as a bare GeoJSON geometry object.
func GeoJSON(g orb.Geometry) ([]byte, error) {
	if g == nil {
		return nil, errors.New("geo: nil geometry")
	}
	return json.Marshal(geojson.NewGeometry(g))
}
