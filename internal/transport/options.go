package transport

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// DefaultMaxResponseBytes caps how much of a response body a client reads.
const DefaultMaxResponseBytes = 32 << 20

// Default time limits of one attempt (see WithTimeout and WithHeaderTimeout).
const (
	// DefaultHeaderTimeout is how long an attempt waits for the response's
	// headers.
	DefaultHeaderTimeout = 60 * time.Second
	// DefaultAttemptTimeout bounds a whole attempt, body included, when the
	// caller's context has no deadline.
	DefaultAttemptTimeout = 2 * time.Minute
)

// Settings are the caller's choices for one client, gathered from Options.
type Settings struct {
	BaseURL          string              // overrides the API's default base URL
	HTTPClient       *http.Client        // copied, never modified; nil means a tuned default
	Retry            tasking.RetryPolicy // zero fields take defaults
	UserAgent        string              // put in front of "eotask/<version>"
	Logger           *slog.Logger        // nil: no logging
	RateLimit        rate.Limit          // requests per second; 0: no client-side limit
	RateBurst        int                 // burst for RateLimit (at least 1)
	MaxResponseBytes int64               // 0: DefaultMaxResponseBytes
	HeaderTimeout    time.Duration       // 0: DefaultHeaderTimeout; negative: none
	AttemptTimeout   time.Duration       // 0: DefaultAttemptTimeout; negative: none
	PollMin, PollMax time.Duration       // default delays between two polls of a Wait; 0: not set
}

// Option sets one of a client's Settings. Each provider package wraps these
// in an Option type of its own (planet.Option, capella.Option, …), so that one
// provider's option cannot be given to another's client.
type Option func(*Settings)

// Apply gathers opts into Settings.
func Apply(opts ...Option) Settings {
	var s Settings
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	return s
}

// ApplyTo applies a provider package's options to o in order, nil ones
// skipped, and returns o: how each package's New gathers its own Option type
// (a func(*options) of its own) over its defaults.
func ApplyTo[O any, F ~func(*O)](o O, opts []F) O {
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// WithBaseURL points the client at another base URL: a simulator, a proxy or
// a staging host. Plain http is accepted only for loopback hosts.
func WithBaseURL(u string) Option { return func(s *Settings) { s.BaseURL = u } }

// WithHTTPClient sends requests through hc. The client is copied, so the
// redirect policy eotask adds does not change the caller's.
func WithHTTPClient(hc *http.Client) Option { return func(s *Settings) { s.HTTPClient = hc } }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off.
func WithRetry(p tasking.RetryPolicy) Option { return func(s *Settings) { s.Retry = p } }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return func(s *Settings) { s.UserAgent = ua } }

// WithLogger logs each attempt (method, path, status, attempt, duration) at
// debug level and each retry at info level. Secrets are never logged.
func WithLogger(l *slog.Logger) Option { return func(s *Settings) { s.Logger = l } }

// WithRateLimit limits the client to limit requests per second with the given
// burst, waiting (within the context) rather than failing.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(s *Settings) { s.RateLimit, s.RateBurst = limit, burst }
}

// WithMaxResponseBytes caps how much of a response body is read; a larger body
// fails with a *tasking.DecodeError wrapping tasking.ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option { return func(s *Settings) { s.MaxResponseBytes = n } }

// WithTimeout bounds each attempt, from sending the request to the last
// byte of the answer, when the caller's context has no deadline (a deadline
// on the context takes its place). Default DefaultAttemptTimeout (2 min);
// d <= 0 turns the limit off. An attempt that runs out fails with a
// *tasking.TimeoutError matching context.DeadlineExceeded; an idempotent
// call is then retried within the retry policy, a create is not.
func WithTimeout(d time.Duration) Option {
	return func(s *Settings) { s.AttemptTimeout = disabledIfNotPositive(d) }
}

// WithHeaderTimeout bounds how long each attempt waits for the response's
// status line and headers, whatever the context's deadline: a server that
// accepts the connection and then says nothing is given up on and, for an
// idempotent call, asked again. Default DefaultHeaderTimeout (60 s); d <= 0
// turns the limit off.
func WithHeaderTimeout(d time.Duration) Option {
	return func(s *Settings) { s.HeaderTimeout = disabledIfNotPositive(d) }
}

// WithPollDelays sets how often Wait and the neutral adapter poll when the
// caller's WaitOptions leave MinDelay or MaxDelay zero (see
// tasking.PollHinter). Simulators set a few milliseconds; a real API is
// best left to tasking's defaults. Negative values count as zero (not set).
func WithPollDelays(min, max time.Duration) Option {
	return func(s *Settings) { s.PollMin, s.PollMax = max0(min), max0(max) }
}

func max0(d time.Duration) time.Duration { return max(d, 0) }

func disabledIfNotPositive(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}
