// Package capellatest is an in-memory simulator of Capella Space's tasking
// API for tests and examples. It speaks the wire format of Capella's OpenAPI
// documents (GeoJSON Features, statusHistory, the three error-body shapes),
// checks the API key the same way, enforces the spec's rules (required
// properties, enum values, date-time formats, ranges) and the documented
// business rules (minimum windows per tier, approve only in review, cancel
// until 3 hours before collection, Point-only repeats) in its own code, and
// moves requests only along capella.RequestLifecycle.
//
//	srv := capellatest.NewServer()
//	defer srv.Close()
//	c := srv.Client()                       // a *capella.Client pointed at srv
//	task, _ := c.Tasks.Create(ctx, req)     // received
//	task, _ = c.Tasks.Get(ctx, task.GetID())   // each GET moves one step: review
//	c.Tasks.Approve(ctx, task.GetID())         // submitted, then active, accepted, completed
//
// Progress is deterministic: by default every GET of a request moves it one
// step along its planned path before answering (WithStepsPerPoll), so that
// a poller sees each status in turn; Advance or Step move requests
// explicitly, and the clock (SetNow) drives expiry and the cancel cut-off. Outcomes other than completion (conflict rejection,
// anomaly and retry, expiry, processing error) are chosen with WithOutcome
// or SetNextOutcome. FailNext injects faults; Requests returns the log.
//
// A collect that is delivered publishes its products in a simulated catalog
// (POST /catalog/search), which POST /orders buys and
// GET /orders/{orderId}/download hands out as STAC items with pre-signed
// links, valid for an hour on the simulator's clock, to a storage host of
// its own (StorageURL) that refuses the API key, answers ranges, and whose
// files are deterministic with real sizes and SHA-256 checksums.
// CutDownloads breaks downloads midway; StorageRequests is its log. A task
// whose window is exactly an access the simulator found (a booking of that
// pass) is refused with Capella's validation error once that window has
// opened on the simulator's clock.
package capellatest

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
)

// DefaultAPIKey is the key a Server accepts unless WithAPIKey says otherwise.
const DefaultAPIKey = "capellatest-key"

// Outcome is the path a simulated tasking request takes after it is
// submitted for scheduling.
type Outcome string

// Outcomes.
const (
	// OutcomeCompleted: submitted → active → accepted → completed.
	OutcomeCompleted Outcome = "completed"
	// OutcomeConflictWarning: active with conflicting tasks listed as a
	// warning, then accepted → completed.
	OutcomeConflictWarning Outcome = "conflict_warning"
	// OutcomeConflictRejected: active with conflicting tasks, then rejected
	// because of them (Capella's conflict message, tasks listed).
	OutcomeConflictRejected Outcome = "conflict_rejected"
	// OutcomeAnomalyRetry: accepted → anomaly → retrying → accepted →
	// completed.
	OutcomeAnomalyRetry Outcome = "anomaly_retry"
	// OutcomeAnomalyFailed: accepted → anomaly → failed.
	OutcomeAnomalyFailed Outcome = "anomaly_failed"
	// OutcomeExpired: active → expired.
	OutcomeExpired Outcome = "expired"
	// OutcomeError: received → error, before any review.
	OutcomeError Outcome = "error"
)

// Outcomes lists every outcome.
func Outcomes() []Outcome {
	return []Outcome{OutcomeCompleted, OutcomeConflictWarning, OutcomeConflictRejected, OutcomeAnomalyRetry,
		OutcomeAnomalyFailed, OutcomeExpired, OutcomeError}
}

// Option configures a Server.
type Option func(*config)

type config struct {
	apiKey        string
	orgID, userID string
	stepsPerPoll  int
	outcome       Outcome
	now           time.Time
	collectDelay  time.Duration
	horizon       time.Duration
}

// WithAPIKey sets the API key the server accepts ("Authorization: ApiKey
// <key>"). An empty key, or one with white space, keeps DefaultAPIKey.
func WithAPIKey(key string) Option {
	return func(c *config) {
		if key = strings.TrimSpace(key); key != "" && !strings.ContainsAny(key, " \t\r\n") {
			c.apiKey = key
		}
	}
}

// WithAccount sets the organization and user ids GET /user reports and
// listings are scoped to.
func WithAccount(orgID, userID string) Option {
	return func(c *config) { c.orgID, c.userID = orgID, userID }
}

// WithStepsPerPoll sets how many lifecycle steps a GET of a request (task,
// repeat request or access request) moves it; 0 turns polling progress off
// (use Advance or Step). Default 1.
func WithStepsPerPoll(n int) Option { return func(c *config) { c.stepsPerPoll = max(0, n) } }

// WithOutcome sets the outcome of every new tasking request (default
// OutcomeCompleted). SetNextOutcome overrides it for the next ones.
func WithOutcome(o Outcome) Option { return func(c *config) { c.outcome = o } }

// WithNow fixes the server's clock at t (see SetNow). By default the clock is
// the real time.
func WithNow(t time.Time) Option { return func(c *config) { c.now = t } }

// WithCollectDelay sets how long after the window opens (or after the
// request becomes active, if later) the simulated collection is scheduled.
// Default 6 hours; cancels are refused from 3 hours before it.
func WithCollectDelay(d time.Duration) Option { return func(c *config) { c.collectDelay = d } }

// Request is one request as the server received it, credentials blanked,
// with the status it was answered.
type Request struct {
	Method   string
	Path     string
	RawQuery string // the query as sent
	Query    url.Values
	Header   http.Header
	Body     []byte
	Status   int       // the answer's HTTP status
	Time     time.Time // the server's clock when the request came in
}

// Server is a running simulator. It is safe for concurrent use.
type Server struct {
	// URL is the base URL to pass to capella.WithBaseURL.
	URL string
	// APIKey is the key the server accepts.
	APIKey string
	// OrgID and UserID are the account GET /user reports.
	OrgID, UserID string

	cfg config

	mu          sync.Mutex
	kit         simkit.Kit // clock, faults and request log, guarded by mu
	lastTime    time.Time  // last status time handed out, to keep times increasing
	seq         int
	tasks       map[string]*simTask
	taskOrder   []string
	repeats     map[string]*simRepeat
	repeatOrder []string
	collects    map[string]*simCollect
	access      map[string]*simAccess
	next        []Outcome

	storage      *simkit.Storage // the products' files, on a host of their own
	products     map[string]*simProduct
	productOrder []string // granule ids, in publication order
	ordered      map[string]bool
	orders       map[string]*simOrder
}

// NewServer starts a simulator on a loopback address. Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := config{apiKey: DefaultAPIKey, orgID: "5b8e2c0a-1f0e-4d5e-9c61-3a2b1c0d9e8f",
		userID: "0f6c1a1e-2a33-4c7b-9a59-1b2f6e2b7d10", stepsPerPoll: 1, outcome: OutcomeCompleted,
		collectDelay: 6 * time.Hour, horizon: 21 * 24 * time.Hour}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{cfg: cfg, APIKey: cfg.apiKey, OrgID: cfg.orgID, UserID: cfg.userID,
		tasks: map[string]*simTask{}, repeats: map[string]*simRepeat{}, collects: map[string]*simCollect{},
		access: map[string]*simAccess{}, products: map[string]*simProduct{}, ordered: map[string]bool{},
		orders: map[string]*simOrder{}}
	s.kit.SetNow(cfg.now)
	s.storage = simkit.NewStorage(s.kit.Now, "Authorization")
	s.URL = s.kit.Start(s.serve)
	return s
}

// Close shuts the server and its storage host down.
func (s *Server) Close() {
	s.kit.Close()
	s.storage.Close()
}

// Client returns a client pointed at the server with its key, a fast retry
// policy (millisecond waits) and fast polling (capella.WithPollDelays of 1 ms
// to 10 ms, so that Wait and the adapter finish in milliseconds); opts are
// applied after those and override them.
func (s *Server) Client(opts ...capella.Option) *capella.Client {
	base := []capella.Option{capella.WithBaseURL(s.URL),
		capella.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 20 * time.Millisecond}),
		capella.WithPollDelays(time.Millisecond, 10*time.Millisecond)}
	return simkit.Must(capella.New(s.APIKey, append(base, opts...)...)) // only a bad option can fail
}

// Now returns the server's current time.
func (s *Server) Now() time.Time { return s.now() }

func (s *Server) now() time.Time { return s.kit.Now() }

// SetNow fixes the server's clock at t; status times, expiry and the cancel
// cut-off follow it. The zero time returns to the real clock.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kit.SetNow(t)
	s.lastTime = time.Time{}
}

// stamp returns a status time after every one handed out before.
func (s *Server) stamp() time.Time {
	t := s.now().Truncate(time.Millisecond)
	if !t.After(s.lastTime) {
		t = s.lastTime.Add(time.Millisecond)
	}
	s.lastTime = t
	return t
}

// SetNextOutcome queues outcomes for the next tasking requests created, in
// order; later ones take the server's default.
func (s *Server) SetNextOutcome(o ...Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next = append(s.next, o...)
}

func (s *Server) takeOutcome() Outcome {
	if len(s.next) > 0 {
		o := s.next[0]
		s.next = s.next[1:]
		return o
	}
	return s.cfg.outcome
}

// FailNext queues n faults: each of the next requests, after those already
// queued, fails with status (and a Retry-After header of retryAfter, rounded
// up to seconds, when positive) before it is acted on. Calling it twice adds
// both. The body is the API gateway's {"message": "..."}.
func (s *Server) FailNext(n, status int, retryAfter time.Duration) {
	s.kit.FailNext(n, simkit.Fault{Status: status, RetryAfter: retryAfter})
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	return simkit.RequestsAs[Request](&s.kit)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.kit.ResetRequests() }

// newID returns a deterministic, UUID-shaped id.
func (s *Server) newID(kind byte) string {
	s.seq++
	return fmt.Sprintf("%08x-%04x-4%03x-8000-%012x", uint32(kind)<<24|uint32(s.seq), s.seq&0xffff, kind, s.seq)
}

// errStyle is the shape of an operation's error bodies in Capella's spec.
type errStyle int

const (
	styleString  errStyle = iota // {"error": "<text>"}
	styleObject                  // {"error": {"code", "message"}}
	styleFastAPI                 // {"detail": "<text>"} or, for 422, [{"loc","msg","type"}]
)

// apiError is an error answer.
type apiError struct {
	status int
	code   string
	msg    string
	path   string // validation problems: where
}

func (e *apiError) Error() string { return e.msg }

func badRequest(code, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, msg: fmt.Sprintf(format, args...)}
}

func notFound(what, id string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "NOT_FOUND", msg: fmt.Sprintf("%s %s not found", what, id)}
}

// lookup returns the entry of m with id, or Capella's 404 for what.
func lookup[V any](m map[string]V, what, id string) (V, *apiError) {
	v, ok := m[id]
	if !ok {
		return v, notFound(what, id)
	}
	return v, nil
}

func invalid(path, code, format string, args ...any) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, code: code, msg: fmt.Sprintf(format, args...), path: path}
}

type route struct {
	method  string
	pattern []string // "{}" matches one segment
	style   errStyle
	val422  bool // the spec declares 422 for this operation (ValidationErrorDetails or HTTPValidationError)
	handle  func(s *Server, r *http.Request, args []string, body []byte) (int, any, *apiError)
}

func r(method, pattern string, style errStyle, val422 bool, h func(*Server, *http.Request, []string, []byte) (int, any, *apiError)) route {
	return route{method: method, pattern: strings.Split(pattern, "/"), style: style, val422: val422, handle: h}
}

// routes are the operations of openapi-tasking.json the simulator serves,
// GET /user of openapi-access.json, and the catalog search and product
// orders of Capella's docs. The repeat search also answers
// without its trailing slash, as Capella's docs spell it.
var routes = []route{
	r("POST", "task", styleString, true, (*Server).createTask),
	r("GET", "task/{}", styleObject, false, (*Server).getTask),
	r("PATCH", "task/{}", styleString, false, (*Server).updateTask),
	r("PATCH", "task/{}/status", styleString, true, (*Server).setTaskStatus),
	r("POST", "task/{}/retask", styleString, true, (*Server).retaskTask),
	r("GET", "tasks", styleObject, false, (*Server).listTasksByCustomer),
	r("GET", "tasks/paged", styleString, false, (*Server).pagedTasks),
	r("POST", "tasks/search", styleObject, false, (*Server).searchTasks),
	r("POST", "repeat-requests", styleString, true, (*Server).createRepeat),
	r("GET", "repeat-requests", styleString, false, (*Server).listRepeats),
	r("POST", "repeat-requests/search/", styleObject, false, (*Server).searchRepeats),
	r("POST", "repeat-requests/search", styleObject, false, (*Server).searchRepeats),
	r("GET", "repeat-requests/{}", styleObject, false, (*Server).getRepeat),
	r("PATCH", "repeat-requests/{}", styleString, true, (*Server).updateRepeat),
	r("PATCH", "repeat-requests/{}/status", styleString, true, (*Server).setRepeatStatus),
	r("GET", "repeat-requests/{}/tasks", styleObject, false, (*Server).repeatTasks),
	r("POST", "repeat-requests/{}/retask", styleString, true, (*Server).retaskRepeat),
	r("GET", "collects/list/{}", styleFastAPI, true, (*Server).listCollects),
	r("GET", "collects/status/{}", styleFastAPI, true, (*Server).collectStatus),
	r("GET", "collects/{}/task", styleString, false, (*Server).collectTask),
	r("POST", "collects/{}/retask", styleString, true, (*Server).retaskCollect),
	r("GET", "collects/{}", styleFastAPI, true, (*Server).getCollect),
	r("POST", "ma/accessrequests/", styleFastAPI, true, (*Server).createAccess),
	r("GET", "ma/accessrequests/{}", styleFastAPI, true, (*Server).getAccess),
	r("GET", "ma/accesses/{}", styleFastAPI, true, (*Server).listAccesses),
	r("GET", "collectiontypes/", styleFastAPI, true, (*Server).collectionTypes),
	r("GET", "user", styleObject, false, (*Server).user),
	// Capella's catalog and ordering services (not in the OpenAPI documents).
	r("POST", "catalog/search", styleObject, false, (*Server).searchCatalog),
	r("POST", "orders", styleObject, false, (*Server).createOrder),
	r("GET", "orders/{}", styleObject, false, (*Server).getOrder),
	r("GET", "orders/{}/download", styleObject, false, (*Server).downloadOrder),
}

// findRoute prefers literal segments over parameters ("collects/status/x"
// over "collects/{}/task"), and reports whether the path exists at all.
func findRoute(method, path string) (*route, []string, bool) {
	p := strings.TrimPrefix(path, "/")
	segs := strings.Split(p, "/")
	var best *route
	var bestArgs []string
	bestScore := -1
	exists := false
	for i := range routes {
		rt := &routes[i]
		if len(rt.pattern) != len(segs) {
			continue
		}
		var a []string
		score, ok := 0, true
		for j, ps := range rt.pattern {
			if ps == "{}" {
				if segs[j] == "" {
					ok = false
					break
				}
				a = append(a, segs[j])
				continue
			}
			if ps != segs[j] {
				ok = false
				break
			}
			score++
		}
		if !ok {
			continue
		}
		exists = true
		if rt.method == method && score > bestScore {
			best, bestArgs, bestScore = rt, a, score
		}
	}
	return best, bestArgs, exists
}

func (s *Server) serve(w http.ResponseWriter, req *http.Request) {
	body, err := simkit.ReadBody(req, 8<<20)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "cannot read the request body"})
		return
	}
	// The kit (and the recorder noting the status in its log) is used under
	// s.mu; only a success answer's body is written after the lock is
	// released, its status being noted already.
	s.mu.Lock()
	rec := s.kit.Log(w, req, body, "Authorization")
	data := s.answer(rec, req, body)
	s.mu.Unlock()
	if data != nil {
		_, _ = rec.Write(data)
	}
}

// answer handles req with s.mu held: it writes an error answer whole, or a
// success answer's header and returns its body, to be written unlocked.
func (s *Server) answer(w *simkit.Recorder, req *http.Request, body []byte) []byte {
	defer w.Finish()
	if f, ok := s.kit.NextFault(); ok {
		simkit.SetRetryAfter(w, f.RetryAfter)
		writeJSON(w, f.Status, map[string]string{"message": http.StatusText(f.Status)})
		return nil
	}
	if !s.authorized(req.Header.Get("Authorization")) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Unauthorized"})
		return nil
	}
	rt, args, exists := findRoute(req.Method, req.URL.Path)
	if rt == nil {
		if exists {
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
			return nil
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return nil
	}
	if req.Method == http.MethodPost || req.Method == http.MethodPatch {
		ct := req.Header.Get("Content-Type")
		if ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
			writeErr(w, rt, &apiError{status: http.StatusUnsupportedMediaType, msg: "Content-Type must be application/json"})
			return nil
		}
	}
	status, out, aerr := rt.handle(s, req, args, body)
	if aerr != nil {
		writeErr(w, rt, aerr)
		return nil
	}
	data, err := json.Marshal(out, jsonOpts)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "internal error: " + err.Error()})
		return nil
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	return data
}

func (s *Server) authorized(h string) bool {
	scheme, key, ok := strings.Cut(strings.TrimSpace(h), " ")
	return ok && strings.EqualFold(scheme, "ApiKey") && strings.TrimSpace(key) == s.cfg.apiKey
}

// contentType is the Content-Type of every answer, as Capella's spec
// declares most of them.
const contentType = "application/json; charset=utf-8"

// writeJSON writes v as simkit.WriteJSON does, under Capella's content type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.MarshalWrite(w, v, simkit.JSONOptions())
}

// writeErr writes e in the shape the route's operation declares.
func writeErr(w http.ResponseWriter, rt *route, e *apiError) {
	if e.status == http.StatusUnprocessableEntity && !rt.val422 {
		e.status = http.StatusBadRequest
	}
	switch {
	case e.status == http.StatusUnprocessableEntity && rt.style == styleFastAPI:
		loc := []string{"body"}
		if e.path != "" {
			loc = append(loc, strings.Split(e.path, ".")...)
		}
		typ := e.code
		if typ == "" {
			typ = "value_error"
		}
		writeJSON(w, e.status, map[string]any{"detail": []map[string]any{{"loc": loc, "msg": e.msg, "type": typ}}})
	case e.status == http.StatusUnprocessableEntity:
		d := map[string]string{"message": e.msg, "code": e.code, "path": e.path}
		writeJSON(w, e.status, map[string]any{"error": map[string]any{"code": capella.CodeValidationError,
			"message": "Validation Error", "detail": d}})
	case rt.style == styleFastAPI:
		writeJSON(w, e.status, map[string]any{"detail": e.msg})
	case rt.style == styleObject:
		code := e.code
		if code == "" {
			code = strings.ToUpper(strings.ReplaceAll(http.StatusText(e.status), " ", "_"))
		}
		writeJSON(w, e.status, map[string]any{"error": map[string]string{"code": code, "message": e.msg}})
	default:
		msg := e.msg
		if e.path != "" {
			msg = e.path + ": " + msg
		}
		writeJSON(w, e.status, map[string]string{"error": msg})
	}
}

// decodeBody reads a JSON object body.
func decodeBody(body []byte) (map[string]any, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	v, err := readBody(body)
	if err != nil {
		return nil, invalid("", "invalid_json", "the body is not valid JSON: %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, invalid("", "invalid_type", "the body must be a JSON object")
	}
	return m, nil
}

// sortedKeys returns m's keys in order, for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
