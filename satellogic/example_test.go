package satellogic_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Create a task, follow it to the end and list its captures, against the
// simulator.
func Example() {
	srv := satellogictest.NewServer(satellogictest.WithNow(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c := srv.Client() // satellogic.New(creds, satellogic.WithBaseURL(…), …)
	ctx := context.Background()

	task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{
		TaskName: "Port of Santos", ProjectName: "Ports", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608},
		Start:  time.Date(2025, 7, 1, 6, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 8, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", task.Status)
	// The simulator's client polls every few milliseconds (WithPollDelays);
	// against the real API, Wait polls at tasking's defaults.
	final, err := c.Tasks.Wait(ctx, task.TaskID, &tasking.WaitOptions{
		OnChange: func(_, next tasking.StatusEvent) { fmt.Printf("  %s (%s)\n", next.Raw, next.Status) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("final:", final.Status, final.Status.Neutral().IsSuccess())
	for cp, err := range c.Tasks.AllCaptures(ctx, task.TaskID, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("capture:", cp.Status)
	}
	// Output:
	// created: received
	//   planning (planning)
	//   pending (scheduled)
	//   in_progress (in_progress)
	//   completed (completed)
	// final: completed true
	// capture: published
}

// Turn the earliest opportunity of a can-add analysis into a task request with
// Satellogic's advised buffer.
func ExampleOpportunity_TaskRequest() {
	o := satellogic.Opportunity{
		Start: time.Date(2025, 5, 22, 5, 12, 30, 0, time.UTC),
		End:   time.Date(2025, 5, 22, 5, 12, 40, 0, time.UTC),
	}
	req, err := o.TaskRequest(&satellogic.TaskCreateRequest{TaskName: "Delhi", ProjectName: "Rush",
		Product: satellogic.ProductPOI, Target: orb.Point{77.1796, 28.5941}}, satellogic.MinOpportunityBuffer)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Start.Format(time.RFC3339), "to", req.End.Format(time.RFC3339))
	// Output: 2025-05-22T05:02:30Z to 2025-05-22T05:22:40Z
}

// july1 is the simulator clock of the examples, so that their output does not
// depend on the day they run.
var july1 = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// Point a client at another host (here the simulator, API and token host)
// and tune it with options; list the contracts the credentials may use.
func ExampleNew() {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c, err := satellogic.New(satellogic.Credentials{ClientID: srv.ClientID, ClientSecret: srv.ClientSecret},
		satellogic.WithBaseURL(srv.URL), satellogic.WithTokenURL(srv.TokenURL()),
		satellogic.WithUserAgent("example/1.0"), satellogic.WithPollDelays(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("contract: %q\n", c.ContractID())
	contracts, err := c.Contracts.List(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ct := range contracts {
		fmt.Println(ct.ContractID, ct.Name)
	}
	// Calls other than the contracts listing need a contract.
	_, err = c.Tasks.Get(context.Background(), 1)
	fmt.Println(errors.Is(err, satellogic.ErrNoContract))
	// Output:
	// contract: ""
	// cont.5f6c1e0a-7d1c-4a4e-9a51-3c2b1d0e9f01 eotask simulator
	// true
}

// Work under a contract picked from the listing: the new client shares the
// token with the first.
func ExampleClient_WithContract() {
	srv := satellogictest.NewServer(satellogictest.WithContracts(
		satellogictest.Contract{ID: "cont.a", Name: "Rush"}, satellogictest.Contract{ID: "cont.b", Name: "Standard"}))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	contracts, err := c.Contracts.List(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	standard, err := c.WithContract(contracts[1].ContractID)
	if err != nil {
		fmt.Println(err)
		return
	}
	page, err := standard.Tasks.List(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ContractID(), "->", standard.ContractID(), "tasks:", page.Count)
	fmt.Println("token requests:", srv.TokenRequests())
	// Output:
	// cont.a -> cont.b tasks: 0
	// token requests: 1
}

// List the products the contract may task.
func ExampleProductsService_All() {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	for p, err := range c.Products.All(context.Background(), nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d %s area=%v\n", p.PK, p.Name, p.IsArea)
	}
	// Output:
	// 169 Multispectral 70cm area=false
	// 178 Area Coverage 70cm area=true
	// 186 Non-Earth Imaging area=false
}

// Page through a project's tasks by hand, with Page.NextOffset (newest
// first).
func ExampleTasksService_List() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	for _, name := range []string{"Santos", "Rosario", "Valparaiso"} {
		if _, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: name, ProjectName: "Ports",
			Product: satellogic.ProductPOI, Target: orb.Point{-46.3, -23.9},
			Start: july1.Add(time.Hour), End: july1.Add(7 * 24 * time.Hour)}); err != nil {
			fmt.Println(err)
			return
		}
	}
	opts := &satellogic.TaskListOptions{ProjectName: "Ports", ListOptions: satellogic.ListOptions{Limit: 2}}
	for {
		page, err := c.Tasks.List(ctx, opts)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, t := range page.Results {
			fmt.Println(t.TaskID, t.TaskName, t.Status)
		}
		off, _, ok := page.NextOffset()
		if !ok {
			break
		}
		opts.Offset = off
	}
	// Output:
	// 301880 Valparaiso received
	// 301879 Rosario received
	// 301878 Santos received
}

// Cancel a task: the answer is the task as it stands after the cancellation.
func ExampleTasksService_Cancel() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: "Santos", ProjectName: "Ports",
		Product: satellogic.ProductPOI, Target: orb.Point{-46.3047, -23.9608},
		Start: july1.Add(time.Hour), End: july1.Add(7 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	canceled, err := c.Tasks.Cancel(ctx, task.TaskID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(canceled.TaskID, canceled.Status, canceled.Status.Neutral())
	// Output: 301878 canceled cancelled
}

// Ask whether a task can be added before ordering it, then order the
// earliest opportunity with Satellogic's advised buffer.
func ExampleAnalysisService_Run() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	base := &satellogic.TaskCreateRequest{TaskName: "Santos", ProjectName: "Ports", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608}, Start: july1.Add(time.Hour), End: july1.Add(3 * 24 * time.Hour)}
	an, err := c.Analysis.Run(ctx, satellogic.AnalysisCanAdd, base, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(an.Status, *an.CanAdd, len(an.Opportunities) > 0)
	opp, _ := an.Earliest()
	req, err := opp.TaskRequest(base, satellogic.MinOpportunityBuffer)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.End.Sub(req.Start) >= 2*satellogic.MinOpportunityBuffer)
	// Output:
	// completed true true
	// true
}

// Use Satellogic through the neutral tasking interfaces: estimate, submit and
// wait, polling as fast as the client says (PollHinter).
func ExampleClient_Provider() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	var p tasking.Provider = srv.Client().Provider(satellogic.ProviderDefaults{ProjectName: "neutral"})
	ctx := context.Background()
	req := &tasking.Request{Name: "Rosario", Geometry: orb.Point{-60.6393, -32.9468},
		Start: july1.Add(time.Hour), End: july1.Add(7 * 24 * time.Hour)}
	if e, ok := p.(tasking.Estimator); ok {
		est, err := e.Estimate(ctx, req)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("estimate:", est.Feasibility)
	}
	task, err := p.Submit(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	done, err := tasking.WaitTask(ctx, p, task.ID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(done.Provider, done.ID, done.RawStatus, done.Status)
	// Output:
	// estimate: feasible
	// satellogic 301878 completed completed
}

// List what a finished task delivered and download every file of its
// published captures through the neutral interfaces (tasking.Deliverer):
// the links are pre-signed and fetched without the API's credentials, and
// each file is verified against the size the storage host announces
// (Satellogic gives no checksum).
func ExampleAdapter_Assets() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	ctx := context.Background()
	task, err := p.Submit(ctx, &tasking.Request{Name: "Santos", Geometry: orb.Point{-46.3047, -23.9608},
		Start: july1.Add(time.Hour), End: july1.Add(7 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tasking.WaitTask(ctx, p, task.ID, nil); err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "satellogic-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	var d tasking.Deliverer = p
	for capture, err := range d.Captures(ctx, task.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("capture:", capture.RawStatus, capture.Status)
		assets, err := d.Assets(ctx, capture)
		if err != nil {
			fmt.Println(err)
			return
		}
		got, err := tasking.DownloadAll(ctx, assets, dir, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, g := range got {
			fmt.Println(" ", g.Asset.Raw.(*satellogic.Attachment).Name, g.Asset.MediaType, "verified by", g.Verified)
		}
	}
	// Output:
	// capture: published published
	//   delivery_zip application/zip verified by size
	//   preview image/png verified by size
}

// Find a capture's product zip with the typed delivery API and download it
// with tasking.Download.
func ExampleScenesService_All() {
	srv := satellogictest.NewServer(satellogictest.WithNow(july1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: "Santos", ProjectName: "Ports",
		Product: satellogic.ProductPOI, Target: orb.Point{-46.3047, -23.9608},
		Start: july1.Add(time.Hour), End: july1.Add(7 * 24 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.Tasks.Wait(ctx, task.TaskID, nil); err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "satellogic-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for capture, err := range c.Tasks.AllCaptures(ctx, task.TaskID, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if capture.Status != satellogic.CapturePublished {
			continue
		}
		// The capture id is the delivery API's sceneset_id.
		for scene, err := range c.Scenes.All(ctx, &satellogic.SceneListOptions{SceneSetID: capture.CaptureID}) {
			if err != nil {
				fmt.Println(err)
				return
			}
			for _, at := range scene.Attachments {
				if at.Name != satellogic.AttachmentDeliveryZip {
					continue
				}
				got, err := tasking.Download(ctx, at.Asset(c, capture.CaptureID), filepath.Join(dir, at.File()), nil)
				if err != nil {
					fmt.Println(err)
					return
				}
				fmt.Println(filepath.Ext(got.Path), got.Size > 0, got.Verified)
			}
		}
	}
	// Output:
	// .zip true size
}

// Estimate a request, then book its earliest opportunity: the task's window
// is the opportunity's, with Satellogic's advised 10-minute buffer on each
// side. An opportunity lapses 24 h after its analysis.
func ExampleAdapter_Submit_opportunity() {
	srv := satellogictest.NewServer() // on the real clock: bookings are checked against it
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{ProjectName: "booked"})
	ctx := context.Background()
	now := srv.Now()
	req := &tasking.Request{Name: "Rosario", Geometry: orb.Point{-60.6393, -32.9468},
		Start: now.Add(time.Hour), End: now.Add(7 * 24 * time.Hour)}
	est, err := p.Estimate(ctx, req)
	if err != nil || len(est.Opportunities) == 0 {
		fmt.Println("no opportunity:", err)
		return
	}
	o := est.Opportunities[0]
	fmt.Println("kind:", o.Kind, "bookable:", o.Bookable(time.Now()), "expires in:", o.ExpiresAt.Sub(now))
	req.Opportunity = o
	task, err := p.Submit(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("window:", o.Start.Sub(task.Start), "before,", task.End.Sub(o.End), "after")

	// A lapsed opportunity is refused before anything is sent.
	old := *o
	old.ExpiresAt = time.Now().Add(-time.Second)
	req.Opportunity = &old
	_, err = p.Submit(ctx, req)
	fmt.Println(errors.Is(err, tasking.ErrOpportunityExpired))
	// Output:
	// kind: pass bookable: true expires in: 24h0m0s
	// window: 10m0s before, 10m0s after
	// true
}
