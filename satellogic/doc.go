// Package satellogic is a typed client for Satellogic's Aleph Tasking API v1
// and its Analysis API.
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
//	GET   /tasking/tasks/{id}/                [TasksService.Get], [TasksService.Wait], [Adapter.Task]
//	PATCH /tasking/tasks/{id}/cancel/         [TasksService.Cancel], [Adapter.Cancel]
//	GET   /tasking/tasks/{id}/captures/       [TasksService.Captures], [TasksService.AllCaptures]
//	POST  /tasking/analysis/can-add-order/    [AnalysisService.Submit], [AnalysisService.Run], [Adapter.Estimate]
//	POST  /tasking/analysis/opportunities/    [AnalysisService.Submit], [AnalysisService.Run] (UNCONFIRMED)
//	GET   /tasking/analysis/{id}/             [AnalysisService.Get], [AnalysisService.Wait], [AnalysisService.Run], [Adapter.Estimate] (UNCONFIRMED)
//
// Satellogic's pages: https://developers.satellogic.com/tasking-service/introduction.html
// (Tasking API), https://developers.satellogic.com/getting-started/gettingstarted.html
// (tokens) and https://developers.satellogic.com/api-authentication/get_contract_id.html
// (contracts).
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
// polled and what they return, the cancel answer, NEI task parameters) are
// decoded leniently (see Decoding), and the unconfirmed paths can be changed
// with [WithPaths].
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
// [Analysis], [Opportunity]) has an Unknown field holding the members the
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
// Package satellogictest runs an in-memory Aleph (token endpoint included) for
// tests and examples. Its Server.Client polls fast by default
// ([WithPollDelays] of 1 ms to 10 ms), so Wait and tasking.WaitTask with nil
// WaitOptions follow a task to its end in milliseconds.
package satellogic
