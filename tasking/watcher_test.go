package tasking_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// rateRecorder wraps a provider and records when each Task call happened and
// how many were in flight at once.
type rateRecorder struct {
	tasking.Provider
	mu       sync.Mutex
	at       []time.Time
	inflight int
	peak     int
}

func (r *rateRecorder) Task(ctx context.Context, id string) (*tasking.Task, error) {
	r.mu.Lock()
	r.at = append(r.at, time.Now())
	r.inflight++
	r.peak = max(r.peak, r.inflight)
	r.mu.Unlock()
	defer func() { r.mu.Lock(); r.inflight--; r.mu.Unlock() }()
	return r.Provider.Task(ctx, id)
}

func submitN(t testing.TB, p tasking.Provider, n int) []tasking.TaskRef {
	start := time.Now().Add(time.Hour)
	refs := make([]tasking.TaskRef, 0, n)
	for i := 0; i < n; i++ {
		task, err := p.Submit(context.Background(), &tasking.Request{Name: fmt.Sprint("t", i), Geometry: orb.Point{1, 1},
			Start: start, End: start.Add(time.Hour)})
		require.NoError(t, err)
		refs = append(refs, tasking.TaskRef{Provider: p.Name(), ID: task.ID})
	}
	return refs
}

func TestWatcherTenThousandTasksExactlyOnceBoundedGoroutines(t *testing.T) {
	const perProvider = 5000
	a := &rateRecorder{Provider: &providertest.Fake{ProviderName: "a"}}
	b := &rateRecorder{Provider: &providertest.Fake{ProviderName: "b", Path: []string{"received", "in_progress", "failed"}}}
	refs := append(submitN(t, a, perProvider), submitN(t, b, perProvider)...)

	w := &tasking.Watcher{Providers: []tasking.Provider{a, b}, Interval: time.Millisecond, Workers: 8,
		Budgets: map[string]tasking.Budget{"a": {Limit: rate.Inf}, "b": {Limit: rate.Inf}}}
	base := runtime.NumGoroutine()
	peakGoroutines := 0
	seen := map[string][]string{}
	done := map[string]bool{}
	for ch, err := range w.Watch(context.Background(), refs) {
		require.NoError(t, err)
		key := ch.Provider + "/" + ch.ID
		require.False(t, done[key], "no change after a task left the watch")
		seen[key] = append(seen[key], ch.Prev.Raw+">"+ch.Next.Raw)
		if ch.Done {
			done[key] = true
		}
		if len(seen)%500 == 0 {
			peakGoroutines = max(peakGoroutines, runtime.NumGoroutine())
		}
	}
	require.Len(t, seen, 2*perProvider)
	assert.Len(t, done, 2*perProvider, "every task left the watch once terminal")
	// Task calls advance a Fake task, so the first poll sees the second status.
	wantA := []string{">scheduled", "scheduled>in_progress", "in_progress>completed"}
	wantB := []string{">in_progress", "in_progress>failed"}
	for key, changes := range seen {
		if key[0] == 'a' {
			assert.Equal(t, wantA, changes, key)
		} else {
			assert.Equal(t, wantB, changes, key)
		}
	}
	// 2 providers × (8 workers + 1 dispatcher) + the merge goroutines.
	assert.LessOrEqual(t, peakGoroutines-base, 2*(8+1)+4, "goroutines stay bounded for 10,000 tasks")
	assert.LessOrEqual(t, a.peak, 8)
	assert.LessOrEqual(t, b.peak, 8)
	assert.Equal(t, 3*perProvider, len(a.at), "each task polled once per status, no more")
	time.Sleep(50 * time.Millisecond)
	assert.LessOrEqual(t, runtime.NumGoroutine(), base+2, "nothing left running after the watch")
}

func TestWatcherKeepsEachProviderWithinItsBudget(t *testing.T) {
	a := &rateRecorder{Provider: &providertest.Fake{ProviderName: "a"}}
	b := &rateRecorder{Provider: &providertest.Fake{ProviderName: "b"}}
	refs := append(submitN(t, a, 10000), submitN(t, b, 10000)...)
	w := &tasking.Watcher{Providers: []tasking.Provider{a, b}, Interval: time.Millisecond, Workers: 16,
		Budgets: map[string]tasking.Budget{"a": {Limit: 400, Burst: 10}, "b": {Limit: 100, Burst: 5}}}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	var lastErr error
	done := 0
	for ch, err := range w.Watch(ctx, refs) {
		if err != nil {
			lastErr = err
		}
		if ch.Done {
			done++
		}
	}
	assert.ErrorIs(t, lastErr, context.DeadlineExceeded, "the watch ends with the deadline, not with tasks quietly dropped")
	assert.Less(t, done, len(refs), "the budget cannot finish 20,000 tasks in 1.5 s")
	for _, c := range []struct {
		r     *rateRecorder
		limit float64
		burst int
	}{{a, 400, 10}, {b, 100, 5}} {
		c.r.mu.Lock()
		n := len(c.r.at)
		span := c.r.at[n-1].Sub(c.r.at[0]).Seconds()
		c.r.mu.Unlock()
		allowed := c.limit*span + float64(c.burst) + 1
		assert.LessOrEqual(t, float64(n), allowed, "requests within budget")
		assert.Greater(t, float64(n), 0.5*c.limit*span, "and the budget is used")
	}
}

func TestWatcherResumesFromKnownStatus(t *testing.T) {
	f := &providertest.Fake{ProviderName: "a", Path: []string{"received", "in_progress", "in_progress", "completed"}}
	refs := submitN(t, f, 1)
	// The caller saw in_progress before a restart: the first poll (in_progress
	// again) is not a change.
	refs[0].RawStatus, refs[0].Status = "in_progress", tasking.StatusInProgress
	refs = append(refs, tasking.TaskRef{Provider: "a", ID: "gone"}, tasking.TaskRef{Provider: "nobody", ID: "x"})
	w := &tasking.Watcher{Providers: []tasking.Provider{f}, Interval: time.Millisecond}
	var changes []tasking.Change
	var errs []error
	for ch, err := range w.Watch(context.Background(), refs) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		changes = append(changes, ch)
	}
	require.Len(t, changes, 1)
	assert.Equal(t, tasking.StatusInProgress, changes[0].Prev.Status)
	assert.Equal(t, "completed", changes[0].Next.Raw)
	assert.True(t, changes[0].Done)
	require.Len(t, errs, 2, "an unknown provider and a task the provider no longer knows; both leave the watch")
	var we *tasking.WatchError
	for _, err := range errs {
		require.ErrorAs(t, err, &we)
	}
	assert.ErrorIs(t, errs[0], tasking.ErrUnsupported)
	assert.ErrorIs(t, errs[1], tasking.ErrNotFound)
}

func TestWatcherBreakStopsEverything(t *testing.T) {
	f := &providertest.Fake{ProviderName: "a", Path: []string{"received", "in_progress", "in_progress", "in_progress", "completed"}}
	refs := submitN(t, f, 1000)
	base := runtime.NumGoroutine()
	w := &tasking.Watcher{Providers: []tasking.Provider{f}, Interval: time.Millisecond, Budgets: map[string]tasking.Budget{"a": {Limit: rate.Inf}}}
	n := 0
	for range w.Watch(context.Background(), refs) {
		n++
		if n == 10 {
			break
		}
	}
	time.Sleep(20 * time.Millisecond)
	assert.LessOrEqual(t, runtime.NumGoroutine(), base+1)
	calls := f.Calls()
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, calls, f.Calls(), "no polling after the caller broke out")
}

// stallingProvider never answers for the ids in stall (until the poll's
// context ends) and answers in_progress at once for every other id, counting
// polls per id.
type stallingProvider struct {
	tasking.Provider
	stall map[string]bool
	mu    sync.Mutex
	polls map[string]int
}

func (s *stallingProvider) Name() string { return "s" }

func (s *stallingProvider) Task(ctx context.Context, id string) (*tasking.Task, error) {
	s.mu.Lock()
	s.polls[id]++
	s.mu.Unlock()
	if s.stall[id] {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return &tasking.Task{Provider: "s", ID: id, Status: tasking.StatusInProgress, RawStatus: "in_progress"}, nil
}

// Four polls that never return must not take every worker: each poll has its
// own deadline, stalled tasks back off and hold at most half the workers, and
// healthy tasks on the same Watcher keep their cadence.
func TestWatcherStalledTasksDoNotStarveHealthyOnes(t *testing.T) {
	p := &stallingProvider{stall: map[string]bool{"s1": true, "s2": true, "s3": true, "s4": true}, polls: map[string]int{}}
	refs := []tasking.TaskRef{}
	for _, id := range []string{"s1", "s2", "s3", "s4", "h1", "h2", "h3", "h4"} {
		refs = append(refs, tasking.TaskRef{Provider: "s", ID: id})
	}
	const interval = 20 * time.Millisecond
	w := &tasking.Watcher{Providers: []tasking.Provider{p}, Interval: interval, Workers: 4,
		PollTimeout: 100 * time.Millisecond, Budgets: map[string]tasking.Budget{"s": {Limit: rate.Inf}}}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	var timeouts int
	for _, err := range w.Watch(ctx, refs) {
		var we *tasking.WatchError
		if errors.As(err, &we) {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			timeouts++
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	assert.NotZero(t, timeouts, "a stalled poll is reported")
	for _, id := range []string{"h1", "h2", "h3", "h4"} {
		// 1.5 s at a 20 ms cadence is about 70 polls; starved, it would be 0.
		assert.GreaterOrEqual(t, p.polls[id], 25, "healthy task %s kept its cadence", id)
	}
	for _, id := range []string{"s1", "s2", "s3", "s4"} {
		assert.LessOrEqual(t, p.polls[id], 8, "stalled task %s is retried with backoff, not hammered", id)
		assert.GreaterOrEqual(t, p.polls[id], 2, "stalled task %s is retried", id)
	}
}
