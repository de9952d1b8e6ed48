package planet_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the simulators' frozen clock in these tests.
var t0 = time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)

func newSim(t *testing.T, opts ...planettest.Option) (*planettest.Server, *planet.Client) {
	t.Helper()
	srv := planettest.NewServer(append([]planettest.Option{planettest.WithNow(t0)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, srv.Client()
}

func simOrder(name string) *planet.OrderCreateRequest {
	return &planet.OrderCreateRequest{Name: name, Geometry: orb.Point{13.35, 52.51}, StartTime: t0, EndTime: t0.AddDate(0, 0, 7)}
}

// follow waits for an order, recording each status and failing on a move
// OrderLifecycle does not allow.
func follow(t *testing.T, c *planet.Client, id string) (*planet.Order, []planet.OrderStatus) {
	t.Helper()
	var seen []planet.OrderStatus
	opts := *fast
	opts.OnChange = func(_, e tasking.StatusEvent) { seen = append(seen, planet.OrderStatus(e.Raw)) }
	opts.OnUnexpected = func(prev, next tasking.StatusEvent) {
		t.Errorf("unexpected move %s → %s", prev.Raw, next.Raw)
	}
	o, err := c.Orders.Wait(ctx, id, &opts)
	require.NoError(t, err)
	return o, seen
}

func TestSimFlexibleLifecycle(t *testing.T) {
	srv, c := newSim(t)
	o, err := c.Orders.Create(ctx, simOrder("harbour"))
	require.NoError(t, err)
	assert.Equal(t, planet.OrderReceived, o.Status)
	assert.Equal(t, "Polygon", o.Geometry.GeoJSONType(), "a point order images a footprint")
	assert.Equal(t, orb.Point{13.35, 52.51}, o.OriginalGeometry)
	assert.InDelta(t, 25, *o.RequestedSqkm, 0.5)
	assert.True(t, *o.IsCancellable)
	assert.Equal(t, planet.SchedulingFlexible, o.SchedulingType)

	final, seen := follow(t, c, o.ID)
	assert.Equal(t, []planet.OrderStatus{planet.OrderPending, planet.OrderInProgress, planet.OrderFulfilled}, seen)
	assert.Equal(t, planet.OrderFulfilled, final.Status)
	assert.Equal(t, tasking.StatusCompleted, final.Status.Neutral())
	assert.True(t, final.Status.Revisable())
	assert.Equal(t, 1, final.CaptureCount)
	assert.Equal(t, 1, final.CaptureStatusPublishedCount)
	assert.Equal(t, 1, final.CaptureAssessmentSuccessCount)
	assert.False(t, final.FulfilledTime.IsZero())
	assert.False(t, *final.IsCancellable)

	caps, err := tasking.Collect(c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: o.ID}))
	require.NoError(t, err)
	require.Len(t, caps, 1)
	assert.Equal(t, planet.CapturePublished, caps[0].Status)
	assert.Equal(t, planet.AssessmentSuccess, caps[0].Assessment)
	assert.True(t, caps[0].Fulfilling)
	assert.NotEmpty(t, caps[0].StripID)
	assert.False(t, caps[0].AcquiredTime.IsZero())
	got, err := c.Captures.Get(ctx, caps[0].ID)
	require.NoError(t, err)
	assert.Equal(t, caps[0].StripID, got.StripID)

	// Every request carried the key and a trailing slash.
	for _, r := range srv.Requests() {
		assert.True(t, strings.HasSuffix(r.Path, "/"), "%s %s", r.Method, r.Path)
		assert.Equal(t, "[REDACTED]", r.Header.Get("Authorization"))
	}

	// The neutral view of the fulfilled order.
	task := final.Neutral()
	assert.Equal(t, planet.Name, task.Provider)
	assert.Equal(t, tasking.StatusCompleted, task.Status)
	assert.True(t, task.Revisable)
	assert.Equal(t, orb.Point{13.35, 52.51}, task.Geometry)
	assert.Equal(t, t0, task.Start)
	assert.Equal(t, t0, task.CreatedAt)
	assert.NotEmpty(t, task.Raw)
}

func TestSimRetasking(t *testing.T) {
	srv, c := newSim(t, planettest.WithCloudyCaptures(2))
	o, err := c.Orders.Create(ctx, simOrder("cloudy"))
	require.NoError(t, err)
	final, seen := follow(t, c, o.ID)
	assert.Equal(t, []planet.OrderStatus{planet.OrderPending, planet.OrderInProgress, planet.OrderFulfilled}, seen)
	assert.Equal(t, 3, final.CaptureCount)
	assert.Equal(t, 2, final.CaptureAssessmentInvalidCount)
	assert.Equal(t, 1, final.CaptureAssessmentSuccessCount)

	caps, err := tasking.Collect(c.Captures.All(ctx, &planet.CaptureListOptions{OrderID: o.ID, Ordering: "created_time"}))
	require.NoError(t, err)
	require.Len(t, caps, 3)
	for i, cp := range caps[:2] {
		assert.Equal(t, planet.AssessmentInvalid, cp.Assessment, "capture %d", i)
		assert.False(t, cp.Fulfilling)
		assert.Greater(t, *cp.CloudCover, 0.5)
	}
	assert.Equal(t, planet.AssessmentSuccess, caps[2].Assessment)

	// Filters: fulfilling, status, assessment time.
	ful, err := c.Captures.List(ctx, &planet.CaptureListOptions{OrderID: o.ID, Fulfilling: ptr(true)})
	require.NoError(t, err)
	require.Len(t, ful.Results, 1)
	assert.Equal(t, caps[2].ID, ful.Results[0].ID)
	notFul, err := c.Captures.List(ctx, &planet.CaptureListOptions{OrderID: o.ID, Fulfilling: ptr(false)})
	require.NoError(t, err)
	assert.Len(t, notFul.Results, 2)
	assert.Len(t, srv.Captures(o.ID), 3)

	// The retask is visible step by step too: each capture goes QUEUED → PROCESSING → PUBLISHED.
	o2, err := c.Orders.Create(ctx, simOrder("stepwise"))
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		_, err = c.Orders.Get(ctx, o2.ID) // PENDING, IN_PROGRESS, capture 1 queued
		require.NoError(t, err)
	}
	first, err := c.Captures.List(ctx, &planet.CaptureListOptions{OrderID: o2.ID})
	require.NoError(t, err)
	require.Len(t, first.Results, 1)
	cp, err := c.Captures.Wait(ctx, first.Results[0].ID, &tasking.WaitOptions{MinDelay: time.Millisecond,
		Until: func(e tasking.StatusEvent) bool { return true }})
	require.NoError(t, err)
	assert.Equal(t, planet.CaptureQueued, cp.Status)
	require.NoError(t, srv.AdvanceOrder(o2.ID, 2))
	cp, err = c.Captures.Wait(ctx, first.Results[0].ID, fast)
	require.NoError(t, err)
	assert.Equal(t, planet.CapturePublished, cp.Status)
	assert.Equal(t, planet.AssessmentInvalid, cp.Assessment)
	o2, err = c.Orders.Get(ctx, o2.ID) // retasked: a new capture
	require.NoError(t, err)
	assert.Equal(t, planet.OrderInProgress, o2.Status)
	assert.Equal(t, 2, o2.CaptureCount)
}

func TestSimReviewReversesFulfilled(t *testing.T) {
	srv, c := newSim(t)
	o, err := c.Orders.Create(ctx, simOrder("reviewed"))
	require.NoError(t, err)
	final, _ := follow(t, c, o.ID)
	require.Equal(t, planet.OrderFulfilled, final.Status)
	caps := srv.Captures(o.ID)
	require.Len(t, caps, 1)

	// The customer disputes the assessment.
	r, err := c.Captures.CreateReview(ctx, caps[0].ID, &planet.ReviewCreateRequest{Category: planet.ReviewHaze, Description: "haze"})
	require.NoError(t, err)
	assert.Equal(t, planet.ReviewHaze, r.Category)
	reviews, err := tasking.Collect(c.Captures.AllReviews(ctx, caps[0].ID, nil))
	require.NoError(t, err)
	require.Len(t, reviews, 1)
	assert.Equal(t, r.ID, reviews[0].ID)

	// Human review: the SUCCESS capture is INVALID after all.
	require.NoError(t, srv.Reassess(caps[0].ID, planet.AssessmentInvalid))
	var moves [][2]string
	opts := *fast
	opts.OnChange = func(prev, next tasking.StatusEvent) { moves = append(moves, [2]string{prev.Raw, next.Raw}) }
	opts.OnUnexpected = func(prev, next tasking.StatusEvent) { t.Errorf("unexpected %s → %s", prev.Raw, next.Raw) }
	// Watch from FULFILLED: the reversal to IN_PROGRESS, the retask, FULFILLED again.
	seen := []planet.OrderStatus{}
	for o, err := range c.Orders.Watch(ctx, o.ID, &opts) {
		require.NoError(t, err)
		seen = append(seen, o.Status)
	}
	assert.Equal(t, []planet.OrderStatus{planet.OrderInProgress, planet.OrderFulfilled}, seen)
	again, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, again.CaptureCount)
	assert.True(t, planet.OrderLifecycle.Allows(planet.OrderFulfilled, planet.OrderInProgress))

	// After the end time, a reversal leads to EXPIRED, and a later SUCCESS review back to FULFILLED.
	srv.SetNow(t0.AddDate(0, 0, 8))
	caps = srv.Captures(o.ID)
	require.NoError(t, srv.Reassess(caps[1].ID, planet.AssessmentInvalid))
	got, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderExpired, got.Status)
	assert.True(t, got.Status.Revisable())
	require.NoError(t, srv.Reassess(caps[0].ID, planet.AssessmentSuccess))
	got, err = c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFulfilled, got.Status)
	assert.Error(t, srv.Reassess("nope", planet.AssessmentSuccess))
}

func TestSimSettleForFollowsReversal(t *testing.T) {
	srv, c := newSim(t)
	o, err := c.Orders.Create(ctx, simOrder("settle"))
	require.NoError(t, err)
	var seen []string
	opts := &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, SettleFor: 300 * time.Millisecond,
		OnChange: func(_, e tasking.StatusEvent) {
			seen = append(seen, e.Raw)
			if e.Raw == string(planet.OrderFulfilled) && len(seen) == 3 {
				// A reviewer reverses the result while the caller is settling.
				caps := srv.Captures(o.ID)
				require.NoError(t, srv.Reassess(caps[0].ID, planet.AssessmentInvalid))
			}
		}}
	final, err := c.Orders.Wait(ctx, o.ID, opts)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFulfilled, final.Status)
	assert.Equal(t, []string{"PENDING", "IN_PROGRESS", "FULFILLED", "IN_PROGRESS", "FULFILLED"}, seen)
}

func TestSimCancel(t *testing.T) {
	srv, c := newSim(t)
	// From RECEIVED: straight to CANCELLED.
	o, err := c.Orders.Create(ctx, simOrder("a"))
	require.NoError(t, err)
	got, err := c.Orders.Cancel(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderCancelled, got.Status, "Cancel returns the order as it stands")
	got, err = c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderCancelled, got.Status)
	assert.Equal(t, tasking.StatusCancelled, got.Status.Neutral())

	// From IN_PROGRESS with a capture under way: through PENDING_CANCELLATION,
	// while that capture is finished (it may still be charged).
	o, err = c.Orders.Create(ctx, simOrder("b"))
	require.NoError(t, err)
	require.NoError(t, srv.AdvanceOrder(o.ID, 3)) // PENDING, IN_PROGRESS, capture queued
	got, err = c.Orders.Cancel(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderPendingCancellation, got.Status)
	list, err := c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderPendingCancellation}})
	require.NoError(t, err)
	require.Len(t, list.Results, 1)
	assert.Equal(t, o.ID, list.Results[0].ID)
	assert.Equal(t, tasking.StatusCancelling, list.Results[0].Status.Neutral())
	assert.False(t, list.Results[0].Status.Terminal())
	var ev []planet.OrderStatus
	for o, err := range c.Orders.Watch(ctx, o.ID, fast) {
		require.NoError(t, err)
		ev = append(ev, o.Status)
	}
	assert.Equal(t, []planet.OrderStatus{planet.OrderPendingCancellation, planet.OrderCancelled}, ev)
	caps := srv.Captures(o.ID)
	require.Len(t, caps, 1)
	assert.Equal(t, planet.CapturePublished, caps[0].Status, "the capture under way was finished")
	assert.False(t, caps[0].Fulfilling)
	final, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderCancelled, final.Status, "a SUCCESS capture does not revive a cancelled order")

	// A finished order cannot be cancelled: the server answers 400.
	_, err = c.Orders.Cancel(ctx, o.ID)
	assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "cannot be cancelled")

	// Unknown orders are 404.
	_, err = c.Orders.Cancel(ctx, "00000000-0000-4000-8000-ffffffffffff")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
}

func TestSimExpiry(t *testing.T) {
	srv, c := newSim(t, planettest.WithCloudyCaptures(100))
	o, err := c.Orders.Create(ctx, simOrder("always cloudy"))
	require.NoError(t, err)
	// Run it for a while: every capture INVALID, retasked each time.
	for i := 0; i < 12; i++ {
		_, err = c.Orders.Get(ctx, o.ID)
		require.NoError(t, err)
	}
	got, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderInProgress, got.Status)
	assert.GreaterOrEqual(t, got.CaptureAssessmentInvalidCount, 3)

	// The end time passes: the capture in flight is finished, then the order expires.
	srv.SetNow(t0.AddDate(0, 0, 8))
	final, seen := follow(t, c, o.ID)
	assert.Equal(t, planet.OrderExpired, final.Status)
	assert.Equal(t, tasking.StatusExpired, final.Status.Neutral())
	assert.True(t, final.Status.Revisable())
	assert.Equal(t, planet.OrderExpired, seen[len(seen)-1])
	assert.Zero(t, final.CaptureAssessmentSuccessCount)
	assert.Equal(t, final.CaptureCount, final.CaptureStatusPublishedCount, "every capture published")

	// A PENDING order whose window has passed expires on read, with no poll step needed.
	srv2, c2 := newSim(t, planettest.WithStepsPerPoll(0))
	start := t0.Add(48 * time.Hour)
	p, err := c2.Orders.Create(ctx, &planet.OrderCreateRequest{Name: "later", Geometry: orb.Point{1, 1}, StartTime: start, EndTime: start.Add(24 * time.Hour)})
	require.NoError(t, err)
	srv2.Advance()
	got, err = c2.Orders.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderPending, got.Status)
	srv2.Advance() // still before the start time: stays PENDING
	got, err = c2.Orders.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderPending, got.Status)
	srv2.SetNow(start.Add(25 * time.Hour))
	got, err = c2.Orders.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderExpired, got.Status)
}

func TestSimMaxActiveOrders(t *testing.T) {
	srv, c := newSim(t, planettest.WithMaxActiveOrders(2))
	var ids []string
	for i := 0; i < 2; i++ {
		o, err := c.Orders.Create(ctx, simOrder(fmt.Sprint("active ", i)))
		require.NoError(t, err)
		_, err = c.Orders.Get(ctx, o.ID) // → PENDING: active
		require.NoError(t, err)
		ids = append(ids, o.ID)
	}
	_, err := c.Orders.Create(ctx, simOrder("one too many"))
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "Maximum number of active orders (2)")
	assert.Equal(t, 2, srv.OrderCount(), "the refused order was not created")

	// Cancelling one frees a place.
	_, err = c.Orders.Cancel(ctx, ids[0])
	require.NoError(t, err)
	_, err = c.Orders.Create(ctx, simOrder("fits now"))
	require.NoError(t, err)
	assert.Equal(t, 3, srv.OrderCount())
}

func TestSimServerSideRules(t *testing.T) {
	// Rules the client does not check (or is bypassed for): the server's own 400s.
	_, c := newSim(t)
	r := simOrder("past")
	r.StartTime, r.EndTime = t0.AddDate(0, 0, -7), t0.AddDate(0, 0, -1)
	_, err := c.Orders.Create(ctx, r)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "end_time: End time must be in the future.")

	r = simOrder("window")
	r.ImagingWindow = "00000000-0000-4000-8000-00000000dead"
	_, err = c.Orders.Create(ctx, r)
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "imaging_window: Invalid imaging window.")

	r = simOrder("kinds")
	r.SatelliteTypes = []planet.SatelliteType{"HUBBLE"}
	_, err = c.Orders.Create(ctx, r)
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, `"HUBBLE" is not a valid choice`)

	r = simOrder("sched")
	r.SchedulingType = "TELEPORT"
	_, err = c.Orders.Create(ctx, r)
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "scheduling_type")

	// A bad filter value is a 400 too.
	_, err = c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{"NOPE"}})
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "Select a valid choice")

	// Unknown ids: 404 for every resource.
	for _, err := range []error{
		func() error { _, err := c.Orders.Get(ctx, "x"); return err }(),
		func() error { _, err := c.Captures.Get(ctx, "x"); return err }(),
		func() error { _, err := c.ImagingWindows.Get(ctx, "x"); return err }(),
		func() error { _, err := c.Bulk.Get(ctx, "x"); return err }(),
		func() error { _, err := c.OrderHistory.Get(ctx, "x"); return err }(),
		func() error { _, err := c.Orders.Pricing(ctx, "x"); return err }(),
		func() error { _, err := c.Captures.Reviews(ctx, "x", nil); return err }(),
	} {
		assert.ErrorIs(t, err, tasking.ErrNotFound)
	}
}

func TestSimRejected(t *testing.T) {
	srv, c := newSim(t)
	srv.RejectNext(1)
	o, err := c.Orders.Create(ctx, simOrder("untessellatable"))
	require.NoError(t, err)
	final, seen := follow(t, c, o.ID)
	assert.Equal(t, []planet.OrderStatus{planet.OrderRejected}, seen)
	assert.Equal(t, tasking.StatusRejected, final.Status.Neutral())
	o, err = c.Orders.Create(ctx, simOrder("fine"))
	require.NoError(t, err)
	final, _ = follow(t, c, o.ID)
	assert.Equal(t, planet.OrderFulfilled, final.Status)
}

func TestSimFailedAndFinalizing(t *testing.T) {
	srv, c := newSim(t, planettest.WithFinalizing())
	o, err := c.Orders.Create(ctx, simOrder("finalized"))
	require.NoError(t, err)
	final, seen := follow(t, c, o.ID)
	assert.Equal(t, []planet.OrderStatus{planet.OrderPending, planet.OrderInProgress, planet.OrderFinalizing, planet.OrderFulfilled}, seen)
	assert.Equal(t, planet.OrderFulfilled, final.Status)

	o, err = c.Orders.Create(ctx, simOrder("doomed"))
	require.NoError(t, err)
	assert.Error(t, srv.FailOrder(o.ID), "RECEIVED cannot fail")
	require.NoError(t, srv.AdvanceOrder(o.ID, 2))
	require.NoError(t, srv.FailOrder(o.ID))
	got, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFailed, got.Status)
	assert.Equal(t, tasking.StatusFailed, got.Status.Neutral())
	assert.Error(t, srv.FailOrder("nope"))
	assert.Error(t, srv.AdvanceOrder("nope", 1))
}

func TestSimPaginationAndFilters(t *testing.T) {
	srv, c := newSim(t, planettest.WithStepsPerPoll(0))
	for i := 0; i < 8; i++ {
		name := fmt.Sprintf("pier %d", i)
		if i%2 == 1 {
			name = fmt.Sprintf("field %d", i)
		}
		srv.SetNow(t0.Add(time.Duration(i) * time.Minute))
		_, err := c.Orders.Create(ctx, simOrder(name))
		require.NoError(t, err)
	}
	// Page through all of them three at a time: three pages.
	srv.ResetRequests()
	all, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{Limit: 3}))
	require.NoError(t, err)
	require.Len(t, all, 8)
	assert.Equal(t, "field 7", all[0].Name, "newest first by default")
	assert.Equal(t, "pier 0", all[7].Name)
	reqs := srv.Requests()
	require.Len(t, reqs, 3, "three pages")
	assert.Equal(t, "3", reqs[0].Query.Get("limit"))
	assert.Equal(t, "3", reqs[1].Query.Get("offset"))
	assert.Equal(t, "6", reqs[2].Query.Get("offset"))

	// One page at a time, with NextOffset.
	page, err := c.Orders.List(ctx, &planet.OrderListOptions{Limit: 3, Ordering: "created_time"})
	require.NoError(t, err)
	assert.Equal(t, 8, page.Count)
	assert.Equal(t, "pier 0", page.Results[0].Name)
	off, ok := page.NextOffset()
	require.True(t, ok)
	page, err = c.Orders.List(ctx, &planet.OrderListOptions{Limit: 3, Ordering: "created_time", Offset: off})
	require.NoError(t, err)
	assert.Equal(t, "field 3", page.Results[0].Name)
	assert.NotEmpty(t, page.Previous)

	// Filters: name, ordering by name, time ranges, statuses.
	piers, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{NameContains: "PIER", Ordering: "-name", Limit: 2}))
	require.NoError(t, err)
	require.Len(t, piers, 4)
	assert.Equal(t, "pier 6", piers[0].Name)
	recent, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{CreatedTimeGTE: t0.Add(5 * time.Minute)}))
	require.NoError(t, err)
	assert.Len(t, recent, 3)
	older, err := tasking.Collect(c.Orders.All(ctx, &planet.OrderListOptions{CreatedTimeLT: t0.Add(2 * time.Minute)}))
	require.NoError(t, err)
	assert.Len(t, older, 2)
	srv.Advance() // every order → PENDING
	require.NoError(t, srv.AdvanceOrder(all[0].ID, 1))
	inProgress, err := c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderInProgress}})
	require.NoError(t, err)
	require.Len(t, inProgress.Results, 1)
	assert.Equal(t, all[0].ID, inProgress.Results[0].ID)
	both, err := c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderInProgress, planet.OrderPending}})
	require.NoError(t, err)
	assert.Len(t, both.Results, 8)
	none, err := c.Orders.List(ctx, &planet.OrderListOptions{Status: planet.OrderStatusList{planet.OrderFulfilled}})
	require.NoError(t, err)
	assert.Empty(t, none.Results)
	assert.Zero(t, none.Count)
	updated, err := c.Orders.List(ctx, &planet.OrderListOptions{UpdatedTimeGTE: t0.Add(7 * time.Minute), Ordering: "updated_time"})
	require.NoError(t, err)
	assert.Len(t, updated.Results, 8, "all moved at the last clock time")
}

func TestSimEdit(t *testing.T) {
	srv, c := newSim(t, planettest.WithStepsPerPoll(0))
	start := t0.Add(24 * time.Hour)
	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{Name: "edit me", Geometry: orb.Point{5, 5}, StartTime: start, EndTime: start.AddDate(0, 0, 7)})
	require.NoError(t, err)

	// RECEIVED orders cannot be edited yet: the server says so.
	_, err = c.Orders.Update(ctx, o.ID, &planet.OrderUpdateRequest{Name: "renamed"})
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "cannot be edited")

	srv.Advance() // PENDING
	o, err = c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, planet.OrderPending, o.Status)
	edited, err := c.Orders.Update(ctx, o.ID, &planet.OrderUpdateRequest{Name: "renamed",
		StartTime: start.Add(time.Hour), EndTime: start.AddDate(0, 0, 10)})
	require.NoError(t, err)
	assert.Equal(t, "renamed", edited.Name)
	assert.Equal(t, start.Add(time.Hour), edited.StartTime)
	assert.Equal(t, start.AddDate(0, 0, 10), edited.EndTime)
	assert.Equal(t, orb.Point{5, 5}, edited.OriginalGeometry)

	// Once IN_PROGRESS the start time is fixed: the server says so.
	srv.SetNow(start.Add(2 * time.Hour))
	srv.Advance()
	o, err = c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	require.Equal(t, planet.OrderInProgress, o.Status)
	o.StartTime = o.StartTime.Add(time.Hour)
	_, err = c.Orders.Update(ctx, o.ID, &planet.OrderUpdateRequest{StartTime: o.StartTime})
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "start_time: The start time cannot be changed")
	o2, err := c.Orders.Update(ctx, o.ID, &planet.OrderUpdateRequest{EndTime: start.AddDate(0, 0, 20)})
	require.NoError(t, err)
	assert.Equal(t, start.AddDate(0, 0, 20), o2.EndTime)
}

func TestSimMonitoring(t *testing.T) {
	_, c := newSim(t, planettest.WithCloudyCaptures(1))
	o, err := c.Orders.Create(ctx, &planet.OrderCreateRequest{Name: "weekly", Geometry: orb.Point{149.44135, -28.4924},
		StartTime: t0, SchedulingType: planet.SchedulingMonitoring, RRule: "FREQ=WEEKLY;COUNT=3;INTERVAL=1;BYDAY=MO"})
	require.NoError(t, err)
	assert.Equal(t, planet.SchedulingMonitoring, o.SchedulingType)
	assert.Equal(t, "FREQ=WEEKLY;COUNT=3;INTERVAL=1;BYDAY=MO", o.RRule)
	assert.True(t, o.EndTime.IsZero(), "end_time is ignored for MONITORING")
	final, _ := follow(t, c, o.ID)
	assert.Equal(t, planet.OrderFulfilled, final.Status)
	assert.Equal(t, 3, final.CaptureAssessmentSuccessCount, "COUNT=3 captures")
	assert.Equal(t, 1, final.CaptureAssessmentInvalidCount)
}

func TestSimAssuredFlow(t *testing.T) {
	srv, c := newSim(t)
	q := &planet.ImagingWindowSearchRequest{Geometry: orb.Point{13.350097, 52.514511}, PLNumber: "PL-123456",
		Product: "Assured Tasking", Start: t0, End: t0.AddDate(0, 0, 5),
		SatelliteTypes: []planet.SatelliteType{planet.SatellitePelican, planet.SatelliteSkySat}}
	var statuses []string
	opts := *fast
	opts.OnChange = func(_, e tasking.StatusEvent) { statuses = append(statuses, e.Raw) }
	opts.OnUnexpected = func(p, n tasking.StatusEvent) { t.Errorf("unexpected %s → %s", p.Raw, n.Raw) }
	s, err := c.ImagingWindows.Search(ctx, q, &opts)
	require.NoError(t, err)
	assert.Equal(t, []string{"IN_PROGRESS", "DONE"}, statuses)
	assert.Equal(t, planet.SearchDone, s.Status)
	require.Len(t, s.ImagingWindows, 5)
	for i, w := range s.ImagingWindows {
		assert.False(t, w.StartTime.Before(t0))
		assert.Equal(t, 30*time.Second, w.EndTime.Sub(w.StartTime))
		assert.Equal(t, q.SatelliteTypes[i%2], w.SatelliteType)
		require.NotEmpty(t, w.CloudForecast)
	}
	// The request went as documented.
	var post planettest.Request
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost {
			post = r
		}
	}
	assert.Equal(t, "/tasking/v2/imaging-windows/search/", post.Path)
	assert.Contains(t, string(post.Body), `"datetime":"2030-06-01T09:00:00Z/2030-06-06T09:00:00Z"`)

	// Book the earliest window.
	w := s.Earliest()
	o, err := c.Orders.Create(ctx, planet.AssuredOrder("assured pier", q, w))
	require.NoError(t, err)
	assert.Equal(t, planet.OrderRequested, o.Status)
	assert.Equal(t, tasking.StatusReceived, o.Status.Neutral())
	assert.Equal(t, w.ID, o.ImagingWindow)
	assert.Equal(t, planet.SchedulingAssured, o.SchedulingType)
	assert.Equal(t, w.StartTime, o.StartTime)
	assert.Equal(t, w.EndTime, o.EndTime)
	assert.Equal(t, "Assured Tasking", o.Product)

	// The window is taken now.
	_, err = c.Orders.Create(ctx, planet.AssuredOrder("again", q, w))
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "already booked")

	srv.SetNow(w.StartTime)
	final, seen := follow(t, c, o.ID)
	assert.Equal(t, []planet.OrderStatus{planet.OrderPending, planet.OrderInProgress, planet.OrderFulfilled}, seen)
	assert.Equal(t, planet.OrderFulfilled, final.Status)

	// A failed search.
	srv.FailNextSearch("NO_CAPACITY", "No Assured capacity in this window.")
	_, err = c.ImagingWindows.Search(ctx, q, fast)
	var sf *planet.SearchFailedError
	require.ErrorAs(t, err, &sf)
	assert.Equal(t, "NO_CAPACITY", sf.Code)
	assert.Equal(t, "No Assured capacity in this window.", sf.Message)
	assert.Equal(t, 2, srv.SearchCount())

	// The server's own checks on a search.
	bad := *q
	bad.Product = ""
	_, err = c.ImagingWindows.Start(ctx, &bad)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
}

func TestSimBulk(t *testing.T) {
	srv, c := newSim(t, planettest.WithMaxActiveOrders(3))
	payloads := []*planet.OrderCreateRequest{simOrder("site-1"), simOrder("site-2"), simOrder("site-3")}
	past := simOrder("site-past")
	past.StartTime, past.EndTime = t0.AddDate(0, 0, -3), t0.AddDate(0, 0, -1)
	payloads = append(payloads, past)
	b, err := c.Bulk.Create(ctx, &planet.BulkCreateRequest{ID: "3f8a2c1e-9d4b-4b7a-8c0e-5e6f7a8b9c0d", OrderPayloads: payloads})
	require.NoError(t, err)
	assert.Equal(t, "3f8a2c1e-9d4b-4b7a-8c0e-5e6f7a8b9c0d", b.ID)
	assert.Equal(t, 4, b.PayloadCount)
	assert.Equal(t, 4, b.ProcessingPayloadCount)
	assert.False(t, b.Done())

	done, err := c.Bulk.Wait(ctx, b.ID, fast)
	require.NoError(t, err)
	assert.True(t, done.Done())
	assert.Equal(t, 3, done.SuccessfulPayloadCount)
	assert.Equal(t, 1, done.FailedPayloadCount)
	assert.False(t, done.EndTime.IsZero())
	assert.Equal(t, 3, srv.OrderCount())

	pls, err := tasking.Collect(c.Bulk.AllPayloads(ctx, b.ID))
	require.NoError(t, err)
	require.Len(t, pls, 4)
	for _, p := range pls[:3] {
		assert.Equal(t, "SUCCESS", p.Status)
		assert.NotEmpty(t, p.OrderID)
	}
	assert.Equal(t, "FAILED", pls[3].Status)
	assert.Contains(t, pls[3].ErrorText(), "End time must be in the future")

	// The bulk list and its filters.
	list, err := c.Bulk.List(ctx, &planet.BulkListOptions{FailedPayloadCountGTE: ptr(1)})
	require.NoError(t, err)
	assert.Len(t, list.Results, 1)
	list, err = c.Bulk.List(ctx, &planet.BulkListOptions{FailedPayloadCount: ptr(0)})
	require.NoError(t, err)
	assert.Empty(t, list.Results)

	// The same client id cannot be used twice; the server counts payloads too.
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{ID: b.ID, OrderPayloads: payloads[:1]})
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "already exists")
}

func TestSimOrderHistoryAndPricing(t *testing.T) {
	srv, c := newSim(t)
	o, err := c.Orders.Create(ctx, simOrder("history"))
	require.NoError(t, err)
	_, err = c.Orders.Wait(ctx, o.ID, fast)
	require.NoError(t, err)
	_, err = c.Orders.Create(ctx, simOrder("other"))
	require.NoError(t, err)

	evs, err := tasking.Collect(c.OrderHistory.All(ctx, &planet.OrderHistoryListOptions{OrderID: o.ID, Ordering: "created_time"}))
	require.NoError(t, err)
	require.Len(t, evs, 2)
	assert.Equal(t, planet.EventOrderCreated, evs[0].EventType)
	assert.Equal(t, planet.EventOrderFulfilled, evs[1].EventType)
	created, err := tasking.Collect(c.OrderHistory.All(ctx, &planet.OrderHistoryListOptions{EventTypeIn: []planet.EventType{planet.EventOrderCreated}}))
	require.NoError(t, err)
	assert.Len(t, created, 2)
	both, err := c.OrderHistory.List(ctx, &planet.OrderHistoryListOptions{EventTypeIn: planet.EventTypeValues()})
	require.NoError(t, err)
	assert.Equal(t, 3, both.Count)
	ev, err := c.OrderHistory.Get(ctx, evs[1].ID)
	require.NoError(t, err)
	assert.Equal(t, planet.EventOrderFulfilled, ev.EventType)

	p, err := c.Orders.Pricing(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, o.ID, p.OrderID)
	assert.Equal(t, "sqkm", p.Units)
	assert.InDelta(t, 25, *p.EstimatedQuotaCost, 0.5)
	big := simOrder("big")
	big.Geometry = orb.Polygon{{{10, 50}, {10.2, 50}, {10.2, 50.2}, {10, 50.2}, {10, 50}}}
	prev, err := c.Pricing.Preview(ctx, big)
	require.NoError(t, err)
	assert.Greater(t, *prev.EstimatedQuotaCost, 300.0)
	assert.Empty(t, prev.OrderID)
	assert.Equal(t, 2, srv.OrderCount(), "a preview creates nothing")
}

func TestSimArchiveSchedule(t *testing.T) {
	_, c := newSim(t)
	r := simOrder("exclusive")
	r.ExclusivityDays = ptr(30)
	o, err := c.Orders.Create(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, 30, *o.ExclusivityDays)
	_, err = c.Orders.Wait(ctx, o.ID, fast)
	require.NoError(t, err)
	rel, err := c.Captures.ArchiveSchedule(ctx, o.ID)
	require.NoError(t, err)
	require.Len(t, rel, 1)
	assert.Equal(t, rel[0].Capture.AcquiredTime.AddDate(0, 0, 30), rel[0].ArchiveTime)
}

func TestSimAuth(t *testing.T) {
	srv, _ := newSim(t)
	bad, err := planet.New("wrong-key", planet.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = bad.Orders.List(ctx, nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Invalid API key.", apiErr.Message)

	basic := srv.Client(planet.WithBasicAuth())
	_, err = basic.Orders.List(ctx, nil)
	require.NoError(t, err)
	none, err := planet.New("x", planet.WithBaseURL(srv.URL), planet.WithHTTPClient(&http.Client{
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			r.Header.Del("Authorization")
			return http.DefaultTransport.RoundTrip(r)
		})}))
	require.NoError(t, err)
	_, err = none.Orders.List(ctx, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Authentication credentials were not provided.", apiErr.Message)
	assert.True(t, errors.Is(err, tasking.ErrUnauthorized))
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The simulator's client polls fast by default: a whole lifecycle, through
// the client and through the neutral adapter, completes with nil
// WaitOptions in well under a second.
func TestSimPollsFastByDefault(t *testing.T) {
	_, c := newSim(t, planettest.WithCloudyCaptures(1))
	lo, hi := c.PollDelays()
	assert.Equal(t, time.Millisecond, lo)
	assert.Equal(t, 10*time.Millisecond, hi)
	p := c.Provider(planet.ProviderDefaults{})
	lo, hi = p.PollDelays()
	assert.Equal(t, time.Millisecond, lo)
	assert.Equal(t, 10*time.Millisecond, hi)

	start := time.Now()
	o, err := c.Orders.Create(ctx, simOrder("fast"))
	require.NoError(t, err)
	final, err := c.Orders.Wait(ctx, o.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFulfilled, final.Status)

	task, err := p.Submit(ctx, &tasking.Request{Name: "fast neutral", Geometry: orb.Point{13.35, 52.51}, Start: t0, End: t0.AddDate(0, 0, 7)})
	require.NoError(t, err)
	done, err := tasking.WaitTask(ctx, p, task.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, tasking.StatusCompleted, done.Status)
	assert.Less(t, time.Since(start), 2*time.Second)
}
