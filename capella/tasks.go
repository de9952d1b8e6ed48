package capella

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// TasksService handles single tasking requests.
type TasksService struct{ c *Client }

// Create places a tasking request (POST /task, 201). The request is
// validated first (see TaskCreateRequest) and is never sent twice. Without
// PreApproval it stops in review until approved (see Approve).
func (s *TasksService) Create(ctx context.Context, r *TaskCreateRequest) (*Task, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	org, user, err := s.c.ids(ctx, r.OrgID, r.UserID)
	if err != nil {
		return nil, err
	}
	return s.c.doTask(ctx, &transport.Request{Method: http.MethodPost, Path: "task",
		Body: r.body(org, user), Create: true})
}

// Get fetches one tasking request (GET /task/{id}), with its status history
// and conflicting tasks.
func (s *TasksService) Get(ctx context.Context, id string) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	return s.c.doTask(ctx, &transport.Request{Method: http.MethodGet, Path: "task/" + p})
}

// TaskListOptions are the query of GET /tasks/paged. Capella does not say how
// it orders tasks without a sort key, so List always sends one: Sort defaults
// to submissionTime and Order to desc.
type TaskListOptions struct {
	CustomerID     string    `url:"customerId,omitempty"`     // a user id
	OrganizationID string    `url:"organizationId,omitempty"` //
	ResellerID     string    `url:"resellerId,omitempty"`     // all tasks of a reseller's hierarchy, if authorized
	Page           int       `url:"page,omitempty"`           // 1-based; default 1
	Limit          int       `url:"limit,omitempty"`          // 5..500, default 25; clamped
	Sort           string    `url:"sort,omitempty"`           // a property key, e.g. windowOpen
	Order          SortOrder `url:"order,omitempty"`          // asc or desc
}

// TaskPage is one page of tasks (schema TaskingRequestsPagedResponse).
type TaskPage struct {
	Tasks       []*Task `json:"results"`
	CurrentPage int     `json:"currentPage"`
	TotalPages  int     `json:"totalPages"`
}

// Next returns the number of the page after this one, or 0 on the last page.
func (p *TaskPage) Next() int {
	if p.CurrentPage >= p.TotalPages || p.CurrentPage < 1 {
		return 0
	}
	return p.CurrentPage + 1
}

func (p *TaskPage) place() (int, int) { return p.CurrentPage, p.TotalPages }

func clamp(v, lo, hi int) int {
	switch {
	case v == 0:
		return 0
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

func (o *TaskListOptions) query(page int) TaskListOptions {
	var q TaskListOptions
	if o != nil {
		q = *o
	}
	if page > 0 {
		q.Page = page
	}
	if q.Page < 1 {
		q.Page = 1
	}
	q.Limit = clamp(q.Limit, 5, 500)
	if q.Sort == "" {
		q.Sort = "submissionTime"
	}
	if q.Order == "" {
		q.Order = SortDesc
	}
	return q
}

// List fetches one page of tasking requests (GET /tasks/paged).
func (s *TasksService) List(ctx context.Context, opts *TaskListOptions) (*TaskPage, error) {
	return s.list(ctx, opts, 0)
}

func (s *TasksService) list(ctx context.Context, opts *TaskListOptions, page int) (*TaskPage, error) {
	var p TaskPage
	if _, err := s.c.tc.Get(ctx, "tasks/paged", opts.query(page), &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// All iterates over every tasking request GET /tasks/paged lists, starting
// at opts.Page (or 1), fetching one page at a time.
func (s *TasksService) All(ctx context.Context, opts *TaskListOptions) iter.Seq2[*Task, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*TaskPage, error) { return s.list(ctx, opts, page) },
		func(p *TaskPage) []*Task { return p.Tasks })
}

// TaskListByCustomerOptions are the optional query of GET /tasks.
type TaskListByCustomerOptions struct {
	OrganizationID string    `url:"organizationId,omitempty"`
	ResellerID     string    `url:"resellerId,omitempty"`
	Sort           string    `url:"sort,omitempty"`
	Order          SortOrder `url:"order,omitempty"`
}

// ListByCustomer fetches every tasking request of a customer in one unpaged
// answer (GET /tasks?customerId=…). Prefer All or SearchAll for large
// accounts.
func (s *TasksService) ListByCustomer(ctx context.Context, customerID string, opts *TaskListByCustomerOptions) ([]*Task, error) {
	if err := tasking.CheckID("customerId", customerID); err != nil {
		return nil, err
	}
	q := struct {
		CustomerID string `url:"customerId"`
		TaskListByCustomerOptions
	}{CustomerID: customerID}
	if opts != nil {
		q.TaskListByCustomerOptions = *opts
	}
	var out []*Task
	if _, err := s.c.tc.Get(ctx, "tasks", q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Search runs one page of an advanced search (POST /tasks/search). Paging and
// sorting go both in the URL and in the body, as the spec declares them in
// both places.
func (s *TasksService) Search(ctx context.Context, r *TaskSearchRequest) (*TaskPage, error) {
	return s.search(ctx, r, 0)
}

func (s *TasksService) search(ctx context.Context, r *TaskSearchRequest, page int) (*TaskPage, error) {
	if r == nil {
		r = &TaskSearchRequest{}
	}
	body, err := r.body(page)
	if err != nil {
		return nil, err
	}
	var p TaskPage
	if _, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "tasks/search",
		Query: body.pagingWire.values(), Body: body}, &p); err != nil {
		return nil, err
	}
	if r.ExcludeRepeatChildren {
		kept := p.Tasks[:0]
		for _, t := range p.Tasks {
			if t != nil && t.Properties.RepeatRequestID == "" {
				kept = append(kept, t)
			}
		}
		p.Tasks = kept
	}
	return &p, nil
}

// SearchAll iterates over every result of a search, one page at a time.
func (s *TasksService) SearchAll(ctx context.Context, r *TaskSearchRequest) iter.Seq2[*Task, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*TaskPage, error) { return s.search(ctx, r, page) },
		func(p *TaskPage) []*Task { return p.Tasks })
}

// Update changes a request's name, description, custom attributes or
// products (PATCH /task/{id}) and returns the updated request.
func (s *TasksService) Update(ctx context.Context, id string, r *TaskUpdateRequest) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	if r == nil || (r.Name == nil && r.Description == nil && r.CustomAttribute1 == nil && r.CustomAttribute2 == nil && r.ProductTypes == nil) {
		return nil, tasking.Invalid("properties", "nothing to update")
	}
	return s.c.doTask(ctx, &transport.Request{Method: http.MethodPatch, Path: "task/" + p, Body: r.body()})
}

// SetStatus sends PATCH /task/{id}/status with {"status": change}. It is
// safe to retry (the status is absolute). Capella answers with the updated
// request; when the answer is not a request (the SDK has seen
// {"status":"canceled"}: members other than a Feature's, not all null), the
// change was accepted and SetStatus reads the request with Get, so that a nil
// error always comes with the task. An answer holding nothing (empty, null,
// {}, members all null) is a *tasking.DecodeError, and so is a request with
// a member of the wrong type.
func (s *TasksService) SetStatus(ctx context.Context, id string, change TaskStatusChange) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	if change == "" {
		return nil, tasking.Invalid("status", "a status change is required")
	}
	var t Task
	resp, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodPatch, Path: "task/" + p + "/status",
		Body: taskStatusBody{change}}, &t)
	if err != nil {
		return nil, err
	}
	if t.ID() == "" && t.Geometry == nil && holdsValues(t.Unknown) {
		return s.Get(ctx, id) // accepted, but the answer is not the request
	}
	return one(resp, &t, t.ID(), "task")
}

type taskStatusBody struct {
	Status TaskStatusChange `json:"status"`
}

// doTask sends r and decodes the task it answers in one pass, streamed from
// the connection. An answer without a task is a *tasking.DecodeError.
func (c *Client) doTask(ctx context.Context, r *transport.Request) (*Task, error) {
	var t Task
	resp, err := c.tc.Do(ctx, r, &t)
	if err != nil {
		return nil, err
	}
	return one(resp, &t, t.ID(), "task")
}

// Cancel cancels a request ({"status":"canceled"}). Capella allows it until
// the request is final, and until CancelCutoff before a scheduled collection;
// cancellation fees may apply.
func (s *TasksService) Cancel(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeCanceled)
}

// Approve approves the cost of a request in review ({"status":"approved"}):
// it moves on to submitted.
func (s *TasksService) Approve(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeApproved)
}

// Reject declines the cost of a request in review ({"status":"rejected"}).
func (s *TasksService) Reject(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeRejected)
}

// Retask creates a new request from an existing one (POST
// /task/{id}/retask, 201), copying its target, collection type and
// constraints. It is never sent twice.
func (s *TasksService) Retask(ctx context.Context, id string, r *RetaskRequest) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	if err := r.validate(false); err != nil {
		return nil, err
	}
	return s.c.doTask(ctx, &transport.Request{Method: http.MethodPost, Path: "task/" + p + "/retask",
		Body: r.body(), Create: true})
}

// Collects lists the collects of a request (GET /collects/list/{id}); see
// CollectsService.List.
func (s *TasksService) Collects(ctx context.Context, id string, opts *CollectListOptions) ([]*Collect, error) {
	return s.c.Collects.List(ctx, id, opts)
}

// Wait polls a request until it reaches a terminal status (or opts.Until
// holds), following RequestLifecycle. A request in review waits on the
// customer: Wait returns it with an error matching tasking.ErrActionRequired;
// Approve it (or Reject it) and wait again.
func (s *TasksService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Task, error) {
	if _, err := pathID("taskingrequestId", id); err != nil {
		return nil, err
	}
	t, err := tasking.Wait(ctx, func(ctx context.Context) (*Task, error) { return s.Get(ctx, id) },
		func(t *Task) RequestStatus { return t.Status() }, RequestLifecycle, opts)
	if err != nil {
		return t, fmt.Errorf("capella: waiting for task %s: %w", id, err)
	}
	return t, nil
}
