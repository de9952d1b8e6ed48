package satellogic

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// MinOpportunityBuffer is the margin Satellogic advises around an analysed
// collection time when turning it into a task: estimates may shift with
// satellite maintenance or new ephemerides.
const MinOpportunityBuffer = 10 * time.Minute

// AnalysisRetention is how long Satellogic keeps an analysis result (about
// 24 hours, after which polling it answers 404). The adapter takes it as
// the life of the opportunities the analysis lists: a secondary source, not
// a Satellogic page, states it.
const AnalysisRetention = 24 * time.Hour

// Analysis is an analysis request and, once ready, its result. The answer's
// layout is not published: the typed fields are read best-effort (see
// UnmarshalJSONFrom), Result keeps the server's result member as received
// and Unknown the members that no typed field read.
type Analysis struct {
	ID     string         // the analysis id, to poll with; a numeric id is kept as its digits
	Kind   AnalysisKind   // which analysis this is, as the client submitted or fetched it
	Status AnalysisStatus // the server's state; AnalysisCompleted when it sent a result and no state
	// Created is when the analysis was made: the server's "created_time"
	// (UNCONFIRMED: the name the Tasking API gives a task's creation time),
	// or, when it sends none, the client's clock when Submit received the
	// answer. Zero for an analysis decoded otherwise without one.
	Created time.Time
	// CanAdd is the can-add verdict when the server states one (nil if not).
	CanAdd *bool
	// Opportunities are the collection opportunities found in the result.
	Opportunities []Opportunity
	// Result is the server's result member as received (nil while pending).
	Result jsontext.Value
	// Unknown holds the members the provider sent that no field above read,
	// kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value
}

// Keys read for each typed field, first found wins.
var (
	analysisIDKeys      = []string{"id", "analysis_id", "uuid", "pk", "request_id"}
	analysisStatusKeys  = []string{"status", "state"}
	analysisCreatedKeys = []string{"created_time"}
	analysisResultKeys  = []string{"result", "results", "data", "analysis", "output"}
	opportunityKeys     = []string{"opportunities", "windows", "collection_opportunities", "captures", "results"}
	canAddKeys          = []string{"can_add", "can_be_added", "can_add_order", "feasible", "is_feasible", "available"}
)

// UnmarshalJSONFrom reads an analysis leniently, in the layouts the API may
// use (it publishes none). The id is read from "id" (or analysis_id, uuid,
// pk, request_id; string or number), the state from "status" (or state), the
// creation time from "created_time", the result from "result" (or results,
// data, analysis, output). Opportunities
// are the result itself when it is an array, or its "opportunities"
// (windows, collection_opportunities, captures, results) array; with no
// result member they are looked for at the top level. CanAdd is the first
// boolean among can_add, can_be_added, can_add_order, feasible, is_feasible
// and available, in the result or at the top level. A bare array is read as
// a completed result. A member of an unexpected type is passed over, not an
// error; the answer must be an object or an array.
func (a *Analysis) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	opts := dec.Options()
	out := Analysis{Kind: a.Kind}
	switch dec.PeekKind() {
	case '[':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		out.Result = v.Clone()
		out.Status, out.Opportunities = AnalysisCompleted, readOpportunities(out.Result, opts)
		*a = out
		return nil
	case '{':
	case 'n':
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		return errors.New("null is not an analysis")
	default:
		if err := dec.SkipValue(); err != nil {
			return err
		}
		return errors.New("an analysis is a JSON object or array")
	}
	m, err := readObject(dec)
	if err != nil {
		return err
	}
	out.ID = m.firstText(analysisIDKeys)
	out.Status = AnalysisStatus(m.firstText(analysisStatusKeys))
	out.Created = m.firstTime(analysisCreatedKeys, opts)
	scope := m
	m.markNull(analysisResultKeys) // a null result is what Result nil says
	if v, ok := m.first(analysisResultKeys, func(v jsontext.Value) bool { return v.Kind() != 'n' }); ok {
		out.Result = v
		switch v.Kind() {
		case '[':
			out.Opportunities = readOpportunities(v, opts)
			scope = nil
		case '{':
			var inner object
			if json.Unmarshal(v, &inner, opts) == nil {
				scope = inner
			}
		}
		if out.Status == "" {
			out.Status = AnalysisCompleted
		}
	}
	if scope != nil {
		if v, ok := scope.first(opportunityKeys, isArray); ok {
			out.Opportunities = readOpportunities(v, opts)
		}
	}
	for _, src := range []object{scope, m} {
		if v, ok := src.first(canAddKeys, isBool); ok {
			b := v.Kind() == 't'
			out.CanAdd = &b
			break
		}
	}
	out.Unknown = m.unused()
	*a = out
	return nil
}

// absent reports whether a holds no analysis: no id, state, result, verdict
// or opportunities (the answer was empty, {} or all null).
func (a *Analysis) absent() bool {
	return a.ID == "" && a.Status == "" && len(a.Result) == 0 && a.CanAdd == nil && a.Opportunities == nil
}

// Earliest returns the opportunity that starts first.
func (a *Analysis) Earliest() (Opportunity, bool) {
	var best Opportunity
	found := false
	for _, o := range a.Opportunities {
		if o.Start.IsZero() {
			continue
		}
		if !found || o.Start.Before(best.Start) {
			best, found = o, true
		}
	}
	return best, found
}

// Opportunity is one estimated collection opportunity of an analysis.
// Satellogic does not publish its layout: every field is UNCONFIRMED and
// read best-effort (see UnmarshalJSONFrom).
type Opportunity struct {
	ID        string    // the opportunity's id, when given
	Start     time.Time // estimated start of the collection
	End       time.Time // estimated end (Start when the server gives one time)
	Satellite string    // the satellite, when given
	OffNadir  *float64  // off-nadir angle in degrees, when given
	// CloudCover is the forecast cloud cover in percent (0–100), when
	// given; a value outside 0–100 is passed over.
	CloudCover *float64
	// Unknown holds the members the provider sent that no field above read,
	// kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value
}

var (
	oppStartKeys     = []string{"start", "start_time", "collection_start", "window_start", "begin", "time", "capture_time", "datetime", "date"}
	oppEndKeys       = []string{"end", "end_time", "collection_end", "window_end", "stop"}
	oppSatelliteKeys = []string{"satellite", "satellite_name", "sat", "satellite_id", "platform"}
	oppOffNadirKeys  = []string{"off_nadir", "off_nadir_angle", "ona", "off_nadir_deg"}
	oppIDKeys        = []string{"id"}
	oppCloudKeys     = []string{"cloud_cover"}
)

// UnmarshalJSONFrom reads an opportunity leniently from an object (times from
// start/start_time/collection_start/…, end/end_time/…, satellite, off_nadir
// or ona, the id from "id", the cloud forecast from "cloud_cover") or from a
// bare datetime string. Fields it cannot read stay zero; it
// fails only on JSON that is neither.
func (o *Opportunity) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	opts := dec.Options()
	if dec.PeekKind() == '"' {
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		var t time.Time
		_ = json.Unmarshal(v, &t, opts)
		*o = Opportunity{Start: t, End: t}
		return nil
	}
	if dec.PeekKind() != '{' {
		if err := dec.SkipValue(); err != nil {
			return err
		}
		return errors.New("an opportunity is a JSON object or a time")
	}
	m, err := readObject(dec)
	if err != nil {
		return err
	}
	out := Opportunity{Start: m.firstTime(oppStartKeys, opts), End: m.firstTime(oppEndKeys, opts)}
	if out.End.IsZero() || out.End.Before(out.Start) {
		out.End = out.Start
	}
	out.ID = m.firstText(oppIDKeys)
	out.Satellite = m.firstText(oppSatelliteKeys)
	out.OffNadir = m.firstNumber(oppOffNadirKeys, opts, func(float64) bool { return true })
	out.CloudCover = m.firstNumber(oppCloudKeys, opts, func(f float64) bool { return f >= 0 && f <= 100 })
	out.Unknown = m.unused()
	*o = out
	return nil
}

// readOpportunities reads an array of opportunities, passing over the items
// that are neither an object nor a time. It returns a non-nil slice.
func readOpportunities(v jsontext.Value, opts json.Options) []Opportunity {
	var items []jsontext.Value
	_ = json.Unmarshal(v, &items, opts)
	out := make([]Opportunity, 0, len(items))
	for _, it := range items {
		var o Opportunity
		if it.Kind() != 'n' && json.Unmarshal(it, &o, opts) == nil {
			out = append(out, o)
		}
	}
	return out
}

// Neutral returns the neutral view of o, a pass that lapses at expires
// (zero: no expiry known). Its Raw is o itself.
func (o *Opportunity) Neutral(expires time.Time) *tasking.Opportunity {
	return &tasking.Opportunity{Provider: Name, ID: o.ID, Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: o.Start, End: o.End}, Satellite: o.Satellite, OffNadir: o.OffNadir,
		CloudCover: o.CloudCover, ExpiresAt: expires, Raw: o}
}

// TaskRequest turns the opportunity into a task request: a copy of base whose
// window runs from buffer before the opportunity's start to buffer after its
// end. A buffer under MinOpportunityBuffer (10 minutes, Satellogic's advice)
// is raised to it. It fails when the opportunity has no start time.
func (o Opportunity) TaskRequest(base *TaskCreateRequest, buffer time.Duration) (*TaskCreateRequest, error) {
	if o.Start.IsZero() {
		return nil, tasking.Invalid("start", "the opportunity has no collection time")
	}
	if buffer < MinOpportunityBuffer {
		buffer = MinOpportunityBuffer
	}
	var req TaskCreateRequest
	if base != nil {
		req = *base
		req.Extra = maps.Clone(base.Extra)
	}
	end := o.End
	if end.IsZero() || end.Before(o.Start) {
		end = o.Start
	}
	req.Start = o.Start.Add(-buffer).UTC()
	req.End = end.Add(buffer).UTC()
	return &req, nil
}

// AnalysisService is the Analysis API: feasibility before ordering. Analyses
// are asynchronous: a submission returns an id, and the result is typically
// ready after 20 to 60 seconds and kept for 24 hours (after which polling
// answers 404). They cost nothing and place no order.
type AnalysisService struct{ c *Client }

func (s *AnalysisService) collection(kind AnalysisKind) (string, error) {
	switch kind {
	case AnalysisCanAdd:
		return s.c.paths.CanAddOrder, nil
	case AnalysisOpportunities:
		return s.c.paths.Opportunities, nil
	}
	return "", fmt.Errorf("satellogic: unknown analysis kind %q", kind)
}

// Submit starts an analysis of the given kind:
// POST /tasking/analysis/can-add-order/ (AnalysisCanAdd: which opportunities
// the task could actually get now;
// https://developers.satellogic.com/tasking-service/practical_use_cases.html)
// or POST /tasking/analysis/opportunities/ (AnalysisOpportunities: every
// physically feasible opportunity; path UNCONFIRMED, see
// Paths.Opportunities). Poll it with Wait, or use Run. req is the task
// payload, checked with Validate first (the same payload can then be used to
// create the task). Submitting is free and idempotent in effect, so it is retried like a read.
// A success answer that holds no analysis is a *tasking.DecodeError.
func (s *AnalysisService) Submit(ctx context.Context, kind AnalysisKind, req *TaskCreateRequest) (*Analysis, error) {
	path, err := s.collection(kind)
	if err != nil {
		return nil, err
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	a := Analysis{Kind: kind}
	if err := s.c.doOne(ctx, &transport.Request{Method: http.MethodPost, Path: path, Body: req}, &a, "analysis"); err != nil {
		return nil, err
	}
	if a.Created.IsZero() {
		a.Created = time.Now().UTC()
	}
	return &a, nil
}

// Get fetches an analysis by id: GET /tasking/analysis/{id}/ (UNCONFIRMED,
// see Paths.AnalysisResult; no public page). An analysis older than
// 24 hours is gone: the error matches tasking.ErrNotFound. An id that cannot
// name one resource (empty, "." or "..", control characters, invalid UTF-8;
// see tasking.CheckID) is refused with a *tasking.ValidationError before any
// request; a success answer that holds no analysis is a *tasking.DecodeError.
func (s *AnalysisService) Get(ctx context.Context, kind AnalysisKind, id string) (*Analysis, error) {
	coll, err := s.collection(kind)
	if err != nil {
		return nil, err
	}
	if err := tasking.CheckID("id", id); err != nil {
		return nil, err
	}
	path := strings.NewReplacer("{id}", url.PathEscape(id), "{collection}", coll).Replace(s.c.paths.AnalysisResult)
	a := Analysis{Kind: kind}
	if err := s.c.doOne(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &a, "analysis"); err != nil {
		return nil, err
	}
	if a.ID == "" {
		a.ID = id
	}
	return &a, nil
}

// Wait polls an analysis with GET /tasking/analysis/{id}/ (as Get) until it
// is ready (or opts.Until holds) and returns it; a failed analysis is returned without error (check Status.Failed).
// Delays opts leaves zero come from WithPollDelays, then tasking's defaults.
// Against the real API use delays of seconds: results take 20 to 60 s. An id
// that Get refuses is refused before any request.
func (s *AnalysisService) Wait(ctx context.Context, kind AnalysisKind, id string, opts *tasking.WaitOptions) (*Analysis, error) {
	return tasking.Wait(ctx, s.fetcher(kind, id), analysisStatus, nil, s.untilReady(opts))
}

// Watch is the iterator form of Wait: it yields the analysis each time its
// status changes, the first observation included, until it is ready (or
// opts.Until holds).
//
// Endpoint: GET /tasking/analysis/{id}/, polled.
func (s *AnalysisService) Watch(ctx context.Context, kind AnalysisKind, id string, opts *tasking.WaitOptions) iter.Seq2[*Analysis, error] {
	return tasking.Watch(ctx, s.fetcher(kind, id), analysisStatus, nil, s.untilReady(opts))
}

func (s *AnalysisService) fetcher(kind AnalysisKind, id string) func(context.Context) (*Analysis, error) {
	return func(ctx context.Context) (*Analysis, error) { return s.Get(ctx, kind, id) }
}

// untilReady is opts with the client's poll delays where it leaves them
// zero, and Until "the analysis is ready" where it sets none.
func (s *AnalysisService) untilReady(opts *tasking.WaitOptions) *tasking.WaitOptions {
	o := opts.WithPollDelays(s.c.PollDelays())
	if o.Until == nil {
		o.Until = func(e tasking.StatusEvent) bool { return AnalysisStatus(e.Raw).Ready() }
	}
	return o
}

func analysisStatus(a *Analysis) AnalysisStatus {
	if a == nil {
		return ""
	}
	return a.Status
}

// Run submits an analysis and waits for its result:
// POST /tasking/analysis/can-add-order/ (or opportunities/, as Submit), then
// GET /tasking/analysis/{id}/ until it is ready (as Wait). A failed analysis is
// returned with an error wrapping ErrAnalysisFailed.
//
// See https://developers.satellogic.com/tasking-service/practical_use_cases.html.
func (s *AnalysisService) Run(ctx context.Context, kind AnalysisKind, req *TaskCreateRequest, opts *tasking.WaitOptions) (*Analysis, error) {
	a, err := s.Submit(ctx, kind, req)
	if err != nil {
		return nil, err
	}
	if a.Status.Pending() {
		if a.ID == "" {
			return a, fmt.Errorf("satellogic: the %s analysis is pending and the server gave no id to poll", kind)
		}
		created := a.Created
		if a, err = s.Wait(ctx, kind, a.ID, opts); err != nil {
			return a, err
		}
		if a != nil && a.Created.IsZero() {
			a.Created = created
		}
	}
	if a.Status.Failed() {
		return a, fmt.Errorf("%w: %s analysis %s ended %q", ErrAnalysisFailed, kind, a.ID, a.Status)
	}
	return a, nil
}
