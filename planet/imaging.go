package planet

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// ImagingWindowSearchRequest asks for the imaging windows of an Assured
// order: when a satellite can image the target within the time of interest.
type ImagingWindowSearchRequest struct {
	Geometry orb.Geometry // a Point or a two-point LineString
	PLNumber string       // contract number, "PL-…" (required)
	Product  string       // product name, such as "Assured Tasking" (required)
	// Start and End bound the time of interest; they are sent as one ISO 8601
	// interval, "datetime": "<start>/<end>" ("..", open, for a zero bound).
	Start, End           time.Time
	SatelliteTypes       []SatelliteType // restrict to constellations (U)
	OffNadirAngleMin     *float64        // (U)
	OffNadirAngleMax     *float64        // (U)
	SatElevationAngleMin *float64        // (U)
	SatElevationAngleMax *float64        // (U)
	SensitivityMode      SensitivityMode // Tanager (U)
}

// searchWire is a search body: what is zero or nil is not sent.
type searchWire struct {
	Geometry             orb.Geometry    `json:"geometry"`
	PLNumber             string          `json:"pl_number"` // contract number, "PL-…"
	Product              string          `json:"product"`   // product name, such as "Assured Tasking"
	Datetime             string          `json:"datetime,omitempty"`
	SatelliteTypes       []SatelliteType `json:"satellite_types,omitempty"`        // constellations allowed
	OffNadirAngleMin     *float64        `json:"off_nadir_angle_min,omitzero"`     // smallest off-nadir angle, degrees
	OffNadirAngleMax     *float64        `json:"off_nadir_angle_max,omitzero"`     // largest off-nadir angle, degrees
	SatElevationAngleMin *float64        `json:"sat_elevation_angle_min,omitzero"` // lowest satellite elevation accepted, degrees (0–90)
	SatElevationAngleMax *float64        `json:"sat_elevation_angle_max,omitzero"` // highest satellite elevation accepted, degrees (0–90)
	SensitivityMode      SensitivityMode `json:"sensitivity_mode,omitempty"`       // the Tanager sensitivity mode
}

// MarshalJSONTo writes the search in Planet's wire format, in one pass.
func (r ImagingWindowSearchRequest) MarshalJSONTo(enc *jsontext.Encoder) error {
	return json.MarshalEncode(enc, &searchWire{
		Geometry: r.Geometry, PLNumber: r.PLNumber, Product: r.Product, Datetime: interval(r.Start, r.End),
		SatelliteTypes: r.SatelliteTypes, OffNadirAngleMin: r.OffNadirAngleMin, OffNadirAngleMax: r.OffNadirAngleMax,
		SatElevationAngleMin: r.SatElevationAngleMin, SatElevationAngleMax: r.SatElevationAngleMax,
		SensitivityMode: r.SensitivityMode,
	}, withGeoEncoding(enc)...)
}

// interval writes an ISO 8601 interval "start/end", ".." for an open end.
func interval(start, end time.Time) string {
	if start.IsZero() && end.IsZero() {
		return ""
	}
	f := func(t time.Time) string {
		if t.IsZero() {
			return ".."
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return f(start) + "/" + f(end)
}

// ImagingWindowSearch is an asynchronous search and, once DONE, its windows.
// A FAILED search carries ErrorCode and ErrorMessage.
type ImagingWindowSearch struct {
	ID             string           `json:"id"`              // Planet's id (a UUID)
	Status         SearchStatus     `json:"status"`          // current status
	ImagingWindows []*ImagingWindow `json:"imaging_windows"` // the windows found, once DONE
	ErrorCode      string           `json:"error_code"`      // why it FAILED (code)
	ErrorMessage   string           `json:"error_message"`   // why it FAILED (text)
	CreatedTime    time.Time        `json:"created_time"`    // when it was created
	UpdatedTime    time.Time        `json:"updated_time"`    // when it last changed
	// Location is where the search's results are polled: the Location header
	// of the answer that created it, as an absolute URL.
	Location string `json:"-"`
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// Earliest returns the window that starts first, or nil when there is none.
func (s *ImagingWindowSearch) Earliest() *ImagingWindow {
	var best *ImagingWindow
	for _, w := range s.ImagingWindows {
		if w != nil && (best == nil || w.StartTime.Before(best.StartTime)) {
			best = w
		}
	}
	return best
}

// ImagingWindow is one opportunity to image the target, which an Assured
// order books by its ID. Confirmed fields are id, start_time, end_time,
// satellite_type, the off-nadir angles and cloud_forecast; the others are
// UNCONFIRMED. Unknown keeps the members not listed.
type ImagingWindow struct {
	ID               string        `json:"id"`                  // Planet's id (a UUID)
	StartTime        time.Time     `json:"start_time"`          // when the window opens
	EndTime          time.Time     `json:"end_time"`            // when the window closes
	SatelliteType    SatelliteType `json:"satellite_type"`      // the constellation
	OffNadirAngleMin *float64      `json:"off_nadir_angle_min"` // smallest off-nadir angle, degrees
	OffNadirAngleMax *float64      `json:"off_nadir_angle_max"` // largest off-nadir angle, degrees
	// StartOffNadir and EndOffNadir are the older names of the angles.
	StartOffNadir *float64        `json:"start_off_nadir"`
	EndOffNadir   *float64        `json:"end_off_nadir"`  // off-nadir angle at the end (older name)
	CloudForecast []CloudForecast `json:"cloud_forecast"` // cloud forecasts for the window

	SatAzimuthAngleStart    *float64           `json:"sat_azimuth_angle_start"`     // satellite azimuth at the start, degrees
	SatAzimuthAngleEnd      *float64           `json:"sat_azimuth_angle_end"`       // satellite azimuth at the end, degrees
	SunElevationAngleMin    *float64           `json:"sun_elevation_angle_min"`     // lowest sun elevation, degrees
	SunElevationAngleMax    *float64           `json:"sun_elevation_angle_max"`     // highest sun elevation, degrees
	SolarZenithAngleMin     *float64           `json:"solar_zenith_angle_min"`      // smallest solar zenith angle, degrees
	SolarZenithAngleMax     *float64           `json:"solar_zenith_angle_max"`      // largest solar zenith angle, degrees
	GroundSampleDistance    *float64           `json:"ground_sample_distance"`      // ground sample distance, metres
	GroundSampleDistanceMax *float64           `json:"ground_sample_distance_max"`  // largest ground sample distance, metres
	LowLight                *bool              `json:"low_light"`                   // a low-light collection
	AssuredTaskingTier      AssuredTaskingTier `json:"assured_tasking_tier"`        // the Assured tier
	SensitivityMode         SensitivityMode    `json:"sensitivity_mode"`            // the Tanager sensitivity mode
	QuotaPriorityMultiplier *float64           `json:"quota_priority_multiplier"`   // quota multiplier for priority
	PricingDetails          *Pricing           `json:"pricing_details"`             // what booking the window costs
	ConflictingOrders       jsontext.Value     `json:"conflicting_orders,omitzero"` // orders competing for the window, as sent; nil when null

	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// CloudForecast is a cloud-cover prediction for a window.
type CloudForecast struct {
	StartTime   time.Time `json:"start_time"`   // start of the forecast period
	EndTime     time.Time `json:"end_time"`     // end of the forecast period
	Prediction  *float64  `json:"prediction"`   // predicted cloud cover, in percent
	Historical  *float64  `json:"historical"`   // historical cloud cover, percent
	UpdatedTime time.Time `json:"updated_time"` // when the forecast was made
}

// AssuredOrder returns the request that books window w, found by the search
// q: the same geometry, contract and product, and the window's id.
func AssuredOrder(name string, q *ImagingWindowSearchRequest, w *ImagingWindow) *OrderCreateRequest {
	r := &OrderCreateRequest{Name: name}
	if q != nil {
		r.Geometry, r.PLNumber, r.Product = q.Geometry, q.PLNumber, q.Product
	}
	if w != nil {
		r.ImagingWindow = w.ID
	}
	return r
}

// SearchFailedError is an imaging-window search that ended FAILED. Planet
// reports such failures in the search itself, not as an HTTP error.
type SearchFailedError struct {
	SearchID string // the search
	Code     string // error_code
	Message  string // error_message
}

// Error describes the failure.
func (e *SearchFailedError) Error() string {
	msg := "planet: imaging-window search " + e.SearchID + " failed"
	if e.Code != "" {
		msg += " [" + e.Code + "]"
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// ImagingWindowsService is the imaging-windows area of the API: the
// asynchronous search of /imaging-windows/search/. (The legacy synchronous
// /imaging-windows/ search is not covered.)
type ImagingWindowsService struct{ c *Client }

// Search runs a search to its end: it starts it, follows the Location Planet
// answers with, and polls until the search is DONE or FAILED with the backoff
// of tasking.Wait (opts nil: the tasking defaults). A FAILED search returns
// the search with a *SearchFailedError.
//
// Endpoint: POST /tasking/v2/imaging-windows/search/, then GET /tasking/v2/imaging-windows/search/{id}/ polled; see https://docs.planet.com/develop/apis/tasking/assured_tasking/.
func (s *ImagingWindowsService) Search(ctx context.Context, r *ImagingWindowSearchRequest, opts *tasking.WaitOptions) (*ImagingWindowSearch, error) {
	started, err := s.Start(ctx, r)
	if err != nil {
		return nil, err
	}
	if started.Status.Neutral().IsTerminal() {
		return started, searchOutcome(started)
	}
	return s.Wait(ctx, started.Location, opts)
}

// Start starts a search and returns it as first answered, with Location set
// to where its results are polled. A search costs nothing and creates no
// order, so a failed attempt is retried like a read.
//
// Endpoint: POST /tasking/v2/imaging-windows/search/; see https://docs.planet.com/develop/apis/tasking/assured_tasking/.
func (s *ImagingWindowsService) Start(ctx context.Context, r *ImagingWindowSearchRequest) (*ImagingWindowSearch, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	var out ImagingWindowSearch
	resp, err := s.c.t.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "imaging-windows/search/", Body: r}, &out)
	if err != nil {
		return nil, err
	}
	loc := resp.Header.Get("Location")
	switch {
	case loc != "":
		if err := checkLocation("Location", loc); err != nil {
			// The server's Location, not the caller's: %v, not %w.
			return nil, resp.DecodeError(fmt.Errorf("the answer's Location header: %v", err))
		}
		if out.Location, err = s.c.resolve(loc); err != nil {
			return nil, err
		}
		if out.ID == "" {
			out.ID = lastSegment(loc)
		}
	case out.ID != "":
		if out.Location, err = s.c.itemURL("id", "imaging-windows/search/", out.ID); err != nil {
			return nil, resp.DecodeError(fmt.Errorf("the answer's search id: %v", err))
		}
	default:
		return nil, resp.DecodeError(errors.New("the answer holds no imaging-window search: no Location header and no search id"))
	}
	if resp.Empty {
		out.Status = SearchCreated
	}
	return &out, nil
}

// Get reads a search by its id or by its Location.
//
// Endpoint: GET /tasking/v2/imaging-windows/search/{id}/; see https://docs.planet.com/develop/apis/tasking/assured_tasking/.
func (s *ImagingWindowsService) Get(ctx context.Context, idOrLocation string) (*ImagingWindowSearch, error) {
	loc, err := s.location(idOrLocation)
	if err != nil {
		return nil, err
	}
	out, err := get(ctx, s.c, loc, "imaging-window search", func(x *ImagingWindowSearch) bool { return x.ID != "" || x.Status != "" })
	if err != nil {
		return nil, err
	}
	out.Location = loc
	if out.ID == "" {
		out.ID = lastSegment(loc)
	}
	return out, nil
}

// Wait polls a search (by id or Location) until it is DONE or FAILED, along
// SearchLifecycle. Any other status means "keep polling". A FAILED search
// returns the search with a *SearchFailedError.
//
// Endpoint: GET /tasking/v2/imaging-windows/search/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/assured_tasking/.
func (s *ImagingWindowsService) Wait(ctx context.Context, idOrLocation string, opts *tasking.WaitOptions) (*ImagingWindowSearch, error) {
	got, err := tasking.Wait(ctx, s.fetcher(idOrLocation), searchStatus, SearchLifecycle, s.c.waitOptions(opts))
	if err != nil {
		return got, err
	}
	return got, searchOutcome(got)
}

// Watch is the iterator form of Wait: it yields the search each time its
// status changes, the first observation included; a FAILED search comes
// last, with its *SearchFailedError.
//
// Endpoint: GET /tasking/v2/imaging-windows/search/{id}/, polled.
//
// See https://docs.planet.com/develop/apis/tasking/assured_tasking/.
func (s *ImagingWindowsService) Watch(ctx context.Context, idOrLocation string, opts *tasking.WaitOptions) iter.Seq2[*ImagingWindowSearch, error] {
	return func(yield func(*ImagingWindowSearch, error) bool) {
		for got, err := range tasking.Watch(ctx, s.fetcher(idOrLocation), searchStatus, SearchLifecycle, s.c.waitOptions(opts)) {
			if err == nil {
				err = searchOutcome(got)
			}
			if !yield(got, err) {
				return
			}
		}
	}
}

func (s *ImagingWindowsService) fetcher(idOrLocation string) func(context.Context) (*ImagingWindowSearch, error) {
	return func(ctx context.Context) (*ImagingWindowSearch, error) { return s.Get(ctx, idOrLocation) }
}

func searchStatus(x *ImagingWindowSearch) SearchStatus { return x.Status }

func searchOutcome(s *ImagingWindowSearch) error {
	if s != nil && s.Status == SearchFailed {
		return &SearchFailedError{SearchID: s.ID, Code: s.ErrorCode, Message: s.ErrorMessage}
	}
	return nil
}

// location turns a search id or Location into something to GET, refusing
// (see itemPath and checkLocation) one that would not address one search.
func (s *ImagingWindowsService) location(v string) (string, error) {
	if strings.HasPrefix(v, "/") || strings.Contains(v, "://") {
		if err := checkLocation("search_id", v); err != nil {
			return "", err
		}
		return s.c.resolve(v)
	}
	return itemPath("search_id", "imaging-windows/search/", v)
}

// checkLocation checks a Location given for one resource: it must parse,
// have no "." or ".." segment (which resolving would remove, leaving the
// collection or its parent) and end in a segment tasking.CheckID accepts.
func checkLocation(field, loc string) error {
	u, err := url.Parse(loc)
	if err != nil {
		return &tasking.ValidationError{Field: field, Reason: "not a URL", Err: err}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return tasking.Invalid(field, "%q has a %q segment: it would not address one resource", loc, seg)
		}
	}
	return tasking.CheckID(field, lastSegment(loc))
}

// lastSegment returns the last non-empty path segment of a URL or path.
func lastSegment(loc string) string {
	if u, err := url.Parse(loc); err == nil {
		loc = u.Path
	}
	return path.Base(strings.TrimRight(loc, "/"))
}
