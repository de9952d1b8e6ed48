// Package capella is a typed client for Capella Space's tasking API: single
// tasking requests, repeat requests, collects, collection types and Mission
// Awareness feasibility checks, as Capella's OpenAPI documents
// (openapi-tasking.json and openapi-access.json) describe them.
//
//	c, err := capella.New(os.Getenv("CAPELLA_API_KEY"))
//	task, err := c.Tasks.Create(ctx, &capella.TaskCreateRequest{
//		Geometry:       orb.Point{-122.4163, 37.7612},
//		Name:           "SF harbour",
//		WindowOpen:     open,
//		WindowClose:    open.Add(7 * 24 * time.Hour),
//		CollectionType: capella.CollectionSpotlight,
//	})
//	task, err = c.Tasks.Wait(ctx, task.ID(), nil)   // stops in review: errors.Is(err, tasking.ErrActionRequired)
//	task, err = c.Tasks.Approve(ctx, task.ID())     // accept the cost estimate
//	task, err = c.Tasks.Wait(ctx, task.ID(), nil)   // on to completed, rejected, expired…
//
// Requests are GeoJSON Features on the wire; geometries are orb.Geometry in
// Go. A request's current status is the statusHistory entry with the newest
// time ([StatusHistory.Current]); [RequestLifecycle] is the documented
// transition table and [RequestStatus.Neutral] the mapping onto
// tasking.Status. A request in review waits for the customer to approve its
// cost: Wait returns tasking.ErrActionRequired there.
//
// Where Capella's spec and its docs disagree, the client sends what the spec
// says and decodes both forms. Capella's create bodies require orgId and
// userId: the client reads them once from GET /user unless WithAccount gives
// them.
//
// Every id put into a request path is checked first (see tasking.CheckID):
// an empty id, "." or "..", control characters or invalid UTF-8 are a
// *tasking.ValidationError and nothing is sent. A call that returns one
// resource and is answered 2xx without one (an empty body, null, {}) returns
// a *tasking.DecodeError, never an empty value. Listings stop on paging data
// that would lead them back to a page already read.
//
// The package implements tasking.Provider and tasking.Estimator through
// [Client.Provider]. Package capellatest is an in-memory simulator of the
// API for tests and examples.
package capella
