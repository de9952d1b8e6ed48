package planet_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContract(t *testing.T) {
	srv := planettest.NewServer(planettest.WithCloudyCaptures(1))
	defer srv.Close()
	n := 0
	providertest.Run(t, providertest.Config{
		// A contract and an Assured product: Estimate offers imaging windows,
		// and the suite books one.
		Provider: srv.Client().Provider(planet.ProviderDefaults{PLNumber: "PL-123456", SearchProduct: "Assured Tasking"}),
		Request: func() *tasking.Request {
			n++
			start := srv.Now()
			return &tasking.Request{Name: "contract " + string(rune('a'+n)), Geometry: orb.Point{13.35 + float64(n)/100, 52.51},
				Start: start, End: start.AddDate(0, 0, 7)}
		},
		Success: tasking.Status.IsSuccess,
		Timeout: 20 * time.Second,
	})
}

func TestAdapterSubmitAndDefaults(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{PLNumber: "PL-777", Product: "Flexible Tasking",
		SatelliteTypes: []planet.SatelliteType{planet.SatellitePelican}, SatElevationAngleMin: ptr(60.0),
		ExclusivityDays: ptr(5)})
	assert.Equal(t, "planet", p.Name())
	task, err := p.Submit(ctx, &tasking.Request{Name: "adapter", Geometry: orb.Point{1, 2}, Start: t0, End: t0.AddDate(0, 0, 3)})
	require.NoError(t, err)
	assert.Equal(t, planet.Name, task.Provider)
	assert.Equal(t, tasking.StatusReceived, task.Status)
	assert.Equal(t, "RECEIVED", task.RawStatus)
	assert.Equal(t, orb.Point{1, 2}, task.Geometry)
	assert.Equal(t, t0, task.Start)
	assert.Equal(t, t0.AddDate(0, 0, 3), task.End)
	assert.Equal(t, t0, task.CreatedAt)
	assert.Equal(t, t0, task.UpdatedAt)
	assert.False(t, task.Revisable)
	raw, ok := task.Raw.(*planet.Order)
	require.True(t, ok, "Raw is the %T", task.Raw)
	assert.Equal(t, "PL-777", raw.PLNumber)

	var post planettest.Request
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost {
			post = r
		}
	}
	jsonEq(t, `{"name": "adapter", "geometry": {"type": "Point", "coordinates": [1, 2]},
		"start_time": "2030-06-01T09:00:00Z", "end_time": "2030-06-04T09:00:00Z",
		"pl_number": "PL-777", "product": "Flexible Tasking", "satellite_types": ["PELICAN"],
		"sat_elevation_angle_min": 60, "exclusivity_days": 5}`, post.Body)

	got, err := tasking.WaitTask(ctx, p, task.ID, fast)
	require.NoError(t, err)
	assert.Equal(t, tasking.StatusCompleted, got.Status)
	assert.True(t, got.Revisable, "FULFILLED may be revised by review")
}

func TestAdapterTasksFilters(t *testing.T) {
	srv, c := newSim(t, planettest.WithStepsPerPoll(0))
	p := c.Provider(planet.ProviderDefaults{})
	var ids []string
	for i, name := range []string{"Pier north", "field", "pier south"} {
		srv.SetNow(t0.Add(time.Duration(i) * time.Hour))
		task, err := p.Submit(ctx, &tasking.Request{Name: name, Geometry: orb.Point{1, 2}, Start: t0.Add(10 * time.Hour), End: t0.AddDate(0, 0, 3)})
		require.NoError(t, err)
		ids = append(ids, task.ID)
	}
	require.NoError(t, srv.AdvanceOrder(ids[0], 1)) // PENDING
	_, err := c.Orders.Cancel(ctx, ids[1])
	require.NoError(t, err)

	all, err := tasking.Collect(p.Tasks(ctx, nil))
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, ids[2], all[0].ID, "newest first")

	srv.ResetRequests()
	got, err := tasking.Collect(p.Tasks(ctx, &tasking.Filter{NameContains: "pier"}))
	require.NoError(t, err)
	assert.Len(t, got, 2)
	assert.Equal(t, "pier", srv.Requests()[0].Query.Get("name__icontains"), "filtered by the server")

	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusScheduled, tasking.StatusCancelled}}))
	require.NoError(t, err)
	assert.Len(t, got, 2)
	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusReceived}}))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, ids[2], got[0].ID)
	q := srv.Requests()[len(srv.Requests())-1].Query
	assert.Equal(t, "RECEIVED,REQUESTED", q.Get("status__in"))

	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{CreatedAfter: t0.Add(time.Hour), CreatedBefore: t0.Add(2 * time.Hour)}))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, ids[1], got[0].ID)

	// A neutral status no Planet status maps onto matches nothing, without a request.
	n := len(srv.Requests())
	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusActionRequired}}))
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Len(t, srv.Requests(), n)
}

func TestAdapterEstimate(t *testing.T) {
	srv, c := newSim(t)
	// Pricing only: no contract to search imaging windows with.
	p := c.Provider(planet.ProviderDefaults{})
	est, err := p.Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Point{1, 2}, Start: t0, End: t0.AddDate(0, 0, 3)})
	require.NoError(t, err)
	assert.Equal(t, planet.Name, est.Provider)
	require.NotNil(t, est.Price)
	assert.InDelta(t, 25, est.Price.Amount, 0.5)
	assert.Equal(t, "sqkm", est.Price.Unit, "quota units, never money")
	assert.Empty(t, est.Price.Currency)
	assert.Equal(t, tasking.FeasibilityUnknown, est.Feasibility)
	assert.Empty(t, est.Opportunities)
	details, ok := est.Raw.(*planet.EstimateDetails)
	require.True(t, ok, "Raw is the %T", est.Raw)
	require.NotNil(t, details.Pricing)
	assert.Nil(t, details.ImagingWindowSearch)

	// With a contract and an Assured product: windows too.
	p = c.Provider(planet.ProviderDefaults{PLNumber: "PL-123456", SearchProduct: "Assured Tasking", EstimateWait: fast})
	est, err = p.Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Point{1, 2}, Start: t0, End: t0.AddDate(0, 0, 3)})
	require.NoError(t, err)
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	require.Len(t, est.Opportunities, 3)
	assert.Equal(t, est.Opportunities[0].Start, est.Earliest)
	assert.True(t, est.Opportunities[0].Start.Before(est.Opportunities[1].Start))
	details = est.Raw.(*planet.EstimateDetails)
	require.NotNil(t, details.ImagingWindowSearch)
	assert.Len(t, details.ImagingWindowSearch.ImagingWindows, 3)
	b, err := json.Marshal(details)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"imaging_window_search":{`, "written in Planet's words")

	// No window in a short time of interest: infeasible.
	est, err = p.Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Point{1, 2}, Start: t0.Add(2 * time.Hour), End: t0.Add(3 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, tasking.Infeasible, est.Feasibility)

	// A polygon is searched at its centroid (issue 15); the price is the polygon's.
	srv.ResetRequests()
	est, err = p.Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Polygon{{{0, 0}, {0.3, 0}, {0.3, 0.3}, {0, 0}}}, Start: t0, End: t0.AddDate(0, 0, 3)})
	require.NoError(t, err)
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	require.NotEmpty(t, est.Opportunities)
	require.NotNil(t, est.Price)
	searched := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/imaging-windows/search/") {
			var body struct {
				Geometry struct {
					Type        string    `json:"type"`
					Coordinates []float64 `json:"coordinates"`
				} `json:"geometry"`
			}
			require.NoError(t, json.Unmarshal(r.Body, &body))
			assert.Equal(t, "Point", body.Geometry.Type, "searched at the polygon's centroid")
			require.Len(t, body.Geometry.Coordinates, 2)
			assert.InDelta(t, 0.2, body.Geometry.Coordinates[0], 1e-9)
			assert.InDelta(t, 0.1, body.Geometry.Coordinates[1], 1e-9)
			searched++
		}
	}
	assert.Equal(t, 1, searched)
}

func TestAdapterEstimateWithoutPricingAndFailedSearch(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"pricing/", 404, []byte(`{"detail": "Not found."}`))
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_failed.json"),
		"Location", "/tasking/v2/imaging-windows/search/"+searchID+"/")
	p := c.Provider(planet.ProviderDefaults{PLNumber: "PL-1", Product: "Assured Tasking", EstimateWait: fast})
	est, err := p.Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.LineString{{0, 0}, {0.01, 0.01}}})
	require.NoError(t, err)
	assert.Nil(t, est.Price)
	assert.Equal(t, tasking.Infeasible, est.Feasibility)
	details, ok := est.Raw.(*planet.EstimateDetails)
	require.True(t, ok, "Raw is the %T", est.Raw)
	assert.Nil(t, details.Pricing)
	assert.Equal(t, "NO_ACCESS", details.ImagingWindowSearch.ErrorCode)

	c, m = newMock(t, planet.WithRetry(tasking.NoRetry()))
	m.reply(http.MethodPost, base+"pricing/", 500, []byte(`{"detail": "boom"}`))
	_, err = c.Provider(planet.ProviderDefaults{}).Estimate(ctx, &tasking.Request{Name: "e", Geometry: orb.Point{0, 0}})
	assert.ErrorIs(t, err, tasking.ErrServer)
}
