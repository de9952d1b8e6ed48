package planet

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
)

// Capture is one imaging attempt made to fulfil an order. An order may need
// several: a capture assessed INVALID (too cloudy) leads to a new one.
//
// Confirmed fields are id, order_id, fulfilling and strip_id (the key to the
// imagery in the Data API, item type SkySatCollect); the rest are seen in
// Planet's examples or in third-party code. Members not listed here are
// kept in Unknown.
type Capture struct {
	ID                string        `json:"id"`                 // Planet's id (a UUID)
	OrderID           string        `json:"order_id"`           // the tasking order
	Status            CaptureStatus `json:"status"`             // current status
	StatusDescription string        `json:"status_description"` // why the status is what it is, when Planet says
	Assessment        Assessment    `json:"assessment"`         // SUCCESS or INVALID once published
	AssessmentTime    time.Time     `json:"assessment_time"`    // when it was assessed
	// Fulfilling is true for the capture that fulfils its order.
	Fulfilling    bool          `json:"fulfilling"`
	StripID       string        `json:"strip_id"`       // the strip: the key to the imagery in the Data API
	SatelliteType SatelliteType `json:"satellite_type"` // the constellation
	// CloudCover is the assessed cloud cover, a fraction from 0 to 1.
	CloudCover          *float64 `json:"cloud_cover"`
	ItemIDs             []string `json:"item_ids"`              // Data API item ids
	SceneIDs            []string `json:"scene_ids"`             // Data API scene ids
	ItemTypes           []string `json:"item_types"`            // Data API item types
	DeliveredAssetTypes []string `json:"delivered_asset_types"` // asset types delivered
	GroundID            string   `json:"ground_id"`             // ground station
	PLNumber            string   `json:"pl_number"`             // contract number, "PL-…"
	Product             string   `json:"product"`               // product name, such as "Assured Tasking"
	OrderName           string   `json:"order_name"`            // the order's name

	CreatedTime            time.Time `json:"created_time"`             // when it was created
	UpdatedTime            time.Time `json:"updated_time"`             // when it last changed
	PlannedAcquisitionTime time.Time `json:"planned_acquisition_time"` // when the acquisition is planned
	// AcquiredTime is when the image was taken, always UTC.
	AcquiredTime  time.Time `json:"acquired_time"`
	PublishedTime time.Time `json:"published_time"` // when it was published to the customer

	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Neutral returns the capture as a neutral tasking.Capture: TaskID is its
// order, CloudCover the assessed cloud_cover in percent (Planet gives a
// fraction from 0 to 1), Satellite its constellation and Raw c itself.
// Planet's captured_area is UNCONFIRMED and not read: Footprint is nil (the
// member stays in Unknown).
func (c *Capture) Neutral() *tasking.Capture {
	if c == nil {
		return nil
	}
	out := &tasking.Capture{Provider: Name, ID: c.ID, TaskID: c.OrderID, Status: c.Status.Neutral(),
		RawStatus: string(c.Status), AcquiredAt: c.AcquiredTime, Satellite: string(c.SatelliteType), Raw: c}
	if c.CloudCover != nil {
		pct := *c.CloudCover * 100
		out.CloudCover = &pct
	}
	return out
}

// ExclusivityEnd returns when a capture acquired at acquired leaves its
// exclusivity period and is published to the SkySat archive: the
// acquisition time (UTC) plus the order's exclusivity_days. With no
// exclusivity (0 days) that is the acquisition time itself.
func ExclusivityEnd(acquired time.Time, exclusivityDays int) time.Time {
	return acquired.UTC().AddDate(0, 0, exclusivityDays)
}

// ExclusiveUntil applies ExclusivityEnd to c with the exclusivity of its
// order o. It reports false when c has no acquisition time yet.
func (c *Capture) ExclusiveUntil(o *Order) (time.Time, bool) {
	if c == nil || c.AcquiredTime.IsZero() {
		return time.Time{}, false
	}
	days := 0
	if o != nil && o.ExclusivityDays != nil {
		days = *o.ExclusivityDays
	}
	return ExclusivityEnd(c.AcquiredTime, days), true
}

// ArchiveRelease is when one published capture of an order reaches the
// SkySat archive.
type ArchiveRelease struct {
	Capture         *Capture  // the published capture
	ExclusivityDays int       // the order's exclusivity_days (0 when it has none)
	ArchiveTime     time.Time // acquired_time + exclusivity_days, UTC
}

// ArchiveSchedule follows Planet's recipe for archive publication dates: it
// reads the order's exclusivity_days, lists the order's PUBLISHED captures,
// and adds the days to each capture's acquired_time.
//
// Endpoint: GET /tasking/v2/orders/{id}/, then GET /tasking/v2/captures/?order_id={id}&status=PUBLISHED.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) ArchiveSchedule(ctx context.Context, orderID string) ([]ArchiveRelease, error) {
	o, err := s.c.Orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	days := 0
	if o.ExclusivityDays != nil {
		days = *o.ExclusivityDays
	}
	var out []ArchiveRelease
	opts := &CaptureListOptions{OrderID: orderID, Status: CaptureStatusList{CapturePublished}}
	for c, err := range s.All(ctx, opts) {
		if err != nil {
			return out, err
		}
		if t, ok := c.ExclusiveUntil(o); ok {
			out = append(out, ArchiveRelease{Capture: c, ExclusivityDays: days, ArchiveTime: t})
		}
	}
	return out, nil
}

// CaptureListOptions filters, orders and pages Captures.List and All. The
// order_id and fulfilling filters are documented; status and the time ranges
// follow Planet's filter convention (UNCONFIRMED per field).
type CaptureListOptions struct {
	OrderID    string            `url:"order_id,omitempty"`   // only this order's
	Fulfilling *bool             `url:"fulfilling,omitempty"` // only captures that fulfil (true) or do not (false) their order
	Status     CaptureStatusList `url:"status,omitempty"`     // any of these statuses (status= for one, status__in= for several)

	CreatedTimeGTE   time.Time `url:"created_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // created time at or after this
	CreatedTimeLTE   time.Time `url:"created_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // created time at or before this
	UpdatedTimeGTE   time.Time `url:"updated_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // updated time at or after this
	UpdatedTimeLTE   time.Time `url:"updated_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`   // updated time at or before this
	AcquiredTimeGTE  time.Time `url:"acquired_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // acquired time at or after this
	AcquiredTimeLTE  time.Time `url:"acquired_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // acquired time at or before this
	PublishedTimeGTE time.Time `url:"published_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // published time at or after this
	PublishedTimeLTE time.Time `url:"published_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // published time at or before this

	Ordering string `url:"ordering,omitempty"` // comma list of fields, "-" first for descending
	Limit    int    `url:"limit,omitempty"`    // page size
	Offset   int    `url:"offset,omitempty"`   // items to skip
}

// Review is a customer's dispute of a capture's assessment; the capture is
// then reassessed by a person. Fields beyond the request's are UNCONFIRMED.
type Review struct {
	ID          string         `json:"id"`           // Planet's id (a UUID)
	CaptureID   string         `json:"capture_id"`   // the capture
	Category    ReviewCategory `json:"category"`     // why the assessment is disputed
	Description string         `json:"description"`  // the customer's explanation
	Status      string         `json:"status"`       // current status
	CreatedTime time.Time      `json:"created_time"` // when it was created
	UpdatedTime time.Time      `json:"updated_time"` // when it last changed
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// ReviewCreateRequest opens a review of a capture.
type ReviewCreateRequest struct {
	Category    ReviewCategory `json:"category"`    // why the assessment is disputed
	Description string         `json:"description"` // the customer's explanation
}

// ReviewListOptions pages Captures.Reviews.
type ReviewListOptions struct {
	Ordering string `url:"ordering,omitempty"` // comma list of fields, "-" first for descending
	Limit    int    `url:"limit,omitempty"`    // page size
	Offset   int    `url:"offset,omitempty"`   // items to skip
}

// CapturesService is the captures area of the API: /captures/.
type CapturesService struct{ c *Client }

// List reads one page of captures, for example those of one order:
// &CaptureListOptions{OrderID: id, Fulfilling: &yes}.
//
// Endpoint: GET /tasking/v2/captures/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) List(ctx context.Context, opts *CaptureListOptions) (*Page[*Capture], error) {
	return listPage[*Capture](ctx, s.c, "captures/", opts)
}

// All iterates over every capture matching opts, one page in memory at a time.
//
// Endpoint: GET /tasking/v2/captures/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) All(ctx context.Context, opts *CaptureListOptions) iter.Seq2[*Capture, error] {
	return listAll[*Capture](ctx, s.c, "captures/", opts)
}

// Get reads one capture (path UNCONFIRMED: /captures/{id}/).
//
// Endpoint: GET /tasking/v2/captures/{id}/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) Get(ctx context.Context, id string) (*Capture, error) {
	p, err := itemPath("capture_id", "captures/", id)
	if err != nil {
		return nil, err
	}
	return get(ctx, s.c, p, "capture", func(c *Capture) bool { return c.ID != "" })
}

// Wait polls a capture until its status is terminal (PUBLISHED, FAILED or
// REMOVED), checking changes against CaptureLifecycle. Because tasking.Wait
// speaks order statuses, the events given to opts.OnChange carry the raw
// capture status and a neutral status standing for it: queued and scheduled
// captures are "scheduled", processing "in_progress", PUBLISHED "completed",
// FAILED "failed" and REMOVED "cancelled".
//
// Endpoint: GET /tasking/v2/captures/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Capture, error) {
	return tasking.Wait(ctx, s.fetcher(id), progressOf, captureProgressLifecycle, s.c.waitOptions(opts))
}

// Watch is the iterator form of Wait: it yields the capture each time its
// status changes, the first observation included, with the same events.
//
// Endpoint: GET /tasking/v2/captures/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *CapturesService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*Capture, error] {
	return tasking.Watch(ctx, s.fetcher(id), progressOf, captureProgressLifecycle, s.c.waitOptions(opts))
}

func (s *CapturesService) fetcher(id string) func(context.Context) (*Capture, error) {
	return func(ctx context.Context) (*Capture, error) { return s.Get(ctx, id) }
}

func progressOf(c *Capture) captureProgress { return captureProgress(c.Status) }

// CreateReview opens a review of a capture's assessment. It is sent once.
//
// Endpoint: POST /tasking/v2/captures/{id}/reviews/; see https://docs.planet.com/develop/apis/tasking/capture_review/.
func (s *CapturesService) CreateReview(ctx context.Context, captureID string, r *ReviewCreateRequest) (*Review, error) {
	p, err := itemPath("capture_id", "captures/", captureID, "reviews/")
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	body := struct {
		CaptureID string `json:"capture_id"`
		*ReviewCreateRequest
	}{captureID, r}
	return transport.One(ctx, s.c.t, &transport.Request{Method: http.MethodPost, Path: p, Body: body, Create: true}, "review",
		func(rv *Review) bool { return rv.ID != "" || rv.CaptureID != "" })
}

// Reviews reads one page of a capture's reviews.
//
// Endpoint: GET /tasking/v2/captures/{id}/reviews/; see https://docs.planet.com/develop/apis/tasking/capture_review/.
func (s *CapturesService) Reviews(ctx context.Context, captureID string, opts *ReviewListOptions) (*Page[*Review], error) {
	p, err := itemPath("capture_id", "captures/", captureID, "reviews/")
	if err != nil {
		return nil, err
	}
	return listPage[*Review](ctx, s.c, p, opts)
}

// AllReviews iterates over every review of a capture.
//
// Endpoint: GET /tasking/v2/captures/{id}/reviews/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/capture_review/.
func (s *CapturesService) AllReviews(ctx context.Context, captureID string, opts *ReviewListOptions) iter.Seq2[*Review, error] {
	p, err := itemPath("capture_id", "captures/", captureID, "reviews/")
	if err != nil {
		return adapter.Fail[*Review](err)
	}
	return listAll[*Review](ctx, s.c, p, opts)
}
