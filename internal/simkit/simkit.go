// Package simkit is what the four simulators (planettest, satellogictest,
// clearskytest, capellatest) share: the clock, the queue of injected faults,
// the request log with the status each request was answered with, body
// reading, and JSON writing. Each simulator embeds a Kit in its Server and
// keeps its provider's own wire format, auth check and state.
//
// A Kit is safe for concurrent use: it has a lock of its own, taken last
// (the simulator may hold its own lock when it calls the kit; the kit never
// calls back), so that an answer written outside the simulator's lock can
// still note its status in the log.
package simkit

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Fault is one failure a simulator answers with instead of handling a
// request: an HTTP status, a Retry-After when positive, and a provider error
// code where the provider has them (ClearSKY's).
type Fault struct {
	Status     int
	RetryAfter time.Duration
	Code       int
}

// Record is one request a simulator received, as its Requests control
// returns it.
type Record struct {
	Method   string      // HTTP method
	Path     string      // URL path
	RawQuery string      // the query as sent
	Query    url.Values  // the query, parsed
	Header   http.Header // credential headers blanked
	Body     []byte      // the body as sent (capped)
	Status   int         // the status the simulator answered with
	Time     time.Time   // when it arrived, on the simulator's clock
}

// Kit holds a simulator's test server, clock, fault queue and request log.
type Kit struct {
	srv    *httptest.Server // set by Start, before the kit is shared
	mu     sync.Mutex
	clock  time.Time // zero: the wall clock
	faults []Fault
	log    []Record
	epoch  int // counts ResetRequests, so that a late answer does not note a new log
}

// Start serves h on a new loopback test server and returns its URL (no
// trailing slash). Call it once, before the kit is shared; Close stops the
// server.
func (k *Kit) Start(h http.HandlerFunc) string {
	k.srv = httptest.NewServer(h)
	return k.srv.URL
}

// Close shuts down the server Start started, if any.
func (k *Kit) Close() {
	if k.srv != nil {
		k.srv.Close()
	}
}

// Must returns a simulator's client, or panics with err: a client built with
// the simulator's own loopback URL and credentials cannot fail but for a bad
// option.
func Must[C any](c C, err error) C {
	if err != nil {
		panic(fmt.Sprintf("simkit: the simulator's client: %v", err))
	}
	return c
}

// Now returns the simulator's time: the wall clock (UTC) until SetNow.
func (k *Kit) Now() time.Time {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.now()
}

func (k *Kit) now() time.Time {
	if k.clock.IsZero() {
		return time.Now().UTC()
	}
	return k.clock
}

// SetNow freezes the clock at t.
func (k *Kit) SetNow(t time.Time) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.clock = t.UTC()
}

// FailNext queues n faults; n <= 0 queues none.
func (k *Kit) FailNext(n int, f Fault) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for range max(0, n) {
		k.faults = append(k.faults, f)
	}
}

// NextFault takes the next queued fault, if any.
func (k *Kit) NextFault() (Fault, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.faults) == 0 {
		return Fault{}, false
	}
	f := k.faults[0]
	k.faults = k.faults[1:]
	return f, true
}

// Log records r (with its body) and returns a Recorder for the answer that
// notes its status in the record; the headers named in secret are blanked
// ("[REDACTED]").
func (k *Kit) Log(w http.ResponseWriter, r *http.Request, body []byte, secret ...string) *Recorder {
	secrets := make([]Secret, len(secret))
	for i, name := range secret {
		secrets[i] = Secret{Header: name}
	}
	return k.LogRedacted(w, r, body, secrets...)
}

// Secret is a request header the log blanks. With KeepScheme the value's
// first word (an auth scheme such as "Bearer") is kept: "Bearer [REDACTED]";
// a value of one word is blanked whole.
type Secret struct {
	Header     string
	KeepScheme bool
}

// Redacted is the text that stands for a secret in the log.
const Redacted = "[REDACTED]"

// redact returns a copy of h with the secrets blanked.
func redact(h http.Header, secrets []Secret) http.Header {
	h = h.Clone()
	for _, s := range secrets {
		v := h.Get(s.Header)
		if v == "" {
			continue
		}
		if scheme, _, ok := strings.Cut(v, " "); ok && s.KeepScheme {
			h.Set(s.Header, scheme+" "+Redacted)
		} else {
			h.Set(s.Header, Redacted)
		}
	}
	return h
}

// LogRedacted is Log with the secrets described by Secret.
func (k *Kit) LogRedacted(w http.ResponseWriter, r *http.Request, body []byte, secrets ...Secret) *Recorder {
	h := redact(r.Header, secrets)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log = append(k.log, Record{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Query: r.URL.Query(),
		Header: h, Body: body, Time: k.now()})
	return &Recorder{ResponseWriter: w, kit: k, entry: len(k.log) - 1, epoch: k.epoch}
}

// Requests returns a copy of the log, oldest first. The copy shares no map
// or body with the log.
func (k *Kit) Requests() []Record {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make([]Record, len(k.log))
	for i, rec := range k.log {
		rec.Query, rec.Header, rec.Body = CloneValues(rec.Query), rec.Header.Clone(), bytes.Clone(rec.Body)
		out[i] = rec
	}
	return out
}

// CloneValues returns a deep copy of v (never nil), for a simulator that
// builds a query from the one it was sent.
func CloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for key, vs := range v {
		out[key] = slices.Clone(vs)
	}
	return out
}

// Request is what a simulator's own Request type is: a named type with the
// fields of Record, in Record's order.
type Request interface {
	~struct {
		Method   string
		Path     string
		RawQuery string
		Query    url.Values
		Header   http.Header
		Body     []byte
		Status   int
		Time     time.Time
	}
}

// RequestsAs returns a copy of k's log as a simulator's own Request type
// (see Requests).
func RequestsAs[R Request](k *Kit) []R {
	recs := k.Requests()
	out := make([]R, len(recs))
	for i, rec := range recs {
		out[i] = R(rec)
	}
	return out
}

// ResetRequests empties the log.
func (k *Kit) ResetRequests() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log = nil
	k.epoch++
}

// Recorder notes the status an answer is written with in its log record.
type Recorder struct {
	http.ResponseWriter
	kit   *Kit
	entry int
	epoch int
	done  bool
}

func (r *Recorder) note(status int) {
	if r.done {
		return
	}
	r.done = true
	r.kit.mu.Lock()
	defer r.kit.mu.Unlock()
	// A ResetRequests between the request and its answer leaves nothing to note.
	if r.epoch == r.kit.epoch {
		r.kit.log[r.entry].Status = status
	}
}

// WriteHeader notes status and sends it.
func (r *Recorder) WriteHeader(status int) {
	r.note(status)
	r.ResponseWriter.WriteHeader(status)
}

// Write notes an implicit 200 and sends b.
func (r *Recorder) Write(b []byte) (int, error) {
	r.note(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

// Finish notes 200 for an answer that wrote nothing.
func (r *Recorder) Finish() { r.note(http.StatusOK) }

// Unwrap returns the wrapped writer, for http.ResponseController.
func (r *Recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// ReadBody reads at most limit bytes of a request body.
func ReadBody(r *http.Request, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r.Body, limit))
}

// SetRetryAfter sets Retry-After in whole seconds, rounded up, when d is
// positive.
func SetRetryAfter(w http.ResponseWriter, d time.Duration) {
	if d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	}
}

// WriteJSON writes v as the answer with status, the way the providers'
// servers do: GeoJSON geometries, nil lists and maps as null, members in a
// stable order.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.MarshalWrite(w, v, JSONOptions())
}

// JSONOptions are the encoding options of WriteJSON, for simulators that
// encode elsewhere too.
func JSONOptions() json.Options {
	return json.JoinOptions(geo.JSONOptions(), json.FormatNilSliceAsNull(true), json.FormatNilMapAsNull(true),
		json.Deterministic(true), jsontext.EscapeForHTML(false))
}
