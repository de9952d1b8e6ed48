package clearskytest

import (
	"context"
	"io"
	"math"
	"net/http"
	"strings"
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

func TestGridGUIDsRoundTrip(t *testing.T) {
	for _, c := range []cell{{0, 0, -1, -1}, {tilesX - 1, tilesY - 1, -1, -1}, {380, 291, -1, -1}, {380, 291, 0, 15}, {380, 291, 15, 3}} {
		g := c.guid()
		assert.Len(t, g, 36)
		assert.Equal(t, byte('4'), g[14], "a version-4 GUID")
		back, ok := parseCell(g)
		require.True(t, ok, g)
		assert.Equal(t, c, back)
		assert.Equal(t, c.mini(), back.mini())
	}
	// Other ids, and a GUID with one digit changed, are not grid ids.
	for _, g := range []string{"5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", "x", "", strings.Repeat("0", 36)} {
		_, ok := parseCell(g)
		assert.False(t, ok, g)
	}
	g := []byte(cell{380, 291, 2, 2}.guid())
	g[35] ^= 1
	_, ok := parseCell(string(g))
	assert.False(t, ok)

	// The cell of a point holds it.
	c, _ := parseCell(TileAt(10.12, 55.61))
	assert.True(t, c.bound().Contains(orb.Point{10.12, 55.61}))
	m, _ := parseCell(MiniTileAt(10.12, 55.61))
	assert.True(t, m.bound().Contains(orb.Point{10.12, 55.61}))
	assert.Equal(t, c, m.tile())
	assert.Equal(t, 32632, c.epsg())
	south, _ := parseCell(TileAt(-70.6, -33.4))
	assert.Equal(t, 32719, south.epsg())
	assert.Len(t, c.minis(), MiniTilesPerSide*MiniTilesPerSide)
}

func TestIntersecting(t *testing.T) {
	field := orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}
	tiles, minis, ok := intersecting(field, 1000)
	require.True(t, ok)
	require.Len(t, tiles, 1)
	// 0.06° × 0.04° over minitiles of 0.03125°: 3 columns × 2 or 3 rows.
	assert.GreaterOrEqual(t, len(minis), 6)
	assert.LessOrEqual(t, len(minis), 9)
	for _, m := range minis {
		assert.True(t, m.bound().Intersects(field.Bound()))
	}
	// A triangle misses the minitiles in the corner its hypotenuse cuts off.
	tri := orb.Polygon{{{10.0, 55.5}, {10.5, 55.5}, {10.0, 55.99}, {10.0, 55.5}}}
	_, triMinis, _ := intersecting(tri, 1000)
	assert.Less(t, len(triMinis), MiniTilesPerSide*MiniTilesPerSide)
	assert.Greater(t, len(triMinis), MiniTilesPerSide*MiniTilesPerSide/2)
	// Past the limit.
	_, _, ok = intersecting(tri, 10)
	assert.False(t, ok)
}

func TestImageDates(t *testing.T) {
	ref := clearsky.MustParseDate("2025-01-01")
	// The digest's examples: every 5 days and weekly in September 2025.
	five := imageDates(ref, 5, clearsky.MustParseDate("2025-09-01"), clearsky.MustParseDate("2025-09-30"))
	assert.Equal(t, []string{"2025-09-03", "2025-09-08", "2025-09-13", "2025-09-18", "2025-09-23", "2025-09-28"}, dateStrings(five))
	weekly := imageDates(ref, 7, clearsky.MustParseDate("2025-09-01"), clearsky.MustParseDate("2025-09-30"))
	assert.Equal(t, []string{"2025-09-03", "2025-09-10", "2025-09-17", "2025-09-24"}, dateStrings(weekly))
	// A reference after the window works too.
	late := imageDates(clearsky.MustParseDate("2026-01-01"), 7, clearsky.MustParseDate("2025-12-20"), clearsky.MustParseDate("2025-12-31"))
	assert.Equal(t, []string{"2025-12-25"}, dateStrings(late))
	assert.Empty(t, imageDates(ref, 7, clearsky.MustParseDate("2025-09-04"), clearsky.MustParseDate("2025-09-09")))
}

func TestEstimateFormula(t *testing.T) {
	// A polygon of exactly the documented example's size gives the
	// documented prices: 20.84 km² × €0.20 = €4.17 a month, storage for two
	// months 20.84 × 0.00001 × 2 = €0.0004.
	p := &spec{model: models[0], storageMonths: 2, apiRequests: 3, frequency: 5,
		reference: clearsky.MustParseDate("2025-01-01"), from: clearsky.MustParseDate("2025-09-01")}
	p.members = orb.Collection{squareKm2(t, 20.84)}
	q := p.estimate(clearsky.MustParseDate("2025-09-15"))
	assert.InDelta(t, 20.84, q.area, 0.01)
	assert.Equal(t, 4.17, q.curOrder)
	assert.Equal(t, 0.0004, q.curStorage)
	assert.Equal(t, 4.17, q.nextOrder)
	assert.Equal(t, 1, q.monthsDue)
	assert.True(t, q.nextDue)
	assert.Equal(t, clearsky.MustParseDate("2025-09-30"), q.cancellation)
	assert.Len(t, q.dates, 6)

	// Backfill: a recurring order from June, estimated in September, pays
	// four months now.
	p.from = clearsky.MustParseDate("2025-06-01")
	q = p.estimate(clearsky.MustParseDate("2025-09-15"))
	assert.Equal(t, 4, q.monthsDue)
	assert.Equal(t, round(q.monthlyOrderEU*4, 2), q.curOrder)

	// A member under 0.5 km² is billed as 0.5 km².
	p.members = orb.Collection{squareKm2(t, 0.3), squareKm2(t, 2)}
	q = p.estimate(clearsky.MustParseDate("2025-09-15"))
	assert.InDelta(t, 2.3, q.before, 0.01)
	assert.InDelta(t, 2.5, q.area, 0.01)

	// Tiles cost 20 %, minitiles 50 %; a fixed window in the past pays all
	// its months now and nothing next month.
	tile, _ := parseCell(TileAt(10.1, 55.6))
	mini, _ := parseCell(MiniTileAt(11.1, 55.6))
	tp := &spec{model: models[1], storageMonths: 1, apiRequests: 1, frequency: 7, reference: clearsky.MustParseDate("2025-01-01"),
		from: clearsky.MustParseDate("2025-03-01"), to: ptr(clearsky.MustParseDate("2025-05-31")), tiles: []cell{tile}, minis: []cell{mini}}
	q = tp.estimate(clearsky.MustParseDate("2025-09-15"))
	want := (tile.areaKm2()*TileFactor + mini.areaKm2()*MiniTileFactor) * 0.18 * 3
	assert.InDelta(t, want, q.curOrder, 0.01)
	assert.Zero(t, q.nextOrder)
	assert.False(t, q.nextDue)
	assert.Equal(t, []string{tile.guid()}, q.tiles)
	assert.Equal(t, []string{mini.guid()}, q.minis)
	assert.Len(t, q.dates, 13)
}

// squareKm2 returns a square of about area km² near 55.6° N.
func squareKm2(t *testing.T, area float64) orb.Polygon {
	t.Helper()
	side := math.Sqrt(area)
	var p orb.Polygon
	for i := 0; i < 3; i++ { // the footprint is measured on the ellipsoid: converge on the area
		var err error
		p, err = geo.Footprint(orb.Point{10.1, 55.6}, side, side)
		require.NoError(t, err)
		side *= math.Sqrt(area / geo.AreaKm2(p))
	}
	return p
}

func ptr[T any](v T) *T { return &v }

func TestAuthRoutesAndLog(t *testing.T) {
	s := NewServer(WithAPIKey("k-123456"))
	defer s.Close()
	do := func(method, path, key, ct, body string) (*http.Response, string) {
		req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		if key != "" {
			req.Header.Set("X-API-KEY", key)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, _ := do("GET", "/api/tasking/models", "", "", "")
	assert.Equal(t, 401, resp.StatusCode)
	resp, _ = do("GET", "/api/tasking/models", "wrong", "", "")
	assert.Equal(t, 401, resp.StatusCode)
	resp, body := do("GET", "/api/tasking/models", "k-123456", "", "")
	assert.Equal(t, 200, resp.StatusCode, "the header name is case-insensitive")
	assert.Contains(t, body, `"Succeeded":true`)
	assert.Contains(t, body, `"Model":"Stratus2Fast"`)
	resp, _ = do("PUT", "/api/tasking/orders", "k-123456", "", "")
	assert.Equal(t, 405, resp.StatusCode)
	assert.Equal(t, "GET, POST", resp.Header.Get("Allow"))
	resp, _ = do("GET", "/api/tasking/nothing", "k-123456", "", "")
	assert.Equal(t, 404, resp.StatusCode)
	resp, body = do("POST", "/api/tasking/orders/estimate", "k-123456", "text/plain", "{}")
	assert.Equal(t, 415, resp.StatusCode)
	assert.Contains(t, body, `"title":"Unsupported Media Type"`)
	resp, body = do("POST", "/api/tasking/orders/estimate", "k-123456", "application/json", "")
	assert.Equal(t, 400, resp.StatusCode)
	assert.Equal(t, "application/problem+json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, body, "A non-empty request body is required.")
	resp, body = do("GET", "/api/tasking/orders?recurringOnly=maybe", "k-123456", "", "")
	assert.Equal(t, 400, resp.StatusCode)
	assert.Contains(t, body, "The value 'maybe' is not valid.")

	log := s.Requests()
	require.Len(t, log, 8)
	assert.Empty(t, log[0].Header.Get("x-api-key"))
	assert.Equal(t, "[REDACTED]", log[1].Header.Get("x-api-key"))
	assert.Equal(t, "[REDACTED]", log[2].Header.Get("x-api-key"))
	assert.Equal(t, "maybe", log[7].Query.Get("recurringOnly"))
	assert.Equal(t, "{}", string(log[5].Body))
	for _, r := range log {
		for _, vs := range r.Header {
			for _, v := range vs {
				assert.NotContains(t, v, "k-123456")
			}
		}
	}
}

func TestBindingErrorsAreProblemDetails(t *testing.T) {
	s := NewServer()
	defer s.Close()
	post := func(body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", s.URL+"/api/tasking/orders", strings.NewReader(body))
		req.Header.Set("x-api-key", s.APIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var m map[string]any
		require.NoError(t, json.UnmarshalRead(resp.Body, &m))
		return resp.StatusCode, m
	}
	status, m := post(`{"ImageFrequency":"weekly"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, "One or more validation errors occurred.", m["title"])
	assert.Contains(t, m["errors"], "$.ImageFrequency")

	status, m = post(`{"Wkt":"POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))","Model":"Stratus-2","SatelliteConstellations":["Sentinel-1"]}`)
	assert.Equal(t, 400, status)
	errs := m["errors"].(map[string]any)
	assert.Contains(t, errs, "$.Model")
	assert.Contains(t, errs, "$.SatelliteConstellations[0]")
	assert.Contains(t, errs, "From")

	// Enum values bind case-insensitively, then the rules run: a lower-case
	// model is accepted, the mixed AOI is not.
	status, m = post(`{"wkt":"POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))","GeoJson":{"type":"Point","coordinates":[1,2]},
		"Model":"stratus2","SatelliteConstellations":["sentinel1","Sentinel2","Landsat89"],"StorageMonths":1,"ApiRequests":1,
		"ImageFrequency":9,"ReferenceDate":"2025-01-01","From":"2025-03-01","To":"2025-02-01"}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, false, m["Succeeded"])
	assert.Equal(t, float64(clearsky.CodeMalformedRequest), m["Error"].(map[string]any)["Code"])
	data := m["Data"].(map[string]any)
	assert.Contains(t, data, "Wkt")
	assert.Contains(t, data, "ImageFrequency")
	assert.Contains(t, data, "To")

	// The documented most common 400: a geometry and tile ids together.
	tile := TileAt(10.12, 55.61)
	status, m = post(`{"Wkt":"POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))","TileGuids":["` + tile + `"],
		"Model":"Stratus2","SatelliteConstellations":["Sentinel1","Sentinel2","Landsat89"],"StorageMonths":1,"ApiRequests":1,
		"ImageFrequency":7,"ReferenceDate":"2025-01-01","From":"2025-03-01","To":null}`)
	assert.Equal(t, 400, status)
	assert.Equal(t, []any{"A geometry (Wkt or GeoJson) and tile ids cannot be combined in one order."}, m["Data"].(map[string]any)["TileGuids"])
	// The same body with only the tile is accepted.
	status, m = post(`{"TileGuids":["` + tile + `"],"TileDeduplication":true,
		"Model":"Stratus2","SatelliteConstellations":["Sentinel1","Sentinel2","Landsat89"],"StorageMonths":1,"ApiRequests":1,
		"ImageFrequency":7,"ReferenceDate":"2025-01-01","From":"2025-03-01","To":null}`)
	assert.Equal(t, 200, status, "%v", m)
	assert.Equal(t, 1, s.OrderCount())
}

func TestLegacyLifecycleAndClock(t *testing.T) {
	s := NewServer(WithLegacyStatuses(), WithStepsPerPoll(0), WithNow(time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)))
	defer s.Close()
	c := s.Client()
	ctx := context.Background()
	req := &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}),
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		Model:                   clearsky.ModelStratus2, StorageMonths: 1, APIRequests: 1, ImageFrequency: 7,
		ReferenceDate: clearsky.MustParseDate("2025-01-01"), From: clearsky.MustParseDate("2025-03-01"),
		To: ptr(clearsky.MustParseDate("2025-03-31")),
	}
	o, err := c.Orders.Create(ctx, req, nil)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC), s.Now())
	var path []clearsky.OrderingProcessStatus
	for i := 0; i < 4; i++ {
		st, err := s.AdvanceOrder(o.TaskOrderGUID)
		require.NoError(t, err)
		path = append(path, st)
	}
	assert.Equal(t, []clearsky.OrderingProcessStatus{"Initialize", "Working", "Working", "Working"}, path,
		"dates remain in the window: the order keeps working")
	s.SetNow(time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC))
	st, err := s.AdvanceOrder(o.TaskOrderGUID)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusDone, st)
	assert.Equal(t, tasking.StatusCompleted, st.Neutral())
	_, err = s.AdvanceOrder("nope")
	assert.Error(t, err)
	assert.Equal(t, string(clearsky.StatusDone), s.Status(o.TaskOrderGUID))
	assert.Empty(t, s.Status("nope"))
	assert.Equal(t, []string{o.TaskOrderGUID}, s.OrderIDs())
}
