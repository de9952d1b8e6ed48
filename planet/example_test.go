package planet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Place a Flexible order and follow it to its end on the simulator.
func ExampleOrdersService_Wait() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now), planettest.WithCloudyCaptures(1))
	defer srv.Close()
	c := srv.Client() // in production: planet.New(os.Getenv("PL_API_KEY"))
	ctx := context.Background()

	order, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name: "harbour", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	final, err := c.Orders.Wait(ctx, order.ID, &tasking.WaitOptions{
		MinDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond,
		OnChange: func(_, e tasking.StatusEvent) { fmt.Printf("%s (%s)\n", e.Raw, e.Status) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d captures, %d INVALID (retasked), %d SUCCESS\n", final.CaptureCount,
		final.CaptureAssessmentInvalidCount, final.CaptureAssessmentSuccessCount)
	// Output:
	// PENDING (scheduled)
	// IN_PROGRESS (in_progress)
	// FULFILLED (completed)
	// 2 captures, 1 INVALID (retasked), 1 SUCCESS
}

// Search imaging windows and book the earliest one as an Assured order.
func ExampleImagingWindowsService_Search() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	q := &planet.ImagingWindowSearchRequest{
		Geometry: orb.Point{13.350097, 52.514511}, PLNumber: "PL-123456", Product: "Assured Tasking",
		Start: now, End: now.AddDate(0, 0, 3),
	}
	search, err := c.ImagingWindows.Search(ctx, q, &tasking.WaitOptions{MinDelay: time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range search.ImagingWindows {
		fmt.Println(w.StartTime.Format(time.RFC3339), w.SatelliteType)
	}
	order, err := c.Orders.Create(ctx, planet.AssuredOrder("assured pier", q, search.Earliest()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.Status, order.SchedulingType, order.StartTime.Format(time.RFC3339))
	// Output:
	// 2030-06-01T10:21:05Z SKYSAT
	// 2030-06-02T10:21:05Z PELICAN
	// 2030-06-03T10:21:05Z SKYSAT
	// REQUESTED ASSURED 2030-06-01T10:21:05Z
}

// Use the client through the neutral tasking.Provider interface.
func ExampleClient_Provider() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	var p tasking.Provider = srv.Client().Provider(planet.ProviderDefaults{PLNumber: "PL-123456"})
	ctx := context.Background()

	task, err := p.Submit(ctx, &tasking.Request{Name: "neutral", Geometry: orb.Point{1, 2}, Start: now, End: now.AddDate(0, 0, 7)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(task.Provider, task.RawStatus, task.Status)
	final, err := tasking.WaitTask(ctx, p, task.ID, &tasking.WaitOptions{MinDelay: time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(final.RawStatus, final.Status, "revisable:", final.Revisable)
	// Output:
	// planet RECEIVED received
	// FULFILLED completed revisable: true
}

// Configure a client with the shared options and Planet's own.
func ExampleNew() {
	c, err := planet.New("PLAK-example",
		planet.WithBaseURL("http://127.0.0.1:8080/tasking/v2/"),
		planet.WithRetry(tasking.NoRetry()),
		planet.WithTimeout(30*time.Second),
		planet.WithPollDelays(5*time.Second, time.Minute),
		planet.WithBasicAuth(),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c) // the key is never printed
	fmt.Println(c.PollDelays())
	// Output:
	// planet.Client{http://127.0.0.1:8080/tasking/v2/}
	// 5s 1m0s
}

// List every order whose name matches, newest first, page after page.
func ExampleOrdersService_All() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now), planettest.WithDefaultLimit(2))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	for _, name := range []string{"pier north", "harbour", "pier south", "pier east"} {
		if _, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
			Name: name, Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
		}); err != nil {
			fmt.Println(err)
			return
		}
	}
	for o, err := range c.Orders.All(ctx, &planet.OrderListOptions{NameContains: "pier", Ordering: "-created_time"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(o.Name, o.Status)
	}
	// Output:
	// pier east RECEIVED
	// pier south RECEIVED
	// pier north RECEIVED
}

// Change an order's name and end time.
func ExampleOrdersService_Update() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name: "draft", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.Advance() // Planet lets an order be edited once it is PENDING
	o, err = c.Orders.Update(ctx, o.ID, &planet.OrderUpdateRequest{Name: "harbour", EndTime: now.AddDate(0, 0, 14)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Name, o.EndTime.Format(time.DateOnly))
	// Output:
	// harbour 2030-06-15
}

// Cancel an order and wait until Planet reports it CANCELLED.
func ExampleOrdersService_Cancel() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name: "not needed", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	o, err = c.Orders.Cancel(ctx, o.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Status)
	final, err := c.Orders.Wait(ctx, o.ID, nil) // the simulator's client polls fast by default
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(final.Status, final.Status.Neutral())
	// Output:
	// CANCELLED
	// CANCELLED cancelled
}

// Place several orders in one request and read what became of each.
func ExampleBulkService_Create() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	var payloads []*planet.OrderCreateRequest
	for i, p := range []orb.Point{{13.35, 52.51}, {2.35, 48.86}} {
		payloads = append(payloads, &planet.OrderCreateRequest{
			Name: fmt.Sprintf("site %d", i+1), Geometry: p, StartTime: now, EndTime: now.AddDate(0, 0, 7),
		})
	}
	b, err := c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: payloads})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err = c.Bulk.Wait(ctx, b.ID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.PayloadCount, "payloads,", b.SuccessfulPayloadCount, "created,", b.FailedPayloadCount, "failed")
	// Output:
	// 2 payloads, 2 created, 0 failed
}

// Read the captures taken for an order, newest first: the one that fulfils
// it, then a cloudy one assessed INVALID.
func ExampleCapturesService_All() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now), planettest.WithCloudyCaptures(1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name: "harbour", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.Orders.Wait(ctx, o.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	for cp, err := range c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: o.ID, Ordering: "-created_time"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(cp.Status, cp.Assessment, "fulfilling:", cp.Fulfilling)
	}
	// Output:
	// PUBLISHED SUCCESS fulfilling: true
	// PUBLISHED INVALID fulfilling: false
}

// Price an order before placing it.
func ExamplePricingService_Preview() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()

	pr, err := c.Pricing.Preview(context.Background(), &planet.OrderCreateRequest{
		Name: "harbour", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.0f %s\n", *pr.EstimatedQuotaCost, pr.Units)
	// Output:
	// 25 sqkm
}

// Download what an order produced: list its captures, let the adapter
// activate the Data API assets of each published one, and download them
// with tasking.DownloadAll (resumed after cuts, checked against Planet's
// MD5, fetched without the API key).
func ExampleAdapter_Assets() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	p := srv.Client().Provider(planet.ProviderDefaults{AssetTypes: []string{"ortho_visual", "ortho_udm2"}})
	ctx := context.Background()

	task, err := p.Submit(ctx, &tasking.Request{Name: "harbour", Geometry: orb.Point{13.35, 52.51},
		Start: now, End: now.AddDate(0, 0, 7)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if task, err = tasking.WaitTask(ctx, p, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "planet-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for capture, err := range p.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("capture %s %s %.0f%% cloud\n", capture.RawStatus, capture.Satellite, *capture.CloudCover)
		assets, err := p.Assets(ctx, capture)
		if err != nil {
			fmt.Println(err)
			return
		}
		got, err := tasking.DownloadAll(ctx, assets, dir, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, d := range got {
			fmt.Println(filepath.Base(d.Path), d.Size, "bytes, verified by", d.Verified)
		}
	}
	// Output:
	// capture PUBLISHED SKYSAT 4% cloud
	// s106_20300601T090000Z_ortho_udm2 98304 bytes, verified by md5
	// s106_20300601T090000Z_ortho_visual 262144 bytes, verified by md5
}

// Estimate the imaging windows over an area and book one: the adapter
// searches Planet's windows at the polygon's centroid, offers each as an
// opportunity (quota-unit price, best-case off-nadir angle, cloud
// forecast), and Submit books the chosen one as an Assured order over the
// polygon.
func ExampleAdapter_Submit_booking() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	p := srv.Client().Provider(planet.ProviderDefaults{PLNumber: "PL-123456", SearchProduct: "Assured Tasking"})
	ctx := context.Background()

	req := &tasking.Request{Name: "pier area", Start: now, End: now.AddDate(0, 0, 3),
		Geometry: orb.Polygon{{{13.30, 52.50}, {13.40, 52.50}, {13.40, 52.55}, {13.30, 52.55}, {13.30, 52.50}}}}
	est, err := p.Estimate(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range est.Opportunities {
		fmt.Printf("%s %-7s off-nadir %4.1f° cloud %2.0f%% %s\n", o.Start.Format(time.RFC3339), o.Satellite,
			*o.OffNadir, *o.CloudCover, o.Price)
	}
	choice := tasking.Rank([]tasking.Quote{{Provider: planet.Name, Estimate: est}}, tasking.LeastCloud)[0]
	req.Opportunity = choice
	task, err := p.Submit(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("booked", task.RawStatus, task.Start.Format(time.RFC3339), task.Geometry.GeoJSONType(),
		task.Raw.(*planet.Order).ImagingWindow == choice.ID)
	// Output:
	// 2030-06-01T10:21:05Z SKYSAT  off-nadir  5.0° cloud 10% 37.61 sqkm
	// 2030-06-02T10:21:05Z PELICAN off-nadir 12.0° cloud 23% 37.61 sqkm
	// 2030-06-03T10:21:05Z SKYSAT  off-nadir 19.0° cloud 36% 37.61 sqkm
	// booked REQUESTED 2030-06-01T10:21:05Z Polygon true
}
