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
// tasking.Approver, tasking.PollHinter and tasking.Deliverer. Make one with
// Client.Provider.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.Approver   = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
	_ tasking.Deliverer  = (*Adapter)(nil)
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
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	r := a.build(req)
	return r, neutralFields.Rename(r.Validate())
}

// build makes the create body of req with the defaults, unvalidated.
func (a *Adapter) build(req *tasking.Request) *TaskCreateRequest {
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
	return &TaskCreateRequest{Geometry: req.Geometry, Name: req.Name, Description: a.d.Description,
		WindowOpen: req.Start, WindowClose: req.End, CollectionTier: tier, CollectionType: ct,
		Constraints: a.d.Constraints, ArchiveHoldback: a.d.ArchiveHoldback, PreApproval: a.d.PreApproval,
		ProductTypes: a.d.ProductTypes, ContractID: a.d.ContractID}
}

// book narrows r to the pass o: the window becomes the access's window, and
// when o came from Estimate (o.Raw is the *Access) the constraints pin that
// access's look direction, orbit direction, orbital plane and off-nadir
// range (each where the access gives it and it fits the constraint's
// range), on top of ProviderDefaults.Constraints. An access window lasts
// seconds to minutes, shorter than the minimum window of the urgent,
// priority and standard tiers: the booking uses ProviderDefaults'
// CollectionTier when that tier allows the window, TierFlexible (no
// documented minimum) when the defaults leave it empty, and is refused with
// a *tasking.ValidationError on "Opportunity" otherwise.
func (a *Adapter) book(r *TaskCreateRequest, o *tasking.Opportunity) error {
	if o.Start.IsZero() || !o.End.After(o.Start) {
		return tasking.Invalid("Opportunity", "has no window to book (%v to %v)", o.Start, o.End)
	}
	r.WindowOpen, r.WindowClose = o.Start, o.End
	tier := a.d.CollectionTier
	if tier == "" {
		tier = TierFlexible
	}
	if min := tier.MinWindow(); min > o.End.Sub(o.Start) {
		return tasking.Invalid("Opportunity", "the pass lasts %s, shorter than the %s tier's minimum window of %s: "+
			"book it with ProviderDefaults.CollectionTier flexible (or left empty)", o.End.Sub(o.Start), tier, fmtDuration(min))
	}
	r.CollectionTier = tier
	acc, ok := o.Raw.(*Access)
	if !ok || acc == nil {
		return nil
	}
	c := CollectConstraints{}
	if r.Constraints != nil {
		c = *r.Constraints
	}
	p := acc.AccessProperties
	if p.LookDirection == LookLeft || p.LookDirection == LookRight {
		c.LookDirection = p.LookDirection
	}
	if p.AscDsc == OrbitAscending || p.AscDsc == OrbitDescending {
		c.AscDsc = p.AscDsc
	}
	if acc.OrbitalPlane != 0 {
		c.OrbitalPlanes = []OrbitalPlane{acc.OrbitalPlane}
	}
	if lo, hi := p.OffNadirMin, p.OffNadirMax; lo != nil && hi != nil && *lo >= 0 && *lo <= 60 && *hi >= *lo && *hi <= 90 {
		c.OffNadirMin, c.OffNadirMax = Float(*lo), Float(*hi)
	}
	r.Constraints = &c
	return nil
}

// Request returns the tasking request Submit places for req, with the
// adapter's defaults, checked as Submit checks it: tasking.CheckRequest,
// tasking.CheckBooking, then the request's own rules, a
// *tasking.ValidationError naming the neutral field (Name, Geometry, Start,
// End, Opportunity). With req.Opportunity set (an access from Estimate) the
// request books exactly that pass, its window being the access's window
// (see the booking rules in the package documentation). Capella's tasking
// request names no access: the window and the pinned constraints are what
// make it that pass.
func (a *Adapter) Request(req *tasking.Request) (*TaskCreateRequest, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := tasking.CheckBooking(req, Name, time.Now()); err != nil {
		return nil, err
	}
	r := a.build(req)
	if req.Opportunity != nil {
		if err := a.book(r, req.Opportunity); err != nil {
			return nil, err
		}
	}
	if err := r.Validate(); err != nil {
		return nil, neutralFields.Rename(err)
	}
	return r, nil
}

// Submit places the tasking request Request makes of req (POST /task, sent
// once); nothing is sent for another provider's, an expired or a started
// opportunity.
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	r, err := a.Request(req)
	if err != nil {
		return nil, err
	}
	t, err := adapter.Neutral(a.c.Tasks.Create(ctx, r))
	return t, neutralFields.Rename(err)
}

// neutralFields maps the request's wire fields onto the tasking.Request
// fields they come from, for the Adapter's validation errors.
var neutralFields = adapter.Fields{"properties.taskingrequestName": "Name", "geometry": "Geometry",
	"properties.windowOpen": "Start", "properties.windowClose": "End"}

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
	done, err := a.c.AccessRequests.Wait(ctx, created.GetID(), a.d.EstimateWait)
	if err != nil {
		return nil, err
	}
	est := &tasking.Estimate{Provider: Name, Raw: done,
		Feasibility: done.Properties.AccessibilityStatus.Feasibility()}
	if done.Properties.ProcessingStatus != ProcessingCompleted {
		est.Feasibility = tasking.FeasibilityUnknown
		return est, nil
	}
	accesses, err := a.c.AccessRequests.Accesses(ctx, created.GetID())
	if err != nil {
		return nil, err
	}
	for _, acc := range accesses {
		if o := acc.Opportunity(); o != nil {
			est.Opportunities = append(est.Opportunities, o)
		}
	}
	slices.SortStableFunc(est.Opportunities, func(x, y *tasking.Opportunity) int { return x.Start.Compare(y.Start) })
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
	got, err := a.c.Tasks.Wait(ctx, t.GetID(), &w)
	if err != nil {
		return nil, err
	}
	est := &tasking.Estimate{Provider: Name, Raw: got, Price: got.Cost()}
	switch got.GetStatus() {
	case RequestReview:
		est.Feasibility = tasking.Feasible
		if _, err := a.c.Tasks.Reject(ctx, t.GetID()); err != nil {
			return est, fmt.Errorf("capella: declining the estimate request %s: %w", t.GetID(), err)
		}
	case RequestRejected, RequestExpired, RequestError, RequestFailed:
		est.Feasibility = tasking.Infeasible
	}
	if len(got.Properties.ConflictingTasks) > 0 {
		est.Needs = append(est.Needs, fmt.Sprintf("%d conflicting tasks in the organization", len(got.Properties.ConflictingTasks)))
	}
	return est, nil
}

// Captures lists a task's collects, lazily, 100 at a time, whatever their
// schedule status (all=true), as neutral captures (Collect.Neutral):
// GET /collects/list/{taskingrequest_id}.
func (a *Adapter) Captures(ctx context.Context, taskID string) iter.Seq2[*tasking.Capture, error] {
	return adapter.Captures(a.c.Collects.All(ctx, taskID, &CollectListOptions{All: true, Limit: 100}))
}

// Assets orders a delivered collect's products and returns their files:
// the collect's products from the catalog (POST /catalog/search on
// capella:collect_id), an order for all of them (POST /orders, never sent
// twice; ProviderDefaults.ContractID is charged), a wait while the order is
// being prepared (GET /orders/{orderId}, at the client's poll delays,
// within ctx), then the signed links (GET /orders/{orderId}/download), as
// OrdersService.Assets names them. Ordering is buying: products already
// ordered cost nothing again. A collect with no product in the catalog is
// an error matching tasking.ErrNotFound; a rejected order one matching
// ErrOrderRejected.
func (a *Adapter) Assets(ctx context.Context, c *tasking.Capture) ([]*tasking.Asset, error) {
	switch {
	case c == nil:
		return nil, tasking.Invalid("Capture", "is required")
	case c.Provider != "" && c.Provider != Name:
		return nil, tasking.Invalid("Capture", "was listed by %q, not %q", c.Provider, Name)
	}
	if err := tasking.CheckID("Capture.ID", c.ID); err != nil {
		return nil, err
	}
	items, err := a.c.Collects.Products(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("capella: %w: the catalog lists no product of collect %s (POST /catalog/search on capella:collect_id; status %s)",
			tasking.ErrNotFound, c.ID, c.RawStatus)
	}
	req := &OrderCreateRequest{ContractID: a.d.ContractID}
	ordered := make(map[string]bool, len(items))
	for _, it := range items {
		req.Items = append(req.Items, ProductOrderItem{CollectionID: it.Collection, GranuleID: it.ID})
		ordered[it.ID] = true
	}
	order, err := a.c.Orders.Create(ctx, req)
	if err != nil {
		return nil, err
	}
	if order.OrderStatus != OrderCompleted && order.OrderStatus != OrderRejected {
		if order, err = a.c.Orders.Wait(ctx, order.OrderID, nil); err != nil {
			return nil, err
		}
	}
	if order.OrderStatus == OrderRejected {
		return nil, fmt.Errorf("%w: order %s for the %d products of collect %s", ErrOrderRejected, order.OrderID, len(items), c.ID)
	}
	signed, err := a.c.Orders.Download(ctx, order.OrderID)
	if err != nil {
		return nil, err
	}
	mine := signed[:0:0]
	for _, it := range signed {
		if ordered[it.ID] {
			mine = append(mine, it)
		}
	}
	if len(mine) == 0 {
		return nil, fmt.Errorf("capella: %w: order %s lists none of the %d products of collect %s in its download",
			tasking.ErrNotFound, order.OrderID, len(items), c.ID)
	}
	assets, err := a.c.Orders.Assets(mine)
	if err != nil {
		return nil, err
	}
	for _, as := range assets {
		as.CaptureID = c.ID
	}
	return assets, nil
}
