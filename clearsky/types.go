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

// UnmarshalJSON decodes a TaskOrder leniently and keeps it in Raw. The usual
// form is read in one pass; anything unusual (a type mismatch, a repeated or
// escaped member name, malformed JSON) goes through encoding/json, so that
// results and errors are the same either way.
func (o *Order) UnmarshalJSON(b []byte) error {
	*o = Order{}
	if i := wholeValue(b); i < 0 || !atEnd(b, o.decodeAt(b, i, 0)) {
		*o = Order{}
		if err := o.decodeSlow(b); err != nil {
			return err
		}
	}
	o.finish(b)
	return nil
}

// finish parses the AOI and keeps a copy of raw, the order's JSON.
func (o *Order) finish(raw []byte) {
	if o.WKT != "" {
		if g, err := parseWKT(o.WKT); err == nil {
			o.Geometry = g
		}
	}
	o.Raw = append(json.RawMessage(nil), raw...)
}

// decodeSlow decodes b with encoding/json.
func (o *Order) decodeSlow(b []byte) error {
	var w struct {
		*orderAlias
		CreatedDate flexTime `json:"CreatedDate"`
	}
	w.orderAlias = (*orderAlias)(o)
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	o.CreatedDate = time.Time(w.CreatedDate)
	return nil
}

// The members Order reads, as orderFields names them on the wire.
const (
	ofTaskOrderGUID = iota
	ofBillingCycle
	ofOrderingProcessStatus
	ofStorageMonths
	ofAPIRequests
	ofImageFrequency
	ofTaskOrderAreaKm2
	ofModel
	ofReferenceDate
	ofFrom
	ofTo
	ofSatelliteConstellations
	ofTiles
	ofMiniTiles
	ofWKT
	ofCreatedDate
)

var orderFields = [...]string{
	ofTaskOrderGUID: "TaskOrderGuid", ofBillingCycle: "BillingCycle", ofOrderingProcessStatus: "OrderingProcessStatus",
	ofStorageMonths: "StorageMonths", ofAPIRequests: "ApiRequests", ofImageFrequency: "ImageFrequency",
	ofTaskOrderAreaKm2: "TaskOrderAreaKm2", ofModel: "Model", ofReferenceDate: "ReferenceDate", ofFrom: "From",
	ofTo: "To", ofSatelliteConstellations: "SatelliteConstellations", ofTiles: "Tiles", ofMiniTiles: "MiniTiles",
	ofWKT: "Wkt", ofCreatedDate: "CreatedDate",
}

// decodeAt decodes the usual form of a TaskOrder at b[i] (nested in depth
// arrays and objects) in one pass, as encoding/json would decode it through
// decodeSlow, without finishing it, and returns the index just past it. It
// returns -1, with o partly filled, for anything it leaves to
// encoding/json: malformed JSON, a value of an unexpected type, a repeated
// member, a member name with escapes or non-ASCII letters.
func (o *Order) decodeAt(b []byte, i, depth int) int {
	if i >= len(b) || b[i] != '{' || depth >= maxNestingDepth {
		return -1
	}
	it := objIter{b: b, i: i + 1, depth: depth + 1}
	var seen uint32
	for it.next() {
		if it.keyFlags != 0 {
			return -1
		}
		f := -1
		for i, name := range orderFields {
			if asciiEqualFold(it.key, name) {
				f = i
				break
			}
		}
		if f < 0 {
			if !it.skip() { // unknown members are ignored
				return -1
			}
			continue
		}
		if seen&(1<<f) != 0 {
			return -1
		}
		seen |= 1 << f
		i := it.i
		end := -1
		switch f {
		case ofTaskOrderGUID:
			end = decodeString(b, i, &o.TaskOrderGUID)
		case ofBillingCycle:
			end = decodeString(b, i, (*string)(&o.BillingCycle))
		case ofOrderingProcessStatus:
			end = decodeString(b, i, (*string)(&o.OrderingProcessStatus))
		case ofStorageMonths:
			end = decodeInt(b, i, &o.StorageMonths)
		case ofAPIRequests:
			end = decodeInt(b, i, &o.APIRequests)
		case ofImageFrequency:
			end = decodeInt(b, i, &o.ImageFrequency)
		case ofTaskOrderAreaKm2:
			end = decodeFloat(b, i, &o.TaskOrderAreaKm2)
		case ofModel:
			end = decodeString(b, i, (*string)(&o.Model))
		case ofReferenceDate:
			end = decodeDate(b, i, it.depth, &o.ReferenceDate)
		case ofFrom:
			end = decodeDate(b, i, it.depth, &o.From)
		case ofTo:
			if isNullAt(b, i) {
				o.To, end = nil, i+len("null")
			} else {
				o.To = new(Date)
				end = decodeDate(b, i, it.depth, o.To)
			}
		case ofSatelliteConstellations:
			end = decodeConstellations(b, i, it.depth, &o.SatelliteConstellations)
		case ofTiles:
			end = decodeTileRefs(b, i, it.depth, &o.Tiles)
		case ofMiniTiles:
			end = decodeTileRefs(b, i, it.depth, &o.MiniTiles)
		case ofWKT:
			end = decodeString(b, i, &o.WKT)
		case ofCreatedDate:
			if end = skipValue(b, i, it.depth); end >= 0 {
				var t flexTime
				_ = t.UnmarshalJSON(b[i:end]) // never fails
				o.CreatedDate = time.Time(t)
			}
		}
		if !it.set(end) {
			return -1
		}
	}
	return it.end()
}

// decodeDate reads the value at b[i] with Date.UnmarshalJSON, as
// encoding/json would, and returns the index just past it, or -1.
func decodeDate(b []byte, i, depth int, d *Date) int {
	end := skipValue(b, i, depth)
	if end < 0 || d.UnmarshalJSON(b[i:end]) != nil {
		return -1
	}
	return end
}

// decodeConstellations reads the JSON array of strings, or null, at b[i] as
// encoding/json would into *dst (nil), and returns the index just past it,
// or -1.
func decodeConstellations(b []byte, i, depth int, dst *[]SatelliteConstellation) int {
	if isNullAt(b, i) {
		*dst = nil
		return i + len("null")
	}
	if i >= len(b) || b[i] != '[' || depth >= maxNestingDepth {
		return -1
	}
	var buf [8]SatelliteConstellation
	out := buf[:0]
	it := arrIter{b: b, i: i + 1, depth: depth + 1}
	for it.next() {
		var s string
		if !it.set(decodeString(b, it.i, &s)) {
			return -1
		}
		out = append(out, SatelliteConstellation(s))
	}
	end := it.end()
	if end >= 0 {
		*dst = append(make([]SatelliteConstellation, 0, len(out)), out...)
	}
	return end
}

// decodeTileRefs reads the JSON array of tile references, or null, at b[i]
// as encoding/json would into *dst (nil), and returns the index just past
// it, or -1.
func decodeTileRefs(b []byte, i, depth int, dst *[]TileRef) int {
	if isNullAt(b, i) {
		*dst = nil
		return i + len("null")
	}
	if i >= len(b) || b[i] != '[' || depth >= maxNestingDepth {
		return -1
	}
	var buf [4]TileRef
	out := buf[:0]
	it := arrIter{b: b, i: i + 1, depth: depth + 1}
	for it.next() {
		var t TileRef
		if !it.set(t.decodeAt(b, it.i, it.depth)) {
			return -1
		}
		t.parseWKT()
		out = append(out, t)
	}
	end := it.end()
	if end >= 0 {
		*dst = append(make([]TileRef, 0, len(out)), out...)
	}
	return end
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
	if i := wholeValue(b); i < 0 || !atEnd(b, t.decodeAt(b, i, 0)) {
		*t = TileRef{}
		if err := t.decodeSlow(b); err != nil {
			return err
		}
	}
	t.parseWKT()
	return nil
}

func (t *TileRef) parseWKT() {
	if t.WKT != "" {
		if g, err := parseWKT(t.WKT); err == nil {
			t.Geometry = g
		}
	}
}

// decodeSlow decodes b with encoding/json.
func (t *TileRef) decodeSlow(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		err := json.Unmarshal(b, &s)
		t.GUID = s
		return err
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
	return nil
}

// decodeAt reads the usual forms of a tile reference at b[i] (nested in
// depth arrays and objects) in one pass, as decodeSlow would, without the
// footprint's geometry, and returns the index just past it; -1 leaves it
// to decodeSlow.
func (t *TileRef) decodeAt(b []byte, i, depth int) int {
	switch {
	case i >= len(b):
		return -1
	case b[i] == '"':
		return decodeString(b, i, &t.GUID)
	case b[i] == 'n':
		return literal(b, i, "null")
	case b[i] != '{' || depth >= maxNestingDepth:
		return -1
	}
	var guid, tileGUID, wkt string
	var seen uint8
	it := objIter{b: b, i: i + 1, depth: depth + 1}
	for it.next() {
		if it.keyFlags != 0 {
			return -1
		}
		var f uint8
		var dst *string
		switch {
		case asciiEqualFold(it.key, "Guid"):
			f, dst = 1, &guid
		case asciiEqualFold(it.key, "TileGuid"):
			f, dst = 2, &tileGUID
		case asciiEqualFold(it.key, "Wkt"):
			f, dst = 4, &wkt
		default:
			if !it.skip() {
				return -1
			}
			continue
		}
		if seen&f != 0 || !it.set(decodeString(b, it.i, dst)) {
			return -1
		}
		seen |= f
	}
	end := it.end()
	if end >= 0 {
		t.GUID, t.WKT = guid, wkt
		if t.GUID == "" {
			t.GUID = tileGUID
		}
	}
	return end
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

// decodeAt decodes the usual form of an order list at b[i] (nested in depth
// arrays and objects) in one pass, as encoding/json would, and returns the
// index just past it; -1 leaves it to encoding/json.
func (l *OrderList) decodeAt(b []byte, i, depth int) int {
	if i >= len(b) || b[i] != '{' || depth >= maxNestingDepth {
		return -1
	}
	it := objIter{b: b, i: i + 1, depth: depth + 1}
	seen := false
	for it.next() {
		if it.keyFlags != 0 {
			return -1
		}
		if !asciiEqualFold(it.key, "TaskOrders") {
			if !it.skip() {
				return -1
			}
			continue
		}
		if seen || !it.set(decodeOrders(b, it.i, it.depth, &l.TaskOrders)) {
			return -1
		}
		seen = true
	}
	return it.end()
}

// decodeOrders reads the JSON array of orders, or null, at b[i] as
// encoding/json would into *dst (nil): null elements give nil orders, each
// order is finished as Order.UnmarshalJSON finishes it, with Raw its exact
// bytes. It returns the index just past the array, or -1.
func decodeOrders(b []byte, i, depth int, dst *[]*Order) int {
	if isNullAt(b, i) {
		*dst = nil
		return i + len("null")
	}
	if i >= len(b) || b[i] != '[' || depth >= maxNestingDepth {
		return -1
	}
	var buf [8]*Order
	out := buf[:0]
	it := arrIter{b: b, i: i + 1, depth: depth + 1}
	for it.next() {
		start := it.i
		var o *Order
		end := start + len("null")
		if !isNullAt(b, start) {
			o = new(Order)
			if end = o.decodeAt(b, start, it.depth); end >= 0 {
				o.finish(b[start:end])
			}
		}
		if !it.set(end) {
			return -1
		}
		out = append(out, o)
	}
	end := it.end()
	if end >= 0 {
		*dst = append(make([]*Order, 0, len(out)), out...)
	}
	return end
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
	e.collectExtra(b)
	if e.AreasOfInterestWKT != "" {
		if g, err := parseWKT(e.AreasOfInterestWKT); err == nil {
			e.AreasOfInterest = g
		}
	}
	e.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// collectExtra walks the members of b, which decoded as an estimate, once:
// it notes CurrentMonthCost and keeps a copy of every member estimateKnown
// does not name in Extra, as decoding b into a map[string]json.RawMessage
// would give them (names unescaped, the last of repeated names winning).
func (e *OrderEstimate) collectExtra(b []byte) {
	i := wholeValue(b)
	if i < 0 || b[i] != '{' {
		return // null: no members
	}
	it := objIter{b: b, i: i + 1, depth: 1}
	for it.next() {
		key, quoted, flags, start := it.key, it.quotedKey(), it.keyFlags, it.i
		if !it.skip() {
			return
		}
		var k string
		if flags == 0 {
			// ASCII without escapes: look the name up without allocating.
			if asciiEqualFold(key, "CurrentMonthCost") {
				e.hasCurrentMonthCost = true
			}
			var buf [48]byte
			if len(key) <= len(buf) {
				for j, c := range key {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf[j] = c
				}
				if estimateKnown[string(buf[:len(key)])] {
					continue
				}
			}
			k = string(key)
		} else {
			if !unquoteSlow(quoted, &k) {
				return
			}
			if strings.EqualFold(k, "CurrentMonthCost") {
				e.hasCurrentMonthCost = true
			}
			if estimateKnown[strings.ToLower(k)] {
				continue
			}
		}
		if e.Extra == nil {
			e.Extra = map[string]json.RawMessage{}
		}
		e.Extra[k] = append(json.RawMessage(nil), b[start:it.i]...)
	}
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
		if g, err := parseWKT(t.DataGeogWKT); err == nil {
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
