package satellogic

import (
	"context"
	"fmt"
	"iter"
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
}

// Adapter is the neutral face of a Client: it implements tasking.Provider,
// tasking.Estimator (through the can-add analysis) and tasking.PollHinter.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
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

// Request builds the task request the adapter sends for req.
func (a *Adapter) Request(req *tasking.Request) *TaskCreateRequest {
	if req == nil {
		return nil
	}
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

// Submit creates a task for req (never sent twice). req.Name becomes the
// task_name, which Satellogic requires.
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	if req == nil {
		return nil, tasking.Invalid("", "no request")
	}
	return adapter.Neutral(a.c.Tasks.Create(ctx, a.Request(req)))
}

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
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if req == nil {
		return nil, tasking.Invalid("", "no request")
	}
	wait := a.d.EstimateWait
	if wait == nil {
		wait = (&tasking.WaitOptions{}).WithPollDelays(a.c.PollDelays()).WithPollDelays(5*time.Second, 15*time.Second)
	}
	an, err := a.c.Analysis.Run(ctx, AnalysisCanAdd, a.Request(req), wait)
	if err != nil {
		return nil, err
	}
	e := &tasking.Estimate{Provider: Name, Raw: an}
	for _, o := range an.Opportunities {
		if o.Start.IsZero() {
			continue
		}
		e.Opportunities = append(e.Opportunities, &tasking.Opportunity{Provider: Name, Kind: tasking.OpportunityPass,
			Window: tasking.Window{Start: o.Start, End: o.End}, Raw: o})
	}
	if o, ok := an.Earliest(); ok {
		e.Earliest = o.Start
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
