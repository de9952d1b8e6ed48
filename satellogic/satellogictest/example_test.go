package satellogictest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Drive a task through its lifecycle with the simulator's controls: no
// polling moves it (WithStepsPerPoll(0)), Advance does, and Status reads it
// without moving it.
func ExampleServer_Advance() {
	start := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	srv := satellogictest.NewServer(satellogictest.WithNow(start), satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	task, err := c.Tasks.Create(context.Background(), &satellogic.TaskCreateRequest{
		TaskName: "Santos", ProjectName: "Ports", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608}, Start: start.Add(time.Hour), End: start.Add(7 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	id := strconv.FormatInt(task.TaskID, 10)
	fmt.Println(srv.Status(id))
	for srv.Status(id) != string(satellogic.TaskCompleted) {
		srv.Advance()
		fmt.Println(srv.Status(id))
	}
	fmt.Printf("unknown: %q\n", srv.Status("42"))
	// Output:
	// received
	// planning
	// pending
	// in_progress
	// in_progress
	// completed
	// unknown: ""
}

// Queue faults with FailNext and read what the client did from the request
// log: a 503 and a 502 are retried, then the call succeeds. (A retryAfter > 0 adds
// a Retry-After header, in whole seconds, which the client honours.)
func ExampleServer_FailNext() {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.FailNext(1, http.StatusServiceUnavailable, 0)
	srv.FailNext(1, http.StatusBadGateway, 0) // faults queue: this one comes second
	srv.ResetRequests()
	if _, err := c.Products.List(context.Background(), nil); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status, r.Time.Equal(srv.Now()))
	}
	// Output:
	// POST /oauth/token 200 true
	// GET /tasking/products/ 503 true
	// GET /tasking/products/ 502 true
	// GET /tasking/products/ 200 true
}

// Cut a download midway with CutDownloads and read what the storage host
// received with StorageRequests: tasking.Download resumes with a Range for
// the missing bytes only, and no request carries the API's credentials.
func ExampleServer_CutDownloads() {
	start := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	srv := satellogictest.NewServer(satellogictest.WithNow(start))
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	ctx := context.Background()
	task, err := p.Submit(ctx, &tasking.Request{Name: "Santos", Geometry: orb.Point{-46.3047, -23.9608},
		Start: start.Add(time.Hour), End: start.Add(7 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tasking.WaitTask(ctx, p, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	for capture, err := range p.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		assets, err := p.Assets(ctx, capture)
		if err != nil {
			fmt.Println(err)
			return
		}
		preview := assets[1] // 64 KiB
		srv.CutDownloads(1, 40000)
		got, err := tasking.DownloadTo(ctx, preview, io.Discard, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("size:", got.Size, "resumes:", got.Resumes, "verified by:", got.Verified)
	}
	// The host logs a request once its answer is written.
	for deadline := time.Now().Add(5 * time.Second); len(srv.StorageRequests()) < 2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	for _, r := range srv.StorageRequests() {
		fmt.Printf("%d %q sent %d, token header: %q\n", r.Status, r.Range, r.Sent, r.Header.Get(satellogic.HeaderToken))
	}
	fmt.Println(strings.HasPrefix(srv.StorageURL(), "http://127.0.0.1:"))
	// Output:
	// size: 65536 resumes: 1 verified by: size
	// 200 "" sent 40000, token header: ""
	// 206 "bytes=40000-" sent 25536, token header: ""
	// true
}
