package capella

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
