package clearsky

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Order is a TaskOrder as the list, details and create endpoints return it.
// It is decoded in one pass (see the package documentation, "Decoding"):
// unknown enum values are kept as they are, members this type does not know
// are kept in Unknown, and tasking.Task.Raw points at it.
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
	// WKT is the AOI of a polygon order (the Wkt member): the text as sent
	// and its geometry (nil when absent or unreadable).
	WKT WKT `json:"Wkt"`
	// CreatedDate is when the order was placed, zero when the API does not
	// send it (the member is unconfirmed).
	CreatedDate time.Time `json:"CreatedDate,omitzero"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Recurring reports whether the order has no end date: it renews every month
// until cancelled.
func (o *Order) Recurring() bool { return o.To == nil }

// Type returns the order type its AOI fields make.
func (o *Order) Type() OrderType {
	switch {
	case o.WKT.Text != "":
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
	GUID string // the cell's id
	WKT  WKT    // the footprint, when sent
}

// tileRefObject is the object form of a tile reference; TileGuid is an
// older name of Guid.
type tileRefObject struct {
	GUID     string `json:"Guid"`
	TileGUID string `json:"TileGuid,omitzero"`
	WKT      WKT    `json:"Wkt"`
}

// UnmarshalJSONFrom reads a GUID string, a {"Guid", "Wkt"} object (the
// details view, depending on the API version) or null.
func (t *TileRef) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case '"', 0: // 0: ReadToken reports the syntax error
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*t = TileRef{GUID: tok.String()}
		return nil
	case '{':
		var w tileRefObject
		if err := json.UnmarshalDecode(dec, &w); err != nil {
			return err
		}
		*t = TileRef{GUID: cmp.Or(w.GUID, w.TileGUID), WKT: w.WKT}
		return nil
	case 'n':
		*t = TileRef{}
		_, err := dec.ReadToken()
		return err
	}
	return errors.New("want a tile GUID or a {Guid, Wkt} object")
}

// MarshalJSONTo writes a plain GUID string, or a {Guid, Wkt} object when the
// footprint is known.
func (t TileRef) MarshalJSONTo(enc *jsontext.Encoder) error {
	if t.WKT.IsZero() {
		return enc.WriteToken(jsontext.String(t.GUID))
	}
	return json.MarshalEncode(enc, tileRefObject{GUID: t.GUID, WKT: t.WKT})
}

// OrderList is the answer of GET /api/tasking/orders: every matching order
// (the endpoint has no pagination), decoded straight from the answer.
type OrderList struct {
	TaskOrders []*Order `json:"TaskOrders"` // the orders, as the API lists them
}

// OrderEstimate is the answer of POST /api/tasking/orders/estimate. The
// fields documented in the API's estimate table are typed; the newer cost
// objects some API versions send are optional, and every other member is kept
// in Unknown.
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
	// billed: the text as sent and its geometry (nil when absent or
	// unreadable).
	AreasOfInterestWKT WKT `json:"AreasOfInterestWkt"`
	// ImageDates are the dates the order will produce.
	ImageDates []Date `json:"ImageDates"`
	// CurrentMonthCosts and RecurringCostsEstimate are the cost objects of
	// some newer API versions; nil when absent.
	CurrentMonthCosts      *CostSummary `json:"CurrentMonthCosts"`      // this month
	RecurringCostsEstimate *CostSummary `json:"RecurringCostsEstimate"` // each renewal
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none. The estimate's shape varies across API versions, so this is
	// where a newer one's members are found.
	Unknown jsontext.Value `json:",embed"`

	hasCurrentMonthCost bool
}

// UnmarshalJSONFrom decodes the estimate in one pass, noting whether
// CurrentMonthCost was sent (see Total).
func (e *OrderEstimate) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	type plain OrderEstimate // the same fields, without this method
	*e = OrderEstimate{}
	w := struct {
		*plain
		CurrentMonthCost *float64 `json:"CurrentMonthCost"` // shadows plain's, to see whether it was sent
	}{plain: (*plain)(e)}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	if w.CurrentMonthCost != nil {
		e.CurrentMonthCost, e.hasCurrentMonthCost = *w.CurrentMonthCost, true
	}
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
// CurrencyCode}). Its shape varies across API versions, so it is read
// leniently: totals may come as numbers or as strings holding one (an
// unreadable total is nil), members it does not know are kept in Unknown,
// and a value that is not an object leaves it empty.
type CostSummary struct {
	TotalCost     *float64 `json:"TotalCost"`     // total, when sent under this name
	TotalCostEuro *float64 `json:"TotalCostEuro"` // total, when sent under this name
	CurrencyCode  string   `json:"CurrencyCode"`  // "EUR"
	// Unknown holds the members this type does not know, as received; nil
	// when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// UnmarshalJSONFrom reads a cost object leniently (see CostSummary).
func (c *CostSummary) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*c = CostSummary{}
	if dec.PeekKind() != '{' {
		return dec.SkipValue()
	}
	var w struct {
		TotalCost     lenientAmount  `json:"TotalCost"`
		TotalCostEuro lenientAmount  `json:"TotalCostEuro"`
		CurrencyCode  string         `json:"CurrencyCode"`
		Unknown       jsontext.Value `json:",embed"`
	}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	*c = CostSummary{TotalCost: w.TotalCost.p, TotalCostEuro: w.TotalCostEuro.p, CurrencyCode: w.CurrencyCode,
		Unknown: w.Unknown}
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

// lenientAmount is an amount of a CostSummary: a JSON number or a string
// holding one; anything else leaves it nil.
type lenientAmount struct{ p *float64 }

// UnmarshalJSONFrom reads the amount; it fails only on malformed JSON.
func (a *lenientAmount) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	var s string
	switch v.Kind() {
	case '0':
		s = string(v)
	case '"':
		if json.Unmarshal(v, &s, transport.LenientJSON()) != nil {
			return nil
		}
	default:
		return nil
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		a.p = &f
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
	// DataGeogWKT is the footprint in EPSG:4326 with no-data parts removed:
	// the text as sent and its geometry (nil when absent or unreadable).
	DataGeogWKT WKT `json:"DataGeogWkt"`
}

// UnmarshalJSONFrom decodes a tile record in one pass, accepting the older
// tileGuid name for the id.
func (t *Tile) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	type plain Tile // the same fields, without this method
	*t = Tile{}
	w := struct {
		*plain
		TileGUID string `json:"tileGuid"`
	}{plain: (*plain)(t)}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	t.GUID = cmp.Or(t.GUID, w.TileGUID)
	return nil
}

// EPSG is an EPSG code that the API sends as a number or a string ("32632",
// "EPSG:32632"), a documented inconsistency. A string that holds no code
// decodes as 0; a value of another type is a decoding error.
type EPSG int

// UnmarshalJSONFrom reads a number, a string holding one, or null (0).
func (e *EPSG) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case 'n':
		*e = 0
		return nil
	case '0':
		n, _ := number(v)
		*e = EPSG(n)
		return nil
	case '"':
		var s string
		if err := json.Unmarshal(v, &s, transport.LenientJSON()); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if len(s) >= 5 && strings.EqualFold(s[:5], "EPSG:") {
			s = s[5:]
		}
		n, _ := strconv.Atoi(strings.TrimSpace(s))
		*e = EPSG(n)
		return nil
	}
	return fmt.Errorf("want an EPSG code as a number or a string, got %s", v.Kind())
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
