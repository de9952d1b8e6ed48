package planet_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/paulmach/orb/geojson"
)

// handOrder is what a hand-written client would decode an order into.
type handOrder struct {
	ID                            string            `json:"id"`
	Name                          string            `json:"name"`
	Status                        string            `json:"status"`
	Geometry                      *geojson.Geometry `json:"geometry"`
	OriginalGeometry              *geojson.Geometry `json:"original_geometry"`
	StartTime                     time.Time         `json:"start_time"`
	EndTime                       time.Time         `json:"end_time"`
	PLNumber                      string            `json:"pl_number"`
	Product                       string            `json:"product"`
	SchedulingType                string            `json:"scheduling_type"`
	ImagingWindow                 *string           `json:"imaging_window"`
	SatElevationAngleMin          *float64          `json:"sat_elevation_angle_min"`
	SatElevationAngleMax          *float64          `json:"sat_elevation_angle_max"`
	CreatedTime                   time.Time         `json:"created_time"`
	UpdatedTime                   time.Time         `json:"updated_time"`
	CaptureStatusPublishedCount   int               `json:"capture_status_published_count"`
	CaptureAssessmentSuccessCount int               `json:"capture_assessment_success_count"`
	CaptureCount                  int               `json:"capture_count"`
	IsCancellable                 *bool             `json:"is_cancellable"`
}

// BenchmarkGetOrder gets one order and decodes it, through the SDK and by
// hand with net/http and encoding/json, against the same local server.
func BenchmarkGetOrder(b *testing.B) {
	body := fixture(b, "order_flexible.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "api-key "+testKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	id := "9d79b9ba-efa3-4e6d-bc08-407b545875a1"

	b.Run("sdk", func(b *testing.B) {
		c, err := planet.New(testKey, planet.WithBaseURL(srv.URL+"/tasking/v2/"))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			o, err := c.Orders.Get(ctx, id)
			if err != nil || o.ID != id || o.Geometry == nil {
				b.Fatalf("%v %v", o, err)
			}
		}
	})

	b.Run("nethttp", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		u := srv.URL + "/tasking/v2/orders/" + id + "/"
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "api-key "+testKey)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "eotask/0.1.0")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(fmt.Errorf("%d %w", resp.StatusCode, err))
			}
			var o handOrder
			if err := json.Unmarshal(data, &o); err != nil || o.ID != id || o.Geometry == nil {
				b.Fatalf("%v %v", o, err)
			}
		}
	})
}

// BenchmarkDecodeOrderPage decodes a page of 100 orders (allocations per page).
func BenchmarkDecodeOrderPage(b *testing.B) {
	one := fixture(b, "order_flexible.json")
	page := []byte(`{"count": 100, "next": null, "previous": null, "results": [`)
	for i := 0; i < 100; i++ {
		if i > 0 {
			page = append(page, ',')
		}
		page = append(page, one...)
	}
	page = append(page, "]}"...)
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for i := 0; i < b.N; i++ {
		var p planet.Page[*planet.Order]
		if err := json.Unmarshal(page, &p); err != nil || len(p.Results) != 100 {
			b.Fatal(err)
		}
	}
}
