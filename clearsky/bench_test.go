package clearsky_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/eotask/eotask/clearsky"
)

// handOrder is what a hand-written client would decode a TaskOrder into.
type handOrder struct {
	TaskOrderGuid           string
	BillingCycle            string
	OrderingProcessStatus   string
	StorageMonths           int
	ApiRequests             int
	ImageFrequency          int
	TaskOrderAreaKm2        float64
	Model                   string
	ReferenceDate           string
	From                    string
	To                      *string
	SatelliteConstellations []string
	Tiles                   []struct{ Guid, Wkt string }
	MiniTiles               []struct{ Guid, Wkt string }
	Wkt                     *string
	CreatedDate             string
}

// BenchmarkGetOrder gets one order (POST /api/tasking/orders/details) and
// decodes it, through the SDK and by hand with net/http and encoding/json,
// against one local server answering a fixed realistic body.
func BenchmarkGetOrder(b *testing.B) {
	body := fixture(b, "details.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"

	b.Run("sdk", func(b *testing.B) {
		c, err := clearsky.New(testKey, clearsky.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			o, err := c.Orders.Get(ctx, id)
			if err != nil || o.OrderingProcessStatus != clearsky.StatusAwaitingSatelliteProducts {
				b.Fatal(o, err)
			}
		}
	})

	b.Run("nethttp", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		url := srv.URL + "/api/tasking/orders/details"
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			reqBody, _ := json.Marshal(struct{ Guids []string }{[]string{id}})
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(reqBody))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("x-api-key", testKey)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "bench eotask/0.1.0")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var env struct {
				Succeeded bool
				Error     *struct {
					Message string
					Code    int
				}
				Data struct{ TaskOrders []handOrder }
			}
			err = json.NewDecoder(resp.Body).Decode(&env)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 || !env.Succeeded || len(env.Data.TaskOrders) != 1 {
				b.Fatal(fmt.Sprint(resp.StatusCode, err))
			}
		}
	})
}
