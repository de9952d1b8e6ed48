package capella_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func spotlight(open time.Time) *capella.TaskCreateRequest {
	return &capella.TaskCreateRequest{Geometry: orb.Point{2.3522, 48.8566}, Name: "paris", WindowOpen: open,
		WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight,
		CollectionTier: capella.TierStandard}
}

// A tasking request waits on the customer at the cost review: Wait stops
// there with tasking.ErrActionRequired, and Approve lets it go on.
func ExampleTasksService_Approve() {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	task, err := c.Tasks.Create(ctx, spotlight(srv.Now().Add(24*time.Hour)))
	if err != nil {
		fmt.Println(err)
		return
	}
	task, err = c.Tasks.Wait(ctx, task.GetID(), nil) // the simulator's client polls in milliseconds
	fmt.Println(task.GetStatus(), errors.Is(err, tasking.ErrActionRequired))
	if task, err = c.Tasks.Approve(ctx, task.GetID()); err != nil {
		fmt.Println(err)
		return
	}
	task, err = c.Tasks.Wait(ctx, task.GetID(), nil)
	fmt.Println(task.GetStatus(), task.GetStatus().Neutral(), err)
	// Output:
	// review true
	// completed completed <nil>
}

// Bad input is refused before anything is sent, naming the field and the
// rule.
func ExampleTasksService_Create_validation() {
	c, _ := capella.New("key")
	req := spotlight(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	req.WindowClose = req.WindowOpen.Add(-time.Hour)
	_, err := c.Tasks.Create(context.Background(), req)
	fmt.Println(errors.Is(err, tasking.ErrInvalidRequest))
	var ve *tasking.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field)
	}
	// Output:
	// true
	// properties.windowClose
}

// Every Capella status maps to a neutral one.
func ExampleRequestStatus_Neutral() {
	for _, s := range []capella.RequestStatus{capella.RequestReview, capella.RequestAccepted, capella.RequestCompleted} {
		fmt.Println(s, "→", s.Neutral())
	}
	// Output:
	// review → action_required
	// accepted → in_progress
	// completed → completed
}

// The neutral API approves a cost review through tasking.Approver, which the
// Capella adapter implements.
func ExampleAdapter_Approve() {
	srv := capellatest.NewServer()
	defer srv.Close()
	var p tasking.Provider = srv.Client().Provider(capella.ProviderDefaults{})
	ctx := context.Background()
	start := srv.Now().Add(24 * time.Hour)
	task, _ := p.Submit(ctx, &tasking.Request{Name: "paris", Geometry: orb.Point{2.35, 48.85}, Start: start,
		End: start.Add(8 * 24 * time.Hour)})
	_, err := tasking.WaitTask(ctx, p, task.ID, nil) // the adapter is a tasking.PollHinter
	fmt.Println(errors.Is(err, tasking.ErrActionRequired))
	if ap, ok := p.(tasking.Approver); ok {
		approved, _ := ap.Approve(ctx, task.ID)
		fmt.Println(approved.RawStatus, approved.Status)
	}
	final, err := tasking.WaitTask(ctx, p, task.ID, nil)
	fmt.Println(final.Status, err)

	second, _ := p.Submit(ctx, &tasking.Request{Name: "lyon", Geometry: orb.Point{4.83, 45.76}, Start: start,
		End: start.Add(8 * 24 * time.Hour)})
	_, _ = tasking.WaitTask(ctx, p, second.ID, nil)
	rejected, _ := p.(tasking.Approver).Reject(ctx, second.ID)
	fmt.Println(rejected.RawStatus, rejected.Status)
	// Output:
	// true
	// submitted planning
	// completed <nil>
	// rejected rejected
}

// New takes the API key and options; the shared options have the same names
// in every provider package, WithAccount is Capella's own.
func ExampleNew() {
	c, err := capella.New("my-api-key",
		capella.WithBaseURL("http://127.0.0.1:8080"),
		capella.WithUserAgent("my-app/1.0"),
		capella.WithPollDelays(5*time.Second, time.Minute),
		capella.WithAccount("my-org-id", "my-user-id"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.BaseURL())
	fmt.Println(c.PollDelays())
	fmt.Println(strings.Contains(c.String(), "my-api-key"))
	// Output:
	// http://127.0.0.1:8080/
	// 5s 1m0s
	// false
}

// Cancel returns the request as it stands after the cancel.
func ExampleTasksService_Cancel() {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	task, err := c.Tasks.Create(ctx, spotlight(srv.Now().Add(24*time.Hour)))
	if err != nil {
		fmt.Println(err)
		return
	}
	task, err = c.Tasks.Cancel(ctx, task.GetID())
	fmt.Println(task.GetStatus(), task.GetStatus().Neutral(), err)
	// Output:
	// canceled cancelled <nil>
}

// SearchAll runs POST /tasks/search page after page; the query filters on the
// server.
func ExampleTasksService_SearchAll() {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	open := srv.Now().Add(24 * time.Hour)
	for _, name := range []string{"paris north", "lyon", "paris south"} {
		req := spotlight(open)
		req.Name = name
		if _, err := c.Tasks.Create(ctx, req); err != nil {
			fmt.Println(err)
			return
		}
	}
	search := &capella.TaskSearchRequest{}
	search.Query.Name = &capella.TextFilter{Contains: "paris"}
	var names []string
	for task, err := range c.Tasks.SearchAll(ctx, search) {
		if err != nil {
			fmt.Println(err)
			return
		}
		names = append(names, task.Properties.Name)
	}
	sort.Strings(names)
	fmt.Println(names)
	// Output:
	// [paris north paris south]
}

// The adapter's Estimate asks Mission Awareness when the target can be seen
// (an access request): opportunities, no price.
func ExampleAdapter_Estimate() {
	srv := capellatest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(capella.ProviderDefaults{PreApproval: true})
	start := srv.Now().Add(24 * time.Hour)
	est, err := p.Estimate(context.Background(), &tasking.Request{Name: "paris", Geometry: orb.Point{2.35, 48.85},
		Start: start, End: start.Add(8 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(est.Feasibility, len(est.Opportunities) > 0, est.Price == nil)
	// Output:
	// feasible true true
}

// A completed task's collects are its captures. Assets orders a delivered
// collect's products and hands out their pre-signed links; DownloadAll
// fetches them in parallel, resuming and verifying each file.
func ExampleAdapter_Assets() {
	srv := capellatest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(capella.ProviderDefaults{PreApproval: true})
	ctx := context.Background()

	open := srv.Now().Add(24 * time.Hour)
	task, err := p.Submit(ctx, &tasking.Request{Name: "harbour", Geometry: orb.Point{-122.4163, 37.7612},
		Start: open, End: open.Add(8 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if task, err = tasking.WaitTask(ctx, p, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "capella-example")
	defer os.RemoveAll(dir)
	for capture, err := range p.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(capture.RawStatus, capture.Status, capture.Sensor)
		assets, err := p.Assets(ctx, capture)
		if err != nil {
			fmt.Println(err)
			return
		}
		got, err := tasking.DownloadAll(ctx, assets, dir, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, d := range got {
			fmt.Println(d.Asset.Name, d.Asset.MediaType, d.Verified)
		}
	}
	// Output:
	// delivered published HH
	// SLC_HH.tif image/tiff; application=geotiff sha256
	// SLC_metadata.json application/json sha256
	// GEO_HH.tif image/tiff; application=geotiff; profile=cloud-optimized sha256
	// GEO_metadata.json application/json sha256
	// GEO_thumbnail.png image/png sha256
}

// An access found by Estimate is a pass that Submit books: the task's
// window is the access's, and its constraints pin the access's viewing
// geometry. An expired pass is refused before anything is sent.
func ExampleAdapter_Submit_booking() {
	srv := capellatest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(capella.ProviderDefaults{PreApproval: true})
	ctx := context.Background()

	open := srv.Now().Add(24 * time.Hour)
	req := &tasking.Request{Name: "one pass", Geometry: orb.Point{12.49, 41.89}, Start: open, End: open.Add(8 * 24 * time.Hour)}
	est, err := p.Estimate(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	pass := est.Opportunities[0]
	fmt.Println(pass.Kind, pass.End.Sub(pass.Start), pass.LookDirection, *pass.OffNadir, *pass.Incidence, pass.Price == nil)

	req.Opportunity = pass
	task, err := p.Submit(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	raw := task.Raw.(*capella.Task).Properties
	fmt.Println(task.Start.Equal(pass.Start), task.End.Equal(pass.End), raw.CollectionTier, raw.Constraints.LookDirection)

	stale := *pass
	stale.ExpiresAt = time.Now().Add(-time.Minute)
	req.Opportunity = &stale
	_, err = p.Submit(ctx, req)
	fmt.Println(errors.Is(err, tasking.ErrOpportunityExpired))
	// Output:
	// pass 15s right 20 24 true
	// true true flexible right
	// true
}
