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

func TestEstimateOpportunitiesAreTypedAndExpire(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 200, fixture(t, "analysis_opportunities_ids.json"))
	p := env.c.Provider(satellogic.ProviderDefaults{})
	assert.Same(t, env.c, p.Client(), "the adapter hands back its client")
	e, err := p.Estimate(context.Background(), &tasking.Request{Name: "x",
		Geometry: orb.Point{1, 1}, Start: mustTime("2025-05-22T00:00:00Z"), End: mustTime("2025-05-23T00:00:00Z")})
	require.NoError(t, err)
	require.Len(t, e.Opportunities, 2)
	first, second := e.Opportunities[0], e.Opportunities[1]
	// Sorted earliest first, whatever the server's order.
	assert.Equal(t, "901", first.ID, "a numeric id is kept as its digits")
	assert.Equal(t, mustTime("2025-05-22T05:00:00Z"), first.Start)
	assert.Equal(t, mustTime("2025-05-22T05:00:08Z"), first.End)
	assert.Equal(t, first.Start, e.Earliest)
	assert.Equal(t, "newsat44", first.Satellite)
	require.NotNil(t, first.OffNadir)
	assert.InDelta(t, 3.0, *first.OffNadir, 1e-9)
	assert.Nil(t, first.CloudCover, "a cloud value outside 0–100 is passed over")
	assert.JSONEq(t, `{"cloud_cover": 150}`, string(first.Raw.(*satellogic.Opportunity).Unknown), "and kept in Unknown")
	assert.Equal(t, "op-2", second.ID)
	require.NotNil(t, second.CloudCover)
	assert.InDelta(t, 35.0, *second.CloudCover, 1e-9)
	for _, o := range e.Opportunities {
		assert.Equal(t, satellogic.Name, o.Provider)
		assert.Equal(t, tasking.OpportunityPass, o.Kind)
		assert.Nil(t, o.Price, "Satellogic quotes no price")
		assert.Equal(t, mustTime("2025-05-22T22:00:00.123456Z"), o.ExpiresAt, "the analysis's created_time + 24 h")
		require.IsType(t, &satellogic.Opportunity{}, o.Raw)
	}
	assert.Same(t, &e.Raw.(*satellogic.Analysis).Opportunities[1], first.Raw, "Raw is the analysis's own opportunity")
}

func TestEstimateWithoutCreationTimeExpiresFromTheLocalClock(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/analysis/can-add-order/", 200,
		[]byte(`{"id": "1", "status": "completed", "result": {"opportunities": [{"start": "2030-01-01T10:00:00Z"}]}}`))
	before := time.Now()
	e, err := env.c.Provider(satellogic.ProviderDefaults{}).Estimate(context.Background(), &tasking.Request{Name: "x",
		Geometry: orb.Point{1, 1}, Start: mustTime("2029-12-31T00:00:00Z"), End: mustTime("2030-01-02T00:00:00Z")})
	require.NoError(t, err)
	require.Len(t, e.Opportunities, 1)
	exp := e.Opportunities[0].ExpiresAt
	assert.False(t, exp.Before(before.Add(satellogic.AnalysisRetention).Add(-time.Second)), "expires %v", exp)
	assert.False(t, exp.After(time.Now().Add(satellogic.AnalysisRetention)), "expires %v", exp)
}

func TestBookAnOpportunityOnTheSimulator(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{ProjectName: "booked", EstimateWait: fastWait})
	ctx := context.Background()
	now := srv.Now()
	req := &tasking.Request{Name: "book me", Geometry: orb.Point{-46.3047, -23.9608}, Start: now.Add(time.Hour),
		End: now.Add(5 * 24 * time.Hour)}
	e, err := p.Estimate(ctx, req)
	require.NoError(t, err)
	require.NotEmpty(t, e.Opportunities)
	opp := e.Opportunities[0]
	assert.Equal(t, now.Add(satellogic.AnalysisRetention), opp.ExpiresAt, "24 h after the analysis, on the simulator's clock")
	require.True(t, opp.Bookable(time.Now()))

	srv.ResetRequests()
	book := *req
	book.Opportunity = opp
	task, err := p.Submit(ctx, &book)
	require.NoError(t, err)
	assert.Equal(t, opp.Start.Add(-satellogic.MinOpportunityBuffer), task.Start, "a 10-minute buffer before")
	assert.Equal(t, opp.End.Add(satellogic.MinOpportunityBuffer), task.End, "a 10-minute buffer after")
	assert.Equal(t, "book me", task.Name)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	body := jsonBody(t, reqs[0].Body)
	assert.Equal(t, "booked", body["project_name"])
	assert.Equal(t, opp.Start.Add(-10*time.Minute).Format(time.RFC3339), body["start"])
	assert.Equal(t, opp.End.Add(10*time.Minute).Format(time.RFC3339), body["end"])

	final, err := tasking.WaitTask(ctx, p, task.ID, fastWait)
	require.NoError(t, err)
	assert.Equal(t, tasking.StatusCompleted, final.Status)

	// A wider buffer from the defaults.
	wide := srv.Client().Provider(satellogic.ProviderDefaults{BookingBuffer: time.Hour})
	task, err = wide.Submit(ctx, &book)
	require.NoError(t, err)
	assert.Equal(t, opp.Start.Add(-time.Hour), task.Start)
	assert.Equal(t, opp.End.Add(time.Hour), task.End)
}

func TestBookingRefusalsSendNothing(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{EstimateWait: fastWait})
	ctx := context.Background()
	now := srv.Now()
	req := &tasking.Request{Name: "refused", Geometry: orb.Point{1, 2}, Start: now.Add(time.Hour), End: now.Add(3 * 24 * time.Hour)}
	e, err := p.Estimate(ctx, req)
	require.NoError(t, err)
	require.NotEmpty(t, e.Opportunities)
	srv.ResetRequests()

	expired := *e.Opportunities[0]
	expired.ExpiresAt = time.Now().Add(-time.Minute)
	r := *req
	r.Opportunity = &expired
	_, err = p.Submit(ctx, &r)
	require.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	started := *e.Opportunities[0]
	started.Start = time.Now().Add(-time.Minute)
	r.Opportunity = &started
	_, err = p.Submit(ctx, &r)
	require.ErrorIs(t, err, tasking.ErrOpportunityExpired, "an opportunity that has started")

	other := *e.Opportunities[0]
	other.Provider = "planet"
	r.Opportunity = &other
	_, err = p.Submit(ctx, &r)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)

	date := *e.Opportunities[0]
	date.Kind = tasking.OpportunityProductionDate
	r.Opportunity = &date
	_, err = p.Submit(ctx, &r)
	require.ErrorIs(t, err, tasking.ErrUnsupported)

	assert.Empty(t, srv.Requests(), "no request for a refused booking")
	assert.Zero(t, srv.TaskCount(), "no task placed")
}

func TestBookingANeutralOnlyOpportunityUsesItsWindow(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{BookingBuffer: time.Minute})
	start := srv.Now().Add(6 * time.Hour).Truncate(time.Second)
	o := &tasking.Opportunity{Provider: satellogic.Name, Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: start, End: start.Add(10 * time.Second)}}
	task, err := p.Submit(context.Background(), &tasking.Request{Name: "by window", Geometry: orb.Point{1, 2}, Opportunity: o})
	require.NoError(t, err)
	assert.Equal(t, start.Add(-satellogic.MinOpportunityBuffer), task.Start, "a buffer under 10 minutes is raised to it")
	assert.Equal(t, start.Add(10*time.Second+satellogic.MinOpportunityBuffer), task.End)
}
