// Command quickstart runs the whole tasking lifecycle on every provider
// through eotask's neutral API, and prints the neutral status of each step.
//
// With no credentials in the environment it starts each provider's simulator
// (planettest, satellogictest, clearskytest, capellatest) and, for each
// provider: creates a task, prints each status change with its neutral
// status until the task is terminal (approving Capella's cost review on the
// way), lists the tasks, and cancels a second task; it ends with a table of
// the neutral statuses side by side. It finishes in seconds.
//
// With a provider's credentials in the environment (PLANET_API_KEY;
// SATELLOGIC_CLIENT_ID, SATELLOGIC_CLIENT_SECRET and SATELLOGIC_CONTRACT_ID;
// CLEARSKY_API_KEY; CAPELLA_API_KEY) it uses that provider's real API and
// only reads (lists tasks), unless -create is given: a real order costs money.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -only planet,capella
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/eotask/eotask/examples/internal/demo"
)

func main() {
	create := flag.Bool("create", false, "with real credentials: place real orders (they cost money)")
	only := flag.String("only", "", "comma-separated providers to run (default: all)")
	timeout := flag.Duration("timeout", time.Minute, "time limit for each provider")
	flag.Parse()

	if err := run(context.Background(), os.Stdout, os.Getenv, options{create: *create, only: *only, timeout: *timeout}); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

type options struct {
	create  bool
	only    string
	timeout time.Duration // per provider
}

// run builds every backend, runs each, and prints the summary table. getenv
// reads credentials (os.Getenv in main; a map in tests).
func run(ctx context.Context, out io.Writer, getenv func(string) string, o options) error {
	backends, err := demo.All(getenv)
	if err != nil {
		return err
	}
	var results []result
	failed := 0
	for _, b := range backends {
		if o.only != "" && !contains(strings.Split(o.only, ","), b.Name) {
			b.Close()
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, o.timeout)
		var r result
		if b.Simulated || o.create {
			r = lifecycle(pctx, out, b)
		} else {
			r = readOnly(pctx, out, b)
		}
		cancel()
		b.Close()
		if r.err != nil {
			failed++
			fmt.Fprintf(out, "%-10s error: %v\n", b.Name, r.err)
		}
		results = append(results, r)
		fmt.Fprintln(out)
	}
	summary(out, results)
	if failed > 0 {
		return fmt.Errorf("%d of %d providers failed", failed, len(results))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if strings.TrimSpace(l) == s {
			return true
		}
	}
	return false
}

func summary(out io.Writer, results []result) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "provider\tmode\ttask\traw status\tneutral\tcancelled task\traw status\tneutral\ttook")
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.provider, r.mode, short(r.first.ID), r.first.RawStatus,
			r.first.Status, short(r.second.ID), r.second.RawStatus, r.second.Status, r.took.Round(time.Millisecond))
	}
	w.Flush()
}

// short abbreviates long ids for the table.
func short(id string) string {
	if id == "" {
		return "-"
	}
	if len(id) > 13 {
		return id[:8] + "…" + id[len(id)-4:]
	}
	return id
}
