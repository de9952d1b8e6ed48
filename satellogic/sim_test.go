package satellogic_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// follow waits for a task through the public client and returns the raw
// statuses seen and the final task. (Each GET moves the task one step before
// answering, so the first status seen after "received" is "planning".) It fails on any move TaskLifecycle does
// not allow.
func follow(t *testing.T, c *satellogic.Client, id int64) ([]string, *satellogic.Task) {
	t.Helper()
	var seen []string
	opts := *fastWait
	opts.OnChange = func(_, next tasking.StatusEvent) { seen = append(seen, next.Raw) }
	opts.OnUnexpected = func(prev, next tasking.StatusEvent) {
		t.Errorf("undocumented move %s -> %s", prev.Raw, next.Raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	final, err := c.Tasks.Wait(ctx, id, &opts)
	require.NoError(t, err)
	return seen, final
}

func captureStatuses(t *testing.T, c *satellogic.Client, id int64) []string {
	t.Helper()
	caps, err := tasking.Collect(c.Tasks.AllCaptures(context.Background(), id, nil))
	require.NoError(t, err)
	out := []string{}
	for _, cp := range caps {
		assert.Len(t, cp.CaptureID, 36, "a UUID")
		out = append(out, string(cp.Status))
	}
	return out
}

func poi(srv *satellogictest.Server, name string, days int) *satellogic.TaskCreateRequest {
	now := srv.Now()
	return &satellogic.TaskCreateRequest{TaskName: name, ProjectName: "Sim", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608}, Start: now.Add(time.Hour), End: now.Add(time.Duration(days)*24*time.Hour - time.Minute)}
}

func create(t *testing.T, c *satellogic.Client, req *satellogic.TaskCreateRequest) *satellogic.Task {
	t.Helper()
	task, err := c.Tasks.Create(context.Background(), req)
	require.NoError(t, err)
	return task
}

func noUnexpected(t *testing.T, srv *satellogictest.Server) {
	t.Helper()
	assert.Empty(t, srv.Unexpected(), "the simulator only moves along the lifecycle tables")
}

func TestSimLifecycleHappyPath(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	task := create(t, c, poi(srv, "happy", 3))
	assert.Equal(t, satellogic.TaskReceived, task.Status)
	assert.Equal(t, orb.Point{-46.3047, -23.9608}, task.Target, "the altitude the API echoes is dropped")
	assert.Nil(t, task.Unknown, "the simulator sends no member Task does not know")
	seen, final := follow(t, c, task.TaskID)
	assert.Equal(t, []string{"planning", "pending", "in_progress", "completed"}, seen)
	assert.Equal(t, tasking.StatusCompleted, final.Status.Neutral())
	assert.Equal(t, []string{"published"}, captureStatuses(t, c, task.TaskID))
	noUnexpected(t, srv)
}

func TestSimFailedCaptureIsReplanned(t *testing.T) {
	for _, fault := range []satellogictest.CaptureFault{satellogictest.FaultCollection, satellogictest.FaultQC} {
		t.Run(fmt.Sprint("fault ", fault), func(t *testing.T) {
			srv := satellogictest.NewServer()
			defer srv.Close()
			c := srv.Client()
			srv.FailCaptures(1, fault)
			task := create(t, c, poi(srv, "replan", 3))
			seen, final := follow(t, c, task.TaskID)
			assert.Equal(t, []string{"planning", "pending", "in_progress", "planning", "pending", "in_progress", "completed"}, seen)
			assert.Equal(t, satellogic.TaskCompleted, final.Status)
			assert.Equal(t, []string{"failed", "published"}, captureStatuses(t, c, task.TaskID))
			noUnexpected(t, srv)
		})
	}
}

func TestSimPendingBackToPlanning(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.PreemptNext(1)
	task := create(t, c, poi(srv, "preempted", 3))
	seen, final := follow(t, c, task.TaskID)
	assert.Equal(t, []string{"planning", "pending", "planning", "pending", "in_progress", "completed"}, seen)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)
	assert.Equal(t, []string{"published"}, captureStatuses(t, c, task.TaskID), "the lost capture left the schedule")
	noUnexpected(t, srv)
}

func TestSimMaxCapturesReachesCompleted(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	req := poi(srv, "recurring", 10)
	req.MaxCaptures, req.ExpectedAge = 3, 2*24*time.Hour
	task := create(t, c, req)
	require.NotNil(t, task.MaxCaptures)
	assert.Equal(t, 3, *task.MaxCaptures)
	age, err := satellogic.ParseExpectedAge(task.ExpectedAge)
	require.NoError(t, err)
	assert.Equal(t, 2*24*time.Hour, age, "echoed in Django's format %q", task.ExpectedAge)
	_, final := follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)
	assert.Equal(t, []string{"published", "published", "published"}, captureStatuses(t, c, task.TaskID))
	noUnexpected(t, srv)
}

func TestSimClosedWindowGivesPartiallyCompleted(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()

	// Two days hold two opportunities for three required captures.
	req := poi(srv, "short window", 2)
	req.MaxCaptures = 3
	task := create(t, c, req)
	_, final := follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskPartiallyCompleted, final.Status)
	assert.Equal(t, tasking.StatusPartiallyCompleted, final.Status.Neutral())
	assert.Equal(t, []string{"published", "published"}, captureStatuses(t, c, task.TaskID))

	// A failure uses up the only spare opportunity.
	srv.FailCaptures(1, satellogictest.FaultQC)
	req = poi(srv, "one failure", 2)
	req.MaxCaptures = 2
	task = create(t, c, req)
	seen, final := follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskPartiallyCompleted, final.Status)
	assert.Equal(t, "in_progress", seen[len(seen)-2])
	assert.Equal(t, []string{"failed", "published"}, captureStatuses(t, c, task.TaskID))
	noUnexpected(t, srv)
}

func TestSimClosedWindowWithoutCaptureFails(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.FailCaptures(1, satellogictest.FaultCollection)
	task := create(t, c, poi(srv, "single chance", 1))
	seen, final := follow(t, c, task.TaskID)
	assert.Equal(t, []string{"planning", "pending", "in_progress", "failed"}, seen)
	assert.Equal(t, tasking.StatusFailed, final.Status.Neutral())
	assert.Equal(t, []string{"failed"}, captureStatuses(t, c, task.TaskID))
	noUnexpected(t, srv)
}

func TestSimWindowClosedByTheClock(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	req := poi(srv, "clock partial", 10)
	req.MaxCaptures = 2
	partial := create(t, c, req)
	none := create(t, c, poi(srv, "clock none", 10))
	for i := 0; i < 3; i++ {
		srv.Advance() // received -> planning -> pending -> in_progress
	}
	got, err := c.Tasks.Get(ctx, partial.TaskID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskInProgress, got.Status, "a GET does not move tasks with WithStepsPerPoll(0)")
	assert.Equal(t, []string{"queued", "queued"}, captureStatuses(t, c, partial.TaskID))
	// The first capture of the first task is collected and published; the
	// other task's capture is also moving, so fail it in processing.
	srv.Advance()
	srv.Advance()
	assert.Equal(t, []string{"published", "queued"}, captureStatuses(t, c, partial.TaskID))

	srv.SetNow(req.End.Add(time.Hour))
	srv.Advance()
	got, err = c.Tasks.Get(ctx, partial.TaskID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskPartiallyCompleted, got.Status)
	assert.Equal(t, []string{"published"}, captureStatuses(t, c, partial.TaskID), "the uncollected capture was dropped")

	got, err = c.Tasks.Get(ctx, none.TaskID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskCompleted, got.Status, "its one capture was published before the window closed")

	late := create(t, c, poi(srv, "late", 1))
	srv.SetNow(late.End.Add(time.Minute))
	srv.Advance()
	srv.Advance()
	got, err = c.Tasks.Get(ctx, late.TaskID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskFailed, got.Status, "the window closed before any capture was planned")
	assert.Empty(t, captureStatuses(t, c, late.TaskID))
	noUnexpected(t, srv)
}

func TestSimNEISingleAttemptNoRetries(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	now := srv.Now()
	nei := func(name string) *satellogic.TaskCreateRequest {
		fpt := now.Add(48 * time.Hour)
		return &satellogic.TaskCreateRequest{TaskName: name, ProjectName: "SDA", Product: satellogic.ProductNEI,
			Start: fpt.Add(-time.Hour), End: fpt.Add(20 * 24 * time.Hour),
			Extra: map[string]any{"satellite": "newsat40", "first_point_time": fpt.Format(time.RFC3339),
				"first_point": []float64{-58.4, -34.6, 420000}, "mode": satellogic.NEIEvoStripe}}
	}
	srv.FailCaptures(1, satellogictest.FaultQC)
	task := create(t, c, nei("nei fail"))
	seen, final := follow(t, c, task.TaskID)
	assert.Equal(t, []string{"planning", "pending", "in_progress", "failed"}, seen,
		"no re-planning although the window lasts")
	assert.Equal(t, satellogic.TaskFailed, final.Status)
	assert.Equal(t, []string{"failed"}, captureStatuses(t, c, task.TaskID))

	task = create(t, c, nei("nei ok"))
	_, final = follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)

	bad := nei("nei outside")
	bad.Extra["first_point_time"] = now.Add(-time.Hour).Format(time.RFC3339)
	_, err := c.Tasks.Create(context.Background(), bad)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "first_point_time")
	noUnexpected(t, srv)
}

func TestSimAOIFragments(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	now := srv.Now()
	// About 16.7 km x 11.1 km: two 100 km² strips.
	poly := orb.Polygon{{{10, 0}, {10.15, 0}, {10.15, 0.1}, {10, 0.1}, {10, 0}}}
	req := &satellogic.TaskCreateRequest{TaskName: "aoi", ProjectName: "Agri", Product: satellogic.ProductAOI,
		Target: poly, Start: now, End: now.Add(5 * 24 * time.Hour)}
	task := create(t, c, req)
	assert.Equal(t, poly, task.Target)
	_, final := follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)
	assert.Equal(t, []string{"published", "published"}, captureStatuses(t, c, task.TaskID))

	srv.FailCaptures(1, satellogictest.FaultQC)
	req.End = now.Add(2 * 24 * time.Hour)
	req.TaskName = "aoi short"
	task = create(t, c, req)
	_, final = follow(t, c, task.TaskID)
	assert.Equal(t, satellogic.TaskPartiallyCompleted, final.Status, "the strips do not cover the polygon")
	noUnexpected(t, srv)
}

func TestSimCancel(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	req := poi(srv, "to cancel", 5)
	req.MaxCaptures = 2
	task := create(t, c, req)
	srv.Advance()
	srv.Advance() // pending, with two queued captures
	assert.Equal(t, []string{"queued", "queued"}, captureStatuses(t, c, task.TaskID))
	got, err := c.Tasks.Cancel(ctx, task.TaskID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, satellogic.TaskCanceled, got.Status)
	assert.Empty(t, captureStatuses(t, c, task.TaskID), "queued captures are removed from the schedule")
	srv.Advance()
	got, err = c.Tasks.Get(ctx, task.TaskID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskCanceled, got.Status, "a cancelled task stays cancelled")
	_, err = c.Tasks.Cancel(ctx, task.TaskID)
	require.NoError(t, err, "cancelling twice is harmless")

	// A capture already collected is still delivered.
	inflight := create(t, c, poi(srv, "in flight", 5))
	for i := 0; i < 4; i++ {
		srv.Advance() // ... in_progress, capture processing
	}
	assert.Equal(t, []string{"processing"}, captureStatuses(t, c, inflight.TaskID))
	_, err = c.Tasks.Cancel(ctx, inflight.TaskID)
	require.NoError(t, err)
	assert.Equal(t, []string{"published"}, captureStatuses(t, c, inflight.TaskID))

	done := create(t, c, poi(srv, "done", 5))
	for i := 0; i < 6; i++ {
		srv.Advance()
	}
	require.Equal(t, string(satellogic.TaskCompleted), srv.Status(strconv.FormatInt(done.TaskID, 10)))
	_, err = c.Tasks.Cancel(ctx, done.TaskID)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "cannot be canceled")

	_, err = c.Tasks.Cancel(ctx, 1)
	require.ErrorIs(t, err, tasking.ErrNotFound)
	noUnexpected(t, srv)
}

func TestSimListPagesFiltersAndOrder(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	var ids []int64
	for i := 0; i < 7; i++ {
		req := poi(srv, fmt.Sprintf("task %d", i), 3)
		if i%2 == 1 {
			req.ProjectName = "Odd"
		}
		ids = append(ids, create(t, c, req).TaskID)
	}
	srv.ResetRequests()
	var got []int64
	for task, err := range c.Tasks.All(ctx, &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: 3}}) {
		require.NoError(t, err)
		got = append(got, task.TaskID)
	}
	assert.Equal(t, []int64{ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}, got, "newest first, across three pages")
	var offsets []string
	for _, r := range srv.Requests() {
		assert.Equal(t, "/tasking/tasks/", r.Path)
		assert.Equal(t, "3", r.Query.Get("limit"))
		offsets = append(offsets, r.Query.Get("offset"))
	}
	assert.Equal(t, []string{"", "3", "6"}, offsets)

	page, err := c.Tasks.List(ctx, &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: 3}})
	require.NoError(t, err)
	assert.Equal(t, 7, page.Count)
	off, lim, ok := page.NextOffset()
	require.True(t, ok)
	page, err = c.Tasks.List(ctx, &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: lim, Offset: off}})
	require.NoError(t, err)
	assert.Equal(t, ids[3], page.Results[0].TaskID)
	assert.NotEmpty(t, page.Previous)

	odd, err := tasking.Collect(c.Tasks.All(ctx, &satellogic.TaskListOptions{ProjectName: "Odd"}))
	require.NoError(t, err)
	assert.Len(t, odd, 3)
	named, err := tasking.Collect(c.Tasks.All(ctx, &satellogic.TaskListOptions{TaskName: "task 4"}))
	require.NoError(t, err)
	require.Len(t, named, 1)
	assert.Equal(t, ids[4], named[0].TaskID)

	srv.Advance()
	planning, err := tasking.Collect(c.Tasks.All(ctx, &satellogic.TaskListOptions{Status: satellogic.TaskPlanning}))
	require.NoError(t, err)
	assert.Len(t, planning, 7)
	received, err := tasking.Collect(c.Tasks.All(ctx, &satellogic.TaskListOptions{Status: satellogic.TaskReceived}))
	require.NoError(t, err)
	assert.Empty(t, received)
	_, err = c.Tasks.List(ctx, &satellogic.TaskListOptions{Status: "bogus"})
	require.ErrorIs(t, err, tasking.ErrInvalidRequest, "the server checks the status filter")
}

func TestSimContractsScopeTasks(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithContracts(
		satellogictest.Contract{ID: "cont.a", Name: "A"}, satellogictest.Contract{ID: "cont.b", Name: "B"}),
		satellogictest.WithContractsEnvelope())
	defer srv.Close()
	a := srv.Client()
	ctx := context.Background()
	contracts, err := a.Contracts.List(ctx)
	require.NoError(t, err)
	require.Len(t, contracts, 2)
	assert.Equal(t, "cont.b", contracts[1].ContractID)
	for _, r := range srv.Requests() {
		if r.Path == "/contracts" {
			assert.Empty(t, r.Header.Values("X-Satellogic-Contract-Id"), "no contract header on the listing")
		}
	}

	task := create(t, a, poi(srv, "under A", 3))
	b, err := a.WithContract(contracts[1].ContractID)
	require.NoError(t, err)
	_, err = b.Tasks.Get(ctx, task.TaskID)
	require.ErrorIs(t, err, tasking.ErrNotFound, "tasks are scoped to the contract")
	list, err := tasking.Collect(b.Tasks.All(ctx, nil))
	require.NoError(t, err)
	assert.Empty(t, list)

	wrong, err := a.WithContract("cont.unknown")
	require.NoError(t, err)
	_, err = wrong.Tasks.List(ctx, nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	// A and B shared one token; the refused contract cost exactly one refresh
	// and one replay (the API answers 401 for both causes).
	assert.Equal(t, 2, srv.TokenRequests())
}

// The simulator's client polls fast by default: a whole lifecycle, the
// adapter's estimate and WaitTask complete in milliseconds with nil
// WaitOptions.
func TestSimPollsFastWithNilWaitOptions(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	task := create(t, c, poi(srv, "fast", 5))
	final, err := c.Tasks.Wait(ctx, task.TaskID, nil)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)

	p := c.Provider(satellogic.ProviderDefaults{})
	lo, hi := p.PollDelays()
	assert.Equal(t, time.Millisecond, lo)
	assert.Equal(t, 10*time.Millisecond, hi)
	req := &tasking.Request{Name: "fast", Geometry: orb.Point{1, 2}, Start: srv.Now().Add(time.Hour),
		End: srv.Now().Add(48 * time.Hour)}
	est, err := p.Estimate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	nt, err := p.Submit(ctx, req)
	require.NoError(t, err)
	done, err := tasking.WaitTask(ctx, p, nt.ID, nil)
	require.NoError(t, err)
	assert.True(t, done.Status.IsTerminal())
	assert.Less(t, time.Since(start), 2*time.Second)
}
