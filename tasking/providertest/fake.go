package providertest

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
)

// Fake is an in-memory tasking.Provider and tasking.Estimator for tests of
// code built on the neutral API. Each task walks Path one step per call of
// Task, so a test controls progress by polling. It is safe for concurrent use.
type Fake struct {
	// ProviderName is what Name returns (default "fake").
	ProviderName string
	// Path is the raw statuses a task goes through (default received,
	// scheduled, in_progress, completed). A raw status is mapped to the neutral
	// one by name.
	Path []string
	// EstimateFunc answers Estimate; nil gives a feasible estimate with the
	// request's window as the only opportunity.
	EstimateFunc func(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error)
	// PageSize is the page size of Tasks (default 100).
	PageSize int

	mu    sync.Mutex
	tasks map[string]*fakeTask
	order []string
	seq   int
	calls atomic.Int64
}

type fakeTask struct {
	task tasking.Task
	step int
}

// Name returns ProviderName or "fake".
func (f *Fake) Name() string {
	if f.ProviderName == "" {
		return "fake"
	}
	return f.ProviderName
}

func (f *Fake) path() []string {
	if len(f.Path) == 0 {
		return []string{"received", "scheduled", "in_progress", "completed"}
	}
	return f.Path
}

// Calls returns how many calls of Task have been made.
func (f *Fake) Calls() int64 { return f.calls.Load() }

// Submit stores a new task in the first status of Path.
func (f *Fake) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := geo.Validate(req.Geometry); err != nil {
		return nil, tasking.InvalidGeometry("Geometry", err)
	}
	if err := tasking.CheckBooking(req, f.Name(), time.Now()); err != nil {
		return nil, err
	}
	start, end := req.Start, req.End
	if o := req.Opportunity; o != nil {
		start, end = o.Start, o.End
	}
	if !end.After(start) {
		return nil, tasking.Invalid("End", "must be after Start")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.tasks == nil {
		f.tasks = map[string]*fakeTask{}
	}
	f.seq++
	id := fmt.Sprintf("%s-%06d", f.Name(), f.seq)
	now := time.Now().UTC()
	raw := f.path()[0]
	t := &fakeTask{task: tasking.Task{Provider: f.Name(), ID: id, Name: req.Name, Status: tasking.Status(raw).Neutral(),
		RawStatus: raw, Geometry: req.Geometry, Start: start, End: end, CreatedAt: now, UpdatedAt: now}}
	t.task.Raw = map[string]string{"id": id, "status": raw}
	f.tasks[id] = t
	f.order = append(f.order, id)
	c := t.task
	return &c, nil
}

// Task returns the task, after moving it one step along Path.
func (f *Fake) Task(ctx context.Context, id string) (*tasking.Task, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.calls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tasks[id]
	if !ok {
		return nil, &tasking.APIError{Provider: f.Name(), StatusCode: 404, Message: "no task " + id}
	}
	if !t.task.Status.IsTerminal() && t.step+1 < len(f.path()) {
		t.step++
		f.setStatus(t, f.path()[t.step])
	}
	c := t.task
	return &c, nil
}

func (f *Fake) setStatus(t *fakeTask, raw string) {
	now := time.Now().UTC()
	t.task.History = append(t.task.History, tasking.StatusEvent{Status: tasking.Status(raw), Raw: raw, Time: now})
	t.task.RawStatus, t.task.Status, t.task.UpdatedAt = raw, tasking.Status(raw), now
	t.task.Raw = map[string]string{"id": t.task.ID, "status": raw}
}

// Tasks lists the tasks matching flt, oldest first, a page at a time.
func (f *Fake) Tasks(ctx context.Context, flt *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	size := f.PageSize
	if size <= 0 {
		size = 100
	}
	fetch := func(ctx context.Context, cursor string) (tasking.Page[*tasking.Task], error) {
		start, _ := strconv.Atoi(cursor)
		f.mu.Lock()
		defer f.mu.Unlock()
		var p tasking.Page[*tasking.Task]
		end := min(start+size, len(f.order))
		for _, id := range f.order[start:end] {
			c := f.tasks[id].task
			if flt.Match(&c) {
				p.Items = append(p.Items, &c)
			}
		}
		if end < len(f.order) {
			p.Next = strconv.Itoa(end)
		}
		return p, nil
	}
	return tasking.Seq(ctx, fetch)
}

// Cancel cancels a task that is not terminal.
func (f *Fake) Cancel(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tasks[id]
	if !ok {
		return &tasking.APIError{Provider: f.Name(), StatusCode: 404, Message: "no task " + id}
	}
	if t.task.Status.IsTerminal() {
		return &tasking.APIError{Provider: f.Name(), StatusCode: 409, Message: "task is " + t.task.RawStatus}
	}
	f.setStatus(t, string(tasking.StatusCancelled))
	return nil
}

// Estimate calls EstimateFunc, or answers feasible.
func (f *Fake) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if f.EstimateFunc != nil {
		return f.EstimateFunc(ctx, req)
	}
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	if req.End.IsZero() {
		return nil, tasking.Invalid("End", "is required to estimate")
	}
	// One pass a day, from the window's start, each offered for an hour.
	var ops []*tasking.Opportunity
	now := time.Now()
	for i, start := 0, req.Start; start.Before(req.End) && i < 10; i, start = i+1, start.Add(24*time.Hour) {
		angle, cloud := float64(5+3*i), float64(40-4*i)
		ops = append(ops, &tasking.Opportunity{Provider: f.Name(), ID: fmt.Sprintf("pass-%d", i+1),
			Kind: tasking.OpportunityPass, Window: tasking.Window{Start: start, End: start.Add(10 * time.Minute)},
			Satellite: "fake-1", OffNadir: &angle, CloudCover: &cloud, Price: tasking.Money(float64(100+10*i), "EUR"),
			ExpiresAt: now.Add(time.Hour), Raw: fmt.Sprintf("pass-%d", i+1)})
	}
	e := &tasking.Estimate{Provider: f.Name(), Feasibility: tasking.Feasible, Price: tasking.Money(100, "EUR"),
		Opportunities: ops}
	if len(ops) > 0 {
		e.Earliest = ops[0].Start
	}
	return e, nil
}
