package planet

import (
	"context"
	"iter"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// OrderHistoryEvent is one state-transition event of an order or of one of
// its captures. Its shape is UNCONFIRMED beyond event_type: the fields below
// are read when present and Unknown keeps the rest.
type OrderHistoryEvent struct {
	ID          string    `json:"id"`           // Planet's id (a UUID)
	EventType   EventType `json:"event_type"`   // what happened
	OrderID     string    `json:"order_id"`     // the tasking order
	CaptureID   string    `json:"capture_id"`   // the capture
	CreatedTime time.Time `json:"created_time"` // when the event happened
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// OrderHistoryListOptions filters and pages OrderHistory.List. EventTypeIn
// is documented (a comma list); OrderID and the time range are UNCONFIRMED.
type OrderHistoryListOptions struct {
	EventTypeIn    []EventType `url:"event_type__in,comma,omitempty"`                                           // any of these event types
	OrderID        string      `url:"order_id,omitempty"`                                                       // only this order's
	CreatedTimeGTE time.Time   `url:"created_time__gte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // created time at or after this
	CreatedTimeLTE time.Time   `url:"created_time__lte,omitempty" layout:"2006-01-02T15:04:05.999999999Z07:00"` // created time at or before this
	Ordering       string      `url:"ordering,omitempty"`                                                       // comma list of fields, "-" first for descending
	Limit          int         `url:"limit,omitempty"`                                                          // page size
	Offset         int         `url:"offset,omitempty"`                                                         // items to skip
}

// OrderHistoryService is the order-history area of the API: /order-history/.
type OrderHistoryService struct{ c *Client }

// List reads one page of events.
//
// Endpoint: GET /tasking/v2/order-history/; see https://developers.planet.com/docs/tasking/notification-and-history.
func (s *OrderHistoryService) List(ctx context.Context, opts *OrderHistoryListOptions) (*Page[*OrderHistoryEvent], error) {
	return listPage[*OrderHistoryEvent](ctx, s.c, "order-history/", opts)
}

// All iterates over every event matching opts.
//
// Endpoint: GET /tasking/v2/order-history/, page after page.
//
// See https://developers.planet.com/docs/tasking/notification-and-history.
func (s *OrderHistoryService) All(ctx context.Context, opts *OrderHistoryListOptions) iter.Seq2[*OrderHistoryEvent, error] {
	return listAll[*OrderHistoryEvent](ctx, s.c, "order-history/", opts)
}

// Get reads one event (path UNCONFIRMED: /order-history/{id}/).
//
// Endpoint: GET /tasking/v2/order-history/{id}/; see https://developers.planet.com/docs/tasking/notification-and-history.
func (s *OrderHistoryService) Get(ctx context.Context, id string) (*OrderHistoryEvent, error) {
	p, err := itemPath("id", "order-history/", id)
	if err != nil {
		return nil, err
	}
	return get(ctx, s.c, p, "order-history event", func(e *OrderHistoryEvent) bool { return e.ID != "" || e.EventType != "" })
}
