package clearsky

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"golang.org/x/time/rate"
)

// Name is the provider's short name, used on errors and neutral tasks.
const Name = "clearsky"

// DefaultBaseURL is the ClearSKY Vision API.
const DefaultBaseURL = "https://api.clearsky.vision"

// APIKeyHeader is the request header that carries the API key.
const APIKeyHeader = "x-api-key"

// Option configures a Client.
type Option = transport.Option

// WithBaseURL points the client at another base URL, such as a
// clearskytest simulator. Plain http is accepted only for loopback hosts.
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sends requests through hc (copied, never modified).
func WithHTTPClient(hc *http.Client) Option { return transport.WithHTTPClient(hc) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off.
func WithRetry(p tasking.RetryPolicy) Option { return transport.WithRetry(p) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithRateLimit limits the client to limit requests per second with the
// given burst, waiting within the context rather than failing. ClearSKY
// limits concurrent requests per key (error code 1003); a client-side limit
// keeps a worker pool under it.
func WithRateLimit(limit rate.Limit, burst int) Option { return transport.WithRateLimit(limit, burst) }

// Client talks to the ClearSKY Vision tasking API. It is safe for concurrent
// use.
type Client struct {
	// Orders creates, estimates, lists, follows and cancels tasking orders.
	Orders *OrdersService
	// Tiles searches the fixed tile and minitile grid.
	Tiles *TilesService
	// Models lists the models and the constellations each one uses.
	Models *ModelsService

	tc *transport.Client
}

// WithTimeout bounds each attempt, body included, when the caller's context
// has no deadline (default 2 min; d <= 0 turns it off). An attempt that runs
// out fails with a *tasking.TimeoutError matching context.DeadlineExceeded; a
// read is then retried within the policy, a create is not sent again.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout(d) }

// WithHeaderTimeout bounds how long each attempt waits for the response's
// headers, whatever the context's deadline (default 60 s; d <= 0 turns it
// off).
func WithHeaderTimeout(d time.Duration) Option { return transport.WithHeaderTimeout(d) }

// WithMaxResponseBytes caps how much of a response body is read (default
// 32 MiB); a larger body fails with a *tasking.DecodeError matching
// tasking.ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes(n) }

// New returns a client authenticating with apiKey (sent in the x-api-key
// header). It fails at once for an empty key or a bad base URL.
func New(apiKey string, opts ...Option) (*Client, error) {
	apiKey = strings.TrimSpace(apiKey)
	if apiKey == "" {
		return nil, errors.New("clearsky: empty API key")
	}
	api := transport.API{
		Name:        Name,
		BaseURL:     DefaultBaseURL,
		Auth:        transport.HeaderAuth{Name: APIKeyHeader, Value: apiKey, Secret: apiKey},
		DecodeError: decodeAPIError,
		Failed:      failed,
		Throttled:   func(e *tasking.APIError) bool { return IsThrottled(e) },
	}
	tc, err := transport.New(api, transport.Apply(opts...))
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc}
	c.Orders = &OrdersService{c: c}
	c.Tiles = &TilesService{c: c}
	c.Models = &ModelsService{c: c}
	return c, nil
}

// String describes the client without its API key.
func (c *Client) String() string { return "clearsky.Client(" + c.tc.BaseURL().String() + ")" }

// GoString describes the client without its API key.
func (c *Client) GoString() string {
	return "&clearsky.Client{BaseURL: " + c.tc.BaseURL().String() + "}"
}

// ServiceError is the Error member of ClearSKY's response envelope.
type ServiceError struct {
	Message string // what went wrong, in ClearSKY's words
	Code    int    // ClearSKY's error code (see CodeMalformedRequest and the others); 0 if none
}

// UnmarshalJSONFrom reads {Message, Code}. Code is read leniently: the API
// has been seen sending it as a string ("993") as well as a number, and an
// unreadable code is 0 (none), since an error report must not fail.
func (e *ServiceError) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var w struct {
		Message string      `json:"Message"`
		Code    lenientCode `json:"Code"`
	}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	*e = ServiceError{Message: w.Message, Code: int(w.Code)}
	return nil
}

// envelope is ClearSKY's ServiceResult: {Succeeded, Error, Data}. Answers
// are decoded into an envelope of the type Data holds, in one pass.
type envelope[T any] struct {
	Succeeded *bool         `json:"Succeeded"`
	Error     *ServiceError `json:"Error"`
	Data      *T            `json:"Data"`
}

// call sends r and unwraps the envelope into a T. The transport reads the
// whole answer (capped) so that failed can look at it, then decodes it into
// an envelope[T] with the client's JSON options in one pass: Data goes
// straight into its typed structs. A 2xx answer without Data is a
// *tasking.DecodeError, since every caller needs what Data holds.
func call[T any](ctx context.Context, c *Client, r *transport.Request) (*T, error) {
	var env envelope[T]
	resp, err := c.tc.Do(ctx, r, &env)
	if err != nil {
		return nil, err
	}
	if env.Data == nil {
		return nil, resp.DecodeError(errors.New("the response envelope holds no Data"))
	}
	return env.Data, nil
}

// failed reports whether a 2xx answer's envelope says Succeeded:false: the
// body decodes (encoding/json/v2, the client's rules for names) as an object
// whose Succeeded member is false. Anything else is left to the decoding of
// the answer, which reports what is wrong with it. A failure needs the
// literal false, which JSON cannot escape, so bodies without one are not
// decoded twice.
func failed(_ int, body []byte) bool {
	if !bytes.Contains(body, []byte("false")) {
		return false
	}
	var env struct {
		Succeeded *bool `json:"Succeeded"`
	}
	if json.Unmarshal(body, &env, transport.LenientJSON()) != nil {
		return false
	}
	return env.Succeeded != nil && !*env.Succeeded
}

// decodeAPIError fills Code, Kind (see codeKinds) and Message from
// ClearSKY's envelope, adding the per-field messages its Data holds, and
// falls back to the shared decoder for ASP.NET ProblemDetails and anything
// else.
func decodeAPIError(e *tasking.APIError) {
	var env envelope[jsontext.Value]
	if json.Unmarshal(e.Body, &env, transport.LenientJSON()) != nil || env.Succeeded == nil {
		transport.DecodeErrorBody(e)
		return
	}
	if env.Error != nil {
		if env.Error.Code != 0 {
			e.Code = fmt.Sprint(env.Error.Code)
			e.Kind = codeKinds[env.Error.Code]
		}
		e.Message = env.Error.Message
	}
	if env.Data == nil {
		return
	}
	if fields := fieldMap(*env.Data); len(fields) > 0 {
		e.Message = joinMessage(e.Message, formatFields(fields))
	}
}
