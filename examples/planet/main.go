// Command planet walks through Planet tasking with the eotask planet client.
//
// With neither PLANET_API_KEY nor PL_API_KEY in the environment it starts the planettest simulator
// and runs the whole story in a second or two: create an order, print each
// status change with its neutral status (including the retasking after a
// cloudy capture), list the captures and the orders, then create a second
// order and cancel it.
//
// With either set it talks to the real API and only reads: it lists
// your most recent tasking orders. Pass -create to also place a real order
// (it costs money) over the point given by -lon and -lat.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func main() {
	create := flag.Bool("create", false, "with PLANET_API_KEY (or PL_API_KEY): also place a real order (costs money)")
	lon := flag.Float64("lon", 13.35, "longitude of the order's point (with -create)")
	lat := flag.Float64("lat", 52.51, "latitude of the order's point (with -create)")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	var err error
	key := os.Getenv("PLANET_API_KEY") // as the quickstart names it
	if key == "" {
		key = os.Getenv("PL_API_KEY") // as Planet's own tools name it
	}
	if key != "" {
		err = real(ctx, key, *create, orb.Point{*lon, *lat})
	} else {
		err = simulated(ctx)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// simulated runs the story against the planettest simulator.
func simulated(ctx context.Context) error {
	// The first capture of every order is cloudy: it is assessed INVALID and
	// the order is retasked with a second capture.
	srv := planettest.NewServer(planettest.WithCloudyCaptures(1))
	defer srv.Close()
	c := srv.Client()
	fmt.Printf("Planet tasking on the planettest simulator at %s\n\n", srv.URL)

	start := srv.Now()
	order, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name:      "harbour check",
		Geometry:  orb.Point{13.35, 52.51},
		StartTime: start,
		EndTime:   start.AddDate(0, 0, 7),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Printf("created order %s (%q): a %s, imaged as a %s footprint\n", order.ID, order.Name,
		order.OriginalGeometry.GeoJSONType(), order.Geometry.GeoJSONType())
	show := func(o *planet.Order) {
		fmt.Printf("  %-12s → neutral %-12s captures: %d taken, %d SUCCESS, %d INVALID\n", o.Status,
			o.Status.Neutral(), o.CaptureCount, o.CaptureAssessmentSuccessCount, o.CaptureAssessmentInvalidCount)
	}
	show(order)

	// Follow the order until it is terminal, printing each status change. The
	// simulator moves one step per poll, and its client polls fast by default
	// (planet.WithPollDelays), so nil options do. A cloudy capture keeps the
	// order IN_PROGRESS while it is retasked: see the captures below.
	for o, err := range c.Orders.Watch(ctx, order.ID, nil) {
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		show(o)
	}

	fmt.Println("\ncaptures of the order (the first was too cloudy, so the order was retasked):")
	for cp, err := range c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: order.ID, Ordering: "created_time"}) {
		if err != nil {
			return fmt.Errorf("captures: %w", err)
		}
		fmt.Printf("  %s %-9s %-7s cloud %.0f%% fulfilling=%v strip %s\n", cp.ID, cp.Status, cp.Assessment,
			100*deref(cp.CloudCover), cp.Fulfilling, cp.StripID)
	}

	second, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name:      "field survey",
		Geometry:  orb.Polygon{{{10, 50}, {10.05, 50}, {10.05, 50.05}, {10, 50.05}, {10, 50}}},
		StartTime: start,
		EndTime:   start.AddDate(0, 1, 0),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}

	fmt.Println("\norders:")
	if err := listOrders(ctx, c, 10); err != nil {
		return err
	}

	fmt.Printf("\ncancelling order %s (%q)\n", second.ID, second.Name)
	if _, err := c.Orders.Cancel(ctx, second.ID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	final, err := c.Orders.Wait(ctx, second.ID, nil)
	if err != nil {
		return fmt.Errorf("wait: %w", err)
	}
	fmt.Printf("  %s → neutral %s\n", final.Status, final.Status.Neutral())

	// Cancelling a finished order is refused by Planet with a 400.
	_, err = c.Orders.Cancel(ctx, order.ID)
	var apiErr *tasking.APIError
	if errors.As(err, &apiErr) {
		fmt.Printf("  cancelling the fulfilled order: %d %s\n", apiErr.StatusCode, apiErr.Message)
	}
	return nil
}

// real reads (and with create, places an order) on the real API.
func real(ctx context.Context, key string, create bool, at orb.Point) error {
	c, err := planet.New(key)
	if err != nil {
		return err
	}
	if create {
		start := time.Now().Add(time.Hour)
		o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
			Name: "eotask example", Geometry: at, StartTime: start, EndTime: start.AddDate(0, 0, 14),
		})
		if err != nil {
			return fmt.Errorf("create: %w", err)
		}
		fmt.Printf("created order %s: %s (neutral %s)\n\n", o.ID, o.Status, o.Status.Neutral())
	}
	fmt.Println("your most recent tasking orders:")
	return listOrders(ctx, c, 20)
}

func listOrders(ctx context.Context, c *planet.Client, n int) error {
	page, err := c.Orders.List(ctx, &planet.OrderListOptions{Ordering: "-created_time", Limit: n})
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	for _, o := range page.Results {
		fmt.Printf("  %s %-20q %-12s neutral %-12s created %s\n", o.ID, o.Name, o.Status, o.Status.Neutral(),
			o.CreatedTime.Format(time.RFC3339))
	}
	fmt.Printf("  (%d of %d)\n", len(page.Results), page.Count)
	return nil
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}
