package planet

import (
	"context"
	"errors"
	"iter"
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ProviderDefaults holds what a neutral tasking.Request does not say and a
// Planet order may need. The zero value places Flexible orders on the API
// key's default contract and product.
type ProviderDefaults struct {
	PLNumber             string          // contract number, "PL-…"; empty: the key's default
	Product              string          // product name; empty: the key's default
	SchedulingType       SchedulingType  // empty: Flexible
	RRule                string          // recurrence, when SchedulingType is MONITORING
	SatelliteTypes       []SatelliteType // constellations allowed; empty: any
	SatElevationAngleMin *float64        // lowest satellite elevation accepted, 0–90°
	SatElevationAngleMax *float64        // highest satellite elevation accepted, 0–90°
	ExclusivityDays      *int            // days captures are withheld from the archive (0–30)

	// SearchProduct is the product Estimate searches imaging windows for,
	// and Submit books an offered window with (for example "Assured
	// Tasking"); empty uses Product. A search needs a PLNumber and a
	// product; without them Estimate only prices the order.
	SearchProduct string
	// AssetTypes are the Data API asset types Adapter.Assets activates and
	// returns (for example "ortho_visual"); empty: every asset the API key
	// may download.
	AssetTypes []string
	// EstimateWait tunes the polling of Estimate's search; nil polls at the
	// client's poll delays (WithPollDelays) or, without them, every second at
	// first, backing off to every 10 seconds.
	EstimateWait *tasking.WaitOptions
}

// Adapter is the neutral face of a Client: it implements tasking.Provider,
// tasking.Estimator, tasking.Deliverer and tasking.PollHinter.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
	_ tasking.Deliverer  = (*Adapter)(nil)
)

// Provider returns the client as a tasking.Provider that places orders with
// the given defaults.
func (c *Client) Provider(d ProviderDefaults) *Adapter { return &Adapter{c: c, d: d} }

// PollDelays returns the client's poll delays (see WithPollDelays; zero when
// not set), so that tasking.WaitTask polls the Adapter as the client would.
func (a *Adapter) PollDelays() (min, max time.Duration) { return a.c.PollDelays() }

// Name returns "planet".
func (a *Adapter) Name() string { return Name }

// Client returns the Planet client behind the adapter, for what the neutral
// view does not cover.
func (a *Adapter) Client() *Client { return a.c }

// Request returns the order Submit places for req, checked as Submit checks
// it: tasking.CheckRequest, tasking.CheckBooking, then the order's own
// rules, a *tasking.ValidationError naming the neutral field (Name,
// Geometry, Start, End, Opportunity). A request with an Opportunity books
// that imaging window: an Assured order with imaging_window set to the
// opportunity's ID, the request's geometry, the defaults' PLNumber and
// SearchProduct (or Product), start and end times taken from the window,
// and no scheduling type or rrule of the defaults'.
func (a *Adapter) Request(req *tasking.Request) (*OrderCreateRequest, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	if err := tasking.CheckBooking(req, Name, time.Now()); err != nil {
		return nil, err
	}
	if o := req.Opportunity; o != nil && o.ID == "" {
		return nil, tasking.Invalid("Opportunity", "has no imaging-window id: book an opportunity Estimate returned")
	}
	r := a.build(req)
	if err := r.Validate(); err != nil {
		return nil, neutralFields.Rename(err)
	}
	return r, nil
}

// build makes the order for req with the defaults, unchecked.
func (a *Adapter) build(req *tasking.Request) *OrderCreateRequest {
	r := &OrderCreateRequest{
		Name: req.Name, Geometry: req.Geometry, StartTime: req.Start, EndTime: req.End,
		PLNumber: a.d.PLNumber, Product: a.d.Product, SchedulingType: a.d.SchedulingType, RRule: a.d.RRule,
		SatelliteTypes: slices.Clone(a.d.SatelliteTypes), SatElevationAngleMin: a.d.SatElevationAngleMin,
		SatElevationAngleMax: a.d.SatElevationAngleMax, ExclusivityDays: a.d.ExclusivityDays,
	}
	if o := req.Opportunity; o != nil {
		r.ImagingWindow = o.ID
		r.StartTime, r.EndTime = o.Start, o.End
		r.SchedulingType, r.RRule = "", ""
		if p := a.searchProduct(); p != "" {
			r.Product = p
		}
	}
	return r
}

// Submit places the order Request makes of req (sent exactly once). With
// req.Opportunity set it books exactly that imaging window: another
// provider's opportunity, one that is not a pass, or one whose window has
// started (Planet gives imaging windows no other expiry) is refused before
// anything is sent.
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	r, err := a.Request(req)
	if err != nil {
		return nil, err
	}
	t, err := adapter.Neutral(a.c.Orders.Create(ctx, r))
	return t, neutralFields.Rename(err)
}

// neutralFields maps the order's wire fields onto the tasking.Request fields
// they come from, for the Adapter's validation errors.
var neutralFields = adapter.Fields{"name": "Name", "geometry": "Geometry", "start_time": "Start",
	"end_time": "End", "imaging_window": "Opportunity"}

// Task reads one order as a neutral task.
func (a *Adapter) Task(ctx context.Context, id string) (*tasking.Task, error) {
	return adapter.Neutral(a.c.Orders.Get(ctx, id))
}

// Tasks iterates over the orders matching f. Statuses, the name and the
// creation range are filtered by Planet (status__in, name__icontains,
// created_time__gte/__lt); every task is checked with f.Match as well.
func (a *Adapter) Tasks(ctx context.Context, f *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	opts := &OrderListOptions{Ordering: "-created_time"}
	if f != nil {
		opts.Status = orderStatuses.Matching(f.Status)
		if len(f.Status) > 0 && len(opts.Status) == 0 {
			// No Planet status maps onto those asked for: nothing can match.
			return adapter.None
		}
		opts.NameContains = f.NameContains
		opts.CreatedTimeGTE = f.CreatedAfter
		opts.CreatedTimeLT = f.CreatedBefore
	}
	return adapter.Tasks(a.c.Orders.All(ctx, opts), f)
}

// Cancel cancels an order (see OrdersService.Cancel).
func (a *Adapter) Cancel(ctx context.Context, id string) error {
	return adapter.Err(a.c.Orders.Cancel(ctx, id))
}

// Estimate prices the order the request would place (POST /pricing/) and,
// when the defaults allow an imaging-window search (see
// ProviderDefaults.SearchProduct), searches the windows in the request's time
// of interest: they become Opportunities (see Opportunity), earliest first,
// the first one Earliest, and the verdict Feasible when there is at least one
// and Infeasible when there is none or the search fails. Without a search,
// Feasibility stays unknown. An account without the pricing preview (404 or
// 405) gives no Price. Prices are in Planet's quota units (tasking.Units with
// the preview's "units", or "quota units" when it names none), never money.
//
// Planet searches a Point or a two-point LineString only. For any other
// geometry the search runs over a stand-in while the order keeps the
// request's geometry: a Polygon (or MultiPolygon) is searched at its
// centroid (which may lie outside a concave polygon: a window over the
// centroid is a pass over the area, not a guarantee of covering all of it),
// and a LineString of more than two points along the line from its first to
// its last point.
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, err
	}
	r := a.build(req)
	if err := r.Validate(); err != nil {
		return nil, neutralFields.Rename(err)
	}
	est := &tasking.Estimate{Provider: Name}
	var raw EstimateDetails
	pr, err := a.c.Pricing.Preview(ctx, r)
	var apiErr *tasking.APIError
	switch {
	case err == nil:
		raw.Pricing = pr
		est.Price = quotaPrice(pr)
	case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusMethodNotAllowed):
		// No pricing preview for this account: no price.
	default:
		return nil, err
	}
	if q := a.searchRequest(req); q != nil {
		wait := a.d.EstimateWait
		if wait == nil {
			// The client's poll delays, or every second backing off to 10.
			wait = a.c.waitOptions(nil).WithPollDelays(time.Second, 10*time.Second)
		}
		s, err := a.c.ImagingWindows.Search(ctx, q, wait)
		var failed *SearchFailedError
		switch {
		case errors.As(err, &failed):
			est.Feasibility = tasking.Infeasible
		case err != nil:
			return nil, err
		case len(s.ImagingWindows) == 0:
			est.Feasibility = tasking.Infeasible
		default:
			est.Feasibility = tasking.Feasible
			for _, w := range s.ImagingWindows {
				if w != nil {
					est.Opportunities = append(est.Opportunities, w.Opportunity(est.Price))
				}
			}
			slices.SortFunc(est.Opportunities, func(x, y *tasking.Opportunity) int { return x.Start.Compare(y.Start) })
			est.Earliest = est.Opportunities[0].Start
		}
		raw.ImagingWindowSearch = s
	}
	if raw.Pricing != nil || raw.ImagingWindowSearch != nil {
		est.Raw = &raw
	}
	return est, nil
}

// EstimateDetails is what Adapter.Estimate puts in tasking.Estimate.Raw:
// Planet's own answers, as decoded (no copy of their bytes is kept). It is
// written by encoding/json/v2 as {"pricing": …, "imaging_window_search": …}.
type EstimateDetails struct {
	// Pricing is the pricing preview; nil when the account has none.
	Pricing *Pricing `json:"pricing,omitzero"`
	// ImagingWindowSearch is the search run, once ended (DONE or FAILED);
	// nil when none could be run.
	ImagingWindowSearch *ImagingWindowSearch `json:"imaging_window_search,omitzero"`
}

// searchProduct is the product imaging windows are searched and booked for.
func (a *Adapter) searchProduct() string {
	if a.d.SearchProduct != "" {
		return a.d.SearchProduct
	}
	return a.d.Product
}

// searchRequest returns the imaging-window search Estimate can run for req,
// or nil when the defaults or the geometry do not allow one.
func (a *Adapter) searchRequest(req *tasking.Request) *ImagingWindowSearchRequest {
	product := a.searchProduct()
	if a.d.PLNumber == "" || product == "" {
		return nil
	}
	g := SearchGeometry(req.Geometry)
	if g == nil {
		return nil
	}
	return &ImagingWindowSearchRequest{Geometry: g, PLNumber: a.d.PLNumber, Product: product,
		Start: req.Start, End: req.End, SatelliteTypes: slices.Clone(a.d.SatelliteTypes)}
}

// SearchGeometry returns what an imaging-window search can be run over for
// an order's geometry g: g itself when it is a Point or a two-point
// LineString (all Planet's search takes), the line from the first to the
// last point of a longer LineString, the centroid of a Polygon or
// MultiPolygon, or nil for anything else (an empty geometry, a polygon of
// no area).
func SearchGeometry(g orb.Geometry) orb.Geometry {
	switch v := g.(type) {
	case orb.Point:
		return v
	case orb.LineString:
		if len(v) < 2 {
			return nil
		}
		return orb.LineString{v[0], v[len(v)-1]}
	case orb.Polygon, orb.MultiPolygon:
		c, area := planar.CentroidArea(v)
		if area <= 0 || math.IsNaN(c[0]) || math.IsNaN(c[1]) {
			return nil
		}
		return c
	}
	return nil
}

// quotaPrice is a pricing preview's cost in quota units, or nil without one.
func quotaPrice(p *Pricing) *tasking.Price {
	if p == nil || p.EstimatedQuotaCost == nil {
		return nil
	}
	unit := p.Units
	if unit == "" {
		unit = "quota units"
	}
	return tasking.Units(*p.EstimatedQuotaCost, unit)
}

// Opportunity returns w as a neutral opportunity to book:
//
//   - ID is the window's id (what an Assured order books), Window its start
//     and end, Satellite its satellite_type;
//   - OffNadir is the best case: the smallest of off_nadir_angle_min/max and
//     the older start_off_nadir/end_off_nadir that were sent;
//   - CloudCover is the first cloud_forecast prediction sent, in percent (as
//     Planet gives it);
//   - Price is the window's own pricing_details (UNCONFIRMED) when it has an
//     estimated_quota_cost, otherwise orderPrice (the order's pricing
//     preview), in quota units; nil when neither is known;
//   - ExpiresAt is the window's start: Planet documents no other expiry for
//     an offered window (UNCONFIRMED), and a window that has begun cannot be
//     booked.
func (w *ImagingWindow) Opportunity(orderPrice *tasking.Price) *tasking.Opportunity {
	o := &tasking.Opportunity{Provider: Name, ID: w.ID, Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: w.StartTime, End: w.EndTime}, Satellite: string(w.SatelliteType),
		ExpiresAt: w.StartTime, Raw: w}
	for _, v := range []*float64{w.OffNadirAngleMin, w.OffNadirAngleMax, w.StartOffNadir, w.EndOffNadir} {
		if v != nil && (o.OffNadir == nil || *v < *o.OffNadir) {
			x := *v
			o.OffNadir = &x
		}
	}
	for _, f := range w.CloudForecast {
		if f.Prediction != nil {
			x := *f.Prediction
			o.CloudCover = &x
			break
		}
	}
	if p := quotaPrice(w.PricingDetails); p != nil {
		o.Price = p
	} else if orderPrice != nil {
		p := *orderPrice
		o.Price = &p
	}
	return o
}

// Captures lists the captures of an order, oldest first, page by page
// (GET /captures/?order_id=…), as neutral captures whose Raw is the
// *Capture.
func (a *Adapter) Captures(ctx context.Context, taskID string) iter.Seq2[*tasking.Capture, error] {
	if err := tasking.CheckID("taskID", taskID); err != nil {
		return adapter.Fail[*tasking.Capture](err)
	}
	return adapter.Captures(a.c.Captures.All(ctx, &CaptureListOptions{OrderID: taskID, Ordering: "created_time"}))
}

// Assets returns the files of a published capture: the Data API assets of
// its items (see Capture.Items) that the API key may download, limited to
// ProviderDefaults.AssetTypes when set. Inactive assets are activated and
// waited for, within ctx, at the client's poll delays (WithPollDelays). Each
// asset is named "<item id>_<asset type>", checked against Planet's MD5, and
// fetched from its location without the API key.
func (a *Adapter) Assets(ctx context.Context, c *tasking.Capture) ([]*tasking.Asset, error) {
	if c == nil || c.Provider != Name {
		return nil, tasking.Invalid("Capture", "is not one of %s's captures", Name)
	}
	raw, ok := c.Raw.(*Capture)
	if !ok || raw == nil {
		var err error
		if raw, err = a.c.Captures.Get(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	items, err := raw.Items()
	if err != nil {
		return nil, err
	}
	var out []*tasking.Asset
	for _, it := range items {
		assets, err := a.prepare(ctx, it)
		if err != nil {
			return out, err
		}
		for _, x := range assets {
			n, err := a.c.Assets.Asset(c.ID, x)
			if err != nil {
				return out, err
			}
			out = append(out, n)
		}
	}
	return out, nil
}

// prepare lists an item's wanted assets, activates those that are
// inactive and polls the listing until every one is active.
func (a *Adapter) prepare(ctx context.Context, it ItemRef) ([]*ItemAsset, error) {
	list := func(ctx context.Context) ([]*ItemAsset, error) {
		all, err := a.c.Assets.List(ctx, it.ItemType, it.ItemID)
		if err != nil {
			return nil, err
		}
		var want []*ItemAsset
		for _, x := range all {
			if x.Downloadable() && (len(a.d.AssetTypes) == 0 || slices.Contains(a.d.AssetTypes, x.Type)) {
				want = append(want, x)
			}
		}
		return want, nil
	}
	want, err := list(ctx)
	if err != nil {
		return nil, err
	}
	ready := true
	for _, x := range want {
		if x.Status == AssetActive {
			continue
		}
		ready = false
		if err := a.c.Assets.Activate(ctx, x); err != nil {
			return nil, err
		}
	}
	if ready {
		return want, nil
	}
	return tasking.Wait(ctx, list, leastReady, AssetLifecycle, a.c.waitOptions(nil))
}

// leastReady is the status of a set of assets: the least advanced one's.
func leastReady(l []*ItemAsset) AssetStatus {
	st := AssetActive
	for _, x := range l {
		switch {
		case x.Status == AssetActive:
		case x.Status == AssetActivating && st == AssetActive:
			st = AssetActivating
		case x.Status != AssetActivating:
			return x.Status
		}
	}
	return st
}
