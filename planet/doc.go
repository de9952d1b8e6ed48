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
//
// # Endpoints
//
// Every endpoint the package calls, beneath https://api.planet.com, and the
// method that calls it (reference: https://docs.planet.com/develop/apis/tasking/reference/):
//
//	POST   /tasking/v2/orders/                         OrdersService.Create (Adapter.Submit)
//	GET    /tasking/v2/orders/                         OrdersService.List, All (Adapter.Tasks)
//	GET    /tasking/v2/orders/{id}/                    OrdersService.Get, Wait, Watch (Adapter.Task); CapturesService.ArchiveSchedule
//	PUT    /tasking/v2/orders/{id}/                    OrdersService.Update
//	DELETE /tasking/v2/orders/{id}/                    OrdersService.Cancel (Adapter.Cancel)
//	GET    /tasking/v2/orders/{id}/pricing/            OrdersService.Pricing
//	POST   /tasking/v2/pricing/                        PricingService.Preview (Adapter.Estimate)
//	GET    /tasking/v2/captures/                       CapturesService.List, All, ArchiveSchedule
//	GET    /tasking/v2/captures/{id}/                  CapturesService.Get, Wait, Watch
//	POST   /tasking/v2/captures/{id}/reviews/          CapturesService.CreateReview
//	GET    /tasking/v2/captures/{id}/reviews/          CapturesService.Reviews, AllReviews
//	POST   /tasking/v2/imaging-windows/search/         ImagingWindowsService.Start, Search (Adapter.Estimate)
//	GET    /tasking/v2/imaging-windows/search/{id}/    ImagingWindowsService.Get, Wait, Watch, Search (Adapter.Estimate)
//	POST   /tasking/v2/bulk/                           BulkService.Create
//	GET    /tasking/v2/bulk/                           BulkService.List, All
//	GET    /tasking/v2/bulk/{id}/                      BulkService.Get, Wait, Watch
//	GET    /tasking/v2/bulk/{id}/payloads/             BulkService.Payloads, AllPayloads
//	GET    /tasking/v2/order-history/                  OrderHistoryService.List, All
//	GET    /tasking/v2/order-history/{id}/             OrderHistoryService.Get
//	GET    /tasking/v2/delivery-tasks/                 DeliveryTasksService.List, All
//	GET    /tasking/v2/deliveries/                     DeliveriesService.List, All
//	GET    /data/v1/item-types/{type}/items/{id}/assets/  AssetsService.List, Get, Wait, Watch (Adapter.Assets)
//	POST   /data/v1/assets/{id}/activate               AssetsService.Activate (Adapter.Assets); GET after a 405
//	GET    {asset location}                            AssetsService.Asset → tasking.Download (no API key sent)
//
// Captures (Adapter.Captures: GET /captures/?order_id=…) name their imagery
// in Planet's Data API, on the same host at /data/v1/ (reached as
// ../../data/v1/ from the base URL): Capture.Items pairs item_ids with
// item_types (UNCONFIRMED members) or falls back to strip_id as a
// SkySatCollect item (Planet's documented recipe); an unpairable capture is
// an error, not a guess. Each item's assets are activated (POST to
// _links.activate, as Planet's current documentation has it; a 405 answer is
// retried as a GET, as older material has it), polled until "active"
// ("activating" is UNCONFIRMED), and downloaded from their location, a link
// that needs no API key (transport Storage requests: the key never goes with
// it), checked against md5_digest. expires_at is UNCONFIRMED. Assets whose
// _permissions lack "download" are left out by Adapter.Assets.
//
// Automated Delivery (DeliveryTasksService, DeliveriesService) follows what was
// pushed to a destination. The delivery-task statuses PENDING, IN_PROGRESS,
// COMPLETED, FAILED and CANCELLED are Planet's; that deliveries use the same
// values, the filter names order_id and capture_id, and every member but
// status are UNCONFIRMED: unknown values are kept (DeliveryStatus.Known).
//
// Adapter.Estimate turns imaging windows into tasking.Opportunity values
// (ImagingWindow.Opportunity: best-case off-nadir angle, cloud forecast in
// percent, price in quota units, ExpiresAt the window's start because
// Planet gives offered windows no expiry: UNCONFIRMED). Planet searches a
// Point or a two-point LineString only: a polygon is searched at its
// centroid and a longer line along its end points (SearchGeometry), the
// order keeping its own geometry. Adapter.Submit with Request.Opportunity
// books that window (imaging_window) after tasking.CheckBooking.
//
// Not covered, because their paths or bodies could not be confirmed: the
// legacy synchronous imaging-window search (POST /tasking/v2/imaging-windows/
// and its GET of results), tasking preferences and notification preferences
// (GET/PUT /tasking/v2/preferences/, GET/POST
// /tasking/v2/notification-preferences/), bulk edits and cancels through
// /bulk/ (their body keys are unknown), requests for extra Automated
// Deliveries (endpoint unknown), the orders filter geometry__intersects
// (seen only in third-party code, value format unknown), and the
// undocumented GET /tasking/v2/products (contracts and products of the key).
//
// # Decoding
//
// Every answer is decoded by encoding/json/v2 in one pass, streamed from the
// connection under the client's size cap (WithMaxResponseBytes); a list page
// is decoded item by item into Page.Results and nothing of the body is kept.
// The rules:
//
//   - Forward compatible: an enum value this version does not list (a new
//     order status, say) decodes and keeps its raw string (OrderStatus.Known
//     reports it; Neutral maps it to tasking.StatusUnknown). Members a type
//     does not know are kept, as received, in its Unknown field (Order,
//     Capture, Review, ImagingWindowSearch, ImagingWindow, Bulk,
//     BulkPayload, Pricing, OrderHistoryEvent, ItemAsset, AssetLinks,
//     DeliveryTask, Delivery); Unknown is nil, and costs
//     nothing, when there are none. Member names match in any case; times
//     are RFC 3339, with or without a zone (UTC), or bare dates; null and ""
//     leave a time zero.
//   - Strict on types: a known member of the wrong JSON type (a string where
//     exclusivity_days is a number, a geometry that is not GeoJSON, a count
//     of 1.5) fails the call with a *tasking.DecodeError naming the member's
//     JSON path, such as "/results/3/exclusivity_days", rather than leaving a
//     zero value that would hide the change. Planet's material documents no
//     member that drifts between types, so no member is exempt. Many member
//     types are UNCONFIRMED (read from third-party code, see the field
//     comments): should one prove wrong, the error names it. Members kept as
//     sent whatever their shape (Order.Delivery, Pricing.PricingModel,
//     ImagingWindow.ConflictingOrders, BulkPayload.Errors and Payload,
//     DeliveryTask.Destination) cannot
//     fail; null leaves them nil.
//   - tasking.Task.Raw (from Client.Provider) is the *Order the task was made
//     from, and tasking.Estimate.Raw an *EstimateDetails holding the Pricing
//     and ImagingWindowSearch answers: the decoded values themselves, no copy
//     and no bytes kept. encoding/json/v2 writes an Order back in Planet's
//     wire format (GeoJSON geometries, Unknown members included), and reads
//     it back, without options.
//
// Request bodies are marshalled in one pass, times in UTC, geometries as
// GeoJSON, fields left zero not sent.
//
// Client.Provider adapts the client to the neutral tasking.Provider,
// tasking.Estimator, tasking.Deliverer and tasking.PollHinter interfaces. The planettest package is an in-memory
// simulator of the API for tests and examples.
package planet
