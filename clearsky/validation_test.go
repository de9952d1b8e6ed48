package clearsky_test

import (
	"errors"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireInvalid checks err is a *tasking.ValidationError for field.
func requireInvalid(t *testing.T, err error, field string) *tasking.ValidationError {
	t.Helper()
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve, "want a ValidationError for %s", field)
	assert.Equal(t, field, ve.Field, ve.Error())
	assert.NotEmpty(t, ve.Reason)
	assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
	return ve
}

func TestOrderRequestValidationSendsNothing(t *testing.T) {
	selfCrossing := orb.Polygon{{{10, 55}, {10.1, 55.1}, {10.1, 55}, {10, 55.1}, {10, 55}}}
	tiny := orb.Polygon{{{10, 55}, {10.001, 55}, {10.001, 55.001}, {10, 55.001}, {10, 55}}} // about 64 × 111 m
	sliver := orb.Polygon{{{10, 55}, {10.2, 55.2}, {10.2, 55.2005}, {10, 55}}}              // a thin diagonal
	cases := []struct {
		name   string
		mutate func(r *clearsky.OrderRequest)
		field  string
		geoErr bool
	}{
		{"no AOI", func(r *clearsky.OrderRequest) { r.AOI = nil }, "Wkt", false},
		{"polygon without geometry", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(nil) }, "Wkt", false},
		{"GeoJSON polygon without geometry", func(r *clearsky.OrderRequest) { r.AOI = clearsky.PolygonGeoJSON(nil) }, "GeoJson", false},
		{"nil polygon AOI", func(r *clearsky.OrderRequest) { r.AOI = (*clearsky.PolygonAOI)(nil) }, "Wkt", false},
		{"self-intersecting ring", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(selfCrossing) }, "Wkt.coordinates[0]", true},
		{"GeoJSON self-intersecting ring", func(r *clearsky.OrderRequest) { r.AOI = clearsky.PolygonGeoJSON(selfCrossing) }, "GeoJson.coordinates[0]", true},
		{"point", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(orb.Point{10, 55}) }, "Wkt", true},
		{"line in a collection", func(r *clearsky.OrderRequest) {
			r.AOI = clearsky.Polygon(orb.Collection{field(), orb.LineString{{10, 55}, {10.1, 55.1}}})
		}, "Wkt", false},
		{"empty collection", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(orb.Collection{}) }, "Wkt", true},
		{"bounding box side under 150 m", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(tiny) }, "Wkt", false},
		{"small member of a collection", func(r *clearsky.OrderRequest) {
			r.AOI = clearsky.Polygon(orb.Collection{field(), tiny})
		}, "Wkt.geometries[1]", false},
		{"under 5 % of the bounding box", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Polygon(sliver) }, "Wkt", false},
		{"no tiles", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Tiles() }, "TileGuids", false},
		{"nil tile AOI", func(r *clearsky.OrderRequest) { r.AOI = (*clearsky.TileAOI)(nil) }, "TileGuids", false},
		{"tile id not a GUID", func(r *clearsky.OrderRequest) { r.AOI = clearsky.Tiles("T32UNG") }, "TileGuids[0]", false},
		{"tile id twice", func(r *clearsky.OrderRequest) {
			r.AOI = clearsky.Tiles("5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", "5B0E3C52-7D1F-4A8E-9C61-2F7A0B9D4E13")
		}, "TileGuids[1]", false},
		{"minitile id not a GUID", func(r *clearsky.OrderRequest) { r.AOI = clearsky.MiniTiles("c4a1f9e0") }, "MiniTileGuids[0]", false},
		{"no constellations", func(r *clearsky.OrderRequest) { r.SatelliteConstellations = nil }, "SatelliteConstellations", false},
		{"constellation display name", func(r *clearsky.OrderRequest) {
			r.SatelliteConstellations = []clearsky.SatelliteConstellation{"Sentinel-1"}
		}, "SatelliteConstellations[0]", false},
		{"constellation twice", func(r *clearsky.OrderRequest) {
			r.SatelliteConstellations = []clearsky.SatelliteConstellation{"Sentinel1", "Sentinel1"}
		}, "SatelliteConstellations[1]", false},
		{"no model", func(r *clearsky.OrderRequest) { r.Model = "" }, "Model", false},
		{"model display label", func(r *clearsky.OrderRequest) { r.Model = "Stratus-2" }, "Model", false},
		{"model not an enum value", func(r *clearsky.OrderRequest) { r.Model = "Stratus 2 (beta)" }, "Model", false},
		{"storage months 0", func(r *clearsky.OrderRequest) { r.StorageMonths = 0 }, "StorageMonths", false},
		{"api requests 0", func(r *clearsky.OrderRequest) { r.APIRequests = 0 }, "ApiRequests", false},
		{"frequency 0", func(r *clearsky.OrderRequest) { r.ImageFrequency = 0 }, "ImageFrequency", false},
		{"frequency 8", func(r *clearsky.OrderRequest) { r.ImageFrequency = 8 }, "ImageFrequency", false},
		{"frequency -1", func(r *clearsky.OrderRequest) { r.ImageFrequency = -1 }, "ImageFrequency", false},
		{"no reference date", func(r *clearsky.OrderRequest) { r.ReferenceDate = clearsky.Date{} }, "ReferenceDate", false},
		{"reference date not a day", func(r *clearsky.OrderRequest) { r.ReferenceDate = clearsky.NewDate(2025, 2, 30) }, "ReferenceDate", false},
		{"no From", func(r *clearsky.OrderRequest) { r.From = clearsky.Date{} }, "From", false},
		{"From not a day", func(r *clearsky.OrderRequest) { r.From = clearsky.NewDate(2025, 13, 1) }, "From", false},
		{"To before From", func(r *clearsky.OrderRequest) { r.To = datePtr("2025-08-31") }, "To", false},
		{"To not a day", func(r *clearsky.OrderRequest) { d := clearsky.NewDate(2025, 9, 31); r.To = &d }, "To", false},
		{"To zero", func(r *clearsky.OrderRequest) { r.To = &clearsky.Date{} }, "To", false},
	}
	c, mt := mockClient(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := validRequest()
			tc.mutate(r)
			_, err := r.Payload()
			ve := requireInvalid(t, err, tc.field)
			if tc.geoErr {
				var ge *geo.Error
				assert.ErrorAs(t, ve, &ge, "the geo.Error is kept in Err")
			}
			_, err = c.Orders.Estimate(ctx, r, nil)
			requireInvalid(t, err, tc.field)
			_, err = c.Orders.Create(ctx, r, nil)
			requireInvalid(t, err, tc.field)
			_, _, err = c.Orders.EstimateThenCreate(ctx, r, nil, nil)
			requireInvalid(t, err, tc.field)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request was sent")

	_, err := (*clearsky.OrderRequest)(nil).Payload()
	requireInvalid(t, err, "")
	assert.Contains(t, func() string {
		r := validRequest()
		r.Model = "Stratus-2 Fast"
		_, err := r.Payload()
		return err.Error()
	}(), `"Stratus2Fast"`, "a display label is answered with its wire value")
}

func TestValidRequestsPass(t *testing.T) {
	recurring := validRequest()
	p, err := recurring.Payload()
	require.NoError(t, err)
	assert.Nil(t, p.To, "recurring")
	require.NotNil(t, p.WKT)
	assert.Equal(t, "GEOMETRYCOLLECTION(POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6)))", *p.WKT, "a bare polygon is sent as a GeometryCollection")
	b, err := json.Marshal(p, geo.JSONOptions())
	require.NoError(t, err)
	m := jsonMap(t, b)
	assert.Contains(t, m, "To")
	assert.Nil(t, m["To"], "To is sent as an explicit null")
	for _, k := range []string{"GeoJson", "TileGuids", "MiniTileGuids", "TileDeduplication", "SimulatedEuroUsage"} {
		assert.NotContains(t, m, k, "only one AOI mode is serialised")
	}

	geoJSON := validRequest()
	geoJSON.AOI = clearsky.PolygonGeoJSON(orb.MultiPolygon{field()})
	geoJSON.To = datePtr("2025-09-30")
	p, err = geoJSON.Payload()
	require.NoError(t, err)
	assert.Nil(t, p.WKT)
	assert.JSONEq(t, `{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[[[[10.1,55.6],[10.16,55.6],[10.16,55.64],[10.1,55.64],[10.1,55.6]]]]}]}`, string(mustGeoJSON(t, p.GeoJSON)))
	assert.NotNil(t, p.To, "not recurring")

	minis := validRequest()
	minis.AOI = clearsky.MiniTiles("c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8")
	p, err = minis.Payload()
	require.NoError(t, err)
	assert.Equal(t, []string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}, p.MiniTileGUIDs)
	assert.Empty(t, p.TileGUIDs)
	assert.Equal(t, clearsky.OrderTypeMiniTile, minis.AOI.Type())
	assert.Equal(t, clearsky.OrderTypeTile, clearsky.Tiles("x").Type())
	assert.Equal(t, clearsky.OrderTypePolygon, clearsky.Polygon(nil).Type())
	assert.Nil(t, p.TileDeduplication, "Deduplicate was not asked for")

	// Stratus2Fast with only its required constellations, daily.
	fast := validRequest()
	fast.Model = clearsky.ModelStratus2Fast
	fast.SatelliteConstellations = clearsky.ModelStratus2Fast.RequiredConstellations()
	fast.ImageFrequency = 1
	_, err = fast.Payload()
	require.NoError(t, err)
	// Unknown but well-formed enum values pass: the sets are open.
	fast.Model = "Stratus4"
	fast.SatelliteConstellations = []clearsky.SatelliteConstellation{"Sentinel3"}
	_, err = fast.Payload()
	require.NoError(t, err)
}

// TestAOIValidation covers the rules a typed AOI checks as it writes the wire
// body, and the estimate-only option, through every entry point.
func TestAOIValidation(t *testing.T) {
	nan, neg := math.NaN(), -1.0
	cases := []struct {
		name  string
		aoi   clearsky.AOI
		field string
	}{
		{"GeoJson not polygonal", clearsky.PolygonGeoJSON(orb.LineString{{10.1, 55.6}, {10.2, 55.7}}), "GeoJson"},
		{"GeoJson empty collection", clearsky.PolygonGeoJSON(orb.Collection{}), "GeoJson"},
		{"Wkt empty collection", clearsky.Polygon(orb.Collection{}), "Wkt"},
		{"nil polygon", (*clearsky.PolygonAOI)(nil), "Wkt"},
		{"no tiles", clearsky.Tiles(), "TileGuids"},
		{"nil tiles", (*clearsky.TileAOI)(nil), "TileGuids"},
	}
	c, mt := mockClient(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := validRequest()
			r.AOI = tc.aoi
			_, err := c.Orders.Estimate(ctx, r, nil)
			requireInvalid(t, err, tc.field)
			_, err = c.Orders.Create(ctx, r, nil)
			requireInvalid(t, err, tc.field)
		})
	}
	for _, v := range []*float64{&nan, &neg} {
		_, err := c.Orders.Estimate(ctx, validRequest(), &clearsky.EstimateOptions{SimulatedEuroUsage: v})
		requireInvalid(t, err, "SimulatedEuroUsage")
	}
	assert.Zero(t, mt.GetTotalCallCount())

	// Tiles and minitiles together are one mode, with deduplication.
	r := validRequest()
	r.AOI = clearsky.TilesAndMiniTiles([]string{"5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"}, []string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}).Deduplicated()
	p, err := r.Payload()
	require.NoError(t, err)
	require.NotNil(t, p.TileDeduplication)
	assert.True(t, *p.TileDeduplication)
	assert.Nil(t, p.WKT)
	assert.Nil(t, p.GeoJSON)
}

func TestOtherValidationSendsNothing(t *testing.T) {
	c, mt := mockClient(t)
	good := validRequest()

	_, err := c.Orders.Create(ctx, good, &clearsky.CreateOptions{AutomaticOrderGUID: "flow-1"})
	requireInvalid(t, err, "automaticOrderGuid")
	_, err = c.Orders.Details(ctx)
	requireInvalid(t, err, "Guids")
	_, err = c.Orders.Details(ctx, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", "order-2")
	requireInvalid(t, err, "Guids[1]")
	_, err = c.Orders.Get(ctx, "42")
	requireInvalid(t, err, "Guids[0]")
	_, err = c.Orders.Wait(ctx, "42", nil)
	requireInvalid(t, err, "Guids[0]")
	_, err = c.Orders.Cancel(ctx, "")
	requireInvalid(t, err, "taskOrderGuid")

	_, err = c.Tiles.Search(ctx, nil)
	requireInvalid(t, err, "Wkt")
	_, err = c.Tiles.Search(ctx, clearsky.TilesIntersecting(nil))
	requireInvalid(t, err, "Wkt")
	_, err = c.Tiles.Search(ctx, clearsky.TilesIntersectingGeoJSON(orb.LineString{{1, 2}, {3, 4}}))
	requireInvalid(t, err, "GeoJson")
	_, err = c.Tiles.Search(ctx, clearsky.TilesByGUID())
	requireInvalid(t, err, "Wkt")
	_, err = c.Tiles.Search(ctx, clearsky.TilesByGUID("nope"))
	requireInvalid(t, err, "TileGuids[0]")
	_, err = c.Tiles.Search(ctx, clearsky.MiniTilesByGUID("nope"))
	requireInvalid(t, err, "MiniTileGuids[0]")
	_, err = c.Tiles.Search(ctx, clearsky.MiniTilesInTile("nope"))
	requireInvalid(t, err, "TileGuidForMiniTiles")

	a := c.Provider(clearsky.ProviderDefaults{})
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for field, req := range map[string]*tasking.Request{
		"Geometry": {Start: start, End: start.Add(24 * time.Hour)},
		"Start":    {Geometry: field()},
		"End":      {Geometry: field(), Start: start, End: start.Add(-time.Hour)},
		"":         nil,
	} {
		_, err := a.Submit(ctx, req)
		requireInvalid(t, err, field)
		_, err = a.Estimate(ctx, req)
		requireInvalid(t, err, field)
	}
	geoAdapter := c.Provider(clearsky.ProviderDefaults{Encoding: clearsky.EncodeGeoJSON})
	_, err = geoAdapter.Submit(ctx, &tasking.Request{Start: start})
	requireInvalid(t, err, "Geometry")
	_, err = geoAdapter.Submit(ctx, &tasking.Request{Geometry: orb.LineString{{10, 55}, {10.1, 55.1}}, Start: start})
	requireInvalid(t, err, "Geometry") // the neutral field, not GeoJson
	_, err = a.Submit(ctx, &tasking.Request{Geometry: orb.Point{10, 55}, Start: start})
	ve := requireInvalid(t, err, "Geometry") // the neutral field, not Wkt
	var ge *geo.Error
	assert.True(t, errors.As(ve, &ge))

	assert.Zero(t, mt.GetTotalCallCount(), "no request was sent")
}

// TestIDsAreCheckedBeforeSending runs every method that puts an id on the
// wire (in a query parameter or a body) with ids that are empty, address the
// collection, or hold control characters: each is refused with a
// *tasking.ValidationError giving tasking.CheckID's reason, and nothing is
// sent.
func TestIDsAreCheckedBeforeSending(t *testing.T) {
	c, mt := mockClient(t)
	a := c.Provider(clearsky.ProviderDefaults{})
	const good = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	search := func(q clearsky.TileQuery) error { _, err := c.Tiles.Search(ctx, q); return err }
	tileOrder := func(aoi *clearsky.TileAOI) *clearsky.OrderRequest {
		r := validRequest()
		r.AOI = aoi
		return r
	}
	methods := []struct {
		name, field string
		call        func(id string) error
		emptyIsNone bool // "" means "not set" for this optional id
	}{
		{"Orders.Get", "Guids[0]", func(id string) error { _, err := c.Orders.Get(ctx, id); return err }, false},
		{"Orders.Details", "Guids[0]", func(id string) error { _, err := c.Orders.Details(ctx, id); return err }, false},
		{"Orders.Details second", "Guids[1]", func(id string) error { _, err := c.Orders.Details(ctx, good, id); return err }, false},
		{"Orders.Cancel", "taskOrderGuid", func(id string) error { _, err := c.Orders.Cancel(ctx, id); return err }, false},
		{"Orders.Wait", "Guids[0]", func(id string) error { _, err := c.Orders.Wait(ctx, id, nil); return err }, false},
		{"Orders.Watch", "Guids[0]", func(id string) error {
			for _, err := range c.Orders.Watch(ctx, id, nil) {
				return err
			}
			return nil
		}, false},
		{"Adapter.Task", "Guids[0]", func(id string) error { _, err := a.Task(ctx, id); return err }, false},
		{"Adapter.Cancel", "taskOrderGuid", func(id string) error { return a.Cancel(ctx, id) }, false},
		{"Orders.Create automaticOrderGuid", "automaticOrderGuid", func(id string) error {
			_, err := c.Orders.Create(ctx, validRequest(), &clearsky.CreateOptions{AutomaticOrderGUID: id})
			return err
		}, true},
		{"Orders.Create tiles", "TileGuids[0]", func(id string) error {
			_, err := c.Orders.Create(ctx, tileOrder(clearsky.Tiles(id)), nil)
			return err
		}, false},
		{"Orders.Estimate minitiles", "MiniTileGuids[1]", func(id string) error {
			_, err := c.Orders.Estimate(ctx, tileOrder(clearsky.MiniTiles(good, id)), nil)
			return err
		}, false},
		{"Orders.EstimateThenCreate", "TileGuids[0]", func(id string) error {
			_, _, err := c.Orders.EstimateThenCreate(ctx, tileOrder(clearsky.TilesAndMiniTiles([]string{id}, []string{good})), nil, nil)
			return err
		}, false},
		{"Tiles.Search TilesByGUID", "TileGuids[0]", func(id string) error { return search(clearsky.TilesByGUID(id)) }, false},
		{"Tiles.Search MiniTilesByGUID", "MiniTileGuids[0]", func(id string) error { return search(clearsky.MiniTilesByGUID(id)) }, false},
		{"Tiles.Search MiniTilesInTile", "TileGuidForMiniTiles", func(id string) error { return search(clearsky.MiniTilesInTile(id)) }, false},
	}
	for _, m := range methods {
		for _, id := range []string{"", ".", "..", "a\nb", "\x7f", "\xff", " "} {
			if id == "" && m.emptyIsNone {
				continue
			}
			t.Run(m.name+"/"+strconv.Quote(id), func(t *testing.T) {
				err := m.call(id)
				ve := requireInvalid(t, err, m.field)
				var want *tasking.ValidationError
				require.ErrorAs(t, tasking.CheckID(m.field, id), &want)
				assert.Equal(t, want.Reason, ve.Reason, "the shared id rules give the reason")
				assert.Zero(t, mt.GetTotalCallCount(), "nothing was sent")
			})
		}
	}
}

// mustGeoJSON writes g as a GeoJSON geometry.
func mustGeoJSON(t *testing.T, g orb.Geometry) []byte {
	t.Helper()
	b, err := geo.GeoJSON(g)
	require.NoError(t, err)
	return b
}
