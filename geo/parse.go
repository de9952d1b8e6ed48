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
// or a FeatureCollection holding exactly one feature. It does not validate the
// geometry; see [Validate].
func ParseGeoJSON(data []byte) (g orb.Geometry, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("geo: invalid GeoJSON: %v", r)
		}
	}()
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("geo: invalid GeoJSON: %w", err)
	}
	switch head.Type {
	case "":
		return nil, errors.New(`geo: invalid GeoJSON: no "type" member`)
	case "Feature":
		f, err := geojson.UnmarshalFeature(data)
		if err != nil {
			return nil, fmt.Errorf("geo: invalid GeoJSON Feature: %w", err)
		}
		if f.Geometry == nil {
			return nil, errors.New("geo: GeoJSON Feature has no geometry")
		}
		return f.Geometry, nil
	case "FeatureCollection":
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			return nil, fmt.Errorf("geo: invalid GeoJSON FeatureCollection: %w", err)
		}
		if len(fc.Features) != 1 {
			return nil, fmt.Errorf("geo: GeoJSON FeatureCollection has %d features, want exactly 1", len(fc.Features))
		}
		if fc.Features[0].Geometry == nil {
			return nil, errors.New("geo: GeoJSON feature has no geometry")
		}
		return fc.Features[0].Geometry, nil
	}
	gj, err := geojson.UnmarshalGeometry(data)
	if err != nil {
		return nil, fmt.Errorf("geo: invalid GeoJSON geometry: %w", err)
	}
	if gj.Coordinates == nil && gj.Geometries == nil {
		return nil, fmt.Errorf("geo: GeoJSON %s has no coordinates", head.Type)
	}
	return gj.Geometry(), nil
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
