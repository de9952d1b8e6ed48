package satellogic

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Task is a tasking order as the Tasking API returns it.
type Task struct {
	TaskID      int64        `json:"task_id"`      // the task's id
	TaskName    string       `json:"task_name"`    // the caller's label
	ProjectName string       `json:"project_name"` // the project grouping the task
	Product     ProductID    `json:"product"`      // the product tasked
	Start       time.Time    `json:"start"`        // start of the collection window, UTC
	End         time.Time    `json:"end"`          // end of the collection window, UTC
	Priority    int          `json:"priority"`     // assigned by the server
	ClientName  string       `json:"client"`       // the account's display name
	Target      orb.Geometry `json:"-"`            // "target": a GeoJSON Point or Polygon on the wire
	CreatedTime time.Time    `json:"created_time"` // when the task was received, UTC
	Status      TaskStatus   `json:"status"`       // where the task stands
	// MaxCaptures is echoed back when the server sends it (not confirmed).
	MaxCaptures *int `json:"max_captures,omitempty"`
	// ExpectedAge is the server's duration text, when it sends one (not
	// confirmed); read it with ParseExpectedAge.
	ExpectedAge string `json:"expected_age,omitempty"`
	// Raw is the JSON the server sent for this task.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON reads a task leniently: unknown fields are ignored, times may
// lack a zone, and a target that is not a readable GeoJSON geometry leaves
// Target nil (it stays in Raw). On error t is left as it was. A task as the
// API sends it is read in one pass without reflection (decodeFast); anything
// else goes through encoding/json (decodeJSON), with the same result.
func (t *Task) UnmarshalJSON(b []byte) error {
	var v Task
	if !v.decodeFast(b) {
		v = Task{}
		if err := v.decodeJSON(b); err != nil {
			return err
		}
	}
	v.Raw = append(json.RawMessage(nil), b...)
	*t = v
	return nil
}

// decodeJSON reads a task with encoding/json, in one pass: the target and the
// times decode in place.
func (t *Task) decodeJSON(b []byte) error {
	type plain Task
	var w struct {
		plain
		Target      wireTarget `json:"target"`
		Start       wireTime   `json:"start"`
		End         wireTime   `json:"end"`
		CreatedTime wireTime   `json:"created_time"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Task(w.plain)
	t.Target = w.Target.g
	t.Start, t.End, t.CreatedTime = time.Time(w.Start), time.Time(w.End), time.Time(w.CreatedTime)
	return nil
}

// The members a task object is read from, numbered for decodeFast.
const (
	fieldTaskID = iota
	fieldTaskName
	fieldProjectName
	fieldProduct
	fieldStart
	fieldEnd
	fieldPriority
	fieldClient
	fieldTarget
	fieldCreatedTime
	fieldStatus
	fieldMaxCaptures
	fieldExpectedAge
)

// taskFields are the wire names of the fields Task decodes (its json tags and
// "target"), by number.
var taskFields = [...]string{
	fieldTaskID: "task_id", fieldTaskName: "task_name", fieldProjectName: "project_name", fieldProduct: "product",
	fieldStart: "start", fieldEnd: "end", fieldPriority: "priority", fieldClient: "client", fieldTarget: "target",
	fieldCreatedTime: "created_time", fieldStatus: "status", fieldMaxCaptures: "max_captures",
	fieldExpectedAge: "expected_age",
}

// taskField returns the number of a member in taskFields, or -1.
func taskField(key []byte) int {
	switch string(key) {
	case "task_id":
		return fieldTaskID
	case "task_name":
		return fieldTaskName
	case "project_name":
		return fieldProjectName
	case "product":
		return fieldProduct
	case "start":
		return fieldStart
	case "end":
		return fieldEnd
	case "priority":
		return fieldPriority
	case "client":
		return fieldClient
	case "target":
		return fieldTarget
	case "created_time":
		return fieldCreatedTime
	case "status":
		return fieldStatus
	case "max_captures":
		return fieldMaxCaptures
	case "expected_age":
		return fieldExpectedAge
	}
	return -1
}

// decodeFast reads a task in one pass, without reflection, when b is a task
// object as the API sends it. It reports false, leaving a partly filled t, on
// anything it does not read exactly as decodeJSON would (a member matching a
// field only case-insensitively, a repeated member, a string with escapes, a
// type mismatch, a target in another shape than fastGeometry's, a time that
// does not parse, malformed JSON, …); the caller then uses decodeJSON.
// Unknown members are skipped (and checked).
func (t *Task) decodeFast(b []byte) bool {
	s := scan{b: b}
	if !s.consume('{') {
		return false
	}
	if s.consume('}') {
		return s.atEnd()
	}
	var seen uint32
	for {
		key, ok := s.plainString()
		if !ok || !s.consume(':') {
			return false
		}
		switch f := taskField(key); {
		case f < 0:
			for _, name := range taskFields {
				if strings.EqualFold(string(key), name) {
					return false
				}
			}
			if !s.skipValue(0) {
				return false
			}
		case seen&(1<<f) != 0:
			return false
		default:
			seen |= 1 << f
			if !s.literal("null") && !t.decodeField(f, &s) {
				return false
			}
		}
		if s.consume(',') {
			continue
		}
		return s.consume('}') && s.atEnd()
	}
}

// decodeField reads the value of member taskFields[f] into t.
func (t *Task) decodeField(f int, s *scan) (ok bool) {
	switch f {
	case fieldTaskID:
		t.TaskID, ok = s.integer64()
	case fieldTaskName:
		t.TaskName, ok = s.text()
	case fieldProjectName:
		t.ProjectName, ok = s.text()
	case fieldProduct:
		var n int
		n, ok = s.integer()
		t.Product = ProductID(n)
	case fieldStart, fieldEnd, fieldCreatedTime:
		var raw []byte
		var w wireTime
		if raw, ok = s.rawText(); ok {
			ok = w.UnmarshalJSON(raw) == nil
		}
		switch f {
		case fieldStart:
			t.Start = time.Time(w)
		case fieldEnd:
			t.End = time.Time(w)
		default:
			t.CreatedTime = time.Time(w)
		}
	case fieldPriority:
		t.Priority, ok = s.integer()
	case fieldClient:
		t.ClientName, ok = s.text()
	case fieldTarget:
		t.Target, ok = s.geometry()
	case fieldStatus:
		var v string
		v, ok = s.text()
		t.Status = TaskStatus(v)
	case fieldMaxCaptures:
		var n int
		if n, ok = s.integer(); ok {
			v := n
			t.MaxCaptures = &v
		}
	case fieldExpectedAge:
		t.ExpectedAge, ok = s.text()
	}
	return ok
}

// MarshalJSON writes the task in the wire format.
func (t Task) MarshalJSON() ([]byte, error) {
	type plain Task
	target, err := encodeTarget(t.Target)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Target      json.RawMessage `json:"target"`
		Start       string          `json:"start"`
		End         string          `json:"end"`
		CreatedTime string          `json:"created_time"`
	}{plain(t), target, formatTime(t.Start), formatTime(t.End), t.CreatedTime.UTC().Format(time.RFC3339Nano)})
}

// absent reports whether t holds no task: Satellogic task ids are positive,
// so a zero id means the answer held none.
func (t *Task) absent() bool { return t.TaskID == 0 }

// Neutral returns the neutral view of t.
func (t *Task) Neutral() *tasking.Task {
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
		Raw:       t.Raw,
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
	// Extra holds further top-level fields, sent as they are: for example the
	// NEI parameters ("satellite", "first_point_time", "first_point", …),
	// whose exact layout Satellogic does not publish. A key may not repeat a
	// field above.
	Extra map[string]any
}

// typedFields are the wire names TaskCreateRequest sets itself.
var typedFields = []string{"task_name", "project_name", "product", "target", "start", "end",
	"max_captures", "expected_age"}

// MarshalJSON writes the request body: times in UTC RFC 3339, the target as a
// bare GeoJSON geometry, Extra merged at the top level.
func (r TaskCreateRequest) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	for k, v := range r.Extra {
		m[k] = v
	}
	m["task_name"] = r.TaskName
	m["project_name"] = r.ProjectName
	m["product"] = r.Product
	if r.Target != nil {
		t, err := encodeTarget(r.Target)
		if err != nil {
			return nil, err
		}
		m["target"] = t
	}
	m["start"] = formatTime(r.Start)
	m["end"] = formatTime(r.End)
	if r.MaxCaptures != 0 {
		m["max_captures"] = r.MaxCaptures
	}
	if r.ExpectedAge != 0 {
		m["expected_age"] = FormatExpectedAge(r.ExpectedAge)
	}
	return json.Marshal(m)
}

// TaskListOptions filters GET /tasking/tasks/. Zero fields are not sent.
type TaskListOptions struct {
	ListOptions
	Status      TaskStatus `url:"status,omitempty"`       // one status
	TaskName    string     `url:"task_name,omitempty"`    // exact task name
	ProjectName string     `url:"project_name,omitempty"` // project name
}

// Capture is one image acquisition of a task. Only CaptureID and Status are
// documented; everything else the server sends is in Raw.
type Capture struct {
	// CaptureID is a UUID; it is the delivery API's sceneset_id.
	CaptureID string        `json:"capture_id"`
	Status    CaptureStatus `json:"status"` // where the capture stands
	// Raw is the JSON the server sent for this capture.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON reads a capture, keeping the raw JSON.
func (c *Capture) UnmarshalJSON(b []byte) error {
	type plain Capture
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	p.Raw = append(json.RawMessage(nil), b...)
	*c = Capture(p)
	return nil
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
	return s.c.paths.Tasks + strconv.FormatInt(id, 10) + "/" + sub
}

// Create places a task (POST /tasking/tasks/) after checking req with
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

// Get fetches one task (GET /tasking/tasks/{id}/). An id that is not
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

// List fetches one page of the contract's tasks (GET /tasking/tasks/). Use
// Page.NextOffset for the next page, or All to range over every page.
func (s *TasksService) List(ctx context.Context, opts *TaskListOptions) (*Page[*Task], error) {
	return listPage[*Task](ctx, s.c, s.c.paths.Tasks, opts)
}

// All iterates over every task matching opts, fetching pages lazily by
// following each page's next link.
func (s *TasksService) All(ctx context.Context, opts *TaskListOptions) iter.Seq2[*Task, error] {
	return allPages[*Task](ctx, s.c, s.c.paths.Tasks, opts)
}

// Cancel cancels a task (PATCH /tasking/tasks/{id}/cancel/ with body {}) and
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
		Body: json.RawMessage("{}")}, nil)
	if err != nil {
		return nil, err
	}
	var t Task
	if json.Unmarshal(resp.Body, &t) == nil && !t.absent() {
		return &t, nil
	}
	got, err := s.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("satellogic: task %d: the cancellation was accepted, but reading the task failed: %w", id, err)
	}
	return got, nil
}

// Captures fetches one page of a task's captures (GET
// /tasking/tasks/{id}/captures/), planned ones included. An id that is not
// positive is refused with a *tasking.ValidationError before any request.
func (s *TasksService) Captures(ctx context.Context, id int64, opts *ListOptions) (*Page[*Capture], error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	return listPage[*Capture](ctx, s.c, s.path(id, "captures/"), opts)
}

// AllCaptures iterates over every capture of a task. An id that is not
// positive yields a *tasking.ValidationError, and no request.
func (s *TasksService) AllCaptures(ctx context.Context, id int64, opts *ListOptions) iter.Seq2[*Capture, error] {
	if err := checkTaskID(id); err != nil {
		return func(yield func(*Capture, error) bool) { yield(nil, err) }
	}
	return allPages[*Capture](ctx, s.c, s.path(id, "captures/"), opts)
}

// Wait polls the task until it reaches a terminal status (or opts.Until
// holds) and returns it. Moves that TaskLifecycle does not document are
// reported through opts.OnUnexpected. Against the real API, use delays of
// minutes: planning cycles run about every 30 minutes. An id that is not
// positive is refused with a *tasking.ValidationError before any request.
func (s *TasksService) Wait(ctx context.Context, id int64, opts *tasking.WaitOptions) (*Task, error) {
	if err := checkTaskID(id); err != nil {
		return nil, err
	}
	return tasking.Wait(ctx, func(ctx context.Context) (*Task, error) { return s.Get(ctx, id) },
		func(t *Task) TaskStatus {
			if t == nil {
				return ""
			}
			return t.Status
		}, TaskLifecycle, opts)
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

// allPages ranges over every page of path, following next links.
func allPages[T any](ctx context.Context, c *Client, path string, opts any) iter.Seq2[T, error] {
	return allPagesWith[T](ctx, c, path, opts, nil)
}

// allPagesWith is allPages leaving out the headers named in omit.
func allPagesWith[T any](ctx context.Context, c *Client, path string, opts any, omit []string) iter.Seq2[T, error] {
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
