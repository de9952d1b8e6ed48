package planet_test

import (
	"context"
	"fmt"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Place a Flexible order and follow it to its end on the simulator.
func ExampleOrderService_Wait() {
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
func ExampleImagingWindowService_Search() {
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
