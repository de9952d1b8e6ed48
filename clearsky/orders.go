package clearsky

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// OrdersService creates, estimates, lists, follows and cancels tasking
// orders (/api/tasking/orders…).
type OrdersService struct{ c *Client }

// EstimateOptions tunes an estimate. Nil means none.
type EstimateOptions struct {
	// SimulatedEuroUsage prices the order as if the month's spend so far were
	// this many euros (spend tiers change the price per km²). Vendor code
	// only; unconfirmed.
	SimulatedEuroUsage *float64
}

// CreateOptions tunes a create. Nil means none.
type CreateOptions struct {
	// AutomaticOrderGUID is sent as the automaticOrderGuid query parameter
	// by "automatic order flow" integrations (vendor code only; unconfirmed).
	AutomaticOrderGUID string `url:"automaticOrderGuid,omitempty"`
}

// Estimate prices a proposed order (POST /api/tasking/orders/estimate):
// billed area, costs this month and next, image dates. It is free and places
// nothing. req is validated first; a *tasking.ValidationError means nothing
// was sent. See https://docs.clearsky.vision/ordering-data/create-order-api.
func (s *OrdersService) Estimate(ctx context.Context, req *OrderRequest, opts *EstimateOptions) (*OrderEstimate, error) {
	p, err := req.payload()
	if err != nil {
		return nil, err
	}
	if opts != nil {
		p.SimulatedEuroUsage = opts.SimulatedEuroUsage
		if err := p.validateOptions(); err != nil {
			return nil, err
		}
	}
	return s.estimate(ctx, p)
}

// estimate sends a validated payload to the estimate endpoint.
func (s *OrdersService) estimate(ctx context.Context, p *orderPayload) (*OrderEstimate, error) {
	body := *p
	body.TileDeduplication = nil
	return call[OrderEstimate](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathOrderEstimate, Body: &body})
}

// Create places an order (POST /api/tasking/orders) and returns it, normally
// in Review. It spends order credits (EUR). The request is sent once: it is
// not retried after a 5xx or a timeout, because the API has no idempotency
// key; after such a failure, list the orders before trying again. req is
// validated first; a *tasking.ValidationError means nothing was sent. See
// https://docs.clearsky.vision/ordering-data/create-order-api.
func (s *OrdersService) Create(ctx context.Context, req *OrderRequest, opts *CreateOptions) (*Order, error) {
	p, err := req.payload()
	if err != nil {
		return nil, err
	}
	return s.create(ctx, p, opts)
}

// create sends a validated payload to the create endpoint.
func (s *OrdersService) create(ctx context.Context, p *orderPayload, opts *CreateOptions) (*Order, error) {
	body := *p
	body.SimulatedEuroUsage = nil
	r := &transport.Request{Method: http.MethodPost, Path: pathOrders, Body: &body, Create: true}
	if opts != nil && opts.AutomaticOrderGUID != "" {
		if err := checkGUID("automaticOrderGuid", opts.AutomaticOrderGUID); err != nil {
			return nil, err
		}
		r.Query = opts
	}
	o, err := call[Order](ctx, s.c, r)
	if err != nil {
		return nil, err
	}
	if o.TaskOrderGUID == "" {
		return o, fmt.Errorf("clearsky: the created order has no TaskOrderGuid: %w", errNoID)
	}
	return o, nil
}

var errNoID = errors.New("missing id")

// ErrEstimateDeclined is matched (errors.Is) by the error EstimateThenCreate
// returns when its accept function refuses the estimate; that error also
// wraps accept's own.
var ErrEstimateDeclined = errors.New("clearsky: estimate declined")

// EstimateThenCreate runs the flow the API documents
// (https://docs.clearsky.vision/ordering-data/create-order-api): estimate req
// (POST /api/tasking/orders/estimate), let
// accept look at the estimate, then create exactly the payload that was
// estimated (POST /api/tasking/orders, plus TileDeduplication, which only
// create takes). It returns
// both answers. If accept (nil accepts everything) returns an error, nothing
// is ordered: the estimate comes back with an error matching
// ErrEstimateDeclined and wrapping accept's. opts applies to the create.
//
// Monthly spend tiers mean the price can still move between the estimate and
// the order if other orders change meanwhile.
func (s *OrdersService) EstimateThenCreate(ctx context.Context, req *OrderRequest, opts *CreateOptions,
	accept func(*OrderEstimate) error) (*OrderEstimate, *Order, error) {
	p, err := req.payload()
	if err != nil {
		return nil, nil, err
	}
	est, err := s.estimate(ctx, p)
	if err != nil {
		return nil, nil, fmt.Errorf("estimate: %w", err)
	}
	if accept != nil {
		if err := accept(est); err != nil {
			return est, nil, fmt.Errorf("%w: %w", ErrEstimateDeclined, err)
		}
	}
	o, err := s.create(ctx, p, opts)
	if err != nil {
		return est, nil, fmt.Errorf("create: %w", err)
	}
	return est, o, nil
}

// OrderListOptions filters GET /api/tasking/orders. Nil means the API's
// defaults (both false).
type OrderListOptions struct {
	// RecurringOnly returns only recurring orders.
	RecurringOnly bool `url:"recurringOnly"`
	// GetExpired also returns expired orders.
	GetExpired bool `url:"getExpired"`
}

// List returns the account's orders (GET /api/tasking/orders). The endpoint
// is not paginated: the one answer holds every matching order. See
// https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) List(ctx context.Context, opts *OrderListOptions) (*OrderList, error) {
	if opts == nil {
		opts = &OrderListOptions{}
	}
	l, err := call[OrderList](ctx, s.c, &transport.Request{Method: http.MethodGet, Path: pathOrders, Query: opts})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// All iterates over the orders List returns (GET /api/tasking/orders), with
// the stopping rules of tasking.Seq. Since the API has no pages, it makes one
// request.
//
// See https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) All(ctx context.Context, opts *OrderListOptions) iter.Seq2[*Order, error] {
	return tasking.Seq(ctx, func(ctx context.Context, _ string) (tasking.Page[*Order], error) {
		l, err := s.List(ctx, opts)
		if err != nil {
			return tasking.Page[*Order]{}, err
		}
		return tasking.Page[*Order]{Items: l.TaskOrders}, nil
	})
}

// Details returns the orders with the given ids, with their current
// OrderingProcessStatus (POST /api/tasking/orders/details with {"Guids": […]},
// the form the vendor's client uses; the documentation names a GET whose
// parameters are not published). Ids the API does not know are left out.
// See https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) Details(ctx context.Context, guids ...string) ([]*Order, error) {
	if len(guids) == 0 {
		return nil, tasking.Invalid("Guids", "at least one order id is required")
	}
	if err := checkGUIDs("Guids", guids); err != nil {
		return nil, err
	}
	body := struct {
		GUIDs []string `json:"Guids"`
	}{guids}
	l, err := call[OrderList](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathOrderDetails, Body: body})
	if err != nil {
		return nil, err
	}
	return l.TaskOrders, nil
}

// Get returns one order by id: POST /api/tasking/orders/details, falling
// back to GET /api/tasking/orders. It asks the details endpoint; if that answers
// that the route does not take POST (405, or a bare 404 without ClearSKY's
// envelope), it falls back to the list endpoint, expired orders included,
// as the documentation conflict on the details endpoint suggests. An unknown
// id gives an error matching tasking.ErrNotFound.
//
// See https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) Get(ctx context.Context, guid string) (*Order, error) {
	if err := checkGUID("Guids[0]", guid); err != nil {
		return nil, err
	}
	orders, err := s.Details(ctx, guid)
	if err != nil {
		if !detailsUnavailable(err) {
			return nil, err
		}
		l, lerr := s.List(ctx, &OrderListOptions{GetExpired: true})
		if lerr != nil {
			return nil, fmt.Errorf("details unavailable (%v); listing: %w", err, lerr)
		}
		orders = l.TaskOrders
	}
	for _, o := range orders {
		if o != nil && strings.EqualFold(o.TaskOrderGUID, guid) {
			return o, nil
		}
	}
	return nil, &OrderNotFoundError{GUID: guid}
}

// detailsUnavailable reports whether err says the POST details route does
// not exist, rather than that the call failed.
func detailsUnavailable(err error) bool {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.StatusCode {
	case http.StatusMethodNotAllowed:
		return true
	case http.StatusNotFound:
		return !strings.Contains(string(ae.Body), "Succeeded") && !strings.Contains(string(ae.Body), "succeeded")
	}
	return false
}

// Cancel cancels an order (DELETE /api/tasking/orders/cancel?taskOrderGuid=…)
// and returns it as it stands afterwards.
// An order in Review is cancelled completely; for an accepted recurring order
// only the coming renewals stop (what is produced stays billed); an accepted
// fixed-window order cannot be cancelled and the API answers with an error.
// Recurring orders must be cancelled before 00:00 UTC on the 1st of the next
// month to avoid that month's charge. See
// https://docs.clearsky.vision/ordering-data/cancel-or-modify-recurring-orders.
//
// The answer to the cancel holds no order, so Cancel then reads the order
// back (see Get) and returns it as it stands: Canceled, or for a recurring
// order whose renewals were stopped, its current status. If that read fails,
// the error says the cancel itself was accepted.
func (s *OrdersService) Cancel(ctx context.Context, guid string) (*Order, error) {
	if err := s.cancel(ctx, guid); err != nil {
		return nil, err
	}
	o, err := s.Get(ctx, guid)
	if err != nil {
		return nil, fmt.Errorf("clearsky: order %s was cancelled; reading it back: %w", guid, err)
	}
	return o, nil
}

// cancel sends the cancel request alone.
func (s *OrdersService) cancel(ctx context.Context, guid string) error {
	if err := checkGUID("taskOrderGuid", guid); err != nil {
		return err
	}
	q := struct {
		GUID string `url:"taskOrderGuid"`
	}{guid}
	_, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: pathOrderCancel, Query: q}, nil)
	return err
}

// Wait polls the order (see Get: POST /api/tasking/orders/details) until
// opts.Until holds, by default until a
// terminal status (Completed, Canceled, or the legacy Done and Failure).
// A recurring order never gets there by itself: pass
// Until: clearsky.UntilUpToDate to stop when it has caught up. Delays opts
// leaves zero come from the client's WithPollDelays.
//
// See https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) Wait(ctx context.Context, guid string, opts *tasking.WaitOptions) (*Order, error) {
	opts = opts.WithPollDelays(s.c.PollDelays())
	return tasking.Wait(ctx, s.fetcher(guid), orderStatus, OrderLifecycle, opts)
}

// Watch yields the order each time its status changes (polling
// POST /api/tasking/orders/details, see Get), until opts.Until holds (see
// Wait).
//
// See https://docs.clearsky.vision/ordering-data/check-order-status.
func (s *OrdersService) Watch(ctx context.Context, guid string, opts *tasking.WaitOptions) iter.Seq2[*Order, error] {
	opts = opts.WithPollDelays(s.c.PollDelays())
	return tasking.Watch(ctx, s.fetcher(guid), orderStatus, OrderLifecycle, opts)
}

func (s *OrdersService) fetcher(guid string) func(context.Context) (*Order, error) {
	return func(ctx context.Context) (*Order, error) { return s.Get(ctx, guid) }
}

func orderStatus(o *Order) OrderingProcessStatus {
	if o == nil {
		return ""
	}
	return o.OrderingProcessStatus
}

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

// Neutral returns the neutral view of the order. End is the exclusive end of
// the To day; a recurring order has no End. Raw is o itself (not a copy).
// ClearSKY orders have no name, so Name is empty. A nil o gives nil.
func (o *Order) Neutral() *tasking.Task {
	if o == nil {
		return nil
	}
	t := &tasking.Task{
		Provider:  Name,
		ID:        o.TaskOrderGUID,
		Status:    o.OrderingProcessStatus.Neutral(),
		RawStatus: string(o.OrderingProcessStatus),
		Geometry:  orderGeometry(o),
		CreatedAt: o.CreatedDate,
		Raw:       o, // the order itself: no copy
	}
	if !o.From.IsZero() {
		t.Start = o.From.Time()
	}
	if o.To != nil && !o.To.IsZero() {
		t.End = o.To.AddDays(1).Time()
	}
	return t
}

// orderGeometry is a polygon order's AOI, or the footprints of a tile
// order's cells when the API sent them.
func orderGeometry(o *Order) orb.Geometry {
	if o.WKT.Geometry != nil {
		return o.WKT.Geometry
	}
	var c orb.Collection
	for _, refs := range [][]TileRef{o.Tiles, o.MiniTiles} {
		for _, r := range refs {
			if r.WKT.Geometry != nil {
				c = append(c, r.WKT.Geometry)
			}
		}
	}
	if len(c) == 0 {
		return nil
	}
	return c
}

// GetID returns the TaskOrderGuid ("" for a nil order). Every provider's
// main resource has GetID, GetName and GetStatus.
func (o *Order) GetID() string {
	if o == nil {
		return ""
	}
	return o.TaskOrderGUID
}

// GetName returns "": ClearSKY orders have no name. It is here so that an
// order reads like every other provider's main resource.
func (o *Order) GetName() string { return "" }

// GetStatus returns the order's OrderingProcessStatus ("" for a nil order).
func (o *Order) GetStatus() OrderingProcessStatus {
	if o == nil {
		return ""
	}
	return o.OrderingProcessStatus
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

// OrderRequest is an order to estimate or create, in Go terms. Its AOI is a
// typed choice, so one order has exactly one area mode. The client turns it
// into the wire body and checks every documented rule before sending it.
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

// orderPayload is the wire body of POST /api/tasking/orders/estimate and
// POST /api/tasking/orders, field for field. Exactly one of WKT, GeoJSON and
// the tile ids (TileGUIDs and/or MiniTileGUIDs) is set; validate checks that
// and every other documented rule. It is built from an [OrderRequest] and
// encoded in one pass, GeoJson straight from the geometry.
type orderPayload struct {
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

// payload validates r and returns its wire body (without the create-only and
// estimate-only fields, which Create and Estimate add).
func (r *OrderRequest) payload() (*orderPayload, error) {
	if r == nil {
		return nil, tasking.Invalid("", "no order request")
	}
	if r.AOI == nil {
		return nil, tasking.Invalid("Wkt", "an area is required: set AOI to Polygon, PolygonGeoJSON, Tiles, MiniTiles or TilesAndMiniTiles")
	}
	p := &orderPayload{
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
