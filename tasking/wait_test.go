package tasking

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// order is a provider status enum for the tests.
type order string

func (o order) Neutral() Status {
	switch o {
	case "NEW":
		return StatusReceived
	case "WORKING":
		return StatusInProgress
	case "REVIEW":
		return StatusActionRequired
	case "DONE":
		return StatusCompleted
	case "LOST":
		return StatusFailed
	}
	return StatusUnknown
}

func (o order) Revisable() bool { return o == "DONE" }

var orderLC = NewLifecycle("order", []order{"NEW"}, []order{"DONE", "LOST"},
	Transition[order]{From: "NEW", To: "WORKING"},
	Transition[order]{From: "WORKING", To: "DONE"},
	Transition[order]{From: "WORKING", To: "LOST"},
	Transition[order]{From: "DONE", To: "WORKING", Label: "review"},
)

// script returns each status in turn, then the last one forever, recording
// when each poll happened.
type script struct {
	mu    sync.Mutex
	steps []order
	i     int
	at    []time.Time
}

func (s *script) fetch(context.Context) (order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at = append(s.at, time.Now())
	st := s.steps[min(s.i, len(s.steps)-1)]
	s.i++
	return st, nil
}

func self(o order) order { return o }

func fast() *WaitOptions {
	return &WaitOptions{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
}

func TestWaitThroughSeveralStatuses(t *testing.T) {
	s := &script{steps: []order{"NEW", "NEW", "WORKING", "WORKING", "WORKING", "DONE"}}
	var changes [][2]string
	o := fast()
	o.OnChange = func(prev, next StatusEvent) { changes = append(changes, [2]string{prev.Raw, next.Raw}) }
	unexpected := 0
	o.OnUnexpected = func(prev, next StatusEvent) { unexpected++ }
	got, err := Wait(context.Background(), s.fetch, self, orderLC, o)
	require.NoError(t, err)
	assert.Equal(t, order("DONE"), got)
	assert.Equal(t, [][2]string{{"", "NEW"}, {"NEW", "WORKING"}, {"WORKING", "DONE"}}, changes)
	assert.Zero(t, unexpected)
	assert.Equal(t, 6, len(s.at))
}

func TestWaitReportsUnexpectedTransitionAndCarriesOn(t *testing.T) {
	s := &script{steps: []order{"NEW", "DONE"}}
	var seen []StatusEvent
	o := fast()
	o.OnUnexpected = func(prev, next StatusEvent) { seen = append(seen, prev, next) }
	got, err := Wait(context.Background(), s.fetch, self, orderLC, o)
	require.NoError(t, err)
	assert.Equal(t, order("DONE"), got)
	require.Len(t, seen, 2)
	assert.Equal(t, StatusReceived, seen[0].Status)
	assert.Equal(t, StatusCompleted, seen[1].Status)
}

func TestWaitHonoursMinAndMaxDelay(t *testing.T) {
	steps := make([]order, 12)
	for i := range steps {
		steps[i] = "WORKING"
	}
	steps[len(steps)-1] = "DONE"
	s := &script{steps: steps}
	min, max := 20*time.Millisecond, 45*time.Millisecond
	_, err := Wait(context.Background(), s.fetch, self, nil, &WaitOptions{MinDelay: min, MaxDelay: max})
	require.NoError(t, err)
	var gaps []time.Duration
	for i := 1; i < len(s.at); i++ {
		gaps = append(gaps, s.at[i].Sub(s.at[i-1]))
	}
	for _, g := range gaps {
		assert.GreaterOrEqual(t, g, min)
		assert.Less(t, g, max+25*time.Millisecond, "timer slack aside, never above MaxDelay")
	}
	assert.Greater(t, gaps[len(gaps)-1], gaps[0], "the delay grows while nothing changes")
}

func TestWaitReturnsContextErrorOnDeadline(t *testing.T) {
	s := &script{steps: []order{"WORKING"}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	got, err := Wait(ctx, s.fetch, self, orderLC, &WaitOptions{MinDelay: 10 * time.Millisecond, MaxDelay: time.Second})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, order("WORKING"), got, "the last value seen comes back with the error")
	assert.Less(t, time.Since(start), 500*time.Millisecond)
}

func TestWaitActionRequired(t *testing.T) {
	s := &script{steps: []order{"NEW", "REVIEW"}}
	got, err := Wait(context.Background(), s.fetch, self, nil, fast())
	assert.ErrorIs(t, err, ErrActionRequired)
	assert.Equal(t, order("REVIEW"), got)

	// A caller that can act may choose to stop there without an error.
	s = &script{steps: []order{"NEW", "REVIEW"}}
	o := fast()
	o.Until = func(e StatusEvent) bool { return e.Status == StatusActionRequired || e.Status.IsTerminal() }
	got, err = Wait(context.Background(), s.fetch, self, nil, o)
	require.NoError(t, err)
	assert.Equal(t, order("REVIEW"), got)
}

func TestWaitSettleForWaitsOutAReversal(t *testing.T) {
	// DONE is revisable: a review sends it back to WORKING, then it fails.
	s := &script{steps: []order{"WORKING", "DONE", "DONE", "WORKING", "LOST"}}
	o := fast()
	o.SettleFor = 50 * time.Millisecond
	got, err := Wait(context.Background(), s.fetch, self, orderLC, o)
	require.NoError(t, err)
	assert.Equal(t, order("LOST"), got, "the reversal was followed")

	// Without SettleFor the first DONE is returned.
	s = &script{steps: []order{"WORKING", "DONE", "DONE", "WORKING", "LOST"}}
	got, err = Wait(context.Background(), s.fetch, self, orderLC, fast())
	require.NoError(t, err)
	assert.Equal(t, order("DONE"), got)

	// A stable revisable result is returned after SettleFor.
	s = &script{steps: []order{"WORKING", "DONE"}}
	o.SettleFor = 30 * time.Millisecond
	start := time.Now()
	got, err = Wait(context.Background(), s.fetch, self, orderLC, o)
	require.NoError(t, err)
	assert.Equal(t, order("DONE"), got)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
}

func TestWatchYieldsEachChange(t *testing.T) {
	s := &script{steps: []order{"NEW", "NEW", "WORKING", "WORKING", "DONE"}}
	var got []order
	for v, err := range Watch(context.Background(), s.fetch, self, orderLC, fast()) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []order{"NEW", "WORKING", "DONE"}, got)

	// Breaking out stops polling.
	s = &script{steps: []order{"NEW", "WORKING", "DONE"}}
	for range Watch(context.Background(), s.fetch, self, orderLC, fast()) {
		break
	}
	assert.Equal(t, 1, len(s.at))
}

// taskSource is a Provider whose one task walks the given tasks in turn.
type taskSource struct {
	Provider
	steps []Task
	i     int
}

func (s *taskSource) Task(context.Context, string) (*Task, error) {
	t := s.steps[min(s.i, len(s.steps)-1)]
	s.i++
	return &t, nil
}

func TestWaitTaskReportsRawStatusesAndSettles(t *testing.T) {
	src := &taskSource{steps: []Task{
		{Status: StatusReceived, RawStatus: "Review"},
		{Status: StatusScheduled, RawStatus: "Preparing"},
		{Status: StatusCompleted, RawStatus: "FULFILLED", Revisable: true},
		{Status: StatusInProgress, RawStatus: "IN_PROGRESS"},
		{Status: StatusCompleted, RawStatus: "FULFILLED", Revisable: false},
	}}
	o := fast()
	o.SettleFor = time.Hour // a revisable result never settles within the test
	var raws []string
	o.OnChange = func(_, next StatusEvent) { raws = append(raws, next.Raw+"/"+string(next.Status)) }
	got, err := WaitTask(context.Background(), src, "x", o)
	require.NoError(t, err)
	assert.False(t, got.Revisable, "the revisable FULFILLED was waited out; the final one is not revisable")
	assert.Equal(t, []string{"Review/received", "Preparing/scheduled", "FULFILLED/completed", "IN_PROGRESS/in_progress", "FULFILLED/completed"}, raws)
}
