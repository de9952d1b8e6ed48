package clearsky

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
)

// Order is a TaskOrder as the list, details and create endpoints return it.
// Unknown fields are ignored and unknown enum values kept; Raw holds the
// order's JSON as received.
type Order struct {
	TaskOrderGUID           string                   `json:"TaskOrderGuid"`           // the order's id
	BillingCycle            BillingCycle             `json:"BillingCycle"`            // Monthly (Yearly named in vendor code)
	OrderingProcessStatus   OrderingProcessStatus    `json:"OrderingProcessStatus"`   // where the order stands
	StorageMonths           int                      `json:"StorageMonths"`           // months produced data stays downloadable
	APIRequests             int                      `json:"ApiRequests"`             // planned downloads per AOI
	ImageFrequency          int                      `json:"ImageFrequency"`          // days between images
	TaskOrderAreaKm2        float64                  `json:"TaskOrderAreaKm2"`        // ordered area
	Model                   Model                    `json:"Model"`                   // model enum value
	ReferenceDate           Date                     `json:"ReferenceDate"`           // cadence anchor
	From                    Date                     `json:"From"`                    // window start
	To                      *Date                    `json:"To"`                      // window end; nil: a recurring order
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations"` // source constellations
	// Tiles and MiniTiles are the order's grid cells: plain GUIDs in most
	// views, {Guid, Wkt} objects in some details answers.
	Tiles     []TileRef `json:"Tiles"`     // tile cells
	MiniTiles []TileRef `json:"MiniTiles"` // minitile cells
	// WKT is the AOI of a polygon order as sent (the Wkt field); Geometry is
	// it parsed, nil when absent or unreadable.
	WKT      string       `json:"Wkt"` // as sent
	Geometry orb.Geometry `json:"-"`   // WKT parsed
	// CreatedDate is when the order was placed, zero when the API does not
	// send it (the field is unconfirmed).
	CreatedDate time.Time `json:"-"`
	// Raw is the order's JSON as received.
	Raw json.RawMessage `json:"-"`
}

type orderAlias Order

// UnmarshalJSON decodes a TaskOrder leniently and keeps it in Raw.
func (o *Order) UnmarshalJSON(b []byte) error {
	var w struct {
		*orderAlias
		CreatedDate flexTime `json:"CreatedDate"`
	}
	*o = Order{}
	w.orderAlias = (*orderAlias)(o)
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	o.CreatedDate = time.Time(w.CreatedDate)
	if o.WKT != "" {
		if g, err := geo.ParseWKT(o.WKT); err == nil {
			o.Geometry = g
		}
	}
	o.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarshalJSON writes the order in the wire format: Wkt from WKT, or from
// Geometry when WKT is empty; CreatedDate when known.
func (o Order) MarshalJSON() ([]byte, error) {
	a := orderAlias(o)
	if a.WKT == "" && a.Geometry != nil {
		a.WKT = geo.WKT(a.Geometry)
	}
	var w struct {
		orderAlias
		CreatedDate *time.Time `json:"CreatedDate,omitempty"`
	}
	w.orderAlias = a
	if !o.CreatedDate.IsZero() {
		t := o.CreatedDate
		w.CreatedDate = &t
	}
	return json.Marshal(w)
}

// Recurring reports whether the order has no end date: it renews every month
// until cancelled.
func (o *Order) Recurring() bool { return o.To == nil }

// Type returns the order type its AOI fields make.
func (o *Order) Type() OrderType {
	switch {
	case o.WKT != "":
		return OrderTypePolygon
	case len(o.Tiles) > 0:
		return OrderTypeTile
	case len(o.MiniTiles) > 0:
		return OrderTypeMiniTile
	}
	return OrderTypeUnknown
}

// TileGUIDs returns the ids of the order's tiles.
func (o *Order) TileGUIDs() []string { return refGUIDs(o.Tiles) }

// MiniTileGUIDs returns the ids of the order's minitiles.
func (o *Order) MiniTileGUIDs() []string { return refGUIDs(o.MiniTiles) }

func refGUIDs(refs []TileRef) []string {
	if refs == nil {
		return nil
	}
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.GUID
	}
	return out
}

// TileRef is one tile or minitile of an order: a GUID, with its footprint
// when the API sends {Guid, Wkt} objects instead of plain strings.
type TileRef struct {
	GUID     string       // the cell's id
	WKT      string       // footprint as WKT, when sent
	Geometry orb.Geometry // WKT parsed, nil when absent or unreadable
}

// UnmarshalJSON reads a GUID string or a {"Guid", "Wkt"} object.
func (t *TileRef) UnmarshalJSON(b []byte) error {
	*t = TileRef{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.GUID)
	}
	var w struct {
		GUID     string `json:"Guid"`
		TileGUID string `json:"TileGuid"`
		WKT      string `json:"Wkt"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	t.GUID, t.WKT = w.GUID, w.WKT
	if t.GUID == "" {
		t.GUID = w.TileGUID
	}
	if t.WKT != "" {
		if g, err := geo.ParseWKT(t.WKT); err == nil {
			t.Geometry = g
		}
	}
	return nil
}

// MarshalJSON writes a plain GUID string, or a {Guid, Wkt} object when the
// footprint is known.
func (t TileRef) MarshalJSON() ([]byte, error) {
	if t.WKT == "" && t.Geometry == nil {
		return json.Marshal(t.GUID)
	}
	w := t.WKT
	if w == "" {
		w = geo.WKT(t.Geometry)
	}
	return json.Marshal(struct {
		GUID string `json:"Guid"`
		WKT  string `json:"Wkt"`
	}{t.GUID, w})
}

// OrderList is the answer of GET /api/tasking/orders: every matching order
// (the endpoint has no pagination).
type OrderList struct {
	TaskOrders []*Order `json:"TaskOrders"` // the orders, as the API lists them
}

// OrderEstimate is the answer of POST /api/tasking/orders/estimate. The
// fields documented in the API's estimate table are typed; the newer cost
// objects some API versions send are optional, and every other member is kept
// in Extra. Raw holds the whole Data member.
type OrderEstimate struct {
	StorageMonths           int                      `json:"StorageMonths"`           // echoes the request
	APIRequests             int                      `json:"ApiRequests"`             // echoes the request
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations"` // echoes the request
	Model                   Model                    `json:"Model"`                   // echoes the request
	// CancellationDate is the last date the order can be cancelled.
	CancellationDate Date `json:"CancellationDate"`
	// AreaKm2 is the billed area, after the per-member minimum.
	AreaKm2 float64 `json:"AreaKm2"`
	// AreaKm2BeforeMinimum is the area before the per-member minimum
	// (AreaKm2BeforeMinimum1Km2PerAoi on the wire).
	AreaKm2BeforeMinimum float64 `json:"AreaKm2BeforeMinimum1Km2PerAoi"`
	// CurrentMonthCost and NextMonthCost are totals in EUR; NextMonthCost
	// matters for recurring orders.
	CurrentMonthCost float64     `json:"CurrentMonthCost"` // EUR
	NextMonthCost    float64     `json:"NextMonthCost"`    // EUR
	Costs            *Costs      `json:"Costs"`            // breakdown; nil when absent
	UsageUnits       *UsageUnits `json:"UsageUnits"`       // usage units; nil when absent
	Tiles            []string    `json:"Tiles"`            // tiles in the proposal (empty for polygons)
	MiniTiles        []string    `json:"MiniTiles"`        // minitiles in the proposal
	// AreasOfInterestWKT is the geometry that will actually be ordered and
	// billed; AreasOfInterest is it parsed (nil when absent or unreadable).
	AreasOfInterestWKT string       `json:"AreasOfInterestWkt"` // as sent
	AreasOfInterest    orb.Geometry `json:"-"`                  // parsed
	// ImageDates are the dates the order will produce.
	ImageDates []Date `json:"ImageDates"`
	// CurrentMonthCosts and RecurringCostsEstimate are the cost objects of
	// some newer API versions; nil when absent.
	CurrentMonthCosts      *CostSummary `json:"CurrentMonthCosts"`      // this month
	RecurringCostsEstimate *CostSummary `json:"RecurringCostsEstimate"` // each renewal
	// Extra holds every member not listed above.
	Extra map[string]json.RawMessage `json:"-"`
	// Raw is the Data member as received.
	Raw json.RawMessage `json:"-"`

	hasCurrentMonthCost bool
}

type estimateAlias OrderEstimate

// estimateKnown are the members OrderEstimate types.
var estimateKnown = map[string]bool{
	"storagemonths": true, "apirequests": true, "satelliteconstellations": true, "model": true,
	"cancellationdate": true, "areakm2": true, "areakm2beforeminimum1km2peraoi": true,
	"currentmonthcost": true, "nextmonthcost": true, "costs": true, "usageunits": true, "tiles": true,
	"minitiles": true, "areasofinterestwkt": true, "imagedates": true, "currentmonthcosts": true,
	"recurringcostsestimate": true,
}

// UnmarshalJSON decodes the estimate, keeps unknown members in Extra and the
// whole object in Raw.
func (e *OrderEstimate) UnmarshalJSON(b []byte) error {
	*e = OrderEstimate{}
	if err := json.Unmarshal(b, (*estimateAlias)(e)); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err == nil {
		for k, v := range all {
			if strings.EqualFold(k, "CurrentMonthCost") {
				e.hasCurrentMonthCost = true
			}
			if !estimateKnown[strings.ToLower(k)] {
				if e.Extra == nil {
					e.Extra = map[string]json.RawMessage{}
				}
				e.Extra[k] = v
			}
		}
	}
	if e.AreasOfInterestWKT != "" {
		if g, err := geo.ParseWKT(e.AreasOfInterestWKT); err == nil {
			e.AreasOfInterest = g
		}
	}
	e.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Total returns the estimate's best figure for what the order costs this
// month, in EUR: CurrentMonthCost, else the total of CurrentMonthCosts, else
// the Costs breakdown. ok is false when the answer holds none of them.
func (e *OrderEstimate) Total() (amount float64, currency string, ok bool) {
	currency = "EUR"
	if e.Costs != nil && e.Costs.CurrencyCode != "" {
		currency = e.Costs.CurrencyCode
	}
	if e.hasCurrentMonthCost || e.CurrentMonthCost != 0 {
		return e.CurrentMonthCost, currency, true
	}
	if e.CurrentMonthCosts != nil {
		if v, ok := e.CurrentMonthCosts.Total(); ok {
			if e.CurrentMonthCosts.CurrencyCode != "" {
				currency = e.CurrentMonthCosts.CurrencyCode
			}
			return v, currency, true
		}
	}
	if e.Costs != nil {
		return e.Costs.CurrentMonthOrderCostEstimate + e.Costs.CurrentMonthStorageCosts, currency, true
	}
	return 0, currency, false
}

// Costs is the estimate's cost breakdown.
type Costs struct {
	CurrencyCode                  string  `json:"CurrencyCode"`                  // "EUR"
	CurrentMonthOrderCostEstimate float64 `json:"CurrentMonthOrderCostEstimate"` // order cost this month
	CurrentMonthStorageCosts      float64 `json:"CurrentMonthStorageCosts"`      // storage cost this month
	NextMonthOrderCostEstimate    float64 `json:"NextMonthOrderCostEstimate"`    // order cost next month
	NextMonthStorageCosts         float64 `json:"NextMonthStorageCosts"`         // storage cost next month
}

// UsageUnits is the estimate's usage-unit breakdown.
type UsageUnits struct {
	CurrentMonthOrderUsageUnitsEstimate float64 `json:"CurrentMonthOrderUsageUnitsEstimate"` // this month
	NextMonthOrderUsageUnitsEstimate    float64 `json:"NextMonthOrderUsageUnitsEstimate"`    // next month
}

// CostSummary is a newer cost object ({TotalCost or TotalCostEuro,
// CurrencyCode}); its shape varies across API versions, so Raw keeps it.
type CostSummary struct {
	TotalCost     *float64        `json:"TotalCost"`     // total, when sent under this name
	TotalCostEuro *float64        `json:"TotalCostEuro"` // total, when sent under this name
	CurrencyCode  string          `json:"CurrencyCode"`  // "EUR"
	Raw           json.RawMessage `json:"-"`             // the object as received
}

// UnmarshalJSON decodes leniently: numbers may come as strings, and a
// member that is not an object leaves the summary empty but kept in Raw.
func (c *CostSummary) UnmarshalJSON(b []byte) error {
	*c = CostSummary{Raw: append(json.RawMessage(nil), b...)}
	var w struct {
		TotalCost     json.RawMessage
		TotalCostEuro json.RawMessage
		CurrencyCode  string
	}
	if json.Unmarshal(b, &w) != nil {
		return nil
	}
	c.CurrencyCode = w.CurrencyCode
	c.TotalCost = lenientFloat(w.TotalCost)
	c.TotalCostEuro = lenientFloat(w.TotalCostEuro)
	return nil
}

// Total returns TotalCost, else TotalCostEuro.
func (c *CostSummary) Total() (float64, bool) {
	switch {
	case c.TotalCost != nil:
		return *c.TotalCost, true
	case c.TotalCostEuro != nil:
		return *c.TotalCostEuro, true
	}
	return 0, false
}

func lenientFloat(raw json.RawMessage) *float64 {
	if len(raw) == 0 || isNull(raw) {
		return nil
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return &f
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return &v
		}
	}
	return nil
}

// TaskingModel is one entry of GET /api/tasking/models.
type TaskingModel struct {
	Model                            Model                    `json:"Model"`                            // the wire value
	SupportedSatelliteConstellations []SupportedConstellation `json:"SupportedSatelliteConstellations"` // what it uses
}

// SupportedConstellation says whether a model needs a constellation
// (Optional false) or may use it (Optional true).
type SupportedConstellation struct {
	SatelliteConstellation SatelliteConstellation `json:"SatelliteConstellation"` // the constellation
	Optional               bool                   `json:"Optional"`               // false: every order must list it
}

// Required returns the constellations an order with this model must list.
func (m *TaskingModel) Required() []SatelliteConstellation {
	var out []SatelliteConstellation
	for _, c := range m.SupportedSatelliteConstellations {
		if !c.Optional {
			out = append(out, c.SatelliteConstellation)
		}
	}
	return out
}

// Supports reports whether an order with this model may list c.
func (m *TaskingModel) Supports(c SatelliteConstellation) bool {
	for _, s := range m.SupportedSatelliteConstellations {
		if s.SatelliteConstellation == c {
			return true
		}
	}
	return false
}

// Tile is one record of a tile search: a tile or a minitile of the fixed
// grid, with its footprint.
type Tile struct {
	GUID     string `json:"Guid"`     // the id orders use
	MiniTile bool   `json:"MiniTile"` // true for a minitile
	// EPSG is the UTM projection of the stored data (sent as a string or a
	// number).
	EPSG EPSG `json:"Epsg"`
	// DataGeogWKT is the footprint in EPSG:4326 with no-data parts removed;
	// Footprint is it parsed (nil when absent or unreadable).
	DataGeogWKT string       `json:"DataGeogWkt"` // as sent
	Footprint   orb.Geometry `json:"-"`           // parsed
}

type tileAlias Tile

// UnmarshalJSON decodes a tile record, accepting the older tileGuid name for
// the id, and parses the footprint.
func (t *Tile) UnmarshalJSON(b []byte) error {
	var w struct {
		*tileAlias
		TileGUID string `json:"tileGuid"`
	}
	*t = Tile{}
	w.tileAlias = (*tileAlias)(t)
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	if t.GUID == "" {
		t.GUID = w.TileGUID
	}
	if t.DataGeogWKT != "" {
		if g, err := geo.ParseWKT(t.DataGeogWKT); err == nil {
			t.Footprint = g
		}
	}
	return nil
}

// EPSG is an EPSG code that the API sends as a number or a string ("32632",
// "EPSG:32632"). An unreadable value decodes as 0.
type EPSG int

// UnmarshalJSON reads a number or a string holding one.
func (e *EPSG) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		s = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "EPSG:")
		n, _ := strconv.Atoi(s)
		*e = EPSG(n)
		return nil
	}
	*e = EPSG(lenientInt(b))
	return nil
}

// TileSearchResult is the answer of POST /api/tasking/search/tiles.
type TileSearchResult struct {
	// Tiles holds the tile and minitile records (MiniTile tells them apart).
	Tiles []Tile `json:"Tiles"`
	// MiniTiles lists minitile ids, filled for a MiniTilesInTile query by
	// some API versions.
	MiniTiles []string `json:"MiniTiles"`
}

// TileGUIDs returns the ids of the records that are tiles.
func (r *TileSearchResult) TileGUIDs() []string { return r.guids(false) }

// MiniTileGUIDs returns the ids of the records that are minitiles, plus any
// listed in MiniTiles, without repeats.
func (r *TileSearchResult) MiniTileGUIDs() []string {
	out := r.guids(true)
	seen := map[string]bool{}
	for _, g := range out {
		seen[g] = true
	}
	for _, g := range r.MiniTiles {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

func (r *TileSearchResult) guids(mini bool) []string {
	var out []string
	for _, t := range r.Tiles {
		if t.MiniTile == mini {
			out = append(out, t.GUID)
		}
	}
	return out
}
