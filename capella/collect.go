package capella

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// Collect is one image Capella collects (or plans to) for a request (schema
// CAPICollect). A null repeatrequestId reads as "".
type Collect struct {
	CollectID         string               `json:"collectId"`
	TaskingRequestID  string               `json:"taskingrequestId"`
	RepeatRequestID   string               `json:"repeatrequestId,omitempty"`
	TileID            string               `json:"tileId"`
	TileGroupID       string               `json:"tileGroupId"`
	SpacecraftID      int                  `json:"spacecraftId"`
	Center            []float64            `json:"center"`     // lon, lat
	CenterECEF        []float64            `json:"centerEcef"` // earth-centred, earth-fixed, metres
	WindowOpen        time.Time            `json:"windowOpen,omitzero"`
	WindowClose       time.Time            `json:"windowClose,omitzero"`
	WindowDuration    *float64             `json:"windowDuration,omitzero"` // seconds
	AccessProperties  AccessProperties     `json:"accessProperties"`
	CollectProperties CollectProperties    `json:"collectProperties"`
	StatusHistory     CollectStatusHistory `json:"collectStatusHistory"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// GetStatus returns the collect's current status.
func (c *Collect) GetStatus() CollectStatus { return c.StatusHistory.Current() }

// Neutral converts a collect to the neutral capture: ID the collectId,
// TaskID the taskingrequestId, Status and RawStatus from the current status;
// AcquiredAt the windowOpen once the collect has been collected (zero while
// it is predicted or tasked, or failed before collection); Footprint the
// centre as a Point (a collect carries no footprint geometry); Satellite
// "capella-<spacecraftId>"; Sensor the polarization ("HH"), when given. Raw
// is c itself. A nil c gives nil.
func (c *Collect) Neutral() *tasking.Capture {
	if c == nil {
		return nil
	}
	st := c.GetStatus()
	out := &tasking.Capture{Provider: Name, ID: c.CollectID, TaskID: c.TaskingRequestID, Status: st.Neutral(),
		RawStatus: string(st), Satellite: spacecraft(c.SpacecraftID),
		Sensor: string(c.CollectProperties.Polarization), Raw: c}
	if len(c.Center) >= 2 {
		out.Footprint = orb.Point{c.Center[0], c.Center[1]}
	}
	switch out.Status {
	case tasking.CaptureQueued, tasking.CaptureProcessing, tasking.CapturePublished:
		out.AcquiredAt = c.WindowOpen
	default:
		if st == CollectProcessingAnomaly {
			out.AcquiredAt = c.WindowOpen
		}
	}
	return out
}

// spacecraft names a Capella satellite as Capella's catalog does
// ("capella-8"); "" when the id is not given.
func spacecraft(id int) string {
	if id <= 0 {
		return ""
	}
	return "capella-" + strconv.Itoa(id)
}

// AccessProperties describe the imaging geometry of a collect or access
// (schema CAPIAccessProperties). Note the key ascdsc, lower-case d.
type AccessProperties struct {
	AscDsc        OrbitDirection `json:"ascdsc,omitempty"`
	LookDirection LookDirection  `json:"lookDirection,omitempty"`
	LocalTime     *float64       `json:"localTime,omitzero"` // seconds of the local day
	AzimuthOpen   *float64       `json:"azimuthOpen,omitzero"`
	AzimuthClose  *float64       `json:"azimuthClose,omitzero"`
	GrazingMin    *float64       `json:"grazingAngleMin,omitzero"` // elevationMin in older answers
	GrazingMax    *float64       `json:"grazingAngleMax,omitzero"` // elevationMax in older answers
	OffNadirMin   *float64       `json:"offNadirMin,omitzero"`
	OffNadirMax   *float64       `json:"offNadirMax,omitzero"`
}

// accessPropsAlias is AccessProperties without its methods.
type accessPropsAlias AccessProperties

// UnmarshalJSONFrom reads the properties in one pass, taking the pre-2024
// elevationMin and elevationMax for the grazing angles when those are absent
// (a documented rename, capella.md 4.2).
func (a *AccessProperties) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var w struct {
		accessPropsAlias
		ElevationMin *float64 `json:"elevationMin"`
		ElevationMax *float64 `json:"elevationMax"`
	}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	*a = AccessProperties(w.accessPropsAlias)
	if a.GrazingMin == nil {
		a.GrazingMin = w.ElevationMin
	}
	if a.GrazingMax == nil {
		a.GrazingMax = w.ElevationMax
	}
	return nil
}

// CollectProperties describe the image of a collect (schema
// CAPICollectProperties).
type CollectProperties struct {
	CollectDuration *float64     `json:"collectDuration,omitzero"` // seconds
	ImageLength     *float64     `json:"imageLength,omitzero"`     // metres
	ImageWidth      *float64     `json:"imageWidth,omitzero"`      // metres
	GRR             *float64     `json:"grr,omitzero"`             // ground-range resolution, metres
	AZR             *float64     `json:"azr,omitzero"`             // azimuth resolution, metres
	Bandwidth       *float64     `json:"bandwidth,omitzero"`       // Hz
	NESZ            *float64     `json:"nesz,omitzero"`            // dB
	MeanSquint      *float64     `json:"meanSquint,omitzero"`      // deprecated
	Squint          *float64     `json:"squint,omitzero"`          // degrees at mid-collect
	Polarization    Polarization `json:"polarization,omitempty"`
}

// collectProgress lets tasking.Wait follow a collect: its capture status
// read as a neutral status.
type collectProgress CollectStatus

var captureProgress = map[tasking.CaptureStatus]tasking.Status{
	tasking.CaptureScheduled:  tasking.StatusScheduled,
	tasking.CaptureQueued:     tasking.StatusInProgress,
	tasking.CaptureProcessing: tasking.StatusInProgress,
	tasking.CapturePublished:  tasking.StatusCompleted,
	tasking.CaptureFailed:     tasking.StatusFailed,
	tasking.CaptureRemoved:    tasking.StatusCancelled,
}

// Neutral maps the collect status to the neutral status Wait uses.
func (s collectProgress) Neutral() tasking.Status { return captureProgress[CollectStatus(s).Neutral()] }

// CollectsService reads collects and retasks from them.
type CollectsService struct{ c *Client }

// Get fetches one collect: GET /collects/{collect_id}.
func (s *CollectsService) Get(ctx context.Context, id string) (*Collect, error) {
	p, err := pathID("collectId", id)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodGet, Path: "collects/" + p}, "collect",
		func(c *Collect) string { return c.CollectID })
}

// Status fetches a collect's status history: GET /collects/status/{collect_id}.
func (s *CollectsService) Status(ctx context.Context, id string) (CollectStatusHistory, error) {
	p, err := pathID("collectId", id)
	if err != nil {
		return nil, err
	}
	var out CollectStatusHistory
	if _, err := s.c.tc.Get(ctx, "collects/status/"+p, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CollectListOptions are the query of GET /collects/list/{id}.
type CollectListOptions struct {
	// All lists collects whatever their schedule status (Capella's default,
	// false, lists scheduled ones).
	All   bool `url:"all,omitempty"`
	Skip  int  `url:"skip,omitempty"`
	Limit int  `url:"limit,omitempty"` // 1..1000, default 100; clamped
}

func (o *CollectListOptions) query() CollectListOptions {
	var q CollectListOptions
	if o != nil {
		q = *o
	}
	q.Limit = clamp(q.Limit, 1, 1000)
	if q.Skip < 0 {
		q.Skip = 0
	}
	return q
}

// List fetches one page of a request's collects:
// GET /collects/list/{taskingrequest_id}. Page on with opts.Skip, or use All.
func (s *CollectsService) List(ctx context.Context, taskingRequestID string, opts *CollectListOptions) ([]*Collect, error) {
	p, err := pathID("taskingrequestId", taskingRequestID)
	if err != nil {
		return nil, err
	}
	var out []*Collect
	if _, err := s.c.tc.Get(ctx, "collects/list/"+p, opts.query(), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// All iterates over every collect of a request, one page (opts.Limit,
// default 100) at a time: GET /collects/list/{taskingrequest_id}.
func (s *CollectsService) All(ctx context.Context, taskingRequestID string, opts *CollectListOptions) iter.Seq2[*Collect, error] {
	q := opts.query()
	if q.Limit == 0 {
		q.Limit = 100
	}
	return offsetPages(ctx, q.Skip, q.Limit, func(ctx context.Context, skip int) ([]*Collect, error) {
		page := q
		page.Skip = skip
		return s.List(ctx, taskingRequestID, &page)
	})
}

// Wait polls a collect until it is delivered or failed (or opts.Until
// holds; the events carry the capture status read as a neutral status:
// scheduled, in_progress, completed, failed): GET /collects/{collect_id}.
// Delays opts leaves zero come from WithPollDelays.
func (s *CollectsService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Collect, error) {
	return wait(ctx, s.c, "collect", "collectId", id, s.Get, progressOf, nil, opts)
}

// Watch is the iterator form of Wait: it yields the collect each time its
// status changes, the first observation included, with the same events:
// GET /collects/{collect_id}, polled.
func (s *CollectsService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*Collect, error] {
	return watch(ctx, s.c, "collectId", id, s.Get, progressOf, nil, opts)
}

func progressOf(c *Collect) collectProgress { return collectProgress(c.GetStatus()) }

// Task fetches the tasking request a collect belongs to:
// GET /collects/{collectId}/task. Capella redacts sensitive fields for
// requests of another organization.
func (s *CollectsService) Task(ctx context.Context, collectID string) (*Task, error) {
	p, err := pathID("collectId", collectID)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodGet, Path: "collects/" + p + "/task"}, "task", (*Task).GetID)
}

// productsLimit bounds the catalog answer of Products: a collect has a few
// products (one per product type), far fewer.
const productsLimit = 100

type catalogQuery struct {
	CollectID map[string]string `json:"capella:collect_id"`
}

type catalogSearchBody struct {
	Query catalogQuery `json:"query"`
	Limit int          `json:"limit"`
}

type catalogPage struct {
	Features []*StacItem `json:"features"`
}

// Products lists the catalog products (STAC items, their links not signed)
// made from a collect: POST /catalog/search with the query
// capella:collect_id eq collectID, as Capella's SDK searches them, at most
// 100 of them (one page). Order them with Orders.Create. See
// https://docs.capellaspace.com/accessing-data/searching-for-data. Items
// without an id or a collection are a *tasking.DecodeError.
func (s *CollectsService) Products(ctx context.Context, collectID string) ([]*StacItem, error) {
	if err := tasking.CheckID("collectId", collectID); err != nil {
		return nil, err
	}
	body := &catalogSearchBody{Query: catalogQuery{CollectID: map[string]string{"eq": collectID}}, Limit: productsLimit}
	var out catalogPage
	resp, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "catalog/search", Body: body}, &out)
	if err != nil {
		return nil, err
	}
	items := out.Features[:0:0]
	for i, it := range out.Features {
		switch {
		case it == nil:
			continue
		case it.ID == "" || it.Collection == "":
			return nil, resp.DecodeError(fmt.Errorf("catalog feature %d has no id or no collection", i))
		}
		items = append(items, it)
	}
	return items, nil
}

// Retask creates a new tasking request from a collect, copying its target
// and collection type: POST /collects/{collectId}/retask (201). OffNadirMin
// and OffNadirMax may narrow the new request. It is never sent twice.
func (s *CollectsService) Retask(ctx context.Context, collectID string, r *RetaskRequest) (*Task, error) {
	p, err := pathID("collectId", collectID)
	if err != nil {
		return nil, err
	}
	if err := r.validate(true); err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "collects/" + p + "/retask",
		Body: r.body(), Create: true}, "task", (*Task).GetID)
}
