package satellogic_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProviderContract(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	n := 0
	providertest.Run(t, providertest.Config{
		Provider: p,
		Request: func() *tasking.Request {
			n++
			now := srv.Now()
			return &tasking.Request{Name: "contract " + strconv.Itoa(n), Geometry: orb.Point{-46.3047, -23.9608},
				Start: now.Add(time.Hour), End: now.Add(3 * 24 * time.Hour)}
		},
		Success: func(s tasking.Status) bool { return s == tasking.StatusCompleted },
	})
	assert.Empty(t, srv.Unexpected())
}

func TestProviderContractAOI(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{ProjectName: "aoi"})
	providertest.Run(t, providertest.Config{
		Provider: p,
		Request: func() *tasking.Request {
			now := srv.Now()
			return &tasking.Request{Name: "aoi", Geometry: orb.Polygon{{{10, 0}, {10.05, 0}, {10.05, 0.05}, {10, 0.05}, {10, 0}}},
				Start: now, End: now.Add(5 * 24 * time.Hour)}
		},
		Success: func(s tasking.Status) bool { return s == tasking.StatusCompleted },
	})
}

func TestProviderNeutralTaskIsComplete(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{MaxCaptures: 2, ExpectedAge: 24 * time.Hour})
	now := srv.Now()
	req := &tasking.Request{Name: "neutral", Geometry: orb.Point{1, 2}, Start: now.Add(time.Hour), End: now.Add(4 * 24 * time.Hour)}
	task, err := p.Submit(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, satellogic.Name, task.Provider)
	assert.Equal(t, "satellogic", p.Name())
	assert.NotEmpty(t, task.ID)
	assert.Equal(t, "neutral", task.Name)
	assert.Equal(t, tasking.StatusReceived, task.Status)
	assert.Equal(t, "received", task.RawStatus)
	assert.False(t, task.Revisable)
	assert.Equal(t, orb.Point{1, 2}, task.Geometry)
	assert.Equal(t, req.Start.UTC().Truncate(time.Second), task.Start)
	assert.Equal(t, req.End.UTC().Truncate(time.Second), task.End)
	assert.Equal(t, now, task.CreatedAt)
	require.IsType(t, &satellogic.Task{}, task.Raw, "Raw is the provider's task")
	assert.Equal(t, task.ID, strconv.FormatInt(task.Raw.(*satellogic.Task).TaskID, 10))

	var body map[string]any
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && r.Path == "/tasking/tasks/" {
			body = jsonBody(t, r.Body)
		}
	}
	assert.Equal(t, "eotask", body["project_name"], "the default project")
	assert.EqualValues(t, 169, body["product"], "a Point picks POI")
	assert.EqualValues(t, 2, body["max_captures"])
	assert.Equal(t, "1 days, 00:00:00", body["expected_age"])

	final, err := tasking.WaitTask(context.Background(), p, task.ID, fastWait)
	require.NoError(t, err)
	assert.Equal(t, tasking.StatusCompleted, final.Status)
}

func TestProviderTasksFilters(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	ctx := context.Background()
	now := srv.Now()
	for _, name := range []string{"Alpha port", "beta port", "Gamma field"} {
		_, err := p.Submit(ctx, &tasking.Request{Name: name, Geometry: orb.Point{1, 2}, Start: now, End: now.Add(48 * time.Hour)})
		require.NoError(t, err)
	}
	srv.ResetRequests()
	got, err := tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusReceived}, NameContains: "PORT"}))
	require.NoError(t, err)
	require.Len(t, got, 2)
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, "received", reqs[0].Query.Get("status"), "a single status is filtered on the server")

	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusExpired}}))
	require.NoError(t, err)
	assert.Empty(t, got, "no Satellogic status means expired")

	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusReceived, tasking.StatusPlanning},
		CreatedAfter: now.Add(-time.Minute)}))
	require.NoError(t, err)
	assert.Len(t, got, 3)
	got, err = tasking.Collect(p.Tasks(ctx, &tasking.Filter{CreatedAfter: now.Add(time.Minute)}))
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestProviderIDsThatCannotBeTasks(t *testing.T) {
	env := newMock(t)
	p := env.c.Provider(satellogic.ProviderDefaults{})
	for _, id := range []string{"abc", "00000000-0000-4000-8000-000000000000", "-4", "0"} {
		_, err := p.Task(context.Background(), id)
		require.ErrorIs(t, err, tasking.ErrNotFound, id)
		require.ErrorIs(t, p.Cancel(context.Background(), id), tasking.ErrNotFound, id)
	}
	// An id that cannot name one resource at all is invalid, not unknown
	// (see TestIDsThatCannotNameAResourceSendNothing).
	_, err := p.Task(context.Background(), "")
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Zero(t, env.mt.GetTotalCallCount())
	_, err = p.Submit(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	_, err = p.Estimate(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestProviderEstimateThroughCanAdd(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{EstimateWait: fastWait, MaxCaptures: 5})
	var est tasking.Estimator = p
	now := srv.Now()
	e, err := est.Estimate(context.Background(), &tasking.Request{Name: "feasible?", Geometry: orb.Point{-46.3, -23.9},
		Start: now, End: now.Add(7 * 24 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, satellogic.Name, e.Provider)
	assert.Equal(t, tasking.Feasible, e.Feasibility)
	assert.Nil(t, e.Price, "the API quotes no price")
	require.NotEmpty(t, e.Opportunities)
	assert.LessOrEqual(t, len(e.Opportunities), 5, "can-add lists up to max_captures opportunities")
	assert.Equal(t, e.Opportunities[0].Start, e.Earliest)
	for _, w := range e.Opportunities {
		assert.True(t, w.End.After(w.Start))
	}
	require.IsType(t, &satellogic.Analysis{}, e.Raw, "Raw is the analysis")

	// A window too short for any opportunity.
	e, err = p.Estimate(context.Background(), &tasking.Request{Name: "too short", Geometry: orb.Point{-46.3, -23.9},
		Start: now.Add(time.Minute), End: now.Add(2 * time.Minute)})
	require.NoError(t, err)
	assert.Equal(t, tasking.Infeasible, e.Feasibility)
	assert.NotEmpty(t, e.Needs)
	assert.True(t, e.Earliest.IsZero())

	srv.FailAnalyses(1)
	_, err = p.Estimate(context.Background(), &tasking.Request{Name: "x", Geometry: orb.Point{1, 1}, Start: now, End: now.Add(48 * time.Hour)})
	require.ErrorIs(t, err, satellogic.ErrAnalysisFailed)

	_, err = p.Estimate(context.Background(), &tasking.Request{Name: "x", Geometry: orb.Point{1, 1}, Start: now, End: now})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "End", ve.Field, "the neutral field, not end")
}

func TestProviderEstimateUnknownVerdict(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 200, []byte(`{"id": "1", "status": "completed", "result": {"note": "?"}}`))
	e, err := env.c.Provider(satellogic.ProviderDefaults{}).Estimate(context.Background(), &tasking.Request{Name: "x",
		Geometry: orb.Point{1, 1}, Start: mustTime("2025-01-01T00:00:00Z"), End: mustTime("2025-01-02T00:00:00Z")})
	require.NoError(t, err)
	assert.Equal(t, tasking.FeasibilityUnknown, e.Feasibility, "no verdict and no opportunity list says nothing")
	require.IsType(t, &satellogic.Analysis{}, e.Raw, "Raw is the analysis")
	assert.Contains(t, string(e.Raw.(*satellogic.Analysis).Result), "note")
}
