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
// and the others). [ErrorCode], [FieldErrors] and [IsThrottled] read those
// errors.
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
// mixed by mistake; the wire payload ([OrderPayload]) is validated again
// before anything is sent. A nil To makes the order recurring: it renews each
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
// The package also implements the neutral tasking.Provider and
// tasking.Estimator through [Client.Provider], and the clearskytest package
// is a simulator speaking the same wire format for tests and examples.
package clearsky
