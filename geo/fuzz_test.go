package geo

import (
	"testing"
)

// The fuzz targets check that parsing and validating arbitrary input never
// panics, and that whatever parses writes out and parses back. Run with, for
// example: go test ./geo -run '^$' -fuzz FuzzParseWKT -fuzztime 60s
// Crashers found are kept under testdata/fuzz and replayed by go test.

func FuzzParseWKT(f *testing.F) {
	for _, s := range []string{
		"POINT(1 2)", "POINT EMPTY", "LINESTRING(0 0,1 1)", "POLYGON((0 0,1 0,1 1,0 0))",
		"POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,1 2,2 2,2 1,1 1))", "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))",
		"GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))", "POLYGON((", "POINT(1e400 -nan)", "MULTIPOINT((1 2),(3 4))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseWKT(s)
		if err != nil {
			return
		}
		_ = Validate(g)
		_ = AreaKm2(g)
		out := WKT(g)
		if _, err := ParseWKT(out); err != nil && out != "" && Validate(g) == nil {
			t.Fatalf("valid geometry %q wrote %q, which does not parse: %v", s, out, err)
		}
	})
}

func FuzzParseGeoJSON(f *testing.F) {
	for _, s := range []string{
		`{"type":"Point","coordinates":[1,2]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`,
		`{"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}]}`,
		`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]}]}`,
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}`,
		`{"type":"Point","coordinates":[]}`, `{"type":"Polygon","coordinates":[[]]}`, `null`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGeoJSON(data)
		if err != nil {
			return
		}
		_ = Validate(g)
		_ = AreaKm2(g)
		_ = WKT(g)
		if js, err := GeoJSON(g); err == nil {
			if _, err := ParseGeoJSON(js); err != nil && Validate(g) == nil {
				t.Fatalf("valid geometry from %q wrote %s, which does not parse: %v", data, js, err)
			}
		}
	})
}
