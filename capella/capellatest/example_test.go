package capellatest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/paulmach/orb"
)

func paris(srv *capellatest.Server, preApproval bool) *capella.TaskCreateRequest {
	open := srv.Now().Add(24 * time.Hour)
	return &capella.TaskCreateRequest{Geometry: orb.Point{2.35, 48.85}, Name: "paris", WindowOpen: open,
		WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight,
		PreApproval: preApproval}
}

// With no steps per poll, requests move only when the test says so: Advance
// moves every request one step, Status reads one without moving it. A request
// in review waits on the customer.
func ExampleServer_Advance() {
	srv := capellatest.NewServer(capellatest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	pre, _ := c.Tasks.Create(ctx, paris(srv, true))
	review, _ := c.Tasks.Create(ctx, paris(srv, false))
	for range 3 {
		fmt.Println(srv.Status(pre.ID()), srv.Status(review.ID()))
		srv.Advance()
	}
	fmt.Printf("%q\n", srv.Status("no-such-task"))
	// Output:
	// received received
	// submitted review
	// active review
	// ""
}

// Faults queue: the client retries a read through them, and the request log
// shows each answer's status.
func ExampleServer_FailNext() {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.FailNext(1, http.StatusServiceUnavailable, 0)
	srv.FailNext(1, http.StatusBadGateway, 0)
	u, err := c.Users.Me(context.Background())
	fmt.Println(u.ID == srv.UserID, err)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// true <nil>
	// GET /user 503
	// GET /user 502
	// GET /user 200
}
