// Package satellogictest runs an in-memory simulator of Satellogic's Aleph
// Tasking API v1, its Analysis API, its delivery scenes listing and its
// OAuth2 token endpoint, for tests and examples.
//
// The simulator speaks the wire format package satellogic reads: the same
// paths, the same JSON, the same header checks ("authorizationToken: Bearer
// <token>" with expiry on the simulator's clock, X-Satellogic-Contract-Id on
// every call but GET /contracts) and Django REST Framework-style error
// bodies. It keeps real state: tasks go through planning cycles, captures are
// queued, processed and published or failed, failed captures are re-planned
// while the window lasts, max_captures decides completion, a closed window
// gives partially_completed or failed, NEI tasks get one attempt, and tasks
// can be cancelled. Analyses complete after a few polls and list
// opportunities that lapse 24 h after the analysis on the simulator's clock.
// A published capture has one scene whose attachments (delivery_zip first)
// link, pre-signed for an hour of the simulator's clock, to a storage host
// apart from the API host that refuses the API's credentials
// (CutDownloads, StorageRequests, StorageURL).
//
// Progress is deterministic. By default each GET of a task moves it one step
// along satellogic.TaskLifecycle; Advance moves every task one step; SetNow
// moves the clock (token expiry, window ends, analysis delays and retention).
// FailCaptures, PreemptNext and FailAnalyses choose outcomes; FailNext and
// FailNextToken inject HTTP faults; Requests returns the request log.
package satellogictest

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
)

// Contract is a contract the simulator lists and accepts.
type Contract struct {
	ID   string // contract_id
	Name string // name
}

// Request is one request the simulator received, with credentials blanked.
type Request struct {
	Method   string      // HTTP method
	Path     string      // URL path
	RawQuery string      // URL query as sent
	Query    url.Values  // URL query
	Header   http.Header // authorizationToken and Authorization values blanked
	Body     []byte      // the token request's client_secret blanked
	Status   int         // the status code the simulator answered
	Time     time.Time   // the simulator's clock (Now) when the request arrived
}

// CaptureFault is how a capture fails.
type CaptureFault int

// The capture failures the simulator can inject.
const (
	// FaultNone: the capture is published.
	FaultNone CaptureFault = iota
	// FaultCollection: collection or download fails in orbit (queued → failed).
	FaultCollection
	// FaultQC: processing or QC fails on ground (processing → failed).
	FaultQC
)

// Option configures a Server.
type Option func(*config)

type config struct {
	now              time.Time
	tokenTTL         time.Duration
	stepsPerPoll     int
	analysisPolls    int
	analysisDelay    time.Duration
	contracts        []Contract
	contractEnvelope bool
	defaultLimit     int
}

// WithNow starts the simulator's clock at t (default: the real time when the
// server starts). The clock moves only with SetNow.
func WithNow(t time.Time) Option { return func(c *config) { c.now = t.UTC() } }

// WithTokenTTL sets the lifetime of issued tokens, sent as expires_in (default
// 24 h, whole seconds).
func WithTokenTTL(d time.Duration) Option { return func(c *config) { c.tokenTTL = d } }

// WithStepsPerPoll sets how many lifecycle steps a task takes each time it is
// fetched (default 1); 0 leaves progress to Advance.
func WithStepsPerPoll(n int) Option { return func(c *config) { c.stepsPerPoll = n } }

// WithAnalysisPolls sets how many polls an analysis takes to complete
// (default 2: pending, running, completed). An analysis also completes once
// the clock is 30 s past its submission.
func WithAnalysisPolls(n int) Option { return func(c *config) { c.analysisPolls = n } }

// WithContracts replaces the contracts the credentials may use (the first is
// Server.ContractID).
func WithContracts(cs ...Contract) Option {
	return func(c *config) { c.contracts = append([]Contract(nil), cs...) }
}

// WithContractsEnvelope answers GET /contracts with a {"results": […]}
// envelope instead of the documented bare array.
func WithContractsEnvelope() Option { return func(c *config) { c.contractEnvelope = true } }

// WithDefaultLimit sets the page size used when a list request gives no limit
// (default 100; the maximum is 1000).
func WithDefaultLimit(n int) Option { return func(c *config) { c.defaultLimit = n } }

// Server is the simulator. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the API and of the token endpoint
	// (URL+"/oauth/token").
	URL string
	// ClientID and ClientSecret are the OAuth2 client credentials it accepts.
	ClientID, ClientSecret string
	// ContractID is the credentials' first contract.
	ContractID string
	// LegacyKeyID and LegacyKeySecret are accepted in the deprecated
	// "authorizationToken: Key,Secret <id>,<secret>" header.
	LegacyKeyID, LegacyKeySecret string

	cfg config

	mu            sync.Mutex
	kit           simkit.Kit             // clock, API fault queue, request log
	storage       *simkit.Storage        // the storage host the scenes' attachments link to
	scenes        map[string][]*simScene // by capture id (sceneset_id)
	sceneSeq      int
	tokens        map[string]time.Time
	tokenSeq      int
	tokenRequests int
	tasks         map[int64]*simTask
	nextTaskID    int64
	captureSeq    int
	analyses      map[string]*simAnalysis
	analysisSeq   int
	failTokens    []simkit.Fault
	captureFaults []CaptureFault
	preempt       int
	failAnalyses  int
	unexpected    []string
}

// NewServer starts a simulator on a loopback address. Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := config{
		now:           time.Now().UTC().Truncate(time.Second),
		tokenTTL:      24 * time.Hour,
		stepsPerPoll:  1,
		analysisPolls: 2,
		analysisDelay: 30 * time.Second,
		contracts:     []Contract{{ID: "cont.5f6c1e0a-7d1c-4a4e-9a51-3c2b1d0e9f01", Name: "eotask simulator"}},
		defaultLimit:  100,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if len(cfg.contracts) == 0 {
		cfg.contracts = []Contract{{ID: "cont.sim", Name: "eotask simulator"}}
	}
	if cfg.defaultLimit <= 0 {
		cfg.defaultLimit = 100
	}
	s := &Server{
		ClientID:        "sim-client-id",
		ClientSecret:    "sim-client-secret-0123456789",
		ContractID:      cfg.contracts[0].ID,
		LegacyKeyID:     "sim-legacy-key",
		LegacyKeySecret: "sim-legacy-secret-9876543210",
		cfg:             cfg,
		tokens:          map[string]time.Time{},
		tasks:           map[int64]*simTask{},
		nextTaskID:      301877,
		analyses:        map[string]*simAnalysis{},
		scenes:          map[string][]*simScene{},
	}
	s.kit.SetNow(cfg.now)
	s.storage = simkit.NewStorage(s.kit.Now, satellogic.HeaderToken, satellogic.HeaderContract)
	s.URL = s.kit.Start(s.serve)
	return s
}

// Close shuts the server and its storage host down.
func (s *Server) Close() {
	s.kit.Close()
	s.storage.Close()
}

// TokenURL returns the simulator's token endpoint.
func (s *Server) TokenURL() string { return s.URL + "/oauth/token" }

// Credentials returns the credentials the simulator accepts.
func (s *Server) Credentials() satellogic.Credentials {
	return satellogic.Credentials{ClientID: s.ClientID, ClientSecret: s.ClientSecret, ContractID: s.ContractID}
}

// Options returns the options that point a satellogic.Client at the simulator
// (API and token endpoint).
func (s *Server) Options() []satellogic.Option {
	return []satellogic.Option{satellogic.WithBaseURL(s.URL), satellogic.WithTokenURL(s.TokenURL())}
}

// Client returns a client pointed at the simulator with its credentials, a
// fast retry policy and fast polling (WithPollDelays of 1 ms to 10 ms, so
// that Wait with nil WaitOptions follows a task to its end in milliseconds);
// opts are applied after those.
func (s *Server) Client(opts ...satellogic.Option) *satellogic.Client {
	all := append(s.Options(), satellogic.WithRetry(tasking.RetryPolicy{
		MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 2 * time.Second}),
		satellogic.WithPollDelays(time.Millisecond, 10*time.Millisecond))
	return simkit.Must(satellogic.New(s.Credentials(), append(all, opts...)...)) // the simulator's own URL and credentials are valid
}

// Now returns the simulator's clock.
func (s *Server) Now() time.Time { return s.kit.Now() }

// SetNow sets the simulator's clock. Moving it past a token's expiry makes the
// API answer 401 to that token; past a task's end closes its window at its
// next step; past an analysis's delay completes it, and 24 h on removes it.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kit.SetNow(t)
}

// Advance moves every task that can move one lifecycle step (terminal tasks
// stay), and every pending analysis one poll.
func (s *Server) Advance() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.sortedTasks() {
		s.step(t)
	}
	for _, a := range s.analyses {
		s.pollAnalysis(a)
	}
}

// FailNext makes the next n API requests (not token requests) fail with
// status, with a Retry-After header when retryAfter > 0 and the API's error
// body. Faults queue: a second call adds its n after those still pending.
func (s *Server) FailNext(n, status int, retryAfter time.Duration) {
	s.kit.FailNext(n, simkit.Fault{Status: status, RetryAfter: retryAfter})
}

// FailNextToken makes the next n token requests fail with status.
func (s *Server) FailNextToken(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.failTokens = append(s.failTokens, simkit.Fault{Status: status})
	}
}

// FailCaptures makes the next n captures scheduled fail with fault; the task
// re-plans while its window lasts (NEI tasks do not).
func (s *Server) FailCaptures(n int, f CaptureFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.captureFaults = append(s.captureFaults, f)
	}
}

// PreemptNext makes the next n tasks that leave pending lose their allocated
// capture to a higher-priority order instead: the queued capture is dropped,
// its opportunity is used up, and the task goes back to planning.
func (s *Server) PreemptNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.preempt += n
}

// FailAnalyses makes the next n analyses submitted end "failed".
func (s *Server) FailAnalyses(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failAnalyses += n
}

// RevokeTokens invalidates every token issued so far, as a key rotation
// would: the API answers 401 to them.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = map[string]time.Time{}
}

// TokenRequests returns how many token requests the simulator received.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenRequests
}

// TaskCount returns how many tasks the simulator holds.
func (s *Server) TaskCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tasks)
}

// Status returns a task's raw status (a satellogic.TaskStatus value) without
// moving it; "" if the simulator holds no task with that id.
func (s *Server) Status(id string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tasks[n]
	if !ok {
		return ""
	}
	return string(t.status)
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	return simkit.RequestsAs[Request](&s.kit)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() { s.kit.ResetRequests() }

// Unexpected returns the moves the simulator refused because
// satellogic.TaskLifecycle or CaptureLifecycle does not allow them. It should
// always be empty; tests check it.
func (s *Server) Unexpected() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.unexpected...)
}

// maxBody is the largest request body the simulator reads.
const maxBody = 8 << 20

// serve is the one handler.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := simkit.ReadBody(r, maxBody+1)
	if err != nil || len(body) > maxBody {
		writeJSON(w, http.StatusBadRequest, map[string]any{"detail": "could not read the request body"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.kit.LogRedacted(w, r, s.redactBody(r, body), simkit.Secret{Header: satellogic.HeaderToken, KeepScheme: true},
		simkit.Secret{Header: "Authorization", KeepScheme: true})
	defer rec.Finish()
	w = rec

	if r.URL.Path == "/oauth/token" {
		s.token(w, r, body)
		return
	}
	if f, ok := s.kit.NextFault(); ok {
		simkit.SetRetryAfter(w, f.RetryAfter)
		msg := http.StatusText(f.Status)
		if f.Status >= 500 {
			msg = "Internal server error"
		}
		writeJSON(w, f.Status, map[string]any{"message": msg})
		return
	}
	contract, ok := s.authorize(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthorized"})
		return
	}
	s.route(w, r, body, contract)
}

// redactBody returns the body for the log: the token request's client_secret
// blanked.
func (s *Server) redactBody(r *http.Request, body []byte) []byte {
	if r.URL.Path == "/oauth/token" && len(body) > 0 {
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			if _, ok := m["client_secret"]; ok {
				m["client_secret"] = "[REDACTED]"
			}
			body, _ = json.Marshal(m, json.Deterministic(true))
		} else {
			body = bytes.ReplaceAll(body, []byte(s.ClientSecret), []byte("[REDACTED]"))
		}
	}
	return append([]byte(nil), body...)
}

// token is POST /oauth/token: client credentials with a JSON body.
func (s *Server) token(w http.ResponseWriter, r *http.Request, body []byte) {
	s.tokenRequests++
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method_not_allowed"})
		return
	}
	if len(s.failTokens) > 0 {
		f := s.failTokens[0]
		s.failTokens = s.failTokens[1:]
		writeJSON(w, f.Status, map[string]any{"error": "server_error", "error_description": http.StatusText(f.Status)})
		return
	}
	var req struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
		Audience     string `json:"audience"`
		GrantType    string `json:"grant_type"`
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || json.Unmarshal(body, &req) != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_request",
			"error_description": "the request body must be a JSON object"})
		return
	}
	switch {
	case req.GrantType != "client_credentials":
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type",
			"error_description": "grant type must be client_credentials"})
	case req.ClientID != s.ClientID || req.ClientSecret != s.ClientSecret:
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "access_denied", "error_description": "Unauthorized"})
	case req.Audience != satellogic.DefaultAudience:
		writeJSON(w, http.StatusForbidden, map[string]any{"error": "access_denied",
			"error_description": "Service not found: " + req.Audience})
	default:
		s.tokenSeq++
		tok := fmt.Sprintf("simtok-%06d-%08x", s.tokenSeq, hash(fmt.Sprint("token", s.tokenSeq)))
		s.tokens[tok] = s.kit.Now().Add(s.cfg.tokenTTL)
		writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "scope": "api:tasking api:delivery",
			"expires_in": int64(s.cfg.tokenTTL / time.Second), "token_type": "Bearer"})
	}
}

// authorize checks the token (or legacy key) and, except on /contracts, the
// contract header. It returns the contract the request works under.
func (s *Server) authorize(r *http.Request) (string, bool) {
	v := r.Header.Get(satellogic.HeaderToken)
	scheme, cred, _ := strings.Cut(v, " ")
	legacy := false
	switch scheme {
	case "Bearer":
		exp, ok := s.tokens[cred]
		if !ok || !s.kit.Now().Before(exp) {
			return "", false
		}
	case "Key,Secret":
		if cred != s.LegacyKeyID+","+s.LegacyKeySecret {
			return "", false
		}
		legacy = true
	default:
		return "", false
	}
	if strings.TrimSuffix(r.URL.Path, "/") == "/contracts" {
		return "", true
	}
	contract := r.Header.Get(satellogic.HeaderContract)
	if contract == "" && legacy {
		return s.ContractID, true
	}
	for _, c := range s.cfg.contracts {
		if c.ID == contract {
			return contract, true
		}
	}
	return "", false
}

// route dispatches an authorized API request.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte, contract string) {
	p := r.URL.Path
	method := func(allowed ...string) bool {
		for _, m := range allowed {
			if r.Method == m {
				return true
			}
		}
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"detail": fmt.Sprintf("Method %q not allowed.", r.Method)})
		return false
	}
	switch {
	case p == "/contracts" || p == "/contracts/":
		if method(http.MethodGet) {
			s.listContracts(w)
		}
	case p == "/tasking/products/":
		if method(http.MethodGet) {
			s.listProducts(w, r)
		}
	case p == "/tasking/tasks/":
		if r.Method == http.MethodPost {
			s.createTask(w, body, contract)
		} else if method(http.MethodGet, http.MethodPost) {
			s.listTasks(w, r, contract)
		}
	case p == "/telluric/scenes/":
		if method(http.MethodGet) {
			s.listScenes(w, r, contract)
		}
	case p == "/tasking/analysis/can-add-order/":
		if method(http.MethodPost) {
			s.submitAnalysis(w, body, satellogic.AnalysisCanAdd, contract)
		}
	case p == "/tasking/analysis/opportunities/":
		if method(http.MethodPost) {
			s.submitAnalysis(w, body, satellogic.AnalysisOpportunities, contract)
		}
	case strings.HasPrefix(p, "/tasking/analysis/") && strings.HasSuffix(p, "/"):
		id := strings.TrimSuffix(strings.TrimPrefix(p, "/tasking/analysis/"), "/")
		if strings.Contains(id, "/") {
			notFound(w)
			return
		}
		if method(http.MethodGet) {
			s.getAnalysis(w, id, contract)
		}
	case strings.HasPrefix(p, "/tasking/tasks/") && strings.HasSuffix(p, "/"):
		rest := strings.Split(strings.TrimSuffix(strings.TrimPrefix(p, "/tasking/tasks/"), "/"), "/")
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || len(rest) > 2 {
			notFound(w)
			return
		}
		t, ok := s.tasks[id]
		if !ok || t.contract != contract {
			notFound(w)
			return
		}
		switch {
		case len(rest) == 1:
			if method(http.MethodGet) {
				for i := 0; i < s.cfg.stepsPerPoll; i++ {
					s.step(t)
				}
				writeJSON(w, http.StatusOK, s.taskJSON(t))
			}
		case rest[1] == "captures":
			if method(http.MethodGet) {
				s.listCaptures(w, r, t)
			}
		case rest[1] == "cancel":
			if method(http.MethodPatch) {
				s.cancel(w, t)
			}
		default:
			notFound(w)
		}
	default:
		notFound(w)
	}
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not found."})
}

func writeJSON(w http.ResponseWriter, status int, v any) { simkit.WriteJSON(w, status, v) }

func (s *Server) listContracts(w http.ResponseWriter) {
	items := make([]map[string]any, 0, len(s.cfg.contracts))
	for _, c := range s.cfg.contracts {
		items = append(items, map[string]any{"contract_id": c.ID, "name": c.Name})
	}
	if s.cfg.contractEnvelope {
		writeJSON(w, http.StatusOK, map[string]any{"count": len(items), "next": nil, "previous": nil, "results": items})
		return
	}
	writeJSON(w, http.StatusOK, items)
}

var simProducts = []map[string]any{
	{"pk": int(satellogic.ProductPOI), "name": "Multispectral 70cm", "is_area": false},
	{"pk": int(satellogic.ProductAOI), "name": "Area Coverage 70cm", "is_area": true},
	{"pk": int(satellogic.ProductNEI), "name": "Non-Earth Imaging", "is_area": false},
}

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	items := make([]any, len(simProducts))
	for i, p := range simProducts {
		items[i] = p
	}
	writeJSON(w, http.StatusOK, s.page(r, items))
}

// page cuts items into a DRF limit/offset envelope with absolute links.
func (s *Server) page(r *http.Request, items []any) map[string]any {
	q := r.URL.Query()
	limit := s.cfg.defaultLimit
	if v, err := strconv.Atoi(q.Get("limit")); err == nil && v > 0 {
		limit = min(v, 1000)
	}
	offset := 0
	if v, err := strconv.Atoi(q.Get("offset")); err == nil && v > 0 {
		offset = v
	}
	link := func(off int) any {
		if off < 0 || off >= len(items) {
			return nil
		}
		nq := simkit.CloneValues(q)
		nq.Set("limit", strconv.Itoa(limit))
		if off == 0 {
			nq.Del("offset")
		} else {
			nq.Set("offset", strconv.Itoa(off))
		}
		return (&url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: nq.Encode()}).String()
	}
	end := min(offset+limit, len(items))
	results := []any{}
	if offset < len(items) {
		results = items[offset:end]
	}
	var prev any
	if offset > 0 {
		prev = link(max(0, offset-limit))
	}
	var next any
	if end < len(items) {
		next = link(end)
	}
	return map[string]any{"count": len(items), "next": next, "previous": prev, "results": results}
}

func hash(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}

// uuidFor makes a deterministic UUID-looking id.
func uuidFor(kind string, n int) string {
	a, b, c, d := hash(fmt.Sprint(kind, n, "a")), hash(fmt.Sprint(kind, n, "b")), hash(fmt.Sprint(kind, n, "c")), hash(fmt.Sprint(kind, n, "d"))
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%04x%08x", a, b>>16, b&0xfff, 0x8000|(c>>16)&0x3fff, c&0xffff, d)
}
