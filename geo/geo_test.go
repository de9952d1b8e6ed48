package geo

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func square(lon, lat, d float64) orb.Polygon {
	return orb.Polygon{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}
}

func TestValidateRules(t *testing.T) {
	manyRing := orb.Ring{}
	for i := 0; i < 11; i++ {
		a := 2 * math.Pi * float64(i) / 11
		manyRing = append(manyRing, orb.Point{math.Cos(a), math.Sin(a)})
	}
	manyRing = append(manyRing, manyRing[0])
	cases := []struct {
		name string
		g    orb.Geometry
		opts []Option
		rule Rule
		path string
		msg  string
	}{
		{"nil", nil, nil, RuleEmpty, "", "no geometry"},
		{"lon", orb.Point{181, 0}, nil, RuleLongitudeRange, "coordinates", "longitude 181 is out of range [-180, 180]"},
		{"lat", orb.LineString{{0, 0}, {1, -90.5}}, nil, RuleLatitudeRange, "coordinates[1]", "latitude -90.5 is out of range [-90, 90]"},
		{"nan", orb.Point{math.NaN(), 1}, nil, RuleNotFinite, "coordinates", "is not finite"},
		{"open ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, nil, RuleRingNotClosed, "coordinates[0]", "ring is not closed: first position [0, 0] differs from last [0, 1]"},
		{"three positions", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, nil, RuleTooFewPositions, "coordinates[0]", "ring has 3 positions, needs at least 4"},
		{"short line", orb.LineString{{0, 0}}, nil, RuleTooFewPositions, "coordinates", "line has 1 positions, needs at least 2"},
		{"bow tie", orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}, nil, RuleSelfIntersection, "coordinates[0]", "ring intersects itself"},
		{"spike", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {2, 3}, {2, 1}, {0, 2}, {0, 0}}}, nil, RuleSelfIntersection, "coordinates[0]", "ring intersects itself"},
		{"flat", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}, nil, RuleZeroArea, "coordinates[0]", "ring encloses zero area"},
		{"hole out of range", orb.Polygon{square(0, 0, 2)[0], {{0.5, 0.5}, {0.6, 0.5}, {0.6, 95}, {0.5, 0.5}}}, nil, RuleLatitudeRange, "coordinates[1][2]", "latitude 95"},
		{"multipolygon", orb.MultiPolygon{square(0, 0, 1), {{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, nil, RuleRingNotClosed, "coordinates[1][0]", "not closed"},
		{"collection", orb.Collection{orb.Point{0, 0}, orb.Point{0, 100}}, nil, RuleLatitudeRange, "geometries[1].coordinates", "latitude 100"},
		{"too many", orb.Polygon{manyRing}, []Option{MaxVertices(10)}, RuleTooManyVertices, "", "geometry has 12 vertices, more than the limit of 10"},
		{"kind", orb.MultiPoint{{0, 0}}, []Option{Kinds("Point", "Polygon")}, RuleUnsupported, "", "geometry type MultiPoint is not accepted (want Point, Polygon)"},
		{"empty polygon", orb.Polygon{}, nil, RuleEmpty, "", "Polygon has no positions"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.g, tc.opts...)
			var ge *Error
			require.True(t, errors.As(err, &ge), "want *geo.Error, got %v", err)
			assert.Equal(t, tc.rule, ge.Rule)
			assert.Equal(t, tc.path, ge.Path)
			assert.Contains(t, err.Error(), tc.msg)
			if tc.path != "" {
				assert.True(t, strings.HasPrefix(err.Error(), tc.path+": "))
			}
		})
	}
}

func TestValidateAcceptsGoodGeometries(t *testing.T) {
	withHole := orb.Polygon{square(0, 0, 4)[0], {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}}
	for _, g := range []orb.Geometry{
		orb.Point{-180, 90}, orb.Point{31.2, 30.0},
		orb.LineString{{0, 0}, {1, 1}},
		square(31.2, 30.0, 0.05), withHole,
		orb.MultiPolygon{square(0, 0, 1), square(5, 5, 1)},
		orb.Polygon{manyVertexRing(5000)},
		// A repeated vertex is harmless.
		orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
	} {
		assert.NoError(t, Validate(g), "%v", g)
	}
}

func manyVertexRing(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, orb.Point{10 + math.Cos(a), 10 + math.Sin(a)})
	}
	return append(r, r[0])
}

func TestRoundTrips(t *testing.T) {
	for _, w := range []string{
		"POINT(31.2357 30.0444)",
		"LINESTRING(0 0,1 1,2 1)",
		"POLYGON((30 10,40 40,20 40,10 20,30 10))",
		"POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,1 2,2 2,2 1,1 1))",
		"MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
	} {
		g, err := ParseWKT(w)
		require.NoError(t, err, w)
		assert.Equal(t, w, WKT(g))
		js, err := GeoJSON(g)
		require.NoError(t, err)
		back, err := ParseGeoJSON(js)
		require.NoError(t, err)
		assert.Equal(t, g, back, w)
		assert.Equal(t, w, WKT(back))
	}
}

func TestParseGeoJSONShapes(t *testing.T) {
	geom := `{"type":"Point","coordinates":[31.2,30.0]}`
	for _, doc := range []string{
		geom,
		`{"type":"Feature","properties":{"name":"x"},"geometry":` + geom + `}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":` + geom + `}]}`,
	} {
		g, err := ParseGeoJSON([]byte(doc))
		require.NoError(t, err, doc)
		assert.Equal(t, orb.Point{31.2, 30.0}, g)
	}
	for doc, msg := range map[string]string{
		`{"type":"FeatureCollection","features":[]}`:           "has 0 features, want exactly 1",
		`{"type":"Feature","properties":{},"geometry":null}`:   "no geometry",
		`{"coordinates":[1,2]}`:                                `no "type"`,
		`[1,2]`:                                                "invalid GeoJSON",
		`{"type":"Point"}`:                                     "invalid GeoJSON",
		`{"type":"Hexagon","coordinates":[1,2]}`:               "invalid GeoJSON",
		`{"type":"Polygon","coordinates":[[[0,0],[1,0]],"x"]}`: "invalid GeoJSON",
	} {
		_, err := ParseGeoJSON([]byte(doc))
		assert.ErrorContains(t, err, msg, doc)
	}
	_, err := ParseWKT("POLYGON((0 0, 1 1")
	assert.Error(t, err)
	_, err = ParseWKT("  ")
	assert.ErrorContains(t, err, "empty WKT")
	_, err = GeoJSON(nil)
	assert.Error(t, err)
}

func TestFootprintSize(t *testing.T) {
	for _, c := range []struct {
		p    orb.Point
		w, h float64
	}{
		{orb.Point{31.2357, 30.0444}, 5, 5},
		{orb.Point{-70.6, -33.4}, 5, 10},
		{orb.Point{0, 0}, 20, 20},
		{orb.Point{18.9, 69.6}, 5, 5},
	} {
		fp, err := Footprint(c.p, c.w, c.h)
		require.NoError(t, err)
		require.NoError(t, Validate(fp))
		r := fp[0]
		south, north := orb.Point{c.p[0], r[0][1]}, orb.Point{c.p[0], r[2][1]}
		west, east := orb.Point{r[0][0], c.p[1]}, orb.Point{r[1][0], c.p[1]}
		assert.InEpsilon(t, c.h*1000, orbgeo.Distance(south, north), 0.01, "height at %v", c.p)
		assert.InEpsilon(t, c.w*1000, orbgeo.Distance(west, east), 0.01, "width at %v", c.p)
		assert.InEpsilon(t, c.w*c.h, AreaKm2(fp), 0.01, "area at %v", c.p)
		assert.Greater(t, orbgeo.SignedArea(r), 0.0, "counter-clockwise")
	}
	_, err := Footprint(orb.Point{0, 0}, 0, 5)
	assert.Error(t, err)
	_, err = Footprint(orb.Point{179.99, 0}, 5, 5)
	assert.ErrorContains(t, err, "antimeridian")
	_, err = Footprint(orb.Point{0, 89.99}, 5, 5)
	assert.ErrorContains(t, err, "pole")
	_, err = Footprint(orb.Point{200, 0}, 5, 5)
	assert.ErrorContains(t, err, "longitude")
}

func TestAreaKm2(t *testing.T) {
	// One degree square at the equator: about 12,364 km² on the authalic sphere.
	assert.InEpsilon(t, 12364, AreaKm2(square(0, 0, 1)), 0.005)
	assert.Zero(t, AreaKm2(orb.Point{1, 1}))
	assert.Zero(t, AreaKm2(nil))
	withHole := orb.Polygon{square(0, 0, 1)[0], square(0.25, 0.25, 0.5)[0]}
	assert.InEpsilon(t, 0.75*AreaKm2(square(0, 0, 1)), AreaKm2(withHole), 0.01)
}

// Checking a valid geometry allocates nothing: a path is built into a string
// only for an error.
func TestValidateAllocatesNothingWhenValid(t *testing.T) {
	ring := orb.Ring{}
	for i := 0; i < 24; i++ {
		a := 2 * math.Pi * float64(i) / 24
		ring = append(ring, orb.Point{10 + 0.1*math.Cos(a), 50 + 0.1*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	for name, g := range map[string]orb.Geometry{
		"polygon":      orb.Polygon{ring},
		"multipolygon": orb.MultiPolygon{{ring}, {ring}},
		"point":        orb.Point{1, 2},
		"line":         orb.LineString{{0, 0}, {1, 1}},
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if err := Validate(g); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, name)
	}
}

// ReadGeoJSON reads members in any order, skips unknown ones, fills orb values
// directly and names the member at fault.
func TestReadGeoJSONOnePass(t *testing.T) {
	for doc, want := range map[string]orb.Geometry{
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`:                      orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		`{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"bbox":[0,0,1,1],"type":"Polygon"}`:     orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		`{"type":"LineString","coordinates":[[0,0,5],[1,1,6]]}`:                             orb.LineString{{0, 0}, {1, 1}},
		`{"type":"MultiPoint","coordinates":[]}`:                                            orb.MultiPoint{},
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}`:               orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		`{"geometry":{"type":"Point","coordinates":[1,2]},"type":"Feature"}`:                orb.Point{1, 2},
		`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}`: orb.Collection{orb.Point{1, 2}},
	} {
		g, err := ParseGeoJSON([]byte(doc))
		require.NoError(t, err, doc)
		assert.Equal(t, want, g, doc)
	}
	for doc, msg := range map[string]string{
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1],[0,0]]]}`: "coordinates[0][2]: a position needs at least 2 numbers",
		`{"type":"Polygon","coordinates":[[[0,0],[1,"x"]]]}`:         `coordinates[0][1]: a position holds numbers`,
		`{"type":"Point","coordinates":[1,2]} {}`:                    "data after the geometry",
		`{"type":7,"coordinates":[1,2]}`:                             `"type" must be a string`,
		`{"type":"Point","coordinates":[1,2]`:                        "invalid GeoJSON",
		`{"type":"Point","coordinates":null}`:                        "Point has no coordinates",
		`{"coordinates":null,"type":"Point"}`:                        "Point has no coordinates",
		`null`:                                                       "null is not a geometry",
		strings.Repeat(`{"type":"Feature","geometry":`, 40) + `null` + strings.Repeat(`}`, 40): "nested too deeply",
	} {
		_, err := ParseGeoJSON([]byte(doc))
		assert.ErrorContains(t, err, msg, doc)
	}
}

// JSONOptions makes encoding/json/v2 read and write orb.Geometry fields as
// GeoJSON, and a round trip keeps the geometry.
func TestJSONOptionsRoundTrip(t *testing.T) {
	type order struct {
		Name     string       `json:"name"`
		Geometry orb.Geometry `json:"geometry"`
		None     orb.Geometry `json:"none"`
	}
	in := order{Name: "x", Geometry: square(10, 50, 0.1)}
	data, err := json.Marshal(in, JSONOptions())
	require.NoError(t, err)
	assert.Contains(t, string(data), `"geometry":{"type":"Polygon","coordinates":[[[10,50],[10.1,50]`)
	assert.Contains(t, string(data), `"none":null`)
	var out order
	require.NoError(t, json.Unmarshal(data, &out, JSONOptions()))
	assert.Equal(t, in, out)
	err = json.Unmarshal([]byte(`{"geometry":{"type":"Point","coordinates":[1]}}`), &out, JSONOptions())
	assert.ErrorContains(t, err, "a position needs at least 2 numbers")
}

func BenchmarkReadGeoJSON(b *testing.B) {
	ring := orb.Ring{}
	for i := 0; i < 24; i++ {
		a := 2 * math.Pi * float64(i) / 24
		ring = append(ring, orb.Point{10 + 0.1*math.Cos(a), 50 + 0.1*math.Sin(a)})
	}
	data, err := GeoJSON(orb.Polygon{append(ring, ring[0])})
	require.NoError(b, err)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseGeoJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate checks a 24-vertex polygon, as a create request holds.
func BenchmarkValidate(b *testing.B) {
	ring := orb.Ring{}
	for i := 0; i < 24; i++ {
		a := 2 * math.Pi * float64(i) / 24
		ring = append(ring, orb.Point{10 + 0.1*math.Cos(a), 50 + 0.1*math.Sin(a)})
	}
	var g orb.Geometry = orb.Polygon{append(ring, ring[0])}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := Validate(g); err != nil {
			b.Fatal(err)
		}
	}
}
