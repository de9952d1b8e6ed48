package capella

import (
	"time"

	"github.com/eotask/eotask/tasking"
)

// The tasking.Lifecycle tables of tasking and repeat requests, collects and
// access requests: which statuses start, which end, and every documented
// move between them.

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
