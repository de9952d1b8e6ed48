package satellogictest

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/satellogic"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

type simCapture struct {
	id     string
	status satellogic.CaptureStatus
	fault  CaptureFault
}

type simTask struct {
	id            int64
	contract      string
	req           taskPayload
	created       time.Time
	status        satellogic.TaskStatus
	required      int // captures to publish for completed
	opportunities int // capture attempts left in the window
	captures      []*simCapture
}

func (t *simTask) active() []*simCapture {
	var out []*simCapture
	for _, c := range t.captures {
		if c.status == satellogic.CaptureQueued || c.status == satellogic.CaptureProcessing {
			out = append(out, c)
		}
	}
	return out
}

func (t *simTask) published() int {
	n := 0
	for _, c := range t.captures {
		if c.status == satellogic.CapturePublished {
			n++
		}
	}
	return n
}

// taskPayload is a checked task (or analysis) request.
type taskPayload struct {
	name, project  string
	product        satellogic.ProductID
	target         jsontext.Value // as sent, nil for none
	geom           orb.Geometry
	start, end     time.Time
	maxCaptures    int // 0: not sent
	expectedAge    time.Duration
	hasAge         bool
	firstPointTime time.Time
}

const (
	msgRequired = "This field is required."
	msgBlank    = "This field may not be blank."
	msgDatetime = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
	msgDuration = "Duration has wrong format. Use one of these formats instead: [DD] [HH:[MM:]]ss[.uuuuuu]."
)

// parsePayload checks a task body as the API's serializer would, returning
// DRF-style field errors.
func parsePayload(body []byte) (taskPayload, map[string][]string) {
	var p taskPayload
	errs := map[string][]string{}
	add := func(field, msg string) { errs[field] = append(errs[field], msg) }
	var m map[string]jsontext.Value
	if err := json.Unmarshal(body, &m, jsontext.AllowDuplicateNames(true)); err != nil || m == nil {
		add("non_field_errors", "Invalid data. Expected a dictionary.")
		return p, errs
	}
	str := func(field string) string {
		raw, ok := m[field]
		if !ok || raw.Kind() == 'n' {
			add(field, msgRequired)
			return ""
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			add(field, "Not a valid string.")
			return ""
		}
		if strings.TrimSpace(v) == "" {
			add(field, msgBlank)
		} else if len(v) > 255 {
			add(field, "Ensure this field has no more than 255 characters.")
		}
		return v
	}
	p.name, p.project = str("task_name"), str("project_name")

	if raw, ok := m["product"]; !ok || raw.Kind() == 'n' {
		add("product", msgRequired)
	} else {
		var n int
		if json.Unmarshal(raw, &n) != nil {
			add("product", "Incorrect type. Expected pk value.")
		} else if !knownProduct(n) {
			add("product", fmt.Sprintf("Invalid pk %q - object does not exist.", fmt.Sprint(n)))
		} else {
			p.product = satellogic.ProductID(n)
		}
	}

	if raw, ok := m["target"]; ok && raw.Kind() != 'n' {
		p.target = raw
		g, msg := checkTarget(raw)
		switch {
		case msg != "":
			add("target", msg)
		case p.product != 0 && p.product.TargetType() != "" && g.GeoJSONType() != p.product.TargetType():
			add("target", fmt.Sprintf("Product %d requires a %s target.", p.product, p.product.TargetType()))
		default:
			p.geom = g
		}
	} else if p.product != satellogic.ProductNEI {
		add("target", msgRequired)
	}

	tm := func(field string) time.Time {
		raw, ok := m[field]
		if !ok || raw.Kind() == 'n' {
			add(field, msgRequired)
			return time.Time{}
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			add(field, msgDatetime)
			return time.Time{}
		}
		t, err := parseISO(v)
		if err != nil {
			add(field, msgDatetime)
		}
		return t
	}
	p.start, p.end = tm("start"), tm("end")
	if !p.start.IsZero() && !p.end.IsZero() && !p.end.After(p.start) {
		add("non_field_errors", "end must be after start.")
	}

	if raw, ok := m["max_captures"]; ok && raw.Kind() != 'n' {
		var n int
		if json.Unmarshal(raw, &n) != nil {
			add("max_captures", "A valid integer is required.")
		} else if n < 1 {
			add("max_captures", "Ensure this value is greater than or equal to 1.")
		} else {
			p.maxCaptures = n
		}
	}
	if raw, ok := m["expected_age"]; ok && raw.Kind() != 'n' {
		var v string
		d, err := time.Duration(0), json.Unmarshal(raw, &v)
		if err == nil {
			d, err = satellogic.ParseExpectedAge(v)
		}
		if err != nil {
			add("expected_age", msgDuration)
		} else if d <= 0 {
			add("expected_age", "Ensure this value is greater than 0.")
		} else {
			p.expectedAge, p.hasAge = d, true
		}
	}
	if raw, ok := m["first_point_time"]; ok && raw.Kind() != 'n' {
		var v string
		t, err := time.Time{}, json.Unmarshal(raw, &v)
		if err == nil {
			t, err = parseISO(v)
		}
		switch {
		case err != nil:
			add("first_point_time", msgDatetime)
		case !p.start.IsZero() && !p.end.IsZero() && (t.Before(p.start) || t.After(p.end)):
			add("first_point_time", "Must lie within the collection window.")
		default:
			p.firstPointTime = t
		}
	}
	if len(errs) == 0 {
		return p, nil
	}
	return p, errs
}

func knownProduct(n int) bool {
	for _, p := range satellogic.ProductIDValues() {
		if int(p) == n {
			return true
		}
	}
	return false
}

// parseISO reads the datetimes Django accepts: with a zone, Z, or none (UTC).
func parseISO(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	for _, l := range []string{"2006-01-02T15:04:05.999999", "2006-01-02T15:04", "2006-01-02 15:04:05.999999"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad datetime %q", s)
}

// checkTarget checks a GeoJSON geometry object's structure and coordinates.
func checkTarget(raw jsontext.Value) (orb.Geometry, string) {
	var head struct {
		Type        string         `json:"type"`
		Coordinates jsontext.Value `json:"coordinates"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return nil, "Invalid GeoJSON: expected a geometry object."
	}
	pos := func(p []float64) string {
		if len(p) != 2 && len(p) != 3 {
			return "Invalid GeoJSON: a position has 2 or 3 numbers."
		}
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return "Invalid GeoJSON: coordinates out of range."
		}
		return ""
	}
	switch head.Type {
	case "Point":
		var c []float64
		if json.Unmarshal(head.Coordinates, &c) != nil {
			return nil, "Invalid GeoJSON: bad Point coordinates."
		}
		if msg := pos(c); msg != "" {
			return nil, msg
		}
		return orb.Point{c[0], c[1]}, ""
	case "Polygon":
		var rings [][][]float64
		if json.Unmarshal(head.Coordinates, &rings) != nil || len(rings) == 0 {
			return nil, "Invalid GeoJSON: bad Polygon coordinates."
		}
		var poly orb.Polygon
		for _, ring := range rings {
			if len(ring) < 4 {
				return nil, "Invalid GeoJSON: a linear ring has at least 4 positions."
			}
			var r orb.Ring
			for _, p := range ring {
				if msg := pos(p); msg != "" {
					return nil, msg
				}
				r = append(r, orb.Point{p[0], p[1]})
			}
			if r[0] != r[len(r)-1] {
				return nil, "Invalid GeoJSON: a linear ring must be closed."
			}
			poly = append(poly, r)
		}
		if err := geo.Validate(poly); err != nil {
			return nil, "Invalid geometry: " + err.Error()
		}
		return poly, ""
	case "":
		return nil, "Invalid GeoJSON: no type."
	}
	return nil, fmt.Sprintf("Unsupported geometry type %s: use Point or Polygon.", head.Type)
}

// fragments is how many strips an AOI is cut into: one per 100 km², 1 to 10.
func fragments(g orb.Geometry) int {
	n := int(math.Ceil(geo.AreaKm2(g) / 100))
	return max(1, min(n, 10))
}

// windowOpportunities is how many capture attempts fit in the window: one per
// started day, 1 to 60; NEI tasks get exactly one.
func windowOpportunities(p taskPayload) int {
	if p.product == satellogic.ProductNEI {
		return 1
	}
	days := int(math.Ceil(p.end.Sub(p.start).Hours() / 24))
	return max(1, min(days, 60))
}

func (s *Server) createTask(w http.ResponseWriter, body []byte, contract string) {
	p, errs := parsePayload(body)
	if errs != nil {
		writeJSON(w, http.StatusBadRequest, errs)
		return
	}
	s.nextTaskID++
	t := &simTask{id: s.nextTaskID, contract: contract, req: p, created: s.kit.Now(), status: satellogic.TaskReceived,
		opportunities: windowOpportunities(p), required: 1}
	switch {
	case p.product == satellogic.ProductAOI:
		t.required = fragments(p.geom)
	case p.product == satellogic.ProductNEI:
		t.required = 1
	case p.maxCaptures > 0:
		t.required = p.maxCaptures
	}
	s.tasks[t.id] = t
	writeJSON(w, http.StatusCreated, s.taskJSON(t))
}

func (s *Server) taskJSON(t *simTask) map[string]any {
	target := any(nil)
	if t.req.target != nil {
		target = echoTarget(t.req.target)
	}
	m := map[string]any{
		"task_id":      t.id,
		"task_name":    t.req.name,
		"project_name": t.req.project,
		"product":      int(t.req.product),
		"start":        t.req.start.UTC().Format(time.RFC3339),
		"end":          t.req.end.UTC().Format(time.RFC3339),
		"priority":     14,
		"client":       "eotask simulator",
		"target":       target,
		"created_time": t.created.UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		"status":       string(t.status),
		"max_captures": max(t.req.maxCaptures, 1),
		"expected_age": nil,
	}
	if t.req.hasAge {
		m["expected_age"] = djangoDuration(t.req.expectedAge)
	}
	return m
}

// echoTarget returns the target as the API does: a Point gains an altitude.
func echoTarget(raw jsontext.Value) any {
	var g struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	}
	if json.Unmarshal(raw, &g) == nil && g.Type == "Point" && len(g.Coordinates) == 2 {
		return map[string]any{"type": "Point", "coordinates": []float64{g.Coordinates[0], g.Coordinates[1], 0.0}}
	}
	return raw
}

// djangoDuration writes d as Django's DurationField does: "7 00:00:00".
func djangoDuration(d time.Duration) string {
	days := int64(d / (24 * time.Hour))
	d -= time.Duration(days) * 24 * time.Hour
	s := fmt.Sprintf("%02d:%02d:%02d", int64(d/time.Hour), int64(d%time.Hour/time.Minute), int64(d%time.Minute/time.Second))
	if us := d % time.Second / time.Microsecond; us > 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if days != 0 {
		s = fmt.Sprintf("%d %s", days, s)
	}
	return s
}

var validStatusFilter = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range satellogic.TaskStatusValues() {
		m[string(s)] = true
	}
	return m
}()

func (s *Server) listTasks(w http.ResponseWriter, r *http.Request, contract string) {
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && !validStatusFilter[status] {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": []string{
			fmt.Sprintf("Select a valid choice. %s is not one of the available choices.", status)}})
		return
	}
	name, project := q.Get("task_name"), q.Get("project_name")
	items := []any{}
	for _, t := range slices.Backward(s.sortedTasks()) { // newest first
		if t.contract != contract || (status != "" && string(t.status) != status) ||
			(name != "" && t.req.name != name) || (project != "" && t.req.project != project) {
			continue
		}
		items = append(items, s.taskJSON(t))
	}
	writeJSON(w, http.StatusOK, s.page(r, items))
}

func (s *Server) listCaptures(w http.ResponseWriter, r *http.Request, t *simTask) {
	items := make([]any, len(t.captures))
	for i, c := range t.captures {
		items[i] = map[string]any{"capture_id": c.id, "status": string(c.status)}
	}
	writeJSON(w, http.StatusOK, s.page(r, items))
}

// cancel is PATCH /tasking/tasks/{id}/cancel/. Queued captures are dropped;
// captures already collected (processing) are still delivered. Cancelling a
// cancelled task succeeds again; cancelling a finished one is refused.
func (s *Server) cancel(w http.ResponseWriter, t *simTask) {
	switch {
	case t.status == satellogic.TaskCanceled:
	case satellogic.TaskLifecycle.Terminal(t.status):
		writeJSON(w, http.StatusBadRequest, map[string]any{"detail": fmt.Sprintf(
			"Task %d is %s and cannot be canceled.", t.id, t.status)})
		return
	default:
		kept := t.captures[:0]
		for _, c := range t.captures {
			switch c.status {
			case satellogic.CaptureQueued:
				continue // removed from the schedule
			case satellogic.CaptureProcessing:
				s.moveCapture(t, c, satellogic.CapturePublished)
			}
			kept = append(kept, c)
		}
		t.captures = kept
		s.move(t, satellogic.TaskCanceled)
	}
	writeJSON(w, http.StatusOK, s.taskJSON(t))
}

// move changes a task's status along TaskLifecycle only.
func (s *Server) move(t *simTask, to satellogic.TaskStatus) bool {
	if !satellogic.TaskLifecycle.Allows(t.status, to) {
		s.unexpected = append(s.unexpected, fmt.Sprintf("task %d: %s -> %s", t.id, t.status, to))
		return false
	}
	t.status = to
	return true
}

// moveCapture changes a capture's status along CaptureLifecycle only.
func (s *Server) moveCapture(t *simTask, c *simCapture, to satellogic.CaptureStatus) {
	if !satellogic.CaptureLifecycle.Allows(c.status, to) {
		s.unexpected = append(s.unexpected, fmt.Sprintf("task %d capture %s: %s -> %s", t.id, c.id, c.status, to))
		return
	}
	c.status = to
	if to == satellogic.CapturePublished {
		s.publish(t, c)
	}
}

// sortedTasks returns the tasks, oldest first.
func (s *Server) sortedTasks() []*simTask {
	out := make([]*simTask, 0, len(s.tasks))
	for _, t := range s.tasks {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func (s *Server) windowOpen(t *simTask) bool {
	return t.opportunities > 0 && s.kit.Now().Before(t.req.end)
}

// finish ends a task whose window is over: partially completed with some
// captures published, failed with none.
func (s *Server) finish(t *simTask) {
	if t.published() > 0 {
		s.move(t, satellogic.TaskPartiallyCompleted)
	} else {
		s.move(t, satellogic.TaskFailed)
	}
}

// step moves a task one step through its lifecycle.
func (s *Server) step(t *simTask) {
	switch t.status {
	case satellogic.TaskReceived:
		s.move(t, satellogic.TaskPlanning) // the next planning cycle
	case satellogic.TaskPlanning:
		active := len(t.active())
		deficit := t.required - t.published() - active
		switch {
		case deficit > 0 && s.windowOpen(t):
			n := min(deficit, t.opportunities)
			for i := 0; i < n; i++ {
				s.captureSeq++
				c := &simCapture{id: uuidFor("capture", s.captureSeq), status: satellogic.CaptureQueued}
				if len(s.captureFaults) > 0 {
					c.fault, s.captureFaults = s.captureFaults[0], s.captureFaults[1:]
				}
				t.captures = append(t.captures, c)
			}
			t.opportunities -= n
			s.move(t, satellogic.TaskPending)
		case active > 0:
			s.move(t, satellogic.TaskPending)
		default:
			s.finish(t) // no opportunity left before the window closes
		}
	case satellogic.TaskPending:
		if s.preempt > 0 {
			// A higher-priority order takes the allocated capture.
			for i := len(t.captures) - 1; i >= 0; i-- {
				if t.captures[i].status == satellogic.CaptureQueued {
					t.captures = append(t.captures[:i], t.captures[i+1:]...)
					break
				}
			}
			s.preempt--
			s.move(t, satellogic.TaskPlanning)
			return
		}
		s.move(t, satellogic.TaskInProgress) // under 12 h to the first capture
	case satellogic.TaskInProgress:
		s.stepInProgress(t)
	}
}

func (s *Server) stepInProgress(t *simTask) {
	if !s.kit.Now().Before(t.req.end) {
		// The window closed: captures not collected yet are dropped.
		kept := t.captures[:0]
		for _, c := range t.captures {
			if c.status != satellogic.CaptureQueued {
				kept = append(kept, c)
			}
		}
		t.captures = kept
		t.opportunities = 0
	}
	failed := false
	if act := t.active(); len(act) > 0 {
		c := act[0]
		switch {
		case c.status == satellogic.CaptureQueued && c.fault == FaultCollection:
			s.moveCapture(t, c, satellogic.CaptureFailed)
			failed = true
		case c.status == satellogic.CaptureQueued:
			s.moveCapture(t, c, satellogic.CaptureProcessing)
		case c.fault == FaultQC:
			s.moveCapture(t, c, satellogic.CaptureFailed)
			failed = true
		default:
			s.moveCapture(t, c, satellogic.CapturePublished)
		}
	}
	nei := t.req.product == satellogic.ProductNEI
	switch {
	case t.published() >= t.required:
		s.move(t, satellogic.TaskCompleted)
	case failed && !nei && s.windowOpen(t):
		s.move(t, satellogic.TaskPlanning) // re-plan the failed capture
	case len(t.active()) > 0:
		// more captures to collect or process
	case !nei && s.windowOpen(t):
		s.move(t, satellogic.TaskPlanning)
	default:
		s.finish(t)
	}
}
