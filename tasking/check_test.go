package tasking_test

import (
	"errors"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckRequest(t *testing.T) {
	start := time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)
	ok := func() *tasking.Request {
		return &tasking.Request{Name: "n", Geometry: orb.Point{1, 2}, Start: start, End: start.Add(time.Hour)}
	}
	require.NoError(t, tasking.CheckRequest(ok()))
	open := ok()
	open.End = time.Time{}
	assert.NoError(t, tasking.CheckRequest(open), "an open end is the provider's to judge")
	past := ok()
	past.Start, past.End = start.AddDate(-10, 0, 0), start.AddDate(-10, 0, 1)
	assert.NoError(t, tasking.CheckRequest(past), "a past window is the provider's to judge")

	for name, tc := range map[string]struct {
		edit  func(*tasking.Request)
		field string
	}{
		"name not UTF-8": {func(r *tasking.Request) { r.Name = "caf\xe9" }, "Name"},
		"no geometry":    {func(r *tasking.Request) { r.Geometry = nil }, "Geometry"},
		"end at start":   {func(r *tasking.Request) { r.End = r.Start }, "End"},
		"end before":     {func(r *tasking.Request) { r.End = r.Start.Add(-time.Second) }, "End"},
	} {
		r := ok()
		tc.edit(r)
		err := tasking.CheckRequest(r)
		var ve *tasking.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, tc.field, ve.Field, name)
		assert.ErrorIs(t, err, tasking.ErrInvalidRequest, name)
	}
	var ve *tasking.ValidationError
	require.ErrorAs(t, tasking.CheckRequest(nil), &ve)
	assert.Empty(t, ve.Field)
}

func TestInvalidGeometry(t *testing.T) {
	err := geo.Validate(orb.Polygon{{{0, 0}, {1, 0}, {1, 100}, {0, 0}}})
	require.Error(t, err)
	ve := tasking.InvalidGeometry("geometry", err)
	assert.Equal(t, "geometry.coordinates[0][2]", ve.Field)
	assert.Contains(t, ve.Reason, "latitude 100")
	assert.NotContains(t, ve.Reason, "coordinates[0][2]", "the path is in Field, not repeated in Reason")
	var ge *geo.Error
	assert.ErrorAs(t, ve, &ge, "the *geo.Error stays reachable")
	assert.ErrorIs(t, ve, tasking.ErrInvalidRequest)

	other := errors.New("not a geometry error")
	ve = tasking.InvalidGeometry("aoi", other)
	assert.Equal(t, "aoi", ve.Field)
	assert.ErrorIs(t, ve, other)
}
