package clearsky_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/benchkit"
	"github.com/paulmach/orb"
)

// The benchmarks measure each call through the SDK ("sdk") and written by
// hand ("nethttp": net/http and encoding/json v1 into the typed structs
// below, then the same WKT parsing the SDK does), against one local server
// answering the same realistic body, in the same run.

// handEnvelope is ClearSKY's envelope as a hand-written client declares it.
type handEnvelope[T any] struct {
	Succeeded bool
	Error     *struct {
		Message string
		Code    int
	}
	Data *T
}

// handOrder is a TaskOrder as a hand-written client declares it: enums as
// strings, dates and times as time.Time, the WKT parsed after decoding.
type handOrder struct {
	TaskOrderGuid           string
	BillingCycle            string
	OrderingProcessStatus   string
	StorageMonths           int
	ApiRequests             int
	ImageFrequency          int
	TaskOrderAreaKm2        float64
	Model                   string
	ReferenceDate           handDate
	From                    handDate
	To                      *handDate
	SatelliteConstellations []string
	Tiles                   []handTileRef
	MiniTiles               []handTileRef
	Wkt                     *string
	CreatedDate             time.Time

	geometry orb.Geometry // Wkt parsed
}

// parse parses the order's WKT and its tiles' footprints, as the SDK does.
func (o *handOrder) parse() {
	if o.Wkt != nil && *o.Wkt != "" {
		o.geometry, _ = geo.ParseWKT(*o.Wkt)
	}
	for _, refs := range [][]handTileRef{o.Tiles, o.MiniTiles} {
		for i := range refs {
			if refs[i].Wkt != "" {
				refs[i].geometry, _ = geo.ParseWKT(refs[i].Wkt)
			}
		}
	}
}

// handDate is a YYYY-MM-DD date.
type handDate struct{ time.Time }

func (d *handDate) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		d.Time = time.Time{}
		return nil
	}
	t, err := time.Parse(clearsky.DateLayout, *s)
	d.Time = t
	return err
}

// handTileRef is a tile GUID string or a {Guid, Wkt} object.
type handTileRef struct {
	Guid, Wkt string
	geometry  orb.Geometry
}

func (t *handTileRef) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.Guid)
	}
	var o struct{ Guid, Wkt string }
	err := json.Unmarshal(b, &o)
	t.Guid, t.Wkt = o.Guid, o.Wkt
	return err
}

// benchGUID returns the i-th order id.
func benchGUID(i int) string { return fmt.Sprintf("%08x-91c4-4e3b-a8d5-6c2e9f1b3a70", i) }

// benchOrders returns n realistic orders built from the list fixture's two
// orders, alternately a recurring polygon order (the 24-vertex field, as a
// GeometryCollection) and a fixed-window tile order, each with its own id.
func benchOrders(b *testing.B, n int) []map[string]any {
	var env struct {
		Data struct{ TaskOrders []map[string]any }
	}
	if err := json.Unmarshal(fixture(b, "list.json"), &env); err != nil {
		b.Fatal(err)
	}
	wkt := geo.WKT(orb.Collection{benchkit.Polygon24(orb.Point{10.13, 55.62}, 0.0216, 0.012)})
	out := make([]map[string]any, n)
	for i := range out {
		o := map[string]any{}
		for k, v := range env.Data.TaskOrders[i%2] {
			o[k] = v
		}
		o["TaskOrderGuid"] = benchGUID(i)
		o["CreatedDate"] = time.Date(2025, 2, 27, 9, 15, 0, 123456700, time.UTC).Add(time.Duration(i) * time.Minute).Format(time.RFC3339Nano)
		if i%2 == 0 {
			o["Wkt"] = wkt
		}
		out[i] = o
	}
	return out
}

// envelopeBody wraps data in a successful envelope.
func envelopeBody(b *testing.B, data any) []byte {
	body, err := json.Marshal(map[string]any{"Succeeded": true, "Error": nil, "Data": data})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// benchClients returns the SDK client and the hand-written one for srvURL.
func benchClients(b *testing.B, srvURL string) (*clearsky.Client, *benchkit.Hand) {
	c, err := clearsky.New(testKey, clearsky.WithBaseURL(srvURL))
	if err != nil {
		b.Fatal(err)
	}
	return c, benchkit.NewHand(http.Header{"X-Api-Key": {testKey}})
}

// BenchmarkGet gets one order by id: POST /api/tasking/orders/details
// answered with the details fixture (a tile order whose tiles come as
// {Guid, Wkt} objects), the order found in Data.TaskOrders and its
// footprints parsed.
func BenchmarkGet(b *testing.B) {
	body := fixture(b, "details.json")
	srv := benchkit.Server(b, http.StatusOK, body)
	c, hand := benchClients(b, srv.URL)
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	url := srv.URL + "/api/tasking/orders/details"
	benchkit.Pair(b, func(ctx context.Context) error {
		o, err := c.Orders.Get(ctx, id)
		if err == nil && (o.OrderingProcessStatus != clearsky.StatusAwaitingSatelliteProducts || o.Tiles[0].WKT.Geometry == nil) {
			err = fmt.Errorf("unexpected order %+v", o)
		}
		return err
	}, func(ctx context.Context) error {
		var env handEnvelope[struct{ TaskOrders []*handOrder }]
		if err := hand.Do(ctx, http.MethodPost, url, struct{ Guids []string }{[]string{id}}, &env); err != nil {
			return err
		}
		if !env.Succeeded || env.Data == nil {
			return fmt.Errorf("failed: %+v", env.Error)
		}
		for _, o := range env.Data.TaskOrders {
			if o != nil && o.TaskOrderGuid == id {
				o.parse()
				if o.OrderingProcessStatus != "AwaitingSatelliteProducts" || o.Tiles[0].geometry == nil {
					return fmt.Errorf("unexpected order %+v", o)
				}
				return nil
			}
		}
		return fmt.Errorf("order %s not found", id)
	})
}

// BenchmarkList lists the account's orders: GET /api/tasking/orders. The
// API has no pages (one request answers a whole listing), so this is the
// order listing at a realistic size: 200 orders, half recurring polygon
// orders with a 24-vertex AOI, half tile orders, built from the list
// fixture; every AOI is parsed.
func BenchmarkList(b *testing.B) {
	const n = 200
	body := envelopeBody(b, map[string]any{"TaskOrders": benchOrders(b, n)})
	srv := benchkit.Server(b, http.StatusOK, body)
	c, hand := benchClients(b, srv.URL)
	url := srv.URL + "/api/tasking/orders?recurringOnly=false&getExpired=false"
	benchkit.Pair(b, func(ctx context.Context) error {
		l, err := c.Orders.List(ctx, nil)
		if err == nil && (len(l.TaskOrders) != n || l.TaskOrders[0].WKT.Geometry == nil) {
			err = fmt.Errorf("unexpected listing")
		}
		return err
	}, func(ctx context.Context) error {
		var env handEnvelope[struct{ TaskOrders []*handOrder }]
		if err := hand.Do(ctx, http.MethodGet, url, nil, &env); err != nil {
			return err
		}
		if !env.Succeeded || env.Data == nil {
			return fmt.Errorf("failed: %+v", env.Error)
		}
		for _, o := range env.Data.TaskOrders {
			o.parse()
		}
		if len(env.Data.TaskOrders) != n || env.Data.TaskOrders[0].geometry == nil {
			return fmt.Errorf("unexpected listing")
		}
		return nil
	})
}

// handPayload is the create body as a hand-written client declares it.
type handPayload struct {
	Wkt                     string
	SatelliteConstellations []string
	Model                   string
	StorageMonths           int
	ApiRequests             int
	ImageFrequency          int
	ReferenceDate           string
	From                    string
	To                      *string
}

// BenchmarkCreate places a recurring polygon order with a 24-vertex AOI:
// POST /api/tasking/orders, answered with the created order (the create
// fixture's order as a polygon order over that AOI). The SDK also validates
// the request before sending it; the hand-written call does not.
func BenchmarkCreate(b *testing.B) {
	var created map[string]any
	var env struct{ Data map[string]any }
	if err := json.Unmarshal(fixture(b, "create.json"), &env); err != nil {
		b.Fatal(err)
	}
	created = env.Data
	field := benchkit.Polygon24(orb.Point{10.13, 55.62}, 0.0216, 0.012)
	created["Wkt"] = geo.WKT(orb.Collection{field})
	created["Tiles"], created["MiniTiles"], created["To"] = []string{}, []string{}, nil
	srv := benchkit.Server(b, http.StatusOK, envelopeBody(b, created))
	c, hand := benchClients(b, srv.URL)
	url := srv.URL + "/api/tasking/orders"
	req := &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(field),
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		Model:                   clearsky.ModelStratus2,
		StorageMonths:           1,
		APIRequests:             1,
		ImageFrequency:          5,
		ReferenceDate:           clearsky.NewDate(2025, time.January, 1),
		From:                    clearsky.NewDate(2025, time.September, 1),
	}
	benchkit.Pair(b, func(ctx context.Context) error {
		o, err := c.Orders.Create(ctx, req, nil)
		if err == nil && (o.OrderingProcessStatus != clearsky.StatusReview || o.WKT.Geometry == nil) {
			err = fmt.Errorf("unexpected order %+v", o)
		}
		return err
	}, func(ctx context.Context) error {
		in := handPayload{
			Wkt:                     geo.WKT(orb.Collection{field}),
			SatelliteConstellations: []string{"Sentinel1", "Sentinel2", "Landsat89"},
			Model:                   "Stratus2",
			StorageMonths:           1,
			ApiRequests:             1,
			ImageFrequency:          5,
			ReferenceDate:           "2025-01-01",
			From:                    "2025-09-01",
		}
		var env handEnvelope[handOrder]
		if err := hand.Do(ctx, http.MethodPost, url, in, &env); err != nil {
			return err
		}
		if !env.Succeeded || env.Data == nil {
			return fmt.Errorf("failed: %+v", env.Error)
		}
		env.Data.parse()
		if env.Data.OrderingProcessStatus != "Review" || env.Data.geometry == nil {
			return fmt.Errorf("unexpected order %+v", env.Data)
		}
		return nil
	})
}
