// Command compare puts one area of interest to all four providers at once,
// shows their answers and the passes they offer side by side, chooses a pass
// by a rule, and books exactly that pass, all through eotask's neutral API.
// One provider's error or slowness never hides the others' answers.
//
// Without credentials it runs on the simulators. With a provider's
// credentials in the environment (see examples/quickstart) it asks the real
// API, which only estimates: it books the chosen pass only when -book is
// given, since a real order costs money.
//
//	go run ./examples/compare
//	go run ./examples/compare -rule cheapest:USD
package main

import (
	"context"
	"errors"
	"flag"
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
	rule := flag.String("rule", "earliest", "how to choose a pass: earliest, cloud, viewing or cheapest:<currency or unit>")
	book := flag.Bool("book", false, "with real credentials: book the chosen pass (it costs money)")
	flag.Parse()
	o := options{rule: *rule, book: *book, perProvider: 30 * time.Second}
	if err := run(context.Background(), os.Stdout, os.Getenv, o); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

type options struct {
	rule        string
	book        bool // book on a real API too
	perProvider time.Duration
}

// ranking reads a -rule value.
func ranking(rule string) (tasking.Ranking, error) {
	switch name, arg, _ := strings.Cut(rule, ":"); name {
	case "earliest":
		return tasking.Earliest, nil
	case "cloud":
		return tasking.LeastCloud, nil
	case "viewing":
		return tasking.BestViewing, nil
	case "cheapest":
		if arg == "" {
			return nil, errors.New(`-rule cheapest needs a currency or unit, as in "cheapest:USD"`)
		}
		return tasking.Cheapest(arg), nil
	}
	return nil, fmt.Errorf("-rule %q: want earliest, cloud, viewing or cheapest:<currency>", rule)
}

func run(ctx context.Context, out io.Writer, getenv func(string) string, o options) error {
	rank, err := ranking(o.rule)
	if err != nil {
		return err
	}
	backends, err := demo.All(getenv)
	if err != nil {
		return err
	}
	var providers []tasking.Provider
	byName := map[string]*demo.Backend{}
	for _, b := range backends {
		defer b.Close()
		providers = append(providers, b.Provider)
		byName[b.Name] = b
	}
	// One AOI for everyone: a 5×5 km square over the Nile delta.
	aoi, err := geo.Footprint(orb.Point{31.0, 30.8}, 5, 5)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "AOI: %s (%.1f km²)\n\n", geo.WKT(aoi), geo.AreaKm2(aoi))

	// One request for everyone: the AOI over the next ten days.
	start := time.Now().UTC().Add(24 * time.Hour).Truncate(time.Hour)
	req := &tasking.Request{Name: "eotask compare", Geometry: aoi, Start: start, End: start.Add(10 * 24 * time.Hour)}
	quotes := tasking.Comparer{Timeout: o.perProvider}.Compare(ctx, req, providers...)
	answers(out, backends, quotes)

	ranked := tasking.Rank(quotes, rank)
	fmt.Fprintf(out, "\nopportunities, best first by %q:\n", o.rule)
	opportunities(out, ranked, 12)

	choice := tasking.Best(quotes, rank)
	if choice == nil {
		fmt.Fprintln(out, "\nno pass can be booked")
		return nil
	}
	fmt.Fprintf(out, "\nchosen: %s pass %s at %s\n", choice.Provider, choice.ID, choice.Start.Format("2006-01-02 15:04"))
	b := byName[choice.Provider]
	if !b.Simulated && !o.book {
		fmt.Fprintln(out, "not booked: this is a real API (give -book to place the order)")
		return nil
	}
	booking := *req
	booking.Opportunity = choice
	task, err := b.Provider.Submit(ctx, &booking)
	if err != nil {
		return fmt.Errorf("booking %s pass %s: %w", choice.Provider, choice.ID, err)
	}
	fmt.Fprintf(out, "booked on %s (%s): task %s, %s, window %s to %s\n", b.Name, b.Mode(), task.ID, task.Status,
		task.Start.UTC().Format("2006-01-02 15:04:05"), task.End.UTC().Format("15:04:05"))
	return nil
}

// answers prints each provider's estimate on one row.
func answers(out io.Writer, backends []*demo.Backend, quotes []tasking.Quote) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "provider\tmode\tfeasibility\tprice\tearliest\topportunities\tneeds from you\ttook")
	for i, q := range quotes {
		mode := backends[i].Mode()
		took := q.Took.Round(time.Millisecond)
		if q.Err != nil {
			fmt.Fprintf(w, "%s\t%s\terror: %v\t\t\t\t\t%s\n", q.Provider, mode, q.Err, took)
			continue
		}
		e := q.Estimate
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
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", q.Provider, mode, feas, price(e.Price), earliest,
			len(e.Opportunities), needs, took)
	}
	w.Flush()
}

// opportunities prints the first n ranked opportunities side by side.
func opportunities(out io.Writer, ranked []*tasking.Opportunity, n int) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "provider\tkind\tid\tstart (UTC)\tsatellite\tangle\tcloud\tprice\texpires")
	for _, o := range ranked[:min(n, len(ranked))] {
		angle := "-"
		switch {
		case o.OffNadir != nil:
			angle = fmt.Sprintf("%.1f° off-nadir", *o.OffNadir)
		case o.Incidence != nil:
			angle = fmt.Sprintf("%.1f° incidence", *o.Incidence)
		}
		if o.LookDirection != "" {
			angle += " " + o.LookDirection
		}
		cloud := "-"
		if o.CloudCover != nil {
			cloud = fmt.Sprintf("%.0f%%", *o.CloudCover)
		}
		expires := "-"
		if !o.ExpiresAt.IsZero() {
			expires = o.ExpiresAt.UTC().Format("01-02 15:04")
		}
		id := o.ID
		if len(id) > 14 {
			id = id[:14] + "…"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.Provider, o.Kind, or(id), o.Start.UTC().Format("2006-01-02 15:04"),
			or(o.Satellite), angle, cloud, price(o.Price), expires)
	}
	w.Flush()
	if len(ranked) > n {
		fmt.Fprintf(out, "… and %d more\n", len(ranked)-n)
	}
}

func price(p *tasking.Price) string {
	if p == nil {
		return "-"
	}
	return p.String()
}

func or(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
