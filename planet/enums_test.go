package planet_test

import (
	"strings"
	"testing"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrderStatusNeutralTable(t *testing.T) {
	want := map[planet.OrderStatus]tasking.Status{
		"RECEIVED":             tasking.StatusReceived,
		"REQUESTED":            tasking.StatusReceived,
		"PENDING":              tasking.StatusScheduled,
		"IN_PROGRESS":          tasking.StatusInProgress,
		"FINALIZING":           tasking.StatusInProgress,
		"PENDING_CANCELLATION": tasking.StatusCancelling,
		"FULFILLED":            tasking.StatusCompleted,
		"CANCELLED":            tasking.StatusCancelled,
		"REJECTED":             tasking.StatusRejected,
		"EXPIRED":              tasking.StatusExpired,
		"FAILED":               tasking.StatusFailed,
		"SOMETHING_NEW":        tasking.StatusUnknown,
		"":                     tasking.StatusUnknown,
		"fulfilled":            tasking.StatusUnknown, // case matters on the wire
	}
	assert.Len(t, planet.OrderStatusValues(), 11)
	for _, s := range planet.OrderStatusValues() {
		_, ok := want[s]
		assert.True(t, ok, "%s has no expectation", s)
		assert.True(t, s.Known())
	}
	// Every value of the fixture decodes and maps.
	var page planet.Page[*planet.Order]
	require.NoError(t, planet.Unmarshal(fixture(t, "order_statuses.json"), &page))
	require.Len(t, page.Results, 12)
	for _, o := range page.Results {
		exp, ok := want[o.Status]
		require.True(t, ok, "%s", o.Status)
		assert.Equal(t, exp, o.Status.Neutral(), "%s", o.Status)
		assert.Equal(t, exp, o.Neutral().Status)
		assert.Equal(t, string(o.Status), o.Neutral().RawStatus)
	}
	assert.Equal(t, planet.OrderStatus("SOMETHING_NEW"), page.Results[11].Status)
	assert.False(t, page.Results[11].Status.Known())
	for s, exp := range want {
		assert.Equal(t, exp, s.Neutral(), "%q", s)
	}
}

func TestOrderStatusTerminalAndRevisable(t *testing.T) {
	for _, s := range planet.OrderStatusValues() {
		assert.Equal(t, s.Neutral().IsTerminal(), s.Terminal(), "%s terminal in both vocabularies", s)
		assert.Equal(t, s == planet.OrderFulfilled || s == planet.OrderExpired, s.Revisable(), "%s", s)
	}
	assert.False(t, planet.OrderStatus("NEW").Terminal())
	assert.False(t, planet.OrderPendingCancellation.Terminal(), "PENDING_CANCELLATION is not terminal")
}

func TestOrderLifecycle(t *testing.T) {
	l := planet.OrderLifecycle
	// The flexible path.
	path := []planet.OrderStatus{planet.OrderReceived, planet.OrderPending, planet.OrderInProgress, planet.OrderFulfilled}
	for i := 0; i+1 < len(path); i++ {
		assert.True(t, l.Allows(path[i], path[i+1]), "%s → %s", path[i], path[i+1])
	}
	assert.True(t, l.Initial(planet.OrderReceived))
	assert.True(t, l.Initial(planet.OrderRequested))
	assert.False(t, l.Initial(planet.OrderPending))
	for _, ok := range [][2]planet.OrderStatus{
		{planet.OrderInProgress, planet.OrderInProgress},          // retasking
		{planet.OrderFulfilled, planet.OrderInProgress},           // review reverses FULFILLED
		{planet.OrderFulfilled, planet.OrderExpired},              // … after the end time
		{planet.OrderExpired, planet.OrderFulfilled},              // review reverses EXPIRED
		{planet.OrderInProgress, planet.OrderExpired},             // end time passed
		{planet.OrderReceived, planet.OrderRejected},              // feasibility
		{planet.OrderPending, planet.OrderCancelled},              // cancel
		{planet.OrderInProgress, planet.OrderPendingCancellation}, // cancel under way
		{planet.OrderPendingCancellation, planet.OrderCancelled},
		{planet.OrderRequested, planet.OrderPending},
		{planet.OrderInProgress, planet.OrderFinalizing},
		{planet.OrderFinalizing, planet.OrderFulfilled},
		{planet.OrderInProgress, planet.OrderFailed},
	} {
		assert.True(t, l.Allows(ok[0], ok[1]), "%s → %s", ok[0], ok[1])
	}
	for _, no := range [][2]planet.OrderStatus{
		{planet.OrderCancelled, planet.OrderInProgress},
		{planet.OrderRejected, planet.OrderPending},
		{planet.OrderReceived, planet.OrderFulfilled},
		{planet.OrderFulfilled, planet.OrderCancelled},
		{planet.OrderExpired, planet.OrderInProgress},
	} {
		assert.False(t, l.Allows(no[0], no[1]), "%s → %s", no[0], no[1])
	}
	// Every state of the table is a documented status and vice versa.
	assert.ElementsMatch(t, planet.OrderStatusValues(), l.States())
	for _, s := range []planet.OrderStatus{planet.OrderFulfilled, planet.OrderCancelled, planet.OrderRejected,
		planet.OrderExpired, planet.OrderFailed} {
		assert.True(t, l.Terminal(s), "%s", s)
	}
	m := l.Mermaid()
	assert.True(t, strings.HasPrefix(m, "stateDiagram-v2"))
	assert.Contains(t, m, "FULFILLED --> IN_PROGRESS : review: capture INVALID, retasked")
	assert.Contains(t, m, "IN_PROGRESS --> IN_PROGRESS : capture INVALID: retasked")
}

func TestCaptureStatusTable(t *testing.T) {
	want := map[planet.CaptureStatus]tasking.CaptureStatus{
		"SCHEDULED":  tasking.CaptureScheduled,
		"QUEUED":     tasking.CaptureQueued,
		"PROCESSING": tasking.CaptureProcessing,
		"DERIVING":   tasking.CaptureProcessing,
		"PUBLISHED":  tasking.CapturePublished,
		"FAILED":     tasking.CaptureFailed,
		"REMOVED":    tasking.CaptureRemoved,
		"ORBITING":   tasking.CaptureUnknown,
	}
	assert.Len(t, planet.CaptureStatusValues(), 7)
	var page planet.Page[*planet.Capture]
	require.NoError(t, planet.Unmarshal(fixture(t, "capture_statuses.json"), &page))
	require.Len(t, page.Results, 8)
	for _, c := range page.Results {
		exp, ok := want[c.Status]
		require.True(t, ok, "%s", c.Status)
		assert.Equal(t, exp, c.Status.Neutral(), "%s", c.Status)
		assert.Equal(t, exp != tasking.CaptureUnknown, c.Status.Known())
	}
	assert.Equal(t, planet.AssessmentSuccess, page.Results[4].Assessment)
	assert.True(t, page.Results[4].Fulfilling)
	assert.Equal(t, planet.AssessmentInvalid, page.Results[6].Assessment)
	assert.Equal(t, planet.Assessment("REVIEWED_LATER"), page.Results[7].Assessment)
	assert.False(t, page.Results[7].Assessment.Known())
	assert.Equal(t, planet.SatelliteType("HUBBLE"), page.Results[7].SatelliteType)
	assert.ElementsMatch(t, planet.CaptureStatusValues(), planet.CaptureLifecycle.States())
	for _, a := range planet.AssessmentValues() {
		assert.True(t, a.Known())
	}

	l := planet.CaptureLifecycle
	assert.True(t, l.Allows(planet.CaptureQueued, planet.CaptureProcessing))
	assert.True(t, l.Allows(planet.CaptureProcessing, planet.CapturePublished))
	assert.True(t, l.Allows(planet.CaptureQueued, planet.CaptureFailed))
	assert.False(t, l.Allows(planet.CapturePublished, planet.CaptureQueued))
	assert.True(t, l.Terminal(planet.CapturePublished))
	assert.True(t, l.Terminal(planet.CaptureFailed))
	assert.False(t, l.Terminal(planet.CaptureProcessing))
}

func TestReviewCategories(t *testing.T) {
	var page planet.Page[*planet.Review]
	require.NoError(t, planet.Unmarshal(fixture(t, "review_list.json"), &page))
	require.Len(t, page.Results, 7)
	for i, cat := range planet.ReviewCategoryValues() {
		assert.Equal(t, cat, page.Results[i].Category)
		assert.True(t, cat.Known())
	}
	assert.Equal(t, planet.ReviewCategory("SMUDGE"), page.Results[6].Category)
	assert.False(t, page.Results[6].Category.Known())
	assert.Len(t, planet.ReviewCategoryValues(), 6)
}

func TestSchedulingOrderAndSatelliteTypes(t *testing.T) {
	var page planet.Page[*planet.Order]
	require.NoError(t, planet.Unmarshal(fixture(t, "order_kinds.json"), &page))
	require.Len(t, page.Results, 7)
	for i, st := range planet.SchedulingTypeValues() {
		assert.Equal(t, st, page.Results[i].SchedulingType)
		assert.True(t, st.Known())
		assert.Equal(t, planet.SatelliteTypeValues(), page.Results[i].SatelliteTypes)
	}
	for i, ot := range planet.OrderTypeValues() {
		assert.Equal(t, ot, page.Results[i].OrderType)
		assert.True(t, ot.Known())
	}
	assert.Equal(t, planet.SchedulingType("TELEPORT"), page.Results[6].SchedulingType)
	assert.False(t, page.Results[6].SchedulingType.Known())
	assert.Equal(t, planet.OrderType("HOLOGRAM"), page.Results[6].OrderType)
	assert.False(t, page.Results[6].OrderType.Known())
	for _, s := range planet.SatelliteTypeValues() {
		assert.True(t, s.Known())
	}
	assert.False(t, planet.SatelliteType("HUBBLE").Known())
}

func TestSearchEnums(t *testing.T) {
	want := map[planet.SearchStatus]tasking.Status{
		planet.SearchCreated: tasking.StatusReceived, planet.SearchInProgress: tasking.StatusInProgress,
		planet.SearchDone: tasking.StatusCompleted, planet.SearchFailed: tasking.StatusFailed, "QUEUED": tasking.StatusUnknown,
	}
	for s, exp := range want {
		assert.Equal(t, exp, s.Neutral(), "%s", s)
		assert.Equal(t, exp != tasking.StatusUnknown, s.Known())
	}
	for _, f := range []string{"search_created.json", "search_in_progress.json", "search_done.json", "search_failed.json"} {
		var s planet.ImagingWindowSearch
		require.NoError(t, planet.Unmarshal(fixture(t, f), &s), f)
		assert.True(t, s.Status.Known(), f)
	}
	assert.ElementsMatch(t, planet.SearchStatusValues(), planet.SearchLifecycle.States())
	assert.True(t, planet.SearchLifecycle.Terminal(planet.SearchDone))
	assert.True(t, planet.SearchLifecycle.Terminal(planet.SearchFailed))

	var s planet.ImagingWindowSearch
	require.NoError(t, planet.Unmarshal(fixture(t, "search_modes.json"), &s))
	require.Len(t, s.ImagingWindows, 8)
	for i, m := range planet.SensitivityModeValues() {
		assert.Equal(t, m, s.ImagingWindows[i].SensitivityMode)
		assert.True(t, m.Known())
	}
	assert.Equal(t, planet.SensitivityMode("ULTRA"), s.ImagingWindows[7].SensitivityMode)
	assert.False(t, s.ImagingWindows[7].SensitivityMode.Known())
	for i, tier := range planet.AssuredTaskingTierValues() {
		assert.Equal(t, tier, s.ImagingWindows[i].AssuredTaskingTier)
		assert.True(t, tier.Known())
	}
	assert.Equal(t, planet.AssuredTaskingTier("PLATINUM"), s.ImagingWindows[3].AssuredTaskingTier)
	assert.False(t, s.ImagingWindows[3].AssuredTaskingTier.Known())
}

func TestEventTypes(t *testing.T) {
	var page planet.Page[*planet.OrderHistoryEvent]
	require.NoError(t, planet.Unmarshal(fixture(t, "order_history.json"), &page))
	require.Len(t, page.Results, 3)
	assert.Equal(t, planet.EventOrderFulfilled, page.Results[0].EventType)
	assert.Equal(t, planet.EventType("CAPTURE_PUBLISHED"), page.Results[1].EventType)
	assert.False(t, page.Results[1].EventType.Known())
	assert.Equal(t, planet.EventOrderCreated, page.Results[2].EventType)
	assert.Empty(t, page.Results[2].CaptureID)
	for _, e := range planet.EventTypeValues() {
		assert.True(t, e.Known())
	}
}
