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
// # Endpoints
//
// Every endpoint the package calls, and the method that calls it:
//
//	POST  /task                                        TasksService.Create, Adapter.Submit
//	GET   /task/{taskingRequestId}                     TasksService.Get, TasksService.Wait, Adapter.Task
//	PATCH /task/{taskingRequestId}                     TasksService.Update
//	PATCH /task/{taskingRequestId}/status              TasksService.SetStatus, Cancel, Approve, Reject; Adapter.Cancel, Approve, Reject
//	POST  /task/{taskingRequestId}/retask              TasksService.Retask
//	GET   /tasks/paged                                 TasksService.List, TasksService.All
//	GET   /tasks?customerId=…                          TasksService.ListByCustomer
//	POST  /tasks/search                                TasksService.Search, TasksService.SearchAll, Adapter.Tasks
//	POST  /repeat-requests                             RepeatRequestsService.Create
//	GET   /repeat-requests                             RepeatRequestsService.List, RepeatRequestsService.All
//	GET   /repeat-requests/{repeatrequestId}           RepeatRequestsService.Get, RepeatRequestsService.Wait
//	PATCH /repeat-requests/{repeatrequestId}           RepeatRequestsService.Update
//	PATCH /repeat-requests/{repeatrequestId}/status    RepeatRequestsService.SetStatus, Approve, Cancel
//	GET   /repeat-requests/{repeatrequestId}/tasks     RepeatRequestsService.Tasks
//	POST  /repeat-requests/{repeatrequestId}/retask    RepeatRequestsService.Retask
//	POST  /repeat-requests/search/                     RepeatRequestsService.Search, RepeatRequestsService.SearchAll
//	GET   /collects/{collect_id}                       CollectsService.Get, CollectsService.Wait
//	GET   /collects/status/{collect_id}                CollectsService.Status
//	GET   /collects/list/{taskingrequest_id}           CollectsService.List, CollectsService.All, TasksService.Collects
//	GET   /collects/{collectId}/task                   CollectsService.Task
//	POST  /collects/{collectId}/retask                 CollectsService.Retask
//	GET   /collectiontypes/                            CollectionTypesService.List, CollectionTypesService.All
//	POST  /ma/accessrequests/                          AccessRequestsService.Create, Adapter.Estimate (EstimateByAccess)
//	GET   /ma/accessrequests/{accessrequest_id}        AccessRequestsService.Get, AccessRequestsService.Wait
//	GET   /ma/accesses/{accessrequest_id}              AccessRequestsService.Accesses
//	GET   /user                                        UsersService.Me (and the creates' orgId/userId lookup)
//
// Left out: the tiles (/tiles/…), spacecraft, TLE, ground-track and
// trajectory reads of Mission Awareness (/ma/spacecraft/…, /ma/tles/…,
// /ma/groundtrack/…, /ma/trajectory/…), GET /task/docs, and the access
// service's token, organization, bucket and password endpoints: none of them
// is part of placing or following a tasking request.
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
// Collect, User), the properties of the three Features, the collect
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
// The package implements tasking.Provider, tasking.Estimator,
// tasking.Approver and tasking.PollHinter through
// [Client.Provider]. Package capellatest is an in-memory simulator of the
// API for tests and examples.
package capella
