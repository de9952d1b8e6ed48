package satellogic

import (
	"context"
	"fmt"
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// ProviderDefaults is what the neutral adapter needs beyond a
// tasking.Request. Every field has a usable zero value.
type ProviderDefaults struct {
	// Product to task. Zero picks by geometry: ProductPOI for a Point,
	// ProductAOI for a Polygon.
	Product ProductID
	// ProjectName groups the adapter's tasks (required by the API). Default
	// "eotask".
	ProjectName string
	// MaxCaptures is sent with every task when set.
	MaxCaptures int
	// ExpectedAge is sent with every task when set.
	ExpectedAge time.Duration
	// EstimateWait tunes polling of the can-add analysis behind Estimate.
	// Nil polls at the client's poll delays (WithPollDelays), or every 5 s to
	// 15 s when none are set (results take 20 to 60 s).
	EstimateWait *tasking.WaitOptions
	// BookingBuffer is the margin Submit puts on each side of a booked
	// opportunity: the task's window runs from BookingBuffer before the
	// opportunity's start to BookingBuffer after its end. Zero, or less
	// than MinOpportunityBuffer, uses MinOpportunityBuffer (10 minutes,
	// Satellogic's advice).
	BookingBuffer time.Duration
}

// Adapter is the neutral face of a Client: it implements tasking.Provider,
// tasking.Estimator (through the can-add analysis), tasking.Deliverer
// (captures and their scenes' attachments) and tasking.PollHinter.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
	_ tasking.Deliverer  = (*Adapter)(nil)
)

// Provider returns the neutral adapter for c with the given defaults.
func (c *Client) Provider(defaults ProviderDefaults) *Adapter {
	if strings.TrimSpace(defaults.ProjectName) == "" {
		defaults.ProjectName = "eotask"
	}
	return &Adapter{c: c, d: defaults}
}

// PollDelays returns the client's poll delays (WithPollDelays; zero when not
// set), so that tasking.WaitTask polls a simulator fast and a real API at its
// defaults.
func (a *Adapter) PollDelays() (min, max time.Duration) { return a.c.PollDelays() }

// Name returns "satellogic".
func (a *Adapter) Name() string { return Name }

// Client returns the Satellogic client behind the adapter, for what the neutral
// view does not cover.
func (a *Adapter) Client() *Client { return a.c }

// Request returns the task request Submit sends for req, checked as Submit
// checks it: tasking.CheckRequest, tasking.CheckBooking, then the task's own
// rules, a *tasking.ValidationError naming the neutral field (Name,
// Geometry, Start, End, Opportunity). req.Name becomes the task_name, which
// Satellogic requires.
//
// With req.Opportunity set, the task books that opportunity: its window is
// the opportunity's, widened by ProviderDefaults.BookingBuffer (at least
// MinOpportunityBuffer, 10 minutes) on each side, with req's geometry and
// name and the defaults' product, project and captures
// (Opportunity.TaskRequest). Satellogic books by window, not by id: the
// planner may still pick another pass inside the buffered window, and the
// opportunity's own window is req.Opportunity.Window when its Raw is not a
// satellogic Opportunity.
func (a *Adapter) Request(req *tasking.Request) (*TaskCreateRequest, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := tasking.CheckBooking(req, Name, time.Now()); err != nil {
		return nil, err
	}
	tr := a.build(req)
	if o := req.Opportunity; o != nil {
		var own Opportunity
		switch r := o.Raw.(type) {
		case *Opportunity:
			if r != nil {
				own = *r
			}
		case Opportunity:
			own = r
		}
		if own.Start.IsZero() {
			own = Opportunity{ID: o.ID, Start: o.Start, End: o.End}
		}
		var err error
		if tr, err = own.TaskRequest(tr, a.d.BookingBuffer); err != nil {
			return nil, tasking.Invalid("Opportunity", "cannot be booked: %v", err)
		}
	}
	if err := tr.Validate(); err != nil {
		return nil, neutralFields.Rename(err)
	}
	return tr, nil
}

// build makes the task request for req with the defaults, unchecked.
func (a *Adapter) build(req *tasking.Request) *TaskCreateRequest {
	p := a.d.Product
	if p == 0 {
		switch req.Geometry.(type) {
		case orb.Point:
			p = ProductPOI
		case orb.Polygon:
			p = ProductAOI
		case nil:
			p = ProductPOI
		}
	}
	return &TaskCreateRequest{
		TaskName:    req.Name,
		ProjectName: a.d.ProjectName,
		Product:     p,
		Target:      req.Geometry,
		Start:       req.Start,
		End:         req.End,
		MaxCaptures: a.d.MaxCaptures,
		ExpectedAge: a.d.ExpectedAge,
	}
}

// Submit creates the task Request makes of req (never sent twice); with
// req.Opportunity set, that task books the opportunity (see Request).
// Another provider's opportunity, or one expired or started by the local
// clock, is refused before anything is sent.
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	tr, err := a.Request(req)
	if err != nil {
		return nil, err
	}
	t, err := adapter.Neutral(a.c.Tasks.Create(ctx, tr))
	return t, neutralFields.Rename(err)
}

// neutralFields maps the task's wire fields onto the tasking.Request fields
// they come from, for the Adapter's validation errors.
var neutralFields = adapter.Fields{"task_name": "Name", "target": "Geometry", "start": "Start", "end": "End"}

// parseID reads a neutral id as a Satellogic task id, without a request. An
// id that cannot name one resource (empty, "." or "..", control characters,
// invalid UTF-8; see tasking.CheckID) is a *tasking.ValidationError; any
// other id that is not a positive integer cannot name a task, so it gives an
// error matching tasking.ErrNotFound.
func parseID(id string) (int64, error) {
	if err := tasking.CheckID("id", id); err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("satellogic: task %q: %w (Satellogic task ids are positive integers)", id, tasking.ErrNotFound)
	}
	return n, nil
}

// Task fetches one task.
func (a *Adapter) Task(ctx context.Context, id string) (*tasking.Task, error) {
	n, err := parseID(id)
	if err != nil {
		return nil, err
	}
	return adapter.Neutral(a.c.Tasks.Get(ctx, n))
}

// Tasks iterates over the contract's tasks matching f. A single status is
// filtered on the server; everything else with f.Match.
func (a *Adapter) Tasks(ctx context.Context, f *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	opts := &TaskListOptions{}
	if f != nil && len(f.Status) == 1 {
		raw := taskStatuses.Raw(f.Status[0])
		if raw == "" {
			// No Satellogic status maps onto it: nothing can match.
			return adapter.None
		}
		opts.Status = raw
	}
	return adapter.Tasks(a.c.Tasks.All(ctx, opts), f)
}

// Cancel cancels a task.
func (a *Adapter) Cancel(ctx context.Context, id string) error {
	n, err := parseID(id)
	if err != nil {
		return err
	}
	return adapter.Err(a.c.Tasks.Cancel(ctx, n))
}

// Estimate runs a can-add analysis of req and waits for it: feasible when the
// server says the task can be added or lists opportunities, infeasible when
// it says it cannot or lists none. Satellogic gives no price in the API. A
// failed analysis is an error wrapping ErrAnalysisFailed.
//
// Each opportunity of the analysis (layout UNCONFIRMED, see Opportunity)
// becomes a tasking.Opportunity pass, earliest first, with its id, window,
// satellite, off-nadir angle and cloud forecast where the server gives them,
// Raw the *Opportunity, and ExpiresAt the analysis's Created plus
// AnalysisRetention (24 h: analysis results are kept that long, a secondary
// source says; no Satellogic page states how long an opportunity holds).
// Book one with Submit.
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	wait := a.d.EstimateWait
	if wait == nil {
		wait = (&tasking.WaitOptions{}).WithPollDelays(a.c.PollDelays()).WithPollDelays(5*time.Second, 15*time.Second)
	}
	an, err := a.c.Analysis.Run(ctx, AnalysisCanAdd, a.build(req), wait)
	if err != nil {
		return nil, neutralFields.Rename(err)
	}
	e := &tasking.Estimate{Provider: Name, Raw: an}
	var expires time.Time
	if !an.Created.IsZero() {
		expires = an.Created.Add(AnalysisRetention)
	}
	for i := range an.Opportunities {
		if o := &an.Opportunities[i]; !o.Start.IsZero() {
			e.Opportunities = append(e.Opportunities, o.Neutral(expires))
		}
	}
	slices.SortStableFunc(e.Opportunities, func(x, y *tasking.Opportunity) int { return x.Start.Compare(y.Start) })
	if len(e.Opportunities) > 0 {
		e.Earliest = e.Opportunities[0].Start
	}
	switch {
	case an.CanAdd != nil && *an.CanAdd:
		e.Feasibility = tasking.Feasible
	case an.CanAdd != nil:
		e.Feasibility = tasking.Infeasible
	case len(e.Opportunities) > 0:
		e.Feasibility = tasking.Feasible
	case an.Opportunities != nil:
		e.Feasibility = tasking.Infeasible
	}
	if e.Feasibility == tasking.Infeasible {
		e.Needs = append(e.Needs, "no collection opportunity is available in the window; widen it or ask for an opportunities analysis")
	}
	return e, nil
}

// Captures iterates over the task's captures, planned ones included, paging
// lazily through GET /tasking/tasks/{id}/captures/. Only published captures
// have files (Assets). An id that is not a Satellogic task id yields the
// error Task gives, and no request.
func (a *Adapter) Captures(ctx context.Context, taskID string) iter.Seq2[*tasking.Capture, error] {
	n, err := parseID(taskID)
	if err != nil {
		return adapter.Fail[*tasking.Capture](err)
	}
	return adapter.Captures(a.c.Tasks.AllCaptures(ctx, n, nil))
}

// Assets lists the files of a published capture: every attachment of every
// scene of GET /telluric/scenes/?sceneset_id={capture_id}, the delivery_zip
// products first, then the other files (previews, …), each in the server's
// order; an attachment without a url is left out. Satellogic needs no preparation step: the attachments
// are ready once the capture is published. Name is the attachment's
// file_name (or name), made unique within the capture; MediaType comes from
// the file's extension; Size and Checksum are zero, as Satellogic gives
// neither, so tasking.Download verifies the bytes against the Content-Length
// the storage host announces. The links are pre-signed and fetched without
// the API's credentials; they lapse, so download soon after listing.
//
// A capture from another provider, or whose ID cannot name one resource, is
// a *tasking.ValidationError before any request. A capture that is not
// published and has no scenes is an error matching tasking.ErrNotFound.
func (a *Adapter) Assets(ctx context.Context, c *tasking.Capture) ([]*tasking.Asset, error) {
	if c == nil {
		return nil, tasking.Invalid("Capture", "is required")
	}
	if c.Provider != "" && c.Provider != Name {
		return nil, tasking.Invalid("Capture", "was listed by %q, not %q", c.Provider, Name)
	}
	if err := tasking.CheckID("Capture.ID", c.ID); err != nil {
		return nil, err
	}
	var out []*tasking.Asset
	used := map[string]bool{}
	for sc, err := range a.c.Scenes.All(ctx, &SceneListOptions{SceneSetID: c.ID}) {
		if err != nil {
			return nil, err
		}
		for i := range sc.Attachments {
			at := &sc.Attachments[i]
			if strings.TrimSpace(at.URL) == "" {
				continue // nothing to fetch
			}
			as := at.Asset(a.c, c.ID)
			as.Name = uniqueName(used, as.Name, sc.SceneID, i)
			out = append(out, as)
		}
	}
	// The products first, then the other files, each in the server's order.
	slices.SortStableFunc(out, func(x, y *tasking.Asset) int {
		return zipRank(x) - zipRank(y)
	})
	if len(out) == 0 && c.Status != tasking.CapturePublished && c.Status != tasking.CaptureUnknown {
		return nil, fmt.Errorf("satellogic: capture %s is %s: only published captures have files: %w",
			c.ID, c.RawStatus, tasking.ErrNotFound)
	}
	return out, nil
}

// zipRank is 0 for a delivery_zip attachment, 1 for any other.
func zipRank(a *tasking.Asset) int {
	if at, ok := a.Raw.(*Attachment); ok && at.Name == AttachmentDeliveryZip {
		return 0
	}
	return 1
}

// uniqueName returns name, or a variant of it that used does not hold yet
// (prefixed with the scene id, then numbered), and marks it used.
func uniqueName(used map[string]bool, name, scene string, i int) string {
	if name == "" {
		name = "attachment-" + strconv.Itoa(i+1)
	}
	cand := name
	if used[cand] && scene != "" {
		cand = scene + "_" + name
	}
	for n := 2; used[cand]; n++ {
		ext := path.Ext(name)
		cand = strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(n) + ext
	}
	used[cand] = true
	return cand
}
