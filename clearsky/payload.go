package clearsky

import (
	"slices"
	"strconv"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// OrderRequest is an order to estimate or create, in Go terms. Its AOI is a
// typed choice, so one order has exactly one area mode. [OrderRequest.Payload]
// turns it into the wire body.
type OrderRequest struct {
	// AOI is the area: Polygon(g), PolygonGeoJSON(g), Tiles(ids…),
	// MiniTiles(ids…) or TilesAndMiniTiles(tiles, minis). Required.
	AOI AOI
	// SatelliteConstellations must fit the model: every constellation the
	// model requires (see Model.RequiredConstellations or Models.List), plus
	// optional ones it supports. Required.
	SatelliteConstellations []SatelliteConstellation
	// Model is the API enum value, such as ModelStratus2 ("Stratus2"), never
	// a display label ("Stratus-2"). Required.
	Model Model
	// StorageMonths is how long produced data stays downloadable, in months
	// (at least 1).
	StorageMonths int
	// APIRequests is the planned number of downloads per AOI (at least 1).
	APIRequests int
	// ImageFrequency is the number of days between images: 1 (daily) to 7
	// (weekly).
	ImageFrequency int
	// ReferenceDate anchors the cadence: image dates are ReferenceDate + k ×
	// ImageFrequency days. It need not lie inside the window. Required.
	ReferenceDate Date
	// From starts the order window. Use the first day of a month.
	From Date
	// To ends the window (inclusive); nil makes the order recurring: it
	// renews every calendar month until cancelled.
	To *Date
}

// OrderPayload is the wire body of POST /api/tasking/orders/estimate and
// POST /api/tasking/orders, field for field. Exactly one of WKT, GeoJSON and
// the tile ids (TileGUIDs and/or MiniTileGUIDs) is set; [OrderPayload.Validate]
// checks that and every other documented rule. Build one from an
// [OrderRequest], or decode one from JSON (encoding/json/v2 with
// geo.JSONOptions(), which reads GeoJson into an orb.Geometry). The client
// encodes it in one pass, GeoJson straight from the geometry.
type OrderPayload struct {
	WKT                     *string                  `json:"Wkt,omitempty"`           // polygon AOI as WKT (EPSG:4326)
	GeoJSON                 orb.Geometry             `json:"GeoJson,omitzero"`        // polygon AOI, written as a GeoJSON geometry
	TileGUIDs               []string                 `json:"TileGuids,omitempty"`     // tile AOI
	MiniTileGUIDs           []string                 `json:"MiniTileGuids,omitempty"` // minitile AOI (may join TileGuids)
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations"` // must fit the model
	Model                   Model                    `json:"Model"`                   // API enum value, such as Stratus2
	StorageMonths           int                      `json:"StorageMonths"`           // months produced data stays downloadable
	APIRequests             int                      `json:"ApiRequests"`             // planned downloads per AOI
	ImageFrequency          int                      `json:"ImageFrequency"`          // days between images, 1 to 7
	ReferenceDate           Date                     `json:"ReferenceDate"`           // cadence anchor
	From                    Date                     `json:"From"`                    // window start
	// To is always written; null means a recurring order.
	To *Date `json:"To"`
	// TileDeduplication is sent on create only, for tile and minitile orders.
	TileDeduplication *bool `json:"TileDeduplication,omitempty"`
	// SimulatedEuroUsage is sent on estimate only: price the order as if the
	// month's spend were this many euros (vendor code only; unconfirmed).
	SimulatedEuroUsage *float64 `json:"SimulatedEuroUsage,omitempty"`
}

// Payload validates r and returns its wire body (without the create-only and
// estimate-only fields, which Create and Estimate add).
func (r *OrderRequest) Payload() (*OrderPayload, error) {
	if r == nil {
		return nil, tasking.Invalid("", "no order request")
	}
	if r.AOI == nil {
		return nil, tasking.Invalid("Wkt", "an area is required: set AOI to Polygon, PolygonGeoJSON, Tiles, MiniTiles or TilesAndMiniTiles")
	}
	p := &OrderPayload{
		SatelliteConstellations: slices.Clone(r.SatelliteConstellations),
		Model:                   r.Model,
		StorageMonths:           r.StorageMonths,
		APIRequests:             r.APIRequests,
		ImageFrequency:          r.ImageFrequency,
		ReferenceDate:           r.ReferenceDate,
		From:                    r.From,
	}
	if r.To != nil {
		to := *r.To
		p.To = &to
	}
	// fill checks the AOI it writes (a typed AOI has one mode by
	// construction), so that its geometry is checked once and its WKT not
	// read back.
	if err := r.AOI.fill(p); err != nil {
		return nil, err
	}
	if err := p.validateOptions(); err != nil {
		return nil, err
	}
	return p, nil
}

// Recurring reports whether the order has no end (To is nil).
func (p *OrderPayload) Recurring() bool { return p.To == nil }

// Type returns the order type the payload's AOI fields make.
func (p *OrderPayload) Type() OrderType {
	switch {
	case p.WKT != nil || p.GeoJSON != nil:
		return OrderTypePolygon
	case len(p.TileGUIDs) > 0:
		return OrderTypeTile
	case len(p.MiniTileGUIDs) > 0:
		return OrderTypeMiniTile
	}
	return OrderTypeUnknown
}

// Validate checks every documented rule, naming the offending wire field in
// a *tasking.ValidationError:
//
//   - exactly one AOI mode: Wkt, GeoJson, or tile ids (TileGuids and
//     MiniTileGuids may be combined) — the API's most common 400;
//   - a polygon AOI is a valid Polygon, MultiPolygon or GeometryCollection of
//     those, each member with a bounding box over 150 m a side that it covers
//     at least 5 % of; tile ids are GUIDs, none repeated;
//   - TileDeduplication only on tile and minitile orders;
//   - SatelliteConstellations non-empty, enum values, none repeated;
//   - Model an API enum value ("Stratus2"), not a display label;
//   - StorageMonths and ApiRequests at least 1; ImageFrequency 1 to 7;
//   - ReferenceDate and From real dates; To null (recurring) or a real date
//     not before From; SimulatedEuroUsage finite and not negative.
func (p *OrderPayload) Validate() error {
	if p == nil {
		return tasking.Invalid("", "no order payload")
	}
	if err := p.validateAOI(); err != nil {
		return err
	}
	return p.validateOptions()
}

// validateOptions checks every rule of Validate but the AOI's.
func (p *OrderPayload) validateOptions() error {
	if len(p.SatelliteConstellations) == 0 {
		return tasking.Invalid("SatelliteConstellations", "at least one constellation is required (for %s: %s)",
			orDefault(p.Model, ModelStratus2), joinConstellations(orDefault(p.Model, ModelStratus2).RequiredConstellations()))
	}
	for i, c := range p.SatelliteConstellations {
		f := func() string { return "SatelliteConstellations[" + strconv.Itoa(i) + "]" }
		if !isIdentifier(string(c)) {
			return tasking.Invalid(f(), "%q is not an API enum value (such as Sentinel1)", c)
		}
		if slices.Contains(p.SatelliteConstellations[:i], c) {
			return tasking.Invalid(f(), "%s is listed twice", c)
		}
	}
	if err := checkModel(p.Model); err != nil {
		return err
	}
	if p.StorageMonths < 1 {
		return tasking.Invalid("StorageMonths", "must be at least 1, got %d", p.StorageMonths)
	}
	if p.APIRequests < 1 {
		return tasking.Invalid("ApiRequests", "must be at least 1, got %d", p.APIRequests)
	}
	if p.ImageFrequency < 1 || p.ImageFrequency > 7 {
		return tasking.Invalid("ImageFrequency", "must be between 1 (daily) and 7 (weekly) days, got %d", p.ImageFrequency)
	}
	if p.ReferenceDate.IsZero() {
		return tasking.Invalid("ReferenceDate", "is required: it anchors the image cadence")
	}
	if !p.ReferenceDate.Valid() {
		return tasking.Invalid("ReferenceDate", "%s is not a calendar date (YYYY-MM-DD)", p.ReferenceDate)
	}
	if p.From.IsZero() {
		return tasking.Invalid("From", "is required")
	}
	if !p.From.Valid() {
		return tasking.Invalid("From", "%s is not a calendar date (YYYY-MM-DD)", p.From)
	}
	if p.To != nil {
		if p.To.IsZero() || !p.To.Valid() {
			return tasking.Invalid("To", "%s is not a calendar date (YYYY-MM-DD); use nil (null) for a recurring order", p.To)
		}
		if p.To.Before(p.From) {
			return tasking.Invalid("To", "%s is before From %s", p.To, p.From)
		}
	}
	if p.SimulatedEuroUsage != nil && (!finite(*p.SimulatedEuroUsage) || *p.SimulatedEuroUsage < 0) {
		return tasking.Invalid("SimulatedEuroUsage", "must be a non-negative amount of euros")
	}
	return nil
}

func (p *OrderPayload) validateAOI() error {
	var set []string
	if p.WKT != nil {
		set = append(set, "Wkt")
	}
	if p.GeoJSON != nil {
		set = append(set, "GeoJson")
	}
	if len(p.TileGUIDs) > 0 {
		set = append(set, "TileGuids")
	}
	if len(p.MiniTileGUIDs) > 0 {
		set = append(set, "MiniTileGuids")
	}
	tiles := len(p.TileGUIDs) > 0 || len(p.MiniTileGUIDs) > 0
	switch {
	case len(set) == 0:
		return tasking.Invalid("Wkt", "an area is required: set exactly one of Wkt, GeoJson or tile ids (TileGuids/MiniTileGuids)")
	case len(set) > 1 && !(len(set) == 2 && set[0] == "TileGuids" && set[1] == "MiniTileGuids"):
		return tasking.Invalid(set[1], "exactly one area mode may be set: Wkt, GeoJson or tile ids (TileGuids/MiniTileGuids); got %s",
			strings.Join(set, " and "))
	}
	switch {
	case p.WKT != nil:
		g, err := geo.ParseWKT(*p.WKT)
		if err != nil {
			return &tasking.ValidationError{Field: "Wkt", Reason: err.Error(), Err: err}
		}
		if err := checkOrderGeometry(g, "Wkt"); err != nil {
			return err
		}
	case !tiles:
		if err := checkOrderGeometry(p.GeoJSON, "GeoJson"); err != nil {
			return err
		}
	default:
		if err := checkGUIDs("TileGuids", p.TileGUIDs); err != nil {
			return err
		}
		if err := checkGUIDs("MiniTileGuids", p.MiniTileGUIDs); err != nil {
			return err
		}
	}
	if p.TileDeduplication != nil && *p.TileDeduplication && !tiles {
		return tasking.Invalid("TileDeduplication", "applies only to tile and minitile orders, not to polygon orders")
	}
	return nil
}

// checkModel requires an API enum value and names the wire value when given
// a display label.
func checkModel(m Model) error {
	if m == "" {
		return tasking.Invalid("Model", "is required (for example %s)", ModelStratus2)
	}
	if isIdentifier(string(m)) {
		return nil
	}
	if w, ok := ParseModel(string(m)); ok && w != m {
		return tasking.Invalid("Model", "%q is a display label; send the API enum value %q", m, w)
	}
	return tasking.Invalid("Model", "%q is not an API enum value (such as %s); take values from GET /api/tasking/models", m, ModelStratus2)
}

func orDefault(m, d Model) Model {
	if m.Known() {
		return m
	}
	return d
}

func joinConstellations(cs []SatelliteConstellation) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}
