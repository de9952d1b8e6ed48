package geo_test

import (
	"fmt"

	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
)

// Validate says which rule a geometry breaks and where, in GeoJSON terms.
func ExampleValidate() {
	open := orb.Polygon{{{10, 50}, {10.1, 50}, {10.1, 50.1}, {10, 50.1}}}
	fmt.Println(geo.Validate(open))
	fmt.Println(geo.Validate(orb.Point{200, 10}))
	fmt.Println(geo.Validate(orb.Point{13.4, 52.5}, geo.Kinds("Polygon")))
	// Output:
	// coordinates[0]: ring is not closed: first position [10, 50] differs from last [10, 50.1]
	// coordinates: longitude 200 is out of range [-180, 180]
	// geometry type Point is not accepted (want Polygon)
}

// ParseWKT and ParseGeoJSON read the two formats providers use.
func ExampleParseGeoJSON() {
	g, err := geo.ParseGeoJSON([]byte(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[31.2,30.0]}}`))
	fmt.Println(g, err)
	w, _ := geo.ParseWKT("POLYGON((0 0, 1 0, 1 1, 0 0))")
	fmt.Println(geo.WKT(w))
	// Output:
	// [31.2 30] <nil>
	// POLYGON((0 0,1 0,1 1,0 0))
}

// Footprint draws the rectangle a provider images around a point target.
func ExampleFootprint() {
	fp, _ := geo.Footprint(orb.Point{31.2357, 30.0444}, 5, 5)
	fmt.Printf("%.0f km²\n", geo.AreaKm2(fp))
	// Output: 25 km²
}

// JSONOptions makes encoding/json/v2 write and read orb.Geometry fields as
// GeoJSON.
func ExampleJSONOptions() {
	type order struct {
		Name     string       `json:"name"`
		Geometry orb.Geometry `json:"geometry"`
	}
	b, _ := json.Marshal(order{Name: "cairo", Geometry: orb.Point{31.2, 30}}, geo.JSONOptions())
	fmt.Println(string(b))
	var back order
	_ = json.Unmarshal(b, &back, geo.JSONOptions())
	fmt.Println(back.Geometry.GeoJSONType(), back.Geometry)
	// Output:
	// {"name":"cairo","geometry":{"type":"Point","coordinates":[31.2,30]}}
	// Point [31.2 30]
}
