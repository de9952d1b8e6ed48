package satellogic_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fastWait = &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}

func TestAnalysisCanAddSubmitsTheTaskPayload(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 202, fixture(t, "analysis_pending.json"))
	req := &satellogic.TaskCreateRequest{
		TaskName: "Delhi next-day check", ProjectName: "Rush checks", Product: satellogic.ProductPOI,
		Target: orb.Point{77.1796, 28.5941}, Start: mustTime("2025-05-22T00:00:00Z"), End: mustTime("2025-05-23T00:00:00Z"),
		MaxCaptures: 10,
	}
	a, err := env.c.Analysis.Submit(context.Background(), satellogic.AnalysisCanAdd, req)
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, apiBase+"tasking/analysis/can-add-order/", s.URL)
	checkAPIHeaders(t, s, true)
	assert.JSONEq(t, `{"task_name": "Delhi next-day check", "project_name": "Rush checks", "product": 169,
		"target": {"type": "Point", "coordinates": [77.1796, 28.5941]},
		"start": "2025-05-22T00:00:00Z", "end": "2025-05-23T00:00:00Z", "max_captures": 10}`, string(s.Body))
	assert.Equal(t, "0b6f3f4e-1f8e-4c3a-9d55-7a1e2b3c4d5e", a.ID)
	assert.Equal(t, satellogic.AnalysisPending, a.Status)
	assert.Equal(t, satellogic.AnalysisCanAdd, a.Kind)
	assert.True(t, a.Status.Pending())
	assert.Nil(t, a.CanAdd)
	assert.Empty(t, a.Opportunities)
}

func TestAnalysisOpportunitiesAndGetPaths(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/opportunities/", 202, fixture(t, "analysis_numeric_id.json"))
	env.on(http.MethodGet, apiBase+"tasking/analysis/98765/", 200, fixture(t, "analysis_ready.json"))
	a, err := env.c.Analysis.Submit(context.Background(), satellogic.AnalysisOpportunities, validRequest())
	require.NoError(t, err)
	assert.Equal(t, "98765", a.ID, "a numeric id is kept as its digits")
	assert.Equal(t, satellogic.AnalysisStatus("running"), a.Status)
	assert.Equal(t, apiBase+"tasking/analysis/opportunities/", env.api.last().URL)

	got, err := env.c.Analysis.Get(context.Background(), satellogic.AnalysisOpportunities, a.ID)
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, apiBase+"tasking/analysis/98765/", s.URL)
	checkAPIHeaders(t, s, true)
	assert.Equal(t, satellogic.AnalysisOpportunities, got.Kind)
	assert.True(t, got.Status.Ready())
}

func TestAnalysisPathsAreOverridable(t *testing.T) {
	env := newMock(t, satellogic.WithPaths(satellogic.Paths{
		Opportunities:  "tasking/analysis/opportunities-order/",
		AnalysisResult: "{collection}{id}/",
	}))
	env.on(http.MethodPost, apiBase+"tasking/analysis/opportunities-order/", 201, fixture(t, "analysis_pending.json"))
	env.on(http.MethodGet, apiBase+"tasking/analysis/opportunities-order/0b6f3f4e-1f8e-4c3a-9d55-7a1e2b3c4d5e/", 200, fixture(t, "analysis_ready.json"))
	env.on(http.MethodGet, apiBase+"tasking/analysis/can-add-order/x%2Fy/", 200, fixture(t, "analysis_ready.json"))
	a, err := env.c.Analysis.Run(context.Background(), satellogic.AnalysisOpportunities, validRequest(), fastWait)
	require.NoError(t, err)
	assert.Len(t, a.Opportunities, 3)
	_, err = env.c.Analysis.Get(context.Background(), satellogic.AnalysisCanAdd, "x/y")
	require.NoError(t, err, "the id is escaped into one path segment")
	assert.Equal(t, apiBase+"tasking/analysis/can-add-order/x%2Fy/", env.api.last().URL)

	_, err = env.c.Analysis.Get(context.Background(), "bogus", "1")
	require.Error(t, err)
	_, err = env.c.Analysis.Get(context.Background(), satellogic.AnalysisCanAdd, " ")
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestAnalysisDecodingShapes(t *testing.T) {
	var a satellogic.Analysis
	require.NoError(t, satellogic.Decode(fixture(t, "analysis_ready.json"), &a))
	assert.Equal(t, satellogic.AnalysisCompleted, a.Status)
	require.NotNil(t, a.CanAdd)
	assert.True(t, *a.CanAdd)
	require.Len(t, a.Opportunities, 3)
	o := a.Opportunities[0]
	assert.Equal(t, mustTime("2025-05-22T05:12:30Z"), o.Start)
	assert.Equal(t, mustTime("2025-05-22T05:12:40Z"), o.End)
	assert.Equal(t, "newsat40", o.Satellite)
	require.NotNil(t, o.OffNadir)
	assert.InDelta(t, 12.5, *o.OffNadir, 1e-9)
	o = a.Opportunities[1]
	assert.Equal(t, mustTime("2025-05-22T04:01:10.5Z"), o.Start)
	assert.Equal(t, o.Start, o.End, "one time: End is Start")
	assert.Equal(t, "newsat33", o.Satellite)
	assert.InDelta(t, 3, *o.OffNadir, 1e-9)
	o = a.Opportunities[2]
	assert.Equal(t, mustTime("2025-05-22T09:00:06Z"), o.End)
	assert.Equal(t, "41", o.Satellite)
	assert.Nil(t, o.OffNadir)
	earliest, ok := a.Earliest()
	require.True(t, ok)
	assert.Equal(t, mustTime("2025-05-22T04:01:10.5Z"), earliest.Start)
	assert.NotEmpty(t, a.Result)

	require.NoError(t, satellogic.Decode(fixture(t, "analysis_ready_array.json"), &a))
	assert.Equal(t, satellogic.AnalysisCompleted, a.Status)
	require.Len(t, a.Opportunities, 2)
	assert.Equal(t, mustTime("2025-05-23T05:10:00Z"), a.Opportunities[1].Start)

	require.NoError(t, satellogic.Decode(fixture(t, "analysis_cannot_add.json"), &a))
	require.NotNil(t, a.CanAdd)
	assert.False(t, *a.CanAdd)
	assert.NotNil(t, a.Opportunities)
	assert.Empty(t, a.Opportunities)

	require.NoError(t, satellogic.Decode(fixture(t, "analysis_failed.json"), &a))
	assert.True(t, a.Status.Failed())
	assert.JSONEq(t, `{"error": "The analysis could not be computed."}`, string(a.Unknown), "members no field reads are kept")

	require.NoError(t, satellogic.Decode(fixture(t, "analysis_unknown_shape.json"), &a))
	assert.Equal(t, "u-42", a.ID)
	assert.True(t, a.Status.Ready())
	require.Len(t, a.Opportunities, 1)
	assert.Equal(t, "newsat44", a.Opportunities[0].Satellite)
	assert.Equal(t, mustTime("2025-05-22T05:00:08Z"), a.Opportunities[0].End)
	assert.JSONEq(t, `{"summary": {"windows_found": 2}, "windows": [{"begin": "2025-05-22T05:00:00Z", "stop": "2025-05-22T05:00:08Z", "platform": "newsat44"}]}`, string(a.Result))

	require.NoError(t, satellogic.Decode([]byte(`{"result": {"feasible": true}}`), &a))
	assert.Equal(t, satellogic.AnalysisCompleted, a.Status, "a result without a status is complete")
	assert.True(t, *a.CanAdd)

	require.Error(t, satellogic.Decode([]byte(`null`), &a))
	require.Error(t, satellogic.Decode([]byte(`"text"`), &a))
}

func TestAnalysisRunPollsUntilReady(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 202, fixture(t, "analysis_pending.json"))
	polls := 0
	env.mt.RegisterResponder(http.MethodGet, apiBase+"tasking/analysis/0b6f3f4e-1f8e-4c3a-9d55-7a1e2b3c4d5e/", func(req *http.Request) (*http.Response, error) {
		env.api.add(req)
		polls++
		if polls < 3 {
			return httpResponse(200, `{"id": "0b6f3f4e-1f8e-4c3a-9d55-7a1e2b3c4d5e", "status": "running", "result": null}`)
		}
		return httpResponse(200, string(fixture(t, "analysis_ready.json")))
	})
	a, err := env.c.Analysis.Run(context.Background(), satellogic.AnalysisCanAdd, validRequest(), fastWait)
	require.NoError(t, err)
	assert.Equal(t, 3, polls)
	assert.Equal(t, satellogic.AnalysisCompleted, a.Status)
	assert.Len(t, a.Opportunities, 3)
}

func TestAnalysisRunFailedAndNoID(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 202, fixture(t, "analysis_failed.json"))
	a, err := env.c.Analysis.Run(context.Background(), satellogic.AnalysisCanAdd, validRequest(), fastWait)
	require.ErrorIs(t, err, satellogic.ErrAnalysisFailed)
	require.NotNil(t, a)

	env2 := newMock(t)
	env2.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 202, []byte(`{"status": "queued"}`))
	_, err = env2.c.Analysis.Run(context.Background(), satellogic.AnalysisCanAdd, validRequest(), fastWait)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no id")
}

func TestOpportunityTaskRequestAddsBuffers(t *testing.T) {
	base := validRequest()
	base.Extra = map[string]any{"k": "v"}
	o := satellogic.Opportunity{Start: mustTime("2025-05-22T05:12:30Z"), End: mustTime("2025-05-22T05:12:40Z")}

	req, err := o.TaskRequest(base, 0)
	require.NoError(t, err)
	assert.Equal(t, mustTime("2025-05-22T05:02:30Z"), req.Start, "10 minutes before at least")
	assert.Equal(t, mustTime("2025-05-22T05:22:40Z"), req.End, "10 minutes after at least")
	assert.Equal(t, base.TaskName, req.TaskName)
	req.Extra["k"] = "changed"
	assert.Equal(t, "v", base.Extra["k"], "the base request is not modified")
	assert.Equal(t, mustTime("2025-07-01T00:00:00Z"), base.Start)

	req, err = o.TaskRequest(base, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, mustTime("2025-05-22T04:12:30Z"), req.Start)
	assert.Equal(t, mustTime("2025-05-22T06:12:40Z"), req.End)
	require.NoError(t, req.Validate())

	req, err = satellogic.Opportunity{Start: o.Start}.TaskRequest(nil, 5*time.Minute)
	require.NoError(t, err)
	assert.Equal(t, 20*time.Minute, req.End.Sub(req.Start))

	_, err = satellogic.Opportunity{}.TaskRequest(base, 0)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

// analysisSim starts a simulator whose analyses take three polls, with a
// client and a POI task request over the simulator's next ten days.
func analysisSim(t *testing.T, name string, captures int) (*satellogictest.Server, *satellogic.Client, *satellogic.TaskCreateRequest) {
	t.Helper()
	srv := satellogictest.NewServer(satellogictest.WithAnalysisPolls(3))
	t.Cleanup(srv.Close)
	now := srv.Now()
	return srv, srv.Client(), &satellogic.TaskCreateRequest{TaskName: name, ProjectName: "p", Product: satellogic.ProductPOI,
		Target: orb.Point{-58.4, -34.6}, Start: now, End: now.Add(10 * 24 * time.Hour), MaxCaptures: captures}
}

func TestAnalysisAgainstSimulator(t *testing.T) {
	srv, c, req := analysisSim(t, "check", 10)
	ctx := context.Background()
	now := req.Start

	a, err := c.Analysis.Submit(ctx, satellogic.AnalysisCanAdd, req)
	require.NoError(t, err)
	assert.True(t, a.Status.Pending())
	var seenStatuses []string
	opts := *fastWait
	opts.OnChange = func(_, next tasking.StatusEvent) { seenStatuses = append(seenStatuses, next.Raw) }
	done, err := c.Analysis.Wait(ctx, satellogic.AnalysisCanAdd, a.ID, &opts)
	require.NoError(t, err)
	assert.Equal(t, []string{"running", "completed"}, seenStatuses)
	require.NotNil(t, done.CanAdd)
	assert.True(t, *done.CanAdd)
	assert.NotEmpty(t, done.Opportunities)
	for _, o := range done.Opportunities {
		assert.False(t, o.Start.Before(req.Start))
		assert.False(t, o.End.After(req.End))
		assert.NotEmpty(t, o.Satellite)
	}

	all, err := c.Analysis.Run(ctx, satellogic.AnalysisOpportunities, req, fastWait)
	require.NoError(t, err)
	assert.Greater(t, len(all.Opportunities), len(done.Opportunities), "can-add leaves out opportunities taken by demand")
	assert.Nil(t, all.CanAdd)

	// The earliest can-add opportunity becomes a task the simulator accepts.
	o, ok := done.Earliest()
	require.True(t, ok)
	treq, err := o.TaskRequest(req, satellogic.MinOpportunityBuffer)
	require.NoError(t, err)
	treq.MaxCaptures = 1
	task, err := c.Tasks.Create(ctx, treq)
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskReceived, task.Status)

	// A failed analysis.
	srv.FailAnalyses(1)
	_, err = c.Analysis.Run(ctx, satellogic.AnalysisCanAdd, req, fastWait)
	require.ErrorIs(t, err, satellogic.ErrAnalysisFailed)

	// Results are kept 24 hours.
	srv.SetNow(now.Add(25 * time.Hour))
	_, err = c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, a.ID)
	require.ErrorIs(t, err, tasking.ErrNotFound)
}

func TestAnalysisCompletesOnTheClock(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithAnalysisPolls(1000))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	a, err := c.Analysis.Submit(ctx, satellogic.AnalysisCanAdd, validSimRequest(srv))
	require.NoError(t, err)
	got, err := c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, a.ID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.AnalysisRunning, got.Status)
	srv.SetNow(srv.Now().Add(31 * time.Second))
	got, err = c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, a.ID)
	require.NoError(t, err)
	assert.Equal(t, satellogic.AnalysisCompleted, got.Status)
}

func validSimRequest(srv *satellogictest.Server) *satellogic.TaskCreateRequest {
	now := srv.Now()
	return &satellogic.TaskCreateRequest{TaskName: "sim", ProjectName: "sim", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3, -23.9}, Start: now.Add(time.Hour), End: now.Add(3 * 24 * time.Hour)}
}
