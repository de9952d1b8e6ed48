package adapter

import (
	"errors"
	"fmt"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldsRename(t *testing.T) {
	f := Fields{"geometry": "Geometry", "properties.windowClose": "End", "properties": "Props", "end": "End"}
	cause := errors.New("cause")
	for in, want := range map[string]string{
		"geometry":                   "Geometry",
		"geometry.coordinates[0][3]": "Geometry.coordinates[0][3]",
		"geometry[2]":                "Geometry[2]",
		"properties.windowClose":     "End", // the longest key wins
		"properties.other":           "Props.other",
		"geometryish":                "geometryish", // a longer name is not a member
		"ending":                     "ending",
		"pl_number":                  "pl_number", // a ProviderDefaults setting keeps its wire name
		"":                           "",
	} {
		got := f.Rename(&tasking.ValidationError{Field: in, Reason: "r", Err: cause})
		var ve *tasking.ValidationError
		require.ErrorAs(t, got, &ve)
		assert.Equal(t, want, ve.Field, in)
		assert.Equal(t, "r", ve.Reason)
		assert.ErrorIs(t, got, cause, "the cause is kept")
	}
	wrapped := fmt.Errorf("creating: %w", &tasking.ValidationError{Field: "end", Reason: "r"})
	var ve *tasking.ValidationError
	require.ErrorAs(t, f.Rename(wrapped), &ve)
	assert.Equal(t, "End", ve.Field)

	other := &tasking.APIError{StatusCode: 400}
	assert.Same(t, other, f.Rename(other), "other errors pass through")
	assert.NoError(t, f.Rename(nil))
}
