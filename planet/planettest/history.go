package planettest

import (
	"net/http"
	"time"

	"github.com/eotask/eotask/planet"
)

// event is one order-history event. The simulator records the two event
// types Planet documents: ORDER_CREATED and ORDER_FULFILLED.
type event struct {
	seq       int
	id        string
	eventType planet.EventType
	orderID   string
	captureID string
	created   time.Time
}

type eventWire struct {
	ID          string  `json:"id"`
	EventType   string  `json:"event_type"`
	OrderID     string  `json:"order_id"`
	CaptureID   *string `json:"capture_id"`
	CreatedTime *string `json:"created_time"`
}

func (e *event) wire() eventWire {
	w := eventWire{ID: e.id, EventType: string(e.eventType), OrderID: e.orderID, CreatedTime: ts(e.created)}
	if e.captureID != "" {
		w.CaptureID = &e.captureID
	}
	return w
}

// record adds an event for order o.
func (s *Server) record(t planet.EventType, o *order, captureID string) {
	e := &event{seq: s.seq + 1, id: s.newID(), eventType: t, orderID: o.id, captureID: captureID, created: s.now()}
	s.events = append(s.events, e)
}

func (s *Server) listEvents(c *call) {
	f := newFilters[*event](c.r.URL.Query())
	f.choice("event_type", strsOf(planet.EventTypeValues()), func(e *event) string { return string(e.eventType) })
	f.exact("order_id", func(e *event) string { return e.orderID })
	f.times("created_time", func(e *event) time.Time { return e.created })
	f.serve(c, s.events, map[string]func(*event) any{"created_time": func(e *event) any { return e.created }},
		func(e *event) int { return e.seq }, func(e *event) any { return e.wire() })
}

func (s *Server) getEvent(c *call, id string) {
	for _, e := range s.events {
		if e.id == id {
			writeJSON(c.w, http.StatusOK, e.wire())
			return
		}
	}
	writeDetail(c.w, http.StatusNotFound, "Not found.")
}
