package clearsky_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey = "csv_live_9f8e7d6c5b4a"
	apiBase = "https://api.clearsky.vision/"
)

var fastRetry = tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 20 * time.Millisecond}

// fixture reads testdata/name.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// mockClient returns a client whose requests go to a fresh httpmock
// transport.
func mockClient(t testing.TB, opts ...clearsky.Option) (*clearsky.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	// Count every request, including those no responder expects.
	mt.RegisterNoResponder(httpmock.NewStringResponder(http.StatusTeapot, "unexpected request"))
	base := []clearsky.Option{clearsky.WithHTTPClient(&http.Client{Transport: mt}), clearsky.WithRetry(fastRetry)}
	c, err := clearsky.New(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// seen is what a responder saw of a request.
type seen struct {
	Method, Path string
	Query        map[string][]string
	Header       http.Header
	Body         []byte
}

// capture answers status with body and records each request into *log.
func capture(log *[]seen, status int, body []byte) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		*log = append(*log, seen{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: b})
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		return resp, nil
	}
}

// assertHeaders checks the headers every call carries.
func assertHeaders(t *testing.T, s seen, withBody bool) {
	t.Helper()
	assert.Equal(t, testKey, s.Header.Get("x-api-key"))
	assert.Equal(t, "application/json", s.Header.Get("Accept"))
	assert.Contains(t, s.Header.Get("User-Agent"), "eotask/")
	if withBody {
		assert.Equal(t, "application/json", s.Header.Get("Content-Type"))
	} else {
		assert.Empty(t, s.Body)
	}
}

// field is a polygon of about 6 × 4.4 km near Odense.
func field() orb.Polygon {
	return orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}
}

// exampleAOI is the digest's estimate example: a polygon and a two-part
// multipolygon.
func exampleAOI(t testing.TB) orb.Geometry {
	g, err := geo.ParseWKT("GEOMETRYCOLLECTION (POLYGON ((10.10 55.60, 10.16 55.60, 10.16 55.64, 10.10 55.64, 10.10 55.60)), MULTIPOLYGON (((10.30 55.50, 10.33 55.50, 10.33 55.52, 10.30 55.52, 10.30 55.50)), ((10.35 55.50, 10.37 55.50, 10.37 55.51, 10.35 55.51, 10.35 55.50))))")
	require.NoError(t, err)
	return g
}

// validRequest is a valid recurring polygon order request.
func validRequest() *clearsky.OrderRequest {
	return &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(field()),
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		Model:                   clearsky.ModelStratus2,
		StorageMonths:           2,
		APIRequests:             3,
		ImageFrequency:          5,
		ReferenceDate:           clearsky.NewDate(2025, time.January, 1),
		From:                    clearsky.NewDate(2025, time.September, 1),
	}
}

func datePtr(s string) *clearsky.Date {
	d := clearsky.MustParseDate(s)
	return &d
}

// jsonMap decodes b into a map for comparisons.
func jsonMap(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// respondJSON builds a JSON response.
func respondJSON(status int, body string) *http.Response {
	r := httpmock.NewStringResponse(status, body)
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	return r
}
