package clearsky

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// API paths.
const (
	pathOrders        = "api/tasking/orders"
	pathOrderDetails  = "api/tasking/orders/details"
	pathOrderEstimate = "api/tasking/orders/estimate"
	pathOrderCancel   = "api/tasking/orders/cancel"
	pathModels        = "api/tasking/models"
	pathTileSearch    = "api/tasking/search/tiles"
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
// was sent.
func (s *OrdersService) Estimate(ctx context.Context, req *OrderRequest, opts *EstimateOptions) (*OrderEstimate, error) {
	p, err := req.Payload()
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

// EstimatePayload prices a wire payload as it is, after [OrderPayload.Validate].
// TileDeduplication, a create-only field, is not sent.
func (s *OrdersService) EstimatePayload(ctx context.Context, p *OrderPayload) (*OrderEstimate, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return s.estimate(ctx, p)
}

// estimate sends a validated payload to the estimate endpoint.
func (s *OrdersService) estimate(ctx context.Context, p *OrderPayload) (*OrderEstimate, error) {
	body := *p
	body.TileDeduplication = nil
	return call[OrderEstimate](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathOrderEstimate, Body: &body})
}

// Create places an order (POST /api/tasking/orders) and returns it, normally
// in Review. It spends order credits (EUR). The request is sent once: it is
// not retried after a 5xx or a timeout, because the API has no idempotency
// key; after such a failure, list the orders before trying again. req is
// validated first; a *tasking.ValidationError means nothing was sent.
func (s *OrdersService) Create(ctx context.Context, req *OrderRequest, opts *CreateOptions) (*Order, error) {
	p, err := req.Payload()
	if err != nil {
		return nil, err
	}
	return s.create(ctx, p, opts)
}

// CreatePayload places an order from a wire payload as it is, after
// [OrderPayload.Validate]. SimulatedEuroUsage, an estimate-only field, is
// not sent.
func (s *OrdersService) CreatePayload(ctx context.Context, p *OrderPayload, opts *CreateOptions) (*Order, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return s.create(ctx, p, opts)
}

// create sends a validated payload to the create endpoint.
func (s *OrdersService) create(ctx context.Context, p *OrderPayload, opts *CreateOptions) (*Order, error) {
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

// EstimateThenCreate runs the flow the API documents: estimate req, let
// accept look at the estimate, then create exactly the payload that was
// estimated (plus TileDeduplication, which only create takes). It returns
// both answers. If accept (nil accepts everything) returns an error, nothing
// is ordered: the estimate comes back with an error matching
// ErrEstimateDeclined and wrapping accept's. opts applies to the create.
//
// Monthly spend tiers mean the price can still move between the estimate and
// the order if other orders change meanwhile.
func (s *OrdersService) EstimateThenCreate(ctx context.Context, req *OrderRequest, opts *CreateOptions,
	accept func(*OrderEstimate) error) (*OrderEstimate, *Order, error) {
	p, err := req.Payload()
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
// is not paginated: the one answer holds every matching order.
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

// All iterates over the orders List returns, with the stopping rules of
// tasking.Seq. Since the API has no pages, it makes one request.
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

// Get returns one order by id. It asks the details endpoint; if that answers
// that the route does not take POST (405, or a bare 404 without ClearSKY's
// envelope), it falls back to the list endpoint, expired orders included,
// as the documentation conflict on the details endpoint suggests. An unknown
// id gives an error matching tasking.ErrNotFound.
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

// OrderNotFoundError says an order id is unknown to the account. It matches
// tasking.ErrNotFound.
type OrderNotFoundError struct {
	GUID string // the TaskOrderGuid asked for
}

// Error names the order.
func (e *OrderNotFoundError) Error() string { return "clearsky: order " + e.GUID + " not found" }

// Is matches tasking.ErrNotFound.
func (e *OrderNotFoundError) Is(target error) bool { return target == tasking.ErrNotFound }

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

// Cancel cancels an order (DELETE /api/tasking/orders/cancel?taskOrderGuid=…).
// An order in Review is cancelled completely; for an accepted recurring order
// only the coming renewals stop (what is produced stays billed); an accepted
// fixed-window order cannot be cancelled and the API answers with an error.
// Recurring orders must be cancelled before 00:00 UTC on the 1st of the next
// month to avoid that month's charge.
func (s *OrdersService) Cancel(ctx context.Context, guid string) error {
	if err := checkGUID("taskOrderGuid", guid); err != nil {
		return err
	}
	q := struct {
		GUID string `url:"taskOrderGuid"`
	}{guid}
	_, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: pathOrderCancel, Query: q}, nil)
	return err
}

// Wait polls the order (see Get) until opts.Until holds, by default until a
// terminal status (Completed, Canceled, or the legacy Done and Failure).
// A recurring order never gets there by itself: pass
// Until: clearsky.UntilUpToDate to stop when it has caught up.
func (s *OrdersService) Wait(ctx context.Context, guid string, opts *tasking.WaitOptions) (*Order, error) {
	return tasking.Wait(ctx, s.fetcher(guid), orderStatus, OrderLifecycle, opts)
}

// Watch yields the order each time its status changes, until opts.Until
// holds (see Wait).
func (s *OrdersService) Watch(ctx context.Context, guid string, opts *tasking.WaitOptions) iter.Seq2[*Order, error] {
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

// ModelsService reads GET /api/tasking/models.
type ModelsService struct{ c *Client }

// List returns the models the account can order and the constellations each
// one requires or allows. The vendor advises calling it once and caching the
// answer.
func (s *ModelsService) List(ctx context.Context) ([]TaskingModel, error) {
	d, err := call[struct {
		TaskingModels []TaskingModel `json:"TaskingModels"`
	}](ctx, s.c, &transport.Request{Method: http.MethodGet, Path: pathModels})
	if err != nil {
		return nil, err
	}
	return d.TaskingModels, nil
}

// CheckConstellations checks an order's constellations against a model's
// entry from List: every required one present, none the model does not
// support. It returns a *tasking.ValidationError for SatelliteConstellations.
func (m *TaskingModel) CheckConstellations(cs []SatelliteConstellation) error {
	have := map[SatelliteConstellation]bool{}
	for i, c := range cs {
		if !m.Supports(c) {
			return tasking.Invalid(fmt.Sprintf("SatelliteConstellations[%d]", i), "%s is not supported by %s", c, m.Model)
		}
		have[c] = true
	}
	for _, r := range m.Required() {
		if !have[r] {
			return tasking.Invalid("SatelliteConstellations", "%s requires %s", m.Model, r)
		}
	}
	return nil
}
