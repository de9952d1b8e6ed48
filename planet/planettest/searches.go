package planettest

import (
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
	"github.com/paulmach/orb"
)

// search is one asynchronous imaging-window search.
type search struct {
	seq              int
	id               string
	status           planet.SearchStatus
	polls            int
	plNumber         string
	product          string
	start, end       time.Time
	satelliteTypes   []string
	windows          []*window
	created, updated time.Time
	failure          *searchFailure
}

type searchFailure struct{ code, message string }

// window is one imaging opportunity an Assured order can book.
type window struct {
	id                string
	start, end        time.Time
	satelliteType     string
	offMin, offMax    float64
	cloud             float64
	plNumber, product string
	booked            string // id of the order that booked it
}

type windowWire struct {
	ID               string           `json:"id"`
	StartTime        *string          `json:"start_time"`
	EndTime          *string          `json:"end_time"`
	SatelliteType    string           `json:"satellite_type"`
	OffNadirAngleMin float64          `json:"off_nadir_angle_min"`
	OffNadirAngleMax float64          `json:"off_nadir_angle_max"`
	CloudForecast    []map[string]any `json:"cloud_forecast"`
}

type searchWire struct {
	ID             string       `json:"id"`
	Status         string       `json:"status"`
	ImagingWindows []windowWire `json:"imaging_windows"`
	ErrorCode      *string      `json:"error_code"`
	ErrorMessage   *string      `json:"error_message"`
	CreatedTime    *string      `json:"created_time"`
	UpdatedTime    *string      `json:"updated_time"`
}

func (se *search) wire() searchWire {
	w := searchWire{ID: se.id, Status: string(se.status), ImagingWindows: []windowWire{},
		CreatedTime: ts(se.created), UpdatedTime: ts(se.updated)}
	for _, x := range se.windows {
		w.ImagingWindows = append(w.ImagingWindows, windowWire{
			ID: x.id, StartTime: ts(x.start), EndTime: ts(x.end), SatelliteType: x.satelliteType,
			OffNadirAngleMin: x.offMin, OffNadirAngleMax: x.offMax,
			CloudForecast: []map[string]any{{"start_time": ts(x.start), "end_time": ts(x.end), "prediction": x.cloud}},
		})
	}
	if se.status == planet.SearchFailed && se.failure != nil {
		w.ErrorCode, w.ErrorMessage = &se.failure.code, &se.failure.message
	}
	return w
}

// FailNextSearch makes the next imaging-window search created end FAILED
// with this error_code and error_message (a failure Planet reports in the
// search, not as an HTTP error).
func (s *Server) FailNextSearch(code, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failSearch = append(s.failSearch, searchFailure{code: code, message: message})
}

func (s *Server) createSearch(c *call) {
	f := c.parseForm()
	if f == nil {
		return
	}
	now := s.now()
	se := &search{status: planet.SearchCreated, created: now, updated: now}
	if !f.present("geometry") {
		f.fail("geometry", "This field is required.")
	} else if g, err := geo.ParseGeoJSON(f.m["geometry"]); err != nil {
		f.fail("geometry", "Invalid GeoJSON geometry.")
	} else if err := geo.Validate(g, geo.Kinds("Point", "LineString")); err != nil {
		f.fail("geometry", "Imaging windows can be searched for a Point or a two-point LineString.")
	} else if l, ok := g.(orb.LineString); ok && len(l) != 2 {
		f.fail("geometry", "Imaging windows can be searched for a Point or a two-point LineString.")
	}
	se.plNumber, se.product = f.str("pl_number", true), f.str("product", true)
	se.start, se.end = now, now.AddDate(0, 0, 7)
	if dt := f.str("datetime", false); dt != "" {
		a, b, ok := strings.Cut(dt, "/")
		if !ok {
			f.fail("datetime", "Expected an interval <start>/<end>.")
		} else {
			if a != ".." {
				t, err := parseTime(a)
				if err != nil {
					f.fail("datetime", "Invalid interval start.")
				}
				se.start = t
			}
			if b != ".." {
				t, err := parseTime(b)
				if err != nil {
					f.fail("datetime", "Invalid interval end.")
				}
				se.end = t
			}
		}
	} else {
		if t := f.time("start_time"); !t.IsZero() {
			se.start = t
		}
		if t := f.time("end_time"); !t.IsZero() {
			se.end = t
		}
	}
	if f.ok() && !se.end.After(se.start) {
		f.fail("datetime", "The interval must end after it starts.")
	}
	se.satelliteTypes = f.strs("satellite_types")
	for _, t := range se.satelliteTypes {
		f.choice("satellite_types", t, strsOf(planet.SatelliteTypeValues())...)
	}
	if !f.ok() {
		writeFields(c.w, f.errs)
		return
	}
	se.seq = s.seq + 1
	se.id = s.newID()
	if len(s.failSearch) > 0 {
		fl := s.failSearch[0]
		se.failure = &fl
		s.failSearch = s.failSearch[1:]
	}
	s.searches[se.id] = se
	c.w.Header().Set("Location", BasePath+"imaging-windows/search/"+se.id+"/")
	writeJSON(c.w, http.StatusCreated, se.wire())
}

// stepSearch moves a search one poll on: IN_PROGRESS, then (after
// WithSearchSteps polls) DONE with its windows or FAILED.
func (s *Server) stepSearch(se *search) {
	if planet.SearchLifecycle.Terminal(se.status) {
		return
	}
	se.polls++
	next := planet.SearchInProgress
	if se.polls >= s.cfg.searchSteps {
		next = planet.SearchDone
		if se.failure != nil {
			next = planet.SearchFailed
		}
	}
	if !planet.SearchLifecycle.Allows(se.status, next) {
		return
	}
	se.status, se.updated = next, s.now()
	if next == planet.SearchDone {
		s.findWindows(se)
	}
}

// findWindows lays out one 30-second window a day at 10:21:05 UTC inside the
// time of interest, up to ten, alternating constellations.
func (s *Server) findWindows(se *search) {
	sats := se.satelliteTypes
	if len(sats) == 0 {
		sats = []string{string(planet.SatelliteSkySat), string(planet.SatellitePelican)}
	}
	day := time.Date(se.start.Year(), se.start.Month(), se.start.Day(), 10, 21, 5, 0, time.UTC)
	for i := 0; len(se.windows) < s.cfg.maxWindows && !day.After(se.end); i++ {
		end := day.Add(30 * time.Second)
		if !day.Before(se.start) && !end.After(se.end) {
			n := len(se.windows)
			w := &window{
				id: s.newID(), start: day, end: end, satelliteType: sats[n%len(sats)],
				offMin: 5 + float64((n*7)%15), cloud: float64(10 + (n*13)%70),
				plNumber: se.plNumber, product: se.product,
			}
			w.offMax = w.offMin + 3.7
			se.windows = append(se.windows, w)
			s.windows[w.id] = w
		}
		day = day.AddDate(0, 0, 1)
	}
}

func (s *Server) getSearch(c *call, id string) {
	se, ok := s.searches[id]
	if !ok {
		writeDetail(c.w, http.StatusNotFound, "Not found.")
		return
	}
	s.polled(func() { s.stepSearch(se) })
	writeJSON(c.w, http.StatusOK, se.wire())
}

// SearchCount returns how many imaging-window searches the server holds.
func (s *Server) SearchCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.searches)
}
