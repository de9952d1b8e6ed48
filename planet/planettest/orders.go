package planettest

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// order is one tasking order's state.
type order struct {
	seq                    int
	id, name               string
	status                 planet.OrderStatus
	geometry, original     jsontext.Value
	requestedSqkm          float64
	start, end             time.Time // end is zero for a MONITORING order
	created, updated       time.Time
	plNumber, product      string
	schedulingType         string
	orderType              string
	rrule                  string
	count                  int // captures wanted by a MONITORING order
	imagingWindow          string
	satElevMin, satElevMax *float64
	satelliteTypes         []string
	exclusivityDays        int
	cloudThreshold         *float64
	fulfilled              time.Time
	captures               []*capture
	reject                 bool
}

type orderWire struct {
	ID                            string         `json:"id"`
	Name                          string         `json:"name"`
	Status                        string         `json:"status"`
	Geometry                      jsontext.Value `json:"geometry"`
	OriginalGeometry              jsontext.Value `json:"original_geometry"`
	StartTime                     *string        `json:"start_time"`
	EndTime                       *string        `json:"end_time"`
	CreatedTime                   *string        `json:"created_time"`
	UpdatedTime                   *string        `json:"updated_time"`
	PLNumber                      string         `json:"pl_number"`
	Product                       string         `json:"product"`
	SchedulingType                string         `json:"scheduling_type"`
	OrderType                     string         `json:"order_type"`
	ImagingWindow                 *string        `json:"imaging_window"`
	RRule                         *string        `json:"rrule"`
	SatElevationAngleMin          *float64       `json:"sat_elevation_angle_min"`
	SatElevationAngleMax          *float64       `json:"sat_elevation_angle_max"`
	SatelliteTypes                []string       `json:"satellite_types"`
	CloudThreshold                *float64       `json:"cloud_threshold"`
	ExclusivityDays               int            `json:"exclusivity_days"`
	CaptureCount                  int            `json:"capture_count"`
	CaptureStatusQueuedCount      int            `json:"capture_status_queued_count"`
	CaptureStatusProcessingCount  int            `json:"capture_status_processing_count"`
	CaptureStatusPublishedCount   int            `json:"capture_status_published_count"`
	CaptureStatusFailedCount      int            `json:"capture_status_failed_count"`
	CaptureAssessmentSuccessCount int            `json:"capture_assessment_success_count"`
	CaptureAssessmentInvalidCount int            `json:"capture_assessment_invalid_count"`
	FulfilledTime                 *string        `json:"fulfilled_time"`
	LastAcquiredTime              *string        `json:"last_acquired_time"`
	RequestedSqkm                 float64        `json:"requested_sqkm"`
	IsCancellable                 bool           `json:"is_cancellable"`
}

func (o *order) wire() orderWire {
	w := orderWire{
		ID: o.id, Name: o.name, Status: string(o.status), Geometry: o.geometry, OriginalGeometry: o.original,
		StartTime: ts(o.start), EndTime: ts(o.end), CreatedTime: ts(o.created), UpdatedTime: ts(o.updated),
		PLNumber: o.plNumber, Product: o.product, SchedulingType: o.schedulingType, OrderType: o.orderType,
		SatElevationAngleMin: o.satElevMin, SatElevationAngleMax: o.satElevMax, SatelliteTypes: o.satelliteTypes,
		CloudThreshold: o.cloudThreshold, ExclusivityDays: o.exclusivityDays, CaptureCount: len(o.captures),
		FulfilledTime: ts(o.fulfilled), RequestedSqkm: math.Round(o.requestedSqkm*100) / 100,
		IsCancellable: cancellable(o.status),
	}
	if w.SatelliteTypes == nil {
		w.SatelliteTypes = []string{}
	}
	if o.imagingWindow != "" {
		w.ImagingWindow = &o.imagingWindow
	}
	if o.rrule != "" {
		w.RRule = &o.rrule
	}
	var last time.Time
	for _, c := range o.captures {
		switch c.status {
		case planet.CaptureQueued:
			w.CaptureStatusQueuedCount++
		case planet.CaptureProcessing:
			w.CaptureStatusProcessingCount++
		case planet.CapturePublished:
			w.CaptureStatusPublishedCount++
		case planet.CaptureFailed:
			w.CaptureStatusFailedCount++
		}
		switch c.assessment {
		case planet.AssessmentSuccess:
			w.CaptureAssessmentSuccessCount++
		case planet.AssessmentInvalid:
			w.CaptureAssessmentInvalidCount++
		}
		if c.acquired.After(last) {
			last = c.acquired
		}
	}
	w.LastAcquiredTime = ts(last)
	return w
}

// cancellable is the documented rule: RECEIVED, REQUESTED, PENDING or
// IN_PROGRESS orders can be cancelled.
func cancellable(s planet.OrderStatus) bool {
	switch s {
	case planet.OrderReceived, planet.OrderRequested, planet.OrderPending, planet.OrderInProgress:
		return true
	}
	return false
}

// move changes o's status if OrderLifecycle allows it and records the event.
func (s *Server) move(o *order, to planet.OrderStatus) bool {
	if !planet.OrderLifecycle.Allows(o.status, to) {
		return false
	}
	o.status = to
	o.updated = s.now()
	if to == planet.OrderFulfilled {
		o.fulfilled = o.updated
		s.record(planet.EventOrderFulfilled, o, "")
	}
	return true
}

// inflight returns o's capture that is queued or processing, if any.
func (o *order) inflight() *capture {
	for _, c := range o.captures {
		if c.status == planet.CaptureQueued || c.status == planet.CaptureProcessing {
			return c
		}
	}
	return nil
}

// endPassed reports whether o has an end time and the clock has passed it.
func (o *order) endPassed(now time.Time) bool { return !o.end.IsZero() && now.After(o.end) }

// settle applies what the clock alone decides: an active order whose end
// time has passed, with no capture in flight, expires.
func (s *Server) settle(o *order) {
	now := s.now()
	if (o.status == planet.OrderPending || o.status == planet.OrderInProgress) && o.endPassed(now) && o.inflight() == nil {
		s.move(o, planet.OrderExpired)
	}
}

// step moves o one step along its life.
func (s *Server) step(o *order) {
	s.settle(o)
	now := s.now()
	s.stepDeliveries(o, now)
	switch o.status {
	case planet.OrderReceived, planet.OrderRequested:
		if o.reject {
			s.move(o, planet.OrderRejected)
		} else {
			s.move(o, planet.OrderPending)
		}
	case planet.OrderPending:
		if !now.Before(o.start) {
			s.move(o, planet.OrderInProgress)
		}
	case planet.OrderInProgress:
		s.stepCapture(o, now)
	case planet.OrderFinalizing:
		s.move(o, planet.OrderFulfilled)
	case planet.OrderPendingCancellation:
		// A capture already under way is finished (and may be charged);
		// then the order is cancelled.
		if c := o.inflight(); c != nil {
			s.advanceCapture(c, now)
		} else {
			s.move(o, planet.OrderCancelled)
		}
	}
}

// stepCapture moves the capture side of an IN_PROGRESS order: take a new
// capture, acquire it, publish and assess it, and move the order on the
// assessment: fulfilled, or retasked (expired once the end time has passed).
func (s *Server) stepCapture(o *order, now time.Time) {
	c := o.inflight()
	if c == nil {
		s.newCapture(o, now)
		return
	}
	if !s.advanceCapture(c, now) {
		return
	}
	if c.assessment == planet.AssessmentInvalid {
		if o.endPassed(now) {
			s.move(o, planet.OrderExpired)
		} else {
			s.move(o, planet.OrderInProgress) // retasked: a new capture follows
		}
		return
	}
	c.fulfilling = true
	if o.schedulingType == string(planet.SchedulingMonitoring) && o.successes() < o.count {
		return // more captures to come
	}
	if s.cfg.finalizing {
		s.move(o, planet.OrderFinalizing)
	} else {
		s.move(o, planet.OrderFulfilled)
	}
}

// advanceCapture moves a capture one step: QUEUED → PROCESSING (acquired),
// PROCESSING → PUBLISHED and assessed (INVALID when cloudy). It reports
// whether the capture was just published.
func (s *Server) advanceCapture(c *capture, now time.Time) bool {
	switch c.status {
	case planet.CaptureQueued:
		s.moveCapture(c, planet.CaptureProcessing)
		c.acquired = now
		c.stripID = "s" + strconv.Itoa(103+s.seq%6) + "_" + now.Format("20060102T150405Z")
	case planet.CaptureProcessing:
		s.moveCapture(c, planet.CapturePublished)
		c.published, c.assessedAt = now, now
		s.publishItem(c)
		s.deliver(c, now)
		cc := 0.04
		c.assessment = planet.AssessmentSuccess
		if c.cloudy {
			cc = 0.82
			c.assessment = planet.AssessmentInvalid
		}
		c.cloudCover = &cc
		return true
	}
	return false
}

func (o *order) successes() int {
	n := 0
	for _, c := range o.captures {
		if c.assessment == planet.AssessmentSuccess {
			n++
		}
	}
	return n
}

// AdvanceOrder moves one order n steps.
func (s *Server) AdvanceOrder(id string, n int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return fmt.Errorf("planettest: no order %q", id)
	}
	for i := 0; i < n; i++ {
		s.step(o)
	}
	return nil
}

// FailOrder moves an IN_PROGRESS or FINALIZING order to FAILED.
func (s *Server) FailOrder(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return fmt.Errorf("planettest: no order %q", id)
	}
	if !s.move(o, planet.OrderFailed) {
		return fmt.Errorf("planettest: order %s is %s; OrderLifecycle does not allow FAILED from there", id, o.status)
	}
	return nil
}

// OrderCount returns how many orders the server holds.
func (s *Server) OrderCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.orderIDs)
}

// Orders returns every order, oldest first, as the API would answer (without
// moving them).
func (s *Server) Orders() []*planet.Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*planet.Order, 0, len(s.orderIDs))
	for _, id := range s.orderIDs {
		var o planet.Order
		if remarshal(s.orders[id].wire(), &o) == nil {
			out = append(out, &o)
		}
	}
	return out
}

var rruleCount = regexp.MustCompile(`(?i)(^|;)COUNT=([1-9][0-9]*)(;|$)`)

// parseOrder reads and checks an order body; it returns the order (not yet
// stored) or the field errors.
func (s *Server) parseOrder(f *form) (*order, map[string][]string) {
	now := s.now()
	o := &order{status: planet.OrderReceived, created: now, updated: now}
	o.name = f.str("name", true)
	var g orb.Geometry
	if !f.present("geometry") {
		f.fail("geometry", "This field is required.")
	} else if parsed, err := geo.ParseGeoJSON(f.m["geometry"]); err != nil {
		f.fail("geometry", "Invalid GeoJSON geometry.")
	} else if t := parsed.GeoJSONType(); t != "Point" && t != "LineString" && t != "Polygon" {
		f.fail("geometry", fmt.Sprintf("Geometry type %s is not supported.", t))
	} else if err := geo.Validate(parsed); err != nil {
		f.fail("geometry", "Invalid geometry: "+err.Error())
	} else {
		g = parsed
	}
	o.start, o.end = f.time("start_time"), f.time("end_time")
	o.plNumber, o.product = f.str("pl_number", false), f.str("product", false)
	o.schedulingType = f.str("scheduling_type", false)
	f.choice("scheduling_type", o.schedulingType, strsOf(planet.SchedulingTypeValues())...)
	o.orderType = f.str("order_type", false)
	f.choice("order_type", o.orderType, strsOf(planet.OrderTypeValues())...)
	o.rrule = f.str("rrule", false)
	o.imagingWindow = f.str("imaging_window", false)
	o.satElevMin, o.satElevMax = f.num("sat_elevation_angle_min"), f.num("sat_elevation_angle_max")
	for _, a := range []struct {
		name string
		v    *float64
	}{{"sat_elevation_angle_min", o.satElevMin}, {"sat_elevation_angle_max", o.satElevMax}} {
		if a.v != nil && (*a.v < 0 || *a.v > 90) {
			f.fail(a.name, "Ensure this value is between 0 and 90.")
		}
	}
	if o.satElevMin != nil && o.satElevMax != nil && *o.satElevMin > *o.satElevMax {
		f.fail("sat_elevation_angle_min", "Must not exceed sat_elevation_angle_max.")
	}
	o.satelliteTypes = f.strs("satellite_types")
	for _, t := range o.satelliteTypes {
		f.choice("satellite_types", t, strsOf(planet.SatelliteTypeValues())...)
	}
	if d := f.integer("exclusivity_days"); d != nil {
		if *d < 0 || *d > planet.MaxExclusivityDays {
			f.fail("exclusivity_days", "Ensure this value is between 0 and 30.")
		}
		o.exclusivityDays = *d
	}
	o.cloudThreshold = f.num("cloud_threshold")
	f.integer("n_stereo_pov")
	f.boolean("early_start")
	f.strs("requested_item_ids")
	if !f.ok() {
		return nil, f.errs
	}

	monitoring := o.schedulingType == string(planet.SchedulingMonitoring)
	switch {
	case monitoring:
		m := rruleCount.FindStringSubmatch(o.rrule)
		if o.rrule == "" || m == nil {
			f.fail("rrule", "A MONITORING order needs an rrule with COUNT.")
			break
		}
		o.count, _ = strconv.Atoi(m[2])
		if o.imagingWindow != "" {
			f.fail("imaging_window", "A MONITORING order cannot book an imaging window.")
		}
		o.end = time.Time{} // ignored for MONITORING
	case o.rrule != "":
		f.fail("rrule", "Only MONITORING orders take an rrule.")
	}
	if o.imagingWindow != "" && !monitoring {
		w, ok := s.windows[o.imagingWindow]
		switch {
		case !ok:
			f.fail("imaging_window", "Invalid imaging window.")
		case w.booked != "":
			f.fail("imaging_window", "This imaging window is already booked.")
		case !now.Before(w.start):
			f.fail("imaging_window", "This imaging window has expired: it started at "+*ts(w.start)+".")
		default:
			o.start, o.end, o.status = w.start, w.end, planet.OrderRequested
			if o.schedulingType == "" {
				o.schedulingType = string(planet.SchedulingAssured)
			}
			if o.product == "" {
				o.product = w.product
			}
			if o.plNumber == "" {
				o.plNumber = w.plNumber
			}
		}
	}
	if o.start.IsZero() {
		o.start = now
	}
	if o.end.IsZero() && !monitoring {
		o.end = o.start.AddDate(0, 0, 30)
	}
	if !o.end.IsZero() {
		switch {
		case !o.end.After(o.start):
			f.fail("end_time", "End time must be after start time.")
		case !o.end.After(now):
			f.fail("end_time", "End time must be in the future.")
		case o.end.After(o.start.AddDate(1, 0, 0)):
			f.fail("non_field_errors", "Maximum order duration (1 year) exceeded.")
		}
	}
	if !f.ok() {
		return nil, f.errs
	}
	if o.schedulingType == "" {
		o.schedulingType = string(planet.SchedulingFlexible)
	}
	if o.plNumber == "" {
		o.plNumber = "PL-000000"
	}
	if o.product == "" {
		o.product = "Flexible Tasking"
	}
	if o.orderType == "" {
		o.orderType = string(planet.OrderTypeImage)
	}
	o.setGeometry(g, s.cfg.footprintKm)
	return o, nil
}

// setGeometry keeps the submitted geometry as original_geometry and, for a
// point, images a footprint square around it as Planet does.
func (o *order) setGeometry(g orb.Geometry, km float64) {
	o.original, _ = geo.GeoJSON(g)
	o.geometry = o.original
	switch v := g.(type) {
	case orb.Point:
		o.requestedSqkm = km * km
		if fp, err := geo.Footprint(v, km, km); err == nil {
			o.geometry, _ = geo.GeoJSON(fp)
		}
	case orb.LineString:
		o.requestedSqkm = orbgeo.LengthHaversine(v) / 1000 * km
	default:
		o.requestedSqkm = geo.AreaKm2(g)
	}
}

// activeOrders counts orders Planet calls active: PENDING or IN_PROGRESS.
func (s *Server) activeOrders() int {
	n := 0
	for _, id := range s.orderIDs {
		if st := s.orders[id].status; st == planet.OrderPending || st == planet.OrderInProgress {
			n++
		}
	}
	return n
}

// addOrder checks the active-order limit and stores o.
func (s *Server) addOrder(o *order) map[string][]string {
	if s.cfg.maxActive > 0 && s.activeOrders() >= s.cfg.maxActive {
		return map[string][]string{"non_field_errors": {fmt.Sprintf(
			"Maximum number of active orders (%d) reached. Cancel an order or wait for one to finish.", s.cfg.maxActive)}}
	}
	o.seq = s.seq + 1
	o.id = s.newID()
	if s.rejectNext > 0 {
		s.rejectNext--
		o.reject = true
	}
	if o.imagingWindow != "" {
		s.windows[o.imagingWindow].booked = o.id
	}
	s.orders[o.id] = o
	s.orderIDs = append(s.orderIDs, o.id)
	s.addDeliveryTask(o)
	s.record(planet.EventOrderCreated, o, "")
	return nil
}

func (s *Server) createOrder(c *call) {
	f := c.parseForm()
	if f == nil {
		return
	}
	o, errs := s.parseOrder(f)
	if errs == nil {
		errs = s.addOrder(o)
	}
	if errs != nil {
		writeFields(c.w, errs)
		return
	}
	c.w.Header().Set("Location", BasePath+"orders/"+o.id+"/")
	writeJSON(c.w, http.StatusCreated, o.wire())
}

func (s *Server) findOrder(c *call, id string) *order {
	o, ok := s.orders[id]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return nil
	}
	return o
}

func (s *Server) getOrder(c *call, id string) {
	o := s.findOrder(c, id)
	if o == nil {
		return
	}
	s.settle(o)
	s.polled(func() { s.step(o) })
	writeJSON(c.w, http.StatusOK, o.wire())
}

var orderKeys = map[string]func(*order) any{
	"created_time": func(o *order) any { return o.created },
	"updated_time": func(o *order) any { return o.updated },
	"start_time":   func(o *order) any { return o.start },
	"end_time":     func(o *order) any { return o.end },
	"name":         func(o *order) any { return o.name },
	"status":       func(o *order) any { return string(o.status) },
}

func (s *Server) listOrders(c *call) {
	f := newFilters[*order](c.r.URL.Query())
	f.choice("status", strsOf(planet.OrderStatusValues()), func(o *order) string { return string(o.status) })
	f.icontains("name", func(o *order) string { return o.name })
	f.exact("name", func(o *order) string { return o.name })
	f.exact("pl_number", func(o *order) string { return o.plNumber })
	f.exact("product", func(o *order) string { return o.product })
	f.choice("scheduling_type", strsOf(planet.SchedulingTypeValues()), func(o *order) string { return o.schedulingType })
	f.times("created_time", func(o *order) time.Time { return o.created })
	f.times("updated_time", func(o *order) time.Time { return o.updated })
	f.times("start_time", func(o *order) time.Time { return o.start })
	f.times("end_time", func(o *order) time.Time { return o.end })
	if len(f.errs) > 0 {
		writeFields(c.w, f.errs) // before the clock settles any order
		return
	}
	all := make([]*order, 0, len(s.orderIDs))
	for _, id := range s.orderIDs {
		o := s.orders[id]
		s.settle(o)
		all = append(all, o)
	}
	f.serve(c, all, orderKeys, func(o *order) int { return o.seq }, func(o *order) any { return o.wire() })
}

// editable are the members an edit may carry (rank is a legacy field).
var editableMembers = map[string]bool{"name": true, "start_time": true, "end_time": true, "rank": true}

func (s *Server) editOrder(c *call, id string) {
	o := s.findOrder(c, id)
	if o == nil {
		return
	}
	f := c.parseForm()
	if f == nil {
		return
	}
	for k := range f.m {
		if !editableMembers[k] {
			f.fail(k, "This field cannot be changed once the order exists.")
		}
	}
	switch o.status {
	case planet.OrderPending, planet.OrderRequested, planet.OrderInProgress:
	default:
		f.fail("non_field_errors", fmt.Sprintf("Orders in status %s cannot be edited.", o.status))
	}
	name := o.name
	if f.present("name") {
		name = f.str("name", true)
	}
	start, end := o.start, o.end
	if f.present("start_time") {
		if o.status == planet.OrderInProgress {
			f.fail("start_time", "The start time cannot be changed once the order is IN_PROGRESS.")
		}
		start = f.time("start_time")
	}
	if f.present("end_time") {
		end = f.time("end_time")
	}
	if f.ok() && !end.IsZero() {
		switch {
		case !end.After(start):
			f.fail("end_time", "End time must be after start time.")
		case !end.After(s.now()):
			f.fail("end_time", "End time must be in the future.")
		case end.After(start.AddDate(1, 0, 0)):
			f.fail("non_field_errors", "Maximum order duration (1 year) exceeded.")
		}
	}
	if !f.ok() {
		writeFields(c.w, f.errs)
		return
	}
	o.name, o.start, o.end, o.updated = name, start, end, s.now()
	writeJSON(c.w, http.StatusOK, o.wire())
}

func (s *Server) cancelOrder(c *call, id string) {
	o := s.findOrder(c, id)
	if o == nil {
		return
	}
	s.settle(o)
	if !cancellable(o.status) {
		writeDetail(c.w, http.StatusBadRequest, fmt.Sprintf(
			"Orders in status %s cannot be cancelled; only RECEIVED, REQUESTED, PENDING and IN_PROGRESS orders can.", o.status))
		return
	}
	if o.status == planet.OrderInProgress && o.inflight() != nil {
		s.move(o, planet.OrderPendingCancellation) // a capture is under way: CANCELLED on the next step
	} else {
		s.move(o, planet.OrderCancelled)
	}
	writeJSON(c.w, http.StatusOK, o.wire())
}

// pricingWire is the pricing answer: quota in square kilometres.
type pricingWire struct {
	OrderID            *string        `json:"order_id,omitempty"`
	Units              string         `json:"units"`
	EstimatedQuotaCost float64        `json:"estimated_quota_cost"`
	DeterminedBy       string         `json:"determined_by"`
	PricingModel       map[string]any `json:"pricing_model"`
	ReplacedOrders     []any          `json:"replaced_orders"`
}

func pricingOf(o *order) pricingWire {
	cost := math.Max(25, math.Round(o.requestedSqkm*100)/100)
	return pricingWire{Units: "sqkm", EstimatedQuotaCost: cost, DeterminedBy: "REQUESTED_AREA",
		PricingModel: map[string]any{"type": "AREA", "minimum_sqkm": 25}, ReplacedOrders: []any{}}
}

func (s *Server) orderPricing(c *call, id string) {
	o := s.findOrder(c, id)
	if o == nil {
		return
	}
	p := pricingOf(o)
	p.OrderID = &o.id
	writeJSON(c.w, http.StatusOK, p)
}

func (s *Server) previewPricing(c *call) {
	f := c.parseForm()
	if f == nil {
		return
	}
	o, errs := s.parseOrder(f)
	if errs != nil {
		writeFields(c.w, errs)
		return
	}
	writeJSON(c.w, http.StatusOK, pricingOf(o))
}

// errNoCapture is returned by Reassess for an unknown capture.
var errNoCapture = errors.New("planettest: no such capture")

// Reassess plays Planet's human review of a published capture: it sets the
// capture's assessment and moves its order as the review would. A SUCCESS
// capture reviewed INVALID takes a FULFILLED order back to IN_PROGRESS (to be
// retasked) or, after its end time, to EXPIRED; an INVALID capture reviewed
// SUCCESS makes an IN_PROGRESS or EXPIRED order FULFILLED.
func (s *Server) Reassess(captureID string, a planet.Assessment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.captures[captureID]
	if !ok {
		return fmt.Errorf("%w: %q", errNoCapture, captureID)
	}
	if c.status != planet.CapturePublished {
		return fmt.Errorf("planettest: capture %s is %s; only published captures are reviewed", captureID, c.status)
	}
	o := s.orders[c.orderID]
	now := s.now()
	c.assessment, c.assessedAt, c.updated = a, now, now
	switch a {
	case planet.AssessmentInvalid:
		c.fulfilling = false
		if o.status == planet.OrderFulfilled && o.successes() == 0 {
			o.fulfilled = time.Time{}
			if o.endPassed(now) {
				s.move(o, planet.OrderExpired)
			} else {
				s.move(o, planet.OrderInProgress)
			}
		}
	case planet.AssessmentSuccess:
		c.fulfilling = true
		if o.status == planet.OrderInProgress || o.status == planet.OrderExpired {
			if in := o.inflight(); in != nil {
				s.moveCapture(in, planet.CaptureFailed) // the retask is no longer needed
				in.description = "Removed: the order was fulfilled on review."
			}
			s.move(o, planet.OrderFulfilled)
		}
	default:
		return fmt.Errorf("planettest: unknown assessment %q", a)
	}
	return nil
}
