package clearsky

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
)

func addFixtures(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"Succeeded":true,"Data":{"TaskOrders":[{"Tiles":[{"Guid":1}],"To":"2025-02-30"}]}}`))
	f.Add([]byte(`{"Succeeded":false,"Error":{"Code":"1e400"},"Data":{"Wkt":"x"}}`))
	f.Add([]byte(`{"Succeeded":true,"Data":{"TaskOrders":[{"Wkt":"POLYGON((1 2,3","Tiles":["a",{"TileGuid":"b","Wkt":"POINT(1 2)"}]}]}}`))
	f.Add([]byte(`{"Succeeded":true,"Data":{"Tiles":[{"Epsg":"EPSG:x"}],"CurrentMonthCosts":[1],"TaskingModels":[{}]}}`))
	f.Add([]byte(`{"Succeeded":true,"Data":{"TaskOrders":[{"ReferenceDate":"2025-02-29","Wkt":"GEOMETRYCOLLECTION(POINT(1 2),`))
	f.Add([]byte(`null`))
}

// answer is an http.RoundTripper that answers every request with HTTP 200
// and body, without a network.
type answer []byte

func (a answer) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(a)),
		ContentLength: int64(len(a)), Request: r}, nil
}

// FuzzDecode answers every call that reads an answer with hostile bytes,
// through the client's public methods and the transport's decoding. None
// may panic; each either succeeds or fails with a *tasking.DecodeError (an
// answer it cannot read) or a *tasking.APIError (an envelope that says
// Succeeded:false). The error readers get the bytes too.
func FuzzDecode(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := New("fuzz-key", WithHTTPClient(&http.Client{Transport: answer(b)}), WithRetry(tasking.NoRetry()),
			WithTimeout(10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		check := func(call string, err error) {
			t.Helper()
			var de *tasking.DecodeError
			var ae *tasking.APIError
			if err != nil && !errors.As(err, &de) && !errors.As(err, &ae) {
				t.Fatalf("%s: %T %v, want a *tasking.DecodeError or *tasking.APIError", call, err, err)
			}
		}
		const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"

		l, err := c.Orders.List(ctx, nil)
		check("List", err)
		if l != nil {
			for _, o := range l.TaskOrders {
				if o != nil {
					_ = o.Recurring()
					_ = o.Type()
					_ = o.TileGUIDs()
					_ = o.OrderingProcessStatus.Neutral()
					_ = o.Neutral()
					if _, err := json.Marshal(o); err != nil {
						t.Fatalf("a decoded order does not encode: %v", err)
					}
				}
			}
		}
		_, err = c.Orders.Details(ctx, id)
		check("Details", err)
		_, err = c.Orders.Get(ctx, id)
		if !errors.Is(err, tasking.ErrNotFound) {
			check("Get", err)
		}
		o, err := c.Orders.Create(ctx, fuzzRequest(), nil)
		if !errors.Is(err, errNoID) {
			check("Create", err)
		}
		if o != nil {
			_ = o.MiniTileGUIDs()
		}
		est, err := c.Orders.Estimate(ctx, fuzzRequest(), nil)
		check("Estimate", err)
		if est != nil {
			_, _, _ = est.Total()
		}
		res, err := c.Tiles.Search(ctx, TilesByGUID(id))
		check("Search", err)
		if res != nil {
			_ = res.MiniTileGUIDs()
		}
		ms, err := c.Models.List(ctx)
		check("Models", err)
		for i := range ms {
			_ = ms[i].CheckConstellations([]SatelliteConstellation{ConstellationSentinel1})
		}
		check("Cancel", c.Orders.cancel(ctx, id)) // the cancel's own answer; Cancel then reads back like Get
		if _, err := c.Orders.Cancel(ctx, id); !errors.Is(err, tasking.ErrNotFound) {
			check("Cancel", err)
		}

		_ = failed(200, b)
		e := &tasking.APIError{StatusCode: 400, Body: b}
		decodeAPIError(e)
		_ = e.Error()
		_ = fieldErrors(e)
		_, _ = errorCode(e)
	})
}

// fuzzRequest is a valid tile order request.
func fuzzRequest() *OrderRequest {
	to := NewDate(2025, time.May, 31)
	return &OrderRequest{AOI: Tiles("5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"), Model: ModelStratus2,
		SatelliteConstellations: ModelStratus2.RequiredConstellations(), StorageMonths: 1, APIRequests: 1,
		ImageFrequency: 7, ReferenceDate: NewDate(2025, time.January, 1), From: NewDate(2025, time.March, 1), To: &to}
}

// FuzzValidate feeds arbitrary bytes, read as wire payloads, to the request
// validation. It may reject them; it may not panic, and what it accepts
// must encode.
func FuzzValidate(f *testing.F) {
	addFixtures(f)
	f.Add([]byte(`{"Wkt":"GEOMETRYCOLLECTION(POINT(1 2))","GeoJson":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}`))
	f.Add([]byte(`{"Wkt":"GEOMETRYCOLLECTION(POLYGON((10 55,10.1 55,10.1 55.1,10 55.1,10 55)))","SatelliteConstellations":["Sentinel1"],"Model":"Stratus2","StorageMonths":1,"ApiRequests":1,"ImageFrequency":7,"ReferenceDate":"2025-01-01","From":"2025-03-01","To":null}`))
	f.Add([]byte(`{"GeoJson":{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[]}]}}`))
	opts := json.JoinOptions(geo.JSONOptions(), transport.LenientJSON())
	f.Fuzz(func(t *testing.T, b []byte) {
		var p orderPayload
		if json.Unmarshal(b, &p, opts) == nil {
			if p.validateOptions() == nil {
				if _, err := json.Marshal(&p, opts); err != nil {
					t.Fatalf("a valid payload does not encode: %v", err)
				}
			}
		}
		var s tileSearchPayload
		if json.Unmarshal(b, &s, opts) == nil {
			_ = s.validate()
		}
		if len(b) < 4096 {
			w := string(b)
			if g, err := geo.ParseWKT(w); err == nil {
				_ = checkOrderGeometry(g, "Wkt")
			}
			_ = (&tileSearchPayload{WKT: &w}).validate()
			if g, err := geo.ParseGeoJSON(b); err == nil {
				var q orderPayload
				_ = (&PolygonAOI{Geometry: g, Encoding: EncodeGeoJSON}).fill(&q)
			}
			_, _ = ParseModel(w)
			_, _ = ParseDate(w)
		}
	})
}
