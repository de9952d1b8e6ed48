package planet_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
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

func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `[]`, `null`, `{"results": null}`, `{"results": [null, 1, "x"]}`,
		`{"geometry": {"type": "Point"}}`, `{"geometry": 5}`, `{"start_time": 3}`, `{"next": 7, "count": "x"}`,
		`{"imaging_windows": [{"cloud_forecast": {}}]}`, `{"id": "x", "status": {"a": 1}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var o planet.Order
		if json.Unmarshal(data, &o) == nil {
			_ = o.Task()
			_ = o.Status.Neutral()
			_, _ = json.Marshal(o)
		}
		var c planet.Capture
		if json.Unmarshal(data, &c) == nil {
			_, _ = c.ExclusiveUntil(&o)
		}
		var s planet.ImagingWindowSearch
		if json.Unmarshal(data, &s) == nil {
			_ = s.Earliest()
		}
		var b planet.Bulk
		if json.Unmarshal(data, &b) == nil {
			_ = b.Done()
		}
		var p planet.Pricing
		_ = json.Unmarshal(data, &p)
		var e planet.OrderHistoryEvent
		_ = json.Unmarshal(data, &e)
		var r planet.Review
		_ = json.Unmarshal(data, &r)
		var pl planet.BulkPayload
		if json.Unmarshal(data, &pl) == nil {
			_ = pl.ErrorText()
		}
		var orders planet.Page[*planet.Order]
		if json.Unmarshal(data, &orders) == nil {
			for _, o := range orders.Results {
				_ = o.Task()
			}
			_, _ = orders.NextOffset()
		}
		var caps planet.Page[*planet.Capture]
		_ = json.Unmarshal(data, &caps)
		var pls planet.Page[*planet.BulkPayload]
		_ = json.Unmarshal(data, &pls)
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
