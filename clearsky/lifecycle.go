package clearsky

import "github.com/eotask/eotask/tasking"

// UntilUpToDate is a tasking.WaitOptions.Until that stops at a terminal
// status or at UpToDate, where a recurring order has caught up:
//
//	o, err := c.Orders.Wait(ctx, id, &tasking.WaitOptions{Until: clearsky.UntilUpToDate})
func UntilUpToDate(e tasking.StatusEvent) bool {
	return e.Status.IsTerminal() || e.Raw == string(StatusUpToDate)
}

// OrderLifecycle is the documented transition table of OrderingProcessStatus,
// current and legacy values alike. Canceled is reachable from every
// non-terminal state; UpToDate goes back into production when new image dates
// fall due. Simulators move orders only along it, and Orders.Wait reports
// other moves through WaitOptions.OnUnexpected.
var OrderLifecycle = buildOrderLifecycle()

func buildOrderLifecycle() *tasking.Lifecycle[OrderingProcessStatus] {
	type tr = tasking.Transition[OrderingProcessStatus]
	production := []OrderingProcessStatus{StatusProcessing, StatusPredicting, StatusProcessingPredicting}
	ts := []tr{
		{From: StatusReview, To: StatusPreparing, Label: "accepted"},
		{From: StatusPreparing, To: StatusAwaitingSatelliteProducts},
	}
	for _, p := range production {
		ts = append(ts, tr{From: StatusAwaitingSatelliteProducts, To: p})
	}
	for _, p := range production {
		for _, q := range production {
			if p != q {
				ts = append(ts, tr{From: p, To: q})
			}
		}
	}
	for _, p := range production {
		ts = append(ts, tr{From: p, To: StatusCompleted, Label: "window produced"},
			tr{From: p, To: StatusUpToDate, Label: "caught up"})
	}
	ts = append(ts, tr{From: StatusUpToDate, To: StatusAwaitingSatelliteProducts, Label: "new dates due"})
	for _, p := range production {
		ts = append(ts, tr{From: StatusUpToDate, To: p, Label: "new dates due"})
	}
	// Legacy lifecycle.
	ts = append(ts,
		tr{From: StatusReview, To: StatusInitialize, Label: "accepted (legacy)"},
		tr{From: StatusInitialize, To: StatusWorking, Label: "live data"},
		tr{From: StatusInitialize, To: StatusDone},
		tr{From: StatusWorking, To: StatusDone},
		tr{From: StatusInitialize, To: StatusFailure},
		tr{From: StatusWorking, To: StatusFailure},
	)
	for _, s := range []OrderingProcessStatus{StatusReview, StatusPreparing, StatusAwaitingSatelliteProducts,
		StatusProcessing, StatusPredicting, StatusProcessingPredicting, StatusUpToDate, StatusInitialize, StatusWorking} {
		label := "cancelled"
		if s == StatusReview {
			label = "cancelled or denied"
		}
		ts = append(ts, tr{From: s, To: StatusCanceled, Label: label})
	}
	return tasking.NewLifecycle("ClearSKY order (OrderingProcessStatus)",
		[]OrderingProcessStatus{StatusReview, StatusPreparing},
		[]OrderingProcessStatus{StatusCompleted, StatusCanceled, StatusDone, StatusFailure},
		ts...)
}
