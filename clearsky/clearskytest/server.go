// Package clearskytest is an in-memory simulator of the ClearSKY Vision
// tasking API for tests and examples.
//
// It speaks the API's wire format (PascalCase JSON in the
// {Succeeded, Error{Message, Code}, Data} envelope, ASP.NET ProblemDetails
// for binding errors), checks the x-api-key header, and keeps real state:
// orders are validated as the API documents (one AOI mode, ImageFrequency 1
// to 7, constellations that fit the model, geometry rules), estimated from
// the AOI's area and the requested options, deduplicated across tile orders
// on request, listed with recurringOnly and getExpired, and cancelled under
// the documented rules.
//
// Orders move along clearsky.OrderLifecycle only, deterministically: by
// default each details read of an order advances it one step (see
// WithStepsPerPoll); Advance moves every order one step by hand, AdvanceOrder
// one order. Production cannot run ahead of the clock: an order waits in
// AwaitingSatelliteProducts until one of its image dates is due, a fixed-window order whose window is over ends
// Completed, and any order with dates still to come reaches UpToDate and
// goes back into production when SetNow makes new dates due.
//
// What orders produce is served too. The availability search lists, per
// model, the image dates the account's orders have produced (on the
// simulator's clock) for an area: one DatesByGeog piece for the whole area
// with the dates complete for all of it, and, when some dates cover only
// part of it, a second piece (the orders' areas) with those as well. The
// composite availability check answers its flags from the same state, and
// the estimate prices a composite at one processing credit per 10 km²
// (KmPerCredit, at least MinCredits). Composite, tile and minitile
// downloads answer a deterministic GeoTIFF stand-in (a TIFF header over
// simkit.Content bytes, 64 KiB to 1 MiB, the same for the same request)
// with its name in Content-Disposition, honouring Range; each one is
// charged in full against the credit balance (WithCredits, CreditsSpent), a
// resume included. An area and date no order covers is refused with error
// code 1006, one an order covers but has not produced yet with 1002, a
// download the credits do not cover with 994, an unknown tile with 404.
// AutomaticOrderCreation is ignored (what the API does with it is
// UNCONFIRMED): an uncovered download is refused, never ordered.
//
// ClearSKY has no storage host: files come from the API host at the
// download endpoints, with the API key. So the common download controls
// act on the API host: CutDownloads cuts its file answers, StorageRequests
// lists the download requests it received (API key redacted), and
// StorageURL is the API's URL.
//
//	srv := clearskytest.NewServer()
//	defer srv.Close()
//	c := srv.Client()
//	order, err := c.Orders.Create(ctx, req, nil)
package clearskytest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
)

// DefaultAPIKey is the key a Server accepts unless WithAPIKey says otherwise.
const DefaultAPIKey = "clearsky-test-key"

// Server is a running simulator. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to pass to clearsky.WithBaseURL.
	URL string
	// APIKey is the x-api-key value the server accepts.
	APIKey string

	cfg config

	mu       sync.Mutex
	kit      simkit.Kit // clock, injected faults, request log
	orders   map[string]*order
	sequence []string // order ids in creation order
	created  int
	denyNext int
	dl       downloads
}

type config struct {
	apiKey       string
	stepsPerPoll int
	autoAccept   bool
	legacy       bool
	failuresAsOK bool
	noDetailsPOS bool
	now          time.Time
	searchLimit  int
	endField     string
	credits      *float64
}

// Option configures a Server.
type Option func(*config)

// WithAPIKey sets the accepted API key.
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithStepsPerPoll sets how many lifecycle steps each details read of an
// order advances it (default 1); 0 leaves progress to Advance.
func WithStepsPerPoll(n int) Option { return func(c *config) { c.stepsPerPoll = max(0, n) } }

// WithAutoAccept makes new orders skip Review and start in Preparing, as on
// accounts with automatic acceptance.
func WithAutoAccept() Option { return func(c *config) { c.autoAccept = true } }

// WithLegacyStatuses makes accepted orders follow the older documentation's
// lifecycle: Review → Initialize → Working (recurring) → Done.
func WithLegacyStatuses() Option { return func(c *config) { c.legacy = true } }

// WithFailuresAsOK answers envelope failures (Succeeded:false) with HTTP
// 200, as the API may do; ProblemDetails answers keep their 4xx status.
func WithFailuresAsOK() Option { return func(c *config) { c.failuresAsOK = true } }

// WithoutDetailsPOST answers POST /api/tasking/orders/details with 405, as
// if only the documented GET form existed, so that clients fall back to the
// order list.
func WithoutDetailsPOST() Option { return func(c *config) { c.noDetailsPOS = true } }

// WithNow starts the simulator's clock at t instead of the wall clock.
func WithNow(t time.Time) Option { return func(c *config) { c.now = t } }

// WithSearchLimit caps how many records a tile search by geometry may
// return before it answers error code 1004 (default 20000).
func WithSearchLimit(n int) Option { return func(c *config) { c.searchLimit = n } }

// NewServer starts a simulator on a loopback address. Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := config{apiKey: DefaultAPIKey, stepsPerPoll: 1, searchLimit: 20000}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{APIKey: cfg.apiKey, cfg: cfg, orders: map[string]*order{}, dl: downloads{balance: DefaultCredits, files: simkit.NewFiles(clearsky.APIKeyHeader)}}
	if cfg.credits != nil {
		s.dl.balance = *cfg.credits
	}
	if !cfg.now.IsZero() {
		s.kit.SetNow(cfg.now)
	}
	s.URL = s.kit.Start(s.serveHTTP)
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.kit.Close() }

// Client returns a client pointed at the server with its API key and a fast
// retry policy (4 attempts, 2 ms initial wait, 50 ms cap, so a Retry-After
// of a second or more ends the call with tasking.ErrRateLimited) and fast
// polling (WithPollDelays(1 ms, 10 ms), so a whole lifecycle completes in
// milliseconds with nil WaitOptions); opts are applied after those. It panics only if the client
// cannot be built, which a loopback URL and a non-empty key rule out.
func (s *Server) Client(opts ...clearsky.Option) *clearsky.Client {
	base := []clearsky.Option{
		clearsky.WithBaseURL(s.URL),
		clearsky.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: 2 * time.Millisecond, MaxInterval: 50 * time.Millisecond}),
		clearsky.WithPollDelays(time.Millisecond, 10*time.Millisecond),
	}
	return simkit.Must(clearsky.New(s.APIKey, append(base, opts...)...))
}

// Now returns the simulator's clock: the time set by WithNow or SetNow, or
// the wall clock, in UTC.
func (s *Server) Now() time.Time { return s.kit.Now() }

// SetNow sets the simulator's clock. Moving it on makes new image dates of
// recurring orders due, so UpToDate orders go back into production on their
// next step.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	s.kit.SetNow(t)
	s.mu.Unlock()
}

// FailNext makes the next n authenticated requests fail with status before
// they are acted on, with ClearSKY's envelope as the body and a Retry-After header when
// retryAfter > 0.
func (s *Server) FailNext(n int, status int, retryAfter time.Duration) {
	s.kit.FailNext(n, simkit.Fault{Status: status, RetryAfter: retryAfter})
}

// FailNextCode makes the next n requests fail with status and ClearSKY error
// code in the envelope, for example (1, 400, clearsky.CodeTooManyConcurrentRequests).
func (s *Server) FailNextCode(n int, status int, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kit.FailNext(n, simkit.Fault{Status: status, Code: code})
}

// DenyNext makes ClearSKY's review deny the next n orders created: they go
// from Review to Canceled on their first step.
func (s *Server) DenyNext(n int) {
	s.mu.Lock()
	s.denyNext += n
	s.mu.Unlock()
}

// Request is one request the server received. The API key header is
// replaced by "[REDACTED]".
type Request struct {
	Method   string      // HTTP method
	Path     string      // URL path
	RawQuery string      // the query as sent
	Query    url.Values  // query parameters
	Header   http.Header // headers, the API key redacted
	Body     []byte      // the body as received
	Status   int         // the status of the server's answer
	Time     time.Time   // when it arrived, on the simulator's clock
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	return simkit.RequestsAs[Request](&s.kit)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.kit.ResetRequests() }

// OrderCount returns how many orders the server holds, in any status.
func (s *Server) OrderCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.orders)
}

// Status returns an order's raw OrderingProcessStatus without advancing it,
// or "" for an unknown id.
func (s *Server) Status(guid string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[strings.ToLower(guid)]
	if !ok {
		return ""
	}
	return string(o.status)
}

// AdvanceOrder moves one order one step along its lifecycle and returns its
// new status. It fails for an unknown id.
func (s *Server) AdvanceOrder(guid string) (clearsky.OrderingProcessStatus, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[strings.ToLower(guid)]
	if !ok {
		return "", fmt.Errorf("clearskytest: no order %s", guid)
	}
	s.step(o)
	return o.status, nil
}

// Advance moves every order that can move one step along its lifecycle.
func (s *Server) Advance() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.sequence {
		s.step(s.orders[id])
	}
}

// serveHTTP logs the request, answers it and notes the answer's status in
// the log.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := simkit.ReadBody(r, 8<<20)
	if err != nil {
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	// The kit has a lock of its own: the recorder notes the answer's status
	// whether or not the handler holds s.mu.
	rec := s.kit.Log(w, r, body, clearsky.APIKeyHeader)
	defer rec.Finish()
	s.answer(rec, r, body)
}

// answer authenticates, injects failures and routes.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Header.Get(clearsky.APIKeyHeader) != s.APIKey {
		w.Header().Set("WWW-Authenticate", `ApiKey header="x-api-key"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	f, failing := s.kit.NextFault()
	s.mu.Unlock()
	if failing {
		simkit.SetRetryAfter(w, f.RetryAfter)
		msg := http.StatusText(f.Status)
		if f.Code == clearsky.CodeTooManyConcurrentRequests {
			msg = "Maximum concurrent requests reached."
		}
		s.envelopeError(w, f.Status, f.Code, msg, nil)
		return
	}

	path := strings.TrimSuffix(r.URL.Path, "/")
	type route struct{ method, path string }
	switch (route{r.Method, path}) {
	case route{http.MethodGet, "/api/tasking/models"}:
		s.handleModels(w)
	case route{http.MethodPost, "/api/tasking/search/tiles"}:
		if s.needJSON(w, r) {
			s.handleSearch(w, body)
		}
	case route{http.MethodGet, "/api/tasking/orders"}:
		s.handleList(w, r.URL.Query())
	case route{http.MethodPost, "/api/tasking/orders"}:
		if s.needJSON(w, r) {
			s.handleCreate(w, body, r.URL.Query())
		}
	case route{http.MethodPost, "/api/tasking/orders/estimate"}:
		if s.needJSON(w, r) {
			s.handleEstimate(w, body)
		}
	case route{http.MethodPost, "/api/tasking/orders/details"}:
		if s.cfg.noDetailsPOS {
			w.Header().Set("Allow", http.MethodGet)
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if s.needJSON(w, r) {
			s.handleDetails(w, body)
		}
	case route{http.MethodDelete, "/api/tasking/orders/cancel"}:
		s.handleCancel(w, r.URL.Query())
	case route{http.MethodPost, "/api/satelliteimages/search/available"}:
		if s.needJSON(w, r) {
			s.handleSearchAvailable(w, body)
		}
	case route{http.MethodPost, "/api/satelliteimages/process/composite/available"}:
		if s.needJSON(w, r) {
			s.handleCompositeAvailable(w, body)
		}
	case route{http.MethodPost, "/api/satelliteimages/process/composite/estimate"}:
		if s.needJSON(w, r) {
			s.handleCompositeEstimate(w, body)
		}
	case route{http.MethodPost, "/api/satelliteimages/process/composite"}:
		if s.needJSON(w, r) {
			s.handleDownload(w, r, body, "composite")
		}
	case route{http.MethodPost, "/api/satelliteimages/process/tile"}:
		if s.needJSON(w, r) {
			s.handleDownload(w, r, body, "tile")
		}
	case route{http.MethodPost, "/api/satelliteimages/process/minitile"}:
		if s.needJSON(w, r) {
			s.handleDownload(w, r, body, "minitile")
		}
	default:
		allow := map[string]string{
			"/api/tasking/models": "GET", "/api/tasking/search/tiles": "POST", "/api/tasking/orders": "GET, POST",
			"/api/tasking/orders/estimate": "POST", "/api/tasking/orders/details": "POST",
			"/api/tasking/orders/cancel":            "DELETE",
			"/api/satelliteimages/search/available": "POST", "/api/satelliteimages/process/composite/available": "POST",
			"/api/satelliteimages/process/composite/estimate": "POST", "/api/satelliteimages/process/composite": "POST",
			"/api/satelliteimages/process/tile": "POST", "/api/satelliteimages/process/minitile": "POST",
		}
		if a, ok := allow[path]; ok {
			w.Header().Set("Allow", a)
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}
}

// needJSON answers 415 unless the body is declared JSON, as ASP.NET does.
func (s *Server) needJSON(w http.ResponseWriter, r *http.Request) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "text/json") || strings.HasSuffix(strings.Split(ct, ";")[0], "+json") {
		return true
	}
	problem(w, http.StatusUnsupportedMediaType, "Unsupported Media Type", nil)
	return false
}

// respond writes a successful envelope.
func respond(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", map[string]any{"Succeeded": true, "Error": nil, "Data": data})
}

// envelopeError writes a failed envelope; fields, when given, go in Data.
func (s *Server) envelopeError(w http.ResponseWriter, status, code int, msg string, fields map[string][]string) {
	var data any
	if len(fields) > 0 {
		data = fields
	}
	if s.cfg.failuresAsOK && status < 500 && status != http.StatusTooManyRequests {
		status = http.StatusOK
	}
	writeJSON(w, status, "application/json; charset=utf-8", map[string]any{
		"Succeeded": false, "Error": map[string]any{"Message": msg, "Code": code}, "Data": data,
	})
}

// problem writes an ASP.NET ValidationProblemDetails body.
func problem(w http.ResponseWriter, status int, title string, errs map[string][]string) {
	body := map[string]any{
		"type":    "https://tools.ietf.org/html/rfc9110#section-15.5.1",
		"title":   title,
		"status":  status,
		"traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
	}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	writeJSON(w, status, "application/problem+json; charset=utf-8", body)
}

// writeJSON writes v in one pass, map members in sorted order so that an
// answer is the same from run to run.
func writeJSON(w http.ResponseWriter, status int, ct string, v any) {
	b, err := json.Marshal(v, json.Deterministic(true))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
