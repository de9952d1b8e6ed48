package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
)

// benchItem is a realistic list item: an order with a dozen fields.
type benchItem struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Geometry  any       `json:"geometry"`
	StartTime time.Time `json:"start_time"`
	EndTime   time.Time `json:"end_time"`
	Created   time.Time `json:"created_time"`
	Updated   time.Time `json:"updated_time"`
	Product   string    `json:"product"`
	Captures  int       `json:"capture_status_published_count"`
}

type benchPage struct {
	Count   int         `json:"count"`
	Next    *string     `json:"next"`
	Results []benchItem `json:"results"`
}

const (
	benchTotal    = 100_000
	benchPageSize = 100
)

// pageServer serves benchTotal items in pages of benchPageSize with DRF-style
// next links.
func pageServer(b *testing.B) *httptest.Server {
	item := func(buf []byte, i int) []byte {
		buf = append(buf, `{"id":"order-`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `","name":"cairo","status":"FULFILLED","geometry":{"type":"Point","coordinates":[31.2,30.0]},`+
			`"start_time":"2026-01-01T00:00:00Z","end_time":"2026-02-01T00:00:00Z","created_time":"2025-12-30T10:00:00.123Z",`+
			`"updated_time":"2026-01-05T10:00:00.123Z","product":"Assured","capture_status_published_count":1}`...)
		return buf
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		end := min(off+benchPageSize, benchTotal)
		buf := make([]byte, 0, 40_000)
		buf = append(buf, `{"count":`...)
		buf = strconv.AppendInt(buf, benchTotal, 10)
		buf = append(buf, `,"next":`...)
		if end < benchTotal {
			buf = append(buf, '"')
			buf = append(buf, srv.URL...)
			buf = append(buf, "/orders/?limit=100&offset="...)
			buf = strconv.AppendInt(buf, int64(end), 10)
			buf = append(buf, '"')
		} else {
			buf = append(buf, "null"...)
		}
		buf = append(buf, `,"results":[`...)
		for i := off; i < end; i++ {
			if i > off {
				buf = append(buf, ',')
			}
			buf = item(buf, i)
		}
		buf = append(buf, "]}"...)
		w.Header().Set("Content-Type", "application/json")
		w.Write(buf)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// heapSampler records the largest HeapInuse seen, sampling every n calls.
type heapSampler struct {
	n, calls int
	peak     uint64
}

func (h *heapSampler) sample() {
	h.calls++
	if h.calls%h.n != 0 {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h.peak = max(h.peak, m.HeapInuse)
}

// BenchmarkListAll100k pages through 100,000 items, 100 a page, through the
// SDK path (transport + tasking.Seq) and through a hand-written net/http loop.
// peak-heap-MB is the largest heap in use sampled during the listing: it
// stays near one page's worth however many pages there are.
func BenchmarkListAll100k(b *testing.B) {
	srv := pageServer(b)
	b.Run("sdk", func(b *testing.B) {
		c, err := New(API{Name: "bench", BaseURL: srv.URL}, Apply())
		if err != nil {
			b.Fatal(err)
		}
		fetch := func(ctx context.Context, cursor string) (tasking.Page[benchItem], error) {
			path := cursor
			if path == "" {
				path = "orders/?limit=100&offset=0"
			}
			var p benchPage
			if _, err := c.Get(ctx, path, nil, &p); err != nil {
				return tasking.Page[benchItem]{}, err
			}
			next := ""
			if p.Next != nil {
				next = *p.Next
			}
			return tasking.Page[benchItem]{Items: p.Results, Next: next}, nil
		}
		runListing(b, func(yield func(benchItem) bool) error {
			for it, err := range tasking.Seq(context.Background(), fetch) {
				if err != nil {
					return err
				}
				if !yield(it) {
					return nil
				}
			}
			return nil
		})
	})
	b.Run("nethttp", func(b *testing.B) {
		hc := &http.Client{Transport: defaultTransport()}
		runListing(b, func(yield func(benchItem) bool) error {
			next := srv.URL + "/orders/?limit=100&offset=0"
			for next != "" {
				req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, next, nil)
				req.Header.Set("Accept", "application/json")
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				var p benchPage
				err = json.NewDecoder(resp.Body).Decode(&p)
				resp.Body.Close()
				if err != nil {
					return err
				}
				for _, it := range p.Results {
					if !yield(it) {
						return nil
					}
				}
				next = ""
				if p.Next != nil {
					next = *p.Next
				}
			}
			return nil
		})
	})
}

func runListing(b *testing.B, list func(func(benchItem) bool) error) {
	b.ReportAllocs()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	h := &heapSampler{n: 10 * benchPageSize}
	for i := 0; i < b.N; i++ {
		n := 0
		if err := list(func(it benchItem) bool { n++; h.sample(); return true }); err != nil {
			b.Fatal(err)
		}
		if n != benchTotal {
			b.Fatalf("listed %d items, want %d", n, benchTotal)
		}
	}
	b.ReportMetric(float64(h.peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
}

// BenchmarkConcurrentConnReuse makes many concurrent GETs and reports how many
// TCP connections the server saw opened: with the SDK's idle pool they are
// reused; with net/http's default (2 idle per host) many are opened and closed.
func BenchmarkConcurrentConnReuse(b *testing.B) {
	run := func(b *testing.B, hc *http.Client) {
		var conns atomic.Int64
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"id":"x","status":"PENDING"}`)
		}))
		srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}
		srv.Start()
		defer srv.Close()
		c, err := New(API{Name: "bench", BaseURL: srv.URL}, Apply(WithHTTPClient(hc)))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.SetParallelism(16) // 16 × GOMAXPROCS goroutines at once
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			var out map[string]any
			for pb.Next() {
				if _, err := c.Get(context.Background(), "orders/x/", nil, &out); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(conns.Load()), "new-conns")
	}
	b.Run("sdk-default-pool", func(b *testing.B) { run(b, nil) })
	b.Run("nethttp-default-transport", func(b *testing.B) {
		run(b, &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()})
	})
}

// BenchmarkGetOne measures the transport alone: one GET decoded into the same
// struct, through Client.Get and by hand with net/http and encoding/json,
// against one local server.
func BenchmarkGetOne(b *testing.B) {
	body := []byte(`{"id":"order-1","name":"cairo","status":"FULFILLED","geometry":{"type":"Point","coordinates":[31.2,30.0]},` +
		`"start_time":"2026-01-01T00:00:00Z","end_time":"2026-02-01T00:00:00Z","created_time":"2025-12-30T10:00:00.123Z",` +
		`"updated_time":"2026-01-05T10:00:00.123Z","product":"Assured","capture_status_published_count":1}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	b.Run("sdk", func(b *testing.B) {
		c, err := New(API{Name: "bench", BaseURL: srv.URL, Auth: HeaderAuth{Name: "Authorization", Value: "api-key k"}}, Apply())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var it benchItem
			if _, err := c.Get(context.Background(), "orders/order-1/", nil, &it); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("nethttp", func(b *testing.B) {
		hc := &http.Client{Transport: defaultTransport()}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/orders/order-1/", nil)
			req.Header.Set("Authorization", "api-key k")
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var it benchItem
			err = json.NewDecoder(resp.Body).Decode(&it)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
