package tasking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr(f float64) *float64 { return &f }

func ids(ops []*tasking.Opportunity) []string {
	var out []string
	for _, o := range ops {
		out = append(out, o.Provider+"/"+o.ID)
	}
	return out
}

func TestRank(t *testing.T) {
	t0 := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	pass := func(p, id string, start time.Duration) *tasking.Opportunity {
		return &tasking.Opportunity{Provider: p, ID: id, Kind: tasking.OpportunityPass,
			Window: tasking.Window{Start: t0.Add(start), End: t0.Add(start + time.Minute)}}
	}
	a1 := pass("a", "1", 2*time.Hour)
	a1.OffNadir, a1.CloudCover, a1.Price = ptr(20), ptr(10), tasking.Money(500, "USD")
	a2 := pass("a", "2", time.Hour)
	a2.OffNadir, a2.Price = ptr(5), tasking.Money(900, "USD")
	b1 := pass("b", "1", time.Hour) // ties a2 on start
	b1.Incidence, b1.CloudCover, b1.Price = ptr(30), ptr(10), tasking.Money(100, "EUR")
	c1 := pass("c", "1", 0)
	c1.Price = tasking.Units(3, "quota units")
	quotes := []tasking.Quote{
		{Provider: "a", Estimate: &tasking.Estimate{Provider: "a", Feasibility: tasking.Feasible, Opportunities: []*tasking.Opportunity{a1, a2}}},
		{Provider: "b", Estimate: &tasking.Estimate{Provider: "b", Feasibility: tasking.FeasibilityConditional, Opportunities: []*tasking.Opportunity{b1}}},
		{Provider: "c", Estimate: &tasking.Estimate{Provider: "c", Feasibility: tasking.Feasible, Opportunities: []*tasking.Opportunity{c1}}},
		{Provider: "d", Err: errors.New("down")},
		{Provider: "e", Estimate: &tasking.Estimate{Provider: "e", Feasibility: tasking.Infeasible, Opportunities: []*tasking.Opportunity{pass("e", "1", 0)}}},
	}
	assert.Equal(t, []string{"c/1", "a/2", "b/1", "a/1"}, ids(tasking.Rank(quotes, tasking.Earliest)),
		"earliest first; a/2 and b/1 tie and are ordered by provider; the failed and infeasible providers are left out")
	assert.Equal(t, []string{"a/1", "a/2", "c/1", "b/1"}, ids(tasking.Rank(quotes, tasking.Cheapest("USD"))),
		"USD prices first, cheapest first; EUR and quota units are not converted and go last, by start")
	assert.Equal(t, []string{"c/1", "a/2", "b/1", "a/1"}, ids(tasking.Rank(quotes, tasking.Cheapest("quota units"))))
	assert.Equal(t, []string{"a/2", "a/1", "b/1", "c/1"}, ids(tasking.Rank(quotes, tasking.BestViewing)),
		"off-nadir or incidence, smallest first; no angle last")
	assert.Equal(t, []string{"b/1", "a/1", "c/1", "a/2"}, ids(tasking.Rank(quotes, tasking.LeastCloud)),
		"a/1 and b/1 tie on cloud and are ordered by start; no forecast last, by start")
	for range 20 {
		assert.Equal(t, []string{"b/1", "a/1", "c/1", "a/2"}, ids(tasking.Rank(quotes, tasking.LeastCloud)), "deterministic")
	}
	assert.Equal(t, quotes[3].Err.Error(), "down", "errors stay on their quotes")
	assert.Same(t, c1, tasking.Best(quotes, tasking.Earliest))
}

func TestBestSkipsWhatCannotBeBooked(t *testing.T) {
	now := time.Now()
	past := &tasking.Opportunity{Provider: "a", ID: "old", Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: now.Add(-time.Hour), End: now}}
	date := &tasking.Opportunity{Provider: "b", ID: "d", Kind: tasking.OpportunityProductionDate,
		Window: tasking.Window{Start: now.Add(time.Hour), End: now.Add(25 * time.Hour)}}
	lapsed := &tasking.Opportunity{Provider: "c", ID: "l", Kind: tasking.OpportunityPass, ExpiresAt: now.Add(-time.Second),
		Window: tasking.Window{Start: now.Add(2 * time.Hour), End: now.Add(3 * time.Hour)}}
	good := &tasking.Opportunity{Provider: "c", ID: "g", Kind: tasking.OpportunityPass, ExpiresAt: now.Add(time.Hour),
		Window: tasking.Window{Start: now.Add(4 * time.Hour), End: now.Add(5 * time.Hour)}}
	q := []tasking.Quote{{Provider: "x", Estimate: &tasking.Estimate{Feasibility: tasking.Feasible,
		Opportunities: []*tasking.Opportunity{good, lapsed, date, past}}}}
	assert.Same(t, good, tasking.Best(q, tasking.Earliest))
	assert.Nil(t, tasking.Best(nil, tasking.Earliest))
}

func TestBookingChecks(t *testing.T) {
	ctx := context.Background()
	f := &providertest.Fake{ProviderName: "alpha"}
	now := time.Now().Truncate(time.Second)
	req := &tasking.Request{Name: "n", Geometry: orb.Point{1, 2}, Start: now.Add(time.Hour), End: now.Add(72 * time.Hour)}
	e, err := f.Estimate(ctx, req)
	require.NoError(t, err)
	require.NotEmpty(t, e.Opportunities)
	o := e.Opportunities[1]

	other := *o
	other.Provider = "beta"
	_, err = f.Submit(ctx, &tasking.Request{Name: "n", Geometry: req.Geometry, Opportunity: &other})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve, "another provider's opportunity")
	assert.Equal(t, "Opportunity", ve.Field)
	assert.Contains(t, ve.Error(), `"beta"`)

	expired := *o
	expired.ExpiresAt = now.Add(-time.Minute)
	_, err = f.Submit(ctx, &tasking.Request{Name: "n", Geometry: req.Geometry, Opportunity: &expired})
	assert.ErrorIs(t, err, tasking.ErrOpportunityExpired)
	started := *o
	started.Start = now.Add(-time.Minute)
	assert.ErrorIs(t, tasking.CheckBooking(&tasking.Request{Opportunity: &started}, "alpha", now), tasking.ErrOpportunityExpired)
	date := *o
	date.Kind = tasking.OpportunityProductionDate
	assert.ErrorIs(t, tasking.CheckBooking(&tasking.Request{Opportunity: &date}, "alpha", now), tasking.ErrUnsupported)
	assert.NoError(t, tasking.CheckBooking(&tasking.Request{}, "alpha", now))

	task, err := f.Submit(ctx, &tasking.Request{Name: "n", Geometry: req.Geometry, Opportunity: o})
	require.NoError(t, err)
	assert.Equal(t, o.Start, task.Start, "the booked task takes the opportunity's window")
	assert.Equal(t, o.End, task.End)
}
