package planet_test

import (
	"net/http"
	"testing"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const bulkID = "3f8a2c1e-9d4b-4b7a-8c0e-5e6f7a8b9c0d"

func TestBulkCreate(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodPost, base+"bulk/", 201, nil, "Location", "/tasking/v2/bulk/"+bulkID)
	start := mustTime(t, "2025-06-02T00:00:00Z")
	b, err := c.Bulk.Create(ctx, &planet.BulkCreateRequest{
		ID: bulkID,
		OrderPayloads: []*planet.OrderCreateRequest{
			{Name: "site-1", Geometry: orb.Point{10.0, 50.0}, StartTime: start, EndTime: start.AddDate(0, 0, 7)},
			{Name: "site-2", Geometry: orb.Point{10.5, 50.2}},
		},
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, "/tasking/v2/bulk/", s.URL.Path)
	checkHeaders(t, s, true)
	jsonEq(t, `{"id": "`+bulkID+`", "order_payloads": [
		{"name": "site-1", "geometry": {"type": "Point", "coordinates": [10, 50]}, "start_time": "2025-06-02T00:00:00Z", "end_time": "2025-06-09T00:00:00Z"},
		{"name": "site-2", "geometry": {"type": "Point", "coordinates": [10.5, 50.2]}}]}`, s.Body)
	assert.Equal(t, bulkID, b.ID)
	assert.Equal(t, base+"bulk/"+bulkID, b.Location)

	// Without a client id, the id comes from the Location or the body.
	m.reply(http.MethodPost, base+"bulk/", 201, fixture(t, "bulk_processing.json"))
	b, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{{Name: "a", Geometry: orb.Point{1, 1}}}})
	require.NoError(t, err)
	assert.Equal(t, bulkID, b.ID)
	assert.Equal(t, 2, b.ProcessingPayloadCount)
	assert.NotContains(t, string(m.last(t).Body), `"id"`)

	m.reply(http.MethodPost, base+"bulk/", 201, nil)
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{{Name: "a", Geometry: orb.Point{1, 1}}}})
	assert.ErrorContains(t, err, "the answer holds no bulk process")
}

func TestBulkGetWaitPayloads(t *testing.T) {
	c, m := newMock(t)
	m.replySeq(http.MethodGet, base+"bulk/"+bulkID+"/", fixture(t, "bulk_processing.json"), fixture(t, "bulk.json"))
	b, err := c.Bulk.Wait(ctx, bulkID, fast)
	require.NoError(t, err)
	assert.True(t, b.Done())
	assert.Equal(t, 2, b.PayloadCount)
	assert.Equal(t, 1, b.SuccessfulPayloadCount)
	assert.Equal(t, 1, b.FailedPayloadCount)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/bulk/"+bulkID+"/", s.URL.Path)
	checkHeaders(t, s, false)

	b, err = c.Bulk.Get(ctx, bulkID)
	require.NoError(t, err)
	assert.Equal(t, base+"bulk/"+bulkID+"/", b.Location)

	m.reply(http.MethodGet, base+"bulk/"+bulkID+"/payloads/", 200, fixture(t, "bulk_payloads.json"))
	page, err := c.Bulk.Payloads(ctx, bulkID, &planet.BulkPayloadListOptions{Limit: 500})
	require.NoError(t, err)
	s = m.last(t)
	assert.Equal(t, "/tasking/v2/bulk/"+bulkID+"/payloads/", s.URL.Path)
	assert.Equal(t, "500", s.URL.Query().Get("limit"))
	require.Len(t, page.Results, 2)
	ok, bad := page.Results[0], page.Results[1]
	assert.Equal(t, "SUCCESS", ok.Status)
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", ok.OrderID)
	assert.Empty(t, ok.ErrorText())
	assert.Nil(t, ok.Errors)
	assert.Equal(t, "FAILED", bad.Status)
	assert.Empty(t, bad.OrderID)
	assert.Equal(t, "geometry: Geometry type MultiPoint is not supported.", bad.ErrorText())
	assert.Contains(t, string(bad.Payload), "MultiPoint")
	all, err := tasking.Collect(c.Bulk.AllPayloads(ctx, bulkID))
	require.NoError(t, err)
	assert.Len(t, all, 2)

	assert.Equal(t, "boom", (&planet.BulkPayload{Errors: []byte(`"boom"`)}).ErrorText())
	assert.Equal(t, "[a b]", (&planet.BulkPayload{Errors: []byte(`["a","b"]`)}).ErrorText())
	assert.Equal(t, "12", (&planet.BulkPayload{Errors: []byte(`12`)}).ErrorText())
}

func TestBulkList(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"bulk/", 200, fixture(t, "bulk_list.json"))
	page, err := c.Bulk.List(ctx, &planet.BulkListOptions{
		EndTime: mustTime(t, "2025-06-01T10:00:05Z"), EndTimeGT: mustTime(t, "2025-06-01T00:00:00Z"),
		EndTimeGTE: mustTime(t, "2025-06-01T00:00:01Z"), EndTimeLT: mustTime(t, "2025-06-02T00:00:00Z"),
		EndTimeLTE:         mustTime(t, "2025-06-02T00:00:01Z"),
		FailedPayloadCount: ptr(0), FailedPayloadCountGT: ptr(1), FailedPayloadCountGTE: ptr(2),
		FailedPayloadCountLT: ptr(3), FailedPayloadCountLTE: ptr(4), Ordering: "-end_time", Limit: 5, Offset: 5,
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/bulk/", s.URL.Path)
	checkHeaders(t, s, false)
	q := s.URL.Query()
	for k, v := range map[string]string{
		"end_time": "2025-06-01T10:00:05Z", "end_time__gt": "2025-06-01T00:00:00Z", "end_time__gte": "2025-06-01T00:00:01Z",
		"end_time__lt": "2025-06-02T00:00:00Z", "end_time__lte": "2025-06-02T00:00:01Z",
		"failed_payload_count": "0", "failed_payload_count__gt": "1", "failed_payload_count__gte": "2",
		"failed_payload_count__lt": "3", "failed_payload_count__lte": "4", "ordering": "-end_time", "limit": "5", "offset": "5",
	} {
		assert.Equal(t, v, q.Get(k), k)
	}
	assert.Len(t, q, 13)
	require.Len(t, page.Results, 1)
	assert.Equal(t, mustTime(t, "2025-06-01T10:00:05Z"), page.Results[0].EndTime)
	all, err := tasking.Collect(c.Bulk.All(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, all, 1)
}

func TestOrderHistory(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"order-history/", 200, fixture(t, "order_history.json"))
	page, err := c.OrderHistory.List(ctx, &planet.OrderHistoryListOptions{
		EventTypeIn: []planet.EventType{planet.EventOrderCreated, planet.EventOrderFulfilled}, Limit: 50,
		OrderID: "9d79b9ba-efa3-4e6d-bc08-407b545875a1", CreatedTimeGTE: mustTime(t, "2025-06-01T00:00:00Z"),
		CreatedTimeLTE: mustTime(t, "2025-06-30T00:00:00Z"), Ordering: "created_time",
	})
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "/tasking/v2/order-history/", s.URL.Path)
	checkHeaders(t, s, false)
	assert.Contains(t, s.URL.RawQuery, "event_type__in=ORDER_CREATED%2CORDER_FULFILLED", "one comma list")
	q := s.URL.Query()
	assert.Equal(t, "ORDER_CREATED,ORDER_FULFILLED", q.Get("event_type__in"))
	assert.Equal(t, "50", q.Get("limit"))
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", q.Get("order_id"))
	assert.Equal(t, "2025-06-01T00:00:00Z", q.Get("created_time__gte"))
	assert.Equal(t, "2025-06-30T00:00:00Z", q.Get("created_time__lte"))
	assert.Equal(t, "created_time", q.Get("ordering"))
	require.Len(t, page.Results, 3)
	e := page.Results[0]
	assert.Equal(t, planet.EventOrderFulfilled, e.EventType)
	assert.Equal(t, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", e.CaptureID)
	assert.Equal(t, mustTime(t, "2025-06-04T12:00:00Z"), e.CreatedTime)

	all, err := tasking.Collect(c.OrderHistory.All(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, all, 3)

	m.reply(http.MethodGet, base+"order-history/7c000000-0000-4000-8000-000000000001/", 200,
		[]byte(`{"id": "7c000000-0000-4000-8000-000000000001", "event_type": "ORDER_CREATED", "order_id": "o"}`))
	ev, err := c.OrderHistory.Get(ctx, "7c000000-0000-4000-8000-000000000001")
	require.NoError(t, err)
	assert.Equal(t, planet.EventOrderCreated, ev.EventType)
	assert.Equal(t, "/tasking/v2/order-history/7c000000-0000-4000-8000-000000000001/", m.last(t).URL.Path)
}
