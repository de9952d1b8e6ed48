package clearsky_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// odense is a 3.7 × 4.4 km field west of Odense, Denmark.
var odense = orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}

// august2025 is a fixed-window (historical) Stratus-2 order for August 2025,
// one image every five days.
func august2025() *clearsky.OrderRequest {
	to := clearsky.NewDate(2025, time.August, 31)
	return &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(odense),
		Model:                   clearsky.ModelStratus2,
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		StorageMonths:           1,
		APIRequests:             1,
		ImageFrequency:          5,
		ReferenceDate:           clearsky.NewDate(2025, time.August, 1),
		From:                    clearsky.NewDate(2025, time.August, 1),
		To:                      &to,
	}
}

// Estimate a recurring polygon order, accept the price, create exactly the
// estimated payload and wait until the order has caught up.
func ExampleOrdersService_EstimateThenCreate() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client() // clearsky.New(apiKey) against the real API

	req := &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(odense),
		Model:                   clearsky.ModelStratus2,
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		StorageMonths:           1,
		APIRequests:             1,
		ImageFrequency:          5,
		ReferenceDate:           clearsky.NewDate(2025, time.January, 1),
		From:                    clearsky.NewDate(2025, time.September, 1),
		To:                      nil, // recurring
	}
	est, order, err := c.Orders.EstimateThenCreate(ctx, req, nil, func(e *clearsky.OrderEstimate) error {
		if e.CurrentMonthCost > 50 {
			return errors.New("too expensive")
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f km², %d image dates, first %s\n", est.AreaKm2, len(est.ImageDates), est.ImageDates[0])
	fmt.Println("created in", order.OrderingProcessStatus)

	// The simulator's client polls every few milliseconds; a real client
	// polls from tasking.DefaultMinDelay unless WithPollDelays says otherwise.
	order, err = c.Orders.Wait(ctx, order.TaskOrderGUID, &tasking.WaitOptions{Until: clearsky.UntilUpToDate})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.OrderingProcessStatus, order.OrderingProcessStatus.Neutral(), order.OrderingProcessStatus.IsTerminal())
	// Output:
	// 16.8 km², 6 image dates, first 2025-09-03
	// created in Review
	// UpToDate in_progress false
}

// Price an order before placing it: estimates are free.
func ExampleOrdersService_Estimate() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	est, err := c.Orders.Estimate(ctx, august2025(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f km², %d image dates: %v\n", est.AreaKm2, len(est.ImageDates), est.ImageDates)
	// Output:
	// 16.8 km², 7 image dates: [2025-08-01 2025-08-06 2025-08-11 2025-08-16 2025-08-21 2025-08-26 2025-08-31]
}

// Create a historical order and follow it to the end of its lifecycle. With
// nil WaitOptions, Wait stops at a terminal status.
func ExampleOrdersService_Wait() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	order, err := c.Orders.Create(ctx, august2025(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created in", order.OrderingProcessStatus, "recurring:", order.Recurring())
	order, err = c.Orders.Wait(ctx, order.TaskOrderGUID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.OrderingProcessStatus, order.OrderingProcessStatus.Neutral())
	// Output:
	// created in Review recurring: false
	// Completed completed
}

// List the account's orders: the endpoint is not paginated, so one call
// returns them all.
func ExampleOrdersService_List() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	recurring := august2025()
	recurring.From, recurring.To = clearsky.NewDate(2025, time.September, 1), nil
	for _, r := range []*clearsky.OrderRequest{august2025(), recurring} {
		if _, err := c.Orders.Create(ctx, r, nil); err != nil {
			fmt.Println(err)
			return
		}
	}
	all, err := c.Orders.List(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(all.TaskOrders), "orders")
	only, err := c.Orders.List(ctx, &clearsky.OrderListOptions{RecurringOnly: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range only.TaskOrders {
		fmt.Println("recurring from", o.From, o.OrderingProcessStatus)
	}
	// Output:
	// 2 orders
	// recurring from 2025-09-01 Review
}

// Cancel an order while ClearSKY still reviews it: it is cancelled
// completely.
func ExampleOrdersService_Cancel() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	order, err := c.Orders.Create(ctx, august2025(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	order, err = c.Orders.Cancel(ctx, order.TaskOrderGUID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.OrderingProcessStatus, order.OrderingProcessStatus.Neutral())
	// Output:
	// Canceled cancelled
}

// Find the grid tiles under a field, then order them instead of the polygon.
func ExampleTilesService_Search() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	res, err := c.Tiles.Search(ctx, clearsky.TilesIntersecting(odense))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tiles found:", len(res.TileGUIDs()))
	req := august2025()
	req.AOI = clearsky.Tiles(res.TileGUIDs()...)
	order, err := c.Orders.Create(ctx, req, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(order.Type(), "order of", len(order.TileGUIDs()), "tile(s)")
	// Output:
	// tiles found: 1
	// tile order of 1 tile(s)
}

// Read the models and the constellations each one requires.
func ExampleModelsService_List() {
	srv := clearskytest.NewServer()
	defer srv.Close()
	c := srv.Client()

	models, err := c.Models.List(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range models {
		fmt.Println(m.Model, m.Required())
	}
	// Output:
	// Stratus2 [Sentinel1 Sentinel2 Landsat89]
	// Stratus2Fast [Sentinel1 Sentinel2]
	// Stratus2NoSnow [Sentinel1 Sentinel2 Landsat89]
}

// Use ClearSKY through the neutral tasking interfaces: estimate, submit and
// wait, with the same code as any other provider.
func ExampleClient_Provider() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	var p tasking.Provider = srv.Client().Provider(clearsky.ProviderDefaults{ImageFrequency: 5})

	req := &tasking.Request{
		Geometry: odense,
		Start:    time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
		End:      time.Date(2025, 8, 31, 23, 59, 59, 0, time.UTC),
	}
	if e, ok := p.(tasking.Estimator); ok {
		est, err := e.Estimate(ctx, req)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(est.Feasibility, len(est.Opportunities), "opportunities from", est.Earliest.Format(time.DateOnly))
	}
	task, err := p.Submit(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("submitted:", task.Status, task.RawStatus)
	task, err = tasking.WaitTask(ctx, p, task.ID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("done:", task.Status, task.RawStatus)
	// Output:
	// feasible 7 opportunities from 2025-08-01
	// submitted: planning Review
	// done: completed Completed
}

// A request the client can tell is wrong is refused before anything is sent,
// with a *tasking.ValidationError naming the field.
func ExampleOrdersService_Create_validation() {
	srv := clearskytest.NewServer()
	defer srv.Close()
	c := srv.Client()

	req := august2025()
	req.ImageFrequency = 10
	_, err := c.Orders.Create(ctx, req, nil)
	var ve *tasking.ValidationError
	fmt.Println(errors.As(err, &ve), errors.Is(err, tasking.ErrInvalidRequest), len(srv.Requests()), "requests sent")
	fmt.Println(ve.Field)
	// Output:
	// true true 0 requests sent
	// ImageFrequency
}

// Deliver what an order produced: its captures are the image dates complete
// for the whole area, each with one composite GeoTIFF downloaded from the
// API host. Estimate the processing credits first: downloads spend them.
func ExampleAdapter_Captures() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()
	a := c.Provider(clearsky.ProviderDefaults{ImageFrequency: 5})

	task, err := a.Submit(ctx, &tasking.Request{Geometry: odense,
		Start: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if task, err = tasking.WaitTask(ctx, a, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(task.RawStatus)

	var first *tasking.Capture
	n := 0
	for capture, err := range a.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if first == nil {
			first = capture
		}
		n++
	}
	fmt.Println(n, "image dates, first", first.AcquiredAt.Format(time.DateOnly), first.Status)

	assets, err := a.Assets(ctx, first)
	if err != nil {
		fmt.Println(err)
		return
	}
	est, err := c.Images.EstimateComposite(ctx, assets[0].Raw.(*clearsky.CompositeRequest))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f km², %s\n", est.AreaEstimateKm2, est.Price())

	dir, _ := os.MkdirTemp("", "clearsky")
	defer os.RemoveAll(dir)
	got, err := tasking.Download(ctx, assets[0], filepath.Join(dir, assets[0].Name), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(assets[0].Name, "verified by", got.Verified, "; credits spent:", srv.CreditsSpent())
	// Output:
	// Completed
	// 7 image dates, first 2025-08-01 published
	// 16.8 km², 1.68 processing credits
	// composite_2025-08-01.tif verified by size ; credits spent: 1.68
}

// ClearSKY's opportunities are production dates, not passes: they tell
// when images will be made, and cannot be booked. Submit refuses one before
// sending anything.
func ExampleAdapter_Submit_opportunity() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	a := srv.Client().Provider(clearsky.ProviderDefaults{})

	req := &tasking.Request{Geometry: odense,
		Start: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC)}
	est, err := a.Estimate(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	o := est.Opportunities[0]
	fmt.Println(len(est.Opportunities), o.Kind, o.Start.Format(time.DateOnly), est.Price.Currency)

	srv.ResetRequests()
	req.Opportunity = o
	_, err = a.Submit(ctx, req)
	fmt.Println(errors.Is(err, tasking.ErrUnsupported), len(srv.Requests()), "requests sent")
	// Output:
	// 5 production-date 2025-10-01 EUR
	// true 0 requests sent
}
