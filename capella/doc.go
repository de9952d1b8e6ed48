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
//	task, err = c.Tasks.Wait(ctx, task.GetID(), nil)   // stops in review: errors.Is(err, tasking.ErrActionRequired)
//	task, err = c.Tasks.Approve(ctx, task.GetID())     // accept the cost estimate
//	task, err = c.Tasks.Wait(ctx, task.GetID(), nil)   // on to completed, rejected, expired…
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
// # Endpoints
//
// Every endpoint the package calls, and the method that calls it:
//
//	POST  /task                                        TasksService.Create, Adapter.Submit
//	GET   /task/{taskingRequestId}                     TasksService.Get, TasksService.Wait, TasksService.Watch, Adapter.Task
//	PATCH /task/{taskingRequestId}                     TasksService.Update
//	PATCH /task/{taskingRequestId}/status              TasksService.SetStatus, Cancel, Approve, Reject; Adapter.Cancel, Approve, Reject
//	POST  /task/{taskingRequestId}/retask              TasksService.Retask
//	GET   /tasks/paged                                 TasksService.List, TasksService.All
//	GET   /tasks?customerId=…                          TasksService.ListByCustomer
//	POST  /tasks/search                                TasksService.Search, TasksService.SearchAll, Adapter.Tasks
//	POST  /repeat-requests                             RepeatRequestsService.Create
//	GET   /repeat-requests                             RepeatRequestsService.List, RepeatRequestsService.All
//	GET   /repeat-requests/{repeatrequestId}           RepeatRequestsService.Get, RepeatRequestsService.Wait, RepeatRequestsService.Watch
//	PATCH /repeat-requests/{repeatrequestId}           RepeatRequestsService.Update
//	PATCH /repeat-requests/{repeatrequestId}/status    RepeatRequestsService.SetStatus, Approve, Cancel
//	GET   /repeat-requests/{repeatrequestId}/tasks     RepeatRequestsService.Tasks
//	POST  /repeat-requests/{repeatrequestId}/retask    RepeatRequestsService.Retask
//	POST  /repeat-requests/search/                     RepeatRequestsService.Search, RepeatRequestsService.SearchAll
//	GET   /collects/{collect_id}                       CollectsService.Get, CollectsService.Wait, CollectsService.Watch
//	GET   /collects/status/{collect_id}                CollectsService.Status
//	GET   /collects/list/{taskingrequest_id}           CollectsService.List, CollectsService.All, TasksService.Collects
//	GET   /collects/{collectId}/task                   CollectsService.Task
//	POST  /collects/{collectId}/retask                 CollectsService.Retask
//	GET   /collectiontypes/                            CollectionTypesService.List, CollectionTypesService.All
//	POST  /ma/accessrequests/                          AccessRequestsService.Create, Adapter.Estimate (EstimateByAccess)
//	GET   /ma/accessrequests/{accessrequest_id}        AccessRequestsService.Get, AccessRequestsService.Wait, AccessRequestsService.Watch
//	GET   /ma/accesses/{accessrequest_id}              AccessRequestsService.Accesses
//	GET   /user                                        UsersService.Me (and the creates' orgId/userId lookup)
//	POST  /catalog/search                              CollectsService.Products, Adapter.Assets
//	POST  /orders                                      OrdersService.Create, Adapter.Assets
//	GET   /orders/{orderId}                            OrdersService.Get, OrdersService.Wait, OrdersService.Watch, Adapter.Assets
//	GET   /orders/{orderId}/download                   OrdersService.Download, Adapter.Assets
//	GET   <pre-signed href>                            tasking.Download over OrdersService.Assets (no API key)
//
// The last five are Capella's catalog and ordering services, which the
// OpenAPI documents do not cover; they follow Capella's docs
// (https://docs.capellaspace.com/accessing-data/ordering-and-downloading)
// and its Python SDK. POST /orders/task/{taskingrequestId} (ordering all of
// a task's products, seen only in Capella's Postman collection) is left
// out: its body and answer are undocumented; so are POST /orders/review
// (an order's price before buying it) and the catalog search beyond a
// collect's products.
//
// Left out: the tiles (/tiles/…), spacecraft, TLE, ground-track and
// trajectory reads of Mission Awareness (/ma/spacecraft/…, /ma/tles/…,
// /ma/groundtrack/…, /ma/trajectory/…), GET /task/docs, and the access
// service's token, organization, bucket and password endpoints, and
// POST /keys (API-key management, in neither OpenAPI document): none of
// them is part of placing or following a tasking request.
// GET /task/{id}/status and /repeat-requests/paged are not in the spec
// (capella.md 0.1): a status is read with GET /task/{taskingRequestId}.
//
// Enum values left without a constant (they decode and keep their raw
// string, like any value this version does not know): the legacy tiers
// 7_day, high, medium, low and background; the SDK-only repeat tiers insar
// and insar-internal and the insar.orbit values (InSAR requests are not
// modelled); the legacy productCategory values (no field carries them); and
// the spacecraft generations, which only the left-out spacecraft reads
// return.
//
// # JSON
//
// Every answer is decoded in one pass by encoding/json/v2
// (github.com/go-json-experiment/json), streamed from the connection under
// the size cap; list pages decode item by item into their page struct, and
// nothing keeps a raw copy of an answer. Request bodies are written in one
// pass: geometries as GeoJSON, times in [TimeFormat] (UTC, milliseconds).
//
// Strict: a member of the wrong type (a string where a number is due, a
// number where a time is due, a geometry that is not GeoJSON, a time string
// that cannot be read) is a *tasking.DecodeError naming its JSON path, such
// as "/properties/statusHistory/0/time"; so is a 2xx answer holding no
// resource.
//
// Lenient, where Capella's docs, SDK or recorded answers show drift
// (capella.md sections 4.2, 4.4, 9 and 11.2): enum values this version does
// not know decode and keep their raw string (every enum is a string or int
// type); times are read in RFC 3339 with any precision, without a zone
// (meaning UTC, as conflictingTasks carries them) and as bare dates; null
// reads as the empty value (repeatrequestId, repeatEnd,
// parentRepeatrequest…); member names match case-insensitively; localTime
// is pairs or a LocalTimeOption; the pre-2024 elevationMin and elevationMax
// fill the grazing angles; conflicting-task ids and tiers are trimmed
// ("priority "); a collection-type entry is a string or an object; an error
// body's "error" may be a string or an object and its "detail" an object or
// an array; and the answer to a status change need not be the resource
// (Tasks.SetStatus, RepeatRequests.SetStatus).
//
// Forward compatibility: each resource (Task, RepeatRequest, AccessRequest,
// Collect, User, ProductOrder, StacItem and its properties and assets), the properties of the three Features, the collect
// constraints and the conflicting tasks keep the members this version does
// not know in their Unknown field, as received (a jsontext.Value holding a
// JSON object; nil, and free, when there were none). The constraints send
// theirs back. The neutral tasking.Task.Raw holds the *Task the view was
// made from, and tasking.Estimate.Raw the *AccessRequest (EstimateByAccess)
// or the *Task (EstimateByCostReview): no copy and no second decoding, so
// Raw costs nothing. To encode or decode these types yourself, use
// encoding/json/v2 with geo.JSONOptions(), which reads and writes their
// orb.Geometry fields as GeoJSON (times are then read as strict RFC 3339).
//
// # Delivery
//
// A task's collects are its captures ([Collect.Neutral], Adapter.Captures,
// listed whatever their schedule status). A delivered collect's files are
// catalog products, bought with an order: Adapter.Assets finds the
// collect's products (POST /catalog/search, query capella:collect_id eq the
// collect), orders them all (POST /orders, never sent twice), waits while
// the order is prepared (GET /orders/{orderId}) and reads the pre-signed
// links (GET /orders/{orderId}/download), which tasking.Download,
// DownloadTo and DownloadAll fetch with no API key, resuming and verifying
// them. Ordering is buying (products already ordered cost nothing again).
// Asset names are the STAC asset key with the extension of the link's path
// ("HH.tif"), prefixed by the product type when a collect has several
// products ("GEO_HH.tif").
//
// UNCONFIRMED, with how a wrong guess shows: the catalog query form and
// the answer's "features" (a collect without products is an error matching
// tasking.ErrNotFound, never an empty success); orderStatus values other
// than completed and rejected (waited on within the context); the STAC
// file:size and file:checksum of the signed assets (read when present; a
// multihash other than MD5, SHA-1, SHA-256 or SHA-512 is not verified); an
// item without an id or assets, or an asset without an href, is a
// *tasking.DecodeError naming it; an order answer without an orderId too.
//
// # Opportunities and booking
//
// Adapter.Estimate (EstimateByAccess) turns each access into a
// tasking.Opportunity ([Access.Opportunity]): the accessId, the access
// window, the spacecraft ("capella-3"), the best-case off-nadir
// (offNadirMin) and incidence (90° minus grazingAngleMax), the look
// direction, no price (an access request carries none) and, as accesses
// have no documented expiry, ExpiresAt at the window's start. Submit with
// Request.Opportunity books that pass: tasking.CheckBooking refuses another
// provider's, an expired or a started one before anything is sent; the
// tasking request's window is the access's window, and its constraints pin
// the access's look direction, orbit direction, orbital plane and off-nadir
// range over ProviderDefaults.Constraints. Capella's tasking request names
// no access, so these are what make it that pass. An access window lasts
// seconds, shorter than the minimum window of the urgent, priority and
// standard tiers: a booking uses TierFlexible when ProviderDefaults leaves
// the tier empty, and a tier with a longer minimum is a
// *tasking.ValidationError on "Opportunity". That Capella schedules such a
// request on that very pass is UNCONFIRMED.
//
// The package implements tasking.Provider, tasking.Estimator,
// tasking.Approver, tasking.PollHinter and tasking.Deliverer through
// [Client.Provider]. Package capellatest is an in-memory simulator of the
// API for tests and examples.
package capella
