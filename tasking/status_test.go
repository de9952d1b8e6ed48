package tasking

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatusClassification(t *testing.T) {
	type class struct{ terminal, success, failure, cancelled bool }
	want := map[Status]class{
		StatusUnknown:            {},
		StatusReceived:           {},
		StatusActionRequired:     {},
		StatusPlanning:           {},
		StatusScheduled:          {},
		StatusInProgress:         {},
		StatusOnHold:             {},
		StatusCancelling:         {},
		StatusCompleted:          {terminal: true, success: true},
		StatusPartiallyCompleted: {terminal: true, success: true},
		StatusCancelled:          {terminal: true, cancelled: true},
		StatusRejected:           {terminal: true, failure: true},
		StatusExpired:            {terminal: true, failure: true},
		StatusFailed:             {terminal: true, failure: true},
	}
	require.Len(t, Statuses(), 14)
	for _, s := range Statuses() {
		w, ok := want[s]
		require.True(t, ok, "no expectation for %q", s)
		got := class{s.IsTerminal(), s.IsSuccess(), s.IsFailure(), s.IsCancelled()}
		assert.Equal(t, w, got, "status %s", s)
		assert.True(t, s.Known())
	}
	assert.False(t, Status("teleported").IsTerminal())
	assert.False(t, Status("teleported").Known())
}

func TestStatusText(t *testing.T) {
	for _, s := range Statuses() {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var back Status
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s, back)
		p, err := ParseStatus(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, p)
	}
	b, _ := json.Marshal(StatusUnknown)
	assert.Equal(t, `"unknown"`, string(b))
	var s Status
	require.NoError(t, json.Unmarshal([]byte(`"from_the_future"`), &s), "unknown values decode")
	assert.Equal(t, Status("from_the_future"), s)
	_, err := ParseStatus("nope")
	assert.ErrorContains(t, err, `"nope"`)

	var c CaptureStatus
	require.NoError(t, json.Unmarshal([]byte(`"published"`), &c))
	assert.True(t, c.IsTerminal())
	for _, cs := range CaptureStatuses() {
		b, _ := json.Marshal(cs)
		var back CaptureStatus
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, cs, back)
	}
	assert.False(t, CaptureQueued.IsTerminal())
	assert.True(t, CaptureRemoved.IsTerminal())
}

func TestAPIErrorIs(t *testing.T) {
	cases := map[int]error{400: ErrInvalidRequest, 422: ErrInvalidRequest, 401: ErrUnauthorized, 403: ErrForbidden,
		404: ErrNotFound, 409: ErrConflict, 429: ErrRateLimited, 500: ErrServer, 503: ErrServer}
	all := []error{ErrInvalidRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer}
	for code, sentinel := range cases {
		err := fmt.Errorf("wrapped: %w", &APIError{Provider: "p", StatusCode: code})
		for _, s := range all {
			assert.Equal(t, s == sentinel, errors.Is(err, s), "status %d vs %v", code, s)
		}
	}
	e := &APIError{Provider: "planet", StatusCode: 429, Code: "throttled", Message: "slow down", Method: "GET",
		URL: "https://x/y", RetryAfter: 2e9, RequestID: "r1"}
	assert.Equal(t, "planet: GET https://x/y: 429 Too Many Requests [throttled]: slow down (retry after 2s) (request id r1)", e.Error())
	assert.True(t, e.Temporary())
	assert.False(t, (&APIError{StatusCode: http.StatusBadRequest}).Temporary())

	v := Invalid("end_time", "must be after start_time")
	assert.ErrorIs(t, v, ErrInvalidRequest)
	assert.Equal(t, "invalid end_time: must be after start_time", v.Error())
	de := &DecodeError{Provider: "p", Method: "GET", URL: "u", StatusCode: 200, Err: errors.New("eof")}
	assert.Contains(t, de.Error(), "cannot decode 200 response: eof")
}
