package capella

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// EstimateMode chooses how Adapter.Estimate answers.
type EstimateMode string

// Estimate modes.
const (
	// EstimateByAccess runs a Mission Awareness access request: it says
	// whether and when the target can be seen, with no price and no cost.
	EstimateByAccess EstimateMode = "access"
	// EstimateByCostReview places a tasking request without pre-approval,
	// waits for Capella's cost review, reads the price, and rejects the
	// request. It gives a real price, but it creates (and declines) a request
	// in the account.
	EstimateByCostReview EstimateMode = "cost_review"
)

// EstimateModeValues lists every estimate mode.
func EstimateModeValues() []EstimateMode {
	return []EstimateMode{EstimateByAccess, EstimateByCostReview}
}

// ProviderDefaults holds what Capella needs beyond tasking.Request, applied
// to every Submit and Estimate. The zero value asks for a spotlight image of
// a Point (a stripmap_100 collect of a Polygon) at the standard tier, with
// Capella's cost review left to the customer.
type ProviderDefaults struct {
	// CollectionType for Point targets; default spotlight.
	CollectionType CollectionType
	// AreaCollectionType for Polygon targets; default stripmap_100.
	AreaCollectionType CollectionType
	CollectionTier     CollectionTier // default standard (window at least 7 days)
	ArchiveHoldback    ArchiveHoldback
	Constraints        *CollectConstraints
	ProductTypes       []ProductType
	// PreApproval skips the cost review. Without it a submitted task waits
	// in review (tasking.StatusActionRequired) until approved.
	PreApproval bool
	ContractID  string
	Description string
	// EstimateMode chooses how Estimate works; default EstimateByAccess.
	EstimateMode EstimateMode
	// EstimateWait tunes the polling of Estimate; nil (or zero delays)
	// polls at the client's poll delays (WithPollDelays), else at
	// tasking.WaitOptions defaults.
	EstimateWait *tasking.WaitOptions
}

// Adapter is Capella as a tasking.Provider, tasking.Estimator,
// tasking.Approver and tasking.PollHinter. Make one
// with Client.Provider.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.Approver   = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
)

// Provider returns the neutral face of the client, with defaults applied to
// every request.
func (c *Client) Provider(defaults ProviderDefaults) *Adapter { return &Adapter{c: c, d: defaults} }

// Name returns "capella".
func (a *Adapter) Name() string { return Name }

// Client returns the Capella client behind the adapter, for what the neutral
// view does not cover.
func (a *Adapter) Client() *Client { return a.c }

// PollDelays returns the client's poll delays (WithPollDelays; zero when not
// set), so that tasking.WaitTask polls the adapter as often as the client's
// own Wait does.
func (a *Adapter) PollDelays() (min, max time.Duration) { return a.c.PollDelays() }

// Approve approves a task's cost review (PATCH /task/{taskingrequestId}/status
// with "approved"), so that Capella schedules it; the task then costs money.
func (a *Adapter) Approve(ctx context.Context, id string) (*tasking.Task, error) {
	return adapter.Neutral(a.c.Tasks.Approve(ctx, id))
}

// Reject rejects a task's cost review (PATCH /task/{taskingrequestId}/status
// with "rejected"), which ends the task.
func (a *Adapter) Reject(ctx context.Context, id string) (*tasking.Task, error) {
	return adapter.Neutral(a.c.Tasks.Reject(ctx, id))
}

func (a *Adapter) createRequest(req *tasking.Request) (*TaskCreateRequest, error) {
	if req == nil {
		return nil, tasking.Invalid("", "no request")
	}
	ct := a.d.CollectionType
	if ct == "" {
		ct = CollectionSpotlight
	}
	if _, area := req.Geometry.(orb.Polygon); area {
		ct = a.d.AreaCollectionType
		if ct == "" {
			ct = CollectionStripmap100
		}
	}
	tier := a.d.CollectionTier
	if tier == "" {
		tier = TierStandard
	}
	r := &TaskCreateRequest{Geometry: req.Geometry, Name: req.Name, Description: a.d.Description,
		WindowOpen: req.Start, WindowClose: req.End, CollectionTier: tier, CollectionType: ct,
		Constraints: a.d.Constraints, ArchiveHoldback: a.d.ArchiveHoldback, PreApproval: a.d.PreApproval,
		ProductTypes: a.d.ProductTypes, ContractID: a.d.ContractID}
	return r, r.Validate()
}

// Submit places a tasking request (POST /task).
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	r, err := a.createRequest(req)
	if err != nil {
		return nil, err
	}
	return adapter.Neutral(a.c.Tasks.Create(ctx, r))
}

// Task fetches one tasking request by id.
func (a *Adapter) Task(ctx context.Context, id string) (*tasking.Task, error) {
	return adapter.Neutral(a.c.Tasks.Get(ctx, id))
}

// Tasks iterates over the account's tasking requests that match f. The
// statuses, the name and the creation times are filtered on the server with
// POST /tasks/search (lastStatusCode, taskingrequestName contains,
// submissionTime interval), and checked again with f.Match.
func (a *Adapter) Tasks(ctx context.Context, f *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	req := &TaskSearchRequest{}
	if f != nil {
		req.Query.LastStatusCode = requestStatuses.Matching(f.Status)
		if len(f.Status) > 0 && len(req.Query.LastStatusCode) == 0 {
			return adapter.None // no Capella status maps there
		}
		if f.NameContains != "" {
			req.Query.Name = &TextFilter{Contains: f.NameContains}
		}
		if !f.CreatedAfter.IsZero() || !f.CreatedBefore.IsZero() {
			req.Query.SubmissionTime = TimeRange{From: f.CreatedAfter, To: f.CreatedBefore}
		}
	}
	return adapter.Tasks(a.c.Tasks.SearchAll(ctx, req), f) // a null entry of the results is skipped
}

// Cancel cancels a tasking request.
func (a *Adapter) Cancel(ctx context.Context, id string) error {
	return adapter.Err(a.c.Tasks.Cancel(ctx, id))
}

// Estimate says what the request would take, by an access request
// (feasibility and opportunities, no price) or by a cost review (a price),
// as ProviderDefaults.EstimateMode chooses.
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if a.d.EstimateMode == EstimateByCostReview {
		return a.estimateByCost(ctx, req)
	}
	return a.estimateByAccess(ctx, req)
}

func (a *Adapter) estimateByAccess(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	r, err := a.createRequest(req)
	if err != nil {
		return nil, err
	}
	ac := &AccessRequestCreateRequest{Geometry: r.Geometry, Name: r.Name, WindowOpen: r.WindowOpen, WindowClose: r.WindowClose}
	if c := r.Constraints; c != nil {
		ac.Constraints = &AccessConstraints{LookDirection: c.LookDirection, AscDsc: c.AscDsc,
			OrbitalPlanes: c.OrbitalPlanes, OffNadirMin: c.OffNadirMin, OffNadirMax: c.OffNadirMax,
			GrazingMin: c.GrazingMin, GrazingMax: c.GrazingMax, AzimuthMin: c.AzimuthMin, AzimuthMax: c.AzimuthMax,
			ImageLength: c.ImageLength, ImageWidth: c.ImageWidth}
		if c.LocalTime != nil {
			ac.Constraints.LocalTime = c.LocalTime.Seconds()
		}
	}
	created, err := a.c.AccessRequests.Create(ctx, ac)
	if err != nil {
		return nil, err
	}
	done, err := a.c.AccessRequests.Wait(ctx, created.ID(), a.d.EstimateWait)
	if err != nil {
		return nil, err
	}
	est := &tasking.Estimate{Provider: Name, Raw: done,
		Feasibility: done.Properties.AccessibilityStatus.Feasibility()}
	if done.Properties.ProcessingStatus != ProcessingCompleted {
		est.Feasibility = tasking.FeasibilityUnknown
		return est, nil
	}
	accesses, err := a.c.AccessRequests.Accesses(ctx, created.ID())
	if err != nil {
		return nil, err
	}
	for _, acc := range accesses {
		est.Opportunities = append(est.Opportunities, &tasking.Opportunity{Provider: Name, Kind: tasking.OpportunityPass,
			Window: tasking.Window{Start: acc.WindowOpen, End: acc.WindowClose}, Raw: acc})
	}
	slices.SortFunc(est.Opportunities, func(x, y *tasking.Opportunity) int { return x.Start.Compare(y.Start) })
	if len(est.Opportunities) > 0 {
		est.Earliest = est.Opportunities[0].Start
	}
	if est.Feasibility == tasking.FeasibilityUnknown && len(accesses) > 0 {
		est.Feasibility = tasking.Feasible
	}
	if est.Feasibility == tasking.Feasible && !a.d.PreApproval {
		est.Feasibility = tasking.FeasibilityConditional
		est.Needs = append(est.Needs, "approve Capella's cost review (status review) after submitting, or set PreApproval")
	}
	if msg := done.Properties.AccessibilityMessage; msg != "" {
		est.Needs = append(est.Needs, msg)
	}
	return est, nil
}

func (a *Adapter) estimateByCost(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	r, err := a.createRequest(req)
	if err != nil {
		return nil, err
	}
	r.PreApproval = false
	t, err := a.c.Tasks.Create(ctx, r)
	if err != nil {
		return nil, err
	}
	w := tasking.WaitOptions{}
	if a.d.EstimateWait != nil {
		w = *a.d.EstimateWait
	}
	w.Until = func(e tasking.StatusEvent) bool {
		return e.Status == tasking.StatusActionRequired || e.Status.IsTerminal()
	}
	got, err := a.c.Tasks.Wait(ctx, t.ID(), &w)
	if err != nil {
		return nil, err
	}
	est := &tasking.Estimate{Provider: Name, Raw: got, Price: got.Cost()}
	switch got.Status() {
	case RequestReview:
		est.Feasibility = tasking.Feasible
		if _, err := a.c.Tasks.Reject(ctx, t.ID()); err != nil {
			return est, fmt.Errorf("capella: declining the estimate request %s: %w", t.ID(), err)
		}
	case RequestRejected, RequestExpired, RequestError, RequestFailed:
		est.Feasibility = tasking.Infeasible
	}
	if len(got.Properties.ConflictingTasks) > 0 {
		est.Needs = append(est.Needs, fmt.Sprintf("%d conflicting tasks in the organization", len(got.Properties.ConflictingTasks)))
	}
	return est, nil
}

// Neutral converts a Capella tasking request to the neutral view: the
// current status is the newest statusHistory entry; CreatedAt is the
// submission time (or the oldest history entry); UpdatedAt the newest entry.
// Raw is t itself (not a copy). A nil t gives nil.
func (t *Task) Neutral() *tasking.Task {
	if t == nil {
		return nil
	}
	p := t.Properties
	cur := t.Status()
	nt := &tasking.Task{Provider: Name, ID: p.TaskingRequestID, Name: p.Name, Status: cur.Neutral(),
		RawStatus: string(cur), Geometry: t.Geometry, Start: p.WindowOpen, End: p.WindowClose,
		CreatedAt: p.SubmissionTime, History: t.History(), Raw: t}
	if len(nt.History) > 0 {
		if nt.CreatedAt.IsZero() {
			nt.CreatedAt = nt.History[0].Time
		}
		if e, ok := p.StatusHistory.Latest(); ok {
			nt.UpdatedAt = e.Time
		}
	}
	if nt.UpdatedAt.IsZero() {
		nt.UpdatedAt = nt.CreatedAt
	}
	return nt
}
