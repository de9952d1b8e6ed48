package satellogic

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// Option configures a Client. It is this package's own type: another
// provider's options do not compile here.
type Option func(*options)

// options gathers a client's settings: the shared transport settings and
// Satellogic's own.
type options struct {
	transport.Settings

	tokenURL  *string    // WithTokenURL; nil: by the kind of credentials
	audience  *string    // WithAudience; nil: DefaultAudience
	legacy    bool       // WithLegacyCredentials
	legacyKey *legacyKey // WithLegacyKey
	paths     Paths      // WithPaths, with defaults filled in
}

// legacyKey is the deprecated "Key,Secret" credential of WithLegacyKey.
type legacyKey struct{ id, secret string }

// apply gathers opts, nil entries skipped.
func apply(opts []Option) options { return transport.ApplyTo(options{paths: DefaultPaths()}, opts) }

// set applies a shared transport option to the embedded settings.
func set(o transport.Option) Option { return func(s *options) { o(&s.Settings) } }

// WithBaseURL points the client at another API host: a simulator, a proxy or
// a staging copy. Plain http is accepted only for loopback hosts. The token
// host is set separately, with WithTokenURL.
func WithBaseURL(u string) Option { return set(transport.WithBaseURL(u)) }

// WithHTTPClient sends requests (token requests included) through hc. The
// client is copied, never modified.
func WithHTTPClient(hc *http.Client) Option { return set(transport.WithHTTPClient(hc)) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off.
func WithRetry(p tasking.RetryPolicy) Option { return set(transport.WithRetry(p)) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return set(transport.WithUserAgent(ua)) }

// WithLogger logs each attempt at debug level and each retry at info level.
// Secrets and tokens are never logged.
func WithLogger(l *slog.Logger) Option { return set(transport.WithLogger(l)) }

// WithRateLimit limits the client to limit requests per second with the given
// burst, waiting (within the context) rather than failing.
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

// WithPollDelays sets how often TasksService.Wait, AnalysisService.Wait and
// the adapter poll by default: from min, growing to max while nothing
// changes. WaitOptions that set MinDelay or MaxDelay take precedence; zero
// (the default) leaves tasking.DefaultMinDelay and tasking.DefaultMaxDelay
// for tasks, and 5 s to 15 s for the adapter's analyses.
func WithPollDelays(min, max time.Duration) Option {
	return set(transport.WithPollDelays(min, max))
}

// WithTokenURL fetches tokens from u instead of DefaultTokenURL (for example
// a simulator's "<url>/oauth/token"). Plain http is accepted only for
// loopback hosts.
func WithTokenURL(u string) Option { return func(s *options) { s.tokenURL = &u } }

// WithAudience requests tokens for another audience than DefaultAudience.
func WithAudience(aud string) Option { return func(s *options) { s.audience = &aud } }

// WithLegacyCredentials marks Credentials as legacy API credentials: their
// token comes from LegacyTokenURL (unless WithTokenURL says otherwise) and
// they cannot select a contract, so no contract header is required or sent
// unless Credentials.ContractID is set.
func WithLegacyCredentials() Option { return func(s *options) { s.legacy = true } }

// WithLegacyKey authenticates with the deprecated scheme that puts the raw key
// in the header, "authorizationToken: Key,Secret <keyID>,<keySecret>", instead
// of an OAuth2 token. Credentials.ClientID and ClientSecret may then be empty,
// and no contract is required. Prefer OAuth2 credentials: Satellogic lists
// this scheme as deprecated.
func WithLegacyKey(keyID, keySecret string) Option {
	return func(s *options) { s.legacyKey = &legacyKey{keyID, keySecret} }
}

// WithPaths overrides API paths; empty fields keep their defaults.
func WithPaths(p Paths) Option { return func(s *options) { s.paths = p.withDefaults() } }

// Paths are the API paths, relative to the base URL. The defaults are the
// documented ones; the Analysis paths other than CanAddOrder are not confirmed
// by Satellogic's public documentation, so they can be changed with WithPaths.
type Paths struct {
	Contracts     string // default "contracts"
	Products      string // default "tasking/products/"
	Tasks         string // default "tasking/tasks/"; a task is Tasks+"<id>/"
	CanAddOrder   string // default "tasking/analysis/can-add-order/" (confirmed)
	Opportunities string // default "tasking/analysis/opportunities/" (UNCONFIRMED)
	// AnalysisResult is where an analysis is polled (UNCONFIRMED). "{id}" is
	// replaced by the analysis id and "{collection}" by the path it was
	// submitted to, so "{collection}{id}/" polls beneath the submission path.
	// Default "tasking/analysis/{id}/".
	AnalysisResult string
	// Scenes is the delivery API's scene listing, on the API host like the
	// Tasking API. Default "telluric/scenes/".
	Scenes string
}

// DefaultPaths returns the paths the client uses unless told otherwise.
func DefaultPaths() Paths {
	return Paths{
		Contracts:      "contracts",
		Products:       "tasking/products/",
		Tasks:          "tasking/tasks/",
		CanAddOrder:    "tasking/analysis/can-add-order/",
		Opportunities:  "tasking/analysis/opportunities/",
		AnalysisResult: "tasking/analysis/{id}/",
		Scenes:         "telluric/scenes/",
	}
}

func (p Paths) withDefaults() Paths {
	d := DefaultPaths()
	for _, f := range []struct{ v, def *string }{
		{&p.Contracts, &d.Contracts}, {&p.Products, &d.Products}, {&p.Tasks, &d.Tasks},
		{&p.CanAddOrder, &d.CanAddOrder}, {&p.Opportunities, &d.Opportunities},
		{&p.AnalysisResult, &d.AnalysisResult}, {&p.Scenes, &d.Scenes},
	} {
		if strings.TrimSpace(*f.v) == "" {
			*f.v = *f.def
		}
	}
	if !strings.HasSuffix(p.Tasks, "/") {
		p.Tasks += "/"
	}
	return p
}
