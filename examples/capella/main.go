// Command capella tasks Capella Space through eotask.
//
// Without credentials it runs on the in-memory simulator (capellatest): it
// creates a tasking request, prints each status change with its neutral
// status, approves the cost review when the request waits on it, lists the
// account's requests, and cancels a second request.
//
// With CAPELLA_API_KEY set it talks to the real API and only reads (it lists
// your latest tasking requests) unless -create is given; even then it stops
// at the cost review and approves only with -approve, because an approved
// request costs money.
//
//	go run ./examples/capella
//	CAPELLA_API_KEY=… go run ./examples/capella
//	CAPELLA_API_KEY=… go run ./examples/capella -create -lon 2.35 -lat 48.85 [-approve]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func main() {
	create := flag.Bool("create", false, "with CAPELLA_API_KEY: place a tasking request (it stops at the cost review)")
	approve := flag.Bool("approve", false, "with -create: approve the cost review (this costs money)")
	lon := flag.Float64("lon", 2.3522, "target longitude")
	lat := flag.Float64("lat", 48.8566, "target latitude")
	name := flag.String("name", "eotask example", "request name")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	var err error
	if key := os.Getenv("CAPELLA_API_KEY"); key != "" {
		err = live(ctx, key, *create, *approve, orb.Point{*lon, *lat}, *name)
	} else {
		err = simulated(ctx, orb.Point{*lon, *lat}, *name)
	}
	if err != nil {
		log.Fatal(err)
	}
}

func request(target orb.Point, name string, open time.Time) *capella.TaskCreateRequest {
	return &capella.TaskCreateRequest{Geometry: target, Name: name, WindowOpen: open,
		WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight,
		CollectionTier: capella.TierStandard}
}

func printChange(_, next tasking.StatusEvent) {
	fmt.Printf("  status %-10s (neutral %s)\n", next.Raw, next.Status)
}

// simulated runs the whole flow against the simulator.
func simulated(ctx context.Context, target orb.Point, name string) error {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	fmt.Printf("No CAPELLA_API_KEY: using the simulator at %s\n\n", srv.URL)

	open := time.Now().UTC().Add(24 * time.Hour).Truncate(time.Minute)
	task, err := c.Tasks.Create(ctx, request(target, name, open))
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Printf("created tasking request %s\n", task.GetID())
	printChange(tasking.StatusEvent{}, tasking.StatusEvent{Raw: string(task.GetStatus()), Status: task.GetStatus().Neutral()})

	wait := &tasking.WaitOptions{OnChange: printChange} // the simulator's client polls fast
	task, err = c.Tasks.Wait(ctx, task.GetID(), wait)
	if errors.Is(err, tasking.ErrActionRequired) {
		price := "unknown"
		if p := task.Cost(); p != nil {
			price = p.Text
		}
		fmt.Printf("  cost review: %s; approving\n", price)
		if task, err = c.Tasks.Approve(ctx, task.GetID()); err != nil {
			return fmt.Errorf("approve: %w", err)
		}
		printChange(tasking.StatusEvent{}, tasking.StatusEvent{Raw: string(task.GetStatus()), Status: task.GetStatus().Neutral()})
		task, err = c.Tasks.Wait(ctx, task.GetID(), wait)
	}
	if err != nil {
		return fmt.Errorf("wait: %w", err)
	}
	fmt.Printf("request %s ended %s\n\n", task.GetID(), task.GetStatus().Neutral())

	second, err := c.Tasks.Create(ctx, request(target, name+" (to cancel)", open))
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if err := list(ctx, c); err != nil {
		return err
	}
	cancelled, err := c.Tasks.Cancel(ctx, second.GetID())
	if err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	fmt.Printf("\ncancelled %s: %s (neutral %s)\n", second.GetID(), cancelled.GetStatus(), cancelled.GetStatus().Neutral())
	return nil
}

// list prints the account's latest requests, newest first.
func list(ctx context.Context, c *capella.Client) error {
	fmt.Println("latest tasking requests:")
	n := 0
	for t, err := range c.Tasks.SearchAll(ctx, &capella.TaskSearchRequest{}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		fmt.Printf("  %s  %-28q %-10s %s\n", t.GetID(), t.Properties.Name, t.GetStatus(), t.GetStatus().Neutral())
		if n++; n == 20 {
			break
		}
	}
	if n == 0 {
		fmt.Println("  (none)")
	}
	return nil
}

// live reads from the real API, and places a request only when asked.
func live(ctx context.Context, key string, create, approve bool, target orb.Point, name string) error {
	c, err := capella.New(key, capella.WithUserAgent("eotask-example"))
	if err != nil {
		return err
	}
	fmt.Printf("Using Capella's API at %s\n", c.BaseURL())
	if err := list(ctx, c); err != nil {
		return err
	}
	if !create {
		fmt.Println("\n(read only: pass -create to place a tasking request)")
		return nil
	}
	open := time.Now().UTC().Add(time.Hour).Truncate(time.Minute)
	task, err := c.Tasks.Create(ctx, request(target, name, open))
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Printf("\ncreated tasking request %s; waiting for the cost review\n", task.GetID())
	wait := &tasking.WaitOptions{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, OnChange: printChange}
	task, err = c.Tasks.Wait(ctx, task.GetID(), wait)
	if !errors.Is(err, tasking.ErrActionRequired) {
		return err
	}
	if p := task.Cost(); p != nil {
		fmt.Printf("  cost review: %s\n", p.Text)
	}
	if !approve {
		fmt.Printf("left in review: approve it in Console, or run with -approve (it costs money)\n")
		return nil
	}
	if _, err := c.Tasks.Approve(ctx, task.GetID()); err != nil {
		return fmt.Errorf("approve: %w", err)
	}
	fmt.Println("  approved: Capella now schedules it")
	return nil
}
