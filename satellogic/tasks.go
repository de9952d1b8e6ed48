package satellogic

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// Task is a tasking order as the Tasking API returns it.
type Task struct {
	TaskID      int64     `json:"task_id"`      // the task's id
	TaskName    string    `json:"task_name"`    // the caller's label
	ProjectName string    `json:"project_name"` // the project grouping the task
	Product     ProductID `json:"product"`      // the product tasked
	Start       time.Time `json:"start"`        // start of the collection window (the API sends UTC)
	End         time.Time `json:"end"`          // end of the collection window (the API sends UTC)
	Priority    int       `json:"priority"`     // assigned by the server
	ClientName  string    `json:"client"`       // the account's display name
	// Target is a GeoJSON Point or Polygon on the wire; an altitude is
	// dropped. A target that is not a GeoJSON geometry leaves it nil (see
	// the package doc).
	Target      orb.Geometry `json:"target"`
	CreatedTime time.Time    `json:"created_time"` // when the task was received (the API sends UTC)
	Status      TaskStatus   `json:"status"`       // where the task stands
	// MaxCaptures is echoed back when the server sends it (not confirmed).
	MaxCaptures *int `json:"max_captures,omitempty"`
	// ExpectedAge is the server's duration text, when it sends one (not
	// confirmed); read it with ParseExpectedAge.
	ExpectedAge string `json:"expected_age,omitempty"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// absent reports whether t holds no task: Satellogic task ids are positive,
// so a zero id means the answer held none.
func (t *Task) absent() bool { return t.TaskID == 0 }

// GetID returns the task id as text, as the neutral view carries it (""
// for a nil task). Every provider's main resource has GetID, GetName and
// GetStatus.
func (t *Task) GetID() string {
	if t == nil {
		return ""
	}
	return strconv.FormatInt(t.TaskID, 10)
}

// GetName returns the task_name ("" for a nil task).
func (t *Task) GetName() string {
	if t == nil {
		return ""
	}
	return t.TaskName
}

// GetStatus returns the task's status ("" for a nil task).
func (t *Task) GetStatus() TaskStatus {
	if t == nil {
		return ""
	}
	return t.Status
}

// Neutral returns the neutral view of t. Its Raw is t itself.
func (t *Task) Neutral() *tasking.Task {
	if t == nil {
		return nil
	}
	return &tasking.Task{
		Provider:  Name,
		ID:        strconv.FormatInt(t.TaskID, 10),
		Name:      t.TaskName,
		Status:    t.Status.Neutral(),
		RawStatus: string(t.Status),
		Geometry:  t.Target,
		Start:     t.Start,
		End:       t.End,
		CreatedAt: t.CreatedTime,
		Raw:       t,
	}
}

// TaskCreateRequest is the body of POST /tasking/tasks/, and of the analysis
// requests, which take the same payload.
type TaskCreateRequest struct {
	TaskName    string       // "task_name", required: a label, usable as a list filter
	ProjectName string       // "project_name", required: groups tasks; created on the fly
	Product     ProductID    // "product", required: ProductPOI, ProductAOI, ProductNEI, …
	Target      orb.Geometry // "target": orb.Point for POI, orb.Polygon for AOI
	Start       time.Time    // "start", required: the collection window opens
	End         time.Time    // "end", required: no capture is planned after it
	// MaxCaptures ("max_captures") is how many captures the task should
	// produce; 0 leaves it out (the server's default is one).
	MaxCaptures int
	// ExpectedAge ("expected_age") is used with MaxCaptures for recurring
	// collection; 0 leaves it out. It is sent as "N days, HH:MM:SS".
	ExpectedAge time.Duration
	// Extra holds further top-level fields, sent as they are (encoded by
	// encoding/json/v2): for example the NEI parameters ("satellite",
	// "first_point_time", "first_point", …), whose exact layout Satellogic
	// does not publish. A key may not repeat a field above.
	Extra map[string]any
}

// typedFields are the wire names TaskCreateRequest sets itself.
var typedFields = []string{"task_name", "project_name", "product", "target", "start", "end",
	"max_captures", "expected_age"}

// taskCreateWire is TaskCreateRequest as sent.
type taskCreateWire struct {
	TaskName    string         `json:"task_name"`
	ProjectName string         `json:"project_name"`
	Product     ProductID      `json:"product"`
	Target      orb.Geometry   `json:"target,omitempty"`
	Start       time.Time      `json:"start"`
	End         time.Time      `json:"end"`
	MaxCaptures int            `json:"max_captures,omitzero"`
	ExpectedAge string         `json:"expected_age,omitempty"`
	Extra       map[string]any `json:",embed"`
}

// fill sets w to the body as sent.
func (r *TaskCreateRequest) fill(w *taskCreateWire) {
	*w = taskCreateWire{TaskName: r.TaskName, ProjectName: r.ProjectName, Product: r.Product, Target: r.Target,
		Start: r.Start.UTC().Truncate(time.Second), End: r.End.UTC().Truncate(time.Second),
		MaxCaptures: r.MaxCaptures, Extra: r.Extra}
	if r.ExpectedAge != 0 {
		w.ExpectedAge = FormatExpectedAge(r.ExpectedAge)
	}
}

// geoJSON makes encoding/json/v2 write orb geometries as GeoJSON, so that a
// request encodes the same through the client and through json.Marshal.
var geoJSON = geo.JSONOptions()

// MarshalJSONTo writes the request body in one pass: times in UTC RFC 3339
// (whole seconds), the target as a bare GeoJSON geometry (left out when
// nil), Extra merged at the top level.
func (r *TaskCreateRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	var w taskCreateWire
	r.fill(&w)
	return json.MarshalEncode(enc, &w, geoJSON)
}

// MarshalJSON writes the request body as MarshalJSONTo does, for
// encoding/json (v1) and other users of json.Marshaler, and for a request
// that is not addressable.
func (r TaskCreateRequest) MarshalJSON() ([]byte, error) {
	var w taskCreateWire
	r.fill(&w)
	return json.Marshal(&w, geoJSON)
}

// TaskListOptions filters GET /tasking/tasks/. Zero fields are not sent.
type TaskListOptions struct {
	ListOptions
	Status      TaskStatus `url:"status,omitempty"`       // one status
	TaskName    string     `url:"task_name,omitempty"`    // exact task name
	ProjectName string     `url:"project_name,omitempty"` // project name
}

// Capture is one image acquisition of a task. Only CaptureID and Status are
// documented; everything else the server sends (planned or actual capture
// time, satellite, footprint, … are UNCONFIRMED) is kept in Unknown.
type Capture struct {
	// CaptureID is a UUID; it is the delivery API's sceneset_id (see
	// ScenesService).
	CaptureID string        `json:"capture_id"`
	Status    CaptureStatus `json:"status"` // where the capture stands
	// TaskID is the task the capture was listed under. It is not a wire
	// member: TasksService.Captures and AllCaptures set it from the path.
	TaskID int64 `json:"-"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// Neutral returns the neutral view of c. Its Raw is c itself. Satellogic
// documents no acquisition time, footprint, cloud cover or satellite for a
// capture, so those stay empty.
func (c *Capture) Neutral() *tasking.Capture {
	if c == nil {
		return nil
	}
	out := &tasking.Capture{Provider: Name, ID: c.CaptureID, Status: c.Status.Neutral(), RawStatus: string(c.Status), Raw: c}
	if c.TaskID > 0 {
		out.TaskID = strconv.FormatInt(c.TaskID, 10)
	}
	return out
}

// TasksService is the Tasking API's tasks endpoints.
type TasksService struct{ c *Client }

// checkTaskID refuses, before any request, an id that cannot name a task.
func checkTaskID(id int64) error {
	if id <= 0 {
		return tasking.Invalid("task_id", "a task id is a positive integer, got %d", id)
	}
	return nil
}

func (s *TasksService) path(id int64, sub string) string {
	b := make([]byte, 0, 96)
	b = append(b, s.c.paths.Tasks...)
	b = strconv.AppendInt(b, id, 10)
	b = append(b, '/')
	return string(append(b, sub...))
}

// Create places a task: POST /tasking/tasks/
// (https://developers.satellogic.com/tasking-service/description.html), after checking req with
// Validate. The request is never sent twice: a failure after it may have
// reached the server is returned, not retried, so a task is never ordered
// twice. The new task's status is "received". A success answer that holds no
// task (empty, null, {}) is a *tasking.DecodeError; the task may nonetheless
// have been placed, so look for it by TaskName before creating it again.
func (s *TasksService) Create(ctx context.Context, req *TaskCreateRequest) (*Task, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var t Task
	if err := s.c.doOne(ctx, &transport.Request{Method: http.MethodPost, Path: s.c.paths.Tasks, Body: req, Create: true}, &t, "task"); err != nil {
		return nil, err
	}
	return &t, nil
}

// Get fetches one task: GET /tasking/tasks/{id}/
// (https://developers.satellogic.com/tasking-service/python_examples.html). An id that is not
// positive is refused with a *tasking.ValidationError before any request; a
// success answer that holds no task is a *tasking.DecodeError.
func (s *TasksService) Get(ctx context.Context, id int64) (*Task, error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	var t Task
	if err := s.c.doOne(ctx, &transport.Request{Method: http.MethodGet, Path: s.path(id, "")}, &t, "task"); err != nil {
		return nil, err
	}
	return &t, nil
}

// List fetches one page of the contract's tasks: GET /tasking/tasks/
// (https://developers.satellogic.com/tasking-service/usage.html). Use
// Page.NextOffset for the next page, or All to range over every page.
func (s *TasksService) List(ctx context.Context, opts *TaskListOptions) (*Page[*Task], error) {
	return listPage[*Task](ctx, s.c, s.c.paths.Tasks, opts)
}

// All iterates over every task matching opts, fetching pages lazily:
// GET /tasking/tasks/, then each page's next link.
//
// See https://developers.satellogic.com/tasking-service/usage.html.
func (s *TasksService) All(ctx context.Context, opts *TaskListOptions) iter.Seq2[*Task, error] {
	return allPages[*Task](ctx, s.c, s.c.paths.Tasks, opts)
}

// Cancel cancels a task: PATCH /tasking/tasks/{id}/cancel/ with body {}
// (Satellogic has no public page for it; its own demo client, spotlite, uses
// it), then GET /tasking/tasks/{id}/ when the answer is not the task. It
// returns it as it stands after the cancellation; a nil error always comes
// with a task. Queued captures are dropped when the cancellation comes early
// enough; captures already published stay available. Satellogic does not
// document the answer: when it is the task, Cancel returns it; when it is
// anything else (empty, a 204, a status object, text), the cancellation was
// accepted and Cancel reads the task with Get. If that read fails, the error
// says the cancellation was accepted and wraps the read's error.
//
// An id that is not positive is refused with a *tasking.ValidationError
// before any request.
func (s *TasksService) Cancel(ctx context.Context, id int64) (*Task, error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	resp, err := s.c.do(ctx, &transport.Request{Method: http.MethodPatch, Path: s.path(id, "cancel/"),
		Body: jsontext.Value("{}")}, nil)
	if err != nil {
		return nil, err
	}
	var t Task
	if !resp.Empty && s.c.tc.Unmarshal(resp.Body, &t) == nil && !t.absent() {
		return &t, nil
	}
	got, err := s.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("satellogic: task %d: the cancellation was accepted, but reading the task failed: %w", id, err)
	}
	return got, nil
}

// Captures fetches one page of a task's captures, planned ones included:
// GET /tasking/tasks/{id}/captures/
// (https://developers.satellogic.com/tasking-service/python_examples.html). An id that is not
// positive is refused with a *tasking.ValidationError before any request.
func (s *TasksService) Captures(ctx context.Context, id int64, opts *ListOptions) (*Page[*Capture], error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	p, err := listPage[*Capture](ctx, s.c, s.path(id, "captures/"), opts)
	if err != nil {
		return nil, err
	}
	for _, c := range p.Results {
		c.TaskID = id
	}
	return p, nil
}

// AllCaptures iterates over every capture of a task, fetching pages lazily:
// GET /tasking/tasks/{id}/captures/, then each page's next link. An id that is not
// positive yields a *tasking.ValidationError, and no request.
//
// See https://developers.satellogic.com/tasking-service/python_examples.html.
func (s *TasksService) AllCaptures(ctx context.Context, id int64, opts *ListOptions) iter.Seq2[*Capture, error] {
	if err := checkTaskID(id); err != nil {
		return adapter.Fail[*Capture](err)
	}
	return func(yield func(*Capture, error) bool) {
		for c, err := range allPages[*Capture](ctx, s.c, s.path(id, "captures/"), opts) {
			if c != nil {
				c.TaskID = id
			}
			if !yield(c, err) {
				return
			}
		}
	}
}

// Wait polls the task with GET /tasking/tasks/{id}/ until it reaches a
// terminal status (or opts.Until holds) and returns it. Moves that TaskLifecycle does not document are
// reported through opts.OnUnexpected. Delays opts leaves zero come from
// WithPollDelays, then tasking's defaults. Against the real API, use delays
// of minutes: planning cycles run about every 30 minutes. An id that is not
// positive is refused with a *tasking.ValidationError before any request.
//
// See https://developers.satellogic.com/tasking-service/python_examples.html.
func (s *TasksService) Wait(ctx context.Context, id int64, opts *tasking.WaitOptions) (*Task, error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	return tasking.Wait(ctx, s.fetcher(id), taskStatus, TaskLifecycle, opts.WithPollDelays(s.c.PollDelays()))
}

// Watch is the iterator form of Wait: it yields the task each time its
// status changes, the first observation included, and ends where Wait
// returns. An id that is not positive is the only thing it yields.
//
// Endpoint: GET /tasking/tasks/{id}/, polled.
//
// See https://developers.satellogic.com/tasking-service/python_examples.html.
func (s *TasksService) Watch(ctx context.Context, id int64, opts *tasking.WaitOptions) iter.Seq2[*Task, error] {
	if err := checkTaskID(id); err != nil {
		return adapter.Fail[*Task](err)
	}
	return tasking.Watch(ctx, s.fetcher(id), taskStatus, TaskLifecycle, opts.WithPollDelays(s.c.PollDelays()))
}

func (s *TasksService) fetcher(id int64) func(context.Context) (*Task, error) {
	return func(ctx context.Context) (*Task, error) { return s.Get(ctx, id) }
}

func taskStatus(t *Task) TaskStatus {
	if t == nil {
		return ""
	}
	return t.Status
}

// listPage fetches one page of path with the query opts (a nil pointer sends
// none), leaving out the headers named in omit.
func listPage[T any](ctx context.Context, c *Client, path string, opts any, omit ...string) (*Page[T], error) {
	var p Page[T]
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: opts, OmitHeaders: omit}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// allPages ranges over every page of path, following next links, leaving
// out the headers named in omit.
func allPages[T any](ctx context.Context, c *Client, path string, opts any, omit ...string) iter.Seq2[T, error] {
	return tasking.Seq(ctx, func(ctx context.Context, cursor string) (tasking.Page[T], error) {
		var (
			p   *Page[T]
			err error
		)
		if cursor == "" {
			p, err = listPage[T](ctx, c, path, opts, omit...)
		} else {
			p, err = listPage[T](ctx, c, c.follow(cursor, path), nil, omit...)
		}
		if err != nil {
			return tasking.Page[T]{}, err
		}
		if len(p.Results) == 0 {
			// An empty page ends the listing even if it links on.
			return tasking.Page[T]{}, nil
		}
		return tasking.Page[T]{Items: p.Results, Next: p.Next}, nil
	})
}
