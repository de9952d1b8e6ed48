package planet_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
)

// The fuzz targets check that nothing Planet (or an impostor) might send can
// make decoding panic, and that validation never panics on any request.
// Run each for a while, for example:
//
//	go test ./planet -run '^$' -fuzz FuzzDecode -fuzztime 30s
//	go test ./planet -run '^$' -fuzz FuzzValidate -fuzztime 30s
//
// Crashers are kept under testdata/fuzz and replayed by go test.

// FuzzDecode answers every read of the client with the fuzz input, through
// the public calls (so through the transport's streaming decoder and this
// package's codecs), and checks that each call either succeeds or fails with
// a *tasking.DecodeError, and never panics.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `[]`, `null`, `{"results": null}`, `{"results": [null, 1, "x"]}`,
		`{"geometry": {"type": "Point"}}`, `{"geometry": 5}`, `{"start_time": 3}`, `{"next": 7, "count": "x"}`,
		`{"imaging_windows": [{"cloud_forecast": {}}]}`, `{"id": "x", "status": {"a": 1}}`,
		`{"id": "x", "ID": "y", "id": "z"}`, "{\"id\": \"\xff\"}", `{"results": [{"id": "x"}]} trailing`,
		`{"id": "x", "geometry": {"coordinates": [[1, 2]], "type": "MultiPoint"}}`, `[{"id": "x", "errors": null}]`} {
		f.Add([]byte(s))
	}
	var (
		mu   sync.Mutex
		body []byte
	)
	m := httpmock.NewMockTransport()
	m.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		resp := httpmock.NewBytesResponse(200, body)
		resp.Request = r
		return resp, nil
	})
	c, err := planet.New(testKey, planet.WithHTTPClient(&http.Client{Transport: m}), planet.WithRetry(tasking.NoRetry()))
	if err != nil {
		f.Fatal(err)
	}
	calls := map[string]func(context.Context) error{
		"Orders.Get": func(ctx context.Context) error {
			o, err := c.Orders.Get(ctx, "x")
			if err == nil {
				_ = o.Neutral()
				_, _ = json.Marshal(o)
			}
			return err
		},
		"Orders.List": func(ctx context.Context) error {
			p, err := c.Orders.List(ctx, nil)
			if err == nil {
				for _, o := range p.Results {
					if o != nil {
						_ = o.Neutral()
					}
				}
				_, _ = p.NextOffset()
			}
			return err
		},
		"Orders.Pricing": func(ctx context.Context) error { _, err := c.Orders.Pricing(ctx, "x"); return err },
		"Captures.Get": func(ctx context.Context) error {
			cp, err := c.Captures.Get(ctx, "x")
			if err == nil {
				_, _ = cp.ExclusiveUntil(nil)
			}
			return err
		},
		"Captures.List":    func(ctx context.Context) error { _, err := c.Captures.List(ctx, nil); return err },
		"Captures.Reviews": func(ctx context.Context) error { _, err := c.Captures.Reviews(ctx, "x", nil); return err },
		"ImagingWindows.Get": func(ctx context.Context) error {
			s, err := c.ImagingWindows.Get(ctx, "x")
			if err == nil {
				_ = s.Earliest()
			}
			return err
		},
		"Bulk.Get": func(ctx context.Context) error {
			b, err := c.Bulk.Get(ctx, "x")
			if err == nil {
				_ = b.Done()
			}
			return err
		},
		"Bulk.Payloads": func(ctx context.Context) error {
			p, err := c.Bulk.Payloads(ctx, "x", nil)
			if err == nil {
				for _, pl := range p.Results {
					if pl != nil {
						_ = pl.ErrorText()
					}
				}
			}
			return err
		},
		"OrderHistory.List": func(ctx context.Context) error { _, err := c.OrderHistory.List(ctx, nil); return err },
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mu.Lock()
		body = data
		mu.Unlock()
		for name, call := range calls {
			err := call(context.Background())
			var de *tasking.DecodeError
			if err != nil && !errors.As(err, &de) {
				t.Errorf("%s: %T %v, want a *tasking.DecodeError", name, err, err)
			}
		}
	})
}

func FuzzValidate(f *testing.F) {
	f.Add("name", []byte(`{"type":"Point","coordinates":[13.35,52.51]}`), int64(0), int64(3600), "", "", 60.0, 90.0, 0)
	f.Add("x", []byte(`{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}`), int64(10), int64(5), "MONITORING", "FREQ=DAILY;COUNT=3", -1.0, 100.0, 31)
	f.Add("", []byte(`{"type":"LineString","coordinates":[[0,0]]}`), int64(0), int64(0), "FLEXIBLE", "RRULE:COUNT=1", math.NaN(), 0.0, -1)
	f.Add(" ", []byte(`{"type":"MultiPoint","coordinates":[[0,0]]}`), int64(-1e12), int64(1e12), "X", "COUNT=0", 0.0, 0.0, 0)
	f.Fuzz(func(t *testing.T, name string, geom []byte, start, dur int64, sched, rrule string, lo, hi float64, days int) {
		g, _ := geo.ParseGeoJSON(geom)
		st := time.Unix(start, 0)
		r := &planet.OrderCreateRequest{Name: name, Geometry: g, StartTime: st, EndTime: st.Add(time.Duration(dur) * time.Second),
			SchedulingType: planet.SchedulingType(sched), RRule: rrule, SatElevationAngleMin: &lo, SatElevationAngleMax: &hi,
			ExclusivityDays: &days, ImagingWindow: rrule}
		_ = r.Validate()
		_, _ = json.Marshal(r)
		u := &planet.OrderUpdateRequest{Name: name, StartTime: st, EndTime: r.EndTime}
		_ = u.Validate()
		q := &planet.ImagingWindowSearchRequest{Geometry: g, PLNumber: name, Product: sched, Start: st, End: r.EndTime,
			OffNadirAngleMin: &lo, OffNadirAngleMax: &hi}
		_ = q.Validate()
		_, _ = json.Marshal(q)
		_ = (&planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{r, nil}}).Validate()
		_ = (&planet.ReviewCreateRequest{Category: planet.ReviewCategory(sched), Description: name}).Validate()
		if g != nil {
			_ = (&planet.OrderCreateRequest{Name: "n", Geometry: orb.Clone(g)}).Validate()
		}
	})
}
