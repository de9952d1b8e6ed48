// Command clearsky shows the ClearSKY Vision client end to end.
//
// Without credentials it starts the clearskytest simulator and runs:
// estimate and create an order for last month's window, print each status
// change with its neutral status until the order completes, follow a
// recurring order until it is UpToDate, list the orders, and cancel a
// second order still in Review. It finishes in a few seconds.
//
// With CLEARSKY_API_KEY set it talks to the real API and only reads (lists
// the orders and models) unless -create is given, because an order spends
// order credits. With -create it estimates a small recurring polygon order
// and creates it only if this month's cost is under -max-eur.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func main() {
	create := flag.Bool("create", false, "with real credentials: place an order (spends order credits)")
	maxEUR := flag.Float64("max-eur", 5, "with -create: refuse an estimate above this many euros this month")
	flag.Parse()
	log.SetFlags(0)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	if key := os.Getenv("CLEARSKY_API_KEY"); key != "" {
		if err := real(ctx, key, *create, *maxEUR); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := simulated(ctx); err != nil {
		log.Fatal(err)
	}
}

// field is a 4 km × 4.4 km area west of Odense, Denmark.
var field = orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}

// orderRequest is a Stratus-2 polygon order from from to to (nil: recurring).
func orderRequest(from clearsky.Date, to *clearsky.Date) *clearsky.OrderRequest {
	return &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(field),
		Model:                   clearsky.ModelStratus2,
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
		StorageMonths:           1,
		APIRequests:             1,
		ImageFrequency:          5,
		ReferenceDate:           clearsky.NewDate(2025, time.January, 1),
		From:                    from,
		To:                      to,
	}
}

func simulated(ctx context.Context) error {
	srv := clearskytest.NewServer()
	defer srv.Close()
	c := srv.Client()
	fmt.Println("No CLEARSKY_API_KEY: using the clearskytest simulator at", srv.URL)

	today := clearsky.DateOf(srv.Now())
	lastMonth := today.FirstOfMonth().AddMonths(-1)
	end := lastMonth.LastOfMonth()

	// 1. Estimate, accept, create exactly the estimated payload.
	_, order, err := c.Orders.EstimateThenCreate(ctx, orderRequest(lastMonth, &end), nil, func(e *clearsky.OrderEstimate) error {
		fmt.Printf("estimate: %.2f km², %d image dates, €%.2f this month\n", e.AreaKm2, len(e.ImageDates), e.CurrentMonthCost)
		if e.CurrentMonthCost > 50 {
			return errors.New("too expensive")
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("created order %s (%s → %s) in %s\n", order.TaskOrderGUID, order.From, order.To, order.OrderingProcessStatus)

	// 2. Every status change, with its neutral status.
	wait := &tasking.WaitOptions{MinDelay: 20 * time.Millisecond, MaxDelay: 100 * time.Millisecond}
	for o, err := range c.Orders.Watch(ctx, order.TaskOrderGUID, wait) {
		if err != nil {
			return err
		}
		fmt.Printf("  fixed:     %-26s → neutral %s\n", o.OrderingProcessStatus, o.OrderingProcessStatus.Neutral())
	}

	// 3. A recurring order never becomes terminal; stop when it is UpToDate.
	// Starting last month, it backfills the dates already due.
	recurring, err := c.Orders.Create(ctx, orderRequest(lastMonth, nil), nil)
	if err != nil {
		return err
	}
	upToDate := *wait
	upToDate.Until = clearsky.UntilUpToDate
	upToDate.OnChange = func(_, next tasking.StatusEvent) {
		fmt.Printf("  recurring: %-26s → neutral %s\n", next.Raw, next.Status)
	}
	if _, err := c.Orders.Wait(ctx, recurring.TaskOrderGUID, &upToDate); err != nil {
		return err
	}

	// 4. A second order, cancelled while still in Review.
	second, err := c.Orders.Create(ctx, orderRequest(lastMonth, &end), nil)
	if err != nil {
		return err
	}
	if _, err := c.Orders.Cancel(ctx, second.TaskOrderGUID); err != nil {
		return err
	}
	fmt.Println("cancelled order", second.TaskOrderGUID)

	// 5. The list.
	return list(ctx, c)
}

func list(ctx context.Context, c *clearsky.Client) error {
	l, err := c.Orders.List(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Printf("%d orders:\n", len(l.TaskOrders))
	for _, o := range l.TaskOrders {
		window := "recurring"
		if o.To != nil {
			window = "to " + o.To.String()
		}
		fmt.Printf("  %s  %-9s %-26s %-12s from %s %s, %.2f km²\n", o.TaskOrderGUID, o.Type(), o.OrderingProcessStatus,
			o.OrderingProcessStatus.Neutral(), o.From, window, o.TaskOrderAreaKm2)
	}
	return nil
}

func real(ctx context.Context, key string, create bool, maxEUR float64) error {
	c, err := clearsky.New(key, clearsky.WithUserAgent("eotask-example"))
	if err != nil {
		return err
	}
	models, err := c.Models.List(ctx)
	if err != nil {
		return fmt.Errorf("listing models: %w", err)
	}
	for _, m := range models {
		fmt.Printf("model %s (%s) requires %v\n", m.Model, m.Model.DisplayName(), m.Required())
	}
	if err := list(ctx, c); err != nil {
		return fmt.Errorf("listing orders: %w", err)
	}
	if !create {
		fmt.Println("read only: pass -create to place an order")
		return nil
	}
	from := clearsky.DateOf(time.Now()).FirstOfMonth()
	_, order, err := c.Orders.EstimateThenCreate(ctx, orderRequest(from, nil), nil, func(e *clearsky.OrderEstimate) error {
		amount, currency, _ := e.Total()
		fmt.Printf("estimate: %.2f km², %.2f %s this month\n", e.AreaKm2, amount, currency)
		if amount > maxEUR {
			return fmt.Errorf("%.2f %s is over -max-eur %.2f", amount, currency, maxEUR)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("created recurring order %s in %s; cancel it before the 1st of next month (UTC) to avoid renewal\n",
		order.TaskOrderGUID, order.OrderingProcessStatus)
	return nil
}
