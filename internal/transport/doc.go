// Package transport is the one HTTP core every eotask provider client shares.
//
// A provider package describes its API once in an [API] value (name, default
// base URL, authentication, how its error bodies read) and sends every call
// through [Client.Do]. Everything else lives here, once: base-URL resolution,
// query encoding with go-querystring, JSON bodies that replay on retry,
// response size caps, retries under [tasking.RetryPolicy] with Retry-After,
// a client-side rate limit, credential injection, stripping credentials from
// redirects to another host, redaction of secrets from errors, and slog
// logging.
package transport
