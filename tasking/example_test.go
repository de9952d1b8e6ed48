package tasking_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
)

// A neutral status says where a task stands whatever the provider calls it.
func ExampleStatus() {
	for _, s := range []tasking.Status{tasking.StatusScheduled, tasking.StatusCompleted, tasking.StatusRejected} {
		fmt.Printf("%-10s terminal=%v success=%v\n", s, s.IsTerminal(), s.IsSuccess())
	}
	// Output:
	// scheduled  terminal=false success=false
	// completed  terminal=true success=true
	// rejected   terminal=true success=false
}

// Errors from any provider are branched on with the shared sentinels.
func ExampleAPIError() {
	var err error = &tasking.APIError{Provider: "planet", StatusCode: 404, Message: "order not found"}
	fmt.Println(errors.Is(err, tasking.ErrNotFound), errors.Is(err, tasking.ErrRateLimited))
	var ae *tasking.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.Provider, ae.StatusCode)
	}
	// Output:
	// true false
	// planet 404
}

// CheckID refuses an id that would address the collection rather than one
// task, before anything is sent.
func ExampleCheckID() {
	fmt.Println(tasking.CheckID("order_id", "9d79b9ba"))
	fmt.Println(tasking.CheckID("order_id", ".."))
	// Output:
	// <nil>
	// invalid order_id: ".." is not an id: it would address the collection, not one resource
}

// Seq turns "fetch one page from a cursor" into an iterator over every item,
// holding one page at a time.
func ExampleSeq() {
	pages := map[string]tasking.Page[string]{
		"":   {Items: []string{"a", "b"}, Next: "p2"},
		"p2": {Items: []string{"c"}},
	}
	fetch := func(_ context.Context, cursor string) (tasking.Page[string], error) { return pages[cursor], nil }
	for item, err := range tasking.Seq(context.Background(), fetch) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(item, " ")
	}
	fmt.Println()
	// Output: a b c
}

// WaitTask follows a task on any Provider until it is terminal, reporting
// each change of the provider's own status.
func ExampleWaitTask() {
	p := &providertest.Fake{ProviderName: "fake"}
	start := time.Now().Add(time.Hour)
	task, _ := p.Submit(context.Background(), &tasking.Request{Name: "cairo", Geometry: orb.Point{31.2, 30.0},
		Start: start, End: start.Add(24 * time.Hour)})
	final, err := tasking.WaitTask(context.Background(), p, task.ID, &tasking.WaitOptions{
		MinDelay: time.Millisecond, MaxDelay: time.Millisecond,
		OnChange: func(_, next tasking.StatusEvent) { fmt.Println("now", next.Raw) },
	})
	fmt.Println(final.Status, err)
	// Output:
	// now scheduled
	// now in_progress
	// now completed
	// completed <nil>
}

// Prices, estimates and quotes print as one readable line.
func ExampleQuote() {
	q := tasking.Quote{Provider: "clearsky", Took: 42 * time.Millisecond, Estimate: &tasking.Estimate{
		Provider: "clearsky", Feasibility: tasking.Feasible, Price: &tasking.Price{Amount: 4.1704, Currency: "EUR"}}}
	fmt.Println(q)
	fmt.Println(tasking.Quote{Provider: "capella", Err: tasking.ErrUnsupported})
	// Output:
	// clearsky: feasible, 4.17 EUR (42ms)
	// capella: error: not supported by this provider (0s)
}
