package planet

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"slices"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
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

	// SearchProduct is the product Estimate searches imaging windows for
	// (for example "Assured Tasking"); empty uses Product. A search needs a
	// PLNumber, a product and a Point or two-point LineString; without them
	// Estimate only prices the order.
	SearchProduct string
	// EstimateWait tunes the polling of Estimate's search; nil polls at the
	// client's poll delays (WithPollDelays) or, without them, every second at
	// first, backing off to every 10 seconds.
	EstimateWait *tasking.WaitOptions
}

// Adapter is the neutral face of a Client: it implements tasking.Provider,
// tasking.Estimator and tasking.PollHinter.
type Adapter struct {
	c *Client
	d ProviderDefaults
}

var (
	_ tasking.Provider   = (*Adapter)(nil)
	_ tasking.Estimator  = (*Adapter)(nil)
	_ tasking.PollHinter = (*Adapter)(nil)
)

// Provider returns the client as a tasking.Provider that places orders with
// the given defaults.
func (c *Client) Provider(d ProviderDefaults) *Adapter { return &Adapter{c: c, d: d} }

// PollDelays returns the client's poll delays (see WithPollDelays; zero when
// not set), so that tasking.WaitTask polls the Adapter as the client would.
func (a *Adapter) PollDelays() (min, max time.Duration) { return a.c.PollDelays() }

// Name returns "planet".
func (a *Adapter) Name() string { return Name }

// Request turns a neutral request into the order it places.
func (a *Adapter) Request(req *tasking.Request) *OrderCreateRequest {
	if req == nil {
		req = &tasking.Request{}
	}
	return &OrderCreateRequest{
		Name: req.Name, Geometry: req.Geometry, StartTime: req.Start, EndTime: req.End,
		PLNumber: a.d.PLNumber, Product: a.d.Product, SchedulingType: a.d.SchedulingType, RRule: a.d.RRule,
		SatelliteTypes: slices.Clone(a.d.SatelliteTypes), SatElevationAngleMin: a.d.SatElevationAngleMin,
		SatElevationAngleMax: a.d.SatElevationAngleMax, ExclusivityDays: a.d.ExclusivityDays,
	}
}

// Submit places an order (validated first, sent exactly once).
func (a *Adapter) Submit(ctx context.Context, req *tasking.Request) (*tasking.Task, error) {
	if req == nil {
		return nil, tasking.Invalid("", "no request")
	}
	return adapter.Neutral(a.c.Orders.Create(ctx, a.Request(req)))
}

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

// Cancel cancels an order (see OrderService.Cancel).
func (a *Adapter) Cancel(ctx context.Context, id string) error {
	return adapter.Err(a.c.Orders.Cancel(ctx, id))
}

// Estimate prices the order the request would place (POST /pricing/) and,
// when the defaults allow an imaging-window search (see
// ProviderDefaults.SearchProduct), searches the windows in the request's time
// of interest: they become Opportunities, the first one Earliest, and the
// verdict Feasible when there is at least one and Infeasible when there is
// none or the search fails. Without a search, Feasibility stays unknown. An
// account without the pricing preview (404 or 405) gives no Price.
func (a *Adapter) Estimate(ctx context.Context, req *tasking.Request) (*tasking.Estimate, error) {
	if req == nil {
		return nil, tasking.Invalid("", "no request")
	}
	r := a.Request(req)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	est := &tasking.Estimate{Provider: Name}
	var raw EstimateDetails
	pr, err := a.c.Pricing.Preview(ctx, r)
	var apiErr *tasking.APIError
	switch {
	case err == nil:
		raw.Pricing = pr
		if pr.EstimatedQuotaCost != nil {
			est.Price = &tasking.Price{Amount: *pr.EstimatedQuotaCost, Currency: pr.Units}
		}
	case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusMethodNotAllowed):
		// No pricing preview for this account: no price.
	default:
		return nil, err
	}
	if q := a.searchRequest(req); q != nil {
		wait := a.d.EstimateWait
		if wait == nil {
			wait = &tasking.WaitOptions{MinDelay: time.Second, MaxDelay: 10 * time.Second}
			if lo, hi := a.c.PollDelays(); lo > 0 || hi > 0 {
				wait = (&tasking.WaitOptions{}).WithPollDelays(lo, hi)
			}
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
					est.Opportunities = append(est.Opportunities, &tasking.Opportunity{Provider: Name,
						Kind: tasking.OpportunityPass, Window: tasking.Window{Start: w.StartTime, End: w.EndTime}, Raw: w})
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

// searchRequest returns the imaging-window search Estimate can run for req,
// or nil when the defaults or the geometry do not allow one.
func (a *Adapter) searchRequest(req *tasking.Request) *ImagingWindowSearchRequest {
	product := a.d.SearchProduct
	if product == "" {
		product = a.d.Product
	}
	if a.d.PLNumber == "" || product == "" {
		return nil
	}
	switch g := req.Geometry.(type) {
	case orb.Point:
	case orb.LineString:
		if len(g) != 2 {
			return nil
		}
	default:
		return nil
	}
	return &ImagingWindowSearchRequest{Geometry: req.Geometry, PLNumber: a.d.PLNumber, Product: product,
		Start: req.Start, End: req.End, SatelliteTypes: slices.Clone(a.d.SatelliteTypes)}
}
