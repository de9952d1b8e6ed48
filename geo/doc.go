// Package geo reads, writes and checks the geometries eotask sends to
// providers. It works on github.com/paulmach/orb types, with coordinates in
// longitude, latitude order (WGS 84), as GeoJSON and WKT have them.
//
// ParseWKT and ParseGeoJSON read a geometry (GeoJSON also from a Feature or a
// FeatureCollection of one feature), WKT and GeoJSON write one, Validate says
// exactly what is wrong with one and where, Footprint builds the rectangular
// footprint providers draw around a point, and AreaKm2 measures an area on the
// Earth.
//
// ReadGeoJSON and WriteGeoJSON read and write a GeoJSON geometry in one pass
// on encoding/json/v2's tokens (github.com/go-json-experiment/json/jsontext),
// straight into and out of orb values; JSONOptions plugs them into
// encoding/json/v2 for every orb.Geometry field, as the provider clients do.
package geo
