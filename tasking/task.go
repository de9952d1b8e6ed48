package tasking

import (
	"context"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Task is the neutral view of a provider's order, task or request.
type Task struct {
	Provider  string // the provider's name, as Provider.Name returns it
	ID        string // the provider's id for the order, task or request
	Name      string
	Status    Status // neutral status
	RawStatus string // the provider's own status value, unchanged
	// Revisable is true while the provider may still revise a terminal result
	// (a Planet order FULFILLED or EXPIRED awaiting human review).
	Revisable bool
	Geometry  orb.Geometry // the area or point of interest as submitted or as the provider reports it
	Start     time.Time    // start of the imaging window
	End       time.Time    // end of the imaging window
	CreatedAt time.Time
	UpdatedAt time.Time
	History   []StatusEvent // status history, oldest first, when the provider reports it
	// Raw is the provider's own resource this view was made from, for
	// anything the neutral view does not carry: a *planet.Order,
	// *satellogic.Task, *clearsky.Order or *capella.Task, as the provider
	// package returned it. No copy is made and nothing is read twice, so it
	// costs nothing; members the provider sent that the SDK does not know yet
	// are kept in that type's Unknown field, and encoding/json/v2 with
	// geo.JSONOptions() writes the whole resource back out in the provider's
	// wire format.
	Raw any
}

// Request is what every provider understands: a name, a geometry and an
// imaging window. What only one provider needs is given once, as defaults,
// when its adapter is made (for example c.Provider(planet.ProviderDefaults{…})).
type Request struct {
	Name     string
	Geometry orb.Geometry
	Start    time.Time
	End      time.Time
	// Opportunity, when set, is a pass an Estimator offered for this
	// request: Submit books exactly that pass (and takes the window from
	// it), or fails before sending anything when the provider cannot book
	// it, it is another provider's, or it has expired (ErrOpportunityExpired).
	Opportunity *Opportunity
}

// Filter narrows Provider.Tasks. Zero fields do not filter. Adapters apply on
// the server what the provider supports, and the rest with [Filter.Match].
type Filter struct {
	Status        []Status  // any of these neutral statuses
	NameContains  string    // case-insensitive substring of the name
	CreatedAfter  time.Time // created at or after
	CreatedBefore time.Time // created before
}

// Match reports whether t passes every non-zero field of f. A nil filter
// matches everything.
func (f *Filter) Match(t *Task) bool {
	if f == nil {
		return true
	}
	if len(f.Status) > 0 && !slices.Contains(f.Status, t.Status) {
		return false
	}
	if f.NameContains != "" && !strings.Contains(strings.ToLower(t.Name), strings.ToLower(f.NameContains)) {
		return false
	}
	if !f.CreatedAfter.IsZero() && t.CreatedAt.Before(f.CreatedAfter) {
		return false
	}
	if !f.CreatedBefore.IsZero() && !t.CreatedAt.Before(f.CreatedBefore) {
		return false
	}
	return true
}

// Provider is the neutral face of one provider's tasking API. Each provider
// package implements it through c.Provider(defaults).
type Provider interface {
	// Name returns the provider's short name ("planet", "satellogic", …).
	Name() string
	// Submit places a new order, task or request. It is never sent twice.
	Submit(ctx context.Context, req *Request) (*Task, error)
	// Task fetches one task by id.
	Task(ctx context.Context, id string) (*Task, error)
	// Tasks iterates over the account's tasks that match f, lazily.
	Tasks(ctx context.Context, f *Filter) iter.Seq2[*Task, error]
	// Cancel asks the provider to cancel a task.
	Cancel(ctx context.Context, id string) error
}

// Estimator is implemented by providers that can say, before an order is
// placed, what it would cost or whether it can be collected.
type Estimator interface {
	Estimate(ctx context.Context, req *Request) (*Estimate, error)
}

// Approver is implemented by providers whose tasks can wait on the customer
// (StatusActionRequired, such as Capella's cost review): Approve lets such a
// task go on, Reject ends it. Both return the task as it stands afterwards.
// Find it with a type assertion on a Provider; WaitTask returning an error
// matching ErrActionRequired is the moment to call it.
type Approver interface {
	Approve(ctx context.Context, id string) (*Task, error)
	Reject(ctx context.Context, id string) (*Task, error)
}

// Feasibility is an estimator's verdict on whether a request can be collected.
type Feasibility string

// Feasibility values.
const (
	FeasibilityUnknown     Feasibility = ""            // the provider did not say
	Feasible               Feasibility = "feasible"    // it can be collected
	Infeasible             Feasibility = "infeasible"  // it cannot, as asked
	FeasibilityConditional Feasibility = "conditional" // it can, once the customer acts (see Estimate.Needs)
)

// Window is a span of time, such as an imaging opportunity.
type Window struct {
	Start, End time.Time
}

// Estimate is one provider's answer to "what would this request take?".
type Estimate struct {
	Provider    string
	Feasibility Feasibility
	Price       *Price    // nil when the provider gives no price
	Earliest    time.Time // earliest imaging opportunity, zero if unknown
	// Opportunities are the passes (or production dates) the provider
	// offers, earliest first, when it lists them.
	Opportunities []*Opportunity
	// Needs lists what the provider needs from the customer before it will
	// collect (an approval, a contract, a larger window…), in its words.
	Needs []string
	Raw   any // the provider's own typed answer (see Task.Raw)
}
