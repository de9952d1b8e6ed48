package capella

import (
	"sort"
	"time"

	"github.com/eotask/eotask/tasking"
)

// RequestStatus is the status of a tasking request or a repeat request: the
// code of a statusHistory entry (schema RequestStatusCode, plus retrying,
// which Capella's status page documents and the spec lacks). A value this
// version does not know decodes and is kept; it maps to
// tasking.StatusUnknown.
type RequestStatus string

// Request statuses. Meanings are Capella's status page, paraphrased.
const (
	RequestReceived  RequestStatus = "received"  // in the system for cost estimation, not yet submitted for scheduling
	RequestReview    RequestStatus = "review"    // cost estimate ready: waits for the customer to approve or reject
	RequestSubmitted RequestStatus = "submitted" // approved, queued for the scheduler
	RequestActive    RequestStatus = "active"    // being scheduled and collected; completion not guaranteed
	RequestAccepted  RequestStatus = "accepted"  // guaranteed for full collection
	RequestRejected  RequestStatus = "rejected"  // cannot be completed (often conflicting tasks)
	RequestExpired   RequestStatus = "expired"   // the area cannot be fully collected before the window closes
	RequestCompleted RequestStatus = "completed" // all required collects delivered
	RequestAnomaly   RequestStatus = "anomaly"   // a collect anomaly prevents full completion
	RequestCanceled  RequestStatus = "canceled"  // cancelled by the customer
	RequestError     RequestStatus = "error"     // error while processing or ingesting the request
	RequestFailed    RequestStatus = "failed"    // in the spec and Capella's SDK; meaning undocumented
	RequestRetrying  RequestStatus = "retrying"  // re-attempted after an anomaly (docs only, not in the spec)

	// RequestCancelledAlias is the docs' spelling "cancelled", which Capella
	// accepts on input and normalizes; it decodes as a cancelled request.
	RequestCancelledAlias RequestStatus = "cancelled"
)

// RequestStatusValues lists every request status: the spec's twelve and
// retrying (not the cancelled alias).
func RequestStatusValues() []RequestStatus {
	return []RequestStatus{RequestReceived, RequestReview, RequestSubmitted, RequestActive, RequestAccepted,
		RequestRejected, RequestExpired, RequestCompleted, RequestAnomaly, RequestCanceled, RequestError,
		RequestFailed, RequestRetrying}
}

// requestNeutral is the mapping of DESIGN 3.1, as data.
var requestNeutral = map[RequestStatus]tasking.Status{
	RequestReceived:       tasking.StatusReceived,
	RequestReview:         tasking.StatusActionRequired,
	RequestSubmitted:      tasking.StatusPlanning,
	RequestActive:         tasking.StatusInProgress,
	RequestAccepted:       tasking.StatusInProgress,
	RequestRetrying:       tasking.StatusInProgress,
	RequestAnomaly:        tasking.StatusOnHold,
	RequestCompleted:      tasking.StatusCompleted,
	RequestCanceled:       tasking.StatusCancelled,
	RequestCancelledAlias: tasking.StatusCancelled,
	RequestRejected:       tasking.StatusRejected,
	RequestExpired:        tasking.StatusExpired,
	RequestError:          tasking.StatusFailed,
	RequestFailed:         tasking.StatusFailed,
}

// Neutral maps s to the neutral status; unknown values give
// tasking.StatusUnknown. review is tasking.StatusActionRequired: Capella waits
// for the customer to approve the cost, so Wait returns an error matching
// tasking.ErrActionRequired there.
func (s RequestStatus) Neutral() tasking.Status { return requestNeutral[s] }

// Known reports whether s is a documented status.
func (s RequestStatus) Known() bool { _, ok := requestNeutral[s]; return ok }

// RequestLifecycle is the documented transition table of tasking requests
// and repeat requests, from Capella's status page: received → review → (the
// customer approves) submitted → active → accepted → completed, with pre-approval
// skipping review, rejection (conflicting tasks), expiry, anomaly → retrying,
// and cancellation until the cut-off before collection. Capella's recorded
// histories show accepted and completed repeating, so completed → accepted is
// kept as a documented backward move.
var RequestLifecycle = tasking.NewLifecycle("Capella tasking request",
	[]RequestStatus{RequestReceived},
	[]RequestStatus{RequestCompleted, RequestCanceled, RequestRejected, RequestExpired, RequestError, RequestFailed},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestReview, Label: "cost estimate ready"},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestSubmitted, Label: "pre-approved"},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestRejected, Label: "no opportunity"},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestError, Label: "processing error"},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestReceived, To: RequestExpired, Label: "window passed"},
	tasking.Transition[RequestStatus]{From: RequestReview, To: RequestSubmitted, Label: "customer approves"},
	tasking.Transition[RequestStatus]{From: RequestReview, To: RequestRejected, Label: "customer rejects"},
	tasking.Transition[RequestStatus]{From: RequestReview, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestReview, To: RequestExpired, Label: "window passed"},
	tasking.Transition[RequestStatus]{From: RequestSubmitted, To: RequestActive, Label: "scheduling"},
	tasking.Transition[RequestStatus]{From: RequestSubmitted, To: RequestRejected, Label: "cannot be scheduled"},
	tasking.Transition[RequestStatus]{From: RequestSubmitted, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestSubmitted, To: RequestExpired, Label: "window passed"},
	tasking.Transition[RequestStatus]{From: RequestSubmitted, To: RequestError, Label: "processing error"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestAccepted, Label: "guaranteed"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestRejected, Label: "conflicting tasks"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestExpired, Label: "cannot finish in window"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestCompleted, Label: "all collects delivered"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestAnomaly, Label: "collect anomaly"},
	tasking.Transition[RequestStatus]{From: RequestActive, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestAccepted, To: RequestCompleted, Label: "collects delivered"},
	tasking.Transition[RequestStatus]{From: RequestAccepted, To: RequestAnomaly, Label: "collect anomaly"},
	tasking.Transition[RequestStatus]{From: RequestAccepted, To: RequestCanceled, Label: "cancel before cut-off"},
	tasking.Transition[RequestStatus]{From: RequestAnomaly, To: RequestRetrying, Label: "re-attempt"},
	tasking.Transition[RequestStatus]{From: RequestAnomaly, To: RequestExpired, Label: "no time left"},
	tasking.Transition[RequestStatus]{From: RequestAnomaly, To: RequestFailed, Label: "gave up"},
	tasking.Transition[RequestStatus]{From: RequestAnomaly, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestActive, Label: "rescheduled"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestAccepted, Label: "guaranteed"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestCompleted, Label: "collects delivered"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestAnomaly, Label: "another anomaly"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestExpired, Label: "no time left"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestFailed, Label: "gave up"},
	tasking.Transition[RequestStatus]{From: RequestRetrying, To: RequestCanceled, Label: "customer cancels"},
	tasking.Transition[RequestStatus]{From: RequestCompleted, To: RequestAccepted, Label: "re-opened (seen in histories)"},
)

// Cancellable reports whether the customer may still ask to cancel a request
// in status s: until it is terminal. For a request with a scheduled collect
// Capella also requires the cancel to come at least [CancelCutoff] before the
// collection time; the server enforces that.
func (s RequestStatus) Cancellable() bool {
	return s.Known() && !RequestLifecycle.Terminal(s) && s != RequestCancelledAlias
}

// CancelCutoff is how long before the scheduled collection time a request can
// still be cancelled (Capella's status page: "up to 3 hours prior").
const CancelCutoff = 3 * time.Hour

// StatusEntry is one entry of a statusHistory (schema CAPIStatusEntry).
type StatusEntry struct {
	Time    time.Time     `json:"time,omitzero"`
	Code    RequestStatus `json:"code"`
	Message string        `json:"message"`
}

// StatusHistory is a request's statusHistory as Capella sends it. Capella's
// docs say the newest entry comes first, but the spec does not say so: the
// methods order entries by their time.
type StatusHistory []StatusEntry

// Latest returns the current entry: the one with the newest time. Entries
// without a time are used only when none has one, and then the first entry
// (Capella's documented order) is current. The second result is false for an
// empty history.
func (h StatusHistory) Latest() (StatusEntry, bool) {
	if len(h) == 0 {
		return StatusEntry{}, false
	}
	best := -1
	for i, e := range h {
		if e.Time.IsZero() {
			continue
		}
		if best < 0 || e.Time.After(h[best].Time) {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	return h[best], true
}

// Current returns the current status (see Latest), or "" for an empty
// history.
func (h StatusHistory) Current() RequestStatus {
	e, _ := h.Latest()
	return e.Code
}

// Ordered returns the entries oldest first: by time when every entry has
// one (entries with equal times keep Capella's newest-first order reversed),
// otherwise in reverse of Capella's newest-first order.
func (h StatusHistory) Ordered() []StatusEntry {
	out := make([]StatusEntry, len(h))
	for i := range h {
		out[len(h)-1-i] = h[i]
	}
	for _, e := range h {
		if e.Time.IsZero() {
			return out
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// Events returns the history as neutral events, oldest first.
func (h StatusHistory) Events() []tasking.StatusEvent {
	if len(h) == 0 {
		return nil
	}
	ord := h.Ordered()
	out := make([]tasking.StatusEvent, len(ord))
	for i, e := range ord {
		out[i] = tasking.StatusEvent{Status: e.Code.Neutral(), Raw: string(e.Code), Time: e.Time, Message: e.Message}
	}
	return out
}

// Status messages Capella attaches to conflicting-task states (Capella's
// status page). Match on [Task.ConflictMeaning] rather than on these texts.
const (
	MessageConflictWarning   = "Collection will be attempted but conflicting tasks may prevent task completion."
	MessageConflictRejection = "The tasking system is unable to schedule the tasking request due to conflicting tasks."
)

// ConflictMeaning says what a task's conflictingTasks mean in its current
// status.
type ConflictMeaning string

// Conflict meanings, from Capella's status page: in active (or accepted) the
// list is a warning that the tasks may lead to rejection; in rejected it is
// the cause of the rejection.
const (
	ConflictNone    ConflictMeaning = ""        // no conflicting tasks listed
	ConflictWarning ConflictMeaning = "warning" // may prevent completion; nothing decided yet
	ConflictCause   ConflictMeaning = "cause"   // the request was rejected because of these tasks
)

// CollectStatus is the status of one collect (schema CollectStatusCode).
type CollectStatus string

// Collect statuses; the happy path is predicted → tasked → collected →
// processing → qa → delivered.
const (
	CollectPredicted         CollectStatus = "predicted"
	CollectTasked            CollectStatus = "tasked"
	CollectCollected         CollectStatus = "collected"
	CollectProcessing        CollectStatus = "processing"
	CollectQA                CollectStatus = "qa"
	CollectDelivered         CollectStatus = "delivered"
	CollectAnomaly           CollectStatus = "anomaly"
	CollectStagnant          CollectStatus = "stagnant" // undocumented: a collect that stopped progressing
	CollectCollectionAnomaly CollectStatus = "collection_anomaly"
	CollectProcessingAnomaly CollectStatus = "processing_anomaly"
)

// CollectStatusValues lists every collect status.
func CollectStatusValues() []CollectStatus {
	return []CollectStatus{CollectPredicted, CollectTasked, CollectCollected, CollectProcessing, CollectQA,
		CollectDelivered, CollectAnomaly, CollectStagnant, CollectCollectionAnomaly, CollectProcessingAnomaly}
}

var collectNeutral = map[CollectStatus]tasking.CaptureStatus{
	CollectPredicted:         tasking.CaptureScheduled,
	CollectTasked:            tasking.CaptureScheduled,
	CollectCollected:         tasking.CaptureQueued,
	CollectProcessing:        tasking.CaptureProcessing,
	CollectQA:                tasking.CaptureProcessing,
	CollectDelivered:         tasking.CapturePublished,
	CollectAnomaly:           tasking.CaptureFailed,
	CollectStagnant:          tasking.CaptureFailed,
	CollectCollectionAnomaly: tasking.CaptureFailed,
	CollectProcessingAnomaly: tasking.CaptureFailed,
}

// Neutral maps s to the neutral capture status; unknown values give
// tasking.CaptureUnknown.
func (s CollectStatus) Neutral() tasking.CaptureStatus { return collectNeutral[s] }

// CollectLifecycle is the transition table of collects, from the recorded
// histories: predicted → tasked → collected → processing → qa → delivered,
// with an anomaly possible at each stage.
var CollectLifecycle = tasking.NewLifecycle("Capella collect",
	[]CollectStatus{CollectPredicted, CollectTasked},
	[]CollectStatus{CollectDelivered, CollectAnomaly, CollectCollectionAnomaly, CollectProcessingAnomaly, CollectStagnant},
	tasking.Transition[CollectStatus]{From: CollectPredicted, To: CollectTasked},
	tasking.Transition[CollectStatus]{From: CollectTasked, To: CollectCollected},
	tasking.Transition[CollectStatus]{From: CollectCollected, To: CollectProcessing},
	tasking.Transition[CollectStatus]{From: CollectProcessing, To: CollectQA},
	tasking.Transition[CollectStatus]{From: CollectQA, To: CollectDelivered},
	tasking.Transition[CollectStatus]{From: CollectPredicted, To: CollectAnomaly},
	tasking.Transition[CollectStatus]{From: CollectTasked, To: CollectCollectionAnomaly},
	tasking.Transition[CollectStatus]{From: CollectTasked, To: CollectAnomaly},
	tasking.Transition[CollectStatus]{From: CollectCollected, To: CollectProcessingAnomaly},
	tasking.Transition[CollectStatus]{From: CollectProcessing, To: CollectProcessingAnomaly},
	tasking.Transition[CollectStatus]{From: CollectProcessing, To: CollectStagnant},
	tasking.Transition[CollectStatus]{From: CollectQA, To: CollectProcessingAnomaly},
)

// CollectStatusEntry is one entry of a collect's status history (schema
// CAPIStatusEntry with a collect code).
type CollectStatusEntry struct {
	Time    time.Time     `json:"time,omitzero"`
	Code    CollectStatus `json:"code"`
	Message string        `json:"message"`
}

// CollectStatusHistory is a collect's status history.
type CollectStatusHistory []CollectStatusEntry

// Current returns the status with the newest time (the first entry when no
// entry has a time), or "" for an empty history.
func (h CollectStatusHistory) Current() CollectStatus {
	best := -1
	for i, e := range h {
		if !e.Time.IsZero() && (best < 0 || e.Time.After(h[best].Time)) {
			best = i
		}
	}
	switch {
	case best >= 0:
		return h[best].Code
	case len(h) > 0:
		return h[0].Code
	}
	return ""
}

// ProcessingStatus is the processing state of an access request (schema
// ProcessingStatus).
type ProcessingStatus string

// Access-request processing statuses.
const (
	ProcessingQueued     ProcessingStatus = "queued"
	ProcessingProcessing ProcessingStatus = "processing"
	ProcessingCompleted  ProcessingStatus = "completed"
	ProcessingError      ProcessingStatus = "error"
)

// ProcessingStatusValues lists every processing status.
func ProcessingStatusValues() []ProcessingStatus {
	return []ProcessingStatus{ProcessingQueued, ProcessingProcessing, ProcessingCompleted, ProcessingError}
}

var processingNeutral = map[ProcessingStatus]tasking.Status{
	ProcessingQueued:     tasking.StatusReceived,
	ProcessingProcessing: tasking.StatusInProgress,
	ProcessingCompleted:  tasking.StatusCompleted,
	ProcessingError:      tasking.StatusFailed,
}

// Neutral maps s to the neutral status, so that access requests can be
// followed with tasking.Wait.
func (s ProcessingStatus) Neutral() tasking.Status { return processingNeutral[s] }

// AccessLifecycle is the transition table of access requests: queued →
// processing → completed or error.
var AccessLifecycle = tasking.NewLifecycle("Capella access request",
	[]ProcessingStatus{ProcessingQueued},
	[]ProcessingStatus{ProcessingCompleted, ProcessingError},
	tasking.Transition[ProcessingStatus]{From: ProcessingQueued, To: ProcessingProcessing},
	tasking.Transition[ProcessingStatus]{From: ProcessingQueued, To: ProcessingError},
	tasking.Transition[ProcessingStatus]{From: ProcessingProcessing, To: ProcessingCompleted},
	tasking.Transition[ProcessingStatus]{From: ProcessingProcessing, To: ProcessingError},
)

// AccessibilityStatus is an access request's verdict (schema
// AccessibilityStatus).
type AccessibilityStatus string

// Accessibility statuses.
const (
	AccessibilityUnknown      AccessibilityStatus = "unknown" // not processed yet
	AccessibilityAccessible   AccessibilityStatus = "accessible"
	AccessibilityInaccessible AccessibilityStatus = "inaccessible"
	AccessibilityRejected     AccessibilityStatus = "rejected"
)

// AccessibilityStatusValues lists every accessibility status.
func AccessibilityStatusValues() []AccessibilityStatus {
	return []AccessibilityStatus{AccessibilityUnknown, AccessibilityAccessible, AccessibilityInaccessible,
		AccessibilityRejected}
}

var accessibilityFeasibility = map[AccessibilityStatus]tasking.Feasibility{
	AccessibilityUnknown:      tasking.FeasibilityUnknown,
	AccessibilityAccessible:   tasking.Feasible,
	AccessibilityInaccessible: tasking.Infeasible,
	AccessibilityRejected:     tasking.Infeasible,
}

// Feasibility maps s to the neutral feasibility verdict.
func (s AccessibilityStatus) Feasibility() tasking.Feasibility { return accessibilityFeasibility[s] }
