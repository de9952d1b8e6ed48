package planet

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// Order is a tasking order: a request to image an area of interest within a
// time of interest. (Planet's reviewers call them "tasking orders" to tell
// them from the Orders API, which delivers existing imagery.)
//
// Fields marked (U) are UNCONFIRMED: seen only in third-party code. Members
// this type does not know yet are kept in Unknown. encoding/json/v2 writes
// an Order in Planet's wire format (geometries as GeoJSON) and reads it back,
// without options; a caller giving unmarshalers of its own must include
// geo.JSONOptions for the geometries.
type Order struct {
	ID     string      `json:"id"`     // Planet's id (a UUID)
	Name   string      `json:"name"`   // name given by the customer
	Status OrderStatus `json:"status"` // current status
	// Geometry is the area Planet images. For a point order Planet expands the
	// submitted Point into a small Polygon; OriginalGeometry is what was sent.
	Geometry          orb.Geometry `json:"geometry,omitzero"`
	OriginalGeometry  orb.Geometry `json:"original_geometry,omitzero"`  // as submitted
	FulfilledGeometry orb.Geometry `json:"fulfilled_geometry,omitzero"` // (U)

	StartTime   time.Time `json:"start_time,omitzero"`   // start of the time of interest
	EndTime     time.Time `json:"end_time,omitzero"`     // end of the time of interest
	CreatedTime time.Time `json:"created_time,omitzero"` // when it was created
	UpdatedTime time.Time `json:"updated_time,omitzero"` // when it last changed

	PLNumber       string         `json:"pl_number"`       // contract number, "PL-…"
	Product        string         `json:"product"`         // product name, such as "Assured Tasking"
	SchedulingType SchedulingType `json:"scheduling_type"` // Flexible (empty), Assured, Monitoring, …
	OrderType      OrderType      `json:"order_type"`      // (U)
	ImagingWindow  string         `json:"imaging_window"`  // the booked window of an Assured order; empty otherwise
	RRule          string         `json:"rrule"`           // recurrence of a MONITORING order

	SatElevationAngleMin *float64        `json:"sat_elevation_angle_min"` // lowest satellite elevation accepted, degrees (0–90)
	SatElevationAngleMax *float64        `json:"sat_elevation_angle_max"` // highest satellite elevation accepted, degrees (0–90)
	SatelliteTypes       []SatelliteType `json:"satellite_types"`         // (U)
	CloudThreshold       *float64        `json:"cloud_threshold"`         // (U)
	ExclusivityDays      *int            `json:"exclusivity_days"`        // days captures are withheld from the archive
	NStereoPOV           *int            `json:"n_stereo_pov"`            // (U)
	EarlyStart           *bool           `json:"early_start"`             // (U)
	RequestedItemIDs     []string        `json:"requested_item_ids"`      // (U)
	Delivery             jsontext.Value  `json:"delivery,omitzero"`       // automated-delivery settings, as sent; nil when null

	CaptureCount                  int `json:"capture_count"`                    // (U)
	CaptureStatusQueuedCount      int `json:"capture_status_queued_count"`      // captures QUEUED
	CaptureStatusProcessingCount  int `json:"capture_status_processing_count"`  // captures PROCESSING
	CaptureStatusPublishedCount   int `json:"capture_status_published_count"`   // captures PUBLISHED
	CaptureStatusFailedCount      int `json:"capture_status_failed_count"`      // captures FAILED
	CaptureAssessmentSuccessCount int `json:"capture_assessment_success_count"` // captures assessed SUCCESS
	CaptureAssessmentInvalidCount int `json:"capture_assessment_invalid_count"` // captures assessed INVALID (each one retasked)

	FulfilledTime              time.Time `json:"fulfilled_time,omitzero"`                // (U)
	LastAcquiredTime           time.Time `json:"last_acquired_time,omitzero"`            // (U)
	NextPlannedAcquisitionTime time.Time `json:"next_planned_acquisition_time,omitzero"` // (U)
	RequestedSqkm              *float64  `json:"requested_sqkm"`                         // (U)
	FulfilledSqkm              *float64  `json:"fulfilled_sqkm"`                         // (U)
	EstimatedQuotaCost         *float64  `json:"estimated_quota_cost"`                   // (U)
	UsedQuota                  *float64  `json:"used_quota"`                             // (U)
	CreatedBy                  string    `json:"created_by"`                             // (U)
	IsCancellable              *bool     `json:"is_cancellable"`                         // (U)
	CancellableUntil           time.Time `json:"cancellable_until,omitzero"`             // (U)

	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// GetID returns the order's id ("" for a nil order). Every provider's main
// resource has GetID, GetName and GetStatus.
func (o *Order) GetID() string {
	if o == nil {
		return ""
	}
	return o.ID
}

// GetName returns the order's name ("" for a nil order).
func (o *Order) GetName() string {
	if o == nil {
		return ""
	}
	return o.Name
}

// GetStatus returns the order's status ("" for a nil order).
func (o *Order) GetStatus() OrderStatus {
	if o == nil {
		return ""
	}
	return o.Status
}

// Neutral returns the order as a neutral task. Geometry is the geometry as
// submitted (original_geometry) when Planet reports it. Revisable is set for a
// FULFILLED or EXPIRED order updated less than ReviewWindow ago. Planet does not put
// a status history on the order (see OrderHistory), so History is empty.
// Raw is o itself (no copy).
func (o *Order) Neutral() *tasking.Task {
	if o == nil {
		return nil
	}
	return &tasking.Task{
		Provider:  Name,
		ID:        o.ID,
		Name:      o.Name,
		Status:    o.Status.Neutral(),
		RawStatus: string(o.Status),
		Revisable: o.Status.Revisable() && (o.UpdatedTime.IsZero() || time.Since(o.UpdatedTime) < ReviewWindow),
		Geometry:  o.SubmittedGeometry(),
		Start:     o.StartTime,
		End:       o.EndTime,
		CreatedAt: o.CreatedTime,
		UpdatedAt: o.UpdatedTime,
		Raw:       o,
	}
}

// orderFields is Order without its methods.
type orderFields Order

// UnmarshalJSONFrom reads an order in one pass with the decoder's options
// (the client's: GeoJSON geometries, lenient times, see the package
// documentation).
func (o *Order) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*o = Order{}
	return json.UnmarshalDecode(dec, (*orderFields)(o), withGeoDecoding(dec)...)
}

// MarshalJSONTo writes the order in Planet's wire format: geometries as
// GeoJSON, lists not set as null.
func (o *Order) MarshalJSONTo(enc *jsontext.Encoder) error {
	return json.MarshalEncode(enc, (*orderFields)(o), append(withGeoEncoding(enc), nilSliceAsNull)...)
}

// SubmittedGeometry returns the geometry as submitted (original_geometry)
// when Planet reports it, and Geometry otherwise.
func (o *Order) SubmittedGeometry() orb.Geometry {
	if o.OriginalGeometry != nil {
		return o.OriginalGeometry
	}
	return o.Geometry
}

// OrderCreateRequest is the body of a new order. Leave SchedulingType empty
// for a Flexible order; set ImagingWindow (from an imaging-window search, see
// AssuredOrder) for an Assured order; set SchedulingType MONITORING with an
// RRule for a Monitoring order. PLNumber and Product default to the API key's
// contract. Zero and nil fields are not sent.
type OrderCreateRequest struct {
	Name                 string          // required
	Geometry             orb.Geometry    // Point, LineString or Polygon
	StartTime            time.Time       // start of the time of interest
	EndTime              time.Time       // end of the time of interest; ignored for MONITORING
	PLNumber             string          // contract number, "PL-…"
	Product              string          // product name, such as "Assured Tasking"
	SchedulingType       SchedulingType  // empty: Flexible
	RRule                string          // RFC 5545 rule without "RRULE:", with COUNT (MONITORING)
	ImagingWindow        string          // id of an imaging window to book (Assured)
	SatElevationAngleMin *float64        // lowest satellite elevation accepted, 0–90°
	SatElevationAngleMax *float64        // highest satellite elevation accepted, 0–90°
	SatelliteTypes       []SatelliteType // restrict to constellations (U)
	CloudThreshold       *float64        // (U)
	ExclusivityDays      *int            // archive withhold, 0–30 days (U on create)
	NStereoPOV           *int            // (U)
	EarlyStart           *bool           // (U)
	OrderType            OrderType       // (U)
	RequestedItemIDs     []string        // archive orders (U)
	Delivery             jsontext.Value  // automated delivery: destination and path_prefix
}

// orderCreateWire is an order create body: what is zero or nil is not sent.
type orderCreateWire struct {
	Name                 string          `json:"name"`
	Geometry             orb.Geometry    `json:"geometry"`
	StartTime            time.Time       `json:"start_time,omitzero"`
	EndTime              time.Time       `json:"end_time,omitzero"`
	PLNumber             string          `json:"pl_number,omitempty"`
	Product              string          `json:"product,omitempty"`
	SchedulingType       SchedulingType  `json:"scheduling_type,omitempty"`
	RRule                string          `json:"rrule,omitempty"`
	ImagingWindow        string          `json:"imaging_window,omitempty"`
	SatElevationAngleMin *float64        `json:"sat_elevation_angle_min,omitzero"`
	SatElevationAngleMax *float64        `json:"sat_elevation_angle_max,omitzero"`
	SatelliteTypes       []SatelliteType `json:"satellite_types,omitempty"`
	CloudThreshold       *float64        `json:"cloud_threshold,omitzero"`
	ExclusivityDays      *int            `json:"exclusivity_days,omitzero"`
	NStereoPOV           *int            `json:"n_stereo_pov,omitzero"`
	EarlyStart           *bool           `json:"early_start,omitzero"`
	OrderType            OrderType       `json:"order_type,omitempty"`
	RequestedItemIDs     []string        `json:"requested_item_ids,omitempty"`
	Delivery             jsontext.Value  `json:"delivery,omitzero"`
}

// utc returns t in UTC (the zero time stays zero).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// MarshalJSONTo writes the request in Planet's wire format, in one pass:
// times in UTC, the geometry as GeoJSON.
func (r OrderCreateRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	return json.MarshalEncode(enc, &orderCreateWire{
		Name: r.Name, Geometry: r.Geometry, StartTime: utc(r.StartTime), EndTime: utc(r.EndTime),
		PLNumber: r.PLNumber, Product: r.Product, SchedulingType: r.SchedulingType, RRule: r.RRule,
		ImagingWindow: r.ImagingWindow, SatElevationAngleMin: r.SatElevationAngleMin,
		SatElevationAngleMax: r.SatElevationAngleMax, SatelliteTypes: r.SatelliteTypes,
		CloudThreshold: r.CloudThreshold, ExclusivityDays: r.ExclusivityDays, NStereoPOV: r.NStereoPOV,
		EarlyStart: r.EarlyStart, OrderType: r.OrderType, RequestedItemIDs: r.RequestedItemIDs,
		Delivery: r.Delivery,
	}, withGeoEncoding(enc)...)
}

// encodeOrder validates r and returns its body, marshalled in one pass,
// refusing one of 1 MB or more.
func (c *Client) encodeOrder(r *OrderCreateRequest) ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	body, err := c.t.Marshal(r)
	if err != nil {
		return nil, err
	}
	if err := checkSize("body", body); err != nil {
		return nil, err
	}
	return body, nil
}

// OrderUpdateRequest edits an order. Planet lets only the name, the start
// time (while the order is PENDING or REQUESTED) and the end time change;
// the geometry and everything else are fixed once the order exists (cancel
// it and create a new one). Zero fields are left as they are.
type OrderUpdateRequest struct {
	Name      string    // new name
	StartTime time.Time // new start (PENDING or REQUESTED orders only)
	EndTime   time.Time // new end
}

type orderUpdateWire struct {
	Name      string    `json:"name,omitempty"`      // name given by the customer
	StartTime time.Time `json:"start_time,omitzero"` // start of the time of interest
	EndTime   time.Time `json:"end_time,omitzero"`   // end of the time of interest
}

// MarshalJSONTo writes the edit in Planet's wire format: only the fields
// set, times in UTC.
func (r OrderUpdateRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	return json.MarshalEncode(enc, &orderUpdateWire{Name: r.Name, StartTime: utc(r.StartTime), EndTime: utc(r.EndTime)})
}

// OrderListOptions filters, orders and pages Orders.List and Orders.All.
// Zero fields are not sent; times are sent in RFC 3339 with their fraction
// of a second, so that a strict bound (__lt, __gt) stays exact. The
// __gt/__gte/__lt/__lte filters follow Planet's Django-style convention;
// each one is UNCONFIRMED per field, as are PLNumber, Product and
// SchedulingType.
type OrderListOptions struct {
	// Status keeps orders in any of these statuses: one is sent as status=,
	// several as status__in=.
	Status OrderStatusList `url:"status,omitempty"`
	// NameContains keeps orders whose name contains it, case-insensitively.
	NameContains   string         `url:"name__icontains,omitempty"`
	PLNumber       string         `url:"pl_number,omitempty"`       // only orders on this contract number
	Product        string         `url:"product,omitempty"`         // only orders of this product
	SchedulingType SchedulingType `url:"scheduling_type,omitempty"` // only orders of this scheduling type

	CreatedTimeGT  time.Time `url:"created_time__gt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // created time after this
	CreatedTimeGTE time.Time `url:"created_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // created time at or after this
	CreatedTimeLT  time.Time `url:"created_time__lt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // created time before this
	CreatedTimeLTE time.Time `url:"created_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // created time at or before this
	UpdatedTimeGT  time.Time `url:"updated_time__gt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // updated time after this
	UpdatedTimeGTE time.Time `url:"updated_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // updated time at or after this
	UpdatedTimeLT  time.Time `url:"updated_time__lt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // updated time before this
	UpdatedTimeLTE time.Time `url:"updated_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // updated time at or before this
	StartTimeGT    time.Time `url:"start_time__gt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`    // start time after this
	StartTimeGTE   time.Time `url:"start_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // start time at or after this
	StartTimeLT    time.Time `url:"start_time__lt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`    // start time before this
	StartTimeLTE   time.Time `url:"start_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // start time at or before this
	EndTimeGT      time.Time `url:"end_time__gt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`      // end time after this
	EndTimeGTE     time.Time `url:"end_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`     // end time at or after this
	EndTimeLT      time.Time `url:"end_time__lt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`      // end time before this
	EndTimeLTE     time.Time `url:"end_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`     // end time at or before this

	// Ordering is a comma list of fields, "-" first for descending, such as
	// "-updated_time,-created_time".
	Ordering string `url:"ordering,omitempty"`
	// Limit is the page size; Offset the number of items skipped.
	Limit  int `url:"limit,omitempty"`
	Offset int `url:"offset,omitempty"` // items to skip
}

// OrdersService is the orders area of the API: /orders/.
type OrdersService struct{ c *Client }

// Create places an order. It is validated first (see OrderCreateRequest.Validate)
// and sent exactly once: a create is never retried after it may have reached
// Planet, because a second order costs money.
//
// Endpoint: POST /tasking/v2/orders/; see https://developers.planet.com/docs/tasking/examples/orders/.
func (s *OrdersService) Create(ctx context.Context, r *OrderCreateRequest) (*Order, error) {
	body, err := s.c.encodeOrder(r)
	if err != nil {
		return nil, err
	}
	var o Order
	resp, err := s.c.t.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "orders/",
		Body: body, Create: true}, &o)
	if err != nil {
		return nil, err
	}
	if o.ID == "" && resp.Empty {
		// Created without a body: read the order the Location names.
		if loc := resp.Header.Get("Location"); loc != "" {
			return s.getAt(ctx, loc)
		}
	}
	if err := resp.Holds("order", o.ID != ""); err != nil {
		return nil, err
	}
	return &o, nil
}

// Get reads one order.
//
// Endpoint: GET /tasking/v2/orders/{id}/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *OrdersService) Get(ctx context.Context, id string) (*Order, error) {
	p, err := itemPath("order_id", "orders/", id)
	if err != nil {
		return nil, err
	}
	return s.getAt(ctx, p)
}

func (s *OrdersService) getAt(ctx context.Context, path string) (*Order, error) {
	u, err := s.c.resolve(path)
	if err != nil {
		return nil, err
	}
	return get(ctx, s.c, u, "order", func(o *Order) bool { return o.ID != "" })
}

// List reads one page of orders. Page.Next (or Page.NextOffset) leads to the
// next page; All reads every page.
//
// Endpoint: GET /tasking/v2/orders/; see https://developers.planet.com/docs/tasking/examples/filters.
func (s *OrdersService) List(ctx context.Context, opts *OrderListOptions) (*Page[*Order], error) {
	return listPage[*Order](ctx, s.c, "orders/", opts)
}

// All iterates over every order matching opts, following "next" from page to
// page and holding one page in memory at a time. It stops at the first error,
// which it yields.
//
// Endpoint: GET /tasking/v2/orders/, page after page.
//
// See https://developers.planet.com/docs/tasking/examples/filters.
func (s *OrdersService) All(ctx context.Context, opts *OrderListOptions) iter.Seq2[*Order, error] {
	return listAll[*Order](ctx, s.c, "orders/", opts)
}

// Update edits an order's name, start time or end time with a PUT carrying
// only the fields set. It is validated first. When the answer does not hold
// the order, Update reads it with Get.
//
// Endpoint: PUT /tasking/v2/orders/{id}/; see https://developers.planet.com/docs/tasking/examples/orders/.
func (s *OrdersService) Update(ctx context.Context, id string, r *OrderUpdateRequest) (*Order, error) {
	p, err := itemPath("order_id", "orders/", id)
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return s.change(ctx, id, &transport.Request{Method: http.MethodPut, Path: p, Body: r})
}

// Cancel asks Planet to cancel an order and returns the order as it stands
// afterwards: the one in the answer or, when the answer holds none, the one
// Get reads then (a nil error always comes with the order). Planet accepts a
// cancel while the order is RECEIVED, REQUESTED, PENDING or IN_PROGRESS;
// otherwise it answers 4xx, returned as a *tasking.APIError. The order may
// pass through PENDING_CANCELLATION: use Wait to see it CANCELLED. Captures
// already queued, processing or published may still be charged.
//
// Endpoint: DELETE /tasking/v2/orders/{id}/; see https://docs.planet.com/develop/apis/tasking/flexible_tasking/.
func (s *OrdersService) Cancel(ctx context.Context, id string) (*Order, error) {
	p, err := itemPath("order_id", "orders/", id)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, id, &transport.Request{Method: http.MethodDelete, Path: p})
}

// change sends r, an edit or a cancel of order id, and returns the order as
// it then stands: the one in the answer or, when the answer holds none, the
// one Get reads (Get refuses an answer that holds no order).
func (s *OrdersService) change(ctx context.Context, id string, r *transport.Request) (*Order, error) {
	var o Order
	if _, err := s.c.t.Do(ctx, r, &o); err != nil {
		return nil, err
	}
	if o.ID == "" {
		return s.Get(ctx, id)
	}
	return &o, nil
}

// Pricing reads the pricing of an existing order (path UNCONFIRMED).
//
// Endpoint: GET /tasking/v2/orders/{id}/pricing/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *OrdersService) Pricing(ctx context.Context, id string) (*Pricing, error) {
	p, err := itemPath("order_id", "orders/", id, "pricing/")
	if err != nil {
		return nil, err
	}
	return get(ctx, s.c, p, "pricing", (*Pricing).held)
}

// Wait polls the order until it reaches a terminal status (or opts.Until
// holds), checking each change against OrderLifecycle and reporting moves it
// does not allow through opts.OnUnexpected. FULFILLED and EXPIRED may still
// be reversed by human review: set opts.SettleFor to keep polling until the
// result has held that long.
//
// Endpoint: GET /tasking/v2/orders/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *OrdersService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Order, error) {
	return tasking.Wait(ctx, s.fetcher(id), orderStatus, OrderLifecycle, s.c.waitOptions(opts))
}

// Watch is the iterator form of Wait: it yields the order each time its
// status changes, the first observation included.
//
// Endpoint: GET /tasking/v2/orders/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *OrdersService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*Order, error] {
	return tasking.Watch(ctx, s.fetcher(id), orderStatus, OrderLifecycle, s.c.waitOptions(opts))
}

func (s *OrdersService) fetcher(id string) func(context.Context) (*Order, error) {
	return func(ctx context.Context) (*Order, error) { return s.Get(ctx, id) }
}

func orderStatus(o *Order) OrderStatus { return o.Status }

// resolve turns a Location header or a path into something the transport
// accepts: a path beneath the base URL stays as it is; a path from the host
// root (Planet's Location headers, "/tasking/v2/…") and an absolute URL
// become an absolute URL, which the transport follows only on the API host.
func (c *Client) resolve(loc string) (string, error) {
	if !strings.HasPrefix(loc, "/") && !strings.Contains(loc, "://") {
		return loc, nil
	}
	u, err := c.t.BaseURL().Parse(loc)
	if err != nil {
		return "", fmt.Errorf("planet: invalid location %q: %w", loc, err)
	}
	return u.String(), nil
}
