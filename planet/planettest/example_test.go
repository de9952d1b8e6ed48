package planettest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/paulmach/orb"
)

// Move an order along its lifecycle by hand, reading its raw status from the
// simulator.
func ExampleServer_Advance() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()

	o, err := c.Orders.Create(context.Background(), &planet.OrderCreateRequest{
		Name: "harbour", Geometry: orb.Point{13.35, 52.51}, StartTime: now, EndTime: now.AddDate(0, 0, 7),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	last := srv.Status(o.ID)
	fmt.Println(last)
	for i := 0; i < 20 && last != string(planet.OrderFulfilled); i++ {
		srv.Advance() // the order, or its capture, takes one step
		if now := srv.Status(o.ID); now != last {
			fmt.Println(now)
			last = now
		}
	}
	// Output:
	// RECEIVED
	// PENDING
	// IN_PROGRESS
	// FULFILLED
}

// Queue faults to see the client retry through them, then read the request
// log.
func ExampleServer_FailNext() {
	now := time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)
	srv := planettest.NewServer(planettest.WithNow(now))
	defer srv.Close()
	c := srv.Client()

	srv.FailNext(1, http.StatusTooManyRequests, 0)
	srv.FailNext(1, http.StatusServiceUnavailable, 0) // faults queue up
	page, err := c.Orders.List(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(page.Results), "orders")
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// 0 orders
	// GET /tasking/v2/orders/ 429
	// GET /tasking/v2/orders/ 503
	// GET /tasking/v2/orders/ 200
}
