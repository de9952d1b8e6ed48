package capella_test

import (
	"testing"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Watch yields what Wait passes through, one value per status, and ends
// where Wait returns.
func TestWatchFollowsWhatWaitFollows(t *testing.T) {
	srv, c := simClient(t)
	r := pointTask(srv, "watched")
	r.PreApproval = true
	task, err := c.Tasks.Create(ctx(t), r)
	require.NoError(t, err)
	var seen []capella.RequestStatus
	for got, err := range c.Tasks.Watch(ctx(t), task.GetID(), fastWait) {
		require.NoError(t, err)
		seen = append(seen, got.GetStatus())
	}
	assert.Equal(t, []capella.RequestStatus{capella.RequestSubmitted, capella.RequestActive, capella.RequestAccepted,
		capella.RequestCompleted}, seen)

	cols, err := c.Tasks.Collects(ctx(t), task.GetID(), nil)
	require.NoError(t, err)
	require.Len(t, cols, 1)
	n := 0
	for col, err := range c.Collects.Watch(ctx(t), cols[0].CollectID, fastWait) {
		require.NoError(t, err)
		assert.Equal(t, capella.CollectDelivered, col.GetStatus(), "a delivered collect is seen once")
		n++
	}
	assert.Equal(t, 1, n)

	open := srv.Now().AddDate(0, 0, 1)
	ar, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Point{-122.4, 37.7},
		Name: "watched access", WindowOpen: open, WindowClose: open.AddDate(0, 0, 7)})
	require.NoError(t, err)
	var last *capella.AccessRequest
	for a, err := range c.AccessRequests.Watch(ctx(t), ar.GetID(), fastWait) {
		require.NoError(t, err)
		last = a
	}
	require.NotNil(t, last)
	assert.Equal(t, capella.ProcessingCompleted, last.Properties.ProcessingStatus)
}

// A task in review ends Watch with ErrActionRequired, as it ends Wait; a
// consumer that stops early stops the polling.
func TestWatchStopsAtReviewAndOnBreak(t *testing.T) {
	srv, c := simClient(t)
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "review"))
	require.NoError(t, err)
	var errs []error
	for _, err := range c.Tasks.Watch(ctx(t), task.GetID(), fastWait) {
		errs = append(errs, err)
	}
	require.NotEmpty(t, errs)
	assert.ErrorIs(t, errs[len(errs)-1], tasking.ErrActionRequired)

	srv.ResetRequests()
	for range c.Tasks.Watch(ctx(t), task.GetID(), fastWait) {
		break
	}
	assert.Len(t, srv.Requests(), 1, "one poll, then the consumer stopped")
}

// A bad id is the only thing a Watch yields, before any request.
func TestWatchRefusesBadIDs(t *testing.T) {
	srv, c := simClient(t)
	srv.ResetRequests()
	for name, watch := range map[string]func() error{
		"Tasks":          func() error { return first(c.Tasks.Watch(ctx(t), "..", nil)) },
		"RepeatRequests": func() error { return first(c.RepeatRequests.Watch(ctx(t), "", nil)) },
		"AccessRequests": func() error { return first(c.AccessRequests.Watch(ctx(t), "a\nb", nil)) },
		"Collects":       func() error { return first(c.Collects.Watch(ctx(t), ".", nil)) },
		"Orders":         func() error { return first(c.Orders.Watch(ctx(t), "\x00", nil)) },
	} {
		var ve *tasking.ValidationError
		assert.ErrorAs(t, watch(), &ve, name)
	}
	assert.Empty(t, srv.Requests(), "nothing sent")
}

// first returns the error of the first value seq yields.
func first[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		return err
	}
	return nil
}
