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
//	POST   /api/satelliteimages/search/available             ImagesService.SearchAvailable, ImagesService.OrderImages, Adapter.Captures
//	POST   /api/satelliteimages/process/composite/available  ImagesService.CompositeAvailable, Adapter.Assets
//	POST   /api/satelliteimages/process/composite/estimate   ImagesService.EstimateComposite
//	POST   /api/satelliteimages/process/composite            ImagesService.Composite (the asset's Source), Adapter.Assets
//	POST   /api/satelliteimages/process/tile                 ImagesService.Tile (the asset's Source)
//	POST   /api/satelliteimages/process/minitile             ImagesService.MiniTile (the asset's Source)
//
// The API reference is https://docs.clearsky.vision/api-reference/tasking-order-endpoints;
// each method's documentation links the page that describes its endpoint.
//
// Left out: POST /api/tasking/tile/optimize (a cost-optimised tile choice),
// known only from vendor code and UNCONFIRMED; the account metadata
// endpoints GET /api/account/info and GET /api/apikey/info (the older one
// may be retired), which are not part of tasking; the GET form of
// /api/tasking/orders/details, whose query parameter is UNCONFIRMED
// (OrdersService.Get falls back to the order list instead); and the older
// composite parameter processingLevel, UNCONFIRMED and apparently replaced
// by the tile downloads' Level.
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
// # Images and downloads
//
// What orders produce is reached through [ImagesService] (c.Images): which
// image dates exist for an area ([ImagesService.SearchAvailable]; a date is
// complete for the whole area only when it appears in every DatesByGeog
// piece, see [ModelImageDates.CompleteDates]), whether a composite can be
// served ([ImagesService.CompositeAvailable] and the vendor's
// [CompositeAvailability.Ready] test), what it costs
// ([ImagesService.EstimateComposite], in processing credits), and the
// composite, tile and minitile GeoTIFFs as *tasking.Asset values to fetch
// with tasking.Download. Files come from the API host itself, with the API
// key: ClearSKY hands out no storage links. The download endpoints answer
// the GeoTIFF (its name in Content-Disposition, which the SDK does not
// read: assets are named composite_<date>.tif and so on) or the JSON
// envelope on a 4xx; a 2xx answer that is not a TIFF fails with the
// envelope's error or [ErrNotGeoTIFF] rather than being saved.
//
// ClearSKY gives no checksum and no size ahead of a download: a file is
// checked against its answer's Content-Length only.
//
// Downloads spend processing credits. A download POST is sent once (like an
// order create: not again after a 5xx or a timeout; a 429 or code 1003,
// which the server did not act on, is retried). A cut download is not
// resumed by default: resuming POSTs the request again (with a Range
// header), and whether the API charges each POST is UNCONFIRMED. Opt in with
// [SourceOptions].Resume or ProviderDefaults.ResumeDownloads; otherwise
// tasking.Download fails with [ErrResumeRefused] and leaves its ".part"
// file. Never set [CompositeRequest].AutomaticOrderCreation without meaning
// it: it may place a paid order (vendor code only, UNCONFIRMED).
// UploadUrl (the server PUTs the file to the customer's own link and
// answers 201) is not offered.
//
// UNCONFIRMED: the availability search's window end is sent as Until (the
// vendor code's name; the current documentation's example says To). An
// answer refusing it names the member and suggests [EndTo]
// ([WithWindowEndField], [AvailabilitySearch].EndField); an answer holding
// dates after the end fails with [ErrWindowEndIgnored]. Timestamps are sent
// as RFC 3339 UTC ("2025-09-13T00:00:00Z").
//
// # Neutral adapter
//
// The package also implements the neutral tasking.Provider,
// tasking.Estimator, tasking.Deliverer and tasking.PollHinter through
// [Client.Provider], and the clearskytest package is a simulator speaking
// the same wire format for tests and examples.
//
// A task's captures are its order's image dates complete for the whole
// area ([OrderImage]: ID "<order guid>_<date>", Status published,
// AcquiredAt the date, Footprint the order's area, Satellite its
// constellations); each has one asset, the composite of the order's area on
// that date, handed out after the free availability check. Estimate's
// opportunities are the image dates an order would produce
// (tasking.OpportunityProductionDate, each priced at the whole order's EUR
// price): they are not passes, and Submit refuses any opportunity with
// tasking.ErrUnsupported (another provider's: a *tasking.ValidationError on
// Opportunity) before sending anything.
package clearsky
