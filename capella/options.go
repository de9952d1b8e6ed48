package capella

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// Option configures a Client. The shared options have the same names and
// meanings in every eotask provider package, but each package has its own
// Option type: another provider's option does not compile here. WithAccount
// is Capella's own.
type Option func(*options)

// options gathers a Client's settings: the transport's, then Capella's own.
type options struct {
	transport.Settings

	// account holds WithAccount's ids; nil without the option.
	account *Account
}

// apply gathers opts, skipping nil ones.
func apply(opts []Option) options { return transport.ApplyTo(options{}, opts) }

// set applies a shared transport option to the embedded settings.
func set(o transport.Option) Option { return func(s *options) { o(&s.Settings) } }

// WithBaseURL points the client at another base URL: a simulator
// (capellatest), a proxy or a staging host. Plain http is accepted only for
// loopback hosts.
func WithBaseURL(u string) Option { return set(transport.WithBaseURL(u)) }

// WithHTTPClient sends requests through hc. It is copied, never modified.
func WithHTTPClient(hc *http.Client) Option { return set(transport.WithHTTPClient(hc)) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off. Creates
// (POST /task, /repeat-requests, the retasks and access requests) are never
// sent twice unless the first attempt provably did not reach the server.
func WithRetry(p tasking.RetryPolicy) Option { return set(transport.WithRetry(p)) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return set(transport.WithUserAgent(ua)) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return set(transport.WithLogger(l)) }

// WithRateLimit limits the client to limit requests per second with the given
// burst, waiting within the caller's context rather than failing. Capella
// publishes no limits; its own SDK keeps at most 8 requests in flight.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return set(transport.WithRateLimit(limit, burst))
}

// WithTimeout bounds each attempt, body included, when the caller's context
// has no deadline (default 2 min; d <= 0 turns it off). An attempt that runs
// out fails with a *tasking.TimeoutError matching context.DeadlineExceeded; a
// read is then retried within the policy, a create is not sent again.
func WithTimeout(d time.Duration) Option {
	return set(transport.WithTimeout(d))
}

// WithHeaderTimeout bounds how long each attempt waits for the response's
// headers, whatever the context's deadline (default 60 s; d <= 0 turns it
// off).
func WithHeaderTimeout(d time.Duration) Option {
	return set(transport.WithHeaderTimeout(d))
}

// WithMaxResponseBytes caps how much of a response body is read (default
// 32 MiB); a larger body fails with a *tasking.DecodeError matching
// tasking.ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option { return set(transport.WithMaxResponseBytes(n)) }

// WithPollDelays sets how often Wait (of every service) and the adapter poll
// when their tasking.WaitOptions leave MinDelay or MaxDelay zero: the first
// wait is min, growing to at most max. Zero (the default) keeps tasking's
// defaults (tasking.DefaultMinDelay, tasking.DefaultMaxDelay). The
// capellatest simulator's Client sets a few milliseconds.
func WithPollDelays(min, max time.Duration) Option {
	return set(transport.WithPollDelays(min, max))
}

// Account names the organization and user a request is made for.
type Account struct {
	OrgID  string
	UserID string
}

// WithAccount sets the organization and user ids put into create bodies
// (orgId, userId). Capella's OpenAPI document requires both in the bodies of
// POST /task, POST /repeat-requests and POST /ma/accessrequests/; without this
// option the client reads them once from GET /user (the key's own user) and
// caches them. A request that names its own ids overrides both.
func WithAccount(orgID, userID string) Option {
	return func(o *options) { o.account = &Account{OrgID: orgID, UserID: userID} }
}
