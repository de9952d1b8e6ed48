package planettest

import (
	"fmt"
	"net/http"
	"time"

	"github.com/eotask/eotask/planet"
)

// capture is one imaging attempt of an order.
type capture struct {
	seq                    int
	id, orderID            string
	status                 planet.CaptureStatus
	description            string
	assessment             planet.Assessment
	fulfilling             bool
	stripID                string
	itemType               string // the Data API item type, once published
	satelliteType          string
	cloudCover             *float64
	cloudy                 bool
	created, updated       time.Time
	planned, acquired      time.Time
	published, assessedAt  time.Time
	orderName, pl, product string
}

type captureWire struct {
	ID                     string   `json:"id"`
	OrderID                string   `json:"order_id"`
	OrderName              string   `json:"order_name"`
	Status                 string   `json:"status"`
	StatusDescription      *string  `json:"status_description"`
	Assessment             *string  `json:"assessment"`
	AssessmentTime         *string  `json:"assessment_time"`
	Fulfilling             bool     `json:"fulfilling"`
	StripID                *string  `json:"strip_id"`
	SatelliteType          string   `json:"satellite_type"`
	CloudCover             *float64 `json:"cloud_cover"`
	ItemIDs                []string `json:"item_ids"`
	ItemTypes              []string `json:"item_types"`
	PLNumber               string   `json:"pl_number"`
	Product                string   `json:"product"`
	CreatedTime            *string  `json:"created_time"`
	UpdatedTime            *string  `json:"updated_time"`
	PlannedAcquisitionTime *string  `json:"planned_acquisition_time"`
	AcquiredTime           *string  `json:"acquired_time"`
	PublishedTime          *string  `json:"published_time"`
}

func (c *capture) wire() captureWire {
	w := captureWire{
		ID: c.id, OrderID: c.orderID, OrderName: c.orderName, Status: string(c.status), Fulfilling: c.fulfilling,
		SatelliteType: c.satelliteType, CloudCover: c.cloudCover, ItemIDs: []string{}, ItemTypes: []string{}, PLNumber: c.pl,
		Product: c.product, CreatedTime: ts(c.created), UpdatedTime: ts(c.updated),
		PlannedAcquisitionTime: ts(c.planned), AcquiredTime: ts(c.acquired), PublishedTime: ts(c.published),
		AssessmentTime: ts(c.assessedAt),
	}
	if c.description != "" {
		w.StatusDescription = &c.description
	}
	if c.assessment != "" {
		a := string(c.assessment)
		w.Assessment = &a
	}
	if c.stripID != "" {
		w.StripID = &c.stripID
	}
	if c.itemType != "" {
		w.ItemIDs, w.ItemTypes = []string{c.stripID}, []string{c.itemType}
	}
	return w
}

// newCapture queues a new capture for o; the first WithCloudyCaptures
// captures of every order are cloudy.
func (s *Server) newCapture(o *order, now time.Time) {
	sat := string(planet.SatelliteSkySat)
	if len(o.satelliteTypes) > 0 {
		sat = o.satelliteTypes[len(o.captures)%len(o.satelliteTypes)]
	}
	c := &capture{
		seq: s.seq + 1, id: s.newID(), orderID: o.id, status: planet.CaptureQueued, satelliteType: sat,
		cloudy: len(o.captures) < s.cfg.cloudy, created: now, updated: now, planned: now.Add(time.Hour),
		orderName: o.name, pl: o.plNumber, product: o.product,
	}
	o.captures = append(o.captures, c)
	s.captures[c.id] = c
	s.captureIDs = append(s.captureIDs, c.id)
	o.updated = now
}

// moveCapture changes c's status if CaptureLifecycle allows it.
func (s *Server) moveCapture(c *capture, to planet.CaptureStatus) bool {
	if !planet.CaptureLifecycle.Allows(c.status, to) {
		return false
	}
	c.status, c.updated = to, s.now()
	return true
}

// Captures returns an order's captures, oldest first, as the API would
// answer.
func (s *Server) Captures(orderID string) []*planet.Capture {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return nil
	}
	out := make([]*planet.Capture, 0, len(o.captures))
	for _, c := range o.captures {
		var pc planet.Capture
		if remarshal(c.wire(), &pc) == nil {
			out = append(out, &pc)
		}
	}
	return out
}

var captureKeys = map[string]func(*capture) any{
	"created_time":   func(c *capture) any { return c.created },
	"updated_time":   func(c *capture) any { return c.updated },
	"acquired_time":  func(c *capture) any { return c.acquired },
	"published_time": func(c *capture) any { return c.published },
	"status":         func(c *capture) any { return string(c.status) },
}

func (s *Server) listCaptures(c *call) {
	f := newFilters[*capture](c.r.URL.Query())
	f.exact("order_id", func(x *capture) string { return x.orderID })
	f.boolean("fulfilling", func(x *capture) bool { return x.fulfilling })
	f.choice("status", strsOf(planet.CaptureStatusValues()), func(x *capture) string { return string(x.status) })
	f.choice("assessment", strsOf(planet.AssessmentValues()), func(x *capture) string { return string(x.assessment) })
	f.times("created_time", func(x *capture) time.Time { return x.created })
	f.times("updated_time", func(x *capture) time.Time { return x.updated })
	f.times("acquired_time", func(x *capture) time.Time { return x.acquired })
	f.times("published_time", func(x *capture) time.Time { return x.published })
	all := make([]*capture, 0, len(s.captureIDs))
	for _, id := range s.captureIDs {
		all = append(all, s.captures[id])
	}
	f.serve(c, all, captureKeys, func(x *capture) int { return x.seq }, func(x *capture) any { return x.wire() })
}

func (s *Server) getCapture(c *call, id string) {
	x, ok := s.captures[id]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	writeJSON(c.w, http.StatusOK, x.wire())
}

// review is a customer's dispute of a capture's assessment.
type review struct {
	seq                   int
	id, captureID         string
	category, description string
	created               time.Time
}

type reviewWire struct {
	ID          string  `json:"id"`
	CaptureID   string  `json:"capture_id"`
	Category    string  `json:"category"`
	Description string  `json:"description"`
	CreatedTime *string `json:"created_time"`
	UpdatedTime *string `json:"updated_time"`
}

func (r *review) wire() reviewWire {
	return reviewWire{ID: r.id, CaptureID: r.captureID, Category: r.category, Description: r.description,
		CreatedTime: ts(r.created), UpdatedTime: ts(r.created)}
}

func (s *Server) createReview(c *call, captureID string) {
	x, ok := s.captures[captureID]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	f := c.parseForm()
	if f == nil {
		return
	}
	cid := f.str("capture_id", true)
	if cid != "" && cid != captureID {
		f.fail("capture_id", "Does not match the capture in the URL.")
	}
	cat := f.str("category", true)
	f.choice("category", cat, strsOf(planet.ReviewCategoryValues())...)
	desc := f.str("description", true)
	if f.ok() && x.status != planet.CapturePublished {
		f.fail("non_field_errors", fmt.Sprintf("Only published captures can be reviewed; this capture is %s.", x.status))
	}
	if !f.ok() {
		writeFields(c.w, f.errs)
		return
	}
	r := &review{seq: s.seq + 1, id: s.newID(), captureID: captureID, category: cat, description: desc, created: s.now()}
	s.reviews = append(s.reviews, r)
	writeJSON(c.w, http.StatusCreated, r.wire())
}

func (s *Server) listReviews(c *call, captureID string) {
	if _, ok := s.captures[captureID]; !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	var items []*review
	for _, r := range s.reviews {
		if r.captureID == captureID {
			items = append(items, r)
		}
	}
	sortBy(items, c.r.URL.Query().Get("ordering"), "-created_time",
		map[string]func(*review) any{"created_time": func(r *review) any { return r.created }},
		func(r *review) int { return r.seq })
	paginate(c, items, func(r *review) any { return r.wire() })
}
