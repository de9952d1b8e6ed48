package planet

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/enum"
	"github.com/eotask/eotask/tasking"
)

// Every enum below is an open string type: a value this version does not
// list decodes without error and is kept as sent. Values marked UNCONFIRMED
// come from third-party code rather than Planet's own material.

// OrderStatus is the status of a tasking order.
type OrderStatus string

// The eleven order statuses.
const (
	OrderReceived            OrderStatus = "RECEIVED"             // entered, not yet checked
	OrderRequested           OrderStatus = "REQUESTED"            // early, editable state (Assured and monitoring orders)
	OrderPending             OrderStatus = "PENDING"              // accepted; start time not yet reached
	OrderInProgress          OrderStatus = "IN_PROGRESS"          // being imaged; stays here while retasked
	OrderFinalizing          OrderStatus = "FINALIZING"           // post-capture processing
	OrderPendingCancellation OrderStatus = "PENDING_CANCELLATION" // a cancel was asked for and is not done yet
	OrderFulfilled           OrderStatus = "FULFILLED"            // a capture meets the specification (revisable)
	OrderCancelled           OrderStatus = "CANCELLED"            // cancelled
	OrderRejected            OrderStatus = "REJECTED"             // failed the feasibility checks
	OrderExpired             OrderStatus = "EXPIRED"              // end time passed with no capture meeting the specification (revisable)
	OrderFailed              OrderStatus = "FAILED"               // the order failed
)

// OrderStatusValues lists every documented order status in lifecycle order.
func OrderStatusValues() []OrderStatus { return orderStatuses.Values() }

// orderStatuses is DESIGN 3.1's Planet column, in lifecycle order.
var orderStatuses = enum.New(
	enum.Of(OrderReceived, tasking.StatusReceived),
	enum.Of(OrderRequested, tasking.StatusReceived),
	enum.Of(OrderPending, tasking.StatusScheduled),
	enum.Of(OrderInProgress, tasking.StatusInProgress),
	enum.Of(OrderFinalizing, tasking.StatusInProgress),
	enum.Of(OrderPendingCancellation, tasking.StatusCancelling),
	enum.Of(OrderFulfilled, tasking.StatusCompleted),
	enum.Of(OrderCancelled, tasking.StatusCancelled),
	enum.Of(OrderRejected, tasking.StatusRejected),
	enum.Of(OrderExpired, tasking.StatusExpired),
	enum.Of(OrderFailed, tasking.StatusFailed),
)

// Neutral maps s onto eotask's neutral status; an unknown value gives
// tasking.StatusUnknown.
func (s OrderStatus) Neutral() tasking.Status { return orderStatuses.Neutral(s) }

// Known reports whether s is one of OrderStatusValues.
func (s OrderStatus) Known() bool { return orderStatuses.Known(s) }

// Revisable reports whether an order in s may still change after human
// review of its captures: FULFILLED (a SUCCESS capture reviewed as INVALID)
// and EXPIRED (an INVALID capture reviewed as SUCCESS). Planet says such
// reviews happen within about 24 hours of a capture's publication.
func (s OrderStatus) Revisable() bool { return s == OrderFulfilled || s == OrderExpired }

// ReviewWindow is how long after an order reaches FULFILLED or EXPIRED a
// human review may still reverse it, by Planet's account ("about a day").
const ReviewWindow = 24 * time.Hour

// Terminal reports whether Planet no longer moves an order in s by itself.
func (s OrderStatus) Terminal() bool { return OrderLifecycle.Terminal(s) }

// OrderStatusList filters a listing by status. One value is sent as
// status=<value>; several as status__in=<a>,<b> (a comma list, the form
// Planet documents for __in filters).
type OrderStatusList []OrderStatus

// EncodeValues implements go-querystring's Encoder.
func (l OrderStatusList) EncodeValues(key string, v *url.Values) error {
	return encodeStatusList(key, l, v)
}

// CaptureStatus is the status of one capture.
type CaptureStatus string

// Capture statuses. QUEUED, PROCESSING, PUBLISHED and FAILED are documented;
// SCHEDULED, DERIVING and REMOVED are UNCONFIRMED.
const (
	CaptureScheduled  CaptureStatus = "SCHEDULED"  // planned, not yet sent to a satellite (UNCONFIRMED)
	CaptureQueued     CaptureStatus = "QUEUED"     // sent to a satellite; about to be acquired
	CaptureProcessing CaptureStatus = "PROCESSING" // downlinked, in the processing pipeline
	CaptureDeriving   CaptureStatus = "DERIVING"   // deriving products (UNCONFIRMED)
	CapturePublished  CaptureStatus = "PUBLISHED"  // published to the customer (then to the archive)
	CaptureFailed     CaptureStatus = "FAILED"     // failed to be captured or processed
	CaptureRemoved    CaptureStatus = "REMOVED"    // removed (UNCONFIRMED)
)

// CaptureStatusValues lists every capture status in lifecycle order.
func CaptureStatusValues() []CaptureStatus { return captureStatuses.Values() }

var captureStatuses = enum.New(
	enum.Of(CaptureScheduled, tasking.CaptureScheduled),
	enum.Of(CaptureQueued, tasking.CaptureQueued),
	enum.Of(CaptureProcessing, tasking.CaptureProcessing),
	enum.Of(CaptureDeriving, tasking.CaptureProcessing),
	enum.Of(CapturePublished, tasking.CapturePublished),
	enum.Of(CaptureFailed, tasking.CaptureFailed),
	enum.Of(CaptureRemoved, tasking.CaptureRemoved),
)

// Neutral maps s onto eotask's neutral capture status; an unknown value
// gives tasking.CaptureUnknown.
func (s CaptureStatus) Neutral() tasking.CaptureStatus { return captureStatuses.Neutral(s) }

// Known reports whether s is one of CaptureStatusValues.
func (s CaptureStatus) Known() bool { return captureStatuses.Known(s) }

// CaptureStatusList filters captures by status: one value as status=<value>,
// several as status__in=<a>,<b>.
type CaptureStatusList []CaptureStatus

// EncodeValues implements go-querystring's Encoder.
func (l CaptureStatusList) EncodeValues(key string, v *url.Values) error {
	return encodeStatusList(key, l, v)
}

func encodeStatusList[S ~string](key string, l []S, v *url.Values) error {
	switch len(l) {
	case 0:
	case 1:
		v.Set(key, string(l[0]))
	default:
		s := make([]string, len(l))
		for i, x := range l {
			s[i] = string(x)
		}
		v.Set(key+"__in", strings.Join(s, ","))
	}
	return nil
}

// Assessment is Planet's verdict on whether a capture meets the order's
// specification (for example its cloud cover limit).
type Assessment string

// The documented assessments.
const (
	AssessmentSuccess Assessment = "SUCCESS" // meets the specification: the order is fulfilled
	AssessmentInvalid Assessment = "INVALID" // does not (too cloudy): the order is retasked or expires
)

// AssessmentValues lists every documented assessment.
func AssessmentValues() []Assessment { return []Assessment{AssessmentSuccess, AssessmentInvalid} }

// Known reports whether a is one of AssessmentValues.
func (a Assessment) Known() bool { return slices.Contains(AssessmentValues(), a) }

// ReviewCategory is why a customer disputes a capture's assessment.
type ReviewCategory string

// The documented review categories.
const (
	ReviewCloudCover      ReviewCategory = "CLOUD_COVER"
	ReviewHaze            ReviewCategory = "HAZE"
	ReviewDisplacement    ReviewCategory = "DISPLACEMENT"
	ReviewBrightnessIssue ReviewCategory = "BRIGHTNESS_ISSUE"
	ReviewShadows         ReviewCategory = "SHADOWS"
	ReviewOther           ReviewCategory = "OTHER"
)

// ReviewCategoryValues lists every documented review category.
func ReviewCategoryValues() []ReviewCategory {
	return []ReviewCategory{ReviewCloudCover, ReviewHaze, ReviewDisplacement, ReviewBrightnessIssue,
		ReviewShadows, ReviewOther}
}

// Known reports whether c is one of ReviewCategoryValues.
func (c ReviewCategory) Known() bool { return slices.Contains(ReviewCategoryValues(), c) }

// SatelliteType is a Planet constellation.
type SatelliteType string

// The constellations that take tasking orders.
const (
	SatelliteSkySat  SatelliteType = "SKYSAT"
	SatellitePelican SatelliteType = "PELICAN"
	SatelliteTanager SatelliteType = "TANAGER"
)

// SatelliteTypeValues lists every constellation.
func SatelliteTypeValues() []SatelliteType {
	return []SatelliteType{SatelliteSkySat, SatellitePelican, SatelliteTanager}
}

// Known reports whether t is one of SatelliteTypeValues.
func (t SatelliteType) Known() bool { return slices.Contains(SatelliteTypeValues(), t) }

// SchedulingType is how an order is scheduled. Leaving it empty places a
// Flexible order. Only MONITORING is confirmed by Planet's material; the
// other values are UNCONFIRMED.
type SchedulingType string

// Scheduling types.
const (
	SchedulingFlexible   SchedulingType = "FLEXIBLE"   // Planet picks the time inside the window and retasks (the default)
	SchedulingLockIn     SchedulingType = "LOCK_IN"    // legacy: a booked imaging window
	SchedulingMonitoring SchedulingType = "MONITORING" // recurring, with an rrule
	SchedulingExpress    SchedulingType = "EXPRESS"
	SchedulingAssured    SchedulingType = "ASSURED" // a booked imaging window
	SchedulingArchive    SchedulingType = "ARCHIVE" // acquire high-resolution imagery from the archive
)

// SchedulingTypeValues lists every scheduling type.
func SchedulingTypeValues() []SchedulingType {
	return []SchedulingType{SchedulingFlexible, SchedulingLockIn, SchedulingMonitoring, SchedulingExpress,
		SchedulingAssured, SchedulingArchive}
}

// Known reports whether t is one of SchedulingTypeValues.
func (t SchedulingType) Known() bool { return slices.Contains(SchedulingTypeValues(), t) }

// OrderType is what an order images (UNCONFIRMED: seen in third-party code).
type OrderType string

// Order types.
const (
	OrderTypeImage  OrderType = "IMAGE"
	OrderTypeVideo  OrderType = "VIDEO"
	OrderTypeStereo OrderType = "STEREO"
)

// OrderTypeValues lists every order type.
func OrderTypeValues() []OrderType {
	return []OrderType{OrderTypeImage, OrderTypeVideo, OrderTypeStereo}
}

// Known reports whether t is one of OrderTypeValues.
func (t OrderType) Known() bool { return slices.Contains(OrderTypeValues(), t) }

// SearchStatus is the status of an asynchronous imaging-window search. DONE
// and FAILED are confirmed; CREATED and IN_PROGRESS are UNCONFIRMED. Any value
// other than DONE or FAILED means "keep polling".
type SearchStatus string

// Search statuses.
const (
	SearchCreated    SearchStatus = "CREATED"
	SearchInProgress SearchStatus = "IN_PROGRESS"
	SearchDone       SearchStatus = "DONE"
	SearchFailed     SearchStatus = "FAILED"
)

// SearchStatusValues lists every search status.
func SearchStatusValues() []SearchStatus { return searchStatuses.Values() }

var searchStatuses = enum.New(
	enum.Of(SearchCreated, tasking.StatusReceived),
	enum.Of(SearchInProgress, tasking.StatusInProgress),
	enum.Of(SearchDone, tasking.StatusCompleted),
	enum.Of(SearchFailed, tasking.StatusFailed),
)

// Neutral maps s onto a neutral status (DONE is completed, FAILED failed) so
// that searches can be followed with tasking.Wait.
func (s SearchStatus) Neutral() tasking.Status { return searchStatuses.Neutral(s) }

// Known reports whether s is one of SearchStatusValues.
func (s SearchStatus) Known() bool { return searchStatuses.Known(s) }

// AssuredTaskingTier is the tier of an Assured imaging window (UNCONFIRMED).
type AssuredTaskingTier string

// Assured tasking tiers.
const (
	TierNotApplicable AssuredTaskingTier = "NOT_APPLICABLE"
	TierStandard      AssuredTaskingTier = "STANDARD"
	TierExpress       AssuredTaskingTier = "EXPRESS"
)

// AssuredTaskingTierValues lists every tier.
func AssuredTaskingTierValues() []AssuredTaskingTier {
	return []AssuredTaskingTier{TierNotApplicable, TierStandard, TierExpress}
}

// Known reports whether t is one of AssuredTaskingTierValues.
func (t AssuredTaskingTier) Known() bool { return slices.Contains(AssuredTaskingTierValues(), t) }

// SensitivityMode is a Tanager (hyperspectral) collection mode (UNCONFIRMED).
type SensitivityMode string

// Sensitivity modes.
const (
	SensitivityNotApplicable SensitivityMode = "NOT_APPLICABLE"
	SensitivityGlint         SensitivityMode = "GLINT"
	SensitivityStandard      SensitivityMode = "STANDARD"
	SensitivityMedium        SensitivityMode = "MEDIUM"
	SensitivityHigh          SensitivityMode = "HIGH"
	SensitivityMax           SensitivityMode = "MAX"
	SensitivityPushbroom     SensitivityMode = "PUSHBROOM"
)

// SensitivityModeValues lists every sensitivity mode.
func SensitivityModeValues() []SensitivityMode {
	return []SensitivityMode{SensitivityNotApplicable, SensitivityGlint, SensitivityStandard,
		SensitivityMedium, SensitivityHigh, SensitivityMax, SensitivityPushbroom}
}

// Known reports whether m is one of SensitivityModeValues.
func (m SensitivityMode) Known() bool { return slices.Contains(SensitivityModeValues(), m) }

// EventType is the kind of an order-history event. Planet documents
// ORDER_CREATED and ORDER_FULFILLED; other values are kept as sent.
type EventType string

// The documented event types.
const (
	EventOrderCreated   EventType = "ORDER_CREATED"
	EventOrderFulfilled EventType = "ORDER_FULFILLED"
)

// EventTypeValues lists every documented event type.
func EventTypeValues() []EventType { return []EventType{EventOrderCreated, EventOrderFulfilled} }

// Known reports whether t is one of EventTypeValues.
func (t EventType) Known() bool { return slices.Contains(EventTypeValues(), t) }

// AssetStatus is the state of a Data API asset: it must be activated before
// it can be downloaded. The values are those of Planet's Data API
// ("inactive", "activating", "active"); "activating" is UNCONFIRMED (read
// from third-party material), any other value is kept and waited on.
type AssetStatus string

// Asset statuses.
const (
	AssetInactive   AssetStatus = "inactive"   // not ready: activate it first
	AssetActivating AssetStatus = "activating" // being prepared (UNCONFIRMED spelling)
	AssetActive     AssetStatus = "active"     // ready: location holds the download link
)

// AssetStatusValues lists every asset status in lifecycle order.
func AssetStatusValues() []AssetStatus { return assetStatuses.Values() }

var assetStatuses = enum.New(
	enum.Of(AssetInactive, tasking.StatusReceived),
	enum.Of(AssetActivating, tasking.StatusInProgress),
	enum.Of(AssetActive, tasking.StatusCompleted),
)

// Neutral maps s onto a neutral status (active is completed, activating in
// progress, inactive received) so that activations can be followed with
// tasking.Wait; an unknown value gives tasking.StatusUnknown.
func (s AssetStatus) Neutral() tasking.Status { return assetStatuses.Neutral(s) }

// Known reports whether s is one of AssetStatusValues.
func (s AssetStatus) Known() bool { return assetStatuses.Known(s) }

// DeliveryStatus is the status of an Automated Delivery task or of one
// delivery. Planet's Automated Delivery page documents the delivery-task
// lifecycle PENDING → IN_PROGRESS → COMPLETED, or FAILED or CANCELLED; that
// deliveries use the same values is UNCONFIRMED. Other values decode and are
// kept as sent (Known reports them).
type DeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending    DeliveryStatus = "PENDING"     // created, nothing delivered yet
	DeliveryInProgress DeliveryStatus = "IN_PROGRESS" // at least one delivery requested, not all complete
	DeliveryCompleted  DeliveryStatus = "COMPLETED"   // every delivery completed
	DeliveryFailed     DeliveryStatus = "FAILED"      // one or more deliveries failed
	DeliveryCancelled  DeliveryStatus = "CANCELLED"   // cancelled
)

// DeliveryStatusValues lists every delivery status in lifecycle order.
func DeliveryStatusValues() []DeliveryStatus { return deliveryStatuses.Values() }

var deliveryStatuses = enum.New(
	enum.Of(DeliveryPending, tasking.StatusScheduled),
	enum.Of(DeliveryInProgress, tasking.StatusInProgress),
	enum.Of(DeliveryCompleted, tasking.StatusCompleted),
	enum.Of(DeliveryFailed, tasking.StatusFailed),
	enum.Of(DeliveryCancelled, tasking.StatusCancelled),
)

// Neutral maps s onto a neutral status; an unknown value gives
// tasking.StatusUnknown.
func (s DeliveryStatus) Neutral() tasking.Status { return deliveryStatuses.Neutral(s) }

// Known reports whether s is one of DeliveryStatusValues.
func (s DeliveryStatus) Known() bool { return deliveryStatuses.Known(s) }
