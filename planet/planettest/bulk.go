package planettest

import (
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// bulk is one bulk process.
type bulk struct {
	seq                   int
	id                    string
	created, updated, end time.Time
	payloads              []*payload
	processed             bool
}

// payload is one order of a bulk process and its outcome.
type payload struct {
	id      string
	status  string // PROCESSING, SUCCESS or FAILED
	orderID string
	errors  map[string][]string
	body    jsontext.Value
}

type bulkWire struct {
	ID                     string  `json:"id"`
	PayloadCount           int     `json:"payload_count"`
	ProcessingPayloadCount int     `json:"processing_payload_count"`
	SuccessfulPayloadCount int     `json:"successful_payload_count"`
	FailedPayloadCount     int     `json:"failed_payload_count"`
	CreatedTime            *string `json:"created_time"`
	UpdatedTime            *string `json:"updated_time"`
	EndTime                *string `json:"end_time"`
}

func (b *bulk) counts() (processing, ok, failed int) {
	for _, p := range b.payloads {
		switch p.status {
		case "SUCCESS":
			ok++
		case "FAILED":
			failed++
		default:
			processing++
		}
	}
	return
}

func (b *bulk) wire() bulkWire {
	processing, ok, failed := b.counts()
	return bulkWire{ID: b.id, PayloadCount: len(b.payloads), ProcessingPayloadCount: processing,
		SuccessfulPayloadCount: ok, FailedPayloadCount: failed, CreatedTime: ts(b.created),
		UpdatedTime: ts(b.updated), EndTime: ts(b.end)}
}

type payloadWire struct {
	ID      string              `json:"id"`
	Status  string              `json:"status"`
	OrderID *string             `json:"order_id"`
	Errors  map[string][]string `json:"errors"`
	Payload jsontext.Value      `json:"payload"`
}

func (p *payload) wire() payloadWire {
	w := payloadWire{ID: p.id, Status: p.status, Errors: p.errors, Payload: p.body}
	if p.orderID != "" {
		w.OrderID = &p.orderID
	}
	return w
}

var uuidShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (s *Server) createBulk(c *call) {
	f := c.parseForm()
	if f == nil {
		return
	}
	id := f.str("id", false)
	if id != "" && !uuidShape.MatchString(id) {
		f.fail("id", "Must be a valid UUID.")
	} else if _, taken := s.bulks[id]; taken {
		f.fail("id", "A bulk process with this id already exists.")
	}
	var raws []jsontext.Value
	if !f.present("order_payloads") {
		f.fail("order_payloads", "This field is required.")
	} else if json.Unmarshal(f.m["order_payloads"], &raws, readOptions) != nil {
		f.fail("order_payloads", "Expected a list of items.")
	} else if len(raws) == 0 {
		f.fail("order_payloads", "This list may not be empty.")
	} else if len(raws) > planet.MaxBulkPayloads {
		f.fail("order_payloads", fmt.Sprintf("Ensure this field has no more than %d elements.", planet.MaxBulkPayloads))
	}
	for i, r := range raws {
		if r.Kind() != jsontext.KindBeginObject {
			f.fail("order_payloads", fmt.Sprintf("Item %d is not an object.", i))
		}
	}
	if !f.ok() {
		writeFields(c.w, f.errs)
		return
	}
	now := s.now()
	if id == "" {
		id = s.newID()
	} else {
		s.seq++
	}
	b := &bulk{seq: s.seq, id: id, created: now, updated: now}
	for _, r := range raws {
		b.payloads = append(b.payloads, &payload{id: s.newID(), status: "PROCESSING", body: r})
	}
	s.bulks[id] = b
	s.bulkIDs = append(s.bulkIDs, id)
	c.w.Header().Set("Location", BasePath+"bulk/"+id+"/")
	writeJSON(c.w, http.StatusCreated, b.wire())
}

// stepBulk processes every payload of b: each valid one becomes an order,
// subject to the same rules (and active-order limit) as a single create.
func (s *Server) stepBulk(b *bulk) {
	if b.processed {
		return
	}
	for _, p := range b.payloads {
		var m map[string]jsontext.Value
		if json.Unmarshal(p.body, &m, readOptions) != nil {
			p.status, p.errors = "FAILED", map[string][]string{"non_field_errors": {"Invalid payload."}}
			continue
		}
		o, errs := s.parseOrder(&form{m: m, errs: map[string][]string{}})
		if errs == nil {
			errs = s.addOrder(o)
		}
		if errs != nil {
			p.status, p.errors = "FAILED", errs
			continue
		}
		p.status, p.orderID = "SUCCESS", o.id
	}
	b.processed = true
	b.updated, b.end = s.now(), s.now()
}

func (s *Server) getBulk(c *call, id string) {
	b, ok := s.bulks[id]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	if s.cfg.stepsPerPoll > 0 {
		s.stepBulk(b)
	}
	writeJSON(c.w, http.StatusOK, b.wire())
}

func (s *Server) listBulks(c *call) {
	f := newFilters[*bulk](c.r.URL.Query())
	f.times("end_time", func(b *bulk) time.Time { return b.end })
	f.times("created_time", func(b *bulk) time.Time { return b.created })
	f.ints("failed_payload_count", func(b *bulk) int { _, _, n := b.counts(); return n })
	f.ints("payload_count", func(b *bulk) int { return len(b.payloads) })
	all := make([]*bulk, 0, len(s.bulkIDs))
	for _, id := range s.bulkIDs {
		all = append(all, s.bulks[id])
	}
	f.serve(c, all, map[string]func(*bulk) any{
		"created_time": func(b *bulk) any { return b.created },
		"end_time":     func(b *bulk) any { return b.end },
	}, func(b *bulk) int { return b.seq }, func(b *bulk) any { return b.wire() })
}

func (s *Server) listPayloads(c *call, id string) {
	b, ok := s.bulks[id]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	paginate(c, b.payloads, func(p *payload) any { return p.wire() })
}
