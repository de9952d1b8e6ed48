package planet_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assured are defaults that search and book imaging windows.
var assured = planet.ProviderDefaults{PLNumber: "PL-123456", SearchProduct: "Assured Tasking", EstimateWait: fast}

func TestOpportunitiesFromFixture(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"pricing/", 200, []byte(`{"units": "sqkm", "estimated_quota_cost": 31.5}`))
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_created.json"),
		"Location", "/tasking/v2/imaging-windows/search/"+searchID+"/")
	m.reply(http.MethodGet, base+"imaging-windows/search/"+searchID+"/", 200, fixture(t, "search_done.json"))
	est, err := c.Provider(assured).Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Point{13.350097, 52.514511},
		Start: mustTime(t, "2025-06-02T00:00:00Z"), End: mustTime(t, "2025-06-12T00:00:00Z")})
	require.NoError(t, err)
	assert.Equal(t, tasking.Units(31.5, "sqkm"), est.Price)
	require.Len(t, est.Opportunities, 3)
	o := est.Opportunities
	assert.Equal(t, []string{"c4e2a1b3-0000-4000-8000-000000000002", "b3f1f0e2-6a7d-4f0c-8f5e-2f0a9d1c7e44",
		"d5f3b2c4-0000-4000-8000-000000000003"}, []string{o[0].ID, o[1].ID, o[2].ID}, "earliest first")
	assert.Equal(t, o[0].Start, est.Earliest)

	// §9.3's window.
	w := o[1]
	assert.Equal(t, planet.Name, w.Provider)
	assert.Equal(t, tasking.OpportunityPass, w.Kind)
	assert.Equal(t, mustTime(t, "2025-06-04T10:21:05Z"), w.Start)
	assert.Equal(t, mustTime(t, "2025-06-04T10:21:35Z"), w.End)
	assert.Equal(t, w.Start, w.ExpiresAt, "Planet gives no expiry: the window's start")
	assert.Equal(t, "PELICAN", w.Satellite)
	require.NotNil(t, w.OffNadir)
	assert.InDelta(t, 8.2, *w.OffNadir, 1e-9, "the best case of off_nadir_angle_min/max")
	assert.Nil(t, w.Incidence)
	require.NotNil(t, w.CloudCover)
	assert.InDelta(t, 23, *w.CloudCover, 1e-9, "percent")
	assert.Equal(t, tasking.Units(31.5, "sqkm"), w.Price, "the order's preview")
	raw, ok := w.Raw.(*planet.ImagingWindow)
	require.True(t, ok, "Raw is the %T", w.Raw)
	assert.Equal(t, w.ID, raw.ID)

	// Older angle names, a forecast with its period, a price of its own.
	require.NotNil(t, o[0].OffNadir)
	assert.InDelta(t, 12.0, *o[0].OffNadir, 1e-9)
	assert.InDelta(t, 41.5, *o[0].CloudCover, 1e-9)
	assert.Equal(t, tasking.Units(25, "sqkm"), o[0].Price, "pricing_details")
	// Nothing given: nothing made up.
	assert.Nil(t, o[2].OffNadir)
	assert.Nil(t, o[2].CloudCover)
}

func TestBookingEndToEnd(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(assured)
	assert.Same(t, c, p.Client(), "the adapter hands back its client")
	area := orb.Polygon{{{13.30, 52.50}, {13.40, 52.50}, {13.40, 52.55}, {13.30, 52.55}, {13.30, 52.50}}}
	req := &tasking.Request{Name: "book", Geometry: area, Start: t0, End: t0.AddDate(0, 0, 3)}
	est, err := p.Estimate(ctx, req)
	require.NoError(t, err)
	require.Len(t, est.Opportunities, 3)
	o := est.Opportunities[1]
	assert.Equal(t, time.Date(2030, 6, 2, 10, 21, 5, 0, time.UTC), o.Start)
	assert.Equal(t, "PELICAN", o.Satellite)
	require.NotNil(t, o.Price)
	assert.Equal(t, "sqkm", o.Price.Unit)

	srv.ResetRequests()
	book := *req
	book.Opportunity = o
	task, err := p.Submit(ctx, &book)
	require.NoError(t, err)
	assert.Equal(t, "REQUESTED", task.RawStatus)
	assert.Equal(t, o.Start, task.Start)
	assert.Equal(t, o.End, task.End)
	assert.Equal(t, area, task.Geometry, "the order keeps the polygon; only the search used its centroid")
	order := task.Raw.(*planet.Order)
	assert.Equal(t, o.ID, order.ImagingWindow)
	assert.Equal(t, planet.SchedulingAssured, order.SchedulingType)
	assert.Equal(t, "Assured Tasking", order.Product)

	reqs := srv.Requests()
	require.Len(t, reqs, 1, "one request: the order")
	var body map[string]jsontext.Value
	require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
	assert.JSONEq(t, `"`+o.ID+`"`, string(body["imaging_window"]))
	assert.JSONEq(t, `"PL-123456"`, string(body["pl_number"]))
	assert.JSONEq(t, `"Assured Tasking"`, string(body["product"]))
	assert.JSONEq(t, `"2030-06-02T10:21:05Z"`, string(body["start_time"]))
	assert.JSONEq(t, `"2030-06-02T10:21:35Z"`, string(body["end_time"]))
	assert.Contains(t, string(body["geometry"]), `"Polygon"`)

	// The same window twice: Planet's error, from the simulator's state.
	_, err = p.Submit(ctx, &book)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "already booked")

	// A window that has started on the simulator's clock (the adapter's
	// wall clock is earlier): refused by Planet with its field error.
	srv.SetNow(est.Opportunities[2].Start.Add(time.Second))
	late := *req
	late.Opportunity = est.Opportunities[2]
	_, err = p.Submit(ctx, &late)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "expired")

	// A window the simulator never offered.
	unknown := *est.Opportunities[0]
	unknown.ID = "00000000-0000-4000-8000-0000000000ff"
	srv.SetNow(t0)
	bad := *req
	bad.Opportunity = &unknown
	_, err = p.Submit(ctx, &bad)
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "Invalid imaging window")
}

func TestBookingRefusedBeforeSending(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(assured)
	req := &tasking.Request{Name: "book", Geometry: orb.Point{1, 2}, Start: t0, End: t0.AddDate(0, 0, 3)}
	est, err := p.Estimate(ctx, req)
	require.NoError(t, err)
	require.NotEmpty(t, est.Opportunities)
	n := len(srv.Requests())

	expired := *est.Opportunities[0]
	expired.ExpiresAt = time.Now().Add(-time.Minute)
	r := *req
	r.Opportunity = &expired
	_, err = p.Submit(ctx, &r)
	assert.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	started := *est.Opportunities[0]
	started.ExpiresAt = time.Time{}
	started.Start = time.Now().Add(-time.Hour)
	r.Opportunity = &started
	_, err = p.Submit(ctx, &r)
	assert.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	other := *est.Opportunities[0]
	other.Provider = "satellogic"
	r.Opportunity = &other
	_, err = p.Submit(ctx, &r)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)

	noID := *est.Opportunities[0]
	noID.ID = ""
	r.Opportunity = &noID
	_, err = p.Submit(ctx, &r)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)

	date := *est.Opportunities[0]
	date.Kind = tasking.OpportunityProductionDate
	r.Opportunity = &date
	_, err = p.Submit(ctx, &r)
	assert.True(t, errors.Is(err, tasking.ErrUnsupported), "%v", err)

	assert.Len(t, srv.Requests(), n, "nothing was sent")
}

func TestSearchGeometry(t *testing.T) {
	assert.Equal(t, orb.Point{1, 2}, planet.SearchGeometry(orb.Point{1, 2}))
	assert.Equal(t, orb.LineString{{0, 0}, {1, 1}}, planet.SearchGeometry(orb.LineString{{0, 0}, {1, 1}}))
	assert.Equal(t, orb.LineString{{0, 0}, {2, 0}}, planet.SearchGeometry(orb.LineString{{0, 0}, {1, 1}, {2, 0}}))
	c, ok := planet.SearchGeometry(orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}).(orb.Point)
	require.True(t, ok)
	assert.InDelta(t, 1, c[0], 1e-9)
	assert.InDelta(t, 1, c[1], 1e-9)
	assert.Nil(t, planet.SearchGeometry(orb.Polygon{{{0, 0}, {1, 1}, {0, 0}}}), "no area")
	assert.Nil(t, planet.SearchGeometry(orb.LineString{{0, 0}}))
	assert.Nil(t, planet.SearchGeometry(nil))
}
