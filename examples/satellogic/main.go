// Command satellogic walks through the Satellogic Aleph client.
//
// With no credentials in the environment it starts the in-memory simulator
// (satellogictest) and runs: contracts and products → a can-add analysis →
// a task made from the earliest opportunity and one whose first capture fails
// QC and is re-planned, each followed through every status change → their
// captures → the task list → a third task, cancelled.
//
// With SATELLOGIC_CLIENT_ID, SATELLOGIC_CLIENT_SECRET and
// SATELLOGIC_CONTRACT_ID set it uses the real API and only reads (contracts
// and the latest tasks), unless -create is given: then it also places one POI
// task over -lon/-lat, which costs money.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func main() {
	create := flag.Bool("create", false, "with real credentials, also create a task (costs money)")
	lon := flag.Float64("lon", -46.3047, "longitude of the POI for -create")
	lat := flag.Float64("lat", -23.9608, "latitude of the POI for -create")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	creds := satellogic.Credentials{
		ClientID:     os.Getenv("SATELLOGIC_CLIENT_ID"),
		ClientSecret: os.Getenv("SATELLOGIC_CLIENT_SECRET"),
		ContractID:   os.Getenv("SATELLOGIC_CONTRACT_ID"),
	}
	var err error
	if creds.ClientID == "" || creds.ClientSecret == "" {
		err = simulate(ctx, os.Stdout)
	} else {
		err = live(ctx, os.Stdout, creds, *create, orb.Point{*lon, *lat})
	}
	if err != nil {
		log.Fatal(err)
	}
}

// simulate runs the whole flow against the simulator.
func simulate(ctx context.Context, w io.Writer) error {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	fmt.Fprintln(w, "no SATELLOGIC_CLIENT_ID/SECRET set: using the simulator at", srv.URL)

	contracts, err := c.Contracts.List(ctx)
	if err != nil {
		return fmt.Errorf("contracts: %w", err)
	}
	for _, ct := range contracts {
		fmt.Fprintf(w, "contract %s (%s)\n", ct.ContractID, ct.Name)
	}
	for p, err := range c.Products.All(ctx, nil) {
		if err != nil {
			return fmt.Errorf("products: %w", err)
		}
		fmt.Fprintf(w, "product %d %q is_area=%v\n", p.PK, p.Name, p.IsArea)
	}

	now := srv.Now()
	base := &satellogic.TaskCreateRequest{
		TaskName: "Port of Santos", ProjectName: "Ports", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608}, Start: now.Add(time.Hour), End: now.Add(5 * 24 * time.Hour),
		MaxCaptures: 3,
	}
	// The simulator's client polls every few milliseconds (WithPollDelays), so
	// nil WaitOptions are fast here; against the real API they poll at
	// tasking's defaults.
	an, err := c.Analysis.Run(ctx, satellogic.AnalysisCanAdd, base, nil)
	if err != nil {
		return fmt.Errorf("can-add analysis: %w", err)
	}
	fmt.Fprintf(w, "can-add analysis %s: status %s, can add %v, %d opportunities\n",
		an.ID, an.Status, deref(an.CanAdd), len(an.Opportunities))
	opp, ok := an.Earliest()
	if !ok {
		return fmt.Errorf("the analysis found no opportunity")
	}
	req, err := opp.TaskRequest(base, satellogic.MinOpportunityBuffer)
	if err != nil {
		return err
	}
	req.MaxCaptures = 1
	fmt.Fprintf(w, "earliest opportunity %s on %s; task window %s to %s\n", opp.Start.Format(time.RFC3339),
		opp.Satellite, req.Start.Format(time.RFC3339), req.End.Format(time.RFC3339))

	task, err := c.Tasks.Create(ctx, req)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "created task %d %q: %s\n", task.TaskID, task.TaskName, task.Status)
	if err := follow(ctx, w, c, task.TaskID); err != nil {
		return err
	}

	// A second task over the whole five-day window, whose first capture fails
	// QC: the simulator re-plans it on the next opportunity.
	srv.FailCaptures(1, satellogictest.FaultQC)
	req2 := *base
	req2.TaskName, req2.MaxCaptures = "Port of Santos, re-planned", 1
	wide, err := c.Tasks.Create(ctx, &req2)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "created task %d %q: %s\n", wide.TaskID, wide.TaskName, wide.Status)
	if err := follow(ctx, w, c, wide.TaskID); err != nil {
		return err
	}

	fmt.Fprintln(w, "tasks:")
	for t, err := range c.Tasks.All(ctx, &satellogic.TaskListOptions{ProjectName: "Ports"}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		fmt.Fprintf(w, "  %d %-30q %-20s neutral %s\n", t.TaskID, t.TaskName, t.Status, t.Status.Neutral())
	}

	second := *base
	second.TaskName = "To be cancelled"
	t2, err := c.Tasks.Create(ctx, &second)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if _, err := c.Tasks.Cancel(ctx, t2.TaskID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	got, err := c.Tasks.Get(ctx, t2.TaskID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(w, "task %d after cancel: %s (neutral %s)\n", got.TaskID, got.Status, got.Status.Neutral())
	return nil
}

// follow waits for a task, printing each status change, then its captures.
func follow(ctx context.Context, w io.Writer, c *satellogic.Client, id int64) error {
	opts := tasking.WaitOptions{OnChange: func(prev, next tasking.StatusEvent) {
		fmt.Fprintf(w, "  task %d: %-20s neutral %s\n", id, next.Raw, next.Status)
	}}
	final, err := c.Tasks.Wait(ctx, id, &opts)
	if err != nil {
		return fmt.Errorf("wait: %w", err)
	}
	fmt.Fprintf(w, "task %d ended %s (neutral %s)\n", id, final.Status, final.Status.Neutral())
	for cp, err := range c.Tasks.AllCaptures(ctx, id, nil) {
		if err != nil {
			return fmt.Errorf("captures: %w", err)
		}
		fmt.Fprintf(w, "  capture %s %s (neutral %s)\n", cp.CaptureID, cp.Status, cp.Status.Neutral())
	}
	return nil
}

// live reads from the live API, and creates a task only when asked.
func live(ctx context.Context, w io.Writer, creds satellogic.Credentials, create bool, target orb.Point) error {
	c, err := satellogic.New(creds)
	if err != nil {
		return err
	}
	contracts, err := c.Contracts.List(ctx)
	if err != nil {
		return fmt.Errorf("contracts: %w", err)
	}
	for _, ct := range contracts {
		fmt.Fprintf(w, "contract %s (%s)\n", ct.ContractID, ct.Name)
	}
	if c.ContractID() == "" {
		fmt.Fprintln(w, "set SATELLOGIC_CONTRACT_ID to one of the contracts above to list tasks")
		return nil
	}
	page, err := c.Tasks.List(ctx, &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: 20}})
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	fmt.Fprintf(w, "%d tasks; the latest:\n", page.Count)
	for _, t := range page.Results {
		fmt.Fprintf(w, "  %d %-30q %-20s neutral %s\n", t.TaskID, t.TaskName, t.Status, t.Status.Neutral())
	}
	if !create {
		fmt.Fprintln(w, "read only: pass -create to place a task (it costs money)")
		return nil
	}
	start := time.Now().UTC().Add(24 * time.Hour).Truncate(time.Hour)
	t, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{
		TaskName: "eotask example", ProjectName: "eotask", Product: satellogic.ProductPOI,
		Target: target, Start: start, End: start.Add(7 * 24 * time.Hour),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "created task %d: %s (neutral %s)\n", t.TaskID, t.Status, t.Status.Neutral())
	return nil
}

func deref(b *bool) string {
	if b == nil {
		return "unknown"
	}
	return fmt.Sprint(*b)
}
