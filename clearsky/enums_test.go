package clearsky_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrderingProcessStatusNeutral(t *testing.T) {
	want := map[clearsky.OrderingProcessStatus]tasking.Status{
		"Review":                    tasking.StatusPlanning,
		"Preparing":                 tasking.StatusScheduled,
		"AwaitingSatelliteProducts": tasking.StatusScheduled,
		"Processing":                tasking.StatusInProgress,
		"Predicting":                tasking.StatusInProgress,
		"ProcessingPredicting":      tasking.StatusInProgress,
		"Completed":                 tasking.StatusCompleted,
		"UpToDate":                  tasking.StatusInProgress,
		"Canceled":                  tasking.StatusCancelled,
		"Initialize":                tasking.StatusScheduled,
		"Working":                   tasking.StatusInProgress,
		"Done":                      tasking.StatusCompleted,
		"Failure":                   tasking.StatusFailed,
	}
	assert.Len(t, clearsky.OrderingProcessStatusValues(), 13)
	for _, s := range clearsky.OrderingProcessStatusValues() {
		n, ok := want[s]
		require.True(t, ok, "%s has an expected mapping", s)
		assert.Equal(t, n, s.Neutral(), string(s))
		assert.True(t, s.Known())
		assert.Equal(t, n.IsTerminal(), s.IsTerminal(), "%s: the raw and neutral terminal sets agree", s)
		assert.Equal(t, !s.IsTerminal(), s.InProgress())
		assert.Equal(t, string(s), s.String())
	}
	legacy := []clearsky.OrderingProcessStatus{"Initialize", "Working", "Done", "Failure"}
	for _, s := range clearsky.OrderingProcessStatusValues() {
		assert.Equal(t, contains(legacy, s), s.Legacy(), string(s))
	}
	// UpToDate is not terminal.
	assert.False(t, clearsky.StatusUpToDate.IsTerminal())
	assert.False(t, clearsky.StatusUpToDate.Neutral().IsTerminal())

	unknown := clearsky.OrderingProcessStatus("Archived")
	assert.Equal(t, tasking.StatusUnknown, unknown.Neutral())
	assert.False(t, unknown.Known())
	assert.False(t, unknown.InProgress())
	assert.False(t, unknown.IsTerminal())
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestEveryStatusFixtureDecodes(t *testing.T) {
	c, mt := mockClient(t)
	mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/orders", capture(new([]seen), 200, fixture(t, "statuses.json")))
	l, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	orders := l.TaskOrders
	require.Len(t, orders, 14)
	for i, s := range clearsky.OrderingProcessStatusValues() {
		assert.Equal(t, s, orders[i].OrderingProcessStatus)
		assert.Equal(t, s.Neutral(), orders[i].OrderingProcessStatus.Neutral())
	}
	last := orders[13]
	assert.Equal(t, clearsky.OrderingProcessStatus("Archived"), last.OrderingProcessStatus, "an unknown value is kept")
	assert.Equal(t, tasking.StatusUnknown, last.OrderingProcessStatus.Neutral())
	assert.Nil(t, last.Tiles)
}

func TestOrderLifecycle(t *testing.T) {
	lc := clearsky.OrderLifecycle
	// The current path and its alternatives.
	path := []clearsky.OrderingProcessStatus{"Review", "Preparing", "AwaitingSatelliteProducts", "Processing", "Predicting", "Completed"}
	for i := 1; i < len(path); i++ {
		assert.True(t, lc.Allows(path[i-1], path[i]), "%s → %s", path[i-1], path[i])
	}
	for _, p := range []clearsky.OrderingProcessStatus{"Processing", "Predicting", "ProcessingPredicting"} {
		assert.True(t, lc.Allows("AwaitingSatelliteProducts", p))
		assert.True(t, lc.Allows(p, "Completed"))
		assert.True(t, lc.Allows(p, "UpToDate"))
		assert.True(t, lc.Allows("UpToDate", p), "new dates send UpToDate back into production")
	}
	assert.True(t, lc.Allows("UpToDate", "AwaitingSatelliteProducts"))
	// Canceled from every non-terminal state, nothing out of a terminal one.
	for _, s := range clearsky.OrderingProcessStatusValues() {
		if lc.Terminal(s) {
			assert.Empty(t, lc.Next(s), "%s is terminal", s)
			continue
		}
		assert.True(t, lc.Allows(s, clearsky.StatusCanceled), "%s → Canceled", s)
	}
	// The legacy path.
	assert.True(t, lc.Allows("Review", "Initialize"))
	assert.True(t, lc.Allows("Initialize", "Working"))
	assert.True(t, lc.Allows("Working", "Done"))
	assert.True(t, lc.Allows("Working", "Failure"))
	// Moves it does not document.
	assert.False(t, lc.Allows("Completed", "UpToDate"))
	assert.False(t, lc.Allows("Review", "Processing"))
	assert.False(t, lc.Allows("Preparing", "Review"))
	assert.True(t, lc.Initial("Review"))
	assert.True(t, lc.Initial("Preparing"), "automatic acceptance skips Review")
	assert.ElementsMatch(t, clearsky.OrderingProcessStatusValues(), lc.States())
	m := lc.Mermaid()
	assert.True(t, strings.HasPrefix(m, "stateDiagram-v2\n"))
	assert.Contains(t, m, "UpToDate --> AwaitingSatelliteProducts : new dates due")
}

func TestUntilUpToDate(t *testing.T) {
	ev := func(s clearsky.OrderingProcessStatus) tasking.StatusEvent {
		return tasking.StatusEvent{Status: s.Neutral(), Raw: string(s)}
	}
	assert.True(t, clearsky.UntilUpToDate(ev(clearsky.StatusUpToDate)))
	assert.True(t, clearsky.UntilUpToDate(ev(clearsky.StatusCompleted)))
	assert.True(t, clearsky.UntilUpToDate(ev(clearsky.StatusCanceled)))
	assert.True(t, clearsky.UntilUpToDate(ev(clearsky.StatusFailure)))
	assert.False(t, clearsky.UntilUpToDate(ev(clearsky.StatusProcessingPredicting)))
	assert.False(t, clearsky.UntilUpToDate(ev(clearsky.StatusReview)))
}

func TestModels(t *testing.T) {
	assert.Equal(t, []clearsky.Model{"Stratus2", "Stratus2Fast", "Stratus2NoSnow", "Stratus3"}, clearsky.ModelValues())
	for _, m := range clearsky.ModelValues() {
		assert.True(t, m.Known())
		assert.NotEmpty(t, m.RequiredConstellations())
		got, ok := clearsky.ParseModel(m.DisplayName())
		assert.True(t, ok)
		assert.Equal(t, m, got, "display label %q", m.DisplayName())
		got, ok = clearsky.ParseModel(strings.ToLower(string(m)))
		assert.True(t, ok)
		assert.Equal(t, m, got)
	}
	assert.Equal(t, "Stratus-2 Fast", clearsky.ModelStratus2Fast.DisplayName())
	assert.Equal(t, []clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2"}, clearsky.ModelStratus2Fast.RequiredConstellations())
	other, ok := clearsky.ParseModel("NimbusNdvi")
	assert.True(t, ok, "the set is open")
	assert.Equal(t, clearsky.Model("NimbusNdvi"), other)
	assert.False(t, other.Known())
	assert.Equal(t, "NimbusNdvi", other.DisplayName())
	assert.Nil(t, other.RequiredConstellations())
	_, ok = clearsky.ParseModel("Nimbus-NDVI")
	assert.False(t, ok, "an unknown display label has no wire value")

	// Mutating the returned slice does not change the table.
	r := clearsky.ModelStratus2.RequiredConstellations()
	r[0] = "X"
	assert.Equal(t, clearsky.ConstellationSentinel1, clearsky.ModelStratus2.RequiredConstellations()[0])
}

func TestConstellationsAndBilling(t *testing.T) {
	assert.Equal(t, []clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2", "Landsat89"}, clearsky.SatelliteConstellationValues())
	for _, c := range clearsky.SatelliteConstellationValues() {
		assert.True(t, c.Known())
		assert.Equal(t, string(c), c.String())
	}
	assert.False(t, clearsky.SatelliteConstellation("Cbers4").Known())
	assert.Equal(t, []clearsky.BillingCycle{"Monthly", "Yearly"}, clearsky.BillingCycleValues())

	var o clearsky.Order
	require.NoError(t, json.Unmarshal([]byte(`{"BillingCycle":"Quarterly","Model":"Stratus9","SatelliteConstellations":["Sentinel5"]}`), &o))
	assert.Equal(t, clearsky.BillingCycle("Quarterly"), o.BillingCycle)
	assert.Equal(t, clearsky.Model("Stratus9"), o.Model)
	assert.Equal(t, []clearsky.SatelliteConstellation{"Sentinel5"}, o.SatelliteConstellations)
}
