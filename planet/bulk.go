package planet

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// BulkCreateRequest creates up to MaxBulkPayloads orders in one request.
// It is written {"id": …, "order_payloads": […]}.
type BulkCreateRequest struct {
	// ID is an optional client-chosen UUID for the bulk process; it makes the
	// process easy to find again if the answer is lost.
	ID string `json:"id,omitempty"`
	// OrderPayloads are the orders to create, each as Orders.Create takes it.
	OrderPayloads []*OrderCreateRequest `json:"order_payloads"`
}

// Bulk is a bulk process and its progress counters.
type Bulk struct {
	ID                     string    `json:"id"`                       // Planet's id (a UUID)
	PayloadCount           int       `json:"payload_count"`            // orders in the request
	ProcessingPayloadCount int       `json:"processing_payload_count"` // orders not processed yet
	SuccessfulPayloadCount int       `json:"successful_payload_count"` // orders created
	FailedPayloadCount     int       `json:"failed_payload_count"`     // orders refused
	CreatedTime            time.Time `json:"created_time"`             // (U)
	UpdatedTime            time.Time `json:"updated_time"`             // (U)
	EndTime                time.Time `json:"end_time"`                 // when processing ended (U; the list filters on it)
	// Location is where the process is read: the Location header Planet
	// answered the create with, as an absolute URL.
	Location string `json:"-"`
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Done reports whether every payload has been processed (created or failed).
func (b *Bulk) Done() bool {
	return b.PayloadCount > 0 && b.ProcessingPayloadCount == 0 &&
		b.SuccessfulPayloadCount+b.FailedPayloadCount >= b.PayloadCount
}

// BulkPayload is one order of a bulk process and its outcome. Its shape is
// UNCONFIRMED: the fields below are read when present and Unknown keeps the
// rest. Errors and Payload are kept as sent, whatever their shape.
type BulkPayload struct {
	ID      string         `json:"id"`               // Planet's id (a UUID)
	OrderID string         `json:"order_id"`         // the order created, once it is
	Status  string         `json:"status"`           // current status
	Errors  jsontext.Value `json:"errors,omitzero"`  // why the payload failed, as Planet sent it; nil when null
	Payload jsontext.Value `json:"payload,omitzero"` // the order body submitted, as sent
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// ErrorText renders Errors as one readable line ("geometry: …; …"), or ""
// when the payload did not fail.
func (p *BulkPayload) ErrorText() string {
	if len(p.Errors) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(p.Errors, &s, transport.LenientJSON()) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(p.Errors, &list, transport.LenientJSON()) == nil {
		return fmt.Sprint(list)
	}
	e := &tasking.APIError{Body: p.Errors}
	decodeError(e)
	if e.Message == "" {
		return string(p.Errors)
	}
	return e.Message
}

// BulkListOptions filters, orders and pages Bulk.List.
type BulkListOptions struct {
	EndTime    time.Time `url:"end_time,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`      // end time exactly at this
	EndTimeGT  time.Time `url:"end_time__gt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // end time after this
	EndTimeGTE time.Time `url:"end_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // end time at or after this
	EndTimeLT  time.Time `url:"end_time__lt,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"`  // end time before this
	EndTimeLTE time.Time `url:"end_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // end time at or before this

	FailedPayloadCount    *int `url:"failed_payload_count,omitempty"`      // failed payload count equal to this
	FailedPayloadCountGT  *int `url:"failed_payload_count__gt,omitempty"`  // failed payload count above this
	FailedPayloadCountGTE *int `url:"failed_payload_count__gte,omitempty"` // failed payload count at or above this
	FailedPayloadCountLT  *int `url:"failed_payload_count__lt,omitempty"`  // failed payload count below this
	FailedPayloadCountLTE *int `url:"failed_payload_count__lte,omitempty"` // failed payload count at or below this

	Ordering string `url:"ordering,omitempty"` // comma list of fields, "-" first for descending
	Limit    int    `url:"limit,omitempty"`    // page size
	Offset   int    `url:"offset,omitempty"`   // items to skip
}

// BulkPayloadListOptions pages Bulk.Payloads.
type BulkPayloadListOptions struct {
	Limit  int `url:"limit,omitempty"`  // page size
	Offset int `url:"offset,omitempty"` // items to skip
}

// BulkService is the bulk area of the API: /bulk/.
type BulkService struct{ c *Client }

// Create starts a bulk process for up to MaxBulkPayloads orders. Every payload
// is validated first and the body must stay under 1 MB. It is sent exactly
// once. The process runs asynchronously: follow it with Wait, then read
// Payloads for the orders created and the failures.
//
// Endpoint: POST /tasking/v2/bulk/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) Create(ctx context.Context, r *BulkCreateRequest) (*Bulk, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	body, err := s.c.t.Marshal(r)
	if err != nil {
		return nil, err
	}
	if err := checkSize("order_payloads", body); err != nil {
		return nil, err
	}
	var b Bulk
	resp, err := s.c.t.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "bulk/",
		Body: body, Create: true}, &b)
	if err != nil {
		return nil, err
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		if b.Location, err = s.c.resolve(loc); err != nil {
			return nil, err
		}
		if b.ID == "" {
			b.ID = lastSegment(loc)
		}
	}
	if b.ID == "" {
		b.ID = r.ID
	}
	if err := resp.Holds("bulk process", b.ID != ""); err != nil {
		return nil, err
	}
	if b.Location == "" {
		if b.Location, err = s.c.itemURL("id", "bulk/", b.ID); err != nil {
			// Not the caller's fault (r.ID was checked): the answer's id.
			return nil, resp.DecodeError(fmt.Errorf("the answer's bulk process id: %v", err))
		}
	}
	return &b, nil
}

// Get reads a bulk process by id.
//
// Endpoint: GET /tasking/v2/bulk/{id}/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) Get(ctx context.Context, id string) (*Bulk, error) {
	p, err := itemPath("bulk_id", "bulk/", id)
	if err != nil {
		return nil, err
	}
	b, err := get(ctx, s.c, p, "bulk process", func(b *Bulk) bool { return b.ID != "" })
	if err != nil {
		return nil, err
	}
	b.Location = s.c.t.BaseURL().String() + p
	return b, nil
}

// List reads one page of the organization's bulk processes.
//
// Endpoint: GET /tasking/v2/bulk/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) List(ctx context.Context, opts *BulkListOptions) (*Page[*Bulk], error) {
	return listPage[*Bulk](ctx, s.c, "bulk/", opts)
}

// All iterates over every bulk process matching opts.
//
// Endpoint: GET /tasking/v2/bulk/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) All(ctx context.Context, opts *BulkListOptions) iter.Seq2[*Bulk, error] {
	return listAll[*Bulk](ctx, s.c, "bulk/", opts)
}

// Payloads reads one page of a bulk process's payloads.
//
// Endpoint: GET /tasking/v2/bulk/{id}/payloads/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) Payloads(ctx context.Context, id string, opts *BulkPayloadListOptions) (*Page[*BulkPayload], error) {
	p, err := itemPath("bulk_id", "bulk/", id, "payloads/")
	if err != nil {
		return nil, err
	}
	return listPage[*BulkPayload](ctx, s.c, p, opts)
}

// AllPayloads iterates over every payload of a bulk process.
//
// Endpoint: GET /tasking/v2/bulk/{id}/payloads/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) AllPayloads(ctx context.Context, id string) iter.Seq2[*BulkPayload, error] {
	p, err := itemPath("bulk_id", "bulk/", id, "payloads/")
	if err != nil {
		return adapter.Fail[*BulkPayload](err)
	}
	return listAll[*BulkPayload](ctx, s.c, p, nil)
}

// Wait polls a bulk process until every payload has been processed (see
// Bulk.Done). Its events carry the raw states "PROCESSING" and "DONE".
//
// Endpoint: GET /tasking/v2/bulk/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Bulk, error) {
	return tasking.Wait(ctx, s.fetcher(id), bulkStateOf, bulkLifecycle, s.c.waitOptions(opts))
}

// Watch is the iterator form of Wait: it yields the bulk process when it is
// first seen and again when every payload has been processed.
//
// Endpoint: GET /tasking/v2/bulk/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/reference/.
func (s *BulkService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*Bulk, error] {
	return tasking.Watch(ctx, s.fetcher(id), bulkStateOf, bulkLifecycle, s.c.waitOptions(opts))
}

func (s *BulkService) fetcher(id string) func(context.Context) (*Bulk, error) {
	return func(ctx context.Context) (*Bulk, error) { return s.Get(ctx, id) }
}

func bulkStateOf(b *Bulk) bulkState {
	if b.Done() {
		return bulkDone
	}
	return bulkProcessing
}
