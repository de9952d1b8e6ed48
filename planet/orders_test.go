package planet_test

import (
	"context"
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

var ctx = context.Background()

func TestOrdersCreateWire(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"orders/", 201, fixture(t, "order_flexible.json"))
	start := mustTime(t, "2025-06-02T02:00:00+02:00")
	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name:                 "Harbour check 2025-06",
		Geometry:             orb.Point{13.35, 52.51},
		StartTime:            start,
		EndTime:              start.AddDate(0, 0, 7),
		PLNumber:             "PL-123456",
		Product:              "Flexible Tasking",
		SatElevationAngleMin: ptr(60.0),
		SatElevationAngleMax: ptr(90.0),
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, "/tasking/v2/orders/", s.URL.Path)
	assert.Empty(t, s.URL.RawQuery)
	checkHeaders(t, s, true)
	jsonEq(t, `{
		"name": "Harbour check 2025-06",
		"geometry": {"type": "Point", "coordinates": [13.35, 52.51]},
		"start_time": "2025-06-02T00:00:00Z",
		"end_time": "2025-06-09T00:00:00Z",
		"pl_number": "PL-123456",
		"product": "Flexible Tasking",
		"sat_elevation_angle_min": 60,
		"sat_elevation_angle_max": 90
	}`, s.Body)

	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", o.ID)
	assert.Equal(t, planet.OrderReceived, o.Status)
	assert.Equal(t, tasking.StatusReceived, o.Status.Neutral())
	assert.Equal(t, "Polygon", o.Geometry.GeoJSONType())
	assert.Equal(t, orb.Point{13.35, 52.51}, o.OriginalGeometry)
	assert.Equal(t, orb.Point{13.35, 52.51}, o.SubmittedGeometry())
	assert.Equal(t, planet.SchedulingFlexible, o.SchedulingType)
	assert.Empty(t, o.ImagingWindow)
	assert.Equal(t, 60.0, *o.SatElevationAngleMin)
	assert.True(t, *o.IsCancellable)
	assert.Equal(t, mustTime(t, "2025-06-01T09:14:03.512Z"), o.CreatedTime)
	assert.Nil(t, o.Unknown, "every member of the fixture is known")
	assert.Same(t, o, o.Neutral().Raw, "the neutral task's Raw is the order itself")
}

func TestOrdersCreateMonitoringAndAssuredWire(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"orders/", 201, fixture(t, "order_monitoring.json"))
	start := mustTime(t, "2025-06-02T00:00:00Z")
	_, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{
		Name: "Weekly pier monitor", Geometry: orb.Point{149.44135, -28.4924}, StartTime: start,
		SchedulingType: planet.SchedulingMonitoring, RRule: "FREQ=WEEKLY;COUNT=4;INTERVAL=1;BYDAY=MO",
		SatelliteTypes: []planet.SatelliteType{planet.SatelliteSkySat}, ExclusivityDays: ptr(0),
		OrderType: planet.OrderTypeImage, EarlyStart: ptr(true), CloudThreshold: ptr(0.2), NStereoPOV: ptr(2),
		RequestedItemIDs: []string{"a"}, Delivery: jsontext.Value(`{"destination":{"ref":"pl:destinations/x"}}`),
	})
	require.NoError(t, err)
	jsonEq(t, `{
		"name": "Weekly pier monitor",
		"geometry": {"type": "Point", "coordinates": [149.44135, -28.4924]},
		"scheduling_type": "MONITORING",
		"start_time": "2025-06-02T00:00:00Z",
		"rrule": "FREQ=WEEKLY;COUNT=4;INTERVAL=1;BYDAY=MO",
		"satellite_types": ["SKYSAT"], "exclusivity_days": 0, "order_type": "IMAGE", "early_start": true,
		"cloud_threshold": 0.2, "n_stereo_pov": 2, "requested_item_ids": ["a"],
		"delivery": {"destination": {"ref": "pl:destinations/x"}}
	}`, m.last(t).Body)

	q := &planet.ImagingWindowSearchRequest{Geometry: orb.Point{13.350097, 52.514511}, PLNumber: "PL-123456", Product: "Assured Tasking"}
	w := &planet.ImagingWindow{ID: "b3f1f0e2-6a7d-4f0c-8f5e-2f0a9d1c7e44"}
	_, err = c.Orders.Create(ctx, planet.AssuredOrder("Assured 2025-06-04 pier", q, w))
	require.NoError(t, err)
	jsonEq(t, `{"name": "Assured 2025-06-04 pier", "geometry": {"type": "Point", "coordinates": [13.350097, 52.514511]},
		"pl_number": "PL-123456", "product": "Assured Tasking", "imaging_window": "b3f1f0e2-6a7d-4f0c-8f5e-2f0a9d1c7e44"}`,
		m.last(t).Body)
}

func TestOrdersCreateWithoutBodyFollowsLocation(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"orders/", 201, nil, "Location", "/tasking/v2/orders/9d79b9ba-efa3-4e6d-bc08-407b545875a1/")
	m.reply(http.MethodGet, base+"orders/9d79b9ba-efa3-4e6d-bc08-407b545875a1/", 200, fixture(t, "order_flexible.json"))
	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{Name: "x", Geometry: orb.Point{1, 2}})
	require.NoError(t, err)
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", o.ID)
	assert.Len(t, m.log(), 2)

	c, m = newMock(t)
	m.reply(http.MethodPost, base+"orders/", 201, nil)
	_, err = c.Orders.Create(ctx, &planet.OrderCreateRequest{Name: "x", Geometry: orb.Point{1, 2}})
	assert.ErrorContains(t, err, "the answer holds no order")
}

func TestOrdersGet(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/1f0c7e8a-3b2d-4c5e-8f9a-0b1c2d3e4f50/", 200, fixture(t, "order_assured.json"))
	o, err := c.Orders.Get(ctx, "1f0c7e8a-3b2d-4c5e-8f9a-0b1c2d3e4f50")
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, "/tasking/v2/orders/1f0c7e8a-3b2d-4c5e-8f9a-0b1c2d3e4f50/", s.URL.Path)
	checkHeaders(t, s, false)

	assert.Equal(t, planet.OrderFinalizing, o.Status)
	assert.Equal(t, tasking.StatusInProgress, o.Status.Neutral())
	assert.Equal(t, orb.LineString{{13.350097, 52.514511}, {13.36, 52.52}}, o.Geometry)
	assert.Nil(t, o.OriginalGeometry)
	assert.Equal(t, o.Geometry, o.SubmittedGeometry())
	assert.Equal(t, "b3f1f0e2-6a7d-4f0c-8f5e-2f0a9d1c7e44", o.ImagingWindow)
	assert.Equal(t, planet.SchedulingAssured, o.SchedulingType)
	assert.Equal(t, planet.OrderTypeStereo, o.OrderType)
	assert.Equal(t, []planet.SatelliteType{planet.SatellitePelican, planet.SatelliteTanager}, o.SatelliteTypes)
	assert.Equal(t, 2, *o.NStereoPOV)
	assert.False(t, *o.EarlyStart)
	assert.Equal(t, 0.2, *o.CloudThreshold)
	assert.Equal(t, 7, *o.ExclusivityDays)
	assert.Equal(t, 1, o.CaptureCount)
	assert.Equal(t, 1, o.CaptureStatusProcessingCount)
	assert.Equal(t, 25.0, *o.RequestedSqkm)
	assert.Equal(t, 25.0, *o.EstimatedQuotaCost)
	assert.Equal(t, 0.0, *o.UsedQuota)
	assert.Equal(t, "someone@example.com", o.CreatedBy)
	assert.False(t, *o.IsCancellable)
	assert.Equal(t, mustTime(t, "2025-06-03T10:21:05Z"), o.CancellableUntil)
	assert.Equal(t, mustTime(t, "2025-06-04T10:21:10Z"), o.LastAcquiredTime)
	assert.True(t, o.NextPlannedAcquisitionTime.IsZero())
	assert.True(t, o.FulfilledTime.IsZero())
	assert.JSONEq(t, `{"destination": {"ref": "pl:destinations/my-bucket"}, "path_prefix": "tasking/"}`, string(o.Delivery))

	// An id is path-escaped, and an empty one refused before any request.
	m.reply(http.MethodGet, base+"orders/a%2Fb/", 200, fixture(t, "order_flexible.json"))
	_, err = c.Orders.Get(ctx, "a/b")
	require.NoError(t, err)
	assert.Equal(t, "/tasking/v2/orders/a%2Fb/", m.last(t).URL.EscapedPath())
	n := len(m.log())
	_, err = c.Orders.Get(ctx, " ")
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "order_id", ve.Field)
	assert.Len(t, m.log(), n)
}

func TestOrdersDecodeMonitoringAndSeed(t *testing.T) {
	var o planet.Order
	require.NoError(t, planet.Unmarshal(fixture(t, "order_monitoring.json"), &o))
	assert.Equal(t, planet.OrderRequested, o.Status)
	assert.Equal(t, tasking.StatusReceived, o.Status.Neutral())
	assert.Equal(t, "FREQ=WEEKLY;COUNT=4;INTERVAL=1;BYDAY=MO", o.RRule)
	assert.True(t, o.EndTime.IsZero(), "end_time null")
	assert.True(t, mustTime(t, "2025-06-02T00:00:00Z").Equal(o.StartTime), "+00:00 offset read")

	require.NoError(t, planet.Unmarshal(fixture(t, "order_seed.json"), &o))
	assert.Equal(t, "cairo_egypt", o.Name)
	assert.Equal(t, planet.OrderFulfilled, o.Status)
	assert.True(t, o.Status.Revisable())
	assert.Equal(t, 0, o.CaptureAssessmentInvalidCount)
	assert.Equal(t, mustTime(t, "2019-09-30T20:30:50.836516Z"), o.StartTime)
	assert.Equal(t, 30, *o.ExclusivityDays)
}

func TestOrdersDecodeLeniently(t *testing.T) {
	var o planet.Order
	require.NoError(t, planet.Unmarshal(fixture(t, "order_lenient.json"), &o))
	assert.Equal(t, "3c9d2e7f-0a1b-4c2d-9e3f-4a5b6c7d8e9f", o.ID)
	assert.Equal(t, "from the future", o.Name)
	assert.Equal(t, planet.OrderStatus("ON_ICE"), o.Status, "an unknown status is kept")
	assert.False(t, o.Status.Known())
	assert.Equal(t, tasking.StatusUnknown, o.Status.Neutral())
	assert.Equal(t, planet.SchedulingType("QUANTUM"), o.SchedulingType)
	assert.Equal(t, []planet.SatelliteType{planet.SatelliteSkySat, "STARSHIP"}, o.SatelliteTypes)
	assert.Equal(t, orb.Point{1, 2}, o.Geometry)
	assert.Equal(t, mustTime(t, "2025-06-02T00:00:00Z"), o.StartTime)
	assert.Equal(t, mustTime(t, "2025-06-09T00:00:00Z"), o.EndTime, "a time without a zone is UTC")
	assert.Equal(t, mustTime(t, "2025-06-01T00:00:00Z"), o.CreatedTime, "a bare date")
	assert.Equal(t, 3, o.CaptureCount, "names match in any case")
	assert.JSONEq(t, `{"brand_new_member": {"nested": [1, 2, 3]}}`, string(o.Unknown), "Unknown keeps what is new")

	// Written back out, the unknown member is there again.
	b, err := json.Marshal(&o)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"brand_new_member":{"nested":[1,2,3]}`)

	// A geometry that is not GeoJSON is an error, and so is an order that is
	// not an object.
	assert.Error(t, planet.Unmarshal([]byte(`{"id":"x","geometry":{"type":"Blob"}}`), &o))
	assert.Error(t, planet.Unmarshal([]byte(`[1]`), &o))
	assert.Error(t, planet.Unmarshal([]byte(`{"id": }`), &o))
}

// TestOrdersDecodeStrictly checks the other half of the rule: a known member
// of the wrong type is an error naming its JSON path, through the client a
// *tasking.DecodeError, rather than a zero value that hides the change.
func TestOrdersDecodeStrictly(t *testing.T) {
	for member, value := range map[string]string{
		"end_time":         `"not a time"`,
		"exclusivity_days": `"thirty"`,
		"capture_count":    `1.5`,
		"geometry":         `5`,
		"satellite_types":  `"SKYSAT"`,
		"is_cancellable":   `"yes"`,
		"status":           `{"a": 1}`,
	} {
		body := []byte(`{"id": "x", "name": "n", "` + member + `": ` + value + `}`)
		var o planet.Order
		err := planet.Unmarshal(body, &o)
		require.Error(t, err, member)
		assert.Contains(t, err.Error(), `"/`+member+`"`, "the error names the member")

		c, m := newMock(t)
		m.reply(http.MethodGet, base+"orders/x/", 200, body)
		_, err = c.Orders.Get(ctx, "x")
		var de *tasking.DecodeError
		require.ErrorAs(t, err, &de, member)
		assert.Contains(t, de.Error(), `"/`+member+`"`)

		// In a page, the path leads to the item.
		m.reply(http.MethodGet, base+"orders/", 200, []byte(`{"count": 2, "results": [{"id": "a"}, `+string(body)+`]}`))
		_, err = c.Orders.List(ctx, nil)
		require.ErrorAs(t, err, &de, member)
		assert.Contains(t, de.Error(), `"/results/1/`+member+`"`)
	}
}

func TestOrderMarshalRoundTrip(t *testing.T) {
	var o planet.Order
	require.NoError(t, planet.Unmarshal(fixture(t, "order_flexible.json"), &o))
	b, err := json.Marshal(&o)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"geometry":{"type":"Polygon","coordinates":[[[13.3249,52.4889],`, "GeoJSON, without options")
	var back planet.Order
	require.NoError(t, json.Unmarshal(b, &back), "encoding/json/v2 reads it back without options")
	assert.Equal(t, o, back)
	require.NoError(t, planet.Unmarshal(b, &back), "so does the client")
	assert.Equal(t, o, back)
}

func TestOrdersList(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/", 200, fixture(t, "order_list.json"))
	page, err := c.Orders.List(ctx, &planet.OrderListOptions{
		Status:         planet.OrderStatusList{planet.OrderFulfilled},
		NameContains:   "pier",
		Ordering:       "-updated_time,-created_time",
		Limit:          2,
		Offset:         0,
		CreatedTimeGTE: mustTime(t, "2025-01-01T00:00:00Z"),
		CreatedTimeLTE: mustTime(t, "2025-12-31T00:00:00Z"),
		CreatedTimeGT:  mustTime(t, "2024-01-01T00:00:00Z"),
		CreatedTimeLT:  mustTime(t, "2026-01-01T00:00:00Z"),
		UpdatedTimeGTE: mustTime(t, "2025-02-01T00:00:00Z"),
		UpdatedTimeLTE: mustTime(t, "2025-11-30T00:00:00Z"),
		UpdatedTimeGT:  mustTime(t, "2025-02-02T00:00:00Z"),
		UpdatedTimeLT:  mustTime(t, "2025-11-29T00:00:00Z"),
		StartTimeGTE:   mustTime(t, "2025-03-01T00:00:00Z"),
		StartTimeLTE:   mustTime(t, "2025-10-31T00:00:00Z"),
		StartTimeGT:    mustTime(t, "2025-03-02T00:00:00Z"),
		StartTimeLT:    mustTime(t, "2025-10-30T00:00:00Z"),
		EndTimeGTE:     mustTime(t, "2025-04-01T00:00:00Z"),
		EndTimeLTE:     mustTime(t, "2025-09-30T00:00:00Z"),
		EndTimeGT:      mustTime(t, "2025-04-02T00:00:00Z"),
		EndTimeLT:      mustTime(t, "2025-09-29T00:00:00Z"),
		PLNumber:       "PL-123456",
		Product:        "Flexible Tasking",
		SchedulingType: planet.SchedulingFlexible,
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/orders/", s.URL.Path)
	checkHeaders(t, s, false)
	q := s.URL.Query()
	assert.Equal(t, "FULFILLED", q.Get("status"))
	assert.Empty(t, q.Get("status__in"))
	assert.Equal(t, "pier", q.Get("name__icontains"))
	assert.Equal(t, "-updated_time,-created_time", q.Get("ordering"))
	assert.Equal(t, "2", q.Get("limit"))
	assert.False(t, q.Has("offset"), "a zero offset is not sent")
	for k, v := range map[string]string{
		"created_time__gte": "2025-01-01T00:00:00Z", "created_time__lte": "2025-12-31T00:00:00Z",
		"created_time__gt": "2024-01-01T00:00:00Z", "created_time__lt": "2026-01-01T00:00:00Z",
		"updated_time__gte": "2025-02-01T00:00:00Z", "updated_time__lte": "2025-11-30T00:00:00Z",
		"updated_time__gt": "2025-02-02T00:00:00Z", "updated_time__lt": "2025-11-29T00:00:00Z",
		"start_time__gte": "2025-03-01T00:00:00Z", "start_time__lte": "2025-10-31T00:00:00Z",
		"start_time__gt": "2025-03-02T00:00:00Z", "start_time__lt": "2025-10-30T00:00:00Z",
		"end_time__gte": "2025-04-01T00:00:00Z", "end_time__lte": "2025-09-30T00:00:00Z",
		"end_time__gt": "2025-04-02T00:00:00Z", "end_time__lt": "2025-09-29T00:00:00Z",
		"pl_number": "PL-123456", "product": "Flexible Tasking", "scheduling_type": "FLEXIBLE",
	} {
		assert.Equal(t, v, q.Get(k), k)
	}
	assert.Len(t, q, 23)

	assert.Equal(t, 7, page.Count)
	require.Len(t, page.Results, 2)
	assert.Equal(t, "pier A", page.Results[0].Name)
	assert.Equal(t, 2, page.Results[0].CaptureStatusPublishedCount)
	assert.Contains(t, page.Next, "offset=2")
	assert.Empty(t, page.Previous)
	off, ok := page.NextOffset()
	assert.True(t, ok)
	assert.Equal(t, 2, off)

	// Several statuses go as one comma list in status__in.
	_, err = c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderPending, planet.OrderInProgress}, Offset: 4})
	require.NoError(t, err)
	q = m.last(t).URL.Query()
	assert.Equal(t, "PENDING,IN_PROGRESS", q.Get("status__in"))
	assert.False(t, q.Has("status"))
	assert.Equal(t, "4", q.Get("offset"))

	// nil options send no query.
	_, err = c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, m.last(t).URL.RawQuery)
}

func TestOrdersAllFollowsNext(t *testing.T) {
	c, m := newMock(t)
	page := func(n int, next string) []byte {
		res := []map[string]any{}
		for i := 0; i < 2; i++ {
			res = append(res, map[string]any{"id": string(rune('a'+n*2+i)) + "-id", "name": "o", "status": "PENDING"})
		}
		var nx any
		if next != "" {
			nx = next
		}
		b, _ := json.Marshal(map[string]any{"count": 6, "next": nx, "previous": nil, "results": res})
		return b
	}
	m.reply(http.MethodGet, base+"orders/?limit=2&status=PENDING", 200, page(0, base+"orders/?limit=2&offset=2&status=PENDING"))
	m.reply(http.MethodGet, base+"orders/?limit=2&offset=2&status=PENDING", 200, page(1, base+"orders/?limit=2&offset=4&status=PENDING"))
	m.reply(http.MethodGet, base+"orders/?limit=2&offset=4&status=PENDING", 200, page(2, ""))
	got, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderPending}, Limit: 2}))
	require.NoError(t, err)
	require.Len(t, got, 6)
	assert.Equal(t, "a-id", got[0].ID)
	assert.Equal(t, "f-id", got[5].ID)
	assert.Len(t, m.log(), 3)

	// A next link to another host is refused, not followed.
	c, m = newMock(t)
	m.reply(http.MethodGet, base+"orders/", 200, page(0, "https://evil.example.com/tasking/v2/orders/?offset=2"))
	_, err = tasking.Collect(c.Orders.All(ctx, nil))
	assert.ErrorContains(t, err, "not the API host")
	assert.Len(t, m.log(), 1)
}

func TestOrdersAllWithoutNextMember(t *testing.T) {
	// An envelope without "next" is paged by offset while pages come back full.
	c, m := newMock(t)
	full := []byte(`{"results": [{"id": "1"}, {"id": "2"}]}`)
	last := []byte(`{"results": [{"id": "3"}]}`)
	m.reply(http.MethodGet, base+"orders/?limit=2", 200, full)
	m.reply(http.MethodGet, base+"orders/?limit=2&offset=2", 200, last)
	got, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{Limit: 2}))
	require.NoError(t, err)
	assert.Len(t, got, 3)

	// A bare array is one complete page.
	c, m = newMock(t)
	m.reply(http.MethodGet, base+"orders/", 200, []byte(`[{"id": "1"}, {"id": "2"}]`))
	got, err = tasking.Collect(c.Orders.All(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, got, 2)
	assert.Len(t, m.log(), 1)
}

func TestOrdersAllStopsAtError(t *testing.T) {
	c, m := newMock(t, planet.WithRetry(tasking.NoRetry()))
	m.reply(http.MethodGet, base+"orders/", 200, []byte(`{"count": 3, "next": "`+base+`orders/?offset=2", "results": [{"id": "1"}, {"id": "2"}]}`))
	m.reply(http.MethodGet, base+"orders/?offset=2", 500, []byte(`{"detail": "boom"}`))
	var ids []string
	var errs []error
	for o, err := range c.Orders.All(ctx, nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, o.ID)
	}
	assert.Equal(t, []string{"1", "2"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], tasking.ErrServer)
}

func TestOrdersUpdate(t *testing.T) {
	c, m := newMock(t)
	id := "9d79b9ba-efa3-4e6d-bc08-407b545875a1"
	m.reply(http.MethodPut, base+"orders/"+id+"/", 200, fixture(t, "order_flexible.json"))
	o, err := c.Orders.Update(ctx, id, &planet.OrderUpdateRequest{Name: "Harbour check 2025-06 (renamed)",
		EndTime: mustTime(t, "2025-06-12T00:00:00+00:00")})
	require.NoError(t, err)
	assert.Equal(t, id, o.ID)
	s := m.last(t)
	assert.Equal(t, http.MethodPut, s.Method)
	assert.Equal(t, "/tasking/v2/orders/"+id+"/", s.URL.Path)
	checkHeaders(t, s, true)
	jsonEq(t, `{"name": "Harbour check 2025-06 (renamed)", "end_time": "2025-06-12T00:00:00Z"}`, s.Body)
}

func TestOrdersCancel(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   []byte
	}{{200, fixture(t, "order_flexible.json")}, {202, nil}, {204, nil}} {
		c, m := newMock(t)
		m.reply(http.MethodDelete, base+"orders/abc/", tc.status, tc.body)
		m.reply(http.MethodGet, base+"orders/abc/", 200, fixture(t, "order_flexible.json"))
		o, err := c.Orders.Cancel(ctx, "abc")
		require.NoError(t, err, "status %d", tc.status)
		require.NotNil(t, o, "a nil error comes with the order")
		assert.NotEmpty(t, o.ID)
		l := m.log()
		assert.Equal(t, http.MethodDelete, l[0].Method)
		assert.Equal(t, "/tasking/v2/orders/abc/", l[0].URL.Path)
		checkHeaders(t, l[0], false)
		if tc.body == nil {
			require.Len(t, l, 2, "an answer without the order: it is read")
			assert.Equal(t, http.MethodGet, l[1].Method)
		} else {
			assert.Len(t, l, 1, "the order in the answer is returned")
		}
	}

	c, m := newMock(t)
	m.reply(http.MethodDelete, base+"orders/abc/", 400, []byte(`{"detail": "Orders in status FULFILLED cannot be cancelled."}`))
	o, err := c.Orders.Cancel(ctx, "abc")
	assert.Nil(t, o)
	assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.ErrorContains(t, err, "cannot be cancelled")
}

func TestOrdersPricing(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/abc/pricing/", 200, fixture(t, "pricing.json"))
	p, err := c.Orders.Pricing(ctx, "abc")
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/orders/abc/pricing/", s.URL.Path)
	checkHeaders(t, s, false)
	assert.Equal(t, "sqkm", p.Units)
	assert.Equal(t, 25.0, *p.EstimatedQuotaCost)
	assert.Equal(t, "MINIMUM_AREA", p.DeterminedBy)
	assert.JSONEq(t, `{"type": "AREA", "minimum_sqkm": 25}`, string(p.PricingModel))
	require.Len(t, p.ReplacedOrders, 1)
	assert.Equal(t, 12.5, *p.ReplacedOrders[0].Cost)
	assert.Equal(t, "pier A", p.ReplacedOrders[0].Name)
}

func TestPricingPreview(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"pricing/", 200, fixture(t, "pricing.json"))
	p, err := c.Pricing.Preview(ctx, &planet.OrderCreateRequest{Name: "x", Geometry: orb.Point{1, 2}})
	require.NoError(t, err)
	assert.Equal(t, 25.0, *p.EstimatedQuotaCost)
	s := m.last(t)
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, "/tasking/v2/pricing/", s.URL.Path)
	checkHeaders(t, s, true)
	jsonEq(t, `{"name": "x", "geometry": {"type": "Point", "coordinates": [1, 2]}}`, s.Body)
}

func TestOrdersWait(t *testing.T) {
	c, m := newMock(t)
	body := func(s planet.OrderStatus) []byte {
		return []byte(`{"id": "abc", "status": "` + string(s) + `"}`)
	}
	m.replySeq(http.MethodGet, base+"orders/abc/", body(planet.OrderReceived), body(planet.OrderPending),
		body(planet.OrderPending), body(planet.OrderInProgress), body(planet.OrderFulfilled))
	var seenStatuses []string
	var unexpected int
	opts := *fast
	opts.OnChange = func(_, next tasking.StatusEvent) {
		seenStatuses = append(seenStatuses, next.Raw+"="+string(next.Status))
	}
	opts.OnUnexpected = func(_, _ tasking.StatusEvent) { unexpected++ }
	o, err := c.Orders.Wait(ctx, "abc", &opts)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFulfilled, o.Status)
	assert.Equal(t, []string{"RECEIVED=received", "PENDING=scheduled", "IN_PROGRESS=in_progress", "FULFILLED=completed"}, seenStatuses)
	assert.Zero(t, unexpected)
	assert.Len(t, m.log(), 5)

	// A move the lifecycle does not allow is reported and waiting goes on.
	c, m = newMock(t)
	m.replySeq(http.MethodGet, base+"orders/abc/", body(planet.OrderReceived), body(planet.OrderFulfilled))
	opts = *fast
	opts.OnUnexpected = func(prev, next tasking.StatusEvent) {
		unexpected++
		assert.Equal(t, "RECEIVED", prev.Raw)
		assert.Equal(t, "FULFILLED", next.Raw)
	}
	_, err = c.Orders.Wait(ctx, "abc", &opts)
	require.NoError(t, err)
	assert.Equal(t, 1, unexpected)

	// The context bounds the wait.
	c, m = newMock(t)
	m.replySeq(http.MethodGet, base+"orders/abc/", body(planet.OrderPending))
	short, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	o, err = c.Orders.Wait(short, "abc", fast)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, o)
	assert.Equal(t, planet.OrderPending, o.Status)
}

func TestOrdersWatch(t *testing.T) {
	c, m := newMock(t)
	m.replySeq(http.MethodGet, base+"orders/abc/", []byte(`{"id": "abc", "status": "PENDING"}`),
		[]byte(`{"id": "abc", "status": "PENDING_CANCELLATION"}`), []byte(`{"id": "abc", "status": "CANCELLED"}`))
	var got []planet.OrderStatus
	for o, err := range c.Orders.Watch(ctx, "abc", fast) {
		require.NoError(t, err)
		got = append(got, o.Status)
	}
	assert.Equal(t, []planet.OrderStatus{planet.OrderPending, planet.OrderPendingCancellation, planet.OrderCancelled}, got)
	_ = errors.New
}

func TestListTimesKeepFractions(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/", 200, []byte(`{"results": []}`))
	at := time.Date(2030, 1, 2, 3, 4, 5, 500_000_000, time.UTC)
	_, err := c.Orders.List(ctx, &planet.OrderListOptions{CreatedTimeLT: at, UpdatedTimeGT: at.In(time.FixedZone("CEST", 7200))})
	require.NoError(t, err)
	q := m.last(t).URL.Query()
	assert.Equal(t, "2030-01-02T03:04:05.5Z", q.Get("created_time__lt"))
	got, err := time.Parse(time.RFC3339Nano, q.Get("updated_time__gt"))
	require.NoError(t, err)
	assert.True(t, got.Equal(at), "the instant is kept whatever the zone: %s", q.Get("updated_time__gt"))
}
