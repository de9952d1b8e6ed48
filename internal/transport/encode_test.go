package transport

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A body that cannot be written as JSON is the caller's input: a
// *tasking.ValidationError naming the member by its path, and nothing sent.
func TestBodyThatCannotBeEncodedIsAValidationError(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	type point struct {
		Coordinates []float64 `json:"coordinates"`
	}
	type body struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
		Targets []point `json:"targets"`
	}
	bad := body{}
	bad.Properties.Name = "caf\xe9"
	nan := body{Targets: []point{{}, {Coordinates: []float64{1, math.NaN()}}}}
	for _, tc := range []struct {
		name  string
		body  any
		field string
	}{
		{"invalid UTF-8", bad, "properties.name"},
		{"NaN in an array", nan, "targets[1].coordinates[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newTestClient(t, srv.URL).Do(context.Background(),
				&Request{Method: http.MethodPost, Path: "orders/", Body: tc.body, Create: true}, nil)
			var ve *tasking.ValidationError
			require.True(t, errors.As(err, &ve), "got %T %v", err, err)
			assert.Equal(t, tc.field, ve.Field)
			assert.Contains(t, ve.Reason, "cannot be sent as JSON")
			assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
		})
	}
	assert.Zero(t, n.Load(), "nothing may be sent")
}

func TestFieldPath(t *testing.T) {
	for p, want := range map[string]string{"": "", "/a": "a", "/a/0/b": "a[0].b", "/0/1": "[0][1]", "/a~1b/c": "a/b.c"} {
		assert.Equal(t, want, fieldPath(jsontext.Pointer(p)), p)
	}
}
