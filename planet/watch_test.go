package planet_test

import (
	"net/http"
	"testing"

	"github.com/eotask/eotask/planet"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every Wait has its iterator form: one value per status, the first
// observation included, ending where Wait returns.
func TestWatchYieldsEachStatusOnce(t *testing.T) {
	c, m := newMock(t)
	m.replySeq(http.MethodGet, base+"captures/x/", []byte(`{"id": "x", "status": "QUEUED"}`),
		[]byte(`{"id": "x", "status": "QUEUED"}`), []byte(`{"id": "x", "status": "PROCESSING"}`),
		[]byte(`{"id": "x", "status": "PUBLISHED", "assessment": "SUCCESS"}`))
	var captures []planet.CaptureStatus
	for cp, err := range c.Captures.Watch(ctx, "x", fast) {
		require.NoError(t, err)
		captures = append(captures, cp.Status)
	}
	assert.Equal(t, []planet.CaptureStatus{planet.CaptureQueued, planet.CaptureProcessing, planet.CapturePublished}, captures)

	m.replySeq(http.MethodGet, base+"bulk/"+bulkID+"/", fixture(t, "bulk_processing.json"), fixture(t, "bulk.json"))
	var done []bool
	for b, err := range c.Bulk.Watch(ctx, bulkID, fast) {
		require.NoError(t, err)
		done = append(done, b.Done())
	}
	assert.Equal(t, []bool{false, true}, done)

	m.replySeq(http.MethodGet, base+"imaging-windows/search/s/", []byte(`{"id": "s", "status": "IN_PROGRESS"}`),
		[]byte(`{"id": "s", "status": "FAILED", "error_code": "E1", "error_message": "no windows"}`))
	var searches []planet.SearchStatus
	var last error
	for s, err := range c.ImagingWindows.Watch(ctx, "s", fast) {
		searches, last = append(searches, s.Status), err
	}
	assert.Equal(t, []planet.SearchStatus{planet.SearchInProgress, planet.SearchFailed}, searches)
	var failed *planet.SearchFailedError
	require.ErrorAs(t, last, &failed, "a FAILED search comes last, with its error, as from Wait")
	assert.Equal(t, "no windows", failed.Message)
}

func TestWatchAssetActivation(t *testing.T) {
	srv, c := newSim(t)
	task := fulfilled(t, c.Provider(planet.ProviderDefaults{}))
	caps := srv.Captures(task.ID)
	require.Len(t, caps, 1)
	items, err := caps[0].Items()
	require.NoError(t, err)
	list, err := c.Assets.List(ctx, items[0].ItemType, items[0].ItemID)
	require.NoError(t, err)
	require.NoError(t, c.Assets.Activate(ctx, list[2]))
	var seen []planet.AssetStatus
	for a, err := range c.Assets.Watch(ctx, items[0].ItemType, items[0].ItemID, list[2].Type, fast) {
		require.NoError(t, err)
		seen = append(seen, a.Status)
	}
	require.NotEmpty(t, seen)
	assert.Equal(t, planet.AssetActive, seen[len(seen)-1], "it ends when the asset is active: %v", seen)
}
