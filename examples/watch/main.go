// Command watch follows many tasks on all four providers at once with one
// tasking.Watcher: a bounded pool of workers per provider under a request
// budget, one stream of status changes, tasks leaving the watch when they
// are terminal. It acts when a provider waits on the customer (approving
// Capella's cost reviews) and prints each change as it comes.
//
// It runs on the simulators (it creates tasks, so it never uses real
// credentials):
//
//	go run ./examples/watch -per-provider 50
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/eotask/eotask/examples/internal/demo"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

func main() {
	per := flag.Int("per-provider", 25, "tasks to create and watch on each provider")
	budget := flag.Float64("budget", 200, "requests per second allowed to each provider")
	quiet := flag.Bool("quiet", false, "print only the summary")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, *per, rate.Limit(*budget), *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "watch:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, per int, budget rate.Limit, quiet bool) error {
	// Simulators only: an empty environment.
	backends, err := demo.All(func(string) string { return "" })
	if err != nil {
		return err
	}
	byName := map[string]*demo.Backend{}
	w := &tasking.Watcher{Interval: 5 * time.Millisecond, Workers: 4, Budgets: map[string]tasking.Budget{}}
	var refs []tasking.TaskRef
	for _, b := range backends {
		defer b.Close()
		byName[b.Name] = b
		w.Providers = append(w.Providers, b.Provider)
		w.Budgets[b.Name] = tasking.Budget{Limit: budget, Burst: 5}
		for i := 0; i < per; i++ {
			t, err := b.Provider.Submit(ctx, b.Request())
			if err != nil {
				return fmt.Errorf("%s: submit: %w", b.Name, err)
			}
			refs = append(refs, tasking.TaskRef{Provider: b.Name, ID: t.ID, RawStatus: t.RawStatus, Status: t.Status})
		}
	}
	fmt.Fprintf(out, "watching %d tasks on %d providers (%d workers and %.0f req/s each)\n", len(refs), len(backends), w.Workers, float64(budget))

	start := time.Now()
	changes, finished := map[string]int{}, map[string]int{}
	final := map[string]map[tasking.Status]int{}
	for ch, err := range w.Watch(ctx, refs) {
		if err != nil {
			return err
		}
		changes[ch.Provider]++
		if !quiet {
			fmt.Fprintf(out, "%-10s %-38s %-25s → %-25s (%s)\n", ch.Provider, ch.ID, ch.Prev.Raw, ch.Next.Raw, ch.Next.Status)
		}
		if ch.Next.Status == tasking.StatusActionRequired {
			if ap, ok := byName[ch.Provider].Provider.(tasking.Approver); ok {
				if _, err := ap.Approve(ctx, ch.ID); err != nil {
					return fmt.Errorf("%s %s: %w", ch.Provider, ch.ID, err)
				}
			}
		}
		if ch.Done {
			finished[ch.Provider]++
			if final[ch.Provider] == nil {
				final[ch.Provider] = map[tasking.Status]int{}
			}
			final[ch.Provider][ch.Next.Status]++
		}
	}
	fmt.Fprintf(out, "\nall %d tasks terminal after %s\n", len(refs), time.Since(start).Round(time.Millisecond))
	for _, b := range backends {
		fmt.Fprintf(out, "%-10s %4d changes, %4d tasks finished: %v\n", b.Name, changes[b.Name], finished[b.Name], final[b.Name])
	}
	return nil
}
