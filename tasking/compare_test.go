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

// noEstimate is a Provider without an Estimator.
type noEstimate struct{ tasking.Provider }

func TestCompareKeepsEveryAnswer(t *testing.T) {
	start := time.Now().Add(24 * time.Hour)
	req := &tasking.Request{Name: "aoi", Geometry: orb.Point{1, 2}, Start: start, End: start.Add(72 * time.Hour)}
	boom := errors.New("quota exhausted")
	ok := &providertest.Fake{ProviderName: "good", EstimateFunc: func(ctx context.Context, r *tasking.Request) (*tasking.Estimate, error) {
		return &tasking.Estimate{Feasibility: tasking.Feasible, Price: &tasking.Price{Amount: 1200, Currency: "USD"}, Earliest: r.Start}, nil
	}}
	failing := &providertest.Fake{ProviderName: "failing", EstimateFunc: func(context.Context, *tasking.Request) (*tasking.Estimate, error) {
		return nil, boom
	}}
	slow := &providertest.Fake{ProviderName: "slow", EstimateFunc: func(ctx context.Context, r *tasking.Request) (*tasking.Estimate, error) {
		select {
		case <-time.After(10 * time.Second):
			return &tasking.Estimate{}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
	panicky := &providertest.Fake{ProviderName: "panicky", EstimateFunc: func(context.Context, *tasking.Request) (*tasking.Estimate, error) {
		panic("bad provider")
	}}
	plain := noEstimate{&providertest.Fake{ProviderName: "plain"}}

	began := time.Now()
	quotes := tasking.Comparer{Timeout: 100 * time.Millisecond}.Compare(context.Background(), req, ok, failing, slow, plain, panicky)
	assert.Less(t, time.Since(began), 5*time.Second, "the slow provider is cut off by its timeout")
	require.Len(t, quotes, 5)
	names := []string{}
	for _, q := range quotes {
		names = append(names, q.Provider)
	}
	assert.Equal(t, []string{"good", "failing", "slow", "plain", "panicky"}, names, "answers in the order asked")

	require.NoError(t, quotes[0].Err)
	assert.Equal(t, "good", quotes[0].Estimate.Provider)
	assert.Equal(t, 1200.0, quotes[0].Estimate.Price.Amount)
	assert.Equal(t, start, quotes[0].Estimate.Earliest)
	assert.ErrorIs(t, quotes[1].Err, boom)
	assert.Nil(t, quotes[1].Estimate)
	assert.ErrorIs(t, quotes[2].Err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, quotes[2].Took, 100*time.Millisecond)
	assert.ErrorIs(t, quotes[3].Err, tasking.ErrUnsupported)
	assert.ErrorContains(t, quotes[4].Err, "panicked")
}
