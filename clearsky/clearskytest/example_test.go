package clearskytest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/paulmach/orb"
)

// order is a fixed-window Stratus-2 order for August 2025.
func order() *clearsky.OrderRequest {
	to := clearsky.NewDate(2025, time.August, 31)
	return &clearsky.OrderRequest{
		AOI:                     clearsky.Polygon(orb.Polygon{{{10.10, 55.60}, {10.16, 55.60}, {10.16, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}),
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

// Move orders by hand: with WithStepsPerPoll(0) reads change nothing, and
// each Advance moves every order one step along clearsky.OrderLifecycle.
func ExampleServer_Advance() {
	ctx := context.Background()
	srv := clearskytest.NewServer(clearskytest.WithStepsPerPoll(0), clearskytest.WithNow(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client()

	o, err := c.Orders.Create(ctx, order(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(srv.Status(o.TaskOrderGUID))
	for !clearsky.OrderingProcessStatus(srv.Status(o.TaskOrderGUID)).IsTerminal() {
		srv.Advance()
		fmt.Println(srv.Status(o.TaskOrderGUID))
	}
	// Output:
	// Review
	// Preparing
	// AwaitingSatelliteProducts
	// Processing
	// Predicting
	// Completed
}

// Inject faults: they queue, and the client retries them within its policy.
// The request log records each answer's status.
func ExampleServer_FailNext() {
	ctx := context.Background()
	srv := clearskytest.NewServer()
	defer srv.Close()
	c := srv.Client()

	srv.FailNext(1, http.StatusServiceUnavailable, 0)
	srv.FailNext(1, http.StatusBadGateway, 0) // queued behind the first
	if _, err := c.Models.List(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	srv.ResetRequests()
	fmt.Println(len(srv.Requests()), "requests after ResetRequests")
	// Output:
	// GET /api/tasking/models 503
	// GET /api/tasking/models 502
	// GET /api/tasking/models 200
	// 0 requests after ResetRequests
}
