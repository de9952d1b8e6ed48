// Package planettest is an in-memory simulator of Planet's Tasking API v2
// for tests and examples. It speaks the wire format the planet package
// speaks, checks the same "Authorization: api-key <key>" header (or HTTP
// Basic), answers with Django-REST-style error bodies, and keeps real state:
// orders, captures, reviews, imaging-window searches, bulk processes and
// order history, Automated Delivery tasks and deliveries, with filtering,
// ordering and limit/offset paging like the real API. Published captures
// have Data API items (beneath DataPath on the same host) whose assets are
// activated and then downloaded from a separate storage host (StorageURL)
// that refuses the API key, with deterministic content and real MD5s.
//
// Orders move only along planet.OrderLifecycle: RECEIVED → PENDING →
// IN_PROGRESS (once the start time has passed) → FULFILLED. While an order is
// IN_PROGRESS the simulator takes captures: QUEUED → PROCESSING → PUBLISHED,
// then assessed SUCCESS (the order is fulfilled) or, when cloudy (see
// WithCloudyCaptures), INVALID (the order stays IN_PROGRESS and is retasked
// with a new capture). An order whose end time passes without a SUCCESS
// capture EXPIRES. By default every GET of an order moves it one step (see
// WithStepsPerPoll); Advance, AdvanceOrder and the clock (SetNow) move things
// explicitly. Reassess plays the human review that can reverse FULFILLED and
// EXPIRED.
//
//	srv := planettest.NewServer(planettest.WithCloudyCaptures(1))
//	defer srv.Close()
//	c := srv.Client()
//
// Where Planet's behaviour is not documented, the simulator makes a plain
// choice, listed here so that tests do not mistake it for Planet's:
//
//   - an order without times runs from now for 30 days; a point order is
//     imaged as a 5×5 km footprint (geometry) around the point
//     (original_geometry);
//   - Assured orders (booking an imaging_window) start REQUESTED;
//     MONITORING orders are fulfilled after COUNT successful captures;
//   - DELETE answers 200 with the order; an IN_PROGRESS order with a capture
//     in flight stays PENDING_CANCELLATION until that capture is published
//     (it may still be charged), then is CANCELLED;
//   - active orders are those PENDING or IN_PROGRESS (Planet's wording), so
//     a burst of RECEIVED orders is not yet counted;
//   - imaging-window searches answer 201 with a Location and {id, status},
//     and find one 30-second window a day at 10:21:05 UTC; a window can be
//     booked (imaging_window) until it starts, on the simulator's clock,
//     and only once;
//   - a published capture has one Data API item (item_ids = [strip_id],
//     item_types = [SkySatCollect, PelicanScene or TanagerScene]) with three
//     assets: ortho_visual and ortho_udm2, which the key may download, and
//     ortho_analytic, which it may not; an activation (POST or GET of
//     _links.activate) makes an asset active on its next read, and each read
//     of an active asset signs a location valid for LinkLifetime;
//   - every order has a delivery task; every published capture a delivery,
//     PENDING until its order's next step, then COMPLETED;
//   - bulk payload records are {id, status, order_id, errors, payload};
//   - order history records ORDER_CREATED and ORDER_FULFILLED only;
//   - pricing is quota in square kilometres with a 25 km² minimum;
//   - error bodies are Django REST's: {"detail": …} or field maps.
package planettest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// DefaultAPIKey is the key a server accepts unless WithAPIKey says otherwise.
const DefaultAPIKey = "PLAK-planettest-0000"

// BasePath is the path prefix the API is served under.
const BasePath = "/tasking/v2/"

// Option configures a Server.
type Option func(*config)

type config struct {
	apiKey       string
	maxActive    int
	stepsPerPoll int
	cloudy       int
	searchSteps  int
	defaultLimit int
	maxLimit     int
	clock        time.Time
	finalizing   bool
	footprintKm  float64
	maxWindows   int
}

// WithAPIKey sets the API key the server accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithMaxActiveOrders limits the orders that may be active (PENDING or
// IN_PROGRESS, Planet's definition) at once: creating one more answers 400.
// Zero (the default) means no limit.
func WithMaxActiveOrders(n int) Option { return func(c *config) { c.maxActive = n } }

// WithStepsPerPoll sets how many lifecycle steps each GET of an order (and of
// a search or bulk process) moves it; the default is 1. Zero freezes
// progress except through Advance, AdvanceOrder and the clock.
func WithStepsPerPoll(n int) Option { return func(c *config) { c.stepsPerPoll = max(0, n) } }

// WithCloudyCaptures makes the first n captures of every order cloudy: they
// are published, assessed INVALID, and the order is retasked.
func WithCloudyCaptures(n int) Option { return func(c *config) { c.cloudy = max(0, n) } }

// WithSearchSteps sets how many polls an imaging-window search takes to be
// DONE (default 2: CREATED → IN_PROGRESS → DONE).
func WithSearchSteps(n int) Option { return func(c *config) { c.searchSteps = max(1, n) } }

// WithDefaultLimit sets the page size used when a list request gives no
// limit (default 100; Planet's own default is not documented).
func WithDefaultLimit(n int) Option { return func(c *config) { c.defaultLimit = max(1, n) } }

// WithNow starts the simulator's clock frozen at t instead of following
// the wall clock. SetNow moves it.
func WithNow(t time.Time) Option { return func(c *config) { c.clock = t } }

// WithFinalizing makes fulfilled orders pass through FINALIZING for one step
// before FULFILLED (when Planet uses FINALIZING is not documented).
func WithFinalizing() Option { return func(c *config) { c.finalizing = true } }

// Request is one request the server received.
type Request struct {
	Method   string      // HTTP method
	Path     string      // URL path, such as /tasking/v2/orders/
	RawQuery string      // the query as sent
	Query    url.Values  // the query, parsed
	Header   http.Header // the Authorization value is blanked
	Body     []byte      // the body as sent
	Status   int         // the status the simulator answered with
	Time     time.Time   // when it arrived, on the simulator's clock
}

// Server is a running simulator. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to give planet.WithBaseURL: the server's root
	// followed by /tasking/v2/.
	URL string
	// APIKey is the key the server accepts.
	APIKey string

	cfg config

	mu         sync.Mutex
	kit        simkit.Kit // clock, faults and request log
	seq        int
	orders     map[string]*order
	orderIDs   []string
	captures   map[string]*capture
	captureIDs []string
	reviews    []*review
	searches   map[string]*search
	windows    map[string]*window
	bulks      map[string]*bulk
	bulkIDs    []string
	events     []*event
	rejectNext int
	failSearch []searchFailure

	storage        *simkit.Storage // the host asset locations point at
	items          map[string]*item
	assets         map[string]*asset
	dseq           int
	deliveryTasks  []*deliveryTask
	deliveryTaskOf map[string]*deliveryTask
	deliveries     []*delivery
}

// NewServer starts a simulator on a loopback address. Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := config{apiKey: DefaultAPIKey, stepsPerPoll: 1, searchSteps: 2, defaultLimit: 100, maxLimit: 1000,
		footprintKm: 5, maxWindows: 10}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		cfg: cfg, APIKey: cfg.apiKey,
		orders: map[string]*order{}, captures: map[string]*capture{}, searches: map[string]*search{},
		windows: map[string]*window{}, bulks: map[string]*bulk{},
		items: map[string]*item{}, assets: map[string]*asset{}, deliveryTaskOf: map[string]*deliveryTask{},
	}
	s.kit.SetNow(cfg.clock)
	s.storage = simkit.NewStorage(s.kit.Now)
	s.URL = s.kit.Start(s.serve) + BasePath
	return s
}

// Close shuts the server and its storage host down.
func (s *Server) Close() {
	s.kit.Close()
	s.storage.Close()
}

// Client returns a planet client pointed at the server with its key, a
// fast retry policy (4 attempts, 1 ms initial wait, 20 ms cap) and fast
// polling (planet.WithPollDelays from 1 ms to 10 ms), so that a whole
// lifecycle waited on with nil WaitOptions takes milliseconds; opts are
// applied after those.
func (s *Server) Client(opts ...planet.Option) *planet.Client {
	all := append([]planet.Option{
		planet.WithBaseURL(s.URL),
		planet.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 20 * time.Millisecond}),
		planet.WithPollDelays(time.Millisecond, 10*time.Millisecond),
	}, opts...)
	return simkit.Must(planet.New(s.APIKey, all...)) // a loopback URL and a non-empty key
}

// Now returns the simulator's current time.
func (s *Server) Now() time.Time { return s.now() }

// SetNow freezes the simulator's clock at t (start and end times, expiry and
// timestamps all follow it). Orders whose end time t has passed expire on
// their next read, once no capture is in flight.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kit.SetNow(t)
}

func (s *Server) now() time.Time { return s.kit.Now() }

// polled moves what a read moves: step, once for each of the
// WithStepsPerPoll steps.
func (s *Server) polled(step func()) {
	for range s.cfg.stepsPerPoll {
		step()
	}
}

// Advance moves every unfinished order, search and bulk process one step,
// as one poll of each would.
func (s *Server) Advance() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.orderIDs {
		s.step(s.orders[id])
	}
	for _, se := range s.searches {
		s.stepSearch(se)
	}
	for _, id := range s.bulkIDs {
		s.stepBulk(s.bulks[id])
	}
	for _, a := range s.assets {
		s.stepAsset(a)
	}
}

// FailNext makes the next n requests fail with status and a Django-REST
// error body, with a Retry-After header (in whole seconds, rounded up) when
// retryAfter is positive.
func (s *Server) FailNext(n int, status int, retryAfter time.Duration) {
	s.kit.FailNext(n, simkit.Fault{Status: status, RetryAfter: retryAfter})
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	return simkit.RequestsAs[Request](&s.kit)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.kit.ResetRequests() }

// Status returns the raw status of an order, a capture or an imaging-window
// search, as the API would answer it now (without moving it), or "" when
// the simulator holds nothing under id.
func (s *Server) Status(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.orders[id]; ok {
		return string(o.status)
	}
	if c, ok := s.captures[id]; ok {
		return string(c.status)
	}
	if se, ok := s.searches[id]; ok {
		return string(se.status)
	}
	return ""
}

// RejectNext makes the next n orders created fail their feasibility check:
// they go from RECEIVED to REJECTED on their first step.
func (s *Server) RejectNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectNext += n
}

// newID returns a fresh UUID-shaped id.
func (s *Server) newID() string {
	s.seq++
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", s.seq)
}

// serve is the HTTP entry point: log, faults, auth, routing.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := simkit.ReadBody(r, planet.MaxPayloadBytes+1)
	if err != nil {
		writeDetail(w, http.StatusBadRequest, "Could not read the request body.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.kit.Log(w, r, body, "Authorization")
	defer rec.Finish()
	w = rec

	if f, ok := s.kit.NextFault(); ok {
		simkit.SetRetryAfter(w, f.RetryAfter)
		writeDetail(w, f.Status, faultText(f.Status))
		return
	}
	if msg := s.checkAuth(r); msg != "" {
		w.Header().Set("WWW-Authenticate", `api-key realm="api"`)
		writeDetail(w, http.StatusUnauthorized, msg)
		return
	}
	if len(body) >= planet.MaxPayloadBytes {
		writeDetail(w, http.StatusRequestEntityTooLarge, "Request body exceeds the 1 MB limit.")
		return
	}
	if strings.HasPrefix(r.URL.Path, DataPath) {
		s.routeData(&call{s: s, w: w, r: r, body: body})
		return
	}
	if !strings.HasPrefix(r.URL.Path, BasePath) {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, BasePath), "/"), "/")
	ctx := &call{s: s, w: w, r: r, body: body, parts: parts}
	s.route(ctx)
}

func faultText(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Request was throttled. Expected available in 1 second."
	case http.StatusServiceUnavailable:
		return "Service temporarily unavailable, try again later."
	}
	if t := http.StatusText(status); t != "" {
		return t + "."
	}
	return "Error."
}

// checkAuth returns the 401 message, or "" when the key is right.
func (s *Server) checkAuth(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "Authentication credentials were not provided."
	}
	scheme, value, _ := strings.Cut(h, " ")
	switch strings.ToLower(scheme) {
	case "api-key":
		if value == s.APIKey {
			return ""
		}
	case "basic":
		dec, err := base64.StdEncoding.DecodeString(value)
		if err == nil {
			if user, _, _ := strings.Cut(string(dec), ":"); user == s.APIKey {
				return ""
			}
		}
	}
	return "Invalid API key."
}

// call is one request being handled.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	body  []byte
	parts []string
}

func (s *Server) route(c *call) {
	p := c.parts
	n := len(p)
	type m = map[string]func()
	switch {
	case n == 1 && p[0] == "orders":
		c.methods(m{"GET": func() { s.listOrders(c) }, "POST": func() { s.createOrder(c) }})
	case n == 2 && p[0] == "orders":
		c.methods(m{"GET": func() { s.getOrder(c, p[1]) }, "PUT": func() { s.editOrder(c, p[1]) },
			"DELETE": func() { s.cancelOrder(c, p[1]) }})
	case n == 3 && p[0] == "orders" && p[2] == "pricing":
		c.methods(m{"GET": func() { s.orderPricing(c, p[1]) }})
	case n == 1 && p[0] == "pricing":
		c.methods(m{"POST": func() { s.previewPricing(c) }})
	case n == 1 && p[0] == "captures":
		c.methods(m{"GET": func() { s.listCaptures(c) }})
	case n == 2 && p[0] == "captures":
		c.methods(m{"GET": func() { s.getCapture(c, p[1]) }})
	case n == 3 && p[0] == "captures" && p[2] == "reviews":
		c.methods(m{"GET": func() { s.listReviews(c, p[1]) }, "POST": func() { s.createReview(c, p[1]) }})
	case n == 2 && p[0] == "imaging-windows" && p[1] == "search":
		c.methods(m{"POST": func() { s.createSearch(c) }})
	case n == 3 && p[0] == "imaging-windows" && p[1] == "search":
		c.methods(m{"GET": func() { s.getSearch(c, p[2]) }})
	case n == 1 && p[0] == "bulk":
		c.methods(m{"GET": func() { s.listBulks(c) }, "POST": func() { s.createBulk(c) }})
	case n == 2 && p[0] == "bulk":
		c.methods(m{"GET": func() { s.getBulk(c, p[1]) }})
	case n == 3 && p[0] == "bulk" && p[2] == "payloads":
		c.methods(m{"GET": func() { s.listPayloads(c, p[1]) }})
	case n == 1 && p[0] == "delivery-tasks":
		c.methods(m{"GET": func() { s.listDeliveryTasks(c) }})
	case n == 1 && p[0] == "deliveries":
		c.methods(m{"GET": func() { s.listDeliveries(c) }})
	case n == 1 && p[0] == "order-history":
		c.methods(m{"GET": func() { s.listEvents(c) }})
	case n == 2 && p[0] == "order-history":
		c.methods(m{"GET": func() { s.getEvent(c, p[1]) }})
	default:
		writeDetail(c.w, http.StatusNotFound, "Not found.")
	}
}

// methods dispatches on the request method, answering 405 otherwise.
func (c *call) methods(m map[string]func()) {
	if f, ok := m[c.r.Method]; ok {
		f()
		return
	}
	allowed := make([]string, 0, len(m))
	for k := range m {
		allowed = append(allowed, k)
	}
	sort.Strings(allowed)
	c.w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeDetail(c.w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", c.r.Method))
}

// readOptions read request bodies as leniently as Django REST's parser:
// duplicate names (the last wins) and invalid UTF-8 are accepted.
var readOptions = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
)

// writeJSON answers status with v as JSON, as Planet's Django REST backend
// does: a list or map that is not set is null, and members come in a stable
// order.
func writeJSON(w http.ResponseWriter, status int, v any) { simkit.WriteJSON(w, status, v) }

// writeDetail answers {"detail": msg}.
func writeDetail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"detail": msg})
}

// writeFields answers 400 with a Django-REST field map.
func writeFields(w http.ResponseWriter, errs map[string][]string) {
	writeJSON(w, http.StatusBadRequest, errs)
}

// ts writes a time as Planet does (microseconds, UTC); zero is null.
func ts(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	v := t.UTC().Format("2006-01-02T15:04:05.000000Z")
	return &v
}

// form reads a JSON object body member by member, collecting
// Django-REST-style field errors.
type form struct {
	m    map[string]jsontext.Value
	errs map[string][]string
}

// parseForm reads the body as a JSON object; on failure it answers 400 and
// returns nil.
func (c *call) parseForm() *form {
	var m map[string]jsontext.Value
	if err := json.Unmarshal(c.body, &m, readOptions); err != nil || m == nil {
		msg := "JSON parse error - expected an object"
		if err != nil {
			msg = "JSON parse error - " + err.Error()
		}
		writeDetail(c.w, http.StatusBadRequest, msg)
		return nil
	}
	return &form{m: m, errs: map[string][]string{}}
}

func (f *form) fail(field, msg string) { f.errs[field] = append(f.errs[field], msg) }

func (f *form) present(name string) bool {
	raw, ok := f.m[name]
	return ok && string(raw) != "null"
}

func (f *form) str(name string, required bool) string {
	if !f.present(name) {
		if required {
			f.fail(name, "This field is required.")
		}
		return ""
	}
	var v string
	if json.Unmarshal(f.m[name], &v, readOptions) != nil {
		f.fail(name, "Not a valid string.")
		return ""
	}
	if required && strings.TrimSpace(v) == "" {
		f.fail(name, "This field may not be blank.")
	}
	return v
}

func (f *form) time(name string) time.Time {
	if !f.present(name) {
		return time.Time{}
	}
	var v string
	if json.Unmarshal(f.m[name], &v, readOptions) == nil {
		if t, err := parseTime(v); err == nil {
			return t
		}
	}
	f.fail(name, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].")
	return time.Time{}
}

func parseTime(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

func (f *form) num(name string) *float64 {
	if !f.present(name) {
		return nil
	}
	var v float64
	if json.Unmarshal(f.m[name], &v, readOptions) != nil {
		f.fail(name, "A valid number is required.")
		return nil
	}
	return &v
}

func (f *form) integer(name string) *int {
	if !f.present(name) {
		return nil
	}
	var v int
	if json.Unmarshal(f.m[name], &v, readOptions) != nil {
		f.fail(name, "A valid integer is required.")
		return nil
	}
	return &v
}

func (f *form) boolean(name string) *bool {
	if !f.present(name) {
		return nil
	}
	var v bool
	if json.Unmarshal(f.m[name], &v, readOptions) != nil {
		f.fail(name, "Must be a valid boolean.")
		return nil
	}
	return &v
}

func (f *form) strs(name string) []string {
	if !f.present(name) {
		return nil
	}
	var v []string
	if json.Unmarshal(f.m[name], &v, readOptions) != nil {
		f.fail(name, "Expected a list of items.")
		return nil
	}
	return v
}

// choice checks that v (when set) is one of the allowed values.
func (f *form) choice(name, v string, allowed ...string) {
	if v == "" {
		return
	}
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	f.fail(name, fmt.Sprintf("%q is not a valid choice.", v))
}

func (f *form) ok() bool { return len(f.errs) == 0 }

func strsOf[S ~string](l []S) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = string(v)
	}
	return out
}

// remarshal encodes v as JSON and decodes it into out, as a client would
// (geometries as GeoJSON).
func remarshal(v, out any) error {
	b, err := json.Marshal(v, simkit.JSONOptions())
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out, geo.JSONOptions())
}
