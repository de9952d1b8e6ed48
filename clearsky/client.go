package clearsky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
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

// envelope is ClearSKY's ServiceResult: {Succeeded, Error, Data}.
type envelope[T any] struct {
	Succeeded *bool         `json:"Succeeded"`
	Error     *ServiceError `json:"Error"`
	Data      *T            `json:"Data"`
}

// UnmarshalJSON reads Error.Code leniently (number or string).
func (e *ServiceError) UnmarshalJSON(b []byte) error {
	var w struct {
		Message string
		Code    json.RawMessage
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	e.Message = w.Message
	e.Code = lenientInt(w.Code)
	return nil
}

// call sends r and unwraps the envelope into a T. A 2xx answer without Data
// is a *tasking.DecodeError, since every caller needs what Data holds.
//
// Order lists, the answers polled most, are decoded here in one pass (see
// decodeOrderListEnvelope), falling back to encoding/json for anything
// unusual; every other answer is decoded by the transport.
func call[T any](ctx context.Context, c *Client, r *transport.Request) (*T, error) {
	var env envelope[T]
	var out any = &env
	list, isList := any(&env).(*envelope[OrderList])
	if isList {
		out = nil
	}
	resp, err := c.tc.Do(ctx, r, out)
	if err != nil {
		return nil, err
	}
	if isList && len(bytes.TrimSpace(resp.Body)) > 0 && !decodeOrderListEnvelope(resp.Body, list) {
		*list = envelope[OrderList]{}
		if err := json.Unmarshal(resp.Body, list); err != nil {
			return nil, resp.DecodeError(err)
		}
	}
	if env.Data == nil {
		return nil, resp.DecodeError(errors.New("the response envelope holds no Data"))
	}
	return env.Data, nil
}

// succeededTrue and succeededFalse are what decoded envelopes point at; an
// envelope is read and dropped by call, never written.
var succeededTrue, succeededFalse = true, false

// decodeOrderListEnvelope decodes the usual form of an order list answer in
// one pass, as encoding/json would decode it into e (zero). It reports false,
// with e partly filled, for anything it leaves to encoding/json.
func decodeOrderListEnvelope(b []byte, e *envelope[OrderList]) bool {
	i := wholeValue(b)
	if i < 0 || b[i] != '{' {
		return false
	}
	it := objIter{b: b, i: i + 1, depth: 1}
	var seen uint8
	for it.next() {
		if it.keyFlags != 0 {
			return false
		}
		var f uint8
		switch {
		case asciiEqualFold(it.key, "Succeeded"):
			f = 1
		case asciiEqualFold(it.key, "Error"):
			f = 2
		case asciiEqualFold(it.key, "Data"):
			f = 4
		default:
			if !it.skip() {
				return false
			}
			continue
		}
		if seen&f != 0 {
			return false
		}
		seen |= f
		i, end := it.i, -1
		switch {
		case isNullAt(b, i):
			end = i + len("null")
			switch f {
			case 1:
				e.Succeeded = nil
			case 2:
				e.Error = nil
			case 4:
				e.Data = nil
			}
		case f == 1:
			if end = literal(b, i, "true"); end >= 0 {
				e.Succeeded = &succeededTrue
			} else if end = literal(b, i, "false"); end >= 0 {
				e.Succeeded = &succeededFalse
			}
		case f == 2:
			if end = skipValue(b, i, it.depth); end >= 0 {
				e.Error = new(ServiceError)
				if e.Error.UnmarshalJSON(b[i:end]) != nil {
					return false
				}
			}
		case f == 4:
			e.Data = new(OrderList)
			end = e.Data.decodeAt(b, i, it.depth)
		}
		if !it.set(end) {
			return false
		}
	}
	return atEnd(b, it.end())
}

// failed reports whether a 2xx answer's envelope says Succeeded:false,
// exactly as decoding the body into struct{ Succeeded *bool } would: the
// body must be well-formed JSON, a top-level object whose last Succeeded
// member (matched like encoding/json matches a field name) is false, and
// whose Succeeded members all hold true, false or null. It reads the body in
// one pass without allocating and without decoding what it skips.
func failed(_ int, body []byte) bool {
	if !bytes.Contains(body, []byte("false")) {
		return false // fast path: a failure needs the literal false
	}
	i := wholeValue(body)
	if i < 0 || body[i] != '{' {
		return false // not an object: decoding gives no Succeeded
	}
	it := objIter{b: body, i: i + 1, depth: 1}
	isFalse, typeErr := false, false
	for it.next() {
		if !it.keyIs("Succeeded") {
			it.skip()
			continue
		}
		v := it.i
		if !it.skip() {
			break
		}
		switch string(body[v:it.i]) {
		case "false":
			isFalse = true
		case "true", "null":
			isFalse = false
		default:
			typeErr = true // a JSON type error: decoding fails
		}
	}
	return atEnd(body, it.end()) && !typeErr && isFalse
}

// decodeAPIError fills Code, Kind (see codeKinds) and Message from
// ClearSKY's envelope, adding the per-field messages its Data holds, and
// falls back to the shared decoder for ASP.NET ProblemDetails and anything
// else.
func decodeAPIError(e *tasking.APIError) {
	var env struct {
		Succeeded *bool           `json:"Succeeded"`
		Error     *ServiceError   `json:"Error"`
		Data      json.RawMessage `json:"Data"`
	}
	if json.Unmarshal(e.Body, &env) != nil || env.Succeeded == nil {
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
	if fields := fieldMap(env.Data); len(fields) > 0 {
		e.Message = joinMessage(e.Message, formatFields(fields))
	}
}
