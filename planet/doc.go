// Package planet is a typed client for Planet's Tasking API v2: tasking
// orders for SkySat, Pelican and Tanager imagery, their captures and capture
// reviews, Assured imaging-window searches, bulk orders, order history and
// pricing.
//
//	c, err := planet.New(os.Getenv("PL_API_KEY"))
//	order, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
//		Name:      "harbour",
//		Geometry:  orb.Point{13.35, 52.51},
//		StartTime: start,
//		EndTime:   start.AddDate(0, 0, 7),
//	})
//	final, err := c.Orders.Wait(ctx, order.ID, nil) // RECEIVED → PENDING → IN_PROGRESS → FULFILLED
//	for capture, err := range c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: order.ID}) { … }
//
// The client sends "Authorization: api-key <key>" (or HTTP Basic, see
// WithBasicAuth) to https://api.planet.com/tasking/v2/, with a trailing slash
// on every path. Lists use Planet's limit/offset envelope: List returns one
// Page, All iterates over every page following "next".
//
// Order statuses map onto tasking.Status through OrderStatus.Neutral, and
// orders move along OrderLifecycle, which includes retasking (a capture
// assessed INVALID keeps the order IN_PROGRESS and a new capture is taken)
// and the human-review reversals of FULFILLED and EXPIRED, which is why
// those two statuses are Revisable.
//
// Requests are validated before anything is sent (geometry a valid Point,
// LineString or Polygon; end after start; at most one year; body under 1 MB)
// and fail with *tasking.ValidationError; so do ids that would not address
// one resource ("", ".", "..", control characters: see tasking.CheckID).
// Creates are never sent twice. A 2xx answer that holds no resource (an empty
// body, null, {} or only nulls) where one is expected is a
// *tasking.DecodeError, not an empty value.
// Planet's answers that this package only partly knows (many fields are
// UNCONFIRMED: see the field comments) are decoded leniently: unknown members
// are ignored, unknown enum values kept, and the raw JSON stays in Raw.
//
// Client.Provider adapts the client to the neutral tasking.Provider and
// tasking.Estimator interfaces. The planettest package is an in-memory
// simulator of the API for tests and examples.
package planet
