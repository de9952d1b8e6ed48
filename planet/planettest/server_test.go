package planettest_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// do sends a raw request to the simulator and decodes the JSON answer.
func do(t *testing.T, srv *planettest.Server, method, path, auth string, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, strings.TrimSuffix(srv.URL, "/tasking/v2/")+path, rd)
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var m map[string]any
	if len(bytes.TrimSpace(b)) > 0 {
		require.NoError(t, json.Unmarshal(b, &m), "%s", b)
	}
	return resp.StatusCode, resp.Header, m
}

func key(srv *planettest.Server) string { return "api-key " + srv.APIKey }

func TestAuthAndRouting(t *testing.T) {
	srv := planettest.NewServer(planettest.WithAPIKey("k-1"))
	defer srv.Close()
	assert.Equal(t, "k-1", srv.APIKey)
	assert.True(t, strings.HasSuffix(srv.URL, "/tasking/v2/"))

	code, h, m := do(t, srv, "GET", "/tasking/v2/orders/", "", "")
	assert.Equal(t, 401, code)
	assert.Equal(t, "Authentication credentials were not provided.", m["detail"])
	assert.NotEmpty(t, h.Get("WWW-Authenticate"))
	code, _, m = do(t, srv, "GET", "/tasking/v2/orders/", "api-key nope", "")
	assert.Equal(t, 401, code)
	assert.Equal(t, "Invalid API key.", m["detail"])
	code, _, _ = do(t, srv, "GET", "/tasking/v2/orders/", "Bearer k-1", "")
	assert.Equal(t, 401, code)
	code, _, _ = do(t, srv, "GET", "/tasking/v2/orders/", key(srv), "")
	assert.Equal(t, 200, code)
	code, _, _ = do(t, srv, "GET", "/tasking/v2/orders", key(srv), "")
	assert.Equal(t, 200, code, "the slash-less form is accepted too")

	code, _, m = do(t, srv, "GET", "/tasking/v2/nothing/", key(srv), "")
	assert.Equal(t, 404, code)
	assert.Equal(t, "Not found.", m["detail"])
	code, _, _ = do(t, srv, "GET", "/other/", key(srv), "")
	assert.Equal(t, 404, code)
	code, h, m = do(t, srv, "PATCH", "/tasking/v2/orders/", key(srv), "{}")
	assert.Equal(t, 405, code)
	assert.Equal(t, "GET, POST", h.Get("Allow"))
	assert.Contains(t, m["detail"], "PATCH")
}

func TestBodiesAndErrors(t *testing.T) {
	srv := planettest.NewServer()
	defer srv.Close()
	code, _, m := do(t, srv, "POST", "/tasking/v2/orders/", key(srv), "{not json")
	assert.Equal(t, 400, code)
	assert.Contains(t, m["detail"], "JSON parse error")
	code, _, m = do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{"name": 5, "geometry": {"type": "MultiPoint", "coordinates": [[0, 0]]}, "start_time": "yesterday", "sat_elevation_angle_min": "high", "exclusivity_days": 99}`)
	assert.Equal(t, 400, code)
	assert.Equal(t, []any{"Not a valid string."}, m["name"])
	assert.Equal(t, []any{"Geometry type MultiPoint is not supported."}, m["geometry"])
	assert.Contains(t, m["start_time"].([]any)[0], "Datetime has wrong format")
	assert.Equal(t, []any{"A valid number is required."}, m["sat_elevation_angle_min"])
	assert.Equal(t, []any{"Ensure this value is between 0 and 30."}, m["exclusivity_days"])
	code, _, m = do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{}`)
	assert.Equal(t, 400, code)
	assert.Equal(t, []any{"This field is required."}, m["name"])
	assert.Equal(t, []any{"This field is required."}, m["geometry"])
	code, _, m = do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{"name": "x", "geometry": {"type": "Point", "coordinates": [0, 0]}, "start_time": "2030-01-01T00:00:00Z", "end_time": "2031-06-01T00:00:00Z"}`)
	assert.Equal(t, 400, code)
	assert.Equal(t, []any{"Maximum order duration (1 year) exceeded."}, m["non_field_errors"])
	code, _, m = do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{"name": "x", "geometry": {"type": "Point", "coordinates": [0, 0]}, "rrule": "COUNT=2"}`)
	assert.Equal(t, 400, code)
	assert.Contains(t, m, "rrule")
	code, _, _ = do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{"name": "`+strings.Repeat("x", planet.MaxPayloadBytes)+`"}`)
	assert.Equal(t, 413, code)
	code, _, m = do(t, srv, "GET", "/tasking/v2/orders/?created_time__gte=soon", key(srv), "")
	assert.Equal(t, 400, code)
	assert.Equal(t, []any{"Enter a valid date/time."}, m["created_time__gte"])
	code, _, m = do(t, srv, "GET", "/tasking/v2/captures/?fulfilling=maybe", key(srv), "")
	assert.Equal(t, 400, code)
	assert.Contains(t, m, "fulfilling")
	code, _, m = do(t, srv, "GET", "/tasking/v2/bulk/?failed_payload_count__gt=x", key(srv), "")
	assert.Equal(t, 400, code)
	assert.Contains(t, m, "failed_payload_count__gt")
	code, _, m = do(t, srv, "POST", "/tasking/v2/bulk/", key(srv), `{"id": "not-a-uuid", "order_payloads": []}`)
	assert.Equal(t, 400, code)
	assert.Contains(t, m, "id")
	assert.Contains(t, m, "order_payloads")
	code, _, m = do(t, srv, "POST", "/tasking/v2/imaging-windows/search/", key(srv), `{"geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}, "datetime": "nope"}`)
	assert.Equal(t, 400, code)
	for _, f := range []string{"geometry", "pl_number", "product", "datetime"} {
		assert.Contains(t, m, f)
	}
}

func TestPagingLinks(t *testing.T) {
	srv := planettest.NewServer(planettest.WithDefaultLimit(2), planettest.WithStepsPerPoll(0))
	defer srv.Close()
	for i := 0; i < 5; i++ {
		code, h, _ := do(t, srv, "POST", "/tasking/v2/orders/", key(srv), `{"name": "o", "geometry": {"type": "Point", "coordinates": [0, 0]}}`)
		require.Equal(t, 201, code)
		assert.True(t, strings.HasPrefix(h.Get("Location"), "/tasking/v2/orders/"))
	}
	_, _, m := do(t, srv, "GET", "/tasking/v2/orders/?ordering=bogus,-created_time", key(srv), "")
	assert.Equal(t, 5.0, m["count"])
	assert.Len(t, m["results"], 2, "the default limit")
	assert.Contains(t, m["next"], "offset=2")
	assert.Contains(t, m["next"], "limit=2")
	assert.Contains(t, m["next"], "ordering=bogus%2C-created_time", "the query is kept")
	assert.Nil(t, m["previous"])
	_, _, m = do(t, srv, "GET", "/tasking/v2/orders/?limit=2&offset=2", key(srv), "")
	assert.NotContains(t, m["previous"], "offset=", "the first page has no offset")
	assert.Contains(t, m["next"], "offset=4")
	_, _, m = do(t, srv, "GET", "/tasking/v2/orders/?limit=2&offset=4", key(srv), "")
	assert.Len(t, m["results"], 1)
	assert.Nil(t, m["next"])
	assert.Contains(t, m["previous"], "offset=2")
	_, _, m = do(t, srv, "GET", "/tasking/v2/orders/?limit=-3&offset=x", key(srv), "")
	assert.Len(t, m["results"], 2, "invalid values fall back to the defaults")
}

func TestFaultsAndLog(t *testing.T) {
	srv := planettest.NewServer()
	defer srv.Close()
	srv.FailNext(1, 429, 1500*time.Millisecond)
	srv.FailNext(1, 503, 0)
	code, h, m := do(t, srv, "GET", "/tasking/v2/orders/?limit=1", key(srv), "")
	assert.Equal(t, 429, code)
	assert.Equal(t, "2", h.Get("Retry-After"), "rounded up to whole seconds")
	assert.Contains(t, m["detail"], "throttled")
	code, h, m = do(t, srv, "GET", "/tasking/v2/orders/", "", "")
	assert.Equal(t, 503, code, "faults come before the auth check")
	assert.Empty(t, h.Get("Retry-After"))
	assert.NotEmpty(t, m["detail"])
	code, _, _ = do(t, srv, "POST", "/tasking/v2/pricing/", key(srv), `{"name": "p", "geometry": {"type": "Point", "coordinates": [0, 0]}}`)
	assert.Equal(t, 200, code)

	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "/tasking/v2/orders/", reqs[0].Path)
	assert.Equal(t, "limit=1", reqs[0].RawQuery)
	assert.Equal(t, "1", reqs[0].Query.Get("limit"))
	assert.Equal(t, "[REDACTED]", reqs[0].Header.Get("Authorization"))
	assert.Empty(t, reqs[1].Header.Get("Authorization"))
	assert.Contains(t, string(reqs[2].Body), `"name": "p"`)
	assert.Equal(t, []int{429, 503, 200}, []int{reqs[0].Status, reqs[1].Status, reqs[2].Status}, "the answers' statuses")
	for _, r := range reqs {
		assert.WithinDuration(t, srv.Now(), r.Time, time.Minute, "on the simulator's clock")
	}
	for _, r := range reqs {
		for _, v := range r.Header.Values("Authorization") {
			assert.NotContains(t, v, srv.APIKey)
		}
	}
	srv.ResetRequests()
	assert.Empty(t, srv.Requests())
	assert.Zero(t, srv.OrderCount(), "a pricing preview creates nothing")
}

func TestClockAndClient(t *testing.T) {
	at := time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(at))
	defer srv.Close()
	assert.Equal(t, at, srv.Now())
	srv.SetNow(at.Add(time.Hour))
	assert.Equal(t, at.Add(time.Hour), srv.Now())
	c := srv.Client()
	assert.Equal(t, srv.URL, c.BaseURL().String())
	wall := planettest.NewServer()
	defer wall.Close()
	assert.WithinDuration(t, time.Now(), wall.Now(), time.Minute, "the wall clock by default")
	assert.Empty(t, wall.Orders())
	assert.Nil(t, wall.Captures("nope"))

	// Orders and Captures give what the API answers, geometries included.
	o, err := c.Orders.Create(t.Context(), &planet.OrderCreateRequest{Name: "seen", Geometry: orb.Point{1, 2}})
	require.NoError(t, err)
	for range 4 {
		srv.Advance()
	}
	orders := srv.Orders()
	require.Len(t, orders, 1)
	assert.Equal(t, o.ID, orders[0].ID)
	assert.Equal(t, orb.Point{1, 2}, orders[0].OriginalGeometry)
	assert.Equal(t, "Polygon", orders[0].Geometry.GeoJSONType())
	assert.NotEmpty(t, srv.Captures(o.ID))
	assert.Equal(t, string(orders[0].Status), srv.Status(o.ID), "Status gives the raw status")
	assert.Equal(t, string(srv.Captures(o.ID)[0].Status), srv.Status(srv.Captures(o.ID)[0].ID))
	assert.Empty(t, srv.Status("nope"))
}
