package clearsky

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// Option configures a Client. It is this package's own type: another
// provider's options do not compile here.
type Option func(*options)

// options gathers a client's settings: the shared transport settings and
// ClearSKY's own.
type options struct {
	transport.Settings
	endField WindowEndField
}

// set applies a shared transport option to the embedded settings.
func set(o transport.Option) Option { return func(s *options) { o(&s.Settings) } }

// WithBaseURL points the client at another base URL, such as a
// clearskytest simulator. Plain http is accepted only for loopback hosts.
func WithBaseURL(u string) Option { return set(transport.WithBaseURL(u)) }

// WithHTTPClient sends requests through hc (copied, never modified).
func WithHTTPClient(hc *http.Client) Option { return set(transport.WithHTTPClient(hc)) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off.
func WithRetry(p tasking.RetryPolicy) Option { return set(transport.WithRetry(p)) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return set(transport.WithUserAgent(ua)) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return set(transport.WithLogger(l)) }

// WithRateLimit limits the client to limit requests per second with the
// given burst, waiting within the context rather than failing. ClearSKY
// limits concurrent requests per key (error code 1003); a client-side limit
// keeps a worker pool under it.
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

// WithPollDelays sets how often OrdersService.Wait, OrdersService.Watch and
// the adapter poll by default: from min, growing to max while nothing
// changes. WaitOptions that set MinDelay or MaxDelay take precedence; zero
// (the default) leaves tasking.DefaultMinDelay and tasking.DefaultMaxDelay.
func WithPollDelays(min, max time.Duration) Option {
	return set(transport.WithPollDelays(min, max))
}

// WithWindowEndField sets the member an availability search's window end is
// sent as (POST /api/satelliteimages/search/available): EndUntil (the
// default, as in the vendor's code) or EndTo (as in the current
// documentation's example). Which one the API takes is UNCONFIRMED; see
// ImagesService.SearchAvailable for how a wrong guess fails.
func WithWindowEndField(f WindowEndField) Option { return func(o *options) { o.endField = f } }
