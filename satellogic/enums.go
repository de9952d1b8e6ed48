package satellogic

import (
	"slices"
	"strconv"
	"strings"

	"github.com/eotask/eotask/internal/enum"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
)

// TaskStatus is a task's status as the Tasking API reports it. A value this
// version does not know decodes without error and is kept as is; its neutral
// status is tasking.StatusUnknown.
type TaskStatus string

// The documented task statuses, plus TaskRejected.
const (
	// TaskReceived: the submission is acknowledged; it enters the next planning
	// cycle (about every 30 minutes).
	TaskReceived TaskStatus = "received"
	// TaskPlanning: the scheduler is searching for capture opportunities.
	TaskPlanning TaskStatus = "planning"
	// TaskPending: one or more captures are scheduled (queued).
	TaskPending TaskStatus = "pending"
	// TaskInProgress: less than 12 hours to the first queued capture, and
	// while captures are collected, downloaded and processed.
	TaskInProgress TaskStatus = "in_progress"
	// TaskCanceled: the user cancelled the task (one "l"). Captures published
	// before may exist.
	TaskCanceled TaskStatus = "canceled"
	// TaskFailed: the collection window ended without published captures.
	TaskFailed TaskStatus = "failed"
	// TaskCompleted: every required capture was published.
	TaskCompleted TaskStatus = "completed"
	// TaskPartiallyCompleted: the window ended with some, but not all,
	// required captures published.
	TaskPartiallyCompleted TaskStatus = "partially_completed"
	// TaskRejected is not in Satellogic's status table; it appears only in a
	// 2023 client's filter list and is accepted defensively.
	TaskRejected TaskStatus = "rejected"
)

// TaskStatusValues lists every task status this package knows, in lifecycle
// order, TaskRejected last.
func TaskStatusValues() []TaskStatus { return taskStatuses.Values() }

// taskStatuses is the mapping of DESIGN 3.1, as data, in lifecycle order.
var taskStatuses = enum.New(
	enum.Of(TaskReceived, tasking.StatusReceived),
	enum.Of(TaskPlanning, tasking.StatusPlanning),
	enum.Of(TaskPending, tasking.StatusScheduled),
	enum.Of(TaskInProgress, tasking.StatusInProgress),
	enum.Of(TaskCompleted, tasking.StatusCompleted),
	enum.Of(TaskPartiallyCompleted, tasking.StatusPartiallyCompleted),
	enum.Of(TaskFailed, tasking.StatusFailed),
	enum.Of(TaskCanceled, tasking.StatusCancelled),
	enum.Of(TaskRejected, tasking.StatusRejected),
)

// Neutral maps s onto the neutral status; unknown values give
// tasking.StatusUnknown.
func (s TaskStatus) Neutral() tasking.Status { return taskStatuses.Neutral(s) }

// Known reports whether s is one of TaskStatusValues.
func (s TaskStatus) Known() bool { return taskStatuses.Known(s) }

// Terminal reports whether the task will not move on by itself.
func (s TaskStatus) Terminal() bool { return TaskLifecycle.Terminal(s) }

// String returns the wire value.
func (s TaskStatus) String() string { return string(s) }

// UnmarshalJSONFrom reads a status; any string is accepted and kept as sent
// (null leaves ""). A known value costs no allocation.
func (s *TaskStatus) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	return taskStatuses.Read(dec, s)
}

// CaptureStatus is a capture's status. Unknown values are kept as is.
type CaptureStatus string

// The documented capture statuses.
const (
	// CaptureQueued: scheduled for collection; also during collection and
	// download.
	CaptureQueued CaptureStatus = "queued"
	// CaptureProcessing: collected and downloaded, being processed on ground.
	CaptureProcessing CaptureStatus = "processing"
	// CapturePublished: delivered and available for download.
	CapturePublished CaptureStatus = "published"
	// CaptureFailed: collection, download, processing or QC failed. The task
	// re-plans while its window lasts (except NEI tasks).
	CaptureFailed CaptureStatus = "failed"
)

// CaptureStatusValues lists every documented capture status.
func CaptureStatusValues() []CaptureStatus { return captureStatuses.Values() }

var captureStatuses = enum.New(
	enum.Of(CaptureQueued, tasking.CaptureQueued),
	enum.Of(CaptureProcessing, tasking.CaptureProcessing),
	enum.Of(CapturePublished, tasking.CapturePublished),
	enum.Of(CaptureFailed, tasking.CaptureFailed),
)

// Neutral maps s onto the neutral capture status; unknown values give
// tasking.CaptureUnknown.
func (s CaptureStatus) Neutral() tasking.CaptureStatus { return captureStatuses.Neutral(s) }

// Known reports whether s is one of CaptureStatusValues.
func (s CaptureStatus) Known() bool { return captureStatuses.Known(s) }

// String returns the wire value.
func (s CaptureStatus) String() string { return string(s) }

// UnmarshalJSONFrom reads a status; any string is accepted and kept as sent
// (null leaves ""). A known value costs no allocation.
func (s *CaptureStatus) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	return captureStatuses.Read(dec, s)
}

// ProductID is a product's primary key ("product" on the wire).
type ProductID int

// The known products. Standard and Rush tasking share ProductPOI; the
// contract decides which applies.
const (
	// ProductPOI is "Multispectral 70cm": one or more captures of a fixed
	// footprint over a Point target.
	ProductPOI ProductID = 169
	// ProductAOI is "Area Coverage 70cm": a Polygon target cut into strips,
	// each collected separately.
	ProductAOI ProductID = 178
	// ProductNEI is Non-Earth Imaging: one precisely timed capture of an
	// object in space, with no retries.
	ProductNEI ProductID = 186
)

// ProductIDValues lists the known products.
func ProductIDValues() []ProductID { return []ProductID{ProductPOI, ProductAOI, ProductNEI} }

// TargetType returns the GeoJSON geometry type the product takes ("Point",
// "Polygon"), or "" when it is not a ground target or the product is unknown.
func (p ProductID) TargetType() string {
	switch p {
	case ProductPOI:
		return "Point"
	case ProductAOI:
		return "Polygon"
	}
	return ""
}

// String returns the product's known name, or its number.
func (p ProductID) String() string {
	switch p {
	case ProductPOI:
		return "Multispectral 70cm (169)"
	case ProductAOI:
		return "Area Coverage 70cm (178)"
	case ProductNEI:
		return "NEI (186)"
	}
	return strconv.Itoa(int(p))
}

// NEIMode is a Non-Earth Imaging capture mode. Satellogic documents the
// values; the name of the request field that carries them is not confirmed.
type NEIMode string

// The documented NEI capture modes.
const (
	// NEISpotlight keeps the pointing fixed.
	NEISpotlight NEIMode = "spotlight"
	// NEIEvoStripe follows a constant-altitude geocentric path (recommended).
	NEIEvoStripe NEIMode = "evo_stripe"
)

// NEIModeValues lists the documented NEI capture modes.
func NEIModeValues() []NEIMode { return []NEIMode{NEISpotlight, NEIEvoStripe} }

// AnalysisKind says which analysis to run.
type AnalysisKind string

// The two analysis kinds.
const (
	// AnalysisCanAdd shows the opportunities a new task could actually get
	// given the current commercial demand (POST
	// /tasking/analysis/can-add-order/, confirmed).
	AnalysisCanAdd AnalysisKind = "can-add-order"
	// AnalysisOpportunities shows every physically feasible opportunity for
	// the fleet (path UNCONFIRMED; see Paths.Opportunities).
	AnalysisOpportunities AnalysisKind = "opportunities"
)

// AnalysisKindValues lists the two analysis kinds.
func AnalysisKindValues() []AnalysisKind {
	return []AnalysisKind{AnalysisCanAdd, AnalysisOpportunities}
}

// AnalysisStatus is an analysis request's state. Satellogic does not publish
// the values; the constants are best guesses and any value is accepted,
// compared case-insensitively. Pending-like values (pending, queued,
// received, created, submitted, running, processing, in_progress, started,
// new, waiting, and no value at all) mean "poll again"; anything else means
// the analysis is over.
type AnalysisStatus string

// Likely analysis states (UNCONFIRMED).
const (
	AnalysisPending   AnalysisStatus = "pending"
	AnalysisRunning   AnalysisStatus = "running"
	AnalysisCompleted AnalysisStatus = "completed"
	AnalysisFailed    AnalysisStatus = "failed"
)

// AnalysisStatusValues lists the likely analysis states this package names.
func AnalysisStatusValues() []AnalysisStatus { return analysisStatuses.Values() }

// analysisStatuses maps the guessed analysis states, in lower case, onto
// neutral ones: the four constants, then the other spellings as aliases.
// Pending-like values map onto tasking.StatusInProgress and no other does.
var analysisStatuses = enum.New(slices.Concat(
	[]enum.Entry[AnalysisStatus, tasking.Status]{
		enum.Of(AnalysisPending, tasking.StatusInProgress),
		enum.Of(AnalysisRunning, tasking.StatusInProgress),
		enum.Of(AnalysisCompleted, tasking.StatusCompleted),
		enum.Of(AnalysisFailed, tasking.StatusFailed),
	},
	analysisAliases(tasking.StatusInProgress, "", "queued", "received", "created", "submitted", "processing",
		"in_progress", "started", "new", "waiting"),
	analysisAliases(tasking.StatusFailed, "error", "errored", "failure", "canceled", "cancelled", "rejected"),
	analysisAliases(tasking.StatusExpired, "expired"),
	analysisAliases(tasking.StatusCompleted, "complete", "done", "ready", "success", "succeeded", "successful",
		"finished"),
)...)

// analysisAliases returns alias entries mapping each of words onto n.
func analysisAliases(n tasking.Status, words ...AnalysisStatus) []enum.Entry[AnalysisStatus, tasking.Status] {
	out := make([]enum.Entry[AnalysisStatus, tasking.Status], len(words))
	for i, w := range words {
		out[i] = enum.AliasOf(w, n)
	}
	return out
}

func (s AnalysisStatus) word() AnalysisStatus {
	return AnalysisStatus(strings.ToLower(strings.TrimSpace(string(s))))
}

// Pending reports whether the analysis is still being computed.
func (s AnalysisStatus) Pending() bool { return s.Neutral() == tasking.StatusInProgress }

// Ready reports whether the analysis is over (successfully or not).
func (s AnalysisStatus) Ready() bool { return !s.Pending() }

// Failed reports whether the analysis ended without a result (failure-like
// values, expired included).
func (s AnalysisStatus) Failed() bool {
	n := s.Neutral()
	return n == tasking.StatusFailed || n == tasking.StatusExpired
}

// Neutral maps s onto a neutral status: pending-like values are in progress,
// failure-like ones failed (expired: expired), success-like ones completed,
// others unknown.
func (s AnalysisStatus) Neutral() tasking.Status { return analysisStatuses.Neutral(s.word()) }
