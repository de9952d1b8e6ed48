package planet

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// Option configures a Client. It is this package's own type: another
// provider's options do not compile here. The shared options come first,
// under the same names in every eotask provider package; Planet's own
// follow.
type Option func(*options)

// options gathers what the Options set: the shared transport settings and
// Planet's own.
type options struct {
	transport.Settings
	basicAuth bool // WithBasicAuth
}

// set applies a transport setting.
func set(f func(*transport.Settings)) Option { return func(o *options) { f(&o.Settings) } }

// WithBaseURL points the client at another base URL, such as a planettest
// simulator or a proxy. Plain http is accepted only for loopback hosts.
func WithBaseURL(u string) Option { return set(transport.WithBaseURL(u)) }

// WithHTTPClient sends requests through hc. The client is copied, so the
// redirect policy eotask installs does not change the caller's.
func WithHTTPClient(hc *http.Client) Option { return set(transport.WithHTTPClient(hc)) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off. An
// order create is never sent twice, whatever the policy (see tasking.RetryPolicy).
func WithRetry(p tasking.RetryPolicy) Option { return set(transport.WithRetry(p)) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return set(transport.WithUserAgent(ua)) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return set(transport.WithLogger(l)) }

// WithRateLimit keeps the client under limit requests per second with the
// given burst, waiting within the context rather than failing. Planet's
// legacy documentation gives 10 requests per second per key; newer limits are
// per endpoint (for example 40/s burst, 300/min sustained on the bulk list).
func WithRateLimit(limit rate.Limit, burst int) Option {
	return set(transport.WithRateLimit(limit, burst))
}

// WithTimeout bounds each attempt, body included, when the caller's context
// has no deadline (default 2 min; d <= 0 turns it off). An attempt that runs
// out fails with a *tasking.TimeoutError matching context.DeadlineExceeded; a
// read is then retried within the policy, a create is not sent again.
func WithTimeout(d time.Duration) Option { return set(transport.WithTimeout(d)) }

// WithHeaderTimeout bounds how long each attempt waits for the response's
// headers, whatever the context's deadline (default 60 s; d <= 0 turns it
// off).
func WithHeaderTimeout(d time.Duration) Option { return set(transport.WithHeaderTimeout(d)) }

// WithMaxResponseBytes caps how much of a response body is read (default
// 32 MiB); a larger body fails with a *tasking.DecodeError matching
// tasking.ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option { return set(transport.WithMaxResponseBytes(n)) }

// WithPollDelays sets how often Wait, Watch, the bulk and search waits and
// the Adapter poll when their tasking.WaitOptions leave MinDelay or MaxDelay
// zero: from min at first, backing off to max. Without it each wait keeps
// its own defaults. A planettest simulator's Client sets it to a few
// milliseconds.
func WithPollDelays(min, max time.Duration) Option {
	return set(transport.WithPollDelays(min, max))
}

// WithBasicAuth sends the API key with HTTP Basic authentication (the key as
// user name, an empty password), the scheme Planet's legacy documentation
// describes, instead of the default "Authorization: api-key <key>".
func WithBasicAuth() Option { return func(o *options) { o.basicAuth = true } }
