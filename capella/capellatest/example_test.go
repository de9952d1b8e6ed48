package capellatest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
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
		fmt.Println(srv.Status(pre.GetID()), srv.Status(review.GetID()))
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

// Files come from a storage host apart from the API: CutDownloads breaks
// the next transfer midway, and tasking.DownloadTo resumes it with a Range
// request, as StorageRequests shows.
func ExampleServer_CutDownloads() {
	srv := capellatest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(capella.ProviderDefaults{PreApproval: true})
	ctx := context.Background()
	open := srv.Now().Add(24 * time.Hour)
	task, err := p.Submit(ctx, &tasking.Request{Name: "paris", Geometry: orb.Point{2.35, 48.85}, Start: open, End: open.Add(8 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tasking.WaitTask(ctx, p, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	captures, err := tasking.Collect(p.Captures(ctx, task.ID))
	if err != nil {
		fmt.Println(err)
		return
	}
	assets, err := p.Assets(ctx, captures[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.CutDownloads(1, 100_000)
	got, err := tasking.DownloadTo(ctx, assets[0], io.Discard, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.Size, got.Resumes, got.Verified)
	for range 100 { // the host logs a request once its handler returns
		if len(srv.StorageRequests()) == 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	for _, r := range srv.StorageRequests() {
		fmt.Printf("%s %q %d %d\n", r.Method, r.Range, r.Status, r.Sent)
	}
	// Output:
	// 458752 1 sha256
	// GET "" 200 100000
	// GET "bytes=100000-" 206 358752
}
