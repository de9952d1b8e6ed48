package capellatest

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
)

// Status messages the simulator writes, Capella's own where known.
const (
	msgCreated      = "Request created"
	msgReview       = "Tasking request ready for review."
	msgAutoApproved = "Request submitted through automatic approval"
	msgApproved     = "Request approved and submitted for scheduling"
	msgActive       = "Collections will begin but full coverage cannot be guaranteed at this time."
	msgAccepted     = "Request can be completely satisfied during validity window."
	msgCompleted    = "Tasking request has been completed."
	msgCanceled     = "Request canceled by the customer."
	msgRejectedCost = "Customer rejected the cost estimate."
	msgExpired      = "The area of interest cannot be fully collected before the window closes."
	msgAnomaly      = "An anomaly occurred during collection."
	msgRetrying     = "The tasking request is being reattempted following an anomaly."
	msgFailed       = "The tasking request could not be completed after an anomaly."
	msgError        = "An error occurred while processing the request."
	msgSeriesSubmit = "Submitted for scheduling."
)

type simTask struct {
	t         capella.Task
	outcome   Outcome
	retried   bool      // an anomaly already happened
	collectAt time.Time // scheduled collection time, once active
	collects  []string
	blocker   bool // a stand-in conflicting task, never advanced
}

func (t *simTask) status() capella.RequestStatus { return t.t.GetStatus() }

// tierPrice is the simulated price of one image per tier.
var tierPrice = map[capella.CollectionTier]float64{
	capella.TierUrgent: 3000, capella.TierPriority: 2000, capella.TierStandard: 1000,
	capella.TierFlexible: 500, capella.TierInternal: 0,
}

func money(v float64) string {
	whole := int64(math.Round(v * 100))
	cents := whole % 100
	s := fmt.Sprint(whole / 100)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("$%s.%02d", s, cents)
}

// move appends a status entry if RequestLifecycle allows the move.
func (s *Server) move(h *capella.StatusHistory, to capella.RequestStatus, msg string) bool {
	if cur := h.Current(); cur != "" && !capella.RequestLifecycle.Allows(cur, to) {
		return false
	}
	*h = append(capella.StatusHistory{{Time: s.stamp(), Code: to, Message: msg}}, *h...)
	return true
}

// taskCreate is a validated POST /task body.
type taskCreate struct {
	geom             orb.Geometry
	props            capella.TaskProperties
	contractID       string
	preApproval      bool
	productTypes     []capella.ProductType
	hasProductConfig bool
}

func (s *Server) parseTaskCreate(body []byte) (*taskCreate, *apiError) {
	c, err := parseCreateCommon(body, []string{"Point", "Polygon", "MultiPolygon"}, "taskingrequest", enumTier)
	if err != nil {
		return nil, err
	}
	g, p := c.geom, c.props
	tc := &taskCreate{geom: g, contractID: c.contractID, preApproval: c.preApproval,
		productTypes: c.productTypes, hasProductConfig: c.hasProductConfig}
	pr := &tc.props
	pr.Name, pr.Description, pr.OrgID, pr.UserID = c.name, c.description, c.orgID, c.userID
	pr.CollectionType, pr.ArchiveHoldback, pr.Constraints = c.collectionType, c.holdback, c.constraints
	pr.CustomAttribute1, pr.CustomAttribute2 = c.custom1, c.custom2
	pr.CollectionTier = capella.CollectionTier(c.tier)
	if pr.CollectionTier == "" {
		pr.CollectionTier = capella.TierStandard
	}
	if pr.WindowOpen, err = p.dateTime("windowOpen", true); err != nil {
		return nil, err
	}
	if pr.WindowClose, err = p.dateTime("windowClose", true); err != nil {
		return nil, err
	}
	// Documented business rules.
	if !pr.WindowClose.After(pr.WindowOpen) {
		return nil, invalid("properties.windowClose", "invalid_window", "windowClose must be after windowOpen")
	}
	if acc := s.bookedAccess(pr.WindowOpen, pr.WindowClose); acc != nil && !s.now().Before(acc.WindowOpen) {
		// A booking of an access (its exact window) that has begun.
		return nil, invalid("properties.windowOpen", "invalid_window", "the window of access %s opened at %s: it can no longer be booked",
			acc.AccessID, acc.WindowOpen.Format(time.RFC3339))
	}
	if min := pr.CollectionTier.MinWindow(); pr.WindowClose.Sub(pr.WindowOpen) < min {
		return nil, invalid("properties.windowClose", "invalid_window", "the %s tier needs a window of at least %s",
			pr.CollectionTier, min)
	}
	if _, isMulti := g.(orb.MultiPolygon); isMulti {
		return nil, invalid("geometry.type", "invalid_geometry", "multi-polygons are not accepted; submit a Point or a Polygon")
	}
	if _, area := g.(orb.Polygon); area && pr.CollectionType.PointOnly() {
		return nil, invalid("properties.collectionType", "invalid_geometry", "collection type %s needs a Point target", pr.CollectionType)
	}
	if err := geo.Validate(g); err != nil {
		return nil, invalid("geometry.coordinates", "invalid_geometry", "%v", err)
	}
	return tc, nil
}

// defaultConstraints fills Capella's server defaults into c.
func defaultConstraints(c *capella.CollectConstraints, ct capella.CollectionType, g orb.Geometry) *capella.CollectConstraints {
	out := capella.CollectConstraints{}
	if c != nil {
		out = *c
	}
	if out.LookDirection == "" {
		out.LookDirection = capella.LookEither
	}
	if out.AscDsc == "" {
		out.AscDsc = capella.OrbitEither
	}
	if out.LocalTime == nil {
		out.LocalTime = &capella.LocalTime{Ranges: [][2]float64{{0, 86400}}}
	}
	if out.OffNadirMin == nil {
		out.OffNadirMin = capella.Float(5)
	}
	if out.OffNadirMax == nil {
		out.OffNadirMax = capella.Float(40)
	}
	if out.ImageWidth == nil {
		out.ImageWidth = capella.Float(5000)
	}
	if out.ImageLength == nil {
		out.ImageLength = capella.Float(5000)
	}
	if out.Polarization == "" {
		out.Polarization = capella.PolarizationHH
	}
	if out.Squint == "" {
		out.Squint = capella.SquintDisabled
	}
	if out.NumLooks == nil {
		out.NumLooks = capella.Int(9)
	}
	if out.CollectMode == "" {
		out.CollectMode = capella.ModeSpotlight
		if !ct.PointOnly() {
			out.CollectMode = capella.ModeStripmap
		}
	}
	return &out
}

// newTask stores a new task from a validated body.
func (s *Server) newTask(tc *taskCreate, outcome Outcome) *simTask {
	p := tc.props
	p.TaskingRequestID = s.newID('t')
	p.SubmissionTime = s.stamp()
	p.WindowDuration = capella.Float(p.WindowClose.Sub(p.WindowOpen).Seconds())
	p.Constraints = defaultConstraints(p.Constraints, p.CollectionType, tc.geom)
	p.ImagingMode = p.Constraints.CollectMode
	products := tc.productTypes
	if !tc.hasProductConfig {
		products = []capella.ProductType{capella.ProductSLC, capella.ProductGEO}
	}
	p.ProcessingConfig = &capella.ProcessingConfig{ProductTypes: products, IsSandbox: capella.Bool(false)}
	p.PreApproval = capella.Bool(tc.preApproval)
	p.ContractID = tc.contractID
	p.TransactionStatus = capella.TransactionNone
	p.StatusHistory = nil
	st := &simTask{t: capella.Task{Geometry: tc.geom, Properties: p}, outcome: outcome}
	s.move(&st.t.Properties.StatusHistory, capella.RequestReceived, msgCreated)
	s.tasks[p.TaskingRequestID] = st
	s.taskOrder = append(s.taskOrder, p.TaskingRequestID)
	return st
}

func (s *Server) createTask(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	tc, err := s.parseTaskCreate(body)
	if err != nil {
		return 0, nil, err
	}
	st := s.newTask(tc, s.takeOutcome())
	return http.StatusCreated, s.taskView(st, false), nil
}

// taskView is the JSON of a task; conflicts only for GET by id.
func (s *Server) taskView(st *simTask, withConflicts bool) capella.Task {
	t := st.t
	t.Type = "Feature"
	if !withConflicts {
		t.Properties.ConflictingTasks = nil
	}
	return t
}

func (s *Server) getTask(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	st, err := lookup(s.tasks, "tasking request", args[0])
	if err != nil {
		return 0, nil, err
	}
	s.poll(func() { s.stepTask(st) })
	return http.StatusOK, s.taskView(st, true), nil
}

// poll moves a request stepsPerPoll steps before a GET answers: each poll
// shows the next status (the create or status change answered the one
// before, so a poller misses none).
func (s *Server) poll(step func()) {
	for i := 0; i < s.cfg.stepsPerPoll; i++ {
		step()
	}
}

// Step moves one request (tasking, repeat or access request) one step along
// its path and returns its status afterwards. A request waiting on the
// customer (review) does not move.
func (s *Server) Step(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.tasks[id]; ok {
		s.stepTask(st)
		return string(st.status()), nil
	}
	if sr, ok := s.repeats[id]; ok {
		s.stepRepeat(sr)
		return string(sr.r.GetStatus()), nil
	}
	if sa, ok := s.access[id]; ok {
		s.stepAccess(sa)
		return string(sa.a.Properties.ProcessingStatus), nil
	}
	return "", fmt.Errorf("capellatest: no request %s", id)
}

// Advance moves every request (tasking, repeat and access requests) that can
// move one step along its lifecycle, as one poll of each would. A request
// waiting on the customer (review) or at a terminal status stays.
func (s *Server) Advance() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.taskOrder {
		s.stepTask(s.tasks[id])
	}
	for _, id := range s.repeatOrder {
		s.stepRepeat(s.repeats[id])
	}
	for _, id := range sortedKeys(s.access) {
		s.stepAccess(s.access[id])
	}
}

// Status returns a tasking or repeat request's current raw status (a
// capella.RequestStatus) without moving it; "" when the server holds no
// such request.
func (s *Server) Status(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.tasks[id]; ok {
		return string(st.status())
	}
	if sr, ok := s.repeats[id]; ok {
		return string(sr.r.GetStatus())
	}
	return ""
}

// TaskCount returns how many tasking requests the server holds.
func (s *Server) TaskCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tasks)
}

// CollectTime returns the scheduled collection time of a tasking request
// (set when it becomes active), and whether there is one. Cancels are refused
// from capella.CancelCutoff before it.
func (s *Server) CollectTime(id string) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.tasks[id]
	if !ok || st.collectAt.IsZero() {
		return time.Time{}, false
	}
	return st.collectAt, true
}

// stepTask moves a task one step along its outcome's path.
func (s *Server) stepTask(st *simTask) {
	if st.blocker {
		return
	}
	h := &st.t.Properties.StatusHistory
	p := &st.t.Properties
	cur := st.status()
	if capella.RequestLifecycle.Terminal(cur) {
		return
	}
	if s.expire(st) {
		return
	}
	switch cur {
	case capella.RequestReceived:
		switch {
		case st.outcome == OutcomeError:
			if s.move(h, capella.RequestError, msgError) {
				p.TransactionStatus = capella.TransactionFailed
			}
		case p.PreApproval != nil && *p.PreApproval:
			s.price(st)
			if s.move(h, capella.RequestSubmitted, msgAutoApproved) {
				p.TransactionStatus = capella.TransactionInProgress
			}
		default:
			s.price(st)
			if s.move(h, capella.RequestReview, msgReview) {
				p.TransactionStatus = capella.TransactionPendingCustomerApproval
			}
		}
	case capella.RequestReview:
		// Waits on the customer.
	case capella.RequestSubmitted:
		msg := msgActive
		if st.outcome == OutcomeConflictWarning || st.outcome == OutcomeConflictRejected {
			msg = capella.MessageConflictWarning
		}
		if s.move(h, capella.RequestActive, msg) {
			if msg != msgActive {
				p.ConflictingTasks = s.conflictsFor(st)
			}
			s.schedule(st)
		}
	case capella.RequestActive:
		switch st.outcome {
		case OutcomeConflictRejected:
			if s.move(h, capella.RequestRejected, capella.MessageConflictRejection) {
				p.TransactionStatus = capella.TransactionServiceRejected
				s.collectsTo(st, capella.CollectAnomaly, "Collect removed: the request was rejected.")
			}
		case OutcomeExpired:
			if s.move(h, capella.RequestExpired, msgExpired) {
				p.TransactionStatus = capella.TransactionServiceRejected
				p.ConflictingTasks = nil
			}
		default:
			if s.move(h, capella.RequestAccepted, msgAccepted) {
				p.ConflictingTasks = nil
				s.collectsTo(st, capella.CollectTasked, "Collect tasked to a spacecraft.")
			}
		}
	case capella.RequestAccepted:
		if (st.outcome == OutcomeAnomalyRetry || st.outcome == OutcomeAnomalyFailed) && !st.retried {
			st.retried = true
			if s.move(h, capella.RequestAnomaly, msgAnomaly) {
				p.TransactionStatus = capella.TransactionAnomaly
				s.collectsTo(st, capella.CollectCollectionAnomaly, "The collect failed.")
			}
			return
		}
		if s.move(h, capella.RequestCompleted, msgCompleted) {
			p.TransactionStatus = capella.TransactionCompleted
			s.deliver(st)
		}
	case capella.RequestAnomaly:
		if st.outcome == OutcomeAnomalyFailed {
			if s.move(h, capella.RequestFailed, msgFailed) {
				p.TransactionStatus = capella.TransactionFailed
			}
			return
		}
		if s.move(h, capella.RequestRetrying, msgRetrying) {
			p.TransactionStatus = capella.TransactionCollectionInProgress
			st.collectAt = st.collectAt.Add(24 * time.Hour)
			s.addCollects(st)
		}
	case capella.RequestRetrying:
		if s.move(h, capella.RequestAccepted, msgAccepted) {
			s.collectsTo(st, capella.CollectTasked, "Collect tasked to a spacecraft.")
		}
	}
}

// expire moves a request whose window has closed (on the server's clock)
// before it was accepted to expired, and reports whether it did.
func (s *Server) expire(st *simTask) bool {
	p := &st.t.Properties
	if st.blocker || !s.now().After(p.WindowClose) {
		return false
	}
	switch st.status() {
	case capella.RequestReceived, capella.RequestReview, capella.RequestSubmitted, capella.RequestActive:
		if s.move(&p.StatusHistory, capella.RequestExpired, msgExpired) {
			p.TransactionStatus = capella.TransactionServiceRejected
			p.ConflictingTasks = nil
			return true
		}
	}
	return false
}

// price computes the cost estimate (properties.order).
func (s *Server) price(st *simTask) {
	p := &st.t.Properties
	images := 1.0
	size := 25.0
	if _, area := st.t.Geometry.(orb.Polygon); area {
		images = 2
		size = math.Round(geo.AreaKm2(st.t.Geometry)*100) / 100
	}
	total := money(tierPrice[p.CollectionTier] * images)
	p.Order = &capella.Order{Summary: capella.OrderSummary{Total: total, Subtotal: total},
		LineItems:       []capella.OrderLineItem{{TaskID: p.TaskingRequestID, AccountingSize: capella.AccountingSize{Unit: "sqkm", Value: size}}},
		ArchiveHoldback: p.ArchiveHoldback, ManagedOrganizationIDs: []string{"*"}}
}

// schedule plans the collection when a task becomes active.
func (s *Server) schedule(st *simTask) {
	start := st.t.Properties.WindowOpen
	if n := s.now(); n.After(start) {
		start = n
	}
	st.collectAt = start.Add(s.cfg.collectDelay)
	if st.collectAt.After(st.t.Properties.WindowClose) {
		st.collectAt = st.t.Properties.WindowClose
	}
	s.addCollects(st)
}

// conflictsFor lists other tasks of the organization that compete with st;
// when there are none, a stand-in accepted urgent task is created so that
// the listed conflict exists.
func (s *Server) conflictsFor(st *simTask) []capella.ConflictingTask {
	var out []capella.ConflictingTask
	for _, id := range s.taskOrder {
		o := s.tasks[id]
		if o == st || o.t.Properties.OrgID != st.t.Properties.OrgID {
			continue
		}
		switch o.status() {
		case capella.RequestActive, capella.RequestAccepted, capella.RequestSubmitted:
			out = append(out, conflictInfo(o))
		}
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		b := s.newTask(&taskCreate{geom: st.t.Geometry, props: capella.TaskProperties{
			Name: "conflicting urgent task", OrgID: st.t.Properties.OrgID, UserID: st.t.Properties.UserID,
			WindowOpen: st.t.Properties.WindowOpen, WindowClose: st.t.Properties.WindowOpen.Add(24 * time.Hour),
			CollectionTier: capella.TierUrgent, CollectionType: st.t.Properties.CollectionType,
			ArchiveHoldback: capella.HoldbackNone}, preApproval: true}, OutcomeCompleted)
		b.blocker = true
		h := &b.t.Properties.StatusHistory
		s.move(h, capella.RequestSubmitted, msgAutoApproved)
		s.move(h, capella.RequestActive, msgActive)
		s.move(h, capella.RequestAccepted, msgAccepted)
		out = append(out, conflictInfo(b))
	}
	return out
}

func conflictInfo(o *simTask) capella.ConflictingTask {
	p := o.t.Properties
	tier := p.CollectionTier
	if tier == "" {
		tier = capella.TierStandard
	}
	return capella.ConflictingTask{TaskingRequestID: p.TaskingRequestID, Name: p.Name, RepeatRequestID: p.RepeatRequestID,
		CollectionTier: tier, WindowOpen: p.WindowOpen, WindowClose: p.WindowClose}
}

func (s *Server) updateTask(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	st, err := lookup(s.tasks, "tasking request", args[0])
	if err != nil {
		return 0, nil, err
	}
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	p, err := v{m: m}.obj("properties", false)
	if err != nil {
		return 0, nil, err
	}
	if capella.RequestLifecycle.Terminal(st.status()) {
		return 0, nil, badRequest(capella.CodeUnableToUpdateTaskingRequest, "Cannot update tasking request in current state (%s)", st.status())
	}
	if p.m == nil {
		return http.StatusOK, s.taskView(st, false), nil
	}
	pr := &st.t.Properties
	for _, f := range []struct {
		key string
		set func(string)
	}{
		{"taskingrequestName", func(x string) { pr.Name = x }},
		{"taskingrequestDescription", func(x string) { pr.Description = x }},
		{"customAttribute1", func(x string) { pr.CustomAttribute1 = &x }},
		{"customAttribute2", func(x string) { pr.CustomAttribute2 = &x }},
	} {
		x, present, err := p.str(f.key, false, false)
		if err != nil {
			return 0, nil, err
		}
		if present {
			f.set(x)
		}
	}
	products, ok, err := processingConfig(p, false)
	if err != nil {
		return 0, nil, err
	}
	if ok {
		pr.ProcessingConfig = &capella.ProcessingConfig{ProductTypes: products, IsSandbox: capella.Bool(false)}
	}
	return http.StatusOK, s.taskView(st, false), nil
}

func (s *Server) setTaskStatus(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	st, err := lookup(s.tasks, "tasking request", args[0])
	if err != nil {
		return 0, nil, err
	}
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	o := v{m: m}
	raw, _, err := o.str("status", true, false)
	if err != nil {
		return 0, nil, err
	}
	if raw == "cancelled" { // accepted on input, per Capella's docs
		raw = "canceled"
	}
	if _, err := o.enum("status", append(enumTaskStatus, "cancelled"), true); err != nil {
		return 0, nil, err
	}
	h := &st.t.Properties.StatusHistory
	p := &st.t.Properties
	cur := st.status()
	switch raw {
	case "approved", "rejected":
		if cur != capella.RequestReview {
			return 0, nil, badRequest(capella.CodeUnableToUpdateTaskingRequest,
				"Only a tasking request in review can be %s (status %s).", raw, cur)
		}
		if raw == "approved" {
			s.move(h, capella.RequestSubmitted, msgApproved)
			p.TransactionStatus = capella.TransactionInProgress
		} else {
			s.move(h, capella.RequestRejected, msgRejectedCost)
			p.TransactionStatus = capella.TransactionCustomerRejected
		}
	case "canceled":
		if err := s.cancelTask(st); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, s.taskView(st, false), nil
}

// cancelTask applies Capella's cancel rules: not once final, and not from
// CancelCutoff before the scheduled collection.
func (s *Server) cancelTask(st *simTask) *apiError {
	p := &st.t.Properties
	cur := st.status()
	if capella.RequestLifecycle.Terminal(cur) {
		tx := p.TransactionStatus
		if tx == "" {
			tx = capella.TransactionStatus(cur)
		}
		return badRequest(capella.CodeUnableToUpdateFinalizedTransaction,
			"This transaction has been finalized with a status of '%s'. It cannot be further modified.", tx)
	}
	if !st.collectAt.IsZero() && !s.now().Before(st.collectAt.Add(-capella.CancelCutoff)) {
		return badRequest(capella.CodeUnableToUpdateTaskingRequest,
			"Tasking requests can be canceled up to 3 hours prior to the scheduled collection time (%s).",
			st.collectAt.Format(time.RFC3339))
	}
	if !s.move(&p.StatusHistory, capella.RequestCanceled, msgCanceled) {
		return badRequest(capella.CodeUnableToUpdateTaskingRequest, "Cannot cancel a tasking request in status %s.", cur)
	}
	p.TransactionStatus = capella.TransactionCustomerCancelled
	p.ConflictingTasks = nil
	s.collectsTo(st, capella.CollectAnomaly, "Collect removed: the request was canceled.")
	return nil
}

// retaskFields are the fields of the flat retask bodies.
type retaskFields struct {
	name, desc, contract string
	open, close          time.Time
	tier                 string
	holdback             string
	offMin, offMax       *float64
}

func parseRetask(body []byte, offNadir bool) (*retaskFields, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	o := v{m: m}
	f := &retaskFields{}
	if f.name, _, err = o.str("retaskRequestName", false, false); err != nil {
		return nil, err
	}
	if f.desc, _, err = o.str("retaskRequestDescription", false, false); err != nil {
		return nil, err
	}
	if f.contract, _, err = o.str("contractId", false, false); err != nil {
		return nil, err
	}
	if f.open, err = o.dateTime("windowOpen", false); err != nil {
		return nil, err
	}
	if f.close, err = o.dateTime("windowClose", false); err != nil {
		return nil, err
	}
	if f.tier, err = o.enum("collectionTier", enumRetaskTier, false); err != nil {
		return nil, err
	}
	if f.holdback, err = o.enum("archiveHoldback", enumHoldback, false); err != nil {
		return nil, err
	}
	if offNadir {
		if err := o.ranges(map[string][2]float64{"offNadirMin": {0, 60}, "offNadirMax": {0, 90}}); err != nil {
			return nil, err
		}
		if x, ok, _ := o.num("offNadirMin"); ok {
			f.offMin = &x
		}
		if x, ok, _ := o.num("offNadirMax"); ok {
			f.offMax = &x
		}
	}
	return f, nil
}

// retaskFrom creates a new task from orig with the retask fields applied.
func (s *Server) retaskFrom(orig *simTask, f *retaskFields) (*simTask, *apiError) {
	op := orig.t.Properties
	tc := &taskCreate{geom: orig.t.Geometry, contractID: f.contract}
	p := &tc.props
	p.Name, p.Description = op.Name, op.Description
	if f.name != "" {
		p.Name = f.name
	}
	if f.desc != "" {
		p.Description = f.desc
	}
	p.OrgID, p.UserID = op.OrgID, op.UserID
	p.CollectionType, p.ArchiveHoldback = op.CollectionType, op.ArchiveHoldback
	if f.holdback != "" {
		p.ArchiveHoldback = capella.ArchiveHoldback(f.holdback)
	}
	p.CollectionTier = op.CollectionTier
	if p.CollectionTier == "" {
		p.CollectionTier = capella.TierUrgent // Console's choice for a task spawned by a routine series
	}
	if f.tier != "" {
		p.CollectionTier = capella.CollectionTier(f.tier)
	}
	p.WindowOpen, p.WindowClose = f.open, f.close
	if p.WindowOpen.IsZero() {
		p.WindowOpen = s.now().Truncate(time.Second)
	}
	if p.WindowClose.IsZero() {
		p.WindowClose = p.WindowOpen.Add(max(p.CollectionTier.MinWindow(), 24*time.Hour))
	}
	if !p.WindowClose.After(p.WindowOpen) {
		return nil, invalid("windowClose", "invalid_window", "windowClose must be after windowOpen")
	}
	if min := p.CollectionTier.MinWindow(); p.WindowClose.Sub(p.WindowOpen) < min {
		return nil, invalid("windowClose", "invalid_window", "the %s tier needs a window of at least %s", p.CollectionTier, min)
	}
	if op.Constraints != nil {
		c := *op.Constraints
		if f.offMin != nil {
			c.OffNadirMin = f.offMin
		}
		if f.offMax != nil {
			c.OffNadirMax = f.offMax
		}
		if c.OffNadirMin != nil && c.OffNadirMax != nil && *c.OffNadirMin > *c.OffNadirMax {
			return nil, invalid("offNadirMax", "too_small", "offNadirMax must not be below offNadirMin")
		}
		p.Constraints = &c
	}
	if op.ProcessingConfig != nil {
		tc.productTypes, tc.hasProductConfig = op.ProcessingConfig.ProductTypes, true
	}
	return s.newTask(tc, s.takeOutcome()), nil
}

func (s *Server) retaskTask(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	orig, err := lookup(s.tasks, "tasking request", args[0])
	if err != nil {
		return 0, nil, err
	}
	f, err := parseRetask(body, false)
	if err != nil {
		return 0, nil, err
	}
	st, err := s.retaskFrom(orig, f)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, s.taskView(st, false), nil
}

// Seed stores n completed tasking requests of the server's account directly
// (no HTTP), with windows and submission times spread one hour apart, for
// tests that need many results (search pages hold 250 to 500). It returns
// their ids, oldest first.
func (s *Server) Seed(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, n)
	base := s.now().Add(-time.Duration(n+1) * time.Hour)
	for i := 0; i < n; i++ {
		open := base.Add(time.Duration(i) * time.Hour)
		st := s.newTask(&taskCreate{geom: orb.Point{float64(i%360) - 180 + 0.5, float64(i%170) - 85 + 0.5},
			props: capella.TaskProperties{Name: fmt.Sprintf("seeded %d", i), OrgID: s.cfg.orgID, UserID: s.cfg.userID,
				WindowOpen: open, WindowClose: open.Add(7 * 24 * time.Hour), CollectionTier: capella.TierStandard,
				CollectionType: capella.CollectionSpotlight, ArchiveHoldback: capella.HoldbackNone}, preApproval: true}, OutcomeCompleted)
		st.t.Properties.SubmissionTime = open
		h := &st.t.Properties.StatusHistory
		for _, to := range []capella.RequestStatus{capella.RequestSubmitted, capella.RequestActive,
			capella.RequestAccepted, capella.RequestCompleted} {
			s.move(h, to, "")
		}
		st.t.Properties.TransactionStatus = capella.TransactionCompleted
		ids = append(ids, st.t.Properties.TaskingRequestID)
	}
	return ids
}

// properties returns a task's properties as generic JSON, for search.
func propsMap(t *capella.Task) map[string]any {
	b, _ := json.Marshal(t.Properties, jsonOpts)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}
