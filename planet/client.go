package planet

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"golang.org/x/time/rate"
)

// Name is the provider's short name: tasking.Task.Provider, Adapter.Name and
// tasking.APIError.Provider for everything this package returns.
const Name = "planet"

// DefaultBaseURL is the Tasking API v2 base. Every path the client sends is
// resolved beneath it and ends with a slash.
const DefaultBaseURL = "https://api.planet.com/tasking/v2/"

// MaxPayloadBytes is the largest request body Planet accepts (1 MB); larger
// orders and bulk requests are refused before they are sent.
const MaxPayloadBytes = 1 << 20

// Option configures a Client. The options below are shared by every eotask
// provider package under the same names.
type Option = transport.Option

// WithBaseURL points the client at another base URL, such as a planettest
// simulator or a proxy. Plain http is accepted only for loopback hosts.
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sends requests through hc. The client is copied, so the
// redirect policy eotask installs does not change the caller's.
func WithHTTPClient(hc *http.Client) Option { return transport.WithHTTPClient(hc) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off. An
// order create is never sent twice, whatever the policy (see tasking.RetryPolicy).
func WithRetry(p tasking.RetryPolicy) Option { return transport.WithRetry(p) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithRateLimit keeps the client under limit requests per second with the
// given burst, waiting within the context rather than failing. Planet's
// legacy documentation gives 10 requests per second per key; newer limits are
// per endpoint (for example 40/s burst, 300/min sustained on the bulk list).
func WithRateLimit(limit rate.Limit, burst int) Option {
	return transport.WithRateLimit(limit, burst)
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

// basicAuthKey is the WithExt key of WithBasicAuth.
type basicAuthKey struct{}

// WithBasicAuth sends the API key with HTTP Basic authentication (the key as
// user name, an empty password), the scheme Planet's legacy documentation
// describes, instead of the default "Authorization: api-key <key>".
func WithBasicAuth() Option { return transport.WithExt(basicAuthKey{}, true) }

// Client is a Planet Tasking API v2 client. It is safe for concurrent use.
// Each field is one area of the API, named as Planet names it.
type Client struct {
	// Orders creates, lists, edits, cancels, prices and follows tasking orders.
	Orders *OrderService
	// Captures lists the imaging attempts made for orders and their reviews.
	Captures *CaptureService
	// ImagingWindows searches the imaging windows Assured orders book.
	ImagingWindows *ImagingWindowService
	// Bulk creates up to 1,000 orders in one request and follows them.
	Bulk *BulkService
	// OrderHistory lists the status events of orders and captures.
	OrderHistory *OrderHistoryService
	// Pricing previews what an order would cost before it is placed.
	Pricing *PricingService

	t *transport.Client
}

// New returns a client that authenticates with apiKey. It fails at once for
// an empty key or a bad base URL (see WithBaseURL).
func New(apiKey string, opts ...Option) (*Client, error) {
	apiKey = strings.TrimSpace(apiKey)
	if apiKey == "" {
		return nil, errors.New("planet: empty API key")
	}
	if strings.ContainsAny(apiKey, "\r\n\t ") {
		return nil, errors.New("planet: the API key contains white space")
	}
	s := transport.Apply(opts...)
	auth := keyAuth{key: apiKey, value: "api-key " + apiKey}
	if v, ok := s.Ext(basicAuthKey{}); ok && v == true {
		auth.value = "Basic " + base64.StdEncoding.EncodeToString([]byte(apiKey+":"))
	}
	t, err := transport.New(transport.API{
		Name:         Name,
		BaseURL:      DefaultBaseURL,
		Auth:         auth,
		DecodeError:  decodeError,
		Unmarshalers: unmarshalers,
	}, s)
	if err != nil {
		return nil, err
	}
	c := &Client{t: t}
	c.Orders = &OrderService{c: c}
	c.Captures = &CaptureService{c: c}
	c.ImagingWindows = &ImagingWindowService{c: c}
	c.Bulk = &BulkService{c: c}
	c.OrderHistory = &OrderHistoryService{c: c}
	c.Pricing = &PricingService{c: c}
	return c, nil
}

// BaseURL returns the base URL the client sends to.
func (c *Client) BaseURL() string { return c.t.BaseURL().String() }

// String describes the client without its API key.
func (c *Client) String() string { return "planet.Client{" + c.t.BaseURL().Redacted() + "}" }

// GoString describes the client without its API key, for %#v.
func (c *Client) GoString() string {
	return "&planet.Client{BaseURL: " + fmt.Sprintf("%q", c.BaseURL()) + "}"
}

// keyAuth puts the API key on every request.
type keyAuth struct {
	key   string // the API key itself
	value string // the full Authorization header value
}

func (a keyAuth) Apply(req *http.Request) error {
	req.Header.Set("Authorization", a.value)
	return nil
}

func (a keyAuth) Headers() []string { return []string{"Authorization"} }

func (a keyAuth) Secrets() []string {
	s := []string{a.key}
	if _, enc, ok := strings.Cut(a.value, " "); ok && enc != a.key {
		s = append(s, enc)
	}
	return s
}

func (a keyAuth) String() string   { return "Authorization: [REDACTED]" }
func (a keyAuth) GoString() string { return "planet.keyAuth{Authorization: [REDACTED]}" }

// Format keeps the key out of every fmt verb, %+v and %#v included.
func (a keyAuth) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, a.GoString())
		return
	}
	fmt.Fprint(f, a.String())
}

// decodeError reads Planet's error bodies: those transport.DecodeErrorBody
// knows ({"detail": …}, DRF field maps) and, failing those, the shape of
// Planet's other APIs, {"general": [{"message": …}], "field": {…}}.
func decodeError(e *tasking.APIError) {
	transport.DecodeErrorBody(e)
	if e.Message != "" {
		return
	}
	var body struct {
		General []struct {
			Message string `json:"message"`
		} `json:"general"`
		Field map[string][]struct {
			Message string `json:"message"`
		} `json:"field"`
	}
	if json.Unmarshal(e.Body, &body, transport.LenientJSON()) != nil {
		return
	}
	var parts []string
	for _, g := range body.General {
		if g.Message != "" {
			parts = append(parts, g.Message)
		}
	}
	for name, msgs := range body.Field {
		for _, m := range msgs {
			if m.Message != "" {
				parts = append(parts, name+": "+m.Message)
			}
		}
	}
	e.Message = strings.Join(parts, "; ")
}

// itemPath returns collection + escaped id + "/" (+ rest). It refuses, with
// the *tasking.ValidationError of tasking.CheckID naming field, an id that
// is empty, "." or "..", or holds control characters or invalid UTF-8:
// escaping cannot keep "." and ".." from addressing the collection itself.
func itemPath(field, collection, id string, rest ...string) (string, error) {
	if err := tasking.CheckID(field, id); err != nil {
		return "", err
	}
	p := collection + url.PathEscape(id) + "/"
	for _, r := range rest {
		p += r
	}
	return p, nil
}

// itemURL is itemPath as an absolute URL beneath the base URL.
func (c *Client) itemURL(field, collection, id string) (string, error) {
	p, err := itemPath(field, collection, id)
	if err != nil {
		return "", err
	}
	return c.t.BaseURL().String() + p, nil
}

// holds checks that a 2xx answer to a call returning one resource held one:
// ok reports whether the decoded value has its id. An empty body (which the
// transport leaves undecoded), null, {} and an object of nulls all leave the
// id empty, whichever decoder filled the value; they give a
// *tasking.DecodeError saying the answer holds no what.
func holds(resp *transport.Response, what string, ok bool) error {
	if ok {
		return nil
	}
	return resp.DecodeError(fmt.Errorf("the answer holds no %s", what))
}
