package tasking_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckID(t *testing.T) {
	for _, ok := range []string{"42", "00000000-0000-4000-8000-000000000001", "a/b", "a?b", "...", ".a", "ü"} {
		assert.NoError(t, tasking.CheckID("id", ok), ok)
	}
	for id, want := range map[string]string{
		"":                       "an id is required",
		"  ":                     "an id is required",
		".":                      "would address the collection",
		"..":                     "would address the collection",
		"a\nb":                   "control character U+000A",
		"a\x00":                  "control character U+0000",
		"a\x7f":                  "control character U+007F",
		"\xff":                   "not valid UTF-8",
		strings.Repeat("x", 300): "at most 256 bytes",
	} {
		err := tasking.CheckID("order_id", id)
		var ve *tasking.ValidationError
		require.True(t, errors.As(err, &ve), "%q: %v", id, err)
		assert.Equal(t, "order_id", ve.Field)
		assert.Contains(t, ve.Reason, want, "%q", id)
		assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
	}
}
