package clearsky_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Estimate a recurring polygon order, accept the price, create exactly the
// estimated payload and wait until the order has caught up.
func ExampleOrdersService_EstimateThenCreate() {
	srv := clearskytest.NewServer(clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client() // clearsky.New(apiKey) against the real API

	field := orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}
	req := &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(field),
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

	order, err = c.Orders.Wait(ctx, order.TaskOrderGUID, &tasking.WaitOptions{
		MinDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, Until: clearsky.UntilUpToDate})
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
