package planettest

import (
	"fmt"
	"time"

	"github.com/eotask/eotask/planet"
)

// deliveryTask is the Automated Delivery task of one order; its status is
// worked out from its deliveries and its order.
type deliveryTask struct {
	seq              int
	id, orderID      string
	created, updated time.Time
}

// delivery is one published capture delivered for a delivery task.
type delivery struct {
	seq                int
	id, taskID         string
	orderID, captureID string
	status             planet.DeliveryStatus
	created, updated   time.Time
}

type deliveryTaskWire struct {
	ID          string         `json:"id"`
	OrderID     string         `json:"order_id"`
	Status      string         `json:"status"`
	Destination map[string]any `json:"destination"`
	CreatedTime *string        `json:"created_time"`
	UpdatedTime *string        `json:"updated_time"`
}

type deliveryWire struct {
	ID             string  `json:"id"`
	DeliveryTaskID string  `json:"delivery_task_id"`
	OrderID        string  `json:"order_id"`
	CaptureID      string  `json:"capture_id"`
	Status         string  `json:"status"`
	CreatedTime    *string `json:"created_time"`
	UpdatedTime    *string `json:"updated_time"`
}

// newDeliveryID returns a UUID-shaped id apart from the order and capture
// ids (which it does not shift); s.dseq is then its sequence number.
func (s *Server) newDeliveryID() string {
	s.dseq++
	return fmt.Sprintf("00000000-0000-4000-9000-%012x", s.dseq)
}

// addDeliveryTask creates the delivery task of a new order, as a contract
// with Automated Delivery does.
func (s *Server) addDeliveryTask(o *order) {
	id := s.newDeliveryID()
	t := &deliveryTask{seq: s.dseq, id: id, orderID: o.id, created: o.created, updated: o.created}
	s.deliveryTasks = append(s.deliveryTasks, t)
	s.deliveryTaskOf[o.id] = t
}

// deliver starts the delivery of a capture just published: PENDING, then
// COMPLETED on the order's next step.
func (s *Server) deliver(c *capture, now time.Time) {
	t := s.deliveryTaskOf[c.orderID]
	if t == nil {
		return
	}
	id := s.newDeliveryID()
	d := &delivery{seq: s.dseq, id: id, taskID: t.id, orderID: c.orderID, captureID: c.id,
		status: planet.DeliveryPending, created: now, updated: now}
	s.deliveries = append(s.deliveries, d)
	t.updated = now
}

// stepDeliveries completes the pending deliveries of an order.
func (s *Server) stepDeliveries(o *order, now time.Time) {
	for _, d := range s.deliveries {
		if d.orderID == o.id && d.status == planet.DeliveryPending {
			d.status, d.updated = planet.DeliveryCompleted, now
			if t := s.deliveryTaskOf[o.id]; t != nil {
				t.updated = now
			}
		}
	}
}

// taskStatus is the delivery-task lifecycle Planet documents: PENDING until
// a delivery is requested, IN_PROGRESS until all are complete, COMPLETED
// once they are and the order is done, FAILED when one failed, CANCELLED
// when the order ended with nothing to deliver.
func (s *Server) taskStatus(t *deliveryTask) planet.DeliveryStatus {
	o := s.orders[t.orderID]
	done := o != nil && planet.OrderLifecycle.Terminal(o.status)
	n, completed := 0, 0
	for _, d := range s.deliveries {
		if d.taskID != t.id {
			continue
		}
		n++
		switch d.status {
		case planet.DeliveryFailed:
			return planet.DeliveryFailed
		case planet.DeliveryCompleted:
			completed++
		}
	}
	switch {
	case n == 0 && done:
		return planet.DeliveryCancelled
	case n == 0:
		return planet.DeliveryPending
	case completed == n && done:
		return planet.DeliveryCompleted
	}
	return planet.DeliveryInProgress
}

func (s *Server) listDeliveryTasks(c *call) {
	f := newFilters[*deliveryTask](c.r.URL.Query())
	f.exact("order_id", func(t *deliveryTask) string { return t.orderID })
	f.choice("status", strsOf(planet.DeliveryStatusValues()), func(t *deliveryTask) string { return string(s.taskStatus(t)) })
	f.times("created_time", func(t *deliveryTask) time.Time { return t.created })
	f.serve(c, s.deliveryTasks,
		map[string]func(*deliveryTask) any{"created_time": func(t *deliveryTask) any { return t.created },
			"updated_time": func(t *deliveryTask) any { return t.updated }},
		func(t *deliveryTask) int { return t.seq },
		func(t *deliveryTask) any {
			return deliveryTaskWire{ID: t.id, OrderID: t.orderID, Status: string(s.taskStatus(t)),
				Destination: map[string]any{"ref": "pl:destinations/default", "path_prefix": nil},
				CreatedTime: ts(t.created), UpdatedTime: ts(t.updated)}
		})
}

func (s *Server) listDeliveries(c *call) {
	f := newFilters[*delivery](c.r.URL.Query())
	f.exact("order_id", func(d *delivery) string { return d.orderID })
	f.exact("capture_id", func(d *delivery) string { return d.captureID })
	f.exact("delivery_task_id", func(d *delivery) string { return d.taskID })
	f.choice("status", strsOf(planet.DeliveryStatusValues()), func(d *delivery) string { return string(d.status) })
	f.serve(c, s.deliveries,
		map[string]func(*delivery) any{"created_time": func(d *delivery) any { return d.created },
			"updated_time": func(d *delivery) any { return d.updated }},
		func(d *delivery) int { return d.seq },
		func(d *delivery) any {
			return deliveryWire{ID: d.id, DeliveryTaskID: d.taskID, OrderID: d.orderID, CaptureID: d.captureID,
				Status: string(d.status), CreatedTime: ts(d.created), UpdatedTime: ts(d.updated)}
		})
}
