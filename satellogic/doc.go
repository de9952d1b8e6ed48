// Package satellogic is a typed client for Satellogic's Aleph Tasking API v1,
// its Analysis API and the delivery API's scenes listing.
//
// Create a client with OAuth2 client credentials and the contract to work
// under:
//
//	c, err := satellogic.New(satellogic.Credentials{
//		ClientID:     os.Getenv("SATELLOGIC_CLIENT_ID"),
//		ClientSecret: os.Getenv("SATELLOGIC_CLIENT_SECRET"),
//		ContractID:   os.Getenv("SATELLOGIC_CONTRACT_ID"),
//	})
//	task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{
//		TaskName: "Port of Santos", ProjectName: "Ports", Product: satellogic.ProductPOI,
//		Target: orb.Point{-46.3047, -23.9608}, Start: start, End: end,
//	})
//	final, err := c.Tasks.Wait(ctx, task.TaskID, nil)
//
// # Endpoints
//
// Every endpoint the package calls, and the method that calls it (paths are
// the defaults of [DefaultPaths]):
//
//	POST  /oauth/token (auth host)            the client's token source, before the first call
//	GET   /contracts                          [ContractsService.List]
//	GET   /tasking/products/                  [ProductsService.List], [ProductsService.All]
//	POST  /tasking/tasks/                     [TasksService.Create], [Adapter.Submit]
//	GET   /tasking/tasks/                     [TasksService.List], [TasksService.All], [Adapter.Tasks]
//	GET   /tasking/tasks/{id}/                [TasksService.Get], [TasksService.Wait], [TasksService.Watch], [Adapter.Task]
//	PATCH /tasking/tasks/{id}/cancel/         [TasksService.Cancel], [Adapter.Cancel]
//	GET   /tasking/tasks/{id}/captures/       [TasksService.Captures], [TasksService.AllCaptures], [Adapter.Captures]
//	GET   /telluric/scenes/?sceneset_id={id}  [ScenesService.List], [ScenesService.All], [Adapter.Assets]
//	GET   {attachment url} (storage host)     [Attachment.Source], [Attachment.Asset], through tasking.Download
//	POST  /tasking/tasks/ (an opportunity's window)  [Adapter.Submit] with tasking.Request.Opportunity
//	POST  /tasking/analysis/can-add-order/    [AnalysisService.Submit], [AnalysisService.Run], [Adapter.Estimate]
//	POST  /tasking/analysis/opportunities/    [AnalysisService.Submit], [AnalysisService.Run] (UNCONFIRMED)
//	GET   /tasking/analysis/{id}/             [AnalysisService.Get], [AnalysisService.Wait], [AnalysisService.Watch], [AnalysisService.Run], [Adapter.Estimate] (UNCONFIRMED)
//
// Satellogic's pages: https://developers.satellogic.com/tasking-service/introduction.html
// (Tasking API), https://developers.satellogic.com/getting-started/gettingstarted.html
// (tokens), https://developers.satellogic.com/api-authentication/get_contract_id.html
// (contracts) and https://developers.satellogic.com/delivery-service/python_examples.html
// (delivery).
//
// # Delivery
//
// A task's captures ([TasksService.AllCaptures]) are planned, collected and
// processed; only a published one has files. Its capture_id is the delivery
// API's sceneset_id: [ScenesService] lists its scenes, on the API host with
// the token and contract header, and each [Scene] has [Attachment]s
// (name, url, file_name); the one named "delivery_zip" is the full product.
// An attachment's url is pre-signed on a storage host: [Attachment.Source]
// fetches it without the API's token or contract header, and the link lapses
// (list again for a fresh one). Satellogic gives no checksum or size, so
// tasking.Download verifies a file against the Content-Length the storage
// host announces (Downloaded.Verified is "size"); a resumed download asks
// for the missing bytes only. The [Adapter] is a tasking.Deliverer:
// Captures lists the captures, Assets every attachment of every scene,
// delivery_zip first, named by file_name (or name) and typed by extension;
// no preparation step is needed. Which other members a capture or a scene
// carries (times, footprint, cloud cover, "scene_id", "sceneset_id") is
// UNCONFIRMED: they are kept in Unknown or read when present.
//
// # Opportunities and booking
//
// [Adapter.Estimate] runs a can-add analysis and turns its opportunities
// (layout UNCONFIRMED, read best-effort, see [Opportunity]) into
// tasking.Opportunity passes, earliest first: id, window, satellite,
// off-nadir angle and cloud forecast where given, no price (the API quotes
// none), Raw the *[Opportunity]. ExpiresAt is the analysis's creation time
// plus [AnalysisRetention] (24 h): analysis results are kept that long, which
// a secondary source states, not a Satellogic page. Satellogic books by
// window, not by id: [Adapter.Submit] with tasking.Request.Opportunity
// checks the booking with tasking.CheckBooking (nothing is sent for another
// provider's, an expired or a started opportunity) and creates a task whose
// window is the opportunity's widened by ProviderDefaults.BookingBuffer on
// each side, at least [MinOpportunityBuffer] (10 minutes, Satellogic's
// advice, since estimates shift with maintenance and new ephemerides); the
// planner may still pick another pass inside that window.
//
// # Authentication
//
// The client fetches a client-credentials token from the auth host
// (https://auth.platform.satellogic.com/oauth/token, a JSON body with the
// audience https://api.satellogic.com/), caches it, refreshes it 60 s before
// it expires and sends it as "authorizationToken: Bearer <token>" (not the
// standard Authorization header). Concurrent calls share one token fetch. When
// the API answers 401 the cached token is dropped and the request is replayed
// once with a fresh token; a second 401 is returned to the caller.
//
// Every call except [ContractsService.List] carries the contract in
// "X-Satellogic-Contract-Id". [Client.WithContract] gives a client for another
// contract that shares the token cache. Legacy credentials are supported with
// [WithLegacyCredentials] (token from login.satellogic.com, no contract) and
// the deprecated "Key,Secret" header with [WithLegacyKey].
//
// # What is confirmed
//
// Satellogic publishes no OpenAPI document. Paths and shapes that the public
// documentation does not confirm (the opportunities analysis, how analyses are
// polled and what they return, an analysis's creation time and an
// opportunity's id and cloud forecast, the cancel answer, NEI task
// parameters, the members of a capture or scene other than those named in
// Delivery) are decoded leniently (see Decoding), and the unconfirmed paths
// can be changed with [WithPaths]. A wrong guess shows as an empty field and
// the member kept in Unknown, or, for a path, as a *tasking.APIError (404).
//
// # Left out
//
// GET /tasking/clients/ (an account-configuration call seen only in public
// client code, with no documented answer and possibly legacy), the Archive
// API (GET /archive/stac and POST /archive/search: a STAC catalogue search,
// not tasking) and the Aleph v2 Orders API (/v2/orders/…, /v2/captures/,
// /v2/deliverables/: another API, out of this package's v1 scope; its cancel
// answers 403 for v1 tasks, so Cancel uses the v1 endpoint).
//
// # Decoding
//
// Every answer, the token endpoint's included, is read by encoding/json/v2
// (github.com/go-json-experiment/json) in one pass, from the connection as it
// arrives and under the size cap ([WithMaxResponseBytes]): a [Page] is decoded
// item by item and no copy of the body or of an item is kept. Geometries are
// read straight into orb values and times straight into time.Time.
//
// Strict: a member of the wrong type (a task_id that is a string, a start
// that is not a time, a priority that is not an integer, …), malformed JSON,
// and a success answer that holds no resource fail the call with a
// *tasking.DecodeError whose message names the JSON path at fault, such as
// "/results/3/task_id". A change on Satellogic's side then shows at once
// instead of leaving zero values.
//
// Lenient, where the documentation leaves room for it:
//   - Enumerations ([TaskStatus], [CaptureStatus], [AnalysisStatus],
//     [ProductID]): a value this version does not know decodes without error
//     and is kept as sent.
//   - Times: RFC 3339 with or without a zone (none is UTC), with a space
//     instead of the T, or a bare date; null and "" leave the zero time.
//   - Names of members match case-insensitively.
//   - [Task].Target: a Point's altitude is dropped; a target that is valid
//     JSON but not a GeoJSON geometry leaves Target nil instead of failing
//     the call, because Satellogic does not publish what the target of a
//     Non-Earth-Imaging task (product 186) holds.
//   - [Analysis] and [Opportunity]: their layout is not published, so they
//     are read best-effort from several candidate member names (see their
//     UnmarshalJSONFrom methods); a member of an unexpected type is passed
//     over, and [Analysis].Result keeps the result member as received.
//
// Unknown: each resource ([Task], [Capture], [Contract], [Product],
// [Analysis], [Opportunity], [Scene], [Attachment]) has an Unknown field holding the members the
// server sent that the type does not read, as received (a JSON object), so
// that fields Satellogic adds are not lost; it is nil when there were none
// and then costs nothing. [Task.Neutral] sets tasking.Task.Raw to the *Task
// itself and [Adapter.Estimate] sets tasking.Estimate.Raw to the *Analysis:
// no copy is made and nothing is read twice.
//
// To encode or decode these types yourself, use encoding/json/v2 with
// geo.JSONOptions(), which writes and reads geometries as GeoJSON; a resource
// written that way, Unknown included, is in Satellogic's wire format.
// encoding/json (v1) does not know GeoJSON geometries; [TaskCreateRequest]
// and [Credentials] nonetheless encode correctly with it.
//
// # Simulator
//
// Package satellogictest runs an in-memory Aleph (token endpoint and a storage
// host for the delivered files included) for tests and examples. Its Server.Client polls fast by default
// ([WithPollDelays] of 1 ms to 10 ms), so Wait and tasking.WaitTask with nil
// WaitOptions follow a task to its end in milliseconds.
package satellogic
