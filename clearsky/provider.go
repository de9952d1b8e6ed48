package clearsky

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/tasking"
)

// ProviderDefaults holds what a neutral tasking.Request does not say about a
// ClearSKY order. Zero fields take the documented defaults.
type ProviderDefaults struct {
	// Model defaults to ModelStratus2.
	Model Model
	// SatelliteConstellations defaults to the model's required ones.
	SatelliteConstellations []SatelliteConstellation
	// StorageMonths defaults to 1.
	StorageMonths int
	// APIRequests defaults to 1.
	APIRequests int
	// ImageFrequency defaults to 7 (weekly).
	ImageFrequency int
	// ReferenceDate defaults to the order's From date.
	ReferenceDate Date
	// Encoding chooses Wkt (the default) or GeoJson for the geometry.
	Encoding GeometryEncoding
	// IncludeExpired makes Tasks list expired orders too.
	IncludeExpired bool
	// ResumeDownloads lets the assets Assets returns resume a cut download
	// by POSTing it again with a Range header. Off by default: each POST to
	// a download endpoint may spend processing credits again if the API
	// charges per request (UNCONFIRMED). See SourceOptions.
	ResumeDownloads bool
	// SkipReadyCheck makes Assets skip the free availability check (POST
	// /api/satelliteimages/process/composite/available) it runs before
	// handing out a composite.
	SkipReadyCheck bool
}

func (d ProviderDefaults) withDefaults() ProviderDefaults {
	if d.Model == "" {
		d.Model = ModelStratus2
	}
	if len(d.SatelliteConstellations) == 0 {
		d.SatelliteConstellations = d.Model.RequiredConstellations()
		if len(d.SatelliteConstellations) == 0 {
			d.SatelliteConstellations = ModelStratus2.RequiredConstellations()
		}
	}
	if d.StorageMonths == 0 {
		d.StorageMonths = 1
	}
	if d.APIRequests == 0 {
		d.APIRequests = 1
	}
	if d.ImageFrequency == 0 {
		d.ImageFrequency = 7
	}
	return d
}

// Adapter is ClearSKY behind the neutral tasking.Provider,
// tasking.Estimator and tasking.PollHinter interfaces. Make one with
// Client.Provider.
//
// A neutral request becomes a polygon order: Geometry is the AOI, Start's
// UTC date is From, End's UTC date is To (inclusive), and a zero End makes a
// recurring order. ClearSKY orders have no name: Request.Name is not sent
// and Task.Name is empty.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

// Provider returns the neutral adapter for c.
func (c *Client) Provider(defaults ProviderDefaults) *Adapter {
	return &Adapter{c: c, d: defaults.withDefaults()}
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.Deliverer  = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
	_ tasking.PollHinter = (*Client)(nil)
)

// Name returns "clearsky".
func (a *Adapter) Name() string { return Name }

// Client returns the ClearSKY client behind the adapter, for what the neutral
// view does not cover.
func (a *Adapter) Client() *Client { return a.c }

// PollDelays returns the client's default poll delays (see WithPollDelays;
// zero when not set), which tasking.WaitTask uses where its WaitOptions
// leave MinDelay or MaxDelay zero.
func (a *Adapter) PollDelays() (min, max time.Duration) { return a.c.PollDelays() }

// Request returns the order Submit places for req, with the adapter's
// defaults, checked as Submit checks it: a *tasking.ValidationError names
// the neutral field (Geometry, Start, End), not the wire one (Wkt, From,
// To), and an opportunity cannot be booked (see Submit).
func (a *Adapter) Request(req *tasking.Request) (*OrderRequest, error) {
	r, _, err := a.submission(req)
	return r, err
}

// submission is Request with the order's checked wire body.
func (a *Adapter) submission(req *tasking.Request) (*OrderRequest, *orderPayload, error) {
	r, p, err := a.orderRequest(req)
	if err != nil {
		return nil, nil, err
	}
	if err := tasking.CheckBooking(req, Name, time.Now()); err != nil {
		return nil, nil, err
	}
	if req.Opportunity != nil {
		// CheckBooking lets only passes through; ClearSKY offers none.
		return nil, nil, fmt.Errorf("%w: ClearSKY orders cannot book a %s opportunity", tasking.ErrUnsupported, req.Opportunity.Kind)
	}
	return r, p, nil
}

// orderRequest builds the order request and its validated wire body.
func (a *Adapter) orderRequest(req *tasking.Request) (*OrderRequest, *orderPayload, error) {
	if err := tasking.CheckRequest(req); err != nil {
		return nil, nil, err
	}
	if req.Start.IsZero() {
		return nil, nil, tasking.Invalid("Start", "the window start is required")
	}
	from := DateOf(req.Start)
	r := &OrderRequest{
		AOI:                     &PolygonAOI{Geometry: req.Geometry, Encoding: a.d.Encoding},
		SatelliteConstellations: slices.Clone(a.d.SatelliteConstellations),
		Model:                   a.d.Model,
		StorageMonths:           a.d.StorageMonths,
		APIRequests:             a.d.APIRequests,
		ImageFrequency:          a.d.ImageFrequency,
		ReferenceDate:           a.d.ReferenceDate,
		From:                    from,
	}
	if r.ReferenceDate.IsZero() {
		r.ReferenceDate = from
	}
	if !req.End.IsZero() {
		to := DateOf(req.End)
		r.To = &to
	}
	p, err := r.payload()
	if err != nil {
		return nil, nil, neutralFields.Rename(err)
	}
	return r, p, nil
}

// neutralFields maps the order's wire fields onto the tasking.Request
// fields they come from, for the Adapter's validation errors.
var neutralFields = adapter.Fields{"Wkt": "Geometry", "GeoJson": "Geometry", "From": "Start", "To": "End"}

// Submit places a polygon order for req (see Adapter). It is sent once.
//
// ClearSKY cannot book an opportunity: its opportunities are production
// dates, not passes. A request with an Opportunity fails before anything is
// sent, with a *tasking.ValidationError on Opportunity for another
// provider's and an error matching tasking.ErrUnsupported for ClearSKY's
// own (tasking.CheckBooking).
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	_, p, err := a.submission(req)
	if err != nil {
		return nil, err
	}
	t, err := adapter.Neutral(a.c.Orders.create(ctx, p, nil))
	return t, neutralFields.Rename(err)
}

// Task fetches one order as a neutral task.
func (a *Adapter) Task(ctx context.Context, id string) (*tasking.Task, error) {
	return adapter.Neutral(a.c.Orders.Get(ctx, id))
}

// Tasks lists the account's orders as neutral tasks matching f. The API
// filters nothing the neutral filter names, so f is applied here.
func (a *Adapter) Tasks(ctx context.Context, f *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	return adapter.Tasks(a.c.Orders.All(ctx, &OrderListOptions{GetExpired: a.d.IncludeExpired}), f)
}

// Cancel cancels an order (DELETE /api/tasking/orders/cancel; see
// OrdersService.Cancel) without reading it back.
func (a *Adapter) Cancel(ctx context.Context, id string) error { return a.c.Orders.cancel(ctx, id) }

// Estimate prices req as the order Submit would place. Feasibility is
// Feasible when the window yields image dates, Infeasible when it yields
// none; Price is this month's cost; Opportunities are the image dates, one
// UTC day each, earliest first, and Earliest the first of them.
//
// An image date is a production date (tasking.OpportunityProductionDate),
// not a pass: it cannot be booked (Submit refuses it). It has no Price:
// ClearSKY prices the whole order (Estimate.Price), not dates. Satellite is
// the order's constellations joined by "+", Raw the Date.
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	_, p, err := a.orderRequest(req)
	if err != nil {
		return nil, err
	}
	e, err := a.c.Orders.estimate(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &tasking.Estimate{Provider: Name, Feasibility: tasking.Infeasible, Raw: e}
	if amount, currency, ok := e.Total(); ok {
		out.Price = tasking.Money(amount, currency)
	}
	satellite := joinConstellations(e.SatelliteConstellations, "+")
	if satellite == "" {
		satellite = joinConstellations(p.SatelliteConstellations, "+")
	}
	dates := slices.Clone(e.ImageDates)
	slices.SortStableFunc(dates, func(x, y Date) int { return x.Time().Compare(y.Time()) })
	for _, d := range dates {
		o := &tasking.Opportunity{Provider: Name, Kind: tasking.OpportunityProductionDate,
			Window: tasking.Window{Start: d.Time(), End: d.AddDays(1).Time()}, Satellite: satellite, Raw: d}
		out.Opportunities = append(out.Opportunities, o)
	}
	if len(out.Opportunities) > 0 {
		out.Feasibility = tasking.Feasible
		out.Earliest = out.Opportunities[0].Start
	} else {
		out.Needs = []string{"a window that contains at least one image date (ReferenceDate + k × ImageFrequency)"}
	}
	return out, nil
}

// Captures lists an order's image dates that are complete for its whole
// area, as published captures, earliest first (see ImagesService.OrderImages:
// the order is read, then POST /api/satelliteimages/search/available is
// asked once). Each capture's Raw is an *OrderImage.
func (a *Adapter) Captures(ctx context.Context, taskID string) iter.Seq2[*tasking.Capture, error] {
	return func(yield func(*tasking.Capture, error) bool) {
		images, err := a.c.Images.OrderImages(ctx, taskID)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, i := range images {
			if !yield(i.Neutral(), nil) {
				return
			}
		}
	}
}

// Assets returns the one file of an image date: the composite GeoTIFF of
// the order's area on that date (see ImagesService.Composite), named
// composite_<date>.tif. Unless ProviderDefaults.SkipReadyCheck is set, it
// first runs the free availability check (POST
// /api/satelliteimages/process/composite/available) and returns a
// *NotReadyError when the composite cannot be served, so that no download
// is tried in vain. ClearSKY gives no checksum and no size ahead of the
// download: Size is 0 and the bytes are checked against the answer's
// Content-Length. Downloading spends processing credits; a cut download
// resumes only with ProviderDefaults.ResumeDownloads.
//
// c.Raw should be the *OrderImage Captures made; a capture rebuilt from its
// ID alone works too (the order is then read again).
func (a *Adapter) Assets(ctx context.Context, c *tasking.Capture) ([]*tasking.Asset, error) {
	if c == nil {
		return nil, tasking.Invalid("Capture", "is required")
	}
	img, ok := c.Raw.(*OrderImage)
	if !ok || img == nil || img.Order == nil {
		guid, d, err := ParseOrderImageID(c.ID)
		if err != nil {
			return nil, err
		}
		images, err := a.c.Images.OrderImages(ctx, guid)
		if err != nil {
			return nil, err
		}
		img = nil
		for _, i := range images {
			if i.Date == d {
				img = i
			}
		}
		if img == nil {
			return nil, fmt.Errorf("clearsky: order %s has no complete image on %s: %w", guid, d, tasking.ErrNotFound)
		}
	}
	req := img.CompositeRequest()
	if !a.d.SkipReadyCheck {
		av, err := a.c.Images.CompositeAvailable(ctx, req)
		if err != nil {
			return nil, err
		}
		if !av.Ready() {
			return nil, &NotReadyError{Date: img.Date, Availability: av}
		}
	}
	asset, err := a.c.Images.Composite(req, &SourceOptions{Resume: a.d.ResumeDownloads})
	if err != nil {
		return nil, err
	}
	asset.CaptureID = OrderImageID(img.Order.TaskOrderGUID, img.Date)
	return []*tasking.Asset{asset}, nil
}
