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

const searchID = "5a0c8d3e-2b8f-4c55-9a55-0c8f7c1b2d11"

func searchRequest(t testing.TB) *planet.ImagingWindowSearchRequest {
	return &planet.ImagingWindowSearchRequest{
		Geometry: orb.Point{13.350097, 52.514511}, PLNumber: "PL-123456", Product: "Assured Tasking",
		Start: mustTime(t, "2025-06-02T00:00:00Z"), End: mustTime(t, "2025-06-12T00:00:00Z"),
	}
}

func TestImagingWindowsSearchFollowsLocation(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_created.json"),
		"Location", "/tasking/v2/imaging-windows/search/"+searchID+"/")
	m.replySeq(http.MethodGet, base+"imaging-windows/search/"+searchID+"/",
		fixture(t, "search_in_progress.json"), fixture(t, "search_in_progress.json"), fixture(t, "search_done.json"))
	q := searchRequest(t)
	q.SatelliteTypes = []planet.SatelliteType{planet.SatellitePelican}
	q.OffNadirAngleMax = ptr(20.0)
	var seenStatuses []string
	opts := *fast
	opts.OnChange = func(_, e tasking.StatusEvent) { seenStatuses = append(seenStatuses, e.Raw) }
	s, err := c.ImagingWindows.Search(ctx, q, &opts)
	require.NoError(t, err)

	reqs := m.log()
	require.Len(t, reqs, 4)
	post := reqs[0]
	assert.Equal(t, http.MethodPost, post.Method)
	assert.Equal(t, "/tasking/v2/imaging-windows/search/", post.URL.Path)
	checkHeaders(t, post, true)
	jsonEq(t, `{"geometry": {"type": "Point", "coordinates": [13.350097, 52.514511]},
		"pl_number": "PL-123456", "product": "Assured Tasking",
		"datetime": "2025-06-02T00:00:00Z/2025-06-12T00:00:00Z",
		"satellite_types": ["PELICAN"], "off_nadir_angle_max": 20}`, post.Body)
	for _, r := range reqs[1:] {
		assert.Equal(t, http.MethodGet, r.Method)
		assert.Equal(t, "/tasking/v2/imaging-windows/search/"+searchID+"/", r.URL.Path)
		checkHeaders(t, r, false)
	}
	assert.Equal(t, []string{"IN_PROGRESS", "DONE"}, seenStatuses)

	assert.Equal(t, searchID, s.ID)
	assert.Equal(t, planet.SearchDone, s.Status)
	assert.Equal(t, base+"imaging-windows/search/"+searchID+"/", s.Location)
	require.Len(t, s.ImagingWindows, 3)
	w := s.ImagingWindows[0]
	assert.Equal(t, "b3f1f0e2-6a7d-4f0c-8f5e-2f0a9d1c7e44", w.ID)
	assert.Equal(t, planet.SatellitePelican, w.SatelliteType)
	assert.Equal(t, 8.2, *w.OffNadirAngleMin)
	assert.Equal(t, 11.9, *w.OffNadirAngleMax)
	assert.Equal(t, 23.0, *w.CloudForecast[0].Prediction)
	w2 := s.ImagingWindows[1]
	assert.Equal(t, 12.0, *w2.StartOffNadir)
	assert.Equal(t, planet.TierStandard, w2.AssuredTaskingTier)
	assert.Equal(t, 38.0, *w2.CloudForecast[0].Historical)
	assert.Equal(t, 25.0, *w2.PricingDetails.EstimatedQuotaCost)
	assert.False(t, *w2.LowLight)
	assert.Equal(t, 1.5, *s.ImagingWindows[2].QuotaPriorityMultiplier)
	assert.Equal(t, w2.ID, s.Earliest().ID, "the earliest window")

	// A found window books an Assured order.
	order := planet.AssuredOrder("pier", q, s.Earliest())
	assert.Equal(t, w2.ID, order.ImagingWindow)
	assert.Equal(t, q.Geometry, order.Geometry)
	assert.Equal(t, "PL-123456", order.PLNumber)
	assert.Equal(t, "Assured Tasking", order.Product)
	require.NoError(t, order.Validate())
}

func TestImagingWindowsSearchWithoutBodyOrLocation(t *testing.T) {
	// 201 with an empty body: the search is polled at the Location.
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, nil,
		"Location", "https://api.planet.com/tasking/v2/imaging-windows/search/"+searchID+"/")
	m.reply(http.MethodGet, base+"imaging-windows/search/"+searchID+"/", 200, fixture(t, "search_done.json"))
	started, err := c.ImagingWindows.Start(ctx, searchRequest(t))
	require.NoError(t, err)
	assert.Equal(t, planet.SearchCreated, started.Status)
	assert.Equal(t, searchID, started.ID)
	s, err := c.ImagingWindows.Wait(ctx, started.Location, fast)
	require.NoError(t, err)
	assert.Len(t, s.ImagingWindows, 3)

	// A body with an id but no Location: the search path is built from the id.
	c, m = newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_created.json"))
	m.reply(http.MethodGet, base+"imaging-windows/search/"+searchID+"/", 200, fixture(t, "search_done.json"))
	s, err = c.ImagingWindows.Search(ctx, searchRequest(t), fast)
	require.NoError(t, err)
	assert.Equal(t, planet.SearchDone, s.Status)

	// Neither: the caller is told, not left polling nothing.
	c, m = newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, nil)
	_, err = c.ImagingWindows.Search(ctx, searchRequest(t), fast)
	assert.ErrorContains(t, err, "no Location header")

	// A Location on another host is not followed.
	c, m = newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, nil, "Location", "https://evil.example.com/x/")
	_, err = c.ImagingWindows.Search(ctx, searchRequest(t), fast)
	assert.ErrorContains(t, err, "not the API host")
	assert.Len(t, m.log(), 1)
}

func TestImagingWindowsSearchFailed(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_created.json"),
		"Location", "/tasking/v2/imaging-windows/search/"+searchID+"/")
	m.reply(http.MethodGet, base+"imaging-windows/search/"+searchID+"/", 200, fixture(t, "search_failed.json"))
	s, err := c.ImagingWindows.Search(ctx, searchRequest(t), fast)
	var sf *planet.SearchFailedError
	require.True(t, errors.As(err, &sf), "%v", err)
	assert.Equal(t, "NO_ACCESS", sf.Code)
	assert.Equal(t, searchID, sf.SearchID)
	assert.Contains(t, err.Error(), "The contract has no Assured Tasking product.")
	require.NotNil(t, s)
	assert.Equal(t, planet.SearchFailed, s.Status)

	// A search answered FAILED at once is not polled.
	c, m = newMock(t)
	m.reply(http.MethodPost, base+"imaging-windows/search/", 201, fixture(t, "search_failed.json"),
		"Location", "/tasking/v2/imaging-windows/search/"+searchID+"/")
	_, err = c.ImagingWindows.Search(ctx, searchRequest(t), fast)
	require.ErrorAs(t, err, &sf)
	assert.Len(t, m.log(), 1)
}

func TestImagingWindowsGetByID(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"imaging-windows/search/"+searchID+"/", 200, fixture(t, "search_in_progress.json"))
	s, err := c.ImagingWindows.Get(ctx, searchID)
	require.NoError(t, err)
	assert.Equal(t, planet.SearchInProgress, s.Status)
	assert.Equal(t, "/tasking/v2/imaging-windows/search/"+searchID+"/", m.last(t).URL.Path)
	_, err = c.ImagingWindows.Get(ctx, "")
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "search_id", ve.Field)
}

func TestSearchRequestIntervals(t *testing.T) {
	for _, tc := range []struct {
		start, end string
		want       string
	}{
		{"2025-06-02T00:00:00Z", "", `"2025-06-02T00:00:00Z/.."`},
		{"", "2025-06-12T00:00:00Z", `"../2025-06-12T00:00:00Z"`},
		{"", "", ``},
	} {
		q := searchRequest(t)
		q.Start, q.End = parseOrZero(t, tc.start), parseOrZero(t, tc.end)
		b, err := json.Marshal(q)
		require.NoError(t, err)
		var m map[string]jsontext.Value
		require.NoError(t, json.Unmarshal(b, &m))
		assert.Equal(t, tc.want, string(m["datetime"]))
	}
}

func parseOrZero(t testing.TB, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return mustTime(t, s)
}
