package clearsky

import (
	"slices"
	"strings"

	"github.com/eotask/eotask/internal/enum"
	"github.com/eotask/eotask/tasking"
)

// OrderingProcessStatus is where an order stands (TaskOrder's
// OrderingProcessStatus). An unknown value decodes without error and is kept
// as is; it maps to tasking.StatusUnknown.
type OrderingProcessStatus string

// Current statuses. The usual path is Review → Preparing →
// AwaitingSatelliteProducts → (Processing | Predicting |
// ProcessingPredicting) → Completed (a fixed window) or UpToDate (a recurring
// order that has caught up). Canceled can be reached from any state.
const (
	// StatusReview: submitted and paid for, waiting for ClearSKY to accept or
	// deny it. Full cancellation is still possible. Accounts with automatic
	// acceptance skip it.
	StatusReview OrderingProcessStatus = "Review"
	// StatusPreparing: accepted; setup is under way.
	StatusPreparing OrderingProcessStatus = "Preparing"
	// StatusAwaitingSatelliteProducts: waiting for source scenes; nothing can
	// be downloaded yet.
	StatusAwaitingSatelliteProducts OrderingProcessStatus = "AwaitingSatelliteProducts"
	// StatusProcessing: production is running.
	StatusProcessing OrderingProcessStatus = "Processing"
	// StatusPredicting: model inference is running.
	StatusPredicting OrderingProcessStatus = "Predicting"
	// StatusProcessingPredicting: processing and inference run together.
	StatusProcessingPredicting OrderingProcessStatus = "ProcessingPredicting"
	// StatusCompleted: a fixed-window order is fully produced. Terminal.
	StatusCompleted OrderingProcessStatus = "Completed"
	// StatusUpToDate: a recurring order has produced everything due so far;
	// new dates keep arriving. Not terminal: see [UntilUpToDate].
	StatusUpToDate OrderingProcessStatus = "UpToDate"
	// StatusCanceled: the lifecycle stopped (spelled with one "l"). Terminal.
	StatusCanceled OrderingProcessStatus = "Canceled"
)

// Legacy statuses, from older documentation; old accounts or cached data may
// still show them.
const (
	// StatusInitialize: image production is being scheduled (legacy).
	StatusInitialize OrderingProcessStatus = "Initialize"
	// StatusWorking: being scheduled for live data (legacy).
	StatusWorking OrderingProcessStatus = "Working"
	// StatusDone: complete (legacy). Terminal.
	StatusDone OrderingProcessStatus = "Done"
	// StatusFailure: the order could not be handled; contact support
	// (legacy). Terminal.
	StatusFailure OrderingProcessStatus = "Failure"
)

// OrderingProcessStatusValues lists every documented status: the current ones in
// lifecycle order, then the legacy ones.
func OrderingProcessStatusValues() []OrderingProcessStatus { return orderStatuses.Values() }

// orderStatuses maps every documented OrderingProcessStatus to its neutral
// status (DESIGN §3.1), in the order of OrderingProcessStatusValues.
var orderStatuses = enum.New(
	enum.Of(StatusReview, tasking.StatusPlanning),
	enum.Of(StatusPreparing, tasking.StatusScheduled),
	enum.Of(StatusAwaitingSatelliteProducts, tasking.StatusScheduled),
	enum.Of(StatusProcessing, tasking.StatusInProgress),
	enum.Of(StatusPredicting, tasking.StatusInProgress),
	enum.Of(StatusProcessingPredicting, tasking.StatusInProgress),
	enum.Of(StatusCompleted, tasking.StatusCompleted),
	enum.Of(StatusUpToDate, tasking.StatusInProgress),
	enum.Of(StatusCanceled, tasking.StatusCancelled),
	enum.Of(StatusInitialize, tasking.StatusScheduled),
	enum.Of(StatusWorking, tasking.StatusInProgress),
	enum.Of(StatusDone, tasking.StatusCompleted),
	enum.Of(StatusFailure, tasking.StatusFailed),
)

// Neutral returns the neutral status s stands for; unknown values give
// tasking.StatusUnknown.
func (s OrderingProcessStatus) Neutral() tasking.Status { return orderStatuses.Neutral(s) }

// Known reports whether s is a documented value, current or legacy.
func (s OrderingProcessStatus) Known() bool { return orderStatuses.Known(s) }

// Legacy reports whether s is one of the older documentation's values.
func (s OrderingProcessStatus) Legacy() bool {
	switch s {
	case StatusInitialize, StatusWorking, StatusDone, StatusFailure:
		return true
	}
	return false
}

// IsTerminal reports whether ClearSKY will not move the order on by itself:
// Completed, Canceled, Done or Failure. UpToDate is not terminal.
func (s OrderingProcessStatus) IsTerminal() bool { return OrderLifecycle.Terminal(s) }

// InProgress reports whether the order is known and still moving: neither
// terminal nor unknown. UpToDate counts as in progress.
func (s OrderingProcessStatus) InProgress() bool { return s.Known() && !s.IsTerminal() }

// String returns the wire value.
func (s OrderingProcessStatus) String() string { return string(s) }

// Model is a ClearSKY model's API enum value, such as "Stratus2" (never the
// display label "Stratus-2"). The set is open: GET /api/tasking/models
// ([ModelsService.List]) says what an account can order.
type Model string

// Documented models.
const (
	// ModelStratus2 (display "Stratus-2"): requires Sentinel1, Sentinel2
	// and Landsat89. Polygon, tile and minitile orders; frequency 1–7 days.
	ModelStratus2 Model = "Stratus2"
	// ModelStratus2Fast (display "Stratus-2 Fast"): requires Sentinel1 and
	// Sentinel2; Landsat89 is optional (leaving it out can cut latency).
	ModelStratus2Fast Model = "Stratus2Fast"
	// ModelStratus2NoSnow (display "Stratus-2 (No Snow)"): planned for
	// deprecation; not recommended for new orders.
	ModelStratus2NoSnow Model = "Stratus2NoSnow"
	// ModelStratus3 (display "Stratus-3"): the wire value is unconfirmed;
	// check it against Models.List before use.
	ModelStratus3 Model = "Stratus3"
)

// ModelValues lists the documented models.
func ModelValues() []Model {
	return []Model{ModelStratus2, ModelStratus2Fast, ModelStratus2NoSnow, ModelStratus3}
}

var modelDisplay = map[Model]string{
	ModelStratus2:       "Stratus-2",
	ModelStratus2Fast:   "Stratus-2 Fast",
	ModelStratus2NoSnow: "Stratus-2 (No Snow)",
	ModelStratus3:       "Stratus-3",
}

// modelRequires lists the constellations each documented model requires.
var modelRequires = map[Model][]SatelliteConstellation{
	ModelStratus2:       {ConstellationSentinel1, ConstellationSentinel2, ConstellationLandsat89},
	ModelStratus2Fast:   {ConstellationSentinel1, ConstellationSentinel2},
	ModelStratus2NoSnow: {ConstellationSentinel1, ConstellationSentinel2, ConstellationLandsat89},
	ModelStratus3:       {ConstellationSentinel1, ConstellationSentinel2, ConstellationLandsat89},
}

// Known reports whether m is one of [Models].
func (m Model) Known() bool {
	_, ok := modelDisplay[m]
	return ok
}

// DisplayName returns the name the dashboard and documents show ("Stratus-2
// Fast"), or the wire value for an unknown model.
func (m Model) DisplayName() string {
	if d, ok := modelDisplay[m]; ok {
		return d
	}
	return string(m)
}

// RequiredConstellations returns the constellations the documentation says
// the model requires, as a new slice; nil for an unknown model (ask
// Models.List).
func (m Model) RequiredConstellations() []SatelliteConstellation {
	return slices.Clone(modelRequires[m])
}

// String returns the wire value.
func (m Model) String() string { return string(m) }

// ParseModel returns the model named by s: a wire value, or a display label
// such as "Stratus-2 Fast", matched case-insensitively. Other identifiers are
// returned unchanged (the set is open); a label that is not a documented
// display name gives false.
func ParseModel(s string) (Model, bool) {
	s = strings.TrimSpace(s)
	for m, d := range modelDisplay {
		if strings.EqualFold(s, string(m)) || strings.EqualFold(s, d) {
			return m, true
		}
	}
	if isIdentifier(s) {
		return Model(s), true
	}
	return "", false
}

// SatelliteConstellation is a source constellation's API enum value. The set
// is open: Models.List says which ones a model supports.
type SatelliteConstellation string

// Documented constellations.
const (
	ConstellationSentinel1 SatelliteConstellation = "Sentinel1" // Sentinel-1 SAR
	ConstellationSentinel2 SatelliteConstellation = "Sentinel2" // Sentinel-2 MSI
	ConstellationLandsat89 SatelliteConstellation = "Landsat89" // Landsat 8/9
)

// SatelliteConstellationValues lists the documented constellations.
func SatelliteConstellationValues() []SatelliteConstellation {
	return []SatelliteConstellation{ConstellationSentinel1, ConstellationSentinel2, ConstellationLandsat89}
}

// Known reports whether c is one of [SatelliteConstellations].
func (c SatelliteConstellation) Known() bool {
	return slices.Contains(SatelliteConstellationValues(), c)
}

// String returns the wire value.
func (c SatelliteConstellation) String() string { return string(c) }

// BillingCycle is how an order is billed.
type BillingCycle string

// Billing cycles. Only Monthly has been seen in answers; Yearly is named in
// vendor code.
const (
	BillingMonthly BillingCycle = "Monthly"
	BillingYearly  BillingCycle = "Yearly"
)

// BillingCycleValues lists the known billing cycles.
func BillingCycleValues() []BillingCycle { return []BillingCycle{BillingMonthly, BillingYearly} }

// OrderType is how an order's area is defined. There is no such field on the
// wire: it follows from which AOI fields are filled in.
type OrderType string

// Order types.
const (
	OrderTypeUnknown  OrderType = ""
	OrderTypePolygon  OrderType = "polygon"  // Wkt or GeoJson; 100 % of the base price
	OrderTypeTile     OrderType = "tile"     // TileGuids (possibly with MiniTileGuids); 20 %
	OrderTypeMiniTile OrderType = "minitile" // MiniTileGuids only; 50 %
)

// UtmDataSelectionMode says how a composite picks UTM zones when the area
// spans more than one (UtmDataSelectionMode on the availability, estimate
// and download endpoints). The set is open.
type UtmDataSelectionMode string

// Documented UTM data selection modes.
const (
	// UtmSingleFullyCovered uses one UTM zone that covers the whole area.
	UtmSingleFullyCovered UtmDataSelectionMode = "single_utm_fully_covered"
	// UtmSingle uses one UTM zone.
	UtmSingle UtmDataSelectionMode = "single_utm"
	// UtmCombined combines the zones the area spans.
	UtmCombined UtmDataSelectionMode = "combined_utm"
)

// UtmDataSelectionModeValues lists the documented UTM data selection modes.
func UtmDataSelectionModeValues() []UtmDataSelectionMode {
	return []UtmDataSelectionMode{UtmSingleFullyCovered, UtmSingle, UtmCombined}
}

// Known reports whether m is a documented value.
func (m UtmDataSelectionMode) Known() bool { return slices.Contains(UtmDataSelectionModeValues(), m) }

// String returns the wire value.
func (m UtmDataSelectionMode) String() string { return string(m) }

// PixelSelectionMode says which pixels a composite download keeps at the
// area's edge (lower case in the current vendor client; the older docstring
// capitalised them). The set is open.
type PixelSelectionMode string

// Documented pixel selection modes.
const (
	PixelsIntersect PixelSelectionMode = "intersect" // pixels that touch the area
	PixelsContained PixelSelectionMode = "contained" // pixels inside the area
)

// PixelSelectionModeValues lists the documented pixel selection modes.
func PixelSelectionModeValues() []PixelSelectionMode {
	return []PixelSelectionMode{PixelsIntersect, PixelsContained}
}

// Known reports whether m is a documented value.
func (m PixelSelectionMode) Known() bool { return slices.Contains(PixelSelectionModeValues(), m) }

// String returns the wire value.
func (m PixelSelectionMode) String() string { return string(m) }

// DataType is the pixel type of a composite GeoTIFF. The set is open (a
// lower-case "int16" has also been seen).
type DataType string

// Documented data types.
const (
	DataTypeInt16 DataType = "INT16" // no-data value −32768
	DataTypeUint8 DataType = "UINT8" // no-data value 0
)

// DataTypeValues lists the documented data types.
func DataTypeValues() []DataType { return []DataType{DataTypeInt16, DataTypeUint8} }

// Known reports whether t is a documented value (case-insensitively, as the
// API has been seen taking "int16").
func (t DataType) Known() bool {
	return slices.ContainsFunc(DataTypeValues(), func(v DataType) bool { return strings.EqualFold(string(v), string(t)) })
}

// String returns the wire value.
func (t DataType) String() string { return string(t) }

// FileType is a composite download's file format. Only "tif" (GeoTIFF) is
// documented; the set is open.
type FileType string

// Documented file types.
const FileTypeTIF FileType = "tif"

// FileTypeValues lists the documented file types.
func FileTypeValues() []FileType { return []FileType{FileTypeTIF} }

// Known reports whether t is a documented value.
func (t FileType) Known() bool { return slices.Contains(FileTypeValues(), t) }

// String returns the wire value.
func (t FileType) String() string { return string(t) }
