// Package clearsky is a typed client for the ClearSKY Vision tasking (order)
// API: search the tile grid, estimate an order, create it, follow it through
// its OrderingProcessStatus lifecycle, list and cancel orders, and read the
// models the API offers.
//
//	c, err := clearsky.New(os.Getenv("CLEARSKY_API_KEY"))
//	req := &clearsky.OrderRequest{
//		AOI:                     clearsky.Polygon(field),
//		Model:                   clearsky.ModelStratus2,
//		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(),
//		StorageMonths:           1,
//		APIRequests:             1,
//		ImageFrequency:          5,
//		ReferenceDate:           clearsky.NewDate(2025, time.January, 1),
//		From:                    clearsky.NewDate(2025, time.September, 1),
//		To:                      nil, // recurring
//	}
//	est, order, err := c.Orders.EstimateThenCreate(ctx, req, nil, func(e *clearsky.OrderEstimate) error {
//		if e.CurrentMonthCost > 50 {
//			return errors.New("too expensive")
//		}
//		return nil
//	})
//	order, err = c.Orders.Wait(ctx, order.TaskOrderGUID, &tasking.WaitOptions{Until: clearsky.UntilUpToDate})
//
// # Endpoints
//
// Every endpoint the package calls, and the method that calls it:
//
//	GET    /api/tasking/models            ModelsService.List
//	POST   /api/tasking/search/tiles      TilesService.Search
//	POST   /api/tasking/orders/estimate   OrdersService.Estimate, OrdersService.EstimateThenCreate, Adapter.Estimate
//	POST   /api/tasking/orders            OrdersService.Create, OrdersService.EstimateThenCreate, Adapter.Submit
//	GET    /api/tasking/orders            OrdersService.List, OrdersService.All, Adapter.Tasks (and OrdersService.Get's fallback)
//	POST   /api/tasking/orders/details    OrdersService.Details, OrdersService.Get, OrdersService.Wait, OrdersService.Watch, Adapter.Task
//	DELETE /api/tasking/orders/cancel     OrdersService.Cancel, Adapter.Cancel
//
// The API reference is https://docs.clearsky.vision/api-reference/tasking-order-endpoints;
// each method's documentation links the page that describes its endpoint.
//
// # Wire format
//
// The API speaks PascalCase JSON in both directions and wraps every answer in
// a ServiceResult envelope {Succeeded, Error{Message, Code}, Data}. The client
// unwraps it: methods return what Data holds, and a failure (a non-2xx status,
// or Succeeded:false even with HTTP 200, or an ASP.NET ProblemDetails body)
// comes back as a *tasking.APIError whose Code is ClearSKY's error code (for
// example "992" for a validation failure). A documented code matches the
// tasking sentinel it stands for whatever the HTTP status (992 matches
// tasking.ErrInvalidRequest even with HTTP 200; see [CodeMalformedRequest]
// and the others). The per-field messages of a validation failure are
// added to APIError.Message; error code 1003 (too many concurrent requests)
// sets APIError.Throttled and matches tasking.ErrRateLimited.
//
// # Decoding
//
// Answers are read with encoding/json/v2 (github.com/go-json-experiment/json),
// the SDK's one JSON path, in one pass: the envelope and what its Data holds
// go straight into the typed structs, nothing is decoded twice and no copy of
// an item's JSON is kept. ClearSKY's answers are read whole (under
// [WithMaxResponseBytes]) rather than streamed, because a failure may come
// back with HTTP 200 and Succeeded:false: the client decodes the envelope's
// Succeeded member from the buffer first (only when the body holds a literal
// false), then decodes the answer from it.
//
// Strict: a member of the wrong JSON type (a string where ImageFrequency's
// number is due, a number where a date is due, an object for Wkt) is a
// *tasking.DecodeError naming its JSON path, such as
// "/Data/TaskOrders/0/ImageFrequency", so that a change on ClearSKY's side
// shows at once instead of leaving a zero value. Dates must read as
// YYYY-MM-DD (a timestamp that starts with one is accepted); CreatedDate as
// one of the SDK's time forms (RFC 3339 with or without a zone, a bare date).
//
// Lenient, where the API is documented to drift: Epsg (a number or a string
// such as "EPSG:32632"), Error.Code (a number or a string), Tiles and
// MiniTiles (GUID strings or {Guid, Wkt} objects), the older tileGuid name of
// a tile's Guid, and an estimate's newer cost objects ([CostSummary]), whose
// shape varies across API versions. Member names match case-insensitively
// (older answers are camelCase), and enum values are open: an unknown
// OrderingProcessStatus, Model, SatelliteConstellation or BillingCycle decodes
// and keeps its string. A WKT string (see [WKT]) that does not parse keeps
// its text and leaves the geometry nil.
//
// Unknown and Raw: [Order] and [OrderEstimate] keep the members this version
// does not know in their Unknown field, as received (a jsontext.Value; nil
// when there were none, which is the usual case and costs nothing);
// encoding the value writes them back. In the neutral view,
// tasking.Task.Raw is the *Order the task was made from and
// tasking.Estimate.Raw the *OrderEstimate: the value itself, not a copy of
// the answer's bytes.
//
// # Retries
//
// Reads, cancels, estimates, tile searches and order details (POSTs that
// change nothing) are retried on network errors, 429 and 5xx with
// exponential backoff and jitter, honouring Retry-After. Error code 1003 (too many concurrent
// requests) means the server did not act on the request and is retried for
// every call, creates included. 400, 401 and 403 are never retried. An order
// create is otherwise sent exactly once: the API has no idempotency key, and
// a second attempt could buy the order twice.
//
// # Orders
//
// An order's area of interest is one of three modes, chosen with a typed
// [AOI]: a polygon ([Polygon], sent as Wkt, or [PolygonGeoJSON], sent as
// GeoJson), tiles ([Tiles]) or minitiles ([MiniTiles], or
// [TilesAndMiniTiles] for both). A geometry and tile ids therefore cannot be
// mixed by mistake, and every documented rule is checked before anything is
// sent. A nil To makes the order recurring: it renews each
// calendar month and reaches [StatusUpToDate] whenever it has caught up,
// which is not terminal (see [UntilUpToDate]).
//
// Orders cannot be edited. Estimates are free; creating an order spends
// order credits (EUR). [OrdersService.EstimateThenCreate] estimates a payload,
// lets the caller accept the price, and creates exactly that payload.
//
// The order list is not paginated: [OrdersService.List] returns every
// matching order, and [OrdersService.All] iterates over them.
//
// The package also implements the neutral tasking.Provider,
// tasking.Estimator and tasking.PollHinter through [Client.Provider], and the clearskytest package
// is a simulator speaking the same wire format for tests and examples.
package clearsky
