package planet_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCapturesList(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"captures/", 200, fixture(t, "capture_list.json"))
	page, err := c.Captures.List(ctx, &planet.CaptureListOptions{
		OrderID: "9d79b9ba-efa3-4e6d-bc08-407b545875a1", Fulfilling: ptr(true),
		Status:          planet.CaptureStatusList{planet.CapturePublished, planet.CaptureProcessing},
		AcquiredTimeGTE: mustTime(t, "2025-06-01T00:00:00Z"), AcquiredTimeLTE: mustTime(t, "2025-06-30T00:00:00Z"),
		PublishedTimeGTE: mustTime(t, "2025-06-02T00:00:00Z"), PublishedTimeLTE: mustTime(t, "2025-06-29T00:00:00Z"),
		CreatedTimeGTE: mustTime(t, "2025-05-01T00:00:00Z"), CreatedTimeLTE: mustTime(t, "2025-07-01T00:00:00Z"),
		UpdatedTimeGTE: mustTime(t, "2025-05-02T00:00:00Z"), UpdatedTimeLTE: mustTime(t, "2025-07-02T00:00:00Z"),
		Ordering: "-acquired_time", Limit: 50, Offset: 50,
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, "/tasking/v2/captures/", s.URL.Path)
	checkHeaders(t, s, false)
	q := s.URL.Query()
	for k, v := range map[string]string{
		"order_id": "9d79b9ba-efa3-4e6d-bc08-407b545875a1", "fulfilling": "true", "status__in": "PUBLISHED,PROCESSING",
		"acquired_time__gte": "2025-06-01T00:00:00Z", "acquired_time__lte": "2025-06-30T00:00:00Z",
		"published_time__gte": "2025-06-02T00:00:00Z", "published_time__lte": "2025-06-29T00:00:00Z",
		"created_time__gte": "2025-05-01T00:00:00Z", "created_time__lte": "2025-07-01T00:00:00Z",
		"updated_time__gte": "2025-05-02T00:00:00Z", "updated_time__lte": "2025-07-02T00:00:00Z",
		"ordering": "-acquired_time", "limit": "50", "offset": "50",
	} {
		assert.Equal(t, v, q.Get(k), k)
	}
	assert.Len(t, q, 14)

	require.Len(t, page.Results, 1)
	cp := page.Results[0]
	assert.Equal(t, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", cp.ID)
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", cp.OrderID)
	assert.Equal(t, planet.CapturePublished, cp.Status)
	assert.Equal(t, planet.AssessmentSuccess, cp.Assessment)
	assert.True(t, cp.Fulfilling)
	assert.Equal(t, "s103_20250604T102105Z", cp.StripID)
	assert.Equal(t, planet.SatelliteSkySat, cp.SatelliteType)
	assert.Equal(t, 0.04, *cp.CloudCover)
	assert.Equal(t, mustTime(t, "2025-06-04T10:21:10Z"), cp.AcquiredTime)
	_, more := page.NextOffset()
	assert.False(t, more)

	// fulfilling=false is sent, not dropped.
	_, err = c.Captures.List(ctx, &planet.CaptureListOptions{Fulfilling: ptr(false), Status: planet.CaptureStatusList{planet.CaptureQueued}})
	require.NoError(t, err)
	q = m.last(t).URL.Query()
	assert.Equal(t, "false", q.Get("fulfilling"))
	assert.Equal(t, "QUEUED", q.Get("status"))
}

func TestCapturesSeedFixture(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"captures/", 200, fixture(t, "capture_seed.json"))
	got, err := tasking.Collect(c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: "bfc45520-8a72-4d23-bfd1-7b22f23ed133"}))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "s104_20190921T085131Z", got[0].StripID)
	assert.Equal(t, []string{"SkySatCollect", "SkySatScene"}, got[0].ItemTypes)
	assert.Empty(t, got[0].StatusDescription)
	assert.Equal(t, "bfc45520-8a72-4d23-bfd1-7b22f23ed133", m.last(t).URL.Query().Get("order_id"))
}

func TestCapturesGetAndWait(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"captures/e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10/", 200, fixture(t, "capture.json"))
	cp, err := c.Captures.Get(ctx, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10")
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/captures/e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10/", s.URL.Path)
	checkHeaders(t, s, false)
	assert.Equal(t, planet.AssessmentInvalid, cp.Assessment)
	assert.Equal(t, planet.SatellitePelican, cp.SatelliteType)
	assert.Equal(t, []string{"20250604_102105_ssc3_u0001"}, cp.ItemIDs)
	assert.Equal(t, []string{"20250604_102105_ssc3d1_0001"}, cp.SceneIDs)
	assert.Equal(t, []string{"ortho_analytic"}, cp.DeliveredAssetTypes)
	assert.Equal(t, "Harbour check 2025-06", cp.OrderName)
	assert.Equal(t, "gs-1", cp.GroundID)
	assert.Equal(t, "PL-123456", cp.PLNumber)
	assert.Equal(t, mustTime(t, "2025-06-04T11:40:00Z"), cp.PublishedTime)
	assert.Equal(t, mustTime(t, "2025-06-04T10:21:00Z"), cp.PlannedAcquisitionTime)
	assert.Equal(t, mustTime(t, "2025-06-04T12:00:00Z"), cp.AssessmentTime)
	assert.Nil(t, cp.Unknown, "every member of the fixture is known")

	c, m = newMock(t)
	m.replySeq(http.MethodGet, base+"captures/x/", []byte(`{"id": "x", "status": "QUEUED"}`),
		[]byte(`{"id": "x", "status": "PROCESSING"}`), []byte(`{"id": "x", "status": "PUBLISHED", "assessment": "SUCCESS"}`))
	var events []tasking.StatusEvent
	var unexpected int
	opts := *fast
	opts.OnChange = func(_, e tasking.StatusEvent) { events = append(events, e) }
	opts.OnUnexpected = func(_, _ tasking.StatusEvent) { unexpected++ }
	cp, err = c.Captures.Wait(ctx, "x", &opts)
	require.NoError(t, err)
	assert.Equal(t, planet.CapturePublished, cp.Status)
	require.Len(t, events, 3)
	assert.Equal(t, "QUEUED", events[0].Raw)
	assert.Equal(t, tasking.StatusScheduled, events[0].Status)
	assert.Equal(t, tasking.StatusInProgress, events[1].Status)
	assert.Equal(t, tasking.StatusCompleted, events[2].Status)
	assert.Zero(t, unexpected)
}

func TestCapturesReviews(t *testing.T) {
	c, m := newMock(t)
	id := "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10"
	m.reply(http.MethodPost, base+"captures/"+id+"/reviews/", 201, fixture(t, "review.json"))
	r, err := c.Captures.CreateReview(ctx, id, &planet.ReviewCreateRequest{Category: planet.ReviewHaze,
		Description: "Dense haze over the AOI; features not visible."})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, "/tasking/v2/captures/"+id+"/reviews/", s.URL.Path)
	checkHeaders(t, s, true)
	jsonEq(t, `{"capture_id": "`+id+`", "category": "HAZE", "description": "Dense haze over the AOI; features not visible."}`, s.Body)
	assert.Equal(t, planet.ReviewHaze, r.Category)
	assert.Equal(t, id, r.CaptureID)
	assert.Equal(t, mustTime(t, "2025-06-05T08:00:00Z"), r.CreatedTime)

	m.reply(http.MethodGet, base+"captures/"+id+"/reviews/", 200, fixture(t, "review_list.json"))
	page, err := c.Captures.Reviews(ctx, id, &planet.ReviewListOptions{Limit: 10, Ordering: "-created_time"})
	require.NoError(t, err)
	s = m.last(t)
	assert.Equal(t, "/tasking/v2/captures/"+id+"/reviews/", s.URL.Path)
	assert.Equal(t, "10", s.URL.Query().Get("limit"))
	assert.Equal(t, "-created_time", s.URL.Query().Get("ordering"))
	checkHeaders(t, s, false)
	assert.Len(t, page.Results, 7)
	all, err := tasking.Collect(c.Captures.AllReviews(ctx, id, nil))
	require.NoError(t, err)
	assert.Len(t, all, 7)

	_, err = tasking.Collect(c.Captures.AllReviews(ctx, "", nil))
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "capture_id", ve.Field)
}

func TestExclusivityHelpers(t *testing.T) {
	// The seed's worked example: 2020-10-10T12:00:00 + 30 days = 2020-11-09T12:00:00.
	acq := mustTime(t, "2020-10-10T12:00:00Z")
	assert.Equal(t, mustTime(t, "2020-11-09T12:00:00Z"), planet.ExclusivityEnd(acq, 30))
	assert.Equal(t, acq, planet.ExclusivityEnd(acq, 0))
	// A local time is read as the instant it is.
	assert.True(t, planet.ExclusivityEnd(acq.In(time.FixedZone("x", 3600)), 30).Equal(mustTime(t, "2020-11-09T12:00:00Z")))

	cp := &planet.Capture{AcquiredTime: acq}
	end, ok := cp.ExclusiveUntil(&planet.Order{ExclusivityDays: ptr(30)})
	assert.True(t, ok)
	assert.Equal(t, mustTime(t, "2020-11-09T12:00:00Z"), end)
	end, ok = cp.ExclusiveUntil(&planet.Order{})
	assert.True(t, ok)
	assert.Equal(t, acq, end)
	_, ok = (&planet.Capture{}).ExclusiveUntil(&planet.Order{ExclusivityDays: ptr(30)})
	assert.False(t, ok)

	// The recipe: GET the order, list its PUBLISHED captures, add the days.
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/bfc45520-8a72-4d23-bfd1-7b22f23ed133/", 200, fixture(t, "order_seed.json"))
	m.reply(http.MethodGet, base+"captures/", 200, fixture(t, "capture_seed.json"))
	rel, err := c.Captures.ArchiveSchedule(ctx, "bfc45520-8a72-4d23-bfd1-7b22f23ed133")
	require.NoError(t, err)
	require.Len(t, rel, 1)
	assert.Equal(t, 30, rel[0].ExclusivityDays)
	assert.Equal(t, mustTime(t, "2019-10-21T08:51:31.094Z"), rel[0].ArchiveTime)
	q := m.last(t).URL.Query()
	assert.Equal(t, "bfc45520-8a72-4d23-bfd1-7b22f23ed133", q.Get("order_id"))
	assert.Equal(t, "PUBLISHED", q.Get("status"))
}
