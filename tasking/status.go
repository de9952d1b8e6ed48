package tasking

import "fmt"

// Status is the neutral status of a tasking order, task or request. Each
// provider maps its own raw status onto it (for example planet.OrderStatus.Neutral).
//
// The zero value is [StatusUnknown]. A value this version does not know decodes
// without error and is kept as is; it classifies as neither terminal nor active.
type Status string

// The neutral statuses. See the status table in the README for how each
// provider's raw values map onto them.
const (
	StatusUnknown            Status = ""
	StatusReceived           Status = "received"
	StatusActionRequired     Status = "action_required"
	StatusPlanning           Status = "planning"
	StatusScheduled          Status = "scheduled"
	StatusInProgress         Status = "in_progress"
	StatusOnHold             Status = "on_hold"
	StatusCancelling         Status = "cancelling"
	StatusCompleted          Status = "completed"
	StatusPartiallyCompleted Status = "partially_completed"
	StatusCancelled          Status = "cancelled"
	StatusRejected           Status = "rejected"
	StatusExpired            Status = "expired"
	StatusFailed             Status = "failed"
)

// unknownText is how StatusUnknown and CaptureUnknown are written out.
const unknownText = "unknown"

// Statuses lists every neutral status, StatusUnknown first, in lifecycle order.
func Statuses() []Status {
	return []Status{
		StatusUnknown, StatusReceived, StatusActionRequired, StatusPlanning, StatusScheduled,
		StatusInProgress, StatusOnHold, StatusCancelling, StatusCompleted, StatusPartiallyCompleted,
		StatusCancelled, StatusRejected, StatusExpired, StatusFailed,
	}
}

// Known reports whether s is one of the values listed by [Statuses].
func (s Status) Known() bool {
	for _, k := range Statuses() {
		if s == k {
			return true
		}
	}
	return false
}

// IsTerminal reports whether the provider will not move the task on by itself:
// completed, partially completed, cancelled, rejected, expired or failed.
// Some terminal results can still be revised by the provider (see [Task.Revisable]).
func (s Status) IsTerminal() bool {
	return s.IsSuccess() || s.IsFailure() || s.IsCancelled()
}

// IsSuccess reports whether the task ended having delivered imagery:
// completed or partially completed.
func (s Status) IsSuccess() bool {
	return s == StatusCompleted || s == StatusPartiallyCompleted
}

// IsFailure reports whether the task ended without imagery for a reason other
// than the customer's cancellation: rejected, expired or failed.
func (s Status) IsFailure() bool {
	return s == StatusRejected || s == StatusExpired || s == StatusFailed
}

// IsCancelled reports whether the task ended because it was cancelled.
// StatusCancelling is not cancelled yet and reports false.
func (s Status) IsCancelled() bool { return s == StatusCancelled }

// String returns the wire form of s; StatusUnknown is "unknown".
func (s Status) String() string { return enumText(s) }

// MarshalText implements encoding.TextMarshaler (and so JSON): StatusUnknown is
// written as "unknown".
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. "" and "unknown" give
// StatusUnknown; any other value is kept as is, so that a status added by a
// later version survives a round trip.
func (s *Status) UnmarshalText(b []byte) error {
	*s = enumFromText[Status](b)
	return nil
}

// ParseStatus returns the neutral status named by text, or an error naming
// the value when it is not one of [Statuses].
func ParseStatus(text string) (Status, error) {
	var s Status
	_ = s.UnmarshalText([]byte(text))
	if !s.Known() {
		return StatusUnknown, fmt.Errorf("tasking: unknown status %q", text)
	}
	return s, nil
}

// CaptureStatus is the neutral status of one capture (collect, acquisition)
// taken to fulfil a task. The zero value is [CaptureUnknown].
type CaptureStatus string

// The neutral capture statuses.
const (
	CaptureUnknown    CaptureStatus = ""
	CaptureScheduled  CaptureStatus = "scheduled"
	CaptureQueued     CaptureStatus = "queued"
	CaptureProcessing CaptureStatus = "processing"
	CapturePublished  CaptureStatus = "published"
	CaptureFailed     CaptureStatus = "failed"
	CaptureRemoved    CaptureStatus = "removed"
)

// CaptureStatuses lists every neutral capture status, CaptureUnknown first.
func CaptureStatuses() []CaptureStatus {
	return []CaptureStatus{CaptureUnknown, CaptureScheduled, CaptureQueued, CaptureProcessing,
		CapturePublished, CaptureFailed, CaptureRemoved}
}

// IsTerminal reports whether the capture will not change any more by itself:
// published, failed or removed.
func (s CaptureStatus) IsTerminal() bool {
	return s == CapturePublished || s == CaptureFailed || s == CaptureRemoved
}

// String returns the wire form of s; CaptureUnknown is "unknown".
func (s CaptureStatus) String() string { return enumText(s) }

// MarshalText implements encoding.TextMarshaler; CaptureUnknown is "unknown".
func (s CaptureStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; unknown values are kept.
func (s *CaptureStatus) UnmarshalText(b []byte) error {
	*s = enumFromText[CaptureStatus](b)
	return nil
}

// enumText writes the zero value of a neutral enum as "unknown".
func enumText[S ~string](s S) string {
	if s == "" {
		return unknownText
	}
	return string(s)
}

// enumFromText reads "unknown" (or "") as the zero value and keeps any other
// value as it is.
func enumFromText[S ~string](b []byte) S {
	if string(b) == unknownText {
		return ""
	}
	return S(b)
}

// Neutral returns s itself, so that a neutral Status satisfies [RawStatus] and
// neutral tasks can be followed with [Wait] (see [WaitTask]).
func (s Status) Neutral() Status { return s }
