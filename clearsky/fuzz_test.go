package clearsky

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/eotask/eotask/tasking"
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
	f.Add([]byte(`null`))
}

// FuzzDecode feeds arbitrary bytes to every response decoder: the envelope
// of each resource, the error decoders and the failure check. None may
// panic.
func FuzzDecode(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		var orders envelope[OrderList]
		_ = json.Unmarshal(b, &orders)
		if orders.Data != nil {
			for _, o := range orders.Data.TaskOrders {
				if o != nil {
					_ = o.Recurring()
					_ = o.Type()
					_ = o.TileGUIDs()
					_, _ = json.Marshal(o)
					_ = o.OrderingProcessStatus.Neutral()
				}
			}
		}
		var fast envelope[OrderList]
		_ = decodeOrderListEnvelope(b, &fast) // what Orders.List and Details use
		var order envelope[Order]
		_ = json.Unmarshal(b, &order)
		var est envelope[OrderEstimate]
		if json.Unmarshal(b, &est) == nil && est.Data != nil {
			_, _, _ = est.Data.Total()
		}
		var tiles envelope[TileSearchResult]
		if json.Unmarshal(b, &tiles) == nil && tiles.Data != nil {
			_ = tiles.Data.MiniTileGUIDs()
		}
		var models envelope[struct{ TaskingModels []TaskingModel }]
		if json.Unmarshal(b, &models) == nil && models.Data != nil {
			for i := range models.Data.TaskingModels {
				_ = models.Data.TaskingModels[i].CheckConstellations([]SatelliteConstellation{ConstellationSentinel1})
			}
		}
		_ = failed(200, b)
		e := &tasking.APIError{StatusCode: 400, Body: b}
		decodeAPIError(e)
		_ = e.Error()
		_ = FieldErrors(e)
		_, _ = ErrorCode(e)
	})
}

// FuzzValidate feeds arbitrary bytes, read as wire payloads, to the request
// validation. It may reject them; it may not panic, and what it accepts
// must encode.
func FuzzValidate(f *testing.F) {
	addFixtures(f)
	f.Add([]byte(`{"Wkt":"GEOMETRYCOLLECTION(POINT(1 2))","GeoJson":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}`))
	f.Add([]byte(`{"Wkt":"GEOMETRYCOLLECTION(POLYGON((10 55,10.1 55,10.1 55.1,10 55.1,10 55)))","SatelliteConstellations":["Sentinel1"],"Model":"Stratus2","StorageMonths":1,"ApiRequests":1,"ImageFrequency":7,"ReferenceDate":"2025-01-01","From":"2025-03-01","To":null}`))
	f.Add([]byte(`{"GeoJson":{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p OrderPayload
		if json.Unmarshal(b, &p) == nil {
			if p.Validate() == nil {
				if _, err := json.Marshal(&p); err != nil {
					t.Fatalf("a valid payload does not encode: %v", err)
				}
			}
			_ = p.Type()
		}
		var s TileSearchPayload
		if json.Unmarshal(b, &s) == nil {
			_ = s.Validate()
		}
		if len(b) < 4096 {
			w := string(b)
			_ = (&OrderPayload{WKT: &w}).Validate()
			_ = (&TileSearchPayload{WKT: &w}).Validate()
			_ = (&OrderPayload{GeoJSON: b}).Validate()
			_, _ = ParseModel(w)
			_, _ = ParseDate(w)
		}
	})
}
