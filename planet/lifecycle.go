package planet

import "github.com/eotask/eotask/tasking"

type orderMove = tasking.Transition[OrderStatus]

// OrderLifecycle is the documented life of a tasking order.
//
// A Flexible order is RECEIVED, then PENDING once accepted (or REJECTED when
// it fails the feasibility checks), IN_PROGRESS once its start time passes,
// and FULFILLED when a capture is assessed SUCCESS. A capture assessed INVALID
// keeps the order IN_PROGRESS and it is retasked (the IN_PROGRESS self-move);
// once the end time passes with no SUCCESS capture it EXPIRES. Orders may be
// cancelled while RECEIVED, REQUESTED, PENDING or IN_PROGRESS, possibly
// through PENDING_CANCELLATION. Human review can reverse a result for about a
// day: FULFILLED goes back to IN_PROGRESS (or to EXPIRED after the end time),
// and EXPIRED becomes FULFILLED. Assured and monitoring orders may start
// REQUESTED and pass through FINALIZING.
var OrderLifecycle = tasking.NewLifecycle("Planet tasking order",
	[]OrderStatus{OrderReceived, OrderRequested},
	[]OrderStatus{OrderFulfilled, OrderCancelled, OrderRejected, OrderExpired, OrderFailed},
	orderMove{From: OrderReceived, To: OrderPending, Label: "accepted"},
	orderMove{From: OrderReceived, To: OrderRejected, Label: "failed feasibility checks"},
	orderMove{From: OrderReceived, To: OrderCancelled, Label: "cancelled"},
	orderMove{From: OrderRequested, To: OrderPending, Label: "accepted"},
	orderMove{From: OrderRequested, To: OrderRejected, Label: "failed feasibility checks"},
	orderMove{From: OrderRequested, To: OrderCancelled, Label: "cancelled"},
	orderMove{From: OrderPending, To: OrderInProgress, Label: "start time passed"},
	orderMove{From: OrderPending, To: OrderPendingCancellation, Label: "cancel requested"},
	orderMove{From: OrderPending, To: OrderCancelled, Label: "cancelled"},
	orderMove{From: OrderPending, To: OrderExpired, Label: "end time passed"},
	orderMove{From: OrderInProgress, To: OrderInProgress, Label: "capture INVALID: retasked"},
	orderMove{From: OrderInProgress, To: OrderFinalizing, Label: "capture processing"},
	orderMove{From: OrderInProgress, To: OrderFulfilled, Label: "capture SUCCESS"},
	orderMove{From: OrderInProgress, To: OrderExpired, Label: "end time passed, no SUCCESS capture"},
	orderMove{From: OrderInProgress, To: OrderPendingCancellation, Label: "cancel requested"},
	orderMove{From: OrderInProgress, To: OrderCancelled, Label: "cancelled"},
	orderMove{From: OrderInProgress, To: OrderFailed, Label: "failed"},
	orderMove{From: OrderFinalizing, To: OrderFulfilled, Label: "capture SUCCESS"},
	orderMove{From: OrderFinalizing, To: OrderInProgress, Label: "capture INVALID: retasked"},
	orderMove{From: OrderFinalizing, To: OrderExpired, Label: "end time passed, no SUCCESS capture"},
	orderMove{From: OrderFinalizing, To: OrderFailed, Label: "failed"},
	orderMove{From: OrderPendingCancellation, To: OrderCancelled, Label: "cancelled"},
	orderMove{From: OrderFulfilled, To: OrderInProgress, Label: "review: capture INVALID, retasked"},
	orderMove{From: OrderFulfilled, To: OrderExpired, Label: "review: capture INVALID after end time"},
	orderMove{From: OrderExpired, To: OrderFulfilled, Label: "review: capture SUCCESS"},
)

type captureMove = tasking.Transition[CaptureStatus]

// CaptureLifecycle is the documented life of a capture: QUEUED (sent to a
// satellite), PROCESSING (downlinked), PUBLISHED (to the customer, then to
// the archive once its exclusivity ends), or FAILED. SCHEDULED, DERIVING and
// REMOVED are UNCONFIRMED states seen in third-party code. A capture's
// assessment (SUCCESS or INVALID), not its status, decides whether its order
// is fulfilled or retasked with a new capture.
var CaptureLifecycle = tasking.NewLifecycle("Planet capture",
	[]CaptureStatus{CaptureScheduled, CaptureQueued},
	[]CaptureStatus{CapturePublished, CaptureFailed, CaptureRemoved},
	captureMove{From: CaptureScheduled, To: CaptureQueued, Label: "sent to a satellite"},
	captureMove{From: CaptureScheduled, To: CaptureRemoved, Label: "removed from the schedule"},
	captureMove{From: CaptureScheduled, To: CaptureFailed, Label: "failed"},
	captureMove{From: CaptureQueued, To: CaptureProcessing, Label: "acquired and downlinked"},
	captureMove{From: CaptureQueued, To: CaptureFailed, Label: "failed to be captured"},
	captureMove{From: CaptureProcessing, To: CaptureDeriving, Label: "deriving products"},
	captureMove{From: CaptureProcessing, To: CapturePublished, Label: "published, assessed"},
	captureMove{From: CaptureProcessing, To: CaptureFailed, Label: "failed in processing"},
	captureMove{From: CaptureDeriving, To: CapturePublished, Label: "published, assessed"},
	captureMove{From: CaptureDeriving, To: CaptureFailed, Label: "failed in processing"},
	captureMove{From: CapturePublished, To: CaptureRemoved, Label: "removed"},
)

type searchMove = tasking.Transition[SearchStatus]

// SearchLifecycle is the life of an asynchronous imaging-window search.
var SearchLifecycle = tasking.NewLifecycle("Planet imaging-window search",
	[]SearchStatus{SearchCreated, SearchInProgress},
	[]SearchStatus{SearchDone, SearchFailed},
	searchMove{From: SearchCreated, To: SearchInProgress, Label: "searching"},
	searchMove{From: SearchCreated, To: SearchDone, Label: "windows found"},
	searchMove{From: SearchCreated, To: SearchFailed, Label: "failed"},
	searchMove{From: SearchInProgress, To: SearchDone, Label: "windows found"},
	searchMove{From: SearchInProgress, To: SearchFailed, Label: "failed"},
)

// captureProgress is a capture status seen through a neutral tasking.Status,
// so that Captures.Wait can use tasking.Wait: scheduled and queued are
// scheduled, processing is in_progress, PUBLISHED completed, FAILED failed and
// REMOVED cancelled.
type captureProgress string

var captureProgressNeutral = map[tasking.CaptureStatus]tasking.Status{
	tasking.CaptureScheduled:  tasking.StatusScheduled,
	tasking.CaptureQueued:     tasking.StatusScheduled,
	tasking.CaptureProcessing: tasking.StatusInProgress,
	tasking.CapturePublished:  tasking.StatusCompleted,
	tasking.CaptureFailed:     tasking.StatusFailed,
	tasking.CaptureRemoved:    tasking.StatusCancelled,
}

func (s captureProgress) Neutral() tasking.Status {
	return captureProgressNeutral[CaptureStatus(s).Neutral()]
}

// captureProgressLifecycle is CaptureLifecycle over captureProgress.
var captureProgressLifecycle = convertLifecycle[CaptureStatus, captureProgress](CaptureLifecycle)

func convertLifecycle[A, B ~string](l *tasking.Lifecycle[A]) *tasking.Lifecycle[B] {
	var initial, terminal []B
	for _, s := range l.States() {
		if l.Initial(s) {
			initial = append(initial, B(s))
		}
		if l.Terminal(s) {
			terminal = append(terminal, B(s))
		}
	}
	var moves []tasking.Transition[B]
	for _, t := range l.Transitions() {
		moves = append(moves, tasking.Transition[B]{From: B(t.From), To: B(t.To), Label: t.Label})
	}
	return tasking.NewLifecycle(l.Name(), initial, terminal, moves...)
}

// bulkState is a bulk process's progress as a status, for tasking.Wait.
type bulkState string

const (
	bulkProcessing bulkState = "PROCESSING"
	bulkDone       bulkState = "DONE"
)

func (s bulkState) Neutral() tasking.Status {
	if s == bulkDone {
		return tasking.StatusCompleted
	}
	return tasking.StatusInProgress
}

var bulkLifecycle = tasking.NewLifecycle("Planet bulk process", []bulkState{bulkProcessing}, []bulkState{bulkDone},
	tasking.Transition[bulkState]{From: bulkProcessing, To: bulkDone, Label: "every payload processed"})

type assetMove = tasking.Transition[AssetStatus]

// AssetLifecycle is the life of a Data API asset: inactive until activated,
// activating while Planet prepares it, then active (downloadable from its
// location until expires_at).
var AssetLifecycle = tasking.NewLifecycle("Planet Data API asset",
	[]AssetStatus{AssetInactive, AssetActivating, AssetActive},
	[]AssetStatus{AssetActive},
	assetMove{From: AssetInactive, To: AssetActivating, Label: "activation requested"},
	assetMove{From: AssetInactive, To: AssetActive, Label: "activated at once"},
	assetMove{From: AssetActivating, To: AssetActive, Label: "ready to download"},
)
