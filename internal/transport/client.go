package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"golang.org/x/time/rate"
)

// Version is eotask's version, sent in the User-Agent.
const Version = "0.1.0"

// API is what a provider package declares about its HTTP API.
type API struct {
	// Name is the provider's short name, put on every error.
	Name string
	// BaseURL is the default base URL; paths are resolved against it.
	BaseURL string
	// Auth puts credentials on each request; nil sends none.
	Auth Auth
	// DecodeError fills Code and Message of an APIError from its Body. Nil
	// uses DecodeErrorBody.
	DecodeError func(e *tasking.APIError)
	// Failed reports whether a 2xx answer's body nevertheless says the call
	// failed (ClearSky's Succeeded:false). Nil: a 2xx is a success.
	Failed func(status int, body []byte) bool
	// Throttled reports whether an error answer means the server refused the
	// request for load and did not act on it, like a 429 (ClearSky's error
	// code 1003). Such answers get APIError.Throttled and are retried for
	// every kind of request.
	Throttled func(e *tasking.APIError) bool
	// NoRedirects refuses every redirect: the answer is a *RedirectError
	// naming the target host, and nothing is sent there. For endpoints whose
	// body carries a secret (a token request's client secret), which the
	// cross-host rule for headers cannot protect.
	NoRedirects bool
	// Unmarshalers and Marshalers add the provider's own JSON codecs (for
	// its date formats, say) to the SDK's (see json.go); nil: none.
	Unmarshalers *json.Unmarshalers
	Marshalers   *json.Marshalers
}

// Client sends requests to one provider. It is safe for concurrent use.
type Client struct {
	api      API
	base     *url.URL
	baseStr  string // base, as a string
	hc       *http.Client
	retry    tasking.RetryPolicy
	limiter  *rate.Limiter
	log      *slog.Logger
	ua       string
	uaHeader []string // ua, as the User-Agent header's value
	maxBody  int64

	pollMin        time.Duration // Settings.PollMin
	pollMax        time.Duration // Settings.PollMax
	headerTimeout  time.Duration // 0: none
	attemptTimeout time.Duration // 0: none
	json           jsonCodec
	decoders       sync.Pool // *jsontext.Decoder, reused with their read buffers and string caches
}

// New builds a client for api with the caller's settings. It fails for a base
// URL that does not parse, is not absolute, or is plain http on a host other
// than loopback.
func New(api API, s Settings) (*Client, error) {
	raw := api.BaseURL
	if s.BaseURL != "" {
		raw = s.BaseURL
	}
	base, err := ParseBaseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", api.Name, err)
	}
	c := &Client{
		api:     api,
		base:    base,
		retry:   s.Retry.WithDefaults(),
		log:     s.Logger,
		ua:      strings.TrimSpace(s.UserAgent + " eotask/" + Version),
		maxBody: s.MaxResponseBytes,
		json:    newJSONCodec(api),
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	c.uaHeader = []string{c.ua}
	c.baseStr = c.base.String()
	c.pollMin, c.pollMax = s.PollMin, s.PollMax
	c.headerTimeout = limit(s.HeaderTimeout, DefaultHeaderTimeout)
	c.attemptTimeout = limit(s.AttemptTimeout, DefaultAttemptTimeout)
	if s.RateLimit > 0 {
		c.limiter = rate.NewLimiter(s.RateLimit, max(1, s.RateBurst))
	}
	c.hc = c.httpClient(s.HTTPClient)
	return c, nil
}

// limit turns a setting into a limit: 0 takes the default, negative is none.
func limit(set, def time.Duration) time.Duration {
	switch {
	case set == 0:
		return def
	case set < 0:
		return 0
	}
	return set
}

// ParseBaseURL parses a base URL and checks it: absolute, http or https, and
// plain http only for a loopback host. The path is given a trailing slash so
// that relative paths resolve beneath it.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid base URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("invalid base URL %q: scheme must be https", raw)
	case u.Host == "":
		return nil, fmt.Errorf("invalid base URL %q: no host", raw)
	case u.Scheme == "http" && !IsLoopback(u.Hostname()):
		return nil, fmt.Errorf("invalid base URL %q: plain http is allowed only for loopback hosts; use https", raw)
	case u.User != nil:
		return nil, fmt.Errorf("invalid base URL: credentials in the URL are not allowed")
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// IsLoopback reports whether host is localhost or a loopback IP address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL returns a copy of the client's base URL.
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// PollDelays returns the default poll delays set with WithPollDelays (zero
// when not set). Provider clients pass them on as tasking.PollHinter.
func (c *Client) PollDelays() (min, max time.Duration) { return c.pollMin, c.pollMax }

// Name returns the provider's name.
func (c *Client) Name() string { return c.api.Name }

// String describes the client without credentials.
func (c *Client) String() string {
	return fmt.Sprintf("%s client (%s)", c.api.Name, c.base.Redacted())
}

// GoString describes the client without credentials.
func (c *Client) GoString() string { return "&transport.Client{" + c.String() + "}" }

// Request is one call.
type Request struct {
	Method string
	// Path is resolved beneath the base URL ("orders/" + id + "/"); a leading
	// slash is ignored and a trailing one kept. An absolute URL (a "next" link)
	// is accepted only on the base URL's scheme and host.
	Path string
	// Query is a url.Values or a struct with go-querystring `url` tags; its
	// values are added to any query already in Path.
	Query any
	// Body is sent as JSON, encoded in one pass; []byte and jsontext.Value
	// are sent as they are.
	Body any
	// Create marks a request that is not idempotent (a POST that places an
	// order). It is sent again only when the first attempt provably never
	// reached the server or was answered 429.
	Create bool
	// Header holds extra headers.
	Header http.Header
	// OmitHeaders names credential headers this call must not carry (for
	// example a contract header on an account-wide listing).
	OmitHeaders []string
	// Storage marks a request to a storage host (a pre-signed asset link):
	// Path is an absolute https URL on any host (http on loopback only) and
	// the request carries none of the API's credentials.
	Storage bool
}

// Response is a successful answer.
type Response struct {
	StatusCode int
	Header     http.Header
	// Body holds the raw bytes of an answer that was not decoded into a
	// value (Do with a nil out) or that the API reads whole (API.Failed):
	// at most the client's cap. An answer decoded into a value is streamed
	// and not kept: Body is then nil.
	Body []byte
	// Empty reports that the answer had no body, or only white space.
	Empty  bool
	Method string // the request's method

	c *Client
	u *url.URL
}

// URL returns the request's URL, credentials removed.
func (r *Response) URL() string { return r.c.redactURL(r.u) }

// DecodeError reports that this response's body could not be read as the
// caller needed (for example a provider envelope without its data, or an
// answer that holds no resource), as a *tasking.DecodeError carrying the
// response's details and its body (when kept), capped and cleaned of secrets
// as in every other error.
func (r *Response) DecodeError(err error) *tasking.DecodeError {
	return r.c.decodeError(r.Method, r.u, r.StatusCode, r.Body, err)
}

// Holds returns nil when ok, and otherwise the *tasking.DecodeError of a
// 2xx answer that holds no what (an empty body, null, {} or an object of
// nulls all decode without error but leave the resource's id empty).
func (r *Response) Holds(what string, ok bool) error {
	if ok {
		return nil
	}
	return r.DecodeError(errors.New("the answer holds no " + what))
}

// One sends r and decodes its answer into a new T: the call of every method
// that returns one resource. has reports whether the decoded value holds
// one (its id is set); when it does not, the answer is a
// *tasking.DecodeError (see Response.Holds).
func One[T any](ctx context.Context, c *Client, r *Request, what string, has func(*T) bool) (*T, error) {
	var v T
	resp, err := c.Do(ctx, r, &v)
	if err != nil {
		return nil, err
	}
	if err := resp.Holds(what, has(&v)); err != nil {
		return nil, err
	}
	return &v, nil
}

// Get sends a GET and decodes the JSON answer into out (if not nil).
func (c *Client) Get(ctx context.Context, path string, query any, out any) (*Response, error) {
	return c.Do(ctx, &Request{Method: http.MethodGet, Path: path, Query: query}, out)
}

// Do sends r, retrying under the client's policy, and decodes a JSON 2xx
// answer into out (if not nil), streaming it from the connection; an answer
// with no body leaves out untouched and sets Response.Empty. A non-2xx answer
// gives a *tasking.APIError; an unreadable body a *tasking.DecodeError naming
// the JSON path at fault.
func (c *Client) Do(ctx context.Context, r *Request, out any) (*Response, error) {
	u, body, err := c.prepare(r)
	if err != nil {
		return nil, err
	}
	return c.send(ctx, r, u, body, out)
}

// prepare resolves r's URL and encodes its body.
func (c *Client) prepare(r *Request) (*url.URL, []byte, error) {
	var u *url.URL
	var err error
	if r.Storage {
		u, err = storageURL(r.Path)
	} else {
		u, err = c.resolve(r.Path, r.Query)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.api.Name, err)
	}
	var body []byte
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		body = b
	case jsontext.Value:
		body = b
	default:
		if body, err = c.Marshal(b); err != nil {
			return nil, nil, err
		}
	}
	return u, body, nil
}

func (c *Client) decodeError(method string, u *url.URL, status int, body []byte, err error) *tasking.DecodeError {
	return &tasking.DecodeError{Provider: c.api.Name, Method: method, URL: c.redactURL(u), StatusCode: status,
		Body: c.redactBody(body), Err: err}
}

// resolve builds the request URL from a path and a query.
func (c *Client) resolve(path string, q any) (*url.URL, error) {
	var u *url.URL
	var err error
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		if u, err = url.Parse(path); err != nil {
			return nil, fmt.Errorf("invalid link %q: %w", path, err)
		}
		if u.Scheme != c.base.Scheme || !strings.EqualFold(u.Host, c.base.Host) {
			return nil, fmt.Errorf("refusing to follow a link to %s://%s: it is not the API host %s",
				u.Scheme, u.Host, c.base.Host)
		}
	} else if u, err = url.Parse(c.baseStr + strings.TrimPrefix(path, "/")); err != nil {
		return nil, fmt.Errorf("invalid path %q: %w", path, err)
	}
	if q == nil {
		return u, nil
	}
	var vals url.Values
	switch v := q.(type) {
	case url.Values:
		vals = v
	default:
		if vals, err = EncodeQuery(q); err != nil {
			return nil, err
		}
	}
	if len(vals) > 0 {
		merged := u.Query()
		for k, vs := range vals {
			merged[k] = vs
		}
		u.RawQuery = merged.Encode()
	}
	return u, nil
}

// send runs the attempts.
func (c *Client) send(ctx context.Context, r *Request, u *url.URL, body []byte, out any) (*Response, error) {
	idempotent := !r.Create
	b := &backoff.ExponentialBackOff{
		InitialInterval:     c.retry.InitialInterval,
		RandomizationFactor: c.retry.Jitter,
		Multiplier:          c.retry.Multiplier,
		MaxInterval:         c.retry.MaxInterval,
		Stop:                backoff.Stop,
		Clock:               backoff.SystemClock,
	}
	b.Reset()
	reauthed := false
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, r, u, body, out, attempt)
		if err == nil {
			return resp, nil
		}
		var ue *unsentError
		if errors.As(err, &ue) {
			return nil, err // no credential, or no room in the rate limit: nothing was sent
		}
		var apiErr *tasking.APIError
		var retryAfter time.Duration
		isAPI := errors.As(err, &apiErr)
		if isAPI {
			retryAfter = apiErr.RetryAfter
		}
		if isAPI && apiErr.StatusCode == http.StatusUnauthorized && !reauthed {
			if inv, ok := c.api.Auth.(Invalidator); ok {
				// The server refused the credential and so did not act on the
				// request: replay it once with a fresh one.
				reauthed = true
				inv.Invalidate()
				attempt--
				continue
			}
		}
		if !c.retryable(ctx, err, apiErr, idempotent) {
			return nil, err
		}
		if retryAfter > c.retry.MaxInterval {
			// The server asks for longer than the policy allows: say so at
			// once. RetryAfter says how long; the error matches
			// ErrRateLimited as well as the sentinel of its status.
			return nil, &tooLongError{err: err, after: retryAfter, max: c.retry.MaxInterval}
		}
		if attempt >= c.retry.MaxAttempts {
			return nil, err
		}
		delay := retryAfter
		if delay <= 0 {
			delay = b.NextBackOff()
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			return nil, fmt.Errorf("%w (not retried: the next attempt in %s would pass the deadline: %w)",
				err, delay.Round(time.Millisecond), context.DeadlineExceeded)
		}
		if c.log != nil {
			c.log.LogAttrs(ctx, slog.LevelInfo, "eotask: retrying", slog.String("provider", c.api.Name),
				slog.String("method", r.Method), slog.String("path", u.Path), slog.Int("attempt", attempt),
				slog.Duration("delay", delay), slog.String("error", c.redactString(err.Error())))
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w (not retried: %w)", err, ctx.Err())
		case <-t.C:
		}
	}
}

// retryable applies DESIGN 3.6.
func (c *Client) retryable(ctx context.Context, err error, apiErr *tasking.APIError, idempotent bool) bool {
	if ctx.Err() != nil {
		return false
	}
	if apiErr != nil {
		switch apiErr.StatusCode {
		case http.StatusTooManyRequests:
			return true
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return idempotent
		}
		return apiErr.Throttled
	}
	var de *tasking.DecodeError
	if errors.As(err, &de) && !errors.Is(err, errBodyCut) {
		return false
	}
	var re *RedirectError
	if errors.As(err, &re) {
		return false // the server answered; a refused redirect will be refused again
	}
	if strings.Contains(err.Error(), "response headers exceeded") {
		// net/http's error for a header block over MaxResponseHeaderBytes
		// (it has no type of its own): the answer will not shrink.
		return false
	}
	var le *limitError
	if errors.As(err, &le) {
		return idempotent || le.notSent
	}
	return idempotent || neverSent(err)
}

// tooLongError is an answer asking to wait longer than the retry policy
// allows. It matches tasking.ErrRateLimited as well as whatever the answer
// itself matches (ErrServer for a 503), and unwraps to the *tasking.APIError.
type tooLongError struct {
	err   error
	after time.Duration
	max   time.Duration
}

func (e *tooLongError) Error() string {
	return fmt.Sprintf("%v (not retried: the server asks to wait %s, longer than the retry policy's %s cap)",
		e.err, e.after, e.max)
}

func (e *tooLongError) Unwrap() error { return e.err }

func (e *tooLongError) Is(target error) bool { return target == tasking.ErrRateLimited }

// neverSent reports whether err proves the request did not reach the server:
// the connection was never established.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// errBodyCut marks a response whose body broke off while being read.
var errBodyCut = errors.New("response body cut short")

// unsentError is a failure before the request could be sent: no credential
// could be had, or the client-side rate limit has no room before the
// deadline. It is never retried.
type unsentError struct{ err error }

func (e *unsentError) Error() string { return e.err.Error() }
func (e *unsentError) Unwrap() error { return e.err }

// attempt sends the request once, within the client's time limits.
func (c *Client) attempt(ctx context.Context, r *Request, u *url.URL, body []byte, out any, n int) (*Response, error) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			// Wait fails at once when the wait would pass ctx's deadline:
			// nothing was sent, and waiting longer cannot help.
			cause := ctx.Err()
			if cause == nil {
				cause = context.DeadlineExceeded
			}
			return nil, &unsentError{fmt.Errorf("%s: client-side rate limit: %v: %w", c.api.Name, err, cause)}
		}
	}
	actx, cancel := context.WithCancelCause(ctx)
	st := &attemptState{} // one allocation for what the attempt keeps
	defer st.end(cancel)
	req, err := c.newRequest(actx, r, u, body)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	lim := &st.limits
	lim.begin(ctx, c, cancel, r.Method, u)
	resp, err := c.hc.Do(req)
	lim.headersIn()
	if err != nil {
		c.logAttempt(ctx, r.Method, u, 0, n, start, err)
		var re *RedirectError
		if errors.As(err, &re) {
			// Not net/http's *url.Error around it: that names the target's
			// whole URL, whose path or query may hold a token.
			return nil, re
		}
		return nil, c.endedError(ctx, actx, r.Method, u, c.redactErr(err))
	}
	st.rc = resp.Body // closed by st.end unless handed over
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	if so, isStream := out.(*streamOut); isStream && ok {
		c.logAttempt(ctx, r.Method, u, resp.StatusCode, n, start, nil)
		return c.handOver(so, r, u, resp, st, actx, cancel)
	}
	if ok && out != nil && c.api.Failed == nil {
		return c.readStreamed(ctx, actx, r, u, resp, out, n, start, st)
	}
	limit := c.maxBody
	if !ok {
		limit = min(limit, maxErrorBody)
	}
	data, err := readCapped(resp.Body, limit, resp.ContentLength)
	c.logAttempt(ctx, r.Method, u, resp.StatusCode, n, start, err)
	if err != nil {
		if errors.Is(err, tasking.ErrResponseTooLarge) {
			return nil, c.decodeError(r.Method, u, resp.StatusCode, data, err)
		}
		if actx.Err() != nil {
			return nil, c.endedError(ctx, actx, r.Method, u, err)
		}
		return nil, c.decodeError(r.Method, u, resp.StatusCode, data, fmt.Errorf("%w: %w", errBodyCut, err))
	}
	if !ok || (c.api.Failed != nil && c.api.Failed(resp.StatusCode, data)) {
		return nil, c.apiError(r.Method, u, resp, data)
	}
	res := &Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: data,
		Empty: len(bytes.TrimSpace(data)) == 0, Method: r.Method, c: c, u: u}
	if out != nil && !res.Empty {
		if err := c.Unmarshal(data, out); err != nil {
			return nil, c.decodeError(r.Method, u, resp.StatusCode, data, err)
		}
	}
	return res, nil
}

// newRequest builds one attempt's request: u is used as it is, not parsed
// again, and the fixed headers share their values.
func (c *Client) newRequest(ctx context.Context, r *Request, u *url.URL, body []byte) (*http.Request, error) {
	req := &http.Request{Method: r.Method, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: make(http.Header, 4+len(r.Header)), Host: u.Host}
	req = req.WithContext(ctx)
	if body != nil {
		req.ContentLength = int64(len(body))
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Header["Content-Type"] = jsonMediaType
	}
	req.Header["User-Agent"] = c.uaHeader
	req.Header["Accept"] = jsonMediaType
	for k, vs := range r.Header {
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	if c.api.Auth != nil && !r.Storage {
		if err := c.api.Auth.Apply(req); err != nil {
			return nil, &unsentError{fmt.Errorf("%s: %w", c.api.Name, c.redactErr(err))}
		}
	}
	for _, h := range r.OmitHeaders {
		req.Header.Del(h)
	}
	return req, nil
}

// jsonMediaType is the shared value of Accept and Content-Type: net/http
// only reads header values, so every request may hold the same slice.
var jsonMediaType = []string{"application/json"}

// maxErrorBody caps how much of an error answer is read: enough for any
// provider's error document.
const maxErrorBody = 1 << 20

// readStreamed decodes a 2xx answer into out as it arrives, under the cap.
func (c *Client) readStreamed(ctx, actx context.Context, r *Request, u *url.URL, resp *http.Response, out any,
	n int, start time.Time, st *attemptState) (*Response, error) {
	if resp.ContentLength > c.maxBody {
		// Announced over the cap: refused unread, and not retried.
		err := fmt.Errorf("%w (%d bytes; the answer announced %d)", tasking.ErrResponseTooLarge, c.maxBody, resp.ContentLength)
		c.logAttempt(ctx, r.Method, u, resp.StatusCode, n, start, err)
		return nil, c.decodeError(r.Method, u, resp.StatusCode, nil, err)
	}
	body := &st.body
	*body = cappedReader{r: resp.Body, limit: c.maxBody}
	empty, err := c.decodeStream(body, resp.ContentLength, out)
	if err != nil && body.err != nil && actx.Err() == nil && !errors.Is(err, tasking.ErrResponseTooLarge) {
		err = fmt.Errorf("%w: %w", errBodyCut, body.err)
	}
	c.logAttempt(ctx, r.Method, u, resp.StatusCode, n, start, err)
	if err != nil {
		if actx.Err() != nil && !errors.Is(err, tasking.ErrResponseTooLarge) {
			return nil, c.endedError(ctx, actx, r.Method, u, err)
		}
		return nil, c.decodeError(r.Method, u, resp.StatusCode, body.received(), err)
	}
	body.r = nil // the connection's body is not kept
	st.resp = Response{StatusCode: resp.StatusCode, Header: resp.Header, Empty: empty, Method: r.Method, c: c, u: u}
	return &st.resp, nil
}

// attemptState is what one attempt needs to keep beyond its own frame, in
// one allocation.
type attemptState struct {
	limits limits
	body   cappedReader
	resp   Response
	rc     io.ReadCloser // the response body, to close
	handed bool          // the body went to the caller (see Open), who ends the attempt
}

// end ends the attempt: its timer, its context and its response body,
// unless the body was handed over to the caller.
func (st *attemptState) end(cancel context.CancelCauseFunc) {
	if st.handed {
		return
	}
	if st.rc != nil {
		st.rc.Close()
	}
	st.limits.stop()
	cancel(nil)
}

// limits runs one attempt's time limits on a single timer: first the
// response-header limit (or the attempt limit, if shorter), then, once the
// headers are in, what is left of the attempt limit. The *TimeoutError is
// built only when a limit fires.
type limits struct {
	c       *Client
	method  string
	u       *url.URL
	cancel  context.CancelCauseFunc
	header  time.Duration // 0: none
	attempt time.Duration // 0: none
	start   time.Time
	timer   *time.Timer
	body    atomic.Bool // the headers are in
}

// begin starts the limits of an attempt under ctx.
func (l *limits) begin(ctx context.Context, c *Client, cancel context.CancelCauseFunc, method string, u *url.URL) {
	*l = limits{c: c, method: method, u: u, cancel: cancel, header: c.headerTimeout, start: time.Now()}
	if _, has := ctx.Deadline(); !has {
		l.attempt = c.attemptTimeout
	}
	first := l.header
	if l.attempt > 0 && (first == 0 || l.attempt < first) {
		first = l.attempt
	}
	if first > 0 {
		l.timer = time.AfterFunc(first, l.fire)
	}
}

// headersIn moves the timer on to the rest of the attempt limit.
func (l *limits) headersIn() {
	l.body.Store(true)
	if l.timer == nil || !l.timer.Stop() {
		return
	}
	if l.attempt > 0 {
		l.timer.Reset(max(0, l.attempt-time.Since(l.start)))
	}
}

func (l *limits) stop() {
	if l.timer != nil {
		l.timer.Stop()
	}
}

func (l *limits) fire() {
	limit, after := tasking.LimitAttempt, l.attempt
	if !l.body.Load() && l.header > 0 && (l.attempt == 0 || l.header <= l.attempt) {
		limit, after = tasking.LimitResponseHeader, l.header
	}
	l.cancel(&tasking.TimeoutError{Provider: l.c.api.Name, Method: l.method, URL: l.c.redactURL(l.u),
		Limit: limit, After: after})
}

// endedError builds the error of an attempt that failed: the caller's
// context's error when it ended, the client's *tasking.TimeoutError when one
// of its limits did (wrapping what the connection reported), err otherwise.
func (c *Client) endedError(ctx, actx context.Context, method string, u *url.URL, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%s: %s %s: %w", c.api.Name, method, c.redactURL(u), cerr)
	}
	var te *tasking.TimeoutError
	if actx.Err() != nil && errors.As(context.Cause(actx), &te) {
		return &limitError{te: te, detail: err, notSent: neverSent(err)}
	}
	return fmt.Errorf("%s: %w", c.api.Name, err)
}

// limitError is an attempt ended by one of the client's own limits. It
// unwraps to the *tasking.TimeoutError only: what the connection reported
// then (a context cancellation) is shown but not matched, so that
// errors.Is(err, context.Canceled) stays the caller's own cancellation.
type limitError struct {
	te      *tasking.TimeoutError
	detail  error
	notSent bool // the limit fired while dialling: the request never left
}

func (e *limitError) Error() string {
	d := e.detail
	var ue *url.Error
	if errors.As(d, &ue) {
		d = ue.Err // *url.Error repeats the method and URL the TimeoutError gives
	}
	return fmt.Sprintf("%v (%v)", e.te, d)
}

func (e *limitError) Unwrap() error { return e.te }

func (c *Client) apiError(method string, u *url.URL, resp *http.Response, data []byte) *tasking.APIError {
	e := &tasking.APIError{
		Provider:   c.api.Name,
		StatusCode: resp.StatusCode,
		Method:     method,
		URL:        c.redactURL(u),
		Body:       c.redactBody(data),
		RequestID:  requestID(resp.Header),
		RetryAfter: ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	if c.api.DecodeError != nil {
		c.api.DecodeError(e)
	} else {
		DecodeErrorBody(e)
	}
	if e.Message == "" {
		e.Message = http.StatusText(e.StatusCode)
	}
	e.Message = c.redactString(e.Message)
	e.Throttled = c.api.Throttled != nil && c.api.Throttled(e)
	return e
}

func (c *Client) logAttempt(ctx context.Context, method string, u *url.URL, status, n int, start time.Time, err error) {
	if c.log == nil {
		return
	}
	attrs := []slog.Attr{slog.String("provider", c.api.Name), slog.String("method", method),
		slog.String("path", u.Path), slog.Int("status", status), slog.Int("attempt", n),
		slog.Duration("duration", time.Since(start))}
	if err != nil {
		attrs = append(attrs, slog.String("error", c.redactString(err.Error())))
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, "eotask: http", attrs...)
}

// readCapped reads a body of at most limit bytes. size, the announced
// Content-Length (-1 if unknown), sizes the buffer so that a body of the
// announced length is read without growing it; the body's own end (or a
// read error, such as a connection cut short) still decides what was read.
// Without an announced size, io.ReadAll's growth is used.
func readCapped(r io.Reader, limit, size int64) ([]byte, error) {
	r = io.LimitReader(r, limit+1)
	var data []byte
	var err error
	if size >= 0 && size < limit {
		data, err = readSized(r, size)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return data, err
	}
	if int64(len(data)) > limit {
		return data[:limit], fmt.Errorf("%w (%d bytes)", tasking.ErrResponseTooLarge, limit)
	}
	return data, nil
}

// readSized reads r to its end into a buffer with room for size bytes and the
// end of the body, growing it only if the body is longer than announced.
func readSized(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		m, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+m]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

func requestID(h http.Header) string {
	for _, k := range []string{"X-Request-Id", "X-Amzn-Requestid", "X-Amz-Request-Id", "Request-Id", "X-Correlation-Id", "Traceparent"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}
