package satellogic_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidationRulesSendNothing(t *testing.T) {
	square := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	bowtie := orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}
	for _, tc := range []struct {
		name    string
		mutate  func(r *satellogic.TaskCreateRequest)
		field   string
		reason  string
		geoRule geo.Rule
	}{
		{"task_name required", func(r *satellogic.TaskCreateRequest) { r.TaskName = " " }, "task_name", "required", ""},
		{"project_name required", func(r *satellogic.TaskCreateRequest) { r.ProjectName = "" }, "project_name", "required", ""},
		{"product required", func(r *satellogic.TaskCreateRequest) { r.Product = 0 }, "product", "required", ""},
		{"POI needs a Point", func(r *satellogic.TaskCreateRequest) { r.Target = square }, "target", "needs a Point target, got Polygon", geo.RuleUnsupported},
		{"AOI needs a Polygon", func(r *satellogic.TaskCreateRequest) { r.Product = satellogic.ProductAOI }, "target", "needs a Polygon target, got Point", geo.RuleUnsupported},
		{"POI target required", func(r *satellogic.TaskCreateRequest) { r.Target = nil }, "target", "required", geo.RuleEmpty},
		{"unknown product target required", func(r *satellogic.TaskCreateRequest) { r.Product, r.Target = 90, nil }, "target", "required", geo.RuleEmpty},
		{"latitude in range", func(r *satellogic.TaskCreateRequest) { r.Target = orb.Point{10, 95} }, "target.coordinates", "latitude", geo.RuleLatitudeRange},
		{"finite coordinates", func(r *satellogic.TaskCreateRequest) { r.Target = orb.Point{math.NaN(), 1} }, "target.coordinates", "", geo.RuleNotFinite},
		{"ring self-intersection", func(r *satellogic.TaskCreateRequest) { r.Product, r.Target = satellogic.ProductAOI, bowtie }, "target.coordinates[0]", "", geo.RuleSelfIntersection},
		{"start required", func(r *satellogic.TaskCreateRequest) { r.Start = time.Time{} }, "start", "required", ""},
		{"end required", func(r *satellogic.TaskCreateRequest) { r.End = time.Time{} }, "end", "required", ""},
		{"end after start", func(r *satellogic.TaskCreateRequest) { r.End = r.Start.Add(-time.Hour) }, "end", "after start", ""},
		{"end equal to start", func(r *satellogic.TaskCreateRequest) { r.End = r.Start }, "end", "after start", ""},
		{"max_captures positive", func(r *satellogic.TaskCreateRequest) { r.MaxCaptures = -1 }, "max_captures", "positive", ""},
		{"expected_age positive", func(r *satellogic.TaskCreateRequest) { r.ExpectedAge = -time.Hour }, "expected_age", "positive", ""},
		{"expected_age whole", func(r *satellogic.TaskCreateRequest) { r.ExpectedAge = time.Millisecond }, "expected_age", "second", ""},
		{"Extra may not repeat a field", func(r *satellogic.TaskCreateRequest) { r.Extra = map[string]any{"product": 1} }, "product", "Extra", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newMock(t)
			req := validRequest()
			tc.mutate(req)
			for _, call := range []func() error{
				func() error { _, err := env.c.Tasks.Create(context.Background(), req); return err },
				func() error {
					_, err := env.c.Analysis.Submit(context.Background(), satellogic.AnalysisCanAdd, req)
					return err
				},
				func() error {
					_, err := env.c.Analysis.Submit(context.Background(), satellogic.AnalysisOpportunities, req)
					return err
				},
			} {
				err := call()
				var ve *tasking.ValidationError
				require.ErrorAs(t, err, &ve)
				require.ErrorIs(t, err, tasking.ErrInvalidRequest)
				assert.Equal(t, tc.field, ve.Field)
				assert.Contains(t, ve.Reason, tc.reason)
				if tc.geoRule != "" {
					var ge *geo.Error
					require.True(t, errors.As(err, &ge), "the geo.Error is in Err")
					assert.Equal(t, tc.geoRule, ge.Rule)
				}
			}
			assert.Zero(t, env.mt.GetTotalCallCount(), "no request was sent, not even for a token")
		})
	}
}

func TestValidRequestsPass(t *testing.T) {
	require.NoError(t, validRequest().Validate())
	r := validRequest()
	r.Product = satellogic.ProductNEI
	r.Target = nil
	require.NoError(t, r.Validate(), "NEI takes no ground target")
	r = validRequest()
	r.Product, r.Target = satellogic.ProductAOI, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	r.MaxCaptures, r.ExpectedAge = 3, 7*24*time.Hour
	require.NoError(t, r.Validate())
	var nilReq *satellogic.TaskCreateRequest
	require.ErrorIs(t, nilReq.Validate(), tasking.ErrInvalidRequest)
}
