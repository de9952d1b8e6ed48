// Command compare puts one area of interest to all four providers at once and
// prints their answers side by side: feasibility, price, earliest
// opportunity, and what each needs from the customer. One provider's error
// or slowness never hides the others' answers.
//
// Without credentials it runs on the simulators; with a provider's
// credentials in the environment (see examples/quickstart) it asks the real
// API, which only estimates and orders nothing.
//
//	go run ./examples/compare
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/eotask/eotask/examples/internal/demo"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func main() {
	if err := run(context.Background(), os.Stdout, os.Getenv, 30*time.Second); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, getenv func(string) string, perProvider time.Duration) error {
	backends, err := demo.All(getenv)
	if err != nil {
		return err
	}
	var providers []tasking.Provider
	for _, b := range backends {
		defer b.Close()
		providers = append(providers, b.Provider)
	}
	// One AOI for everyone: a 5×5 km square over the Nile delta, imaged over
	// the window each provider's own example would use.
	aoi, err := geo.Footprint(orb.Point{31.0, 30.8}, 5, 5)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "AOI: %s (%.1f km²)\n\n", geo.WKT(aoi), geo.AreaKm2(aoi))

	// One request for everyone: the AOI over the next ten days.
	start := time.Now().UTC().Add(24 * time.Hour).Truncate(time.Hour)
	req := &tasking.Request{Name: "eotask compare", Geometry: aoi, Start: start, End: start.Add(10 * 24 * time.Hour)}
	quotes := tasking.Comparer{Timeout: perProvider}.Compare(ctx, req, providers...)
	print(out, backends, quotes)
	return nil
}

func print(out io.Writer, backends []*demo.Backend, quotes []tasking.Quote) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "provider\tmode\tfeasibility\tprice\tearliest\topportunities\tneeds from you\ttook")
	for i, q := range quotes {
		mode := backends[i].Mode()
		if q.Err != nil {
			fmt.Fprintf(w, "%s\t%s\terror: %v\t\t\t\t\t%s\n", q.Provider, mode, q.Err, q.Took.Round(time.Millisecond))
			continue
		}
		e := q.Estimate
		price := "-"
		if e.Price != nil {
			price = fmt.Sprintf("%.2f %s", e.Price.Amount, e.Price.Currency)
			if e.Price.Text != "" {
				price = e.Price.Text
			}
		}
		earliest := "-"
		if !e.Earliest.IsZero() {
			earliest = e.Earliest.UTC().Format("2006-01-02 15:04")
		}
		feas := string(e.Feasibility)
		if feas == "" {
			feas = "unknown"
		}
		needs := strings.Join(e.Needs, "; ")
		if needs == "" {
			needs = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", q.Provider, mode, feas, price, earliest,
			len(e.Opportunities), needs, q.Took.Round(time.Millisecond))
	}
	w.Flush()
}
