package capella

import (
	"github.com/eotask/eotask/internal/enum"
	"github.com/eotask/eotask/tasking"
)

// Enumerations of Capella's OpenAPI documents (openapi-tasking.json and
// openapi-access.json), with the schema each comes from. Every type is a
// string (or int) type: a value this version does not know decodes without
// error and is kept as it came.

// CollectionTier is the scheduling tier of a single tasking request
// (schemas CAPICollectionTier and CollectionTier; the retask bodies add
// internal). Tiers differ in scheduling order and minimum window (see
// [CollectionTier.MinWindow]).
type CollectionTier string

// Single-request collection tiers.
const (
	TierUrgent   CollectionTier = "urgent"   // scheduled first; window at least 24 h
	TierPriority CollectionTier = "priority" // after urgent; window at least 72 h
	TierStandard CollectionTier = "standard" // the default; assured once accepted; window at least 7 days
	TierFlexible CollectionTier = "flexible" // fills spare capacity; no minimum window documented
	TierInternal CollectionTier = "internal" // Capella-internal; the spec allows it only in retask bodies
)

// CollectionTierValues lists every single-request tier, in scheduling order.
func CollectionTierValues() []CollectionTier {
	return []CollectionTier{TierUrgent, TierPriority, TierStandard, TierFlexible, TierInternal}
}

// RepeatTier is the scheduling tier of a repeat request (schemas
// CAPIRepeatCollectionTier and RepeatCollectionTier; the repeat retask body
// adds internal).
type RepeatTier string

// Repeat-request collection tiers.
const (
	RepeatTierRoutine  RepeatTier = "routine"  // the default; repeat-only, evaluated before new single tasks
	RepeatTierFlexible RepeatTier = "flexible" // fills spare capacity
	RepeatTierInternal RepeatTier = "internal" // Capella-internal; the spec allows it only in the retask body
)

// RepeatTierValues lists every repeat tier.
func RepeatTierValues() []RepeatTier {
	return []RepeatTier{RepeatTierRoutine, RepeatTierFlexible, RepeatTierInternal}
}

// CollectionType is the imaging product a request asks for. The spec types it
// as a free string; GET /collectiontypes/ lists the values an account may use.
// The constants are the values Capella's own SDK knows.
type CollectionType string

// Known collection types.
const (
	CollectionSpotlight           CollectionType = "spotlight"
	CollectionSpotlightUltra      CollectionType = "spotlight_ultra"
	CollectionSpotlightWide       CollectionType = "spotlight_wide"
	CollectionStripmap20          CollectionType = "stripmap_20"
	CollectionStripmap50          CollectionType = "stripmap_50"
	CollectionStripmap100         CollectionType = "stripmap_100"
	CollectionParallelStripmap20  CollectionType = "parallel_stripmap_20"
	CollectionParallelStripmap50  CollectionType = "parallel_stripmap_50"
	CollectionParallelStripmap100 CollectionType = "parallel_stripmap_100"
)

// CollectionTypeValues lists the known collection types.
func CollectionTypeValues() []CollectionType {
	return []CollectionType{CollectionSpotlight, CollectionSpotlightUltra, CollectionSpotlightWide,
		CollectionStripmap20, CollectionStripmap50, CollectionStripmap100,
		CollectionParallelStripmap20, CollectionParallelStripmap50, CollectionParallelStripmap100}
}

// PointOnly reports whether the collection type images a point target only:
// the spotlight family, which dwells on one scene. Area (Polygon) requests
// need a strip-mapping type; Capella's Console offers stripmap_100 for them.
func (t CollectionType) PointOnly() bool {
	switch t {
	case CollectionSpotlight, CollectionSpotlightUltra, CollectionSpotlightWide:
		return true
	}
	return false
}

// LookDirection is the side the radar looks to (schema LookDirection).
type LookDirection string

// Look directions.
const (
	LookRight  LookDirection = "right"
	LookLeft   LookDirection = "left"
	LookEither LookDirection = "either"
)

// LookDirectionValues lists every look direction.
func LookDirectionValues() []LookDirection { return []LookDirection{LookRight, LookLeft, LookEither} }

// OrbitDirection is the orbit pass direction, ascDsc on the wire (schema
// AscDsc; collects spell the key ascdsc).
type OrbitDirection string

// Orbit directions.
const (
	OrbitAscending  OrbitDirection = "ascending"
	OrbitDescending OrbitDirection = "descending"
	OrbitEither     OrbitDirection = "either"
)

// OrbitDirectionValues lists every orbit direction.
func OrbitDirectionValues() []OrbitDirection {
	return []OrbitDirection{OrbitAscending, OrbitDescending, OrbitEither}
}

// OrbitalPlane is an orbit inclination in degrees (schema OrbitalPlane).
type OrbitalPlane int

// Orbital planes of the constellation.
const (
	OrbitalPlane45 OrbitalPlane = 45
	OrbitalPlane53 OrbitalPlane = 53
	OrbitalPlane97 OrbitalPlane = 97
)

// OrbitalPlaneValues lists every orbital plane.
func OrbitalPlaneValues() []OrbitalPlane {
	return []OrbitalPlane{OrbitalPlane45, OrbitalPlane53, OrbitalPlane97}
}

// Polarization is the radar polarization (schema RadarPolarization).
type Polarization string

// Polarizations.
const (
	PolarizationHH Polarization = "HH"
	PolarizationVV Polarization = "VV"
)

// PolarizationValues lists every polarization.
func PolarizationValues() []Polarization { return []Polarization{PolarizationHH, PolarizationVV} }

// ArchiveHoldback is how long the imagery stays out of Capella's public
// archive (schema ArchiveHoldback). Before 2025 the values were written with a
// space ("1 year", "30 day"); those decode and are kept as they came.
type ArchiveHoldback string

// Archive holdbacks.
const (
	HoldbackNone      ArchiveHoldback = "none"
	HoldbackOneYear   ArchiveHoldback = "1_year"
	HoldbackThirtyDay ArchiveHoldback = "30_day"
	HoldbackPermanent ArchiveHoldback = "permanent"
)

// ArchiveHoldbackValues lists every archive holdback.
func ArchiveHoldbackValues() []ArchiveHoldback {
	return []ArchiveHoldback{HoldbackNone, HoldbackOneYear, HoldbackThirtyDay, HoldbackPermanent}
}

// Squint is the squint mode of a collect (schema Squint).
type Squint string

// Squint modes.
const (
	SquintDisabled Squint = "disabled"
	SquintEnabled  Squint = "enabled"
	SquintForward  Squint = "forward"
	SquintBackward Squint = "backward"
)

// SquintValues lists every squint mode.
func SquintValues() []Squint {
	return []Squint{SquintDisabled, SquintEnabled, SquintForward, SquintBackward}
}

// CollectMode is the legacy imaging mode, superseded by collectionType but
// still echoed in responses and searchable as "type" (schema CAPICollectMode).
type CollectMode string

// Collect modes.
const (
	ModeSpotlight        CollectMode = "spotlight"
	ModeStripmap         CollectMode = "stripmap"
	ModeSlidingSpotlight CollectMode = "sliding_spotlight"
)

// CollectModeValues lists every collect mode.
func CollectModeValues() []CollectMode {
	return []CollectMode{ModeSpotlight, ModeStripmap, ModeSlidingSpotlight}
}

// LocalTimeOption is a named local-time range (schema LocalTimeOption), the
// short form of [LocalTime].
type LocalTimeOption string

// Local-time options and the second ranges they stand for.
const (
	LocalTimeDay     LocalTimeOption = "day"     // [[21600, 64800]]
	LocalTimeNight   LocalTimeOption = "night"   // [[0, 21600], [64800, 86400]]
	LocalTimeAnytime LocalTimeOption = "anytime" // [[0, 86400]]
)

// LocalTimeOptionValues lists every local-time option.
func LocalTimeOptionValues() []LocalTimeOption {
	return []LocalTimeOption{LocalTimeDay, LocalTimeNight, LocalTimeAnytime}
}

// ProductType is a product to generate from a collect
// (processingConfig.productTypes; schema ProcessingConfigProductTypes). The
// spec says a request leaving out a required minimum type (such as GEO) fails.
type ProductType string

// Product types. The first seven are the spec's; the analytics products VS
// and ACD, and CSI and CSIDD, are used by Capella's docs and SDK but are not
// in the spec's enum.
const (
	ProductSLC  ProductType = "SLC"
	ProductGEO  ProductType = "GEO"
	ProductGEC  ProductType = "GEC"
	ProductSICD ProductType = "SICD"
	ProductSIDD ProductType = "SIDD"
	ProductCPHD ProductType = "CPHD"
	ProductVC   ProductType = "VC"

	ProductVS    ProductType = "VS"    // vessel detection (docs and SDK only)
	ProductACD   ProductType = "ACD"   // amplitude change detection (docs and SDK only)
	ProductCSI   ProductType = "CSI"   // SDK only
	ProductCSIDD ProductType = "CSIDD" // SDK only
)

// ProductTypeValues lists every product type, the spec's seven first.
func ProductTypeValues() []ProductType {
	return []ProductType{ProductSLC, ProductGEO, ProductGEC, ProductSICD, ProductSIDD, ProductCPHD, ProductVC,
		ProductVS, ProductACD, ProductCSI, ProductCSIDD}
}

// GeometryType is a GeoJSON geometry type the spec names (schema
// GeoJSONGeometryType). Capella's docs accept Point and Polygon for tasks and
// Point only for repeat requests.
type GeometryType string

// Geometry types.
const (
	GeometryPoint        GeometryType = "Point"
	GeometryPolygon      GeometryType = "Polygon"
	GeometryMultiPolygon GeometryType = "MultiPolygon"
)

// GeometryTypeValues lists every geometry type of the spec.
func GeometryTypeValues() []GeometryType {
	return []GeometryType{GeometryPoint, GeometryPolygon, GeometryMultiPolygon}
}

// SortOrder is the direction of a sorted listing ("order").
type SortOrder string

// Sort orders. Capella defaults to descending, and ignores the order unless a
// sort key is given.
const (
	SortAsc  SortOrder = "asc"
	SortDesc SortOrder = "desc"
)

// SortOrderValues lists both sort orders.
func SortOrderValues() []SortOrder { return []SortOrder{SortAsc, SortDesc} }

// TaskStatusChange is a status a customer sets on a single tasking request
// with PATCH /task/{id}/status (the inline body of updateTaskStatusById).
type TaskStatusChange string

// Task status changes.
const (
	ChangeApproved TaskStatusChange = "approved" // approve the cost review
	ChangeRejected TaskStatusChange = "rejected" // decline the cost review
	ChangeCanceled TaskStatusChange = "canceled" // cancel the request
)

// TaskStatusChangeValues lists every task status change.
func TaskStatusChangeValues() []TaskStatusChange {
	return []TaskStatusChange{ChangeApproved, ChangeRejected, ChangeCanceled}
}

// RepeatStatusChange is a status a customer sets on a repeat request with
// PATCH /repeat-requests/{id}/status (schema RepeatRequestStatusUpdate). There
// is no reject: to decline a repeat's cost, cancel it.
type RepeatStatusChange string

// Repeat status changes.
const (
	RepeatChangeSubmitted RepeatStatusChange = "submitted" // approve the cost review
	RepeatChangeCanceled  RepeatStatusChange = "canceled"  // cancel the series
)

// RepeatStatusChangeValues lists every repeat status change.
func RepeatStatusChangeValues() []RepeatStatusChange {
	return []RepeatStatusChange{RepeatChangeSubmitted, RepeatChangeCanceled}
}

// RadarMethod says where radar parameters are computed (schema
// RadarParamsMethod).
type RadarMethod string

// Radar parameter methods.
const (
	RadarOnboard RadarMethod = "onboard"
	RadarGround  RadarMethod = "ground"
	RadarDefault RadarMethod = "default"
)

// RadarMethodValues lists every radar parameter method.
func RadarMethodValues() []RadarMethod { return []RadarMethod{RadarOnboard, RadarGround, RadarDefault} }

// RadarMode says whether the radar transmits and receives or only receives
// (schema CollectTXRX).
type RadarMode string

// Radar modes.
const (
	RadarTXRX   RadarMode = "COLLECT_TXRX"
	RadarRXOnly RadarMode = "COLLECT_RX_ONLY"
)

// RadarModeValues lists every radar mode.
func RadarModeValues() []RadarMode { return []RadarMode{RadarTXRX, RadarRXOnly} }

// TransactionStatus is the billing state of a request (the task field
// transactionStatus; values of the access document's TransactionStatus). It is
// empty while the cost is being computed.
type TransactionStatus string

// Transaction statuses.
const (
	TransactionNone                    TransactionStatus = "" // cost not computed yet
	TransactionCompleted               TransactionStatus = "completed"
	TransactionPendingCostCalculation  TransactionStatus = "pending-cost-calculation"
	TransactionPendingCustomerApproval TransactionStatus = "pending-customer-approval"
	TransactionInProgress              TransactionStatus = "in-progress"
	TransactionFailed                  TransactionStatus = "failed"
	TransactionDenied                  TransactionStatus = "denied"
	TransactionCustomerRejected        TransactionStatus = "customer-rejected"
	TransactionCustomerCancelled       TransactionStatus = "customer-cancelled"
	TransactionServiceRejected         TransactionStatus = "service-rejected"
	TransactionAnomaly                 TransactionStatus = "anomaly"
	TransactionCollectionInProgress    TransactionStatus = "collection-in-progress"
	TransactionCollectionFinished      TransactionStatus = "collection-finished"
	TransactionCancelInProgress        TransactionStatus = "cancel-in-progress"
)

// TransactionStatusValues lists every transaction status, TransactionNone
// excluded.
func TransactionStatusValues() []TransactionStatus {
	return []TransactionStatus{TransactionCompleted, TransactionPendingCostCalculation,
		TransactionPendingCustomerApproval, TransactionInProgress, TransactionFailed, TransactionDenied,
		TransactionCustomerRejected, TransactionCustomerCancelled, TransactionServiceRejected,
		TransactionAnomaly, TransactionCollectionInProgress, TransactionCollectionFinished,
		TransactionCancelInProgress}
}

// UserRole is a role of a Capella user (access document, schema
// UserAccessRole).
type UserRole string

// User roles.
const (
	RoleUser                UserRole = "user"
	RoleArchiveViewer       UserRole = "archive-viewer"
	RoleArchiveBuyer        UserRole = "archive-buyer"
	RoleTasker              UserRole = "tasker"
	RoleAdmin               UserRole = "admin"
	RoleOrganizationManager UserRole = "organization-manager"
	RoleReseller            UserRole = "reseller"
	RoleSubReseller         UserRole = "sub-reseller"
	RoleAnalyticsDeveloper  UserRole = "analytics-developer"
	RoleAnalyticsOperator   UserRole = "analytics-operator"
	RoleAnalyticsUser       UserRole = "analytics-user"
	RoleSalesforce          UserRole = "salesforce"
)

// UserRoleValues lists every user role.
func UserRoleValues() []UserRole {
	return []UserRole{RoleUser, RoleArchiveViewer, RoleArchiveBuyer, RoleTasker, RoleAdmin,
		RoleOrganizationManager, RoleReseller, RoleSubReseller, RoleAnalyticsDeveloper,
		RoleAnalyticsOperator, RoleAnalyticsUser, RoleSalesforce}
}

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
func RequestStatusValues() []RequestStatus { return requestStatuses.Values() }

// requestStatuses is the mapping of DESIGN 3.1, as data, in the order of
// RequestStatusValues; the cancelled alias maps but is not listed.
var requestStatuses = enum.New(
	enum.Of(RequestReceived, tasking.StatusReceived),
	enum.Of(RequestReview, tasking.StatusActionRequired),
	enum.Of(RequestSubmitted, tasking.StatusPlanning),
	enum.Of(RequestActive, tasking.StatusInProgress),
	enum.Of(RequestAccepted, tasking.StatusInProgress),
	enum.Of(RequestRejected, tasking.StatusRejected),
	enum.Of(RequestExpired, tasking.StatusExpired),
	enum.Of(RequestCompleted, tasking.StatusCompleted),
	enum.Of(RequestAnomaly, tasking.StatusOnHold),
	enum.Of(RequestCanceled, tasking.StatusCancelled),
	enum.Of(RequestError, tasking.StatusFailed),
	enum.Of(RequestFailed, tasking.StatusFailed),
	enum.Of(RequestRetrying, tasking.StatusInProgress),
	enum.AliasOf(RequestCancelledAlias, tasking.StatusCancelled),
)

// Neutral maps s to the neutral status; unknown values give
// tasking.StatusUnknown. review is tasking.StatusActionRequired: Capella waits
// for the customer to approve the cost, so Wait returns an error matching
// tasking.ErrActionRequired there.
func (s RequestStatus) Neutral() tasking.Status { return requestStatuses.Neutral(s) }

// Known reports whether s is a documented status.
func (s RequestStatus) Known() bool { return requestStatuses.Known(s) }

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
func CollectStatusValues() []CollectStatus { return collectStatuses.Values() }

var collectStatuses = enum.New(
	enum.Of(CollectPredicted, tasking.CaptureScheduled),
	enum.Of(CollectTasked, tasking.CaptureScheduled),
	enum.Of(CollectCollected, tasking.CaptureQueued),
	enum.Of(CollectProcessing, tasking.CaptureProcessing),
	enum.Of(CollectQA, tasking.CaptureProcessing),
	enum.Of(CollectDelivered, tasking.CapturePublished),
	enum.Of(CollectAnomaly, tasking.CaptureFailed),
	enum.Of(CollectStagnant, tasking.CaptureFailed),
	enum.Of(CollectCollectionAnomaly, tasking.CaptureFailed),
	enum.Of(CollectProcessingAnomaly, tasking.CaptureFailed),
)

// Neutral maps s to the neutral capture status; unknown values give
// tasking.CaptureUnknown.
func (s CollectStatus) Neutral() tasking.CaptureStatus { return collectStatuses.Neutral(s) }

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
func ProcessingStatusValues() []ProcessingStatus { return processingStatuses.Values() }

var processingStatuses = enum.New(
	enum.Of(ProcessingQueued, tasking.StatusReceived),
	enum.Of(ProcessingProcessing, tasking.StatusInProgress),
	enum.Of(ProcessingCompleted, tasking.StatusCompleted),
	enum.Of(ProcessingError, tasking.StatusFailed),
)

// Neutral maps s to the neutral status, so that access requests can be
// followed with tasking.Wait.
func (s ProcessingStatus) Neutral() tasking.Status { return processingStatuses.Neutral(s) }

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
func AccessibilityStatusValues() []AccessibilityStatus { return accessibilities.Values() }

var accessibilities = enum.New(
	enum.Of(AccessibilityUnknown, tasking.FeasibilityUnknown),
	enum.Of(AccessibilityAccessible, tasking.Feasible),
	enum.Of(AccessibilityInaccessible, tasking.Infeasible),
	enum.Of(AccessibilityRejected, tasking.Infeasible),
)

// Feasibility maps s to the neutral feasibility verdict.
func (s AccessibilityStatus) Feasibility() tasking.Feasibility { return accessibilities.Neutral(s) }

// OrderStatus is the status of a product order (orderStatus of
// POST /orders and GET /orders/{orderId}). Capella's SDK and its fixtures
// show completed and rejected; any other value is UNCONFIRMED, decodes and
// is kept as it came, and maps to tasking.StatusUnknown (OrdersService.Wait
// keeps polling it, within its context).
type OrderStatus string

// Order statuses.
const (
	OrderCompleted OrderStatus = "completed" // prepared: GET /orders/{orderId}/download hands out links
	OrderRejected  OrderStatus = "rejected"  // refused (Capella's SDK raises OrderRejectedError)
)

// OrderStatusValues lists every known order status.
func OrderStatusValues() []OrderStatus { return orderStatuses.Values() }

var orderStatuses = enum.New(
	enum.Of(OrderCompleted, tasking.StatusCompleted),
	enum.Of(OrderRejected, tasking.StatusRejected),
)

// Neutral maps s to the neutral status, so that orders can be followed with
// tasking.Wait; unknown values give tasking.StatusUnknown.
func (s OrderStatus) Neutral() tasking.Status { return orderStatuses.Neutral(s) }
