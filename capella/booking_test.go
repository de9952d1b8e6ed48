package capella_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bookingRequest(srv *capellatest.Server) *tasking.Request {
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	return &tasking.Request{Name: "book a pass", Geometry: orb.Point{12.49, 41.89}, Start: open, End: open.Add(8 * 24 * time.Hour)}
}

// estimate returns the opportunities of bookingRequest on srv.
func estimate(t *testing.T, srv *capellatest.Server, p *capella.Adapter) []*tasking.Opportunity {
	t.Helper()
	e, err := p.Estimate(ctx(t), bookingRequest(srv))
	require.NoError(t, err)
	require.NotEmpty(t, e.Opportunities)
	return e.Opportunities
}

func TestEstimateOpportunitiesFromAccesses(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{})
	assert.Same(t, c, p.Client(), "the adapter hands back its client")
	opps := estimate(t, srv, p)
	for i, o := range opps {
		acc, ok := o.Raw.(*capella.Access)
		require.True(t, ok, "Raw is the *capella.Access")
		assert.Equal(t, acc.AccessID, o.ID)
		assert.Equal(t, "capella", o.Provider)
		assert.Equal(t, tasking.OpportunityPass, o.Kind)
		assert.Equal(t, acc.WindowOpen, o.Start)
		assert.Equal(t, acc.WindowClose, o.End)
		assert.Equal(t, o.Start, o.ExpiresAt, "no documented expiry: the window's start")
		assert.Nil(t, o.Price, "an access carries no price")
		assert.Nil(t, o.CloudCover, "radar: no cloud forecast")
		assert.Equal(t, "capella-"+strconv.Itoa(acc.SpacecraftID), o.Satellite)
		require.NotNil(t, o.OffNadir)
		assert.Equal(t, *acc.AccessProperties.OffNadirMin, *o.OffNadir, "best case: the smallest off-nadir")
		require.NotNil(t, o.Incidence)
		assert.Equal(t, 90-*acc.AccessProperties.GrazingMax, *o.Incidence, "best case: 90° minus the largest grazing angle")
		assert.Equal(t, string(acc.AccessProperties.LookDirection), o.LookDirection)
		assert.True(t, o.Bookable(time.Now()))
		if i > 0 {
			assert.False(t, o.Start.Before(opps[i-1].Start), "earliest first")
		}
	}
	assert.Equal(t, "right", opps[0].LookDirection)
	assert.Equal(t, "left", opps[1].LookDirection)
}

func TestBookOpportunity(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{PreApproval: true,
		Constraints: &capella.CollectConstraints{Polarization: capella.PolarizationVV}})
	opps := estimate(t, srv, p)
	pass := opps[1]
	acc := pass.Raw.(*capella.Access)

	req := bookingRequest(srv)
	req.Opportunity = pass
	task, err := p.Submit(ctx(t), req)
	require.NoError(t, err)
	assert.Equal(t, pass.Start, task.Start, "the task's window is the access's")
	assert.Equal(t, pass.End, task.End)

	raw := task.Raw.(*capella.Task).Properties
	assert.Equal(t, capella.TierFlexible, raw.CollectionTier, "the only tier without a minimum window")
	cc := raw.Constraints
	require.NotNil(t, cc)
	assert.Equal(t, acc.AccessProperties.LookDirection, cc.LookDirection)
	assert.Equal(t, acc.AccessProperties.AscDsc, cc.AscDsc)
	assert.Equal(t, []capella.OrbitalPlane{acc.OrbitalPlane}, cc.OrbitalPlanes)
	assert.Equal(t, *acc.AccessProperties.OffNadirMin, *cc.OffNadirMin)
	assert.Equal(t, *acc.AccessProperties.OffNadirMax, *cc.OffNadirMax)
	assert.Equal(t, capella.PolarizationVV, cc.Polarization, "the defaults' constraints are kept")

	done, err := tasking.WaitTask(ctx(t), p, task.ID, fastWait)
	require.NoError(t, err)
	assert.Equal(t, tasking.StatusCompleted, done.Status, "the simulator runs a booking like any other task")
}

func TestBookRefusedBeforeSending(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{})
	pass := estimate(t, srv, p)[0]
	srv.ResetRequests()

	expired := *pass
	expired.ExpiresAt = time.Now().Add(-time.Minute)
	req := bookingRequest(srv)
	req.Opportunity = &expired
	_, err := p.Submit(ctx(t), req)
	require.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	started := *pass
	started.Start, started.ExpiresAt = time.Now().Add(-time.Second), time.Time{}
	req.Opportunity = &started
	_, err = p.Submit(ctx(t), req)
	require.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	other := *pass
	other.Provider = "planet"
	req.Opportunity = &other
	_, err = p.Submit(ctx(t), req)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)

	date := *pass
	date.Kind = tasking.OpportunityProductionDate
	req.Opportunity = &date
	_, err = p.Submit(ctx(t), req)
	require.ErrorIs(t, err, tasking.ErrUnsupported)

	// A tier whose minimum window is longer than the pass.
	std := c.Provider(capella.ProviderDefaults{CollectionTier: capella.TierStandard})
	req.Opportunity = pass
	_, err = std.Submit(ctx(t), req)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)
	assert.Contains(t, ve.Reason, "flexible")

	assert.Empty(t, srv.Requests(), "nothing was sent")
}

func TestBookPassedOnTheSimulatorClock(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{})
	pass := estimate(t, srv, p)[0]
	// The simulator's clock runs ahead of the caller's: the pass is still
	// bookable here, but Capella (the simulator) has seen its window open.
	srv.SetNow(pass.Start.Add(time.Second))
	req := bookingRequest(srv)
	req.Opportunity = pass
	srv.ResetRequests()
	_, err := p.Submit(ctx(t), req)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 422, ae.StatusCode)
	assert.Contains(t, ae.Error(), "can no longer be booked")
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/task", reqs[0].Path)
}
