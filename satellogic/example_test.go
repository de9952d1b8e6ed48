package satellogic_test

import (
	"context"
	"fmt"
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
	final, err := c.Tasks.Wait(ctx, task.TaskID, &tasking.WaitOptions{
		MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, // minutes against the real API
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
