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
// decoded leniently: unknown enum values and fields are kept (every resource
// has a Raw field with the JSON the server sent), and the unconfirmed paths can
// be changed with [WithPaths].
//
// # Simulator
//
// Package satellogictest runs an in-memory Aleph (token endpoint included) for
// tests and examples.
package satellogic
