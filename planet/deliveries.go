package planet

import (
	"context"
	"iter"
	"time"

	"github.com/go-json-experiment/json/jsontext"
)

// Automated Delivery: when the contract supports it, placing an order also
// creates a delivery task, and every published capture is delivered to the
// destination set up with Planet's Destinations API (see Order.Delivery and
// https://docs.planet.com/develop/apis/tasking/auto_delivery/). The listings
// below follow what was delivered. The paths and the status lifecycle are
// documented; every member name is UNCONFIRMED (Unknown keeps the rest).

// DeliveryTask is a request to deliver one order's captures to one
// destination. Fields other than status are UNCONFIRMED.
type DeliveryTask struct {
	ID      string         `json:"id"`       // Planet's id
	OrderID string         `json:"order_id"` // the tasking order
	Status  DeliveryStatus `json:"status"`   // PENDING, IN_PROGRESS, COMPLETED, FAILED or CANCELLED
	// Destination is where the captures go, as sent (for example
	// {"ref": "pl:destinations/…", "path_prefix": …}); nil when not sent.
	Destination jsontext.Value `json:"destination,omitzero"`
	CreatedTime time.Time      `json:"created_time"` // when it was created
	UpdatedTime time.Time      `json:"updated_time"` // when it last changed
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Delivery is one capture being delivered as part of a delivery task.
// Fields other than status are UNCONFIRMED; so are its status values.
type Delivery struct {
	ID             string         `json:"id"`               // Planet's id
	DeliveryTaskID string         `json:"delivery_task_id"` // the delivery task it belongs to
	OrderID        string         `json:"order_id"`         // the tasking order
	CaptureID      string         `json:"capture_id"`       // the capture delivered
	Status         DeliveryStatus `json:"status"`           // current status
	CreatedTime    time.Time      `json:"created_time"`     // when it was created
	UpdatedTime    time.Time      `json:"updated_time"`     // when it last changed
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// DeliveryTaskListOptions filters and pages DeliveryTasks.List and All. The
// order filter is documented; its name order_id is UNCONFIRMED.
type DeliveryTaskListOptions struct {
	OrderID  string `url:"order_id,omitempty"` // only this order's
	Ordering string `url:"ordering,omitempty"` // comma list of fields, "-" first for descending
	Limit    int    `url:"limit,omitempty"`    // page size
	Offset   int    `url:"offset,omitempty"`   // items to skip
}

// DeliveryListOptions filters and pages Deliveries.List and All. The order
// and capture filters are documented; their names are UNCONFIRMED.
type DeliveryListOptions struct {
	OrderID   string `url:"order_id,omitempty"`   // only this order's
	CaptureID string `url:"capture_id,omitempty"` // only this capture's
	Ordering  string `url:"ordering,omitempty"`   // comma list of fields, "-" first for descending
	Limit     int    `url:"limit,omitempty"`      // page size
	Offset    int    `url:"offset,omitempty"`     // items to skip
}

// DeliveryTasksService is the delivery-tasks area of the API: /delivery-tasks/.
type DeliveryTasksService struct{ c *Client }

// List reads one page of delivery tasks, for example those of one order.
//
// Endpoint: GET /tasking/v2/delivery-tasks/; see https://docs.planet.com/develop/apis/tasking/auto_delivery/.
func (s *DeliveryTasksService) List(ctx context.Context, opts *DeliveryTaskListOptions) (*Page[*DeliveryTask], error) {
	return listPage[*DeliveryTask](ctx, s.c, "delivery-tasks/", opts)
}

// All iterates over every delivery task matching opts, one page in memory
// at a time.
//
// Endpoint: GET /tasking/v2/delivery-tasks/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/auto_delivery/.
func (s *DeliveryTasksService) All(ctx context.Context, opts *DeliveryTaskListOptions) iter.Seq2[*DeliveryTask, error] {
	return listAll[*DeliveryTask](ctx, s.c, "delivery-tasks/", opts)
}

// DeliveriesService is the deliveries area of the API: /deliveries/.
type DeliveriesService struct{ c *Client }

// List reads one page of deliveries, for example those of one order or
// one capture.
//
// Endpoint: GET /tasking/v2/deliveries/; see https://docs.planet.com/develop/apis/tasking/auto_delivery/.
func (s *DeliveriesService) List(ctx context.Context, opts *DeliveryListOptions) (*Page[*Delivery], error) {
	return listPage[*Delivery](ctx, s.c, "deliveries/", opts)
}

// All iterates over every delivery matching opts, one page in memory at a
// time.
//
// Endpoint: GET /tasking/v2/deliveries/, page after page.
//
// See https://docs.planet.com/develop/apis/tasking/auto_delivery/.
func (s *DeliveriesService) All(ctx context.Context, opts *DeliveryListOptions) iter.Seq2[*Delivery, error] {
	return listAll[*Delivery](ctx, s.c, "deliveries/", opts)
}
